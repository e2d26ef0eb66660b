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

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::labour::{employment_at, wage_clearing, LabourClosure, DEFAULT_UNEMPLOYMENT_RATE_PCT};
use crate::model::results::Results;
use crate::model::scenario::Scenario;
use crate::util::numbers::scientific;

/// Settings of the solver.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolverOptions {
    /// Largest relative residual accepted on the wage condition, the price fixed point and the spending system.
    pub tolerance: f64,
    /// Cap on outer (wage) iterations.
    pub max_iterations: usize,
    /// Cap on inner iterations per outer iteration (price loop and spending loop each).
    pub max_inner_iterations: usize,
    /// Cap on the total work of one solve, in cells: every price or spending pass over the economy costs
    /// [`work_per_pass`] (about `J N² + N J²`). A solve that reaches it stops with [`StopReason::WorkLimit`].
    pub max_work: u64,
    /// The labour market's closure (`docs/model.md`, "The first year: sticky wages"); `None`: the one that goes
    /// with the horizon of the economy's elasticities ([`LabourClosure::for_horizon`]: sticky wages for the
    /// one-year set, flexible otherwise).
    pub labour: Option<LabourClosure>,
}

/// The default total work of one solve, in cells (passes × [`work_per_pass`]): about 10 s natively (2 ns a cell),
/// whatever the size of the economy. A 25% tariff on a random 140 × 65 economy needs about 8% of it (210 passes of
/// 1.9 million cells), the Caliendo–Parro NAFTA experiment under 1%, a 20 × 10 economy with value-added shares at
/// the 0.001 floor about 4%.
pub const DEFAULT_MAX_WORK: u64 = 5_000_000_000;

impl Default for SolverOptions {
    fn default() -> Self {
        SolverOptions {
            tolerance: 1e-11,
            max_iterations: 5_000,
            max_inner_iterations: 10_000,
            max_work: DEFAULT_MAX_WORK,
            labour: None,
        }
    }
}

/// The work of one price or spending pass over an economy, in cells: `J N² + N J² + N J`.
pub fn work_per_pass(n_countries: usize, n_sectors: usize) -> u64 {
    let (nc, ns) = (n_countries as u64, n_sectors as u64);
    ns * nc * nc + nc * ns * ns + nc * ns
}

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

/// The raw equilibrium in flat arrays, before it is turned into [`Results`].
#[derive(Debug, Clone)]
pub(crate) struct Equilibrium {
    pub w_hat: Vec<f64>,
    pub ln_c_hat: Vec<f64>,
    pub ln_p_hat: Vec<f64>,
    pub pi_new: Vec<f64>,
    pub absorption_new: Vec<f64>,
    pub output_new: Vec<f64>,
    pub revenue_new: Vec<f64>,
    pub income_new: Vec<f64>,
    /// Employment change `l_hat[n]` (1 under the flexible closure).
    pub employment: Vec<f64>,
    /// Trade deficits at the solution, `[N]` (the baseline's under the flexible closure).
    pub deficit_new: Vec<f64>,
    /// The closure the equilibrium was solved with.
    pub closure: LabourClosure,
}

/// Solve a scenario against an economy with default options.
pub fn solve(economy: &Economy, scenario: &Scenario) -> Result<Results, ModelError> {
    solve_with(economy, scenario, &SolverOptions::default())
}

/// Solve a scenario against an economy.
///
/// Returns the full results, or [`ModelError::DidNotConverge`] when the residuals could not be brought below the
/// tolerance.
pub fn solve_with(economy: &Economy, scenario: &Scenario, options: &SolverOptions) -> Result<Results, ModelError> {
    run(economy, scenario, options, None)
}

/// Solve a scenario starting from the equilibrium of a nearby one (`start`: the previous results of the same
/// economy), instead of from no change. A slider's next position is close to its last, so the loops start near
/// the answer and need fewer passes. The equilibrium is the same to within `options.tolerance`; a `start` of
/// another economy's shape is ignored.
pub fn solve_from(
    economy: &Economy,
    scenario: &Scenario,
    options: &SolverOptions,
    start: &Results,
) -> Result<Results, ModelError> {
    run(economy, scenario, options, Some(&WarmStart::of(start)))
}

/// [`solve_from`] a [`WarmStart`] (for example one extrapolated along a slider's drag).
pub fn solve_from_start(
    economy: &Economy,
    scenario: &Scenario,
    options: &SolverOptions,
    start: &WarmStart,
) -> Result<Results, ModelError> {
    run(economy, scenario, options, Some(start))
}

/// Where a solve starts instead of from no change: an equilibrium's wage changes `w_hat`, unit cost and price
/// changes `c_hat`, `P_hat` and absorption `Xn_new` (docs/model.md, "Solving"). Only the starting point: the solve
/// converges to the same equilibrium from any start near enough.
#[derive(Debug, Clone)]
pub struct WarmStart {
    w_hat: Vec<f64>,
    c_hat: Vec<Vec<f64>>,
    p_hat: Vec<Vec<f64>>,
    xn_new: Vec<Vec<f64>>,
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

