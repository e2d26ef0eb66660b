//! The built-in North American baseline (2024) and the preset scenarios, embedded into the binary at build time
//! from `data/north-america-2024.json` and `data/scenarios/*.json` (as Rust data, see `src/data/embedded.rs`).

use crate::data::embedded;
use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::scenario::ScenarioFile;

/// The built-in North American baseline economy, 2024.
pub fn north_america_2024() -> Result<Economy, ModelError> {
    Economy::from_file(embedded::north_america_2024_file())
}

/// The ids of the preset scenarios, in the order a reader meets them.
pub fn preset_ids() -> impl Iterator<Item = &'static str> {
    embedded::PRESETS.iter().map(|preset| preset.id)
}

/// The presets, built once (the page switches presets often; a clone allocates once per vector, as before).
fn built() -> &'static [ScenarioFile] {
    static BUILT: std::sync::OnceLock<Vec<ScenarioFile>> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| embedded::PRESETS.iter().map(embedded::ScenarioData::file).collect())
}

/// A preset scenario file by id.
pub fn preset(id: &str) -> Result<ScenarioFile, ModelError> {
    let index = embedded::PRESETS.iter().position(|preset| preset.id == id).ok_or_else(|| ModelError::UnknownName {
        kind: "preset".into(),
        name: id.into(),
        known: preset_ids().collect::<Vec<_>>().join(", "),
    })?;
    Ok(built()[index].clone())
}
