//! Plain-language summaries: the sentence above the charts that says what the current result means, and the
//! baseline's headline figures with their sources.

use serde::Serialize;

use crate::model::derived::PairTrade;
use crate::model::economy::Economy;
use crate::model::results::Results;
use crate::view::i18n::Text;

use crate::view::NORTH_AMERICA;

/// A country's name as it reads inside a sentence ("the United States").
fn in_sentence(text: &Text, economy: &Economy, id: &str) -> String {
    let name_in_file = economy.country_index(id).map_or(id, |n| economy.country_names()[n].as_str());
    text.country_in_sentence(id, name_in_file)
}

/// The horizon of the elasticities in use, in words ("long run (…)", "about one year after the change").
pub fn horizon_text(economy: &Economy, text: &Text) -> String {
    text.get(&format!("horizon.{}", economy.horizon().unwrap_or("unknown"))).to_string()
}

/// The smallest real-income change, in percent, the summary calls a rise or a fall; below it, "barely changes".
const SMALLEST_CHANGE_PCT: f64 = 0.005;

/// The countries the summary speaks of: the North American three in the built-in economy, every country otherwise.
fn focus_countries(economy: &Economy) -> Vec<usize> {
    match crate::view::north_american_members(economy) {
        Some(members) if !members.is_empty() => members,
        _ => (0..economy.n_countries()).collect(),
    }
}

/// Once the ranges are computed: the countries whose real-income change the summary calls a rise or a fall while
/// its 90% range spans zero, so that a reader does not quote a direction the model cannot tell ("Uncertain
/// direction: the 90% range spans zero for the United States (−0.07% to +0.21%)."). `None` when there is none.
pub fn uncertain_direction_sentence(
    economy: &Economy,
    results: &Results,
    ranges: &crate::model::uncertainty::Ranges,
    text: &Text,
) -> Option<String> {
    let items: Vec<String> = focus_countries(economy)
        .into_iter()
        .filter(|&n| results.welfare_pct[n].abs() >= SMALLEST_CHANGE_PCT)
        .filter_map(|n| {
            let range = ranges.welfare_pct.get(n)?;
            (range.low < 0.0 && range.high > 0.0).then(|| {
                let span = text.fill(
                    "summary.range",
                    &[("low", &text.percent(range.low, 2)), ("high", &text.percent(range.high, 2))],
                );
                format!("{} ({span})", in_sentence(text, economy, &economy.countries()[n]))
            })
        })
        .collect();
    (!items.is_empty()).then(|| text.fill("summary.uncertain", &[("list", &text.join(&items))]))
}

/// A few plain sentences describing a solved scenario: where real GDP falls and rises (the headline), real income
/// with tariff revenue returned, the largest shift in goods trade, what happens to Canada–Mexico trade, the largest
/// change in tariff revenue, and the horizon.
pub fn summary_sentence(economy: &Economy, results: &Results, text: &Text) -> String {
    summary_sentence_with(economy, results, None, text)
}

/// [`summary_sentence`], knowing the same scenario at the other horizon: a country whose real GDP moves one way in
/// the first year and the other in the long run is never said to gain or lose; it is listed as "little change",
/// with both figures (the headline rule of issue 21).
pub fn summary_sentence_with(economy: &Economy, results: &Results, other: Option<&Results>, text: &Text) -> String {
    summary_for_charts(economy, results, other, &crate::view::charts::ChartId::ALL, text)
}

