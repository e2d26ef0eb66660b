//! The solver's settings and its unit of work.

use crate::model::labour::LabourClosure;

/// Settings of the solver.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolverOptions {
    /// Largest relative residual accepted on the wage condition, the price fixed point and the spending system.
    pub tolerance: f64,
    /// Cap on outer (wage) iterations.
    pub max_iterations: usize,
    /// Cap on inner iterations per outer iteration (price loop and spending loop each).
    pub max_inner_iterations: usize,
    /// Cap on the total work of one solve, in cells: every price or spending pass over the economy costs
    /// [`work_per_pass`] (about `J N² + N J²`). A solve that reaches it stops with [`StopReason::WorkLimit`].
    pub max_work: u64,
    /// The labour market's closure (`docs/model.md`, "The first year: sticky wages"); `None`: the one that goes
    /// with the horizon of the economy's elasticities ([`LabourClosure::for_horizon`]: sticky wages for the
    /// one-year set, flexible otherwise).
    pub labour: Option<LabourClosure>,
}

/// The default total work of one solve, in cells (passes × [`work_per_pass`]): about 10 s natively (2 ns a cell),
/// whatever the size of the economy. A 25% tariff on a random 140 × 65 economy needs about 8% of it (210 passes of
/// 1.9 million cells), the Caliendo–Parro NAFTA experiment under 1%, a 20 × 10 economy with value-added shares at
/// the 0.001 floor about 4%.
pub const DEFAULT_MAX_WORK: u64 = 5_000_000_000;

impl Default for SolverOptions {
    fn default() -> Self {
        SolverOptions {
            tolerance: 1e-11,
            max_iterations: 5_000,
            max_inner_iterations: 10_000,
            max_work: DEFAULT_MAX_WORK,
            labour: None,
        }
    }
}

/// The work of one price or spending pass over an economy, in cells: `J N² + N J² + N J`.
pub fn work_per_pass(n_countries: usize, n_sectors: usize) -> u64 {
    let (nc, ns) = (n_countries as u64, n_sectors as u64);
    ns * nc * nc + nc * ns * ns + nc * ns
}
