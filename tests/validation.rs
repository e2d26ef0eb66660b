//! Every validation error of the economy and scenario formats: bad data is rejected with a message that names the
//! field, the index and the problem, and nothing panics.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::float_cmp, reason = "tests fail loudly on purpose")]

use na_trade_explorer::data::synthetic::random_economy_file;
use na_trade_explorer::{data::presets, Economy, EconomyFile, Households, Measure, ModelError, Scenario, ScenarioFile};

/// Apply `mutate` to a valid 3-country, 2-sector economy file and check that loading fails with a message
/// containing every fragment of `expected`.
fn check_economy(mutate: impl FnOnce(&mut EconomyFile), expected: &[&str]) {
    let mut file = random_economy_file(3, 2, 99);
    mutate(&mut file);
    match Economy::from_file(file) {
        Ok(_) => panic!("expected an error containing {expected:?}, but the economy loaded"),
        Err(error) => {
            let message = error.to_string();
            for fragment in expected {
                assert!(message.contains(fragment), "message {message:?} should contain {fragment:?}");
            }
        }
    }
}

#[test]
fn a_valid_economy_loads() {
    let economy = Economy::from_file(random_economy_file(3, 2, 99)).expect("valid");
    assert_eq!(economy.n_countries(), 3);
    let deficits: f64 = economy.deficits().iter().sum();
    assert!(deficits.abs() < 1e-9, "deficits sum to zero, got {deficits}");
}

#[test]
fn economy_shape_errors_name_the_field_and_index() {
    check_economy(
        |f| {
            f.X.pop();
        },
        &["X", "wrong length: expected 2, found 1"],
    );
    check_economy(
        |f| {
            f.X[1][2].push(1.0);
        },
        &["X[1][2]", "expected 3, found 4"],
    );
    check_economy(
        |f| {
            f.tau[0].pop();
        },
        &["tau[0]", "expected 3, found 2"],
    );
    check_economy(
        |f| {
            f.theta.push(4.0);
        },
        &["theta", "expected 2, found 3"],
    );
    check_economy(
        |f| {
            f.gamma_va.pop();
        },
        &["gamma_va", "expected 3, found 2"],
    );
    check_economy(
        |f| {
            f.gamma_io[2][1].pop();
        },
        &["gamma_io[2][1]", "expected 2, found 1"],
    );
    check_economy(
        |f| {
            f.countries.truncate(1);
            f.X.clear();
        },
        &["countries", "at least 2 countries"],
    );
    check_economy(
        |f| {
            f.sectors.clear();
        },
        &["sectors", "at least 1 sector"],
    );
}

#[test]
fn sizes_are_checked_before_anything_is_allocated() {
    // Declared counts far beyond the caps with empty rows: refused at once, naming the sizes.
    check_economy(
        |f| {
            f.countries = (0..20_000).map(|k| format!("C{k}")).collect();
            f.X = vec![vec![]];
        },
        &["too large", "20000 countries"],
    );
    check_economy(|f| f.sectors = (0..151).map(|k| format!("S{k}")).collect(), &["too large", "151 sectors"]);
    // Within the caps, a short row is a shape error naming its index.
    check_economy(|f| f.X[1][2] = vec![1.0], &["X[1][2]", "wrong length: expected 3, found 1"]);
    // Duplicate ids are found with a hash set (100,000 ids would be 5·10⁹ comparisons otherwise).
    check_economy(|f| f.countries[2] = f.countries[0].clone(), &["countries[2]", "appears twice"]);
}

#[test]
fn a_measure_on_own_country_cells_still_has_its_rate_checked() {
    let economy = Economy::from_file(random_economy_file(3, 2, 99)).expect("valid");
    let id = economy.countries()[0].clone();
    let file = ScenarioFile {
        measures: vec![Measure {
            label: "self".into(),
            importers: vec![id.clone()],
            exporters: vec![id],
            tariff: Some(-5.0),
            ..Default::default()
        }],
        ..Default::default()
    };
    let message = Scenario::build(&file, &economy).expect_err("refused").to_string();
    assert!(message.contains("measures[0].tariff") && message.contains("found -5"), "{message}");
}

