//! "The year as a story": real GDP of the United States, Canada and Mexico at every dated step of the enacted
//! timeline (`view::story`), as a step chart — one colour per country, the first year solid and the long run
//! dashed, a legend saying which is which — with each step numbered under the axis and listed below the plot with
//! the date and what changed, wrapped to the width (never cut). The step the page is on is shaded.
//!
//! The canvas height depends on the language (the list of what changed wraps): [`height`] computes it from the
//! same layout the drawing uses, and the page asks for it through `Explorer.chart_height_in`.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::{ChartError, ChartInput, Hit, HitMap, Palette, Pen};
use crate::view::i18n::Text as Strings;
use crate::view::story::{dated_steps, DatedStep, Story};
use crate::view::table::Table;

/// The story and the step to highlight, for the `story` chart. A chart input without one (`ChartInput::story`
/// `None`) is for an economy or scenario the timeline does not apply to (a reader's own file).
#[derive(Debug, Clone, Copy)]
pub struct StoryInput<'a> {
    /// The computed story; `None` while it is being computed.
    pub story: Option<&'a Story>,
    /// The date (`YYYY-MM-DD`) of the step the page is on, if it follows the timeline.
    pub current: Option<&'a str>,
}

/// Sizes of the layout, CSS pixels.
const LEGEND_ROW: f64 = 18.0;
const PLOT_HEIGHT: f64 = 210.0;
const AXIS_NUMBERS: f64 = 18.0;
const LIST_GAP: f64 = 10.0;
const LIST_LINE: f64 = 14.5;
const LIST_SIZE: f64 = 11.0;
const LEGEND_SIZE: f64 = 11.5;
const BOTTOM: f64 = 12.0;
const MARGIN: f64 = 12.0;

/// Okabe–Ito colours for the three countries (`USA`, `CAN`, `MEX`), lighter in the dark theme: blue, vermillion,
/// bluish green (the first two are the palette's gain and loss colours; in this chart colour names a country, and
/// every value is also written in the hover text, the description and the table).
/// The opacity of a range band (light enough for the lines and the other countries' bands to show through).
const BAND_ALPHA: f64 = 0.16;

fn country_color(palette: &Palette, k: usize) -> RGBColor {
    let dark = palette.background.0 < 128;
    match (k, dark) {
        (0, _) => palette.gain,
        (1, _) => palette.loss,
        (_, false) => RGBColor(0, 158, 115),
        (_, true) => RGBColor(64, 200, 160),
    }
}

/// What changed on a step's date, in the reader's language (the catalogue's `timeline.{id}`; several events of one
/// date joined with "; ").
fn changed(text: &Strings, step: &DatedStep) -> String {
    let titles: Vec<String> = step
        .event_ids
        .iter()
        .zip(&step.titles)
        .map(|(id, title)| text.try_get(&format!("timeline.{id}")).map_or_else(|| title.clone(), str::to_string))
        .collect();
    titles.join("; ")
}

/// A step's label as listed after its number: "2025-03-12: what changed".
fn step_body(text: &Strings, step: &DatedStep) -> String {
    text.fill("chart.story.step", &[("date", &step.date), ("changed", &changed(text, step))])
}

/// A step's label with its number, for hover texts and the description: "3. 2025-03-12: what changed".
fn step_label(text: &Strings, k: usize, step: &DatedStep) -> String {
    format!("{}. {}", k + 1, step_body(text, step))
}

/// The legend's items: the three countries, then the two horizons; `(label, kind)`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Swatch {
    Country(usize),
    FirstYear,
    LongRun,
    Band,
}

fn legend_items(input_names: &[String], text: &Strings) -> Vec<(String, Swatch)> {
    let mut items: Vec<(String, Swatch)> =
        input_names.iter().enumerate().map(|(k, name)| (name.clone(), Swatch::Country(k))).collect();
    items.push((text.get("chart.story.legend_first").to_string(), Swatch::FirstYear));
    items.push((text.get("chart.story.legend_long").to_string(), Swatch::LongRun));
    items.push((text.get("chart.story.legend_band").to_string(), Swatch::Band));
    items
}

/// Where everything goes, in backing-store pixels, for a canvas `width` wide at `scale`.
struct Layout {
    /// Legend items with their row and x.
    legend: Vec<(String, Swatch, usize, i32)>,
    legend_rows: usize,
    /// Each step's listed label, wrapped.
    list: Vec<Vec<String>>,
    /// The indent of a listed label's lines after its number.
    indent: i32,
}

