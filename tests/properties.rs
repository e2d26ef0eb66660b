//! Property tests over random valid economies and scenarios: the solver converges (a realistic economy that does
//! not is a failure, not a pass; only a scenario whose fixed deficit cannot be financed may stop without a result),
//! the accounting identities hold and every reported number is finite at every solution, and nothing panics.
//! Loading random bytes and mutated files never panics either, and a slice of a solve never does much more work
//! than it was given.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use na_trade_explorer::data::synthetic::{random_economy_file, random_scenario_file};
use na_trade_explorer::{solve, Economy, ModelError, Scenario, ScenarioFile, StopReason};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    // Kept small so that CI stays fast; raise PROPTEST_CASES locally for a longer run.
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn solver_converges_or_reports_and_identities_hold(
        n_countries in 2usize..7,
        n_sectors in 1usize..6,
        economy_seed in any::<u64>(),
        scenario_seed in any::<u64>(),
        max_tariff in 0.0f64..5.0,
        cost_swing in 0.0f64..0.5,
    ) {
        let economy = Economy::from_file(random_economy_file(n_countries, n_sectors, economy_seed)).expect("valid by construction");
        let scenario = Scenario::build(&random_scenario_file(n_countries, n_sectors, scenario_seed, max_tariff, cost_swing), &economy)
            .expect("valid by construction");
        match solve(&economy, &scenario) {
            Ok(results) => {
                prop_assert_eq!(results.solver.stop_reason, StopReason::Converged);
                prop_assert!(results.all_finite(), "every reported number is finite");
                prop_assert!(results.solver.wage_residual < 1e-10);
                let total_va: f64 = economy.value_added().iter().sum();
                let new_va: f64 = results.w_hat.iter().zip(economy.value_added()).map(|(w, va)| w * va).sum();
                prop_assert!((new_va / total_va - 1.0).abs() < 1e-9, "numeraire");
                let mut world_balance = 0.0;
                for n in 0..n_countries {
                    let mut imports = 0.0;
                    let mut exports = 0.0;
                    for j in 0..n_sectors {
                        for m in 0..n_countries {
                            if m != n {
                                imports += results.derived.trade_new[j][n][m];
                                exports += results.derived.trade_new[j][m][n];
                            }
                        }
                    }
                    let scale = economy.income()[n];
                    prop_assert!(((imports - exports) - economy.deficits()[n]).abs() / scale < 1e-8, "deficit of country {} fixed", n);
                    world_balance += imports - exports;
                    for j in 0..n_sectors {
                        let shares: f64 = results.pi_new[j][n].iter().sum();
                        prop_assert!((shares - 1.0).abs() < 1e-9, "shares sum to one");
                        prop_assert!(results.P_hat[n][j].is_finite() && results.P_hat[n][j] > 0.0);
                    }
                    prop_assert!(results.W_hat[n].is_finite() && results.W_hat[n] > 0.0);
                }
                prop_assert!(world_balance.abs() / total_va < 1e-8, "world trade balances");
            }
            // With fixed deficits a large shock can leave a deficit country with negative income: the model has no
            // meaningful equilibrium then, and saying so is the right answer. Any other stop is a solver failure.
            Err(ModelError::DidNotConverge(report)) if report.stop_reason == StopReason::NegativeSpending => {
                prop_assert!(!report.to_string().is_empty());
            }
            // Beyond realistic shocks (tariffs above 100% or trade costs swinging by more than 30%) the solver may
            // still stop at its iteration or work cap, with its reason; within them, not converging is a failure.
            // The two cases this test once found (kept in properties.proptest-regressions and as named tests
            // below) now converge: they were a solver weakness, not a missing equilibrium.
            // Known, left: a 3 × 1 economy with tariffs up to 410% (economy seed 154255054684540032, scenario
            // seed 582176354292511616) overshoots to a non-finite value after 3 iterations and stops with
            // `NonFinite`, which names the reason; about 1 run in 60 of this test draws such a case.
            Err(ModelError::DidNotConverge(report))
                if (max_tariff > 1.0 || cost_swing > 0.3)
                    && matches!(
                        report.stop_reason,
                        StopReason::IterationCap | StopReason::WorkLimit | StopReason::NonFinite
                    ) =>
            {
                prop_assert!(!report.to_string().is_empty());
            }
            Err(ModelError::DidNotConverge(report)) => {
                prop_assert!(false, "a realistic economy did not converge: {}", report);
            }
            Err(other) => prop_assert!(false, "unexpected error: {}", other),
        }
    }

    #[test]
    fn slices_stay_within_their_work_and_give_the_same_result(
        n_countries in 2usize..6,
        n_sectors in 1usize..5,
        seed in any::<u64>(),
        slice in 1u64..20_000,
    ) {
        let economy = Economy::from_file(random_economy_file(n_countries, n_sectors, seed)).expect("valid by construction");
        let scenario = Scenario::build(&random_scenario_file(n_countries, n_sectors, seed, 1.0, 0.2), &economy)
            .expect("valid by construction");
        let whole = solve(&economy, &scenario);
        let pass = na_trade_explorer::model::solver::work_per_pass(n_countries, n_sectors);
        let mut job = na_trade_explorer::Solve::new(economy, scenario).job();
        loop {
            let before = job.work();
            let done = job.advance_bounded(usize::MAX, slice);
            prop_assert!(job.work() - before <= slice + pass, "a slice did {} cells of work", job.work() - before);
            if done {
                break;
            }
        }
        let sliced = job.finish().2;
        match (whole, sliced) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a.welfare_pct, b.welfare_pct, "bit-identical however the work is sliced"),
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "whole {:?} vs sliced {:?}", a.is_ok(), b.is_ok()),
        }
    }

    #[test]
    fn loading_arbitrary_text_never_panics(text in ".{0,400}") {
        let _ = Economy::from_json(&text);
        let _ = ScenarioFile::from_json(&text);
        let _ = na_trade_explorer::app::url_state::parse(&text, |_| true, |_| true);
        let _ = na_trade_explorer::data::csv_economy::economy_from_csv(&text);
    }

    #[test]
    fn mutating_one_number_of_a_valid_file_never_panics(
        seed in any::<u64>(),
        cell in 0usize..1000,
        value in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(-1.0), Just(0.0), Just(1e308), -1e6f64..1e6],
    ) {
        let mut file = random_economy_file(3, 2, seed);
        let cells = 2 * 3 * 3;
        let k = cell % cells;
        file.X[k / 9][(k / 3) % 3][k % 3] = value;
        if let Ok(economy) = Economy::from_file(file) {
            let scenario = Scenario::build(&ScenarioFile::baseline(), &economy).expect("baseline scenario");
            let _ = solve(&economy, &scenario);
        }
    }
}

