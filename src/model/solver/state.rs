//! The equations of one solve (`docs/model.md`, steps 1–5, and "The first year: sticky wages"): the working state
//! ([`Solver`]), its start, the price fixed point, trade shares, the spending system, the wage condition and its
//! preconditioner, the labour market's closure, the accounting identities, and the raw [`Equilibrium`] a finished
//! solve hands on. How the iterations are driven (damping, acceleration, termination) is in `iterate.rs`.

use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::labour::{employment_at, wage_clearing, LabourClosure, DEFAULT_UNEMPLOYMENT_RATE_PCT};
use crate::model::report::{SolveReport, StopReason};
use crate::model::scenario::Scenario;
use crate::model::solver::control::LoopState;
use crate::model::solver::layout::Layout;
use crate::model::solver::options::SolverOptions;
use crate::util::numerics::dot;

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
    /// Exporters' margins under first-year dollar pricing, `[N]` (0 otherwise).
    pub margin_new: Vec<f64>,
    /// Log change of the price at which each country sells each sector's goods abroad, `[N·J]`: the unit cost's
    /// except under first-year dollar pricing.
    pub ln_export_price: Vec<f64>,
    /// Log change of the shop prices consumers pay, `[N·J]`: `ln_p_hat` except in the first year, when retailers
    /// pass only part of a tariff change on within the year.
    pub ln_consumer_price: Vec<f64>,
    /// Retailers' margins from the part of tariff changes they absorb in the first year, `[N]` (0 otherwise).
    pub retail_margin_new: Vec<f64>,
}

/// Where a solve starts instead of from no change: an equilibrium's wage changes `w_hat`, unit cost and price
/// changes `c_hat`, `P_hat` and absorption `Xn_new` (docs/model.md, "Solving"). Only the starting point: the solve
/// converges to the same equilibrium from any start near enough.
#[derive(Debug, Clone)]
pub struct WarmStart {
    pub(super) w_hat: Vec<f64>,
    pub(super) c_hat: Vec<Vec<f64>>,
    pub(super) p_hat: Vec<Vec<f64>>,
    pub(super) xn_new: Vec<Vec<f64>>,
}

