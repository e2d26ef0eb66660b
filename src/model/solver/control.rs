//! The policies that drive a solve, as named constants and small state: the damping of the wage step
//! ([`StepControl`]), Anderson acceleration and its suspension, the inner loops' tolerances, and the loop's
//! bookkeeping toward a stop reason ([`LoopState`]); `docs/model.md`, "What convergence means".

use crate::model::report::{SolveReport, StopReason};
use crate::model::solver::options::SolverOptions;
use crate::util::numerics::{Anderson, ANDERSON_DEPTH};

/// The inner loops (prices, spending) run this much tighter than the current wage residual…
pub(super) const INNER_FACTOR: f64 = 1e-2;
/// …and never looser than this.
pub(super) const INNER_LOOSEST: f64 = 1e-6;

/// The damping policy of the wage update (`docs/model.md`, "What convergence means"): geometric damping
/// `ln w ← ln w + step · (ln w_implied − ln w) / stiffness`, with the step halved whenever the residual grows and
/// raised again after a run of calm iterations. Named constants, so the policy can be read and tuned in one place.
#[derive(Debug, Clone)]
pub(super) struct StepControl {
    pub(super) step: f64,
    pub(super) calm_iterations: usize,
}

impl StepControl {
    /// The first step: the full (undamped, preconditioned) update.
    const INITIAL: f64 = 1.0;
    /// The largest step.
    const MAX: f64 = 1.0;
    /// The smallest step: below it the update no longer moves wages measurably.
    const MIN: f64 = 1e-6;
    /// Factor applied when the residual grew after a plain (not accelerated) step.
    const SHRINK: f64 = 0.5;
    /// Factor applied after `CALM_RUN` iterations in a row without the residual growing.
    const GROW: f64 = 1.25;
    /// Iterations without growth of the residual before the step may grow again.
    const CALM_RUN: usize = 5;

    pub(super) fn new() -> Self {
        StepControl { step: Self::INITIAL, calm_iterations: 0 }
    }

    /// The residual grew after a plain step: damp harder.
    pub(super) fn overshot(&mut self) {
        self.step = (self.step * Self::SHRINK).max(Self::MIN);
        self.calm_iterations = 0;
    }

    /// The residual did not grow; returns whether the step grew (after a calm run).
    pub(super) fn progressed(&mut self) -> bool {
        self.calm_iterations += 1;
        if self.calm_iterations >= Self::CALM_RUN && self.step < Self::MAX {
            self.step = (self.step * Self::GROW).min(Self::MAX);
            self.calm_iterations = 0;
            return true;
        }
        false
    }
}

/// The resumable state of the outer (wage) loop.
pub(super) struct LoopState {
    pub(super) iteration: usize,
    pub(super) step_control: StepControl,
    pub(super) previous_residual: f64,
    /// The smallest wage residual so far.
    pub(super) best_residual: f64,
    /// Accelerated steps that overshot since the last new best residual.
    pub(super) fruitless_overshoots: usize,
    /// Outer iterations left during which Anderson acceleration is suspended.
    pub(super) plain_left: usize,
    pub(super) inner_tolerance: f64,
    pub(super) history: Anderson,
    pub(super) report: SolveReport,
    pub(super) finished: bool,
}

impl LoopState {
    pub(super) fn new(options: &SolverOptions, n_countries: usize) -> Self {
        LoopState {
            iteration: 0,
            step_control: StepControl::new(),
            previous_residual: f64::INFINITY,
            best_residual: f64::INFINITY,
            fruitless_overshoots: 0,
            plain_left: 0,
            inner_tolerance: INNER_LOOSEST.max(options.tolerance * INNER_FACTOR),
            history: Anderson::new(ANDERSON_DEPTH, n_countries),
            report: SolveReport {
                stop_reason: StopReason::IterationCap,
                iterations: 0,
                price_iterations: 0,
                spending_iterations: 0,
                wage_residual: f64::INFINITY,
                price_residual: f64::INFINITY,
                spending_residual: f64::INFINITY,
                tolerance: options.tolerance,
                final_step: 1.0,
            },
            finished: false,
        }
    }
}

/// Accelerated steps that overshoot without a new best residual in between before acceleration is suspended…
pub(super) const ACCELERATION_STRIKES: usize = 2;
/// …for this many outer iterations (then it is tried again).
pub(super) const PLAIN_RUN: usize = 20;
