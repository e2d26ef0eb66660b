//! The economy in CSV "long" format: one file, one row per figure, with a `table` column saying what the row is.
//! Easier to produce from a spreadsheet or a database than the nested JSON arrays. See `data/README.md` and the
//! example `data/examples/three-country.csv`.
//!
//! ```text
//! table,key1,key2,key3,value
//! flow,USA,CAN,goods,120.5          exporter, importer, sector: X at the importer's price incl. the tariff
//! tariff,CAN,USA,goods,0.02         importer, exporter, sector: baseline tariff (missing rows: 0)
//! theta,goods,,,4.0                 sector: trade elasticity (required for every sector)
//! io_share,USA,goods,services,0.1   country, input sector, using sector (missing rows: 0)
//! va_share,USA,goods,,0.45          country, sector (optional: 1 − the sum of its input shares)
//! country_name,USA,United States,,  optional readable names
//! sector_name,goods,Goods,,
//! ```
//!
//! Countries and sectors are taken in the order they first appear in `flow` rows. Every problem found is
//! reported with its row number (1 = the header) and field, not only the first; then the usual economy checks run.

use std::collections::HashMap;

use crate::model::economy::{check_size, Economy, EconomyFile, MAX_BILATERAL_CELLS, MAX_COUNTRIES, MAX_SECTORS};
use crate::model::error::ModelError;
use crate::util::quote::bounded;

/// The longest id and name a file may give, in characters: the economy's own caps (one owner, `model::economy`).
use crate::model::ids::{id_problem, MAX_ID_CHARS, MAX_NAME_CHARS};

/// At most this many problems are listed; a file with more is probably of another format.
const MAX_PROBLEMS: usize = 50;
/// At most this many distinct ids (countries, sectors, and ids named only in other tables) are read before the file
/// is refused as too large; reading stops there, so a file naming 120,000 countries costs no more than one naming 1,000.
const MAX_IDS: usize = 4 * (MAX_COUNTRIES + MAX_SECTORS);

/// The row that first gave each cell, by table and interned keys, filled as rows arrive: a second value for a
/// cell is a problem at once (not silently the last one, and not found only after every row is stored), so reading
/// stops after [`MAX_PROBLEMS`] of them like after any other problem.
#[derive(Default)]
struct FirstRows(HashMap<(u8, [u32; 3]), usize>);

impl FirstRows {
    /// Record that `row` gives the cell `keys` of table `tag`; if an earlier row gave it, add a problem naming the
    /// cell (`what`, written only then) and that row, and return `false`.
    fn first_time(
        &mut self,
        tag: u8,
        keys: [u32; 3],
        row: usize,
        table: &str,
        what: impl FnOnce() -> String,
        problems: &mut Vec<String>,
    ) -> bool {
        match self.0.entry((tag, keys)) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(row);
                true
            }
            std::collections::hash_map::Entry::Occupied(seen) => {
                problems.push(problem(row, table, format!("{} already given in row {}", what(), seen.get())));
                false
            }
        }
    }
}

fn problem(row: usize, field: &str, text: impl std::fmt::Display) -> String {
    format!("row {row}, {field}: {text}")
}

/// Whether a field is longer than `max` characters (reading no further than that), with a problem for its row.
fn too_long(row: usize, field: &str, value: &str, max: usize, what: &str, problems: &mut Vec<String>) -> bool {
    let long = value.char_indices().nth(max).is_some();
    if long {
        problems.push(problem(
            row,
            field,
            format!(
                "{what} of at most {max} characters, found {} characters: `{}`",
                value.chars().count(),
                bounded(value)
            ),
        ));
    }
    long
}

/// The first characters that make a spreadsheet read a cell as a formula (`=`, `+`, `-`, `@`, and the tab and
/// carriage return some spreadsheets strip before them).
const FORMULA_LEADS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as [`economy_to_csv`] writes it: a leading `'` before a formula-leading text, so that a
/// spreadsheet opening the file shows the id instead of running it (`=HYPERLINK(…)` becomes `'=HYPERLINK(…)`).
fn neutralised(id: &str) -> std::borrow::Cow<'_, str> {
    if id.starts_with(FORMULA_LEADS) {
        std::borrow::Cow::Owned(format!("'{id}"))
    } else {
        std::borrow::Cow::Borrowed(id)
    }
}

