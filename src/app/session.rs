//! The explorer's session (issue 26, item 1): the state a page drives and every transition on it, in plain Rust —
//! the baseline and the economy in use, the scenario state (preset, timeline step or the reader's own, with the
//! controls over it), the last good result and its ranges, the other horizon, the language, theme and charts a
//! link carries, a slider's drag drafts, and the texts composed from them (summary, notes, tables, CSV). The
//! browser module (`src/web/`) wraps it and converts to JavaScript; it holds no app logic of its own.
//!
//! Every transition that changes the scenario is atomic: it validates, solves, and only then replaces the state, so
//! a bad value or a failed solve leaves the last good result in place. Errors are [`SessionError`]s whose message
//! names the problem in the reader's language where it can.

use std::fmt;

use serde::Serialize;

use crate::app::cells::{CellRates, OwnScenario};
use crate::app::controls::CONTROLS;
use crate::app::scenario_state::{Base, ScenarioState};
use crate::app::story::story_input;
use crate::app::url_state::{self, ControlsShown, Theme, UrlState};
use crate::data::presets;
use crate::data::timeline;
use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::results::Results;
use crate::model::scenario::Scenario;
use crate::model::solver::WarmStart;
use crate::model::solver::{Solve, SolveJob as HorizonJob};
use crate::model::uncertainty::{RangeOptions, Ranges, RangesJob, RANGES_MAX_CELLS};
use crate::view::charts::{ChartError, ChartId, ChartInput, ExportFooter, HitMap};
use crate::view::i18n::{Lang, Text};
use crate::view::results_csv::results_csv;
use crate::view::sources::{reader_source_lines, reader_source_text, SourceLine};
use crate::view::summary::{headlines, Headline};
use crate::view::table::Table;

/// The work of one call that runs a slice of a solve or of the ranges, in cells (`solver::work_per_pass`): a few
/// milliseconds natively, well within a frame in the browser, whatever the economy.
pub const SLICE_WORK: u64 = 4_000_000;

/// Why a transition was refused: a message for the reader, in their language where it can be.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionError(pub String);

impl SessionError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> SessionError {
        SessionError(message.into())
    }
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SessionError {}

impl From<ModelError> for SessionError {
    fn from(e: ModelError) -> SessionError {
        SessionError(e.to_string())
    }
}

impl From<ChartError> for SessionError {
    fn from(e: ChartError) -> SessionError {
        SessionError(e.to_string())
    }
}

/// A preset as the picker lists it, in the reader's language.
#[derive(Debug, Serialize)]
pub struct PresetInfo {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// The date it describes.
    pub date: String,
}

/// A control with its current value, in the reader's language.
#[derive(Debug, Serialize)]
pub struct ControlInfo {
    /// Its id.
    pub id: &'static str,
    /// Its label.
    pub label: String,
    /// What it sets.
    pub rule: String,
    /// Its smallest value.
    pub min: f64,
    /// Its largest value.
    pub max: f64,
    /// Its step.
    pub step: f64,
    /// Its unit.
    pub unit: &'static str,
    /// Its value now.
    pub value: f64,
}

/// A control's id and value.
#[derive(Debug, Serialize)]
pub struct ControlValue {
    /// Its id.
    pub id: &'static str,
    /// Its value now.
    pub value: f64,
}

/// An elasticity set as the menu lists it.
#[derive(Debug, Serialize)]
pub struct Choice {
    /// Its id.
    pub id: String,
    /// Its label, in the reader's language.
    pub label: String,
    /// Where it comes from.
    pub source: String,
}

/// An enacted timeline event, in the reader's language.
#[derive(Debug, Serialize)]
pub struct EventInfo {
    /// Its id.
    pub id: String,
    /// Its date, `YYYY-MM-DD`.
    pub date: String,
    /// Its title.
    pub title: String,
    /// Its source.
    pub source: String,
}

/// A notice about a part of a link that could not be used, in the reader's language.
#[derive(Debug, Serialize)]
pub struct Notice {
    /// What was wrong and what was used instead.
    pub message: String,
}

