//! Charts drawn with plotters, generic over the drawing backend: the same function draws onto an HTML canvas in
//! the browser (through plotters-canvas, created only in `web`) and onto an SVG string in native tests.
//!
//! Every chart draws with plotters' primitive elements in pixel coordinates, so that it knows where each bar and
//! arrow lands, and returns the list of [`Hit`] regions with the exact value each shows: plotters has no
//! interaction layer, so the page maps a pointer position back to a region and shows its text in an HTML element.
//!
//! Colour is never the only carrier of meaning: every bar has a signed value label, arrows carry signed percent
//! labels, and the palette (Okabe & Ito) is safe for the common forms of colour blindness.

mod bars;
mod export;
mod flow_map;
mod jobs;
mod pairs;
mod revenue;
mod story;
mod trade;
mod welfare;
mod who_pays;

use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendTextStyle, DrawingErrorKind};
use serde::Serialize;

use crate::model::economy::Economy;
use crate::model::results::Results;
use crate::view::i18n::Text as Strings;
use crate::view::table::Table;

pub use export::{draw_chart_for_export, ExportFooter};
pub use story::StoryInput;

/// The charts, in page order. The one list of charts: the page, links, descriptions and tables all go through it.
///
/// Each chart's file holds all of it: `draw` (the picture and its hover regions), `describe` (the text alternative)
/// and `table` (the same numbers as a table); [`draw_chart`], [`ChartId::describe`] and [`ChartId::table`] pick the
/// file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartId {
    /// The flow map (a matrix for economies without the North American three).
    Flows,
    /// Who wins, who loses: real income and consumer prices.
    Welfare,
    /// Where trade goes: goods trade by pair and sector.
    Trade,
    /// Supply chains and jobs.
    Supply,
    /// Tariff revenue.
    Revenue,
    /// Who pays, by income: the consumer cost by income decile.
    WhoPays,
    /// The year as a story: real GDP at both horizons at every dated step of the timeline (`view::story`).
    Story,
}

/// Where a chart's two panels go and how tall its canvas is ([`ChartId::layout`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// From this canvas width (CSS pixels) the panels sit side by side; below it they stack.
    pub side_by_side_from: f64,
    /// Canvas height with the panels side by side, CSS pixels.
    pub wide: f64,
    /// Canvas height with the panels stacked, CSS pixels.
    pub stacked: f64,
}

impl ChartId {
    /// Every chart, in page order.
    pub const ALL: [ChartId; 7] = [
        ChartId::Flows,
        ChartId::Welfare,
        ChartId::Trade,
        ChartId::Supply,
        ChartId::Revenue,
        ChartId::WhoPays,
        ChartId::Story,
    ];

