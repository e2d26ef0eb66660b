//! Synthetic economies for tests and benchmarks: random but valid economy files of any size, built from a seed.
//!
//! The generator is a hand-written SplitMix64 so that a seed gives the same economy on every platform and with
//! every dependency version (the `rand` crate does not promise stable streams across versions), and so that the
//! model core needs no random-number dependency in the browser build.

use crate::model::economy::{Economy, EconomyFile};
use crate::model::error::ModelError;
use crate::model::scenario::ScenarioFile;

pub use crate::util::random::SplitMix64;

/// A random valid economy file with `n_countries` countries and `n_sectors` sectors.
///
/// Countries differ in size by a factor of up to 20; every country buys from itself and from every other
/// country; tariffs are 0–15%; elasticities 2–10; value-added shares 0.35–0.7; final demand is kept positive
/// by raising domestic purchases where inputs would otherwise exceed absorption.
pub fn random_economy_file(n_countries: usize, n_sectors: usize, seed: u64) -> EconomyFile {
    let mut rng = SplitMix64::new(seed);
    let (nc, ns) = (n_countries, n_sectors);
    let size: Vec<f64> = (0..nc).map(|_| rng.uniform(0.0, 3.0).exp()).collect();
    let total_size: f64 = size.iter().sum();
    let weight: Vec<f64> = (0..ns).map(|_| rng.uniform(0.5, 1.5)).collect();
    let theta: Vec<f64> = (0..ns).map(|_| rng.uniform(2.0, 10.0)).collect();
    let mut gamma_va = vec![vec![0.0; ns]; nc];
    let mut gamma_io = vec![vec![vec![0.0; ns]; ns]; nc];
    for n in 0..nc {
        for j in 0..ns {
            let va = rng.uniform(0.35, 0.7);
            let raw: Vec<f64> = (0..ns).map(|_| rng.unit().powi(2) + 1e-3).collect();
            let raw_sum: f64 = raw.iter().sum();
            let mut inputs = 0.0;
            for k in 0..ns {
                gamma_io[n][k][j] = (1.0 - va) * raw[k] / raw_sum;
                inputs += gamma_io[n][k][j];
            }
            // The value-added share is the residual so that shares add up to 1 to rounding.
            gamma_va[n][j] = 1.0 - inputs;
        }
    }
    let mut x = vec![vec![vec![0.0; nc]; nc]; ns];
    let mut tau = vec![vec![vec![0.0; nc]; nc]; ns];
    for j in 0..ns {
        for n in 0..nc {
            for i in 0..nc {
                if n == i {
                    x[j][n][n] = weight[j] * size[n] * rng.uniform(1.5, 3.0);
                } else {
                    x[j][n][i] = weight[j] * size[n] * size[i] / total_size * rng.uniform(0.05, 0.5);
                    tau[j][n][i] = rng.uniform(0.0, 0.15);
                }
            }
        }
    }
    // Raise domestic purchases until final demand is at least 10% of absorption everywhere.
    for _ in 0..200 {
        let mut output = vec![vec![0.0; ns]; nc];
        for j in 0..ns {
            for n in 0..nc {
                for i in 0..nc {
                    output[i][j] += x[j][n][i] / (1.0 + tau[j][n][i]);
                }
            }
        }
        let mut raised = false;
        for n in 0..nc {
            for j in 0..ns {
                let absorption: f64 = x[j][n].iter().sum();
                let intermediate: f64 = (0..ns).map(|k| gamma_io[n][j][k] * output[n][k]).sum();
                let shortfall = intermediate - 0.9 * absorption;
                if shortfall > 0.0 {
                    x[j][n][n] += shortfall / 0.9 + 1e-9;
                    raised = true;
                }
            }
        }
        if !raised {
            break;
        }
    }
    EconomyFile {
        countries: (0..nc).map(|n| format!("C{n:03}")).collect(),
        sectors: (0..ns).map(|j| format!("S{j:02}")).collect(),
        X: x,
        tau,
        theta,
        gamma_va,
        gamma_io,
        name: Some(format!("Random economy {nc}×{ns}, seed {seed}")),
        description: None,
        year: None,
        units: None,
        ..Default::default()
    }
}