fn layout(width: i32, scale: f64, text: &Strings, names: &[String], steps: &[DatedStep]) -> Layout {
    let px = |v: f64| (v * scale).round() as i32;
    let (x0, x1) = (px(MARGIN), width - px(MARGIN));
    let mut legend = Vec::new();
    let (mut row, mut x) = (0, x0);
    for (label, swatch) in legend_items(names, text) {
        let item_width = px(28.0) + super::estimated_text_width(&label, LEGEND_SIZE * scale) + px(14.0);
        if x > x0 && x + item_width > x1 {
            row += 1;
            x = x0;
        }
        legend.push((label, swatch, row, x));
        x += item_width;
    }
    let number_width = super::estimated_text_width(&format!("{}.", steps.len()), LIST_SIZE * scale) + px(6.0);
    let indent = number_width;
    let list = steps
        .iter()
        .map(|step| {
            // The number hangs in the margin; the rest wraps beside it.
            super::export::wrap_text(&step_body(text, step), LIST_SIZE * scale, (x1 - x0 - indent).max(px(40.0)))
        })
        .collect();
    Layout { legend, legend_rows: row + 1, list, indent }
}

/// The height of the title and subtitle, CSS pixels, as `Pen::title` draws them at a width of `width` CSS pixels.
fn title_height(width: f64, title: &str, subtitle: &str) -> f64 {
    let max_width = (width - 24.0).round() as i32;
    let title_lines = super::export::wrap_text(title, 15.0, max_width * 94 / 100).len();
    let subtitle_lines = super::export::wrap_text(subtitle, 11.5, max_width).len().min(super::SUBTITLE_LINES);
    32.0 + if title_lines > 1 { 18.0 } else { 0.0 } + 15.0 * subtitle_lines as f64 + 2.0
}

/// The canvas height, CSS pixels, at a canvas width of `width` CSS pixels in the language of `text` (the country
/// names of the built-in data): every listed step fits whole.
pub fn height(width: f64, text: &Strings) -> f64 {
    let names: Vec<String> = crate::view::NORTH_AMERICA.iter().map(|id| text.country(id, id)).collect::<Vec<String>>();
    let steps = dated_steps();
    let l = layout(width.round() as i32, 1.0, text, &names, &steps);
    let lines: usize = l.list.iter().map(Vec::len).sum();
    let top = title_height(width, text.get("chart.story.title"), text.get("chart.story.subtitle"));
    // One line of slack: at a device pixel ratio other than 1 a label may wrap one line later or earlier.
    (top + l.legend_rows as f64 * LEGEND_ROW
        + 6.0
        + PLOT_HEIGHT
        + AXIS_NUMBERS
        + LIST_GAP
        + (lines + 1) as f64 * LIST_LINE
        + BOTTOM)
        .ceil()
}

/// Tick step and range for values from `low` to `high` (0 included): at most six ticks at 1, 2, 2.5 or 5 × 10^k.
fn ticks(low: f64, high: f64) -> (f64, f64, f64) {
    let (low, high) = (low.min(0.0), high.max(0.0));
    let span = (high - low).max(0.1);
    let raw = span / 5.0;
    // The power of ten at or below `raw`, by steps (`powf` and `log10` would add their code to the wasm).
    let mut magnitude = 1.0;
    while magnitude > raw {
        magnitude /= 10.0;
    }
    while magnitude * 10.0 <= raw {
        magnitude *= 10.0;
    }
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(10.0 * magnitude);
    ((low / step).floor() * step, (high / step).ceil() * step, step)
}

/// Decimals that tell ticks `step` apart.
fn tick_decimals(step: f64) -> usize {
    if step >= 1.0 {
        0
    } else if step >= 0.1 && (step * 10.0 - (step * 10.0).round()).abs() < 1e-9 {
        1
    } else {
        2
    }
}

/// A polyline drawn in dashes of 6 and gaps of 4 CSS pixels.
fn dashed<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    points: &[(i32, i32)],
    color: RGBAColor,
    width: f64,
) -> Result<(), ChartError> {
    let (dash, gap) = (f64::from(pen.style.px(6.0)), f64::from(pen.style.px(4.0)));
    let mut on = true;
    let mut left = dash;
    for pair in points.windows(2) {
        let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
        let length = (f64::from(bx - ax).powi(2) + f64::from(by - ay).powi(2)).sqrt();
        let mut at = 0.0;
        while at < length {
            let run = left.min(length - at);
            let point = |t: f64| {
                let f = t / length;
                (
                    (f64::from(ax) + f * f64::from(bx - ax)).round() as i32,
                    (f64::from(ay) + f * f64::from(by - ay)).round() as i32,
                )
            };
            if on {
                pen.line(vec![point(at), point(at + run)], color, width)?;
            }
            at += run;
            left -= run;
            if left <= 0.0 {
                on = !on;
                left = if on { dash } else { gap };
            }
        }
    }
    Ok(())
}

