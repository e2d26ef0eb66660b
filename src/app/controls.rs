//! The reader's controls: the tariffs that matter in the 2025–2026 story as statutory rates, the USMCA claim share
//! and a Canada–Mexico trade-cost cut, and how a moved control turns into measures on top of a preset.
//!
//! A control is statutory: "US tariff on Canadian steel and aluminum: 50%". The rate applied to the model's
//! sector flow is the statutory rate times the share of that flow that pays it, by the same rules the presets use
//! (`data/scenarios/README.md`):
//!
//! - other goods and energy (IEEPA-type tariffs, USMCA goods exempt): paying share `1 − c`, with `c` the USMCA claim
//!   share control;
//! - metals (Section 232 steel, aluminum and copper): paying share `m`, the estimated share of the metals flow the
//!   duty covers (Canada 0.60, Mexico 0.40; estimates, E);
//! - vehicles (Section 232 autos, parts and trucks, US content of USMCA vehicles exempt, USMCA parts exempt):
//!   paying share `v (c s + 1 − c) + (1 − v)(1 − c)`, with `v` the share of finished vehicles in the sector
//!   (Canada 0.68, Mexico 0.63, E) and `s = 0.60` the non-US content of USMCA vehicles (E);
//! - retaliation and Mexico's tariffs on China: an average rate on all goods from that partner, added to the
//!   2024 baseline rate;
//! - the Canada–Mexico trade-cost cut: a cut in iceberg trade costs on goods in both directions.
//!
//! One scenario model behind every control. A scenario — a preset, a timeline step, a link, or those with the
//! reader's moves — is a set of control values plus the changes in force on flows that no control sets
//! ([`also_in_force`], listed on the page):
//!
//! - a base scenario positions every control at the value it has in force on the control's flows
//!   ([`value_in_force`]), so a slider never reads 0 over a tariff in force;
//! - a control counts as moved while it differs from that value; a moved control sets its flows to exactly what it
//!   shows, replacing the base's measures there (never adding to them);
//! - moving a control back to the value it showed restores the base scenario bit for bit.
//!
//! `tests/controls.rs` checks these properties on random presets, timeline steps and moves.

use serde::Serialize;

use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::scenario::{Measure, Scenario, ScenarioFile};
use crate::util::numbers::Shortest;

/// Goods sectors of the North American baseline (all but services).
const GOODS: [&str; 9] =
    ["agri_food", "energy", "metals", "minerals", "vehicles", "chemicals", "machinery", "wood_paper", "other_mfg"];
/// Goods sectors that the Section 232 and energy controls do not cover.
const OTHER_GOODS: [&str; 6] = ["agri_food", "minerals", "chemicals", "machinery", "wood_paper", "other_mfg"];
/// Share of the metals flow that the Section 232 steel, aluminum and copper duty covers (E, as in the presets).
const METALS_COVERED: [(&str, f64); 2] = [("CAN", 0.60), ("MEX", 0.40)];
/// Share of finished vehicles in the vehicles-and-parts flow to the US (E, as in the presets).
const FINISHED_VEHICLE_SHARE: [(&str, f64); 2] = [("CAN", 0.68), ("MEX", 0.63)];
/// Non-US content of USMCA vehicles, on which they pay the Section 232 duty (E, as in the presets).
const NON_US_CONTENT: f64 = 0.60;

/// How a control acts on the economy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlKind {
    /// A US tariff on other goods from one partner, USMCA goods exempt.
    UsOtherGoods,
    /// A US tariff on energy from one partner, USMCA goods exempt.
    UsEnergy,
    /// A US Section 232 tariff on metals from one partner.
    UsMetals,
    /// A US Section 232 tariff on vehicles and parts from one partner.
    UsVehicles,
    /// The share of Canadian and Mexican goods claiming USMCA.
    ClaimShare,
    /// An average tariff added on all goods from one partner.
    AverageTariff,
    /// A cut in Canada–Mexico trade costs, percent.
    TradeCostCut,
}