    /// Continue the path through two equilibria of one economy, `earlier` then `later`, by `t` times the step
    /// between them (a slider moved from `v0` to `v1` and now to `v2` gives `t = (v2 − v1) / (v1 − v0)`): the
    /// changes `w_hat`, `c_hat`, `P_hat` along a straight line in logs, absorption along a straight line (not below
    /// zero). `t` is kept within [−1, 2]: further out a line is a poor guess.
    pub fn extrapolated(earlier: &WarmStart, later: &WarmStart, t: f64) -> WarmStart {
        let t = if t.is_finite() { t.clamp(-1.0, 2.0) } else { 0.0 };
        let logs = |a: f64, b: f64| if a > 0.0 && b > 0.0 { (b.ln() + t * (b.ln() - a.ln())).exp() } else { b };
        let line = |a: f64, b: f64| (b + t * (b - a)).max(0.0);
        let rows = |a: &[Vec<f64>], b: &[Vec<f64>], f: &dyn Fn(f64, f64) -> f64| -> Vec<Vec<f64>> {
            if a.len() != b.len() || a.iter().zip(b).any(|(x, y)| x.len() != y.len()) {
                return b.to_vec();
            }
            a.iter().zip(b).map(|(x, y)| x.iter().zip(y).map(|(&p, &q)| f(p, q)).collect()).collect()
        };
        if earlier.w_hat.len() != later.w_hat.len() {
            return later.clone();
        }
        WarmStart {
            w_hat: earlier.w_hat.iter().zip(&later.w_hat).map(|(&a, &b)| logs(a, b)).collect(),
            c_hat: rows(&earlier.c_hat, &later.c_hat, &logs),
            p_hat: rows(&earlier.p_hat, &later.p_hat, &logs),
            xn_new: rows(&earlier.xn_new, &later.xn_new, &line),
        }
    }
}

/// One whole solve, from no change or from `start`.
fn run(
    economy: &Economy,
    scenario: &Scenario,
    options: &SolverOptions,
    start: Option<&WarmStart>,
) -> Result<Results, ModelError> {
    let mut solver = Solver::new(economy, scenario, options);
    if let Some(start) = start {
        solver.start_from(start);
    }
    solver.advance(economy, usize::MAX, u64::MAX);
    let (equilibrium, report) = solver.finish(economy)?;
    checked(Results::new(economy, scenario, equilibrium, report))
}

/// Results are reported only when every number in them is finite: a solve can meet its residuals with infinite
/// prices (the residual of `inf / inf` is not computed as small, but a price sum can underflow to a finite limit).
fn checked(results: Results) -> Result<Results, ModelError> {
    if results.all_finite() {
        Ok(results)
    } else {
        let mut report = results.solver.clone();
        report.stop_reason = StopReason::Inconsistent;
        Err(ModelError::DidNotConverge(report))
    }
}

/// Working state of one solve.
struct Solver {
    options: SolverOptions,
    nc: usize,
    ns: usize,
    /// `pi[j][n][i] · kappa_hat^(−theta[j])`, flat `[j][n][i]`.
    weighted_shock: Vec<f64>,
    /// `1 / (1 + tau_new)`, flat `[j][n][i]`.
    producer_price_factor: Vec<f64>,
    /// `tau_new / (1 + tau_new)`, flat `[j][n][i]`.
    revenue_factor: Vec<f64>,
    /// Input shares stored `[n][using sector j][input sector k]` so that the cost loop reads contiguous memory.
    input_share_by_user: Vec<f64>,
    /// Diagonal preconditioner `d[n]` of the wage step, re-estimated at every outer iteration.
    wage_stiffness: Vec<f64>,
    // State.
    w_hat: Vec<f64>,
    ln_p_hat: Vec<f64>,
    ln_c_hat: Vec<f64>,
    /// `c_hat[i][j]^(−theta[j])`, stored `[j][i]` so that the price sum runs over contiguous memory.
    cost_power: Vec<f64>,
    /// `Σ_i weighted_shock · cost_power`, `[n][j]` (equals `P_hat^(−theta)`).
    price_sum: Vec<f64>,
    pi_new: Vec<f64>,
    /// `pi_new / (1 + tau_new)`, flat `[j][n][i]`: the producer-price share of spending that reaches exporter i.
    sales_share: Vec<f64>,
    /// `Σ_i pi_new · tau_new / (1 + tau_new)`, `[n][j]`: the share of spending that is tariff revenue.
    revenue_share: Vec<f64>,
    absorption_new: Vec<f64>,
    output_new: Vec<f64>,
    /// Output accumulated as `[j][i]`, so that the inner loop writes contiguous memory.
    output_by_sector: Vec<f64>,
    revenue_new: Vec<f64>,
    income_new: Vec<f64>,
    /// The labour market's closure, and under sticky wages its parameters.
    closure: LabourClosure,
    /// Baseline unemployment rates, shares `[N]`.
    unemployment: Vec<f64>,
    /// Employment change `l_hat[n]` at the current wages (1 under the flexible closure).
    employment: Vec<f64>,
    /// Trade deficits at the current wages (the baseline's under the flexible closure).
    deficit_new: Vec<f64>,
    /// The baseline's value added, deficits and tariff revenue, `[N]`, for the closure.
    value_added: Vec<f64>,
    deficit_base: Vec<f64>,
    revenue_base: Vec<f64>,
    /// Under sticky wages, the labour income lost through employment that households keep spending, `chi ·
    /// w_hat (1 − l_hat) VA`, `[N]`.
    smoothing: Vec<f64>,
    price_iterations: usize,
    spending_iterations: usize,
    /// Work done so far, in cells (see [`work_per_pass`]).
    work: u64,
    /// Where the solve stands inside an outer iteration.
    phase: Phase,
    loop_state: LoopState,
}

