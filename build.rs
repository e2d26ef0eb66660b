//! Prepares the data embedded into the crate, as Rust source in `OUT_DIR` (`include!`d by the crate), so that
//! nothing is parsed for it when the page starts.
//!
//! - The baseline economy, the preset scenarios and the timeline become static arrays and a constructor
//!   (`embedded.rs`, read by `src/data/embedded.rs`): numbers are written as the shortest `f64` literals that read
//!   back to the same bits. The browser module (wasm32) leaves out what the page never shows: per-measure `note`,
//!   `source` and `date`, the baseline's `notes`, the preset names and descriptions and the timeline titles (the
//!   page shows the catalogue's, in the reader's language). Scenario and event sources stay. Native builds (the
//!   command-line tool, the tests) carry everything; everything left out stays in `data/` and on GitHub.
//! - The string catalogues become sorted Rust arrays (`catalogues.rs`); the browser module gets English only.
//! - The map becomes integer coordinate arrays (`map.rs`).

#![allow(clippy::expect_used, reason = "a build script reports a broken data file by failing the build")]

use std::{env, fs, path::Path};

use serde_json::Value;

/// The decimal pairs of the embedded numbers: the crate reads them with the same file's `decode`.
#[path = "src/data/decimal.rs"]
mod decimal;

/// The preset scenarios, in the order a reader meets them (`data/scenarios/{id}.json`).
const PRESET_IDS: &[&str] = &[
    "baseline-2024",
    "us-tariffs-2025",
    "us-all-tariffs-2025",
    "canada-retaliation-2025-03",
    "canada-mexico-partnership",
    "mexico-tariffs-on-china-2026",
    "usmca-lapses",
    "regime-2026-after-ieepa",
    "all-out-trade-war",
];

fn read_json(path: &Path) -> Value {
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

/// The fields of an object, refusing any field the model's file types do not have (as their
/// `deny_unknown_fields` does), so that nothing in a data file is silently left out of the crate.
fn fields<'a>(value: &'a Value, what: &str, known: &[&str]) -> &'a serde_json::Map<String, Value> {
    let map = value.as_object().unwrap_or_else(|| panic!("{what} is not an object"));
    if let Some(key) = map.keys().find(|key| !known.contains(&key.as_str())) {
        panic!("{what} has a field '{key}' that build.rs does not embed");
    }
    map
}

/// A string as a Rust literal (`""` when absent).
fn string(value: Option<&Value>, what: &str) -> String {
    let text = value.map_or("", |v| v.as_str().unwrap_or_else(|| panic!("{what} is not a string")));
    format!("{text:?}")
}

/// An `f64` as a Rust literal that reads back to the same bits: `{:?}` writes the shortest decimal that does,
/// and rustc rounds literals correctly. The value itself is what serde_json reads from the file, as before.
fn number(value: &Value, what: &str) -> String {
    let x = value.as_f64().unwrap_or_else(|| panic!("{what} is not a number"));
    assert!(x.is_finite(), "{what} is not finite");
    format!("{x:?}")
}

fn optional_number(value: Option<&Value>, what: &str) -> String {
    value.map_or("None".into(), |v| format!("Some({})", number(v, what)))
}

/// A measure's `coverage` as `Some((central, low, high, rate_per_share))`.
fn coverage(value: Option<&Value>, what: &str) -> String {
    value.map_or("None".into(), |v| {
        let what = format!("{what}.coverage");
        let f = fields(v, &what, &["central", "low", "high", "rate_per_share"]);
        let get = |key: &str| number(f.get(key).unwrap_or_else(|| panic!("{what} has no {key}")), &what);
        format!("Some(({}, {}, {}, {}))", get("central"), get("low"), get("high"), get("rate_per_share"))
    })
}

fn boolean(value: Option<&Value>, what: &str) -> String {
    value.is_some_and(|v| v.as_bool().unwrap_or_else(|| panic!("{what} is not true or false"))).to_string()
}

