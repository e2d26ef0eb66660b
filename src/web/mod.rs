//! The browser module: the only code that knows the DOM, `JsValue` and serde-wasm-bindgen. It holds the model
//! state behind a small, coarse API ([`Explorer`]) and draws the charts onto canvases through plotters-canvas.
//!
//! Every method that changes the scenario is atomic: it validates, solves, and only then replaces the state, so a
//! bad value or a failed solve leaves the last good result (and the charts drawn from it) in place. Errors reach
//! JavaScript as `Error` objects whose message names the problem in the reader's language where it can.

use plotters::prelude::*;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::app::cells::{CellRates, OwnScenario};
use crate::app::controls::CONTROLS;
use crate::app::scenario_state::{Base, ScenarioState};
use crate::app::url_state::{self, ControlsShown, Theme, UrlState, EMBED_CHARTS};
use crate::data::presets;
use crate::data::timeline;
use crate::model::economy::Economy;
use crate::model::results::Results;
use crate::model::scenario::Scenario;
use crate::model::solver::WarmStart;
use crate::model::solver::{Solve, SolveJob as HorizonJob};
use crate::model::uncertainty::{RangeOptions, Ranges, RangesJob, RANGES_MAX_CELLS};
use crate::view::charts::{
    draw_chart_for_export, draw_chart_with, ChartId, ChartInput, ExportFooter, HitMap, Palette, Style,
};
use crate::view::i18n::{catalogue, Lang, Text};
use crate::view::results_csv::results_csv;
use crate::view::sources::{reader_source_lines, reader_source_text};
use crate::view::summary::headlines;

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

#[derive(Serialize)]
struct PresetInfo {
    id: String,
    name: String,
    description: String,
    date: String,
}

#[derive(Serialize)]
struct ControlInfo {
    id: &'static str,
    label: String,
    rule: String,
    min: f64,
    max: f64,
    step: f64,
    unit: &'static str,
    value: f64,
}

#[derive(Serialize)]
struct Choice {
    id: String,
    label: String,
    source: String,
}

#[derive(Serialize)]
struct EventInfo {
    id: String,
    date: String,
    title: String,
    source: String,
}

#[derive(Serialize)]
struct NoticeInfo {
    message: String,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// The work of one call that runs a slice of a solve or of the ranges, in cells (`solver::work_per_pass`): a few
/// milliseconds natively, well within a frame in the browser, whatever the economy.
const SLICE_WORK: u64 = 4_000_000;

/// The explorer: baseline, scenario, controls, elasticities, language and the last good result.
#[wasm_bindgen]
pub struct Explorer {
    baseline: Economy,
    economy: Economy,
    elasticities: String,
    /// The base scenario and the control values over it.
    state: ScenarioState,
    scenario: Scenario,
    results: Results,
    ranges: Option<Ranges>,
    /// The ranges being computed, slice by slice ([`Explorer::compute_ranges`]).
    ranges_job: Option<RangesJob>,
    /// Why the current result has no ranges, when their computation failed.
    ranges_error: Option<String>,
    /// The other horizon being solved, slice by slice.
    horizon_job: Option<HorizonJob>,
    /// The current scenario solved at the other horizon, for scenarios that show both (`compare_horizons`).
    other_horizon: Option<(Economy, Results)>,
    /// Hover regions of each chart as last drawn: `(chart id, regions)`.
    hits: Vec<(String, HitMap)>,
    text: Text,
    lang_from_url: bool,
    theme: Theme,
    charts: Vec<String>,
    show_controls: Option<ControlsShown>,
    dark: bool,
    #[cfg(feature = "own-data")]
    pending: Option<pending::Pending>,
    /// The ranges of B − A against another explorer's scenario (`table.rs`), being computed or done.
    #[cfg(feature = "own-data")]
    difference: Option<table::Difference>,
    custom_name: Option<String>,
    /// The file name of the reader's scenario (loaded, or named by a link's `name=`), on the built-in economy.
    scenario_file_name: Option<String>,
    /// Whether the result on screen is a draft from a drag (see `drag_control`), to be replaced by the exact one.
    draft: bool,
    /// What the rebase of the reader's economy changed, in the reader's language.
    rebase_note: Option<String>,
    /// The charts' unchanging layers, kept to be copied back (the flow map's land; `layers.rs`).
    layers: layers::KeptLayers,
    /// The last two positions of a slider's drag, when the result on screen is its draft (see `drag_control`).
    drag_trail: Option<DragTrail>,
}

/// A drag's last two positions: the control, its value and equilibrium before the last move, and its value now.
struct DragTrail {
    id: String,
    earlier_value: f64,
    earlier: WarmStart,
    value: f64,
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

