//! Fuzz the economy JSON parser and validator; a valid economy is also solved against its baseline.
#![no_main]
use libfuzzer_sys::fuzz_target;
use na_trade_explorer::{solve, Economy, Scenario};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(economy) = Economy::from_json(text) {
            if economy.n_countries() * economy.n_countries() * economy.n_sectors() <= 4096 {
                let _ = solve(&economy, &Scenario::baseline(&economy));
            }
        }
    }
});
