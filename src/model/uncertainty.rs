//! Uncertainty ranges: trade elasticities are estimated with error, so every headline result is re-computed under a
//! few hundred draws of the elasticities and reported as a 5th–95th percentile range beside the point estimate.
//!
//! Distribution (an assumption, documented for readers in `docs/model.md`, "Uncertainty"). The literature
//! disagrees on two things, and each draw varies both:
//!
//! - **the pattern across sectors**: each draw takes, with equal probability, the sector pattern of the chosen set
//!   or of another documented set of the same horizon (for the built-in baseline: the Caliendo–Parro sector
//!   estimates and a uniform elasticity), rescaled to the chosen set's trade-weighted mean;
//! - **the level and the sector values**: the pattern is multiplied by `exp(sigma_common · z0 + sigma_sector ·
//!   z_j)`, with `z0` one standard normal draw shared by every sector (how elastic trade is overall: about 2 in
//!   Boehm, Levchenko & Pandalai-Nayar's long run, 4 in Simonovska & Waugh, 5 in ACR, 7.5 in Caliendo–Parro) and
//!   `z_j` independent draws per sector (the sector estimates' own error).
//!
//! Independent sector draws alone average out across sectors, so the band would be far narrower than the
//! disagreement between published sets; the shared factor and the mixture of patterns keep it honest. With the
//! defaults (`sigma_common = 0.4`, `sigma_sector = 0.25`) 90% of the draws of the economy-wide level lie within a
//! factor of about 1.9 of the chosen value. A test (`tests/trust.rs`) checks that each headline band covers the
//! results of the other documented long-run sets. Draws come from a fixed seed, so a link always shows the same
//! range. Only the headline figures of each draw are kept, not the whole result.
//!
//! Beside the elasticities, each draw also varies what the evidence cannot pin down about the policy and the first
//! year (issue 23; `docs/model.md`, "Uncertainty"):
//!
//! - **the first-year closure's rigidity** (at the one-year horizon): the wage-curve elasticity times
//!   `exp(0.4 · z)`, the share of lost labour income kept being spent uniform in [`SMOOTHING_RANGE`] and the dollar
//!   price's pass-through of exporters' costs uniform in [`EXPORT_PRICE_PASS_THROUGH_RANGE`], and the shop prices'
//!   pass-through of tariffs uniform in [`RETAIL_PASS_THROUGH_RANGE`];
//! - when the job knows the scenario's file ([`RangesJob::with_policy_unknowns`]) and the scenario has USMCA-exempt
//!   measures: **the compliance cost** of the rules of origin (none, the central value or 6%, see
//!   [`COMPLIANCE_COST_RANGE`]), and **the USMCA
//!   claim shares**: each exporter's share not claiming the preference times `exp(0.4 · z)` (one factor per
//!   exporter, every sector alike), capped at 1.
//! - when the scenario's measures carry an estimated share ([`crate::model::scenario::Coverage`], such as the share of
//!   a sector a Section 232 duty covers): every such share at its low, central or high value, one case for all
//!   measures, each with probability one third (like the compliance cost: a bounded unknown, so the band spans it).

use serde::Serialize;

use crate::model::economy::Economy;
use crate::model::error::ModelError;
use crate::model::labour::{LabourClosure, StickyWages, EXPORT_PRICE_PASS_THROUGH_RANGE, RETAIL_PASS_THROUGH_RANGE};
use crate::model::scenario::{CoverageCase, Scenario, ScenarioFile};
use crate::model::solver::{Solve, SolveJob, SolverOptions, WarmStart, DEFAULT_MAX_WORK};
use crate::util::random::SplitMix64;

/// How ranges are computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RangeOptions {
    /// Number of elasticity draws.
    pub draws: usize,
    /// Standard deviation of the log of the multiplier shared by every sector.
    pub sigma_common: f64,
    /// Standard deviation of the log of each sector's own multiplier.
    pub sigma: f64,
    /// Seed of the draws.
    pub seed: u64,
}

impl Default for RangeOptions {
    fn default() -> Self {
        RangeOptions { draws: 200, sigma_common: 0.4, sigma: 0.25, seed: 2024 }
    }
}

