//! The year as a story (issue 25, item 4): the story (`view::story`) computed after the first charts — in the
//! page's Web Worker, whose numbers the page adopts ([`story_flat`], [`adopt_story`]), or one date at a time where
//! there is no worker ([`advance_story`], two solves of the built-in economy per call) —, kept once for every
//! session of the page (it depends on the built-in data only), and the step a host article asks an embed to show
//! checked before anything changes ([`story_step_known`]).

use std::cell::RefCell;
use std::sync::OnceLock;

use crate::app::scenario_state::Base;
use crate::app::session::{Session, SessionError};
use crate::data::presets;
use crate::data::timeline;
use crate::view::charts::StoryInput;
use crate::view::story::{dated_steps, Story, StoryFigures, StoryJob, StoryStep};

/// Numbers per step in [`story_flat`]: two horizons × three countries × three figures.
const FIGURES_PER_STEP: usize = 2 * 3 * 3;

/// The story, once computed (the same for every explorer: the built-in data and timeline).
static STORY: OnceLock<Story> = OnceLock::new();

thread_local! {
/// The story being computed, date by date; or why it could not be.
    static JOB: RefCell<Option<Result<StoryJob, String>>> = const { RefCell::new(None) };
}

/// Whether the story is computed.
pub fn has_story() -> bool {
    STORY.get().is_some()
}

/// Solve the story's next date at both horizons (two solves of the built-in economy); `true` once the story is
/// complete. A failure is reported once as an error, and the chart keeps saying the story is being computed.
pub fn advance_story() -> Result<bool, SessionError> {
    if STORY.get().is_some() {
        return Ok(true);
    }
    JOB.with(|cell| {
        let mut slot = cell.borrow_mut();
        let job = slot.get_or_insert_with(|| {
            presets::north_america_2024().and_then(|economy| StoryJob::new(&economy)).map_err(|e| e.to_string())
        });
        let done = match job {
            Ok(job) => job.advance().map_err(|e| e.to_string()),
            Err(e) => return Err(SessionError::new(e.as_str())),
        };
        match done {
            Ok(true) => {
                if let Some(Ok(job)) = slot.take() {
                    if let Some(story) = job.story() {
                        let _ = STORY.set(story);
                    }
                }
                Ok(true)
            }
            Ok(false) => Ok(false),
            Err(e) => {
                *slot = Some(Err(e.clone()));
                Err(SessionError::new(e))
            }
        }
    })
}

/// `[dates solved, dates]` of the story.
pub fn story_progress() -> Vec<u32> {
    let total = dated_steps().len() as u32;
    if STORY.get().is_some() {
        return vec![total, total];
    }
    let done = JOB.with(|cell| match &*cell.borrow() {
        Some(Ok(job)) => job.progress().0 as u32,
        _ => 0,
    });
    vec![done, total]
}

/// The computed story as plain numbers, for the page to adopt from its Web Worker: per step in date order, per
/// horizon (first year, long run), per country (`USA`, `CAN`, `MEX`): real GDP %, real income %, jobs
/// (thousands). Empty until the story is computed.
pub fn story_flat() -> Vec<f64> {
    let Some(story) = STORY.get() else { return Vec::new() };
    let mut flat = Vec::with_capacity(story.steps.len() * FIGURES_PER_STEP);
    for step in &story.steps {
        for figures in [&step.first_year, &step.long_run] {
            for c in 0..story.countries.len() {
                flat.extend([figures.real_gdp_pct[c], figures.real_income_pct[c], figures.jobs_thousands[c]]);
            }
        }
    }
    flat
}

/// Adopt the story computed by the Web Worker ([`story_flat`] there); `false` (and nothing kept) when
/// the numbers do not have the story's shape or are not all finite, or a story is already kept.
pub fn adopt_story(flat: Vec<f64>) -> bool {
    let dated = dated_steps();
    if STORY.get().is_some() || flat.len() != dated.len() * FIGURES_PER_STEP || !flat.iter().all(|v| v.is_finite()) {
        return false;
    }
    let countries = crate::view::NORTH_AMERICA.len();
    let figures = |chunk: &[f64]| StoryFigures {
        real_gdp_pct: (0..countries).map(|c| chunk[3 * c]).collect(),
        real_income_pct: (0..countries).map(|c| chunk[3 * c + 1]).collect(),
        jobs_thousands: (0..countries).map(|c| chunk[3 * c + 2]).collect(),
    };
    let steps = dated
        .into_iter()
        .zip(flat.chunks(FIGURES_PER_STEP))
        .map(|(d, chunk)| StoryStep {
            date: d.date,
            event_ids: d.event_ids,
            titles: d.titles,
            first_year: figures(&chunk[..FIGURES_PER_STEP / 2]),
            long_run: figures(&chunk[FIGURES_PER_STEP / 2..]),
        })
        .collect();
    let story = Story { countries: crate::view::NORTH_AMERICA.iter().map(|id| (*id).to_string()).collect(), steps };
    STORY.set(story).is_ok()
}

/// Whether `date` is one of the story's steps (`YYYY-MM-DD`, an enacted timeline date): a host article's
/// fragment or message naming anything else is ignored (malformed text never reaches the solver).
pub fn story_step_known(date: &str) -> bool {
    crate::app::url_state::is_date(date) && dated_steps().iter().any(|s| s.date == date)
}

/// What the `story` chart reads: the story once computed and the step the session is on; `None` where the story
/// does not apply.
pub(super) fn story_input(session: &Session) -> Option<StoryInput<'static>> {
    {
        if !session.story_applies() {
            return None;
        }
        let current = match *session.state.base() {
            Base::Step(k) => timeline::events().get(k).map(|e| e.date.as_str()),
            Base::Preset(_) | Base::Custom => None,
        };
        Some(StoryInput { story: STORY.get(), current })
    }
}
