use na_trade_explorer::synthetic::{random_economy, random_scenario_file};
use na_trade_explorer::{solve, Scenario};
fn main() {
    for (nc, ns, runs) in [(5usize, 10usize, 201), (10, 20, 51), (40, 40, 3), (140, 65, 1)] {
        let e = random_economy(nc, ns, 2024).unwrap();
        let s = Scenario::build(&random_scenario_file(nc, ns, 1, 0.3, 0.1), &e).unwrap();
        let mut times = vec![];
        let mut last = None;
        for _ in 0..runs {
            let t = std::time::Instant::now();
            let r = solve(&e, &s);
            times.push(t.elapsed());
            last = Some(r);
        }
        times.sort();
        match last.unwrap() { Ok(r) => println!("{nc}x{ns}: median {:?} {} price_it {} spend_it {} step {}", times[runs/2], r.solver, r.solver.price_iterations, r.solver.spending_iterations, r.solver.final_step), Err(e) => println!("{nc}x{ns}: ERR {e}") }
    }
}
#[allow(dead_code)]
fn na() {}