/// A 5th–95th percentile range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    /// 5th percentile.
    pub low: f64,
    /// 95th percentile.
    pub high: f64,
}

/// Ranges of the headline results; index orders match [`Results`] (`pairs` matches `derived.pairs`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranges {
    /// Welfare change, percent, `[N]`.
    pub welfare_pct: Vec<Range>,
    /// Consumer price change, percent, `[N]`.
    pub consumer_price_pct: Vec<Range>,
    /// New tariff revenue, `[N]`.
    pub tariff_revenue_new: Vec<Range>,
    /// Change in trade of each pair of `derived.pairs`, in money.
    pub pair_change: Vec<Range>,
    /// Draws that solved.
    pub draws_solved: usize,
    /// Draws that did not converge (left out of the percentiles).
    pub draws_failed: usize,
    /// The options used: the common factor's standard deviation.
    pub sigma_common: f64,
    /// The options used: each sector's own standard deviation.
    pub sigma: f64,
    /// The seed used.
    pub seed: u64,
}

/// The low and high cases of the compliance cost of the rules of origin (a share of the traded value): none, and the
/// 6% that covers all estimated costs of NAFTA's rules of origin (the high case of the method panel's sensitivity,
/// `view::method`; `docs/model.md`, "Rules of origin"). The cost is an unknown within these bounds, not a random
/// error around the central 2%: each draw takes the low case, the economy's central value or the high case with
/// equal probability (the method panel's three cases), so that the band spans the whole range. A uniform draw
/// between the bounds would leave the high case at the band's edge (Canada under the late-2025 tariffs, long run:
/// −0.68% at 6% against a band reaching −0.65%).
pub const COMPLIANCE_COST_RANGE: (f64, f64) = (0.0, 0.06);
/// The standard deviation of the log of the factor on each exporter's share not claiming USMCA: published
/// measures of the same months differ by about this much (Canada: 5% not claiming per the Bank of Canada, 11–14%
/// per EDC/RBC; Mexico: 15% per Moody's, 23% in the June 2025 customs data; `data/scenarios/us-tariffs-2025.json`
/// sources). 90% of draws lie within a factor of 1.9 of the central share (an estimate, E).
pub const CLAIM_SHARE_SIGMA: f64 = 0.4;
/// The standard deviation of the log of the factor on the wage-curve elasticity (0.1): Blanchflower & Oswald's
/// estimates across countries and specifications run from about 0.05 to 0.2 (an estimate of the spread, E).
pub const WAGE_CURVE_SIGMA: f64 = 0.4;
/// The share of lost labour income kept being spent in the first year, drawn uniformly between these bounds: from
/// below the US automatic stabilisers' 34% to the EU's 47% (Dolls, Fuest & Peichl 2012; the lower bound an
/// estimate, E).
pub const SMOOTHING_RANGE: (f64, f64) = (0.25, 0.47);

/// A standard normal draw (Marsaglia's polar method: no sine or cosine, so the browser module carries no
/// trigonometry).
fn normal(rng: &mut SplitMix64) -> f64 {
    loop {
        let (u, v) = (2.0 * rng.unit() - 1.0, 2.0 * rng.unit() - 1.0);
        let s = u * u + v * v;
        if s > 0.0 && s < 1.0 {
            return u * (-2.0 * s.ln() / s).sqrt();
        }
    }
}

/// A uniform draw between two bounds.
fn uniform(rng: &mut SplitMix64, (low, high): (f64, f64)) -> f64 {
    low + (high - low) * rng.unit()
}

