//! The scenario the page shows, as plain Rust: where it starts from (a preset, a timeline step, a reader's file),
//! the control values over it, and what it solves. The browser module holds one [`ScenarioState`] and forwards
//! calls; every rule about controls lives in [`crate::app::controls`].

use crate::app::cells::{Cell, CellRates};
use crate::app::controls::{also_in_force, ControlValues, InForce, InForceChange};
use crate::data::presets;
use crate::data::timeline;
use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::results::Results;
use crate::model::scenario::{Scenario, ScenarioFile};
use crate::model::solver::{solve, Solve, SolverOptions, WarmStart};
use crate::view::i18n::Text;

/// The solver's tolerance for draft solves while a slider moves ([`ScenarioState::solve_draft`]): results within
/// about 1e-7 percentage points of the exact solve (1e-11), far below the two decimals any chart or text shows.
pub const DRAFT_TOLERANCE: f64 = 1e-8;

/// Where the scenario starts from.
#[derive(Debug, Clone, PartialEq)]
pub enum Base {
    /// A preset, by id.
    Preset(String),
    /// A step of the timeline: an index in [`timeline::events`].
    Step(usize),
    /// A scenario from a file, or the baseline of a loaded economy.
    Custom,
}

/// A base scenario and the control values over it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioState {
    base: Base,
    base_file: ScenarioFile,
    controls: ControlValues,
    /// Rates set in the tariff table, applied after the controls (the last edit wins: a control moved later
    /// takes its cells back, see [`ScenarioState::with_control_in`]).
    cells: CellRates,
}

impl ScenarioState {
    /// A preset, every control at the value the preset has in force.
    pub fn preset(id: &str, economy: &Economy) -> Result<Self, ModelError> {
        let file = presets::preset(id)?;
        Self::new(Base::Preset(id.into()), file, economy)
    }

    /// The lead preset ([`presets::LEAD_PRESET`]): what the page shows when its address names no scenario, and
    /// after a reader's own data is put away (issue 22: not the all-zero baseline, where nothing happens).
    pub fn lead_preset(economy: &Economy) -> Result<Self, ModelError> {
        Self::preset(presets::LEAD_PRESET, economy)
    }

    /// The timeline on `date` (`YYYY-MM-DD`; before the first event, the first step), every control at the value
    /// in force on that date.
    pub fn step(date: &str, economy: &Economy) -> Result<Self, ModelError> {
        let step = timeline::step_for_date(date).unwrap_or(0);
        Self::new(Base::Step(step), timeline::scenario_at(step)?, economy)
    }

    /// A reader's scenario file (or the baseline of a loaded economy).
    pub fn custom(file: ScenarioFile, economy: &Economy) -> Result<Self, ModelError> {
        Self::new(Base::Custom, file, economy)
    }

    /// A reader's scenario file whose scenario is already built (`scenario`, from `file` against `economy`): the
    /// controls in force are read from it, without expanding the file's measures a second time.
    pub fn custom_built(file: ScenarioFile, economy: &Economy, scenario: &Scenario) -> Self {
        let controls = ControlValues::for_built(&file, economy, scenario);
        ScenarioState { base: Base::Custom, base_file: file, controls, cells: CellRates::default() }
    }

    /// A reader's scenario file with the controls' values in force computed elsewhere (the page's worker, which
    /// built the scenario: see `ControlValues::in_force_values`), each checked against its range.
    pub fn custom_with_controls(file: ScenarioFile, in_force: &[f64]) -> Result<Self, ModelError> {
        Ok(ScenarioState {
            base: Base::Custom,
            base_file: file,
            controls: ControlValues::from_in_force(in_force)?,
            cells: CellRates::default(),
        })
    }

    fn new(base: Base, base_file: ScenarioFile, economy: &Economy) -> Result<Self, ModelError> {
        let controls = ControlValues::for_scenario(&base_file, economy)?;
        Ok(ScenarioState { base, base_file, controls, cells: CellRates::default() })
    }

    /// Where the scenario starts from.
    pub fn base(&self) -> &Base {
        &self.base
    }

    /// The base scenario file (without the reader's moves).
    pub fn base_file(&self) -> &ScenarioFile {
        &self.base_file
    }

    /// The control values.
    pub fn controls(&self) -> &ControlValues {
        &self.controls
    }

