//! A reader's file loaded in slices (in the page's worker, and in the page itself where there is no worker, such as
//! the single file opened from `file://`): reading and checking at once, then the rebase's solve (if asked), the
//! expansion of a scenario's measures and the solve, each a bounded amount of work per [`Session::advance`], so
//! that a Cancel answers between two slices and no call blocks the page for long.

use serde::Serialize;

use crate::app::scenario_state::ScenarioState;
use crate::app::session::{Session, SessionError, SLICE_WORK};
use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::rebase::{RebaseJob, RebaseOptions, RebaseReport};
use crate::model::scenario::{Scenario, ScenarioBuild, ScenarioFile};
use crate::model::solver::{Solve, SolveJob, SolverOptions};

/// A load under way: its stage and the file's name (errors found on the way are prefixed with it).
pub(super) struct Pending {
    stage: Stage,
    file_name: String,
}

/// Where a load is.
enum Stage {
    /// A reader's economy file read; its checks (and the rebase's shares, when asked) are the first slice.
    Check { file: Box<crate::model::economy::EconomyFile>, rebase: Option<bool> },
    /// The rebase of a reader's economy; its baseline's solve follows.
    Rebase { job: Box<RebaseJob>, balanced: bool },
    /// A scenario file's measures being expanded; its solve follows.
    Expand { job: ScenarioBuild, file: Box<ScenarioFile> },
    /// The solve of what will be installed.
    Solve { job: Box<SolveJob>, kind: Kind },
}

/// What a solve installs when it finishes.
enum Kind {
    /// A reader's economy, with the rebase note (in the reader's language) when it was rebased.
    Economy {
        note: Option<String>,
    },
    Scenario(Box<ScenarioFile>),
}

/// How far a load has come.
#[derive(Debug, Serialize)]
pub struct Progress {
    /// Whether it is ready to install ([`Session::finish_pending`]).
    pub done: bool,
    /// The solver's outer iteration.
    pub iteration: usize,
    /// The solver's largest residual.
    pub residual: f64,
    /// How far along, 0–1: the residual on a log scale from 1 down to the solver's tolerance; the share of
    /// measures expanded while a scenario is expanded.
    pub fraction: f64,
    /// What is happening, in the reader's language.
    pub message: String,
}

impl Session {
    /// Start loading an economy file (JSON, or CSV long format when the name ends in `.csv` or the text is not
    /// JSON). The file is read at once (an error lists its problems, and the economy in use stays); its checks,
    /// the rebase (when asked) and the solve of its baseline then run in slices through [`Session::advance`]
    /// (whose errors are the file's problems too) and [`Session::finish_pending`].
    pub fn begin_economy(
        &mut self,
        text: &str,
        file_name: &str,
        rebase: bool,
        balanced_trade: bool,
    ) -> Result<(), SessionError> {
        let problems = |e: ModelError| self.file_problem(file_name, &e);
        let text = crate::model::economy::without_bom(text);
        let is_csv = file_name.to_ascii_lowercase().ends_with(".csv") || !text.trim_start().starts_with('{');
        let file = if is_csv {
            crate::data::csv_economy::file_from_csv(text)
        } else {
            serde_json::from_str::<crate::model::economy::EconomyFile>(text)
                .map_err(|e| ModelError::Parse { what: "economy file".into(), message: e.to_string() })
        }
        .map_err(problems)?;
        // The checks run in the first slice: reading a large file is one task, checking it another.
        let stage = Stage::Check { file: Box::new(file), rebase: rebase.then_some(balanced_trade) };
        self.pending = Some(Pending { stage, file_name: short_name(file_name) });
        Ok(())
    }

    /// Start loading a scenario file (JSON) against the economy in use: read and checked at once, its measures
    /// expanded and the scenario solved in slices; see [`Session::begin_economy`].
    pub fn begin_scenario(&mut self, text: &str, file_name: &str) -> Result<(), SessionError> {
        let problems = |e: ModelError| self.file_problem(file_name, &e);
        let file = ScenarioFile::from_json(text).map_err(problems)?;
        crate::app::controls::check_file_controls(&file).map_err(problems)?;
        let job = ScenarioBuild::new(&file, &self.economy).map_err(problems)?;
        self.pending =
            Some(Pending { stage: Stage::Expand { job, file: Box::new(file) }, file_name: short_name(file_name) });
        Ok(())
    }

