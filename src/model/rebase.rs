//! Rebasing: turn raw data into a consistent baseline (an exact equilibrium) by the rule of Caliendo & Parro (2015).
//!
//! # Why
//!
//! `model.md` derives final demand from the flows, `F[n][j] = Xn[n][j] − Σ_k gamma_io[n][j][k] · Y[n][k]`, and an
//! economy whose final demand is negative somewhere is rejected: its flows cannot pay for the inputs its industries
//! use. Raw data often are like that (the paper's own 1993 data in 185 of 1,240 country-sectors). Caliendo & Parro
//! handle it in two steps (their replication code, CP.m), which [`rebase`] follows:
//!
//! 1. **Shares.** Final-consumption shares are computed from the data, `alpha[n][j] = F[n][j] / I[n]` with
//!    `I[n] = Σ_j F[n][j] = VA[n] + R[n] + D[n]`; negative ones are set to 0 and each country's shares are
//!    rescaled to sum to 1, so `alpha[n][j] = max(F[n][j], 0) / Σ_k max(F[n][k], 0)`.
//! 2. **Solve.** The model of `model.md` (equilibrium in changes, steps 1–5) is solved at the data's own tariffs
//!    (`tau_new = tau`, `dhat = 1`) with those shares `alpha` and the deficits `D` *given* rather than derived
//!    from `X`: `D[n] = I[n] − VA[n] − R[n]` as the data give it (imports minus exports at producer prices), or 0
//!    for every country with [`RebaseOptions::balanced_trade`] (the paper's "zero aggregate deficit" baseline).
//!    The solution's flows `X_new = pi_new · Xn_new` become the new `X`; `tau`, `gamma_*` and `theta` stay.
//!
//! Because the new flows satisfy step 4 with the chosen `alpha` and `D`, deriving final demand from them gives
//! back exactly those shares and deficits (to the solver's tolerance): the written economy is an exact equilibrium,
//! and a zero shock from it returns every hat equal to 1. The numeraire is world value added, as in every solve,
//! so world value added is the same before and after.
//!
//! # Errors
//!
//! Every failure is a [`ModelError`] naming the country and sector: a country that buys a sector it gives no one
//! to sell (inputs used but no absorption), a country with no positive final demand at all, a country whose data
//! income `VA + R + D` is not positive, or a solve that does not converge. Nothing panics on user data.

use crate::model::economy::{nest3, Economy, EconomyFile};
use crate::model::error::{idx, ModelError};
use crate::model::report::SolveReport;
use crate::model::scenario::Scenario;
use crate::model::solver::{Solve, SolveJob, SolverOptions};
use crate::util::numbers::fixed;

/// Choices of a rebase.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RebaseOptions {
    /// Set every country's trade deficit to zero in the rebasing solve (Caliendo & Parro's "zero aggregate
    /// deficit" baseline). Otherwise the deficits of the data are held.
    pub balanced_trade: bool,
    /// Solver settings of the rebasing solve.
    pub solver: SolverOptions,
}

/// What a rebase changed.
#[derive(Debug, Clone, PartialEq)]
pub struct RebaseReport {
    /// Country-sectors whose final demand in the data was negative and whose share was set to 0.
    pub cells_set_to_zero: usize,
    /// The negative final demand removed, summed over those cells (a positive number, in the economy's units).
    pub final_demand_set_to_zero: f64,
    /// World final demand of the data, summed over the cells where it is positive.
    pub positive_final_demand: f64,
    /// Whether deficits were set to zero.
    pub balanced_trade: bool,
    /// The rebasing solve.
    pub solver: SolveReport,
}

impl RebaseReport {
    /// A one-paragraph warning for a reader, or `None` when no share had to be set to zero.
    pub fn warning(&self, units: &str) -> Option<String> {
        if self.cells_set_to_zero == 0 {
            return None;
        }
        Some(format!(
            "final demand computed from the data was negative in {} country-sector(s), {} {units} in all ({}% of \
             world final demand); as in Caliendo & Parro (2015) their final-consumption shares were set to 0 and \
             each country's shares rescaled to sum to 1, then the model was solved at the data's tariffs{} to give \
             a consistent baseline",
            self.cells_set_to_zero,
            fixed(self.final_demand_set_to_zero, 1),
            fixed(100.0 * self.final_demand_set_to_zero / self.positive_final_demand, 2),
            if self.balanced_trade { " with every trade deficit set to zero" } else { "" },
        ))
    }
}

