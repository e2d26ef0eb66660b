//! The year as a story (issue 25, item 4): for every dated step of the enacted timeline (one step per date, the
//! last event of the date carrying everything then in force), the scenario solved at both horizons — the first
//! year (the `one_year` elasticities with the sticky-wage closure that goes with them) and the long run (the
//! baseline's default long-run set, wages flexible) — and the headline figures of the United States, Canada and
//! Mexico: real GDP %, real income % and jobs (thousands; lost in the first year, zero net in the long run).
//!
//! One path for `natx timeline` and the page's `story` chart: [`story`] runs [`StoryJob`] to the end; the page
//! advances the same job one date at a time ([`StoryJob::advance`]: two solves of the built-in economy, about
//! 1.3 ms natively), after its other charts are drawn.
//!
//! Uncertainty: the ranges of the story are 2 × 18 × 200 = 7,200 solves (about 4 s natively, 13 s or more in the
//! browser), too many for the page to compute while an article scrolls. The story only ever uses the built-in data
//! and the two default elasticity sets, so its ranges never change with the reader's choices: [`story_ranges`]
//! computes them once (`natx timeline --ranges --json`), `data/story-ranges.json` keeps them, the build embeds them
//! (`data::embedded::story_ranges`), and a test recomputes them and compares.

use serde::Serialize;

use crate::data::timeline;
use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::results::Results;
use crate::model::scenario::Scenario;
use crate::model::solver::solve;
use crate::model::uncertainty::{DifferenceRangesJob, Range, RangeOptions};

/// The headline figures of one horizon at one step, one value per country of [`Story::countries`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryFigures {
    /// Real GDP, percent change from the baseline.
    pub real_gdp_pct: Vec<f64>,
    /// Real income (welfare, tariff revenue returned), percent change from the baseline.
    pub real_income_pct: Vec<f64>,
    /// Jobs, thousands (the sum of the changes by sector: jobs lost in the first year; zero net in the long run,
    /// where jobs only move between sectors).
    pub jobs_thousands: Vec<f64>,
}

impl StoryFigures {
    fn of(results: &Results, focus: &[usize]) -> StoryFigures {
        let jobs = |n: usize| results.derived.jobs_moved_thousands.as_ref().map_or(0.0, |j| j[n].iter().sum::<f64>());
        StoryFigures {
            real_gdp_pct: focus.iter().map(|&n| results.derived.real_gdp_pct[n]).collect(),
            real_income_pct: focus.iter().map(|&n| results.welfare_pct[n]).collect(),
            jobs_thousands: focus.iter().map(|&n| jobs(n)).collect(),
        }
    }
}

/// One dated step: what changed on its date and everything then in force, at both horizons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryStep {
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// The ids of the events of this date (the catalogue's `timeline.{id}` names them in the reader's language).
    pub event_ids: Vec<String>,
    /// The events' titles in English (`natx timeline`).
    pub titles: Vec<String>,
    /// The first year: one-year elasticities, sticky wages.
    pub first_year: StoryFigures,
    /// The long run: long-run elasticities, flexible wages, full employment.
    pub long_run: StoryFigures,
}

/// The year as a story: every dated step, in date order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    /// The countries' ids, in the order of every figure list (`USA`, `CAN`, `MEX`).
    pub countries: Vec<String>,
    /// The steps, in date order.
    pub steps: Vec<StoryStep>,
}

impl Story {
    /// The index of the step of `date` (`YYYY-MM-DD`), if the story has one.
    pub fn step_index(&self, date: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.date == date)
    }
}

/// A date of the timeline: its last enacted event (an index in [`timeline::events`]) and every event of it.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedStep {
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// The last enacted event of the date, an index in [`timeline::events`].
    pub last: usize,
    /// The ids of the date's enacted events.
    pub event_ids: Vec<String>,
    /// Their titles in English.
    pub titles: Vec<String>,
}

/// The enacted timeline's dates, in order, each with its events (no solve: the story's steps before they are
/// computed).
pub fn dated_steps() -> Vec<DatedStep> {
    let mut steps: Vec<DatedStep> = Vec::new();
    for (index, event) in timeline::enacted_events() {
        match steps.last_mut() {
            Some(step) if step.date == event.date => {
                step.last = index;
                step.event_ids.push(event.id.clone());
                step.titles.push(event.title.clone());
            }
            _ => steps.push(DatedStep {
                date: event.date.clone(),
                last: index,
                event_ids: vec![event.id.clone()],
                titles: vec![event.title.clone()],
            }),
        }
    }
    steps
}

