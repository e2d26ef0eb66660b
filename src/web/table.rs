//! The tariff table, the scenario as a file and A against B: thin wrappers over [`crate::app::workbench`].

use wasm_bindgen::prelude::*;

#[cfg(feature = "own-data")]
use super::to_js;
use super::Explorer;

#[wasm_bindgen]
impl Explorer {
    /// Whether the page holds a reader's economy, which no link can carry (the page then warns before leaving).
    pub fn own_economy(&self) -> bool {
        self.s.own_economy()
    }

    /// A warning for a link too long to share safely (empty: none), in the reader's language.
    pub fn link_warning(&self, link: &str) -> String {
        self.s.link_warning(link)
    }
}

#[cfg(feature = "own-data")]
#[wasm_bindgen]
impl Explorer {
    /// The tariff table: `{sectors, sector_names, rows: [{importer, exporter, label, rates, base, set}]}`.
    pub fn tariff_table(&self) -> Result<JsValue, JsError> {
        to_js(&self.s.tariff_table())
    }

    /// Set tariff-table cells (`importer, exporter, sector, percent` four at a time) and solve.
    pub fn set_rates(&mut self, edits: Vec<f64>) -> Result<(), JsError> {
        Ok(self.s.set_rates(edits)?)
    }

    /// A block pasted from a spreadsheet as rows of numbers (`null`: an empty cell).
    pub fn parse_paste(&self, text: &str) -> Result<JsValue, JsError> {
        to_js(&self.s.parse_paste(text)?)
    }

    /// The scenario on screen as a scenario file (JSON).
    pub fn scenario_json(&self) -> Result<String, JsError> {
        Ok(self.s.scenario_json()?)
    }

    /// Scenario A (this explorer) against scenario B (`other`), at both horizons: `{a, b, lines}`.
    pub fn compare_with(&self, other: &Explorer) -> Result<JsValue, JsError> {
        to_js(&self.s.compare_with(&other.s)?)
    }

    /// Start the ranges of B − A against `other`; returns whether there is work to do (`advance_difference`).
    pub fn begin_difference(&mut self, other: &Explorer) -> bool {
        self.s.begin_difference(&other.s)
    }

    /// One slice of the difference's ranges; true when they are done (or failed).
    pub fn advance_difference(&mut self) -> bool {
        self.s.advance_difference()
    }

    /// The comparison as CSV, with both scenarios' names and the link first.
    pub fn compare_csv(&self, other: &Explorer, link: &str) -> Result<String, JsError> {
        Ok(self.s.compare_csv(&other.s, link)?)
    }
}
