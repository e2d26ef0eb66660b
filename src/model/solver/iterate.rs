//! How a solve is driven: the outer wage iteration (damped, preconditioned, accelerated), the inner passes under
//! a work budget, and the stop reasons (`docs/model.md`, "What convergence means"). The equations it calls are in
//! `state.rs`, the policies in `control.rs`.

use crate::model::economy::Economy;
use crate::model::labour::LabourClosure;
use crate::model::report::StopReason;
use crate::model::solver::control::{ACCELERATION_STRIKES, INNER_FACTOR, INNER_LOOSEST, PLAIN_RUN};
use crate::model::solver::options::work_per_pass;
use crate::model::solver::state::{Phase, Solver};

impl Solver {
    /// Run up to `budget` more outer iterations, and at most about `max_work` cells of work (checked after every
    /// inner pass, so that one call stays short whatever the economy); returns `true` once the solve has stopped
    /// (converged or not). The inner loops are resumable: a call can end in the middle of an outer iteration, and
    /// the arithmetic is the same however the work is sliced.
    pub(super) fn advance(&mut self, economy: &Economy, budget: usize, max_work: u64) -> bool {
        if self.loop_state.finished {
            return true;
        }
        let pass = work_per_pass(self.layout.nc, self.layout.ns);
        let (mut completed, mut work) = (0, 0u64);
        loop {
            if completed >= budget || work >= max_work {
                return false;
            }
            if self.work >= self.options.max_work {
                self.loop_state.report.stop_reason = StopReason::WorkLimit;
                self.loop_state.finished = true;
                return true;
            }
            match self.phase {
                Phase::Outer => {
                    let state = &mut self.loop_state;
                    if state.iteration >= self.options.max_iterations {
                        state.finished = true;
                        return true;
                    }
                    state.iteration += 1;
                    self.phase = Phase::Prices { passes: 0, change: f64::INFINITY };
                }
                Phase::Prices { passes, change } => {
                    let tolerance = self.loop_state.inner_tolerance;
                    if passes < self.options.max_inner_iterations && !(change.is_nan() || change < tolerance) {
                        let change = self.price_step(economy);
                        self.price_iterations += 1;
                        (self.work, work) = (self.work + pass, work + pass);
                        self.phase = Phase::Prices { passes: passes + 1, change };
                    } else {
                        self.update_shares();
                        self.update_labour(economy);
                        self.phase = Phase::Spending { passes: 0, change: f64::INFINITY, price_change: change };
                    }
                }
                Phase::Spending { passes, change, price_change } => {
                    let tolerance = self.loop_state.inner_tolerance;
                    if passes < self.options.max_inner_iterations && !(change.is_nan() || change < tolerance) {
                        let change = self.spending_step(economy);
                        self.spending_iterations += 1;
                        (self.work, work) = (self.work + pass, work + pass);
                        self.phase = Phase::Spending { passes: passes + 1, change, price_change };
                    } else {
                        // Leave output and revenue consistent with the final spending.
                        let last = self.spending_step(economy);
                        self.spending_iterations += 1;
                        (self.work, work) = (self.work + pass, work + pass);
                        let spending_change = if last.is_nan() { f64::NAN } else { change.max(last) };
                        let (implied, wage_residual) = self.implied_wages(economy);
                        self.phase = Phase::Outer;
                        completed += 1;
                        if self.outer_step(economy, implied, wage_residual, price_change, spending_change) {
                            return true;
                        }
                    }
                }
            }
        }
    }