    /// What the link asked an embed to show of its controls (`none`, `picker`, `all`), if it said.
    pub fn controls_shown(&self) -> Option<String> {
        self.show_controls.map(|c| c.code().to_string())
    }

    /// The themes' ids (`auto`, `light`, `dark`, `plain`).
    pub fn themes() -> Vec<String> {
        Theme::ALL.iter().map(|t| t.code().to_string()).collect()
    }

    /// Load the built-in 2024 baseline and solve the default scenario; `language` is a browser language tag
    /// (`fr-CA`), English if not supported.
    #[wasm_bindgen(constructor)]
    pub fn new(language: &str) -> Result<Explorer, JsError> {
        let baseline = presets::north_america_2024()?;
        let state = ScenarioState::lead_preset(&baseline)?;
        let (scenario, results) = state.solve(&baseline)?;
        Ok(Explorer {
            scenario,
            ranges: None,
            ranges_job: None,
            ranges_error: None,
            horizon_job: None,
            other_horizon: None,
            economy: baseline.clone(),
            baseline,
            elasticities: "default".into(),
            state,
            results,
            hits: Vec::new(),
            text: Text::new(Lang::from_tag(language).unwrap_or(Lang::En)),
            lang_from_url: false,
            theme: Theme::Auto,
            charts: Vec::new(),
            show_controls: None,
            dark: false,
            #[cfg(feature = "own-data")]
            pending: None,
            #[cfg(feature = "own-data")]
            difference: None,
            custom_name: None,
            scenario_file_name: None,
            draft: false,
            rebase_note: None,
            layers: layers::KeptLayers::default(),
            drag_trail: None,
        })
    }

    /// The explorer's name in another language (`tag`), for an embed's iframe title in the embed's language; in
    /// English until that language's texts are loaded.
    pub fn title_in(tag: &str) -> String {
        Text::new(Lang::from_tag(tag).unwrap_or(Lang::En)).get("ui.title").to_string()
    }

    /// The decimal separator of the language in use (`.` or `,`): the number boxes show values with it (they read
    /// either).
    pub fn decimal_separator(&self) -> String {
        self.text.decimal_separator().to_string()
    }

    /// The language in use (`en`, `fr`, `es`).
    pub fn language(&self) -> String {
        self.text.lang.code().into()
    }

    /// Switch language (a code or tag); unsupported tags are refused.
    pub fn set_language(&mut self, tag: &str) -> Result<(), JsError> {
        let lang = Lang::from_tag(tag)
            .ok_or_else(|| JsError::new(&format!("unsupported language '{tag}'; use en, fr or es")))?;
        self.text = Text::new(lang);
        self.lang_from_url = true;
        Ok(())
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
            json.push_str(&serde_json::to_string(self.text.get(key)).map_err(|e| JsError::new(&e.to_string()))?);
        }
        json.push('}');
        js_sys::JSON::parse(&json).map_err(|_| JsError::new("cannot build the strings object"))
    }

    /// The presets: `[{id, name, description, date}]`, in the reader's language (a preset's sources:
    /// [`Explorer::scenario_source_links`] once it is chosen; finding them is slow enough to keep off the first charts).
    pub fn presets(&self) -> Result<JsValue, JsError> {
        let mut list = Vec::new();
        for id in presets::preset_ids() {
            let file = presets::preset(id)?;
            list.push(PresetInfo {
                id: id.into(),
                name: self.text.try_get(&format!("preset.{id}.name")).map_or(file.name, str::to_string),
                description: self
                    .text
                    .try_get(&format!("preset.{id}.description"))
                    .map_or(file.description, str::to_string),
                date: file.date,
            });
        }
        to_js(&list)
    }

    /// The controls with their current values: `[{id, label, rule, min, max, step, unit, value}]`.
    pub fn controls(&self) -> Result<JsValue, JsError> {
        let list: Vec<ControlInfo> = CONTROLS
            .iter()
            .map(|c| ControlInfo {
                id: c.id,
                label: self.text.get(&format!("control.{}.label", c.id)).to_string(),
                rule: self.text.get(&format!("control.{}.rule", c.id)).to_string(),
                min: c.min,
                max: c.max,
                step: c.step,
                unit: c.unit,
                value: self.state.controls().get(c.id).unwrap_or(c.baseline),
            })
            .collect();
        to_js(&list)
    }

    /// The current value of every control: `[{id, value}]` (cheaper than [`Explorer::controls`] while dragging).
    pub fn control_values(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct Value {
            id: &'static str,
            value: f64,
        }
        let list: Vec<Value> = self.state.controls().all().map(|(id, value)| Value { id, value }).collect();
        to_js(&list)
    }