/// Where a solve stands inside an outer iteration, so that [`Solver::advance`] can stop after any inner pass and
/// resume there.
#[derive(Debug, Clone, Copy)]
enum Phase {
    /// Between outer iterations.
    Outer,
    /// In the price fixed point: passes so far and the last change.
    Prices { passes: usize, change: f64 },
    /// In the spending system: passes so far, the last change, and the price loop's final change.
    Spending { passes: usize, change: f64, price_change: f64 },
}

impl Solver {
    /// Start from a previous equilibrium's wages, unit costs, prices and absorption (see [`solve_from`]), when
    /// its shape matches and every value is finite and positive.
    fn start_from(&mut self, start: &WarmStart) {
        let (nc, ns) = (self.nc, self.ns);
        let shaped = |rows: &Vec<Vec<f64>>| rows.len() == nc && rows.iter().all(|r| r.len() == ns);
        let positive = |v: &f64| v.is_finite() && *v > 0.0;
        if start.w_hat.len() != nc
            || !shaped(&start.c_hat)
            || !shaped(&start.p_hat)
            || !shaped(&start.xn_new)
            || !start.w_hat.iter().all(positive)
            || !start.c_hat.iter().chain(&start.p_hat).flatten().all(positive)
            || !start.xn_new.iter().flatten().all(|v| v.is_finite() && *v >= 0.0)
        {
            return;
        }
        self.w_hat.copy_from_slice(&start.w_hat);
        for n in 0..nc {
            for j in 0..ns {
                self.ln_c_hat[n * ns + j] = start.c_hat[n][j].ln();
                self.ln_p_hat[n * ns + j] = start.p_hat[n][j].ln();
                self.absorption_new[n * ns + j] = start.xn_new[n][j];
            }
        }
    }

    fn new(economy: &Economy, scenario: &Scenario, options: &SolverOptions) -> Self {
        let (nc, ns) = (economy.n_countries(), economy.n_sectors());
        let cells = ns * nc * nc;
        let mut weighted_shock = vec![0.0; cells];
        let mut producer_price_factor = vec![0.0; cells];
        let mut revenue_factor = vec![0.0; cells];
        for j in 0..ns {
            let theta = economy.theta[j];
            for n in 0..nc {
                for i in 0..nc {
                    let b = economy.bilateral_index(j, n, i);
                    let tau_new = scenario.tau_new[b];
                    producer_price_factor[b] = 1.0 / (1.0 + tau_new);
                    revenue_factor[b] = tau_new / (1.0 + tau_new);
                    let pi = economy.pi[b];
                    if pi > 0.0 {
                        let kappa_hat = (1.0 + tau_new) / (1.0 + economy.tau[b]) * scenario.dhat[b];
                        weighted_shock[b] = pi * (-theta * kappa_hat.ln()).exp();
                    }
                }
            }
        }
        let mut input_share_by_user = vec![0.0; nc * ns * ns];
        for n in 0..nc {
            for k in 0..ns {
                for j in 0..ns {
                    input_share_by_user[(n * ns + j) * ns + k] = economy.gamma_io[(n * ns + k) * ns + j];
                }
            }
        }
        let closure = match options.labour.unwrap_or_else(|| LabourClosure::for_horizon(economy.horizon())) {
            c if c.is_valid() => c,
            _ => LabourClosure::Flexible,
        };
        let unemployment = (0..nc)
            .map(|n| {
                (economy.unemployment_rate_pct(n).unwrap_or(DEFAULT_UNEMPLOYMENT_RATE_PCT) / 100.0).clamp(0.001, 0.5)
            })
            .collect();
        Solver {
            input_share_by_user,
            options: *options,
            nc,
            ns,
            weighted_shock,
            producer_price_factor,
            revenue_factor,
            wage_stiffness: vec![1.0; nc],
            w_hat: vec![1.0; nc],
            ln_p_hat: vec![0.0; nc * ns],
            ln_c_hat: vec![0.0; nc * ns],
            cost_power: vec![1.0; nc * ns],
            price_sum: vec![1.0; nc * ns],
            pi_new: vec![0.0; cells],
            sales_share: vec![0.0; cells],
            revenue_share: vec![0.0; nc * ns],
            absorption_new: economy.absorption.clone(),
            output_new: vec![0.0; nc * ns],
            output_by_sector: vec![0.0; nc * ns],
            revenue_new: economy.tariff_revenue().to_vec(),
            income_new: vec![0.0; nc],
            closure,
            unemployment,
            employment: vec![1.0; nc],
            deficit_new: economy.deficit.clone(),
            value_added: economy.value_added.clone(),
            deficit_base: economy.deficit.clone(),
            revenue_base: economy.tariff_revenue().to_vec(),
            smoothing: vec![0.0; nc],
            price_iterations: 0,
            spending_iterations: 0,
            work: 0,
            phase: Phase::Outer,
            loop_state: LoopState::new(options, nc),
        }
    }