/// One control: what it sets, its range and unit, and the flows it acts on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlSpec {
    /// Stable id, used in URLs and preset files.
    pub id: &'static str,
    /// Label key (English label until the string catalogues arrive).
    pub label: &'static str,
    /// Smallest value, in `unit`.
    pub min: f64,
    /// Largest value, in `unit`.
    pub max: f64,
    /// Slider step.
    pub step: f64,
    /// Unit of the value (always percent).
    pub unit: &'static str,
    /// Value in the baseline (no new measures).
    pub baseline: f64,
    /// What the control does.
    pub kind: ControlKind,
    /// Country imposing it.
    pub importer: &'static str,
    /// Country whose goods it hits (empty for the claim share).
    pub exporter: &'static str,
    /// How the applied rate is derived, for the help text.
    pub rule: &'static str,
}

/// The controls, in the order the page shows them.
pub const CONTROLS: &[ControlSpec] = &[
    spec(
        "us_metals_can",
        "US tariff on Canadian steel and aluminum",
        0.0,
        150.0,
        ControlKind::UsMetals,
        "USA",
        "CAN",
        "Section 232: paid on the estimated 60% of Canada's metals exports it covers (steel, aluminum, copper).",
    ),
    spec(
        "us_metals_mex",
        "US tariff on Mexican steel and aluminum",
        0.0,
        150.0,
        ControlKind::UsMetals,
        "USA",
        "MEX",
        "Section 232: paid on the estimated 40% of Mexico's metals exports it covers.",
    ),
    spec(
        "us_vehicles_can",
        "US tariff on Canadian vehicles and parts",
        0.0,
        100.0,
        ControlKind::UsVehicles,
        "USA",
        "CAN",
        "Section 232: USMCA vehicles pay on their non-US content (60%, estimate); USMCA parts pay nothing.",
    ),
    spec(
        "us_vehicles_mex",
        "US tariff on Mexican vehicles and parts",
        0.0,
        100.0,
        ControlKind::UsVehicles,
        "USA",
        "MEX",
        "Section 232: USMCA vehicles pay on their non-US content (60%, estimate); USMCA parts pay nothing.",
    ),
    spec(
        "us_energy_can",
        "US tariff on Canadian energy",
        0.0,
        100.0,
        ControlKind::UsEnergy,
        "USA",
        "CAN",
        "Paid only on energy that does not claim USMCA.",
    ),
    spec(
        "us_energy_mex",
        "US tariff on Mexican energy",
        0.0,
        100.0,
        ControlKind::UsEnergy,
        "USA",
        "MEX",
        "Paid only on energy that does not claim USMCA.",
    ),
    spec(
        "us_other_can",
        "US tariff on all other Canadian goods",
        0.0,
        100.0,
        ControlKind::UsOtherGoods,
        "USA",
        "CAN",
        "Paid only on goods that do not claim USMCA.",
    ),
    spec(
        "us_other_mex",
        "US tariff on all other Mexican goods",
        0.0,
        100.0,
        ControlKind::UsOtherGoods,
        "USA",
        "MEX",
        "Paid only on goods that do not claim USMCA.",
    ),
    ControlSpec {
        id: "usmca_claim",
        label: "Share of Canadian and Mexican goods claiming USMCA",
        min: 0.0,
        max: 100.0,
        step: 1.0,
        unit: "%",
        baseline: 85.0,
        kind: ControlKind::ClaimShare,
        importer: "USA",
        exporter: "",
        rule: "38% (Canada) and 49% (Mexico) in 2024; about 80–90% after the 2025 exemption (Bank of Canada).",
    },
    spec(
        "can_retaliation",
        "Canada's average counter-tariff on US goods",
        0.0,
        50.0,
        ControlKind::AverageTariff,
        "CAN",
        "USA",
        "Added to the 2024 rate on every US good.",
    ),
    spec(
        "mex_retaliation",
        "Mexico's average counter-tariff on US goods",
        0.0,
        50.0,
        ControlKind::AverageTariff,
        "MEX",
        "USA",
        "Added to the 2024 rate on every US good.",
    ),
    spec(
        "mex_china",
        "Mexico's average tariff increase on Chinese goods",
        0.0,
        50.0,
        ControlKind::AverageTariff,
        "MEX",
        "CHN",
        "Added to the 2024 rate on every Chinese good.",
    ),
    spec(
        "can_mex_cost_cut",
        "Cut in Canada–Mexico trade costs",
        0.0,
        30.0,
        ControlKind::TradeCostCut,
        "CAN",
        "MEX",
        "Cheaper shipping, ports and rail between Canada and Mexico, goods in both directions.",
    ),
];