    /// Run one slice of the pending load (at most `iterations` outer iterations of a solve, and about
    /// `SLICE_WORK` cells of work whatever the stage): `{done, iteration, residual, fraction, message}`. An error
    /// (prefixed with the file's name) ends the load; the data in use stay.
    pub fn advance(&mut self, iterations: usize) -> Result<Progress, SessionError> {
        let Some(mut pending) = self.pending.take() else {
            return Ok(Progress { done: true, iteration: 0, residual: 0.0, fraction: 1.0, message: String::new() });
        };
        let tolerance = SolverOptions::default().tolerance;
        let solve_fraction = |residual: f64| (-residual.max(tolerance).log10() / -tolerance.log10()).clamp(0.0, 1.0);
        let progress = match pending.stage {
            Stage::Check { file, rebase } => {
                let problems = |e: ModelError| self.file_problem(&pending.file_name, &e);
                pending.stage = match rebase {
                    Some(balanced) => {
                        let options = RebaseOptions { balanced_trade: balanced, ..Default::default() };
                        let job = RebaseJob::new(*file, &options).map_err(problems)?;
                        Stage::Rebase { job: Box::new(job), balanced }
                    }
                    None => {
                        let economy = Economy::from_file(*file).map_err(problems)?;
                        let scenario = Scenario::baseline(&economy);
                        let job = Solve::new(economy, scenario).job();
                        Stage::Solve { job: Box::new(job), kind: Kind::Economy { note: None } }
                    }
                };
                let message = self.text.get("ui.reading_file").to_string();
                Progress { done: false, iteration: 0, residual: 1.0, fraction: 0.0, message }
            }
            Stage::Rebase { mut job, balanced } => {
                let stopped = job.advance(SLICE_WORK);
                let (iteration, residual) = job.progress();
                let residual = if residual.is_finite() { residual } else { 1.0 };
                pending.stage = if stopped {
                    let rebased = job.finish().map_err(|e| self.file_problem(&pending.file_name, &e))?;
                    let note = Some(self.rebase_note_text(&rebased.report, balanced));
                    let scenario = Scenario::baseline(&rebased.economy);
                    let job = Solve::new(rebased.economy, scenario).job();
                    Stage::Solve { job: Box::new(job), kind: Kind::Economy { note } }
                } else {
                    Stage::Rebase { job, balanced }
                };
                // The rebase is the first half of the way, the baseline's solve the second.
                let fraction = 0.5 * if stopped { 1.0 } else { solve_fraction(residual) };
                Progress { done: false, iteration, residual, fraction, message: self.solving_text(iteration, residual) }
            }
            Stage::Expand { mut job, file } => {
                let expanded = job
                    .advance(&file, &self.economy, SLICE_WORK)
                    .map_err(|e| self.file_problem(&pending.file_name, &e))?;
                let (done_measures, measures) = job.progress(&file);
                let fraction = if measures == 0 { 0.0 } else { done_measures as f64 / measures as f64 };
                pending.stage = if expanded {
                    let scenario = job.finish(&file, &self.economy);
                    let job = Solve::new(self.economy.clone(), scenario).job();
                    Stage::Solve { job: Box::new(job), kind: Kind::Scenario(file) }
                } else {
                    Stage::Expand { job, file }
                };
                let message = self.text.get("ui.reading_file").to_string();
                Progress { done: false, iteration: 0, residual: 1.0, fraction, message }
            }
            Stage::Solve { mut job, kind } => {
                let done = job.advance_bounded(iterations.max(1), SLICE_WORK);
                let (iteration, residual) = job.progress();
                let residual = if residual.is_finite() { residual } else { 1.0 };
                let after_rebase = matches!(kind, Kind::Economy { note: Some(_) });
                pending.stage = Stage::Solve { job, kind };
                let fraction = if done { 1.0 } else { solve_fraction(residual) };
                let fraction = if after_rebase { 0.5 + 0.5 * fraction } else { fraction };
                Progress { done, iteration, residual, fraction, message: self.solving_text(iteration, residual) }
            }
        };
        self.pending = Some(pending);
        Ok(progress)
    }

