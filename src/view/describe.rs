//! Text alternatives for the charts: a concise description of what each chart shows for the current scenario, a
//! data table with the same numbers ("show data"), and the full results as CSV. All in the reader's language.

use serde::Serialize;

use crate::model::derived::PairTrade;
use crate::util::numbers::shortest;
use crate::view::charts::{ChartId, ChartInput};

use crate::view::NORTH_AMERICA;

/// A table of formatted values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// What the table shows.
    pub caption: String,
    /// Column headings.
    pub headers: Vec<String>,
    /// Rows of cells, formatted for the reader.
    pub rows: Vec<Vec<String>>,
}

fn north_american(input: &ChartInput<'_>) -> Vec<usize> {
    let members: Vec<usize> = NORTH_AMERICA.iter().filter_map(|id| input.economy.country_index(id)).collect();
    if members.len() == 3 {
        members
    } else {
        (0..input.economy.n_countries()).collect()
    }
}

fn pairs_by_change<'a>(input: &ChartInput<'a>) -> Vec<&'a PairTrade> {
    let mut pairs: Vec<&PairTrade> = input.results.derived.pairs.iter().collect();
    crate::util::order::sort_desc(&mut pairs, |p| p.change.abs());
    pairs
}

/// A concise description of a chart for this scenario (for screen readers and as a caption).
pub fn chart_description(id: &str, input: &ChartInput<'_>) -> String {
    let text = input.text;
    let results = input.results;
    let pair_text = |p: &PairTrade| {
        format!(
            "{} → {} {} ({})",
            input.country_by_id(&p.exporter),
            input.country_by_id(&p.importer),
            text.percent(p.change_pct, 1),
            text.signed_money_bn(p.change)
        )
    };
    let Ok(chart) = ChartId::parse(id) else {
        return Default::default();
    };
    match chart {
        ChartId::Flows => {
            let fall = results
                .derived
                .pairs
                .iter()
                .filter(|p| p.change < -0.05)
                .min_by(|a, b| a.change_pct.total_cmp(&b.change_pct));
            let rise = results
                .derived
                .pairs
                .iter()
                .filter(|p| p.change > 0.05)
                .max_by(|a, b| a.change_pct.total_cmp(&b.change_pct));
            let none = text.get("desc.flows.none").to_string();
            // The economy's own countries, so that a reader's data is described as it is.
            let n_countries = input.economy.n_countries();
            let countries = if n_countries <= 6 {
                text.join(&(0..n_countries).map(|n| input.country(n)).collect::<Vec<_>>())
            } else {
                text.fill("desc.n_countries", &[("count", &text.number(n_countries as f64, 0))])
            };
            text.fill(
                "desc.flows",
                &[
                    ("countries", &countries),
                    ("fall", &fall.map_or(none.clone(), pair_text)),
                    ("rise", &rise.map_or(none, pair_text)),
                ],
            )
        }
        ChartId::Welfare => {
            let countries = 0..input.economy.n_countries();
            let income: Vec<String> = countries
                .clone()
                .map(|n| format!("{} {}", input.country(n), text.percent(results.welfare_pct[n], 2)))
                .collect();
            let prices: Vec<String> = countries
                .map(|n| format!("{} {}", input.country(n), text.percent(results.derived.consumer_price_pct[n], 2)))
                .collect();
            let horizon = crate::view::summary::horizon_text(input.economy, text);
            text.fill(
                "desc.welfare",
                &[("income", &income.join(", ")), ("prices", &prices.join(", ")), ("horizon", &horizon)],
            )
        }
        ChartId::Trade => {
            let pairs: Vec<String> = pairs_by_change(input).into_iter().take(3).map(pair_text).collect();
            text.fill("desc.trade", &[("pairs", &pairs.join("; "))])
        }
        ChartId::Supply => {
            let mut costs: Vec<(usize, usize, f64)> = north_american(input)
                .into_iter()
                .flat_map(|n| (0..input.economy.n_sectors()).map(move |j| (n, j)))
                .map(|(n, j)| (n, j, results.derived.supply_chain_cost_pct[n][j]))
                .collect();
            crate::util::order::sort_desc(&mut costs, |c| c.2);
            let costs: Vec<String> = costs
                .iter()
                .take(3)
                .map(|&(n, j, v)| format!("{} · {} {}", input.country(n), input.sector_short(j), text.percent(v, 2)))
                .collect();
            let jobs_source =
                results.derived.jobs_moved_thousands.as_ref().unwrap_or(&results.derived.employment_change_pct);
            let mut jobs: Vec<(usize, usize, f64)> = north_american(input)
                .into_iter()
                .flat_map(|n| (0..input.economy.n_sectors()).map(move |j| (n, j)))
                .map(|(n, j)| (n, j, jobs_source[n][j]))
                .collect();
            crate::util::order::sort_desc(&mut jobs, |c| c.2.abs());
            let jobs: Vec<String> = jobs
                .iter()
                .take(3)
                .map(|&(n, j, v)| format!("{} · {} {}", input.country(n), input.sector_short(j), text.signed(v, 1)))
                .collect();
            text.fill("desc.supply", &[("costs", &costs.join(", ")), ("jobs", &jobs.join(", "))])
        }
        ChartId::Revenue => {
            let list: Vec<String> = (0..input.economy.n_countries())
                .map(|n| {
                    format!(
                        "{} {} → {}",
                        input.country(n),
                        text.money_bn(results.tariff_revenue_base[n]),
                        text.money_bn(results.tariff_revenue_new[n])
                    )
                })
                .collect();
            text.fill("desc.revenue", &[("list", &list.join("; "))])
        }
    }
}