#[allow(clippy::too_many_arguments, reason = "a table row; named fields would hide the table")]
const fn spec(
    id: &'static str,
    label: &'static str,
    min: f64,
    max: f64,
    kind: ControlKind,
    importer: &'static str,
    exporter: &'static str,
    rule: &'static str,
) -> ControlSpec {
    // Steps of 0.1 point: a control shows the value in force to one decimal, and a reader stepping away and back
    // must land on it again.
    ControlSpec { id, label, min, max, step: 0.1, unit: "%", baseline: 0.0, kind, importer, exporter, rule }
}

/// The control with an id.
pub fn control(id: &str) -> Result<&'static ControlSpec, ModelError> {
    CONTROLS.iter().find(|c| c.id == id).ok_or_else(|| ModelError::UnknownName {
        kind: "control".into(),
        name: id.into(),
        known: CONTROLS.iter().map(|c| c.id).collect::<Vec<_>>().join(", "),
    })
}

/// Check a value typed or dragged into a control: a finite number inside its range.
pub fn check_value(spec: &ControlSpec, value: f64) -> Result<f64, ModelError> {
    if !value.is_finite() {
        return Err(ModelError::invalid(
            spec.id,
            "",
            format!("{}: enter a number, not {}", spec.label, Shortest(value)),
        ));
    }
    if value < spec.min || value > spec.max {
        return Err(ModelError::invalid(
            spec.id,
            "",
            format!(
                "{}: {}{} is outside {}–{}{}",
                spec.label,
                Shortest(value),
                spec.unit,
                Shortest(spec.min),
                Shortest(spec.max),
                spec.unit
            ),
        ));
    }
    Ok(value)
}

fn lookup(table: &[(&str, f64)], country: &str) -> f64 {
    table.iter().find(|(c, _)| *c == country).map_or(1.0, |(_, v)| *v)
}

/// The share of a flow that pays a control's statutory rate, given the USMCA claim share `claim` (0–1).
pub fn paying_share(spec: &ControlSpec, claim: f64) -> f64 {
    match spec.kind {
        ControlKind::UsOtherGoods | ControlKind::UsEnergy => 1.0 - claim,
        ControlKind::UsMetals => lookup(&METALS_COVERED, spec.exporter),
        ControlKind::UsVehicles => {
            let v = lookup(&FINISHED_VEHICLE_SHARE, spec.exporter);
            v * (claim * NON_US_CONTENT + 1.0 - claim) + (1.0 - v) * (1.0 - claim)
        }
        ControlKind::ClaimShare | ControlKind::AverageTariff | ControlKind::TradeCostCut => 1.0,
    }
}

fn sectors_of(kind: ControlKind) -> &'static [&'static str] {
    match kind {
        ControlKind::UsOtherGoods => &OTHER_GOODS,
        ControlKind::UsEnergy => &["energy"],
        ControlKind::UsMetals => &["metals"],
        ControlKind::UsVehicles => &["vehicles"],
        ControlKind::ClaimShare | ControlKind::AverageTariff | ControlKind::TradeCostCut => &GOODS,
    }
}

/// Whether a control's flows pay a rate that depends on the USMCA claim share, so that a moved claim share
/// re-applies it. Every US control does: the USMCA-exempt measures of a preset sit on the same flows.
fn follows_claim(spec: &ControlSpec) -> bool {
    matches!(
        spec.kind,
        ControlKind::UsOtherGoods | ControlKind::UsEnergy | ControlKind::UsMetals | ControlKind::UsVehicles
    )
}

/// A flow `(sector, importer, exporter)` of an economy.
pub type Cell = (usize, usize, usize);

