//! The tariff table (issue 25): rates a reader sets cell by cell (importer × exporter × sector), and a reader's own
//! scenario written cell by cell, both in a compact form for links.
//!
//! Link form (the values of `rates=` and `own=`): entries separated by `*`, each `IMPORTER.EXPORTER.SECTOR.PERCENT`
//! (ids of the economy in use, the applied tariff in percent: `USA.CHN.machinery.60`). `own=` also takes
//! `cost.IMPORTER.EXPORTER.SECTOR.FACTOR` (a trade-cost factor) and `claim.PERCENT` (the USMCA claim share the
//! controls use). `*` and `.` are the characters a link keeps as they are (`,` and `:` become `%2C` and `%3A`).

pub use crate::app::controls::Cell;
use crate::app::controls::{cells as control_cells, ControlSpec};
use crate::model::economy::{Economy, MAX_TARIFF_RATE};
use crate::model::error::ModelError;
use crate::model::scenario::{Measure, Scenario, ScenarioFile, MAX_TRADE_COST_FACTOR, MIN_TRADE_COST_FACTOR};
use crate::util::numbers::{fixed, parse_decimal};

/// The longest link the page offers without a warning: links of more than 2,000 characters are cut by some mail
/// programs, chat tools and content systems (the limit commonly quoted; browsers themselves take far more).
pub const MAX_SHARED_LINK: usize = 2000;

/// The most entries a link's cell list may hold (every cell of an economy of 20 countries and 25 sectors): a
/// longer list is refused before any entry is read.
pub const MAX_LINK_CELLS: usize = 20 * 19 * 25;

/// Tariff rates set cell by cell (fractions, 0.25 = 25%), each replacing whatever the scenario had there. Kept in
/// (importer, exporter, sector) order, one entry per cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CellRates {
    cells: Vec<(Cell, f64)>,
}

fn order((j, n, i): Cell) -> (usize, usize, usize) {
    (n, i, j)
}

impl CellRates {
    /// Whether no cell is set.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// How many cells are set.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// The rate set on a cell, if any.
    pub fn get(&self, cell: Cell) -> Option<f64> {
        self.cells.binary_search_by_key(&order(cell), |(c, _)| order(*c)).ok().map(|at| self.cells[at].1)
    }

    /// Set a cell's rate (a fraction, 0 to the largest rate an economy may hold); own-country cells are refused.
    pub fn set(&mut self, cell: Cell, rate: f64) -> Result<(), ModelError> {
        let (_, n, i) = cell;
        if n == i {
            return Err(ModelError::invalid("rates", "", "a country does not tariff its own goods"));
        }
        if !(0.0..=MAX_TARIFF_RATE).contains(&rate) {
            return Err(ModelError::invalid(
                "rates",
                "",
                format!("a tariff between 0% and {}%", fixed(MAX_TARIFF_RATE * 100.0, 0)),
            ));
        }
        match self.cells.binary_search_by_key(&order(cell), |(c, _)| order(*c)) {
            Ok(at) => self.cells[at].1 = rate,
            Err(at) => self.cells.insert(at, (cell, rate)),
        }
        Ok(())
    }

    /// Drop a cell's rate (the scenario's own rate shows again).
    pub fn remove(&mut self, cell: Cell) {
        self.cells.retain(|(c, _)| *c != cell);
    }

    /// Drop every cell a control sets (the control moved last: it takes those cells back).
    pub fn remove_control(&mut self, spec: &ControlSpec, economy: &Economy) {
        let block = control_cells(spec, economy);
        self.cells.retain(|(c, _)| !block.contains(c));
    }