/// A list of strings as a Rust slice `&["a", "b"]` (empty when absent).
fn strings(value: Option<&Value>, what: &str) -> String {
    let items = value.map_or(&[][..], |v| v.as_array().unwrap_or_else(|| panic!("{what} is not a list")));
    let items: Vec<String> = items.iter().map(|item| string(Some(item), what)).collect();
    format!("&[{}]", items.join(", "))
}

/// Nested lists of numbers as nested Rust slices of `Numbers` (`depth` 1: `Numbers::Decimal(&[(1, 0), (25, 2)])`,
/// 2: `&[Numbers::…, …]`, …). A list with a number that has no exact decimal pair is written as `f64` literals.
fn numbers(value: &Value, depth: usize, what: &str) -> String {
    let items = value.as_array().unwrap_or_else(|| panic!("{what} is not a list"));
    if depth > 1 {
        let items: Vec<String> = items.iter().map(|item| numbers(item, depth - 1, what)).collect();
        return format!("&[{}]", items.join(", "));
    }
    let values: Vec<f64> =
        items.iter().map(|item| item.as_f64().unwrap_or_else(|| panic!("{what} is not a number"))).collect();
    match values.iter().map(|&x| decimal::encode(x)).collect::<Option<Vec<_>>>() {
        Some(pairs) => {
            let pairs: Vec<String> = pairs.iter().map(|(m, k)| format!("({m}, {k})")).collect();
            format!("Numbers::Decimal(&[{}])", pairs.join(", "))
        }
        None => {
            let literals: Vec<String> = items.iter().map(|item| number(item, what)).collect();
            format!("Numbers::Exact(&[{}])", literals.join(", "))
        }
    }
}

/// An id → number object as a Rust slice of pairs, sorted by id as `IdValues` keeps them.
fn id_values(value: Option<&Value>, what: &str) -> String {
    let Some(value) = value else { return "&[]".into() };
    let map = value.as_object().unwrap_or_else(|| panic!("{what} is not an object"));
    let mut pairs: Vec<(&String, &Value)> = map.iter().collect();
    pairs.sort_by(|a, b| a.0.cmp(b.0));
    let pairs: Vec<String> = pairs.iter().map(|(id, v)| format!("({id:?}, {})", number(v, what))).collect();
    format!("&[{}]", pairs.join(", "))
}

/// An id → (id → number) object as a Rust slice of `(id, &[(id, number)])`, both levels sorted by id.
fn nested_id_values(value: Option<&Value>, what: &str) -> String {
    let Some(value) = value else { return "&[]".into() };
    let map = value.as_object().unwrap_or_else(|| panic!("{what} is not an object"));
    let mut pairs: Vec<(&String, &Value)> = map.iter().collect();
    pairs.sort_by(|a, b| a.0.cmp(b.0));
    let pairs: Vec<String> =
        pairs.iter().map(|(id, v)| format!("({id:?}, {})", id_values(Some(v), &format!("{what}.{id}")))).collect();
    format!("&[{}]", pairs.join(", "))
}

/// A list of measures as `MeasureData` literals. The browser module leaves out what only documents a measure
/// (`note`, `source`, `date`): the page never shows it.
fn measures(value: Option<&Value>, what: &str, browser: bool) -> String {
    let items = value.map_or(&[][..], |v| v.as_array().unwrap_or_else(|| panic!("{what}.measures is not a list")));
    let mut code = String::from("&[\n");
    for (m, measure) in items.iter().enumerate() {
        let what = format!("{what}.measures[{m}]");
        let known = [
            "label",
            "importers",
            "exporters",
            "sectors",
            "tariff",
            "tariff_add",
            "trade_cost",
            "usmca_exempt",
            "source",
            "date",
            "note",
            "coverage",
        ];
        let f = fields(measure, &what, &known);
        let documentation = |key: &str| if browser { "\"\"".into() } else { string(f.get(key), &what) };
        code += &format!(
            "        MeasureData {{ label: {}, importers: {}, exporters: {}, sectors: {}, tariff: {}, tariff_add: {}, \
             trade_cost: {}, usmca_exempt: {}, source: {}, date: {}, note: {}, coverage: {} }},\n",
            string(Some(f.get("label").unwrap_or_else(|| panic!("{what} has no label"))), &what),
            strings(f.get("importers"), &what),
            strings(f.get("exporters"), &what),
            strings(f.get("sectors"), &what),
            optional_number(f.get("tariff"), &what),
            optional_number(f.get("tariff_add"), &what),
            optional_number(f.get("trade_cost"), &what),
            boolean(f.get("usmca_exempt"), &what),
            documentation("source"),
            documentation("date"),
            documentation("note"),
            coverage(f.get("coverage"), &what),
        );
    }
    code + "    ]"
}

