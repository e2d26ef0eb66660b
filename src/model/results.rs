//! The results of a solve: every quantity of `model.md`'s results table under its exact key name and array
//! layout, the welfare decomposition of Caliendo & Parro (2015), the solver's report, and the reader-facing
//! derived results.
//!
//! # The welfare decomposition
//!
//! Caliendo & Parro (2015, section 4, equation 28) split the change in a country's welfare into a terms-of-trade
//! and a volume-of-trade term. With `E[j][n][i]` country n's exports to i and `M[j][n][i]` its imports from i, both
//! at producer prices in the baseline (`M[j][n][i] = X[j][n][i] / (1 + tau[j][n][i])`, `E[j][n][i] = M[j][i][n]`),
//! `c_hat` the solution's unit-cost changes, `M_new` the imports at producer prices after the change
//! (`X_new / (1 + tau_new)`) and `I` baseline income, evaluated as in the paper (baseline flows and tariffs as
//! weights; the formulas of the R package paulofelipe/cp2015, which reproduces the paper's tables):
//!
//! - `welfare_tot_pct[n] = 100 / I[n] · Σ_j Σ_i ( E[j][n][i] (c_hat[n][j] − 1) − M[j][n][i] (c_hat[i][j] − 1) )`
//! - `welfare_vot_pct[n] = 100 / I[n] · Σ_j Σ_i tau[j][n][i] M[j][n][i] ( M_new[j][n][i] / M[j][n][i] − c_hat[i][j] )`
//!
//! The sum is the paper's "welfare" column. It is a first-order approximation weighted by the baseline: it is not
//! the exact change in real income `welfare_pct`, and the two differ most where tariffs are cut, because the
//! tariff revenue lost on imports that were already coming in is not in the volume-of-trade term (which counts
//! only the gain on the extra volume, valued at the old tariff). A scenario that changes non-tariff trade costs
//! (`dhat ≠ 1`) has a third term the paper calls technical efficiency, which these two keys leave out.

use serde::{Deserialize, Serialize};

use crate::model::derived::Derived;
use crate::model::economy::{nest2, nest3, Economy};
use crate::model::error::ModelError;
use crate::model::report::{SolveReport, StopReason};
use crate::model::scenario::Scenario;
use crate::model::solver::state::Equilibrium;

/// Why the exact welfare change and the decomposition differ, in plain words, for the text summary and the CSV.
pub const DECOMPOSITION_NOTE: &str = "The terms-of-trade and volume-of-trade terms are the paper's first-order \
decomposition, weighted by baseline flows and tariffs; the exact welfare change is the change in real income. They \
differ most where tariffs are cut: the exact change counts the tariff revenue lost on imports that were already \
coming in, while the volume-of-trade term counts only the gain on the extra imports. Changes in non-tariff trade \
costs add a third term that neither column shows.";

/// The exact change in real income, percent of baseline income `[N]` each, split into parts that add up to
/// `welfare_pct` (to rounding). With `W_hat = (w_hat l_hat VA + M_new + R_shop + R_new + D) / (I P_cpi_hat)` (`R_shop` the
/// retailers' margins in the first year, `M` the
/// exporters' margins under first-year dollar pricing; borrowing in the first year is a loan, not income):
///
/// - `wages_pct = 100 · VA (w_hat / P_cpi_hat − 1) / I`: the real wage at baseline employment, which carries the
///   terms of trade and the efficiency cost of the tariffs;
/// - `employment_pct = 100 · VA w_hat (l_hat − 1) / (P_cpi_hat I)`: labour income lost or gained through
///   employment (0 in the long run);
/// - `tariff_revenue_pct = 100 · (R_new / P_cpi_hat − R) / I`: real tariff revenue returned to households;
/// - `export_margins_pct = 100 · M_new / (P_cpi_hat I)`: in the first year, what exporters earn above their unit
///   costs because their dollar prices lag (0 in the long run);
/// - `retail_margins_pct = 100 · R_shop / (P_cpi_hat I)`: in the first year, the part of tariff changes retailers
///   absorb because shop prices lag them (negative when tariffs rise; 0 in the long run);
/// - `deficit_pct = 100 · D (1 / P_cpi_hat − 1) / I`: the real value of the baseline deficit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WelfareParts {
    /// Real wage part.
    pub wages_pct: Vec<f64>,
    /// Employment part.
    pub employment_pct: Vec<f64>,
    /// Tariff revenue part.
    pub tariff_revenue_pct: Vec<f64>,
    /// Exporters' margins part (first year).
    pub export_margins_pct: Vec<f64>,
    /// Retailers' margins part (first year).
    #[serde(default)]
    pub retail_margins_pct: Vec<f64>,
    /// Baseline deficit part.
    pub deficit_pct: Vec<f64>,
}

