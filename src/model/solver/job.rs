//! The slicing executor: a solve that runs a bounded amount of work per call, so that a page stays responsive.

use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::report::SolveReport;
use crate::model::results::Results;
use crate::model::scenario::Scenario;
use crate::model::solver::options::SolverOptions;
use crate::model::solver::state::{Equilibrium, Solver, WarmStart};

/// A solve that runs in slices, so that a page can show progress and stay responsive on large economies. It owns
/// its economy and scenario; [`SolveJob::advance`] runs a few outer iterations at a time.
pub struct SolveJob {
    economy: Economy,
    scenario: Scenario,
    solver: Solver,
}

impl SolveJob {
    /// Prepare a solve (made by [`crate::model::solver::Solve::job`]).
    pub(super) fn new(
        economy: Economy,
        scenario: Scenario,
        options: &SolverOptions,
        start: Option<&WarmStart>,
    ) -> Self {
        let mut solver = Solver::new(&economy, &scenario, options);
        if let Some(start) = start {
            solver.start_from(start);
        }
        SolveJob { economy, scenario, solver }
    }

    /// Run up to `iterations` outer iterations; returns whether the solve has stopped.
    pub fn advance(&mut self, iterations: usize) -> bool {
        self.solver.advance(&self.economy, iterations, u64::MAX)
    }

    /// Run up to `iterations` outer iterations but stop once about `max_work` cells of work are done (see
    /// [`work_per_pass`]; one pass is the smallest step), so that one call stays within a frame on any economy.
    /// Returns whether the solve has stopped.
    pub fn advance_bounded(&mut self, iterations: usize, max_work: u64) -> bool {
        self.solver.advance(&self.economy, iterations, max_work)
    }

    /// Work done so far, in cells.
    pub fn work(&self) -> u64 {
        self.solver.work
    }

    /// Outer iterations so far and the current largest wage residual.
    pub fn progress(&self) -> (usize, f64) {
        self.solver.progress()
    }

    /// The equilibrium and the solver's report (or why there is none), with the economy back: for a solve whose
    /// outcome is not a reader's result (the rebase's, [`crate::model::rebase::RebaseJob`]).
    pub(crate) fn finish_equilibrium(self) -> (Economy, Result<(Equilibrium, SolveReport), ModelError>) {
        let SolveJob { economy, solver, .. } = self;
        let outcome = solver.finish(&economy);
        (economy, outcome)
    }

    /// The results (or why there are none), with the economy and scenario back.
    pub fn finish(self) -> (Economy, Scenario, Result<Results, ModelError>) {
        let SolveJob { economy, scenario, solver } = self;
        let results =
            solver.finish(&economy).and_then(|(eq, report)| Results::new(&economy, &scenario, eq, report).checked());
        (economy, scenario, results)
    }
}
