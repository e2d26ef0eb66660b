//! The app a page drives: the session (state and transitions), the reader's controls and how they become measures
//! on top of a preset, the state in a link, the tariff table and the story. Plain Rust, unit-tested natively,
//! driven by the browser module.

pub mod cells;
pub mod compare;
pub mod controls;
pub mod handover;
#[cfg(feature = "own-data")]
pub mod loading;
pub mod scenario_state;
pub mod session;
pub mod story;
pub mod url_state;
#[cfg(feature = "own-data")]
pub mod workbench;