/// The explorer's state: baseline, scenario, controls, elasticities, language and the last good result.
pub struct Session {
    pub(super) baseline: Economy,
    pub(super) economy: Economy,
    pub(super) elasticities: String,
    /// The base scenario and the control values over it.
    pub(super) state: ScenarioState,
    pub(super) scenario: Scenario,
    pub(super) results: Results,
    pub(super) ranges: Option<Ranges>,
    /// The ranges being computed, slice by slice ([`Session::compute_ranges`]).
    pub(super) ranges_job: Option<RangesJob>,
    /// Why the current result has no ranges, when their computation failed.
    pub(super) ranges_error: Option<String>,
    /// The other horizon being solved, slice by slice.
    pub(super) horizon_job: Option<HorizonJob>,
    /// The current scenario solved at the other horizon.
    pub(super) other_horizon: Option<(Economy, Results)>,
    /// Hover regions of each chart as last drawn: `(chart id, regions)`.
    pub(super) hits: Vec<(String, HitMap)>,
    pub(super) text: Text,
    pub(super) lang_from_url: bool,
    pub(super) theme: Theme,
    pub(super) charts: Vec<String>,
    pub(super) show_controls: Option<ControlsShown>,
    pub(super) dark: bool,
    pub(super) custom_name: Option<String>,
    /// The file name of the reader's scenario (loaded, or named by a link's `name=`), on the built-in economy.
    pub(super) scenario_file_name: Option<String>,
    /// Whether the result on screen is a draft from a drag (see `drag_control`), to be replaced by the exact one.
    pub(super) draft: bool,
    /// What the rebase of the reader's economy changed, in the reader's language.
    pub(super) rebase_note: Option<String>,
    /// The last two positions of a slider's drag, when the result on screen is its draft (see `drag_control`).
    pub(super) drag_trail: Option<DragTrail>,
    /// A reader's file being loaded in slices (`app::loading`).
    #[cfg(feature = "own-data")]
    pub(super) pending: Option<crate::app::loading::Pending>,
    /// The ranges of B − A against another session's scenario (`app::workbench`), being computed or done.
    #[cfg(feature = "own-data")]
    pub(super) difference: Option<crate::app::workbench::Difference>,
}

/// A drag's last two positions: the control, its value and equilibrium before the last move, and its value now.
pub(super) struct DragTrail {
    id: String,
    earlier_value: f64,
    earlier: WarmStart,
    value: f64,
}

impl Session {
    /// Load the built-in 2024 baseline and solve the lead preset at both horizons; `language` is a browser language
    /// tag (`fr-CA`), English if not supported.
    pub fn new(language: &str) -> Result<Session, SessionError> {
        let baseline = presets::north_america_2024()?;
        let state = ScenarioState::lead_preset(&baseline)?;
        let (scenario, results) = state.solve(&baseline)?;
        let mut session = Session {
            scenario: scenario.clone(),
            ranges: None,
            ranges_job: None,
            ranges_error: None,
            horizon_job: None,
            other_horizon: None,
            economy: baseline.clone(),
            baseline,
            elasticities: "default".into(),
            state,
            results: results.clone(),
            hits: Vec::new(),
            text: Text::new(Lang::from_tag(language).unwrap_or(Lang::En)),
            lang_from_url: false,
            theme: Theme::Auto,
            charts: Vec::new(),
            show_controls: None,
            dark: false,
            custom_name: None,
            scenario_file_name: None,
            draft: false,
            rebase_note: None,
            drag_trail: None,
            #[cfg(feature = "own-data")]
            pending: None,
            #[cfg(feature = "own-data")]
            difference: None,
        };
        // Both horizons from the first paint, as after every other transition (`set_result`).
        session.set_result(scenario, results);
        Ok(session)
    }

    /// The text in the reader's language.
    pub fn text(&self) -> &Text {
        &self.text
    }

    /// Whether charts are drawn in dark colours.
    pub fn dark(&self) -> bool {
        self.dark
    }

    /// Keep a drawn chart's hover regions (for [`Session::hit`]).
    pub fn remember_hits(&mut self, chart: &str, hits: HitMap) {
        self.hits.retain(|(id, _)| id != chart);
        self.hits.push((chart.into(), hits));
    }

    /// The link form of a reader's own scenario on the built-in economy (`None` for presets, timeline steps and
    /// a reader's economy, which no link carries).
    fn own_in_link(&self) -> Option<String> {
        if *self.state.base() != Base::Custom || self.custom_name.is_some() {
            return None;
        }
        let scenario = Scenario::build(self.state.base_file(), &self.economy).ok()?;
        let claim = self.state.controls().base_value("usmca_claim").unwrap_or(0.0);
        Some(OwnScenario::of(&self.economy, &scenario, claim).encode(&self.economy))
    }

    /// Whether the page holds a reader's economy, which no link can carry (the page then warns before leaving).
    pub fn own_economy(&self) -> bool {
        self.custom_name.is_some()
    }

