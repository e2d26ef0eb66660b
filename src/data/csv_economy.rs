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

use crate::model::economy::{Economy, EconomyFile};
use crate::model::error::ModelError;

/// At most this many problems are listed; a file with more is probably of another format.
const MAX_PROBLEMS: usize = 50;
/// Size limits: generous for the 140-country × 65-sector GTAP size, small enough to keep a browser tab alive.
const MAX_COUNTRIES: usize = 250;
const MAX_SECTORS: usize = 150;

fn problem(row: usize, field: &str, text: impl std::fmt::Display) -> String {
    format!("row {row}, {field}: {text}")
}

/// The records of a CSV text (RFC 4180 quoting, any number of fields per row), each field trimmed. csv-core does
/// the parsing; the `csv` crate on top of it would add about 9 KB to the browser module for nothing used here.
fn records(text: &str) -> Vec<Vec<String>> {
    use csv_core::ReadRecordResult;
    let mut reader = csv_core::Reader::new();
    let mut input = text.as_bytes();
    let (mut output, mut ends) = (vec![0u8; 4096], vec![0usize; 16]);
    let (mut used_output, mut used_ends) = (0, 0);
    let mut records = Vec::new();
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
                let record = ends[..used_ends]
                    .iter()
                    .map(|&end| {
                        let field = String::from_utf8_lossy(&output[start..end]).trim().to_string();
                        start = end;
                        field
                    })
                    .collect();
                records.push(record);
                (used_output, used_ends) = (0, 0);
            }
            ReadRecordResult::End => return records,
        }
    }
}

/// Parse an economy from the CSV long format. On failure the error lists the problems found.
pub fn economy_from_csv(text: &str) -> Result<Economy, ModelError> {
    Economy::from_file(file_from_csv(text)?)
}