/// The dates of the story's steps, in order (without solving anything).
pub fn story_dates() -> Vec<String> {
    dated_steps().into_iter().map(|s| s.date).collect()
}

/// The story, computed one date at a time.
#[derive(Debug, Clone)]
pub struct StoryJob {
    first: Economy,
    long: Economy,
    focus: Vec<usize>,
    countries: Vec<String>,
    dates: Vec<DatedStep>,
    steps: Vec<StoryStep>,
}

impl StoryJob {
    /// A job over `long_run` (an economy whose elasticities are the long-run set, such as the built-in baseline)
    /// and its `one_year` set for the first year. Needs the North American three among its countries.
    pub fn new(long_run: &Economy) -> Result<StoryJob, ModelError> {
        let first = long_run.with_theta_set("one_year")?;
        let ids = crate::view::NORTH_AMERICA;
        let focus = ids
            .iter()
            .map(|id| {
                long_run.country_index(id).ok_or_else(|| ModelError::UnknownName {
                    kind: "country".into(),
                    name: (*id).to_string(),
                    known: long_run.countries().join(", "),
                })
            })
            .collect::<Result<Vec<usize>, ModelError>>()?;
        Ok(StoryJob {
            first,
            long: long_run.clone(),
            focus,
            countries: ids.iter().map(|id| (*id).to_string()).collect(),
            dates: dated_steps(),
            steps: Vec::new(),
        })
    }

    /// Solve the next date at both horizons; `true` once every date is done. An error (a step that does not
    /// solve) stops the job: the story is shown whole or not at all.
    pub fn advance(&mut self) -> Result<bool, ModelError> {
        if let Some(dated) = self.dates.get(self.steps.len()) {
            let file = timeline::scenario_at(dated.last)?;
            let at = |economy: &Economy| -> Result<StoryFigures, ModelError> {
                let scenario = Scenario::build(&file, economy)?;
                Ok(StoryFigures::of(&solve(economy, &scenario)?, &self.focus))
            };
            let step = StoryStep {
                date: dated.date.clone(),
                event_ids: dated.event_ids.clone(),
                titles: dated.titles.clone(),
                first_year: at(&self.first)?,
                long_run: at(&self.long)?,
            };
            self.steps.push(step);
        }
        Ok(self.is_done())
    }

    /// Whether every date is solved.
    pub fn is_done(&self) -> bool {
        self.steps.len() >= self.dates.len()
    }

    /// `(dates solved, dates)`.
    pub fn progress(&self) -> (usize, usize) {
        (self.steps.len(), self.dates.len())
    }

    /// The story, once done (`None` before).
    pub fn story(&self) -> Option<Story> {
        self.is_done().then(|| Story { countries: self.countries.clone(), steps: self.steps.clone() })
    }
}

/// The 5th–95th percentile ranges of one horizon at one step, one per country of [`Story::countries`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRanges {
    /// Real GDP, percent.
    pub real_gdp_pct: Vec<Range>,
    /// Real income, percent.
    pub real_income_pct: Vec<Range>,
}

/// The ranges of one dated step at both horizons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepRanges {
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// The first year.
    pub first_year: FigureRanges,
    /// The long run.
    pub long_run: FigureRanges,
}

/// The story's ranges on `long_run` (see [`StoryJob::new`]): for each date and horizon, the scenario then in force
/// against the 2024 baseline under the same 200 draws as every range of the explorer (elasticities and, at the
/// first year, the wage rigidity; `model::uncertainty::DifferenceRangesJob`, whose difference from an unchanged
/// baseline is the scenario's own change). About 4 s natively.
pub fn story_ranges(long_run: &Economy) -> Result<Vec<StepRanges>, ModelError> {
    let job = StoryJob::new(long_run)?;
    let options = RangeOptions::default();
    let mut out = Vec::with_capacity(job.dates.len());
    for dated in &job.dates {
        let file = timeline::scenario_at(dated.last)?;
        let at = |economy: &Economy| -> Result<FigureRanges, ModelError> {
            let scenario = Scenario::build(&file, economy)?;
            let ranges = DifferenceRangesJob::new(economy, &Scenario::baseline(economy), &scenario, &options).run()?;
            Ok(FigureRanges {
                real_gdp_pct: job.focus.iter().map(|&n| ranges.real_gdp_pct[n]).collect(),
                real_income_pct: job.focus.iter().map(|&n| ranges.welfare_pct[n]).collect(),
            })
        };
        out.push(StepRanges { date: dated.date.clone(), first_year: at(&job.first)?, long_run: at(&job.long)? });
    }
    Ok(out)
}