    /// The chart's id in links, the page and the catalogues (`chart.{id}.title`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChartId::Flows => "flows",
            ChartId::Welfare => "welfare",
            ChartId::Trade => "trade",
            ChartId::Supply => "supply",
            ChartId::Revenue => "revenue",
            ChartId::WhoPays => "who_pays",
            ChartId::Story => "story",
        }
    }

    /// The chart's layout: the one owner of where its panels stack and how tall its canvas is (the page sets the
    /// canvas height from [`ChartId::height`]; no stylesheet repeats it).
    pub fn layout(self) -> Layout {
        match self {
            ChartId::Flows => Layout { side_by_side_from: 620.0, wide: 520.0, stacked: 420.0 },
            ChartId::Welfare => Layout { side_by_side_from: 620.0, wide: 250.0, stacked: 420.0 },
            ChartId::Trade => Layout { side_by_side_from: 700.0, wide: 340.0, stacked: 630.0 },
            ChartId::Supply => Layout { side_by_side_from: 700.0, wide: 400.0, stacked: 650.0 },
            ChartId::Revenue => Layout { side_by_side_from: 620.0, wide: 230.0, stacked: 230.0 },
            // One panel: ten rows under the legend; below the width the subtitle and the note take more lines.
            ChartId::WhoPays => Layout { side_by_side_from: 620.0, wide: 400.0, stacked: 460.0 },
            // One panel whose list of steps wraps with the language: [`ChartId::height_in`] measures it; these
            // are its English heights at 720 and 375 CSS pixels, for callers without the reader's language.
            ChartId::Story => {
                let english = Strings::default();
                Layout {
                    side_by_side_from: 620.0,
                    wide: story::height(720.0, &english),
                    stacked: story::height(375.0, &english),
                }
            }
        }
    }

    /// The canvas height, CSS pixels, at a canvas width of `width` CSS pixels: the stacked height below the width
    /// where the panels go side by side, the wide one from it.
    pub fn height(self, width: f64) -> f64 {
        if self == ChartId::Story {
            return story::height(width, &Strings::default());
        }
        let layout = self.layout();
        if width >= layout.side_by_side_from {
            layout.wide
        } else {
            layout.stacked
        }
    }

    /// The canvas height, CSS pixels, at a canvas width of `width` CSS pixels in the language of `text`: the
    /// story's list of steps wraps with the language (`story::height`); the other charts' heights depend on the
    /// width only ([`ChartId::height`]).
    pub fn height_in(self, width: f64, text: &Strings) -> f64 {
        match self {
            ChartId::Story => story::height(width, text),
            _ => self.height(width),
        }
    }

    /// The chart with this id, or the one error every caller reports for an unknown id.
    pub fn parse(id: &str) -> Result<ChartId, ChartError> {
        ChartId::ALL.into_iter().find(|c| c.as_str() == id).ok_or_else(|| {
            ChartError(format!(
                "unknown chart {}; known: {}",
                crate::util::quote::quoted(id),
                ChartId::ALL.map(ChartId::as_str).join(", ")
            ))
        })
    }

    /// The chart's title in the reader's language (also the caption of its table).
    pub fn title(self, text: &Strings) -> &'static str {
        text.get(&format!("chart.{}.title", self.as_str()))
    }

    /// A concise description of the chart for this scenario (for screen readers and as a caption).
    pub fn describe(self, input: &ChartInput<'_>) -> String {
        match self {
            ChartId::Flows => flow_map::describe(input),
            ChartId::Welfare => welfare::describe(input),
            ChartId::Trade => trade::describe(input),
            ChartId::Supply => jobs::describe(input),
            ChartId::Revenue => revenue::describe(input),
            ChartId::WhoPays => who_pays::describe(input),
            ChartId::Story => story::describe(input),
        }
    }

    /// The data behind the chart, as a table with the same numbers ("show data").
    pub fn table(self, input: &ChartInput<'_>) -> Table {
        let caption = self.title(input.text).to_string();
        match self {
            ChartId::Flows => flow_map::table(input, caption),
            ChartId::Welfare => welfare::table(input, caption),
            ChartId::Trade => trade::table(input, caption),
            ChartId::Supply => jobs::table(input, caption),
            ChartId::Revenue => revenue::table(input, caption),
            ChartId::WhoPays => who_pays::table(input, caption),
            ChartId::Story => story::table(input, caption),
        }
    }
}

/// The charts' ids, in page order: `ChartId::ALL` as strings (a unit test keeps the two equal).
pub const CHART_IDS: [&str; 7] = ["flows", "welfare", "trade", "supply", "revenue", "who_pays", "story"];

/// A solved preset on the built-in baseline, for the charts' unit tests.
#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
pub(crate) fn solved_preset(id: &str) -> (Economy, Results) {
    let economy = crate::data::presets::north_america_2024().unwrap();
    let file = crate::data::presets::preset(id).unwrap();
    let scenario = crate::model::scenario::Scenario::build(&file, &economy).unwrap();
    let results = crate::model::solver::solve(&economy, &scenario).unwrap();
    (economy, results)
}

#[cfg(test)]
mod id_tests {
    use super::*;

    #[test]
    fn every_chart_has_a_description_and_a_table_of_whole_rows() {
        let (economy, results) = solved_preset("us-tariffs-2025");
        let text = Strings::default();
        // The story's table lists the timeline's steps while the story is computed.
        let story = Some(StoryInput { story: None, current: None });
        let input = ChartInput { economy: &economy, results: &results, text: &text, ranges: None, story };
        for chart in ChartId::ALL {
            assert!(!chart.describe(&input).is_empty(), "{chart:?}");
            let table = chart.table(&input);
            assert_eq!(table.caption, chart.title(&text), "{chart:?}");
            assert!(!table.rows.is_empty() && table.rows.iter().all(|r| r.len() == table.headers.len()), "{chart:?}");
        }
    }