/// The data behind a chart, as a table with the same numbers.
pub fn chart_table(id: &str, input: &ChartInput<'_>) -> Option<Table> {
    let text = input.text;
    let results = input.results;
    let derived = &results.derived;
    let h = |key: &str| text.get(key).to_string();
    let caption = text.get(&format!("chart.{id}.title")).to_string();
    let pair_rows = |pairs: Vec<&PairTrade>| -> Vec<Vec<String>> {
        pairs
            .into_iter()
            .map(|p| {
                let mut row = vec![
                    input.country_by_id(&p.exporter),
                    input.country_by_id(&p.importer),
                    text.money_bn(p.base),
                    text.money_bn(p.new),
                    text.signed_money_bn(p.change),
                    text.percent(p.change_pct, 2),
                ];
                if let Some(r) = input.ranges {
                    let index = derived.pairs.iter().position(|q| q.exporter == p.exporter && q.importer == p.importer);
                    row.push(
                        index
                            .and_then(|k| r.pair_change.get(k))
                            .map_or("—".into(), |x| range_text(*x, |v| text.signed_money_bn(v))),
                    );
                }
                row
            })
            .collect()
    };
    let mut pair_headers =
        vec![h("table.from"), h("table.to"), h("table.base"), h("table.new"), h("table.change"), h("table.change_pct")];
    if input.ranges.is_some() {
        pair_headers.push(h("table.range"));
    }
    let Ok(chart) = ChartId::parse(id) else {
        return Default::default();
    };
    match chart {
        ChartId::Flows => {
            let members = north_american(input);
            let ids: Vec<&str> = members.iter().map(|&n| input.economy.countries()[n].as_str()).collect();
            let pairs: Vec<&PairTrade> = derived
                .pairs
                .iter()
                .filter(|p| ids.contains(&p.exporter.as_str()) || ids.contains(&p.importer.as_str()))
                .collect();
            Some(Table { caption, headers: pair_headers, rows: pair_rows(pairs) })
        }
        ChartId::Trade => Some(Table { caption, headers: pair_headers, rows: pair_rows(pairs_by_change(input)) }),
        ChartId::Welfare => Some(Table {
            caption,
            headers: {
                let mut headers = vec![h("table.country"), h("table.welfare")];
                if input.ranges.is_some() {
                    headers.push(h("table.range"));
                }
                headers.extend([
                    h("table.welfare_tot"),
                    h("table.welfare_vot"),
                    h("table.prices"),
                    h("table.per_household"),
                    h("table.price_cost"),
                    h("table.wages"),
                ]);
                headers
            },
            rows: (0..input.economy.n_countries())
                .map(|n| {
                    let mut row = vec![input.country(n), text.percent(results.welfare_pct[n], 3)];
                    if let Some(r) = input.ranges {
                        row.push(range_text(r.welfare_pct[n], |v| text.percent(v, 2)));
                    }
                    row.extend([
                        text.percent(results.welfare_tot_pct[n], 3),
                        text.percent(results.welfare_vot_pct[n], 3),
                        text.percent(derived.consumer_price_pct[n], 3),
                        derived
                            .consumer_cost_per_household
                            .as_ref()
                            .map_or("—".into(), |v| text.signed_dollars(v[n])),
                        derived
                            .consumer_price_cost_per_household
                            .as_ref()
                            .map_or("—".into(), |v| text.signed_dollars(v[n])),
                        text.percent(100.0 * (results.w_hat[n] - 1.0), 3),
                    ]);
                    row
                })
                .collect(),
        }),
        ChartId::Supply => {
            let jobs = derived.jobs_moved_thousands.as_ref();
            let mut rows = Vec::new();
            for n in north_american(input) {
                for j in 0..input.economy.n_sectors() {
                    rows.push(vec![
                        input.country(n),
                        input.sector(j),
                        text.percent(derived.supply_chain_cost_pct[n][j], 3),
                        jobs.map_or("—".into(), |v| text.signed(v[n][j], 1)),
                        text.percent(derived.employment_change_pct[n][j], 2),
                    ]);
                }
            }
            Some(Table {
                caption,
                headers: vec![
                    h("table.country"),
                    h("table.sector"),
                    h("table.input_costs"),
                    h("table.jobs"),
                    h("table.employment"),
                ],
                rows,
            })
        }
        ChartId::Revenue => Some(Table {
            caption,
            headers: {
                let mut headers =
                    vec![h("table.country"), h("table.revenue_base"), h("table.revenue_new"), h("table.change")];
                if input.ranges.is_some() {
                    headers.push(h("table.range"));
                }
                headers
            },
            rows: (0..input.economy.n_countries())
                .map(|n| {
                    let mut row = vec![
                        input.country(n),
                        text.money_bn(results.tariff_revenue_base[n]),
                        text.money_bn(results.tariff_revenue_new[n]),
                        text.signed_money_bn(derived.tariff_revenue_change[n]),
                    ];
                    if let Some(r) = input.ranges {
                        row.push(range_text(r.tariff_revenue_new[n], |v| text.money_bn(v)));
                    }
                    row
                })
                .collect(),
        }),
    }
}

