//! Known answers of `model.md`: zero shock, the ACR closed form, the domestic-share formula with input–output
//! links, accounting identities, scaling and permutation, and convergence on extreme shocks.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::float_cmp, reason = "tests fail loudly on purpose")]

use na_trade_explorer::data::synthetic::{random_economy_file, random_scenario_file};
use na_trade_explorer::{solve, Economy, EconomyFile, ModelError, Results, Scenario, ScenarioFile, StopReason};

/// Compare two floats with a relative-or-absolute tolerance and say what differed.
fn assert_close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    let scale = expected.abs().max(1.0);
    assert!(
        (actual - expected).abs() <= tolerance * scale,
        "{what}: expected {expected}, got {actual} (difference {:.3e}, tolerance {tolerance:.1e})",
        (actual - expected).abs()
    );
}

fn solve_files(economy: &EconomyFile, scenario: &ScenarioFile) -> (Economy, Results) {
    let economy = Economy::from_file(economy.clone()).expect("economy is valid");
    let scenario = Scenario::build(scenario, &economy).expect("scenario is valid");
    let results = solve(&economy, &scenario).expect("solver converges");
    assert_eq!(results.solver.stop_reason, StopReason::Converged);
    (economy, results)
}

/// A one-sector economy with no input–output links and no tariffs, and balanced trade (a symmetric flow matrix).
fn one_sector_balanced(n_countries: usize) -> EconomyFile {
    let mut file = random_economy_file(n_countries, 1, 7);
    let mut x = vec![vec![0.0; n_countries]; n_countries];
    for n in 0..n_countries {
        for i in 0..=n {
            let v = if n == i { 10.0 + 5.0 * n as f64 } else { 1.0 + ((n * 3 + i * 5) % 7) as f64 * 0.4 };
            x[n][i] = v;
            x[i][n] = v;
        }
    }
    file.X = vec![x];
    file.tau = vec![vec![vec![0.0; n_countries]; n_countries]];
    file.theta = vec![4.5];
    file.gamma_va = vec![vec![1.0]; n_countries];
    file.gamma_io = vec![vec![vec![0.0]]; n_countries];
    file
}

#[test]
fn zero_shock_returns_the_baseline() {
    let file = random_economy_file(6, 4, 11);
    let (economy, results) = solve_files(&file, &ScenarioFile::baseline());
    for n in 0..6 {
        assert_close(results.w_hat[n], 1.0, 1e-10, "w_hat");
        assert_close(results.P_cpi_hat[n], 1.0, 1e-10, "P_cpi_hat");
        assert_close(results.W_hat[n], 1.0, 1e-10, "W_hat");
        assert_close(results.tariff_revenue_new[n], results.tariff_revenue_base[n], 1e-9, "revenue");
        for j in 0..4 {
            assert_close(results.P_hat[n][j], 1.0, 1e-10, "P_hat");
            assert_close(results.c_hat[n][j], 1.0, 1e-10, "c_hat");
            for i in 0..6 {
                assert_close(results.X_new[j][n][i], economy.flow(j, n, i), 1e-9, "X_new");
            }
        }
    }
}

#[test]
fn one_sector_matches_the_acr_closed_form() {
    let file = one_sector_balanced(4);
    let mut scenario = ScenarioFile::baseline();
    let mut dhat = vec![vec![vec![1.0; 4]; 4]];
    dhat[0][0][1] = 0.7;
    dhat[0][2][3] = 1.6;
    dhat[0][3][0] = 1.3;
    scenario.dhat = Some(dhat);
    let (economy, results) = solve_files(&file, &scenario);
    for d in economy.deficits() {
        assert_close(*d, 0.0, 1e-12, "balanced trade");
    }
    for n in 0..4 {
        let pi_hat = results.pi_new[0][n][n] / economy.trade_share(0, n, n);
        let acr = pi_hat.powf(-1.0 / 4.5);
        assert_close(results.W_hat[n], acr, 1e-9, &format!("ACR welfare of country {n}"));
    }
}

