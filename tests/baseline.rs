//! The built-in North American baseline reproduces the headline facts of `facts.md`, and every preset builds,
//! solves and moves results in the direction the events imply.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::float_cmp, reason = "tests fail loudly on purpose")]

use na_trade_explorer::{data::presets, solve, Economy, Results, Scenario};

fn economy() -> Economy {
    presets::north_america_2024().expect("the built-in baseline loads")
}

/// Goods exports (all sectors but services) from `exporter` to `importer`, at customs value.
fn goods(economy: &Economy, exporter: &str, importer: &str) -> f64 {
    let i = economy.country_index(exporter).expect("exporter");
    let n = economy.country_index(importer).expect("importer");
    let services = economy.sector_index("services").expect("services sector");
    (0..economy.n_sectors()).filter(|&j| j != services).map(|j| economy.exports_at_producer_prices(j, n, i)).sum()
}

fn all_sectors(economy: &Economy, exporter: &str, importer: &str) -> f64 {
    let i = economy.country_index(exporter).expect("exporter");
    let n = economy.country_index(importer).expect("importer");
    (0..economy.n_sectors()).map(|j| economy.exports_at_producer_prices(j, n, i)).sum()
}

fn assert_near(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!((actual - expected).abs() <= tolerance, "{what}: expected {expected} ± {tolerance}, got {actual}");
}

#[test]
fn baseline_reproduces_the_headline_trade_facts() {
    let e = economy();
    assert_eq!(e.countries(), ["USA", "CAN", "MEX", "CHN", "ROW"]);
    assert_eq!(e.n_sectors(), 10);
    // US Census basis, 2024, billions of US dollars (facts.md §1).
    assert_near(goods(&e, "USA", "CAN"), 349.4, 0.5, "US goods exports to Canada");
    assert_near(goods(&e, "CAN", "USA"), 412.7, 0.5, "US goods imports from Canada");
    assert_near(goods(&e, "USA", "MEX"), 334.041, 0.5, "US goods exports to Mexico");
    assert_near(goods(&e, "MEX", "USA"), 505.851, 0.5, "US goods imports from Mexico");
    assert_near(goods(&e, "USA", "CHN"), 143.5, 0.5, "US goods exports to China");
    assert_near(goods(&e, "CHN", "USA"), 438.9, 0.5, "US goods imports from China");
    let can_mex = goods(&e, "CAN", "MEX") + goods(&e, "MEX", "CAN");
    let us_can = goods(&e, "USA", "CAN") + goods(&e, "CAN", "USA");
    assert!(can_mex > 10.0 && can_mex < 0.1 * us_can, "Canada–Mexico goods trade is modest: {can_mex}");
    let three = ["USA", "CAN", "MEX"];
    let mut goods_total = 0.0;
    let mut all_total = 0.0;
    for a in three {
        for b in three {
            if a != b {
                goods_total += goods(&e, a, b);
                all_total += all_sectors(&e, a, b);
            }
        }
    }
    assert_near(goods_total, 1640.0, 20.0, "goods trade among the three (facts: about 1.64 T$)");
    assert!((1800.0..=2000.0).contains(&all_total), "goods and services among the three in 1.8–2 T$: {all_total}");
}

#[test]
fn baseline_is_a_sensible_economy() {
    let e = economy();
    let usa = e.country_index("USA").expect("USA");
    assert!(e.deficits()[usa] > 500.0, "the US runs a large deficit: {}", e.deficits()[usa]);
    let total: f64 = e.deficits().iter().sum();
    assert!(total.abs() < 1e-6, "deficits sum to zero: {total}");
    for id in ["long_run", "one_year", "caliendo_parro", "uniform_4", "uniform_5"] {
        let with = e.with_theta_set(id).expect("elasticity set exists");
        assert_eq!(with.theta().len(), 10);
        let horizon = if id == "one_year" { "one_year" } else { "long_run" };
        assert_eq!(with.horizon(), Some(horizon), "{id} states its horizon");
    }
    assert_eq!(e.horizon(), Some("long_run"), "the default is the long-run set");
    assert_eq!(e.theta(), e.with_theta_set("long_run").unwrap().theta(), "the default is the long-run set");
}

/// The trade-weighted means of the elasticity sets (weights: baseline international trade at producer prices):
/// the long-run default lies in the published aggregate range (about 4–5: Simonovska & Waugh 2014, ACR 2012) and
/// the one-year set matches Boehm, Levchenko & Pandalai-Nayar's one-year elasticity 0.76.
#[test]
fn elasticity_sets_have_their_documented_trade_weighted_means() {
    let e = economy();
    let mean = |id: &str| e.with_theta_set(id).unwrap().trade_weighted_theta();
    let long_run = mean("long_run");
    assert!((4.0..=5.0).contains(&long_run), "long-run mean {long_run}");
    assert_near(mean("one_year"), 0.76, 0.005, "one-year mean");
    assert_near(mean("uniform_4"), 4.0, 1e-9, "uniform 4");
    assert!(mean("caliendo_parro") > 7.0, "the Caliendo–Parro set is far more elastic: {}", mean("caliendo_parro"));
}

