//! Solve-time benchmark: prints the median and worst of several runs for the North American presets and for
//! random economies of growing size (up to 140 countries × 65 sectors, the size of the GTAP database), against
//! the budgets of the issues. Run with `cargo xtask bench` (or `cargo bench --bench solve`).
//!
//! A benchmark, not a test: it prints figures and never fails on time, because shared machines are noisy.

use std::time::{Duration, Instant};

use na_trade_explorer::data::synthetic::{random_economy, random_scenario_file};
use na_trade_explorer::{data::presets, solve, Economy, Scenario};

fn time_runs(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut iterations = 0;
    for _ in 0..runs {
        let start = Instant::now();
        iterations = f();
        times.push(start.elapsed());
    }
    times.sort();
    (times[times.len() / 2], times[times.len() - 1], iterations)
}

fn format_duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 1.0 {
        format!("{:.1} µs", ms * 1e3)
    } else {
        format!("{ms:.1} ms")
    }
}

fn row(name: &str, runs: usize, median: Duration, worst: Duration, iterations: usize, budget: &str) {
    println!(
        "| {name} ({runs} runs, {iterations} outer iterations) | {} | {} | {budget} |",
        format_duration(median),
        format_duration(worst)
    );
}

fn solve_once(economy: &Economy, scenario: &Scenario) -> usize {
    match solve(economy, scenario) {
        Ok(results) => results.solver.iterations,
        Err(e) => {
            eprintln!("benchmark solve failed: {e}");
            std::process::exit(1);
        }
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    println!("| measure | median | worst | budget |");
    println!("|---|---|---|---|");
    let economy = match presets::north_america_2024() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("baseline failed to load: {e}");
            std::process::exit(1);
        }
    };
    for id in presets::preset_ids() {
        let scenario = match presets::preset(id).and_then(|file| Scenario::build(&file, &economy)) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("preset {id}: {e}");
                std::process::exit(1);
            }
        };
        let runs = if quick { 11 } else { 101 };
        let (median, worst, iterations) = time_runs(runs, || solve_once(&economy, &scenario));
        row(&format!("native solve, preset {id}"), runs, median, worst, iterations, "≤ 0.5 ms");
    }
    let sizes: &[(usize, usize, usize, &str)] = &[
        (10, 20, if quick { 5 } else { 21 }, "—"),
        (40, 40, if quick { 3 } else { 7 }, "—"),
        (140, 65, if quick { 1 } else { 5 }, "≤ 2 s"),
    ];
    for &(nc, ns, runs, budget) in sizes {
        let economy = match random_economy(nc, ns, 2024) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("random economy {nc}×{ns}: {e}");
                std::process::exit(1);
            }
        };
        let scenario = match Scenario::build(&random_scenario_file(nc, ns, 1, 0.3, 0.1), &economy) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("random scenario {nc}×{ns}: {e}");
                std::process::exit(1);
            }
        };
        let (median, worst, iterations) = time_runs(runs, || solve_once(&economy, &scenario));
        row(&format!("native solve, random {nc} countries × {ns} sectors"), runs, median, worst, iterations, budget);
    }
}