#[test]
fn economy_value_errors_name_the_cell() {
    check_economy(|f| f.X[0][1][2] = -1.0, &["X[0][1][2]", "≥ 0", "-1"]);
    check_economy(|f| f.X[1][0][0] = f64::NAN, &["X[1][0][0]", "NaN"]);
    check_economy(|f| f.X[1][0][1] = f64::INFINITY, &["X[1][0][1]", "inf"]);
    check_economy(|f| f.tau[1][2][0] = -0.1, &["tau[1][2][0]", "rate between 0 and 100"]);
    // The baseline has the scenarios' cap: a huge rate is blamed on the economy file, not on a scenario.
    check_economy(|f| f.tau[1][2][0] = 1e308, &["tau[1][2][0]", "rate between 0 and 100", "1e+308"]);
    check_economy(|f| f.tau[0][1][1] = 0.1, &["tau[0][1][1]", "tariff on itself must be 0"]);
    check_economy(|f| f.theta[1] = 0.0, &["theta[1]", "elasticity", "between 0.1 and 100"]);
    check_economy(|f| f.theta[1] = 1e-20, &["theta[1]", "between 0.1 and 100", "1e-20"]);
    check_economy(|f| f.theta[0] = 250.0, &["theta[0]", "between 0.1 and 100", "250"]);
    check_economy(|f| f.theta[0] = -3.0, &["theta[0]", "found -3"]);
    check_economy(|f| f.gamma_va[2][1] = 1.5, &["gamma_va[2][1]", "share between 0.001 and 1"]);
    check_economy(|f| f.gamma_va[0][0] = 0.0, &["gamma_va[0][0]", "share between 0.001 and 1"]);
    check_economy(|f| f.gamma_va[0][1] = 1e-6, &["gamma_va[0][1]", "share between 0.001 and 1"]);
    check_economy(|f| f.gamma_io[1][0][1] = -0.2, &["gamma_io[1][0][1]", "share ≥ 0"]);
    check_economy(|f| f.gamma_va[1][0] *= 0.5, &["gamma_va + gamma_io[1][0]", "add up to", "expected 1"]);
}

#[test]
fn economy_consistency_errors_name_the_country() {
    check_economy(
        |f| {
            for plane in f.X.iter_mut() {
                plane[1].iter_mut().for_each(|v| *v = 0.0);
            }
        },
        &["country 'C001' buys nothing"],
    );
    check_economy(
        |f| {
            for plane in f.X.iter_mut() {
                for row in plane.iter_mut() {
                    row[2] = 0.0;
                }
            }
        },
        &["country 'C002' produces nothing"],
    );
    // Every sector of country 0 uses 95% of its costs in sector-0 inputs: more than sector 0's absorption.
    check_economy(
        |f| {
            for j in 0..2 {
                f.gamma_va[0][j] = 0.05;
                f.gamma_io[0][0][j] = 0.95;
                f.gamma_io[0][1][j] = 0.0;
            }
        },
        &["final demand for sector 'S00' in 'C000' would be negative"],
    );
}

#[test]
fn economy_id_and_optional_field_errors() {
    check_economy(|f| f.countries[2] = "C000".into(), &["countries[2]", "'C000' appears twice"]);
    check_economy(|f| f.sectors[0] = " ".into(), &["sectors[0]", "must not be empty"]);
    check_economy(|f| f.country_names = Some(vec!["A".into()]), &["country_names", "expected 3, found 1"]);
    check_economy(|f| f.sector_names = Some(vec![]), &["sector_names", "expected 2, found 0"]);
    check_economy(
        |f| {
            f.theta_sets = vec![na_trade_explorer::ThetaSet {
                id: "x".into(),
                label: "x".into(),
                source: String::new(),
                theta: vec![1.0],
                horizon: None,
            }]
        },
        &["theta_sets[0].theta", "expected 2, found 1"],
    );
    check_economy(|f| f.theta_horizon = Some("next_week".into()), &["theta_horizon", "'next_week' is not a horizon"]);
    check_economy(
        |f| f.services_sectors = vec!["banking".into()],
        &["services_sectors[0]", "'banking' is not a sector id"],
    );
    check_economy(
        |f| f.employment_by_sector_thousands = Some(vec![vec![1.0, -2.0]; 3]),
        &["employment_by_sector_thousands[0][1]", "must be a finite number ≥ 0"],
    );
    check_economy(
        |f| f.employment_by_sector_thousands = Some(vec![vec![1.0, 2.0]; 2]),
        &["employment_by_sector_thousands", "expected 3, found 2"],
    );
    check_economy(
        |f| {
            f.households = Some(Households {
                count_millions: vec![1.0, 2.0, 0.0],
                spending_per_household: vec![1.0; 3],
                source: String::new(),
            })
        },
        &["households.count_millions[2]", "> 0"],
    );
    check_economy(|f| f.employment_millions = Some(vec![1.0, 2.0]), &["employment_millions", "expected 3, found 2"]);
}

