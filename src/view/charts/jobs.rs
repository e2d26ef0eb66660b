//! "Supply chains and jobs": the sectors whose costs rise most because their inputs cross a tariffed border, and
//! the jobs that move between sectors in each North American country (moved, not lost: employment is full). Its
//! description names the three largest of each; its table lists every sector of each country.

use plotters::prelude::*;

use super::bars::{two_panels, BarRow, Scale};
use super::{ChartError, ChartInput, HitMap, Pen};
use crate::view::table::Table;

/// Draw the supply-chain and jobs panels.
pub(super) fn draw<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    input: ChartInput<'_>,
    top: i32,
) -> Result<HitMap, ChartError> {
    let text = input.text;
    let economy = input.economy;
    let derived = &input.results.derived;
    // The picture has room for four countries at most.
    let countries = input.north_america().unwrap_or_else(|| (0..economy.n_countries().min(4)).collect());
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
            compact_label: Some(format!(
                "{} · {}",
                input.country_code_by_id(&economy.countries()[n]),
                input.sector_short(j)
            )),
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
                compact_label: Some(format!(
                    "{} · {}",
                    input.country_code_by_id(&economy.countries()[n]),
                    input.sector_short(j)
                )),
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
        super::ChartId::Supply.layout().side_by_side_from,
        0.4,
        (text.get("chart.supply.panel_costs").into(), &cost_rows),
        (jobs_heading.into(), &job_rows),
        Scale::Own,
    )?;
    Ok(HitMap { hits })
}

/// Every (country, sector) of the North American three (of every country without them), with `value`.
fn by_country_and_sector(input: &ChartInput<'_>, value: impl Fn(usize, usize) -> f64) -> Vec<(usize, usize, f64)> {
    let n_sectors = input.economy.n_sectors();
    input
        .north_america_or_all()
        .into_iter()
        .flat_map(|n| (0..n_sectors).map(move |j| (n, j)))
        .map(|(n, j)| (n, j, value(n, j)))
        .collect()
}

/// The three largest rises in input costs and the three largest job moves (or employment changes).
pub(super) fn describe(input: &ChartInput<'_>) -> String {
    let text = input.text;
    let derived = &input.results.derived;
    let three = |cells: &[(usize, usize, f64)], format: &dyn Fn(f64) -> String| -> String {
        let items: Vec<String> = cells
            .iter()
            .take(3)
            .map(|&(n, j, v)| format!("{} · {} {}", input.country(n), input.sector_short(j), format(v)))
            .collect();
        items.join(", ")
    };
    let mut costs = by_country_and_sector(input, |n, j| derived.supply_chain_cost_pct[n][j]);
    crate::util::order::sort_desc(&mut costs, |c| c.2);
    // Jobs moved (thousands) where the economy gives employment by sector; otherwise the employment change in
    // percent, named as such, so that the sentence never shows a number the table leaves blank.
    let (key, jobs_source, format): (&str, _, &dyn Fn(f64) -> String) = match derived.jobs_moved_thousands.as_ref() {
        Some(jobs) => ("desc.supply", jobs, &|v| text.signed(v, 1)),
        None => ("desc.supply_employment", &derived.employment_change_pct, &|v| text.percent(v, 2)),
    };
    let mut jobs = by_country_and_sector(input, |n, j| jobs_source[n][j]);
    crate::util::order::sort_desc(&mut jobs, |c| c.2.abs());
    text.fill(key, &[("costs", &three(&costs, &|v| text.percent(v, 2))), ("jobs", &three(&jobs, format))])
}

/// Every sector of each country: input costs, jobs moved (where the economy gives employment by sector; the
/// column is left out otherwise rather than filled with dashes) and employment change.
pub(super) fn table(input: &ChartInput<'_>, caption: String) -> Table {
    let text = input.text;
    let derived = &input.results.derived;
    let jobs = derived.jobs_moved_thousands.as_ref();
    let rows = by_country_and_sector(input, |n, j| derived.supply_chain_cost_pct[n][j])
        .into_iter()
        .map(|(n, j, cost)| {
            let mut row = vec![input.country(n), input.sector(j), text.percent(cost, 3)];
            if let Some(jobs) = jobs {
                row.push(text.signed(jobs[n][j], 1));
            }
            row.push(text.percent(derived.employment_change_pct[n][j], 2));
            row
        })
        .collect();
    let h = |key: &str| text.get(key).to_string();
    let mut headers = vec![h("table.country"), h("table.sector"), h("table.input_costs")];
    if jobs.is_some() {
        headers.push(h("table.jobs"));
    }
    headers.push(h("table.employment"));
    Table { caption, headers, rows }
}