    #[test]
    fn the_id_list_is_the_enum_and_unknown_ids_get_one_message() {
        assert_eq!(ChartId::ALL.map(ChartId::as_str), CHART_IDS);
        for id in CHART_IDS {
            assert_eq!(ChartId::parse(id).map(ChartId::as_str).ok(), Some(id));
        }
        let error = ChartId::parse("pie").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("unknown chart 'pie'") && error.contains("flows, welfare"), "{error}");
    }
}

/// A region of a drawn chart and the exact value it shows, in backing-store pixels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Left edge.
    pub x0: i32,
    /// Top edge.
    pub y0: i32,
    /// Right edge.
    pub x1: i32,
    /// Bottom edge.
    pub y1: i32,
    /// What the region shows, in words and exact numbers.
    pub text: String,
}

/// The hit regions of one drawn chart.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct HitMap {
    /// Regions, in drawing order (later ones on top).
    pub hits: Vec<Hit>,
}

impl HitMap {
    /// The text of the topmost region containing the point, if any.
    pub fn text_at(&self, x: f64, y: f64) -> Option<&str> {
        self.hits
            .iter()
            .rev()
            .find(|h| x >= f64::from(h.x0) && x <= f64::from(h.x1) && y >= f64::from(h.y0) && y <= f64::from(h.y1))
            .map(|h| h.text.as_str())
    }
}

/// A failure of the drawing backend (never of the data: the data was checked before the solve).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("could not draw the chart: {0}")]
pub struct ChartError(pub String);

fn drawing_error(e: impl std::fmt::Display) -> ChartError {
    ChartError(e.to_string())
}

/// Colours of a theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Background.
    pub background: RGBColor,
    /// Main text.
    pub text: RGBColor,
    /// Secondary text.
    pub muted: RGBColor,
    /// Grid and axis lines.
    pub grid: RGBColor,
    /// Increases (Okabe–Ito blue).
    pub gain: RGBColor,
    /// Decreases (Okabe–Ito vermillion).
    pub loss: RGBColor,
    /// No change.
    pub neutral: RGBColor,
    /// Land on the map.
    pub land: RGBColor,
    /// Borders on the map.
    pub border: RGBColor,
}

impl Palette {
    /// The light theme.
    pub const LIGHT: Palette = Palette {
        background: RGBColor(255, 255, 255),
        text: RGBColor(26, 26, 26),
        muted: RGBColor(85, 85, 85),
        grid: RGBColor(210, 210, 210),
        gain: RGBColor(0, 114, 178),
        loss: RGBColor(213, 94, 0),
        neutral: RGBColor(140, 140, 140),
        land: RGBColor(236, 236, 232),
        border: RGBColor(170, 170, 165),
    };
    /// The dark theme.
    pub const DARK: Palette = Palette {
        background: RGBColor(24, 26, 31),
        text: RGBColor(236, 236, 236),
        muted: RGBColor(180, 180, 180),
        grid: RGBColor(75, 78, 86),
        gain: RGBColor(86, 180, 233),
        loss: RGBColor(240, 148, 80),
        neutral: RGBColor(150, 150, 150),
        land: RGBColor(48, 52, 60),
        border: RGBColor(95, 100, 110),
    };
}

/// How a chart is drawn: pixel scale (the device pixel ratio) and colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Backing-store pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub palette: Palette,
    /// Whether the background is left transparent (for embedding).
    pub transparent: bool,
    /// Whether hover regions carry their texts. A frame of a slider's drag leaves the flow map's out (the
    /// reader's pointer is on the slider; formatting them was a tenth of the frame's drawing); the full draw when
    /// the drag ends writes them.
    pub hover_text: bool,
    /// Whether the chart is on a screen a reader can point at: a downloaded PNG or a pre-rendered SVG is not, so
    /// it carries no "hover or tap" hint.
    pub interactive: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style { scale: 1.0, palette: Palette::LIGHT, transparent: false, hover_text: true, interactive: true }
    }
}

impl Style {
    /// A length in CSS pixels, in backing-store pixels.
    pub(crate) fn px(&self, css_pixels: f64) -> i32 {
        (css_pixels * self.scale).round() as i32
    }
}