/// The sector patterns a draw can take: the chosen elasticities and each documented set of the same horizon with
/// a different pattern, rescaled to the chosen set's trade-weighted mean.
fn patterns(economy: &Economy) -> Vec<Vec<f64>> {
    let chosen = economy.theta().to_vec();
    let mean = economy.trade_weighted_theta();
    let mut list = vec![chosen];
    let Some(horizon) = economy.horizon() else {
        return list;
    };
    for set in &economy.file().theta_sets {
        if set.horizon.as_deref() != Some(horizon) {
            continue;
        }
        let set_mean = crate::model::economy::trade_weighted_mean(economy, &set.theta);
        if !(set_mean.is_finite() && set_mean > 0.0 && mean.is_finite()) {
            continue;
        }
        let rescaled: Vec<f64> = set.theta.iter().map(|t| t * mean / set_mean).collect();
        let same = |p: &Vec<f64>| p.iter().zip(&rescaled).all(|(a, b)| (a - b).abs() <= 1e-9 * a.abs().max(1.0));
        if !list.iter().any(same) {
            list.push(rescaled);
        }
    }
    list
}

/// One draw of the elasticities: a pattern, times a common factor, times a factor per sector.
pub(crate) fn draw_theta(patterns: &[Vec<f64>], options: &RangeOptions, rng: &mut SplitMix64) -> Vec<f64> {
    let pick = ((rng.unit() * patterns.len() as f64) as usize).min(patterns.len().saturating_sub(1));
    let common = options.sigma_common * normal(rng);
    patterns
        .get(pick)
        .map_or_else(Vec::new, |p| p.iter().map(|t| t * (common + options.sigma * normal(rng)).exp()).collect())
}

/// The 5th and 95th percentiles of values (nearest rank).
/// One draw of the first year's rigidity (the wage-curve elasticity times `exp(0.4 · z)`, the smoothing share
/// uniform in [`SMOOTHING_RANGE`], the dollar price's pass-through of exporters' costs uniform in
/// [`EXPORT_PRICE_PASS_THROUGH_RANGE`], the shop prices' pass-through of tariffs uniform in
/// [`RETAIL_PASS_THROUGH_RANGE`]); a flexible closure is left as it is.
fn draw_closure(closure: LabourClosure, rng: &mut SplitMix64) -> LabourClosure {
    match closure {
        LabourClosure::Sticky(s) => LabourClosure::Sticky(StickyWages {
            wage_curve_elasticity: s.wage_curve_elasticity * (WAGE_CURVE_SIGMA * normal(rng)).exp(),
            smoothing: uniform(rng, SMOOTHING_RANGE),
            export_price_pass_through: uniform(rng, EXPORT_PRICE_PASS_THROUGH_RANGE),
            retail_pass_through: uniform(rng, RETAIL_PASS_THROUGH_RANGE),
        }),
        flexible => flexible,
    }
}

fn percentile_range(values: &[f64]) -> Range {
    if values.is_empty() {
        return Range { low: f64::NAN, high: f64::NAN };
    }
    let descending = crate::util::order::order_desc(values);
    let last = values.len() - 1;
    let rank = |q: f64| values[descending[last - ((q * last as f64).round() as usize).min(last)]];
    Range { low: rank(0.05), high: rank(0.95) }
}

/// Economies up to this many country-sector pairs get uncertainty ranges, in the page and in `natx --ranges` alike
/// (200 re-solves stay under a second).
pub const RANGES_MAX_CELLS: usize = 400;

/// The work one draw may take, in cells (see [`crate::model::solver::work_per_pass`]): a tenth of a solve's limit. A draw
/// that needs more counts as failed.
pub const DRAW_MAX_WORK: u64 = DEFAULT_MAX_WORK / 10;

/// The work all draws together may take: two solves' limit, about 20 s natively (in the page it runs in slices,
/// so the page stays responsive meanwhile). Ranges that need more end with an error, and the point estimate stands
/// alone.
pub const RANGES_MAX_WORK: u64 = 2 * DEFAULT_MAX_WORK;

/// Re-solve the scenario under elasticity draws and return 5th–95th percentile ranges of the headline results.
pub fn ranges(economy: &Economy, scenario: &Scenario, options: &RangeOptions) -> Result<Ranges, ModelError> {
    RangesJob::new(economy, scenario, options).run()
}