/// Solve `A x = b` by Gaussian elimination with partial pivoting (small test systems only).
fn solve_linear(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let size = b.len();
    for col in 0..size {
        let pivot = (col..size).max_by(|&r, &s| a[r][col].abs().total_cmp(&a[s][col].abs())).expect("non-empty");
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..size {
            let factor = a[row][col] / a[col][col];
            for c in col..size {
                a[row][c] -= factor * a[col][c];
            }
            b[row] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; size];
    for row in (0..size).rev() {
        let tail: f64 = (row + 1..size).map(|c| a[row][c] * x[c]).sum();
        x[row] = (b[row] - tail) / a[row][row];
    }
    x
}

#[test]
fn real_wage_matches_the_domestic_share_formula_with_io() {
    let (nc, ns) = (5, 4);
    let mut file = random_economy_file(nc, ns, 23);
    file.tau = vec![vec![vec![0.0; nc]; nc]; ns];
    let mut scenario = random_scenario_file(nc, ns, 5, 0.0, 0.4);
    scenario.tau_new = None;
    let (economy, results) = solve_files(&file, &scenario);
    for n in 0..nc {
        // ln(w/P) = −alpha' (I − Gamma')^(−1) v with v[j] = ln(pi_hat[j][n][n]) / theta[j], Gamma'[j][k] = gamma_io[n][k][j].
        let v: Vec<f64> = (0..ns)
            .map(|j| (results.pi_new[j][n][n] / economy.trade_share(j, n, n)).ln() / economy.theta()[j])
            .collect();
        let a: Vec<Vec<f64>> = (0..ns)
            .map(|j| (0..ns).map(|k| f64::from(u8::from(j == k)) - economy.input_share(n, k, j)).collect())
            .collect();
        let p = solve_linear(a, v);
        let predicted: f64 = -(0..ns).map(|j| economy.consumption_share(n, j) * p[j]).sum::<f64>();
        assert_close(results.real_wage_hat[n].ln(), predicted, 1e-9, &format!("log real wage of country {n}"));
    }
}

/// Accounting identities at the solution: the wage condition, fixed deficits from the flows, world balance,
/// the numeraire, revenue, and spending adding up.
fn check_accounting(economy: &Economy, results: &Results, tolerance: f64) {
    let (nc, ns) = (economy.n_countries(), economy.n_sectors());
    let total_va: f64 = economy.value_added().iter().sum();
    let new_va: f64 = (0..nc).map(|n| results.w_hat[n] * economy.value_added()[n]).sum();
    assert_close(new_va / total_va, 1.0, tolerance, "numeraire: world value added");
    let mut world_balance = 0.0;
    for n in 0..nc {
        let va_from_output: f64 = (0..ns).map(|j| economy.value_added_share(n, j) * results.Y_new[n][j]).sum();
        assert_close(va_from_output / (results.w_hat[n] * economy.value_added()[n]), 1.0, tolerance, "wage condition");
        let mut imports = 0.0;
        let mut exports = 0.0;
        for j in 0..ns {
            for m in 0..nc {
                if m != n {
                    imports += results.derived.trade_new[j][n][m];
                    exports += results.derived.trade_new[j][m][n];
                }
            }
        }
        let scale = economy.income()[n];
        assert_close((imports - exports) / scale, economy.deficits()[n] / scale, tolerance, "deficit fixed");
        world_balance += imports - exports;
        let spending: f64 = results.Xn_new[n].iter().sum();
        let intermediate: f64 =
            (0..ns).map(|k| (0..ns).map(|j| economy.input_share(n, j, k)).sum::<f64>() * results.Y_new[n][k]).sum();
        assert_close(
            (spending - intermediate) / scale,
            results.I_new[n] / scale,
            tolerance,
            "spending = inputs + income",
        );
        let income =
            results.w_hat[n] * economy.value_added()[n] + results.tariff_revenue_new[n] + economy.deficits()[n];
        assert_close(results.I_new[n] / scale, income / scale, tolerance, "income");
    }
    assert_close(world_balance / total_va, 0.0, tolerance, "world trade balances (Walras)");
    let total_output: f64 = results.Y_new.iter().flatten().sum();
    let total_spending_producer: f64 = results.derived.trade_new.iter().flatten().flatten().sum();
    assert_close(total_output / total_spending_producer, 1.0, tolerance, "output = sales");
}

#[test]
fn accounting_identities_hold_at_the_solution() {
    for seed in 0..4 {
        let mut file = random_economy_file(5, 6, seed);
        file.employment_millions = Some(vec![10.0, 20.0, 3.0, 50.0, 7.0]);
        let scenario = random_scenario_file(5, 6, seed, 0.6, 0.3);
        let (economy, results) = solve_files(&file, &scenario);
        check_accounting(&economy, &results, 1e-9);
        for n in 0..5 {
            assert_close(
                results.welfare_pct[n],
                100.0 * (results.I_new[n] / results.I_base[n] / results.P_cpi_hat[n] - 1.0),
                1e-9,
                "welfare definition",
            );
            let jobs = results.derived.jobs_moved_thousands.as_ref().expect("employment given");
            let moved_in: f64 = jobs[n].iter().filter(|v| **v > 0.0).sum();
            let net: f64 = jobs[n].iter().sum();
            assert!(moved_in > 0.0, "some jobs move in country {n}");
            assert_close(net / moved_in.max(1e-12), 0.0, 1e-8, "jobs moved sum to zero");
        }
    }
}

#[test]
fn scaling_all_flows_leaves_every_hat_unchanged() {
    let file = random_economy_file(4, 3, 3);
    let scenario = random_scenario_file(4, 3, 9, 0.5, 0.2);
    let (_, base) = solve_files(&file, &scenario);
    let mut scaled = file.clone();
    scaled.X.iter_mut().flatten().flatten().for_each(|v| *v *= 7.5);
    let (_, results) = solve_files(&scaled, &scenario);
    for n in 0..4 {
        assert_close(results.w_hat[n], base.w_hat[n], 1e-9, "w_hat after scaling");
        assert_close(results.W_hat[n], base.W_hat[n], 1e-9, "W_hat after scaling");
        for j in 0..3 {
            assert_close(results.P_hat[n][j], base.P_hat[n][j], 1e-9, "P_hat after scaling");
        }
    }
}

#[test]
fn reordering_countries_reorders_the_results() {
    let (nc, ns) = (4, 3);
    let file = random_economy_file(nc, ns, 5);
    let scenario = random_scenario_file(nc, ns, 2, 0.5, 0.2);
    let (_, base) = solve_files(&file, &scenario);
    let order = [2usize, 0, 3, 1]; // new position p holds old country order[p]
    let permute3 = |a: &Vec<Vec<Vec<f64>>>| -> Vec<Vec<Vec<f64>>> {
        a.iter().map(|plane| order.iter().map(|&n| order.iter().map(|&i| plane[n][i]).collect()).collect()).collect()
    };
    let mut permuted = file.clone();
    permuted.countries = order.iter().map(|&n| file.countries[n].clone()).collect();
    permuted.X = permute3(&file.X);
    permuted.tau = permute3(&file.tau);
    permuted.gamma_va = order.iter().map(|&n| file.gamma_va[n].clone()).collect();
    permuted.gamma_io = order.iter().map(|&n| file.gamma_io[n].clone()).collect();
    let mut permuted_scenario = scenario.clone();
    permuted_scenario.tau_new = scenario.tau_new.as_ref().map(&permute3);
    permuted_scenario.dhat = scenario.dhat.as_ref().map(&permute3);
    let (_, results) = solve_files(&permuted, &permuted_scenario);
    for (p, &n) in order.iter().enumerate() {
        assert_close(results.w_hat[p], base.w_hat[n], 1e-9, "w_hat permuted");
        assert_close(results.welfare_pct[p], base.welfare_pct[n], 1e-8, "welfare permuted");
        for j in 0..ns {
            assert_close(results.P_hat[p][j], base.P_hat[n][j], 1e-9, "P_hat permuted");
        }
    }
}

fn extreme(file: &EconomyFile, scenario: &ScenarioFile, what: &str) {
    let economy = Economy::from_file(file.clone()).expect("valid economy");
    let scenario = Scenario::build(scenario, &economy).expect("valid scenario");
    match solve(&economy, &scenario) {
        Ok(results) => {
            assert!(results.solver.wage_residual < 1e-10, "{what}: wage residual {}", results.solver.wage_residual);
            assert!(results.solver.price_residual < 1e-10, "{what}: price residual {}", results.solver.price_residual);
            check_accounting(&economy, &results, 1e-8);
        }
        Err(ModelError::DidNotConverge(report)) => panic!("{what}: did not converge: {report}"),
        Err(other) => panic!("{what}: {other}"),
    }
}

#[test]
fn converges_on_extreme_shocks() {
    let (nc, ns) = (5, 6);
    let file = random_economy_file(nc, ns, 42);
    for (max_tariff, swing) in [(5.0, 0.0), (0.0, 0.5), (5.0, 0.5)] {
        extreme(
            &file,
            &random_scenario_file(nc, ns, 1, max_tariff, swing),
            &format!("tariffs up to {max_tariff}, costs ±{swing}"),
        );
    }
    let mut uniform = ScenarioFile::baseline();
    uniform.tau_new = Some(
        (0..ns).map(|_| (0..nc).map(|n| (0..nc).map(|i| if n == i { 0.0 } else { 5.0 }).collect()).collect()).collect(),
    );
    extreme(&file, &uniform, "500% everywhere");
    let mut cut_off = ScenarioFile::baseline();
    cut_off.dhat = Some(
        (0..ns)
            .map(|_| {
                (0..nc)
                    .map(|n| {
                        (0..nc).map(|i| if (n == 0 && i == 1) || (n == 1 && i == 0) { 1e6 } else { 1.0 }).collect()
                    })
                    .collect()
            })
            .collect(),
    );
    extreme(&file, &cut_off, "country 0 cut off from country 1");
    // With balanced trade a country can be cut off from the whole world: it falls back to near-autarky.
    let balanced = one_sector_balanced(4);
    let isolate = |nc: usize, ns: usize, who: usize| -> ScenarioFile {
        let mut isolated = ScenarioFile::baseline();
        isolated.dhat = Some(
            (0..ns)
                .map(|_| {
                    (0..nc)
                        .map(|n| (0..nc).map(|i| if n != i && (n == who || i == who) { 1e6 } else { 1.0 }).collect())
                        .collect()
                })
                .collect(),
        );
        isolated
    };
    extreme(&balanced, &isolate(4, 1, 2), "balanced economy, country 2 cut off from the world");
    // With a fixed trade deficit, isolation has no equilibrium (the deficit cannot be financed without trade):
    // the solver must say so rather than return numbers.
    let economy = Economy::from_file(file.clone()).expect("valid economy");
    assert!(economy.deficits()[2].abs() > 1e-6, "the random economy has a deficit in country 2");
    let scenario = Scenario::build(&isolate(nc, ns, 2), &economy).expect("valid scenario");
    match solve(&economy, &scenario) {
        Err(ModelError::DidNotConverge(report)) => {
            assert_ne!(report.stop_reason, StopReason::Converged)
        }
        other => panic!("isolating a deficit country must not converge, got {other:?}"),
    }
}

#[test]
fn an_iteration_cap_is_an_error_with_a_reason() {
    let file = random_economy_file(4, 3, 1);
    let economy = Economy::from_file(file).expect("valid");
    let scenario = Scenario::build(&random_scenario_file(4, 3, 1, 1.0, 0.3), &economy).expect("valid");
    let options = na_trade_explorer::SolverOptions { max_iterations: 2, ..Default::default() };
    match na_trade_explorer::Solve::new(&economy, &scenario).options(&options).run() {
        Err(ModelError::DidNotConverge(report)) => {
            assert_eq!(report.stop_reason, StopReason::IterationCap);
            assert_eq!(report.iterations, 2);
            assert!(report.wage_residual > 1e-11);
            let message = ModelError::DidNotConverge(report).to_string();
            assert!(message.contains("iteration cap") && message.contains("after 2 iterations"), "{message}");
        }
        other => panic!("expected DidNotConverge, got {other:?}"),
    }
}
