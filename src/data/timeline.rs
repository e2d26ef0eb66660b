//! The timeline of the 2025–2026 events (`data/timeline.json`, embedded at build time as Rust data): each event's tariffs are
//! data, with their sources. The scenario "on a date" applies, in order, the measures of every event in force on
//! that date, with the USMCA claim share of the latest event that sets one.
//!
//! Events marked `illustrative` (assumptions such as the size of the Canada–Mexico trade-cost cut) are not enacted
//! measures: the timeline leaves them out unless [`TimelineOptions::include_illustrative`] asks for them. The plain
//! functions ([`step_for_date`], [`scenario_at`]) follow the enacted events only.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::model::error::ModelError;
use crate::model::ids::IdValues;
use crate::model::scenario::{Measure, ScenarioFile, SectorClaimShares};

/// One event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique id, starting with the date.
    pub id: String,
    /// Date in force, `YYYY-MM-DD`.
    pub date: String,
    /// One line in English (the page shows the catalogue's `timeline.{id}` in the reader's language).
    pub title: String,
    /// Where it comes from.
    pub source: String,
    /// An assumption of this project rather than an enacted measure; left out of the timeline by default.
    #[serde(default, skip_serializing_if = "is_false")]
    pub illustrative: bool,
    /// The USMCA claim share from this event on, if it changes.
    #[serde(default, skip_serializing_if = "IdValues::is_empty")]
    pub usmca_claim_share: IdValues,
    /// Claim shares by exporter and sector from this event on (`{"CAN": {"energy": 0.99}}`), replacing
    /// `usmca_claim_share` for the sectors listed, as in a scenario file. An event that sets an exporter's
    /// `usmca_claim_share` without sector shares for it drops that exporter's earlier sector shares.
    #[serde(default, skip_serializing_if = "SectorClaimShares::is_empty")]
    pub usmca_claim_share_by_sector: SectorClaimShares,
    /// The event's measures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
}

/// The events, in date order (embedded at build time as Rust data, see `src/data/embedded.rs`).
pub fn events() -> &'static [Event] {
    static EVENTS: OnceLock<Vec<Event>> = OnceLock::new();
    EVENTS.get_or_init(|| crate::data::embedded::EVENTS.iter().map(|event| event.event()).collect())
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Which events the timeline follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimelineOptions {
    /// Also apply the events marked `illustrative` (default: enacted events only).
    pub include_illustrative: bool,
}

impl TimelineOptions {
    /// The enacted events only (the default).
    pub const ENACTED: TimelineOptions = TimelineOptions { include_illustrative: false };
    /// The enacted events and the illustrative assumptions.
    pub const WITH_ILLUSTRATIVE: TimelineOptions = TimelineOptions { include_illustrative: true };

    /// Whether the timeline follows `event` under these options.
    pub fn includes(self, event: &Event) -> bool {
        self.include_illustrative || !event.illustrative
    }
}

/// The enacted events (not `illustrative`), in date order, with their index in [`events`].
pub fn enacted_events() -> impl Iterator<Item = (usize, &'static Event)> {
    events().iter().enumerate().filter(|(_, e)| TimelineOptions::ENACTED.includes(e))
}

/// The index (in [`events`]) of the last enacted event in force on `date` (`YYYY-MM-DD`), or `None` before the
/// first.
pub fn step_for_date(date: &str) -> Option<usize> {
    step_for_date_with(date, TimelineOptions::ENACTED)
}

/// The index (in [`events`]) of the last event followed under `options` in force on `date`, or `None` before the
/// first.
pub fn step_for_date_with(date: &str, options: TimelineOptions) -> Option<usize> {
    // ISO dates compare correctly as strings.
    events().iter().rposition(|e| e.date.as_str() <= date && options.includes(e))
}

/// The scenario with every enacted event up to and including `step` (an index in [`events`]) in force.
pub fn scenario_at(step: usize) -> Result<ScenarioFile, ModelError> {
    scenario_at_with(step, TimelineOptions::ENACTED)
}

