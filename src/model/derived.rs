//! Reader-facing results derived from an equilibrium: trade changes by pair and sector at producer prices,
//! trade diversion, consumer prices in money per household, supply-chain cost changes and jobs moved.
//!
//! Each is defined in `docs/model.md` ("What readers see"); the definitions are repeated on the fields below.
//!
//! Prices and money per household are measured the way a reader would: consumer prices against the country's
//! own average wage (the price change a household would see if its wage held still), and the cost per household as
//! the equivalent variation of the real-income change, tariff revenue returned. The model's numeraire (world value
//! added) appears only in the `_vs_world` field, for economists.

use serde::{Deserialize, Serialize};

use crate::model::economy::{nest2, nest3, Economy};
use crate::model::scenario::Scenario;
use crate::model::solver::Equilibrium;

/// Trade of one exporter with one importer, all sectors, at producer prices (without tariffs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairTrade {
    /// Exporter id.
    pub exporter: String,
    /// Importer id.
    pub importer: String,
    /// Baseline value.
    pub base: f64,
    /// New value.
    pub new: f64,
    /// `new − base`.
    pub change: f64,
    /// `100 · (new / base − 1)` (0 when the base is 0).
    pub change_pct: f64,
}

/// Where an importer's purchases from abroad shift: the change in imports from each source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diversion {
    /// Importer id.
    pub importer: String,
    /// `(exporter id, change in imports at producer prices)`, largest gain first.
    pub by_source: Vec<(String, f64)>,
}

/// Reader-facing results. Money is in the economy's units (billions of US dollars for the built-in baseline)
/// unless a name says otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Derived {
    /// Baseline trade `[J][importer][exporter]` at producer prices: `X / (1 + tau)`.
    pub trade_base: Vec<Vec<Vec<f64>>>,
    /// New trade `[J][importer][exporter]` at producer prices: `X_new / (1 + tau_new)`.
    pub trade_new: Vec<Vec<Vec<f64>>>,
    /// Every ordered international pair, goods sectors summed (every sector when the economy names no services).
    pub pairs: Vec<PairTrade>,
    /// Every ordered international pair, services sectors summed (empty when the economy names no services).
    pub services_pairs: Vec<PairTrade>,
    /// International trade by sector (all pairs), baseline `[J]`.
    pub sector_trade_base: Vec<f64>,
    /// International trade by sector (all pairs), new `[J]`.
    pub sector_trade_new: Vec<f64>,
    /// For each importer, the change in imports by source: who gains the flows a tariff pushes away.
    pub diversion: Vec<Diversion>,
    /// Consumer price change relative to the country's own average wage, percent `[N]`:
    /// `100 · (P_cpi_hat / w_hat − 1)`, the change a household would see in its prices if its wage held still.
    /// It equals `100 · (1 / real_wage_hat − 1)`.
    pub consumer_price_pct: Vec<f64>,
    /// Consumer price change against the model's numeraire (world value added), percent `[N]`:
    /// `100 · (P_cpi_hat − 1)`. For economists; readers see `consumer_price_pct`.
    pub consumer_price_vs_world_pct: Vec<f64>,
    /// Cost per household per year `[N]`, single units of money (US dollars for the built-in baseline), positive =
    /// a loss: the equivalent variation of the welfare change, tariff revenue returned,
    /// `(1 − W_hat) · spending per household`. Absent when the economy has no household data.
    pub consumer_cost_per_household: Option<Vec<f64>>,
    /// The price-only cost per household per year `[N]`: the rise in consumer prices against the country's wage, in
    /// money, before tariff revenue is returned: `(P_cpi_hat / w_hat − 1) · spending per household`. It comes after
    /// buyers switch suppliers, so it is smaller than the before-substitution price effects tariff trackers quote.
    /// Absent without household data.
    pub consumer_price_cost_per_household: Option<Vec<f64>>,
    /// Sector price change in percent `[N][J]`.
    pub sector_price_pct: Vec<Vec<f64>>,
    /// Supply-chain cost change in percent `[N][J]`: the change in what sector j of country n pays for its inputs,
    /// per unit of output, against the country's own wage (the yardstick of its consumer prices):
    /// `100 · (Π_k P_hat[n][k]^gamma_io[n][k][j] / w_hat[n] − 1)`. It is the part of the unit-cost change that comes
    /// through input prices, tariffed imports among them.
    pub supply_chain_cost_pct: Vec<Vec<f64>>,
    /// Employment change by sector in percent `[N][J]`: `100 · (Y_new / (w_hat · Y) − 1)`, labour mobile across
    /// sectors and fully employed; where the economy gives baseline jobs, scaled by one factor per country so that
    /// the country's jobs add up to the same total (docs/model.md, "Jobs moved").
    pub employment_change_pct: Vec<Vec<f64>>,
    /// Jobs moved into (+) or out of (−) each sector, thousands `[N][J]`: baseline jobs in the sector times
    /// `employment_change_pct / 100`. Baseline jobs come from `employment_by_sector_thousands` (official
    /// statistics) when the economy has it, otherwise from country employment split by value-added shares (an
    /// estimate). Absent without employment data.
    pub jobs_moved_thousands: Option<Vec<Vec<f64>>>,
    /// Where the baseline jobs of `jobs_moved_thousands` come from: `by_sector` (employment by sector in the
    /// economy file) or `value_added_split` (country employment split by value-added shares).
    pub jobs_basis: Option<String>,
    /// Tariff revenue change `[N]`: `R_new − R`.
    pub tariff_revenue_change: Vec<f64>,
}

