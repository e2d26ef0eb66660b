//! Prepares the data files embedded into the crate (`include_str!` from `OUT_DIR`).
//!
//! Native builds (the command-line tool, the tests) embed the files in `data/` verbatim. The browser module
//! (wasm32) embeds them minified and without the documentation fields of individual measures (`note`,
//! `source`, `date` inside `measures`, and the timeline's `description`), which the page never shows: the
//! scenario and event sources it does show stay. This keeps about 12 KB (gzipped) of notes out of every page load;
//! the notes stay in `data/`, in the command-line tool and on GitHub.

use std::{env, fs, path::Path};

use serde_json::Value;

const FILES: &[&str] = &[
    "north-america-2024.json",
    "timeline.json",
    "map/north-america.json",
    "i18n/en.json",
    "i18n/fr.json",
    "i18n/es.json",
    "scenarios/baseline-2024.json",
    "scenarios/us-tariffs-2025.json",
    "scenarios/canada-retaliation-2025-03.json",
    "scenarios/canada-mexico-partnership.json",
    "scenarios/mexico-tariffs-on-china-2026.json",
    "scenarios/usmca-lapses.json",
    "scenarios/regime-2026-after-ieepa.json",
    "scenarios/all-out-trade-war.json",
];

/// Measure fields that only document the measure.
const MEASURE_NOTES: &[&str] = &["note", "source", "date"];

fn strip_measure_notes(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(measures)) = map.get_mut("measures") {
                for measure in measures.iter_mut().filter_map(Value::as_object_mut) {
                    measure.retain(|key, _| !MEASURE_NOTES.contains(&key.as_str()));
                }
            }
            map.values_mut().for_each(strip_measure_notes);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_measure_notes),
        _ => {}
    }
}

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let browser = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    for file in FILES {
        let source = Path::new("data").join(file);
        println!("cargo:rerun-if-changed={}", source.display());
        let text = fs::read_to_string(&source).unwrap_or_else(|e| panic!("cannot read {}: {e}", source.display()));
        let text = if browser {
            let mut value: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", source.display()));
            strip_measure_notes(&mut value);
            if *file == "timeline.json" {
                if let Some(map) = value.as_object_mut() {
                    map.remove("description");
                }
            }
            serde_json::to_string(&value).expect("a JSON value serialises")
        } else {
            text
        };
        let target = Path::new(&out).join(file);
        fs::create_dir_all(target.parent().expect("a file has a parent")).expect("OUT_DIR is writable");
        fs::write(&target, text).expect("OUT_DIR is writable");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
