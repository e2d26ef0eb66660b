//! Scenario A against scenario B (issue 25): the headline figures of each at both horizons and B minus A, one row
//! per country. `natx compare` and the page's comparison table both read them from here.

use serde::Serialize;

use crate::model::economy::Economy;
use crate::model::results::Results;

/// The headline figures of one result for one country.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Figures {
    /// Real GDP, percent change (value added deflated by consumer prices; in the first year with the employment
    /// change: `docs/model.md`).
    pub real_gdp_pct: f64,
    /// Jobs, thousands (first year: employment change; long run: 0 by construction, full employment).
    pub jobs_thousands: f64,
    /// Real income with tariff revenue returned to households, percent change.
    pub real_income_pct: f64,
}

impl Figures {
    /// The figures of `results` for country `n`.
    pub fn of(results: &Results, n: usize) -> Self {
        let jobs = results.derived.jobs_moved_thousands.as_ref().map_or(0.0, |j| j[n].iter().sum::<f64>());
        Figures {
            real_gdp_pct: results.derived.real_gdp_pct[n],
            jobs_thousands: jobs,
            real_income_pct: results.welfare_pct[n],
        }
    }

    /// `self − other`, figure by figure.
    pub fn minus(&self, other: &Figures) -> Figures {
        Figures {
            real_gdp_pct: self.real_gdp_pct - other.real_gdp_pct,
            jobs_thousands: self.jobs_thousands - other.jobs_thousands,
            real_income_pct: self.real_income_pct - other.real_income_pct,
        }
    }
}

/// A scenario solved at both horizons.
#[derive(Debug, Clone, Copy)]
pub struct BothHorizons<'a> {
    /// The first-year result (one-year elasticities, sticky wages).
    pub first_year: &'a Results,
    /// The long-run result.
    pub long_run: &'a Results,
}

/// One country's row: A, B and B − A at each horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareRow {
    /// Country index in the economy.
    pub country: usize,
    /// Country id.
    pub id: String,
    /// First year: `[A, B, B − A]`.
    pub first_year: [Figures; 3],
    /// Long run: `[A, B, B − A]`.
    pub long_run: [Figures; 3],
}

/// Every country's row.
pub fn compare(economy: &Economy, a: BothHorizons<'_>, b: BothHorizons<'_>) -> Vec<CompareRow> {
    (0..economy.n_countries())
        .map(|n| {
            let side = |x: &Results, y: &Results| {
                let (fa, fb) = (Figures::of(x, n), Figures::of(y, n));
                [fa, fb, fb.minus(&fa)]
            };
            CompareRow {
                country: n,
                id: economy.countries()[n].clone(),
                first_year: side(a.first_year, b.first_year),
                long_run: side(a.long_run, b.long_run),
            }
        })
        .collect()
}