/// Each country's real GDP at step `k`, both horizons named ("Canada −0.83% first year / −0.46% long run").
fn step_values(input: &ChartInput<'_>, story: &Story, k: usize) -> Vec<String> {
    let (text, step) = (input.text, &story.steps[k]);
    story
        .countries
        .iter()
        .enumerate()
        .map(|(c, id)| {
            text.fill(
                "chart.story.value",
                &[
                    ("country", &input.country_by_id(id)),
                    ("first", &text.percent(step.first_year.real_gdp_pct[c], 2)),
                    ("long", &text.percent(step.long_run.real_gdp_pct[c], 2)),
                ],
            )
        })
        .collect()
}

/// The hover text of step `k`: what changed and every value with its horizon and unit.
fn hover(input: &ChartInput<'_>, story: &Story, k: usize, label: &str) -> String {
    let text = input.text;
    let step = &story.steps[k];
    let values = step_values(input, story, k);
    let jobs: Vec<String> = story
        .countries
        .iter()
        .enumerate()
        .map(|(c, id)| format!("{} {}", input.country_by_id(id), text.signed(step.first_year.jobs_thousands[c], 0)))
        .collect();
    text.fill("chart.story.hover", &[("step", label), ("values", &values.join(", ")), ("jobs", &jobs.join(", "))])
}

