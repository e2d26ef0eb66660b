//! The reader's controls and how they become measures on top of a preset: plain Rust, unit-tested, driven by the
//! browser module.

pub mod controls;
