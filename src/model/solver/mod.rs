//! The equilibrium solver: Caliendo & Parro (2015) with tariffs and input–output links, solved in changes
//! ("exact hat algebra", Dekle, Eaton & Kortum 2007), following `model.md` step by step.
//!
//! # What it solves
//!
//! Given a baseline [`Economy`] and a [`Scenario`] (`tau_new`, `dhat`), find wage changes `w_hat[n]` such that
//!
//! 1. unit costs `c_hat[n][j] = w_hat[n]^gamma_va[n][j] · Π_k P_hat[n][k]^gamma_io[n][k][j]`,
//! 2. prices `P_hat[n][j] = ( Σ_i pi[j][n][i] (kappa_hat[j][n][i] c_hat[i][j])^(−theta[j]) )^(−1/theta[j])`,
//! 3. shares `pi_new[j][n][i] = pi[j][n][i] (kappa_hat c_hat[i][j] / P_hat[n][j])^(−theta[j])`,
//! 4. spending `Xn_new`, output `Y_new` and revenue `R_new` solve their linear system (revenue feeds spending),
//! 5. the wage condition `w_hat[n] VA[n] = Σ_j gamma_va[n][j] Y_new[n][j]` holds,
//!
//! with world value added as numeraire (`Σ_n w_hat[n] VA[n] = Σ_n VA[n]`) and deficits fixed in those units.
//! That is the long run ([`LabourClosure::Flexible`]). The first year ([`LabourClosure::Sticky`], `src/model/labour.rs`
//! and docs/model.md, "The first year: sticky wages") replaces step 5 by the wage bill `w_hat · l_hat = v` on a wage
//! curve, with employment and deficits in the state; the flexible closure runs the same code path as before.
//!
//! # How
//!
//! Three nested loops. The outer loop moves log wages by a damped, preconditioned step toward the wages implied by
//! the wage condition: `ln w += lambda · (ln w_implied − ln w) / d[n]`, where `d[n]` is a diagonal estimate,
//! re-made at every iteration, of how fast that gap closes when the country's own wage rises (export share plus
//! trade elasticity times the share of sales that faces competition): a diagonal Newton step. `lambda` starts at 1 and is halved whenever the residual grows,
//! then allowed to grow back slowly; a fixed step is known to cycle forever on large shocks. For each wage vector
//! the price fixed point (1–2) and the spending system (4) are iterated to a tolerance that is always tighter than
//! the outer residual and ends 100 times tighter than the requested tolerance; both warm-start from the previous
//! outer iteration. Powers are taken once per solve for the trade-cost shocks and once per sector and country per
//! iteration for costs, so an iteration costs `O(J N² + N J²)` multiplications.
//!
//! # What convergence means
//!
//! The solver stops with [`StopReason::Converged`] only when the largest relative residual of the wage condition,
//! of the price fixed point and of the spending system are all below the tolerance (default 1e-11), measured on the
//! final state. Otherwise it returns [`ModelError::DidNotConverge`] with the reason (iteration cap or a non-finite
//! value), the iteration count and the residuals. It promises nothing about uniqueness: with input–output links the
//! model can in principle have several equilibria; the solver returns the one reached from the baseline.

mod control;
mod iterate;
mod job;
mod layout;
mod options;
pub(crate) mod state;

pub use job::SolveJob;
pub use options::{work_per_pass, SolverOptions, DEFAULT_MAX_WORK};
pub use state::WarmStart;

use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::results::Results;
use crate::model::scenario::Scenario;
use state::Solver;
use std::borrow::Borrow;

/// Solve a scenario against an economy with default options: the shorthand for `Solve::new(economy,
/// scenario).run()`.
pub fn solve(economy: &Economy, scenario: &Scenario) -> Result<Results, ModelError> {
    Solve::new(economy, scenario).run()
}