/// [`summary_sentence_with`] for a view that shows only `charts` (an embed): the trade sentences only with a trade
/// chart (the flow map or "Where trade goes"), the revenue sentence only with the revenue chart, so that an
/// article's embed says what its charts show and stays short.
pub fn summary_for_charts(
    economy: &Economy,
    results: &Results,
    other: Option<&Results>,
    charts: &[crate::view::charts::ChartId],
    text: &Text,
) -> String {
    use crate::view::charts::ChartId;
    let shows_trade = charts.iter().any(|c| matches!(c, ChartId::Flows | ChartId::Trade));
    let shows_revenue = charts.contains(&ChartId::Revenue);
    let members: Vec<usize> = crate::view::north_american_members(economy).unwrap_or_default();
    let focus = focus_countries(economy);
    let mut sentences = Vec::new();
    let gdp = &results.derived.real_gdp_pct;
    let other_gdp = other.filter(|o| o.derived.real_gdp_pct.len() == gdp.len()).map(|o| &o.derived.real_gdp_pct);
    let disagree = |n: usize| {
        other_gdp.is_some_and(|o| {
            gdp[n].abs() >= SMALLEST_CHANGE_PCT && o[n].abs() >= SMALLEST_CHANGE_PCT && (gdp[n] > 0.0) != (o[n] > 0.0)
        })
    };
    // With the other horizon known, each figure names its horizon, side by side with the other's:
    // "Canada (−0.46% long run; −0.83% first year)", and no separate horizon sentence is needed.
    let label = |r: &Results| {
        let horizon = if r.labour == "sticky" { "one_year" } else { "long_run" };
        text.get(&format!("horizon.tag.{horizon}")).to_string()
    };
    let labels = other.map(|o| (label(results), label(o)));
    let describe = |n: usize| {
        let name = in_sentence(text, economy, &economy.countries()[n]);
        match (other_gdp, &labels) {
            (Some(o), Some((this, that))) => {
                format!("{name} ({} {this}; {} {that})", text.percent(gdp[n], 2), text.percent(o[n], 2))
            }
            _ => format!("{name} ({})", text.percent(gdp[n], 2)),
        }
    };
    // Long lists (large economies) name the five largest changes and count the rest.
    let listed = |mut group: Vec<usize>| -> Vec<String> {
        const SHOWN: usize = 5;
        if group.len() <= SHOWN + 1 {
            return group.into_iter().map(describe).collect();
        }
        crate::util::order::sort_desc(&mut group, |&n| gdp[n].abs());
        let rest = group.len() - SHOWN;
        let mut items: Vec<String> = group.into_iter().take(SHOWN).map(describe).collect();
        items.push(text.fill("list.others", &[("count", &text.number(rest as f64, 0))]));
        items
    };
    let falls = listed(focus.iter().copied().filter(|&n| gdp[n] <= -SMALLEST_CHANGE_PCT && !disagree(n)).collect());
    let rises = listed(focus.iter().copied().filter(|&n| gdp[n] >= SMALLEST_CHANGE_PCT && !disagree(n)).collect());
    let little: Vec<String> = focus
        .iter()
        .copied()
        .filter(|&n| disagree(n))
        .map(|n| {
            let (first, long) = match (results.labour.as_str(), other_gdp) {
                ("sticky", Some(o)) => (gdp[n], o[n]),
                (_, Some(o)) => (o[n], gdp[n]),
                _ => (gdp[n], gdp[n]),
            };
            text.fill(
                "summary.little_item",
                &[
                    ("country", &in_sentence(text, economy, &economy.countries()[n])),
                    ("first", &text.percent(first, 2)),
                    ("long", &text.percent(long, 2)),
                ],
            )
        })
        .collect();
    sentences.push(match (falls.is_empty(), rises.is_empty()) {
        (true, true) => text.fill("summary.barely", &[("value", &text.percent_plain(SMALLEST_CHANGE_PCT, 3))]),
        (false, true) => text.fill("summary.fall", &[("falls", &text.join(&falls))]),
        (true, false) => text.fill("summary.rise", &[("rises", &text.join(&rises))]),
        (false, false) => {
            text.fill("summary.fall_rise", &[("falls", &text.join(&falls)), ("rises", &text.join(&rises))])
        }
    });
    if !little.is_empty() {
        sentences.push(text.fill("summary.little", &[("list", &text.join(&little))]));
    }
    // Real income beside it, the welfare measure, for the same countries (long lists: the largest five).
    let mut income_countries: Vec<usize> = focus.clone();
    crate::util::order::sort_desc(&mut income_countries, |&n| results.welfare_pct[n].abs());
    let income: Vec<String> = income_countries
        .into_iter()
        .take(5)
        .map(|n| {
            format!(
                "{} {}",
                in_sentence(text, economy, &economy.countries()[n]),
                text.percent(results.welfare_pct[n], 2)
            )
        })
        .collect();
    if !income.is_empty() {
        // Beside a real-GDP sentence that names both horizons, this one names its own (issue 21: every figure
        // names its horizon); alone, the closing horizon sentence does.
        sentences.push(match &labels {
            Some((this, _)) => text.fill("summary.income_horizon", &[("horizon", this), ("list", &text.join(&income))]),
            None => text.fill("summary.income", &[("list", &text.join(&income))]),
        });
    }
    let biggest = results
        .derived
        .pairs
        .iter()
        .filter(|p| {
            members.is_empty()
                || NORTH_AMERICA.contains(&p.exporter.as_str())
                || NORTH_AMERICA.contains(&p.importer.as_str())
        })
        .max_by(|a, b| a.change.abs().total_cmp(&b.change.abs()));
    if let Some(p) = biggest.filter(|_| shows_trade) {
        if p.change.abs() >= 0.05 {
            let key = if p.change < 0.0 { "summary.shift_fall" } else { "summary.shift_rise" };
            sentences.push(text.fill(
                key,
                &[
                    ("from", &in_sentence(text, economy, &p.exporter)),
                    ("to", &in_sentence(text, economy, &p.importer)),
                    ("amount", &text.money_bn(p.change.abs())),
                    ("pct", &text.percent(p.change_pct, 1)),
                ],
            ));
        }
    }
    let can_mex: Vec<&PairTrade> = results
        .derived
        .pairs
        .iter()
        .filter(|p| (p.exporter == "CAN" && p.importer == "MEX") || (p.exporter == "MEX" && p.importer == "CAN"))
        .collect();
    if can_mex.len() == 2 && !members.is_empty() && shows_trade {
        let base: f64 = can_mex.iter().map(|p| p.base).sum();
        let new: f64 = can_mex.iter().map(|p| p.new).sum();
        let pct = if base > 0.0 { 100.0 * (new / base - 1.0) } else { 0.0 };
        let values = [("amount", text.money_bn((new - base).abs())), ("pct", text.percent(pct, 1))];
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        sentences.push(if (new - base).abs() < 0.05 {
            text.get("summary.canmex_flat").to_string()
        } else if new > base {
            text.fill("summary.canmex_grows", &values)
        } else {
            text.fill("summary.canmex_shrinks", &values)
        });
    }
    let revenue = focus.iter().copied().max_by(|&a, &b| {
        results.derived.tariff_revenue_change[a].abs().total_cmp(&results.derived.tariff_revenue_change[b].abs())
    });
    if let Some(n) = revenue.filter(|_| shows_revenue) {
        let change = results.derived.tariff_revenue_change[n];
        if change.abs() >= 0.05 {
            let key = if change > 0.0 { "summary.revenue_rises" } else { "summary.revenue_falls" };
            sentences.push(text.fill(
                key,
                &[
                    ("country", &in_sentence(text, economy, &economy.countries()[n])),
                    ("amount", &text.money_bn(change.abs())),
                ],
            ));
        }
    }
    if labels.is_none() {
        sentences.push(text.fill("summary.horizon", &[("horizon", &horizon_text(economy, text))]));
    }
    sentences.join(" ")
}