    /// The elasticity sets: `[{id, label, source}]`.
    pub fn elasticity_sets(&self) -> Result<JsValue, JsError> {
        let list: Vec<Choice> = self
            .baseline
            .file()
            .theta_sets
            .iter()
            .map(|s| Choice {
                id: s.id.clone(),
                label: crate::view::method::elasticity_label(&self.baseline, s, &self.text),
                source: s.source.clone(),
            })
            .collect();
        to_js(&list)
    }

    /// The timeline's enacted events: `[{id, date, title, source}]`, titles in the reader's language (the
    /// illustrative ones, such as the Canada–Mexico trade-cost cut, are left out).
    pub fn timeline(&self) -> Result<JsValue, JsError> {
        let list: Vec<EventInfo> = timeline::enacted_events()
            .map(|(_, e)| EventInfo {
                id: e.id.clone(),
                date: e.date.clone(),
                title: self.text.try_get(&format!("timeline.{}", e.id)).map_or(e.title.clone(), str::to_string),
                source: reader_source_text(&e.source, &self.text),
            })
            .collect();
        to_js(&list)
    }

    /// The current preset id (empty when following the timeline).
    pub fn preset_id(&self) -> String {
        match self.state.base() {
            Base::Preset(id) => id.clone(),
            Base::Step(_) | Base::Custom => String::new(),
        }
    }

    /// The current timeline date (empty when starting from a preset).
    pub fn step_date(&self) -> String {
        match *self.state.base() {
            Base::Step(k) => timeline::events().get(k).map_or(String::new(), |e| e.date.clone()),
            Base::Preset(_) | Base::Custom => String::new(),
        }
    }

    /// The id of the current elasticity set.
    pub fn elasticities(&self) -> String {
        if self.elasticities == "default" {
            self.baseline.file().theta_sets.first().map_or("default".into(), |s| s.id.clone())
        } else {
            self.elasticities.clone()
        }
    }

    /// Pick a preset: the controls move to the preset's values and the scenario is solved.
    pub fn set_preset(&mut self, id: &str) -> Result<(), JsError> {
        let state = ScenarioState::preset(id, &self.economy)?;
        let (scenario, results) = state.solve(&self.economy)?;
        self.state = state;
        self.set_result(scenario, results);
        Ok(())
    }

    /// Follow the timeline: every event in force on `date` (`YYYY-MM-DD`); the controls show the values in force.
    pub fn set_step(&mut self, date: &str) -> Result<(), JsError> {
        if !url_state::is_date(date) {
            return Err(JsError::new(&self.text.fill("notice.url_bad_step", &[("name", "step"), ("value", date)])));
        }
        let state = ScenarioState::step(date, &self.economy)?;
        let (scenario, results) = state.solve(&self.economy)?;
        self.state = state;
        self.set_result(scenario, results);
        Ok(())
    }

    /// Move one control (percent) and solve. A value out of range or not a number is refused with a message in
    /// the reader's language and changes nothing.
    pub fn set_control(&mut self, id: &str, value: f64) -> Result<(), JsError> {
        let state = self.checked_control(id, value)?;
        let (scenario, results) = state.solve(&self.economy)?;
        self.state = state;
        self.set_result(scenario, results);
        Ok(())
    }

    /// Move a control while the reader drags it: a draft solve from the last result (see
    /// `ScenarioState::solve_draft`), checked like [`Explorer::set_control`]; [`Explorer::settle`] replaces it with
    /// the exact solve when the reader lets go. On a loaded economy (or if the draft fails) it solves exactly.
    pub fn drag_control(&mut self, id: &str, value: f64) -> Result<(), JsError> {
        let state = self.checked_control(id, value)?;
        if self.custom_name.is_none() {
            // Continue the path of the drag's last two positions (a quarter fewer solver passes), when the last
            // result came from a drag of this control.
            let here = WarmStart::of(&self.results);
            let path = match self.drag_trail.take() {
                Some(trail) if trail.id == id && (trail.value - trail.earlier_value).abs() > 1e-12 => {
                    let t = (value - trail.value) / (trail.value - trail.earlier_value);
                    Some(WarmStart::extrapolated(&trail.earlier, &here, t))
                }
                _ => None,
            };
            let at = self.state.controls().get(id);
            if let Ok((scenario, results)) = state.solve_draft_from(&self.economy, path.as_ref().unwrap_or(&here)) {
                self.state = state;
                self.set_result_only(scenario, results);
                self.draft = true;
                if let Some(earlier_value) = at {
                    self.drag_trail = Some(DragTrail { id: id.to_string(), earlier_value, earlier: here, value });
                }
                return Ok(());
            }
        }
        self.set_control(id, value)
    }

