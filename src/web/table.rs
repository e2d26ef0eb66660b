//! The tariff table and a reader's own scenario kept live (issue 25): the table's rows, cell edits and pasted
//! blocks, the own scenario in the link, and the scenario as a file to save. The rules are in
//! [`crate::app::cells`] and [`crate::app::scenario_state`]; this file converts and words messages.

#[cfg(feature = "own-data")]
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "own-data")]
use super::to_js;
use super::Explorer;
use crate::app::cells::MAX_SHARED_LINK;
#[cfg(feature = "own-data")]
use crate::app::cells::{parse_block, BlockProblem, Cell};
#[cfg(feature = "own-data")]
use crate::model::economy::MAX_TARIFF_RATE;
#[cfg(feature = "own-data")]
use crate::model::uncertainty::{DifferenceRanges, DifferenceRangesJob};

/// One row of the tariff table: an importer and an exporter, the rate of each sector.
#[cfg(feature = "own-data")]
#[derive(Serialize)]
struct TableRow {
    importer: usize,
    exporter: usize,
    label: String,
    /// Applied rate in force in the scenario on screen, percent.
    rates: Vec<f64>,
    /// Applied rate in 2024, percent.
    base: Vec<f64>,
    /// Whether the reader set the cell in the table.
    set: Vec<bool>,
}

#[cfg(feature = "own-data")]
#[derive(Serialize)]
struct Table {
    /// Short sector names, for the column headings.
    sectors: Vec<String>,
    /// Full sector names, for each cell's accessible name.
    sector_names: Vec<String>,
    rows: Vec<TableRow>,
}

#[wasm_bindgen]
impl Explorer {
    /// The tariff table: every importer × exporter pair of the economy in use (rows, importer first), every
    /// sector (columns), with the applied rate in force, the 2024 rate and whether the reader set it.
    #[cfg(feature = "own-data")]
    pub fn tariff_table(&self) -> Result<JsValue, JsError> {
        let economy = &self.s.economy;
        let (nc, ns) = (economy.n_countries(), economy.n_sectors());
        let e = &self.s.economy;
        let sectors = (0..ns).map(|j| self.s.text.sector_short(&e.sectors()[j], &e.sector_names()[j])).collect();
        let sector_names = (0..ns).map(|j| self.sector(j)).collect();
        let mut rows = Vec::with_capacity(nc * nc);
        for n in 0..nc {
            for i in (0..nc).filter(|&i| i != n) {
                let label = self
                    .s
                    .text
                    .fill("ui.table.pair", &[("importer", &self.country(n)), ("exporter", &self.country(i))]);
                rows.push(TableRow {
                    importer: n,
                    exporter: i,
                    label,
                    rates: (0..ns).map(|j| round6(100.0 * self.s.scenario.tariff(economy, j, n, i))).collect(),
                    base: (0..ns).map(|j| round6(100.0 * economy.tariff(j, n, i))).collect(),
                    set: (0..ns).map(|j| self.s.state.cells().get((j, n, i)).is_some()).collect(),
                });
            }
        }
        to_js(&Table { sectors, sector_names, rows })
    }

