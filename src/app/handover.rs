//! What the page's Web Worker (`www/worker.js`) hands back to the page's session: the long work (loading a
//! reader's economy or scenario file, the uncertainty ranges) runs in the worker's own session, and the page's
//! session installs the outcome without solving again (`src/web/handover.rs` converts to and from JavaScript).
//!
//! The handover is exact and quick: a loaded state travels as a JavaScript object (serde-wasm-bindgen: every
//! `f64` is a JavaScript number, copied bit for bit by `postMessage`) without its large arrays, which travel as one
//! `Float64Array` (a copy, not 300,000 calls across the boundary); the ranges as one `Float64Array` too. The page rebuilds
//! the economy from the worker's (validated, possibly rebased) economy file with `Economy::from_file`, the same
//! deterministic function the worker used, so its derived quantities are the worker's too. A scenario file is not
//! expanded again on the page: the worker sends the file as read, the scenario it built (its new tariffs, and its
//! trade-cost changes unless they are all 1, in a second `Float64Array`) and the controls' values in force; the
//! baseline trade at producer prices is the page's own (same economy) and the new trade is computed from the new
//! flows and tariffs exactly as `Derived::new` does. Installing 300 measures on a 140 × 65 economy then costs
//! copies of three arrays and one division per cell.

#[cfg(feature = "own-data")]
use serde::{Deserialize, Serialize};

use crate::app::session::Session;
#[cfg(feature = "own-data")]
use crate::app::session::SessionError;
#[cfg(feature = "own-data")]
use crate::model::derived::{Diversion, PairTrade};
use crate::model::uncertainty::{Range, Ranges};
#[cfg(feature = "own-data")]
use std::collections::HashMap;

#[cfg(feature = "own-data")]
use crate::app::scenario_state::ScenarioState;
#[cfg(feature = "own-data")]
use crate::model::economy::{Economy, EconomyFile};
#[cfg(feature = "own-data")]
use crate::model::results::Results;
#[cfg(feature = "own-data")]
use crate::model::scenario::{Scenario, ScenarioFile};

/// A loaded state as the worker sends it: the economy file (economy loads only), the solved result and the
/// rebase note in the reader's language.
#[cfg(feature = "own-data")]
#[derive(Serialize, Deserialize)]
pub struct Loaded {
    economy: Option<EconomyFile>,
    results: Results,
    rebase_note: Option<String>,
    /// After a scenario file: the file as read (its arrays, when it has them, among the large arrays) and the
    /// controls' values in force; the built scenario's arrays come separately ([`Session::scenario_numbers`]).
    scenario: Option<BuiltScenario>,
}

/// A scenario file as the worker read and built it (see [`Loaded::scenario`]).
#[cfg(feature = "own-data")]
#[derive(Serialize, Deserialize)]
pub struct BuiltScenario {
    file: ScenarioFile,
    in_force: Vec<f64>,
}

/// Numbers before the ranges themselves in [`Session::ranges_flat`].
const RANGES_HEADER: usize = 9;

impl Session {
    /// In the worker, after `finish_pending`: the state to hand to the page's explorer (`with_economy`: after an
    /// economy file, which the page then installs with [`Session::install_economy`]; otherwise after a scenario
    /// file, installed with [`Session::install_scenario`]), without its large arrays, which
    /// [`Session::loaded_numbers`] gives.
    #[cfg(feature = "own-data")]
    pub fn loaded_state(&self, with_economy: bool) -> Loaded {
        let mut loaded = Loaded {
            economy: with_economy.then(|| self.economy.file().clone()),
            results: self.results.clone(),
            rebase_note: self.rebase_note.clone(),
            scenario: (!with_economy).then(|| self.built_scenario()),
        };
        for cube in large_arrays(&mut loaded) {
            cube.clear();
        }
        take_lists(&mut loaded.results);
        loaded
    }

    /// The large arrays of [`Session::loaded_state`], one after the other.
    #[cfg(feature = "own-data")]
    pub fn loaded_numbers(&self, with_economy: bool) -> Vec<f64> {
        let mut loaded = Loaded {
            economy: with_economy.then(|| self.economy.file().clone()),
            results: self.results.clone(),
            rebase_note: None,
            scenario: (!with_economy).then(|| self.built_scenario()),
        };
        let mut numbers: Vec<f64> = large_arrays(&mut loaded)
            .into_iter()
            .flat_map(|cube| std::mem::take(cube).into_iter().flatten().flatten())
            .collect();
        encode_lists(&loaded.results, &mut numbers);
        numbers
    }

