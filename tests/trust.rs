//! Figures a newsroom can quote (issue 9): prices and household costs mean what readers think, and the uncertainty
//! band of each headline covers what the other documented long-run elasticity sets give.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use na_trade_explorer::model::scenario::CoverageCase;
use na_trade_explorer::model::uncertainty::{ranges, RangeOptions, RangesJob, COMPLIANCE_COST_RANGE};
use na_trade_explorer::{data::presets, solve, Economy, Results, Scenario};

fn economy() -> Economy {
    presets::north_america_2024().expect("the built-in baseline loads")
}

fn set_ids(economy: &Economy) -> Vec<String> {
    economy.file().theta_sets.iter().map(|s| s.id.clone()).collect()
}

/// Whether some tariff on `exporter`'s goods rises in the scenario.
fn exports_face_new_tariffs(economy: &Economy, scenario: &Scenario, exporter: usize) -> bool {
    (0..economy.n_sectors()).any(|j| {
        (0..economy.n_countries())
            .filter(|&n| n != exporter)
            .any(|n| scenario.tariff(economy, j, n, exporter) > economy.tariff(j, n, exporter) + 1e-12)
    })
}

/// Under every preset and every elasticity set, a country that loses real income while its exports face new
/// tariffs never shows falling consumer prices (they are measured against its own wages), and the cost per
/// household is the equivalent variation of the welfare change.
#[test]
fn countries_hit_by_tariffs_never_show_falling_prices_and_the_household_cost_is_the_equivalent_variation() {
    let base = economy();
    let households = base.file().households.clone().expect("household data");
    let mut checked = 0;
    for set in set_ids(&base) {
        let economy = base.with_theta_set(&set).unwrap();
        for id in presets::preset_ids() {
            let scenario = Scenario::build(&presets::preset(id).unwrap(), &economy).unwrap();
            let results: Results = solve(&economy, &scenario).unwrap();
            let derived = &results.derived;
            for n in 0..economy.n_countries() {
                if results.welfare_pct[n] < -0.005 && exports_face_new_tariffs(&economy, &scenario, n) {
                    checked += 1;
                    assert!(
                        derived.consumer_price_pct[n] >= 0.0,
                        "{id} ({set}): {} loses {:.3}% but prices show {:.3}%",
                        economy.countries()[n],
                        results.welfare_pct[n],
                        derived.consumer_price_pct[n]
                    );
                }
                // Equivalent variation at baseline prices: the money a household would give up at 2024 prices to
                // be as well off as after the change, I_new / P_cpi_hat − I_base, per unit of income, times
                // spending per household.
                // Income counts the tariff revenue but not the first year's extra borrowing (docs/model.md).
                let earned = results.I_new[n] - (results.deficit_new[n] - results.deficit_base[n]);
                let ev_share = (earned / results.P_cpi_hat[n] - results.I_base[n]) / results.I_base[n];
                let cost = derived.consumer_cost_per_household.as_ref().unwrap()[n];
                let expected = -ev_share * households.spending_per_household[n];
                assert!((cost - expected).abs() < 1e-6 * (1.0 + expected.abs()), "{id} ({set}): {cost} vs {expected}");
                // Prices against own wages are the inverse of the real wage.
                let price = 100.0 * (1.0 / results.real_wage_hat[n] - 1.0);
                assert!((derived.consumer_price_pct[n] - price).abs() < 1e-9, "{id} ({set}) prices vs real wage");
            }
        }
    }
    assert!(checked >= 20, "the rule was exercised ({checked} cases)");
}

