//! Who pays, by income: the consumer cost of a scenario by income decile (docs/model.md, "Who pays, by income").
//!
//! The data are the share of each sector's consumer purchases made by each tenth of US households
//! (`data/distribution/us-pce-by-decile-2023.csv`, from the BLS/BEA distribution of personal consumption
//! expenditures, 2023, mapped to the ten sectors by `data/build/build_distribution.py`; every step in
//! `data/distribution/README.md`) and each decile's household income (CBO, as the Yale Budget Lab uses it). They
//! are sourced parameters like those of `labour.rs`, held here because `Derived` is computed in the model; a unit
//! test checks them against the data files. Only the United States is sourced: Canada and Mexico are listed as
//! unavailable.
//!
//! Each decile's cost is the model's sector price changes (against the country's wage) weighted by the decile's
//! share of each sector's consumer spending, scaled so that the ten deciles (one tenth of households each) average
//! exactly the national price-only cost per household; before buyers switch suppliers the sector prices are the
//! new tariffs passed through the baseline's trade shares and the domestic input–output links, wages fixed.

use serde::{Deserialize, Serialize};

use crate::model::economy::Economy;
use crate::model::scenario::Scenario;
use crate::model::solver::state::Equilibrium;

/// Income deciles: each one tenth of households.
pub const DECILES: usize = 10;

/// A country's distribution of consumer spending by income decile.
pub struct DecileData {
    /// Country id the data describe.
    pub country: &'static str,
    /// Sector id → percent of the sector's consumer purchases made by each decile (each row adds up to 100 up to
    /// the data's rounding; the code normalises it).
    pub sector_shares_pct: [(&'static str, [f64; DECILES]); 10],
    /// Household income of each decile, US dollars.
    pub income: [f64; DECILES],
}

/// The United States: BLS/BEA distribution of PCE 2023 mapped to the ten sectors
/// (`data/distribution/us-pce-by-decile-2023.csv`), income after taxes and transfers by decile from CBO, 2027
/// projection in 2025 dollars, as the Yale Budget Lab's Tariff-Model uses it (`data/distribution/us-income-by-decile.csv`;
/// an estimate for 2024 households: another year and price level).
pub const US_2023: DecileData = DecileData {
    country: "USA",
    sector_shares_pct: [
        ("agri_food", [6.96, 7.54, 8.21, 8.37, 9.32, 10.02, 10.42, 11.15, 12.04, 15.97]),
        (
            "energy",
            [5.213284, 6.665211, 7.366953, 8.272261, 8.873257, 10.048458, 10.684549, 11.459989, 12.51819, 18.897848],
        ),
        (
            "metals",
            [3.169683, 4.49955, 5.449455, 6.919308, 7.169283, 8.179182, 9.539046, 13.148685, 14.858514, 27.067293],
        ),
        (
            "minerals",
            [3.837317, 5.330111, 6.137701, 6.967451, 7.846239, 8.839332, 9.936712, 11.609252, 13.755672, 25.740214],
        ),
        (
            "vehicles",
            [0.640064, 1.120112, 1.680168, 2.660266, 4.50045, 4.520452, 6.480648, 11.821182, 22.012201, 44.564456],
        ),
        (
            "chemicals",
            [4.489102, 6.088782, 7.468506, 8.128374, 9.258148, 9.858028, 11.037792, 11.687662, 13.167367, 18.816237],
        ),
        (
            "machinery",
            [2.124821, 3.323711, 3.874867, 5.774095, 6.373581, 7.861314, 9.075063, 12.547202, 15.467446, 33.5779],
        ),
        (
            "wood_paper",
            [4.422032, 6.020271, 7.37571, 8.04599, 9.18155, 9.793865, 10.995897, 11.637962, 13.24721, 19.279512],
        ),
        (
            "other_mfg",
            [2.780372, 4.095621, 4.62847, 6.254275, 7.066498, 8.516033, 9.599105, 12.292572, 14.885598, 29.881455],
        ),
        (
            "services",
            [3.700215, 5.280655, 6.082706, 6.898798, 7.756432, 8.780004, 9.910843, 11.578057, 13.67376, 26.338531],
        ),
    ],
    income: [37061.0, 60037.0, 73065.0, 85871.0, 101400.0, 117027.0, 137405.0, 164552.0, 208246.0, 500702.0],
};

/// The countries whose distribution by income is sourced.
pub const SOURCED: [&DecileData; 1] = [&US_2023];

/// One income decile's consumer cost per year. Money in US dollars (the economy's single units of money);
/// positive = a cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecileCost {
    /// 1 (lowest income) to 10.
    pub decile: u8,
    /// The decile's household income, US dollars (the denominator of the shares).
    pub income: f64,
    /// After buyers switch suppliers: the rise in the decile's consumer prices against the country's wage, in money
    /// per household. The ten deciles average `consumer_price_cost_per_household` exactly.
    pub usd_per_household: f64,
    /// `100 · usd_per_household / income`.
    pub share_of_income_pct: f64,
    /// Before buyers switch suppliers: the new tariffs on the baseline's purchases, passed through domestic
    /// input–output links at fixed wages, in money per household. The ten deciles average
    /// [`CostByDecile::national_before`]'s figure exactly.
    pub usd_per_household_before: f64,
    /// `100 · usd_per_household_before / income`.
    pub share_of_income_pct_before: f64,
}

/// The consumer cost by income decile, by country (a JSON object, country id → ten deciles, lowest income first),
/// for the countries whose distribution is sourced. A sorted list, not a map type (the browser module is smaller
/// without one).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CostByDecile(Vec<(String, Vec<DecileCost>)>);

impl CostByDecile {
    /// The ten deciles of `country`, lowest income first.
    pub fn get(&self, country: &str) -> Option<&[DecileCost]> {
        self.0.iter().find(|(id, _)| id == country).map(|(_, d)| d.as_slice())
    }