/// The preset scenarios as `ScenarioData` literals. The browser module leaves out their names and descriptions
/// (the page shows the catalogue's `preset.{id}.name` and `preset.{id}.description`, in the reader's language).
fn presets_code(browser: bool) -> String {
    let mut code =
        String::from("/// The preset scenarios (`data/scenarios/*.json`), in the order a reader meets them.\n");
    code += "pub(crate) static PRESETS: &[ScenarioData] = &[\n";
    for id in PRESET_IDS {
        let path = Path::new("data/scenarios").join(format!("{id}.json"));
        let value = read_json(&path);
        let what = path.display().to_string();
        let known = [
            "name",
            "description",
            "date",
            "sources",
            "usmca_claim_share",
            "usmca_claim_share_by_sector",
            "measures",
            "controls",
            "compare_horizons",
        ];
        let f = fields(&value, &what, &known);
        let shown = |key: &str| if browser { "\"\"".into() } else { string(f.get(key), &what) };
        code += &format!(
            "    ScenarioData {{\n        id: {id:?},\n        name: {},\n        description: {},\n        date: {},\n        \
             sources: {},\n        usmca_claim_share: {},\n        usmca_claim_share_by_sector: {},\n        \
             controls: {},\n        compare_horizons: {},\n        measures: {},\n    }},\n",
            shown("name"),
            shown("description"),
            string(f.get("date"), &what),
            strings(f.get("sources"), &what),
            id_values(f.get("usmca_claim_share"), &format!("{what}.usmca_claim_share")),
            nested_id_values(f.get("usmca_claim_share_by_sector"), &format!("{what}.usmca_claim_share_by_sector")),
            id_values(f.get("controls"), &format!("{what}.controls")),
            boolean(f.get("compare_horizons"), &what),
            measures(f.get("measures"), &what, browser),
        );
    }
    code + "];\n"
}

/// The timeline's events as `EventData` literals. The browser module leaves out their titles (the page shows the
/// catalogue's `timeline.{id}`); the file's own description stays in `data/`.
fn timeline_code(browser: bool) -> String {
    let path = Path::new("data/timeline.json");
    let value = read_json(path);
    let file = fields(&value, "data/timeline.json", &["description", "events"]);
    let events = file.get("events").and_then(Value::as_array).expect("data/timeline.json has a list of events");
    let mut code = String::from("/// The timeline's events (`data/timeline.json`), in file order.\n");
    code += "pub(crate) static EVENTS: &[EventData] = &[\n";
    for (e, event) in events.iter().enumerate() {
        let what = format!("data/timeline.json events[{e}]");
        let known = [
            "id",
            "date",
            "title",
            "source",
            "illustrative",
            "usmca_claim_share",
            "usmca_claim_share_by_sector",
            "measures",
        ];
        let f = fields(event, &what, &known);
        code += &format!(
            "    EventData {{\n        id: {},\n        date: {},\n        title: {},\n        source: {},\n        \
             illustrative: {},\n        usmca_claim_share: {},\n        usmca_claim_share_by_sector: {},\n        \
             measures: {},\n    }},\n",
            string(f.get("id"), &what),
            string(f.get("date"), &what),
            if browser { "\"\"".into() } else { string(f.get("title"), &what) },
            string(f.get("source"), &what),
            boolean(f.get("illustrative"), &what),
            id_values(f.get("usmca_claim_share"), &format!("{what}.usmca_claim_share")),
            nested_id_values(f.get("usmca_claim_share_by_sector"), &format!("{what}.usmca_claim_share_by_sector")),
            measures(f.get("measures"), &what, browser),
        );
    }
    code + "];\n"
}