/// The 5th–95th percentile band of each North American country's real-income change under the default (long-run)
/// set covers the results of the other documented long-run sets, for every preset with a visible effect.
#[test]
fn each_headline_band_covers_the_other_long_run_sets() {
    let base = economy();
    let others: Vec<Economy> = base
        .file()
        .theta_sets
        .iter()
        .filter(|s| s.horizon.as_deref() == Some("long_run") && s.theta != base.theta())
        .map(|s| base.with_theta_set(&s.id).unwrap())
        .collect();
    assert!(others.len() >= 3, "caliendo_parro, uniform_4, uniform_5");
    let mut covered = 0;
    for id in presets::preset_ids() {
        let scenario = Scenario::build(&presets::preset(id).unwrap(), &base).unwrap();
        let band = ranges(&base, &scenario, &RangeOptions::default()).unwrap();
        assert_eq!(band.draws_failed, 0, "{id}: every draw solves");
        for country in ["USA", "CAN", "MEX"] {
            let n = base.country_index(country).unwrap();
            let point = solve(&base, &scenario).unwrap().welfare_pct[n];
            if point.abs() < 0.05 {
                continue; // no visible headline to bracket
            }
            let r = band.welfare_pct[n];
            for other in &others {
                let value = solve(other, &scenario).unwrap().welfare_pct[n];
                assert!(
                    r.low <= value && value <= r.high,
                    "{id}, {country}: band [{:.3}, {:.3}] misses {:.3} under {:?} (point {point:.3})",
                    r.low,
                    r.high,
                    value,
                    other.theta_set_id()
                );
                covered += 1;
            }
        }
    }
    assert!(covered >= 30, "enough headlines checked ({covered})");
}

/// Ranges cover the policy unknowns too (issue 23): under the late-2025 US tariffs, at both horizons, the band of
/// Canada's and Mexico's real-income change (elasticities, the first year's rigidity, compliance cost and claim
/// shares drawn together) covers the results at no compliance cost and at 6%, and the results of every documented
/// elasticity set of the horizon.
#[test]
fn headline_bands_cover_the_compliance_cost_and_every_set_of_the_horizon() {
    let base = economy();
    let file = presets::preset("us-tariffs-2025").unwrap();
    let at_cost = |economy: &Economy, cost: f64| {
        let mut economy_file = economy.file().clone();
        economy_file.rules_of_origin.as_mut().expect("the baseline has rules of origin").compliance_cost = cost;
        let set = economy.theta_set_id().unwrap_or("default");
        let economy = Economy::from_file(economy_file).unwrap().with_theta_set(set).unwrap();
        solve(&economy, &Scenario::build(&file, &economy).unwrap()).unwrap()
    };
    let mut covered = 0;
    for horizon in ["long_run", "one_year"] {
        let central = base.file().theta_sets.iter().find(|s| s.id == horizon).map(|s| s.id.clone());
        let economy = match &central {
            Some(id) => base.with_theta_set(id).unwrap(),
            None => base.clone(),
        };
        assert_eq!(economy.horizon(), Some(horizon), "the central set of the {horizon} horizon");
        let scenario = Scenario::build(&file, &economy).unwrap();
        let band =
            RangesJob::new(&economy, &scenario, &RangeOptions::default()).with_policy_unknowns(&file).run().unwrap();
        assert_eq!(band.draws_failed, 0, "{horizon}: every draw solves");
        let (none, high) = COMPLIANCE_COST_RANGE;
        let mut values: Vec<(String, Results)> =
            [none, high].into_iter().map(|cost| (format!("compliance cost {cost}"), at_cost(&economy, cost))).collect();
        for set in base.file().theta_sets.iter().filter(|s| s.horizon.as_deref() == Some(horizon)) {
            let other = base.with_theta_set(&set.id).unwrap();
            values.push((set.id.clone(), solve(&other, &Scenario::build(&file, &other).unwrap()).unwrap()));
        }
        // The estimated covered shares (Section 232 coverage, the non-US content of USMCA vehicles) at their low
        // and high values: each moves the result, and the band spans both.
        assert!(file.has_coverage(), "us-tariffs-2025 marks its estimated covered shares");
        for case in [CoverageCase::Low, CoverageCase::High] {
            let moved = file.clone().with_coverage(case);
            assert_ne!(moved, file, "{case:?} changes some rate");
            let results = solve(&economy, &Scenario::build(&moved, &economy).unwrap()).unwrap();
            values.push((format!("coverage {case:?}"), results));
        }
        for country in ["CAN", "MEX"] {
            let n = base.country_index(country).unwrap();
            let r = band.welfare_pct[n];
            for (what, results) in &values {
                let value = results.welfare_pct[n];
                assert!(
                    r.low <= value && value <= r.high,
                    "{horizon}, {country}: band [{:.3}, {:.3}] misses {value:.3} ({what})",
                    r.low,
                    r.high
                );
                covered += 1;
            }
        }
    }
    assert!(covered >= 20, "both horizons, both countries, both costs, both coverage cases and the sets ({covered})");
}