    /// `(country id, deciles)`, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<DecileCost>)> {
        self.0.iter().map(|(id, d)| (id, d))
    }

    /// Whether no country has a distribution.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The national price-only cost per household before buyers switch suppliers: the household-weighted mean of
    /// the deciles' `usd_per_household_before`.
    pub fn national_before(&self, country: &str) -> Option<f64> {
        self.get(country).map(|d| d.iter().map(|c| c.usd_per_household_before).sum::<f64>() / DECILES as f64)
    }
}

impl Serialize for CostByDecile {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for CostByDecile {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut entries = crate::util::entries::Entries::<Vec<DecileCost>>::deserialize(deserializer)?.0;
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(CostByDecile(entries))
    }
}

/// The cost by decile for every sourced country the economy holds with the data's sectors and household spending;
/// `unavailable`: the other countries with household data (no distribution by income sourced for them).
pub(crate) fn cost_by_decile(economy: &Economy, scenario: &Scenario, eq: &Equilibrium) -> (CostByDecile, Vec<String>) {
    let mut costs = Vec::new();
    let mut unavailable = Vec::new();
    let Some(households) = economy.file().households.as_ref() else {
        return (CostByDecile::default(), unavailable);
    };
    for (n, id) in economy.countries().iter().enumerate() {
        let data = SOURCED.iter().find(|d| d.country == id);
        match data.and_then(|d| country_cost(economy, scenario, eq, n, households.spending_per_household[n], d)) {
            Some(deciles) => costs.push((id.clone(), deciles)),
            None => unavailable.push(id.clone()),
        }
    }
    costs.sort_by(|a, b| a.0.cmp(&b.0));
    (CostByDecile(costs), unavailable)
}

/// The ten deciles of country `n`, or `None` when the economy's sectors are not the data's.
fn country_cost(
    economy: &Economy,
    scenario: &Scenario,
    eq: &Equilibrium,
    n: usize,
    spending: f64,
    data: &DecileData,
) -> Option<Vec<DecileCost>> {
    let ns = economy.n_sectors();
    if ns != data.sector_shares_pct.len() {
        return None;
    }
    // shares[j][d]: decile d's share of sector j's consumer purchases, normalised to add up to 1.
    let mut shares = vec![[0.0; DECILES]; ns];
    for (id, pct) in &data.sector_shares_pct {
        let j = economy.sector_index(id)?;
        let total: f64 = pct.iter().sum();
        for d in 0..DECILES {
            shares[j][d] = pct[d] / total;
        }
    }
    let ln_w = eq.w_hat[n].ln();
    let after: Vec<f64> = (0..ns).map(|j| eq.ln_consumer_price[n * ns + j] - ln_w).collect();
    let before = static_log_prices(economy, scenario, n)?;
    let after = spread(economy, n, &shares, &after, spending);
    let before = spread(economy, n, &shares, &before, spending);
    Some(
        (0..DECILES)
            .map(|d| DecileCost {
                decile: d as u8 + 1,
                income: data.income[d],
                usd_per_household: after[d],
                share_of_income_pct: 100.0 * after[d] / data.income[d],
                usd_per_household_before: before[d],
                share_of_income_pct_before: 100.0 * before[d] / data.income[d],
            })
            .collect(),
    )
}

