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

/// The preset a reader sees first when a link names no scenario: the late-2025 US tariffs on Canada and Mexico,
/// the story the explorer was built for (a test checks it is a preset).
pub const LEAD_PRESET: &str = "us-tariffs-2025";

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

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, reason = "tests")]

    #[test]
    fn the_lead_preset_is_a_preset_with_us_tariffs() {
        let file = super::preset(super::LEAD_PRESET).expect("the lead preset exists");
        assert!(file.measures.iter().any(|m| m.importers.iter().any(|i| i == "USA")), "it has US measures");
    }
}
