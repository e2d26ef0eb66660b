//! Prepares the data files embedded into the crate (`include!`/`include_str!` from `OUT_DIR`).
//!
//! - The string catalogues become sorted Rust arrays (`catalogues.rs`); the browser module gets English only.
//! - The map becomes integer coordinate arrays (`map.rs`).
//! - Native builds (the command-line tool, the tests) embed the other files in `data/` verbatim. The browser
//!   module (wasm32) embeds them minified and without what the page never shows: per-measure `note`, `source`
//!   and `date`, the timeline's `description`, the baseline's `notes`, and the preset names and descriptions and
//!   timeline titles (the page shows the catalogue's, in the reader's language). Scenario and event sources stay.
//!   Everything left out stays in `data/`, in the command-line tool and on GitHub.

#![allow(clippy::expect_used, reason = "a build script reports a broken data file by failing the build")]

use std::{env, fs, path::Path};

use serde_json::Value;

const FILES: &[&str] = &[
    "north-america-2024.json",
    "timeline.json",
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

/// Texts the page takes from the string catalogue instead (`preset.{id}.name`, `preset.{id}.description`,
/// `timeline.{id}`), and notes it never shows: left out of the browser module.
fn strip_shown_from_catalogue(file: &str, value: &mut Value) {
    let Some(map) = value.as_object_mut() else { return };
    if file.starts_with("scenarios/") {
        for key in ["name", "description"] {
            map.insert(key.into(), Value::String(String::new()));
        }
    } else if file == "timeline.json" {
        map.remove("description");
        if let Some(Value::Array(events)) = map.get_mut("events") {
            for event in events.iter_mut().filter_map(Value::as_object_mut) {
                event.insert("title".into(), Value::String(String::new()));
            }
        }
    } else if file == "north-america-2024.json" {
        map.remove("notes");
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
            strip_shown_from_catalogue(file, &mut value);
            serde_json::to_string(&value).expect("a JSON value serialises")
        } else {
            text
        };
        let target = Path::new(&out).join(file);
        fs::create_dir_all(target.parent().expect("a file has a parent")).expect("OUT_DIR is writable");
        fs::write(&target, text).expect("OUT_DIR is writable");
    }
    // The catalogues built into the crate, as sorted Rust arrays: nothing to parse when the page starts.
    // The browser module carries English only (the page fetches French or Spanish when needed).
    let mut code = String::new();
    for lang in ["en", "fr", "es"] {
        let built_in = lang == "en" || !browser;
        let source = Path::new("data/i18n").join(format!("{lang}.json"));
        println!("cargo:rerun-if-changed={}", source.display());
        let text = fs::read_to_string(&source).unwrap_or_else(|e| panic!("cannot read {}: {e}", source.display()));
        let map: std::collections::BTreeMap<String, String> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not a catalogue: {e}", source.display()));
        code += &format!("/// `data/i18n/{lang}.json`, sorted by key.\n");
        if built_in {
            code += &format!("pub(crate) static {}: Option<&[(&str, &str)]> = Some(&[\n", lang.to_uppercase());
            for (key, value) in &map {
                code += &format!("    ({key:?}, {value:?}),\n");
            }
            code += "]);\n";
        } else {
            code += &format!("pub(crate) static {}: Option<&[(&str, &str)]> = None;\n", lang.to_uppercase());
        }
    }
    fs::write(Path::new(&out).join("catalogues.rs"), code).expect("OUT_DIR is writable");

    // The map as Rust arrays: coordinates in ten-thousandths of the unit box (the file has four decimals).
    let source = Path::new("data/map/north-america.json");
    println!("cargo:rerun-if-changed={}", source.display());
    let map: Value = serde_json::from_str(&fs::read_to_string(source).expect("data/map/north-america.json exists"))
        .expect("the map is valid JSON");
    let unit = |v: &Value| -> u16 {
        let x = v.as_f64().expect("a coordinate is a number");
        assert!((0.0..=1.0).contains(&x), "map coordinates lie in the unit box");
        (x * 10_000.0).round() as u16
    };
    let mut code = format!(
        "/// Width over height of the projected map.\npub(crate) const ASPECT: f64 = {};\n",
        map["aspect"].as_f64().expect("the map has an aspect")
    );
    code += "/// Country outlines (every ring of every country), in ten-thousandths of the unit box, y down.\n";
    code += "pub(crate) static RINGS: &[&[[u16; 2]]] = &[\n";
    for rings in map["countries"].as_object().expect("the map has countries").values() {
        for ring in rings.as_array().expect("a country is a list of rings") {
            let points: Vec<String> = ring
                .as_array()
                .expect("a ring is a list of points")
                .iter()
                .map(|p| format!("[{},{}]", unit(&p[0]), unit(&p[1])))
                .collect();
            code += &format!("    &[{}],\n", points.join(","));
        }
    }
    code += "];\n/// Node positions of the countries on the map, in the unit box.\n";
    code += "pub(crate) static NODES: &[(&str, [f64; 2])] = &[\n";
    for (id, p) in map["nodes"].as_object().expect("the map has nodes") {
        code += &format!("    ({id:?}, [{:?}, {:?}]),\n", p[0].as_f64().unwrap_or(0.5), p[1].as_f64().unwrap_or(0.5));
    }
    code += "];\n";
    fs::write(Path::new(&out).join("map.rs"), code).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=build.rs");
}