    /// In the worker, after a scenario file: the built scenario's new tariffs, then its trade-cost changes unless
    /// every one is 1 (a tariff-only scenario), for [`Session::install_scenario`].
    #[cfg(feature = "own-data")]
    pub fn scenario_numbers(&self) -> Vec<f64> {
        let mut numbers = self.scenario.tau_new.clone();
        // Exactly 1 (bit for bit), or the page would install a different scenario.
        if self.scenario.dhat.iter().any(|&d| d.to_bits() != 1.0f64.to_bits()) {
            numbers.extend_from_slice(&self.scenario.dhat);
        }
        numbers
    }

    /// Install an economy file loaded and solved by the worker (see [`Session::loaded_state`]): what
    /// `finish_pending` does after `begin_economy`, without the solve.
    #[cfg(feature = "own-data")]
    pub fn install_economy(&mut self, state: Loaded, numbers: Vec<f64>, file_name: &str) -> Result<(), SessionError> {
        let loaded = Self::restored(state, &numbers)?;
        let file = loaded.economy.ok_or_else(|| SessionError::new("the worker sent no economy"))?;
        let economy = Economy::from_file(file)?;
        Self::check_shape(&economy, &loaded.results)?;
        let name: String = file_name.chars().take(80).collect();
        let file = ScenarioFile { name: name.clone(), description: String::new(), ..ScenarioFile::baseline() };
        let state = ScenarioState::custom(file, &economy)?;
        self.cancel_pending();
        self.custom_name = Some(name);
        self.scenario_file_name = None;
        self.rebase_note = loaded.rebase_note;
        self.baseline = economy.clone();
        self.elasticities = "default".into();
        self.state = state;
        let scenario = Scenario::baseline(&economy);
        self.economy = economy;
        self.set_result(scenario, loaded.results);
        Ok(())
    }

    /// Install a scenario file read, built and solved by the worker against the economy in use (the worker's
    /// economy is the same: the page sends its state with the request). Nothing is parsed, expanded or solved
    /// here: the file as read, the built scenario and the controls' values in force are the worker's.
    #[cfg(feature = "own-data")]
    pub fn install_scenario(
        &mut self,
        state: Loaded,
        numbers: Vec<f64>,
        scenario: Vec<f64>,
        file_name: &str,
    ) -> Result<(), SessionError> {
        let mut loaded = Self::restored(state, &numbers)?;
        let built = loaded.scenario.take().ok_or_else(|| SessionError::new("the worker sent no scenario"))?;
        Self::check_shape(&self.economy, &loaded.results)?;
        let (nc, ns) = (self.economy.n_countries(), self.economy.n_sectors());
        let cells = ns * nc * nc;
        let mut tau_new = scenario;
        let dhat = match tau_new.len() {
            n if n == cells => vec![1.0; cells],
            n if n == 2 * cells => tau_new.split_off(cells),
            _ => return Err(SessionError::new("the worker's scenario does not fit the economy in use")),
        };
        let state = ScenarioState::custom_with_controls(built.file, &built.in_force)?;
        // The new flows and trade at producer prices by the model's own arithmetic (bit for bit what the solve
        // reports); the baseline trade is the page's own (same economy: moved from the result it replaces, or
        // computed).
        let economy = &self.economy;
        let results = &mut loaded.results;
        let (x_new, trade_new) =
            crate::model::results::flows_from_shares(economy, &results.pi_new, &results.Xn_new, &tau_new);
        results.X_new = x_new;
        let derived = &mut results.derived;
        derived.trade_new = trade_new;
        derived.trade_base = if self.results.derived.trade_base.len() == ns {
            std::mem::take(&mut self.results.derived.trade_base)
        } else {
            crate::model::derived::trade_base(economy)
        };
        let file = state.base_file();
        let scenario = Scenario {
            name: file.name.clone(),
            description: file.description.clone(),
            tau_new,
            dhat,
            compare_horizons: file.compare_horizons,
        };
        self.cancel_pending();
        self.state = state;
        self.scenario_file_name = Some(file_name.chars().take(80).collect());
        self.set_result(scenario, loaded.results);
        Ok(())
    }

    /// The uncertainty ranges of the current result as numbers (empty without them), for
    /// [`Session::adopt_ranges`]: `[welfare count, prices count, revenue count, pairs count, draws solved, draws
    /// failed, sigma_common, sigma, seed]`, then each range's low and high, in that order.
    pub fn ranges_flat(&self) -> Vec<f64> {
        let Some(r) = &self.ranges else { return Vec::new() };
        let lists = [&r.welfare_pct, &r.consumer_price_pct, &r.tariff_revenue_new, &r.pair_change];
        let mut out: Vec<f64> = lists.iter().map(|l| l.len() as f64).collect();
        out.extend([r.draws_solved as f64, r.draws_failed as f64, r.sigma_common, r.sigma, r.seed as f64]);
        for list in lists {
            out.extend(list.iter().flat_map(|range| [range.low, range.high]));
        }
        out
    }

