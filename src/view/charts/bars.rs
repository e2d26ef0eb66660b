//! A list of horizontal bars diverging from zero, each with a label, a signed value label and a hover text: the
//! building block of most charts.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::{sign_color, ChartError, Hit, Pen};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BarRow {
    /// Text left of the bar.
    pub label: String,
    /// A shorter label for when `label` would be cut (country codes instead of names), if any.
    pub compact_label: Option<String>,
    /// Signed value that sets the bar's length.
    pub value: f64,
    /// Text at the bar's end (carries the sign).
    pub value_text: String,
    /// A shorter text for narrow charts (the percentage without the money), if any.
    pub short_text: Option<String>,
    /// Hover text with the exact value.
    pub hover: String,
    /// A 5th–95th percentile range, drawn as a whisker.
    pub range: Option<(f64, f64)>,
}

/// A panel's heading: as drawn when its rows show their full value texts, and when they show their short ones (a
/// heading naming the unit of a figure only the full texts carry, such as the money per household).
#[derive(Clone, Copy)]
pub(crate) struct Heading<'a> {
    /// With the full value texts.
    pub full: &'a str,
    /// With the short value texts.
    pub short: &'a str,
}

impl<'a> From<&'a str> for Heading<'a> {
    fn from(text: &'a str) -> Self {
        Heading { full: text, short: text }
    }
}

impl BarRow {
    /// Whether the row's value reads as zero once formatted ("0.00%", "US$0.00B"): such a row gets no bar, and
    /// does not set the scale, so that a rounding-level change never draws as a long bar.
    fn reads_as_zero(&self) -> bool {
        !self.value_text.chars().any(|c| ('1'..='9').contains(&c))
    }
}

/// How the two panels of [`two_panels`] scale their bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scale {
    /// One scale for both panels (same unit, comparable lengths).
    Shared,
    /// Each panel its own scale (different units, named in the panel headings).
    Own,
}

/// The value range of rows that a scale must cover: 0, every non-zero value and its range.
fn extent(rows: &[BarRow]) -> (f64, f64) {
    let values = rows.iter().filter(|r| !r.reads_as_zero()).flat_map(|r| {
        let (low, high) = r.range.filter(|(a, b)| a.is_finite() && b.is_finite()).unwrap_or((r.value, r.value));
        [r.value, low, high]
    });
    values.fold((0.0_f64, 0.0_f64), |(min, max), v| (min.min(v), max.max(v)))
}

/// A box in backing-store pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