/// The baseline economy as a function building its `EconomyFile` from static arrays. The browser module leaves
/// out the file's `notes` (never shown by the page).
fn baseline_code(browser: bool) -> String {
    let path = Path::new("data/north-america-2024.json");
    let value = read_json(path);
    let what = "data/north-america-2024.json";
    let known = [
        "countries",
        "sectors",
        "X",
        "tau",
        "theta",
        "gamma_va",
        "gamma_io",
        "name",
        "description",
        "year",
        "units",
        "country_names",
        "sector_names",
        "theta_sets",
        "households",
        "employment_millions",
        "sources",
        "notes",
        "theta_horizon",
        "services_sectors",
        "employment_by_sector_thousands",
        "unemployment_rate_pct",
        "rules_of_origin",
    ];
    let f = fields(&value, what, &known);
    let required = |key: &str| f.get(key).unwrap_or_else(|| panic!("{what} has no '{key}'"));
    let optional_string =
        |key: &str| f.get(key).map_or("None".into(), |v| format!("Some(text({}))", string(Some(v), what)));
    let optional_strings =
        |key: &str| f.get(key).map_or("None".into(), |v| format!("Some(texts({}))", strings(Some(v), what)));
    let mut theta_sets = String::from("vec![");
    for (s, set) in f.get("theta_sets").and_then(Value::as_array).map_or(&[][..], Vec::as_slice).iter().enumerate() {
        let what = format!("{what} theta_sets[{s}]");
        let set = fields(set, &what, &["id", "label", "source", "theta", "horizon"]);
        theta_sets += &format!(
            "\n            ThetaSet {{ id: text({}), label: text({}), source: text({}), theta: numbers(&{}), horizon: {} }},",
            string(set.get("id"), &what),
            string(set.get("label"), &what),
            string(set.get("source"), &what),
            numbers(set.get("theta").unwrap_or_else(|| panic!("{what} has no theta")), 1, &what),
            set.get("horizon").map_or("None".into(), |v| format!("Some(text({}))", string(Some(v), &what))),
        );
    }
    theta_sets += "\n        ]";
    let households = f.get("households").map_or("None".into(), |h| {
        let what = format!("{what} households");
        let h = fields(h, &what, &["count_millions", "spending_per_household", "source"]);
        let list = |key: &str| numbers(h.get(key).unwrap_or_else(|| panic!("{what} has no {key}")), 1, &what);
        format!(
            "Some(Households {{ count_millions: numbers(&{}), spending_per_household: numbers(&{}), source: text({}) }})",
            list("count_millions"),
            list("spending_per_household"),
            string(h.get("source"), &what),
        )
    });
    let rules = f.get("rules_of_origin").map_or("None".into(), |r| {
        let what = format!("{what} rules_of_origin");
        let r = fields(r, &what, &["importer", "baseline_claim_share", "compliance_cost", "source"]);
        format!(
            "Some(RulesOfOrigin {{ importer: text({}), baseline_claim_share: id_values({}), compliance_cost: {}, \
             source: text({}) }})",
            string(r.get("importer"), &what),
            id_values(r.get("baseline_claim_share"), &what),
            number(r.get("compliance_cost").unwrap_or_else(|| panic!("{what} has no compliance_cost")), &what),
            string(r.get("source"), &what),
        )
    });
    let year = f.get("year").map_or("None".into(), |v| {
        let year =
            v.as_i64().and_then(|y| i32::try_from(y).ok()).unwrap_or_else(|| panic!("{what} year is not a year"));
        format!("Some({year})")
    });
    let mut code = String::from("/// The baseline economy file (`data/north-america-2024.json`).\n");
    code += "pub(crate) fn north_america_2024_file() -> EconomyFile {\n    EconomyFile {\n";
    for (field, expression) in [
        ("countries", format!("texts({})", strings(Some(required("countries")), what))),
        ("sectors", format!("texts({})", strings(Some(required("sectors")), what))),
        ("X", format!("planes({})", numbers(required("X"), 3, what))),
        ("tau", format!("planes({})", numbers(required("tau"), 3, what))),
        ("theta", format!("numbers(&{})", numbers(required("theta"), 1, what))),
        ("gamma_va", format!("rows({})", numbers(required("gamma_va"), 2, what))),
        ("gamma_io", format!("planes({})", numbers(required("gamma_io"), 3, what))),
        ("name", optional_string("name")),
        ("description", optional_string("description")),
        ("year", year),
        ("units", optional_string("units")),
        ("country_names", optional_strings("country_names")),
        ("sector_names", optional_strings("sector_names")),
        ("theta_sets", theta_sets),
        ("households", households),
        (
            "employment_millions",
            f.get("employment_millions").map_or("None".into(), |v| format!("Some(numbers(&{}))", numbers(v, 1, what))),
        ),
        ("sources", format!("texts({})", strings(f.get("sources"), what))),
        ("notes", if browser { "Vec::new()".into() } else { format!("texts({})", strings(f.get("notes"), what)) }),
        ("theta_horizon", optional_string("theta_horizon")),
        ("services_sectors", format!("texts({})", strings(f.get("services_sectors"), what))),
        (
            "employment_by_sector_thousands",
            f.get("employment_by_sector_thousands")
                .map_or("None".into(), |v| format!("Some(rows({}))", numbers(v, 2, what))),
        ),
        (
            "unemployment_rate_pct",
            f.get("unemployment_rate_pct")
                .map_or("None".into(), |v| format!("Some(numbers(&{}))", numbers(v, 1, what))),
        ),
        ("rules_of_origin", rules),
    ] {
        code += &format!("        {field}: {expression},\n");
    }
    code + "    }\n}\n"
}