    /// Set tariff-table cells and solve: `edits` holds `importer, exporter, sector, percent` four at a time (a
    /// percent that is not a number drops the cell: the scenario's own rate shows again). A bad index or rate is
    /// refused with a message naming the cell, and nothing changes.
    #[cfg(feature = "own-data")]
    pub fn set_rates(&mut self, edits: Vec<f64>) -> Result<(), JsError> {
        let economy = &self.s.economy;
        let (nc, ns) = (economy.n_countries() as f64, economy.n_sectors() as f64);
        let mut cells: Vec<(Cell, Option<f64>)> = Vec::with_capacity(edits.len() / 4);
        for edit in edits.chunks(4) {
            let &[n, i, j, percent] = edit else { return Err(JsError::new("set_rates takes four numbers per cell")) };
            let index = |v: f64, count: f64| {
                (v.fract().abs() < f64::EPSILON && (0.0..count).contains(&v)).then_some(v as usize)
            };
            let (Some(n), Some(i), Some(j)) = (index(n, nc), index(i, nc), index(j, ns)) else {
                return Err(JsError::new("set_rates: no such cell"));
            };
            if n == i {
                return Err(JsError::new("set_rates: a country does not tariff its own goods"));
            }
            let cell = (j, n, i);
            if percent.is_nan() {
                cells.push((cell, None));
                continue;
            }
            if !(0.0..=100.0 * MAX_TARIFF_RATE).contains(&percent) {
                return Err(JsError::new(&self.s.text.fill(
                    "error.table_rate",
                    &[
                        ("cell", &self.cell_label(cell)),
                        ("value", &self.s.text.number(percent, 2)),
                        ("max", &self.s.text.number(100.0 * MAX_TARIFF_RATE, 0)),
                    ],
                )));
            }
            cells.push((cell, Some(percent / 100.0)));
        }
        let state = self.s.state.with_cells(&cells, economy)?;
        let (scenario, results) = state.solve(economy)?;
        self.s.state = state;
        self.s.set_result(scenario, results);
        Ok(())
    }

    /// A block pasted from a spreadsheet as rows of numbers (`null`: an empty cell, left as it is): tabs, `;` or
    /// `,` between cells, `.` or `,` as decimal separator, `%` allowed. A cell that is not a number is named by
    /// row and column in the reader's language.
    #[cfg(feature = "own-data")]
    pub fn parse_paste(&self, text: &str) -> Result<JsValue, JsError> {
        match parse_block(text) {
            Ok(rows) => to_js(&rows),
            Err(BlockProblem::TooLarge) => Err(JsError::new(self.s.text.get("error.paste_too_large"))),
            Err(BlockProblem::NotANumber { row, column, text }) => Err(JsError::new(&self.s.text.fill(
                "error.paste_number",
                &[("row", &row.to_string()), ("column", &column.to_string()), ("value", &text)],
            ))),
        }
    }

    /// A cell's name for messages: "United States on China, Machinery".
    #[cfg(feature = "own-data")]
    fn cell_label(&self, (j, n, i): Cell) -> String {
        format!(
            "{}, {}",
            self.s.text.fill("ui.table.pair", &[("importer", &self.country(n)), ("exporter", &self.country(i))]),
            self.sector(j)
        )
    }

    /// Whether the page holds a reader's economy, which no link can carry (the page then warns before leaving).
    pub fn own_economy(&self) -> bool {
        self.s.custom_name.is_some()
    }

    /// The scenario on screen as a scenario file (JSON, the format `natx solve` and the page read): the base with
    /// the moved controls and the tariff table's cells, as measures.
    #[cfg(feature = "own-data")]
    pub fn scenario_json(&self) -> Result<String, JsError> {
        let mut file = self.s.state.scenario_file(&self.s.economy)?;
        file.name = self.scenario_name();
        serde_json::to_string_pretty(&file).map_err(|e| JsError::new(&e.to_string()))
    }

    /// A warning for a link too long to share safely (empty: none), in the reader's language.
    pub fn link_warning(&self, link: &str) -> String {
        let length = link.chars().count();
        if length <= MAX_SHARED_LINK {
            return String::new();
        }
        self.s.text.fill(
            "ui.link_too_long",
            &[
                ("length", &self.s.text.number(length as f64, 0)),
                ("max", &self.s.text.number(MAX_SHARED_LINK as f64, 0)),
            ],
        )
    }
}

impl Explorer {
    #[cfg(feature = "own-data")]
    fn country(&self, n: usize) -> String {
        let e = &self.s.economy;
        self.s.text.country(&e.countries()[n], &e.country_names()[n])
    }

    #[cfg(feature = "own-data")]
    fn sector(&self, j: usize) -> String {
        let e = &self.s.economy;
        self.s.text.sector(&e.sectors()[j], &e.sector_names()[j])
    }
}