/// Draw `rows` as diverging bars inside `frame`, under an optional panel heading; push one hit per row.
fn diverging_bars<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    frame: Frame,
    heading: Heading<'_>,
    rows: &[BarRow],
    scale: (f64, f64),
    hits: &mut Vec<Hit>,
) -> Result<(), ChartError> {
    let s = pen.style;
    let palette = s.palette;
    let mut top = frame.y0;
    let width = frame.x1 - frame.x0;
    // Value labels sit left of negative bars and right of the others: room on each side only where needed. The
    // row labels give way (shortened with an ellipsis) so that bars keep at least a fifth of the width.
    let room = |negative: bool| {
        rows.iter()
            .filter(|r| (r.value < 0.0 && !r.reads_as_zero()) == negative)
            .map(|r| pen.text_width(&r.value_text, 11.5) + s.px(6.0))
            .max()
            .unwrap_or(0)
    };
    let (mut left_room, mut right_room) = (room(true), room(false));
    // On a narrow chart, rows with a shorter text use it when the full ones would squeeze the labels and bars.
    let short = width - left_room - right_room - width / 5 < s.px(70.0) && rows.iter().any(|r| r.short_text.is_some());
    let heading = if short { heading.short } else { heading.full };
    if !heading.is_empty() {
        // Bold text runs about 6% wider than the estimate. A heading too long for the panel goes on two lines
        // (issue 22: never cut with "…" where a second line fits); the rows below give up the room.
        let room = (frame.x1 - frame.x0) * 94 / 100;
        let lines = pen.wrap(heading, 12.5, room);
        match lines.split_first().filter(|(_, rest)| !rest.is_empty()) {
            Some((first, rest)) => {
                let second = rest.join(" ");
                pen.text(first, frame.x0, top + s.px(8.0), 12.5, palette.text, HPos::Left, true)?;
                let second = pen.fit(&second, 12.5, room);
                pen.text(&second, frame.x0, top + s.px(23.0), 12.5, palette.text, HPos::Left, true)?;
                top += s.px(35.0);
            }
            None => {
                pen.text(
                    &pen.fit(heading, 12.5, room),
                    frame.x0,
                    top + s.px(8.0),
                    12.5,
                    palette.text,
                    HPos::Left,
                    true,
                )?;
                top += s.px(20.0);
            }
        }
    }
    if rows.is_empty() {
        pen.text(pen.text.get("chart.no_change"), frame.x0, top + s.px(12.0), 12.0, palette.muted, HPos::Left, false)?;
        return Ok(());
    }
    let value_text = |r: &BarRow| -> String {
        match (&r.short_text, short) {
            (Some(text), true) => text.clone(),
            _ => r.value_text.clone(),
        }
    };
    if short {
        let room = |negative: bool| {
            rows.iter()
                .filter(|r| (r.value < 0.0 && !r.reads_as_zero()) == negative)
                .map(|r| pen.text_width(&value_text(r), 11.5) + s.px(6.0))
                .max()
                .unwrap_or(0)
        };
        (left_room, right_room) = (room(true), room(false));
    }
    let label_width = (rows.iter().map(|r| pen.text_width(&r.label, 12.0)).max().unwrap_or(0) + s.px(8.0))
        .min(width * 45 / 100)
        .min(width - left_room - right_room - width / 5)
        .max(s.px(40.0))
        // Compact labels (country codes) are never cut: the bars give way to them, up to 45% of the width.
        .max(
            rows.iter()
                .filter_map(|r| r.compact_label.as_ref())
                .map(|c| pen.text_width(c, 12.0) + s.px(8.0))
                .max()
                .unwrap_or(0)
                .min(width * 45 / 100),
        );
    let bar_x0 = frame.x0 + label_width + left_room;
    let bar_x1 = (frame.x1 - right_room).max(bar_x0 + s.px(20.0));
    let (min, max) = scale;
    let span = if max - min > 0.0 { max - min } else { 1.0 };
    let x_of = |v: f64| bar_x0 + (((v - min) / span) * f64::from(bar_x1 - bar_x0)).round() as i32;
    let zero = x_of(0.0);
    let row_height = ((frame.y1 - top) / rows.len() as i32).min(s.px(26.0)).max(s.px(12.0));
    let bar_height = (f64::from(row_height) * 0.62).round() as i32;
    let room = label_width - s.px(8.0);
    // One form of label for the whole list: country codes on every row that has them as soon as one row's name
    // does not fit on its line (a list mixing "Chine → Mexique" with "CA → MX" reads as two conventions; issue 22).
    let compact = rows.iter().any(|r| r.compact_label.is_some() && pen.text_width(&r.label, 12.0) > room);
    for (k, row) in rows.iter().enumerate() {
        let y = top + row_height * k as i32;
        let mid = y + row_height / 2;
        let label = match &row.compact_label {
            Some(short) if compact => short.as_str(),
            _ => row.label.as_str(),
        };
        // A label too long for its room goes on two smaller lines where the row is tall enough, rather than being
        // cut with "…" (issue 22); only a label that does not fit even so is cut.
        match two_lines(pen, label, room).filter(|_| row_height >= s.px(TWO_LINE_ROWS)) {
            Some((first, second)) => {
                pen.text(&first, frame.x0, mid - s.px(5.5), 10.5, palette.text, HPos::Left, false)?;
                pen.text(
                    &pen.fit(&second, 10.5, room),
                    frame.x0,
                    mid + s.px(5.5),
                    10.5,
                    palette.text,
                    HPos::Left,
                    false,
                )?;
            }
            None => pen.text(&pen.fit(label, 12.0, room), frame.x0, mid, 12.0, palette.text, HPos::Left, false)?,
        }
        if row.reads_as_zero() {
            // No bar: the value label sits at the zero line.
            pen.text(&value_text(row), zero + s.px(4.0), mid, 11.5, palette.text, HPos::Left, false)?;
            hits.push(Hit { x0: frame.x0, y0: y, x1: frame.x1, y1: y + row_height, text: row.hover.clone() });
            continue;
        }
        let end = x_of(row.value);
        let (left, right) = if end < zero { (end, zero) } else { (zero, end.max(zero + 1)) };
        let color = sign_color(&palette, row.value);
        pen.rect(left, mid - bar_height / 2, right, mid + bar_height / 2, color.to_rgba())?;
        let mut text_left = left;
        let mut text_right = right;
        if let Some((low, high)) = row.range.filter(|(a, b)| a.is_finite() && b.is_finite()) {
            let (x_low, x_high) = (x_of(low), x_of(high));
            let cap = bar_height / 2;
            let ink = palette.text.to_rgba();
            pen.line(vec![(x_low, mid), (x_high, mid)], ink, 1.5)?;
            pen.line(vec![(x_low, mid - cap), (x_low, mid + cap)], ink, 1.5)?;
            pen.line(vec![(x_high, mid - cap), (x_high, mid + cap)], ink, 1.5)?;
            text_left = text_left.min(x_low);
            text_right = text_right.max(x_high);
        }
        if row.value < 0.0 {
            pen.text(&value_text(row), text_left - s.px(4.0), mid, 11.5, palette.text, HPos::Right, false)?;
        } else {
            pen.text(&value_text(row), text_right + s.px(4.0), mid, 11.5, palette.text, HPos::Left, false)?;
        }
        hits.push(Hit { x0: frame.x0, y0: y, x1: frame.x1, y1: y + row_height, text: row.hover.clone() });
    }
    let bottom = top + row_height * rows.len() as i32;
    pen.line(vec![(zero, top), (zero, bottom)], palette.muted.to_rgba(), 1.0)?;
    Ok(())
}