/// What every chart reads.
#[derive(Debug, Clone, Copy)]
pub struct ChartInput<'a> {
    /// The baseline economy.
    pub economy: &'a Economy,
    /// The solved scenario.
    pub results: &'a Results,
    /// The reader's language.
    pub text: &'a Strings,
    /// Uncertainty ranges of the headline results, once computed.
    pub ranges: Option<&'a crate::model::uncertainty::Ranges>,
    /// The year as a story (the `story` chart), once computed, with the step the page is on.
    pub story: Option<StoryInput<'a>>,
}

/// Countries a bar chart lists at most; larger economies show those with the largest values.
pub(crate) const MAX_COUNTRY_ROWS: usize = 12;

impl ChartInput<'_> {
    /// The countries a per-country chart shows: all of them up to [`MAX_COUNTRY_ROWS`], otherwise the ones with
    /// the largest `size`, in their original order.
    pub(crate) fn countries_to_show(&self, size: impl Fn(usize) -> f64) -> Vec<usize> {
        let n = self.economy.n_countries();
        if n <= MAX_COUNTRY_ROWS {
            return (0..n).collect();
        }
        let sizes: Vec<f64> = (0..n).map(size).collect();
        let mut order = crate::util::order::order_desc(&sizes);
        order.truncate(MAX_COUNTRY_ROWS);
        crate::util::order::sort_asc(&mut order, |&i| i as f64);
        order
    }

    /// The hover suffix for a range, `" (90% range: a to b)"`, or nothing.
    pub(crate) fn range_note(
        &self,
        range: Option<crate::model::uncertainty::Range>,
        format: impl Fn(f64) -> String,
    ) -> String {
        match range {
            Some(r) if r.low.is_finite() && r.high.is_finite() => {
                format!(" ({})", self.text.fill("chart.range", &[("low", &format(r.low)), ("high", &format(r.high))]))
            }
            _ => String::new(),
        }
    }

    /// The indices of the three North American countries (in [`crate::view::NORTH_AMERICA`] order) when the economy has all
    /// three; charts fall back to other countries otherwise.
    pub(crate) fn north_america(&self) -> Option<Vec<usize>> {
        crate::view::north_american_members(self.economy)
    }

    /// The North American three, or every country of an economy without them.
    pub(crate) fn north_america_or_all(&self) -> Vec<usize> {
        self.north_america().unwrap_or_else(|| (0..self.economy.n_countries()).collect())
    }

    /// The baseline's year ("2024"), or the word for the baseline when the economy file gives no year: charts and
    /// tables of a reader's own data never claim a year it did not state.
    pub(crate) fn base_year(&self) -> String {
        self.economy.file().year.map_or_else(|| self.text.get("table.baseline").to_string(), |y| y.to_string())
    }

    /// The heading of a table's baseline column: the year, or "Baseline" when the economy file gives none.
    pub(crate) fn base_header(&self) -> String {
        self.economy.file().year.map_or_else(|| self.text.get("table.baseline_header").to_string(), |y| y.to_string())
    }

    /// The heading of the revenue table's baseline column ("Revenue 2024", "Revenue, baseline").
    pub(crate) fn revenue_base_header(&self) -> String {
        match self.economy.file().year {
            Some(year) => self.text.fill("table.revenue_base", &[("year", &year.to_string())]),
            None => self.text.get("table.revenue_baseline").to_string(),
        }
    }

    /// A country's name in the reader's language.
    pub(crate) fn country(&self, index: usize) -> String {
        self.text.country(&self.economy.countries()[index], &self.economy.country_names()[index])
    }

    /// A country's short name in the reader's language, for chart labels.
    pub(crate) fn country_short(&self, index: usize) -> String {
        self.text.country_short(&self.economy.countries()[index], &self.economy.country_names()[index])
    }

    /// A country's short name by id in the reader's language.
    pub(crate) fn country_short_by_id(&self, id: &str) -> String {
        self.economy.country_index(id).map_or_else(|| id.to_string(), |n| self.country_short(n))
    }

    /// A country's code (`Text::country_code`) by id.
    pub(crate) fn country_code_by_id(&self, id: &str) -> String {
        self.economy
            .country_index(id)
            .map_or_else(|| id.to_string(), |n| self.text.country_code(id, &self.economy.country_names()[n]))
    }

    /// A country's name by id in the reader's language.
    pub(crate) fn country_by_id(&self, id: &str) -> String {
        self.economy.country_index(id).map_or_else(|| id.to_string(), |n| self.country(n))
    }

    /// A sector's full name in the reader's language.
    pub(crate) fn sector(&self, index: usize) -> String {
        self.text.sector(&self.economy.sectors()[index], &self.economy.sector_names()[index])
    }

    /// A sector's short name in the reader's language.
    pub(crate) fn sector_short(&self, index: usize) -> String {
        self.text.sector_short(&self.economy.sectors()[index], &self.economy.sector_names()[index])
    }
}

