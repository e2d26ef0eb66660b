//! What the page's Web Worker (`www/worker.js`) hands back to the page's explorer: the long work (loading a
//! reader's economy or scenario file, the uncertainty ranges) runs in the worker's own `Explorer`, and the page's
//! `Explorer` installs the outcome without solving again.
//!
//! The handover is exact and quick: a loaded state travels as a JavaScript object (`serde_wasm_bindgen`: every
//! `f64` is a JavaScript number, copied bit for bit by `postMessage`) without its large arrays, which travel as one
//! `Float64Array` (a copy, not 300,000 calls across the boundary); the ranges as one `Float64Array` too. The page rebuilds
//! the economy from the worker's (validated, possibly rebased) economy file with `Economy::from_file`, the same
//! deterministic function the worker used, so its derived quantities are the worker's too.

#[cfg(feature = "own-data")]
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::Explorer;
use crate::model::uncertainty::{Range, Ranges};

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
struct Loaded {
    economy: Option<EconomyFile>,
    results: Results,
    rebase_note: Option<String>,
}

/// Numbers before the ranges themselves in [`Explorer::ranges_flat`].
const RANGES_HEADER: usize = 9;

#[wasm_bindgen]
impl Explorer {
    /// In the worker, after `finish_pending`: the state to hand to the page's explorer (`with_economy`: after an
    /// economy file, which the page then installs with [`Explorer::install_economy`]; otherwise after a scenario
    /// file, installed with [`Explorer::install_scenario`]), without its large arrays, which
    /// [`Explorer::loaded_numbers`] gives.
    #[cfg(feature = "own-data")]
    pub fn loaded_state(&self, with_economy: bool) -> Result<JsValue, JsError> {
        let mut loaded = Loaded {
            economy: with_economy.then(|| self.economy.file().clone()),
            results: self.results.clone(),
            rebase_note: self.rebase_note.clone(),
        };
        for cube in large_arrays(&mut loaded) {
            cube.clear();
        }
        loaded
            .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The large arrays of [`Explorer::loaded_state`], one after the other.
    #[cfg(feature = "own-data")]
    pub fn loaded_numbers(&self, with_economy: bool) -> Vec<f64> {
        let mut loaded = Loaded {
            economy: with_economy.then(|| self.economy.file().clone()),
            results: self.results.clone(),
            rebase_note: None,
        };
        large_arrays(&mut loaded)
            .into_iter()
            .flat_map(|cube| std::mem::take(cube).into_iter().flatten().flatten())
            .collect()
    }

    /// Install an economy file loaded and solved by the worker (see [`Explorer::loaded_state`]): what
    /// `finish_pending` does after `begin_economy`, without the solve.
    #[cfg(feature = "own-data")]
    pub fn install_economy(&mut self, state: JsValue, numbers: Vec<f64>, file_name: &str) -> Result<(), JsError> {
        let loaded = Self::loaded(state, &numbers)?;
        let file = loaded.economy.ok_or_else(|| JsError::new("the worker sent no economy"))?;
        let economy = Economy::from_file(file)?;
        Self::check_shape(&economy, &loaded.results)?;
        let name: String = file_name.chars().take(80).collect();
        let file = ScenarioFile { name: name.clone(), description: String::new(), ..ScenarioFile::baseline() };
        let state = ScenarioState::custom(file, &economy)?;
        self.cancel_pending();
        self.custom_name = Some(name);
        self.rebase_note = loaded.rebase_note;
        self.baseline = economy.clone();
        self.elasticities = "default".into();
        self.state = state;
        let scenario = Scenario::baseline(&economy);
        self.economy = economy;
        self.set_result(scenario, loaded.results);
        Ok(())
    }

    /// Install a scenario file solved by the worker against the economy in use (the worker's economy is the
    /// same: the page sends its state with the request): the file is read again here (it is small), the solve
    /// is the worker's.
    #[cfg(feature = "own-data")]
    pub fn install_scenario(
        &mut self,
        state: JsValue,
        numbers: Vec<f64>,
        text: &str,
        file_name: &str,
    ) -> Result<(), JsError> {
        let loaded = Self::loaded(state, &numbers)?;
        let wrap = |e: crate::ModelError| {
            JsError::new(&self.text.fill("ui.file_problems", &[("file", file_name), ("message", &e.to_string())]))
        };
        let file = ScenarioFile::from_json(text).map_err(wrap)?;
        let scenario = Scenario::build(&file, &self.economy).map_err(wrap)?;
        Self::check_shape(&self.economy, &loaded.results)?;
        self.cancel_pending();
        self.state = ScenarioState::custom(file, &self.economy)?;
        self.set_result(scenario, loaded.results);
        Ok(())
    }

    /// The uncertainty ranges of the current result as numbers (empty without them), for
    /// [`Explorer::adopt_ranges`]: `[welfare count, prices count, revenue count, pairs count, draws solved, draws
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
    /// note then says why (as after a failure of [`Explorer::compute_ranges`]). Ignored when the state changed.
    pub fn adopt_ranges_failure(&mut self, query: &str, message: &str) -> bool {
        if self.ranges.is_some() || query != self.url_query() {
            return false;
        }
        self.ranges_error = Some(message.to_string());
        self.ranges_job = None;
        true
    }

    /// For the page's tests only: panic on purpose, to check that a panic in the worker is reported and the
    /// worker restarted (the worker calls it on a debug message; nothing in the page does).
    pub fn debug_panic() {
        panic!("debug_panic: a panic asked for by a test");
    }
}

#[cfg(feature = "own-data")]
impl Explorer {
    fn loaded(state: JsValue, numbers: &[f64]) -> Result<Loaded, JsError> {
        let mut loaded: Loaded =
            serde_wasm_bindgen::from_value(state).map_err(|e| JsError::new(&format!("the worker's result: {e}")))?;
        let (nc, ns) = (loaded.results.countries.len(), loaded.results.sectors.len());
        let mut at = 0;
        let economy = loaded.economy.is_some();
        for (k, cube) in large_arrays(&mut loaded).into_iter().enumerate() {
            // `[J][N][N]`, except the input shares `[N][J][J]` (the last of the economy's).
            let (a, b, c) = if economy && k == 2 { (nc, ns, ns) } else { (ns, nc, nc) };
            let size = a * b * c;
            let part = numbers.get(at..at + size).ok_or_else(|| JsError::new("the worker's result is cut short"))?;
            *cube = part.chunks(b * c).map(|m| m.chunks(c).map(<[f64]>::to_vec).collect()).collect();
            at += size;
        }
        if at != numbers.len() {
            return Err(JsError::new("the worker's result has numbers left over"));
        }
        Ok(loaded)
    }

    fn check_shape(economy: &Economy, results: &Results) -> Result<(), JsError> {
        if results.countries != economy.countries() || results.sectors != economy.sectors() {
            return Err(JsError::new("the worker's result is for another economy"));
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
    cubes.extend([
        &mut results.pi_new,
        &mut results.X_new,
        &mut results.derived.trade_base,
        &mut results.derived.trade_new,
    ]);
    cubes
}