    /// Steps 1 and 2 for the current `ln_p_hat`: costs, cost powers and the price sums. Returns the largest
    /// change `|ln P_implied − ln P_hat|` and leaves `ln_p_hat` at the implied value.
    fn price_step(&mut self, economy: &Economy) -> f64 {
        let (nc, ns) = (self.nc, self.ns);
        for n in 0..nc {
            let ln_w = self.w_hat[n].ln();
            for j in 0..ns {
                let shares = &self.input_share_by_user[(n * ns + j) * ns..(n * ns + j + 1) * ns];
                let ln_c = economy.gamma_va[n * ns + j] * ln_w + dot(shares, &self.ln_p_hat[n * ns..(n + 1) * ns]);
                self.ln_c_hat[n * ns + j] = ln_c;
                self.cost_power[j * nc + n] = (-economy.theta[j] * ln_c).exp();
            }
        }
        let mut change: f64 = 0.0;
        for j in 0..ns {
            let powers = &self.cost_power[j * nc..(j + 1) * nc];
            let inv_theta = 1.0 / economy.theta[j];
            for n in 0..nc {
                let row = &self.weighted_shock[(j * nc + n) * nc..(j * nc + n + 1) * nc];
                let sum = dot(row, powers);
                self.price_sum[n * ns + j] = sum;
                // A sector the country never buys has no price; its change is set to 1 by convention.
                let ln_p = if economy.absorption[n * ns + j] > 0.0 { -sum.ln() * inv_theta } else { 0.0 };
                let d = (ln_p - self.ln_p_hat[n * ns + j]).abs();
                change = if d.is_nan() { f64::NAN } else { change.max(d) };
                self.ln_p_hat[n * ns + j] = ln_p;
            }
        }
        change
    }

    /// Step 3: new trade shares from the last cost powers and price sums.
    fn update_shares(&mut self) {
        let (nc, ns) = (self.nc, self.ns);
        for j in 0..ns {
            for n in 0..nc {
                let sum = self.price_sum[n * ns + j];
                let base = (j * nc + n) * nc;
                let mut revenue_share = 0.0;
                for i in 0..nc {
                    let pi =
                        if sum > 0.0 { self.weighted_shock[base + i] * self.cost_power[j * nc + i] / sum } else { 0.0 };
                    self.pi_new[base + i] = pi;
                    self.sales_share[base + i] = pi * self.producer_price_factor[base + i];
                    revenue_share += pi * self.revenue_factor[base + i];
                }
                self.revenue_share[n * ns + j] = revenue_share;
            }
        }
    }

    /// One pass of step 4 from the current `absorption_new`; returns the largest relative change.
    fn spending_step(&mut self, economy: &Economy) -> f64 {
        let (nc, ns) = (self.nc, self.ns);
        self.output_by_sector.iter_mut().for_each(|y| *y = 0.0);
        self.revenue_new.iter_mut().for_each(|r| *r = 0.0);
        for j in 0..ns {
            let output = &mut self.output_by_sector[j * nc..(j + 1) * nc];
            for n in 0..nc {
                let spending = self.absorption_new[n * ns + j];
                let base = (j * nc + n) * nc;
                for (y, share) in output.iter_mut().zip(&self.sales_share[base..base + nc]) {
                    *y += share * spending;
                }
                self.revenue_new[n] += self.revenue_share[n * ns + j] * spending;
            }
        }
        for j in 0..ns {
            for i in 0..nc {
                self.output_new[i * ns + j] = self.output_by_sector[j * nc + i];
            }
        }
        self.update_deficits();
        let mut change: f64 = 0.0;
        for n in 0..nc {
            let income =
                self.w_hat[n] * self.employment[n] * economy.value_added[n] + self.revenue_new[n] + self.deficit_new[n];
            self.income_new[n] = income;
            let scale = 1e-14 * economy.income[n];
            for j in 0..ns {
                let demand = economy.alpha[n * ns + j] * income
                    + dot(
                        &economy.gamma_io[(n * ns + j) * ns..(n * ns + j + 1) * ns],
                        &self.output_new[n * ns..(n + 1) * ns],
                    );
                let old = self.absorption_new[n * ns + j];
                let d = (demand - old).abs() / (demand.abs() + scale);
                change = if d.is_nan() { f64::NAN } else { change.max(d) };
                self.absorption_new[n * ns + j] = demand;
            }
        }
        change
    }

    /// The wages implied by the wage condition, and the largest relative gap to the current wages.
    fn implied_wages(&self, economy: &Economy) -> (Vec<f64>, f64) {
        let (nc, ns) = (self.nc, self.ns);
        let mut residual: f64 = 0.0;
        let implied: Vec<f64> = (0..nc)
            .map(|n| {
                let va: f64 = (0..ns).map(|j| economy.gamma_va[n * ns + j] * self.output_new[n * ns + j]).sum();
                let v = va / economy.value_added[n];
                let (implied, r) = match &self.closure {
                    LabourClosure::Flexible => (v, (v / self.w_hat[n] - 1.0).abs()),
                    // The wage that clears the labour market on the wage curve; the residual is the wage bill's.
                    LabourClosure::Sticky(s) => (
                        wage_clearing(v, self.consumer_prices(economy, n), s, self.unemployment[n]),
                        (v / (self.w_hat[n] * self.employment[n]) - 1.0).abs(),
                    ),
                };
                residual = if r.is_nan() { f64::NAN } else { residual.max(r) };
                implied
            })
            .collect();
        (implied, residual)
    }