/// Countries, sectors, economy seed, scenario seed, largest tariff, cost swing, and the equilibrium's wage changes.
type Case = (usize, usize, u64, u64, f64, f64, &'static [f64]);

/// The two random cases that once stopped at the iteration cap (found by the property test above, seeds in
/// `properties.proptest-regressions`): 2 countries × 3 sectors with tariffs up to 154% and trade costs swinging by
/// up to 46%, and 5 × 3 with tariffs up to 391%.
///
/// Diagnosis (issue 13): each has an ordinary equilibrium — every income and spending positive, trade shares not
/// degenerate — which continuation finds (20 steps from the baseline, each converging in 12–27 iterations) and from
/// which a re-solve converges in 2 iterations. In the 2 × 3 case the first country runs a fixed surplus while its
/// exports collapse under the tariffs, so its wage must fall a long way (to 0.47) to keep that surplus. Cold, the
/// solver used to settle into a cycle far from the equilibrium and stay there until the cap of 5,000 iterations
/// (2 × 3: wage residual alternating 5.20e-2 ↔ 5.69e-2 from iteration 20; 5 × 3: between 1.18e-2 and 2.63e-2).
/// Traced in the 2 × 3 case: a plain damped step lowered the residual, the Anderson extrapolation built on it
/// overshot back (the two points' preconditioners differ by a factor of 5, the near-autarkic one at its floor, so
/// the secant points the wrong way), the history was cleared without damping because the step had been
/// accelerated, and the plain step looked like progress again — the step control never engaged. The solver now
/// suspends acceleration after two overshooting extrapolations without a new best residual; both cases converge
/// (46 and 50 iterations) to the equilibrium continuation finds, and every preset's results are bit-identical.
#[test]
fn the_two_cases_that_once_cycled_now_converge_to_their_equilibrium() {
    let cases: [Case; 2] = [
        (
            2,
            3,
            8196938429394075273,
            2792996807087201902,
            1.5437623799480371,
            0.45883385711326646,
            &[0.4690046135090423, 1.189950965464114],
        ),
        (
            5,
            3,
            7996107022117606750,
            4131628555513641666,
            3.9148230077555555,
            0.031523914535394354,
            &[1.3580875395247392, 1.0876238603906003, 0.9364195302634719, 0.8714837923068938, 1.0295382212316702],
        ),
    ];
    for (n_countries, n_sectors, economy_seed, scenario_seed, max_tariff, cost_swing, w_hat) in cases {
        let economy = Economy::from_file(random_economy_file(n_countries, n_sectors, economy_seed)).expect("valid");
        let file = random_scenario_file(n_countries, n_sectors, scenario_seed, max_tariff, cost_swing);
        let scenario = Scenario::build(&file, &economy).expect("valid");
        let results = solve(&economy, &scenario).unwrap_or_else(|e| panic!("{n_countries} × {n_sectors}: {e}"));
        assert_eq!(results.solver.stop_reason, StopReason::Converged);
        assert!(results.solver.iterations < 200, "{} iterations", results.solver.iterations);
        assert!(results.all_finite());
        assert!(results.I_new.iter().all(|i| *i > 0.0), "a meaningful equilibrium: income positive everywhere");
        // The equilibrium that continuation from the baseline reaches (values from that run).
        for (got, want) in results.w_hat.iter().zip(w_hat) {
            assert!((got / want - 1.0).abs() < 1e-8, "{n_countries} × {n_sectors}: w_hat {got} vs {want}");
        }
        // And it is a fixed point: a solve started there stops almost at once.
        let again = na_trade_explorer::Solve::new(&economy, &scenario)
            .starting_from_results(&results)
            .run()
            .expect("converges from its own equilibrium");
        assert!(again.solver.iterations <= 3, "{} iterations", again.solver.iterations);
    }
}
