//! The analyst's workbench on a session (issue 25): the tariff table's rows, cell edits and pasted blocks, the
//! scenario as a file to save, and scenario A against B with the ranges of the difference. The rules are in
//! [`crate::app::cells`], [`crate::app::scenario_state`] and [`crate::app::compare`]; this file words messages.
//! Behind the `own-data` feature (the page's first module leaves it out).

use serde::Serialize;

use crate::app::cells::{parse_block, BlockProblem, Cell};
use crate::app::session::{Session, SessionError};
use crate::model::economy::MAX_TARIFF_RATE;
use crate::model::uncertainty::{DifferenceRanges, DifferenceRangesJob};

/// One row of the tariff table: an importer and an exporter, the rate of each sector.
#[derive(Debug, Serialize)]
pub struct TableRow {
    /// The importer's index.
    pub importer: usize,
    /// The exporter's index.
    pub exporter: usize,
    /// "United States on Canada", in the reader's language.
    pub label: String,
    /// Applied rate in force in the scenario on screen, percent.
    pub rates: Vec<f64>,
    /// Applied rate in 2024, percent.
    pub base: Vec<f64>,
    /// Whether the reader set the cell in the table.
    pub set: Vec<bool>,
}

/// The tariff table: every importer × exporter pair (rows), every sector (columns).
#[derive(Debug, Serialize)]
pub struct TariffTable {
    /// Short sector names, for the column headings.
    pub sectors: Vec<String>,
    /// Full sector names, for each cell's accessible name.
    pub sector_names: Vec<String>,
    /// The rows, importer first.
    pub rows: Vec<TableRow>,
}

impl Session {
    /// The tariff table: every importer × exporter pair of the economy in use (rows, importer first), every
    /// sector (columns), with the applied rate in force, the 2024 rate and whether the reader set it.
    pub fn tariff_table(&self) -> TariffTable {
        let economy = &self.economy;
        let (nc, ns) = (economy.n_countries(), economy.n_sectors());
        let e = &self.economy;
        let sectors = (0..ns).map(|j| self.text.sector_short(&e.sectors()[j], &e.sector_names()[j])).collect();
        let sector_names = (0..ns).map(|j| self.sector(j)).collect();
        let mut rows = Vec::with_capacity(nc * nc);
        for n in 0..nc {
            for i in (0..nc).filter(|&i| i != n) {
                let label =
                    self.text.fill("ui.table.pair", &[("importer", &self.country(n)), ("exporter", &self.country(i))]);
                rows.push(TableRow {
                    importer: n,
                    exporter: i,
                    label,
                    rates: (0..ns).map(|j| round6(100.0 * self.scenario.tariff(economy, j, n, i))).collect(),
                    base: (0..ns).map(|j| round6(100.0 * economy.tariff(j, n, i))).collect(),
                    set: (0..ns).map(|j| self.state.cells().get((j, n, i)).is_some()).collect(),
                });
            }
        }
        TariffTable { sectors, sector_names, rows }
    }

    /// Set tariff-table cells and solve: `edits` holds `importer, exporter, sector, percent` four at a time (a
    /// percent that is not a number drops the cell: the scenario's own rate shows again). A bad index or rate is
    /// refused with a message naming the cell, and nothing changes.
    pub fn set_rates(&mut self, edits: Vec<f64>) -> Result<(), SessionError> {
        let economy = &self.economy;
        let (nc, ns) = (economy.n_countries() as f64, economy.n_sectors() as f64);
        let mut cells: Vec<(Cell, Option<f64>)> = Vec::with_capacity(edits.len() / 4);
        for edit in edits.chunks(4) {
            let &[n, i, j, percent] = edit else {
                return Err(SessionError::new("set_rates takes four numbers per cell"));
            };
            let index = |v: f64, count: f64| {
                (v.fract().abs() < f64::EPSILON && (0.0..count).contains(&v)).then_some(v as usize)
            };
            let (Some(n), Some(i), Some(j)) = (index(n, nc), index(i, nc), index(j, ns)) else {
                return Err(SessionError::new("set_rates: no such cell"));
            };
            if n == i {
                return Err(SessionError::new("set_rates: a country does not tariff its own goods"));
            }
            let cell = (j, n, i);
            if percent.is_nan() {
                cells.push((cell, None));
                continue;
            }
            if !(0.0..=100.0 * MAX_TARIFF_RATE).contains(&percent) {
                return Err(SessionError::new(self.text.fill(
                    "error.table_rate",
                    &[
                        ("cell", &self.cell_label(cell)),
                        ("value", &self.text.number(percent, 2)),
                        ("max", &self.text.number(100.0 * MAX_TARIFF_RATE, 0)),
                    ],
                )));
            }
            cells.push((cell, Some(percent / 100.0)));
        }
        let state = self.state.with_cells(&cells, economy)?;
        let (scenario, results) = state.solve(economy)?;
        self.state = state;
        self.set_result(scenario, results);
        Ok(())
    }

    /// A block pasted from a spreadsheet as rows of numbers (`null`: an empty cell, left as it is): tabs, `;` or
    /// `,` between cells, `.` or `,` as decimal separator, `%` allowed. A cell that is not a number is named by
    /// row and column in the reader's language.
    pub fn parse_paste(&self, text: &str) -> Result<Vec<Vec<Option<f64>>>, SessionError> {
        match parse_block(text) {
            Ok(rows) => Ok(rows),
            Err(BlockProblem::TooLarge) => Err(SessionError::new(self.text.get("error.paste_too_large"))),
            Err(BlockProblem::NotANumber { row, column, text }) => Err(SessionError::new(self.text.fill(
                "error.paste_number",
                &[("row", &row.to_string()), ("column", &column.to_string()), ("value", &text)],
            ))),
        }
    }

