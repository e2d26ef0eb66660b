//! Fuzz the link (URL query) parser; a parsed state must serialize and parse back to itself.
#![no_main]
use libfuzzer_sys::fuzz_target;
use na_trade_explorer::app::url_state::{parse, serialize};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (state, _) = parse(text, |p| p == "us-tariffs-2025", |e| e == "uniform_4");
        let (again, notices) = parse(&serialize(&state), |p| p == "us-tariffs-2025", |e| e == "uniform_4");
        assert!(notices.is_empty(), "a serialized state parses without notices");
        assert_eq!(again, state, "round trip");
    }
});
