//! The WIOD-based value-added shares of the built-in baseline, recomputed straight from raw WIOD 2011
//! industry numbers by a path independent of `data/build/build_wiod_shares.py`.
//!
//! `data/validation/wiod-2011/extract.csv` holds, for a few WIOD industries, gross output and the column sum
//! of intermediate inputs (all 41 source countries, US$ million) exactly as in the WIOD 2013-release table for
//! 2011 (`wiot_2011.RData`, bquast/wiod). The test aggregates them to the project's sectors with the crosswalk
//! written below (data/BASELINE.md §5) and the table's own output weights:
//! `gamma_va = Σ (output − inputs) / Σ output`, and compares with `gamma_va` of `data/north-america-2024.json`
//! (embedded at build time). The baseline rounds shares to 6 decimals, hence the tolerance.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use na_trade_explorer::data::presets;

const EXTRACT: &str = include_str!("../data/validation/wiod-2011/extract.csv");

/// (country, project sector, WIOD industries of that sector), per data/BASELINE.md §5.
const CROSSWALK: [(&str, &str, &[&str]); 6] = [
    ("CHN", "machinery", &["c13", "c14"]), // machinery n.e.c.; electrical and optical equipment
    ("MEX", "machinery", &["c13", "c14"]),
    ("MEX", "vehicles", &["c15"]), // transport equipment
    ("CAN", "vehicles", &["c15"]),
    ("CAN", "metals", &["c12"]),         // basic metals and fabricated metal
    ("CHN", "agri_food", &["c1", "c3"]), // agriculture etc.; food, beverages, tobacco
];

/// (output, intermediate inputs) of one WIOD industry of one country, from the extract.
fn industry(country: &str, code: &str) -> (f64, f64) {
    let mut lines = EXTRACT.lines();
    assert_eq!(lines.next(), Some("country,industry,output_musd,intermediate_inputs_musd"));
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        if cells[0] == country && cells[1] == code {
            return (cells[2].parse().unwrap(), cells[3].parse().unwrap());
        }
    }
    panic!("{country} {code} missing from the extract");
}

#[test]
fn wiod_value_added_shares_match_the_baseline() {
    let e = presets::north_america_2024().expect("the built-in baseline loads");
    for (country, sector, codes) in CROSSWALK {
        let (mut output, mut inputs) = (0.0, 0.0);
        for code in codes {
            let (y, m) = industry(country, code);
            assert!(y > 0.0 && m < y, "{country} {code}: output {y}, inputs {m}");
            output += y;
            inputs += m;
        }
        let expected = (output - inputs) / output;
        let n = e.country_index(country).expect("country");
        let j = e.sector_index(sector).expect("sector");
        let got = e.value_added_share(n, j);
        assert!((got - expected).abs() <= 1e-6, "{country} {sector}: WIOD {expected:.8}, baseline {got:.8}");
    }
}

#[test]
fn wiod_facts_quoted_in_the_docs() {
    // Transport equipment (c15) value-added shares quoted in the issue and data/BASELINE.md.
    let va = |c: &str, code: &str| {
        let (y, m) = industry(c, code);
        (y - m) / y
    };
    assert!((va("CAN", "c15") - 0.246).abs() < 5e-4);
    assert!((va("MEX", "c15") - 0.347).abs() < 5e-4);
    // China's machinery and electronics buy far more inputs per unit of output than the US (VA 0.19 vs 0.56).
    let e = presets::north_america_2024().expect("the built-in baseline loads");
    let (chn, usa) = (e.country_index("CHN").unwrap(), e.country_index("USA").unwrap());
    let mach = e.sector_index("machinery").unwrap();
    assert!(e.value_added_share(chn, mach) < 0.5 * e.value_added_share(usa, mach));
}