/// Money per household of each decile for sector log price changes `ln_p` (against the wage): decile d's part of
/// the national cost is `10 · Σ_j shares[j][d] · alpha[j] · ln_p[j]`, scaled by `(exp(x) − 1) / x` with
/// `x = Σ_j alpha[j] ln_p[j]` (the log consumer price change), so that the deciles' mean is the national
/// price-only cost `(exp(x) − 1) · spending`.
fn spread(economy: &Economy, n: usize, shares: &[[f64; DECILES]], ln_p: &[f64], spending: f64) -> [f64; DECILES] {
    let ns = ln_p.len();
    let x: f64 = (0..ns).map(|j| economy.consumption_share(n, j) * ln_p[j]).sum();
    let scale = if x == 0.0 { 1.0 } else { x.exp_m1() / x };
    let mut out = [0.0; DECILES];
    for (d, cost) in out.iter_mut().enumerate() {
        let part: f64 = (0..ns).map(|j| shares[j][d] * economy.consumption_share(n, j) * ln_p[j]).sum();
        *cost = DECILES as f64 * part * scale * spending;
    }
    out
}

/// Log sector price changes of country `n` before buyers switch suppliers: the new tariffs and trade costs on the
/// baseline's trade shares, passed through the country's own input–output links, with wages and foreign unit
/// costs fixed: `P[j] = Σ_{i≠n} pi[j][n][i] kappa[j][n][i] + pi[j][n][n] kappa[j][n][n] c[j]` and
/// `c[j] = gamma_va[n][j] + Σ_k gamma_io[n][k][j] P[k]` (Leontief: no substitution anywhere). A linear system of
/// `J` equations, solved by Gaussian elimination with partial pivoting. `None` if a price is not positive.
pub(crate) fn static_log_prices(economy: &Economy, scenario: &Scenario, n: usize) -> Option<Vec<f64>> {
    let (nc, ns) = (economy.n_countries(), economy.n_sectors());
    let mut a = vec![0.0; ns * ns];
    let mut b = vec![0.0; ns];
    for j in 0..ns {
        let mut foreign = 0.0;
        let mut home = 0.0;
        for i in 0..nc {
            let at = economy.bilateral_index(j, n, i);
            let kappa = (1.0 + scenario.tau_new[at]) / (1.0 + economy.tariff(j, n, i)) * scenario.dhat[at];
            let weighted = economy.trade_share(j, n, i) * kappa;
            if i == n {
                home = weighted;
            } else {
                foreign += weighted;
            }
        }
        b[j] = foreign + home * economy.value_added_share(n, j);
        a[j * ns + j] = 1.0;
        for k in 0..ns {
            a[j * ns + k] -= home * economy.input_share(n, k, j);
        }
    }
    let p = solve_linear(&mut a, &mut b, ns)?;
    p.iter().all(|v| v.is_finite() && *v > 0.0).then(|| p.iter().map(|v| v.ln()).collect())
}

/// Solve `a x = b` (`a` row-major `m × m`), overwriting both; `None` when `a` is singular.
fn solve_linear(a: &mut [f64], b: &mut [f64], m: usize) -> Option<Vec<f64>> {
    for col in 0..m {
        let pivot = (col..m).max_by(|&r, &s| a[r * m + col].abs().total_cmp(&a[s * m + col].abs()))?;
        if a[pivot * m + col].abs() < 1e-300 {
            return None;
        }
        if pivot != col {
            for k in 0..m {
                a.swap(pivot * m + k, col * m + k);
            }
            b.swap(pivot, col);
        }
        for row in col + 1..m {
            let factor = a[row * m + col] / a[col * m + col];
            if factor != 0.0 {
                for k in col..m {
                    a[row * m + k] -= factor * a[col * m + k];
                }
                b[row] -= factor * b[col];
            }
        }
    }
    let mut x = vec![0.0; m];
    for row in (0..m).rev() {
        let rest: f64 = (row + 1..m).map(|k| a[row * m + k] * x[k]).sum();
        x[row] = (b[row] - rest) / a[row * m + row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    /// The constants are the data files' numbers (`data/build/build_distribution.py` writes them).
    #[test]
    fn constants_match_the_data_files() {
        let shares = include_str!("../../data/distribution/us-pce-by-decile-2023.csv");
        let mut rows = shares.lines().skip(1);
        for (id, pct) in &US_2023.sector_shares_pct {
            let row: Vec<&str> = rows.next().unwrap().split(',').collect();
            assert_eq!(row[0], *id);
            let values: Vec<f64> = row[2..].iter().map(|v| v.parse().unwrap()).collect();
            assert_eq!(values, pct.to_vec(), "{id}");
            assert!((pct.iter().sum::<f64>() - 100.0).abs() < 1e-4, "{id}");
        }
        let income = include_str!("../../data/distribution/us-income-by-decile.csv");
        let values: Vec<f64> = income.lines().skip(1).map(|l| l.split(',').nth(1).unwrap().parse().unwrap()).collect();
        assert_eq!(values, US_2023.income.to_vec());
    }

    #[test]
    fn linear_solve_is_exact_on_a_known_system() {
        let mut a = vec![0.0, 2.0, 1.0, 1.0];
        let mut b = vec![4.0, 3.0];
        let x = solve_linear(&mut a, &mut b, 2).unwrap();
        assert_eq!(x, vec![1.0, 2.0]);
    }
}
