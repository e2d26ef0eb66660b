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

use crate::model::distribution::CostByDecile;
use crate::model::economy::{nest2, nest3, Economy};
use crate::model::labour::LabourClosure;
use crate::model::scenario::Scenario;
use crate::model::solver::state::Equilibrium;

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
    /// buyers switch suppliers (and in the first year at shop prices, which carry a third of a tariff change), so
    /// it is smaller than the before-substitution price effects tariff trackers quote.
    /// Absent without household data.
    pub consumer_price_cost_per_household: Option<Vec<f64>>,
    /// Sector price change in percent `[N][J]`.
    pub sector_price_pct: Vec<Vec<f64>>,
    /// Supply-chain cost change in percent `[N][J]`: the change in what sector j of country n pays for its inputs,
    /// per unit of output, against the country's own wage (the yardstick of its consumer prices):
    /// `100 · (Π_k P_hat[n][k]^gamma_io[n][k][j] / w_hat[n] − 1)`. It is the part of the unit-cost change that comes
    /// through input prices, tariffed imports among them.
    pub supply_chain_cost_pct: Vec<Vec<f64>>,
    /// Employment change by sector in percent `[N][J]`, in job-equivalents at the country's average wage:
    /// `100 · (f − 1)` with `f = Y_new / (w_hat · Y)` the sector's wage bill against the country's wage
    /// (docs/model.md, "Jobs moved").
    pub employment_change_pct: Vec<Vec<f64>>,
    /// Jobs into (+) or out of (−) each sector, thousands `[N][J]`, as job-equivalents at the country's average
    /// wage: `(f − 1) · wagebill[n][j] / Σ_k wagebill[n][k] · jobs[n]`. They add up to `(l_hat − 1) · jobs[n]`: to
    /// zero in the long run (jobs move between sectors), to the jobs lost or gained in the first year. `jobs[n]`
    /// is the sum of `employment_by_sector_thousands` (official statistics) when the economy has it, otherwise
    /// `employment_millions`. Absent without employment data.
    pub jobs_moved_thousands: Option<Vec<Vec<f64>>>,
    /// Under the first-year closure, the employment change by country and sector, thousands `[N][J]` (negative =
    /// jobs lost): the same numbers as `jobs_moved_thousands`, which then add up to the country's net change.
    /// Absent in the long run (full employment) or without employment data.
    pub jobs_lost_thousands: Option<Vec<Vec<f64>>>,
    /// Under the first-year closure, the change in the unemployment rate, percentage points `[N]`:
    /// `−100 · (l_hat − 1) · (1 − u)`, with `u` the baseline rate. Absent in the long run or without rates.
    pub unemployment_rate_change_pp: Option<Vec<f64>>,
    /// Real GDP change, percent `[N]`: value added (wages times employment, plus in the first year the exporters'
    /// and retailers' margins) deflated by consumer prices, `100 · ((w_hat · l_hat · VA + M_new + R_shop) / (VA ·
    /// P_cpi_hat) − 1)`. In the long run it equals the real wage change.
    pub real_gdp_pct: Vec<f64>,
    /// Pass-through `[importer][exporter]`: the share of the goods-tariff change that buyers pay, `1 + Σ_j M (p[i][j]
    /// / e[n] − 1) / Σ_j M t`, over goods sectors whose tariff changed, with `M` the baseline imports at
    /// producer prices, `t = (1 + tau_new) / (1 + tau) − 1`, `p` the change of the exporter's price before the
    /// tariff (its unit cost, except in the first year, where dollar prices follow unit costs only partly) and `e`
    /// the importer's currency (in the first year its consumer prices, which its central bank anchors; in the long
    /// run, which has no money, its wage): 1 when that price in the importer's currency does not move, below 1
    /// when exporters absorb part. `None` where no goods tariff changed
    /// (and on the diagonal).
    pub pass_through: Vec<Vec<Option<f64>>>,
    /// Where the baseline jobs of `jobs_moved_thousands` come from: `by_sector` (employment by sector in the
    /// economy file) or `value_added_split` (country employment split by value-added shares).
    pub jobs_basis: Option<String>,
    /// Tariff revenue change `[N]`: `R_new − R`.
    pub tariff_revenue_change: Vec<f64>,
    /// Effective tariff rate after buyers switch suppliers, percent `[importer][exporter]`: duties over imports in
    /// goods sectors (every sector when the economy names no services), both at the new equilibrium,
    /// `100 · Σ_j tau_new · M_new / Σ_j M_new`, with `M_new` the new imports at producer prices (the customs
    /// value). The rate customs statistics measure (duties collected ÷ imports). `None` on the diagonal and where
    /// there are no goods imports.
    pub effective_rate_pct: Vec<Vec<Option<f64>>>,
    /// Effective tariff rate before substitution, percent `[importer][exporter]`: the new tariffs on the baseline
    /// flows, `100 · Σ_j tau_new · M / Σ_j M` over goods sectors, `M` the baseline imports at producer prices —
    /// the "pre-substitution" rate tariff trackers quote. `None` on the diagonal and where there are no goods
    /// imports.
    pub effective_rate_static_pct: Vec<Vec<Option<f64>>>,
    /// Who pays, by income: country id → the ten income deciles' consumer cost (US dollars per household and share
    /// of income, before and after buyers switch suppliers), for the countries whose distribution of consumer
    /// spending by income is sourced (`model::distribution`; docs/model.md, "Who pays, by income"). The deciles
    /// average `consumer_price_cost_per_household` exactly.
    #[serde(default)]
    pub cost_by_decile: CostByDecile,
    /// The countries with household data whose distribution by income is not sourced (no cost by decile).
    #[serde(default)]
    pub cost_by_decile_unavailable: Vec<String>,
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
        // Job-equivalents at the country's average wage: each sector's wage-bill change against the country's
        // wage, weighted by its share of the wage bill, times the country's jobs. They add up to the country's
        // employment change exactly (zero in the long run) and have the sign of the sector's wage-bill change
        // (docs/model.md, "Jobs moved").
        let jobs_moved_thousands = jobs_base.as_ref().map(|(base, _)| {
            let mut jobs = vec![0.0; nc * ns];
            for n in 0..nc {
                let total_jobs: f64 = base[n * ns..(n + 1) * ns].iter().sum();
                let wage_bill: f64 = (0..ns).map(|j| economy.value_added_share(n, j) * economy.output(n, j)).sum();
                for j in 0..ns {
                    let share = economy.value_added_share(n, j) * economy.output(n, j) / wage_bill;
                    jobs[n * ns + j] = employment_change[n * ns + j] / 100.0 * share * total_jobs;
                }
            }
            nest2(&jobs, ns)
        });
        let sticky = eq.closure != LabourClosure::Flexible;
        let jobs_lost_thousands = if sticky { jobs_moved_thousands.clone() } else { None };
        let unemployment_rate_change_pp = match (&economy.file().unemployment_rate_pct, sticky) {
            (Some(rates), true) => {
                Some((0..nc).map(|n| -100.0 * (eq.employment[n] - 1.0) * (1.0 - rates[n] / 100.0)).collect())
            }
            _ => None,
        };
        let real_gdp_pct = (0..nc)
            .map(|n| {
                let va = economy.value_added()[n];
                let profits = eq.margin_new[n] + eq.retail_margin_new[n];
                100.0 * ((eq.w_hat[n] * eq.employment[n] * va + profits) / (va * p_cpi_hat[n]) - 1.0)
            })
            .collect();
        let pass_through = (0..nc)
            .map(|n| {
                // The importer's currency: in the first year what its central bank anchors (consumer prices), in
                // the long run, which has no money, its wage.
                let currency = if sticky { p_cpi_hat[n] } else { eq.w_hat[n] };
                (0..nc)
                    .map(|i| {
                        if i == n {
                            return None;
                        }
                        let (mut absorbed, mut tariff) = (0.0, 0.0);
                        for j in (0..ns).filter(|&j| !economy.is_services(j)) {
                            let b = economy.bilateral_index(j, n, i);
                            let t = (1.0 + scenario.tau_new[b]) / (1.0 + economy.tau[b]) - 1.0;
                            let imports = trade_base[b];
                            if t.abs() < 1e-12 || imports <= 0.0 {
                                continue;
                            }
                            absorbed += imports * (eq.ln_export_price[i * ns + j].exp() / currency - 1.0);
                            tariff += imports * t;
                        }
                        (tariff.abs() > 1e-12 * economy.income()[n].abs()).then(|| 1.0 + absorbed / tariff)
                    })
                    .collect()
            })
            .collect();
        let has_goods = (0..ns).any(|j| !economy.is_services(j));
        let effective_rate = |trade: &[f64]| -> Vec<Vec<Option<f64>>> {
            (0..nc)
                .map(|n| {
                    (0..nc)
                        .map(|i| {
                            if i == n {
                                return None;
                            }
                            let (mut duties, mut imports) = (0.0, 0.0);
                            for j in (0..ns).filter(|&j| !has_goods || !economy.is_services(j)) {
                                let b = economy.bilateral_index(j, n, i);
                                duties += scenario.tau_new[b] * trade[b];
                                imports += trade[b];
                            }
                            (imports > 0.0).then(|| 100.0 * duties / imports)
                        })
                        .collect()
                })
                .collect()
        };
        let effective_rate_pct = effective_rate(&trade_new);
        let effective_rate_static_pct = effective_rate(&trade_base);
        let (cost_by_decile, cost_by_decile_unavailable) =
            crate::model::distribution::cost_by_decile(economy, scenario, eq);
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
            jobs_lost_thousands,
            unemployment_rate_change_pp,
            real_gdp_pct,
            pass_through,
            jobs_basis: jobs_base.map(|(_, basis)| basis.to_string()),
            tariff_revenue_change: eq
                .revenue_new
                .iter()
                .zip(economy.tariff_revenue())
                .map(|(new, base)| new - base)
                .collect(),
            effective_rate_pct,
            effective_rate_static_pct,
            cost_by_decile,
            cost_by_decile_unavailable,
        }
    }
}

/// Baseline trade at producer prices `[J][importer][exporter]`, as [`Derived::trade_base`] holds it.
pub fn trade_base(economy: &Economy) -> Vec<Vec<Vec<f64>>> {
    let (nc, ns) = (economy.n_countries(), economy.n_sectors());
    (0..ns)
        .map(|j| (0..nc).map(|n| (0..nc).map(|i| economy.exports_at_producer_prices(j, n, i)).collect()).collect())
        .collect()
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
