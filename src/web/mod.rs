//! The browser module: the only code that knows the DOM, `JsValue` and serde-wasm-bindgen. It holds the model
//! state behind a small, coarse API ([`Explorer`]) and draws the charts onto canvases through plotters-canvas.
//!
//! Every method that changes state is atomic: it validates, solves, and only then replaces the state, so a bad
//! value or a failed solve leaves the last good result (and the charts drawn from it) in place. Errors reach
//! JavaScript as `Error` objects whose message names the problem.

use std::collections::BTreeMap;

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::charts::{draw_chart, ChartInput, HitMap, Palette, Style, CHART_IDS};
use crate::controls::{ControlValues, CONTROLS};
use crate::economy::Economy;
use crate::presets;
use crate::results::Results;
use crate::scenario::{Scenario, ScenarioFile};
use crate::solver::solve;
use crate::summary::{headlines, summary_sentence};

/// Install a panic hook that reports a panic on the page (in the element with id `panic-message`, if any) and in
/// the console. A panic is a bug: the page says so instead of failing silently.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("Internal error (a bug, please report it): {info}");
        web_sys::console::error_1(&JsValue::from_str(&message));
        if let Some(element) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("panic-message"))
        {
            element.set_text_content(Some(&message));
            let _ = element.remove_attribute("hidden");
        }
    }));
}

#[derive(Serialize)]
struct PresetInfo {
    id: String,
    name: String,
    description: String,
    date: String,
    sources: Vec<String>,
}

#[derive(Serialize)]
struct ControlInfo {
    id: &'static str,
    label: &'static str,
    min: f64,
    max: f64,
    step: f64,
    unit: &'static str,
    value: f64,
    rule: &'static str,
}

#[derive(Serialize)]
struct ElasticityInfo {
    id: String,
    label: String,
    source: String,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// The explorer: baseline, chosen preset, controls, elasticities, and the last good result.
#[wasm_bindgen]
pub struct Explorer {
    baseline: Economy,
    economy: Economy,
    elasticities: String,
    preset_id: String,
    preset: ScenarioFile,
    controls: ControlValues,
    results: Results,
    hits: BTreeMap<String, HitMap>,
    dark: bool,
    transparent: bool,
}

#[wasm_bindgen]
impl Explorer {
    /// Load the built-in 2024 baseline and solve the first preset.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Explorer, JsError> {
        let baseline = presets::north_america_2024()?;
        let preset_id = presets::preset_ids().next().unwrap_or("baseline-2024").to_string();
        let preset = presets::preset(&preset_id)?;
        let controls = ControlValues::for_preset(&preset)?;
        let results = solve_state(&baseline, &preset, &controls)?;
        Ok(Explorer {
            economy: baseline.clone(),
            baseline,
            elasticities: "default".into(),
            preset_id,
            preset,
            controls,
            results,
            hits: BTreeMap::new(),
            dark: false,
            transparent: false,
        })
    }

    /// The presets: `[{id, name, description, date, sources}]`.
    pub fn presets(&self) -> Result<JsValue, JsError> {
        let mut list = Vec::new();
        for id in presets::preset_ids() {
            let file = presets::preset(id)?;
            list.push(PresetInfo { id: id.into(), name: file.name, description: file.description, date: file.date, sources: file.sources });
        }
        to_js(&list)
    }

    /// The controls with their current values: `[{id, label, min, max, step, unit, value, rule}]`.
    pub fn controls(&self) -> Result<JsValue, JsError> {
        let list: Vec<ControlInfo> = CONTROLS
            .iter()
            .map(|c| ControlInfo {
                id: c.id,
                label: c.label,
                min: c.min,
                max: c.max,
                step: c.step,
                unit: c.unit,
                value: self.controls.get(c.id).unwrap_or(c.baseline),
                rule: c.rule,
            })
            .collect();
        to_js(&list)
    }

    /// The elasticity sets a reader can pick: `[{id, label, source}]` (the first is the default).
    pub fn elasticity_sets(&self) -> Result<JsValue, JsError> {
        let list: Vec<ElasticityInfo> = self
            .baseline
            .file()
            .theta_sets
            .iter()
            .map(|s| ElasticityInfo { id: s.id.clone(), label: s.label.clone(), source: s.source.clone() })
            .collect();
        to_js(&list)
    }

    /// The id of the current preset.
    pub fn preset_id(&self) -> String {
        self.preset_id.clone()
    }