    /// `(cell, rate)` for every cell set.
    pub fn iter(&self) -> impl Iterator<Item = (Cell, f64)> + '_ {
        self.cells.iter().copied()
    }

    /// The scenario with every cell set appended as a measure (so they have the last word).
    pub fn apply(&self, mut file: ScenarioFile, economy: &Economy) -> ScenarioFile {
        for &(cell, rate) in &self.cells {
            file.measures.push(Measure { tariff: Some(rate), ..cell_measure(economy, cell, "Tariff table") });
        }
        file
    }

    /// The link form (see the module's documentation); empty when no cell is set.
    pub fn encode(&self, economy: &Economy) -> String {
        let mut entries = Vec::with_capacity(self.cells.len());
        for &(cell, rate) in &self.cells {
            entries.push(format!("{}.{}", cell_ids(economy, cell), link_number(rate * 100.0)));
        }
        entries.join("*")
    }

    /// Read the link form against `economy` (ids must exist; every problem is named).
    pub fn decode(text: &str, economy: &Economy) -> Result<Self, ModelError> {
        let mut rates = CellRates::default();
        for entry in entries(text)? {
            let (cell, percent) = tariff_entry(entry, economy)?;
            rates.set(cell, percent / 100.0).map_err(|e| entry_problem(entry, &e.to_string()))?;
        }
        Ok(rates)
    }
}

/// A number in a link: at most six decimals, no trailing zeros (`25`, `12.5`, `0.000001`).
fn link_number(value: f64) -> String {
    let text = fixed(value, 6);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A measure on one cell (importer, exporter, sector), labelled "`what`: USA on CHN machinery", setting nothing yet.
fn cell_measure(economy: &Economy, (j, n, i): Cell, what: &str) -> Measure {
    let (countries, sectors) = (economy.countries(), economy.sectors());
    Measure {
        label: format!("{what}: {} on {} {}", countries[n], countries[i], sectors[j]),
        importers: vec![countries[n].clone()],
        exporters: vec![countries[i].clone()],
        sectors: vec![sectors[j].clone()],
        ..Default::default()
    }
}

fn cell_ids(economy: &Economy, (j, n, i): Cell) -> String {
    format!("{}.{}.{}", economy.countries()[n], economy.countries()[i], economy.sectors()[j])
}

fn entries(text: &str) -> Result<Vec<&str>, ModelError> {
    let entries: Vec<&str> = text.split('*').map(str::trim).filter(|e| !e.is_empty()).collect();
    if entries.len() > MAX_LINK_CELLS {
        return Err(ModelError::invalid("rates", "", format!("{} cells; at most {MAX_LINK_CELLS}", entries.len())));
    }
    Ok(entries)
}

fn entry_problem(entry: &str, problem: &str) -> ModelError {
    ModelError::invalid(crate::util::quote::bounded(entry).into_owned(), "", problem.to_string())
}

/// `IMPORTER.EXPORTER.SECTOR.NUMBER` → the cell and the number.
fn tariff_entry(entry: &str, economy: &Economy) -> Result<(Cell, f64), ModelError> {
    let parts: Vec<&str> = entry.splitn(4, '.').collect();
    let [importer, exporter, sector, number] = parts[..] else {
        return Err(entry_problem(entry, "expected IMPORTER.EXPORTER.SECTOR.PERCENT, such as USA.CHN.machinery.60"));
    };
    let country = |id: &str| {
        economy.country_index(id).ok_or_else(|| entry_problem(entry, &format!("no country {id} in this economy")))
    };
    let (n, i) = (country(importer)?, country(exporter)?);
    let j = economy
        .sector_index(sector)
        .ok_or_else(|| entry_problem(entry, &format!("no sector {sector} in this economy")))?;
    let value = parse_decimal(number).ok_or_else(|| entry_problem(entry, "the last part must be a number"))?;
    Ok(((j, n, i), value))
}

/// A reader's own scenario in a link: every cell whose tariff or trade cost differs from the economy's 2024
/// values, and the USMCA claim share the controls use. Read back, it is a scenario file of one measure per cell
/// that builds to the same arrays (to six decimals of a percent).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OwnScenario {
    /// Applied tariffs that differ from the economy's.
    pub tariffs: CellRates,
    /// Trade-cost factors other than 1.
    pub costs: Vec<(Cell, f64)>,
    /// The USMCA claim share the controls use, percent.
    pub claim: Option<f64>,
}