    /// Take ranges computed elsewhere (the worker) for the state whose link is `query`; ignored (`false`) when
    /// the explorer has moved on since, already has ranges, or the numbers do not fit. (On a reader's data the link
    /// does not name the data: the page also checks that the worker's economy is the one in use.)
    pub fn adopt_ranges(&mut self, query: &str, flat: Vec<f64>) -> bool {
        if self.ranges.is_some() || query != self.url_query() || flat.len() < RANGES_HEADER {
            return false;
        }
        let counts: Vec<usize> = flat[..4].iter().map(|&c| c as usize).collect();
        if flat.len() != RANGES_HEADER + 2 * counts.iter().sum::<usize>()
            || counts[..3].iter().any(|&c| c != self.economy.n_countries())
            || counts[3] != self.results.derived.pairs.len()
        {
            return false;
        }
        let mut at = RANGES_HEADER;
        let mut take = |count: usize| -> Vec<Range> {
            let list = flat[at..at + 2 * count].chunks(2).map(|p| Range { low: p[0], high: p[1] }).collect();
            at += 2 * count;
            list
        };
        self.ranges = Some(Ranges {
            welfare_pct: take(counts[0]),
            consumer_price_pct: take(counts[1]),
            tariff_revenue_new: take(counts[2]),
            pair_change: take(counts[3]),
            draws_solved: flat[4] as usize,
            draws_failed: flat[5] as usize,
            sigma_common: flat[6],
            sigma: flat[7],
            seed: flat[8] as u64,
        });
        self.ranges_job = None;
        true
    }

    /// The ranges' computation failed elsewhere (the worker) for the state whose link is `query`: the ranges
    /// note then says why (as after a failure of [`Session::compute_ranges`]). Ignored when the state changed.
    pub fn adopt_ranges_failure(&mut self, query: &str, message: &str) -> bool {
        if self.ranges.is_some() || query != self.url_query() {
            return false;
        }
        self.ranges_error = Some(message.to_string());
        self.ranges_job = None;
        true
    }
}

#[cfg(feature = "own-data")]
impl Session {
    /// The worker's state with its large arrays and its lists put back.
    fn restored(mut loaded: Loaded, numbers: &[f64]) -> Result<Loaded, SessionError> {
        let (nc, ns) = (loaded.results.countries.len(), loaded.results.sectors.len());
        let mut at = 0;
        let economy = loaded.economy.is_some();
        for (k, cube) in large_arrays(&mut loaded).into_iter().enumerate() {
            // `[J][N][N]`, except the input shares `[N][J][J]` (the last of the economy's).
            let (a, b, c) = if economy && k == 2 { (nc, ns, ns) } else { (ns, nc, nc) };
            let size = a * b * c;
            let part =
                numbers.get(at..at + size).ok_or_else(|| SessionError::new("the worker's result is cut short"))?;
            *cube = part.chunks(b * c).map(|m| m.chunks(c).map(<[f64]>::to_vec).collect()).collect();
            at += size;
        }
        decode_lists(&mut loaded.results, &numbers[at..])?;
        Ok(loaded)
    }

    /// The scenario file in use as read, with the controls' values in force (for [`Session::loaded_state`]).
    fn built_scenario(&self) -> BuiltScenario {
        BuiltScenario { file: self.state.base_file().clone(), in_force: self.state.controls().in_force_values() }
    }

    fn check_shape(economy: &Economy, results: &Results) -> Result<(), SessionError> {
        if results.countries != economy.countries() || results.sectors != economy.sectors() {
            return Err(SessionError::new("the worker's result is for another economy"));
        }
        Ok(())
    }
}

/// The large arrays of a loaded state, in handover order: the economy's flows, tariffs and input shares
/// (when it has an economy), then the results' new shares and flows and the trade at producer prices.
#[cfg(feature = "own-data")]
fn large_arrays(loaded: &mut Loaded) -> Vec<&mut Vec<Vec<Vec<f64>>>> {
    let mut cubes = Vec::new();
    if let Some(file) = loaded.economy.as_mut() {
        cubes.extend([&mut file.X, &mut file.tau, &mut file.gamma_io]);
    }
    let results = &mut loaded.results;
    cubes.push(&mut results.pi_new);
    match loaded.scenario.as_mut() {
        // After a scenario file the page computes the new flows and the trade at producer prices (see
        // `install_scenario`).
        Some(built) => {
            results.X_new.clear();
            results.derived.trade_base.clear();
            results.derived.trade_new.clear();
            cubes.extend(built.file.tau_new.as_mut());
            cubes.extend(built.file.dhat.as_mut());
        }
        None => cubes.extend([&mut results.X_new, &mut results.derived.trade_base, &mut results.derived.trade_new]),
    }
    cubes
}

