use na_trade_explorer::synthetic::random_economy_file;
use na_trade_explorer::*;
fn main() {
    let (nc, ns) = (5, 6);
    let file = random_economy_file(nc, ns, 42);
    let e = Economy::from_file(file).unwrap();
    let mut uniform = ScenarioFile::baseline();
    uniform.tau_new = Some((0..ns).map(|_| (0..nc).map(|n| (0..nc).map(|i| if n == i { 0.0 } else { 5.0 }).collect()).collect()).collect());
    let s = Scenario::build(&uniform, &e).unwrap();
    for cap in [5, 10, 15, 20, 30, 50, 100, 200] {
        let r = solve_with(&e, &s, &SolverOptions { max_iterations: cap, ..Default::default() });
        match r { Ok(r) => println!("{cap}: ok {}", r.solver), Err(ModelError::DidNotConverge(rep)) => println!("{cap}: {} step {}", rep, rep.final_step), Err(x) => println!("{x}") }
    }
}