/// Baseline tariffs are trade-weighted applied rates: the revenue they raise matches the customs duties each
/// country collected in 2024 within 10% (figures and sources in `data/sources/facts-2024.csv`).
#[test]
fn baseline_tariff_revenue_matches_the_duties_collected_in_2024() {
    let e = economy();
    let facts = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sources/facts-2024.csv"))
        .expect("facts file");
    let fact = |id: &str| -> f64 {
        let line = facts.lines().find(|l| l.starts_with(&format!("{id},"))).expect("fact present");
        line.split(',').nth(1).expect("value").parse().expect("number")
    };
    let collected = [
        ("USA", fact("us_duties_2024")),
        ("CAN", fact("can_duties_2024_cad") * fact("usd_per_cad")),
        ("MEX", fact("mex_duties_2024_mxn") / fact("mxn_per_usd")),
    ];
    for (id, duties) in collected {
        let revenue = e.tariff_revenue()[e.country_index(id).unwrap()];
        assert!((revenue / duties - 1.0).abs() <= 0.10, "{id}: baseline revenue {revenue:.2} vs collected {duties:.2}");
    }
}

/// Jobs come from employment statistics by sector, not from value-added shares: Canada's energy sector (oil and
/// gas, utilities, refining) employs a few hundred thousand people, not 1.5 million.
#[test]
fn baseline_jobs_by_sector_come_from_employment_data() {
    let e = economy();
    let jobs = e.file().employment_by_sector_thousands.as_ref().expect("employment by sector");
    let (can, energy) = (e.country_index("CAN").unwrap(), e.sector_index("energy").unwrap());
    let share = jobs[can][energy] / jobs[can].iter().sum::<f64>();
    assert!(share < 0.03, "Canada's energy jobs are {:.1}% of employment", 100.0 * share);
    for (n, row) in jobs.iter().enumerate() {
        let total = 1000.0 * e.file().employment_millions.as_ref().unwrap()[n];
        assert_near(row.iter().sum::<f64>(), total, 0.002 * total, "employment by sector adds up");
    }
}

#[test]
fn baseline_households_are_there() {
    let e = economy();
    let households = e.file().households.as_ref().expect("household data");
    assert_eq!(households.count_millions.len(), 5);
}

fn solve_preset(economy: &Economy, id: &str) -> Results {
    let file = presets::preset(id).expect("preset parses");
    assert!(!file.description.is_empty() && !file.sources.is_empty(), "{id} has a description and sources");
    assert!(file.date.is_empty() || file.date.len() == 10, "{id}: date is YYYY-MM-DD");
    let scenario = Scenario::build(&file, economy).expect("preset builds");
    let results = solve(economy, &scenario).expect("preset solves");
    assert!(results.solver.wage_residual < 1e-10 && results.solver.price_residual < 1e-10, "{id}: {}", results.solver);
    results
}

fn pair_change(results: &Results, exporter: &str, importer: &str) -> f64 {
    results
        .derived
        .pairs
        .iter()
        .find(|p| p.exporter == exporter && p.importer == importer)
        .map(|p| p.change)
        .expect("pair")
}

#[test]
fn every_preset_solves_and_points_the_right_way() {
    let e = economy();
    assert_eq!(presets::preset_ids().count(), 9);
    for id in presets::preset_ids() {
        solve_preset(&e, id);
    }
    let (usa, can, mex, chn) = (0, 1, 2, 3);
    let us_tariffs = solve_preset(&e, "us-tariffs-2025");
    assert!(us_tariffs.welfare_pct[can] < 0.0 && us_tariffs.welfare_pct[mex] < 0.0, "Canada and Mexico lose");
    assert!(pair_change(&us_tariffs, "CAN", "USA") < 0.0 && pair_change(&us_tariffs, "MEX", "USA") < 0.0);
    assert!(us_tariffs.tariff_revenue_new[usa] > us_tariffs.tariff_revenue_base[usa], "US tariff revenue rises");
    assert!(
        pair_change(&us_tariffs, "CAN", "ROW") > 0.0 && pair_change(&us_tariffs, "MEX", "ROW") > 0.0,
        "exports divert elsewhere"
    );
    assert!(pair_change(&us_tariffs, "ROW", "USA") > 0.0, "the rest of the world replaces part of the lost US imports");
    let partnership = solve_preset(&e, "canada-mexico-partnership");
    assert!(pair_change(&partnership, "CAN", "MEX") > 0.0 && pair_change(&partnership, "MEX", "CAN") > 0.0);
    assert!(partnership.welfare_pct[can] > 0.0 && partnership.welfare_pct[mex] > 0.0);
    let mexico_china = solve_preset(&e, "mexico-tariffs-on-china-2026");
    assert!(pair_change(&mexico_china, "CHN", "MEX") < 0.0, "Mexico buys less from China");
    assert!(mexico_china.tariff_revenue_new[mex] > mexico_china.tariff_revenue_base[mex]);
    assert!(mexico_china.welfare_pct[chn] < 0.0);
    let war = solve_preset(&e, "all-out-trade-war");
    for n in [usa, can, mex] {
        assert!(war.welfare_pct[n] < -0.5, "everyone in North America loses in a trade war: {:?}", war.welfare_pct);
    }
    let lapse = solve_preset(&e, "usmca-lapses");
    assert!(lapse.welfare_pct[can] < 0.0 && lapse.welfare_pct[mex] < 0.0);
}
