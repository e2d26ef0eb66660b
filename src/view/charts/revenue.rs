//! Tariff revenue by country, before and after: the chart, its description and its table.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::{ChartError, ChartInput, Hit, HitMap, Pen};
use crate::view::table::{range_cell, Table};

/// Draw paired bars (2024 baseline, scenario) of tariff revenue per country, with the change as text.
pub(super) fn draw<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    input: ChartInput<'_>,
    top: i32,
) -> Result<HitMap, ChartError> {
    let text = input.text;
    let s = pen.style;
    let palette = s.palette;
    let (width, height) = pen.size();
    let results = input.results;
    let shown = input.countries_to_show(|n| results.derived.tariff_revenue_change[n].abs());
    let n_countries = shown.len();
    let names: Vec<String> = shown.iter().map(|&n| input.country(n)).collect();
    let year = input.base_year();
    // The scale reaches the top of every range too, so that a whisker and the figures after it stay on the chart.
    let range_tops: Vec<f64> = input
        .ranges
        .map(|r| r.tariff_revenue_new.iter().map(|r| r.high).filter(|v| v.is_finite()).collect())
        .unwrap_or_default();
    let max = results
        .tariff_revenue_base
        .iter()
        .chain(&results.tariff_revenue_new)
        .chain(&range_tops)
        .fold(0.0_f64, |m, v| m.max(*v))
        .max(1e-9);
    let label_width = names.iter().map(|n| pen.text_width(n, 12.0)).max().unwrap_or(0).min(width / 3) + s.px(10.0);
    let value_texts: Vec<String> = shown
        .iter()
        .map(|&n| {
            let (base, new) = (results.tariff_revenue_base[n], results.tariff_revenue_new[n]);
            format!("{} → {} ({})", text.money_bn(base), text.money_bn(new), text.signed_money_bn(new - base))
        })
        .collect();
    let widest_value = value_texts.iter().map(|v| pen.text_width(v, 11.0)).max().unwrap_or(0);
    // On a narrow chart the name and the figures share a line above the bars, which then take the full width.
    let stacked = s.px(12.0) + label_width + s.px(40.0) + widest_value + s.px(18.0) > width;
    let x0 = if stacked { s.px(12.0) } else { s.px(12.0) + label_width };
    let mut hits = Vec::new();
    let row = ((height - top - s.px(8.0)) / n_countries.max(1) as i32).min(s.px(40.0));
    let bar = (f64::from(row) * if stacked { 0.2 } else { 0.34 }).round() as i32;
    for (k, &n) in shown.iter().enumerate() {
        let y = top + row * k as i32;
        let mid = y + row / 2;
        let base = results.tariff_revenue_base[n];
        let new = results.tariff_revenue_new[n];
        let change = new - base;
        let label = &value_texts[k];
        let range = input.ranges.map(|r| r.tariff_revenue_new[n]).filter(|r| r.low.is_finite() && r.high.is_finite());
        if stacked {
            let text_y = y + s.px(7.0);
            let value_width = pen.text_width(label, 11.0);
            let name_room = width - s.px(24.0) - value_width - s.px(8.0);
            pen.text(&pen.fit(&names[k], 12.0, name_room), s.px(12.0), text_y, 12.0, palette.text, HPos::Left, false)?;
            pen.text(label, width - s.px(12.0), text_y, 11.0, palette.text, HPos::Right, false)?;
            let bars_mid = text_y + s.px(7.0) + bar + 1;
            let x_of = |v: f64| x0 + ((v / max) * f64::from(width - s.px(12.0) - x0)).round() as i32;
            pen.rect(x0, bars_mid - bar - 1, x_of(base).max(x0 + 1), bars_mid - 1, palette.neutral.mix(0.45))?;
            pen.rect(x0, bars_mid + 1, x_of(new).max(x0 + 1), bars_mid + bar + 1, palette.text.mix(0.75))?;
        }
        let value_room = pen.text_width(label, 11.0) + s.px(18.0);
        let x1 = (width - value_room).max(x0 + s.px(40.0));
        if !stacked {
            pen.text(
                &pen.fit(&names[k], 12.0, label_width - s.px(10.0)),
                s.px(12.0),
                mid,
                12.0,
                palette.text,
                HPos::Left,
                false,
            )?;
            let x_of = |v: f64| x0 + ((v / max) * f64::from(x1 - x0)).round() as i32;
            pen.rect(x0, mid - bar - 1, x_of(base).max(x0 + 1), mid - 1, palette.neutral.mix(0.45))?;
            pen.rect(x0, mid + 1, x_of(new).max(x0 + 1), mid + bar + 1, palette.text.mix(0.75))?;
            let mut label_x = x_of(base.max(new));
            if let Some(r) = range {
                let y = mid + 1 + bar / 2;
                let (a, b) = (x_of(r.low), x_of(r.high));
                let ink = palette.text.to_rgba();
                pen.line(vec![(a, y), (b, y)], ink, 1.5)?;
                pen.line(vec![(a, y - bar / 2), (a, y + bar / 2)], ink, 1.5)?;
                pen.line(vec![(b, y - bar / 2), (b, y + bar / 2)], ink, 1.5)?;
                label_x = label_x.max(b);
            }
            pen.text(label, label_x + s.px(6.0), mid, 11.0, palette.text, HPos::Left, false)?;
        }
        hits.push(Hit {
            x0: s.px(12.0),
            y0: y,
            x1: width - s.px(12.0),
            y1: y + row,
            text: text.fill(
                "chart.revenue.hover",
                &[
                    ("country", &names[k]),
                    ("base", &text.money_bn(base)),
                    ("new", &text.money_bn(new)),
                    ("change", &text.signed_money_bn(change)),
                    ("year", &year),
                ],
            ) + &input.range_note(range, |v| text.money_bn(v)),
        });
    }
    Ok(HitMap { hits })
}

/// Every country's revenue before and after.
pub(super) fn describe(input: &ChartInput<'_>) -> String {
    let text = input.text;
    let results = input.results;
    let list: Vec<String> = (0..input.economy.n_countries())
        .map(|n| {
            format!(
                "{} {} → {}",
                input.country(n),
                text.money_bn(results.tariff_revenue_base[n]),
                text.money_bn(results.tariff_revenue_new[n])
            )
        })
        .collect();
    text.fill("desc.revenue", &[("list", &list.join("; ")), ("year", &input.base_year())])
}

/// Every country's revenue before and after, the change, and the range once computed.
pub(super) fn table(input: &ChartInput<'_>, caption: String) -> Table {
    let text = input.text;
    let results = input.results;
    let h = |key: &str| text.get(key).to_string();
    let mut headers = vec![h("table.country"), input.revenue_base_header(), h("table.revenue_new"), h("table.change")];
    if input.ranges.is_some() {
        headers.push(h("table.range"));
    }
    let rows = (0..input.economy.n_countries())
        .map(|n| {
            let mut row = vec![
                input.country(n),
                text.money_bn(results.tariff_revenue_base[n]),
                text.money_bn(results.tariff_revenue_new[n]),
                text.signed_money_bn(results.derived.tariff_revenue_change[n]),
            ];
            if let Some(r) = input.ranges {
                row.push(range_cell(r.tariff_revenue_new[n], |v| text.money_bn(v)));
            }
            row
        })
        .collect();
    Table { caption, headers, rows }
}
