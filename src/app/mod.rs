//! The app state a page drives: the reader's controls and how they become measures on top of a preset, and the
//! state in a link. Plain Rust, unit-tested natively, driven by the browser module.

pub mod cells;
pub mod compare;
pub mod controls;
pub mod scenario_state;
pub mod url_state;