#[test]
fn malformed_json_is_a_parse_error_with_position() {
    let error = Economy::from_json("{\"countries\": [\"A\", ").expect_err("truncated JSON");
    let message = error.to_string();
    assert!(message.starts_with("economy file is not valid:") && message.contains("line 1"), "{message}");
    let text = serde_json::to_string(&random_economy_file(2, 1, 1))
        .expect("serialise")
        .replace("\"gamma_va\"", "\"gamma-va\"");
    let message = Economy::from_json(&text).expect_err("unknown field").to_string();
    assert!(message.contains("unknown field `gamma-va`"), "{message}");
    let message = Economy::from_json("{\"countries\": [\"A\",\"B\"], \"sectors\": [\"s\"], \"X\": [[[1e400]]]}")
        .expect_err("overflowing number")
        .to_string();
    assert!(message.contains("economy file is not valid"), "{message}");
}

/// Build `scenario` against a valid 3×2 economy and check the error message.
fn check_scenario(scenario: ScenarioFile, expected: &[&str]) {
    let economy = Economy::from_file(random_economy_file(3, 2, 99)).expect("valid");
    match Scenario::build(&scenario, &economy) {
        Ok(_) => panic!("expected an error containing {expected:?}"),
        Err(error) => {
            let message = error.to_string();
            for fragment in expected {
                assert!(message.contains(fragment), "message {message:?} should contain {fragment:?}");
            }
        }
    }
}

fn with_measure(measure: Measure) -> ScenarioFile {
    ScenarioFile { measures: vec![measure], ..ScenarioFile::baseline() }
}

#[test]
fn scenario_errors_name_the_field() {
    let mut full = ScenarioFile::baseline();
    full.tau_new = Some(vec![vec![vec![0.0; 3]; 3]]);
    check_scenario(full, &["tau_new", "expected 2, found 1"]);
    let mut diagonal = ScenarioFile::baseline();
    diagonal.tau_new = Some(vec![vec![vec![0.0, 0.1, 0.1], vec![0.1, 0.5, 0.1], vec![0.1, 0.1, 0.0]]; 2]);
    check_scenario(diagonal, &["tau_new[0][1][1]", "tariff on itself"]);
    let mut negative = ScenarioFile::baseline();
    negative.tau_new = Some(vec![vec![vec![0.0, -0.1, 0.0], vec![0.0; 3], vec![0.0; 3]]; 2]);
    check_scenario(negative, &["tau_new[0][0][1]", "between 0 and 100"]);
    let mut zero_cost = ScenarioFile::baseline();
    zero_cost.dhat = Some(vec![vec![vec![1.0, 0.0, 1.0], vec![1.0; 3], vec![1.0; 3]]; 2]);
    check_scenario(zero_cost, &["dhat[0][0][1]", "between 0.001 and 1,000,000"]);
    let mut domestic_cost = ScenarioFile::baseline();
    domestic_cost.dhat = Some(vec![vec![vec![0.9, 1.0, 1.0], vec![1.0; 3], vec![1.0; 3]]; 2]);
    check_scenario(domestic_cost, &["dhat[0][0][0]", "domestic trade costs"]);
    let mut claim = ScenarioFile::baseline();
    claim.usmca_claim_share.insert("C001".into(), 1.5);
    check_scenario(claim, &["usmca_claim_share.C001", "between 0 and 1"]);
    let mut claim_unknown = ScenarioFile::baseline();
    claim_unknown.usmca_claim_share.insert("ZZZ".into(), 0.5);
    check_scenario(claim_unknown, &["unknown country", "'ZZZ'", "C000, C001, C002"]);
}

