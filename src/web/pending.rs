//! A reader's file loaded in slices: thin wrappers over [`crate::app::loading`].

use wasm_bindgen::prelude::*;

use super::{to_js, Explorer};

#[wasm_bindgen]
impl Explorer {
    /// Start loading an economy file (JSON, or CSV long format when the name ends in `.csv` or the text is not
    /// JSON); its checks, the rebase (when asked) and the solve then run in slices through `advance`.
    pub fn begin_economy(
        &mut self,
        text: &str,
        file_name: &str,
        rebase: bool,
        balanced_trade: bool,
    ) -> Result<(), JsError> {
        Ok(self.s.begin_economy(text, file_name, rebase, balanced_trade)?)
    }

    /// Start loading a scenario file (JSON) against the economy in use; see `begin_economy`.
    pub fn begin_scenario(&mut self, text: &str, file_name: &str) -> Result<(), JsError> {
        Ok(self.s.begin_scenario(text, file_name)?)
    }

    /// Run one slice of the pending load: `{done, iteration, residual, fraction, message}`.
    pub fn advance(&mut self, iterations: usize) -> Result<JsValue, JsError> {
        to_js(&self.s.advance(iterations)?)
    }

    /// Install the result of the pending load once `advance` has said it is done.
    pub fn finish_pending(&mut self) -> Result<(), JsError> {
        Ok(self.s.finish_pending()?)
    }
}