impl OwnScenario {
    /// What a built scenario changes from `economy`, with the controls' claim share (percent).
    pub fn of(economy: &Economy, scenario: &Scenario, claim: f64) -> Self {
        let mut own = OwnScenario { claim: Some(claim), ..Default::default() };
        let (nc, ns) = (economy.n_countries(), economy.n_sectors());
        for n in 0..nc {
            for i in 0..nc {
                for j in 0..ns {
                    let rate = scenario.tariff(economy, j, n, i);
                    if n != i && (rate - economy.tariff(j, n, i)).abs() > 1e-12 {
                        // Within range: the scenario was checked when it was built.
                        let _ = own.tariffs.set((j, n, i), rate);
                    }
                    let cost = scenario.trade_cost(economy, j, n, i);
                    if (cost - 1.0).abs() > 1e-12 {
                        own.costs.push(((j, n, i), cost));
                    }
                }
            }
        }
        own
    }

    /// The link form.
    pub fn encode(&self, economy: &Economy) -> String {
        let mut parts = Vec::new();
        if let Some(claim) = self.claim {
            parts.push(format!("claim.{}", link_number(claim)));
        }
        let tariffs = self.tariffs.encode(economy);
        if !tariffs.is_empty() {
            parts.push(tariffs);
        }
        for &(cell, factor) in &self.costs {
            parts.push(format!("cost.{}.{}", cell_ids(economy, cell), link_number(factor)));
        }
        parts.join("*")
    }

    /// Read the link form against `economy`.
    pub fn decode(text: &str, economy: &Economy) -> Result<Self, ModelError> {
        let mut own = OwnScenario::default();
        for entry in entries(text)? {
            if let Some(claim) = entry.strip_prefix("claim.") {
                let value = parse_decimal(claim)
                    .filter(|v| (0.0..=100.0).contains(v))
                    .ok_or_else(|| entry_problem(entry, "a claim share between 0 and 100"))?;
                own.claim = Some(value);
            } else if let Some(cost) = entry.strip_prefix("cost.") {
                let (cell, factor) = tariff_entry(cost, economy)?;
                if !(MIN_TRADE_COST_FACTOR..=MAX_TRADE_COST_FACTOR).contains(&factor) || cell.1 == cell.2 {
                    return Err(entry_problem(
                        entry,
                        "a trade-cost factor between 0.001 and 1000000 between two countries",
                    ));
                }
                own.costs.retain(|(c, _)| *c != cell);
                own.costs.push((cell, factor));
            } else {
                let (cell, percent) = tariff_entry(entry, economy)?;
                own.tariffs.set(cell, percent / 100.0).map_err(|e| entry_problem(entry, &e.to_string()))?;
            }
        }
        Ok(own)
    }

    /// The scenario file it describes, named `name`.
    pub fn file(&self, name: &str, economy: &Economy) -> ScenarioFile {
        let mut file = ScenarioFile { name: name.into(), ..ScenarioFile::baseline() };
        file.description = String::new();
        if let Some(claim) = self.claim {
            file.controls.insert("usmca_claim".into(), claim);
        }
        let mut file = self.tariffs.apply(file, economy);
        for &(cell, factor) in &self.costs {
            file.measures.push(Measure { trade_cost: Some(factor), ..cell_measure(economy, cell, "Trade cost") });
        }
        file
    }
}

/// Why a pasted block was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockProblem {
    /// More than 1000 rows or columns.
    TooLarge,
    /// A cell that is not a number (row and column 1-based, the cell's text).
    NotANumber {
        /// Row, from 1.
        row: usize,
        /// Column, from 1.
        column: usize,
        /// The cell's text.
        text: String,
    },
}

