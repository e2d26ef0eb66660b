//! Small helpers shared by every layer: number reading and writing without `format!` float code, index sorts,
//! JSON objects as key–value lists, the one bounded quoting of input in messages, and the random-number generator.

pub(crate) mod entries;
pub mod numbers;
pub(crate) mod numerics;
pub mod order;
pub mod quote;
pub mod random;