/// Draw the story below `top`: legend, plot, step numbers, the list of steps; or a sentence while the story is
/// being computed (or for an economy it does not apply to).
pub(super) fn draw<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    input: ChartInput<'_>,
    top: i32,
) -> Result<HitMap, ChartError> {
    let s = pen.style;
    let palette = s.palette;
    let text = input.text;
    let (width, _) = pen.size();
    let (x0, x1) = (s.px(MARGIN), width - s.px(MARGIN));
    let steps = dated_steps();
    let story = match input.story.and_then(|s| s.story) {
        Some(story) if story.steps.len() == steps.len() => story,
        _ => {
            let key = if input.story.is_some() { "chart.story.pending" } else { "chart.story.unavailable" };
            let mut y = top + s.px(12.0);
            for line in pen.wrap(text.get(key), 12.0, x1 - x0) {
                pen.text(&line, x0, y, 12.0, palette.muted, HPos::Left, false)?;
                y += s.px(16.0);
            }
            return Ok(HitMap::default());
        }
    };
    let names: Vec<String> = story.countries.iter().map(|id| input.country_by_id(id)).collect();
    let l = layout(width, s.scale, text, &names, &steps);
    // Legend.
    for (label, swatch, row, x) in &l.legend {
        let y = top + s.px(6.0 + LEGEND_ROW * *row as f64 + LEGEND_ROW / 2.0);
        let (sx0, sx1) = (*x, *x + s.px(22.0));
        match swatch {
            Swatch::Country(k) => {
                pen.rect(sx0, y - s.px(4.0), sx1, y + s.px(4.0), country_color(&palette, *k).to_rgba())?;
            }
            Swatch::FirstYear => pen.line(vec![(sx0, y), (sx1, y)], palette.text.to_rgba(), 2.0)?,
            Swatch::LongRun => dashed(pen, &[(sx0, y), (sx1, y)], palette.text.to_rgba(), 2.0)?,
            Swatch::Band => pen.rect(sx0, y - s.px(6.0), sx1, y + s.px(6.0), palette.text.mix(BAND_ALPHA))?,
        }
        pen.text(label, sx1 + s.px(6.0), y, LEGEND_SIZE, palette.text, HPos::Left, false)?;
    }
    // Plot frame and scale.
    let plot_top = top + s.px(6.0 + LEGEND_ROW * l.legend_rows as f64 + 6.0);
    let plot_bottom = plot_top + s.px(PLOT_HEIGHT);
    // The first year's 5th–95th percentile bands (embedded, `view::story::embedded_ranges`), shaded behind the lines.
    let bands = crate::view::story::embedded_ranges(story);
    let band_values =
        bands.iter().flatten().flat_map(|r| r.first_year.real_gdp_pct.iter().flat_map(|b| [b.low, b.high]));
    let values = story.steps.iter().flat_map(|st| st.first_year.real_gdp_pct.iter().chain(&st.long_run.real_gdp_pct));
    let (low, high) =
        values.copied().chain(band_values).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let (low, high, step) = ticks(low, high);
    let decimals = tick_decimals(step);
    let tick_labels: Vec<(f64, String)> = (0..=((high - low) / step).round() as usize)
        .map(|i| low + i as f64 * step)
        .map(|v| (v, text.percent(if v.abs() < step / 1e6 { 0.0 } else { v }, decimals)))
        .collect();
    let label_width = tick_labels.iter().map(|(_, t)| pen.text_width(t, 10.5)).max().unwrap_or(0);
    let px0 = x0 + label_width + s.px(6.0);
    let y_of = |v: f64| plot_bottom - ((v - low) / (high - low) * f64::from(plot_bottom - plot_top)).round() as i32;
    let n = steps.len().max(1);
    let column = f64::from(x1 - px0) / n as f64;
    let x_of = |k: usize| px0 + (column * k as f64).round() as i32;
    // The step the page is on.
    let current = input.story.and_then(|st| st.current).and_then(|d| story.step_index(d));
    if let Some(k) = current {
        pen.rect(x_of(k), plot_top, x_of(k + 1), plot_bottom + s.px(AXIS_NUMBERS), palette.grid.mix(0.45))?;
    }
    for (v, label) in &tick_labels {
        let y = y_of(*v);
        let color = if v.abs() < step / 1e6 { palette.muted } else { palette.grid };
        pen.line(vec![(px0, y), (x1, y)], color.to_rgba(), 1.0)?;
        pen.text(label, px0 - s.px(6.0), y, 10.5, palette.muted, HPos::Right, false)?;
    }
    // Step numbers under the axis, each at its column's centre.
    let number_size = if pen.text_width(&n.to_string(), 10.5) + s.px(2.0) > column as i32 { 9.0 } else { 10.5 };
    for k in 0..n {
        let cx = (x_of(k) + x_of(k + 1)) / 2;
        let color = if Some(k) == current { palette.text } else { palette.muted };
        pen.text(
            &(k + 1).to_string(),
            cx,
            plot_bottom + s.px(AXIS_NUMBERS / 2.0),
            number_size,
            color,
            HPos::Center,
            Some(k) == current,
        )?;
    }
    if let Some(bands) = &bands {
        for (c, _) in story.countries.iter().enumerate() {
            let color = country_color(&palette, c).mix(BAND_ALPHA);
            for (k, band) in bands.iter().enumerate() {
                let r = band.first_year.real_gdp_pct[c];
                pen.rect(x_of(k), y_of(r.high), x_of(k + 1), y_of(r.low).max(y_of(r.high) + 1), color)?;
            }
        }
    }
    // One step line per country and horizon: flat over each step's column, a riser where the next step starts.
    for (c, _) in story.countries.iter().enumerate() {
        let color = country_color(&palette, c).to_rgba();
        for long in [false, true] {
            let mut points = Vec::with_capacity(2 * n);
            for (k, st) in story.steps.iter().enumerate() {
                let figures = if long { &st.long_run } else { &st.first_year };
                let y = y_of(figures.real_gdp_pct[c]);
                points.push((x_of(k), y));
                points.push((x_of(k + 1), y));
            }
            if long {
                dashed(pen, &points, color, 2.0)?;
            } else {
                pen.line(points, color, 2.5)?;
            }
        }
    }
    // The list of steps.
    let mut hits = Vec::new();
    let mut y = plot_bottom + s.px(AXIS_NUMBERS + LIST_GAP + LIST_LINE / 2.0);
    for (k, lines) in l.list.iter().enumerate() {
        let bold = Some(k) == current;
        let color = if bold { palette.text } else { palette.muted };
        let label = step_label(text, k, &steps[k]);
        let hover_text = if s.hover_text { hover(&input, story, k, &label) } else { String::new() };
        let entry_top = y - s.px(LIST_LINE / 2.0);
        pen.text(&format!("{}.", k + 1), x0, y, LIST_SIZE, color, HPos::Left, bold)?;
        for line in lines {
            pen.text(line, x0 + l.indent, y, LIST_SIZE, color, HPos::Left, bold)?;
            y += s.px(LIST_LINE);
        }
        hits.push(Hit {
            x0: x_of(k),
            y0: plot_top,
            x1: x_of(k + 1),
            y1: plot_bottom + s.px(AXIS_NUMBERS),
            text: hover_text.clone(),
        });
        hits.push(Hit { x0, y0: entry_top, x1, y1: y - s.px(LIST_LINE / 2.0), text: hover_text });
    }
    Ok(HitMap { hits })
}