impl Derived {
    pub(crate) fn new(
        economy: &Economy,
        scenario: &Scenario,
        eq: &Equilibrium,
        x_new: &[f64],
        p_cpi_hat: &[f64],
        welfare_hat: &[f64],
    ) -> Self {
        let (nc, ns) = (economy.n_countries(), economy.n_sectors());
        let cells = ns * nc * nc;
        let mut trade_base = vec![0.0; cells];
        let mut trade_new = vec![0.0; cells];
        for j in 0..ns {
            for n in 0..nc {
                for i in 0..nc {
                    let b = economy.bilateral_index(j, n, i);
                    trade_base[b] = economy.exports_at_producer_prices(j, n, i);
                    trade_new[b] = x_new[b] / (1.0 + scenario.tau_new[b]);
                }
            }
        }
        let pair_total = |trade: &[f64], n: usize, i: usize| -> f64 {
            (0..ns).map(|j| trade[economy.bilateral_index(j, n, i)]).sum()
        };
        let goods_total = |trade: &[f64], n: usize, i: usize, services: bool| -> f64 {
            (0..ns)
                .filter(|&j| economy.is_services(j) == services)
                .map(|j| trade[economy.bilateral_index(j, n, i)])
                .sum()
        };
        let pairs_of = |services: bool| -> Vec<PairTrade> {
            let mut pairs = Vec::new();
            for i in 0..nc {
                for n in 0..nc {
                    if n == i {
                        continue;
                    }
                    let base = goods_total(&trade_base, n, i, services);
                    let new = goods_total(&trade_new, n, i, services);
                    pairs.push(PairTrade {
                        exporter: economy.countries()[i].clone(),
                        importer: economy.countries()[n].clone(),
                        base,
                        new,
                        change: new - base,
                        change_pct: percent_change(base, new),
                    });
                }
            }
            pairs
        };
        let pairs = pairs_of(false);
        let has_services = (0..ns).any(|j| economy.is_services(j));
        let services_pairs = if has_services { pairs_of(true) } else { Vec::new() };
        let sector_total = |trade: &[f64], j: usize| -> f64 {
            let mut total = 0.0;
            for n in 0..nc {
                for i in 0..nc {
                    if n != i {
                        total += trade[economy.bilateral_index(j, n, i)];
                    }
                }
            }
            total
        };
        let diversion = (0..nc)
            .map(|n| {
                let mut by_source: Vec<(String, f64)> = (0..nc)
                    .filter(|&i| i != n)
                    .map(|i| {
                        (economy.countries()[i].clone(), pair_total(&trade_new, n, i) - pair_total(&trade_base, n, i))
                    })
                    .collect();
                crate::util::order::sort_desc(&mut by_source, |s| s.1);
                Diversion { importer: economy.countries()[n].clone(), by_source }
            })
            .collect();
        let price_vs_wage: Vec<f64> = (0..nc).map(|n| p_cpi_hat[n] / eq.w_hat[n] - 1.0).collect();
        let households = economy.file().households.as_ref();
        let consumer_cost_per_household =
            households.map(|h| (0..nc).map(|n| (1.0 - welfare_hat[n]) * h.spending_per_household[n]).collect());
        let consumer_price_cost_per_household =
            households.map(|h| (0..nc).map(|n| price_vs_wage[n] * h.spending_per_household[n]).collect());
        let mut supply_chain = vec![0.0; nc * ns];
        let mut employment_change = vec![0.0; nc * ns];
        for n in 0..nc {
            for j in 0..ns {
                let ln_inputs: f64 = (0..ns).map(|k| economy.input_share(n, k, j) * eq.ln_p_hat[n * ns + k]).sum();
                // Against the country's own wage, the yardstick of its consumer prices.
                supply_chain[n * ns + j] = 100.0 * ((ln_inputs - eq.w_hat[n].ln()).exp() - 1.0);
                let y = economy.output(n, j);
                employment_change[n * ns + j] =
                    if y > 0.0 { 100.0 * (eq.output_new[n * ns + j] / (eq.w_hat[n] * y) - 1.0) } else { 0.0 };
            }
        }
        let jobs_base = baseline_jobs_thousands(economy);
        // The model's sector employment changes add up to zero in wage-bill terms; headcounts by sector are not
        // proportional to wage bills (wages differ across sectors), so one factor per country keeps the country's
        // headcount unchanged (full employment): jobs move, they are not lost (docs/model.md, "Jobs moved").
        if let Some((base, _)) = jobs_base.as_ref() {
            for n in 0..nc {
                let cells = n * ns..(n + 1) * ns;
                let before: f64 = base[cells.clone()].iter().sum();
                let after: f64 = base[cells.clone()]
                    .iter()
                    .zip(&employment_change[cells.clone()])
                    .map(|(b, g)| b * (1.0 + g / 100.0))
                    .sum();
                if before > 0.0 && after > 0.0 {
                    let factor = before / after;
                    for g in &mut employment_change[cells] {
                        *g = 100.0 * ((1.0 + *g / 100.0) * factor - 1.0);
                    }
                }
            }
        }
        let jobs_moved_thousands = jobs_base.as_ref().map(|(base, _)| {
            let jobs: Vec<f64> =
                base.iter().zip(&employment_change).map(|(jobs, change)| jobs * change / 100.0).collect();
            nest2(&jobs, ns)
        });
        Derived {
            pairs,
            services_pairs,
            sector_trade_base: (0..ns).map(|j| sector_total(&trade_base, j)).collect(),
            sector_trade_new: (0..ns).map(|j| sector_total(&trade_new, j)).collect(),
            trade_base: nest3(&trade_base, nc, nc),
            trade_new: nest3(&trade_new, nc, nc),
            diversion,
            consumer_price_pct: price_vs_wage.iter().map(|p| 100.0 * p).collect(),
            consumer_price_vs_world_pct: p_cpi_hat.iter().map(|p| 100.0 * (p - 1.0)).collect(),
            consumer_cost_per_household,
            consumer_price_cost_per_household,
            sector_price_pct: nest2(&eq.ln_p_hat.iter().map(|l| 100.0 * (l.exp() - 1.0)).collect::<Vec<_>>(), ns),
            supply_chain_cost_pct: nest2(&supply_chain, ns),
            employment_change_pct: nest2(&employment_change, ns),
            jobs_moved_thousands,
            jobs_basis: jobs_base.map(|(_, basis)| basis.to_string()),
            tariff_revenue_change: eq
                .revenue_new
                .iter()
                .zip(economy.tariff_revenue())
                .map(|(new, base)| new - base)
                .collect(),
        }
    }
}

/// Baseline jobs by country and sector, thousands, flat `[n][j]`, and their basis: the economy's employment by
/// sector when it has one, otherwise country employment split by value-added shares.
pub fn baseline_jobs_thousands(economy: &Economy) -> Option<(Vec<f64>, &'static str)> {
    let (nc, ns) = (economy.n_countries(), economy.n_sectors());
    if let Some(by_sector) = &economy.file().employment_by_sector_thousands {
        return Some((by_sector.iter().flatten().copied().collect(), "by_sector"));
    }
    let employment = economy.file().employment_millions.as_ref()?;
    let mut jobs = vec![0.0; nc * ns];
    for n in 0..nc {
        for j in 0..ns {
            let labour_share = economy.value_added_share(n, j) * economy.output(n, j) / economy.value_added()[n];
            jobs[n * ns + j] = 1000.0 * employment[n] * labour_share;
        }
    }
    Some((jobs, "value_added_split"))
}

fn percent_change(base: f64, new: f64) -> f64 {
    if base > 0.0 {
        100.0 * (new / base - 1.0)
    } else {
        0.0
    }
}