/// The flows a control sets, in an economy (empty when the economy lacks its countries). The trade-cost cut sets
/// both directions; the claim share "sets" the US imports from Canada and Mexico, whose rules-of-origin
/// compliance cost follows it.
pub fn cells(spec: &ControlSpec, economy: &Economy) -> Vec<Cell> {
    let pairs: Vec<(&str, &str)> = match spec.kind {
        ControlKind::TradeCostCut => vec![(spec.importer, spec.exporter), (spec.exporter, spec.importer)],
        ControlKind::ClaimShare => vec![(spec.importer, "CAN"), (spec.importer, "MEX")],
        _ => vec![(spec.importer, spec.exporter)],
    };
    let mut cells = Vec::new();
    for (importer, exporter) in pairs {
        let (Some(n), Some(i)) = (economy.country_index(importer), economy.country_index(exporter)) else {
            continue;
        };
        for sector_id in sectors_of(spec.kind) {
            if let Some(j) = economy.sector_index(sector_id) {
                cells.push((j, n, i));
            }
        }
    }
    cells
}

/// Whether a control sets the tariff of its flows (all but the claim share and the trade-cost cut).
pub fn sets_tariff(spec: &ControlSpec) -> bool {
    !matches!(spec.kind, ControlKind::ClaimShare | ControlKind::TradeCostCut)
}

/// Round a value as a control shows it (one decimal) and keep it inside the control's range.
fn shown(spec: &ControlSpec, value: f64) -> f64 {
    let rounded = (value * 10.0).round() / 10.0;
    // `+ 0.0` turns −0.0 into 0.0, which reads better in a link.
    rounded.clamp(spec.min, spec.max) + 0.0
}

/// The USMCA claim share (percent) a scenario file sets: the mean of its Canadian and Mexican shares; for a
/// scenario with no claim share (where it changes nothing), the file's `controls.usmca_claim`, else the
/// control's baseline.
fn claim_in_force(file: &ScenarioFile, spec: &ControlSpec) -> f64 {
    let shares: Vec<f64> = ["CAN", "MEX"].iter().filter_map(|c| file.usmca_claim_share.get(c).copied()).collect();
    if shares.is_empty() {
        file.controls.get(spec.id).copied().unwrap_or(spec.baseline)
    } else {
        100.0 * shares.iter().sum::<f64>() / shares.len() as f64
    }
}

/// The value of a control that a built scenario has in force on the control's flows, unrounded, with the USMCA
/// claim share `claim` (0–1):
///
/// - a tariff control: the statutory rate `v` whose applied rate `2024 rate + v × paying share` gives the same
///   trade-weighted tariff increase, `v = Σ w (τ' − τ) / Σ w s` (weights `w`: 2024 flows; `s`: paying share);
/// - the trade-cost cut: `1 −` the trade-weighted mean trade-cost factor;
/// - the claim share: `claim`.
///
/// So a control set to its value in force leaves the trade-weighted applied rate on its flows where it was.
pub fn value_in_force(spec: &ControlSpec, economy: &Economy, scenario: &Scenario, claim: f64) -> f64 {
    let cells = cells(spec, economy);
    let total_flow: f64 = cells.iter().map(|&(j, n, i)| economy.flow(j, n, i)).sum();
    let weight = |&(j, n, i): &Cell| if total_flow > 0.0 { economy.flow(j, n, i) } else { 1.0 };
    match spec.kind {
        ControlKind::ClaimShare => 100.0 * claim,
        ControlKind::TradeCostCut => {
            let weights: f64 = cells.iter().map(weight).sum();
            if weights <= 0.0 {
                return 0.0;
            }
            let factor: f64 =
                cells.iter().map(|c| weight(c) * scenario.trade_cost(economy, c.0, c.1, c.2)).sum::<f64>() / weights;
            100.0 * (1.0 - factor)
        }
        _ => {
            let share = paying_share(spec, claim);
            let paying: f64 = cells.iter().map(|c| weight(c) * share).sum();
            if paying <= 0.0 {
                return 0.0;
            }
            let increase: f64 = cells
                .iter()
                .map(|c| weight(c) * (scenario.tariff(economy, c.0, c.1, c.2) - economy.tariff(c.0, c.1, c.2)))
                .sum();
            100.0 * increase / paying
        }
    }
}

