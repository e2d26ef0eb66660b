//! Fuzz the CSV long-format economy parser; a valid small economy is also solved under a 25% tariff on every cell,
//! and a converged result must have only finite numbers.
#![no_main]
#![allow(clippy::expect_used, reason = "a fuzz target reports a broken invariant by panicking")]
use libfuzzer_sys::fuzz_target;
use na_trade_explorer::model::report::StopReason;
use na_trade_explorer::model::solver::SolverOptions;
use na_trade_explorer::{solve_with, Measure, Scenario, ScenarioFile};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(economy) = na_trade_explorer::data::csv_economy::economy_from_csv(text) {
            if economy.n_countries() * economy.n_countries() * economy.n_sectors() <= 4096 {
                let file = ScenarioFile {
                    measures: vec![Measure { label: "all".into(), tariff: Some(0.25), ..Default::default() }],
                    ..ScenarioFile::default()
                };
                let scenario = Scenario::build(&file, &economy).expect("a tariff within the cap builds");
                let options = SolverOptions { max_work: 50_000_000, ..SolverOptions::default() };
                if let Ok(results) = solve_with(&economy, &scenario, &options) {
                    assert_eq!(results.solver.stop_reason, StopReason::Converged);
                    assert!(results.all_finite());
                }
            }
        }
    }
});