/// The ranges computed in slices, so that a page can show progress and stay responsive: each
/// [`RangesJob::advance`] does a bounded amount of work, whatever the economy.
pub struct RangesJob {
    economy: Economy,
    options: RangeOptions,
    rng: SplitMix64,
    patterns: Vec<Vec<f64>>,
    /// The closure of the economy's horizon: each draw solves with it (its rigidity drawn when it is the first
    /// year's), never with the closure of the drawn elasticities' lost horizon.
    closure: LabourClosure,
    /// The scenario's file, when the policy unknowns are drawn too (the scenario is then rebuilt for each draw).
    policy: Option<ScenarioFile>,
    /// The scenario, when no draw is being solved (a draw's solve owns it meanwhile).
    scenario: Option<Scenario>,
    /// Where each draw's solve starts (see [`RangesJob::starting_from`]); from no change without one.
    start: Option<WarmStart>,
    current: Option<SolveJob>,
    draws_started: usize,
    work: u64,
    // Per headline figure, its value in each solved draw (not whole results: memory stays small at any size).
    welfare: Vec<Vec<f64>>,
    prices: Vec<Vec<f64>>,
    revenue: Vec<Vec<f64>>,
    pairs: Vec<Vec<f64>>,
    solved: usize,
    failed: usize,
    error: Option<ModelError>,
}

impl RangesJob {
    /// Prepare the draws.
    pub fn new(economy: &Economy, scenario: &Scenario, options: &RangeOptions) -> Self {
        let nc = economy.n_countries();
        RangesJob {
            economy: economy.clone(),
            options: *options,
            rng: SplitMix64::new(options.seed),
            patterns: patterns(economy),
            closure: LabourClosure::for_horizon(economy.horizon()),
            policy: None,
            scenario: Some(scenario.clone()),
            start: None,
            current: None,
            draws_started: 0,
            work: 0,
            welfare: vec![Vec::with_capacity(options.draws); nc],
            prices: vec![Vec::with_capacity(options.draws); nc],
            revenue: vec![Vec::with_capacity(options.draws); nc],
            pairs: Vec::new(),
            solved: 0,
            failed: 0,
            error: None,
        }
    }

    /// Start every draw's solve from `start` (the scenario's equilibrium at the central elasticities) instead of
    /// from no change: each draw is a nearby equilibrium, reached in fewer passes; it ends at the same equilibrium
    /// to within the solver's tolerance.
    pub fn starting_from(mut self, start: WarmStart) -> Self {
        self.start = Some(start);
        self
    }

    /// Draw the policy unknowns too (compliance cost, USMCA claim shares and estimated covered shares), rebuilding
    /// `file`'s scenario for each draw; nothing changes for a scenario without USMCA-exempt measures or coverage. `file` must be the file the scenario
    /// was built from.
    pub fn with_policy_unknowns(mut self, file: &ScenarioFile) -> Self {
        if file.measures.iter().any(|m| m.usmca_exempt || m.coverage.is_some()) {
            self.policy = Some(file.clone());
        }
        self
    }

    /// Draws finished so far and the number of draws.
    pub fn progress(&self) -> (usize, usize) {
        (self.solved + self.failed, self.options.draws)
    }

    /// Do up to about `max_work` cells of work (at least one solver pass); returns whether every draw is done.
    pub fn advance(&mut self, max_work: u64) -> bool {
        let mut used = 0u64;
        loop {
            if self.error.is_some() {
                return true;
            }
            if self.work > RANGES_MAX_WORK {
                self.error = Some(ModelError::invalid(
                    "ranges",
                    "",
                    format!(
                        "the elasticity draws do not converge within the work limit ({} of {} draws done); the \
                         point estimate stands, without ranges",
                        self.solved + self.failed,
                        self.options.draws
                    ),
                ));
                return true;
            }
            if used >= max_work {
                return false;
            }
            let Some(job) = self.current.as_mut() else {
                if self.draws_started >= self.options.draws {
                    return true;
                }
                self.start_draw();
                continue;
            };
            let before = job.work();
            let done = job.advance_bounded(usize::MAX, max_work.saturating_sub(used).max(1));
            let spent = job.work() - before;
            used += spent.max(1);
            self.work += spent;
            if done {
                if let Some(job) = self.current.take() {
                    self.record(job);
                }
            }
        }
    }

