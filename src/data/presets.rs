//! The built-in North American baseline (2024) and the preset scenarios, embedded into the binary at build time
//! from `data/`.

use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::scenario::ScenarioFile;

/// The baseline economy file, `data/north-america-2024.json`.
pub const BASELINE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/north-america-2024.json"));

/// The preset scenarios: `(id, file text)`, in the order a reader meets them.
pub const PRESETS: &[(&str, &str)] = &[
    ("baseline-2024", include_str!(concat!(env!("OUT_DIR"), "/scenarios/baseline-2024.json"))),
    ("us-tariffs-2025", include_str!(concat!(env!("OUT_DIR"), "/scenarios/us-tariffs-2025.json"))),
    (
        "canada-retaliation-2025-03",
        include_str!(concat!(env!("OUT_DIR"), "/scenarios/canada-retaliation-2025-03.json")),
    ),
    ("canada-mexico-partnership", include_str!(concat!(env!("OUT_DIR"), "/scenarios/canada-mexico-partnership.json"))),
    (
        "mexico-tariffs-on-china-2026",
        include_str!(concat!(env!("OUT_DIR"), "/scenarios/mexico-tariffs-on-china-2026.json")),
    ),
    ("usmca-lapses", include_str!(concat!(env!("OUT_DIR"), "/scenarios/usmca-lapses.json"))),
    ("regime-2026-after-ieepa", include_str!(concat!(env!("OUT_DIR"), "/scenarios/regime-2026-after-ieepa.json"))),
    ("all-out-trade-war", include_str!(concat!(env!("OUT_DIR"), "/scenarios/all-out-trade-war.json"))),
];

/// The built-in North American baseline economy, 2024.
pub fn north_america_2024() -> Result<Economy, ModelError> {
    Economy::from_json(BASELINE_JSON)
}

/// The ids of the preset scenarios.
pub fn preset_ids() -> impl Iterator<Item = &'static str> {
    PRESETS.iter().map(|(id, _)| *id)
}

/// The presets, parsed once.
fn parsed() -> &'static [Result<ScenarioFile, ModelError>] {
    static PARSED: std::sync::OnceLock<Vec<Result<ScenarioFile, ModelError>>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| PRESETS.iter().map(|(_, text)| ScenarioFile::from_json(text)).collect())
}

/// A preset scenario file by id.
pub fn preset(id: &str) -> Result<ScenarioFile, ModelError> {
    let index = PRESETS.iter().position(|(preset_id, _)| *preset_id == id).ok_or_else(|| ModelError::UnknownName {
        kind: "preset".into(),
        name: id.into(),
        known: preset_ids().collect::<Vec<_>>().join(", "),
    })?;
    parsed()[index].clone()
}
