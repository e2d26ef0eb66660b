//! The year as a story in the page: thin wrappers over [`crate::app::story`] (computed in the page's Web Worker and
//! adopted, or date by date here where there is no worker).

use wasm_bindgen::prelude::*;

use super::Explorer;
use crate::app::story;
use crate::view::charts::ChartId;

#[wasm_bindgen]
impl Explorer {
    /// Whether the story applies to what the explorer shows: the built-in data (not a reader's own file).
    pub fn story_applies(&self) -> bool {
        self.s.story_applies()
    }

    /// Whether the story is computed.
    pub fn has_story() -> bool {
        story::has_story()
    }

    /// Solve the story's next date at both horizons; `true` once the story is complete.
    pub fn advance_story() -> Result<bool, JsError> {
        Ok(story::advance_story()?)
    }

    /// `[dates solved, dates]` of the story.
    pub fn story_progress() -> Vec<u32> {
        story::story_progress()
    }

    /// The computed story as plain numbers, for the page to adopt from its Web Worker (empty until computed).
    pub fn story_flat() -> Vec<f64> {
        story::story_flat()
    }

    /// Adopt the story computed by the Web Worker; `false` when the numbers do not have the story's shape.
    pub fn adopt_story(flat: Vec<f64>) -> bool {
        story::adopt_story(flat)
    }

    /// Whether `date` is one of the story's steps (`YYYY-MM-DD`, an enacted timeline date).
    pub fn story_step_known(date: &str) -> bool {
        story::story_step_known(date)
    }

    /// A chart's canvas height in CSS pixels at `width` CSS pixels in the reader's language (`ChartId::height_in`).
    pub fn chart_height_in(&self, chart: &str, width: f64) -> Result<f64, JsError> {
        Ok(ChartId::parse(chart)?.height_in(width, self.s.text()))
    }
}