/// Real GDP at both horizons at every step, in words.
pub(super) fn describe(input: &ChartInput<'_>) -> String {
    let text = input.text;
    let Some(story) = input.story.and_then(|s| s.story) else {
        let key = if input.story.is_some() { "chart.story.pending" } else { "chart.story.unavailable" };
        return text.get(key).to_string();
    };
    let steps = dated_steps();
    let list: Vec<String> = story
        .steps
        .iter()
        .enumerate()
        .map(|(k, step)| {
            let values = step_values(input, story, k);
            let label = steps.get(k).map_or_else(|| step.date.clone(), |d| step_label(text, k, d));
            format!("{label} — {}", values.join(", "))
        })
        .collect();
    let description = text.fill(
        "desc.story",
        &[("year", &input.base_year()), ("count", &story.steps.len().to_string()), ("list", &list.join(" · "))],
    );
    // The step the page is on (shaded in the chart).
    let current = input.story.and_then(|s| s.current).and_then(|d| story.step_index(d));
    match current.and_then(|k| steps.get(k).map(|d| (k, d))) {
        Some((k, dated)) => {
            let shown = text.fill("desc.story_current", &[("n", &(k + 1).to_string()), ("date", &dated.date)]);
            format!("{description} {shown}")
        }
        None => description,
    }
}

/// One row per step: number, date, what changed, then per country real GDP and real income at both horizons and
/// jobs in the first year; "—" while the story is being computed; no rows for an economy the timeline does not
/// apply to.
pub(super) fn table(input: &ChartInput<'_>, caption: String) -> Table {
    let text = input.text;
    let ids = crate::view::NORTH_AMERICA;
    if input.story.is_none() {
        // An economy the timeline does not apply to: no rows (the description says why).
        let headers = ["table.story.step", "table.story.date", "table.story.changed"];
        return Table { caption, headers: headers.map(|h| text.get(h).to_string()).to_vec(), rows: Vec::new() };
    }
    let mut headers = vec![
        text.get("table.story.step").to_string(),
        text.get("table.story.date").to_string(),
        text.get("table.story.changed").to_string(),
    ];
    for id in ids {
        let country = input.country_by_id(id);
        for key in ["gdp_first", "gdp_long", "income_first", "income_long", "jobs_first"] {
            headers.push(text.fill(&format!("table.story.{key}"), &[("country", &country)]));
        }
    }
    let story = input.story.and_then(|s| s.story);
    // Each real GDP and real income with its 5th–95th percentile range (embedded), in the same cell.
    let bands = story.and_then(crate::view::story::embedded_ranges);
    let with_range = |value: f64, range: Option<crate::model::uncertainty::Range>| match range {
        Some(r) => {
            format!("{} ({})", text.percent(value, 2), crate::view::table::range_cell(r, |v| text.percent(v, 2)))
        }
        None => text.percent(value, 2),
    };
    let rows = dated_steps()
        .iter()
        .enumerate()
        .map(|(k, dated)| {
            let mut row = vec![(k + 1).to_string(), dated.date.clone(), changed(text, dated)];
            let step = story.and_then(|s| s.steps.get(k)).filter(|s| s.date == dated.date);
            for c in 0..ids.len() {
                match step {
                    Some(st) => {
                        let band = bands.as_ref().and_then(|b| b.get(k));
                        row.extend([
                            with_range(st.first_year.real_gdp_pct[c], band.map(|b| b.first_year.real_gdp_pct[c])),
                            with_range(st.long_run.real_gdp_pct[c], band.map(|b| b.long_run.real_gdp_pct[c])),
                            with_range(st.first_year.real_income_pct[c], band.map(|b| b.first_year.real_income_pct[c])),
                            with_range(st.long_run.real_income_pct[c], band.map(|b| b.long_run.real_income_pct[c])),
                            text.signed(st.first_year.jobs_thousands[c], 0),
                        ]);
                    }
                    None => row.extend((0..5).map(|_| "—".to_string())),
                }
            }
            row
        })
        .collect();
    Table { caption, headers, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_cover_the_values_and_zero_in_at_most_six_round_steps() {
        for (low, high) in [(-3.66, -0.13), (-0.02, 0.01), (0.0, 0.0), (-120.0, 35.0), (0.3, 0.9)] {
            let (from, to, step) = ticks(low, high);
            assert!(from <= low.min(0.0) && to >= high.max(0.0), "{low} {high}: {from} {to}");
            assert!((to - from) / step <= 6.0 + 1e-9, "{low} {high}: {from} {to} by {step}");
            let mantissa = step / 10f64.powf(step.log10().floor());
            assert!([1.0, 2.0, 2.5, 5.0, 10.0].iter().any(|m| (m - mantissa).abs() < 1e-9), "{step}");
        }
        assert_eq!(ticks(-3.66, -0.13), (-4.0, 0.0, 1.0));
    }
}
