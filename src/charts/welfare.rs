//! "Who wins, who loses": real income (welfare) change by country, and consumer prices with the money figure per
//! household.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{diverging_bars, BarRow, Frame};
use super::format::{percent, signed_dollars};
use super::{ChartError, ChartInput, HitMap, Pen, Style};

/// Draw the welfare and consumer-price panels (side by side when wide, stacked when narrow).
pub fn winners_and_losers<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: ChartInput<'_>,
    style: &Style,
) -> Result<HitMap, ChartError> {
    let pen = Pen { area, style };
    pen.clear()?;
    let (width, height) = pen.size();
    let top = pen.title("Who wins, who loses", "Change in real income and in consumer prices, long run")?;
    let names = input.economy.country_names();
    let results = input.results;
    let welfare: Vec<BarRow> = (0..names.len())
        .map(|n| BarRow {
            label: names[n].clone(),
            value: results.welfare_pct[n],
            value_text: percent(results.welfare_pct[n], 2),
            hover: format!("{}: real income {} (welfare)", names[n], percent(results.welfare_pct[n], 3)),
        })
        .collect();
    let prices: Vec<BarRow> = (0..names.len())
        .map(|n| {
            let pct = results.derived.consumer_price_pct[n];
            let money = results.derived.consumer_cost_per_household.as_ref().map(|v| v[n]);
            let money_text = money.map_or(String::new(), |m| format!(" ({} per household a year)", signed_dollars(m)));
            BarRow {
                label: names[n].clone(),
                value: pct,
                value_text: match money {
                    Some(m) => format!("{} · {}", percent(pct, 2), signed_dollars(m)),
                    None => percent(pct, 2),
                },
                hover: format!("{}: consumer prices {}{}", names[n], percent(pct, 3), money_text),
            }
        })
        .collect();
    let mut hits = Vec::new();
    let margin = style.px(12.0);
    if f64::from(width) >= 620.0 * style.scale {
        let mid = width / 2;
        diverging_bars(
            &pen,
            Frame { x0: margin, y0: top, x1: mid - margin, y1: height - margin },
            "Real income (welfare)",
            &welfare,
            &mut hits,
        )?;
        diverging_bars(
            &pen,
            Frame { x0: mid + margin, y0: top, x1: width - margin, y1: height - margin },
            "Consumer prices",
            &prices,
            &mut hits,
        )?;
    } else {
        let mid = top + (height - top) / 2;
        diverging_bars(
            &pen,
            Frame { x0: margin, y0: top, x1: width - margin, y1: mid },
            "Real income (welfare)",
            &welfare,
            &mut hits,
        )?;
        diverging_bars(
            &pen,
            Frame { x0: margin, y0: mid, x1: width - margin, y1: height - margin },
            "Consumer prices",
            &prices,
            &mut hits,
        )?;
    }
    Ok(HitMap { hits })
}