    /// Replace a draft result by the exact one (nothing to do after any other change); true if it did.
    pub fn settle(&mut self) -> Result<bool, JsError> {
        if !self.draft {
            return Ok(false);
        }
        let (scenario, results) = self.state.solve(&self.economy)?;
        self.set_result(scenario, results);
        Ok(true)
    }

    /// Pick an elasticity set by id and solve.
    pub fn set_elasticities(&mut self, id: &str) -> Result<(), JsError> {
        let economy = self.baseline.with_theta_set(id)?;
        let (scenario, results) = self.state.solve(&economy)?;
        self.economy = economy;
        self.elasticities = id.into();
        self.set_result(scenario, results);
        Ok(())
    }

    /// Back to the current preset's (or timeline step's) own values.
    pub fn reset(&mut self) -> Result<(), JsError> {
        let mut state = self.state.clone();
        state.reset();
        let (scenario, results) = state.solve(&self.economy)?;
        self.state = state;
        self.set_result(scenario, results);
        Ok(())
    }

    /// The changes in force that no control sets, one line each in the reader's language (empty: the controls
    /// show everything).
    pub fn also_in_force(&self) -> Vec<String> {
        crate::app::scenario_state::in_force_lines(&self.economy, &self.scenario, &self.text)
    }

    /// Whether any control differs from the preset.
    pub fn adjusted(&self) -> bool {
        self.state.controls().any_moved()
    }

    /// Remember the theme chosen (`auto`, `light`, `dark`, `plain`), for links; returns whether it was valid.
    pub fn set_theme(&mut self, code: &str) -> bool {
        match Theme::ALL.into_iter().find(|t| t.code() == code) {
            Some(theme) => {
                self.theme = theme;
                true
            }
            None => false,
        }
    }

    /// Draw in dark colours (the page resolves `auto` through `prefers-color-scheme`).
    pub fn set_dark(&mut self, dark: bool) {
        self.dark = dark;
    }

    /// Remember which charts the view shows (empty: all), for links: known charts only, each once.
    pub fn set_charts(&mut self, charts: Vec<String>) {
        self.charts = url_state::known_charts_once(charts.iter().map(String::as_str));
    }

    /// Apply a link's query string. Bad or unknown parts fall back to defaults; returns the notices to show,
    /// `[{message}]`, in the reader's language. The result is solved; on a failed solve nothing changes.
    pub fn apply_url(&mut self, query: &str) -> Result<JsValue, JsError> {
        let known_sets: Vec<String> = self.baseline.file().theta_sets.iter().map(|s| s.id.clone()).collect();
        let (state, notices) = url_state::parse(
            query,
            |p| presets::preset_ids().any(|id| id == p),
            |e| known_sets.iter().any(|s| s == e) || e == "default",
        );
        if let Some(lang) = state.lang {
            self.text = Text::new(lang);
            self.lang_from_url = true;
        }
        let mut messages: Vec<NoticeInfo> = notices
            .iter()
            .map(|n| NoticeInfo { message: self.text.fill(&n.key, &[("name", &n.name), ("value", &n.value)]) })
            .collect();
        let economy = match &state.elasticities {
            Some(id) => self.baseline.with_theta_set(id)?,
            None => self.baseline.clone(),
        };
        let mut bad_part = |name: &str, problem: String| {
            messages.push(NoticeInfo {
                message: self.text.fill("notice.url_bad_cells", &[("name", name), ("problem", &problem)]),
            })
        };
        let own = state.own.as_deref().and_then(|text| match OwnScenario::decode(text, &economy) {
            Ok(own) => Some(own),
            Err(e) => {
                bad_part("own", e.to_string());
                None
            }
        });
        let own_name = state.name.clone().unwrap_or_else(|| "scenario.json".into());
        let mut scenario_state = match (&own, &state.step, &state.preset) {
            (Some(own), _, _) => ScenarioState::custom(own.file(&own_name, &economy), &economy)?,
            (None, Some(date), _) => ScenarioState::step(date, &economy)?,
            (None, None, Some(id)) => ScenarioState::preset(id, &economy)?,
            (None, None, None) => ScenarioState::lead_preset(&economy)?,
        };
        if let Some(text) = &state.rates {
            match CellRates::decode(text, &economy) {
                Ok(rates) => {
                    let edits: Vec<_> = rates.iter().map(|(cell, rate)| (cell, Some(rate))).collect();
                    scenario_state = scenario_state.with_cells(&edits, &economy)?;
                }
                Err(e) => bad_part("rates", e.to_string()),
            }
        }
        for (id, value) in &state.controls {
            match scenario_state.with_control(id, *value) {
                Ok(next) => scenario_state = next,
                Err(_) => messages.push(NoticeInfo {
                    message: self.text.fill(
                        "notice.url_bad_value",
                        &[("name", id), ("value", &crate::util::numbers::shortest(*value))],
                    ),
                }),
            }
        }
        let (scenario, results) = scenario_state.solve(&economy)?;
        self.economy = economy;
        self.elasticities = state.elasticities.clone().unwrap_or_else(|| "default".into());
        self.state = scenario_state;
        self.scenario_file_name = own.is_some().then_some(own_name);
        self.set_result(scenario, results);
        self.theme = state.theme;
        self.charts = state.charts;
        self.show_controls = state.show_controls;
        to_js(&messages)
    }