    fn start_draw(&mut self) {
        self.draws_started += 1;
        let theta = draw_theta(&self.patterns, &self.options, &mut self.rng);
        let closure = draw_closure(self.closure, &mut self.rng);
        let drawn = match &self.policy {
            Some(file) => self.drawn_policy(file.clone(), theta),
            None => match self.scenario.take() {
                Some(scenario) => self.economy.with_theta(theta).map(|economy| (economy, scenario)),
                None => Err(ModelError::invalid("ranges", "", "no scenario to solve")),
            },
        };
        match drawn {
            Ok((economy, scenario)) => {
                let options =
                    SolverOptions { max_work: DRAW_MAX_WORK, labour: Some(closure), ..SolverOptions::default() };
                let solve = Solve::new(economy, scenario).options(&options);
                self.current = Some(match &self.start {
                    Some(start) => solve.starting_from(start).job(),
                    None => solve.job(),
                });
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// The economy and scenario of one draw of the policy unknowns: the compliance cost in the economy's rules of
    /// origin, each exporter's share not claiming USMCA scaled by one factor, every estimated covered share at its
    /// low, central or high value (one case for all), the scenario rebuilt from the file.
    fn drawn_policy(&mut self, mut file: ScenarioFile, theta: Vec<f64>) -> Result<(Economy, Scenario), ModelError> {
        let mut economy_file = self.economy.file().clone();
        let case = (3.0 * self.rng.unit()) as usize;
        if let Some(rules) = economy_file.rules_of_origin.as_mut() {
            rules.compliance_cost = match case {
                0 => COMPLIANCE_COST_RANGE.0,
                1 => rules.compliance_cost,
                _ => COMPLIANCE_COST_RANGE.1,
            };
        }
        let (countries, sectors) = (self.economy.countries().to_vec(), self.economy.sectors().to_vec());
        for exporter in &countries {
            let factor = (CLAIM_SHARE_SIGMA * normal(&mut self.rng)).exp();
            let scaled = |share: f64| 1.0 - ((1.0 - share) * factor).clamp(0.0, 1.0);
            if let Some(&share) = file.usmca_claim_share.get(exporter) {
                file.usmca_claim_share.insert(exporter.clone(), scaled(share));
            }
            for sector in &sectors {
                if let Some(share) = file.usmca_claim_share_by_sector.get(exporter, sector) {
                    file.usmca_claim_share_by_sector.insert(exporter, sector, scaled(share));
                }
            }
        }
        if file.has_coverage() {
            file = file.with_coverage(match (3.0 * self.rng.unit()) as usize {
                0 => CoverageCase::Low,
                1 => CoverageCase::Central,
                _ => CoverageCase::High,
            });
        }
        let set = self.economy.theta_set_id().unwrap_or("default").to_string();
        let economy = Economy::from_file(economy_file)?.with_theta_set(&set)?.with_theta(theta)?;
        let scenario = Scenario::build(&file, &economy)?;
        Ok((economy, scenario))
    }

    fn record(&mut self, job: SolveJob) {
        let (_, scenario, results) = job.finish();
        self.scenario = Some(scenario);
        match results {
            Ok(results) => {
                self.solved += 1;
                for n in 0..self.welfare.len() {
                    self.welfare[n].push(results.welfare_pct[n]);
                    self.prices[n].push(results.derived.consumer_price_pct[n]);
                    self.revenue[n].push(results.tariff_revenue_new[n]);
                }
                if self.pairs.is_empty() {
                    self.pairs = vec![Vec::with_capacity(self.options.draws); results.derived.pairs.len()];
                }
                for (values, pair) in self.pairs.iter_mut().zip(&results.derived.pairs) {
                    values.push(pair.change);
                }
            }
            Err(ModelError::DidNotConverge(_)) => self.failed += 1,
            Err(other) => self.error = Some(other),
        }
    }

    /// Every draw in one call, then the ranges.
    pub fn run(mut self) -> Result<Ranges, ModelError> {
        while !self.advance(u64::MAX) {}
        self.finish()
    }

    /// The ranges, or why there are none.
    pub fn finish(self) -> Result<Ranges, ModelError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let bands = |lists: &[Vec<f64>]| -> Vec<Range> { lists.iter().map(|v| percentile_range(v)).collect() };
        Ok(Ranges {
            welfare_pct: bands(&self.welfare),
            consumer_price_pct: bands(&self.prices),
            tariff_revenue_new: bands(&self.revenue),
            pair_change: bands(&self.pairs),
            draws_solved: self.solved,
            draws_failed: self.failed,
            sigma_common: self.options.sigma_common,
            sigma: self.options.sigma,
            seed: self.options.seed,
        })
    }
}

/// Ranges of the difference between two scenarios, B − A (issue 25): each draw of the elasticities (and, at the
/// first year, of the closure's rigidity) solves both scenarios with the same draw, so the band is that of the
/// difference itself, not of two bands set side by side. The policy unknowns of [`RangesJob::with_policy_unknowns`]
/// are not drawn here (the two scenarios may not share them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DifferenceRanges {
    /// B − A, real GDP, percentage points, `[N]`.
    pub real_gdp_pct: Vec<Range>,
    /// B − A, real income, percentage points, `[N]`.
    pub welfare_pct: Vec<Range>,
    /// Draws in which both scenarios solved.
    pub draws_solved: usize,
    /// Draws in which either did not converge (left out).
    pub draws_failed: usize,
}

/// [`DifferenceRanges`] computed in slices of bounded work, as [`RangesJob`].
pub struct DifferenceRangesJob {
    economy: Economy,
    options: RangeOptions,
    rng: SplitMix64,
    patterns: Vec<Vec<f64>>,
    closure: LabourClosure,
    /// A and B, when no solve holds them.
    scenarios: [Option<Scenario>; 2],
    /// The solve under way: which scenario (0: A, 1: B), its closure, and the job.
    current: Option<(usize, SolverOptions, SolveJob)>,
    /// A's figures in the current draw (real GDP, real income), while B solves.
    first: Option<(Vec<f64>, Vec<f64>)>,
    draws_started: usize,
    work: u64,
    gdp: Vec<Vec<f64>>,
    welfare: Vec<Vec<f64>>,
    solved: usize,
    failed: usize,
    error: Option<ModelError>,
}

impl DifferenceRangesJob {
    /// Prepare the draws of B − A on `economy` (its horizon's closure, as [`RangesJob`]).
    pub fn new(economy: &Economy, a: &Scenario, b: &Scenario, options: &RangeOptions) -> Self {
        let nc = economy.n_countries();
        DifferenceRangesJob {
            economy: economy.clone(),
            options: *options,
            rng: SplitMix64::new(options.seed),
            patterns: patterns(economy),
            closure: LabourClosure::for_horizon(economy.horizon()),
            scenarios: [Some(a.clone()), Some(b.clone())],
            current: None,
            first: None,
            draws_started: 0,
            work: 0,
            gdp: vec![Vec::with_capacity(options.draws); nc],
            welfare: vec![Vec::with_capacity(options.draws); nc],
            solved: 0,
            failed: 0,
            error: None,
        }
    }

