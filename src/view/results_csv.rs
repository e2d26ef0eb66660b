//! The view's results as CSV, for download: one tidy table in long format (issue 22), headers in the reader's
//! language, numbers rounded to meaningful digits and written with a decimal point, the link and every control's
//! value in its first rows.

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

/// What the tidy CSV says about the view besides the results: the link that reproduces it, the elasticities and
/// every control's value, and the same scenario at the other horizon when it has been solved.
pub struct CsvContext<'a> {
    /// The scenario's name.
    pub scenario: &'a str,
    /// The elasticity set's label.
    pub elasticities: &'a str,
    /// The link that reproduces the view.
    pub link: &'a str,
    /// Every control's id and value (percent).
    pub controls: &'a [(&'a str, f64)],
    /// The same scenario at the other horizon, with that horizon's id.
    pub other: Option<(&'a str, &'a crate::model::results::Results)>,
}

/// Decimals by unit: enough to tell the numbers apart, no more (issue 22: not 17 digits).
fn decimals(unit: &str) -> usize {
    match unit {
        "%" | "pp" => 3,
        "US$ bn" => 2,
        "thousand jobs" => 1,
        "US$" => 0,
        _ => 4,
    }
}

/// The scenario's results as one tidy table in long format (issue 22): one row per number, columns measure, country,
/// partner, sector, horizon, value, unit, the headers in the reader's language, numbers rounded to meaningful
/// digits (unformatted, with a decimal point, so that spreadsheets read them); the first rows carry the scenario,
/// the link, the elasticities and every control's value, so that the file reproduces the view.
pub fn results_csv(input: &ChartInput<'_>, context: &CsvContext<'_>) -> String {
    let (economy, results, text) = (input.economy, input.results, input.text);
    let derived = &results.derived;
    let mut out = String::new();
    let headers: Vec<String> = ["measure", "country", "partner", "sector", "horizon", "value", "unit"]
        .iter()
        .map(|k| text.get(&format!("csv.{k}")).to_string())
        .collect();
    out += &line(&headers);
    let horizon = economy.horizon().unwrap_or("not_stated");
    for (measure, value) in [
        ("scenario", context.scenario),
        ("link", context.link),
        ("elasticities", context.elasticities),
        ("labour", results.labour.as_str()),
        ("units", economy.file().units.as_deref().unwrap_or_default()),
    ] {
        out += &line(&[measure, "", "", "", "", value, ""]);
    }
    let mut row = |measure: &str, country: &str, partner: &str, sector: &str, horizon: &str, value: f64, unit: &str| {
        if value.is_finite() {
            let value = crate::util::numbers::fixed(value, decimals(unit));
            out += &line(&[measure, country, partner, sector, horizon, &value, unit]);
        }
    };
    for (id, value) in context.controls {
        row(&format!("control.{id}"), "", "", "", "", *value, "%");
    }
    let countries = economy.countries();
    let mut headline = |r: &crate::model::results::Results, horizon: &str| {
        for n in 0..countries.len() {
            let c = countries[n].as_str();
            let d = &r.derived;
            row("real_gdp_pct", c, "", "", horizon, d.real_gdp_pct[n], "%");
            row("welfare_pct", c, "", "", horizon, r.welfare_pct[n], "%");
            row("employment_change_pct", c, "", "", horizon, 100.0 * (r.employment_hat[n] - 1.0), "%");
            if let Some(u) = &d.unemployment_rate_change_pp {
                row("unemployment_rate_change_pp", c, "", "", horizon, u[n], "pp");
            }
            row("consumer_price_pct", c, "", "", horizon, d.consumer_price_pct[n], "%");
            if let Some(v) = &d.consumer_cost_per_household {
                row("cost_per_household", c, "", "", horizon, v[n], "US$");
            }
            if let Some(v) = &d.consumer_price_cost_per_household {
                row("price_cost_per_household", c, "", "", horizon, v[n], "US$");
            }
            // Who pays, by income: the price-only cost of each income decile (docs/model.md, "Who pays, by income").
            for k in d.cost_by_decile.get(c).unwrap_or_default() {
                let measure = |what: &str| format!("income_decile_{}.{what}", k.decile);
                row(&measure("income"), c, "", "", horizon, k.income, "US$");
                row(&measure("price_cost_per_household"), c, "", "", horizon, k.usd_per_household, "US$");
                row(&measure("price_cost_pct_of_income"), c, "", "", horizon, k.share_of_income_pct, "%");
                let before = k.usd_per_household_before;
                row(&measure("price_cost_per_household_before_substitution"), c, "", "", horizon, before, "US$");
                let before = k.share_of_income_pct_before;
                row(&measure("price_cost_pct_of_income_before_substitution"), c, "", "", horizon, before, "%");
            }
            row("wage_change_vs_world_pct", c, "", "", horizon, 100.0 * (r.w_hat[n] - 1.0), "%");
            row("tariff_revenue_base", c, "", "", horizon, r.tariff_revenue_base[n], "US$ bn");
            row("tariff_revenue_new", c, "", "", horizon, r.tariff_revenue_new[n], "US$ bn");
            let p = &r.welfare_parts;
            row("welfare_part_real_wage_pct", c, "", "", horizon, p.wages_pct[n], "%");
            row("welfare_part_jobs_pct", c, "", "", horizon, p.employment_pct[n], "%");
            row("welfare_part_tariff_revenue_pct", c, "", "", horizon, p.tariff_revenue_pct[n], "%");
            row("welfare_part_export_margins_pct", c, "", "", horizon, p.export_margins_pct[n], "%");
            row("welfare_part_retail_margins_pct", c, "", "", horizon, p.retail_margins(n), "%");
            row("welfare_part_deficit_pct", c, "", "", horizon, p.deficit_pct[n], "%");
        }
    };
    headline(results, horizon);
    if let Some((other_horizon, other)) = context.other {
        headline(other, other_horizon);
    }
    if let Some(r) = input.ranges {
        for n in 0..countries.len() {
            let c = countries[n].as_str();
            row("welfare_pct_p5", c, "", "", horizon, r.welfare_pct[n].low, "%");
            row("welfare_pct_p95", c, "", "", horizon, r.welfare_pct[n].high, "%");
            row("consumer_price_pct_p5", c, "", "", horizon, r.consumer_price_pct[n].low, "%");
            row("consumer_price_pct_p95", c, "", "", horizon, r.consumer_price_pct[n].high, "%");
        }
    }
    for n in 0..countries.len() {
        for i in 0..countries.len() {
            if let Some(p) = derived.pass_through[n][i] {
                row("pass_through", &countries[n], &countries[i], "", horizon, p, "share");
            }
        }
    }
    // Trade by exporter (country) and importer (partner) and sector, at producer prices.
    for j in 0..economy.n_sectors() {
        for n in 0..countries.len() {
            for i in 0..countries.len() {
                if i == n {
                    continue;
                }
                let (base, new) = (derived.trade_base[j][n][i], derived.trade_new[j][n][i]);
                if base == 0.0 && new == 0.0 {
                    continue;
                }
                let sector = economy.sectors()[j].as_str();
                row("exports_base", &countries[i], &countries[n], sector, horizon, base, "US$ bn");
                row("exports_new", &countries[i], &countries[n], sector, horizon, new, "US$ bn");
            }
        }
    }
    for n in 0..countries.len() {
        for j in 0..economy.n_sectors() {
            let (c, sector) = (countries[n].as_str(), economy.sectors()[j].as_str());
            row("input_cost_pct", c, "", sector, horizon, derived.supply_chain_cost_pct[n][j], "%");
            if let Some(jobs) = &derived.jobs_moved_thousands {
                row("jobs", c, "", sector, horizon, jobs[n][j], "thousand jobs");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::view::charts::solved_preset;
    use crate::view::i18n::{Lang, Text};

    fn csv_of(lang: Lang) -> (String, crate::model::economy::Economy, crate::model::results::Results) {
        let (economy, results) = solved_preset("us-tariffs-2025");
        let text = Text::new(lang);
        let input = ChartInput { economy: &economy, results: &results, text: &text, ranges: None, story: None };
        let controls = [("us_metals_can", 50.0)];
        let context = CsvContext {
            scenario: "US tariffs",
            elasticities: "default",
            link: "https://example.org/?preset=us-tariffs-2025",
            controls: &controls,
            other: None,
        };
        let csv = results_csv(&input, &context);
        (csv, economy, results)
    }

    #[test]
    fn one_long_table_with_the_link_the_controls_and_rounded_numbers_in_the_reader_s_language() {
        let (csv, economy, results) = csv_of(Lang::Fr);
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with("\"mesure\""), "{}", lines[0]);
        assert!(lines.iter().all(|l| l.split("\",\"").count() == 7), "one table of seven columns");
        assert!(csv.contains("\"link\",\"\",\"\",\"\",\"\",\"https://example.org/?preset=us-tariffs-2025\""));
        assert!(csv.contains("\"control.us_metals_can\",\"\",\"\",\"\",\"\",\"50.000\",\"%\""));
        let can = economy.country_index("CAN").unwrap();
        let gdp = crate::util::numbers::fixed(results.derived.real_gdp_pct[can], 3);
        assert!(csv.contains(&format!("\"real_gdp_pct\",\"CAN\",\"\",\"\",\"long_run\",\"{gdp}\",\"%\"")), "{gdp}");
        // No number carries more than six decimals (issue 22: not 17 digits).
        for l in &lines[1..] {
            let value = l.split("\",\"").nth(5).unwrap_or("");
            if crate::util::numbers::parse_decimal(value).is_none() {
                continue;
            }
            if let Some((_, fraction)) = value.split_once('.') {
                assert!(fraction.len() <= 4, "{l}");
            }
        }
        assert_eq!(
            csv.lines().filter(|l| l.starts_with("\"exports_new\",\"CAN\",\"USA\",")).count(),
            10,
            "a row per sector"
        );
        // Who pays: ten US income deciles, none for Canada (not sourced).
        let deciles = |c: &str| {
            csv.lines()
                .filter(|l| l.contains(".price_cost_pct_of_income\",") && l.contains(&format!(",\"{c}\",")))
                .count()
        };
        assert_eq!((deciles("USA"), deciles("CAN")), (10, 0));
        let d1 = &results.derived.cost_by_decile.get("USA").unwrap()[0];
        let value = crate::util::numbers::fixed(d1.usd_per_household, 0);
        assert!(csv.contains(&format!(
            "\"income_decile_1.price_cost_per_household\",\"USA\",\"\",\"\",\"long_run\",\"{value}\",\"US$\""
        )));
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-0.5"), "\"-0.5\"");
    }
}