/// Draw one chart by id; returns its hit regions.
pub fn draw_chart<DB: DrawingBackend>(
    id: &str,
    area: &DrawingArea<DB, Shift>,
    input: ChartInput<'_>,
    style: &Style,
) -> Result<HitMap, ChartError> {
    draw_chart_with(id, area, input, style, None)
}

/// Where a backend keeps the part of a chart that does not change while a slider moves, to copy it back instead
/// of drawing it again: the flow map's background, title and land (about two thirds of its drawing calls). The
/// canvas keeps it in a second canvas (`web`); a copy is pixel for pixel what drawing it gives (a browser test
/// compares the two). See ARCHITECTURE.md, "Frames".
pub trait LayerCache {
    /// Put back the layer kept under `key` and return the top its chart draws below, or `None` if none is kept.
    fn restore(&self, key: u64) -> Option<i32>;
    /// Keep what is drawn now as the layer for `key`, with the top its chart draws below.
    fn keep(&self, key: u64, top: i32);
}

/// [`draw_chart`] that copies unchanged layers from `cache` when it holds them (and fills it when not).
pub fn draw_chart_with<DB: DrawingBackend>(
    id: &str,
    area: &DrawingArea<DB, Shift>,
    input: ChartInput<'_>,
    style: &Style,
    cache: Option<&dyn LayerCache>,
) -> Result<HitMap, ChartError> {
    let chart = ChartId::parse(id)?;
    let draw = match chart {
        ChartId::Flows => flow_map::draw,
        ChartId::Welfare => welfare::draw,
        ChartId::Trade => trade::draw,
        ChartId::Supply => jobs::draw,
        ChartId::Revenue => revenue::draw,
        ChartId::WhoPays => who_pays::draw,
        ChartId::Story => story::draw,
    };
    // Every chart starts the same way: background, then its title and subtitle; it draws below `top`.
    let pen = Pen { area, style, text: input.text };
    // The flow chart of an economy without the North American three is a matrix, without arrows.
    let on_map = !(chart == ChartId::Flows && input.north_america().is_none());
    let subtitle =
        if on_map { format!("chart.{}.subtitle", chart.as_str()) } else { "chart.flows.subtitle_matrix".to_string() };
    let horizon = crate::view::summary::horizon_text(input.economy, input.text);
    let year = input.base_year();
    let title = chart.title(input.text);
    let subtitle = input.text.fill(&subtitle, &[("horizon", &horizon), ("year", &year)]);
    if chart == ChartId::Flows && on_map {
        // The background, title and land depend only on these: the size, the style and the two texts.
        let key = layer_key(&pen, &[title, &subtitle]);
        let top = match cache.and_then(|c| c.restore(key)) {
            Some(top) => top,
            None => {
                pen.clear()?;
                let top = pen.title(title, &subtitle)?;
                flow_map::land(&pen, top)?;
                if let Some(cache) = cache {
                    cache.keep(key, top);
                }
                top
            }
        };
        return draw(&pen, input, top);
    }
    pen.clear()?;
    let top = pen.title(title, &subtitle)?;
    draw(&pen, input, top)
}

/// The key of a chart's unchanging layer: what it is drawn from besides constants (FNV-1a over the size, the
/// style and the texts; a hash, so that a new key is a new drawing).
fn layer_key<DB: DrawingBackend>(pen: &Pen<'_, DB>, texts: &[&str]) -> u64 {
    let (width, height) = pen.size();
    let s = pen.style;
    let p = &s.palette;
    let mut bytes: Vec<u8> = Vec::new();
    bytes.extend(width.to_le_bytes());
    bytes.extend(height.to_le_bytes());
    bytes.extend(s.scale.to_bits().to_le_bytes());
    bytes.push(u8::from(s.transparent));
    for colour in [p.background, p.text, p.muted, p.grid, p.gain, p.loss, p.neutral, p.land, p.border] {
        bytes.extend([colour.0, colour.1, colour.2]);
    }
    for text in texts {
        bytes.extend(text.as_bytes());
        bytes.push(0);
    }
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A thin drawing helper over a plotters area, in backing-store pixels.
pub(crate) struct Pen<'a, DB: DrawingBackend> {
    pub area: &'a DrawingArea<DB, Shift>,
    pub style: &'a Style,
    pub text: &'a Strings,
}