    /// A cell's name for messages: "United States on China, Machinery".
    fn cell_label(&self, (j, n, i): Cell) -> String {
        format!(
            "{}, {}",
            self.text.fill("ui.table.pair", &[("importer", &self.country(n)), ("exporter", &self.country(i))]),
            self.sector(j)
        )
    }

    /// The scenario on screen as a scenario file (JSON, the format `natx solve` and the page read): the base with
    /// the moved controls and the tariff table's cells, as measures.
    pub fn scenario_json(&self) -> Result<String, SessionError> {
        let mut file = self.state.scenario_file(&self.economy)?;
        file.name = self.scenario_name();
        serde_json::to_string_pretty(&file).map_err(|e| SessionError::new(e.to_string()))
    }
}

impl Session {
    fn country(&self, n: usize) -> String {
        let e = &self.economy;
        self.text.country(&e.countries()[n], &e.country_names()[n])
    }

    fn sector(&self, j: usize) -> String {
        let e = &self.economy;
        self.text.sector(&e.sectors()[j], &e.sector_names()[j])
    }
}

/// A rate in percent to six decimals (what the table shows and a link keeps).
fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

/// One line of the comparison table, in the reader's language.
#[derive(Debug, Serialize)]
pub struct CompareLine {
    /// The country.
    pub country: String,
    /// The horizon.
    pub horizon: String,
    /// `[A, B, B − A]`, each "real GDP % / jobs (thousands) / real income %".
    pub cells: [String; 3],
}

/// Scenario A against scenario B, in the reader's language.
#[derive(Debug, Serialize)]
pub struct Comparison {
    /// Scenario A's name.
    pub a: String,
    /// Scenario B's name.
    pub b: String,
    /// One line per country and horizon.
    pub lines: Vec<CompareLine>,
}

impl Session {
    /// Scenario A (this explorer) against scenario B (`other`), at both horizons, for the United States, Canada
    /// and Mexico (then the others): `{a, b, lines: [{country, horizon, cells: [A, B, B − A]}]}`, each cell "real
    /// GDP % / jobs, thousands / real income %". The same figures as `natx compare` ([`crate::app::compare`]).
    pub fn compare_with(&self, other: &Session) -> Result<Comparison, SessionError> {
        let (a, b) = (self.both_horizons()?, other.both_horizons()?);
        let rows = crate::app::compare::compare(&self.economy, a, b);
        let text = &self.text;
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
        Ok(Comparison { a: self.scenario_name(), b: other.scenario_name(), lines })
    }

    /// Start the ranges of B − A against `other` (the same elasticity and rigidity draws for both scenarios, at
    /// both horizons: `uncertainty::DifferenceRangesJob`), unless they are done or under way for this pair.
    /// Returns whether there is work to do ([`Session::advance_difference`]).
    pub fn begin_difference(&mut self, other: &Session) -> bool {
        let key = Self::pair_key(self, other);
        if self.difference.as_ref().is_some_and(|d| d.key == key) {
            return self.difference.as_ref().is_some_and(|d| d.done.is_none() && d.error.is_none());
        }
        let Some((other_economy, _)) = &self.other_horizon else { return false };
        let options = crate::model::uncertainty::RangeOptions::default();
        let (first, long) = if self.economy.horizon() == Some("long_run") {
            (other_economy, &self.economy)
        } else {
            (&self.economy, other_economy)
        };
        let jobs = [first, long]
            .into_iter()
            .map(|economy| DifferenceRangesJob::new(economy, &self.scenario, &other.scenario, &options))
            .collect();
        self.difference = Some(Difference { key, jobs, parts: Vec::new(), done: None, error: None });
        true
    }

    /// One slice of the difference's ranges (about a frame's work); true when they are done (or failed: the
    /// comparison then shows the difference without a range).
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

impl Session {
    /// The comparison as CSV (one row per country, horizon and measure; ids and plain decimal numbers, so that
    /// any spreadsheet reads it), with both scenarios' names and the link first.
    pub fn compare_csv(&self, other: &Session, link: &str) -> Result<String, SessionError> {
        let rows = crate::app::compare::compare(&self.economy, self.both_horizons()?, other.both_horizons()?);
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
pub(super) struct Difference {
    /// The pair they are for (both explorers' links).
    key: String,
    jobs: Vec<DifferenceRangesJob>,
    parts: Vec<DifferenceRanges>,
    /// First year and long run, when both are done.
    done: Option<[DifferenceRanges; 2]>,
    error: Option<String>,
}

impl Session {
    /// The pair a comparison's ranges are for.
    fn pair_key(a: &Session, b: &Session) -> String {
        format!("{}|{}|{}", a.url_query(), b.url_query(), a.elasticities)
    }

    /// The scenario on screen at both horizons (the result and the other horizon's, solved with it).
    fn both_horizons(&self) -> Result<crate::app::compare::BothHorizons<'_>, SessionError> {
        let (_, other) =
            self.other_horizon.as_ref().ok_or_else(|| SessionError::new(self.text.get("ui.compare.unavailable")))?;
        let (first_year, long_run) =
            if self.economy.horizon() == Some("long_run") { (other, &self.results) } else { (&self.results, other) };
        Ok(crate::app::compare::BothHorizons { first_year, long_run })
    }
}
