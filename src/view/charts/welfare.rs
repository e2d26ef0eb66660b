//! "Who wins, who loses": real income (welfare) change by country with its money value per household (the
//! equivalent variation), and consumer prices against local wages with the price-only cost in the hover text; its
//! table adds the welfare decomposition and wages.

use plotters::prelude::*;

use super::bars::{two_panels, BarRow, Heading, Scale};
use super::{ChartError, ChartInput, HitMap, Pen};
use crate::view::table::{range_cell, Table};

/// Draw the welfare and consumer-price panels (side by side when wide, stacked when narrow).
pub(super) fn draw<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    input: ChartInput<'_>,
    top: i32,
) -> Result<HitMap, ChartError> {
    let text = input.text;
    let results = input.results;
    let shown = input.countries_to_show(|n| results.welfare_pct[n].abs());
    let households = results.derived.consumer_cost_per_household.as_ref();
    let price_costs = results.derived.consumer_price_cost_per_household.as_ref();
    let welfare: Vec<BarRow> = shown
        .iter()
        .copied()
        .map(|n| {
            let range = input.ranges.map(|r| r.welfare_pct[n]);
            // The money figure is the change in real income per household (a gain is positive), the negative
            // of the cost per household.
            let money = households.map(|v| -v[n]);
            let mut hover = text.fill(
                "chart.welfare.hover_income",
                &[("country", &input.country(n)), ("value", &text.percent(results.welfare_pct[n], 3))],
            ) + &input.range_note(range, |v| text.percent(v, 3));
            if let Some(m) = money {
                hover.push_str(&format!(
                    "; {}",
                    text.fill("chart.welfare.hover_household", &[("money", &text.signed_dollars(m))])
                ));
            }
            BarRow {
                compact_label: None,
                label: input.country(n),
                value: results.welfare_pct[n],
                short_text: money.map(|_| text.percent(results.welfare_pct[n], 2)),
                value_text: match money {
                    Some(m) => format!("{} · {}", text.percent(results.welfare_pct[n], 2), text.signed_dollars(m)),
                    None => text.percent(results.welfare_pct[n], 2),
                },
                hover,
                range: range.map(|r| (r.low, r.high)),
            }
        })
        .collect();
    let prices: Vec<BarRow> = shown
        .iter()
        .copied()
        .map(|n| {
            let pct = results.derived.consumer_price_pct[n];
            let range = input.ranges.map(|r| r.consumer_price_pct[n]);
            let mut hover = text.fill(
                "chart.welfare.hover_prices",
                &[("country", &input.country(n)), ("value", &text.percent(pct, 3))],
            );
            hover.push_str(&input.range_note(range, |v| text.percent(v, 3)));
            if let Some(cost) = price_costs.map(|v| v[n]) {
                hover.push_str(&format!(
                    "; {}",
                    text.fill("chart.welfare.hover_price_cost", &[("money", &text.signed_dollars(cost))])
                ));
            }
            BarRow {
                compact_label: None,
                label: input.country(n),
                value: pct,
                value_text: text.percent(pct, 2),
                short_text: None,
                hover,
                range: range.map(|r| (r.low, r.high)),
            }
        })
        .collect();
    // The money per household is drawn only beside a wide enough bar list; its unit is then in the heading.
    let income_heading = Heading {
        full: text.get(if households.is_some() {
            "chart.welfare.panel_income_money"
        } else {
            "chart.welfare.panel_income"
        }),
        short: text.get("chart.welfare.panel_income"),
    };
    let hits = two_panels(
        pen,
        top,
        super::ChartId::Welfare.layout().side_by_side_from,
        0.5,
        (income_heading, &welfare),
        (text.get("chart.welfare.panel_prices").into(), &prices),
        Scale::Shared,
    )?;
    Ok(HitMap { hits })
}