/// An id as read back: the `'` that [`neutralised`] put before a formula-leading id is dropped, so a written
/// file reads back to the same ids.
fn unneutralised(id: &str) -> &str {
    match id.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_LEADS) => rest,
        _ => id,
    }
}

/// Call `each` with the fields of every record of a CSV text (RFC 4180 quoting, any number of fields per row),
/// each field trimmed, one record at a time: the file is never held as strings. csv-core does the parsing; the
/// `csv` crate on top of it would add about 9 KB to the browser module for nothing used here. Reading stops when
/// `each` returns `false`.
fn for_each_record(text: &str, mut each: impl FnMut(&[String]) -> bool) {
    use csv_core::ReadRecordResult;
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter(text)).build();
    let mut input = text.as_bytes();
    let (mut output, mut ends) = (vec![0u8; 4096], vec![0usize; 16]);
    let (mut used_output, mut used_ends) = (0, 0);
    let mut record: Vec<String> = Vec::new();
    loop {
        let (result, read, written, fields) =
            reader.read_record(input, &mut output[used_output..], &mut ends[used_ends..]);
        input = &input[read..];
        used_output += written;
        used_ends += fields;
        match result {
            // With the input used up, the next call (on empty input) ends the last record.
            ReadRecordResult::InputEmpty => {}
            ReadRecordResult::OutputFull => output.resize(output.len() * 2, 0),
            ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            ReadRecordResult::Record => {
                let mut start = 0;
                record.clear();
                for &end in &ends[..used_ends] {
                    record.push(String::from_utf8_lossy(&output[start..end]).trim().to_string());
                    start = end;
                }
                (used_output, used_ends) = (0, 0);
                if !each(&record) {
                    return;
                }
            }
            ReadRecordResult::End => return,
        }
    }
}

/// The field separator of a CSV text: `;` when its first line has semicolons and no comma (what spreadsheets
/// write where the decimal separator is a comma: French Canada, Mexico in some set-ups, most of Europe), `,`
/// otherwise.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.contains(';') && !first.contains(',') {
        b';'
    } else {
        b','
    }
}

/// A number in a CSV cell: a decimal point, or in a `;`-separated file a decimal comma (`0,25`).
fn cell_number(raw: &str, decimal_comma: bool) -> Option<f64> {
    crate::util::numbers::parse_decimal(raw).or_else(|| {
        let comma = decimal_comma && raw.matches(',').count() == 1 && !raw.contains('.');
        comma.then(|| crate::util::numbers::parse_decimal(&raw.replace(',', "."))).flatten()
    })
}

/// Parse an economy from the CSV long format. On failure the error lists the problems found.
pub fn economy_from_csv(text: &str) -> Result<Economy, ModelError> {
    Economy::from_file(file_from_csv(text)?)
}

/// Ids seen in a file, each stored once; rows keep the small number instead of the text.
#[derive(Default)]
struct Ids {
    index: HashMap<String, u32>,
    names: Vec<String>,
}

impl Ids {
    fn intern(&mut self, id: &str) -> u32 {
        if let Some(&k) = self.index.get(id) {
            return k;
        }
        let k = self.names.len() as u32;
        self.names.push(id.to_string());
        self.index.insert(id.to_string(), k);
        k
    }
}

/// A numeric row: its number, up to three interned keys and its value.
type Row = (usize, [u32; 3], f64);

