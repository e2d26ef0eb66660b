//! "Who wins, who loses": real income (welfare) change by country with its money value per household (the
//! equivalent variation), and consumer prices against local wages with the price-only cost in the hover text.

use plotters::prelude::*;

use super::bars::{two_panels, BarRow, Scale};
use super::{ChartError, ChartInput, HitMap, Pen};

/// Draw the welfare and consumer-price panels (side by side when wide, stacked when narrow).
pub(crate) fn winners_and_losers<DB: DrawingBackend>(
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
                label: input.country(n),
                value: pct,
                value_text: text.percent(pct, 2),
                short_text: None,
                hover,
                range: range.map(|r| (r.low, r.high)),
            }
        })
        .collect();
    let hits = two_panels(
        pen,
        top,
        620.0,
        0.5,
        (text.get("chart.welfare.panel_income"), &welfare),
        (text.get("chart.welfare.panel_prices"), &prices),
        Scale::Shared,
    )?;
    Ok(HitMap { hits })
}