    /// Draws finished so far and the number of draws.
    pub fn progress(&self) -> (usize, usize) {
        (self.solved + self.failed, self.options.draws)
    }

    /// Do up to about `max_work` cells of work (at least one solver pass); returns whether every draw is done.
    pub fn advance(&mut self, max_work: u64) -> bool {
        let mut used = 0u64;
        loop {
            if self.error.is_some() {
                return true;
            }
            if self.work > 2 * RANGES_MAX_WORK {
                self.error = Some(ModelError::invalid(
                    "ranges",
                    "",
                    "the draws of the difference do not converge within the work limit; the difference stands \
                     without a range",
                ));
                return true;
            }
            if used >= max_work {
                return false;
            }
            let Some((_, _, job)) = self.current.as_mut() else {
                if self.draws_started >= self.options.draws {
                    return true;
                }
                self.start_draw();
                continue;
            };
            let before = job.work();
            let done = job.advance_bounded(usize::MAX, max_work.saturating_sub(used).max(1));
            let spent = job.work() - before;
            used += spent.max(1);
            self.work += spent;
            if done {
                if let Some((which, options, job)) = self.current.take() {
                    self.record(which, options, job);
                }
            }
        }
    }

    fn start_draw(&mut self) {
        self.draws_started += 1;
        let theta = draw_theta(&self.patterns, &self.options, &mut self.rng);
        let closure = draw_closure(self.closure, &mut self.rng);
        let options = SolverOptions { max_work: DRAW_MAX_WORK, labour: Some(closure), ..SolverOptions::default() };
        match (self.economy.with_theta(theta), self.scenarios[0].take()) {
            (Ok(economy), Some(a)) => self.current = Some((0, options, Solve::new(economy, a).options(&options).job())),
            (Err(e), _) => self.error = Some(e),
            (_, None) => self.error = Some(ModelError::invalid("ranges", "", "no scenario to solve")),
        }
    }