/// A rebased economy: the file (same format as the input, flows replaced), the validated economy, and the report.
#[derive(Debug, Clone)]
pub struct Rebased {
    /// The consistent economy file (write it with `serde_json`).
    pub file: EconomyFile,
    /// The same economy, validated.
    pub economy: Economy,
    /// What the rebase changed.
    pub report: RebaseReport,
}

/// Largest relative gap accepted between the shares and deficits asked for and those derived from the written
/// flows; well above the solver's tolerance, far below anything a reader could see.
const CONSISTENCY_TOLERANCE: f64 = 1e-7;

/// Rebase an economy file: consumption shares from the data with negative ones set to zero (Caliendo & Parro
/// 2015), then one solve at the data's tariffs so that the result is an exact equilibrium. See the module docs.
///
/// Optional fields (names, households, employment, elasticity sets, sources) carry over; a note saying what was
/// done is added to `notes`.
pub fn rebase(file: EconomyFile, options: &RebaseOptions) -> Result<Rebased, ModelError> {
    let mut job = RebaseJob::new(file, options)?;
    while !job.advance(u64::MAX) {}
    job.finish()
}

/// A rebase in slices, so that a page without a worker stays responsive and its Cancel answers: the shares are
/// set in [`RebaseJob::new`], the rebasing solve runs a bounded amount of work per [`RebaseJob::advance`], and
/// [`RebaseJob::finish`] writes and checks the consistent economy. [`rebase`] runs it in one call.
pub struct RebaseJob {
    job: SolveJob,
    options: RebaseOptions,
    cells_set_to_zero: usize,
    final_demand_set_to_zero: f64,
    positive_final_demand: f64,
}

impl RebaseJob {
    /// Check the data and set the shares and deficits to solve for (see the module docs).
    pub fn new(file: EconomyFile, options: &RebaseOptions) -> Result<Self, ModelError> {
        let mut economy = Economy::with_flows(file)?;
        let (nc, ns) = (economy.n_countries(), economy.n_sectors());
        let mut alpha = vec![0.0; nc * ns];
        let mut income = vec![0.0; nc];
        let mut deficit = vec![0.0; nc];
        let mut cells_set_to_zero = 0;
        let mut final_demand_set_to_zero = 0.0;
        let mut positive_final_demand = 0.0;
        for n in 0..nc {
            let country = &economy.countries()[n];
            if economy.value_added[n] <= 0.0 {
                return Err(ModelError::invalid("X", "", format!("country '{country}' produces nothing")));
            }
            let mut data_income = 0.0;
            let mut positive = 0.0;
            for j in 0..ns {
                let f = economy.signed_final_demand(n, j);
                data_income += f;
                if economy.absorption(n, j) <= 0.0 && f < 0.0 {
                    return Err(ModelError::invalid(
                        "X",
                        idx(&[j, n]),
                        format!(
                            "cannot be made consistent: industries in '{country}' use inputs of sector '{}' ({} in \
                         all) but the country buys none of it from anyone",
                            economy.sectors()[j],
                            fixed(-f, 6)
                        ),
                    ));
                }
                if f > 0.0 {
                    alpha[n * ns + j] = f;
                    positive += f;
                } else if f < 0.0 {
                    cells_set_to_zero += 1;
                    final_demand_set_to_zero -= f;
                }
            }
            if positive <= 0.0 {
                return Err(ModelError::invalid(
                    "X",
                    "",
                    format!(
                        "country '{country}' has no final demand at all: in every sector its industries use at least \
                     what it buys, so there are no consumption shares to rebase on"
                    ),
                ));
            }
            positive_final_demand += positive;
            alpha[n * ns..(n + 1) * ns].iter_mut().for_each(|a| *a /= positive);
            deficit[n] =
                if options.balanced_trade { 0.0 } else { data_income - economy.value_added[n] - economy.revenue[n] };
            income[n] = economy.value_added[n] + economy.revenue[n] + deficit[n];
            if income[n] <= 0.0 {
                return Err(ModelError::invalid(
                    "X",
                    "",
                    format!(
                        "cannot be made consistent: the income of '{country}' (value added {} + tariff revenue {} + \
                     deficit {}) is not positive",
                        fixed(economy.value_added[n], 6),
                        fixed(economy.revenue[n], 6),
                        fixed(deficit[n], 6)
                    ),
                ));
            }
        }
        economy.alpha = alpha;
        economy.income = income;
        economy.deficit = deficit;
        let scenario = Scenario::baseline(&economy);
        let job = Solve::new(economy, scenario).options(&options.solver).job();
        Ok(RebaseJob { job, options: *options, cells_set_to_zero, final_demand_set_to_zero, positive_final_demand })
    }

