//! Fuzz scenario files against the built-in baseline: parse, build (measures, arrays) and, when valid, solve.
#![no_main]
#![allow(clippy::expect_used, reason = "a fuzz target reports a broken invariant by panicking")]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use na_trade_explorer::{data::presets, solve, Economy, Scenario, ScenarioFile};

fn baseline() -> &'static Economy {
    static ECONOMY: OnceLock<Economy> = OnceLock::new();
    ECONOMY.get_or_init(|| presets::north_america_2024().expect("the built-in baseline loads"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(file) = ScenarioFile::from_json(text) {
            if let Ok(scenario) = Scenario::build(&file, baseline()) {
                let _ = solve(baseline(), &scenario);
            }
        }
    }
});
