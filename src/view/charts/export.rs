//! The footer of an exported chart: the scenario, the date, a source line and a credit under the chart, so that a
//! PNG pasted into an article or a slide still says what it shows and where it comes from.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::{draw_chart, estimated_text_width, ChartError, ChartInput, HitMap, Pen, Style};

/// What the footer says, already in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFooter {
    /// "Scenario: … · 2026-11-28".
    pub scenario: String,
    /// The source line.
    pub source: String,
    /// The credit.
    pub credit: String,
}

/// Text size of the footer, CSS pixels.
const SIZE: f64 = 10.5;
/// Line height of the footer, CSS pixels.
const LINE: f64 = 14.0;
/// Space above and below the footer's lines, CSS pixels.
const PADDING: f64 = 8.0;

/// `text` broken at spaces into lines no wider than `max_width` pixels at `px` pixels (by the charts' estimate).
pub(crate) fn wrap_text(text: &str, px: f64, max_width: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if estimated_text_width(&candidate, px) > max_width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

impl ExportFooter {
    /// The footer's lines for a chart `width_css` CSS pixels wide, with whether each is bold.
    fn lines(&self, width_css: f64) -> Vec<(String, bool)> {
        let max_width = (width_css - 24.0).max(40.0).round() as i32;
        let mut lines = Vec::new();
        for (text, bold) in [(&self.scenario, true), (&self.source, false), (&self.credit, false)] {
            lines.extend(wrap_text(text, SIZE, max_width).into_iter().map(|l| (l, bold)));
        }
        lines
    }

    /// The footer's height, CSS pixels, for a chart `width_css` CSS pixels wide.
    pub fn height_css(&self, width_css: f64) -> f64 {
        self.lines(width_css).len() as f64 * LINE + 2.0 * PADDING
    }
}

/// Draw a chart with the footer under it, filling `area` (whose height includes the footer); returns the chart's
/// hit regions.
pub fn draw_chart_for_export<DB: DrawingBackend>(
    id: &str,
    area: &DrawingArea<DB, Shift>,
    input: ChartInput<'_>,
    style: &Style,
    footer: &ExportFooter,
) -> Result<HitMap, ChartError> {
    let (width, height) = area.dim_in_pixel();
    let width_css = f64::from(width) / style.scale;
    let footer_px = (footer.height_css(width_css) * style.scale).round() as u32;
    let (chart_area, footer_area) = area.split_vertically(height.saturating_sub(footer_px));
    // A picture on paper or in a post cannot be hovered: no hint.
    let style = &Style { interactive: false, ..*style };
    let hits = draw_chart(id, &chart_area, input, style)?;
    let pen = Pen { area: &footer_area, style, text: input.text };
    pen.clear()?;
    let s = pen.style;
    pen.line(vec![(s.px(12.0), 0), (width as i32 - s.px(12.0), 0)], s.palette.grid.to_rgba(), 1.0)?;
    let mut y = s.px(PADDING + LINE / 2.0);
    for (line, bold) in footer.lines(width_css) {
        let color = if bold { s.palette.text } else { s.palette.muted };
        pen.text(&line, s.px(12.0), y, SIZE, color, HPos::Left, bold)?;
        y += s.px(LINE);
    }
    Ok(hits)
}
