//! The replication of Caliendo & Parro (2015): the paper's NAFTA table for Canada, Mexico and the US, from the
//! paper's own data, with the trade deficits of the data held fixed and from the balanced-trade baseline.
//!
//! The economy and the scenario are the committed output of `data/build/convert_cp2015.py`
//! (`data/validation/cp2015/`); this test does not re-run the converter. Each published figure (two decimals) must
//! be what ours rounds to.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use std::path::PathBuf;
use std::process::Command;

use na_trade_explorer::{rebase, solve, Economy, EconomyFile, RebaseOptions, Results, Scenario, ScenarioFile};

const NAFTA: [&str; 3] = ["CAN", "MEX", "USA"];

/// The paper's Table 3 (as reproduced by the R package paulofelipe/cp2015), percent, per country in `NAFTA`
/// order: welfare (ToT + VoT), terms of trade, volume of trade, real wage.
const ZERO_DEFICIT: [[f64; 4]; 3] = [[-0.06, -0.11, 0.04, 0.32], [1.31, -0.41, 1.72, 1.72], [0.08, 0.04, 0.04, 0.11]];
const DEFICITS_FIXED: [[f64; 4]; 3] = [[-0.04, -0.08, 0.04, 0.33], [1.17, -0.41, 1.59, 1.64], [0.08, 0.05, 0.04, 0.12]];
const MEASURES: [&str; 4] = ["welfare (ToT + VoT)", "terms of trade", "volume of trade", "real wage"];

fn data_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/validation/cp2015").join(name)
}

fn raw_economy() -> EconomyFile {
    let text = std::fs::read_to_string(data_path("cp2015-1993.json")).expect("the converted economy is committed");
    serde_json::from_str(&text).expect("the converted economy parses")
}

fn nafta_scenario() -> ScenarioFile {
    let text = std::fs::read_to_string(data_path("nafta-1993-2005.json")).expect("the scenario is committed");
    ScenarioFile::from_json(&text).expect("the scenario parses")
}

/// Our four figures per NAFTA country, in the order of the published table.
fn figures(economy: &Economy, results: &Results) -> [[f64; 4]; 3] {
    NAFTA.map(|id| {
        let n = economy.country_index(id).expect("NAFTA country");
        let (tot, vot) = (results.welfare_tot_pct[n], results.welfare_vot_pct[n]);
        [tot + vot, tot, vot, 100.0 * (results.real_wage_hat[n] - 1.0)]
    })
}

/// Every figure rounds to the published one (compared in hundredths, as integers).
fn check(baseline: &str, ours: [[f64; 4]; 3], published: [[f64; 4]; 3]) {
    for (c, country) in NAFTA.iter().enumerate() {
        for (m, measure) in MEASURES.iter().enumerate() {
            let (mine, paper) = (ours[c][m], published[c][m]);
            assert_eq!(
                (mine * 100.0).round() as i64,
                (paper * 100.0).round() as i64,
                "{baseline}, {country}, {measure}: ours {mine:.4}, published {paper:.2}"
            );
        }
    }
}

fn replicate(balanced_trade: bool) -> [[f64; 4]; 3] {
    let options = RebaseOptions { balanced_trade, ..Default::default() };
    let rebased = rebase(raw_economy(), &options).expect("the paper's data rebase");
    let scenario = Scenario::build(&nafta_scenario(), &rebased.economy).expect("the NAFTA scenario builds");
    let results = solve(&rebased.economy, &scenario).expect("the NAFTA experiment solves");
    figures(&rebased.economy, &results)
}

#[test]
fn the_raw_data_are_rejected_until_rebased() {
    let error = Economy::from_file(raw_economy()).unwrap_err().to_string();
    assert!(error.contains("final demand for sector 'Wood' in 'ARG' would be negative"), "{error}");
    let rebased = rebase(raw_economy(), &RebaseOptions::default()).unwrap();
    assert_eq!(rebased.report.cells_set_to_zero, 185, "the paper's 185 country-sectors");
    // The rebased baseline is an exact equilibrium: a zero shock returns every hat equal to 1.
    let results = solve(&rebased.economy, &Scenario::baseline(&rebased.economy)).unwrap();
    for (n, w) in results.w_hat.iter().enumerate() {
        assert!((w - 1.0).abs() < 1e-9, "w_hat[{n}] = {w}");
    }
}

#[test]
fn nafta_with_the_deficits_of_the_data_held_fixed_matches_the_paper() {
    check("deficits held fixed", replicate(false), DEFICITS_FIXED);
}

#[test]
fn nafta_from_the_balanced_trade_baseline_matches_the_paper() {
    check("zero-deficit baseline", replicate(true), ZERO_DEFICIT);
}

/// The same through the command-line tool, as a reader runs it: `natx rebase E > E2`, then
/// `natx solve S --economy E2 --json`; and `natx solve S --economy E --balanced-trade` in one step.
#[test]
fn the_command_line_reproduces_the_paper() {
    let natx = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_natx")).args(args).output().expect("natx runs");
        assert!(output.status.success(), "natx {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        output
    };
    let raw = data_path("cp2015-1993.json");
    let scenario = data_path("nafta-1993-2005.json");
    let dir = std::env::temp_dir().join(format!("natx-cp2015-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rebased = dir.join("cp2015-rebased.json");
    let output = natx(&["rebase", raw.to_str().unwrap()]);
    let warning = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(warning.contains("185 country-sector(s)"), "{warning}");
    std::fs::write(&rebased, &output.stdout).unwrap();
    let read = |args: &[&str]| -> [[f64; 4]; 3] {
        let json: serde_json::Value = serde_json::from_slice(&natx(args).stdout).unwrap();
        let countries: Vec<&str> = json["countries"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        NAFTA.map(|id| {
            let n = countries.iter().position(|c| *c == id).unwrap();
            let pick = |key: &str| json[key][n].as_f64().unwrap();
            let (tot, vot) = (pick("welfare_tot_pct"), pick("welfare_vot_pct"));
            [tot + vot, tot, vot, 100.0 * (pick("real_wage_hat") - 1.0)]
        })
    };
    let (scenario, rebased, raw) = (scenario.to_str().unwrap(), rebased.to_str().unwrap(), raw.to_str().unwrap());
    check("natx, deficits held fixed", read(&["solve", scenario, "--economy", rebased, "--json"]), DEFICITS_FIXED);
    check(
        "natx, zero-deficit baseline",
        read(&["solve", scenario, "--economy", raw, "--balanced-trade", "--json"]),
        ZERO_DEFICIT,
    );
    std::fs::remove_dir_all(&dir).ok();
}
