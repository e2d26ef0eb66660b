//! The labour market's closure: how wages, employment and trade balances settle (`docs/model.md`, "The first
//! year: sticky wages").
//!
//! - [`LabourClosure::Flexible`] is Caliendo & Parro's long run: wages clear every labour market, everyone who
//!   worked before works after, and trade deficits are fixed in units of world value added.
//! - [`LabourClosure::Sticky`] is the first year. It starts from the downward-rigidity closure of
//!   Rodríguez-Clare, Ulate & Vásquez ("Trade with Nominal Rigidities", NBER w27905; JPE 2026), in which employment
//!   falls where wages cannot, and adds the margins the first year has (issue 21): each country's central bank
//!   anchors its consumer prices and its currency floats, so that the exchange rate moves freely while wages in
//!   local currency move only as far as the wage curve allows; part of the labour income lost to unemployment keeps
//!   being spent, financed abroad; and the new tariff revenue is saved by the government within the year.
//!
//! In equations, for each country `n`, with `v[n] = Σ_j gamma_va[n][j] Y_new[n][j] / VA[n]` the demand for its
//! labour (in units of world value added, relative to the baseline wage bill), `P[n] = P_cpi_hat[n]` and `u0[n]`
//! the baseline unemployment rate:
//!
//! - wage bill: `w_hat[n] · l_hat[n] = v[n]`;
//! - wage curve (Blanchflower & Oswald): the real wage `omega = w_hat / P` and the unemployment rate `u` satisfy
//!   `omega = (u / u0)^(−beta)`, so `l_hat = (1 − u0 · omega^(−1/beta)) / (1 − u0)`. Employment can never exceed
//!   the labour force (`u ≥ 0` holds on the curve: the complementary-slackness condition of the rigidity closure
//!   becomes a smooth one);
//! - deficits: `D_new[n] = D[n] + b[n] − VA[n] / Σ VA · Σ_m b[m]`, with borrowing `b[n] = chi · w_hat[n] (1 −
//!   l_hat[n]) VA[n] − (R_new[n] − R[n])` (households keep spending the share `chi` of the labour income lost, the
//!   government saves the extra tariff revenue; world borrowing nets to zero);
//! - dollar pricing: an international sale of `i`'s sector-`j` good is priced in US dollars, and within the year
//!   its dollar price follows the exporter's unit cost in dollars only partly, `p[i][j] = c_hat[i][j]^rho ·
//!   E^(1 − rho)` (in world units, with `E = P_cpi_hat[USA]` the dollar's value, since the Federal Reserve anchors
//!   US consumer prices); the gap between price and cost, `(1 − c_hat / p) ·` sales, is the exporter's margin,
//!   income of country `i`, and output (hence labour demand) is sales at cost. Domestic sales are at cost;
//! - shop prices: importers pay a tariff at the border in full, but within the year retailers pass only the share
//!   `a` of its effect on to the prices consumers pay, `ln P_shop[n][j] = ln P_hat[n][j] − (1 − a) (ln P_hat[n][j]
//!   − ln P0_hat[n][j])`, with `P0_hat` the same price without the tariff change; consumers spend `alpha I` at shop
//!   prices, retailers buy those goods at `P_hat`, and the difference is the retailers' margin `R_shop[n] = I[n] −
//!   (w_hat l_hat VA + M_new + R_new + D_new)` (negative when tariffs rise), income of country `n`. Consumer prices
//!   `P_cpi_hat` (what central banks anchor, what the wage curve deflates by, what readers see) are shop prices;
//! - numeraire: world nominal value added, `Σ_n w_hat[n] l_hat[n] VA[n] = Σ_n VA[n]` (a units choice: employment
//!   depends on real wages only, so rescaling every wage leaves it alone).
//!
//! Spending is `w_hat l_hat VA + M_new + R_shop + R_new + D_new` (`M` the exporters' margins, `R_shop` the
//! retailers'); real income (welfare) counts the tariff revenue and the margins but not the extra borrowing, which
//! is a loan: `W_hat = (w_hat l_hat VA + M_new + R_shop + R_new + D) / (I · P)`. The flexible closure runs the
//! code path it always ran, bit for bit (`l_hat = 1`, `D_new = D`).

use serde::{Deserialize, Serialize};