    /// The current state as a query string (without `?`), for links and history.
    pub fn url_query(&self) -> String {
        let state = UrlState {
            preset: match self.state.base() {
                Base::Preset(id) => Some(id.clone()),
                Base::Step(_) | Base::Custom => None,
            },
            step: match self.state.base() {
                Base::Step(_) => Some(self.step_date()),
                Base::Preset(_) | Base::Custom => None,
            },
            elasticities: (self.elasticities != "default").then(|| self.elasticities.clone()),
            lang: self.lang_from_url.then_some(self.text.lang),
            theme: self.theme,
            charts: self.charts.clone(),
            show_controls: self.show_controls,
            controls: self
                .state
                .controls()
                .moved()
                .filter_map(|id| self.state.controls().get(id).map(|v| (id.to_string(), v)))
                .collect(),
            rates: (!self.state.cells().is_empty()).then(|| self.state.cells().encode(&self.economy)),
            own: self.own_in_link(),
            name: self.scenario_file_name.clone(),
        };
        url_state::serialize(&state)
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
        let hits = draw_chart_with(chart, &area, self.input(), &style, Some(&self.layers.on(&canvas)))?;
        area.present().map_err(|e| JsError::new(&e.to_string()))?;
        self.hits.retain(|(id, _)| id != chart);
        self.hits.push((chart.into(), hits));
        Ok(())
    }

    /// The source line under a chart, as on a downloaded PNG (model, data year, horizon), in the reader's language.
    pub fn source_line(&self) -> String {
        self.export_footer("").source
    }

    /// The height (CSS pixels) of the footer an exported chart `width` CSS pixels wide carries (see
    /// [`Explorer::draw_export`]); `date` is the day of the export, `YYYY-MM-DD`.
    pub fn export_footer_height(&self, width: f64, date: &str) -> f64 {
        self.export_footer(date).height_css(width)
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
        draw_chart_for_export(chart, &area, self.input(), &style, &self.export_footer(date))?;
        area.present().map_err(|e| JsError::new(&e.to_string()))?;
        Ok(())
    }

    /// The exact value under a point of a drawn chart (device pixels), if any.
    pub fn hit(&self, chart: &str, x: f64, y: f64) -> Option<String> {
        self.hits.iter().find(|(id, _)| id == chart).and_then(|(_, h)| h.text_at(x, y)).map(str::to_string)
    }

    /// Whether ranges can be computed for the economy in use (small enough to re-solve 200 times quickly) and
    /// their computation has not failed for the current result.
    pub fn ranges_available(&self) -> bool {
        self.economy.n_countries() * self.economy.n_sectors() <= RANGES_MAX_CELLS && self.ranges_error.is_none()
    }

    /// Compute a slice of the uncertainty ranges (re-solves of the current scenario under elasticity draws) and,
    /// for scenarios that show both horizons, of the other horizon: at most a frame's worth of work per call.
    /// Returns `true` once both are ready; the charts, tables and CSV show the ranges until the scenario changes.
    /// A failure (a scenario whose draws do not converge within the work limit) is reported once, and the ranges
    /// note then says why there are none.
    pub fn compute_ranges(&mut self) -> Result<bool, JsError> {
        if self.ranges.is_none() && self.ranges_available() {
            let job = self
                .ranges_job
                // Each draw starts from the result on screen (the exact one: drafts are settled first), a quarter
                // to a third fewer solver passes than from no change; the ranges agree to about 1e-10 points.
                .get_or_insert_with(|| {
                    let job = RangesJob::new(&self.economy, &self.scenario, &RangeOptions::default())
                        .starting_from(WarmStart::of(&self.results));
                    // The policy unknowns are drawn from the file the scenario on screen was built from.
                    match self.state.scenario_file(&self.economy) {
                        Ok(file) => job.with_policy_unknowns(&file),
                        Err(_) => job,
                    }
                });
            if !job.advance(SLICE_WORK) {
                return Ok(false);
            }
            if let Some(job) = self.ranges_job.take() {
                match job.finish() {
                    Ok(ranges) => self.ranges = Some(ranges),
                    Err(e) => {
                        let message = e.to_string();
                        self.ranges_error = Some(message.clone());
                        return Err(JsError::new(&message));
                    }
                }
            }
        }
        // Every scenario is also solved at the other horizon (issue 21: both horizons for every preset, and the
        // summary's headline rule needs both).
        if self.other_horizon.is_none() {
            if self.horizon_job.is_none() {
                match crate::view::method::other_horizon(&self.baseline, &self.economy) {
                    Some(other) => self.horizon_job = Some(Solve::new(other, self.scenario.clone()).job()),
                    None => return Ok(true),
                }
            }
            if let Some(job) = self.horizon_job.as_mut() {
                if !job.advance_bounded(usize::MAX, SLICE_WORK) {
                    return Ok(false);
                }
            }
            if let Some(job) = self.horizon_job.take() {
                let (other, _, results) = job.finish();
                self.other_horizon = Some((other, results?));
            }
        }
        Ok(true)
    }

