//! Fuzz the CSV long-format economy parser.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = na_trade_explorer::csv_economy::economy_from_csv(text);
    }
});
