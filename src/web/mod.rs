//! The browser module: the only code that knows the DOM, `JsValue` and serde-wasm-bindgen. [`Explorer`] wraps the
//! app's [`Session`] (`src/app/session.rs`: the state and every transition, in plain Rust and tested natively),
//! converts its values to JavaScript and draws the charts onto canvases through plotters-canvas.
//!
//! Every method that changes the scenario is atomic (the session's rule): a bad value or a failed solve leaves the
//! last good result (and the charts drawn from it) in place. Errors reach JavaScript as `Error` objects whose
//! message names the problem in the reader's language where it can.

use plotters::prelude::*;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::app::session::Session;
use crate::app::url_state::{ControlsShown, Theme, EMBED_CHARTS};
use crate::view::charts::{draw_chart_for_export, draw_chart_with, ChartId, Palette, Style};
use crate::view::i18n::{catalogue, Lang, Text};

mod canvas;
mod handover;
mod layers;
#[cfg(feature = "own-data")]
mod pending;
mod story;
mod table;

/// Install a panic hook that reports a panic on the page (in every element with the `data-natx-panic` attribute)
/// and in the console. A panic is a bug: the page says so instead of failing silently.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("Internal error (a bug, please report it): {info}");
        web_sys::console::error_1(&JsValue::from_str(&message));
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Ok(list) = document.query_selector_all("[data-natx-panic]") {
            for k in 0..list.length() {
                if let Some(node) = list.item(k) {
                    node.set_text_content(Some(&message));
                    if let Ok(element) = node.dyn_into::<web_sys::Element>() {
                        let _ = element.remove_attribute("hidden");
                    }
                }
            }
        }
    }));
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// The explorer in the page: the app's [`Session`] and what only a page has (the charts' kept layers).
#[wasm_bindgen]
pub struct Explorer {
    s: Session,
    /// The charts' unchanging layers, kept to be copied back (the flow map's land; `layers.rs`).
    layers: layers::KeptLayers,
}

#[wasm_bindgen]
impl Explorer {
    /// The charts' ids, in page order (the one list: `ChartId::ALL`).
    pub fn chart_ids() -> Vec<String> {
        crate::view::charts::ChartId::ALL.iter().map(|c| c.as_str().to_string()).collect()
    }

    /// The languages as `[code, name in itself]` pairs, in menu order (the one list: `Lang::ALL`).
    pub fn languages() -> Result<JsValue, JsError> {
        let pairs: Vec<[&str; 2]> = Lang::ALL.iter().map(|l| [l.code(), l.native_name()]).collect();
        to_js(&pairs)
    }

    /// Refuse a file of `size` bytes before reading it when it is over the one cap of the page and the CLI
    /// (`data::files::MAX_FILE_BYTES`), with a message naming the file and its size.
    pub fn check_file_size(name: &str, size: f64) -> Result<(), JsError> {
        crate::data::files::check_size(name, size.max(0.0) as u64).map_err(|e| JsError::new(&e))
    }

    /// A file's text by the one decoding rule of the page and the CLI (`data::files::decode`): UTF-8 with or
    /// without a byte-order mark; UTF-16 and other encodings refused with a message naming them.
    pub fn decode_file(bytes: Vec<u8>, name: &str) -> Result<String, JsError> {
        crate::data::files::decode(name, bytes).map_err(|e| JsError::new(&e))
    }

    /// A chart's canvas height in CSS pixels at a canvas width of `width` CSS pixels: Rust owns where a chart's
    /// panels stack and how tall it is (`ChartId::layout`), so the page never squeezes stacked panels.
    pub fn chart_height(chart: &str, width: f64) -> Result<f64, JsError> {
        Ok(crate::view::charts::ChartId::parse(chart)?.height(width))
    }

    /// The charts of the default, article-shaped embed.
    pub fn embed_charts() -> Vec<String> {
        EMBED_CHARTS.iter().map(|c| c.as_str().to_string()).collect()
    }

    /// What an embed can show of its controls, in the builder's order (`none`, `picker`, `all`).
    pub fn controls_choices() -> Vec<String> {
        ControlsShown::ALL.iter().map(|c| c.code().to_string()).collect()
    }

    /// The themes' ids (`auto`, `light`, `dark`, `plain`).
    pub fn themes() -> Vec<String> {
        Theme::ALL.iter().map(|t| t.code().to_string()).collect()
    }