    /// How far the ranges have come: `[draws done, draws]` (`[0, 0]` when none are being computed).
    pub fn ranges_progress(&self) -> Vec<u32> {
        self.ranges_job.as_ref().map_or(vec![0, 0], |job| {
            let (done, total) = job.progress();
            vec![done as u32, total as u32]
        })
    }

    /// Whether the current result has its ranges.
    pub fn has_ranges(&self) -> bool {
        self.ranges.is_some()
    }

    /// The sentence explaining the ranges (empty before they are computed).
    pub fn ranges_note(&self) -> String {
        if let Some(message) = &self.ranges_error {
            return self.text.fill("ui.ranges_failed", &[("message", message)]);
        }
        if !self.ranges_available() {
            return self.text.fill(
                "ui.ranges_skipped",
                &[
                    ("limit", &self.text.number(RANGES_MAX_CELLS as f64, 0)),
                    ("cells", &self.text.number((self.economy.n_countries() * self.economy.n_sectors()) as f64, 0)),
                ],
            );
        }
        // While the ranges are computed the note already describes them (the planned draws), so that the text
        // keeps its place and nothing below it moves when they arrive.
        let planned = RangeOptions::default();
        let (draws, sigma_common, sigma) =
            self.ranges.as_ref().map_or((planned.draws, planned.sigma_common, planned.sigma), |r| {
                (r.draws_solved, r.sigma_common, r.sigma)
            });
        let note = self.text.fill(
            "ui.ranges_note",
            &[
                ("draws", &self.text.number(draws as f64, 0)),
                ("sigma_common", &self.text.number(sigma_common, 2)),
                ("sigma", &self.text.number(sigma, 2)),
                ("cost_high", &self.text.percent_plain(100.0 * crate::model::uncertainty::COMPLIANCE_COST_RANGE.1, 0)),
                ("claim_sigma", &self.text.number(crate::model::uncertainty::CLAIM_SHARE_SIGMA, 2)),
            ],
        );
        // Once the ranges are in: a real-income direction the 90% range cannot tell is said to be uncertain, here
        // below the charts rather than in the summary above them, which would then grow and move the charts.
        match self.ranges.as_ref().and_then(|r| {
            crate::view::summary::uncertain_direction_sentence(&self.economy, &self.results, r, &self.text)
        }) {
            Some(caution) => format!("{note} {caution}"),
            None => note,
        }
    }

    /// Welfare under each elasticity set for the current scenario: `{caption, headers, rows}`; the one-year and
    /// long-run rows put the two horizons side by side.
    pub fn compare_elasticities(&self) -> Result<JsValue, JsError> {
        to_js(&crate::view::method::compare_sets(&self.baseline, &self.scenario, &self.text)?)
    }

    /// Whether this module can load a reader's own files (`begin_economy`, `begin_scenario`, `advance`,
    /// `finish_pending`): the page starts with the module without them and loads `full/` when a reader picks a file.
    pub fn has_own_data() -> bool {
        cfg!(feature = "own-data")
    }

    /// Drop a pending solve.
    pub fn cancel_pending(&mut self) {
        #[cfg(feature = "own-data")]
        {
            self.pending = None;
        }
    }

    /// Whether the explorer runs on loaded data rather than the built-in baseline and presets.
    pub fn is_custom(&self) -> bool {
        *self.state.base() == Base::Custom
    }

    /// A line describing the loaded economy, for the page.
    pub fn loaded_note(&self) -> String {
        if !self.is_custom() {
            return String::new();
        }
        if self.custom_name.is_none() {
            let name = self.scenario_file_name.clone().unwrap_or_else(|| self.state.base_file().name.clone());
            return self.text.fill("ui.loaded_scenario", &[("name", &name)]);
        }
        let loaded = self.text.fill(
            "ui.loaded",
            &[
                ("name", &self.custom_name.clone().unwrap_or_default()),
                ("countries", &self.text.number(self.economy.n_countries() as f64, 0)),
                ("sectors", &self.text.number(self.economy.n_sectors() as f64, 0)),
            ],
        );
        match &self.rebase_note {
            Some(note) => format!("{loaded} {note}"),
            None => loaded,
        }
    }

