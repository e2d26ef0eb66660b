//! The model core: the economy and its validation, scenarios, the equilibrium solver, results and what readers see
//! derived from them, the rebase of raw data and the uncertainty draws. It imports nothing from the browser, the
//! charts or the presentation layer (`tests/tidy.rs` checks it).

pub mod derived;
pub mod distribution;
pub mod economy;
pub mod error;
pub mod ids;
pub mod labour;
pub mod rebase;
pub mod report;
pub mod results;
pub mod scenario;
pub mod solver;
pub mod uncertainty;
