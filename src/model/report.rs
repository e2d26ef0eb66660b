//! What a solve reports: why it stopped and the residuals it reached (`docs/model.md`, "What convergence means").
//! Its own file, below both the solver and the error type that carries it, so the model's files import one way.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::util::numbers::scientific;

/// Why the solver stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// All residuals are below the tolerance.
    Converged,
    /// The iteration cap was reached first.
    IterationCap,
    /// A wage, price or flow became infinite or not a number.
    NonFinite,
    /// The fixed point was reached but a country's income or spending is negative: with fixed deficits the
    /// scenario has no economically meaningful equilibrium (the deficit cannot be financed).
    NegativeSpending,
    /// The loop stopped on a small change, but the residuals measured again on the final state are above the
    /// tolerance (the equations do not hold there).
    ResidualRecheckFailed,
    /// The solve used up its work limit ([`SolverOptions::max_work`]) before converging.
    WorkLimit,
    /// The residuals are small but a reported number is not finite or an accounting identity (numeraire, trade
    /// shares summing to one, fixed deficits) fails: the numbers would be wrong, so they are not reported.
    Inconsistent,
}

/// How a solve went: why it stopped, after how many iterations, with what residuals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolveReport {
    /// Why the solver stopped.
    pub stop_reason: StopReason,
    /// Outer (wage) iterations.
    pub iterations: usize,
    /// Price fixed-point iterations, summed over outer iterations.
    pub price_iterations: usize,
    /// Spending-system iterations, summed over outer iterations.
    pub spending_iterations: usize,
    /// Largest relative residual of the wage condition `|w_implied / w_hat − 1|`.
    pub wage_residual: f64,
    /// Largest relative residual of the price fixed point `|P_implied / P_hat − 1|`.
    pub price_residual: f64,
    /// Largest relative residual of the spending system.
    pub spending_residual: f64,
    /// The tolerance asked for.
    pub tolerance: f64,
    /// The damping step in use when the solver stopped.
    pub final_step: f64,
}

impl fmt::Display for SolveReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = match self.stop_reason {
            StopReason::Converged => "converged",
            StopReason::IterationCap => "stopped at the iteration cap",
            StopReason::NonFinite => "stopped on a non-finite value",
            StopReason::NegativeSpending => {
                "stopped: the solution has negative income or spending in a country (its fixed trade deficit cannot be financed in this scenario)"
            }
            StopReason::ResidualRecheckFailed => {
                "stopped: the residuals measured on the final state are above the tolerance"
            }
            StopReason::WorkLimit => {
                "stopped: this economy does not converge within the work limit of one solve (very small value-added shares or extreme elasticities slow the solver down)"
            }
            StopReason::Inconsistent => {
                "stopped: the solution has a number that is not finite or breaks an accounting identity, so it is not reported (extreme elasticities or tariffs push the arithmetic past floating point)"
            }
        };
        write!(
            f,
            "{reason} after {} iterations and {} inner passes (residuals: wage {}, price {}, spending {}; tolerance {})",
            self.iterations,
            self.price_iterations + self.spending_iterations,
            scientific(self.wage_residual, 1),
            scientific(self.price_residual, 1),
            scientific(self.spending_residual, 1),
            scientific(self.tolerance, 0)
        )
    }
}