/// Control values by id, in percent, beside the values the base scenario has in force.
///
/// The base scenario (a preset, a timeline step, a reader's file) positions every control at the value it has in
/// force ([`value_in_force`], rounded to what the control shows). A control counts as moved while its value
/// differs from that; moving it back to the value it showed restores the base scenario exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlValues {
    values: Vec<f64>,
    in_force: Vec<f64>,
    /// The values in force in the base scenario alone (`in_force` also counts the tariff table's cells).
    base: Vec<f64>,
}

/// Refuse a scenario file's `controls` entry whose id is not a control, naming it and the controls there are
/// (they used to be silently ignored, so a misspelt `usmca_claim` changed nothing without a word).
pub fn check_file_controls(file: &ScenarioFile) -> Result<(), ModelError> {
    for (id, _) in file.controls.iter() {
        if !CONTROLS.iter().any(|c| c.id == id.as_str()) {
            return Err(ModelError::UnknownName {
                kind: "control in controls".into(),
                name: id.clone(),
                known: CONTROLS.iter().map(|c| c.id).collect::<Vec<_>>().join(", "),
            });
        }
    }
    Ok(())
}

impl Default for ControlValues {
    fn default() -> Self {
        let values: Vec<f64> = CONTROLS.iter().map(|c| c.baseline).collect();
        ControlValues { in_force: values.clone(), base: values.clone(), values }
    }
}

fn position(id: &str) -> Result<usize, ModelError> {
    CONTROLS.iter().position(|c| c.id == id).ok_or_else(|| ModelError::UnknownName {
        kind: "control".into(),
        name: id.into(),
        known: CONTROLS.iter().map(|c| c.id).collect::<Vec<_>>().join(", "),
    })
}

fn claim_position() -> usize {
    CONTROLS.iter().position(|c| c.kind == ControlKind::ClaimShare).unwrap_or(0)
}

impl ControlValues {
    /// The values a base scenario has in force (nothing moved).
    pub fn for_scenario(file: &ScenarioFile, economy: &Economy) -> Result<Self, ModelError> {
        check_file_controls(file)?;
        Ok(Self::for_built(file, economy, &Scenario::build(file, economy)?))
    }

    /// [`ControlValues::for_scenario`] when the scenario is already built from `file` (no second expansion; the
    /// file's `controls` are checked by [`check_file_controls`] when it is read).
    pub fn for_built(file: &ScenarioFile, economy: &Economy, scenario: &Scenario) -> Self {
        let claim_spec = &CONTROLS[claim_position()];
        let claim = shown(claim_spec, claim_in_force(file, claim_spec));
        let in_force: Vec<f64> =
            CONTROLS.iter().map(|spec| shown(spec, value_in_force(spec, economy, scenario, claim / 100.0))).collect();
        ControlValues { values: in_force.clone(), base: in_force.clone(), in_force }
    }

    /// The values in force, in [`CONTROLS`] order (what [`ControlValues::from_in_force`] takes back).
    pub fn in_force_values(&self) -> Vec<f64> {
        self.in_force.clone()
    }

    /// Control values from the values in force computed elsewhere (the page's worker), each checked against its
    /// control's range; none moved.
    pub fn from_in_force(values: &[f64]) -> Result<Self, ModelError> {
        if values.len() != CONTROLS.len() {
            return Err(ModelError::invalid(
                "controls",
                "",
                format!("{} values for {} controls", values.len(), CONTROLS.len()),
            ));
        }
        let in_force =
            CONTROLS.iter().zip(values).map(|(spec, &v)| check_value(spec, v)).collect::<Result<Vec<_>, _>>()?;
        Ok(ControlValues { values: in_force.clone(), base: in_force.clone(), in_force })
    }

    /// Set a control (checked against its range).
    pub fn set(&mut self, id: &str, value: f64) -> Result<(), ModelError> {
        let position = position(id)?;
        self.values[position] = check_value(&CONTROLS[position], value)?;
        Ok(())
    }

    /// Every control back to the value in force (with the tariff table's cells).
    pub fn reset(&mut self) {
        self.values.clone_from(&self.in_force);
    }