impl WelfareParts {
    /// Country `n`'s retailers' margins part, 0 where the parts come from a file written before it existed.
    pub fn retail_margins(&self, n: usize) -> f64 {
        self.retail_margins_pct.get(n).copied().unwrap_or(0.0)
    }
}

/// Everything a solve produces. Serialises to JSON with the key names of `model.md`.
#[allow(non_snake_case, reason = "key names follow model.md's results table")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// Country ids, in index order.
    pub countries: Vec<String>,
    /// Sector ids, in index order.
    pub sectors: Vec<String>,
    /// Scenario title.
    pub scenario: String,
    /// Wage change `[N]`.
    pub w_hat: Vec<f64>,
    /// Unit-cost change `[N][J]`.
    pub c_hat: Vec<Vec<f64>>,
    /// Sector price change `[N][J]`.
    pub P_hat: Vec<Vec<f64>>,
    /// Consumer price change `[N]`.
    pub P_cpi_hat: Vec<f64>,
    /// New trade shares `[J][N][N]`.
    pub pi_new: Vec<Vec<Vec<f64>>>,
    /// New flows at importer prices `[J][N][N]`.
    pub X_new: Vec<Vec<Vec<f64>>>,
    /// New absorption `[N][J]`.
    pub Xn_new: Vec<Vec<f64>>,
    /// New gross output at unit cost `[N][J]` (in the first year exporters' margins are apart: `margin_new`).
    pub Y_new: Vec<Vec<f64>>,
    /// Baseline tariff revenue `[N]`.
    pub tariff_revenue_base: Vec<f64>,
    /// New tariff revenue `[N]`.
    pub tariff_revenue_new: Vec<f64>,
    /// Baseline income `[N]`.
    pub I_base: Vec<f64>,
    /// New income `[N]`.
    pub I_new: Vec<f64>,
    /// Welfare: real income change `[N]`.
    pub W_hat: Vec<f64>,
    /// Real wage change `[N]`.
    pub real_wage_hat: Vec<f64>,
    /// Welfare change in percent `[N]`.
    pub welfare_pct: Vec<f64>,
    /// Terms-of-trade term of Caliendo & Parro's welfare decomposition, percent of baseline income `[N]`.
    pub welfare_tot_pct: Vec<f64>,
    /// Volume-of-trade term of Caliendo & Parro's welfare decomposition, percent of baseline income `[N]`.
    pub welfare_vot_pct: Vec<f64>,
    /// The labour market's closure: `flexible` (long run: wages clear, full employment, deficits fixed) or
    /// `sticky` (the first year: `docs/model.md`, "The first year: sticky wages").
    pub labour: String,
    /// Employment change `[N]` (1 under the flexible closure).
    pub employment_hat: Vec<f64>,
    /// Baseline trade deficits `[N]`.
    pub deficit_base: Vec<f64>,
    /// Exporters' margins `[N]`: in the first year, sales abroad above unit cost because dollar prices lag
    /// (`docs/model.md`, "The first year: sticky wages"); 0 under the flexible closure.
    pub margin_new: Vec<f64>,
    /// Retailers' margins `[N]`: in the first year, spending at shop prices minus what the goods cost retailers
    /// (negative when tariffs rise, as shop prices lag them); 0 under the flexible closure.
    #[serde(default)]
    pub retail_margin_new: Vec<f64>,
    /// Trade deficits at the solution `[N]` (the baseline's under the flexible closure; under sticky wages they
    /// include the borrowing that smooths lost labour income).
    pub deficit_new: Vec<f64>,
    /// The exact welfare change split into parts that add up to `welfare_pct` (see [`WelfareParts`]).
    pub welfare_parts: WelfareParts,
    /// How the solver stopped.
    pub solver: SolveReport,
    /// Reader-facing results derived from the above.
    pub derived: Derived,
}