/// The elasticity of the real wage with respect to the unemployment rate, `beta` in `omega = (u / u0)^(−beta)`:
/// the "wage curve" of Blanchflower & Oswald (1994, "The Wage Curve", MIT Press; 2005, "The Wage Curve
/// Reloaded", NBER w11338), about −0.1 in a large number of countries, estimated on annual data.
pub const WAGE_CURVE_ELASTICITY: f64 = 0.1;
/// The share of labour income lost to unemployment (or gained from extra employment) that households keep
/// spending in the first year, financed abroad: the share of an unemployment shock absorbed by automatic
/// stabilisers in the United States, 34% (Dolls, Fuest & Peichl 2012, "Automatic stabilizers and economic crisis:
/// US vs. Europe", Journal of Public Economics 96, 279–294; 47% in the EU).
pub const FIRST_YEAR_SMOOTHING: f64 = 0.34;
/// How far an exporter's price in US dollars follows its unit cost in dollars within the first year, `rho`:
/// international trade is priced in dollars and those prices are sticky (the "dominant currency paradigm",
/// Gopinath et al. 2020, AER 110(3)). 90% of US imports are priced in dollars and their exchange-rate pass-through
/// is 25% even conditional on a price change, against 95% for goods priced in other currencies (Gopinath, Itskhoki
/// & Rigobon 2010, AER 100(1); the 90% share from Gopinath & Rigobon 2008, QJE 123(2)), which gives
/// `0.9 · 0.25 + 0.1 · 0.95 = 0.32`; over all US imports, conditional on a price change, Gopinath & Rigobon
/// measure 0.22. The default is the midpoint, 0.27, and the ranges draw it between the two
/// ([`EXPORT_PRICE_PASS_THROUGH_RANGE`]). Both are conditional on a price change; only about two-thirds of those
/// prices change within a year (median duration 10.6 months), so the first year's pass-through is if anything
/// lower. `rho = 1` is the long run (prices equal unit costs).
pub const EXPORT_PRICE_PASS_THROUGH: f64 = 0.27;
/// The ranges' bounds for [`EXPORT_PRICE_PASS_THROUGH`]: Gopinath & Rigobon's 0.22 and the 0.32 built from
/// Gopinath, Itskhoki & Rigobon.
pub const EXPORT_PRICE_PASS_THROUGH_RANGE: (f64, f64) = (0.22, 0.32);
/// How far the shop prices consumers pay follow a tariff change within the first year, `a`: importers pay the tariff
/// at the border in full, but retailers raise the prices they charge gradually and absorb the rest in their margins
/// for a while. Measured: retail tariff pass-through of 20% about six months into the 2025 US tariffs, rising
/// steadily (Cavallo, Llamas & Vazquez 2025, "Tracking the Short-Run Price Impact of U.S. Tariffs", NBER w34496);
/// limited store-price effects and falling retail margins in 2018–19 (Cavallo, Gopinath, Neiman & Tang 2021, AER:
/// Insights 3(1)); the Bank of Canada's January 2025 benchmark passes tariffs to consumer prices in full over three
/// years. The default is that three-year path at one year, 1/3; the ranges draw it between the six-month measurement
/// and the Bank's faster variant (in half the time: 2/3 at one year), [`RETAIL_PASS_THROUGH_RANGE`]. `a = 1` is the
/// long run (shop prices carry the whole tariff).
pub const RETAIL_PASS_THROUGH: f64 = 1.0 / 3.0;
/// The ranges' bounds for [`RETAIL_PASS_THROUGH`]: 0.2 (Cavallo, Llamas & Vazquez, about six months in) and 2/3 (the
/// Bank of Canada's faster pass-through variant at one year).
pub const RETAIL_PASS_THROUGH_RANGE: (f64, f64) = (0.2, 2.0 / 3.0);
/// The unemployment rate assumed where the economy file gives none, percent (an estimate, E).
pub const DEFAULT_UNEMPLOYMENT_RATE_PCT: f64 = 5.0;

/// How the labour market closes the model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabourClosure {
    /// Wages clear every labour market; full employment; deficits fixed (the long run).
    Flexible,
    /// Wages adjust partly within the first year; employment and the trade balance take the rest.
    Sticky(StickyWages),
}

/// The parameters of the first-year closure (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StickyWages {
    /// `beta`: the elasticity of the real wage with respect to the unemployment rate (> 0).
    pub wage_curve_elasticity: f64,
    /// `chi`: the share of labour income lost or gained through employment that is smoothed by borrowing abroad
    /// (0 ≤ chi < 1).
    pub smoothing: f64,
    /// `rho`: how far the dollar price of an international sale follows the exporter's unit cost in dollars within
    /// the year (0 < rho ≤ 1; 1 = prices equal unit costs).
    #[serde(default = "default_export_price_pass_through")]
    pub export_price_pass_through: f64,
    /// `a`: the share of a tariff change that reaches the shop prices consumers pay within the year (0 < a ≤ 1; 1 =
    /// shop prices carry the whole tariff); retailers' margins take the rest.
    #[serde(default = "default_retail_pass_through")]
    pub retail_pass_through: f64,
}

fn default_export_price_pass_through() -> f64 {
    EXPORT_PRICE_PASS_THROUGH
}

fn default_retail_pass_through() -> f64 {
    RETAIL_PASS_THROUGH
}

impl StickyWages {
    /// The first-year closure with its documented parameters.
    pub const FIRST_YEAR: StickyWages = StickyWages {
        wage_curve_elasticity: WAGE_CURVE_ELASTICITY,
        smoothing: FIRST_YEAR_SMOOTHING,
        export_price_pass_through: EXPORT_PRICE_PASS_THROUGH,
        retail_pass_through: RETAIL_PASS_THROUGH,
    };
}