impl WarmStart {
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

/// Floor of the wage-step preconditioner: near autarky the estimate can reach zero or turn negative (a surplus
/// country whose income rises faster than its wage), and a step divided by it would be unbounded.
const MIN_WAGE_STIFFNESS: f64 = 0.02;

/// Working state of one solve.
pub(super) struct Solver {
    pub(super) options: SolverOptions,
    /// How the flat arrays below are laid out (`layout.rs`).
    pub(super) layout: Layout,
    /// `pi[j][n][i] · kappa_hat^(−theta[j])`, flat `[j][n][i]`.
    pub(super) weighted_shock: Vec<f64>,
    /// `1 / (1 + tau_new)`, flat `[j][n][i]`.
    pub(super) producer_price_factor: Vec<f64>,
    /// `tau_new / (1 + tau_new)`, flat `[j][n][i]`.
    pub(super) revenue_factor: Vec<f64>,
    /// Input shares stored `[n][using sector j][input sector k]` so that the cost loop reads contiguous memory.
    pub(super) input_share_by_user: Vec<f64>,
    /// Diagonal preconditioner `d[n]` of the wage step, re-estimated at every outer iteration.
    pub(super) wage_stiffness: Vec<f64>,
    // State.
    pub(super) w_hat: Vec<f64>,
    pub(super) ln_p_hat: Vec<f64>,
    pub(super) ln_c_hat: Vec<f64>,
    /// `c_hat[i][j]^(−theta[j])`, stored `[j][i]` so that the price sum runs over contiguous memory.
    pub(super) cost_power: Vec<f64>,
    /// `Σ_i weighted_shock · cost_power`, `[n][j]` (equals `P_hat^(−theta)`).
    pub(super) price_sum: Vec<f64>,
    pub(super) pi_new: Vec<f64>,
    /// `pi_new / (1 + tau_new)`, flat `[j][n][i]`: the producer-price share of spending that reaches exporter i.
    pub(super) sales_share: Vec<f64>,
    /// `Σ_i pi_new · tau_new / (1 + tau_new)`, `[n][j]`: the share of spending that is tariff revenue.
    pub(super) revenue_share: Vec<f64>,
    pub(super) absorption_new: Vec<f64>,
    pub(super) output_new: Vec<f64>,
    /// Output accumulated as `[j][i]`, so that the inner loop writes contiguous memory.
    pub(super) output_by_sector: Vec<f64>,
    pub(super) revenue_new: Vec<f64>,
    pub(super) income_new: Vec<f64>,
    /// The labour market's closure, and under sticky wages its parameters.
    pub(super) closure: LabourClosure,
    /// Baseline unemployment rates, shares `[N]`.
    pub(super) unemployment: Vec<f64>,
    /// Employment change `l_hat[n]` at the current wages (1 under the flexible closure).
    pub(super) employment: Vec<f64>,
    /// Trade deficits at the current wages (the baseline's under the flexible closure).
    pub(super) deficit_new: Vec<f64>,
    /// The baseline's value added, deficits and tariff revenue, `[N]`, for the closure.
    pub(super) value_added: Vec<f64>,
    pub(super) deficit_base: Vec<f64>,
    pub(super) revenue_base: Vec<f64>,
    /// Under sticky wages, the labour income lost through employment that households keep spending, `chi ·
    /// w_hat (1 − l_hat) VA`, `[N]`.
    pub(super) smoothing: Vec<f64>,
    /// First-year dollar pricing: the United States' index and `rho`, the share of an exporter's dollar cost
    /// change its dollar price follows (`None` under the flexible closure, with `rho = 1`, or without a `USA`).
    pub(super) dollar: Option<(usize, f64)>,
    /// Log change of the price of each country's sales abroad, `[i][j]` (the unit cost's without dollar pricing).
    pub(super) ln_export_price: Vec<f64>,
    /// Under dollar pricing, `export price^(−theta[j])`, stored `[j][i]` like `cost_power`.
    pub(super) export_power: Vec<f64>,
    /// Under dollar pricing, unit cost over export price, `[j][i]`: the share of sales abroad that is cost.
    pub(super) cost_ratio: Vec<f64>,
    /// Sales abroad accumulated `[j][i]` in the spending pass.
    pub(super) exports_by_sector: Vec<f64>,
    /// Exporters' margins, `[N]`.
    pub(super) margin_new: Vec<f64>,
    /// First-year shop prices: the share `1 − a` of a tariff change's effect on prices that retailers absorb within
    /// the year (`None` under the flexible closure or with `a = 1`).
    pub(super) retail: Option<f64>,
    /// Under shop pricing, `pi[j][n][i] · d_hat^(−theta[j])`, flat `[j][n][i]`: the weighted shock without the
    /// tariff change (empty otherwise).
    pub(super) ex_tariff_shock: Vec<f64>,
    /// `(1 − a) (ln P_hat − ln P0_hat)`, `[n][j]`: how far shop prices lag the price retailers pay (0 without shop
    /// pricing).
    pub(super) retail_gap: Vec<f64>,
    /// Retailers' margins, `[N]`: spending at shop prices minus what the goods cost them.
    pub(super) retail_margin_new: Vec<f64>,
    pub(super) price_iterations: usize,
    pub(super) spending_iterations: usize,
    /// Work done so far, in cells (see [`work_per_pass`]).
    pub(super) work: u64,
    /// Where the solve stands inside an outer iteration.
    pub(super) phase: Phase,
    pub(super) loop_state: LoopState,
}

/// Where a solve stands inside an outer iteration, so that [`Solver::advance`] can stop after any inner pass and
/// resume there.
#[derive(Debug, Clone, Copy)]
pub(super) enum Phase {
    /// Between outer iterations.
    Outer,
    /// In the price fixed point: passes so far and the last change.
    Prices { passes: usize, change: f64 },
    /// In the spending system: passes so far, the last change, and the price loop's final change.
    Spending { passes: usize, change: f64, price_change: f64 },
}

impl Solver {
    /// Start from a previous equilibrium's wages, unit costs, prices and absorption (see [`super::Solve::starting_from`]), when
    /// its shape matches and every value is finite and positive.
    pub(super) fn start_from(&mut self, start: &WarmStart) {
        let l = self.layout;
        let (nc, ns) = (l.nc, l.ns);
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
                self.ln_c_hat[l.cs(n, j)] = start.c_hat[n][j].ln();
                self.ln_p_hat[l.cs(n, j)] = start.p_hat[n][j].ln();
                self.absorption_new[l.cs(n, j)] = start.xn_new[n][j];
            }
        }
    }

    pub(super) fn new(economy: &Economy, scenario: &Scenario, options: &SolverOptions) -> Self {
        let (nc, ns) = (economy.n_countries(), economy.n_sectors());
        let l = Layout { nc, ns };
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
                    input_share_by_user[l.io_at(n, j, k)] = economy.gamma_io[l.io_at(n, k, j)];
                }
            }
        }
        let closure = match options.labour.unwrap_or_else(|| LabourClosure::for_horizon(economy.horizon())) {
            c if c.is_valid() => c,
            _ => LabourClosure::Flexible,
        };
        let dollar = match closure {
            LabourClosure::Sticky(s) if s.export_price_pass_through < 1.0 => {
                economy.countries().iter().position(|c| c == "USA").map(|us| (us, s.export_price_pass_through))
            }
            _ => None,
        };
        let retail = match closure {
            LabourClosure::Sticky(s) if s.retail_pass_through < 1.0 => Some(1.0 - s.retail_pass_through),
            _ => None,
        };
        let mut ex_tariff_shock = Vec::new();
        if retail.is_some() {
            ex_tariff_shock = vec![0.0; cells];
            for j in 0..ns {
                for n in 0..nc {
                    for i in 0..nc {
                        let b = economy.bilateral_index(j, n, i);
                        let pi = economy.pi[b];
                        if pi > 0.0 {
                            ex_tariff_shock[b] = pi * (-economy.theta[j] * scenario.dhat[b].ln()).exp();
                        }
                    }
                }
            }
        }
        let unemployment = (0..nc)
            .map(|n| {
                (economy.unemployment_rate_pct(n).unwrap_or(DEFAULT_UNEMPLOYMENT_RATE_PCT) / 100.0).clamp(0.001, 0.5)
            })
            .collect();
        Solver {
            input_share_by_user,
            layout: l,
            options: *options,
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
            dollar,
            ln_export_price: vec![0.0; nc * ns],
            export_power: vec![1.0; nc * ns],
            cost_ratio: vec![1.0; nc * ns],
            exports_by_sector: vec![0.0; nc * ns],
            margin_new: vec![0.0; nc],
            retail,
            ex_tariff_shock,
            retail_gap: vec![0.0; nc * ns],
            retail_margin_new: vec![0.0; nc],
            price_iterations: 0,
            spending_iterations: 0,
            work: 0,
            phase: Phase::Outer,
            loop_state: LoopState::new(options, nc),
        }
    }

    /// Steps 1 and 2 for the current `ln_p_hat`: costs, cost powers and the price sums. Returns the largest
    /// change `|ln P_implied − ln P_hat|` and leaves `ln_p_hat` at the implied value.
    pub(super) fn price_step(&mut self, economy: &Economy) -> f64 {
        let l = self.layout;
        let (nc, ns) = (l.nc, l.ns);
        // The dollar's value in world units at the current prices (the Federal Reserve anchors US consumer prices).
        let dollar = self.dollar.map(|(us, rho)| (self.consumer_prices(economy, us).ln(), rho));
        for n in 0..nc {
            let ln_w = self.w_hat[n].ln();
            for j in 0..ns {
                let shares = &self.input_share_by_user[l.io(n, j)];
                let ln_c = economy.gamma_va[l.cs(n, j)] * ln_w + dot(shares, &self.ln_p_hat[l.country(n)]);
                self.ln_c_hat[l.cs(n, j)] = ln_c;
                self.cost_power[l.sc(j, n)] = (-economy.theta[j] * ln_c).exp();
                match dollar {
                    Some((ln_dollar, rho)) => {
                        let ln_x = rho * ln_c + (1.0 - rho) * ln_dollar;
                        self.ln_export_price[l.cs(n, j)] = ln_x;
                        self.export_power[l.sc(j, n)] = (-economy.theta[j] * ln_x).exp();
                        self.cost_ratio[l.sc(j, n)] = (ln_c - ln_x).exp();
                    }
                    None => self.ln_export_price[l.cs(n, j)] = ln_c,
                }
            }
        }
        let mut change: f64 = 0.0;
        for j in 0..ns {
            let powers = &self.cost_power[l.sector(j)];
            let exports = &self.export_power[l.sector(j)];
            let inv_theta = 1.0 / economy.theta[j];
            // `Σ_i row[i] · price[i]^(−theta)` for buyer `n`: under dollar pricing foreign suppliers at their export
            // prices, the home supplier at its unit cost.
            let price_sum = |row: &[f64], n: usize| match dollar {
                None => dot(row, powers),
                Some(_) => dot(row, exports) + row[n] * (powers[n] - exports[n]),
            };
            for n in 0..nc {
                let sum = price_sum(&self.weighted_shock[l.suppliers(j, n)], n);
                self.price_sum[l.cs(n, j)] = sum;
                // A sector the country never buys has no price; its change is set to 1 by convention.
                let bought = economy.absorption[l.cs(n, j)] > 0.0;
                let ln_p = if bought { -sum.ln() * inv_theta } else { 0.0 };
                if let Some(absorbed) = self.retail {
                    // The same price without the tariff change: what shop prices would follow with no tariff.
                    let sum0 = price_sum(&self.ex_tariff_shock[l.suppliers(j, n)], n);
                    self.retail_gap[l.cs(n, j)] =
                        if bought && sum0 > 0.0 { absorbed * (ln_p + sum0.ln() * inv_theta) } else { 0.0 };
                }
                let d = (ln_p - self.ln_p_hat[l.cs(n, j)]).abs();
                change = if d.is_nan() { f64::NAN } else { change.max(d) };
                self.ln_p_hat[l.cs(n, j)] = ln_p;
            }
        }
        change
    }

    /// Step 3: new trade shares from the last cost powers and price sums.
    pub(super) fn update_shares(&mut self) {
        let l = self.layout;
        let (nc, ns) = (l.nc, l.ns);
        for j in 0..ns {
            for n in 0..nc {
                let sum = self.price_sum[l.cs(n, j)];
                let base = l.pair(j, n);
                let mut revenue_share = 0.0;
                for i in 0..nc {
                    let power = if self.dollar.is_some() && i != n {
                        self.export_power[l.sc(j, i)]
                    } else {
                        self.cost_power[l.sc(j, i)]
                    };
                    let pi = if sum > 0.0 { self.weighted_shock[base + i] * power / sum } else { 0.0 };
                    self.pi_new[base + i] = pi;
                    self.sales_share[base + i] = pi * self.producer_price_factor[base + i];
                    revenue_share += pi * self.revenue_factor[base + i];
                }
                self.revenue_share[l.cs(n, j)] = revenue_share;
            }
        }
    }

    /// One pass of step 4 from the current `absorption_new`; returns the largest relative change.
    pub(super) fn spending_step(&mut self, economy: &Economy) -> f64 {
        let l = self.layout;
        let (nc, ns) = (l.nc, l.ns);
        self.output_by_sector.iter_mut().for_each(|y| *y = 0.0);
        self.revenue_new.iter_mut().for_each(|r| *r = 0.0);
        for j in 0..ns {
            let output = &mut self.output_by_sector[l.sector(j)];
            for n in 0..nc {
                let spending = self.absorption_new[l.cs(n, j)];
                let base = l.pair(j, n);
                for (y, share) in output.iter_mut().zip(&self.sales_share[base..base + nc]) {
                    *y += share * spending;
                }
                self.revenue_new[n] += self.revenue_share[l.cs(n, j)] * spending;
            }
        }
        for j in 0..ns {
            for i in 0..nc {
                self.output_new[l.cs(i, j)] = self.output_by_sector[l.sc(j, i)];
            }
        }
        if self.dollar.is_some() {
            self.split_margins();
        }
        self.update_deficits();
        let mut change: f64 = 0.0;
        for n in 0..nc {
            let mut income = self.w_hat[n] * self.employment[n] * economy.value_added[n]
                + self.margin_new[n]
                + self.revenue_new[n]
                + self.deficit_new[n];
            if self.retail.is_some() {
                // Consumers spend `income` at shop prices; retailers pay `exp(gap)` times as much for the goods,
                // and what is left of the other incomes after paying for them is the retailers' margin.
                let at_cost: f64 = (0..ns).map(|j| economy.alpha[l.cs(n, j)] * self.retail_gap[l.cs(n, j)].exp()).sum();
                let earned = income;
                income = earned / at_cost;
                self.retail_margin_new[n] = income - earned;
            }
            self.income_new[n] = income;
            let scale = 1e-14 * economy.income[n];
            for j in 0..ns {
                let final_demand = match self.retail {
                    None => economy.alpha[l.cs(n, j)] * income,
                    Some(_) => economy.alpha[l.cs(n, j)] * income * self.retail_gap[l.cs(n, j)].exp(),
                };
                let demand = final_demand + dot(&economy.gamma_io[l.io(n, j)], &self.output_new[l.country(n)]);
                let old = self.absorption_new[l.cs(n, j)];
                let d = (demand - old).abs() / (demand.abs() + scale);
                change = if d.is_nan() { f64::NAN } else { change.max(d) };
                self.absorption_new[l.cs(n, j)] = demand;
            }
        }
        change
    }

    /// Under dollar pricing, split each country's sales abroad into output at unit cost (which employs labour and
    /// buys inputs) and the exporter's margin (income of the exporting country): `output_new` leaves the spending
    /// pass as sales, and leaves here at cost.
    fn split_margins(&mut self) {
        let l = self.layout;
        let (nc, ns) = (l.nc, l.ns);
        self.exports_by_sector.iter_mut().for_each(|v| *v = 0.0);
        for j in 0..ns {
            let exports = &mut self.exports_by_sector[l.sector(j)];
            for n in 0..nc {
                let spending = self.absorption_new[l.cs(n, j)];
                let base = l.pair(j, n);
                for (i, (e, share)) in exports.iter_mut().zip(&self.sales_share[base..base + nc]).enumerate() {
                    if i != n {
                        *e += share * spending;
                    }
                }
            }
        }
        self.margin_new.iter_mut().for_each(|m| *m = 0.0);
        for j in 0..ns {
            for i in 0..nc {
                let margin = self.exports_by_sector[l.sc(j, i)] * (1.0 - self.cost_ratio[l.sc(j, i)]);
                self.margin_new[i] += margin;
                self.output_new[l.cs(i, j)] -= margin;
            }
        }
    }

    /// The wages implied by the wage condition, and the largest relative gap to the current wages.
    pub(super) fn implied_wages(&self, economy: &Economy) -> (Vec<f64>, f64) {
        let l = self.layout;
        let (nc, ns) = (l.nc, l.ns);
        let mut residual: f64 = 0.0;
        let implied: Vec<f64> = (0..nc)
            .map(|n| {
                let va: f64 = (0..ns).map(|j| economy.gamma_va[l.cs(n, j)] * self.output_new[l.cs(n, j)]).sum();
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
    pub(super) fn update_wage_stiffness(&mut self, economy: &Economy) {
        let l = self.layout;
        let (nc, ns) = (l.nc, l.ns);
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
                let spending = self.absorption_new[l.cs(m, j)];
                let base = l.pair(j, m);
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
                    let weight = economy.gamma_va[l.cs(n, j)] * sales[n];
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

    /// Consumer prices `P_cpi_hat[n]` at the current sector prices: shop prices, which in the first year lag the
    /// tariffs' part of the price retailers pay.
    pub(super) fn consumer_prices(&self, economy: &Economy, n: usize) -> f64 {
        let l = self.layout;
        let ns = l.ns;
        (0..ns)
            .map(|j| economy.consumption_share(n, j) * (self.ln_p_hat[l.cs(n, j)] - self.retail_gap[l.cs(n, j)]))
            .sum::<f64>()
            .exp()
    }

    /// Employment and deficits at the current wages (`docs/model.md`, "The first year: sticky wages"): employment
    /// on the wage curve, and the part `chi` of the labour income lost (or gained) through employment borrowed
    /// (or lent) abroad, with world borrowing netting to zero in proportion to value added. Nothing changes under
    /// the flexible closure.
    pub(super) fn update_labour(&mut self, economy: &Economy) {
        let LabourClosure::Sticky(sticky) = self.closure else {
            return;
        };
        for n in 0..self.layout.nc {
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
    pub(super) fn update_deficits(&mut self) {
        if self.closure == LabourClosure::Flexible {
            return;
        }
        let total_va: f64 = self.value_added.iter().sum();
        let borrowing: Vec<f64> =
            (0..self.layout.nc).map(|n| self.smoothing[n] - (self.revenue_new[n] - self.revenue_base[n])).collect();
        let world: f64 = borrowing.iter().sum();
        for n in 0..self.layout.nc {
            self.deficit_new[n] = self.deficit_base[n] + borrowing[n] - self.value_added[n] / total_va * world;
        }
    }

    /// The accounting identities of a solution (relative tolerance 1e-6, far above rounding): every state value is
    /// finite, world value added is the numeraire, each bought sector's trade shares sum to one, and each
    /// country's trade deficit at producer prices is the fixed one.
    pub(super) fn identities_hold(&self, economy: &Economy) -> bool {
        let l = self.layout;
        let (nc, ns) = (l.nc, l.ns);
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
                let base = l.pair(j, n);
                if economy.absorption[l.cs(n, j)] > 0.0 {
                    let shares: f64 = self.pi_new[base..base + nc].iter().sum();
                    if (shares - 1.0).abs() > 1e-6 {
                        return false;
                    }
                }
                let spending = self.absorption_new[l.cs(n, j)];
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
    pub(super) fn finish(mut self, economy: &Economy) -> Result<(Equilibrium, SolveReport), ModelError> {
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
        let ln_consumer_price = self.ln_p_hat.iter().zip(&self.retail_gap).map(|(p, g)| p - g).collect();
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
            margin_new: self.margin_new,
            ln_export_price: self.ln_export_price,
            ln_consumer_price,
            retail_margin_new: self.retail_margin_new,
        };
        Ok((equilibrium, report))
    }
}