impl Results {
    /// These results, when every number in them is finite: a solve can meet its residuals with infinite prices (the
    /// residual of `inf / inf` is not computed as small, but a price sum can underflow to a finite limit); otherwise
    /// [`ModelError::DidNotConverge`] with the stop reason [`StopReason::Inconsistent`].
    pub(crate) fn checked(self) -> Result<Results, ModelError> {
        if self.all_finite() {
            Ok(self)
        } else {
            let mut report = self.solver.clone();
            report.stop_reason = StopReason::Inconsistent;
            Err(ModelError::DidNotConverge(report))
        }
    }

    pub(crate) fn new(economy: &Economy, scenario: &Scenario, eq: Equilibrium, report: SolveReport) -> Self {
        let (nc, ns) = (economy.n_countries(), economy.n_sectors());
        let p_cpi_hat: Vec<f64> = (0..nc)
            .map(|n| {
                (0..ns).map(|j| economy.consumption_share(n, j) * eq.ln_consumer_price[n * ns + j]).sum::<f64>().exp()
            })
            .collect();
        let mut x_new = vec![0.0; ns * nc * nc];
        for j in 0..ns {
            for n in 0..nc {
                for i in 0..nc {
                    let b = economy.bilateral_index(j, n, i);
                    x_new[b] = eq.pi_new[b] * eq.absorption_new[n * ns + j];
                }
            }
        }
        // Income without the first year's extra borrowing (a loan, not income); the same number as `income_new`
        // under the flexible closure, where the deficits do not move.
        let earned: Vec<f64> =
            (0..nc).map(|n| eq.income_new[n] - (eq.deficit_new[n] - economy.deficits()[n])).collect();
        let w_hat_welfare: Vec<f64> = (0..nc).map(|n| (earned[n] / economy.income()[n]) / p_cpi_hat[n]).collect();
        let welfare_parts = {
            let (va, income, deficit) = (economy.value_added(), economy.income(), economy.deficits());
            let part = |f: &dyn Fn(usize) -> f64| (0..nc).map(|n| 100.0 * f(n) / income[n]).collect::<Vec<f64>>();
            WelfareParts {
                wages_pct: part(&|n| va[n] * (eq.w_hat[n] / p_cpi_hat[n] - 1.0)),
                employment_pct: part(&|n| va[n] * eq.w_hat[n] * (eq.employment[n] - 1.0) / p_cpi_hat[n]),
                tariff_revenue_pct: part(&|n| eq.revenue_new[n] / p_cpi_hat[n] - economy.tariff_revenue()[n]),
                export_margins_pct: part(&|n| eq.margin_new[n] / p_cpi_hat[n]),
                retail_margins_pct: part(&|n| eq.retail_margin_new[n] / p_cpi_hat[n]),
                deficit_pct: part(&|n| deficit[n] * (1.0 / p_cpi_hat[n] - 1.0)),
            }
        };
        let derived = Derived::new(economy, scenario, &eq, &x_new, &p_cpi_hat, &w_hat_welfare);
        let (welfare_tot_pct, welfare_vot_pct) = welfare_decomposition(economy, scenario, &eq, &x_new);
        Results {
            countries: economy.countries().to_vec(),
            sectors: economy.sectors().to_vec(),
            scenario: scenario.name.clone(),
            w_hat: eq.w_hat.clone(),
            c_hat: nest2(&eq.ln_c_hat.iter().map(|v| v.exp()).collect::<Vec<_>>(), ns),
            P_hat: nest2(&eq.ln_p_hat.iter().map(|v| v.exp()).collect::<Vec<_>>(), ns),
            real_wage_hat: eq.w_hat.iter().zip(&p_cpi_hat).map(|(w, p)| w / p).collect(),
            welfare_pct: w_hat_welfare.iter().map(|w| 100.0 * (w - 1.0)).collect(),
            welfare_tot_pct,
            welfare_vot_pct,
            W_hat: w_hat_welfare,
            P_cpi_hat: p_cpi_hat,
            pi_new: nest3(&eq.pi_new, nc, nc),
            X_new: nest3(&x_new, nc, nc),
            Xn_new: nest2(&eq.absorption_new, ns),
            Y_new: nest2(&eq.output_new, ns),
            tariff_revenue_base: economy.tariff_revenue().to_vec(),
            tariff_revenue_new: eq.revenue_new.clone(),
            I_base: economy.income().to_vec(),
            I_new: eq.income_new.clone(),
            labour: eq.closure.id().to_string(),
            employment_hat: eq.employment.clone(),
            deficit_base: economy.deficits().to_vec(),
            deficit_new: eq.deficit_new.clone(),
            margin_new: eq.margin_new.clone(),
            retail_margin_new: eq.retail_margin_new.clone(),
            welfare_parts,
            solver: report,
            derived,
        }
    }