    /// Install the result of the pending load once [`Session::advance`] has said it is done. On failure (a solve
    /// that did not converge, said with the file's name) the economy and result in use stay.
    pub fn finish_pending(&mut self) -> Result<(), SessionError> {
        let Some(pending) = self.pending.take() else { return Ok(()) };
        let Stage::Solve { job, kind } = pending.stage else {
            return Err(SessionError::new(format!(
                "{} is still being read; finish it with advance",
                pending.file_name
            )));
        };
        let (economy, scenario, results) = job.finish();
        let results = results.map_err(|e| match (&e, &kind) {
            // A scenario that does not solve: the measure most likely to blame is named.
            (ModelError::DidNotConverge(_), Kind::Scenario(file)) => match file.most_extreme_measure() {
                Some(measure) => {
                    self.file_problem(&pending.file_name, &ModelError::invalid(measure, "", e.to_string()))
                }
                None => self.file_problem(&pending.file_name, &e),
            },
            _ => self.file_problem(&pending.file_name, &e),
        })?;
        let file = match kind {
            Kind::Economy { note } => {
                self.custom_name = Some(pending.file_name.clone());
                self.scenario_file_name = None;
                self.rebase_note = note;
                self.baseline = economy.clone();
                self.elasticities = "default".into();
                ScenarioFile { name: pending.file_name, description: String::new(), ..ScenarioFile::baseline() }
            }
            Kind::Scenario(file) => {
                self.scenario_file_name = Some(pending.file_name.clone());
                *file
            }
        };
        // The controls in force are read from the scenario just built (its measures are not expanded again).
        self.state = ScenarioState::custom_built(file, &economy, &scenario);
        self.economy = economy;
        self.set_result(scenario, results);
        Ok(())
    }
}

impl Session {
    /// Drop a pending load.
    pub fn cancel_pending(&mut self) {
        self.pending = None;
    }

    /// A problem with a reader's file, in the reader's language, prefixed with the file's name.
    fn file_problem(&self, file_name: &str, e: &ModelError) -> SessionError {
        let name = short_name(file_name);
        // A scenario file's parse error in the reader's words (the phrases of `PARSE_PHRASES`; the rest is data).
        let mut message = e.to_string();
        if matches!(e, ModelError::Parse { .. }) {
            for (english, key) in crate::model::scenario::PARSE_PHRASES {
                message = message.replace(english, self.text.get(key));
            }
        }
        SessionError::new(self.text.fill("ui.file_problems", &[("file", &name), ("message", &message)]))
    }

    fn solving_text(&self, iteration: usize, residual: f64) -> String {
        self.text.fill(
            "ui.solving",
            &[
                ("iteration", &self.text.number(iteration as f64, 0)),
                ("residual", &crate::util::numbers::scientific(residual, 1)),
            ],
        )
    }

    /// What a rebase changed, in the reader's language.
    fn rebase_note_text(&self, report: &RebaseReport, balanced_trade: bool) -> String {
        let share = if report.positive_final_demand > 0.0 {
            100.0 * report.final_demand_set_to_zero / report.positive_final_demand
        } else {
            0.0
        };
        self.text.fill(
            if balanced_trade { "ui.rebased_balanced" } else { "ui.rebased" },
            &[
                ("cells", &self.text.number(report.cells_set_to_zero as f64, 0)),
                ("share", &self.text.percent_plain(share, 2)),
            ],
        )
    }
}

/// A file's name as the page shows it: at most 80 characters.
fn short_name(file_name: &str) -> String {
    file_name.chars().take(80).collect()
}