fn range_text(range: crate::model::uncertainty::Range, format: impl Fn(f64) -> String) -> String {
    if range.low.is_finite() && range.high.is_finite() {
        format!("{} … {}", format(range.low), format(range.high))
    } else {
        "—".into()
    }
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
    let line = |cells: &[String]| cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",") + "\n";
    out += &line(&["scenario".into(), scenario.into()]);
    out += &line(&["elasticities".into(), elasticities.into()]);
    out += &line(&["units".into(), economy.file().units.clone().unwrap_or_default()]);
    out += &line(&["horizon".into(), economy.horizon().unwrap_or("not stated").into()]);
    out += &line(&[
        "definitions".into(),
        "consumer_price_pct: consumer prices against the country's own average wage, 100*(P_cpi_hat/w_hat-1); \
         consumer_cost_per_household: equivalent variation of the welfare change per household, tariff revenue \
         returned, single units of money (a cost is positive); consumer_price_cost_per_household: price-only cost \
         before revenue is returned; consumer_price_vs_world_pct: consumer prices against world value added (the \
         model's numeraire)"
            .into(),
    ]);
    out += &line(&["welfare_decomposition".into(), crate::model::results::DECOMPOSITION_NOTE.into()]);
    out += "\n";
    out += &line(
        &[
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
        ]
        .map(String::from),
    );
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
            .collect::<Vec<_>>(),
        );
    }
    out += "\n";
    out += &line(
        &[
            "exporter",
            "importer",
            "sector",
            "trade_base_producer_prices",
            "trade_new_producer_prices",
            "change",
            "X_new_importer_prices",
            "pi_new",
        ]
        .map(String::from),
    );
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
    out += &line(
        &[
            "country",
            "sector",
            "P_hat",
            "c_hat",
            "Y_new",
            "Xn_new",
            "supply_chain_cost_pct",
            "employment_change_pct",
            "jobs_moved_thousands",
        ]
        .map(String::from),
    );
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
    use crate::view::charts::CHART_IDS;
    use crate::view::i18n::{Lang, Text};
    use crate::{presets, solve, Scenario};

    #[test]
    fn descriptions_tables_and_csv_carry_the_numbers() {
        let economy = presets::north_america_2024().unwrap();
        let scenario = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
        let results = solve(&economy, &scenario).unwrap();
        let text = Text::default();
        let input = ChartInput { economy: &economy, results: &results, text: &text, ranges: None };
        let (can, mex) = (economy.country_index("CAN").unwrap(), economy.country_index("MEX").unwrap());
        let welfare = chart_description("welfare", &input);
        let can_text = format!("Canada {}", text.percent(results.welfare_pct[can], 2));
        let mex_text = format!("Mexico {}", text.percent(results.welfare_pct[mex], 2));
        assert!(can_text.contains('−') && welfare.contains(&can_text) && welfare.contains(&mex_text), "{welfare}");
        let table = chart_table("welfare", &input).unwrap();
        assert_eq!(table.rows.len(), 5);
        assert_eq!(table.rows[1][1], text.percent(results.welfare_pct[can], 3));
        let flows = chart_table("flows", &input).unwrap();
        assert_eq!(flows.rows.len(), 18);
        for id in CHART_IDS {
            assert!(!chart_description(id, &input).is_empty());
            assert!(chart_table(id, &input)
                .is_some_and(|t| !t.rows.is_empty() && t.rows.iter().all(|r| r.len() == t.headers.len())));
        }
        let csv = results_csv(&input, "US tariffs", "default");
        assert!(csv.starts_with("\"scenario\",\"US tariffs\""));
        assert_eq!(csv.lines().filter(|l| l.starts_with("\"CAN\",\"USA\",")).count(), 10, "a row per sector");
        let french = Text::new(Lang::Fr);
        let input = ChartInput { economy: &economy, results: &results, text: &french, ranges: None };
        assert_eq!(chart_table("welfare", &input).unwrap().rows[1][1], french.percent(results.welfare_pct[can], 3));
        assert!(french.percent(results.welfare_pct[can], 3).contains(','));
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-0.5"), "\"-0.5\"");
    }

    #[test]
    fn the_csv_carries_the_welfare_decomposition_and_says_why_it_differs() {
        let economy = presets::north_america_2024().unwrap();
        let scenario = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
        let results = solve(&economy, &scenario).unwrap();
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