    /// Whether every number a reader or a program sees is finite (the headline figures, prices, shares, flows,
    /// trade, revenue and costs; employment changes are left out, as a sector with no jobs has no percent change).
    pub fn all_finite(&self) -> bool {
        fn flat(v: &[f64]) -> bool {
            v.iter().all(|x| x.is_finite())
        }
        fn flat2(v: &[Vec<f64>]) -> bool {
            v.iter().all(|r| flat(r))
        }
        fn flat3(v: &[Vec<Vec<f64>>]) -> bool {
            v.iter().all(|r| flat2(r))
        }
        let d = &self.derived;
        flat(&self.w_hat)
            && flat2(&self.c_hat)
            && flat2(&self.P_hat)
            && flat(&self.P_cpi_hat)
            && flat3(&self.pi_new)
            && flat3(&self.X_new)
            && flat2(&self.Xn_new)
            && flat2(&self.Y_new)
            && flat(&self.tariff_revenue_new)
            && flat(&self.I_new)
            && flat(&self.W_hat)
            && flat(&self.real_wage_hat)
            && flat(&self.welfare_pct)
            && flat(&self.welfare_tot_pct)
            && flat(&self.welfare_vot_pct)
            && flat3(&d.trade_new)
            && d.pairs.iter().chain(&d.services_pairs).all(|p| p.new.is_finite() && p.change.is_finite())
            && flat(&d.sector_trade_new)
            && flat(&d.consumer_price_pct)
            && flat(&d.consumer_price_vs_world_pct)
            && d.consumer_cost_per_household.as_deref().map_or(true, flat)
            && d.consumer_price_cost_per_household.as_deref().map_or(true, flat)
            && flat2(&d.sector_price_pct)
            && flat2(&d.supply_chain_cost_pct)
            && flat(&d.tariff_revenue_change)
            && d.cost_by_decile
                .iter()
                .flat_map(|(_, deciles)| deciles)
                .all(|c| c.usd_per_household.is_finite() && c.usd_per_household_before.is_finite())
    }
}

/// A `[J][N][N]` array of flows.
pub type Flows = Vec<Vec<Vec<f64>>>;

/// The new flows at importer prices (`X_new = pi_new · Xn_new`) and at producer prices (`X_new / (1 + tau_new)`,
/// `Derived::trade_new`) from a solution's shares and absorption, with the same arithmetic as [`Results`] and
/// [`Derived`], bit for bit: for a page that installs a solution computed elsewhere (the Web Worker's) without
/// redoing the model's arithmetic itself. `tau_new` is flat `[j][n][i]`.
pub fn flows_from_shares(
    economy: &Economy,
    pi_new: &[Vec<Vec<f64>>],
    xn_new: &[Vec<f64>],
    tau_new: &[f64],
) -> (Flows, Flows) {
    let nc = economy.n_countries();
    pi_new
        .iter()
        .enumerate()
        .map(|(j, sector)| {
            sector
                .iter()
                .enumerate()
                .map(|(n, shares)| {
                    let absorption = xn_new.get(n).and_then(|row| row.get(j)).copied().unwrap_or(f64::NAN);
                    let at = economy.bilateral_index(j, n, 0);
                    let x: Vec<f64> = shares.iter().map(|pi| pi * absorption).collect();
                    let trade = x.iter().zip(&tau_new[at..at + nc]).map(|(x, t)| x / (1.0 + t)).collect();
                    (x, trade)
                })
                .unzip()
        })
        .unzip()
}

