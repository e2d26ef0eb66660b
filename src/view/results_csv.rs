//! The scenario's full results as CSV, for download: plain numbers at full precision (not formatted for a
//! language), one section per table, with a header naming the scenario and the elasticities.

use crate::util::numbers::shortest;
use crate::view::charts::ChartInput;

/// One CSV line of quoted cells.
fn line(cells: &[impl AsRef<str>]) -> String {
    cells.iter().map(|c| csv_cell(c.as_ref())).collect::<Vec<_>>().join(",") + "\n"
}

fn csv_cell(value: &str) -> String {
    // Quote every cell; double inner quotes; neutralise spreadsheet formulas from user-supplied names.
    let safe = if value.starts_with(['=', '+', '-', '@']) && crate::util::numbers::parse_decimal(value).is_none() {
        format!("'{value}")
    } else {
        value.to_string()
    };
    format!("\"{}\"", safe.replace('"', "\"\""))
}

/// The scenario's full results as CSV (plain numbers, full precision, one section per table), with a header
/// naming the scenario and the elasticities.
pub fn results_csv(input: &ChartInput<'_>, scenario: &str, elasticities: &str) -> String {
    let results = input.results;
    let derived = &results.derived;
    let economy = input.economy;
    let mut out = String::new();
    out += &line(&["scenario", scenario]);
    out += &line(&["elasticities", elasticities]);
    out += &line(&["units", economy.file().units.as_deref().unwrap_or_default()]);
    out += &line(&["horizon", economy.horizon().unwrap_or("not stated")]);
    out += &line(&["labour", results.labour.as_str()]);
    out += &line(&[
        "definitions",
        "consumer_price_pct: consumer prices against the country's own average wage, 100*(P_cpi_hat/w_hat-1); \
         consumer_cost_per_household: equivalent variation of the welfare change per household, tariff revenue \
         returned, single units of money (a cost is positive); consumer_price_cost_per_household: price-only cost \
         before revenue is returned; consumer_price_vs_world_pct: consumer prices against world value added (the \
         model's numeraire); w_hat: wages against world value added; supply_chain_cost_pct: input costs against the \
         country's own average wage; real_gdp_pct: value added (wages times employment) deflated by consumer prices, the \
         headline; employment_change_pct and jobs_moved_thousands: job-equivalents at the country's average wage, \
         adding up to zero in the long run and to the jobs lost or gained in the first year (docs/model.md, Jobs \
         moved); welfare_*_part_pct: the real-income change in parts that add up to welfare_pct; labour: flexible \
         (long run) or sticky (first year, docs/model.md)",
    ]);
    out += &line(&["welfare_decomposition", crate::model::results::DECOMPOSITION_NOTE]);
    out += "\n";
    out += &line(&[
        "country",
        "welfare_pct",
        "P_cpi_hat",
        "consumer_price_pct",
        "consumer_cost_per_household",
        "consumer_price_cost_per_household",
        "consumer_price_vs_world_pct",
        "w_hat",
        "real_wage_hat",
        "I_base",
        "I_new",
        "tariff_revenue_base",
        "tariff_revenue_new",
        "welfare_pct_p5",
        "welfare_pct_p95",
        "consumer_price_pct_p5",
        "consumer_price_pct_p95",
        "tariff_revenue_new_p5",
        "tariff_revenue_new_p95",
        "welfare_tot_pct",
        "welfare_vot_pct",
        "real_gdp_pct",
        "employment_hat",
        "unemployment_rate_change_pp",
        "welfare_wages_part_pct",
        "welfare_employment_part_pct",
        "welfare_tariff_revenue_part_pct",
        "welfare_deficit_part_pct",
    ]);
    let range_cells =
        |pick: &dyn Fn(&crate::model::uncertainty::Ranges) -> crate::model::uncertainty::Range| -> [String; 2] {
            input.ranges.map_or([String::new(), String::new()], |r| {
                let x = pick(r);
                [shortest(x.low), shortest(x.high)]
            })
        };
    for n in 0..economy.n_countries() {
        out += &line(
            &[
                economy.countries()[n].clone(),
                shortest(results.welfare_pct[n]),
                shortest(results.P_cpi_hat[n]),
                shortest(derived.consumer_price_pct[n]),
                derived.consumer_cost_per_household.as_ref().map_or(String::new(), |v| shortest(v[n])),
                derived.consumer_price_cost_per_household.as_ref().map_or(String::new(), |v| shortest(v[n])),
                shortest(derived.consumer_price_vs_world_pct[n]),
                shortest(results.w_hat[n]),
                shortest(results.real_wage_hat[n]),
                shortest(results.I_base[n]),
                shortest(results.I_new[n]),
                shortest(results.tariff_revenue_base[n]),
                shortest(results.tariff_revenue_new[n]),
            ]
            .into_iter()
            .chain(range_cells(&|r| r.welfare_pct[n]))
            .chain(range_cells(&|r| r.consumer_price_pct[n]))
            .chain(range_cells(&|r| r.tariff_revenue_new[n]))
            .chain([shortest(results.welfare_tot_pct[n]), shortest(results.welfare_vot_pct[n])])
            .chain([
                shortest(derived.real_gdp_pct[n]),
                shortest(results.employment_hat[n]),
                derived.unemployment_rate_change_pp.as_ref().map_or(String::new(), |v| shortest(v[n])),
                shortest(results.welfare_parts.wages_pct[n]),
                shortest(results.welfare_parts.employment_pct[n]),
                shortest(results.welfare_parts.tariff_revenue_pct[n]),
                shortest(results.welfare_parts.deficit_pct[n]),
            ])
            .collect::<Vec<_>>(),
        );
    }
    out += "\n";
    out += &line(&[
        "exporter",
        "importer",
        "sector",
        "trade_base_producer_prices",
        "trade_new_producer_prices",
        "change",
        "X_new_importer_prices",
        "pi_new",
    ]);
    for j in 0..economy.n_sectors() {
        for n in 0..economy.n_countries() {
            for i in 0..economy.n_countries() {
                let (base, new) = (derived.trade_base[j][n][i], derived.trade_new[j][n][i]);
                out += &line(&[
                    economy.countries()[i].clone(),
                    economy.countries()[n].clone(),
                    economy.sectors()[j].clone(),
                    shortest(base),
                    shortest(new),
                    shortest(new - base),
                    shortest(results.X_new[j][n][i]),
                    shortest(results.pi_new[j][n][i]),
                ]);
            }
        }
    }
    out += "\n";
    out += &line(&[
        "country",
        "sector",
        "P_hat",
        "c_hat",
        "Y_new",
        "Xn_new",
        "supply_chain_cost_pct",
        "employment_change_pct",
        "jobs_moved_thousands",
    ]);
    for n in 0..economy.n_countries() {
        for j in 0..economy.n_sectors() {
            out += &line(&[
                economy.countries()[n].clone(),
                economy.sectors()[j].clone(),
                shortest(results.P_hat[n][j]),
                shortest(results.c_hat[n][j]),
                shortest(results.Y_new[n][j]),
                shortest(results.Xn_new[n][j]),
                shortest(derived.supply_chain_cost_pct[n][j]),
                shortest(derived.employment_change_pct[n][j]),
                derived.jobs_moved_thousands.as_ref().map_or(String::new(), |v| shortest(v[n][j])),
            ]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::view::charts::solved_preset;
    use crate::view::i18n::Text;

    #[test]
    fn the_csv_has_a_row_per_cell_and_neutralises_formulas() {
        let (economy, results) = solved_preset("us-tariffs-2025");
        let text = Text::default();
        let input = ChartInput { economy: &economy, results: &results, text: &text, ranges: None };
        let csv = results_csv(&input, "US tariffs", "default");
        assert!(csv.starts_with("\"scenario\",\"US tariffs\""));
        assert_eq!(csv.lines().filter(|l| l.starts_with("\"CAN\",\"USA\",")).count(), 10, "a row per sector");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-0.5"), "\"-0.5\"");
    }

    #[test]
    fn the_csv_carries_the_welfare_decomposition_and_says_why_it_differs() {
        let (economy, results) = solved_preset("us-tariffs-2025");
        let text = Text::default();
        let input = ChartInput { economy: &economy, results: &results, text: &text, ranges: None };
        let csv = results_csv(&input, "US tariffs", "default");
        let lines: Vec<&str> = csv.lines().collect();
        let note = lines.iter().find(|l| l.starts_with("\"welfare_decomposition\",")).unwrap();
        assert!(note.contains("tariff revenue lost"), "{note}");
        let header = lines.iter().position(|l| l.starts_with("\"country\",")).unwrap();
        let columns: Vec<&str> = lines[header].split(',').collect();
        let at = columns.iter().position(|c| *c == "\"welfare_tot_pct\"").unwrap();
        assert_eq!(columns[at + 1], "\"welfare_vot_pct\"");
        let usa = economy.country_index("USA").unwrap();
        let row: Vec<&str> = lines[header + 1 + usa].split(',').collect();
        assert_eq!(row.len(), columns.len(), "every row has every column");
        assert_eq!(row[at], format!("\"{}\"", shortest(results.welfare_tot_pct[usa])));
    }
}
