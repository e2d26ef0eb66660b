//! Plain-language summaries: the sentence above the charts that says what the current result means, and the
//! baseline's headline figures with their sources.

use serde::Serialize;

use crate::charts::{money_bn, percent, signed_money_bn};
use crate::economy::Economy;
use crate::results::Results;

const NORTH_AMERICA: [&str; 3] = ["USA", "CAN", "MEX"];

/// Join names as "A", "A and B", "A, B and C".
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// A few plain sentences describing a solved scenario: who gains and loses real income, the largest shift in
/// trade, what happens to Canada–Mexico trade, and the largest change in tariff revenue.
pub fn summary_sentence(economy: &Economy, results: &Results) -> String {
    let names = economy.country_names();
    let members: Vec<usize> = NORTH_AMERICA.iter().filter_map(|id| economy.country_index(id)).collect();
    let focus: Vec<usize> = if members.is_empty() { (0..economy.n_countries()).collect() } else { members.clone() };
    let mut sentences = Vec::new();
    let describe = |n: usize| format!("{} ({})", with_article(&names[n]), percent(results.welfare_pct[n], 2));
    let falls: Vec<String> = focus.iter().filter(|&&n| results.welfare_pct[n] <= -0.005).map(|&n| describe(n)).collect();
    let rises: Vec<String> = focus.iter().filter(|&&n| results.welfare_pct[n] >= 0.005).map(|&n| describe(n)).collect();
    let welfare = match (falls.is_empty(), rises.is_empty()) {
        (true, true) => "Real incomes barely change (less than 0.005%).".to_string(),
        (false, true) => format!("Real incomes fall in {}.", join(&falls)),
        (true, false) => format!("Real incomes rise in {}.", join(&rises)),
        (false, false) => format!("Real incomes fall in {} and rise in {}.", join(&falls), join(&rises)),
    };
    sentences.push(welfare);
    let name = |id: &str| economy.country_index(id).map_or(id.to_string(), |n| names[n].clone());
    let biggest = results
        .derived
        .pairs
        .iter()
        .filter(|p| members.is_empty() || NORTH_AMERICA.contains(&p.exporter.as_str()) || NORTH_AMERICA.contains(&p.importer.as_str()))
        .max_by(|a, b| a.change.abs().total_cmp(&b.change.abs()));
    if let Some(p) = biggest {
        if p.change.abs() >= 0.05 {
            sentences.push(format!(
                "The largest shift in trade: {}'s exports to {} {} by {} ({}).",
                name(&p.exporter),
                with_article(&name(&p.importer)),
                if p.change < 0.0 { "fall" } else { "rise" },
                money_bn(p.change.abs()),
                percent(p.change_pct, 1)
            ));
        }
    }
    let can_mex: Vec<&crate::derived::PairTrade> = results
        .derived
        .pairs
        .iter()
        .filter(|p| (p.exporter == "CAN" && p.importer == "MEX") || (p.exporter == "MEX" && p.importer == "CAN"))
        .collect();
    if can_mex.len() == 2 {
        let base: f64 = can_mex.iter().map(|p| p.base).sum();
        let new: f64 = can_mex.iter().map(|p| p.new).sum();
        let pct = if base > 0.0 { 100.0 * (new / base - 1.0) } else { 0.0 };
        sentences.push(if (new - base).abs() < 0.05 {
            "Canada–Mexico trade hardly changes.".to_string()
        } else {
            format!(
                "Canada–Mexico trade {} by {} ({}).",
                if new > base { "grows" } else { "shrinks" },
                money_bn((new - base).abs()),
                percent(pct, 1)
            )
        });
    }
    let revenue = focus.iter().copied().max_by(|&a, &b| {
        results.derived.tariff_revenue_change[a].abs().total_cmp(&results.derived.tariff_revenue_change[b].abs())
    });
    if let Some(n) = revenue {
        let change = results.derived.tariff_revenue_change[n];
        if change.abs() >= 0.05 {
            sentences.push(format!(
                "{} tariff revenue {} by {} a year.",
                possessive(&names[n]),
                if change > 0.0 { "rises" } else { "falls" },
                signed_money_bn(change).trim_start_matches(['+', '−'])
            ));
        }
    }
    sentences.join(" ")
}

