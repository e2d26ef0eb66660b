//! Who pays, by income (issue 23, item 5): the US consumer cost by income decile adds up to the national figure,
//! and a uniform tariff weighs more, as a share of income, on the bottom of the distribution than on the top.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use na_trade_explorer::{data::presets, solve, Economy, Results, Scenario, ScenarioFile};

fn economy(set: &str) -> Economy {
    presets::north_america_2024().expect("the built-in baseline loads").with_theta_set(set).unwrap()
}

fn usa(economy: &Economy) -> usize {
    economy.country_index("USA").unwrap()
}

/// Every preset at both horizons: ten US deciles, lowest income first, whose household-weighted mean (one tenth of
/// households each) is the national price-only cost per household; Canada and Mexico are said to be unavailable.
#[test]
fn the_ten_us_deciles_add_up_to_the_national_cost_on_every_preset_and_horizon() {
    let mut checked = 0;
    for set in ["long_run", "one_year"] {
        let economy = economy(set);
        let n = usa(&economy);
        for id in presets::preset_ids() {
            let scenario = Scenario::build(&presets::preset(id).unwrap(), &economy).unwrap();
            let results = solve(&economy, &scenario).unwrap();
            let derived = &results.derived;
            let deciles = derived.cost_by_decile.get("USA").expect("US deciles");
            assert_eq!(deciles.len(), 10, "{id} {set}");
            assert_eq!(deciles.iter().map(|d| d.decile).collect::<Vec<_>>(), (1..=10).collect::<Vec<u8>>());
            let national = derived.consumer_price_cost_per_household.as_ref().unwrap()[n];
            let mean = deciles.iter().map(|d| d.usd_per_household).sum::<f64>() / 10.0;
            assert!(
                (mean - national).abs() <= 1e-9 * national.abs() + 1e-9,
                "{id} {set}: deciles average {mean}, national {national}"
            );
            for d in deciles {
                let share = 100.0 * d.usd_per_household / d.income;
                assert!((d.share_of_income_pct - share).abs() <= 1e-12 * share.abs() + 1e-15, "{id} {set}");
                assert!(d.usd_per_household_before.is_finite(), "{id} {set}");
            }
            assert!(derived.cost_by_decile.get("CAN").is_none() && derived.cost_by_decile.get("MEX").is_none());
            for missing in ["CAN", "MEX"] {
                assert!(derived.cost_by_decile_unavailable.iter().any(|c| c == missing), "{id}: {missing} not listed");
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} presets checked");
}

/// With no change at all, nobody pays anything, before or after buyers switch suppliers.
#[test]
fn no_change_costs_no_decile_anything() {
    let economy = economy("long_run");
    let results = solve(&economy, &Scenario::baseline(&economy)).unwrap();
    for d in results.derived.cost_by_decile.get("USA").unwrap() {
        assert!(d.usd_per_household.abs() < 1e-6, "{d:?}");
        assert!(d.usd_per_household_before.abs() < 1e-6, "{d:?}");
    }
}

fn uniform_us_tariff(economy: &Economy, rate: f64) -> Results {
    let goods: Vec<String> =
        (0..economy.n_sectors()).filter(|&j| !economy.is_services(j)).map(|j| economy.sectors()[j].clone()).collect();
    let text = serde_json::json!({
        "name": "Uniform US tariff",
        "description": "The same added tariff on every good from every partner.",
        "measures": [{
            "label": "uniform",
            "importers": ["USA"],
            "exporters": ["CAN", "MEX", "CHN", "ROW"],
            "sectors": goods,
            "tariff_add": rate,
        }],
    })
    .to_string();
    let scenario = Scenario::build(&ScenarioFile::from_json(&text).unwrap(), economy).unwrap();
    solve(economy, &scenario).unwrap()
}

/// A uniform tariff on every good: as a share of income, the bottom decile pays the most and the top decile the
/// least, and the bottom half more than the top half — before and after buyers switch suppliers, at both horizons
/// (the pattern every published estimate shows). In between the burden is not monotone: the eighth and ninth
/// deciles buy far more cars (docs/model.md, "Who pays, by income").
#[test]
fn a_uniform_tariff_weighs_most_on_the_bottom_decile_and_least_on_the_top() {
    for set in ["long_run", "one_year"] {
        let economy = economy(set);
        for rate in [0.1, 0.25] {
            let results = uniform_us_tariff(&economy, rate);
            let deciles = results.derived.cost_by_decile.get("USA").unwrap();
            let after: Vec<f64> = deciles.iter().map(|d| d.share_of_income_pct).collect();
            let before: Vec<f64> = deciles.iter().map(|d| d.share_of_income_pct_before).collect();
            for (what, shares) in [("after", &after), ("before", &before)] {
                assert!(shares.iter().all(|s| *s > 0.0), "{set} {rate} {what}: {shares:?}");
                assert!(shares[1..].iter().all(|s| *s < shares[0]), "{set} {rate} {what}: bottom highest {shares:?}");
                assert!(shares[..9].iter().all(|s| *s > shares[9]), "{set} {rate} {what}: top lowest {shares:?}");
                let bottom: f64 = shares[..5].iter().sum();
                let top: f64 = shares[5..].iter().sum();
                assert!(bottom > top, "{set} {rate} {what}: bottom half {bottom} vs top half {top}");
            }
            // In money, the top decile pays more than the bottom one (it spends several times as much).
            assert!(deciles[9].usd_per_household > 3.0 * deciles[0].usd_per_household, "{set} {rate}");
        }
    }
}