/// The story's ranges (`data/story-ranges.json`, written by `natx timeline --ranges`) as two arrays: the dates,
/// and per date 24 numbers — first year then long run; real GDP then real income; the United States, Canada,
/// Mexico; low then high.
fn story_ranges_code() -> String {
    let path = Path::new("data/story-ranges.json");
    let value = read_json(path);
    let file = fields(&value, "data/story-ranges.json", &["about", "countries", "steps"]);
    let countries: Vec<&str> =
        file["countries"].as_array().expect("countries is a list").iter().filter_map(Value::as_str).collect();
    assert_eq!(countries, ["USA", "CAN", "MEX"], "data/story-ranges.json is for the United States, Canada, Mexico");
    let mut dates = Vec::new();
    let mut numbers = Vec::new();
    for (k, step) in file["steps"].as_array().expect("steps is a list").iter().enumerate() {
        let what = format!("data/story-ranges.json steps[{k}]");
        let step = fields(step, &what, &["date", "first_year", "long_run"]);
        dates.push(string(step.get("date"), &what));
        for horizon in ["first_year", "long_run"] {
            let figures = fields(&step[horizon], &what, &["real_gdp_pct", "real_income_pct"]);
            for measure in ["real_gdp_pct", "real_income_pct"] {
                let list = figures[measure].as_array().expect("a list of ranges");
                assert_eq!(list.len(), 3, "{what}.{horizon}.{measure}: one range per country");
                for range in list {
                    let range = fields(range, &what, &["low", "high"]);
                    numbers.push(number(&range["low"], &what));
                    numbers.push(number(&range["high"], &what));
                }
            }
        }
    }
    format!(
        "/// The story's dates (`data/story-ranges.json`).\npub(crate) static STORY_RANGE_DATES: &[&str] = &[{}];\n\
         /// The story's ranges, 24 per date (see build.rs).\npub(crate) static STORY_RANGES: &[f64] = &[{}];\n",
        dates.join(", "),
        numbers.join(", ")
    )
}

fn main() {
    println!("cargo:rerun-if-changed=src/data/decimal.rs");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let browser = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    // The baseline, the presets and the timeline as Rust: nothing is parsed for them at start-up, and the browser
    // module needs no deserializer for economy, scenario or timeline files (it does not read a reader's files).
    let code = [baseline_code(browser), presets_code(browser), timeline_code(browser), story_ranges_code()].join("\n");
    fs::write(Path::new(&out).join("embedded.rs"), code).expect("OUT_DIR is writable");

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
