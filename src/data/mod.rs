//! Data the model runs on: the embedded 2024 baseline and presets, the timeline of events, the CSV long format
//! and random economies for tests and benchmarks. Depends on the model only.

#[cfg(feature = "own-data")]
pub mod csv_economy;
mod decimal;
mod embedded;
pub mod files;
pub mod presets;
pub mod synthetic;
pub mod timeline;