/// Read the CSV long format into an economy file without the economic checks of [`Economy::from_file`] (shapes and
/// values are checked; consistency is not), for callers that rebase raw data first.
pub fn file_from_csv(text: &str) -> Result<EconomyFile, ModelError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let decimal_comma = delimiter(text) == b';';
    let mut problems: Vec<String> = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut ids = Ids::default();
    // Position of each interned id among the countries and sectors (in the order of first appearance in flows).
    let mut country_of: Vec<Option<usize>> = Vec::new();
    let mut sector_of: Vec<Option<usize>> = Vec::new();
    let (mut countries, mut sectors): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    let (mut flows, mut tariffs, mut io): (Vec<Row>, Vec<Row>, Vec<Row>) = Default::default();
    let (mut va, mut thetas): (Vec<Row>, Vec<Row>) = Default::default();
    // (id, name) pairs; a later row for the same id wins.
    let mut country_names: HashMap<String, String> = HashMap::new();
    let mut sector_names: HashMap<String, String> = HashMap::new();
    let mut first_rows = FirstRows::default();
    let mut row = 1;
    for_each_record(text, |record| {
        if header.is_none() {
            header = Some(record.iter().map(|s| s.to_ascii_lowercase()).collect());
            return !header
                .as_ref()
                .is_some_and(|h| h.len() < 5 || h[..5] != ["table", "key1", "key2", "key3", "value"]);
        }
        row += 1;
        if problems.len() >= MAX_PROBLEMS {
            problems.push(format!("… stopped after {MAX_PROBLEMS} problems"));
            return false;
        }
        let field = |i: usize| record.get(i).map_or("", String::as_str);
        let table = field(0);
        if table.is_empty() && record.iter().all(String::is_empty) {
            return true;
        }
        let (a, b, c, raw_value) =
            (unneutralised(field(1)), unneutralised(field(2)), unneutralised(field(3)), field(4));
        // Ids and names have a length cap, checked before anything is kept of them.
        let (is_name, keys) = match table {
            "flow" | "tariff" | "io_share" => (false, 3),
            "va_share" => (false, 2),
            "theta" => (false, 1),
            "country_name" | "sector_name" => (true, 1),
            _ => (false, 0),
        };
        let mut long = false;
        for (k, key) in [a, b, c].into_iter().enumerate().take(keys) {
            long |= too_long(row, &format!("key{}", k + 1), key, MAX_ID_CHARS, "an id", &mut problems);
        }
        if is_name {
            long |= too_long(row, "key2", b, MAX_NAME_CHARS, "a name", &mut problems);
        }
        if long {
            return true;
        }
        // Ids follow the economy's one rule (no invisible characters, one way to write each: see
        // `model::ids::id_problem`); the cells are already trimmed.
        let id_keys = if is_name { 1 } else { keys };
        let mut bad_id = false;
        for (k, key) in [a, b, c].into_iter().enumerate().take(id_keys) {
            if let Some(text) = id_problem(key) {
                problems.push(problem(row, &format!("key{}", k + 1), text));
                bad_id = true;
            }
        }
        if bad_id {
            return true;
        }
        let value = || -> Option<f64> { cell_number(raw_value, decimal_comma) };
        let need = |name: &str, v: &str, problems: &mut Vec<String>| -> bool {
            if v.is_empty() {
                problems.push(problem(row, name, "is empty"));
                false
            } else {
                true
            }
        };
        match table {
            "flow" | "tariff" | "io_share" => {
                let names = match table {
                    "flow" => ["key1 (exporter)", "key2 (importer)", "key3 (sector)"],
                    "tariff" => ["key1 (importer)", "key2 (exporter)", "key3 (sector)"],
                    _ => ["key1 (country)", "key2 (input sector)", "key3 (using sector)"],
                };
                let ok = need(names[0], a, &mut problems)
                    & need(names[1], b, &mut problems)
                    & need(names[2], c, &mut problems);
                let Some(v) = value() else {
                    problems.push(problem(row, "value", format!("`{}` is not a finite number", bounded(raw_value))));
                    return true;
                };
                if v < 0.0 {
                    problems.push(problem(
                        row,
                        "value",
                        format!("must be ≥ 0, found {}", crate::util::numbers::Shortest(v)),
                    ));
                    return true;
                }
                if !ok {
                    return true;
                }
                let keys = [ids.intern(a), ids.intern(b), ids.intern(c)];
                country_of.resize(ids.names.len(), None);
                sector_of.resize(ids.names.len(), None);
                let fresh = match table {
                    "flow" => first_rows.first_time(0, keys, row, table, || format!("{a} → {b}, {c}"), &mut problems),
                    "tariff" => first_rows.first_time(1, keys, row, table, || format!("{a}, {b}, {c}"), &mut problems),
                    _ => first_rows.first_time(2, keys, row, table, || format!("{a}, {b}, {c}"), &mut problems),
                };
                if !fresh {
                    return true;
                }
                match table {
                    "flow" => {
                        for k in [keys[0], keys[1]] {
                            if country_of[k as usize].is_none() {
                                country_of[k as usize] = Some(countries.len());
                                countries.push(k);
                            }
                        }
                        if sector_of[keys[2] as usize].is_none() {
                            sector_of[keys[2] as usize] = Some(sectors.len());
                            sectors.push(keys[2]);
                        }
                        flows.push((row, keys, v));
                    }
                    "tariff" => tariffs.push((row, keys, v)),
                    _ => io.push((row, keys, v)),
                }
            }
            "theta" => match value() {
                Some(v) if need("key1 (sector)", a, &mut problems) => {
                    let keys = [ids.intern(a), 0, 0];
                    if first_rows.first_time(3, keys, row, table, || format!("sector `{a}`"), &mut problems) {
                        thetas.push((row, keys, v));
                    }
                }
                Some(_) => {}
                None => {
                    problems.push(problem(row, "value", format!("`{}` is not a finite number", bounded(raw_value))))
                }
            },
            "va_share" => match value() {
                Some(v) if need("key1 (country)", a, &mut problems) & need("key2 (sector)", b, &mut problems) => {
                    let keys = [ids.intern(a), ids.intern(b), 0];
                    if first_rows.first_time(4, keys, row, table, || format!("{a}, {b}"), &mut problems) {
                        va.push((row, keys, v));
                    }
                }
                Some(_) => {}
                None => {
                    problems.push(problem(row, "value", format!("`{}` is not a finite number", bounded(raw_value))))
                }
            },
            "country_name" => {
                if country_names.len() < MAX_IDS || country_names.contains_key(a) {
                    country_names.insert(a.to_string(), b.to_string());
                }
            }
            "sector_name" => {
                if sector_names.len() < MAX_IDS || sector_names.contains_key(a) {
                    sector_names.insert(a.to_string(), b.to_string());
                }
            }
            other => problems.push(problem(
                row,
                "table",
                format!(
                    "unknown table `{}`; use flow, tariff, theta, io_share, va_share, country_name or sector_name",
                    bounded(other)
                ),
            )),
        }
        // Stop at the first limit exceeded, before the file can cost more time or memory.
        let (nc, ns) = (countries.len(), sectors.len());
        if nc > MAX_COUNTRIES || ns > MAX_SECTORS || nc * nc * ns > MAX_BILATERAL_CELLS || ids.names.len() > MAX_IDS {
            problems.push(format!(
                "row {row}: too large: the file names more than {MAX_COUNTRIES} countries, {MAX_SECTORS} sectors, \
                 {MAX_IDS} ids or {MAX_BILATERAL_CELLS} country pairs × sectors (so far {nc} countries, {ns} sectors)"
            ));
            return false;
        }
        true
    });
    let headers = header.unwrap_or_default();
    let expected = ["table", "key1", "key2", "key3", "value"];
    if headers.len() < 5 || headers[..5] != expected {
        return Err(ModelError::invalid(
            "CSV",
            "[row 1]",
            format!("the header must be `{}`, found `{}`", expected.join(","), bounded(&headers.join(","))),
        ));
    }
    if countries.len() < 2 && problems.is_empty() {
        problems.push("the `flow` rows name fewer than 2 countries".into());
    }
    if !problems.is_empty() {
        return Err(ModelError::Problems { what: "CSV economy file".into(), problems });
    }
    let (nc, ns) = (countries.len(), sectors.len());
    check_size(nc, ns)?;
    let name = |k: u32| ids.names[k as usize].as_str();
    let country = |k: u32| country_of.get(k as usize).copied().flatten();
    let sector = |k: u32| sector_of.get(k as usize).copied().flatten();
    // Every cell is given at most once here: a second row for it was a problem as it arrived (`FirstRows`).
    let mut x = vec![vec![vec![0.0; nc]; nc]; ns];
    for &(_, [e, m, s], v) in &flows {
        let (i, n, j) = (country(e).unwrap_or(0), country(m).unwrap_or(0), sector(s).unwrap_or(0));
        x[j][n][i] = v;
    }
    let mut tau = vec![vec![vec![0.0; nc]; nc]; ns];
    for &(row, [m, e, s], v) in &tariffs {
        match (country(m), country(e), sector(s)) {
            (Some(n), Some(i), Some(j)) => tau[j][n][i] = v,
            _ => problems.push(problem(
                row,
                "tariff",
                format!("{}, {}, {}: a country or sector that no flow row names", name(m), name(e), name(s)),
            )),
        }
    }
    let mut theta = vec![f64::NAN; ns];
    for &(row, [s, _, _], v) in &thetas {
        match sector(s) {
            Some(j) => theta[j] = v,
            None => problems.push(problem(row, "theta", format!("sector `{}` appears in no flow row", name(s)))),
        }
    }
    for (j, t) in theta.iter().enumerate() {
        if t.is_nan() {
            problems.push(format!("theta: no row for sector `{}`", name(sectors[j])));
        }
    }
    let mut gamma_io = vec![vec![vec![0.0; ns]; ns]; nc];
    for &(row, [cn, input, using], v) in &io {
        match (country(cn), sector(input), sector(using)) {
            (Some(n), Some(k), Some(j)) => gamma_io[n][k][j] = v,
            _ => problems.push(problem(
                row,
                "io_share",
                format!("{}, {}, {}: a country or sector that no flow row names", name(cn), name(input), name(using)),
            )),
        }
    }
    let mut gamma_va: Vec<Vec<f64>> =
        (0..nc).map(|n| (0..ns).map(|j| 1.0 - (0..ns).map(|k| gamma_io[n][k][j]).sum::<f64>()).collect()).collect();
    for &(row, [cn, s, _], v) in &va {
        match (country(cn), sector(s)) {
            (Some(n), Some(j)) => gamma_va[n][j] = v,
            _ => problems.push(problem(
                row,
                "va_share",
                format!("{}, {}: a country or sector that no flow row names", name(cn), name(s)),
            )),
        }
    }
    if !problems.is_empty() {
        problems.truncate(MAX_PROBLEMS);
        return Err(ModelError::Problems { what: "CSV economy file".into(), problems });
    }
    let countries: Vec<String> = countries.iter().map(|&k| name(k).to_string()).collect();
    let sectors: Vec<String> = sectors.iter().map(|&k| name(k).to_string()).collect();
    let names = |ids: &[String], pairs: &HashMap<String, String>| -> Option<Vec<String>> {
        (!pairs.is_empty()).then(|| ids.iter().map(|id| pairs.get(id).unwrap_or(id).clone()).collect())
    };
    Ok(EconomyFile {
        country_names: names(&countries, &country_names),
        sector_names: names(&sectors, &sector_names),
        countries,
        sectors,
        X: x,
        tau,
        theta,
        gamma_va,
        gamma_io,
        name: Some("Economy from a CSV file".into()),
        ..Default::default()
    })
}

