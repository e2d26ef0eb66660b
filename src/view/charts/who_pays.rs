//! "Who pays, by income": the consumer cost of the scenario by income decile (`derived.cost_by_decile`;
//! docs/model.md, "Who pays, by income") as a share of each decile's after-tax income, after buyers switch
//! suppliers (a solid bar) and before (a light bar behind it, its value in brackets), lowest income first. The
//! countries without a sourced distribution (`derived.cost_by_decile_unavailable`) are named in a note; an economy
//! with none says so in words. Its description and table give every decile, in money per household too.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::{sign_color, ChartError, ChartInput, Hit, HitMap, Pen};
use crate::model::distribution::DecileCost;
use crate::view::table::Table;

/// Decimals of a country's drawn percentages: two, or three when every share is below a tenth of a percent (and
/// one reads as more than zero with three), so that a small cost still reads as one (hover texts and the table carry three).
fn drawn_decimals(deciles: &[DecileCost]) -> usize {
    let largest = deciles.iter().map(|d| d.share_of_income_pct.abs().max(d.share_of_income_pct_before.abs()));
    let largest = largest.fold(0.0, f64::max);
    if (0.0005..0.1).contains(&largest) {
        3
    } else {
        2
    }
}

/// Whether a formatted value reads as zero ("0.00%"): it gets no bar and does not set the scale, so that a
/// rounding-level change never draws as a long bar (as in the other bar charts).
fn reads_as_zero(formatted: &str) -> bool {
    !formatted.chars().any(|c| ('1'..='9').contains(&c))
}

/// The countries with a distribution by income, in the economy's order, with their deciles (lowest income first).
fn countries_with_deciles<'a>(input: &ChartInput<'a>) -> Vec<(usize, &'a [DecileCost])> {
    let derived = &input.results.derived;
    (0..input.economy.n_countries())
        .filter_map(|n| derived.cost_by_decile.get(&input.economy.countries()[n]).map(|d| (n, d)))
        .collect()
}

/// The note naming the countries the chart would show but cannot: those of `cost_by_decile_unavailable` among the
/// North American three (among every country of an economy without them); `None` when there are none.
fn unavailable_note(input: &ChartInput<'_>) -> Option<String> {
    let shown = input.north_america_or_all();
    let names: Vec<String> = input
        .results
        .derived
        .cost_by_decile_unavailable
        .iter()
        .filter_map(|id| input.economy.country_index(id))
        .filter(|n| shown.contains(n))
        .map(|n| input.text.country_in_sentence(&input.economy.countries()[n], &input.economy.country_names()[n]))
        .collect();
    (!names.is_empty())
        .then(|| input.text.fill("chart.who_pays.unavailable", &[("countries", &input.text.join(&names))]))
}

/// The decile's label ("Decile 1").
fn decile_label(input: &ChartInput<'_>, decile: &DecileCost) -> String {
    input.text.fill("chart.who_pays.decile", &[("n", &decile.decile.to_string())])
}

/// The drawn value with `decimals` decimals: after, then before in brackets (`+0.52% (+0.61%)`).
fn value_text(input: &ChartInput<'_>, decile: &DecileCost, decimals: usize) -> String {
    let text = input.text;
    format!(
        "{} ({})",
        text.percent(decile.share_of_income_pct, decimals),
        text.percent(decile.share_of_income_pct_before, decimals)
    )
}