/// The story's ranges as the build embedded them (`data/story-ranges.json`), when they are for exactly the dates
/// of `story` (else `None`: a timeline changed without `natx timeline --ranges` being run again, which
/// `tests/story.rs` catches).
pub fn embedded_ranges(story: &Story) -> Option<Vec<StepRanges>> {
    let (dates, numbers) = timeline::story_ranges_data();
    if dates.len() != story.steps.len() || numbers.len() != 24 * dates.len() {
        return None;
    }
    let mut out = Vec::with_capacity(dates.len());
    for (k, (date, step)) in dates.iter().zip(&story.steps).enumerate() {
        if *date != step.date {
            return None;
        }
        let at = |offset: usize| -> Vec<Range> {
            (0..3)
                .map(|c| Range { low: numbers[24 * k + offset + 2 * c], high: numbers[24 * k + offset + 2 * c + 1] })
                .collect()
        };
        out.push(StepRanges {
            date: step.date.clone(),
            first_year: FigureRanges { real_gdp_pct: at(0), real_income_pct: at(6) },
            long_run: FigureRanges { real_gdp_pct: at(12), real_income_pct: at(18) },
        });
    }
    Some(out)
}

/// The whole story on `long_run` (see [`StoryJob::new`]): 2 solves per date.
pub fn story(long_run: &Economy) -> Result<Story, ModelError> {
    let mut job = StoryJob::new(long_run)?;
    while !job.advance()? {}
    Ok(Story { countries: job.countries, steps: job.steps })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;
    use crate::data::presets;

    #[test]
    fn one_step_per_enacted_date_with_every_event_of_it() {
        let steps = dated_steps();
        let enacted: Vec<_> = timeline::enacted_events().collect();
        assert_eq!(steps.iter().map(|s| s.event_ids.len()).sum::<usize>(), enacted.len());
        assert!(steps.windows(2).all(|w| w[0].date < w[1].date), "dates in order, each once");
        for step in &steps {
            let last = enacted.iter().filter(|(_, e)| e.date == step.date).map(|(i, _)| *i).max();
            assert_eq!(last, Some(step.last), "{}", step.date);
        }
    }

    #[test]
    fn each_step_equals_the_scenario_in_force_on_its_date_at_both_horizons() {
        let long = presets::north_america_2024().unwrap();
        let story = story(&long).unwrap();
        assert_eq!(story.steps.len(), story_dates().len());
        assert_eq!(story.countries, ["USA", "CAN", "MEX"]);
        // Recompute two steps by the path the page's timeline takes (the scenario on the date).
        let first = long.with_theta_set("one_year").unwrap();
        for k in [0, story.steps.len() - 1] {
            let step = &story.steps[k];
            let file = timeline::scenario_on(&step.date, timeline::TimelineOptions::ENACTED).unwrap().unwrap();
            for (economy, figures) in [(&first, &step.first_year), (&long, &step.long_run)] {
                let results = solve(economy, &Scenario::build(&file, economy).unwrap()).unwrap();
                let can = economy.country_index("CAN").unwrap();
                assert_eq!(figures.real_gdp_pct[1].to_bits(), results.derived.real_gdp_pct[can].to_bits());
                assert_eq!(figures.real_income_pct[1].to_bits(), results.welfare_pct[can].to_bits());
            }
        }
        // The first year loses jobs; the long run only moves them.
        let usa = &story.steps[0];
        assert!(usa.first_year.jobs_thousands[0] < -1.0, "{:?}", usa.first_year);
        assert!(usa.long_run.jobs_thousands.iter().all(|j| j.abs() < 1.0), "{:?}", usa.long_run);
        assert_eq!(story.step_index(&usa.date), Some(0));
        assert_eq!(story.step_index("1999-01-01"), None);
    }
}