/// Real income and consumer prices of every country, with the horizon of the elasticities.
pub(super) fn describe(input: &ChartInput<'_>) -> String {
    let text = input.text;
    let results = input.results;
    let countries = 0..input.economy.n_countries();
    let income: Vec<String> = countries
        .clone()
        .map(|n| format!("{} {}", input.country(n), text.percent(results.welfare_pct[n], 2)))
        .collect();
    let prices: Vec<String> = countries
        .map(|n| format!("{} {}", input.country(n), text.percent(results.derived.consumer_price_pct[n], 2)))
        .collect();
    let horizon = crate::view::summary::horizon_text(input.economy, text);
    text.fill("desc.welfare", &[("income", &income.join(", ")), ("prices", &prices.join(", ")), ("horizon", &horizon)])
}

/// Per country: real income (with its range), real GDP, real income's parts (which add up to it), consumer prices, the cost per household before
/// and after revenue is returned, and wages.
pub(super) fn table(input: &ChartInput<'_>, caption: String) -> Table {
    let text = input.text;
    let results = input.results;
    let derived = &results.derived;
    let h = |key: &str| text.get(key).to_string();
    let mut headers = vec![h("table.country"), h("table.welfare")];
    if input.ranges.is_some() {
        headers.push(h("table.range"));
    }
    headers.extend([
        h("table.real_gdp"),
        h("table.part_wages"),
        h("table.part_employment"),
        h("table.part_revenue"),
        h("table.part_margins"),
        h("table.part_retail"),
        h("table.part_deficit"),
        h("table.prices"),
        h("table.per_household"),
        h("table.price_cost"),
        h("table.wages"),
    ]);
    let per_household =
        |values: Option<&Vec<f64>>, n: usize| values.map_or("—".into(), |v| text.signed_dollars(v[n]));
    let rows = (0..input.economy.n_countries())
        .map(|n| {
            let mut row = vec![input.country(n), text.percent(results.welfare_pct[n], 3)];
            if let Some(r) = input.ranges {
                row.push(range_cell(r.welfare_pct[n], |v| text.percent(v, 2)));
            }
            let parts = &results.welfare_parts;
            row.extend([
                text.percent(derived.real_gdp_pct[n], 3),
                text.percent(parts.wages_pct[n], 3),
                text.percent(parts.employment_pct[n], 3),
                text.percent(parts.tariff_revenue_pct[n], 3),
                text.percent(parts.export_margins_pct[n], 3),
                text.percent(parts.retail_margins(n), 3),
                text.percent(parts.deficit_pct[n], 3),
                text.percent(derived.consumer_price_pct[n], 3),
                per_household(derived.consumer_cost_per_household.as_ref(), n),
                per_household(derived.consumer_price_cost_per_household.as_ref(), n),
                text.percent(100.0 * (results.w_hat[n] - 1.0), 3),
            ]);
            row
        })
        .collect();
    Table { caption, headers, rows }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;
    use crate::view::charts::solved_preset;
    use crate::view::i18n::{Lang, Text};

    #[test]
    fn the_description_and_table_carry_the_numbers_in_the_reader_s_language() {
        let (economy, results) = solved_preset("us-tariffs-2025");
        let text = Text::default();
        let input = ChartInput { economy: &economy, results: &results, text: &text, ranges: None, story: None };
        let (can, mex) = (economy.country_index("CAN").unwrap(), economy.country_index("MEX").unwrap());
        let description = describe(&input);
        let can_text = format!("Canada {}", text.percent(results.welfare_pct[can], 2));
        let mex_text = format!("Mexico {}", text.percent(results.welfare_pct[mex], 2));
        assert!(can_text.contains('−') && description.contains(&can_text) && description.contains(&mex_text));
        let table = table(&input, String::new());
        assert_eq!(table.rows.len(), 5);
        assert_eq!(table.rows[1][1], text.percent(results.welfare_pct[can], 3));
        let french = Text::new(Lang::Fr);
        let input = ChartInput { text: &french, ..input };
        let cell = &super::table(&input, String::new()).rows[1][1];
        assert!(cell == &french.percent(results.welfare_pct[can], 3) && cell.contains(','), "{cell}");
    }
}