impl<DB: DrawingBackend> Pen<'_, DB> {
    pub fn size(&self) -> (i32, i32) {
        let (w, h) = self.area.dim_in_pixel();
        (w as i32, h as i32)
    }

    pub fn clear(&self) -> Result<(), ChartError> {
        if self.style.transparent {
            self.area.fill(&TRANSPARENT).map_err(drawing_error)
        } else {
            self.area.fill(&self.style.palette.background).map_err(drawing_error)
        }
    }

    pub fn rect(&self, x0: i32, y0: i32, x1: i32, y1: i32, color: RGBAColor) -> Result<(), ChartError> {
        self.area.draw(&Rectangle::new([(x0, y0), (x1, y1)], color.filled())).map_err(drawing_error)
    }

    pub fn line(&self, points: Vec<(i32, i32)>, color: RGBAColor, width: f64) -> Result<(), ChartError> {
        let width = (width * self.style.scale).round().max(1.0) as u32;
        self.area.draw(&PathElement::new(points, color.stroke_width(width))).map_err(drawing_error)
    }

    pub fn polygon(&self, points: Vec<(i32, i32)>, color: RGBAColor) -> Result<(), ChartError> {
        self.area.draw(&Polygon::new(points, color.filled())).map_err(drawing_error)
    }

    /// Text of `size` CSS pixels anchored at `(x, y)`.
    #[allow(
        clippy::too_many_arguments,
        reason = "position, size, colour, anchor and weight of one text; a struct would only rename them"
    )]
    pub fn text(
        &self,
        text: &str,
        x: i32,
        y: i32,
        size: f64,
        color: RGBColor,
        h: HPos,
        bold: bool,
    ) -> Result<(), ChartError> {
        let style = LabelStyle { size: size * self.style.scale, color, h, bold };
        self.area.draw(&Label { text, at: (x, y), style }).map_err(drawing_error)
    }

    /// The approximate width of a text in backing-store pixels (plotters cannot measure text without a font
    /// backend in native builds, so charts lay out with a conservative estimate).
    pub fn text_width(&self, text: &str, size: f64) -> i32 {
        estimated_text_width(text, size * self.style.scale)
    }

    /// `text` shortened with an ellipsis so that it fits `max_width` backing-store pixels (see
    /// [`fit_estimated`]: it reads no further into `text` than fits, so a megabyte-long name costs what a short
    /// one does).
    pub fn fit(&self, text: &str, size: f64, max_width: i32) -> String {
        fit_estimated(text, size * self.style.scale, max_width)
    }

    /// `text` broken into lines of at most `max_width` backing-store pixels, at spaces.
    pub fn wrap(&self, text: &str, size: f64, max_width: i32) -> Vec<String> {
        export::wrap_text(text, size * self.style.scale, max_width)
    }

    /// A chart title at the top left, with a subtitle wrapped to the width; returns the y below them.
    pub fn title(&self, title: &str, subtitle: &str) -> Result<i32, ChartError> {
        let s = self.style;
        let (width, _) = self.size();
        let max_width = width - s.px(24.0);
        // Bold text runs about 6% wider than the estimate. A title too long for a phone goes on a second line
        // rather than ending in "…" (issue 22: "Chaînes d'approvisionnement et emplois" at 300–330 px); the
        // subtitle moves down with it.
        let title_lines = self.wrap(title, 15.0, max_width * 94 / 100);
        let (first, rest) = match title_lines.split_first() {
            Some((first, rest)) if !rest.is_empty() => (first.clone(), Some(rest.join(" "))),
            _ => (title.to_string(), None),
        };
        self.text(
            &self.fit(&first, 15.0, max_width * 94 / 100),
            s.px(12.0),
            s.px(14.0),
            15.0,
            s.palette.text,
            HPos::Left,
            true,
        )?;
        let mut y = s.px(32.0);
        if let Some(second) = rest {
            self.text(
                &self.fit(&second, 15.0, max_width * 94 / 100),
                s.px(12.0),
                s.px(32.0),
                15.0,
                s.palette.text,
                HPos::Left,
                true,
            )?;
            y += s.px(18.0);
        }
        // The subtitle carries the chart's unit and horizon: it is drawn whole (a phone in French needs five
        // lines); only a longer one ends in an ellipsis rather than stopping mid-sentence.
        let mut lines = self.wrap(subtitle, 11.5, max_width);
        if lines.len() > SUBTITLE_LINES {
            lines.truncate(SUBTITLE_LINES);
            if let Some(last) = lines.last_mut() {
                *last = self.fit(&format!("{last} …"), 11.5, max_width);
            }
        }
        for line in &lines {
            self.text(line, s.px(12.0), y, 11.5, s.palette.muted, HPos::Left, false)?;
            y += s.px(15.0);
        }
        Ok(y + s.px(2.0))
    }
}