/// A rate in percent to six decimals (what the table shows and a link keeps).
#[cfg(feature = "own-data")]
fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

/// One line of the comparison table, in the reader's language.
#[cfg(feature = "own-data")]
#[derive(Serialize)]
struct CompareLine {
    country: String,
    horizon: String,
    /// `[A, B, B − A]`, each "real GDP % / jobs (thousands) / real income %".
    cells: [String; 3],
}

#[wasm_bindgen]
impl Explorer {
    /// Scenario A (this explorer) against scenario B (`other`), at both horizons, for the United States, Canada
    /// and Mexico (then the others): `{a, b, lines: [{country, horizon, cells: [A, B, B − A]}]}`, each cell "real
    /// GDP % / jobs, thousands / real income %". The same figures as `natx compare` ([`crate::app::compare`]).
    #[cfg(feature = "own-data")]
    pub fn compare_with(&self, other: &Explorer) -> Result<JsValue, JsError> {
        let (a, b) = (self.both_horizons()?, other.both_horizons()?);
        let rows = crate::app::compare::compare(&self.s.economy, a, b);
        let text = &self.s.text;
        // The difference's ranges, when computed for this very pair (`begin_difference`).
        let ranges =
            self.difference.as_ref().filter(|d| d.key == Self::pair_key(self, other)).and_then(|d| d.done.as_ref());
        let with_range = |value: f64, range: Option<crate::model::uncertainty::Range>| match range {
            Some(r) => text.fill(
                "ui.compare.with_range",
                &[
                    ("value", &text.signed(value, 2)),
                    ("low", &text.signed(r.low, 2)),
                    ("high", &text.signed(r.high, 2)),
                ],
            ),
            None => text.signed(value, 2),
        };
        let cell = |f: &crate::app::compare::Figures| {
            format!(
                "{} / {} / {}",
                text.signed(f.real_gdp_pct, 2),
                text.signed(f.jobs_thousands, 0),
                text.signed(f.real_income_pct, 2)
            )
        };
        let mut lines = Vec::new();
        for (key, long_run) in [("ui.compare.first_year", false), ("ui.compare.long_run", true)] {
            for row in &rows {
                let figures = if long_run { &row.long_run } else { &row.first_year };
                let band = ranges.map(|r| &r[usize::from(long_run)]);
                let d = &figures[2];
                let difference = format!(
                    "{} / {} / {}",
                    with_range(d.real_gdp_pct, band.map(|b| b.real_gdp_pct[row.country])),
                    text.signed(d.jobs_thousands, 0),
                    with_range(d.real_income_pct, band.map(|b| b.welfare_pct[row.country]))
                );
                lines.push(CompareLine {
                    country: self.country(row.country),
                    horizon: text.get(key).to_string(),
                    cells: [cell(&figures[0]), cell(&figures[1]), difference],
                });
            }
        }
        #[derive(Serialize)]
        struct Comparison {
            a: String,
            b: String,
            lines: Vec<CompareLine>,
        }
        to_js(&Comparison { a: self.scenario_name(), b: other.scenario_name(), lines })
    }

    /// Start the ranges of B − A against `other` (the same elasticity and rigidity draws for both scenarios, at
    /// both horizons: `uncertainty::DifferenceRangesJob`), unless they are done or under way for this pair.
    /// Returns whether there is work to do ([`Explorer::advance_difference`]).
    #[cfg(feature = "own-data")]
    pub fn begin_difference(&mut self, other: &Explorer) -> bool {
        let key = Self::pair_key(self, other);
        if self.difference.as_ref().is_some_and(|d| d.key == key) {
            return self.difference.as_ref().is_some_and(|d| d.done.is_none() && d.error.is_none());
        }
        let Some((other_economy, _)) = &self.s.other_horizon else { return false };
        let options = crate::model::uncertainty::RangeOptions::default();
        let (first, long) = if self.s.economy.horizon() == Some("long_run") {
            (other_economy, &self.s.economy)
        } else {
            (&self.s.economy, other_economy)
        };
        let jobs = [first, long]
            .into_iter()
            .map(|economy| DifferenceRangesJob::new(economy, &self.s.scenario, &other.s.scenario, &options))
            .collect();
        self.difference = Some(Difference { key, jobs, parts: Vec::new(), done: None, error: None });
        true
    }

