//! What the page's Web Worker hands back to the page's explorer: thin wrappers over [`crate::app::handover`], which
//! also says why the handover is exact. A loaded state travels as a JavaScript object (`serde_wasm_bindgen`)
//! without its large arrays, which travel as one `Float64Array`.

use wasm_bindgen::prelude::*;

use super::Explorer;

#[wasm_bindgen]
impl Explorer {
    /// The uncertainty ranges of the current result as numbers (empty without them), for `adopt_ranges`.
    pub fn ranges_flat(&self) -> Vec<f64> {
        self.s.ranges_flat()
    }

    /// Take ranges computed in the worker for the state whose link is `query` (`false`: ignored).
    pub fn adopt_ranges(&mut self, query: &str, flat: Vec<f64>) -> bool {
        self.s.adopt_ranges(query, flat)
    }

    /// The ranges' computation failed in the worker for the state whose link is `query` (`false`: ignored).
    pub fn adopt_ranges_failure(&mut self, query: &str, message: &str) -> bool {
        self.s.adopt_ranges_failure(query, message)
    }

    /// For the page's tests only: panic on purpose, to check that a panic in the worker is reported and the
    /// worker restarted (the worker calls it on a debug message; nothing in the page does).
    pub fn debug_panic() {
        panic!("debug_panic: a panic asked for by a test");
    }
}

#[cfg(feature = "own-data")]
#[wasm_bindgen]
impl Explorer {
    /// In the worker, after `finish_pending`: the state to hand to the page's explorer, without its large arrays
    /// (`loaded_numbers`); `with_economy` after an economy file, otherwise after a scenario file.
    pub fn loaded_state(&self, with_economy: bool) -> Result<JsValue, JsError> {
        let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
        serde::Serialize::serialize(&self.s.loaded_state(with_economy), &serializer)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The large arrays of `loaded_state`, one after the other.
    pub fn loaded_numbers(&self, with_economy: bool) -> Vec<f64> {
        self.s.loaded_numbers(with_economy)
    }

    /// In the worker, after a scenario file: the built scenario's new tariffs (and trade-cost changes).
    pub fn scenario_numbers(&self) -> Vec<f64> {
        self.s.scenario_numbers()
    }

    /// Install an economy file loaded and solved by the worker, without solving again.
    pub fn install_economy(&mut self, state: JsValue, numbers: Vec<f64>, file_name: &str) -> Result<(), JsError> {
        Ok(self.s.install_economy(from_worker(state)?, numbers, file_name)?)
    }

    /// Install a scenario file read, built and solved by the worker against the economy in use.
    pub fn install_scenario(
        &mut self,
        state: JsValue,
        numbers: Vec<f64>,
        scenario: Vec<f64>,
        file_name: &str,
    ) -> Result<(), JsError> {
        Ok(self.s.install_scenario(from_worker(state)?, numbers, scenario, file_name)?)
    }
}

/// The worker's state object as Rust.
#[cfg(feature = "own-data")]
fn from_worker(state: JsValue) -> Result<crate::app::handover::Loaded, JsError> {
    serde_wasm_bindgen::from_value(state).map_err(|e| JsError::new(&format!("the worker's result: {e}")))
}