/// The terms-of-trade and volume-of-trade terms of Caliendo & Parro (2015), in percent of baseline income (see the
/// module docs for the formulas).
fn welfare_decomposition(
    economy: &Economy,
    scenario: &Scenario,
    eq: &Equilibrium,
    x_new: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    let (nc, ns) = (economy.n_countries(), economy.n_sectors());
    // The price exporters charge abroad: the unit cost, except where first-year dollar prices lag it.
    let c_hat: Vec<f64> = eq.ln_export_price.iter().map(|v| v.exp()).collect();
    let mut tot = vec![0.0; nc];
    let mut vot = vec![0.0; nc];
    for j in 0..ns {
        for n in 0..nc {
            for i in 0..nc {
                if i == n {
                    continue;
                }
                let b = economy.bilateral_index(j, n, i);
                let imports = economy.x[b] / (1.0 + economy.tau[b]);
                if imports <= 0.0 {
                    continue;
                }
                // Importer n pays more when the exporter's costs rise; exporter i gains the same amount.
                let price_effect = imports * (c_hat[i * ns + j] - 1.0);
                tot[n] -= price_effect;
                tot[i] += price_effect;
                let imports_new = x_new[b] / (1.0 + scenario.tau_new[b]);
                vot[n] += economy.tau[b] * imports * (imports_new / imports - c_hat[i * ns + j]);
            }
        }
    }
    let income = economy.income();
    let percent = |v: Vec<f64>| v.iter().zip(income).map(|(v, i)| 100.0 * v / i).collect::<Vec<f64>>();
    (percent(tot), percent(vot))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::{data::presets, model::solver::solve};

    fn check(condition: bool, message: &str) {
        assert!(condition, "{message}");
    }

    /// What a page installs from the worker's solution is what a solve reports, bit for bit.
    #[test]
    fn flows_from_shares_are_the_solves_flows_bit_for_bit() {
        let economy = presets::north_america_2024().unwrap();
        let scenario = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
        let results = solve(&economy, &scenario).unwrap();
        let (x_new, trade_new) = flows_from_shares(&economy, &results.pi_new, &results.Xn_new, &scenario.tau_new);
        let bits = |c: &Flows| c.iter().flatten().flatten().map(|v| v.to_bits()).collect::<Vec<u64>>();
        assert_eq!(bits(&x_new), bits(&results.X_new));
        assert_eq!(bits(&trade_new), bits(&results.derived.trade_new));
        assert_eq!(bits(&crate::model::derived::trade_base(&economy)), bits(&results.derived.trade_base));
    }

    #[test]
    fn the_decomposition_is_zero_without_a_shock_and_terms_of_trade_sum_to_zero_in_the_world() {
        let economy = presets::north_america_2024().unwrap();
        let results = solve(&economy, &Scenario::baseline(&economy)).unwrap();
        for n in 0..economy.n_countries() {
            check(results.welfare_tot_pct[n].abs() < 1e-9, &format!("ToT[{n}] = {}", results.welfare_tot_pct[n]));
            check(results.welfare_vot_pct[n].abs() < 1e-9, &format!("VoT[{n}] = {}", results.welfare_vot_pct[n]));
        }
        for id in presets::preset_ids() {
            let scenario = Scenario::build(&presets::preset(id).unwrap(), &economy).unwrap();
            let results = solve(&economy, &scenario).unwrap();
            // One country's better terms of trade are another's worse: in money, they cancel.
            let world: f64 = results.welfare_tot_pct.iter().zip(economy.income()).map(|(t, i)| t * i).sum();
            let scale: f64 = economy.income().iter().sum();
            check(world.abs() < 1e-9 * scale, &format!("{id}: world terms of trade {world}"));
            check(results.welfare_vot_pct.iter().all(|v| v.is_finite()), id);
        }
    }
}