/// A block pasted from a spreadsheet: rows split at line breaks, cells at tabs or `;` (or `,` when neither is
/// there and no cell has a decimal comma), each a number with `.` or `,` as decimal separator and an optional `%`.
/// Empty cells are `None` (left as they are). Every problem names its row and column (1-based).
pub fn parse_block(text: &str) -> Result<Vec<Vec<Option<f64>>>, BlockProblem> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() > 1000 {
        return Err(BlockProblem::TooLarge);
    }
    let separator = if text.contains('\t') {
        '\t'
    } else if text.contains(';') {
        ';'
    } else {
        ','
    };
    let mut rows = Vec::with_capacity(lines.len());
    for (r, line) in lines.iter().enumerate() {
        let mut row = Vec::new();
        for (c, cell) in line.split(separator).enumerate() {
            if c >= 1000 {
                return Err(BlockProblem::TooLarge);
            }
            let cell = cell.trim().trim_end_matches('%').trim();
            if cell.is_empty() {
                row.push(None);
                continue;
            }
            let normal = if separator == ',' { cell.to_string() } else { cell.replace(',', ".") };
            let value = parse_decimal(&normal).ok_or_else(|| BlockProblem::NotANumber {
                row: r + 1,
                column: c + 1,
                text: crate::util::quote::bounded(cell).into_owned(),
            })?;
            row.push(Some(value));
        }
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;
    use crate::data::presets;

    fn economy() -> Economy {
        presets::north_america_2024().unwrap()
    }

    #[test]
    fn cell_rates_round_trip_through_a_link() {
        let e = economy();
        let mut rates = CellRates::default();
        let m = e.sector_index("machinery").unwrap();
        rates.set((m, 0, 3), 0.6).unwrap();
        rates.set((0, 1, 0), 0.125).unwrap();
        let text = rates.encode(&e);
        assert_eq!(text, "USA.CHN.machinery.60*CAN.USA.agri_food.12.5");
        assert_eq!(CellRates::decode(&text, &e).unwrap(), rates);
    }

    #[test]
    fn bad_entries_are_named() {
        let e = economy();
        for bad in ["USA.XXX.machinery.60", "USA.CHN.nothing.60", "USA.CHN.machinery.lots", "USA.USA.energy.5", "USA"] {
            let error = CellRates::decode(bad, &e).unwrap_err().to_string();
            assert!(error.contains(bad), "{bad}: {error}");
        }
        assert!(CellRates::decode("USA.CHN.machinery.20000", &e).is_err());
    }

    #[test]
    fn own_scenario_rebuilds_the_same_arrays() {
        let e = economy();
        let file = presets::preset("us-tariffs-2025").unwrap();
        let scenario = Scenario::build(&file, &e).unwrap();
        let own = OwnScenario::of(&e, &scenario, 85.0);
        assert!(!own.tariffs.is_empty());
        let back = OwnScenario::decode(&own.encode(&e), &e).unwrap();
        let rebuilt = Scenario::build(&back.file("mine.json", &e), &e).unwrap();
        for (a, b) in scenario.tau_new.iter().zip(&rebuilt.tau_new) {
            assert!((a - b).abs() < 1e-8, "{a} {b}");
        }
        assert_eq!(back.claim, Some(85.0));
    }

    #[test]
    fn pasted_blocks_take_tabs_semicolons_and_decimal_commas() {
        let block = parse_block("10\t12,5\t\n7%\t8\t9\n").unwrap();
        assert_eq!(block, vec![vec![Some(10.0), Some(12.5), None], vec![Some(7.0), Some(8.0), Some(9.0)]]);
        assert_eq!(parse_block("1,5;2\n3;4,25").unwrap()[1], vec![Some(3.0), Some(4.25)]);
        assert_eq!(parse_block("1.5,2").unwrap()[0], vec![Some(1.5), Some(2.0)]);
        let error = parse_block("1;2\n3;x").unwrap_err();
        assert_eq!(error, BlockProblem::NotANumber { row: 2, column: 2, text: "x".into() });
    }
}