/// The most lines a chart's subtitle takes before it ends in an ellipsis.
const SUBTITLE_LINES: usize = 5;

/// The width of a text at `px` pixels, estimated per character from the advance widths of common sans-serif
/// faces (Arial, Helvetica, DejaVu Sans), rounded up so that layouts built on it leave room: narrow punctuation
/// 0.3 em, lower case 0.55 em, digits 0.58 em, capitals and symbols 0.72 em, the widest letters 0.9 em.
pub fn estimated_text_width(text: &str, px: f64) -> i32 {
    let em = text.chars().fold(0.0, |em, c| em + char_em(c));
    (em * px).ceil() as i32
}

/// `text` whole if its [`estimated_text_width`] at `px` pixels is at most `max_width`; otherwise its longest
/// prefix whose width leaves room for an ellipsis, trailing spaces dropped, then `…` (the ellipsis alone if no
/// character fits). Widths only grow along a text, so one pass with a running sum finds the cut, and it stops
/// as soon as the text is known not to fit: linear in the characters that fit, whatever the text's length.
pub fn fit_estimated(text: &str, px: f64, max_width: i32) -> String {
    let ellipsis = estimated_text_width("…", px);
    let mut chars = text.char_indices();
    // The running width is that of `text[..end]`, the same sum `estimated_text_width` takes.
    let (mut em, mut end, mut cut) = (0.0, 0, 0);
    loop {
        let width = (em * px).ceil() as i32;
        if width > max_width {
            return format!("{}…", text[..cut].trim_end());
        }
        if width + ellipsis <= max_width {
            cut = end;
        }
        match chars.next() {
            Some((at, c)) => {
                em += char_em(c);
                end = at + c.len_utf8();
            }
            None => return text.to_string(),
        }
    }
}

/// One character's advance in em, for [`estimated_text_width`].
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' | '(' | ')' | '[' | ']' | 'I' | 'f' | 't'
        | 'r' | '\u{a0}' | '\u{202f}' => 0.32,
        'm' | 'w' | 'M' | 'W' | '—' | '%' | '@' => 0.9,
        '0'..='9' | '$' | '+' | '−' | '-' | '–' | '=' | '<' | '>' | '·' | '…' => 0.58,
        'a'..='z' => 0.55,
        c if c.is_lowercase() => 0.55,
        _ => 0.72,
    }
}

/// A text handed straight to the backend's `draw_text`: plotters' `Text` element and `FontDesc` would add font
/// lookup and layout code that the canvas and SVG backends do not use (about 9 KB of wasm).
struct Label<'a> {
    text: &'a str,
    at: (i32, i32),
    style: LabelStyle,
}

/// Size (backing-store pixels), colour, horizontal anchor (vertically centred) and weight of a [`Label`].
struct LabelStyle {
    size: f64,
    color: RGBColor,
    h: HPos,
    bold: bool,
}

impl BackendTextStyle for LabelStyle {
    type FontError = std::convert::Infallible;

    fn color(&self) -> BackendColor {
        BackendColor { alpha: 1.0, rgb: (self.color.0, self.color.1, self.color.2) }
    }

    fn size(&self) -> f64 {
        self.size
    }

    fn style(&self) -> FontStyle {
        if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }

    fn anchor(&self) -> Pos {
        Pos::new(self.h, VPos::Center)
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::SansSerif
    }

    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        // Only raster backends ask, and the charts use none.
        Ok(((0, 0), (estimated_text_width(text, self.size), self.size.round() as i32)))
    }

    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: BackendCoord,
        _draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        // Pixel-by-pixel text needs a font rasteriser; the canvas and SVG backends draw text themselves.
        Ok(Ok(()))
    }
}

