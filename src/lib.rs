//! # North American Trade Explorer
//!
//! A calibrated multi-country, multi-sector general-equilibrium trade model of the United States, Canada and
//! Mexico (with China and the rest of the world), with tariffs and input–output links: Caliendo & Parro (2015),
//! solved in changes from an observed 2024 baseline ("exact hat algebra"). The model core is pure Rust and runs
//! natively (the `natx` command-line tool, the tests, the benchmark) and in the browser.
//!
//! ```
//! use na_trade_explorer::{data::presets, solve, Scenario};
//!
//! let economy = presets::north_america_2024()?;
//! let file = presets::preset("us-tariffs-2025")?;
//! let scenario = Scenario::build(&file, &economy)?;
//! let results = solve(&economy, &scenario)?;
//! let usa = economy.country_index("USA").unwrap();
//! println!("US welfare change: {:.2}%", results.welfare_pct[usa]);
//! assert!(results.P_cpi_hat[usa] > 1.0); // tariffs raise US consumer prices
//! # Ok::<(), na_trade_explorer::ModelError>(())
//! ```
//!
//! ## Conventions
//!
//! - **Indices.** `n` is the importer (destination), `i` the exporter (source), `j` and `k` sectors.
//!   Bilateral arrays are `[sector j][importer n][exporter i]`; input shares `gamma_io` are
//!   `[country n][input sector k][using sector j]`; country–sector arrays are `[n][j]`.
//! - **Tariffs** are ad-valorem rates: `0.25` means 25%. Applied rates of the presets are statutory rates times
//!   the share of trade that does not claim USMCA (`data/README.md`).
//! - **Hats.** A "hat" is new value divided by baseline value: `w_hat = 1.02` means wages 2% higher.
//! - **Money** is in the economy's units: billions of US dollars of 2024 for the built-in baseline; flows `X` are
//!   at importer prices including the tariff, trade in [`Derived`] at producer prices.
//! - **Numeraire.** World value added is fixed; deficits stay fixed in those units; tariff revenue is rebated to
//!   the importing country's households.
//!
//! ## Map
//!
//! The crate is in layers, each a folder; imports point one way (browser → app → view → data → model → util), and
//! `tests/tidy.rs` checks it (ARCHITECTURE.md has the picture):
//!
//! - [`model`]: the economic core — [`model::economy`] (data, validation, derived baseline), [`model::scenario`]
//!   (tariff and trade-cost measures), [`model::solver`] (the equilibrium), [`model::results`] and
//!   [`model::derived`] (what a solve reports), [`model::distribution`] (who pays, by income), [`model::rebase`]
//!   (raw data made consistent, Caliendo & Parro's rule), [`model::uncertainty`] (ranges), [`model::error`] (the
//!   one error type). No browser, no charts, no presentation.
//! - [`data`]: [`data::presets`] (the embedded 2024 baseline and preset scenarios), [`data::timeline`], the CSV long
//!   format, [`data::synthetic`] (random economies for tests and benchmarks).
//! - [`view`]: [`view::charts`] (each chart's drawing, description and table), [`view::table`],
//!   [`view::results_csv`], [`view::summary`], [`view::method`], [`view::i18n`].
//! - [`app`]: [`app::controls`] (the reader's levers) and [`app::url_state`] (the state in a link).
//! - [`util`]: [`util::numbers`], [`util::order`], [`util::quote`] (input quoted in messages, bounded), the
//!   random-number generator.
//! - `web` (wasm32 only): the browser module, the only code that knows the DOM.
//!
//! Each module has one path, through its layer (`na_trade_explorer::data::presets`); the crate root re-exports only
//! a short list of the library's main items below (issue 26: `tests/tidy.rs` rejects any other root re-export and
//! any `crate::` path inside the crate that skips the layer).

pub mod app;
pub mod data;
pub mod model;
pub mod util;
pub mod view;

pub use model::derived::{Derived, Diversion, PairTrade};
pub use model::distribution::{CostByDecile, DecileCost};
pub use model::economy::{Economy, EconomyFile, Households, ThetaSet};
pub use model::error::ModelError;
pub use model::ids::IdValues;
pub use model::rebase::{rebase, RebaseOptions, RebaseReport, Rebased};
pub use model::report::{SolveReport, StopReason};
pub use model::results::Results;
pub use model::scenario::{Measure, Scenario, ScenarioFile};
pub use model::solver::{solve, Solve, SolveJob, SolverOptions};

#[cfg(target_arch = "wasm32")]
pub mod web;