    /// The same state with one control moved (the state itself is unchanged, so a failed solve can keep it).
    pub fn with_control(&self, id: &str, value: f64) -> Result<Self, ModelError> {
        let mut next = self.clone();
        next.controls.set(id, value)?;
        Ok(next)
    }

    /// [`Self::with_control`], and the control takes back the tariff table's cells in its block (the last edit
    /// wins).
    pub fn with_control_in(&self, id: &str, value: f64, economy: &Economy) -> Result<Self, ModelError> {
        let mut next = self.with_control(id, value)?;
        next.cells.remove_control(crate::app::controls::control(id)?, economy);
        next.controls_follow_cells(economy)?;
        Ok(next)
    }

    /// The tariff table's cells.
    pub fn cells(&self) -> &CellRates {
        &self.cells
    }

    /// The same state with the tariff table's cells replaced (each `(cell, rate)`; a rate of `None` drops the
    /// cell). The controls not moved follow the rates now in force on their flows.
    pub fn with_cells(&self, edits: &[(Cell, Option<f64>)], economy: &Economy) -> Result<Self, ModelError> {
        let mut next = self.clone();
        for &(cell, rate) in edits {
            match rate {
                Some(rate) => next.cells.set(cell, rate)?,
                None => next.cells.remove(cell),
            }
        }
        next.controls_follow_cells(economy)?;
        Ok(next)
    }

    /// The controls' values in force read from the base with the table's cells; controls not moved show them.
    fn controls_follow_cells(&mut self, economy: &Economy) -> Result<(), ModelError> {
        let file = self.cells.apply(self.base_file.clone(), economy);
        let in_force = ControlValues::for_built(&file, economy, &Scenario::build(&file, economy)?);
        self.controls.rebase(&in_force);
        Ok(())
    }

    /// Every control back to the value the base scenario has in force, and the tariff table emptied.
    pub fn reset(&mut self) {
        self.cells = CellRates::default();
        self.controls.reset_to_base();
    }

    /// The scenario file to solve: the base with the moved controls, then the tariff table's cells.
    pub fn scenario_file(&self, economy: &Economy) -> Result<ScenarioFile, ModelError> {
        Ok(self.cells.apply(self.controls.apply(&self.base_file, economy)?, economy))
    }

    /// Build and solve the scenario.
    pub fn solve(&self, economy: &Economy) -> Result<(Scenario, Results), ModelError> {
        let scenario = Scenario::build(&self.scenario_file(economy)?, economy)?;
        let results = solve(economy, &scenario)?;
        Ok((scenario, results))
    }

    /// A draft solve while a slider moves: from the previous position's equilibrium (`previous`) and to
    /// [`DRAFT_TOLERANCE`], about a third of the exact solve's work. The page replaces it with [`Self::solve`] once
    /// the reader lets go, so every result that stays on screen is the exact one.
    pub fn solve_draft(&self, economy: &Economy, previous: &Results) -> Result<(Scenario, Results), ModelError> {
        self.solve_draft_from(economy, &WarmStart::of(previous))
    }

    /// [`Self::solve_draft`] from a [`WarmStart`]: the page continues the path of a drag's last two positions
    /// (`WarmStart::extrapolated`), which starts nearer the answer than the last position alone.
    pub fn solve_draft_from(&self, economy: &Economy, start: &WarmStart) -> Result<(Scenario, Results), ModelError> {
        let scenario = Scenario::build(&self.scenario_file(economy)?, economy)?;
        let options = SolverOptions { tolerance: DRAFT_TOLERANCE, ..SolverOptions::default() };
        let results = Solve::new(economy, &scenario).options(&options).starting_from(start).run()?;
        Ok((scenario, results))
    }

    /// The changes in force that no control sets (see [`also_in_force`]).
    pub fn also_in_force(&self, economy: &Economy, scenario: &Scenario) -> Vec<InForce> {
        also_in_force(economy, scenario)
    }
}