/// The one way to set up a solve: what to solve (an economy and a scenario, borrowed or owned), then, if need be,
/// how ([`Solve::options`]) and from where ([`Solve::starting_from`]); then run it whole ([`Solve::run`]) or in
/// slices ([`Solve::job`], which needs them owned).
///
/// ```
/// # use na_trade_explorer::{data::presets, model::solver::Solve, Scenario, SolverOptions};
/// let economy = presets::north_america_2024().unwrap();
/// let scenario = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
/// let results = Solve::new(&economy, &scenario).options(&SolverOptions::default()).run().unwrap();
/// let again = Solve::new(&economy, &scenario).starting_from_results(&results).run().unwrap();
/// assert!((again.welfare_pct[0] - results.welfare_pct[0]).abs() < 1e-9);
/// ```
pub struct Solve<E, S> {
    economy: E,
    scenario: S,
    options: SolverOptions,
    start: Option<WarmStart>,
}

impl<E: Borrow<Economy>, S: Borrow<Scenario>> Solve<E, S> {
    /// A solve of `scenario` against `economy`, with default options, from no change.
    pub fn new(economy: E, scenario: S) -> Self {
        Solve { economy, scenario, options: SolverOptions::default(), start: None }
    }

    /// With these options.
    pub fn options(mut self, options: &SolverOptions) -> Self {
        self.options = *options;
        self
    }

    /// Starting from another equilibrium instead of from no change (see [`WarmStart`]): a slider's next position is
    /// close to its last, so the loops start near the answer and need fewer passes. The equilibrium is the same to
    /// within the tolerance; a start of another economy's shape is ignored.
    pub fn starting_from(mut self, start: &WarmStart) -> Self {
        self.start = Some(start.clone());
        self
    }

    /// Starting from a solved equilibrium of the same economy.
    pub fn starting_from_results(self, results: &Results) -> Self {
        self.starting_from(&WarmStart::of(results))
    }

    /// The whole solve: the results, or [`ModelError::DidNotConverge`] when the residuals could not be brought below
    /// the tolerance (with the reason).
    pub fn run(self) -> Result<Results, ModelError> {
        let (economy, scenario) = (self.economy.borrow(), self.scenario.borrow());
        let mut solver = Solver::new(economy, scenario, &self.options);
        if let Some(start) = &self.start {
            solver.start_from(start);
        }
        solver.advance(economy, usize::MAX, u64::MAX);
        let (equilibrium, report) = solver.finish(economy)?;
        Results::new(economy, scenario, equilibrium, report).checked()
    }
}

impl Solve<Economy, Scenario> {
    /// The same solve run in slices ([`SolveJob::advance`]), owning its economy and scenario.
    pub fn job(self) -> SolveJob {
        SolveJob::new(self.economy, self.scenario, &self.options, self.start.as_ref())
    }
}

impl WarmStart {
    /// Start at a solved equilibrium.
    pub fn of(results: &Results) -> WarmStart {
        WarmStart {
            w_hat: results.w_hat.clone(),
            c_hat: results.c_hat.clone(),
            p_hat: results.P_hat.clone(),
            xn_new: results.Xn_new.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::model::report::{SolveReport, StopReason};

    #[test]
    fn a_solve_stops_at_its_work_limit_with_a_message() {
        let economy = crate::data::synthetic::random_economy(4, 3, 7).unwrap();
        let file = crate::data::synthetic::random_scenario_file(4, 3, 7, 1.0, 0.2);
        let scenario = Scenario::build(&file, &economy).unwrap();
        let options = SolverOptions { max_work: 10 * work_per_pass(4, 3), ..SolverOptions::default() };
        match Solve::new(&economy, &scenario).options(&options).run() {
            Err(ModelError::DidNotConverge(report)) => {
                assert_eq!(report.stop_reason, StopReason::WorkLimit);
                assert!(report.to_string().contains("does not converge within the work limit"), "{report}");
            }
            other => panic!("expected the work limit, got {:?}", other.map(|r| r.solver)),
        }
        assert!(solve(&economy, &scenario).is_ok(), "the default limit is far above what it needs");
    }

    #[test]
    fn the_report_says_why_it_stopped() {
        let report = SolveReport {
            stop_reason: StopReason::NonFinite,
            iterations: 7,
            price_iterations: 1,
            spending_iterations: 1,
            wage_residual: f64::NAN,
            price_residual: 0.0,
            spending_residual: 0.0,
            tolerance: 1e-11,
            final_step: 1.0,
        };
        let text = report.to_string();
        assert!(text.contains("non-finite") && text.contains("after 7 iterations"), "{text}");
    }
}