    fn record(&mut self, which: usize, options: SolverOptions, job: SolveJob) {
        let (economy, scenario, results) = job.finish();
        self.scenarios[which] = Some(scenario);
        let figures = match results {
            Ok(results) => Some((results.derived.real_gdp_pct.clone(), results.welfare_pct.clone())),
            Err(ModelError::DidNotConverge(_)) => None,
            Err(other) => {
                self.error = Some(other);
                return;
            }
        };
        if which == 0 {
            // B with the same draw (the economy comes back from A's solve).
            self.first = figures;
            match self.scenarios[1].take() {
                Some(b) => self.current = Some((1, options, Solve::new(economy, b).options(&options).job())),
                None => self.error = Some(ModelError::invalid("ranges", "", "no scenario to solve")),
            }
            return;
        }
        match (self.first.take(), figures) {
            (Some((gdp_a, welfare_a)), Some((gdp_b, welfare_b))) => {
                self.solved += 1;
                for n in 0..self.gdp.len() {
                    self.gdp[n].push(gdp_b[n] - gdp_a[n]);
                    self.welfare[n].push(welfare_b[n] - welfare_a[n]);
                }
            }
            _ => self.failed += 1,
        }
    }

    /// Every draw in one call, then the ranges.
    pub fn run(mut self) -> Result<DifferenceRanges, ModelError> {
        while !self.advance(u64::MAX) {}
        self.finish()
    }