    /// One slice of the difference's ranges (about a frame's work); true when they are done (or failed: the
    /// comparison then shows the difference without a range).
    #[cfg(feature = "own-data")]
    pub fn advance_difference(&mut self) -> bool {
        let Some(d) = self.difference.as_mut() else { return true };
        let Some(job) = d.jobs.first_mut() else { return true };
        if !job.advance(crate::app::session::SLICE_WORK) {
            return false;
        }
        match d.jobs.remove(0).finish() {
            Ok(ranges) => d.parts.push(ranges),
            Err(e) => {
                d.error = Some(e.to_string());
                d.jobs.clear();
            }
        }
        if let [first, long] = &d.parts[..] {
            d.done = Some([first.clone(), long.clone()]);
        }
        d.jobs.is_empty()
    }
}

#[wasm_bindgen]
impl Explorer {
    /// The comparison as CSV (one row per country, horizon and measure; ids and plain decimal numbers, so that
    /// any spreadsheet reads it), with both scenarios' names and the link first.
    #[cfg(feature = "own-data")]
    pub fn compare_csv(&self, other: &Explorer, link: &str) -> Result<String, JsError> {
        let rows = crate::app::compare::compare(&self.s.economy, self.both_horizons()?, other.both_horizons()?);
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let mut out = format!(
            "# A: {}\n# B: {}\n# {}\ncountry,horizon,measure,A,B,B_minus_A\n",
            quote(&self.scenario_name()),
            quote(&other.scenario_name()),
            quote(link)
        );
        for row in &rows {
            for (horizon, figures) in [("first_year", &row.first_year), ("long_run", &row.long_run)] {
                for measure in ["real_gdp_pct", "jobs_thousands", "real_income_pct"] {
                    let get = |f: &crate::app::compare::Figures| match measure {
                        "real_gdp_pct" => f.real_gdp_pct,
                        "jobs_thousands" => f.jobs_thousands,
                        _ => f.real_income_pct,
                    };
                    let [a, b, d] = figures.each_ref().map(|f| crate::util::numbers::fixed(get(f), 4));
                    out += &format!("{},{horizon},{measure},{a},{b},{d}\n", row.id);
                }
            }
        }
        Ok(out)
    }
}

/// The ranges of B − A against another explorer's scenario: the draws at the first year, then in the long run.
#[cfg(feature = "own-data")]
pub(super) struct Difference {
    /// The pair they are for (both explorers' links).
    key: String,
    jobs: Vec<DifferenceRangesJob>,
    parts: Vec<DifferenceRanges>,
    /// First year and long run, when both are done.
    done: Option<[DifferenceRanges; 2]>,
    error: Option<String>,
}

#[cfg(feature = "own-data")]
impl Explorer {
    /// The pair a comparison's ranges are for.
    fn pair_key(a: &Explorer, b: &Explorer) -> String {
        format!("{}|{}|{}", a.url_query(), b.url_query(), a.s.elasticities)
    }

    /// The scenario on screen at both horizons (the result and the other horizon's, solved with it).
    fn both_horizons(&self) -> Result<crate::app::compare::BothHorizons<'_>, JsError> {
        let (_, other) =
            self.s.other_horizon.as_ref().ok_or_else(|| JsError::new(self.s.text.get("ui.compare.unavailable")))?;
        let (first_year, long_run) = if self.s.economy.horizon() == Some("long_run") {
            (other, &self.s.results)
        } else {
            (&self.s.results, other)
        };
        Ok(crate::app::compare::BothHorizons { first_year, long_run })
    }
}