    /// Load the built-in 2024 baseline and solve the lead preset; `language` is a browser language tag (`fr-CA`),
    /// English if not supported.
    #[wasm_bindgen(constructor)]
    pub fn new(language: &str) -> Result<Explorer, JsError> {
        Ok(Explorer { s: Session::new(language)?, layers: layers::KeptLayers::default() })
    }

    /// The explorer's name in another language (`tag`), for an embed's iframe title in the embed's language; in
    /// English until that language's texts are loaded.
    pub fn title_in(tag: &str) -> String {
        Text::new(Lang::from_tag(tag).unwrap_or(Lang::En)).get("ui.title").to_string()
    }

    /// Whether a language (a code or tag) is ready to use: English always is; French and Spanish once
    /// [`Explorer::load_language`] has been given their catalogue. Unsupported tags are `false`.
    pub fn language_ready(tag: &str) -> bool {
        Lang::from_tag(tag).is_some_and(crate::view::i18n::is_loaded)
    }

    /// Hand over a language's catalogue (the text of `i18n/{code}.json`), which the page fetches the first time a
    /// reader needs that language. A file that is not a catalogue of this version is refused with a message.
    pub fn load_language(tag: &str, json: &str) -> Result<(), JsError> {
        let lang = Lang::from_tag(tag)
            .ok_or_else(|| JsError::new(&format!("unsupported language '{tag}'; use en, fr or es")))?;
        crate::view::i18n::load(lang, json).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Every string of the interface in the current language: `{ key: text }`.
    pub fn strings(&self) -> Result<JsValue, JsError> {
        // Every key, in this language where it has the key (a loaded catalogue has them all) or else in English.
        // One JSON text parsed by the browser: about ten times faster than setting some 700 properties one by
        // one from wasm (it is on the path to the first charts).
        let mut json = String::from("{");
        for (k, (key, _)) in catalogue(Lang::En).iter().enumerate() {
            if k > 0 {
                json.push(',');
            }
            json.push_str(&serde_json::to_string(key).map_err(|e| JsError::new(&e.to_string()))?);
            json.push(':');
            json.push_str(&serde_json::to_string(self.s.text().get(key)).map_err(|e| JsError::new(&e.to_string()))?);
        }
        json.push('}');
        js_sys::JSON::parse(&json).map_err(|_| JsError::new("cannot build the strings object"))
    }

    /// Whether this module can load a reader's own files (`begin_economy`, `begin_scenario`, `advance`,
    /// `finish_pending`): the page starts with the module without them and loads `full/` when a reader picks a file.
    pub fn has_own_data() -> bool {
        cfg!(feature = "own-data")
    }

    /// Drop a pending solve.
    pub fn cancel_pending(&mut self) {
        #[cfg(feature = "own-data")]
        self.s.cancel_pending();
    }

    /// The version of the explorer.
    pub fn version(&self) -> String {
        env!("CARGO_PKG_VERSION").into()
    }

    /// Draw a chart (`flows`, `welfare`, `trade`, `supply`, `revenue`, `who_pays`) onto a canvas whose backing store
    /// is already sized in device pixels; `scale` is the device pixel ratio; `transparent` leaves the background
    /// clear.
    pub fn draw(
        &mut self,
        chart: &str,
        canvas: HtmlCanvasElement,
        scale: f64,
        transparent: bool,
    ) -> Result<(), JsError> {
        self.draw_with(chart, canvas, scale, transparent, true)
    }

    /// [`Explorer::draw`] for one frame of a slider's drag: the same picture, without the flow map's hover texts
    /// (the pointer is on the slider); the draw when the drag ends writes them.
    pub fn draw_frame(
        &mut self,
        chart: &str,
        canvas: HtmlCanvasElement,
        scale: f64,
        transparent: bool,
    ) -> Result<(), JsError> {
        self.draw_with(chart, canvas, scale, transparent, false)
    }

    fn draw_with(
        &mut self,
        chart: &str,
        canvas: HtmlCanvasElement,
        scale: f64,
        transparent: bool,
        hover_text: bool,
    ) -> Result<(), JsError> {
        let (area, mut style) = self.canvas_area(chart, canvas.clone(), scale, transparent)?;
        style.hover_text = hover_text;
        let hits = draw_chart_with(chart, &area, self.s.input(), &style, Some(&self.layers.on(&canvas)))?;
        area.present().map_err(|e| JsError::new(&e.to_string()))?;
        self.s.remember_hits(chart, hits);
        Ok(())
    }

    /// Draw a chart for download onto a canvas sized in device pixels whose height includes the footer
    /// ([`Explorer::export_footer_height`]): the chart with its title, then the scenario, the date, the source
    /// line and the credit.
    pub fn draw_export(
        &mut self,
        chart: &str,
        canvas: HtmlCanvasElement,
        scale: f64,
        date: &str,
    ) -> Result<(), JsError> {
        let (area, style) = self.canvas_area(chart, canvas, scale, false)?;
        draw_chart_for_export(chart, &area, self.s.input(), &style, &self.s.export_footer(date))?;
        area.present().map_err(|e| JsError::new(&e.to_string()))?;
        Ok(())
    }

    /// What the link asked an embed to show of its controls (`none`, `picker`, `all`), if it said.
    pub fn controls_shown(&self) -> Option<String> {
        self.s.controls_shown()
    }

    /// The decimal separator of the language in use (`.` or `,`): the number boxes show values with it (they read
    /// either).
    pub fn decimal_separator(&self) -> String {
        self.s.decimal_separator()
    }

    /// The language in use (`en`, `fr`, `es`).
    pub fn language(&self) -> String {
        self.s.language()
    }

    /// Switch language (a code or tag); unsupported tags are refused.
    pub fn set_language(&mut self, tag: &str) -> Result<(), JsError> {
        Ok(self.s.set_language(tag)?)
    }

    /// The presets: `[{id, name, description, date}]`, in the reader's language (a preset's sources:
    /// [`Explorer::scenario_source_links`] once it is chosen; finding them is slow enough to keep off the first
    /// charts).
    pub fn presets(&self) -> Result<JsValue, JsError> {
        to_js(&self.s.presets()?)
    }

    /// The controls with their current values: `[{id, label, rule, min, max, step, unit, value}]`.
    pub fn controls(&self) -> Result<JsValue, JsError> {
        to_js(&self.s.controls())
    }

    /// The current value of every control: `[{id, value}]` (cheaper than [`Explorer::controls`] while dragging).
    pub fn control_values(&self) -> Result<JsValue, JsError> {
        to_js(&self.s.control_values())
    }

    /// The elasticity sets: `[{id, label, source}]`.
    pub fn elasticity_sets(&self) -> Result<JsValue, JsError> {
        to_js(&self.s.elasticity_sets())
    }

    /// The timeline's enacted events: `[{id, date, title, source}]`, titles in the reader's language (the illustrative
    /// ones, such as the Canada–Mexico trade-cost cut, are left out).
    pub fn timeline(&self) -> Result<JsValue, JsError> {
        to_js(&self.s.timeline())
    }

    /// The current preset id (empty when following the timeline).
    pub fn preset_id(&self) -> String {
        self.s.preset_id()
    }

    /// The current timeline date (empty when starting from a preset).
    pub fn step_date(&self) -> String {
        self.s.step_date()
    }

    /// The id of the current elasticity set.
    pub fn elasticities(&self) -> String {
        self.s.elasticities()
    }

    /// Pick a preset: the controls move to the preset's values and the scenario is solved.
    pub fn set_preset(&mut self, id: &str) -> Result<(), JsError> {
        Ok(self.s.set_preset(id)?)
    }

    /// Follow the timeline: every event in force on `date` (`YYYY-MM-DD`); the controls show the values in force.
    pub fn set_step(&mut self, date: &str) -> Result<(), JsError> {
        Ok(self.s.set_step(date)?)
    }

    /// Move one control (percent) and solve.
    pub fn set_control(&mut self, id: &str, value: f64) -> Result<(), JsError> {
        Ok(self.s.set_control(id, value)?)
    }

    /// Move a control while the reader drags it: a draft solve from the last result (see `ScenarioState::solve_draft`),
    /// checked like [`Explorer::set_control`]; [`Explorer::settle`] replaces it with the exact solve when the reader
    /// lets go.
    pub fn drag_control(&mut self, id: &str, value: f64) -> Result<(), JsError> {
        Ok(self.s.drag_control(id, value)?)
    }

    /// Replace a draft result by the exact one (nothing to do after any other change); true if it did.
    pub fn settle(&mut self) -> Result<bool, JsError> {
        Ok(self.s.settle()?)
    }

    /// Pick an elasticity set by id and solve.
    pub fn set_elasticities(&mut self, id: &str) -> Result<(), JsError> {
        Ok(self.s.set_elasticities(id)?)
    }

    /// Back to the current preset's (or timeline step's) own values.
    pub fn reset(&mut self) -> Result<(), JsError> {
        Ok(self.s.reset()?)
    }

    /// The changes in force that no control sets, one line each in the reader's language (empty: the controls show
    /// everything).
    pub fn also_in_force(&self) -> Vec<String> {
        self.s.also_in_force()
    }

    /// Whether any control differs from the preset.
    pub fn adjusted(&self) -> bool {
        self.s.adjusted()
    }

    /// Remember the theme chosen (`auto`, `light`, `dark`, `plain`), for links; returns whether it was valid.
    pub fn set_theme(&mut self, code: &str) -> bool {
        self.s.set_theme(code)
    }

    /// Draw in dark colours (the page resolves `auto` through `prefers-color-scheme`).
    pub fn set_dark(&mut self, dark: bool) {
        self.s.set_dark(dark)
    }

    /// Remember which charts the view shows (empty: all), for links: known charts only, each once.
    pub fn set_charts(&mut self, charts: Vec<String>) {
        self.s.set_charts(charts)
    }

    /// Apply a link's query string.
    pub fn apply_url(&mut self, query: &str) -> Result<JsValue, JsError> {
        to_js(&self.s.apply_url(query)?)
    }

    /// The query of a link that opens this view in the full page (`embed`: without the embed's charts and
    /// controls).
    pub fn share_query(&self, embed: bool) -> String {
        self.s.share_query(embed)
    }

    /// The query of an embed of the view on screen, for the embed builder: the scenario's keys, then the choices.
    pub fn embed_query(
        &self,
        charts: Vec<String>,
        controls: &str,
        theme: &str,
        lang: &str,
        frozen: bool,
        compare: &str,
    ) -> String {
        self.s.embed_query(&charts, controls, theme, lang, frozen, compare)
    }

    /// This scenario as one side of a comparison (`compare=A,B`); empty for a reader's economy.
    pub fn compare_side(&self) -> String {
        self.s.compare_side()
    }

    /// The current state as a query string (without `?`), for links and history.
    pub fn url_query(&self) -> String {
        self.s.url_query()
    }

    /// The source line under a chart, as on a downloaded PNG (model, data year, horizon), in the reader's language.
    pub fn source_line(&self) -> String {
        self.s.source_line()
    }

    /// The height (CSS pixels) of the footer an exported chart `width` CSS pixels wide carries (see
    /// [`Explorer::draw_export`]); `date` is the day of the export, `YYYY-MM-DD`.
    pub fn export_footer_height(&self, width: f64, date: &str) -> f64 {
        self.s.export_footer_height(width, date)
    }

    /// The exact value under a point of a drawn chart (device pixels), if any.
    pub fn hit(&self, chart: &str, x: f64, y: f64) -> Option<String> {
        self.s.hit(chart, x, y)
    }

    /// Whether ranges can be computed for the economy in use (small enough to re-solve 200 times quickly) and their
    /// computation has not failed for the current result.
    pub fn ranges_available(&self) -> bool {
        self.s.ranges_available()
    }

    /// Compute a slice of the uncertainty ranges (re-solves of the current scenario under elasticity draws) and, for
    /// scenarios that show both horizons, of the other horizon: at most a frame's worth of work per call.
    pub fn compute_ranges(&mut self) -> Result<bool, JsError> {
        Ok(self.s.compute_ranges()?)
    }

    /// How far the ranges have come: `[draws done, draws]` (`[0, 0]` when none are being computed).
    pub fn ranges_progress(&self) -> Vec<u32> {
        self.s.ranges_progress()
    }

    /// Whether the current result has its ranges.
    pub fn has_ranges(&self) -> bool {
        self.s.has_ranges()
    }

    /// The sentence explaining the ranges (empty before they are computed).
    pub fn ranges_note(&self) -> String {
        self.s.ranges_note()
    }

    /// Welfare under each elasticity set for the current scenario: `{caption, headers, rows}`; the one-year and
    /// long-run rows put the two horizons side by side.
    pub fn compare_elasticities(&self) -> Result<JsValue, JsError> {
        to_js(&self.s.compare_elasticities()?)
    }

    /// Whether the explorer runs on loaded data rather than the built-in baseline and presets.
    pub fn is_custom(&self) -> bool {
        self.s.is_custom()
    }

    /// A line describing the loaded economy, for the page.
    pub fn loaded_note(&self) -> String {
        self.s.loaded_note()
    }

    /// Back to the built-in 2024 baseline and the lead preset.
    pub fn reset_to_builtin(&mut self) -> Result<(), JsError> {
        Ok(self.s.reset_to_builtin()?)
    }

    /// The plain-language summary of the current result, saying only what the charts on screen show (`charts`: their
    /// ids; empty: every chart).
    pub fn summary(&self, charts: Vec<String>) -> String {
        self.s.summary(charts)
    }

    /// One line for the phone's live result bar (issue 22): real GDP at both horizons; empty while only one is solved
    /// (a draft during a drag: the page keeps the last line until the exact result).
    pub fn live_line(&self) -> String {
        self.s.live_line()
    }

    /// The method panel's notes on assumptions and limits, with the figures of the economy in use.
    pub fn method_notes(&self) -> Vec<String> {
        self.s.method_notes()
    }

    /// The title of the current scenario, in the reader's language.
    pub fn scenario_name(&self) -> String {
        self.s.scenario_name()
    }

    /// A concise description of a chart for this scenario.
    pub fn description(&self, chart: &str) -> Result<String, JsError> {
        Ok(self.s.description(chart)?)
    }

    /// The data behind a chart: `{caption, headers, rows}`.
    pub fn table(&self, chart: &str) -> Result<JsValue, JsError> {
        to_js(&self.s.table(chart)?)
    }

    /// The view's results as one tidy CSV table (`view::results_csv`): `link` is the address that reproduces the view,
    /// written into the file with every control's value.
    pub fn csv(&self, link: Option<String>) -> String {
        self.s.csv(link)
    }

    /// "Cite this": version, scenario, elasticities, link and access date.
    pub fn cite(&self, link: &str, date: &str) -> String {
        self.s.cite(link, date)
    }

    /// The sources of the current scenario, each once, in the reader's language (the texts of
    /// [`Explorer::scenario_source_links`]).
    pub fn scenario_sources(&self) -> Vec<String> {
        self.s.scenario_sources()
    }

    /// The sources of the current scenario with their public addresses: `[{text, url}]`, `url` a string or `null`.
    pub fn scenario_source_links(&self) -> Result<JsValue, JsError> {
        to_js(&self.s.scenario_source_links())
    }

    /// The sources of the baseline data, each once, in the reader's language (the texts of
    /// [`Explorer::data_source_links`]).
    pub fn data_sources(&self) -> Vec<String> {
        self.s.data_sources()
    }

    /// The sources of the baseline data with their public addresses: `[{text, url}]`, `url` a string or `null`.
    pub fn data_source_links(&self) -> Result<JsValue, JsError> {
        to_js(&self.s.data_source_links())
    }

    /// The baseline's headline figures: `[{label, value, source}]`.
    pub fn headlines(&self) -> Result<JsValue, JsError> {
        to_js(&self.s.headlines())
    }
}

impl Explorer {
    /// Check a chart id and prepare a canvas to draw it on, in the page's colours at `scale` (clamped to 0.5–4).
    fn canvas_area(
        &self,
        chart: &str,
        canvas: HtmlCanvasElement,
        scale: f64,
        transparent: bool,
    ) -> Result<(DrawingArea<canvas::Canvas, plotters::coord::Shift>, Style), JsError> {
        if let Err(unknown) = ChartId::parse(chart) {
            return Err(JsError::new(&unknown.to_string()));
        }
        let backend = canvas::Canvas::new(canvas).ok_or_else(|| JsError::new("the canvas has no 2D context"))?;
        let style = Style {
            scale: if scale.is_finite() && scale > 0.0 { scale.clamp(0.5, 4.0) } else { 1.0 },
            palette: if self.s.dark() { Palette::DARK } else { Palette::LIGHT },
            transparent,
            hover_text: true,
            interactive: true,
        };
        Ok((backend.into_drawing_area(), style))
    }
}
