//! The `natx` command-line tool on good and bad input: exit codes, messages, the summary and the JSON keys.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::float_cmp, reason = "tests fail loudly on purpose")]

use std::process::{Command, Output};

fn natx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_natx")).args(args).output().expect("natx runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("natx-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write temp file");
    path
}

#[test]
fn presets_lists_every_preset() {
    let output = natx(&["presets"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for id in na_trade_explorer::data::presets::preset_ids() {
        assert!(text.contains(id), "{id} listed");
    }
}

#[test]
fn solve_prints_a_summary_table() {
    let output = natx(&["solve", "us-tariffs-2025"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for fragment in [
        "Real GDP %",
        "Real income %",
        "Prices %",
        "Cost/hh/yr",
        "Services, reported apart",
        "Real income in parts",
        "Both horizons",
        "first year",
        "horizon: long run",
        "Canada",
        "Mexico",
        "converged after",
        "Biggest trade changes",
        "CAN → USA",
        "Jobs moved",
    ] {
        assert!(text.contains(fragment), "summary contains {fragment:?}:\n{text}");
    }
}

#[test]
fn solve_json_has_the_model_md_keys_and_layouts() {
    let output = natx(&["solve", "usmca-lapses", "--json", "--elasticities", "uniform_4"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let (n, j) = (5, 10);
    let len = |key: &str| json[key].as_array().map(Vec::len).unwrap_or_else(|| panic!("{key} is an array"));
    for key in [
        "w_hat",
        "P_cpi_hat",
        "tariff_revenue_base",
        "tariff_revenue_new",
        "I_base",
        "I_new",
        "W_hat",
        "real_wage_hat",
        "welfare_pct",
    ] {
        assert_eq!(len(key), n, "{key} is [N]");
    }
    for key in ["c_hat", "P_hat", "Xn_new", "Y_new"] {
        assert_eq!(len(key), n, "{key} is [N][J]");
        assert_eq!(json[key][0].as_array().map(Vec::len), Some(j), "{key}[0] has J entries");
    }
    for key in ["pi_new", "X_new"] {
        assert_eq!(len(key), j, "{key} is [J][N][N]");
        assert_eq!(json[key][0].as_array().map(Vec::len), Some(n));
        assert_eq!(json[key][0][0].as_array().map(Vec::len), Some(n));
    }
    assert_eq!(json["solver"]["stop_reason"], "converged");
    let share_sum: f64 =
        json["pi_new"][4][1].as_array().expect("row").iter().map(|v| v.as_f64().expect("number")).sum();
    assert!((share_sum - 1.0).abs() < 1e-12, "trade shares sum to 1: {share_sum}");
}

#[test]
fn solve_accepts_scenario_and_economy_files() {
    let scenario = temp_file(
        "scenario.json",
        r#"{"name": "Test", "description": "US 10% on Canadian vehicles.",
            "measures": [{"label": "v", "importers": ["USA"], "exporters": ["CAN"], "sectors": ["vehicles"], "tariff": 0.1}]}"#,
    );
    let output = natx(&["solve", scenario.to_str().expect("path")]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("US 10% on Canadian vehicles."));
    let economy_text =
        serde_json::to_string(&na_trade_explorer::data::synthetic::random_economy_file(3, 2, 5)).expect("json");
    let economy = temp_file("economy.json", &economy_text);
    let scenario = temp_file(
        "scenario3.json",
        r#"{"name": "T", "description": "d", "measures": [{"label": "t", "tariff": 0.3}]}"#,
    );
    let output = natx(&["solve", scenario.to_str().expect("path"), "--economy", economy.to_str().expect("path")]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("C002"));
}

#[test]
fn bad_input_exits_non_zero_with_a_clear_message() {
    let output = natx(&["solve", "no-such-preset"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("'no-such-preset' is neither a preset"), "{}", stderr(&output));

    let output = natx(&["solve", "us-tariffs-2025", "--elasticities", "uniform_7"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("unknown elasticity set 'uniform_7'"));

    let economy = temp_file(
        "bad-economy.json",
        r#"{"countries": ["A", "B"], "sectors": ["s"], "X": [[[1, -2], [1, 1]]], "tau": [[[0, 0], [0, 0]]], "theta": [4], "gamma_va": [[1], [1]], "gamma_io": [[[0]], [[0]]]}"#,
    );
    let output = natx(&["solve", "us-tariffs-2025", "--economy", economy.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("X[0][0][1]: must be a finite number ≥ 0, found -2"), "{}", stderr(&output));

    let scenario = temp_file(
        "bad-scenario.json",
        r#"{"name": "Bad", "description": "d", "measures": [{"label": "x", "importers": ["USA"], "tariff": -1}]}"#,
    );
    let output = natx(&["solve", scenario.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("measures[0].tariff: must be a rate between 0 and 100"), "{}", stderr(&output));

    let output = natx(&["solve", "us-tariffs-2025", "--economy", "/nonexistent/economy.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot read economy file"));

    let output = natx(&["frobnicate"]);
    assert_eq!(output.status.code(), Some(2), "usage errors exit 2");
}

#[test]
fn non_convergence_is_an_error() {
    // Cutting the US (which runs a fixed deficit) off from the world has no equilibrium.
    let scenario = temp_file(
        "isolate.json",
        r#"{"name": "Isolate", "description": "The US cut off.",
            "measures": [{"label": "in", "importers": ["USA"], "trade_cost": 1000000},
                         {"label": "out", "exporters": ["USA"], "trade_cost": 1000000}]}"#,
    );
    let output = natx(&["solve", scenario.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the solver did not converge"), "{}", stderr(&output));
}

#[test]
fn solve_accepts_a_csv_economy_and_lists_its_problems() {
    let root = env!("CARGO_MANIFEST_DIR");
    let output = natx(&[
        "solve",
        &format!("{root}/data/examples/three-country-tariff.json"),
        "--economy",
        &format!("{root}/data/examples/three-country.csv"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("Southland"));
    let bad = temp_file("bad.csv", "table,key1,key2,key3,value\nflow,A,B,s,x\nflow,B,A,s,-1\n");
    let output = natx(&["solve", "us-tariffs-2025", "--economy", bad.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("row 2, value: `x` is not a finite number") && message.contains("row 3, value: must be ≥ 0"),
        "{message}"
    );
    let output = natx(&["export-csv"]);
    assert!(output.status.success());
    assert!(stdout(&output).starts_with("table,key1,key2,key3,value\nflow,USA,USA,agri_food,"));
}

#[test]
fn solve_can_report_uncertainty_ranges() {
    let output = natx(&["solve", "us-tariffs-2025", "--ranges"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("5th–95th percentile over 200 elasticity draws"));
    let output = natx(&["solve", "usmca-lapses", "--ranges", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let canada = &json["ranges"]["welfare_pct"][1];
    let (low, high) = (canada["low"].as_f64().expect("low"), canada["high"].as_f64().expect("high"));
    let point = json["welfare_pct"][1].as_f64().expect("point");
    assert!(low <= point && point <= high, "{low} ≤ {point} ≤ {high}");
}

/// `natx rebase` on bad input: a clear message on standard error, exit status 1, never a panic.
#[test]
fn rebase_rejects_bad_input_with_a_message() {
    let check = |args: &[&str], expected: &str| {
        let output = natx(args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "natx {args:?}: {message}");
        assert!(message.starts_with("error: ") && message.contains(expected), "natx {args:?}: {message}");
        assert!(!message.contains("panicked"), "{message}");
        assert!(stdout(&output).is_empty(), "nothing written on failure");
    };
    check(&["rebase", "no-such-economy.json"], "cannot read economy file");
    let not_json = temp_file("rebase-not-json.json", "{\"countries\": [");
    check(&["rebase", not_json.to_str().expect("path")], "economy file is not valid");
    // Country 1 buys almost nothing but its industries still sell (and use inputs): no final demand at all.
    let mut file = na_trade_explorer::data::synthetic::random_economy_file(3, 2, 5);
    for j in 0..2 {
        for i in 0..3 {
            file.X[j][1][i] *= 1e-4;
        }
    }
    let country = file.countries[1].clone();
    let path = temp_file("rebase-no-final-demand.json", &serde_json::to_string(&file).expect("json"));
    check(&["rebase", path.to_str().expect("path")], &format!("country '{country}' has no final demand at all"));
    check(
        &["solve", "us-tariffs-2025", "--economy", path.to_str().expect("path"), "--balanced-trade"],
        "has no final demand at all",
    );
    // A sector used as an input that the country buys from no one cannot be made consistent.
    let mut file = na_trade_explorer::data::synthetic::random_economy_file(3, 2, 5);
    for n in 0..3 {
        file.X[1][0][n] = 0.0;
    }
    let path = temp_file("rebase-no-absorption.json", &serde_json::to_string(&file).expect("json"));
    check(&["rebase", path.to_str().expect("path")], "cannot be made consistent");
}

#[test]
fn rebase_writes_an_economy_that_solves_and_balanced_trade_solves_the_built_in_baseline() {
    let path =
        temp_file("rebase-input.json", &stdout(&natx(&["random-economy", "--countries", "4", "--sectors", "3"])));
    let output = natx(&["rebase", path.to_str().expect("path"), "--balanced-trade"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let rebased = temp_file("rebase-output.json", &stdout(&output));
    let economy = na_trade_explorer::Economy::from_json(&stdout(&output)).expect("a valid economy");
    let scale: f64 = economy.income().iter().sum();
    assert!(economy.deficits().iter().all(|d| d.abs() < 1e-9 * scale), "{:?}", economy.deficits());
    let output = natx(&["baseline", "--economy", rebased.to_str().expect("path")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = natx(&["solve", "us-tariffs-2025", "--balanced-trade", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    for key in ["welfare_pct", "welfare_tot_pct", "welfare_vot_pct"] {
        assert_eq!(json[key].as_array().map(Vec::len), Some(5), "{key}");
    }
}

/// The summary writes numbers through the page's English formats (`i18n::Text`), so that a figure reads the same in
/// the terminal and on the page.
#[test]
fn the_summary_writes_numbers_as_the_page_does() {
    let json: serde_json::Value =
        serde_json::from_slice(&natx(&["solve", "us-tariffs-2025", "--json"]).stdout).expect("valid JSON");
    let text = stdout(&natx(&["solve", "us-tariffs-2025"]));
    let english = na_trade_explorer::view::i18n::Text::default();
    let canada = text.lines().find(|l| l.starts_with("Canada ")).expect("a row for Canada");
    let welfare = json["welfare_pct"][1].as_f64().expect("welfare");
    let cost = json["derived"]["consumer_cost_per_household"][1].as_f64().expect("cost per household");
    for cell in [english.signed(welfare, 2), english.signed_dollars(cost)] {
        assert!(canada.contains(&format!(" {cell} ")), "{cell:?} in {canada:?}");
    }
    assert!(canada.contains('−'), "the page's minus sign: {canada}");
}

/// Issue 25: `natx compare A B` prints both scenarios and B − A at both horizons, the same numbers `natx solve`
/// gives; `natx timeline` has one row per dated step with what changed.
#[test]
fn compare_and_timeline_print_the_solves_numbers() {
    let output = natx(&["compare", "us-tariffs-2025", "usmca-lapses", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let solo = natx(&["solve", "usmca-lapses", "--json", "--horizon", "first_year"]);
    let solo: serde_json::Value = serde_json::from_slice(&solo.stdout).expect("valid JSON");
    assert_eq!(json["b"]["first_year"]["real_gdp_pct"], solo["derived"]["real_gdp_pct"]);
    let (a, b) = (&json["a"]["long_run"]["welfare_pct"][1], &json["b"]["long_run"]["welfare_pct"][1]);
    let diff = json["b_minus_a"]["long_run"]["welfare_pct"][1].as_f64().unwrap();
    assert!((diff - (b.as_f64().unwrap() - a.as_f64().unwrap())).abs() < 1e-12);
    let steps = natx(&["compare", "step:2025-03-04", "step:2025-06-04"]);
    assert!(steps.status.success(), "{}", stderr(&steps));
    assert!(stdout(&steps).contains("B − A"));
    let early = natx(&["compare", "step:2020-01-01", "us-tariffs-2025"]);
    assert_eq!(early.status.code(), Some(1));
    assert!(stderr(&early).contains("no timeline event is in force"));
    let timeline = natx(&["timeline", "--json"]);
    assert!(timeline.status.success(), "{}", stderr(&timeline));
    let json: serde_json::Value = serde_json::from_slice(&timeline.stdout).expect("valid JSON");
    let steps = json["steps"].as_array().unwrap();
    assert!(steps.len() >= 10, "{} steps", steps.len());
    assert!(steps.iter().all(|s| !s["changed"].as_array().unwrap().is_empty()));
    let dates: Vec<&str> = steps.iter().map(|s| s["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "one step per date, in order");
}