    /// A warning for a link too long to share safely (empty: none), in the reader's language.
    pub fn link_warning(&self, link: &str) -> String {
        let length = link.chars().count();
        if length <= crate::app::cells::MAX_SHARED_LINK {
            return String::new();
        }
        self.text.fill(
            "ui.link_too_long",
            &[
                ("length", &self.text.number(length as f64, 0)),
                ("max", &self.text.number(crate::app::cells::MAX_SHARED_LINK as f64, 0)),
            ],
        )
    }

    /// Whether the story applies to what the explorer shows: the built-in data (not a reader's own file).
    pub fn story_applies(&self) -> bool {
        *self.state.base() != Base::Custom && crate::view::north_american_members(&self.economy).is_some()
    }

    /// What the link asked an embed to show of its controls (`none`, `picker`, `all`), if it said.
    pub fn controls_shown(&self) -> Option<String> {
        self.show_controls.map(|c| c.code().to_string())
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
    pub fn set_language(&mut self, tag: &str) -> Result<(), SessionError> {
        let lang = Lang::from_tag(tag)
            .ok_or_else(|| SessionError::new(format!("unsupported language '{tag}'; use en, fr or es")))?;
        self.text = Text::new(lang);
        self.lang_from_url = true;
        Ok(())
    }

    /// The presets: `[{id, name, description, date}]`, in the reader's language (a preset's sources:
    /// [`Session::scenario_source_links`] once it is chosen; finding them is slow enough to keep off the first charts).
    pub fn presets(&self) -> Result<Vec<PresetInfo>, SessionError> {
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
        Ok(list)
    }

    /// The controls with their current values: `[{id, label, rule, min, max, step, unit, value}]`.
    pub fn controls(&self) -> Vec<ControlInfo> {
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
        list
    }

    /// The current value of every control: `[{id, value}]` (cheaper than [`Session::controls`] while dragging).
    pub fn control_values(&self) -> Vec<ControlValue> {
        let list: Vec<ControlValue> =
            self.state.controls().all().map(|(id, value)| ControlValue { id, value }).collect();
        list
    }

    /// The elasticity sets: `[{id, label, source}]`.
    pub fn elasticity_sets(&self) -> Vec<Choice> {
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
        list
    }

    /// The timeline's enacted events: `[{id, date, title, source}]`, titles in the reader's language (the
    /// illustrative ones, such as the Canada–Mexico trade-cost cut, are left out).
    pub fn timeline(&self) -> Vec<EventInfo> {
        let list: Vec<EventInfo> = timeline::enacted_events()
            .map(|(_, e)| EventInfo {
                id: e.id.clone(),
                date: e.date.clone(),
                title: self.text.try_get(&format!("timeline.{}", e.id)).map_or(e.title.clone(), str::to_string),
                source: reader_source_text(&e.source, &self.text),
            })
            .collect();
        list
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
    pub fn set_preset(&mut self, id: &str) -> Result<(), SessionError> {
        let state = ScenarioState::preset(id, &self.economy)?;
        let (scenario, results) = state.solve(&self.economy)?;
        self.state = state;
        self.set_result(scenario, results);
        Ok(())
    }

    /// Follow the timeline: every event in force on `date` (`YYYY-MM-DD`); the controls show the values in force.
    pub fn set_step(&mut self, date: &str) -> Result<(), SessionError> {
        if !url_state::is_date(date) {
            return Err(SessionError::new(self.text.fill("notice.url_bad_step", &[("name", "step"), ("value", date)])));
        }
        let state = ScenarioState::step(date, &self.economy)?;
        let (scenario, results) = state.solve(&self.economy)?;
        self.state = state;
        self.set_result(scenario, results);
        Ok(())
    }

    /// Move one control (percent) and solve. A value out of range or not a number is refused with a message in
    /// the reader's language and changes nothing.
    pub fn set_control(&mut self, id: &str, value: f64) -> Result<(), SessionError> {
        let state = self.checked_control(id, value)?;
        let (scenario, results) = state.solve(&self.economy)?;
        self.state = state;
        self.set_result(scenario, results);
        Ok(())
    }

    /// Move a control while the reader drags it: a draft solve from the last result (see
    /// `ScenarioState::solve_draft`), checked like [`Session::set_control`]; [`Session::settle`] replaces it with
    /// the exact solve when the reader lets go. On a loaded economy (or if the draft fails) it solves exactly.
    pub fn drag_control(&mut self, id: &str, value: f64) -> Result<(), SessionError> {
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
    pub fn settle(&mut self) -> Result<bool, SessionError> {
        if !self.draft {
            return Ok(false);
        }
        let (scenario, results) = self.state.solve(&self.economy)?;
        self.set_result(scenario, results);
        Ok(true)
    }

    /// Pick an elasticity set by id and solve.
    pub fn set_elasticities(&mut self, id: &str) -> Result<(), SessionError> {
        let economy = self.baseline.with_theta_set(id)?;
        let (scenario, results) = self.state.solve(&economy)?;
        self.economy = economy;
        self.elasticities = id.into();
        self.set_result(scenario, results);
        Ok(())
    }

    /// Back to the current preset's (or timeline step's) own values.
    pub fn reset(&mut self) -> Result<(), SessionError> {
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
    pub fn apply_url(&mut self, query: &str) -> Result<Vec<Notice>, SessionError> {
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
        let mut messages: Vec<Notice> = notices
            .iter()
            .map(|n| Notice { message: self.text.fill(&n.key, &[("name", &n.name), ("value", &n.value)]) })
            .collect();
        let economy = match &state.elasticities {
            Some(id) => self.baseline.with_theta_set(id)?,
            None => self.baseline.clone(),
        };
        let mut bad_part = |name: &str, problem: String| {
            messages.push(Notice {
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
                Err(_) => messages.push(Notice {
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
        Ok(messages)
    }

    /// The current state as a query string (without `?`), for links and history. Rust owns every key of a link
    /// (issue 26): the page reads links and passes the reader's choices, it never writes a key.
    pub fn url_query(&self) -> String {
        url_state::serialize(&self.url_state())
    }

    /// The query of a link that opens this view in the full page (`embed`: from an embed, with every chart and
    /// control, so without the embed's `charts` and `controls`).
    pub fn share_query(&self, embed: bool) -> String {
        let mut state = self.url_state();
        if embed {
            state.charts = Vec::new();
            state.show_controls = None;
        }
        url_state::serialize(&state)
    }

    /// The query of an embed of the view on screen, for the embed builder (issue 22, item 4): the scenario's keys as
    /// in [`Session::url_query`], then the builder's choices. A live embed leaves out what the default embed
    /// already is (its charts, no controls, the automatic theme); a `frozen` one spells out every choice, so that a
    /// later change of a default cannot change a published embed. Against another scenario (`compare`: a preset
    /// id, `step:DATE` or a link; empty for none) the scenario's keys give way to `compare=this,that`. Choices
    /// this explorer does not know are left out (the embed then shows its defaults).
    pub fn embed_query(
        &self,
        charts: &[String],
        controls: &str,
        theme: &str,
        lang: &str,
        frozen: bool,
        compare: &str,
    ) -> String {
        let mut query = if compare.is_empty() { self.scenario_query() } else { String::new() };
        let charts = url_state::known_charts_once(charts.iter().map(String::as_str));
        let defaults: Vec<String> = url_state::EMBED_CHARTS.iter().map(|c| c.as_str().to_string()).collect();
        let controls = ControlsShown::ALL.into_iter().find(|c| c.code() == controls);
        let theme = Theme::ALL.into_iter().find(|t| t.code() == theme);
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !charts.is_empty() && (frozen || charts != defaults) {
            pairs.push(("charts", charts.join(",")));
        }
        if let Some(c) = controls.filter(|c| frozen || *c != ControlsShown::None) {
            pairs.push(("controls", c.code().to_string()));
        }
        if let Some(t) = theme.filter(|t| frozen || *t != Theme::Auto) {
            pairs.push(("theme", t.code().to_string()));
        }
        if let Some(l) = Lang::from_tag(lang) {
            pairs.push(("lang", l.code().to_string()));
        }
        if !compare.is_empty() {
            pairs.push(("compare", format!("{},{compare}", self.compare_side())));
        }
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let view = url_state::serialize_pairs(&pairs);
        if !view.is_empty() {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(&view);
        }
        url_state::readable(&query)
    }

    /// This scenario as one side of a comparison (`compare=A,B`): its preset id, `step:DATE`, or (a reader's
    /// scenario, or a preset with moved controls or table cells) its whole link without the view's keys; empty for
    /// a reader's economy, which no link carries.
    pub fn compare_side(&self) -> String {
        if self.own_economy() {
            return String::new();
        }
        let query = self.scenario_query();
        let only = |key: &str| query.split('&').count() == 1 && query.starts_with(&format!("{key}="));
        if only("preset") {
            self.preset_id()
        } else if only("step") {
            format!("step:{}", self.step_date())
        } else {
            query
        }
    }

    /// The link's scenario keys alone, without the view's (language, theme, charts, controls shown).
    fn scenario_query(&self) -> String {
        let mut state = self.url_state();
        (state.lang, state.theme, state.charts, state.show_controls) = (None, Theme::Auto, Vec::new(), None);
        url_state::serialize(&state)
    }

    /// The state of a link for the view on screen.
    fn url_state(&self) -> UrlState {
        UrlState {
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
        }
    }

    /// The source line under a chart, as on a downloaded PNG (model, data year, horizon), in the reader's language.
    pub fn source_line(&self) -> String {
        self.export_footer("").source
    }

    /// The height (CSS pixels) of the footer an exported chart `width` CSS pixels wide carries (see
    /// [`Session::draw_export`]); `date` is the day of the export, `YYYY-MM-DD`.
    pub fn export_footer_height(&self, width: f64, date: &str) -> f64 {
        self.export_footer(date).height_css(width)
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
    pub fn compute_ranges(&mut self) -> Result<bool, SessionError> {
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
                        return Err(SessionError::new(&message));
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
    pub fn compare_elasticities(&self) -> Result<Table, SessionError> {
        Ok(crate::view::method::compare_sets(&self.baseline, &self.scenario, &self.text)?)
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
    pub fn reset_to_builtin(&mut self) -> Result<(), SessionError> {
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
    pub fn description(&self, chart: &str) -> Result<String, SessionError> {
        Ok(ChartId::parse(chart)?.describe(&self.input()))
    }

    /// The data behind a chart: `{caption, headers, rows}`.
    pub fn table(&self, chart: &str) -> Result<Table, SessionError> {
        Ok(ChartId::parse(chart)?.table(&self.input()))
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

    /// The sources of the current scenario, each once, in the reader's language (the texts of
    /// [`Session::scenario_source_links`]).
    pub fn scenario_sources(&self) -> Vec<String> {
        reader_source_lines(&self.state.base_file().sources, &self.text).into_iter().map(|l| l.text).collect()
    }

    /// The sources of the current scenario with their public addresses: `[{text, url}]`, `url` a string or `null`.
    pub fn scenario_source_links(&self) -> Vec<SourceLine> {
        reader_source_lines(&self.state.base_file().sources, &self.text)
    }

    /// The sources of the baseline data, each once, in the reader's language (the texts of
    /// [`Session::data_source_links`]).
    pub fn data_sources(&self) -> Vec<String> {
        reader_source_lines(&self.baseline.file().sources, &self.text).into_iter().map(|l| l.text).collect()
    }

    /// The sources of the baseline data with their public addresses: `[{text, url}]`, `url` a string or `null`.
    pub fn data_source_links(&self) -> Vec<SourceLine> {
        reader_source_lines(&self.baseline.file().sources, &self.text)
    }

    /// The baseline's headline figures: `[{label, value, source}]`.
    pub fn headlines(&self) -> Vec<Headline> {
        headlines(&self.baseline, &self.text)
    }

    /// Replace the solved scenario; ranges belong to the result they were computed for, so they go with it.
    /// The state with control `id` at `value`, or the reader's message for a value that is not a number or out
    /// of range.
    fn checked_control(&self, id: &str, value: f64) -> Result<ScenarioState, SessionError> {
        let spec = crate::app::controls::control(id)?;
        let label = self.text.get(&format!("control.{id}.label"));
        if !value.is_finite() {
            return Err(SessionError::new(self.text.fill("error.control_number", &[("label", label)])));
        }
        if value < spec.min || value > spec.max {
            return Err(SessionError::new(self.text.fill(
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
    pub(super) fn set_result(&mut self, scenario: Scenario, results: Results) {
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

    pub(crate) fn export_footer(&self, date: &str) -> ExportFooter {
        let date = if url_state::is_date(date) { date } else { "" };
        ExportFooter {
            scenario: self.text.fill("export.scenario", &[("scenario", &self.scenario_name()), ("date", date)]),
            source: self.text.fill("export.source", &[("version", env!("CARGO_PKG_VERSION"))]),
            credit: self.text.get("export.credit").to_string(),
        }
    }

    pub(crate) fn input(&self) -> ChartInput<'_> {
        ChartInput {
            economy: &self.economy,
            results: &self.results,
            text: &self.text,
            ranges: self.ranges.as_ref(),
            story: story_input(self),
        }
    }
}