    /// Run the rebasing solve until about `max_work` cells of work are done; returns whether it has stopped.
    pub fn advance(&mut self, max_work: u64) -> bool {
        self.job.advance_bounded(usize::MAX, max_work)
    }

    /// Outer iterations so far and the current largest wage residual of the rebasing solve.
    pub fn progress(&self) -> (usize, f64) {
        self.job.progress()
    }

    /// The rebased economy, once [`RebaseJob::advance`] has returned `true`.
    pub fn finish(self) -> Result<Rebased, ModelError> {
        let RebaseJob { job, options, cells_set_to_zero, final_demand_set_to_zero, positive_final_demand } = self;
        let (economy, outcome) = job.finish_equilibrium();
        let (equilibrium, report) = outcome?;
        let (nc, ns) = (economy.n_countries(), economy.n_sectors());
        let mut x_new = vec![0.0; ns * nc * nc];
        for j in 0..ns {
            for n in 0..nc {
                for i in 0..nc {
                    let b = economy.bilateral_index(j, n, i);
                    x_new[b] = equilibrium.pi_new[b] * equilibrium.absorption_new[n * ns + j];
                }
            }
        }
        let report = RebaseReport {
            cells_set_to_zero,
            final_demand_set_to_zero,
            positive_final_demand,
            balanced_trade: options.balanced_trade,
            solver: report,
        };
        let mut file = economy.file().clone();
        file.X = nest3(&x_new, nc, nc);
        file.notes.push(format!(
            "Rebased ({}): {} final-demand share(s) that were negative in the data set to 0 and each country's shares \
         rescaled, then solved at the data's tariffs so that the baseline is an exact equilibrium (Caliendo & \
         Parro 2015).",
            if options.balanced_trade { "every trade deficit set to zero" } else { "the data's trade deficits held" },
            cells_set_to_zero
        ));
        let rebased = Economy::from_file(file.clone())?;
        check_consistent(&economy, &rebased)?;
        Ok(Rebased { file, economy: rebased, report })
    }
}