/// Write an economy in the CSV long format (the inverse of [`economy_from_csv`]). An id that starts like a
/// formula is written after a `'` (see [`neutralised`]), which reading drops again.
pub fn economy_to_csv(economy: &Economy) -> String {
    let mut out = String::from("table,key1,key2,key3,value\n");
    // Formula-leading ids are neutralised first, then quoted as RFC 4180 asks.
    let quote = |s: &str| {
        let s = neutralised(s);
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.into_owned()
        }
    };
    let (countries, sectors) = (economy.countries(), economy.sectors());
    for j in 0..economy.n_sectors() {
        for n in 0..economy.n_countries() {
            for i in 0..economy.n_countries() {
                out += &format!(
                    "flow,{},{},{},{}\n",
                    quote(&countries[i]),
                    quote(&countries[n]),
                    quote(&sectors[j]),
                    economy.flow(j, n, i)
                );
                let t = economy.tariff(j, n, i);
                if t != 0.0 {
                    out += &format!(
                        "tariff,{},{},{},{t}\n",
                        quote(&countries[n]),
                        quote(&countries[i]),
                        quote(&sectors[j])
                    );
                }
            }
        }
    }
    for j in 0..economy.n_sectors() {
        out += &format!("theta,{},,,{}\n", quote(&sectors[j]), economy.theta()[j]);
    }
    for n in 0..economy.n_countries() {
        for j in 0..economy.n_sectors() {
            out += &format!(
                "va_share,{},{},,{}\n",
                quote(&countries[n]),
                quote(&sectors[j]),
                economy.value_added_share(n, j)
            );
            for k in 0..economy.n_sectors() {
                let share = economy.input_share(n, k, j);
                if share != 0.0 {
                    out += &format!(
                        "io_share,{},{},{},{share}\n",
                        quote(&countries[n]),
                        quote(&sectors[k]),
                        quote(&sectors[j])
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;
    use crate::data::synthetic::random_economy;

    fn records(text: &str) -> Vec<Vec<String>> {
        let mut all = Vec::new();
        for_each_record(text, |r| {
            all.push(r.to_vec());
            true
        });
        all
    }

    /// Issue 25: a spreadsheet's `;`-separated CSV with decimal commas (French Canada, Mexico) reads the same
    /// economy as the comma file.
    #[test]
    fn a_semicolon_csv_with_decimal_commas_reads_like_the_comma_file() {
        let comma = include_str!("../../data/examples/three-country.csv");
        let semicolon: String = comma
            .lines()
            .map(|line| {
                let cells: Vec<String> = line.split(',').map(|c| c.replace('.', ",")).collect();
                cells.join(";")
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(semicolon.contains(";0,") || semicolon.contains(",5"), "the converted file has decimal commas");
        let a = file_from_csv(comma).unwrap();
        let b = file_from_csv(&semicolon).unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
        // In a comma file a decimal comma is not a number.
        assert_eq!(cell_number("0,25", false), None);
        assert_eq!(cell_number("0,25", true), Some(0.25));
        assert_eq!(cell_number("1,234,5", true), None);
    }

    #[test]
    fn records_follow_rfc_4180_quoting_with_crlf_blank_lines_and_no_final_newline() {
        let text = "a,b\r\n\r\n\" x , y \",\"say \"\"hi\"\"\",\"two\nlines\"\nlast, 5 ";
        let want: Vec<Vec<&str>> = vec![vec!["a", "b"], vec!["x , y", "say \"hi\"", "two\nlines"], vec!["last", "5"]];
        let got = records(text);
        let got: Vec<Vec<&str>> = got.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        assert_eq!(got, want);
        // Far longer than the first output buffer.
        let long = format!("{},1\n", "x".repeat(10_000));
        assert_eq!(records(&long.repeat(3))[2][0].len(), 10_000);
    }

    #[test]
    fn csv_round_trips_an_economy() {
        let economy = random_economy(4, 3, 12).unwrap();
        let back = economy_from_csv(&economy_to_csv(&economy)).unwrap();
        assert_eq!(back.countries(), economy.countries());
        for j in 0..3 {
            for n in 0..4 {
                for i in 0..4 {
                    assert!((back.flow(j, n, i) - economy.flow(j, n, i)).abs() < 1e-12);
                    assert!((back.tariff(j, n, i) - economy.tariff(j, n, i)).abs() < 1e-12);
                }
            }
        }
    }

    #[test]
    fn formula_leading_ids_are_written_neutralised_and_read_back_whole() {
        let mut file = crate::data::synthetic::random_economy_file(4, 3, 12);
        file.countries = ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-ROW", "@SUM(A1)"].map(String::from).to_vec();
        file.sectors[0] = "=cmd|' /C calc'!A0".into();
        let economy = Economy::from_file(file).unwrap();
        let text = economy_to_csv(&economy);
        for record in records(&text).iter().skip(1) {
            for cell in &record[1..4] {
                assert!(!cell.starts_with(FORMULA_LEADS), "{cell:?} in {record:?}");
            }
        }
        assert!(text.contains(r#"flow,"'=HYPERLINK(""http://x"",""y"")",'+1,"#), "{text}");
        assert!(text.contains("flow,'+1,'-ROW,'=cmd|' /C calc'!A0,"), "{text}");
        let back = economy_from_csv(&text).unwrap();
        assert_eq!(back.countries(), economy.countries());
        assert_eq!(back.sectors(), economy.sectors());
        // A leading `'` before anything else is part of the id.
        assert_eq!(unneutralised("'quoted"), "'quoted");
        assert_eq!(unneutralised("'=x"), "=x");
    }

    #[test]
    fn ids_and_names_have_a_length_cap_with_their_row() {
        let long_id = "Q".repeat(MAX_ID_CHARS + 1);
        let huge_id = "Z".repeat(30_000_000);
        let long_name = "n".repeat(MAX_NAME_CHARS + 1);
        let text = format!(
            "table,key1,key2,key3,value\nflow,A,B,s,1\nflow,{long_id},A,s,1\ntheta,{huge_id},,,4\n\
             country_name,A,{long_name},,\nflow,B,A,s,{huge_id}\n"
        );
        let started = std::time::Instant::now();
        let message = economy_from_csv(&text).unwrap_err().to_string();
        println!("a CSV with a 30 MB id refused in {:?}", started.elapsed());
        assert!(message.len() < 2_000, "{} bytes", message.len());
        for fragment in [
            format!("row 3, key1: an id of at most 64 characters, found 65 characters: `{}…`", "Q".repeat(64)),
            format!("row 4, key1: an id of at most 64 characters, found 30000000 characters: `{}…`", "Z".repeat(64)),
            "row 5, key2: a name of at most 200 characters, found 201 characters".to_string(),
            format!("row 6, value: `{}…` is not a finite number", "Z".repeat(64)),
        ] {
            assert!(message.contains(&fragment), "{fragment:?} in {message}");
        }
        // At the caps, ids and names load.
        let id = "I".repeat(MAX_ID_CHARS);
        let name = "N".repeat(MAX_NAME_CHARS);
        let text = format!(
            "table,key1,key2,key3,value\nflow,{id},B,s,1\nflow,B,{id},s,1\nflow,{id},{id},s,5\nflow,B,B,s,5\n\
             theta,s,,,4\ncountry_name,{id},{name},,\n"
        );
        let file = file_from_csv(&text).unwrap();
        assert_eq!(file.countries[0], id);
        assert_eq!(file.country_names.unwrap()[0], name);
    }

    #[test]
    fn every_problem_is_listed_with_its_row_and_field() {
        let text = "table,key1,key2,key3,value\nflow,A,B,s,1\nflow,B,A,s,abc\nflow,A,A,s,-2\nweird,x,y,z,1\ntheta,t,,,3\nflow,B,B,,4\n";
        let message = economy_from_csv(text).unwrap_err().to_string();
        for fragment in [
            "row 3, value: `abc` is not a finite number",
            "row 4, value: must be ≥ 0",
            "row 5, table: unknown table `weird`",
            "row 7, key3 (sector): is empty",
        ] {
            assert!(message.contains(fragment), "{fragment:?} in {message}");
        }
        let message = economy_from_csv("a,b\n1,2\n").unwrap_err().to_string();
        assert!(message.contains("the header must be"), "{message}");
        let message =
            economy_from_csv("table,key1,key2,key3,value\nflow,A,B,s,1\nflow,B,A,s,1\nflow,A,A,s,5\nflow,B,B,s,5\n")
                .unwrap_err()
                .to_string();
        assert!(message.contains("theta: no row for sector `s`"), "{message}");
    }
}