    /// Back to the built-in 2024 baseline and the lead preset.
    pub fn reset_to_builtin(&mut self) -> Result<(), JsError> {
        let builtin = presets::north_america_2024()?;
        let state = ScenarioState::lead_preset(&builtin)?;
        let (scenario, results) = state.solve(&builtin)?;
        self.baseline = builtin.clone();
        self.economy = builtin;
        self.elasticities = "default".into();
        self.state = state;
        self.set_result(scenario, results);
        self.custom_name = None;
        self.scenario_file_name = None;
        Ok(())
    }

    /// The plain-language summary of the current result, saying only what the charts on screen show (`charts`:
    /// their ids; empty: every chart). The page passes the charts it draws, so that an embed whose address names
    /// none (the default embed, [`crate::app::url_state::EMBED_CHARTS`]) says what its pre-rendered page said.
    pub fn summary(&self, charts: Vec<String>) -> String {
        let other = self.other_horizon.as_ref().map(|(_, results)| results);
        let shown: Vec<ChartId> = charts.iter().filter_map(|c| ChartId::parse(c).ok()).collect();
        let shown = if shown.is_empty() { ChartId::ALL.to_vec() } else { shown };
        let sentence =
            crate::view::summary::summary_for_charts(&self.economy, &self.results, other, &shown, &self.text);
        // A timeline step leads with what changes on its date; the rest describes everything in force then.
        let sentence = match crate::view::summary::step_sentence(&self.step_date(), &self.text) {
            Some(step) if matches!(self.state.base(), Base::Step(_)) => format!("{step} {sentence}"),
            _ => sentence,
        };
        // Both horizons are in the headline itself, side by side (`summary_for_charts`).
        sentence
    }

    /// One line for the phone's live result bar (issue 22): real GDP at both horizons; empty while only one is
    /// solved (a draft during a drag: the page keeps the last line until the exact result).
    pub fn live_line(&self) -> String {
        self.other_horizon.as_ref().map_or_else(String::new, |(economy, results)| {
            crate::view::method::two_horizons_sentence((&self.economy, &self.results), (economy, results), &self.text)
        })
    }

    /// The method panel's notes on assumptions and limits, with the figures of the economy in use.
    pub fn method_notes(&self) -> Vec<String> {
        crate::view::method::method_notes(&self.baseline, &self.text)
    }

    /// The title of the current scenario, in the reader's language.
    pub fn scenario_name(&self) -> String {
        let name = match self.state.base() {
            Base::Preset(id) => self
                .text
                .try_get(&format!("preset.{id}.name"))
                .map_or(self.state.base_file().name.clone(), str::to_string),
            Base::Step(_) => self.text.fill("ui.timeline.scenario", &[("date", &self.step_date())]),
            Base::Custom => self.text.fill("ui.custom_scenario", &[("name", &self.state.base_file().name)]),
        };
        if self.state.controls().any_moved() {
            self.text.fill("ui.adjusted", &[("name", &name)])
        } else {
            name
        }
    }

    /// A concise description of a chart for this scenario.
    pub fn description(&self, chart: &str) -> Result<String, JsError> {
        Ok(ChartId::parse(chart)?.describe(&self.input()))
    }

    /// The data behind a chart: `{caption, headers, rows}`.
    pub fn table(&self, chart: &str) -> Result<JsValue, JsError> {
        to_js(&ChartId::parse(chart)?.table(&self.input()))
    }

    /// The view's results as one tidy CSV table (`view::results_csv`): `link` is the address that reproduces the
    /// view, written into the file with every control's value.
    pub fn csv(&self, link: Option<String>) -> String {
        let link = link.unwrap_or_default();
        let elasticities = self.text.try_get(&format!("elasticity.{}.label", self.elasticities())).unwrap_or("default");
        let controls: Vec<(&str, f64)> = self.state.controls().all().collect();
        let other =
            self.other_horizon.as_ref().map(|(economy, results)| (economy.horizon().unwrap_or("not_stated"), results));
        let scenario = self.scenario_name();
        let context = crate::view::results_csv::CsvContext {
            scenario: &scenario,
            elasticities,
            link: &crate::util::quote::cut(&link, 8_000),
            controls: &controls,
            other,
        };
        results_csv(&self.input(), &context)
    }