/// Two panels of bars below `top`: side by side when the chart is at least `side_by_side_from` CSS pixels wide,
/// otherwise stacked, the first taking `stacked_share` of the height. Returns the hit regions of both.
#[allow(clippy::too_many_arguments, reason = "two headed panels and their layout; a struct would only rename them")]
pub(crate) fn two_panels<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    top: i32,
    side_by_side_from: f64,
    stacked_share: f64,
    first: (Heading<'_>, &[BarRow]),
    second: (Heading<'_>, &[BarRow]),
    scale: Scale,
) -> Result<Vec<Hit>, ChartError> {
    let s = pen.style;
    let (width, height) = pen.size();
    let margin = s.px(12.0);
    let (first_frame, second_frame) = if f64::from(width) >= side_by_side_from * s.scale {
        let mid = width / 2;
        (
            Frame { x0: margin, y0: top, x1: mid - margin, y1: height - margin },
            Frame { x0: mid + margin, y0: top, x1: width - margin, y1: height - margin },
        )
    } else {
        let mid = top + (f64::from(height - top) * stacked_share).round() as i32;
        (
            Frame { x0: margin, y0: top, x1: width - margin, y1: mid },
            Frame { x0: margin, y0: mid, x1: width - margin, y1: height - margin },
        )
    };
    let (first_scale, second_scale) = match scale {
        Scale::Shared => {
            let (a, b) = (extent(first.1), extent(second.1));
            let both = (a.0.min(b.0), a.1.max(b.1));
            (both, both)
        }
        Scale::Own => (extent(first.1), extent(second.1)),
    };
    let mut hits = Vec::new();
    diverging_bars(pen, first_frame, first.0, first.1, first_scale, &mut hits)?;
    diverging_bars(pen, second_frame, second.0, second.1, second_scale, &mut hits)?;
    Ok(hits)
}

/// The shortest row, CSS pixels, whose label may take two lines (two lines of 10.5 px text 11 px apart).
const TWO_LINE_ROWS: f64 = 22.0;

/// A label that does not fit `room` at 12 px, split into two lines at 10.5 px at the last space where the first line
/// fits; `None` when it fits on one line or has no such space.
fn two_lines<DB: DrawingBackend>(pen: &Pen<'_, DB>, label: &str, room: i32) -> Option<(String, String)> {
    if pen.text_width(label, 12.0) <= room {
        return None;
    }
    let spaces: Vec<usize> = label.match_indices(' ').map(|(at, _)| at).collect();
    spaces.iter().rev().find_map(|&at| {
        let (first, second) = (&label[..at], label[at + 1..].trim_start());
        (pen.text_width(first, 10.5) <= room && !second.is_empty()).then(|| (first.to_string(), second.to_string()))
    })
}
