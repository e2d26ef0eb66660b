//! What the page and the command-line tool say about the method, with the numbers computed from the economy in
//! use: the elasticity sets with their horizon and trade-weighted mean, the one-year and long-run results side by
//! side, the comparison of elasticity sets, and the notes of the method panel (`docs/model.md` has the equations).

use crate::model::economy::{Economy, ThetaSet};
use crate::model::error::ModelError;
use crate::model::results::Results;
use crate::model::scenario::{Scenario, ScenarioFile};
use crate::model::solver::solve;
use crate::view::i18n::Text;
use crate::view::table::Table;

/// The compliance cost of the high case of the rules-of-origin sensitivity: all compliance costs of NAFTA's rules
/// of origin, sourcing distortions included (Anson et al. 2005; `data/BASELINE.md`).
pub const HIGH_COMPLIANCE_COST: f64 = 0.06;

/// A set's name in the reader's language.
fn set_name(set: &ThetaSet, text: &Text) -> String {
    text.try_get(&format!("elasticity.{}.label", set.id)).map_or(set.label.clone(), str::to_string)
}

/// A set's horizon in one or two words ("long run", "one year").
fn horizon_name(set: &ThetaSet, text: &Text) -> String {
    text.get(&format!("horizon.name.{}", set.horizon.as_deref().unwrap_or("unknown"))).to_string()
}

/// A set's trade-weighted mean, formatted.
fn set_mean(economy: &Economy, set: &ThetaSet, text: &Text) -> String {
    text.number(economy.with_theta_set(&set.id).map_or(f64::NAN, |e| e.trade_weighted_theta()), 2)
}

/// A set's label in the reader's language, with its horizon and trade-weighted mean.
pub fn elasticity_label(economy: &Economy, set: &ThetaSet, text: &Text) -> String {
    text.fill(
        "elasticity.with_mean",
        &[
            ("label", &set_name(set, text)),
            ("horizon", &horizon_name(set, text)),
            ("mean", &set_mean(economy, set, text)),
        ],
    )
}

/// The id of the first set with the given horizon.
pub fn set_with_horizon<'a>(economy: &'a Economy, horizon: &str) -> Option<&'a ThetaSet> {
    economy.file().theta_sets.iter().find(|s| s.horizon.as_deref() == Some(horizon))
}

/// The economy with the elasticities of the other horizon (one year when the economy in use is long run, and the
/// reverse), when the economy file has such a set.
pub fn other_horizon(baseline: &Economy, in_use: &Economy) -> Option<Economy> {
    let other = match in_use.horizon()? {
        "long_run" => "one_year",
        _ => "long_run",
    };
    set_with_horizon(baseline, other).and_then(|set| baseline.with_theta_set(&set.id).ok())
}

/// One sentence giving real GDP at both horizons, the first year first: "Real GDP in the first year: Canada
/// −1.19%, …; in the long run: Canada −0.66%, …".
pub fn two_horizons_sentence(
    (economy_a, results_a): (&Economy, &Results),
    (economy_b, results_b): (&Economy, &Results),
    text: &Text,
) -> String {
    let mut pair = [(economy_a, results_a), (economy_b, results_b)];
    if economy_a.horizon() == Some("long_run") {
        pair.swap(0, 1);
    }
    let list = |economy: &Economy, results: &Results| -> String {
        let shown: Vec<usize> = ["CAN", "MEX", "USA"].iter().filter_map(|id| economy.country_index(id)).collect();
        let shown = if shown.is_empty() { (0..economy.n_countries()).collect() } else { shown };
        let items: Vec<String> = shown
            .iter()
            .map(|&n| {
                format!(
                    "{} {}",
                    text.country(&economy.countries()[n], &economy.country_names()[n]),
                    text.percent(results.derived.real_gdp_pct[n], 2)
                )
            })
            .collect();
        items.join(", ")
    };
    let label = |economy: &Economy| text.get(&format!("horizon.short.{}", economy.horizon().unwrap_or("unknown")));
    text.fill(
        "summary.two_horizons",
        &[
            ("first", label(pair[0].0)),
            ("first_list", &list(pair[0].0, pair[0].1)),
            ("second", label(pair[1].0)),
            ("second_list", &list(pair[1].0, pair[1].1)),
        ],
    )
}

/// Real income under each elasticity set for a scenario: one row per set (name, horizon, trade-weighted mean), one
/// column per country. The one-year and long-run rows put the two horizons side by side.
pub fn compare_sets(baseline: &Economy, scenario: &Scenario, text: &Text) -> Result<Table, ModelError> {
    let mut headers = vec![
        text.get("table.elasticity_set").to_string(),
        text.get("table.horizon").to_string(),
        text.get("table.trade_weighted_mean").to_string(),
    ];
    headers.extend(
        (0..baseline.n_countries()).map(|n| text.country(&baseline.countries()[n], &baseline.country_names()[n])),
    );
    let mut rows = Vec::new();
    for set in &baseline.file().theta_sets {
        let economy = baseline.with_theta_set(&set.id)?;
        let results = solve(&economy, scenario)?;
        let mut row = vec![set_name(set, text), horizon_name(set, text), set_mean(baseline, set, text)];
        row.extend(results.welfare_pct.iter().map(|w| text.percent(*w, 2)));
        rows.push(row);
    }
    Ok(Table { caption: text.get("ui.compare_caption").to_string(), headers, rows })
}