    /// "Cite this": version, scenario, elasticities, link and access date.
    pub fn cite(&self, link: &str, date: &str) -> String {
        let elasticities =
            self.text.try_get(&format!("elasticity.{}.label", self.elasticities())).unwrap_or("default").to_string();
        self.text.fill(
            "ui.cite_text",
            &[
                ("version", env!("CARGO_PKG_VERSION")),
                ("scenario", &self.scenario_name()),
                ("elasticities", &elasticities),
                ("link", link),
                ("date", date),
            ],
        )
    }

    /// The version of the explorer.
    pub fn version(&self) -> String {
        env!("CARGO_PKG_VERSION").into()
    }

    /// The sources of the current scenario, each once, in the reader's language (the texts of
    /// [`Explorer::scenario_source_links`]).
    pub fn scenario_sources(&self) -> Vec<String> {
        reader_source_lines(&self.state.base_file().sources, &self.text).into_iter().map(|l| l.text).collect()
    }

    /// The sources of the current scenario with their public addresses: `[{text, url}]`, `url` a string or `null`.
    pub fn scenario_source_links(&self) -> Result<JsValue, JsError> {
        to_js(&reader_source_lines(&self.state.base_file().sources, &self.text))
    }

    /// The sources of the baseline data, each once, in the reader's language (the texts of
    /// [`Explorer::data_source_links`]).
    pub fn data_sources(&self) -> Vec<String> {
        reader_source_lines(&self.baseline.file().sources, &self.text).into_iter().map(|l| l.text).collect()
    }

    /// The sources of the baseline data with their public addresses: `[{text, url}]`, `url` a string or `null`.
    pub fn data_source_links(&self) -> Result<JsValue, JsError> {
        to_js(&reader_source_lines(&self.baseline.file().sources, &self.text))
    }

    /// The baseline's headline figures: `[{label, value, source}]`.
    pub fn headlines(&self) -> Result<JsValue, JsError> {
        to_js(&headlines(&self.baseline, &self.text))
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
            palette: if self.dark { Palette::DARK } else { Palette::LIGHT },
            transparent,
            hover_text: true,
            interactive: true,
        };
        Ok((backend.into_drawing_area(), style))
    }

    /// Replace the solved scenario; ranges belong to the result they were computed for, so they go with it.
    /// The state with control `id` at `value`, or the reader's message for a value that is not a number or out
    /// of range.
    fn checked_control(&self, id: &str, value: f64) -> Result<ScenarioState, JsError> {
        let spec = crate::app::controls::control(id)?;
        let label = self.text.get(&format!("control.{id}.label"));
        if !value.is_finite() {
            return Err(JsError::new(&self.text.fill("error.control_number", &[("label", label)])));
        }
        if value < spec.min || value > spec.max {
            return Err(JsError::new(&self.text.fill(
                "error.control_range",
                &[
                    ("label", label),
                    ("value", &self.text.percent_plain(value, 1)),
                    ("min", &self.text.number(spec.min, 0)),
                    ("max", &self.text.percent_plain(spec.max, 0)),
                ],
            )));
        }
        Ok(self.state.with_control_in(id, value, &self.economy)?)
    }

    /// A new exact result, and the same scenario at the other horizon beside it, solved at once for the built-in
    /// economy and economies as small (a few milliseconds): the summary then has both horizons from its first
    /// paint and does not grow under the charts afterwards (larger economies get it in the background).
    fn set_result(&mut self, scenario: Scenario, results: Results) {
        self.set_result_only(scenario, results);
        let cells = self.economy.n_countries() * self.economy.n_sectors();
        if cells <= crate::model::uncertainty::RANGES_MAX_CELLS {
            if let Some(other) = crate::view::method::other_horizon(&self.baseline, &self.economy) {
                if let Ok(results) = crate::model::solver::solve(&other, &self.scenario) {
                    self.other_horizon = Some((other, results));
                }
            }
        }
    }

    /// A new result alone (a draft while a slider is dragged: the other horizon waits for the exact result).
    fn set_result_only(&mut self, scenario: Scenario, results: Results) {
        self.draft = false;
        self.drag_trail = None;
        self.scenario = scenario;
        self.results = results;
        self.ranges = None;
        self.ranges_job = None;
        self.ranges_error = None;
        self.horizon_job = None;
        self.other_horizon = None;
    }

    fn export_footer(&self, date: &str) -> ExportFooter {
        let date = if url_state::is_date(date) { date } else { "" };
        ExportFooter {
            scenario: self.text.fill("export.scenario", &[("scenario", &self.scenario_name()), ("date", date)]),
            source: self.text.fill("export.source", &[("version", env!("CARGO_PKG_VERSION"))]),
            credit: self.text.get("export.credit").to_string(),
        }
    }

    fn input(&self) -> ChartInput<'_> {
        ChartInput {
            economy: &self.economy,
            results: &self.results,
            text: &self.text,
            ranges: self.ranges.as_ref(),
            story: self.story_input(),
        }
    }
}