    /// The id of the current elasticity set (`default` for the file's own).
    pub fn elasticities(&self) -> String {
        self.elasticities.clone()
    }

    /// Pick a preset: the controls move to the preset's values and the scenario is solved.
    pub fn set_preset(&mut self, id: &str) -> Result<(), JsError> {
        let preset = presets::preset(id)?;
        let controls = ControlValues::for_preset(&preset)?;
        let results = solve_state(&self.economy, &preset, &controls)?;
        self.preset_id = id.into();
        self.preset = preset;
        self.controls = controls;
        self.results = results;
        Ok(())
    }

    /// Move one control (percent) and solve. A value out of range or not a number is refused with a message and
    /// changes nothing.
    pub fn set_control(&mut self, id: &str, value: f64) -> Result<(), JsError> {
        let mut controls = self.controls.clone();
        controls.set(id, value)?;
        let results = solve_state(&self.economy, &self.preset, &controls)?;
        self.controls = controls;
        self.results = results;
        Ok(())
    }

    /// Pick an elasticity set by id and solve.
    pub fn set_elasticities(&mut self, id: &str) -> Result<(), JsError> {
        let economy = self.baseline.with_theta_set(id)?;
        let results = solve_state(&economy, &self.preset, &self.controls)?;
        self.economy = economy;
        self.elasticities = id.into();
        self.results = results;
        Ok(())
    }

    /// Back to the current preset's own values.
    pub fn reset(&mut self) -> Result<(), JsError> {
        let id = self.preset_id.clone();
        self.set_preset(&id)
    }

    /// Whether any control differs from the preset.
    pub fn adjusted(&self) -> bool {
        self.controls.any_moved()
    }

    /// Choose the chart theme.
    pub fn set_theme(&mut self, dark: bool, transparent: bool) {
        self.dark = dark;
        self.transparent = transparent;
    }

    /// Draw a chart (`flows`, `welfare`, `trade`, `supply`, `revenue`) onto a canvas whose backing store is already
    /// sized in device pixels; `scale` is the device pixel ratio.
    pub fn draw(&mut self, chart: &str, canvas: HtmlCanvasElement, scale: f64) -> Result<(), JsError> {
        if !CHART_IDS.contains(&chart) {
            return Err(JsError::new(&format!("unknown chart '{chart}'; known: {}", CHART_IDS.join(", "))));
        }
        let backend = CanvasBackend::with_canvas_object(canvas).ok_or_else(|| JsError::new("the canvas has no 2D context"))?;
        let area = backend.into_drawing_area();
        let style = Style {
            scale: if scale.is_finite() && scale > 0.0 { scale.clamp(0.5, 4.0) } else { 1.0 },
            palette: if self.dark { Palette::DARK } else { Palette::LIGHT },
            transparent: self.transparent,
        };
        let hits = draw_chart(chart, &area, ChartInput { economy: &self.economy, results: &self.results }, &style)?;
        area.present().map_err(|e| JsError::new(&e.to_string()))?;
        self.hits.insert(chart.into(), hits);
        Ok(())
    }

    /// The exact value under a point of a drawn chart (device pixels), if any.
    pub fn hit(&self, chart: &str, x: f64, y: f64) -> Option<String> {
        self.hits.get(chart).and_then(|h| h.text_at(x, y)).map(str::to_string)
    }

    /// The plain-language summary of the current result.
    pub fn summary(&self) -> String {
        summary_sentence(&self.economy, &self.results)
    }

    /// The title of the current scenario.
    pub fn scenario_name(&self) -> String {
        if self.controls.any_moved() {
            format!("{} (adjusted)", self.preset.name)
        } else {
            self.preset.name.clone()
        }
    }

    /// The baseline's headline figures: `[{label, value, source}]`.
    pub fn headlines(&self) -> Result<JsValue, JsError> {
        to_js(&headlines(&self.baseline))
    }

    /// The full results of the current scenario (the keys of model.md's table plus `derived` and `solver`).
    pub fn results(&self) -> Result<JsValue, JsError> {
        to_js(&self.results)
    }
}

/// Build and solve the scenario for a preset and control values.
fn solve_state(economy: &Economy, preset: &ScenarioFile, controls: &ControlValues) -> Result<Results, crate::ModelError> {
    let file = controls.apply(preset, economy)?;
    let scenario = Scenario::build(&file, economy)?;
    solve(economy, &scenario)
}