    /// Estimate, for each country, how fast the gap `ln w_implied − ln w_hat` closes when its own wage rises:
    /// `d[n] = Σ_j weight[n][j] · (export share + theta[j] · contested share + home share · (R + D) / I)`, where the
    /// weights are value-added shares, the export share is the part of n's sales in j sold abroad and the contested share is
    /// `Σ_m sales[m] (1 − pi_new[j][m][n]) / Σ_m sales[m]`. It is the diagonal of the Jacobian in a model where
    /// own spending moves one-for-one with the wage; a Newton step divided by it is well scaled both in open
    /// economies (large `d`) and near autarky (small `d`, where the gap is small too).
    fn update_wage_stiffness(&mut self, economy: &Economy) {
        let (nc, ns) = (self.nc, self.ns);
        let mut weighted = vec![0.0; nc];
        let mut weight_total = vec![0.0; nc];
        let mut sales = vec![0.0; nc];
        let mut exported = vec![0.0; nc];
        let mut contested = vec![0.0; nc];
        for j in 0..ns {
            sales.iter_mut().for_each(|v| *v = 0.0);
            exported.iter_mut().for_each(|v| *v = 0.0);
            contested.iter_mut().for_each(|v| *v = 0.0);
            // Loop over importers m outside and exporters n inside, so that memory is read in order.
            for m in 0..nc {
                let spending = self.absorption_new[m * ns + j];
                let base = (j * nc + m) * nc;
                for n in 0..nc {
                    let value = self.sales_share[base + n] * spending;
                    sales[n] += value;
                    contested[n] += value * (1.0 - self.pi_new[base + n]);
                    if m != n {
                        exported[n] += value;
                    }
                }
            }
            for n in 0..nc {
                if sales[n] > 0.0 {
                    // Spending at home rises less than one-for-one with the wage when part of income is tariff
                    // revenue or a deficit: that part of domestic sales also pulls the implied wage back.
                    let transfers = (self.revenue_new[n] + self.deficit_new[n]) / self.income_new[n];
                    let domestic = sales[n] - exported[n];
                    let weight = economy.gamma_va[n * ns + j] * sales[n];
                    weighted[n] +=
                        weight * (exported[n] + economy.theta[j] * contested[n] + domestic * transfers) / sales[n];
                    weight_total[n] += weight;
                }
            }
        }
        for n in 0..nc {
            self.wage_stiffness[n] =
                if weight_total[n] > 0.0 { (weighted[n] / weight_total[n]).max(MIN_WAGE_STIFFNESS) } else { 1.0 };
        }
    }

    /// Run up to `budget` more outer iterations, and at most about `max_work` cells of work (checked after every
    /// inner pass, so that one call stays short whatever the economy); returns `true` once the solve has stopped
    /// (converged or not). The inner loops are resumable: a call can end in the middle of an outer iteration, and
    /// the arithmetic is the same however the work is sliced.
    fn advance(&mut self, economy: &Economy, budget: usize, max_work: u64) -> bool {
        if self.loop_state.finished {
            return true;
        }
        let pass = work_per_pass(self.nc, self.ns);
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
    fn outer_step(
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
            (0..self.nc).map(|n| step * (implied[n].ln() - ln_w[n]) / self.wage_stiffness[n]).collect();
        if self.loop_state.plain_left > 0 {
            // Acceleration is suspended: the history never holds more than the current point.
            self.loop_state.plain_left -= 1;
            self.loop_state.history.clear();
        }
        let next = self.loop_state.history.next(&ln_w, &damped);
        for n in 0..self.nc {
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
                let current: f64 = (0..self.nc).map(|n| self.w_hat[n] * self.employment[n] * self.value_added[n]).sum();
                let scale = total_va / current;
                self.w_hat.iter_mut().for_each(|w| *w *= scale);
            }
        }
        false
    }

    /// Consumer prices `P_cpi_hat[n]` at the current sector prices.
    fn consumer_prices(&self, economy: &Economy, n: usize) -> f64 {
        let ns = self.ns;
        (0..ns).map(|j| economy.consumption_share(n, j) * self.ln_p_hat[n * ns + j]).sum::<f64>().exp()
    }

    /// Employment and deficits at the current wages (`docs/model.md`, "The first year: sticky wages"): employment
    /// on the wage curve, and the part `chi` of the labour income lost (or gained) through employment borrowed
    /// (or lent) abroad, with world borrowing netting to zero in proportion to value added. Nothing changes under
    /// the flexible closure.
    fn update_labour(&mut self, economy: &Economy) {
        let LabourClosure::Sticky(sticky) = self.closure else {
            return;
        };
        for n in 0..self.nc {
            let real_wage = self.w_hat[n] / self.consumer_prices(economy, n);
            let l = employment_at(real_wage, &sticky, self.unemployment[n]);
            self.employment[n] = l;
            self.smoothing[n] = sticky.smoothing * self.w_hat[n] * (1.0 - l) * self.value_added[n];
        }
        self.update_deficits();
    }