/// Read the CSV long format into an economy file without the economic checks of [`Economy::from_file`] (shapes and
/// values are checked; consistency is not), for callers that rebase raw data first.
pub fn file_from_csv(text: &str) -> Result<EconomyFile, ModelError> {
    let mut records = records(text).into_iter();
    let mut problems: Vec<String> = Vec::new();
    let headers: Vec<String> = records.next().unwrap_or_default().iter().map(|s| s.to_ascii_lowercase()).collect();
    let expected = ["table", "key1", "key2", "key3", "value"];
    if headers.len() < 5 || headers[..5] != expected {
        return Err(ModelError::invalid(
            "CSV",
            "[row 1]",
            format!("the header must be `{}`, found `{}`", expected.join(","), headers.join(",")),
        ));
    }
    let mut countries: Vec<String> = Vec::new();
    let mut sectors: Vec<String> = Vec::new();
    let mut flows: Vec<(usize, String, String, String, f64)> = Vec::new();
    let mut tariffs: Vec<(usize, String, String, String, f64)> = Vec::new();
    let mut thetas: Vec<(usize, String, f64)> = Vec::new();
    let mut io: Vec<(usize, String, String, String, f64)> = Vec::new();
    let mut va: Vec<(usize, String, String, f64)> = Vec::new();
    // (id, name) pairs; a later row for the same id wins.
    let mut country_names: Vec<(String, String)> = Vec::new();
    let mut sector_names: Vec<(String, String)> = Vec::new();
    for (k, record) in records.enumerate() {
        let row = k + 2;
        if problems.len() >= MAX_PROBLEMS {
            problems.push(format!("… stopped after {MAX_PROBLEMS} problems"));
            break;
        }
        let field = |i: usize| record.get(i).cloned().unwrap_or_default();
        let table = field(0);
        if table.is_empty() && record.iter().all(String::is_empty) {
            continue;
        }
        let (a, b, c, raw_value) = (field(1), field(2), field(3), field(4));
        let value = || -> Option<f64> { crate::util::numbers::parse_decimal(&raw_value) };
        let need = |name: &str, v: &str, problems: &mut Vec<String>| -> bool {
            if v.is_empty() {
                problems.push(problem(row, name, "is empty"));
                false
            } else {
                true
            }
        };
        match table.as_str() {
            "flow" | "tariff" | "io_share" => {
                let names = match table.as_str() {
                    "flow" => ["key1 (exporter)", "key2 (importer)", "key3 (sector)"],
                    "tariff" => ["key1 (importer)", "key2 (exporter)", "key3 (sector)"],
                    _ => ["key1 (country)", "key2 (input sector)", "key3 (using sector)"],
                };
                let ok = need(names[0], &a, &mut problems)
                    & need(names[1], &b, &mut problems)
                    & need(names[2], &c, &mut problems);
                let Some(v) = value() else {
                    problems.push(problem(row, "value", format!("`{raw_value}` is not a finite number")));
                    continue;
                };
                if v < 0.0 {
                    problems.push(problem(
                        row,
                        "value",
                        format!("must be ≥ 0, found {}", crate::util::numbers::Shortest(v)),
                    ));
                    continue;
                }
                if !ok {
                    continue;
                }
                match table.as_str() {
                    "flow" => {
                        for id in [&a, &b] {
                            if !countries.contains(id) {
                                countries.push(id.clone());
                            }
                        }
                        if !sectors.contains(&c) {
                            sectors.push(c.clone());
                        }
                        flows.push((row, a, b, c, v));
                    }
                    "tariff" => tariffs.push((row, a, b, c, v)),
                    _ => io.push((row, a, b, c, v)),
                }
            }
            "theta" => match value() {
                Some(v) if need("key1 (sector)", &a, &mut problems) => thetas.push((row, a, v)),
                Some(_) => {}
                None => problems.push(problem(row, "value", format!("`{raw_value}` is not a finite number"))),
            },
            "va_share" => match value() {
                Some(v) if need("key1 (country)", &a, &mut problems) & need("key2 (sector)", &b, &mut problems) => {
                    va.push((row, a, b, v))
                }
                Some(_) => {}
                None => problems.push(problem(row, "value", format!("`{raw_value}` is not a finite number"))),
            },
            "country_name" => {
                country_names.push((a, b));
            }
            "sector_name" => {
                sector_names.push((a, b));
            }
            other => problems.push(problem(
                row,
                "table",
                format!(
                    "unknown table `{other}`; use flow, tariff, theta, io_share, va_share, country_name or sector_name"
                ),
            )),
        }
    }
    if countries.len() > MAX_COUNTRIES || sectors.len() > MAX_SECTORS {
        problems.push(format!(
            "too large: {} countries and {} sectors (at most {MAX_COUNTRIES} and {MAX_SECTORS})",
            countries.len(),
            sectors.len()
        ));
    }
    if countries.len() < 2 {
        problems.push("the `flow` rows name fewer than 2 countries".into());
    }
    if !problems.is_empty() {
        return Err(ModelError::Problems { what: "CSV economy file".into(), problems });
    }
    let (nc, ns) = (countries.len(), sectors.len());
    let country = |id: &str| countries.iter().position(|c| c == id);
    let sector = |id: &str| sectors.iter().position(|s| s == id);
    let mut x = vec![vec![vec![0.0; nc]; nc]; ns];
    // The row that first gave each flow (0: none yet; data rows are numbered from 2).
    let mut first_row = vec![0usize; ns * nc * nc];
    for (row, exporter, importer, s, v) in &flows {
        let (i, n, j) = (country(exporter).unwrap_or(0), country(importer).unwrap_or(0), sector(s).unwrap_or(0));
        let first = &mut first_row[(j * nc + n) * nc + i];
        if *first == 0 {
            *first = *row;
        } else {
            problems.push(problem(*row, "flow", format!("{exporter} → {importer}, {s} already given in row {first}")));
        }
        x[j][n][i] = *v;
    }
    let mut tau = vec![vec![vec![0.0; nc]; nc]; ns];
    for (row, importer, exporter, s, v) in &tariffs {
        match (country(importer), country(exporter), sector(s)) {
            (Some(n), Some(i), Some(j)) => tau[j][n][i] = *v,
            _ => problems.push(problem(
                *row,
                "tariff",
                format!("{importer}, {exporter}, {s}: a country or sector that no flow row names"),
            )),
        }
    }
    let mut theta = vec![f64::NAN; ns];
    for (row, s, v) in &thetas {
        match sector(s) {
            Some(j) => theta[j] = *v,
            None => problems.push(problem(*row, "theta", format!("sector `{s}` appears in no flow row"))),
        }
    }
    for (j, t) in theta.iter().enumerate() {
        if t.is_nan() {
            problems.push(format!("theta: no row for sector `{}`", sectors[j]));
        }
    }
    let mut gamma_io = vec![vec![vec![0.0; ns]; ns]; nc];
    for (row, c, input, using, v) in &io {
        match (country(c), sector(input), sector(using)) {
            (Some(n), Some(k), Some(j)) => gamma_io[n][k][j] = *v,
            _ => problems.push(problem(
                *row,
                "io_share",
                format!("{c}, {input}, {using}: a country or sector that no flow row names"),
            )),
        }
    }
    let mut gamma_va: Vec<Vec<f64>> =
        (0..nc).map(|n| (0..ns).map(|j| 1.0 - (0..ns).map(|k| gamma_io[n][k][j]).sum::<f64>()).collect()).collect();
    for (row, c, s, v) in &va {
        match (country(c), sector(s)) {
            (Some(n), Some(j)) => gamma_va[n][j] = *v,
            _ => problems.push(problem(
                *row,
                "va_share",
                format!("{c}, {s}: a country or sector that no flow row names"),
            )),
        }
    }
    if !problems.is_empty() {
        problems.truncate(MAX_PROBLEMS);
        return Err(ModelError::Problems { what: "CSV economy file".into(), problems });
    }
    let names = |ids: &[String], pairs: &[(String, String)]| -> Option<Vec<String>> {
        let name =
            |id: &String| pairs.iter().rev().find(|(k, _)| k == id).map_or_else(|| id.clone(), |(_, v)| v.clone());
        (!pairs.is_empty()).then(|| ids.iter().map(name).collect())
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

/// Write an economy in the CSV long format (the inverse of [`economy_from_csv`]).
pub fn economy_to_csv(economy: &Economy) -> String {
    let mut out = String::from("table,key1,key2,key3,value\n");
    let quote =
        |s: &str| if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() };
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