    /// Every control back to the value in force in the base scenario alone (the tariff table emptied).
    pub fn reset_to_base(&mut self) {
        self.in_force.clone_from(&self.base);
        self.values.clone_from(&self.base);
    }

    /// New values in force (read with the tariff table's cells: `other`'s); the controls not moved show them.
    pub fn rebase(&mut self, other: &ControlValues) {
        for p in 0..self.values.len() {
            if !self.is_moved(p) {
                self.values[p] = other.in_force[p];
            }
            self.in_force[p] = other.in_force[p];
        }
    }

    /// The value of a control, percent.
    pub fn get(&self, id: &str) -> Option<f64> {
        CONTROLS.iter().position(|c| c.id == id).map(|p| self.values[p])
    }

    /// The value a control has in the base scenario alone (without the tariff table's cells), percent.
    pub fn base_value(&self, id: &str) -> Option<f64> {
        CONTROLS.iter().position(|c| c.id == id).map(|p| self.base[p])
    }

    /// The value a control has in the base scenario, percent.
    pub fn in_force(&self, id: &str) -> Option<f64> {
        CONTROLS.iter().position(|c| c.id == id).map(|p| self.in_force[p])
    }

    fn is_moved(&self, position: usize) -> bool {
        (self.values[position] - self.in_force[position]).abs() > 1e-9
    }

    /// Whether any control differs from the base scenario.
    pub fn any_moved(&self) -> bool {
        (0..CONTROLS.len()).any(|p| self.is_moved(p))
    }

    /// `(id, value)` for every control, in display order.
    pub fn all(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        CONTROLS.iter().zip(&self.values).map(|(c, v)| (c.id, *v))
    }

    /// Ids of the controls that differ from the base scenario.
    pub fn moved(&self) -> impl Iterator<Item = &'static str> + '_ {
        CONTROLS.iter().enumerate().filter(|(p, _)| self.is_moved(*p)).map(|(_, c)| c.id)
    }

    /// The scenario to solve: the base scenario's measures, then, for every moved control, measures that set its
    /// flows to exactly what it shows, replacing whatever the base had there: tariff `2024 rate + value × paying
    /// share`, trade-cost factor `1 − value`. A moved claim share becomes the scenario's USMCA claim share and
    /// re-applies every US control at the value it shows. With nothing moved, the base scenario is returned as is.
    pub fn apply(&self, base: &ScenarioFile, economy: &Economy) -> Result<ScenarioFile, ModelError> {
        let mut scenario = base.clone();
        if !self.any_moved() {
            return Ok(scenario);
        }
        let claim_position = claim_position();
        let claim = self.values[claim_position] / 100.0;
        let claim_moved = self.is_moved(claim_position);
        scenario.name = format!("{} (adjusted)", base.name);
        if claim_moved {
            for country in ["CAN", "MEX"] {
                if economy.country_index(country).is_some() {
                    scenario.usmca_claim_share.insert(country.into(), claim);
                    // One share for every sector: the control replaces the file's sector shares.
                    scenario.usmca_claim_share_by_sector.remove(country);
                }
            }
        }
        // The trade-cost factors the base leaves on the cut's flows, which the cut's measures divide out.
        let cut_moved =
            CONTROLS.iter().enumerate().any(|(p, c)| c.kind == ControlKind::TradeCostCut && self.is_moved(p));
        let built = if cut_moved { Some(Scenario::build(&scenario, economy)?) } else { None };
        let countries = economy.countries();
        for (position, spec) in CONTROLS.iter().enumerate() {
            if !(self.is_moved(position) || (claim_moved && follows_claim(spec))) {
                continue;
            }
            let value = self.values[position] / 100.0;
            let label = format!("{}: {}%", spec.label, crate::util::numbers::fixed(self.values[position], 1));
            for (j, n, i) in cells(spec, economy) {
                let measure = Measure {
                    label: label.clone(),
                    importers: vec![countries[n].clone()],
                    exporters: vec![countries[i].clone()],
                    sectors: vec![economy.sectors()[j].clone()],
                    note: spec.rule.into(),
                    ..Default::default()
                };
                if sets_tariff(spec) {
                    let rate = economy.tariff(j, n, i) + value * paying_share(spec, claim);
                    scenario.measures.push(Measure { tariff: Some(rate), ..measure });
                } else if let (ControlKind::TradeCostCut, Some(built)) = (spec.kind, &built) {
                    let factor = (1.0 - value) / built.trade_cost(economy, j, n, i);
                    scenario.measures.push(Measure { trade_cost: Some(factor), ..measure });
                }
            }
        }
        Ok(scenario)
    }
}