impl<'a> PointCollection<'a, (i32, i32)> for &'a Label<'_> {
    type Point = &'a (i32, i32);
    type IntoIter = std::iter::Once<&'a (i32, i32)>;

    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Label<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _parent_dim: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match points.next() {
            Some(at) => backend.draw_text(self.text, &self.style, at),
            None => Ok(()),
        }
    }
}

/// A colour for a change, from loss (at `-limit` and below) through neutral to gain (at `limit` and above).
pub(crate) fn diverging(palette: &Palette, value: f64, limit: f64) -> RGBColor {
    let t = (value / limit).clamp(-1.0, 1.0);
    let (to, t) = if t >= 0.0 { (palette.gain, t) } else { (palette.loss, -t) };
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(mix(palette.neutral.0, to.0), mix(palette.neutral.1, to.1), mix(palette.neutral.2, to.2))
}

/// The colour of a signed value: gain, loss or neutral.
pub(crate) fn sign_color(palette: &Palette, value: f64) -> RGBColor {
    if value > 0.0 {
        palette.gain
    } else if value < 0.0 {
        palette.loss
    } else {
        palette.neutral
    }
}

#[cfg(test)]
mod fit_tests {
    use super::*;

    /// The fitting the charts did before: drop the last character and measure the whole prefix again.
    fn fit_by_popping(text: &str, px: f64, max_width: i32) -> String {
        if estimated_text_width(text, px) <= max_width {
            return text.to_string();
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty()
            && estimated_text_width(&chars.iter().collect::<String>(), px) + estimated_text_width("…", px) > max_width
        {
            chars.pop();
        }
        format!("{}…", chars.iter().collect::<String>().trim_end())
    }

    #[test]
    fn fitting_cuts_where_measuring_every_prefix_did() {
        let labels = [
            "",
            "USA",
            "United States",
            "Mexico · motor vehicles and parts",
            "Rest of the world   (other)",
            "Électricité, gaz et eau — réseaux",
            "Côte d’Ivoire 漢字 ümlaut ﬁ",
            "   leading and trailing   ",
            "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
            "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
        ];
        for label in labels {
            for px in [10.0, 12.0, 12.5 * 1.5, 15.0 * 2.0, 11.5 * 3.0] {
                for max_width in (-5..=400).step_by(3) {
                    let fitted = fit_estimated(label, px, max_width);
                    assert_eq!(fitted, fit_by_popping(label, px, max_width), "{label:?} at {px} px in {max_width}");
                    assert!(fitted == label || fitted == "…" || estimated_text_width(&fitted, px) <= max_width);
                }
            }
        }
        assert_eq!(fit_estimated("United States of America", 12.0, 60), "United St…");
        assert_eq!(fit_estimated("United States of America", 12.0, 50), "United…", "no space before the ellipsis");
        assert_eq!(fit_estimated("Canada", 12.0, 2), "…", "no room for a character: the ellipsis alone");
    }

    #[test]
    fn a_megabyte_long_name_fits_at_once() {
        let long = "Federated States of Somewhere ".repeat(35_000);
        assert!(long.len() > 1_000_000);
        let started = std::time::Instant::now();
        let fitted = fit_estimated(&long, 12.5 * 2.0, 400);
        let short = fit_estimated(&long[..200], 12.5 * 2.0, 400);
        let elapsed = started.elapsed();
        println!("fitting a {} byte name took {elapsed:?}", long.len());
        assert_eq!(fitted, short, "the cut depends only on what fits");
        assert!(fitted.ends_with('…') && fitted.chars().count() < 40, "{fitted}");
        assert!(estimated_text_width(&fitted, 25.0) <= 400);
        // A megabyte that fits whole (at a tiny size) is read once, not once per character.
        let wide = estimated_text_width(&long, 0.001);
        let started = std::time::Instant::now();
        assert_eq!(fit_estimated(&long, 0.001, wide), long);
        assert!(fit_estimated(&long, 0.001, wide - 1).ends_with('…'));
        let whole = started.elapsed();
        println!("fitting a {} byte name that (nearly) fits whole took {whole:?}", long.len());
        assert!(elapsed + whole < std::time::Duration::from_secs(2), "{elapsed:?} + {whole:?}");
    }
}