/// The same economy with its numbers rounded for a compact file: flows to 6 significant digits, tariffs and
/// elasticities to 4 decimals, input shares to 6 decimals with the value-added share recomputed as the residual.
/// (Raising flows never lowers final demand below zero here, because the generator keeps it above 10% of
/// absorption, far more than the rounding moves.)
pub fn rounded(mut file: EconomyFile) -> EconomyFile {
    let significant = |v: f64| if v == 0.0 { 0.0 } else { format!("{v:.5e}").parse().unwrap_or(v) };
    let decimals = |v: f64, d: i32| (v * 10f64.powi(d)).round() / 10f64.powi(d);
    file.X.iter_mut().flatten().flatten().for_each(|v| *v = significant(*v));
    file.tau.iter_mut().flatten().flatten().for_each(|v| *v = decimals(*v, 4));
    file.theta.iter_mut().for_each(|v| *v = decimals(*v, 4));
    let ns = file.sectors.len();
    for n in 0..file.countries.len() {
        for j in 0..ns {
            let mut inputs = 0.0;
            for k in 0..ns {
                file.gamma_io[n][k][j] = decimals(file.gamma_io[n][k][j], 6);
                inputs += file.gamma_io[n][k][j];
            }
            file.gamma_va[n][j] = 1.0 - inputs;
        }
    }
    file
}

/// A random valid economy (see [`random_economy_file`]).
pub fn random_economy(n_countries: usize, n_sectors: usize, seed: u64) -> Result<Economy, ModelError> {
    Economy::from_file(random_economy_file(n_countries, n_sectors, seed))
}

/// A random scenario for an economy of the given size: every international tariff redrawn in
/// `[0, max_tariff]` and every international trade cost scaled by a factor in `[1 − cost_swing, 1 + cost_swing]`.
pub fn random_scenario_file(
    n_countries: usize,
    n_sectors: usize,
    seed: u64,
    max_tariff: f64,
    cost_swing: f64,
) -> ScenarioFile {
    let mut rng = SplitMix64::new(seed ^ 0x5CE7_A210);
    let mut tau_new = vec![vec![vec![0.0; n_countries]; n_countries]; n_sectors];
    let mut dhat = vec![vec![vec![1.0; n_countries]; n_countries]; n_sectors];
    for j in 0..n_sectors {
        for n in 0..n_countries {
            for i in 0..n_countries {
                if n != i {
                    tau_new[j][n][i] = rng.uniform(0.0, max_tariff);
                    dhat[j][n][i] = rng.uniform(1.0 - cost_swing, 1.0 + cost_swing);
                }
            }
        }
    }
    ScenarioFile {
        name: format!("Random scenario, seed {seed}"),
        description: "Random tariffs and trade costs.".into(),
        tau_new: Some(tau_new),
        dhat: Some(dhat),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_economy_and_every_seed_is_valid() {
        assert_eq!(random_economy_file(4, 3, 1), random_economy_file(4, 3, 1));
        assert_ne!(random_economy_file(4, 3, 1), random_economy_file(4, 3, 2));
        for seed in 0..20 {
            random_economy(3 + (seed as usize % 5), 1 + (seed as usize % 7), seed).expect("valid by construction");
        }
    }

    #[test]
    fn rounded_economies_stay_valid() {
        for seed in 0..5 {
            Economy::from_file(rounded(random_economy_file(6, 4, seed))).expect("still valid after rounding");
        }
    }

    #[test]
    fn unit_draws_stay_in_range() {
        let mut rng = SplitMix64::new(5);
        for _ in 0..10_000 {
            let u = rng.unit();
            assert!((0.0..1.0).contains(&u));
        }
    }
}