    /// The end of one outer iteration: record the residuals, decide whether the solve has stopped, and otherwise
    /// move the wages. Returns `true` once the solve has stopped.
    pub(super) fn outer_step(
        &mut self,
        economy: &Economy,
        implied: Vec<f64>,
        wage_residual: f64,
        price_change: f64,
        spending_change: f64,
    ) -> bool {
        let tolerance = self.options.tolerance;
        let final_inner = tolerance * INNER_FACTOR;
        let total_va: f64 = economy.value_added.iter().sum();
        let state = &mut self.loop_state;
        let report = &mut state.report;
        report.iterations = state.iteration;
        report.wage_residual = wage_residual;
        report.price_residual = price_change;
        report.spending_residual = spending_change;
        report.final_step = state.step_control.step;
        let finite = wage_residual.is_finite()
            && price_change.is_finite()
            && spending_change.is_finite()
            && self.w_hat.iter().all(|w| w.is_finite() && *w > 0.0)
            && implied.iter().all(|w| w.is_finite() && *w > 0.0);
        if !finite {
            report.stop_reason = StopReason::NonFinite;
            state.finished = true;
            return true;
        }
        if wage_residual < tolerance && state.inner_tolerance <= final_inner {
            report.stop_reason = StopReason::Converged;
            state.finished = true;
            return true;
        }
        // Inner loops always run tighter than the outer residual, and at the end tighter than the tolerance.
        state.inner_tolerance = (wage_residual * INNER_FACTOR).clamp(final_inner, INNER_LOOSEST);
        if wage_residual < tolerance {
            // Wages already satisfy the condition; re-evaluate with the final inner tolerance before stopping.
            return false;
        }
        let new_best = wage_residual < state.best_residual;
        if new_best {
            state.best_residual = wage_residual;
            state.fruitless_overshoots = 0;
        }
        if wage_residual > state.previous_residual {
            // The last step overshot. If it was an accelerated step, forget the history it was built on and
            // fall back to the plain damped step; if the plain step itself overshot, damp harder.
            if state.history.accelerated() {
                state.history.clear();
                state.step_control.calm_iterations = 0;
                // An extrapolation that overshoots without ever beating the best residual, again and again, is a
                // cycle: the plain step brings the residual back down, the next extrapolation (built on two points
                // whose preconditioner differs) jumps back up, and the step never shrinks because the plain step
                // always looks like progress. Then the plain damped step alone runs for a while, with its own
                // damping (tests/properties.rs keeps two such cases).
                if !new_best {
                    state.fruitless_overshoots += 1;
                    if state.fruitless_overshoots >= ACCELERATION_STRIKES {
                        state.fruitless_overshoots = 0;
                        state.plain_left = PLAIN_RUN;
                    }
                }
            } else {
                state.step_control.overshot();
            }
        } else if state.step_control.progressed() {
            // A larger step changes the map the history was built on.
            state.history.clear();
        }
        state.previous_residual = wage_residual;
        let step = state.step_control.step;
        self.update_wage_stiffness(economy);
        let ln_w: Vec<f64> = self.w_hat.iter().map(|w| w.ln()).collect();
        let damped: Vec<f64> =
            (0..self.layout.nc).map(|n| step * (implied[n].ln() - ln_w[n]) / self.wage_stiffness[n]).collect();
        if self.loop_state.plain_left > 0 {
            // Acceleration is suspended: the history never holds more than the current point.
            self.loop_state.plain_left -= 1;
            self.loop_state.history.clear();
        }
        let next = self.loop_state.history.next(&ln_w, &damped);
        for n in 0..self.layout.nc {
            // Never move a wage by more than a factor e in one step, whatever the estimate says.
            self.w_hat[n] = (ln_w[n] + (next[n] - ln_w[n]).clamp(-1.0, 1.0)).exp();
        }
        match self.closure {
            LabourClosure::Flexible => {
                let scale = total_va / self.w_hat.iter().zip(&economy.value_added).map(|(w, va)| w * va).sum::<f64>();
                self.w_hat.iter_mut().for_each(|w| *w *= scale);
            }
            LabourClosure::Sticky(_) => {
                // Employment depends on real wages only, which one factor on every wage leaves alone (prices
                // follow wages), so the anchor is a plain rescaling too.
                let current: f64 =
                    (0..self.layout.nc).map(|n| self.w_hat[n] * self.employment[n] * self.value_added[n]).sum();
                let scale = total_va / current;
                self.w_hat.iter_mut().for_each(|w| *w *= scale);
            }
        }
        false
    }

    /// How far the solve has come: outer iterations so far and the current wage residual.
    pub(super) fn progress(&self) -> (usize, f64) {
        (self.loop_state.iteration, self.loop_state.report.wage_residual)
    }
}
