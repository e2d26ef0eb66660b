//! The results of a solve: every quantity of `model.md`'s results table under its exact key name and array
//! layout, the solver's report, and the reader-facing derived results.

use serde::Serialize;

use crate::derived::Derived;
use crate::economy::{nest2, nest3, Economy};
use crate::scenario::Scenario;
use crate::solver::{Equilibrium, SolveReport};

/// Everything a solve produces. Serialises to JSON with the key names of `model.md`.
#[allow(non_snake_case, reason = "key names follow model.md's results table")]
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// New gross output `[N][J]`.
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
    /// How the solver stopped.
    pub solver: SolveReport,
    /// Reader-facing results derived from the above.
    pub derived: Derived,
}

impl Results {
    pub(crate) fn new(economy: &Economy, scenario: &Scenario, eq: Equilibrium, report: SolveReport) -> Self {
        let (nc, ns) = (economy.n_countries(), economy.n_sectors());
        let p_cpi_hat: Vec<f64> = (0..nc)
            .map(|n| (0..ns).map(|j| economy.consumption_share(n, j) * eq.ln_p_hat[n * ns + j]).sum::<f64>().exp())
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
        let w_hat_welfare: Vec<f64> =
            (0..nc).map(|n| (eq.income_new[n] / economy.income()[n]) / p_cpi_hat[n]).collect();
        let derived = Derived::new(economy, scenario, &eq, &x_new, &p_cpi_hat, &w_hat_welfare);
        Results {
            countries: economy.countries().to_vec(),
            sectors: economy.sectors().to_vec(),
            scenario: scenario.name.clone(),
            w_hat: eq.w_hat.clone(),
            c_hat: nest2(&eq.ln_c_hat.iter().map(|v| v.exp()).collect::<Vec<_>>(), ns),
            P_hat: nest2(&eq.ln_p_hat.iter().map(|v| v.exp()).collect::<Vec<_>>(), ns),
            real_wage_hat: eq.w_hat.iter().zip(&p_cpi_hat).map(|(w, p)| w / p).collect(),
            welfare_pct: w_hat_welfare.iter().map(|w| 100.0 * (w - 1.0)).collect(),
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
            solver: report,
            derived,
        }
    }
}