    /// Under sticky wages, each country's deficit at the current wages and tariff revenue: the baseline's, plus the
    /// lost labour income households keep spending, minus the new tariff revenue (which the government saves
    /// within the year rather than hands back), with the world's net borrowing spread back in proportion to value
    /// added so that deficits still sum to zero (`docs/model.md`, "The first year: sticky wages").
    fn update_deficits(&mut self) {
        if self.closure == LabourClosure::Flexible {
            return;
        }
        let total_va: f64 = self.value_added.iter().sum();
        let borrowing: Vec<f64> =
            (0..self.nc).map(|n| self.smoothing[n] - (self.revenue_new[n] - self.revenue_base[n])).collect();
        let world: f64 = borrowing.iter().sum();
        for n in 0..self.nc {
            self.deficit_new[n] = self.deficit_base[n] + borrowing[n] - self.value_added[n] / total_va * world;
        }
    }

    /// How far the solve has come: outer iterations so far and the current wage residual.
    fn progress(&self) -> (usize, f64) {
        (self.loop_state.iteration, self.loop_state.report.wage_residual)
    }

    /// The accounting identities of a solution (relative tolerance 1e-6, far above rounding): every state value is
    /// finite, world value added is the numeraire, each bought sector's trade shares sum to one, and each
    /// country's trade deficit at producer prices is the fixed one.
    fn identities_hold(&self, economy: &Economy) -> bool {
        let (nc, ns) = (self.nc, self.ns);
        let finite = |v: &[f64]| v.iter().all(|x| x.is_finite());
        if !(finite(&self.w_hat)
            && finite(&self.ln_p_hat)
            && finite(&self.ln_c_hat)
            && finite(&self.pi_new)
            && finite(&self.absorption_new)
            && finite(&self.output_new)
            && finite(&self.revenue_new)
            && finite(&self.income_new))
        {
            return false;
        }
        let total_va: f64 = economy.value_added.iter().sum();
        let new_va: f64 = (0..nc).map(|n| self.w_hat[n] * self.employment[n] * economy.value_added[n]).sum::<f64>();
        if (new_va / total_va - 1.0).abs() > 1e-6 {
            return false;
        }
        let mut imports = vec![0.0; nc];
        let mut exports = vec![0.0; nc];
        for j in 0..ns {
            for n in 0..nc {
                let base = (j * nc + n) * nc;
                if economy.absorption[n * ns + j] > 0.0 {
                    let shares: f64 = self.pi_new[base..base + nc].iter().sum();
                    if (shares - 1.0).abs() > 1e-6 {
                        return false;
                    }
                }
                let spending = self.absorption_new[n * ns + j];
                for i in 0..nc {
                    if i != n {
                        let flow = self.sales_share[base + i] * spending;
                        imports[n] += flow;
                        exports[i] += flow;
                    }
                }
            }
        }
        (0..nc).all(|n| {
            let gap = (imports[n] - exports[n]) - self.deficit_new[n];
            gap.abs() <= 1e-6 * economy.income[n].abs().max(self.income_new[n].abs())
        })
    }

    /// Check the final state and return the equilibrium, or why there is none.
    fn finish(mut self, economy: &Economy) -> Result<(Equilibrium, SolveReport), ModelError> {
        let tolerance = self.options.tolerance;
        let mut report = self.loop_state.report.clone();
        report.price_iterations = self.price_iterations;
        report.spending_iterations = self.spending_iterations;
        if !self.loop_state.finished {
            report.stop_reason = StopReason::IterationCap;
        }
        if report.stop_reason == StopReason::Converged {
            // Measure the residuals on the final state itself, not on the last change.
            let price_residual = self.price_step(economy);
            self.update_labour(economy);
            let (_, wage_residual) = self.implied_wages(economy);
            report.price_residual = price_residual;
            report.wage_residual = wage_residual;
            if !(price_residual < tolerance && wage_residual < tolerance && report.spending_residual < tolerance) {
                report.stop_reason = StopReason::ResidualRecheckFailed;
            } else {
                // A fixed point with negative income or spending is not an equilibrium a reader can use.
                let scale = economy.income.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
                let negative =
                    self.income_new.iter().any(|i| *i <= 0.0) || self.absorption_new.iter().any(|x| *x < -1e-9 * scale);
                if negative {
                    report.stop_reason = StopReason::NegativeSpending;
                } else if !self.identities_hold(economy) {
                    report.stop_reason = StopReason::Inconsistent;
                }
            }
        }
        if report.stop_reason != StopReason::Converged {
            return Err(ModelError::DidNotConverge(report));
        }
        let equilibrium = Equilibrium {
            w_hat: self.w_hat,
            ln_c_hat: self.ln_c_hat,
            ln_p_hat: self.ln_p_hat,
            pi_new: self.pi_new,
            absorption_new: self.absorption_new,
            output_new: self.output_new,
            revenue_new: self.revenue_new,
            income_new: self.income_new,
            employment: self.employment,
            deficit_new: self.deficit_new,
            closure: self.closure,
        };
        Ok((equilibrium, report))
    }
}

