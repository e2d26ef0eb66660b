//! # North American Trade Explorer
//!
//! A calibrated multi-country, multi-sector general-equilibrium trade model of the United States, Canada and
//! Mexico (with China and the rest of the world), with tariffs and input–output links: Caliendo & Parro (2015),
//! solved in changes from an observed 2024 baseline ("exact hat algebra"). The model core is pure Rust and runs
//! natively (the `natx` command-line tool, the tests, the benchmark) and in the browser.
//!
//! ```
//! use na_trade_explorer::{presets, solve, Scenario};
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
//! The model core (no browser, no charts): [`economy`] (data, validation, derived baseline), [`scenario`]
//! (tariff and trade-cost measures), [`solver`] (the equilibrium), [`rebase`](mod@rebase) (raw data made into a
//! consistent baseline, Caliendo & Parro's rule), [`results`] and [`derived`] (what a solve reports), [`presets`]
//! (the embedded 2024 baseline and preset scenarios), [`synthetic`] (random economies for tests and benchmarks),
//! [`error`] (the one error type).

pub mod charts;
pub mod controls;
#[cfg(feature = "own-data")]
pub mod csv_economy;
pub mod derived;
pub mod describe;
pub mod economy;
mod entries;
pub mod error;
pub mod i18n;
pub mod method;
pub mod numbers;
pub mod order;
pub mod presets;
pub mod rebase;
pub mod results;
pub mod scenario;
pub mod scenario_state;
pub mod solver;
pub mod sources;
pub mod summary;
pub mod synthetic;
pub mod timeline;
pub mod uncertainty;
pub mod url_state;

pub use derived::{Derived, Diversion, PairTrade};
pub use economy::{Economy, EconomyFile, Households, ThetaSet};
pub use error::ModelError;
pub use rebase::{rebase, RebaseOptions, RebaseReport, Rebased};
pub use results::Results;
pub use scenario::{IdValues, Measure, Scenario, ScenarioFile};
pub use solver::{solve, solve_with, SolveJob, SolveReport, SolverOptions, StopReason};

#[cfg(target_arch = "wasm32")]
pub mod web;
