//! "Supply chains and jobs": the sectors whose costs rise most because their inputs cross a tariffed border, and
//! the jobs that move between sectors in each North American country (moved, not lost: employment is full).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{diverging_bars, BarRow, Frame};
use super::format::{percent, signed_number};
use super::{short_sector, ChartError, ChartInput, HitMap, Pen, Style};

const NORTH_AMERICA: [&str; 3] = ["USA", "CAN", "MEX"];

/// Draw the supply-chain and jobs panels.
pub fn supply_chains_and_jobs<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: ChartInput<'_>,
    style: &Style,
) -> Result<HitMap, ChartError> {
    let pen = Pen { area, style };
    pen.clear()?;
    let (width, height) = pen.size();
    let top = pen.title(
        "Supply chains and jobs",
        "Where input costs rise most; jobs moved between sectors (they move, they are not lost)",
    )?;
    let economy = input.economy;
    let derived = &input.results.derived;
    let mut countries: Vec<usize> = NORTH_AMERICA.iter().filter_map(|id| economy.country_index(id)).collect();
    if countries.is_empty() {
        countries = (0..economy.n_countries()).collect();
    }
    let mut costs: Vec<(usize, usize, f64)> = countries
        .iter()
        .flat_map(|&n| (0..economy.n_sectors()).map(move |j| (n, j)))
        .map(|(n, j)| (n, j, derived.supply_chain_cost_pct[n][j]))
        .collect();
    // The sectors whose input costs rise most.
    costs.sort_by(|a, b| b.2.total_cmp(&a.2));
    costs.truncate(8);
    let cost_rows: Vec<BarRow> = costs
        .iter()
        .map(|&(n, j, pct)| BarRow {
            label: format!("{} · {}", economy.countries()[n], short_sector(economy, j)),
            value: pct,
            value_text: percent(pct, 2),
            hover: format!(
                "{}, {}: cost of inputs {} (sector price {})",
                economy.country_names()[n],
                economy.sector_names()[j],
                percent(pct, 3),
                percent(derived.sector_price_pct[n][j], 3)
            ),
        })
        .collect();
    let mut job_rows = Vec::new();
    let (jobs, unit, heading) = match &derived.jobs_moved_thousands {
        Some(jobs) => (jobs.clone(), "thousand jobs", "Jobs moved (thousands)"),
        None => (derived.employment_change_pct.clone(), "% employment", "Employment change (%)"),
    };
    for &n in &countries {
        let mut by_sector: Vec<(usize, f64)> = jobs[n].iter().copied().enumerate().collect();
        by_sector.sort_by(|a, b| b.1.total_cmp(&a.1));
        let picks: Vec<(usize, f64)> =
            by_sector.iter().take(2).chain(by_sector.iter().rev().take(2).rev()).copied().collect();
        for (j, value) in picks {
            job_rows.push(BarRow {
                label: format!("{} · {}", economy.countries()[n], short_sector(economy, j)),
                value,
                value_text: signed_number(value, 1),
                hover: format!(
                    "{}, {}: {} {} ({} of the sector's employment)",
                    economy.country_names()[n],
                    economy.sector_names()[j],
                    signed_number(value, 2),
                    unit,
                    percent(derived.employment_change_pct[n][j], 2)
                ),
            });
        }
    }
    let mut hits = Vec::new();
    let margin = style.px(12.0);
    if f64::from(width) >= 700.0 * style.scale {
        let mid = width / 2;
        diverging_bars(
            &pen,
            Frame { x0: margin, y0: top, x1: mid - margin, y1: height - margin },
            "Input costs (%)",
            &cost_rows,
            &mut hits,
        )?;
        diverging_bars(
            &pen,
            Frame { x0: mid + margin, y0: top, x1: width - margin, y1: height - margin },
            heading,
            &job_rows,
            &mut hits,
        )?;
    } else {
        let mid = top + (height - top) * 2 / 5;
        diverging_bars(
            &pen,
            Frame { x0: margin, y0: top, x1: width - margin, y1: mid },
            "Input costs (%)",
            &cost_rows,
            &mut hits,
        )?;
        diverging_bars(
            &pen,
            Frame { x0: margin, y0: mid, x1: width - margin, y1: height - margin },
            heading,
            &job_rows,
            &mut hits,
        )?;
    }
    Ok(HitMap { hits })
}
