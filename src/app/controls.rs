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
//! Only the controls a reader has moved since picking a preset are applied, after the preset's own measures and
//! replacing them on the same flows; an unmoved control leaves the preset exactly as published.

use serde::Serialize;

use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::scenario::{Measure, ScenarioFile};
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
        100.0,
        ControlKind::UsMetals,
        "USA",
        "CAN",
        "Section 232: paid on the estimated 60% of Canada's metals exports it covers (steel, aluminum, copper).",
    ),
    spec(
        "us_metals_mex",
        "US tariff on Mexican steel and aluminum",
        0.0,
        100.0,
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
    ControlSpec { id, label, min, max, step: 0.5, unit: "%", baseline: 0.0, kind, importer, exporter, rule }
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
        ControlKind::ClaimShare => &[],
        ControlKind::AverageTariff | ControlKind::TradeCostCut => &GOODS,
    }
}

/// Control values by id, in percent, with which of them the reader has moved.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlValues {
    values: Vec<f64>,
    moved: Vec<bool>,
}

impl Default for ControlValues {
    fn default() -> Self {
        ControlValues { values: CONTROLS.iter().map(|c| c.baseline).collect(), moved: vec![false; CONTROLS.len()] }
    }
}

impl ControlValues {
    /// The values a preset shows: its `controls` block over the baseline values, nothing moved.
    pub fn for_preset(file: &ScenarioFile) -> Result<Self, ModelError> {
        let mut values = ControlValues::default();
        for (id, &value) in &file.controls {
            let position = CONTROLS.iter().position(|c| c.id == id).ok_or_else(|| ModelError::UnknownName {
                kind: "control in 'controls'".into(),
                name: id.clone(),
                known: CONTROLS.iter().map(|c| c.id).collect::<Vec<_>>().join(", "),
            })?;
            values.values[position] = check_value(&CONTROLS[position], value)?;
        }
        Ok(values)
    }

    /// Set a control; it counts as moved from then on.
    pub fn set(&mut self, id: &str, value: f64) -> Result<(), ModelError> {
        let position = CONTROLS.iter().position(|c| c.id == id).ok_or_else(|| ModelError::UnknownName {
            kind: "control".into(),
            name: id.into(),
            known: CONTROLS.iter().map(|c| c.id).collect::<Vec<_>>().join(", "),
        })?;
        self.values[position] = check_value(&CONTROLS[position], value)?;
        self.moved[position] = true;
        Ok(())
    }

    /// The value of a control, percent.
    pub fn get(&self, id: &str) -> Option<f64> {
        CONTROLS.iter().position(|c| c.id == id).map(|p| self.values[p])
    }

    /// Whether any control has been moved.
    pub fn any_moved(&self) -> bool {
        self.moved.iter().any(|m| *m)
    }

    /// `(id, value)` for every control, in display order.
    pub fn all(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        CONTROLS.iter().zip(&self.values).map(|(c, v)| (c.id, *v))
    }

    /// Ids of the moved controls.
    pub fn moved(&self) -> impl Iterator<Item = &'static str> + '_ {
        CONTROLS.iter().zip(&self.moved).filter(|(_, m)| **m).map(|(c, _)| c.id)
    }

    /// The scenario to solve: the preset's measures, then one measure per flow of every moved control (a moved
    /// claim share re-applies every US control that depends on it).
    pub fn apply(&self, preset: &ScenarioFile, economy: &Economy) -> Result<ScenarioFile, ModelError> {
        let mut scenario = preset.clone();
        if !self.any_moved() {
            return Ok(scenario);
        }
        let claim_position = CONTROLS.iter().position(|c| c.kind == ControlKind::ClaimShare).unwrap_or(0);
        let claim = self.values[claim_position] / 100.0;
        let claim_moved = self.moved[claim_position];
        scenario.name = format!("{} (adjusted)", preset.name);
        for (position, spec) in CONTROLS.iter().enumerate() {
            let depends_on_claim =
                matches!(spec.kind, ControlKind::UsOtherGoods | ControlKind::UsEnergy | ControlKind::UsVehicles);
            if !(self.moved[position] || (claim_moved && depends_on_claim)) {
                continue;
            }
            let value = self.values[position] / 100.0;
            let (Some(importer), Some(exporter)) =
                (economy.country_index(spec.importer), economy.country_index(spec.exporter))
            else {
                continue;
            };
            for sector_id in sectors_of(spec.kind) {
                let Some(sector) = economy.sector_index(sector_id) else { continue };
                let label = format!("{}: {}%", spec.label, crate::util::numbers::fixed(self.values[position], 1));
                match spec.kind {
                    ControlKind::TradeCostCut => {
                        for (from, to) in [(spec.exporter, spec.importer), (spec.importer, spec.exporter)] {
                            scenario.measures.push(Measure {
                                label: label.clone(),
                                importers: vec![to.into()],
                                exporters: vec![from.into()],
                                sectors: vec![(*sector_id).into()],
                                trade_cost: Some(1.0 - value),
                                ..Default::default()
                            });
                        }
                    }
                    ControlKind::ClaimShare => {}
                    _ => {
                        let base = economy.tariff(sector, importer, exporter);
                        scenario.measures.push(Measure {
                            label,
                            importers: vec![spec.importer.into()],
                            exporters: vec![spec.exporter.into()],
                            sectors: vec![(*sector_id).into()],
                            tariff: Some(base + value * paying_share(spec, claim)),
                            note: spec.rule.into(),
                            ..Default::default()
                        });
                    }
                }
            }
        }
        Ok(scenario)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::{presets, Scenario};

    #[test]
    fn the_vehicle_rule_matches_the_presets() {
        let spec = control("us_vehicles_can").unwrap();
        assert!((0.25 * paying_share(spec, 0.85) - 0.1242).abs() < 5e-4);
        let spec = control("us_vehicles_mex").unwrap();
        assert!((0.25 * paying_share(spec, 0.85) - 0.1178).abs() < 5e-4);
    }

    #[test]
    fn unmoved_controls_leave_the_preset_unchanged_and_moved_ones_override() {
        let economy = presets::north_america_2024().unwrap();
        let preset = presets::preset("us-tariffs-2025").unwrap();
        let mut values = ControlValues::for_preset(&preset).unwrap();
        assert_eq!(values.apply(&preset, &economy).unwrap(), preset);
        values.set("us_metals_can", 100.0).unwrap();
        let adjusted = Scenario::build(&values.apply(&preset, &economy).unwrap(), &economy).unwrap();
        let (usa, can, metals) = (0, 1, economy.sector_index("metals").unwrap());
        let expected = economy.tariff(metals, usa, can) + 1.0 * 0.60;
        assert!((adjusted.tariff(&economy, metals, usa, can) - expected).abs() < 1e-12);
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
