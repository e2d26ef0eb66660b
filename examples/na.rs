use na_trade_explorer::{presets, solve, Scenario};
fn main() {
    let e = presets::north_america_2024().unwrap();
    for id in presets::preset_ids() {
        let s = Scenario::build(&presets::preset(id).unwrap(), &e).unwrap();
        let mut times = vec![];
        let mut last = None;
        for _ in 0..101 { let t = std::time::Instant::now(); let r = solve(&e, &s); times.push(t.elapsed()); last = Some(r); }
        times.sort();
        match last.unwrap() {
            Ok(r) => println!("{id:32} {:>10?} it {} p {} s {} step {} welfare {:?} cpi {:?}", times[50], r.solver.iterations, r.solver.price_iterations, r.solver.spending_iterations, r.solver.final_step, r.welfare_pct.iter().map(|v| format!("{v:.3}")).collect::<Vec<_>>(), r.P_cpi_hat.iter().map(|v| format!("{:.3}", 100.0*(v-1.0))).collect::<Vec<_>>()),
            Err(err) => println!("{id}: ERR {err}"),
        }
    }
}