/// Welfare of Canada and Mexico under the late-2025 US tariffs at a given compliance cost (`None` without the
/// preset or the rules in this economy).
fn welfare_at_compliance_cost(baseline: &Economy, cost: f64) -> Option<[f64; 2]> {
    let mut file = baseline.file().clone();
    file.rules_of_origin.as_mut()?.compliance_cost = cost;
    let economy = Economy::from_file(file).ok()?.with_theta_set(baseline.theta_set_id().unwrap_or("default")).ok()?;
    let preset: ScenarioFile = crate::data::presets::preset("us-tariffs-2025").ok()?;
    let results = solve(&economy, &Scenario::build(&preset, &economy).ok()?).ok()?;
    let (can, mex) = (economy.country_index("CAN")?, economy.country_index("MEX")?);
    Some([results.welfare_pct[can], results.welfare_pct[mex]])
}

/// The method panel's notes on assumptions and limits, with the figures of the economy in use: horizons and the
/// trade-weighted means of the elasticity sets, prices, deficits, jobs, data and (for the built-in baseline) the
/// rules-of-origin sensitivity. Solves the late-2025 preset three times for the sensitivity.
pub fn method_notes(baseline: &Economy, text: &Text) -> Vec<String> {
    let mean = |horizon: &str| {
        set_with_horizon(baseline, horizon)
            .and_then(|s| baseline.with_theta_set(&s.id).ok())
            .map_or("—".to_string(), |e| text.number(e.trade_weighted_theta(), 2))
    };
    let cp = baseline
        .with_theta_set("caliendo_parro")
        .map_or("—".to_string(), |e| text.number(e.trade_weighted_theta(), 2));
    let mut notes = vec![
        text.fill(
            "ui.sources.assumption_horizon",
            &[("long_run", &mean("long_run")), ("one_year", &mean("one_year")), ("cp", &cp)],
        ),
        text.get("ui.sources.assumption_prices").to_string(),
        text.get("ui.sources.assumption_jobs").to_string(),
        text.get("ui.sources.assumption_money").to_string(),
        text.get("ui.sources.compared_published").to_string(),
        text.get("ui.sources.assumption_data").to_string(),
        text.get("ui.sources.assumption_decomposition").to_string(),
    ];
    if let Some(rules) = &baseline.file().rules_of_origin {
        let runs = [0.0, rules.compliance_cost, HIGH_COMPLIANCE_COST].map(|c| welfare_at_compliance_cost(baseline, c));
        if let [Some(none), Some(default), Some(high)] = runs {
            let p = |v: f64| text.percent(v, 2);
            notes.push(text.fill(
                "ui.sources.assumption_rules_of_origin",
                &[
                    ("cost", &text.percent_plain(100.0 * rules.compliance_cost, 0)),
                    ("can_none", &p(none[0])),
                    ("can_default", &p(default[0])),
                    ("can_high", &p(high[0])),
                    ("mex_none", &p(none[1])),
                    ("mex_default", &p(default[1])),
                    ("mex_high", &p(high[1])),
                ],
            ));
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::data::presets;

    #[test]
    fn labels_name_the_horizon_and_the_trade_weighted_mean() {
        let economy = presets::north_america_2024().unwrap();
        let text = Text::default();
        let one_year = economy.file().theta_sets.iter().find(|s| s.id == "one_year").unwrap();
        let label = elasticity_label(&economy, one_year, &text);
        assert!(label.contains("one year") && label.contains("0.76"), "{label}");
    }

    #[test]
    fn the_method_notes_carry_the_computed_figures() {
        let economy = presets::north_america_2024().unwrap();
        let text = Text::default();
        let notes = method_notes(&economy, &text);
        let mean = text.number(economy.trade_weighted_theta(), 2);
        assert!(notes[0].contains(&mean) && notes[0].contains("0.76"), "{}", notes[0]);
        let rules = notes.last().unwrap();
        let high = welfare_at_compliance_cost(&economy, HIGH_COMPLIANCE_COST).unwrap();
        let none = welfare_at_compliance_cost(&economy, 0.0).unwrap();
        assert!(high[0] < none[0] && high[1] < none[1], "a higher compliance cost costs Canada and Mexico more");
        assert!(rules.contains(&text.percent(high[0], 2)) && rules.contains("2%"), "{rules}");
        assert!(notes.iter().all(|n| !n.contains('{')), "every placeholder is filled: {notes:?}");
    }

    #[test]
    fn the_comparison_has_a_row_per_set_with_its_horizon_and_mean() {
        let economy = presets::north_america_2024().unwrap();
        let scenario = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
        let table = compare_sets(&economy, &scenario, &Text::default()).unwrap();
        assert_eq!(table.rows.len(), economy.file().theta_sets.len());
        assert!(table.rows.iter().all(|r| r.len() == table.headers.len()));
        assert!(table.rows.iter().any(|r| r[1] == "one year" && r[2] == "0.76"), "{:?}", table.rows);
    }

    #[test]
    fn the_two_horizons_sentence_puts_one_year_first() {
        let economy = presets::north_america_2024().unwrap();
        let scenario = Scenario::build(&presets::preset("regime-2026-after-ieepa").unwrap(), &economy).unwrap();
        assert!(scenario.compare_horizons);
        let other = other_horizon(&economy, &economy).unwrap();
        assert_eq!(other.horizon(), Some("one_year"));
        let (a, b) = (solve(&economy, &scenario).unwrap(), solve(&other, &scenario).unwrap());
        let text = Text::default();
        let sentence = two_horizons_sentence((&economy, &a), (&other, &b), &text);
        assert!(sentence.starts_with("Real GDP in the first year:"), "{sentence}");
        let can = economy.country_index("CAN").unwrap();
        assert!(sentence.contains(&text.percent(b.derived.real_gdp_pct[can], 2)), "{sentence}");
    }
}