/// Check that the written flows give back the shares and deficits the rebase solved for.
fn check_consistent(target: &Economy, rebased: &Economy) -> Result<(), ModelError> {
    let (nc, ns) = (target.n_countries(), target.n_sectors());
    let world_income: f64 = rebased.income().iter().sum();
    for n in 0..nc {
        let gap = (rebased.deficits()[n] - target.deficit[n]).abs() / world_income;
        if gap.is_nan() || gap >= CONSISTENCY_TOLERANCE {
            return Err(ModelError::invalid(
                "X",
                "",
                format!(
                    "the rebased deficit of '{}' is {} instead of {}: the solve did not reach a consistent baseline",
                    target.countries()[n],
                    fixed(rebased.deficits()[n], 6),
                    fixed(target.deficit[n], 6)
                ),
            ));
        }
        for j in 0..ns {
            let gap = (rebased.consumption_share(n, j) - target.alpha[n * ns + j]).abs();
            if gap.is_nan() || gap >= CONSISTENCY_TOLERANCE {
                return Err(ModelError::invalid(
                    "X",
                    idx(&[n, j]),
                    format!(
                        "the rebased consumption share of sector '{}' in '{}' is {} instead of {}",
                        target.sectors()[j],
                        target.countries()[n],
                        fixed(rebased.consumption_share(n, j), 9),
                        fixed(target.alpha[n * ns + j], 9)
                    ),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::data::synthetic::random_economy_file;

    fn check(condition: bool, message: &str) {
        assert!(condition, "{message}");
    }

    #[test]
    fn a_consistent_economy_with_its_own_deficits_rebases_to_itself() {
        let file = random_economy_file(4, 3, 7);
        let before = Economy::from_file(file.clone()).unwrap();
        let rebased = rebase(file, &RebaseOptions::default()).unwrap();
        check(rebased.report.cells_set_to_zero == 0, "nothing to set to zero");
        check(rebased.report.warning("units").is_none(), "no warning");
        for j in 0..3 {
            for n in 0..4 {
                for i in 0..4 {
                    let (a, b) = (before.flow(j, n, i), rebased.economy.flow(j, n, i));
                    check((a - b).abs() <= 1e-8 * a.abs().max(1.0), &format!("flow [{j}][{n}][{i}]: {a} vs {b}"));
                }
            }
        }
    }

    #[test]
    fn balanced_trade_removes_every_deficit_and_keeps_world_value_added() {
        let file = random_economy_file(5, 4, 3);
        let before = Economy::from_file(file.clone()).unwrap();
        let options = RebaseOptions { balanced_trade: true, ..Default::default() };
        let rebased = rebase(file, &options).unwrap();
        let scale: f64 = rebased.economy.income().iter().sum();
        for (n, d) in rebased.economy.deficits().iter().enumerate() {
            check(d.abs() < 1e-9 * scale, &format!("deficit of country {n}: {d}"));
        }
        let (va0, va1): (f64, f64) = (before.value_added().iter().sum(), rebased.economy.value_added().iter().sum());
        check((va0 - va1).abs() < 1e-9 * va0, &format!("world value added {va0} vs {va1}"));
    }

    #[test]
    fn negative_final_demand_is_set_to_zero_and_reported() {
        // Make country 0's first sector use far more inputs than it buys, by raising its own output's input
        // share on sector 0 and moving gross output up.
        let mut file = random_economy_file(3, 3, 11);
        let va = file.gamma_va[0][1];
        file.gamma_io[0][0][1] += va * 0.9;
        file.gamma_va[0][1] = va * 0.1;
        file.X[1][1][0] *= 20.0;
        file.X[1][2][0] *= 20.0;
        file.X[1][0][0] *= 20.0;
        check(Economy::from_file(file.clone()).is_err(), "the raw economy is rejected");
        let rebased = rebase(file, &RebaseOptions::default()).unwrap();
        check(rebased.report.cells_set_to_zero >= 1, "at least one cell set to zero");
        let warning = rebased.report.warning("US$").unwrap();
        check(warning.contains("country-sector") && warning.contains("US$"), &warning);
        check(rebased.economy.consumption_share(0, 0).abs() < 1e-9, "the share is zero");
        check(rebased.file.notes.last().is_some_and(|n| n.contains("Rebased")), "a note says what was done");
    }

    #[test]
    fn a_country_with_no_final_demand_is_a_clear_error() {
        let mut file = random_economy_file(3, 2, 5);
        // Country 1 buys almost nothing but its industries still sell (and so use inputs) as before.
        for j in 0..2 {
            for i in 0..3 {
                file.X[j][1][i] *= 1e-4;
            }
        }
        let error = rebase(file, &RebaseOptions::default()).unwrap_err().to_string();
        check(error.contains("country 'C001' has no final demand at all"), &error);
    }

    #[test]
    fn bad_shapes_are_reported_as_in_the_format() {
        let mut file = random_economy_file(3, 2, 5);
        file.theta.pop();
        let error = rebase(file, &RebaseOptions::default()).unwrap_err().to_string();
        check(error.contains("theta") && error.contains("wrong length"), &error);
    }
}