impl LabourClosure {
    /// The first-year closure with its documented parameters.
    pub const FIRST_YEAR: LabourClosure = LabourClosure::Sticky(StickyWages::FIRST_YEAR);

    /// The closure that goes with an elasticity horizon: the first-year closure for `one_year` elasticities, the
    /// flexible one otherwise (`long_run`, or no stated horizon).
    pub fn for_horizon(horizon: Option<&str>) -> LabourClosure {
        match horizon {
            Some("one_year") => LabourClosure::FIRST_YEAR,
            _ => LabourClosure::Flexible,
        }
    }

    /// `flexible` or `sticky`.
    pub fn id(&self) -> &'static str {
        match self {
            LabourClosure::Flexible => "flexible",
            LabourClosure::Sticky(_) => "sticky",
        }
    }

    /// Whether the parameters are usable: `beta > 0`, `0 ≤ chi < 1`, `0 < rho ≤ 1`, `0 < a ≤ 1`.
    pub fn is_valid(&self) -> bool {
        match self {
            LabourClosure::Flexible => true,
            LabourClosure::Sticky(s) => {
                s.wage_curve_elasticity > 0.0
                    && s.wage_curve_elasticity.is_finite()
                    && s.smoothing >= 0.0
                    && s.smoothing < 1.0
                    && s.export_price_pass_through > 0.0
                    && s.export_price_pass_through <= 1.0
                    && s.retail_pass_through > 0.0
                    && s.retail_pass_through <= 1.0
            }
        }
    }
}

/// Employment `l_hat` on the wage curve at the real wage `omega = w_hat / P_cpi_hat` (the wage against the price
/// level the country's central bank anchors), for a country whose baseline unemployment rate is `u0` (a share):
/// the unemployment rate is `u = u0 · omega^(−1/beta)` and employment `l_hat = (1 − u) / (1 − u0)`.
pub(crate) fn employment_at(real_wage: f64, sticky: &StickyWages, u0: f64) -> f64 {
    let beta = sticky.wage_curve_elasticity;
    (1.0 - u0 * (-real_wage.ln() / beta).exp()) / (1.0 - u0)
}

/// The wage (in world units) at which the wage bill `w · l(w / p)` equals the labour demand `v`, with consumer prices
/// `p`: the root of `x + ln l(e^x) = ln(v / p)` in the log real wage `x`, which is increasing in `x` and has exactly
/// one root for any positive `v / p` (Newton's method from the root without the employment term, kept inside the
/// domain where employment is positive).
pub(crate) fn wage_clearing(v: f64, p: f64, sticky: &StickyWages, u0: f64) -> f64 {
    let beta = sticky.wage_curve_elasticity;
    let target = (v / p).ln();
    if !target.is_finite() || u0 <= 0.0 {
        return v;
    }
    // Employment is positive where x > beta · ln(u0).
    let floor = beta * u0.ln();
    let mut x = target.max(floor + 1e-3);
    for _ in 0..100 {
        let e = u0 * (-x / beta).exp();
        let l = (1.0 - e) / (1.0 - u0);
        let f = x + l.ln() - target;
        let slope = 1.0 + (e / beta) / (1.0 - e);
        let mut next = x - f / slope;
        if next <= floor {
            next = 0.5 * (x + floor);
        }
        let done = (next - x).abs() < 1e-15;
        x = next;
        if done {
            break;
        }
    }
    p * x.exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wage_curve_inverts_the_wage_bill_within_the_labour_force() {
        let s = StickyWages::FIRST_YEAR;
        for u0 in [0.027, 0.04, 0.064] {
            for p in [0.97, 1.0, 1.02] {
                for v in [0.5, 0.8, 0.95, 1.0, 1.01, 1.05, 1.3, 2.0] {
                    let w = wage_clearing(v, p, &s, u0);
                    let l = employment_at(w / p, &s, u0);
                    assert!((w * l / v - 1.0).abs() < 1e-12, "v {v} p {p}: w {w} l {l}");
                    assert!(l > 0.0 && l < 1.0 / (1.0 - u0), "employment within the labour force: {l}");
                }
            }
        }
        // No change in labour demand or prices: no change in wages or employment.
        assert!((wage_clearing(1.0, 1.0, &s, 0.04) - 1.0).abs() < 1e-15);
        // Near the baseline, employment moves u0 / (beta (1 − u0)) times as much as the real wage (0.42 at 4%).
        let w = wage_clearing(0.9999, 1.0, &s, 0.04);
        let l = employment_at(w, &s, 0.04);
        let ratio = l.ln() / w.ln();
        assert!((ratio - 0.04 / (0.1 * 0.96)).abs() < 0.002, "{ratio}");
    }

    #[test]
    fn the_closure_follows_the_horizon() {
        assert_eq!(LabourClosure::for_horizon(Some("one_year")), LabourClosure::FIRST_YEAR);
        assert_eq!(LabourClosure::for_horizon(Some("long_run")), LabourClosure::Flexible);
        assert_eq!(LabourClosure::for_horizon(None), LabourClosure::Flexible);
    }
}
