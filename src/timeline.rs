//! The timeline of the 2025–2026 events (`data/timeline.json`, embedded at build time): each event's tariffs are
//! data, with their sources. The scenario "on a date" applies, in order, the measures of every event in force on
//! that date, with the USMCA claim share of the latest event that sets one.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::ModelError;
use crate::scenario::{IdValues, Measure, ScenarioFile};

/// The timeline file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineFile {
    #[allow(dead_code, reason = "documentation inside the data file (the browser build leaves it out)")]
    #[serde(default)]
    description: String,
    events: Vec<Event>,
}

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
    /// The USMCA claim share from this event on, if it changes.
    #[serde(default, skip_serializing_if = "IdValues::is_empty")]
    pub usmca_claim_share: IdValues,
    /// The event's measures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
}

const TIMELINE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/timeline.json"));

/// The events, in date order (empty if the embedded file were malformed, which a test rules out).
pub fn events() -> &'static [Event] {
    static EVENTS: OnceLock<Vec<Event>> = OnceLock::new();
    EVENTS.get_or_init(|| serde_json::from_str::<TimelineFile>(TIMELINE_JSON).map(|f| f.events).unwrap_or_default())
}

/// The index of the last event in force on `date` (`YYYY-MM-DD`), or `None` before the first.
pub fn step_for_date(date: &str) -> Option<usize> {
    // ISO dates compare correctly as strings.
    events().iter().rposition(|e| e.date.as_str() <= date)
}

/// The scenario with every event up to and including `step` in force.
pub fn scenario_at(step: usize) -> Result<ScenarioFile, ModelError> {
    let events = events();
    let last = events.get(step).ok_or_else(|| {
        ModelError::invalid("step", format!("[{step}]"), format!("the timeline has {} events", events.len()))
    })?;
    let mut claim: IdValues = [("CAN".to_string(), 0.0), ("MEX".to_string(), 0.0)].into_iter().collect();
    let mut measures = Vec::new();
    for event in &events[..=step] {
        for (country, share) in &event.usmca_claim_share {
            claim.insert(country.clone(), *share);
        }
        measures.extend(event.measures.iter().cloned());
    }
    Ok(ScenarioFile {
        name: format!("Tariffs in force on {}", last.date),
        description: last.title.clone(),
        date: last.date.clone(),
        sources: events[..=step].iter().map(|e| e.source.clone()).collect(),
        usmca_claim_share: claim,
        measures,
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::{presets, solve, Scenario};

    #[test]
    fn the_timeline_parses_in_date_order_and_every_step_solves() {
        let file: TimelineFile = serde_json::from_str(TIMELINE_JSON).expect("timeline.json parses");
        assert!(file.events.len() >= 10);
        assert!(file.events.windows(2).all(|w| w[0].date <= w[1].date), "events in date order");
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