    /// The ranges, or why there are none.
    pub fn finish(self) -> Result<DifferenceRanges, ModelError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let bands = |lists: &[Vec<f64>]| -> Vec<Range> { lists.iter().map(|v| percentile_range(v)).collect() };
        Ok(DifferenceRanges {
            real_gdp_pct: bands(&self.gdp),
            welfare_pct: bands(&self.welfare),
            draws_solved: self.solved,
            draws_failed: self.failed,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::data::presets;
    use crate::model::solver::solve;

    #[test]
    fn the_difference_band_brackets_the_difference_and_is_not_two_bands_side_by_side() {
        let long = presets::north_america_2024().unwrap();
        let first = long.with_theta_set("one_year").unwrap();
        for economy in [long, first] {
            let build = |id: &str| Scenario::build(&presets::preset(id).unwrap(), &economy).unwrap();
            let (a, b) = (build("us-tariffs-2025"), build("usmca-lapses"));
            let options = RangeOptions { draws: 40, ..Default::default() };
            let difference = DifferenceRangesJob::new(&economy, &a, &b, &options).run().unwrap();
            assert_eq!(difference.draws_solved, 40);
            let labour = Some(LabourClosure::for_horizon(economy.horizon()));
            let solved = |s: &Scenario| {
                Solve::new(&economy, s).options(&SolverOptions { labour, ..SolverOptions::default() }).run().unwrap()
            };
            let (ra, rb) = (solved(&a), solved(&b));
            let (band_a, band_b) = (ranges(&economy, &a, &options).unwrap(), ranges(&economy, &b, &options).unwrap());
            for n in 0..3 {
                let d = rb.welfare_pct[n] - ra.welfare_pct[n];
                let r = difference.welfare_pct[n];
                assert!(r.low - 1e-6 <= d && d <= r.high + 1e-6, "country {n}: {d} outside {r:?}");
                let g = rb.derived.real_gdp_pct[n] - ra.derived.real_gdp_pct[n];
                let rg = difference.real_gdp_pct[n];
                assert!(rg.low - 1e-6 <= g && g <= rg.high + 1e-6, "country {n}: real GDP {g} outside {rg:?}");
                // Paired draws: narrower than the spread of two independent bands.
                let naive = (band_b.welfare_pct[n].high - band_a.welfare_pct[n].low)
                    - (band_b.welfare_pct[n].low - band_a.welfare_pct[n].high);
                assert!(r.high - r.low < naive, "country {n}: {r:?} vs {naive}");
            }
        }
    }

    #[test]
    fn ranges_bracket_the_point_estimate_and_repeat_with_the_seed() {
        let economy = presets::north_america_2024().unwrap();
        let scenario = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
        let point = solve(&economy, &scenario).unwrap();
        let options = RangeOptions { draws: 60, ..Default::default() };
        let ranges = ranges(&economy, &scenario, &options).unwrap();
        assert_eq!(ranges.draws_solved + ranges.draws_failed, 60);
        assert_eq!(ranges.draws_failed, 0);
        for n in 0..5 {
            let r = ranges.welfare_pct[n];
            assert!(r.low <= r.high);
            assert!(
                r.low - 1e-6 <= point.welfare_pct[n] && point.welfare_pct[n] <= r.high + 1e-6,
                "country {n}: {r:?} vs {}",
                point.welfare_pct[n]
            );
        }
        let can = 1;
        assert!(
            ranges.welfare_pct[can].high < 0.0,
            "Canada loses in every draw's 90% band: {:?}",
            ranges.welfare_pct[can]
        );
        assert!(ranges.welfare_pct[can].high - ranges.welfare_pct[can].low > 1e-3, "a real spread");
        assert_eq!(ranges, super::ranges(&economy, &scenario, &options).unwrap(), "same seed, same ranges");
        let other = RangeOptions { seed: 7, ..options };
        assert_ne!(ranges, super::ranges(&economy, &scenario, &other).unwrap());
    }

    #[test]
    fn draws_started_from_the_central_equilibrium_give_the_same_ranges_in_fewer_passes() {
        let economy = presets::north_america_2024().unwrap();
        for id in ["us-tariffs-2025", "all-out-trade-war"] {
            let scenario = Scenario::build(&presets::preset(id).unwrap(), &economy).unwrap();
            let central = solve(&economy, &scenario).unwrap();
            let options = RangeOptions { draws: 40, ..Default::default() };
            let run = |job: RangesJob| {
                let mut job = job;
                while !job.advance(u64::MAX) {}
                let work = job.work;
                (job.finish().unwrap(), work)
            };
            let (cold, cold_work) = run(RangesJob::new(&economy, &scenario, &options));
            let (warm, warm_work) =
                run(RangesJob::new(&economy, &scenario, &options).starting_from(WarmStart::of(&central)));
            assert_eq!(warm.draws_solved, cold.draws_solved, "{id}");
            for (a, b) in cold.welfare_pct.iter().zip(&warm.welfare_pct) {
                assert!((a.low - b.low).abs() < 1e-8 && (a.high - b.high).abs() < 1e-8, "{id}: {a:?} vs {b:?}");
            }
            assert!(warm_work < cold_work, "{id}: work from the central equilibrium {warm_work}, cold {cold_work}");
        }
    }

    #[test]
    fn ranges_in_slices_equal_ranges_in_one_call() {
        let economy = presets::north_america_2024().unwrap();
        let scenario = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
        let options = RangeOptions { draws: 12, ..Default::default() };
        let whole = ranges(&economy, &scenario, &options).unwrap();
        let mut job = RangesJob::new(&economy, &scenario, &options);
        let mut calls = 0;
        while !job.advance(5_000) {
            calls += 1;
        }
        assert!(calls > 12, "many slices: {calls}");
        assert_eq!(job.finish().unwrap(), whole);
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let values: Vec<f64> = (0..=100).map(f64::from).collect();
        let r = percentile_range(&values);
        assert!((r.low - 5.0).abs() < 1e-12 && (r.high - 95.0).abs() < 1e-12);
    }
}