/// A change in force on flows that no control sets: one importer, one exporter, the sectors concerned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InForce {
    /// Country imposing it.
    pub importer: usize,
    /// Country whose goods it concerns.
    pub exporter: usize,
    /// Sectors concerned.
    pub sectors: Vec<usize>,
    /// What changes.
    pub change: InForceChange,
}

/// What an [`InForce`] entry changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InForceChange {
    /// The trade-weighted tariff over the sectors, in 2024 and now (rates, 0.25 = 25%).
    Tariff {
        /// 2024 rate.
        before: f64,
        /// Rate in force.
        after: f64,
    },
    /// The trade-weighted trade-cost factor over the sectors (0.97 = 3% cheaper).
    TradeCost {
        /// Factor.
        factor: f64,
    },
}

/// Every change a built scenario makes on flows that no control sets, by importer and exporter: the "also in
/// force" list that the page shows beside the controls, so that nothing shapes a result unseen.
pub fn also_in_force(economy: &Economy, scenario: &Scenario) -> Vec<InForce> {
    let nc = economy.n_countries();
    let ns = economy.n_sectors();
    let mut tariff_covered = vec![false; ns * nc * nc];
    let mut cost_covered = vec![false; ns * nc * nc];
    for spec in CONTROLS {
        for (j, n, i) in cells(spec, economy) {
            let b = economy.bilateral_index(j, n, i);
            if sets_tariff(spec) {
                tariff_covered[b] = true;
            } else {
                cost_covered[b] = true;
            }
        }
    }
    let mut list = Vec::new();
    for n in 0..nc {
        for i in (0..nc).filter(|&i| i != n) {
            let changed_tariff: Vec<usize> = (0..ns)
                .filter(|&j| {
                    let b = economy.bilateral_index(j, n, i);
                    !tariff_covered[b] && (scenario.tariff(economy, j, n, i) - economy.tariff(j, n, i)).abs() > 1e-12
                })
                .collect();
            if !changed_tariff.is_empty() {
                let before = weighted_mean(economy, &changed_tariff, n, i, &|j| economy.tariff(j, n, i));
                let after = weighted_mean(economy, &changed_tariff, n, i, &|j| scenario.tariff(economy, j, n, i));
                list.push(InForce {
                    importer: n,
                    exporter: i,
                    sectors: changed_tariff,
                    change: InForceChange::Tariff { before, after },
                });
            }
            let changed_cost: Vec<usize> = (0..ns)
                .filter(|&j| {
                    let b = economy.bilateral_index(j, n, i);
                    !cost_covered[b] && (scenario.trade_cost(economy, j, n, i) - 1.0).abs() > 1e-12
                })
                .collect();
            if !changed_cost.is_empty() {
                let factor = weighted_mean(economy, &changed_cost, n, i, &|j| scenario.trade_cost(economy, j, n, i));
                list.push(InForce {
                    importer: n,
                    exporter: i,
                    sectors: changed_cost,
                    change: InForceChange::TradeCost { factor },
                });
            }
        }
    }
    list
}