/// The inner loops (prices, spending) run this much tighter than the current wage residual…
const INNER_FACTOR: f64 = 1e-2;
/// …and never looser than this.
const INNER_LOOSEST: f64 = 1e-6;

/// The damping policy of the wage update (`docs/model.md`, "What convergence means"): geometric damping
/// `ln w ← ln w + step · (ln w_implied − ln w) / stiffness`, with the step halved whenever the residual grows and
/// raised again after a run of calm iterations. Named constants, so the policy can be read and tuned in one place.
#[derive(Debug, Clone)]
struct StepControl {
    step: f64,
    calm_iterations: usize,
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

    fn new() -> Self {
        StepControl { step: Self::INITIAL, calm_iterations: 0 }
    }

    /// The residual grew after a plain step: damp harder.
    fn overshot(&mut self) {
        self.step = (self.step * Self::SHRINK).max(Self::MIN);
        self.calm_iterations = 0;
    }

    /// The residual did not grow; returns whether the step grew (after a calm run).
    fn progressed(&mut self) -> bool {
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
struct LoopState {
    iteration: usize,
    step_control: StepControl,
    previous_residual: f64,
    /// The smallest wage residual so far.
    best_residual: f64,
    /// Accelerated steps that overshot since the last new best residual.
    fruitless_overshoots: usize,
    /// Outer iterations left during which Anderson acceleration is suspended.
    plain_left: usize,
    inner_tolerance: f64,
    history: Anderson,
    report: SolveReport,
    finished: bool,
}

impl LoopState {
    fn new(options: &SolverOptions, n_countries: usize) -> Self {
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

/// A solve that runs in slices, so that a page can show progress and stay responsive on large economies. It owns
/// its economy and scenario; [`SolveJob::advance`] runs a few outer iterations at a time.
pub struct SolveJob {
    economy: Economy,
    scenario: Scenario,
    solver: Solver,
}

impl SolveJob {
    /// Prepare a solve.
    pub fn new(economy: Economy, scenario: Scenario, options: &SolverOptions) -> Self {
        let solver = Solver::new(&economy, &scenario, options);
        SolveJob { economy, scenario, solver }
    }

    /// The same solve started from `start` instead of from no change (see [`WarmStart`]).
    pub fn starting_from(mut self, start: &WarmStart) -> Self {
        self.solver.start_from(start);
        self
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
            solver.finish(&economy).and_then(|(eq, report)| checked(Results::new(&economy, &scenario, eq, report)));
        (economy, scenario, results)
    }
}

/// Dot product with four independent accumulators, so that the compiler can vectorise it (a single running sum
/// is a chain of dependent additions). The order of additions differs from a plain sum only by rounding.
#[inline]
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let chunks_a = a.chunks_exact(4);
    let chunks_b = b.chunks_exact(4);
    let tail: f64 = chunks_a.remainder().iter().zip(chunks_b.remainder()).map(|(x, y)| x * y).sum();
    for (ca, cb) in chunks_a.zip(chunks_b) {
        for lane in 0..4 {
            acc[lane] += ca[lane] * cb[lane];
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Floor of the wage-step preconditioner: near autarky the estimate can reach zero or turn negative (a surplus
/// country whose income rises faster than its wage), and a step divided by it would be unbounded.
const MIN_WAGE_STIFFNESS: f64 = 0.02;

/// Accelerated steps that overshoot without a new best residual in between before acceleration is suspended…
const ACCELERATION_STRIKES: usize = 2;
/// …for this many outer iterations (then it is tried again).
const PLAIN_RUN: usize = 20;

/// How many past steps Anderson acceleration combines.
const ANDERSON_DEPTH: usize = 4;

/// Anderson acceleration (type II) of the damped wage step: the next log-wage vector is the combination of the
/// last few steps that best cancels the step residuals, in the least-squares sense. Walker & Ni (2011),
/// "Anderson acceleration for fixed-point iterations", SIAM J. Numer. Anal. 49(4). The solver clears the history
/// whenever the residual grows, so that a bad extrapolation costs at most one iteration and the plain damped
/// step takes over; when extrapolations keep overshooting without a new best residual (a two-step cycle), it
/// suspends acceleration for [`PLAIN_RUN`] iterations.
struct Anderson {
    depth: usize,
    points: Vec<Vec<f64>>,
    steps: Vec<Vec<f64>>,
}

impl Anderson {
    fn new(depth: usize, size: usize) -> Self {
        Anderson { depth, points: Vec::with_capacity(depth + 1), steps: Vec::with_capacity(size.min(depth + 1)) }
    }

    /// Whether the last step returned was an extrapolation rather than the plain damped step.
    fn accelerated(&self) -> bool {
        self.points.len() >= 2
    }

    fn clear(&mut self) {
        self.points.clear();
        self.steps.clear();
    }

    /// Record the point `x` and its damped step `f`, and return the accelerated next point.
    fn next(&mut self, x: &[f64], f: &[f64]) -> Vec<f64> {
        self.points.push(x.to_vec());
        self.steps.push(f.to_vec());
        if self.points.len() > self.depth + 1 {
            self.points.remove(0);
            self.steps.remove(0);
        }
        let plain: Vec<f64> = x.iter().zip(f).map(|(a, b)| a + b).collect();
        let m = self.points.len() - 1;
        if m == 0 {
            return plain;
        }
        // Differences of consecutive steps and points.
        let df: Vec<Vec<f64>> =
            (0..m).map(|c| self.steps[c + 1].iter().zip(&self.steps[c]).map(|(a, b)| a - b).collect()).collect();
        let dx: Vec<Vec<f64>> =
            (0..m).map(|c| self.points[c + 1].iter().zip(&self.points[c]).map(|(a, b)| a - b).collect()).collect();
        // Normal equations (dF' dF + ridge) gamma = dF' f, solved by Gaussian elimination (m ≤ depth).
        let mut a = vec![vec![0.0; m]; m];
        let mut rhs = vec![0.0; m];
        for r in 0..m {
            for c in 0..m {
                a[r][c] = dot(&df[r], &df[c]);
            }
            rhs[r] = dot(&df[r], f);
        }
        let trace: f64 = (0..m).map(|r| a[r][r]).sum();
        if !(trace.is_finite() && trace > 0.0) {
            self.clear();
            return plain;
        }
        for r in 0..m {
            a[r][r] += 1e-10 * trace;
        }
        let Some(gamma) = solve_small(a, rhs) else {
            self.clear();
            return plain;
        };
        let mut next = plain;
        for c in 0..m {
            for (v, (ddx, ddf)) in next.iter_mut().zip(dx[c].iter().zip(&df[c])) {
                *v -= gamma[c] * (ddx + ddf);
            }
        }
        if next.iter().all(|v| v.is_finite()) {
            next
        } else {
            self.clear();
            x.iter().zip(f).map(|(a, b)| a + b).collect()
        }
    }
}

/// Solve a small dense system by Gaussian elimination with partial pivoting; `None` if it is singular.
fn solve_small(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let size = b.len();
    for col in 0..size {
        let pivot = (col..size).max_by(|&r, &s| a[r][col].abs().total_cmp(&a[s][col].abs()))?;
        if a[pivot][col].abs() < 1e-300 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..size {
            let factor = a[row][col] / a[col][col];
            for c in col..size {
                a[row][c] -= factor * a[col][c];
            }
            b[row] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; size];
    for row in (0..size).rev() {
        let tail: f64 = (row + 1..size).map(|c| a[row][c] * x[c]).sum();
        x[row] = (b[row] - tail) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;

    #[test]
    fn dot_matches_a_plain_sum_for_every_length() {
        for len in 0..11 {
            let a: Vec<f64> = (0..len).map(|v| v as f64 * 0.5 + 1.0).collect();
            let b: Vec<f64> = (0..len).map(|v| 2.0 - v as f64 * 0.25).collect();
            let plain: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - plain).abs() < 1e-12, "length {len}");
        }
    }

    #[test]
    fn solve_small_solves_and_detects_singular_systems() {
        let x = solve_small(vec![vec![0.0, 2.0], vec![3.0, 1.0]], vec![4.0, 5.0]).expect("regular");
        assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 2.0).abs() < 1e-12, "{x:?}");
        assert!(solve_small(vec![vec![1.0, 2.0], vec![2.0, 4.0]], vec![1.0, 2.0]).is_none());
    }

    #[test]
    fn anderson_solves_a_linear_fixed_point_faster_than_plain_iteration() {
        // x = A x + b with a slowly contracting A; the fixed point is (I − A)^(−1) b.
        let a = [[0.9, 0.05], [0.02, 0.85]];
        let b = [1.0, 2.0];
        let step = |x: &[f64]| -> Vec<f64> { (0..2).map(|r| a[r][0] * x[0] + a[r][1] * x[1] + b[r] - x[r]).collect() };
        let exact = solve_small(vec![vec![0.1, -0.05], vec![-0.02, 0.15]], b.to_vec()).expect("regular");
        let mut anderson = Anderson::new(ANDERSON_DEPTH, 2);
        let mut x = vec![0.0, 0.0];
        for _ in 0..8 {
            let f = step(&x);
            x = anderson.next(&x, &f);
        }
        assert!((x[0] - exact[0]).abs() < 1e-9 && (x[1] - exact[1]).abs() < 1e-9, "{x:?} vs {exact:?}");
        let mut plain = vec![0.0, 0.0];
        for _ in 0..8 {
            let f = step(&plain);
            plain = plain.iter().zip(&f).map(|(p, d)| p + d).collect();
        }
        assert!((plain[0] - exact[0]).abs() > 1e-3, "plain iteration is still far after 8 steps");
    }

    #[test]
    fn a_solve_stops_at_its_work_limit_with_a_message() {
        let economy = crate::data::synthetic::random_economy(4, 3, 7).unwrap();
        let file = crate::data::synthetic::random_scenario_file(4, 3, 7, 1.0, 0.2);
        let scenario = Scenario::build(&file, &economy).unwrap();
        let options = SolverOptions { max_work: 10 * work_per_pass(4, 3), ..SolverOptions::default() };
        match solve_with(&economy, &scenario, &options) {
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