/// The scenario with every event followed under `options` up to and including `step` (an index in [`events`]) in
/// force. Named after the last such event.
pub fn scenario_at_with(step: usize, options: TimelineOptions) -> Result<ScenarioFile, ModelError> {
    let events = events();
    if step >= events.len() {
        return Err(ModelError::invalid(
            "step",
            format!("[{step}]"),
            format!("the timeline has {} events", events.len()),
        ));
    }
    let followed: Vec<&Event> = events[..=step].iter().filter(|e| options.includes(e)).collect();
    let mut claim: IdValues = [("CAN".to_string(), 0.0), ("MEX".to_string(), 0.0)].into_iter().collect();
    let mut by_sector = SectorClaimShares::default();
    let mut measures = Vec::new();
    for event in &followed {
        for (country, share) in &event.usmca_claim_share {
            claim.insert(country.clone(), *share);
            by_sector.remove(country);
        }
        for (country, shares) in event.usmca_claim_share_by_sector.iter() {
            for (sector, share) in shares {
                by_sector.insert(country, sector, *share);
            }
        }
        measures.extend(event.measures.iter().cloned());
    }
    let (date, title) = followed.last().map_or((String::new(), String::new()), |e| (e.date.clone(), e.title.clone()));
    Ok(ScenarioFile {
        name: format!("Tariffs in force on {date}"),
        description: title,
        date,
        sources: followed.iter().map(|e| e.source.clone()).collect(),
        usmca_claim_share: claim,
        usmca_claim_share_by_sector: by_sector,
        measures,
        ..Default::default()
    })
}

/// The scenario in force on `date` (`YYYY-MM-DD`) under `options`, or `None` before the first event followed.
pub fn scenario_on(date: &str, options: TimelineOptions) -> Result<Option<ScenarioFile>, ModelError> {
    step_for_date_with(date, options).map(|step| scenario_at_with(step, options)).transpose()
}

/// The story's 5th–95th percentile ranges as embedded from `data/story-ranges.json` (written by `natx timeline
/// --ranges`, recomputed by `tests/story.rs`): the dates, and 24 numbers per date (first year then long run; real
/// GDP then real income; the United States, Canada, Mexico; low then high). `view::story::embedded_ranges` reads
/// them.
pub fn story_ranges_data() -> (&'static [&'static str], &'static [f64]) {
    (crate::data::embedded::STORY_RANGE_DATES, crate::data::embedded::STORY_RANGES)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::{data::presets, model::scenario::Scenario, model::solver::solve};

    #[test]
    fn the_timeline_parses_in_date_order_and_every_step_solves() {
        assert!(events().len() >= 10);
        assert!(events().windows(2).all(|w| w[0].date <= w[1].date), "events in date order");
        let economy = presets::north_america_2024().unwrap();
        for step in 0..events().len() {
            let scenario = Scenario::build(&scenario_at(step).unwrap(), &economy).unwrap();
            let results = solve(&economy, &scenario).unwrap();
            assert!(results.solver.wage_residual < 1e-10, "step {step}");
        }
        assert_eq!(step_for_date("2024-01-01"), None);
        assert_eq!(step_for_date("2099-01-01"), Some(events().len() - 1));
        let june = step_for_date("2025-06-04").unwrap();
        assert!(
            events()[june].date.as_str() <= "2025-06-04"
                && events().get(june + 1).is_none_or(|e| e.date.as_str() > "2025-06-04")
        );
    }

    #[test]
    fn late_2025_resembles_the_us_tariffs_preset() {
        let economy = presets::north_america_2024().unwrap();
        let timeline = Scenario::build(&scenario_at(step_for_date("2025-11-02").unwrap()).unwrap(), &economy).unwrap();
        let preset = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
        let (usa, can, metals) = (0, 1, economy.sector_index("metals").unwrap());
        let gap = (timeline.tariff(&economy, metals, usa, can) - preset.tariff(&economy, metals, usa, can)).abs();
        assert!(gap < 0.05, "US tariff on Canadian metals: timeline vs preset differ by {gap}");
    }
}