/// "Jobs move, they are not lost" in the long run: under every preset, the jobs moved add up to zero in each
/// country (the model keeps everyone employed), and each sector's jobs moved are job-equivalents at the country's
/// average wage: its employment change times its share of the wage bill times the country's jobs (docs/model.md,
/// "Jobs moved"; tests/first_year.rs checks the first year).
#[test]
fn jobs_moved_add_up_to_zero_in_every_country() {
    let economy = economy();
    let (nc, ns) = (economy.n_countries(), economy.n_sectors());
    let (base, _) =
        na_trade_explorer::model::derived::baseline_jobs_thousands(&economy).expect("the baseline has jobs");
    for id in presets::preset_ids() {
        let results = solve(&economy, &Scenario::build(&presets::preset(id).unwrap(), &economy).unwrap()).unwrap();
        let jobs = results.derived.jobs_moved_thousands.as_ref().expect("jobs moved");
        for n in 0..nc {
            let total: f64 = jobs[n].iter().sum();
            // Exactly zero at the equilibrium; the solve meets the wage condition to its tolerance (1e-11), so the
            // sum is zero to that tolerance times the country's jobs.
            let country_jobs: f64 = base[n * ns..(n + 1) * ns].iter().sum();
            assert!(
                total.abs() <= 2e-11 * country_jobs,
                "{id}, {}: jobs moved add up to {total} thousand",
                economy.countries()[n]
            );
            let country_jobs: f64 = base[n * ns..(n + 1) * ns].iter().sum();
            let wage_bill: f64 = (0..ns).map(|k| economy.value_added_share(n, k) * economy.output(n, k)).sum();
            for j in 0..ns {
                let share = economy.value_added_share(n, j) * economy.output(n, j) / wage_bill;
                let expected = country_jobs * share * results.derived.employment_change_pct[n][j] / 100.0;
                assert!((jobs[n][j] - expected).abs() <= 1e-9 * expected.abs().max(1.0), "{id}: {n},{j}");
            }
        }
    }
}

/// Input costs are measured against the country's own wage, the yardstick of its consumer prices (docs/model.md,
/// "Supply-chain cost"): under every preset, each sector's figure is its input price index over the wage.
#[test]
fn input_costs_are_measured_against_local_wages() {
    let economy = economy();
    let (nc, ns) = (economy.n_countries(), economy.n_sectors());
    for id in presets::preset_ids() {
        let results = solve(&economy, &Scenario::build(&presets::preset(id).unwrap(), &economy).unwrap()).unwrap();
        for n in 0..nc {
            for j in 0..ns {
                let ln_inputs: f64 = (0..ns).map(|k| economy.input_share(n, k, j) * results.P_hat[n][k].ln()).sum();
                let expected = 100.0 * ((ln_inputs - results.w_hat[n].ln()).exp() - 1.0);
                let shown = results.derived.supply_chain_cost_pct[n][j];
                assert!((shown - expected).abs() < 1e-9, "{id}: {n},{j}: {shown} against {expected}");
            }
        }
    }
}