/// The "also in force" list as lines in the reader's language: one per importer, exporter and kind of change.
pub fn in_force_lines(economy: &Economy, scenario: &Scenario, text: &Text) -> Vec<String> {
    let country = |k: usize| text.country(&economy.countries()[k], &economy.country_names()[k]);
    also_in_force(economy, scenario)
        .iter()
        .map(|entry| {
            let goods: Vec<usize> = (0..economy.n_sectors()).filter(|&j| !economy.is_services(j)).collect();
            let sectors = if entry.sectors == goods && goods.len() > 1 {
                text.get("ui.in_force.all_goods").to_string()
            } else {
                let names: Vec<String> = entry
                    .sectors
                    .iter()
                    .map(|&j| text.sector_short(&economy.sectors()[j], &economy.sector_names()[j]))
                    .collect();
                text.join(&names)
            };
            let (importer, exporter) = (country(entry.importer), country(entry.exporter));
            let place =
                [("importer", importer.as_str()), ("exporter", exporter.as_str()), ("sectors", sectors.as_str())];
            match entry.change {
                InForceChange::Tariff { before, after } => {
                    let (before, after) = (text.percent_plain(100.0 * before, 1), text.percent_plain(100.0 * after, 1));
                    text.fill(
                        "ui.in_force.tariff",
                        &[place[0], place[1], place[2], ("before", &before), ("after", &after)],
                    )
                }
                InForceChange::TradeCost { factor } => {
                    let change = text.percent(100.0 * (factor - 1.0), 1);
                    text.fill("ui.in_force.trade_cost", &[place[0], place[1], place[2], ("change", &change)])
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;

    #[test]
    fn a_move_and_back_gives_the_same_state_and_result() {
        let economy = presets::north_america_2024().unwrap();
        let state = ScenarioState::preset("canada-retaliation-2025-03", &economy).unwrap();
        let shown = state.controls().get("can_retaliation").unwrap();
        assert!((shown - 3.4).abs() < 1e-9, "{shown}");
        let moved = state.with_control("can_retaliation", shown + 0.1).unwrap();
        assert_ne!(moved.solve(&economy).unwrap().1, state.solve(&economy).unwrap().1);
        let back = moved.with_control("can_retaliation", shown).unwrap();
        assert_eq!(back, state);
        assert_eq!(back.solve(&economy).unwrap().1, state.solve(&economy).unwrap().1);
    }

    #[test]
    fn the_tariff_table_has_the_last_word_until_a_control_takes_its_cells_back() {
        let economy = presets::north_america_2024().unwrap();
        let state = ScenarioState::preset("us-tariffs-2025", &economy).unwrap();
        let metals = economy.sector_index("metals").unwrap();
        let (usa, can) = (economy.country_index("USA").unwrap(), economy.country_index("CAN").unwrap());
        let cell = (metals, usa, can);
        let edited = state.with_cells(&[(cell, Some(0.9))], &economy).unwrap();
        let (scenario, _) = edited.solve(&economy).unwrap();
        assert!((scenario.tariff(&economy, metals, usa, can) - 0.9).abs() < 1e-12);
        // The slider covering that cell follows the rate now in force, without counting as moved.
        let before = state.controls().get("us_metals_can").unwrap();
        let after = edited.controls().get("us_metals_can").unwrap();
        assert!(after > before + 1.0, "{before} → {after}");
        assert!(!edited.controls().any_moved());
        // Moving the slider takes the cell back; the table is then empty.
        let moved = edited.with_control_in("us_metals_can", 25.0, &economy).unwrap();
        assert!(moved.cells().is_empty());
        let (scenario, _) = moved.solve(&economy).unwrap();
        assert!((scenario.tariff(&economy, metals, usa, can) - 0.9).abs() > 0.1);
        // A cell set after a slider moved wins over it.
        let again = moved.with_cells(&[(cell, Some(0.05))], &economy).unwrap();
        let (scenario, _) = again.solve(&economy).unwrap();
        assert!((scenario.tariff(&economy, metals, usa, can) - 0.05).abs() < 1e-12);
        // Reset empties the table and puts every control back.
        let mut reset = again.clone();
        reset.reset();
        assert_eq!(reset, state);
    }

    #[test]
    fn the_also_in_force_lines_name_countries_and_rates() {
        let economy = presets::north_america_2024().unwrap();
        let state = ScenarioState::preset("regime-2026-after-ieepa", &economy).unwrap();
        let (scenario, _) = state.solve(&economy).unwrap();
        let lines = in_force_lines(&economy, &scenario, &Text::default());
        assert!(lines.iter().any(|l| l.contains("United States") && l.contains("China")), "{lines:?}");
    }

    #[test]
    fn a_timeline_step_sets_the_controls() {
        let economy = presets::north_america_2024().unwrap();
        let state = ScenarioState::step("2025-06-04", &economy).unwrap();
        assert!(state.controls().get("us_metals_can").unwrap() > 45.0);
        assert!(!state.controls().any_moved());
    }
}