#[test]
fn measure_errors_name_the_measure() {
    let base = Measure { label: "m".into(), tariff: Some(0.1), ..Default::default() };
    check_scenario(
        with_measure(Measure { importers: vec!["XYZ".into()], ..base.clone() }),
        &["unknown country in measures[0].importers", "'XYZ'"],
    );
    check_scenario(
        with_measure(Measure { sectors: vec!["steel".into()], ..base.clone() }),
        &["unknown sector in measures[0].sectors", "'steel'", "S00, S01"],
    );
    check_scenario(with_measure(Measure { trade_cost: Some(0.9), ..base.clone() }), &["measures[0]", "exactly one of"]);
    check_scenario(with_measure(Measure { tariff: None, ..base.clone() }), &["measures[0]", "exactly one of"]);
    check_scenario(with_measure(Measure { tariff: Some(-0.5), ..base.clone() }), &["measures[0].tariff", "found -0.5"]);
    check_scenario(with_measure(Measure { tariff: Some(f64::NAN), ..base.clone() }), &["measures[0].tariff", "NaN"]);
    check_scenario(
        with_measure(Measure { tariff: Some(1e9), ..base.clone() }),
        &["measures[0].tariff", "between 0 and 100"],
    );
    check_scenario(
        with_measure(Measure { tariff: None, trade_cost: Some(0.0), ..base.clone() }),
        &["measures[0].trade_cost", "between 0.001"],
    );
    check_scenario(
        with_measure(Measure { usmca_exempt: true, ..base.clone() }),
        &["measures[0].usmca_exempt", "no value for exporter"],
    );
    check_scenario(
        with_measure(Measure { tariff: None, trade_cost: Some(0.9), usmca_exempt: true, ..base }),
        &["measures[0].usmca_exempt", "only to tariffs"],
    );
    let message = ScenarioFile::from_json("{\"name\": \"x\"}").expect_err("missing field").to_string();
    assert!(message.contains("scenario file is not valid") && message.contains("description"), "{message}");
}

#[test]
fn measures_write_applied_rates() {
    let economy = Economy::from_file(random_economy_file(3, 2, 99)).expect("valid");
    let mut file = with_measure(Measure {
        label: "tariff".into(),
        importers: vec!["C000".into()],
        exporters: vec!["C001".into(), "C002".into()],
        tariff: Some(0.25),
        usmca_exempt: true,
        ..Default::default()
    });
    file.usmca_claim_share.insert("C001".into(), 0.8);
    file.usmca_claim_share.insert("C002".into(), 0.0);
    file.measures.push(Measure {
        label: "add".into(),
        importers: vec!["C000".into()],
        exporters: vec!["C002".into()],
        sectors: vec!["S01".into()],
        tariff_add: Some(0.1),
        ..Default::default()
    });
    file.measures.push(Measure {
        label: "cost".into(),
        importers: vec!["C001".into()],
        exporters: vec!["C002".into()],
        trade_cost: Some(0.9),
        ..Default::default()
    });
    let scenario = Scenario::build(&file, &economy).expect("valid");
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    assert!(close(scenario.tariff(&economy, 0, 0, 1), 0.25 * 0.2), "exempt share: 25% × (1 − 0.8)");
    assert!(close(scenario.tariff(&economy, 0, 0, 2), 0.25));
    assert!(close(scenario.tariff(&economy, 1, 0, 2), 0.35), "tariff_add stacks");
    assert!(close(scenario.tariff(&economy, 0, 1, 0), economy.tariff(0, 1, 0)), "other cells keep the baseline");
    assert!(close(scenario.tariff(&economy, 0, 0, 0), 0.0), "own cells are skipped");
    assert!(close(scenario.trade_cost(&economy, 1, 1, 2), 0.9));
    assert!(close(scenario.trade_cost(&economy, 1, 2, 1), 1.0));
}

#[test]
fn unknown_elasticity_set_and_preset_are_named() {
    let economy = presets::north_america_2024().expect("baseline");
    let message = economy.with_theta_set("uniform_9").expect_err("unknown").to_string();
    assert!(message.contains("unknown elasticity set 'uniform_9'") && message.contains("uniform_4"), "{message}");
    let message = presets::preset("nafta-1994").expect_err("unknown").to_string();
    assert!(message.contains("unknown preset 'nafta-1994'") && message.contains("usmca-lapses"), "{message}");
    assert!(matches!(economy.with_theta(vec![1.0; 3]), Err(ModelError::InvalidData { .. })));
}