/// The mean of `value(sector)` over `sectors`, weighted by the 2024 flow from `exporter` to `importer`.
fn weighted_mean(
    economy: &Economy,
    sectors: &[usize],
    importer: usize,
    exporter: usize,
    value: &dyn Fn(usize) -> f64,
) -> f64 {
    let total: f64 = sectors.iter().map(|&j| economy.flow(j, importer, exporter)).sum();
    if total > 0.0 {
        sectors.iter().map(|&j| economy.flow(j, importer, exporter) * value(j)).sum::<f64>() / total
    } else {
        sectors.iter().map(|&j| value(j)).sum::<f64>() / sectors.len().max(1) as f64
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::{data::presets, model::scenario::Scenario};

    #[test]
    fn the_vehicle_rule_matches_the_presets() {
        // us-tariffs-2025 applies the rule at each partner's vehicles claim share (CAN 0.95, MEX 0.79).
        let spec = control("us_vehicles_can").unwrap();
        assert!((0.25 * paying_share(spec, 0.95) - 0.1094).abs() < 5e-4);
        let spec = control("us_vehicles_mex").unwrap();
        assert!((0.25 * paying_share(spec, 0.79) - 0.1272).abs() < 5e-4);
    }

    #[test]
    fn unmoved_controls_leave_the_preset_unchanged_and_moved_ones_replace() {
        let economy = presets::north_america_2024().unwrap();
        let preset = presets::preset("us-tariffs-2025").unwrap();
        let mut values = ControlValues::for_scenario(&preset, &economy).unwrap();
        assert_eq!(values.apply(&preset, &economy).unwrap(), preset);
        let shown = values.get("us_metals_can").unwrap();
        assert!((shown - 50.0).abs() < 4.0, "the metals slider shows the 50% in force, not {shown}");
        values.set("us_metals_can", 100.0).unwrap();
        let adjusted = Scenario::build(&values.apply(&preset, &economy).unwrap(), &economy).unwrap();
        let (usa, can, metals) = (0, 1, economy.sector_index("metals").unwrap());
        let expected = economy.tariff(metals, usa, can) + 1.0 * 0.60;
        assert!((adjusted.tariff(&economy, metals, usa, can) - expected).abs() < 1e-12);
        values.set("us_metals_can", shown).unwrap();
        assert_eq!(values.apply(&preset, &economy).unwrap(), preset, "moving back restores the preset");
    }

    #[test]
    fn a_timeline_step_shows_its_tariffs_on_the_controls() {
        let economy = presets::north_america_2024().unwrap();
        let step = crate::data::timeline::step_for_date("2025-06-04").unwrap();
        let file = crate::data::timeline::scenario_at(step).unwrap();
        let values = ControlValues::for_scenario(&file, &economy).unwrap();
        let metals = values.get("us_metals_can").unwrap();
        assert!((metals - 50.0).abs() < 4.0, "steel and aluminum at 50% on 2025-06-04, control {metals}");
        assert!(values.get("can_retaliation").unwrap() > 0.5, "Canada's counter-tariffs in force show");
        assert!((values.get("usmca_claim").unwrap() - 85.0).abs() < 1e-9);
    }

    #[test]
    fn the_also_in_force_list_names_what_no_control_sets() {
        let economy = presets::north_america_2024().unwrap();
        let file = presets::preset("regime-2026-after-ieepa").unwrap();
        let scenario = Scenario::build(&file, &economy).unwrap();
        let list = also_in_force(&economy, &scenario);
        let (usa, can, chn) = (0, 1, economy.country_index("CHN").unwrap());
        let metals = economy.sector_index("metals").unwrap();
        assert!(list.iter().any(|e| e.importer == usa && e.exporter == chn), "US tariffs on China are listed");
        assert!(
            !list.iter().any(|e| e.importer == usa && e.exporter == can && e.sectors.contains(&metals)),
            "a flow a control sets is not listed"
        );
        let baseline = Scenario::build(&presets::preset("baseline-2024").unwrap(), &economy).unwrap();
        assert!(also_in_force(&economy, &baseline).is_empty());
    }

    #[test]
    fn out_of_range_and_non_numeric_values_are_refused_with_the_label() {
        let mut values = ControlValues::default();
        let message = values.set("us_other_can", 150.0).unwrap_err().to_string();
        assert!(
            message.contains("US tariff on all other Canadian goods") && message.contains("outside 0–100%"),
            "{message}"
        );
        let message = values.set("us_other_can", f64::NAN).unwrap_err().to_string();
        assert!(message.contains("enter a number"), "{message}");
        assert!(values.set("nonsense", 1.0).is_err());
        assert!(!values.any_moved());
    }
}