/// Draw the first country with a distribution by income: a row per decile, the note on the others below; or the
/// sentence saying the economy has none.
pub(super) fn draw<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    input: ChartInput<'_>,
    top: i32,
) -> Result<HitMap, ChartError> {
    let text = input.text;
    let s = pen.style;
    let palette = s.palette;
    let (width, height) = pen.size();
    let margin = s.px(12.0);
    let inner = width - 2 * margin;
    let mut hits = Vec::new();
    let Some(&(n, deciles)) = countries_with_deciles(&input).first() else {
        let message = text.get("chart.who_pays.no_data");
        let mut y = top + s.px(12.0);
        for line in pen.wrap(message, 12.0, inner) {
            pen.text(&line, margin, y, 12.0, palette.muted, HPos::Left, false)?;
            y += s.px(16.0);
        }
        hits.push(Hit { x0: margin, y0: top, x1: width - margin, y1: y, text: message.to_string() });
        return Ok(HitMap { hits });
    };
    // The note under the rows, wrapped to the width.
    let note = unavailable_note(&input).map(|note| pen.wrap(&note, 11.0, inner)).unwrap_or_default();
    let note_height = if note.is_empty() { 0 } else { s.px(14.0) * note.len() as i32 + s.px(6.0) };
    // The country's name, then the legend: a solid swatch for after, a light one for before.
    let mut y = top;
    for line in pen.wrap(&input.country(n), 12.5, inner * 94 / 100) {
        pen.text(&line, margin, y + s.px(8.0), 12.5, palette.text, HPos::Left, true)?;
        y += s.px(18.0);
    }
    let light = |c: RGBColor| c.mix(0.35);
    let swatch = s.px(10.0);
    let legend = [
        (text.get("chart.who_pays.legend_after"), palette.loss.to_rgba()),
        (text.get("chart.who_pays.legend_before"), light(palette.loss)),
    ];
    let item_width = |label: &str| swatch + s.px(5.0) + pen.text_width(label, 11.0);
    let one_line = legend.iter().map(|(label, _)| item_width(label) + s.px(16.0)).sum::<i32>() <= inner;
    let mut x = margin;
    for (label, color) in legend {
        if !one_line && x > margin {
            x = margin;
            y += s.px(16.0);
        }
        let mid = y + s.px(8.0);
        pen.rect(x, mid - swatch / 2, x + swatch, mid + swatch / 2, color)?;
        pen.text(
            &pen.fit(label, 11.0, inner - swatch - s.px(5.0)),
            x + swatch + s.px(5.0),
            mid,
            11.0,
            palette.text,
            HPos::Left,
            false,
        )?;
        x += item_width(label) + s.px(16.0);
    }
    y += s.px(22.0);
    // The rows, lowest income first.
    let rows_bottom = height - s.px(6.0) - note_height;
    let row_height = ((rows_bottom - y) / deciles.len().max(1) as i32).min(s.px(26.0)).max(s.px(12.0));
    let labels: Vec<String> = deciles.iter().map(|d| decile_label(&input, d)).collect();
    let decimals = drawn_decimals(deciles);
    let values: Vec<String> = deciles.iter().map(|d| value_text(&input, d, decimals)).collect();
    // The shares that read as more than zero once formatted: only they get a bar and set the scale.
    let shown = |v: f64| if reads_as_zero(&text.percent(v, decimals)) { None } else { Some(v) };
    let saving = |d: &DecileCost| shown(d.share_of_income_pct).is_some_and(|v| v < 0.0);
    let label_width = labels.iter().map(|l| pen.text_width(l, 12.0)).max().unwrap_or(0) + s.px(8.0);
    // Value texts sit right of a cost and left of a saving: room on each side only where needed.
    let room = |negative: bool| {
        deciles
            .iter()
            .zip(&values)
            .filter(|(d, _)| saving(d) == negative)
            .map(|(_, v)| pen.text_width(v, 11.5) + s.px(6.0))
            .max()
            .unwrap_or(0)
    };
    // Where costs and savings both need room and the two do not fit beside the bars, every value text goes in one
    // column at the right edge instead.
    let beside = label_width + room(true) + room(false) + s.px(40.0) <= inner;
    let (left_room, right_room) = if beside { (room(true), room(false)) } else { (0, room(true).max(room(false))) };
    let bar_x0 = margin + label_width + left_room;
    let bar_x1 = (width - margin - right_room).max(bar_x0 + s.px(20.0));
    let all = deciles.iter().flat_map(|d| [d.share_of_income_pct, d.share_of_income_pct_before]).filter_map(shown);
    let (min, max) = all.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = if max - min > 0.0 { max - min } else { 1.0 };
    let x_of = |v: f64| bar_x0 + (((v - min) / span) * f64::from(bar_x1 - bar_x0)).round() as i32;
    let zero = x_of(0.0);
    let country = input.country(n);
    for (k, decile) in deciles.iter().enumerate() {
        let row_top = y + row_height * k as i32;
        let mid = row_top + row_height / 2;
        pen.text(&labels[k], margin, mid, 12.0, palette.text, HPos::Left, false)?;
        let (after, before) = (decile.share_of_income_pct, decile.share_of_income_pct_before);
        // A cost in the colour of a loss, a saving in that of a gain.
        let (before_end, after_end) = (shown(before).map_or(zero, x_of), shown(after).map_or(zero, x_of));
        let wide = (f64::from(row_height) * 0.62).round() as i32;
        let narrow = (f64::from(row_height) * 0.3).round() as i32;
        let span_of = |end: i32| if end < zero { (end, zero) } else { (zero, end.max(zero + 1)) };
        if shown(before).is_some() {
            let (a, b) = span_of(before_end);
            pen.rect(a, mid - wide / 2, b, mid + wide / 2, light(sign_color(&palette, -before)))?;
        }
        if shown(after).is_some() {
            let (a, b) = span_of(after_end);
            pen.rect(a, mid - narrow / 2, b, mid + narrow / 2, sign_color(&palette, -after).to_rgba())?;
        }
        if !beside {
            pen.text(&values[k], width - margin, mid, 11.5, palette.text, HPos::Right, false)?;
        } else if saving(decile) {
            let left = before_end.min(after_end).min(zero);
            pen.text(&values[k], left - s.px(4.0), mid, 11.5, palette.text, HPos::Right, false)?;
        } else {
            let right = before_end.max(after_end).max(zero);
            pen.text(&values[k], right + s.px(4.0), mid, 11.5, palette.text, HPos::Left, false)?;
        }
        let hover = text.fill(
            "chart.who_pays.hover",
            &[
                ("country", &country),
                ("n", &decile.decile.to_string()),
                ("income", &text.dollars(decile.income)),
                ("after", &text.percent(after, 3)),
                ("after_money", &text.signed_dollars(decile.usd_per_household)),
                ("before", &text.percent(before, 3)),
                ("before_money", &text.signed_dollars(decile.usd_per_household_before)),
            ],
        );
        hits.push(Hit { x0: margin, y0: row_top, x1: width - margin, y1: row_top + row_height, text: hover });
    }
    let bottom = y + row_height * deciles.len() as i32;
    pen.line(vec![(zero, y), (zero, bottom)], palette.muted.to_rgba(), 1.0)?;
    let mut note_y = bottom + s.px(6.0) + s.px(7.0);
    for line in &note {
        pen.text(line, margin, note_y, 11.0, palette.muted, HPos::Left, false)?;
        note_y += s.px(14.0);
    }
    Ok(HitMap { hits })
}

