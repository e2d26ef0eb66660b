//! Fuzz the whole path a reader's files take: an economy (JSON, or CSV long format when the text does not start
//! with `{`), then a scenario (the JSON after a line `---`, or a 25% tariff on every cell), solved in bounded
//! slices. A solve either converges with every reported number finite or ends with a clean error; no slice does
//! much more than the work it was given.
#![no_main]
use libfuzzer_sys::fuzz_target;
use na_trade_explorer::data::csv_economy::economy_from_csv;
use na_trade_explorer::model::report::StopReason;
use na_trade_explorer::model::solver::{work_per_pass, SolveJob, SolverOptions};
use na_trade_explorer::{Economy, Measure, Scenario, ScenarioFile};

/// Work of one slice and of a whole solve, in cells: small, so that the fuzzer stays fast.
const SLICE: u64 = 20_000;
const TOTAL: u64 = 50_000_000;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (economy_text, scenario_text) = match text.split_once("\n---\n") {
        Some((e, s)) => (e, Some(s)),
        None => (text, None),
    };
    let economy = if economy_text.trim_start().starts_with('{') {
        Economy::from_json(economy_text)
    } else {
        economy_from_csv(economy_text)
    };
    let Ok(economy) = economy else { return };
    let file = match scenario_text {
        Some(s) => match ScenarioFile::from_json(s) {
            Ok(file) => file,
            Err(_) => return,
        },
        None => ScenarioFile {
            name: "fuzz".into(),
            measures: vec![Measure { label: "all".into(), tariff: Some(0.25), ..Default::default() }],
            ..ScenarioFile::default()
        },
    };
    let Ok(scenario) = Scenario::build(&file, &economy) else { return };
    let pass = work_per_pass(economy.n_countries(), economy.n_sectors());
    let options = SolverOptions { max_work: TOTAL, ..SolverOptions::default() };
    let mut job = SolveJob::new(economy, scenario, &options);
    loop {
        let before = job.work();
        let done = job.advance_bounded(usize::MAX, SLICE);
        assert!(job.work() - before <= SLICE + pass, "a slice did {} cells of work", job.work() - before);
        if done {
            break;
        }
        assert!(job.work() <= TOTAL + pass, "the total work limit holds");
    }
    match job.finish().2 {
        Ok(results) => {
            assert_eq!(results.solver.stop_reason, StopReason::Converged);
            assert!(results.all_finite(), "a converged result has only finite numbers");
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
});