/// The results' lists of pairs and trade diversion (about 20,000 entries on a 140-country economy), which cost far
/// more as JavaScript objects than as numbers: taken out of the state [`Session::loaded_state`] sends.
#[cfg(feature = "own-data")]
fn take_lists(results: &mut Results) {
    let derived = &mut results.derived;
    (derived.pairs, derived.services_pairs, derived.diversion) = (Vec::new(), Vec::new(), Vec::new());
}

/// The lists of [`take_lists`] as numbers, after the large arrays: their three lengths, then each pair as
/// `exporter, importer` (positions in `countries`) and its four numbers, then each diversion as its importer,
/// its number of sources and each source's position and change.
#[cfg(feature = "own-data")]
fn encode_lists(results: &Results, out: &mut Vec<f64>) {
    let position: HashMap<&str, usize> = results.countries.iter().enumerate().map(|(k, id)| (id.as_str(), k)).collect();
    let at = |id: &str| position.get(id).map_or(f64::NAN, |&k| k as f64);
    let derived = &results.derived;
    out.extend([derived.pairs.len() as f64, derived.services_pairs.len() as f64, derived.diversion.len() as f64]);
    for pair in derived.pairs.iter().chain(&derived.services_pairs) {
        out.extend([at(&pair.exporter), at(&pair.importer), pair.base, pair.new, pair.change, pair.change_pct]);
    }
    for diversion in &derived.diversion {
        out.extend([at(&diversion.importer), diversion.by_source.len() as f64]);
        for (source, change) in &diversion.by_source {
            out.extend([at(source), *change]);
        }
    }
}

/// Put back the lists [`encode_lists`] wrote, from `numbers` (what follows the large arrays), every one of them.
#[cfg(feature = "own-data")]
fn decode_lists(results: &mut Results, numbers: &[f64]) -> Result<(), SessionError> {
    let mut reader = ListReader { numbers, at: 0, countries: &results.countries };
    let (n_pairs, n_services, n_diversion) = (reader.count()?, reader.count()?, reader.count()?);
    let pairs = (0..n_pairs).map(|_| reader.pair()).collect::<Result<Vec<_>, _>>()?;
    let services_pairs = (0..n_services).map(|_| reader.pair()).collect::<Result<Vec<_>, _>>()?;
    let mut diversion = Vec::with_capacity(n_diversion);
    for _ in 0..n_diversion {
        let importer = reader.country()?;
        let sources = reader.count()?;
        let by_source =
            (0..sources).map(|_| Ok((reader.country()?, reader.number()?))).collect::<Result<_, SessionError>>()?;
        diversion.push(Diversion { importer, by_source });
    }
    if reader.at != numbers.len() {
        return Err(SessionError::new("the worker's result has numbers left over"));
    }
    let derived = &mut results.derived;
    (derived.pairs, derived.services_pairs, derived.diversion) = (pairs, services_pairs, diversion);
    Ok(())
}

#[cfg(feature = "own-data")]
struct ListReader<'a> {
    numbers: &'a [f64],
    at: usize,
    countries: &'a [String],
}

#[cfg(feature = "own-data")]
impl ListReader<'_> {
    fn number(&mut self) -> Result<f64, SessionError> {
        let value =
            self.numbers.get(self.at).copied().ok_or_else(|| SessionError::new("the worker's result is cut short"))?;
        self.at += 1;
        Ok(value)
    }

    /// A count or a position: a whole number no larger than `limit`.
    fn whole(&mut self, limit: usize) -> Result<usize, SessionError> {
        let value = self.number()?;
        if value >= 0.0 && value.fract() == 0.0 && value <= limit as f64 {
            Ok(value as usize)
        } else {
            Err(SessionError::new("the worker's result has a bad count"))
        }
    }

    fn count(&mut self) -> Result<usize, SessionError> {
        self.whole(self.numbers.len())
    }

    fn country(&mut self) -> Result<String, SessionError> {
        let k = self.whole(self.countries.len().saturating_sub(1))?;
        self.countries.get(k).cloned().ok_or_else(|| SessionError::new("the worker's result names no country"))
    }

    fn pair(&mut self) -> Result<PairTrade, SessionError> {
        Ok(PairTrade {
            exporter: self.country()?,
            importer: self.country()?,
            base: self.number()?,
            new: self.number()?,
            change: self.number()?,
            change_pct: self.number()?,
        })
    }
}