/// Every decile's share of income after (before) buyers switch suppliers, and the money of the lowest and highest,
/// for each country with a distribution; the note on the others; or the sentence saying there is none.
pub(super) fn describe(input: &ChartInput<'_>) -> String {
    let text = input.text;
    let countries = countries_with_deciles(input);
    if countries.is_empty() {
        return text.get("chart.who_pays.no_data").to_string();
    }
    let horizon = crate::view::summary::horizon_text(input.economy, text);
    let mut sentences: Vec<String> = countries
        .iter()
        .map(|&(n, deciles)| {
            let decimals = drawn_decimals(deciles);
            let list: Vec<String> = deciles
                .iter()
                .map(|d| format!("{} {}", decile_label(input, d), value_text(input, d, decimals)))
                .collect();
            let money: Vec<String> = deciles
                .iter()
                .map(|d| format!("{} {}", decile_label(input, d), text.signed_dollars(d.usd_per_household)))
                .collect();
            text.fill(
                "desc.who_pays",
                &[
                    ("country", &input.country(n)),
                    ("horizon", &horizon),
                    ("list", &list.join(", ")),
                    ("money", &money.join(", ")),
                ],
            )
        })
        .collect();
    sentences.extend(unavailable_note(input));
    sentences.join(" ")
}

/// Every decile of each country with a distribution: income, cost per household and as a share of income, after
/// and before buyers switch suppliers (no rows for an economy without one).
pub(super) fn table(input: &ChartInput<'_>, caption: String) -> Table {
    let text = input.text;
    let rows = countries_with_deciles(input)
        .into_iter()
        .flat_map(|(n, deciles)| deciles.iter().map(move |d| (n, d)))
        .map(|(n, d)| {
            vec![
                input.country(n),
                d.decile.to_string(),
                text.dollars(d.income),
                text.signed_dollars(d.usd_per_household),
                text.percent(d.share_of_income_pct, 3),
                text.signed_dollars(d.usd_per_household_before),
                text.percent(d.share_of_income_pct_before, 3),
            ]
        })
        .collect();
    let headers = [
        "table.country",
        "table.decile",
        "table.decile_income",
        "table.decile_cost",
        "table.decile_share",
        "table.decile_cost_before",
        "table.decile_share_before",
    ]
    .map(|key| text.get(key).to_string())
    .to_vec();
    Table { caption, headers, rows }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;
    use crate::view::charts::solved_preset;
    use crate::view::i18n::{Lang, Text};

    #[test]
    fn the_description_and_table_give_every_us_decile_and_name_the_missing_countries() {
        let (economy, results) = solved_preset("us-tariffs-2025");
        let text = Text::default();
        let input = ChartInput { economy: &economy, results: &results, text: &text, ranges: None, story: None };
        let deciles = results.derived.cost_by_decile.get("USA").unwrap();
        let table = table(&input, String::new());
        assert_eq!(table.rows.len(), 10, "ten US deciles, none for the others");
        assert_eq!(table.rows[0][..2], ["United States".to_string(), "1".to_string()]);
        assert_eq!(table.rows[9][1], "10");
        assert_eq!(table.rows[0][4], text.percent(deciles[0].share_of_income_pct, 3));
        assert_eq!(table.rows[9][6], text.percent(deciles[9].share_of_income_pct_before, 3));
        let description = describe(&input);
        let first = format!("Decile 1 {}", value_text(&input, &deciles[0], 2));
        assert!(description.contains(&first), "{first} in {description}");
        assert!(description.contains("Not available for Canada and Mexico"), "{description}");
        let french = Text::new(Lang::Fr);
        let input = ChartInput { text: &french, ..input };
        let description = super::describe(&input);
        assert!(description.contains("non disponibles pour ces pays : Canada et Mexique"), "{description}");
    }
}