/// The sentence that leads the summary of a timeline step: what changes on `date` (`YYYY-MM-DD`), naming every
/// enacted event of that date in the reader's language; `None` for a date without events.
pub fn step_sentence(date: &str, text: &Text) -> Option<String> {
    let titles: Vec<String> = crate::data::timeline::enacted_events()
        .filter(|(_, e)| e.date == date)
        .map(|(_, e)| text.try_get(&format!("timeline.{}", e.id)).map_or_else(|| e.title.clone(), str::to_string))
        .collect();
    (!titles.is_empty()).then(|| text.fill("summary.step", &[("date", date), ("events", &titles.join("; "))]))
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
pub fn headlines(economy: &Economy, text: &Text) -> Vec<Headline> {
    let Some(members) = crate::view::north_american_members(economy) else {
        return Vec::new();
    };
    let services = economy.sector_index("services");
    let goods = |i: usize, n: usize| -> f64 {
        (0..economy.n_sectors())
            .filter(|&j| Some(j) != services)
            .map(|j| economy.exports_at_producer_prices(j, n, i))
            .sum()
    };
    let all = |i: usize, n: usize| -> f64 {
        (0..economy.n_sectors()).map(|j| economy.exports_at_producer_prices(j, n, i)).sum()
    };
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
    let year = economy.file().year.map_or(String::new(), |y| y.to_string());
    let line = |key: &str, value: f64| Headline {
        label: text.fill(&format!("headline.{key}"), &[("year", &year)]),
        value: text.money_bn(value),
        source: text.get(&format!("headline.{key}.source")).to_string(),
    };
    vec![
        line("trade_all", all_total),
        line("trade_goods", goods_total),
        line("us_can", goods(usa, can) + goods(can, usa)),
        line("us_mex", goods(usa, mex) + goods(mex, usa)),
        line("can_mex", goods(can, mex) + goods(mex, can)),
    ]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::{
        data::presets,
        model::scenario::{Scenario, ScenarioFile},
        model::solver::solve,
    };

    /// A change the summary calls a rise or fall while its 90% range spans zero is flagged once the ranges are in;
    /// changes whose whole range is on one side are not.
    #[test]
    fn directions_the_ranges_cannot_tell_are_called_uncertain() {
        use crate::model::uncertainty::{ranges, RangeOptions};
        let economy = presets::north_america_2024().unwrap();
        let english = Text::default();
        let options = RangeOptions { draws: 60, ..RangeOptions::default() };
        let mut flagged = 0;
        for id in presets::preset_ids() {
            let scenario = Scenario::build(&presets::preset(id).unwrap(), &economy).unwrap();
            let results = solve(&economy, &scenario).unwrap();
            let bands = ranges(&economy, &scenario, &options).unwrap();
            let sentence = uncertain_direction_sentence(&economy, &results, &bands, &english);
            for n in crate::view::north_american_members(&economy).unwrap() {
                let name = in_sentence(&english, &economy, &economy.countries()[n]);
                let range = bands.welfare_pct[n];
                let spans = range.low < 0.0 && range.high > 0.0 && results.welfare_pct[n].abs() >= SMALLEST_CHANGE_PCT;
                let named = sentence.as_ref().is_some_and(|s| s.contains(&format!("{name} (")));
                assert_eq!(named, spans, "{id}: {name} {range:?} in {sentence:?}");
                flagged += usize::from(spans);
            }
        }
        assert!(flagged > 0, "some preset has a direction the ranges cannot tell");
    }

    #[test]
    fn the_summary_names_winners_losers_and_the_biggest_shift() {
        let economy = presets::north_america_2024().unwrap();
        let scenario = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
        let english = Text::default();
        let results = solve(&economy, &scenario).unwrap();
        let text = summary_sentence(&economy, &results, &english);
        let (can, mex) = (economy.country_index("CAN").unwrap(), economy.country_index("MEX").unwrap());
        let usa = economy.country_index("USA").unwrap();
        let gdp = &results.derived.real_gdp_pct;
        let expected = format!(
            "Real GDP falls in the United States ({}), Canada ({}) and Mexico ({}).",
            english.percent(gdp[usa], 2),
            english.percent(gdp[can], 2),
            english.percent(gdp[mex], 2)
        );
        assert!(text.starts_with(&expected), "{text}");
        assert!(
            text.contains(&format!(
                "Real income (tariff revenue returned): Mexico {}",
                english.percent(results.welfare_pct[mex], 2)
            )),
            "{text}"
        );
        let mex_usa = results.derived.pairs.iter().find(|p| p.exporter == "MEX" && p.importer == "USA").unwrap();
        assert!(
            text.contains(&format!(
                "The largest shift in trade: exports from Mexico to the United States fall by {}",
                english.money_bn(-mex_usa.change)
            )),
            "{text}"
        );
        let revenue = results.tariff_revenue_new[usa] - results.tariff_revenue_base[usa];
        assert!(
            text.contains("Canada–Mexico trade")
                && text.contains(&format!(
                    "Tariff revenue rises by {} a year in the United States.",
                    english.money_bn(revenue)
                )),
            "{text}"
        );
        let baseline = Scenario::build(&ScenarioFile::baseline(), &economy).unwrap();
        let text = summary_sentence(&economy, &solve(&economy, &baseline).unwrap(), &english);
        assert_eq!(
            text,
            "Real GDP barely changes (less than 0.005%). Real income (tariff revenue returned): the United States \
             0.00%, Canada 0.00% and Mexico 0.00%. Canada–Mexico trade hardly changes. Horizon: long run (after firms \
             and workers have adjusted, several years)."
        );
        let french =
            summary_sentence(&economy, &solve(&economy, &scenario).unwrap(), &Text::new(crate::view::i18n::Lang::Fr));
        let french_can = Text::new(crate::view::i18n::Lang::Fr).percent(results.derived.real_gdp_pct[can], 2);
        assert!(french_can.contains(',') && french.contains(&french_can), "{french}");
    }

    /// The headline rule of issue 21: where the first year and the long run disagree in sign, the summary says
    /// "little change" with both figures instead of a rise or a fall.
    #[test]
    fn a_country_whose_horizons_disagree_is_never_said_to_gain_or_lose() {
        let economy = presets::north_america_2024().unwrap();
        let one_year = economy.with_theta_set("one_year").unwrap();
        let english = Text::default();
        let mut checked = 0;
        for id in presets::preset_ids() {
            let file = presets::preset(id).unwrap();
            let long = solve(&economy, &Scenario::build(&file, &economy).unwrap()).unwrap();
            let first = solve(&one_year, &Scenario::build(&file, &one_year).unwrap()).unwrap();
            let text = summary_sentence_with(&economy, &long, Some(&first), &english);
            // Real income is given at the horizon on screen, and says which.
            assert!(text.contains("Real income (tariff revenue returned), long run: "), "{id}: {text}");
            for n in crate::view::north_american_members(&economy).unwrap() {
                let (a, b) = (first.derived.real_gdp_pct[n], long.derived.real_gdp_pct[n]);
                let name = in_sentence(&english, &economy, &economy.countries()[n]);
                let both = format!(
                    "{name} ({} in the first year, {} in the long run)",
                    english.percent(a, 2),
                    english.percent(b, 2)
                );
                let disagree =
                    a.abs() >= SMALLEST_CHANGE_PCT && b.abs() >= SMALLEST_CHANGE_PCT && (a > 0.0) != (b > 0.0);
                assert_eq!(text.contains(&both), disagree, "{id}: {name}: {text}");
                checked += usize::from(disagree);
            }
        }
        // The mexico-tariffs-on-china-2026 preset, for one, has countries whose tiny changes differ in sign.
        println!("{checked} disagreements listed");
    }

    #[test]
    fn long_lists_name_the_largest_and_count_the_rest() {
        let economy = crate::data::synthetic::random_economy(20, 2, 4).unwrap();
        let mut file = ScenarioFile::baseline();
        file.measures.push(crate::model::scenario::Measure {
            label: "t".into(),
            importers: vec!["C000".into()],
            tariff: Some(0.5),
            ..Default::default()
        });
        let results = solve(&economy, &Scenario::build(&file, &economy).unwrap()).unwrap();
        let text = summary_sentence(&economy, &results, &Text::default());
        assert!(text.contains("other countries"), "{text}");
        assert!(text.len() < 600, "{text}");
    }

    #[test]
    fn a_timeline_step_leads_with_every_event_of_its_date() {
        let english = Text::default();
        let steel = step_sentence("2025-06-04", &english).unwrap();
        assert!(
            steel.starts_with("On 2025-06-04: US raises the Section 232 steel and aluminum tariff to 50%."),
            "{steel}"
        );
        assert!(!steel.contains("China"), "{steel}");
        // Two events on one date: both named.
        let august = step_sentence("2025-08-01", &english).unwrap();
        assert!(august.contains("35%") && august.contains("copper"), "{august}");
        let march = step_sentence("2025-03-04", &english).unwrap();
        assert!(march.contains("Canada's 25% counter-tariffs") && march.contains("20% more on China"), "{march}");
        let french = step_sentence("2025-06-04", &Text::new(crate::view::i18n::Lang::Fr)).unwrap();
        assert!(french.starts_with("Le 2025-06-04 :") && french.contains("50"), "{french}");
        assert_eq!(step_sentence("2025-06-05", &english), None);
    }

    #[test]
    fn headlines_reproduce_the_facts() {
        let economy = presets::north_america_2024().unwrap();
        let lines = headlines(&economy, &Text::default());
        assert_eq!(lines[1].value, "US$1.63T");
        assert_eq!(lines[2].value, "US$762.1B");
    }
}