/// Country names that take "the" in running text.
fn with_article(name: &str) -> String {
    match name {
        "United States" => "the United States".into(),
        "Rest of world" => "the rest of the world".into(),
        other => other.into(),
    }
}

fn possessive(name: &str) -> String {
    match name {
        "United States" => "US".to_string(),
        "Rest of world" => "The rest of the world's".to_string(),
        other => format!("{other}'s"),
    }
}

/// A headline figure of the baseline, with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// What it is.
    pub label: String,
    /// The figure, formatted.
    pub value: String,
    /// Where it comes from.
    pub source: String,
}

/// Headline figures of the baseline: trade among the three, and between each pair, at customs value.
pub fn headlines(economy: &Economy) -> Vec<Headline> {
    let members: Vec<usize> = NORTH_AMERICA.iter().filter_map(|id| economy.country_index(id)).collect();
    if members.len() != 3 {
        return Vec::new();
    }
    let services = economy.sector_index("services");
    let goods = |i: usize, n: usize| -> f64 {
        (0..economy.n_sectors()).filter(|&j| Some(j) != services).map(|j| economy.exports_at_producer_prices(j, n, i)).sum()
    };
    let all = |i: usize, n: usize| -> f64 { (0..economy.n_sectors()).map(|j| economy.exports_at_producer_prices(j, n, i)).sum() };
    let (usa, can, mex) = (members[0], members[1], members[2]);
    let mut goods_total = 0.0;
    let mut all_total = 0.0;
    for &a in &members {
        for &b in &members {
            if a != b {
                goods_total += goods(a, b);
                all_total += all(a, b);
            }
        }
    }
    let year = economy.file().year.map_or(String::new(), |y| format!(", {y}"));
    vec![
        Headline {
            label: format!("Trade among the three, goods and services{year}"),
            value: money_bn(all_total),
            source: "Goods: US Census, Mexico's Secretaría de Economía; services: BEA and estimates (data/BASELINE.md)".into(),
        },
        Headline {
            label: format!("Goods trade among the three{year}"),
            value: money_bn(goods_total),
            source: "US Census (US flows), Secretaría de Economía (Canada–Mexico)".into(),
        },
        Headline {
            label: "US–Canada goods trade".into(),
            value: money_bn(goods(usa, can) + goods(can, usa)),
            source: "US Census, 2024".into(),
        },
        Headline {
            label: "US–Mexico goods trade".into(),
            value: money_bn(goods(usa, mex) + goods(mex, usa)),
            source: "US Census, 2024".into(),
        },
        Headline {
            label: "Canada–Mexico goods trade".into(),
            value: money_bn(goods(can, mex) + goods(mex, can)),
            source: "Secretaría de Economía, Jan–Nov 2024 × 12/11 (derived)".into(),
        },
    ]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::{presets, solve, Scenario, ScenarioFile};

    #[test]
    fn the_summary_names_winners_losers_and_the_biggest_shift() {
        let economy = presets::north_america_2024().unwrap();
        let scenario = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
        let text = summary_sentence(&economy, &solve(&economy, &scenario).unwrap());
        assert!(text.starts_with("Real incomes fall in Canada (−0.47%) and Mexico (−0.85%) and rise in the United States"), "{text}");
        assert!(text.contains("The largest shift in trade: Mexico's exports to the United States fall by $104.6B"), "{text}");
        assert!(text.contains("Canada–Mexico trade grows") && text.contains("US tariff revenue rises by $39.6B a year."), "{text}");
        let baseline = Scenario::build(&ScenarioFile::baseline(), &economy).unwrap();
        let text = summary_sentence(&economy, &solve(&economy, &baseline).unwrap());
        assert_eq!(text, "Real incomes barely change (less than 0.005%). Canada–Mexico trade hardly changes.");
    }

    #[test]
    fn headlines_reproduce_the_facts() {
        let economy = presets::north_america_2024().unwrap();
        let lines = headlines(&economy);
        assert_eq!(lines[1].value, "$1.63T");
        assert_eq!(lines[2].value, "$762.1B");
    }
}
