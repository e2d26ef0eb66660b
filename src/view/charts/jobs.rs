//! "Supply chains and jobs": the sectors whose costs rise most because their inputs cross a tariffed border, and
//! the jobs that move between sectors in each North American country (moved, not lost: employment is full).

use plotters::prelude::*;

use super::bars::{two_panels, BarRow, Scale};
use super::{ChartError, ChartInput, HitMap, Pen};

use crate::view::NORTH_AMERICA;

/// Draw the supply-chain and jobs panels.
pub(crate) fn supply_chains_and_jobs<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    input: ChartInput<'_>,
    top: i32,
) -> Result<HitMap, ChartError> {
    let text = input.text;
    let economy = input.economy;
    let derived = &input.results.derived;
    let mut countries: Vec<usize> = NORTH_AMERICA.iter().filter_map(|id| economy.country_index(id)).collect();
    if countries.len() != 3 {
        countries = (0..economy.n_countries().min(4)).collect();
    }
    let mut costs: Vec<(usize, usize, f64)> = countries
        .iter()
        .flat_map(|&n| (0..economy.n_sectors()).map(move |j| (n, j)))
        .map(|(n, j)| (n, j, derived.supply_chain_cost_pct[n][j]))
        .collect();
    // The sectors whose input costs rise most.
    crate::util::order::sort_desc(&mut costs, |c| c.2);
    costs.truncate(8);
    let cost_rows: Vec<BarRow> = costs
        .iter()
        .map(|&(n, j, pct)| BarRow {
            label: format!("{} · {}", input.country_short(n), input.sector_short(j)),
            value: pct,
            value_text: text.percent(pct, 2),
            hover: text.fill(
                "chart.supply.hover_cost",
                &[
                    ("country", &input.country(n)),
                    ("sector", &input.sector(j)),
                    ("value", &text.percent(pct, 3)),
                    ("price", &text.percent(derived.sector_price_pct[n][j], 3)),
                ],
            ),
            range: None,
            short_text: None,
        })
        .collect();
    let mut job_rows = Vec::new();
    let has_jobs = derived.jobs_moved_thousands.is_some();
    let values = derived.jobs_moved_thousands.clone().unwrap_or_else(|| derived.employment_change_pct.clone());
    for &n in &countries {
        let mut by_sector: Vec<(usize, f64)> = values[n].iter().copied().enumerate().collect();
        crate::util::order::sort_desc(&mut by_sector, |s| s.1);
        // The two largest rises and the two largest falls; an economy with fewer than four sectors lists each once.
        let mut picks: Vec<(usize, f64)> = Vec::new();
        for pick in by_sector.iter().take(2).chain(by_sector.iter().rev().take(2).rev()) {
            if !picks.iter().any(|p| p.0 == pick.0) {
                picks.push(*pick);
            }
        }
        for (j, value) in picks {
            let pct = text.percent(derived.employment_change_pct[n][j], 2);
            job_rows.push(BarRow {
                label: format!("{} · {}", input.country_short(n), input.sector_short(j)),
                value,
                value_text: if has_jobs { text.signed(value, 1) } else { text.percent(value, 2) },
                hover: if has_jobs {
                    text.fill(
                        "chart.supply.hover_jobs",
                        &[
                            ("country", &input.country(n)),
                            ("sector", &input.sector(j)),
                            ("value", &text.signed(value, 2)),
                            ("pct", &pct),
                        ],
                    )
                } else {
                    text.fill(
                        "chart.supply.hover_employment",
                        &[("country", &input.country(n)), ("sector", &input.sector(j)), ("pct", &pct)],
                    )
                },
                range: None,
                short_text: None,
            });
        }
    }
    let jobs_heading =
        if has_jobs { text.get("chart.supply.panel_jobs") } else { text.get("chart.supply.panel_employment") };
    let hits = two_panels(
        pen,
        top,
        700.0,
        0.4,
        (text.get("chart.supply.panel_costs"), &cost_rows),
        (jobs_heading, &job_rows),
        Scale::Own,
    )?;
    Ok(HitMap { hits })
}
