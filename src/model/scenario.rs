//! Scenarios: the scenario file format (full arrays or a list of tariff and trade-cost measures) and its
//! expansion into the new tariff array `tau_new` and the trade-cost change `dhat` that the solver reads.

use serde::{Deserialize, Serialize};

use crate::model::economy::{check_values3, flatten3, Economy, MAX_TARIFF_RATE};
use crate::model::error::{idx, ModelError};
use crate::model::ids::{file_id, IdValues, MAX_ID_VALUES};
use crate::util::numbers::Shortest;
use crate::util::quote::{bounded, quoted};

/// The largest trade-cost factor a scenario may set (a millionfold rise: a flow cut off in practice).
pub const MAX_TRADE_COST_FACTOR: f64 = 1e6;
/// The smallest trade-cost factor a scenario may set.
pub const MIN_TRADE_COST_FACTOR: f64 = 1e-3;

/// The most cells all the measures of a scenario may touch together (each measure's block of sectors ×
/// importers × exporters, added up over the measures), checked from the lists' lengths before any cell is
/// expanded: about 300 measures that each cover every cell of the largest economy (140 × 140 × 65, 1.27 million
/// cells), under a second natively. Without it a 64 MB file of two million all-cell measures would expand for
/// hours.
pub const MAX_MEASURE_CELLS: u64 = 400_000_000;

/// One tariff or trade-cost measure, applied to a block of `[sector][importer][exporter]` cells.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Short text, for example "US Section 232 steel and aluminum 50%".
    pub label: String,
    /// Countries that impose it (empty: all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub importers: Vec<String>,
    /// Countries whose goods it hits (empty: all). Own-country cells are always skipped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exporters: Vec<String>,
    /// Sectors it covers (empty: all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<String>,
    /// Statutory rate that replaces the rate in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tariff: Option<f64>,
    /// Statutory rate added to the rate in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tariff_add: Option<f64>,
    /// Factor multiplying `dhat` (0.95 = a 5% cut in trade costs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade_cost: Option<f64>,
    /// Apply the tariff only to the share of trade that does not claim USMCA.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub usmca_exempt: bool,
    /// Where the measure comes from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Date in force, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// How the applied rate was derived.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// An estimated share inside the rate that the evidence does not pin down, which the ranges draw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Coverage>,
}

/// An estimated share inside a measure's rate that no published figure pins down, such as the share of a sector's
/// exports that a Section 232 duty covers or the non-US content of USMCA vehicles (issue 23, item 4;
/// `docs/model.md`, "Uncertainty"). The measure's rate is linear in the share: at share `s` it is the measure's
/// `tariff` (or `tariff_add`) plus `rate_per_share · (s − central)`. The ranges draw every such share at its `low`,
/// `central` or `high` value together, each with probability one third.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// The share the measure's rate is written at.
    pub central: f64,
    /// The lowest plausible share.
    pub low: f64,
    /// The highest plausible share.
    pub high: f64,
    /// How much the rate rises per unit of share (for a covered share: the covered rate less the rate otherwise
    /// paid).
    pub rate_per_share: f64,
}

/// Which value of each measure's [`Coverage`] to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoverageCase {
    /// The lowest plausible shares.
    Low,
    /// The shares the rates are written at.
    Central,
    /// The highest plausible shares.
    High,
}

impl ScenarioFile {
    /// Whether any measure has an estimated [`Coverage`] share.
    pub fn has_coverage(&self) -> bool {
        self.measures.iter().any(|m| m.coverage.is_some())
    }

    /// The file with every measure's estimated share at `case`: each rate moved by `rate_per_share` times the
    /// share's change (never below zero).
    pub fn with_coverage(mut self, case: CoverageCase) -> ScenarioFile {
        for m in &mut self.measures {
            let Some(c) = m.coverage else { continue };
            let share = match case {
                CoverageCase::Low => c.low,
                CoverageCase::Central => c.central,
                CoverageCase::High => c.high,
            };
            let shift = c.rate_per_share * (share - c.central);
            for rate in [&mut m.tariff, &mut m.tariff_add].into_iter().flatten() {
                *rate = (*rate + shift).max(0.0);
            }
        }
        self
    }
}

/// The scenario file exactly as written on disk (see `data/README.md`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// Short title.
    pub name: String,
    /// Plain description for readers.
    pub description: String,
    /// Date the regime describes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// Sources of the measures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Full new tariff array `[j][n][i]` (default: the baseline's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tau_new: Option<Vec<Vec<Vec<f64>>>>,
    /// Full trade-cost change array `[j][n][i]` (default: all 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dhat: Option<Vec<Vec<Vec<f64>>>>,
    /// Share of each exporter's sales to the other USMCA members that claims the preference.
    #[serde(default, skip_serializing_if = "IdValues::is_empty")]
    pub usmca_claim_share: IdValues,
    /// Claim shares by exporter and sector (`{"CAN": {"energy": 1.0}}`) that replace `usmca_claim_share` for the
    /// sectors listed: preference use differs by sector (Canadian energy about 100%, Mexican vehicles far less).
    #[serde(default, skip_serializing_if = "SectorClaimShares::is_empty")]
    pub usmca_claim_share_by_sector: SectorClaimShares,
    /// Measures applied in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    /// Control values (id → percent) for what the measures cannot show; only `usmca_claim` is read, for scenarios
    /// without a `usmca_claim_share`. Every other control shows the value in force (`controls::value_in_force`).
    #[serde(default, skip_serializing_if = "IdValues::is_empty")]
    pub controls: IdValues,
    /// Show the results one year after the change beside the long-run ones (for regimes too short-lived for the
    /// long run to describe them alone, such as the 150-day Section 122 surcharge of 2026).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub compare_horizons: bool,
}

/// Claim shares by exporter, then by sector (a JSON object of objects such as `{"CAN": {"energy": 1.0}}`), kept
/// sorted by exporter id. An exporter listed twice is refused, as an id listed twice in [`IdValues`] is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SectorClaimShares(Vec<(String, IdValues)>);

impl SectorClaimShares {
    /// The share for `exporter` in `sector`, if listed.
    pub fn get(&self, exporter: &str, sector: &str) -> Option<f64> {
        let at = self.0.binary_search_by(|(k, _)| k.as_str().cmp(exporter)).ok()?;
        self.0[at].1.get(sector).copied()
    }

    /// Set the share of `exporter` in `sector` (replacing any earlier one).
    pub fn insert(&mut self, exporter: &str, sector: &str, share: f64) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(exporter)) {
            Ok(at) => self.0[at].1.insert(sector.into(), share),
            Err(at) => self.0.insert(at, (exporter.into(), [(sector.to_string(), share)].into_iter().collect())),
        }
    }

    /// Drop every sector share of `exporter`.
    pub fn remove(&mut self, exporter: &str) {
        self.0.retain(|(k, _)| k != exporter);
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries, sorted by exporter id.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &IdValues)> {
        self.0.iter().map(|(id, values)| (id, values))
    }
}

impl FromIterator<(String, IdValues)> for SectorClaimShares {
    fn from_iter<I: IntoIterator<Item = (String, IdValues)>>(entries: I) -> Self {
        let mut shares = SectorClaimShares::default();
        for (exporter, values) in entries {
            for (sector, share) in &values {
                shares.insert(&exporter, sector, *share);
            }
        }
        shares
    }
}

impl Serialize for SectorClaimShares {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for SectorClaimShares {
    /// Refuses an exporter listed twice and more than [`MAX_ID_VALUES`] exporters (each inner object is an
    /// [`IdValues`], with its own checks).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let entries = crate::util::entries::Entries::<IdValues>::deserialize(deserializer)?.0;
        if entries.len() > MAX_ID_VALUES {
            return Err(D::Error::custom(format!(
                "an object of numbers by id holds {} ids; at most {MAX_ID_VALUES} are allowed",
                entries.len()
            )));
        }
        let mut shares = SectorClaimShares::default();
        for (id, values) in entries {
            let id = file_id(id).map_err(D::Error::custom)?;
            match shares.0.binary_search_by(|(k, _)| k.as_str().cmp(&id)) {
                Ok(_) => return Err(D::Error::custom(format!("{} listed twice", quoted(&id)))),
                Err(at) => shares.0.insert(at, (id, values)),
            }
        }
        Ok(shares)
    }
}

impl ScenarioFile {
    /// The USMCA claim share of `exporter`'s goods in `sector`: the sector's own share from
    /// `usmca_claim_share_by_sector` when listed, otherwise the exporter's `usmca_claim_share`.
    pub fn claim_share(&self, exporter: &str, sector: &str) -> Option<f64> {
        self.usmca_claim_share_by_sector.get(exporter, sector).or_else(|| self.usmca_claim_share.get(exporter).copied())
    }

    /// Parse a scenario file (not yet checked against an economy).
    pub fn from_json(text: &str) -> Result<Self, ModelError> {
        let mut reader = serde_json::Deserializer::from_str(crate::model::economy::without_bom(text));
        let file: Self = serde_path_to_error::deserialize(&mut reader).map_err(|e| ModelError::Parse {
            what: "scenario file".into(),
            message: field_message(&e.path().to_string(), &e.inner().to_string()),
        })?;
        reader.end().map_err(|e| ModelError::Parse { what: "scenario file".into(), message: e.to_string() })?;
        Ok(file)
    }

    /// The scenario in which nothing changes.
    pub fn baseline() -> Self {
        ScenarioFile {
            name: "Baseline".into(),
            description: "No change from the 2024 baseline.".into(),
            ..Default::default()
        }
    }
}

impl ScenarioFile {
    /// The measure most likely to blame when a solve of this file fails: the one with the highest tariff rate
    /// (`tariff` or `tariff_add`), or else the largest change in trade costs, located and quoted
    /// (`measures[0] ('all goods'): a tariff of 2000%`); `None` without measures.
    pub fn most_extreme_measure(&self) -> Option<String> {
        let extremity = |m: &Measure| {
            let rate = m.tariff.or(m.tariff_add).unwrap_or(0.0);
            let cost = m.trade_cost.map_or(0.0, |f| if f > 0.0 { f.ln().abs() } else { f64::INFINITY });
            (rate, cost)
        };
        let (at, measure) = self.measures.iter().enumerate().max_by(|(_, a), (_, b)| {
            let (a, b) = (extremity(a), extremity(b));
            a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1))
        })?;
        let what = match (measure.tariff, measure.tariff_add, measure.trade_cost) {
            (Some(rate), _, _) => format!("a tariff of {}%", Shortest(100.0 * rate)),
            (_, Some(rate), _) => format!("a tariff increase of {} percentage points", Shortest(100.0 * rate)),
            (_, _, Some(factor)) => format!("trade costs times {}", Shortest(factor)),
            _ => return None,
        };
        Some(format!("measures[{at}] ({}): {what}", quoted(&measure.label)))
    }
}

/// A scenario checked against an economy: the arrays the solver reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Title.
    pub name: String,
    /// Description.
    pub description: String,
    /// New tariffs, flat `[j][n][i]`.
    pub(crate) tau_new: Vec<f64>,
    /// Trade-cost changes, flat `[j][n][i]`.
    pub(crate) dhat: Vec<f64>,
    /// Whether readers should see the one-year and long-run results side by side (`ScenarioFile::compare_horizons`).
    pub compare_horizons: bool,
}

impl Scenario {
    /// Check a scenario file against an economy and expand its measures.
    pub fn build(file: &ScenarioFile, economy: &Economy) -> Result<Self, ModelError> {
        let mut job = ScenarioBuild::new(file, economy)?;
        while !job.advance(file, economy, u64::MAX)? {}
        Ok(job.finish(file, economy))
    }

    /// The baseline scenario for an economy (nothing changes).
    pub fn baseline(economy: &Economy) -> Self {
        let cells = economy.n_sectors() * economy.n_countries() * economy.n_countries();
        Scenario {
            name: "Baseline".into(),
            description: String::new(),
            tau_new: economy.tariffs().to_vec(),
            dhat: vec![1.0; cells],
            compare_horizons: false,
        }
    }

    /// New tariff `tau_new[j][n][i]`.
    pub fn tariff(&self, economy: &Economy, sector: usize, importer: usize, exporter: usize) -> f64 {
        self.tau_new[economy.bilateral_index(sector, importer, exporter)]
    }

    /// Trade-cost change `dhat[j][n][i]`.
    pub fn trade_cost(&self, economy: &Economy, sector: usize, importer: usize, exporter: usize) -> f64 {
        self.dhat[economy.bilateral_index(sector, importer, exporter)]
    }
}

/// A scenario's expansion in slices, so that a page without a worker stays responsive while a file with many
/// measures on a large economy is expanded ([`Scenario::build`] runs it to the end in one call): the arrays are
/// checked in [`ScenarioBuild::new`], then [`ScenarioBuild::advance`] expands a bounded number of cells per call.
#[derive(Debug, Clone)]
pub struct ScenarioBuild {
    tau_new: Vec<f64>,
    dhat: Vec<f64>,
    claimed: Vec<bool>,
    /// The next measure to expand.
    next: usize,
}

impl ScenarioBuild {
    /// Check a scenario file's arrays and shares against an economy; the measures are expanded by
    /// [`ScenarioBuild::advance`].
    pub fn new(file: &ScenarioFile, economy: &Economy) -> Result<Self, ModelError> {
        let (nc, ns) = (economy.n_countries(), economy.n_sectors());
        check_measure_cells(file, nc, ns)?;
        let dims = [ns, nc, nc];
        let tau_new = match &file.tau_new {
            Some(nested) => flatten3("tau_new", nested, ns, nc, nc)?,
            None => economy.tariffs().to_vec(),
        };
        let dhat = match &file.dhat {
            Some(nested) => flatten3("dhat", nested, ns, nc, nc)?,
            None => vec![1.0; ns * nc * nc],
        };
        check_values3(
            "tau_new",
            &tau_new,
            dims,
            |v| (0.0..=MAX_TARIFF_RATE).contains(&v),
            "must be a rate between 0 and 100 (10,000%)",
        )?;
        check_values3(
            "dhat",
            &dhat,
            dims,
            |v| (MIN_TRADE_COST_FACTOR..=MAX_TRADE_COST_FACTOR).contains(&v),
            "must be a trade-cost factor between 0.001 and 1,000,000",
        )?;
        for j in 0..ns {
            for n in 0..nc {
                let b = economy.bilateral_index(j, n, n);
                if tau_new[b] != 0.0 {
                    return Err(ModelError::invalid(
                        "tau_new",
                        idx(&[j, n, n]),
                        "a country's tariff on itself must be 0",
                    ));
                }
                if (dhat[b] - 1.0).abs() > 0.0 {
                    return Err(ModelError::invalid(
                        "dhat",
                        idx(&[j, n, n]),
                        "domestic trade costs cannot change: must be 1",
                    ));
                }
            }
        }
        for (country, &share) in &file.usmca_claim_share {
            if economy.country_index(country).is_none() {
                return Err(unknown_country(economy, &format!("usmca_claim_share.{}", bounded(country)), country));
            }
            if !share.is_finite() || !(0.0..=1.0).contains(&share) {
                return Err(ModelError::invalid(
                    format!("usmca_claim_share.{}", bounded(country)),
                    "",
                    format!("must be a share between 0 and 1, found {}", Shortest(share)),
                ));
            }
        }
        for (country, shares) in file.usmca_claim_share_by_sector.iter() {
            let field = format!("usmca_claim_share_by_sector.{}", bounded(country));
            if economy.country_index(country).is_none() {
                return Err(unknown_country(economy, &field, country));
            }
            for (sector, &share) in shares {
                if economy.sector_index(sector).is_none() {
                    return Err(ModelError::UnknownName {
                        kind: format!("sector in {field}"),
                        name: sector.clone(),
                        known: economy.sectors().join(", "),
                    });
                }
                if !share.is_finite() || !(0.0..=1.0).contains(&share) {
                    return Err(ModelError::invalid(
                        format!("{field}.{}", bounded(sector)),
                        "",
                        format!("must be a share between 0 and 1, found {}", Shortest(share)),
                    ));
                }
            }
        }
        let claimed = vec![false; ns * nc * nc];
        Ok(ScenarioBuild { tau_new, dhat, claimed, next: 0 })
    }

    /// Expand the next measures, stopping once about `max_work` cells are done (at least one measure per call);
    /// returns whether every measure is expanded. `file` and `economy` are those given to [`ScenarioBuild::new`].
    pub fn advance(&mut self, file: &ScenarioFile, economy: &Economy, max_work: u64) -> Result<bool, ModelError> {
        if self.tau_new.len() != economy.n_sectors() * economy.n_countries() * economy.n_countries() {
            return Err(ModelError::invalid("measures", "", "the economy changed while the scenario was expanded"));
        }
        let mut work = 0u64;
        while let Some(measure) = file.measures.get(self.next) {
            if work >= max_work {
                return Ok(false);
            }
            work +=
                apply_measure(self.next, measure, file, economy, &mut self.tau_new, &mut self.dhat, &mut self.claimed)?;
            self.next += 1;
        }
        Ok(true)
    }

    /// Measures expanded so far, and how many there are.
    pub fn progress(&self, file: &ScenarioFile) -> (usize, usize) {
        (self.next, file.measures.len())
    }

    /// The scenario, once [`ScenarioBuild::advance`] has returned `true`.
    pub fn finish(mut self, file: &ScenarioFile, economy: &Economy) -> Scenario {
        add_compliance_cost(file, economy, &self.claimed, &mut self.dhat);
        Scenario {
            name: file.name.clone(),
            description: file.description.clone(),
            tau_new: self.tau_new,
            dhat: self.dhat,
            compare_horizons: file.compare_horizons,
        }
    }
}

/// Rules of origin (`docs/model.md`, "Rules of origin"): trade that starts to claim the preference because a
/// USMCA-exempt tariff made claiming worth it pays the economy's compliance cost. On each cell of the rules'
/// importer that an exempt measure covers, `dhat` is multiplied by `1 + cost × max(0, claim share − baseline
/// claim share)`, with the exporter's claim share in that sector ([`ScenarioFile::claim_share`]) and its baseline
/// share. Economies without `rules_of_origin` are unchanged.
fn add_compliance_cost(file: &ScenarioFile, economy: &Economy, claimed: &[bool], dhat: &mut [f64]) {
    let Some(rules) = &economy.file().rules_of_origin else {
        return;
    };
    let Some(importer) = economy.country_index(&rules.importer) else {
        return;
    };
    let (nc, ns) = (economy.n_countries(), economy.n_sectors());
    for i in 0..nc {
        let id = &economy.countries()[i];
        let Some(base) = rules.baseline_claim_share.get(id) else {
            continue;
        };
        for j in 0..ns {
            let Some(share) = file.claim_share(id, &economy.sectors()[j]) else {
                continue;
            };
            let newly_claiming = (share - base).max(0.0);
            if newly_claiming <= 0.0 {
                continue;
            }
            let b = economy.bilateral_index(j, importer, i);
            if claimed[b] {
                dhat[b] = (dhat[b] * (1.0 + rules.compliance_cost * newly_claiming))
                    .clamp(MIN_TRADE_COST_FACTOR, MAX_TRADE_COST_FACTOR);
            }
        }
    }
}

/// Refuse a scenario whose measures together would touch more than [`MAX_MEASURE_CELLS`] cells, at the measure
/// that passes the cap, from the lengths of its lists alone (an empty list: every country or sector; a list longer
/// than the economy's ids counts as all of them, since it must repeat one and is refused when expanded).
fn check_measure_cells(file: &ScenarioFile, nc: usize, ns: usize) -> Result<(), ModelError> {
    let count = |list: &[String], all: usize| if list.is_empty() { all } else { list.len().min(all) } as u64;
    let mut total = 0u64;
    for (m, measure) in file.measures.iter().enumerate() {
        let block = count(&measure.sectors, ns) * count(&measure.importers, nc) * count(&measure.exporters, nc);
        total = total.saturating_add(block);
        if total > MAX_MEASURE_CELLS {
            return Err(ModelError::invalid(
                format!("measures[{m}]"),
                "",
                format!(
                    "the measures up to this one touch {total} cells together (sectors × importers × exporters of \
                     each); at most {MAX_MEASURE_CELLS} are allowed: merge measures that cover the same cells, or \
                     give 'tau_new' and 'dhat' in full"
                ),
            ));
        }
    }
    Ok(())
}

fn unknown_country(economy: &Economy, field: &str, name: &str) -> ModelError {
    ModelError::UnknownName {
        kind: format!("country in {field}"),
        name: name.into(),
        known: economy.countries().join(", "),
    }
}

/// Resolve a list of ids to indices (empty list: all). An unknown id or one listed twice is refused at its
/// place in the list (`measures[0].exporters[1]: 'CAN' listed twice`): a repeated id would apply the measure to
/// its cells twice. Stops at the first problem, so a list can never hold more entries than `known` has ids.
fn resolve(ids: &[String], known: &[String], field: &str, kind: &str) -> Result<Vec<usize>, ModelError> {
    if ids.is_empty() {
        return Ok((0..known.len()).collect());
    }
    let mut listed = vec![false; known.len()];
    let mut indices = Vec::with_capacity(ids.len().min(known.len()));
    for (at, id) in ids.iter().enumerate() {
        // Spaces around an id are dropped (economy ids have none); an invisible character is refused at its place.
        if let Some(c) = crate::util::quote::invisible_char(id) {
            return Err(ModelError::invalid(
                field,
                format!("[{at}]"),
                format!(
                    "{} holds an invisible or control character (U+{:04X}); ids must be plain visible text",
                    quoted(&id.escape_debug().to_string()),
                    c as u32
                ),
            ));
        }
        let id = id.trim();
        if let Some(problem) = crate::model::ids::id_problem(id) {
            return Err(ModelError::invalid(field, format!("[{at}]"), problem));
        }
        let Some(index) = known.iter().position(|k| k == id) else {
            return Err(ModelError::UnknownName {
                kind: format!("{kind} in {field}[{at}]"),
                name: id.to_string(),
                known: known.join(", "),
            });
        };
        if std::mem::replace(&mut listed[index], true) {
            return Err(ModelError::invalid(field, format!("[{at}]"), format!("{} listed twice", quoted(id))));
        }
        indices.push(index);
    }
    Ok(indices)
}

fn apply_measure(
    m: usize,
    measure: &Measure,
    file: &ScenarioFile,
    economy: &Economy,
    tau_new: &mut [f64],
    dhat: &mut [f64],
    claimed: &mut [bool],
) -> Result<u64, ModelError> {
    let field = format!("measures[{m}]");
    let importers = resolve(&measure.importers, economy.countries(), &format!("{field}.importers"), "country")?;
    let exporters = resolve(&measure.exporters, economy.countries(), &format!("{field}.exporters"), "country")?;
    let sectors = resolve(&measure.sectors, economy.sectors(), &format!("{field}.sectors"), "sector")?;
    let given = [measure.tariff.is_some(), measure.tariff_add.is_some(), measure.trade_cost.is_some()];
    if given.iter().filter(|g| **g).count() != 1 {
        return Err(ModelError::invalid(
            field,
            "",
            "a measure needs exactly one of 'tariff', 'tariff_add' or 'trade_cost'",
        ));
    }
    let check_rate = |name: &str, v: f64| -> Result<f64, ModelError> {
        if v.is_finite() && (0.0..=MAX_TARIFF_RATE).contains(&v) {
            Ok(v)
        } else {
            Err(ModelError::invalid(
                format!("{field}.{name}"),
                "",
                format!("must be a rate between 0 and 100 (10,000%), found {}", Shortest(v)),
            ))
        }
    };
    if let Some(c) = measure.coverage {
        let shares_ordered = [c.low, c.central, c.high].iter().all(|v| v.is_finite())
            && 0.0 <= c.low
            && c.low <= c.central
            && c.central <= c.high
            && c.high <= 1.0;
        let rate = measure.tariff.or(measure.tariff_add);
        let rates_valid = c.rate_per_share.is_finite()
            && rate.is_some_and(|r| {
                [c.low, c.high].iter().all(|s| r + c.rate_per_share * (s - c.central) <= MAX_TARIFF_RATE)
            });
        if !shares_ordered || !rates_valid {
            return Err(ModelError::invalid(
                format!("{field}.coverage"),
                "",
                "needs 0 ≤ low ≤ central ≤ high ≤ 1, a finite rate_per_share and a 'tariff' or 'tariff_add' that stays \
                 a rate between 0 and 100 at every share",
            ));
        }
    }
    if measure.usmca_exempt && measure.trade_cost.is_some() {
        return Err(ModelError::invalid(
            format!("{field}.usmca_exempt"),
            "",
            "applies only to tariffs, not to 'trade_cost'",
        ));
    }
    // Rates are checked once, before the loop: a measure whose cells are all own-country cells (skipped) must not let
    // a bad rate through.
    let tariff = measure.tariff.map(|v| check_rate("tariff", v)).transpose()?;
    let tariff_add = measure.tariff_add.map(|v| check_rate("tariff_add", v)).transpose()?;
    if let Some(factor) = measure.trade_cost {
        if !factor.is_finite() || !(MIN_TRADE_COST_FACTOR..=MAX_TRADE_COST_FACTOR).contains(&factor) {
            return Err(ModelError::invalid(
                format!("{field}.trade_cost"),
                "",
                format!("must be a factor between 0.001 and 1,000,000, found {}", Shortest(factor)),
            ));
        }
    }
    // The share of each exporter's trade in a sector that pays the tariff: 1 minus its USMCA claim share in that
    // sector when exempt.
    let paying_share = |exporter: usize, sector: usize| -> Result<f64, ModelError> {
        if !measure.usmca_exempt {
            return Ok(1.0);
        }
        let id = &economy.countries()[exporter];
        match file.claim_share(id, &economy.sectors()[sector]) {
            Some(share) => Ok(1.0 - share),
            None => Err(ModelError::invalid(
                format!("{field}.usmca_exempt"),
                "",
                format!("the measure is USMCA-exempt but 'usmca_claim_share' has no value for exporter {}", quoted(id)),
            )),
        }
    };
    for &j in &sectors {
        for &n in &importers {
            for &i in &exporters {
                if n == i {
                    continue;
                }
                let b = economy.bilateral_index(j, n, i);
                if measure.usmca_exempt {
                    claimed[b] = true;
                }
                if let Some(rate) = tariff {
                    tau_new[b] = rate * paying_share(i, j)?;
                } else if let Some(rate) = tariff_add {
                    tau_new[b] = (tau_new[b] + rate * paying_share(i, j)?).min(MAX_TARIFF_RATE);
                } else if let Some(factor) = measure.trade_cost {
                    dhat[b] = (dhat[b] * factor).clamp(MIN_TRADE_COST_FACTOR, MAX_TRADE_COST_FACTOR);
                }
            }
        }
    }
    Ok((sectors.len() * importers.len() * exporters.len()) as u64 + 1)
}

/// The words a scenario file's parse errors are made of, in English, each with the catalogue key of its
/// translation (`parse.*` in `data/i18n/`): the page words the message in the reader's language by replacing them
/// (`web::pending`); serde writes the rest (the value found, quoted) as data. Longest phrases first.
pub const PARSE_PHRASES: [(&str, &str); 13] = [
    ("scenario file is not valid: ", "parse.scenario_not_valid"),
    ("expected a scenario in braces with a name, a description and measures", "parse.expected_scenario"),
    ("expected a measure in braces, such as {\"label\": \"…\", \"tariff\": 0.25}", "parse.expected_measure"),
    ("expected a list in square brackets, such as [\"CAN\", \"MEX\"]", "parse.expected_list"),
    ("expected text in quotes, such as \"USA\"", "parse.expected_text"),
    ("expected a number such as 0.25", "parse.expected_number"),
    ("expected true or false", "parse.expected_bool"),
    ("invalid type: string ", "parse.invalid_type_string"),
    ("invalid type: ", "parse.invalid_type"),
    ("missing field ", "parse.missing_field"),
    ("unknown field ", "parse.unknown_field"),
    (" at line ", "parse.at_line"),
    (" column ", "parse.column"),
];

/// A parser's message for a reader (issue 25): the field's path first (`measures[2].tariff`), and what the format
/// expects there in words rather than Rust type names ("a number such as 0.25", not "f64").
fn field_message(path: &str, message: &str) -> String {
    const EXPECTED: [(&str, &str); 6] = [
        ("expected f64", "expected a number such as 0.25"),
        ("expected a string", "expected text in quotes, such as \"USA\""),
        ("expected a sequence", "expected a list in square brackets, such as [\"CAN\", \"MEX\"]"),
        ("expected a boolean", "expected true or false"),
        ("expected struct Measure", "expected a measure in braces, such as {\"label\": \"…\", \"tariff\": 0.25}"),
        ("expected struct ScenarioFile", "expected a scenario in braces with a name, a description and measures"),
    ];
    let mut message = message.to_string();
    for (from, to) in EXPECTED {
        message = message.replace(from, to);
    }
    if path.is_empty() || path == "." {
        message
    } else {
        format!("{path}: {message}")
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;
    use crate::data::synthetic::random_economy;

    fn build_error(json: &str, economy: &Economy) -> String {
        match ScenarioFile::from_json(json).and_then(|file| Scenario::build(&file, economy)) {
            Ok(_) => panic!("{json} should be refused"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_wrong_value_is_named_by_its_field_and_what_was_expected() {
        let json =
            r#"{"name": "x", "description": "y", "measures": [{"label": "a"}, {"label": "b", "tariff": "lots"}]}"#;
        let message = ScenarioFile::from_json(json).unwrap_err().to_string();
        assert!(
            message.contains("measures[1].tariff: invalid type: string \"lots\", expected a number such as 0.25"),
            "{message}"
        );
        let json = r#"{"name": "x", "description": "y", "measures": [{"label": "a", "importers": "USA"}]}"#;
        let message = ScenarioFile::from_json(json).unwrap_err().to_string();
        assert!(message.contains("measures[0].importers: invalid type: string \"USA\", expected a list"), "{message}");
        assert!(ScenarioFile::from_json(r#"{"name": "x", "description": "y"} trailing"#).is_err());
    }

    #[test]
    fn an_id_listed_twice_in_a_measure_is_refused_at_its_place() {
        let economy = random_economy(4, 3, 7).unwrap();
        let (a, b) = (&economy.countries()[0], &economy.countries()[1]);
        let sector = &economy.sectors()[2];
        for (list, ids, expected) in [
            ("exporters", format!(r#""{a}","{a}""#), format!("measures[0].exporters[1]: '{a}' listed twice")),
            ("importers", format!(r#""{b}","{a}","{b}""#), format!("measures[0].importers[2]: '{b}' listed twice")),
            (
                "sectors",
                format!(r#""{sector}","{sector}""#),
                format!("measures[0].sectors[1]: '{sector}' listed twice"),
            ),
        ] {
            let json = format!(
                r#"{{"name":"n","description":"","measures":[{{"label":"l","{list}":[{ids}],"tariff_add":0.25}}]}}"#
            );
            assert_eq!(build_error(&json, &economy), expected);
        }
        // Listed once, the same ids build; in two measures they may repeat (each measure applies in turn).
        let once = format!(
            r#"{{"name":"n","description":"","measures":[{{"label":"l","exporters":["{a}","{b}"],"tariff_add":0.25}},{{"label":"m","exporters":["{a}"],"tariff_add":0.25}}]}}"#
        );
        Scenario::build(&ScenarioFile::from_json(&once).unwrap(), &economy).unwrap();
    }

    #[test]
    fn an_estimated_share_moves_its_rate_linearly_and_is_checked() {
        let economy = random_economy(4, 3, 7).unwrap();
        let (a, b) = (&economy.countries()[0], &economy.countries()[1]);
        let text = |coverage: &str, rate: &str| {
            format!(
                r#"{{"name":"n","description":"","measures":[{{"label":"l","importers":["{a}"],"exporters":["{b}"],
                   {rate},"coverage":{coverage}}}]}}"#
            )
        };
        let good = r#"{"central":0.6,"low":0.45,"high":0.75,"rate_per_share":0.48}"#;
        let file = ScenarioFile::from_json(&text(good, r#""tariff":0.307"#)).unwrap();
        assert!(file.has_coverage());
        let rate = |case| file.clone().with_coverage(case).measures[0].tariff.unwrap();
        assert!((rate(CoverageCase::Central) - 0.307).abs() < 1e-15);
        assert!((rate(CoverageCase::Low) - (0.307 - 0.48 * 0.15)).abs() < 1e-15);
        assert!((rate(CoverageCase::High) - (0.307 + 0.48 * 0.15)).abs() < 1e-15);
        // An added rate moves the same way; a rate never falls below zero.
        let added = ScenarioFile::from_json(&text(good, r#""tariff_add":0.01"#)).unwrap();
        assert_eq!(added.with_coverage(CoverageCase::Low).measures[0].tariff_add, Some(0.0));
        Scenario::build(&file, &economy).unwrap();
        for (coverage, rate) in [
            (r#"{"central":0.8,"low":0.45,"high":0.75,"rate_per_share":0.48}"#, r#""tariff":0.3"#),
            (r#"{"central":0.6,"low":-0.1,"high":0.75,"rate_per_share":0.48}"#, r#""tariff":0.3"#),
            (r#"{"central":0.6,"low":0.45,"high":1.5,"rate_per_share":0.48}"#, r#""tariff":0.3"#),
            (good, r#""trade_cost":0.9"#),
            (r#"{"central":0.5,"low":0.0,"high":1.0,"rate_per_share":1000.0}"#, r#""tariff":0.3"#),
        ] {
            let message = build_error(&text(coverage, rate), &economy);
            assert!(message.starts_with("measures[0].coverage: needs 0 ≤ low ≤ central ≤ high ≤ 1"), "{message}");
        }
        // A field the format does not know is named.
        let unknown = r#"{"central":0.6,"low":0.45,"high":0.75,"rate_per_share":0.48,"mid":1}"#;
        assert!(ScenarioFile::from_json(&text(unknown, r#""tariff":0.3"#)).is_err());
    }

    #[test]
    fn three_thousand_repeats_are_refused_at_the_second() {
        let economy = random_economy(4, 3, 7).unwrap();
        let a = &economy.countries()[0];
        let ids = vec![format!("\"{a}\""); 3000].join(",");
        let json = format!(
            r#"{{"name":"n","description":"","measures":[{{"label":"l","exporters":[{ids}],"trade_cost":0.9}}]}}"#
        );
        let started = std::time::Instant::now();
        assert_eq!(build_error(&json, &economy), format!("measures[0].exporters[1]: '{a}' listed twice"));
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn messages_quote_ids_through_the_bounded_quote() {
        let economy = random_economy(3, 2, 7).unwrap();
        let long = "X".repeat(1_000_000);
        for json in [
            format!(
                r#"{{"name":"n","description":"","measures":[{{"label":"l","exporters":["{long}"],"tariff":0.1}}]}}"#
            ),
            format!(r#"{{"name":"n","description":"","usmca_claim_share":{{"{long}":0.5}}}}"#),
            format!(r#"{{"name":"n","description":"","usmca_claim_share":{{"{long}":0.5,"{long}":0.6}}}}"#),
        ] {
            let message = build_error(&json, &economy);
            assert!(message.len() < 2_000, "{} characters: {}…", message.len(), &message[..200]);
            assert!(message.contains(&format!("'{}…'", "X".repeat(crate::util::quote::MAX_QUOTED_CHARS))), "{message}");
        }
        let unknown = build_error(
            r#"{"name":"n","description":"","measures":[{"label":"l","exporters":["C000","ZZZ"],"tariff":0.1}]}"#,
            &economy,
        );
        assert!(unknown.starts_with("unknown country in measures[0].exporters[1] 'ZZZ'; known: C000"), "{unknown}");
    }

    #[test]
    fn the_cells_all_measures_touch_are_capped_before_any_is_expanded() {
        let all = Measure { label: "all".into(), tariff_add: Some(0.001), ..Default::default() };
        let (nc, ns) = (140, 65);
        let per_measure = (nc * nc * ns) as u64;
        let fits = (MAX_MEASURE_CELLS / per_measure) as usize;
        let mut file = ScenarioFile { measures: vec![all.clone(); fits], ..Default::default() };
        assert_eq!(check_measure_cells(&file, nc, ns), Ok(()));
        file.measures.push(all);
        let message = check_measure_cells(&file, nc, ns).unwrap_err().to_string();
        let total = per_measure * (fits as u64 + 1);
        assert!(
            message.starts_with(&format!(
                "measures[{fits}]: the measures up to this one touch {total} cells together (sectors × importers × \
                 exporters of each); at most 400000000 are allowed"
            )),
            "{message}"
        );
        // A list counts as long as it is, at most the economy's ids (a longer one repeats an id and is refused when
        // expanded): 1,000 importers count as 140; one sector makes 140 × 140 cells a measure.
        let repeated = Measure { label: "r".into(), importers: vec!["A".into(); 1_000], ..Default::default() };
        let file = ScenarioFile { measures: vec![repeated; fits + 1], ..Default::default() };
        assert!(check_measure_cells(&file, nc, ns).unwrap_err().to_string().starts_with(&format!("measures[{fits}]")));
        let narrow = Measure { label: "n".into(), sectors: vec!["s".into()], tariff: Some(0.1), ..Default::default() };
        let file = ScenarioFile { measures: vec![narrow; 30_000], ..Default::default() };
        let message = check_measure_cells(&file, nc, ns).unwrap_err().to_string();
        assert!(message.starts_with("measures[20408]: the measures up to this one touch 400016400 cells"), "{message}");
    }

    #[test]
    fn ids_in_a_scenario_are_trimmed_and_refused_when_written_another_way() {
        let economy = random_economy(3, 2, 7).unwrap();
        // Spaces around a key are dropped, so `"C001 "` and `"C001"` are the same id, listed twice.
        let message =
            build_error(r#"{"name":"n","description":"","usmca_claim_share":{"C001 ":0.2,"C001":0.5}}"#, &economy);
        assert!(message.contains("'C001' listed twice"), "{message}");
        let message = build_error(r#"{"name":"n","description":"","usmca_claim_share":{"C0\u200b01":0.2}}"#, &economy);
        assert!(message.contains("'C0\\u{200b}01' holds an invisible or control character (U+200B)"), "{message}");
        let message = build_error(
            r#"{"name":"n","description":"","measures":[{"label":"l","sectors":["S00","Se\u0301"],"tariff":0.1}]}"#,
            &economy,
        );
        assert!(message.starts_with("measures[0].sectors[1]: 'Se\\u{301}' holds U+0301 at character 3"), "{message}");
        let trimmed = ScenarioFile::from_json(
            r#"{"name":"n","description":"","usmca_claim_share_by_sector":{" C001 ":{"S00":0.5}}}"#,
        )
        .unwrap();
        assert_eq!(trimmed.claim_share("C001", "S00"), Some(0.5));
    }

    #[test]
    fn an_object_of_numbers_by_id_lists_each_id_once() {
        let economy = random_economy(3, 2, 7).unwrap();
        let message = build_error(
            r#"{"name":"n","description":"","usmca_claim_share":{"C001":0.2,"C002":0.5,"C001":0.9,"C002":0.1}}"#,
            &economy,
        );
        assert!(message.starts_with("scenario file is not valid: usmca_claim_share: 'C001' listed twice"), "{message}");
        assert!(message.contains("line 1"), "located by line and column: {message}");
        let message = build_error(r#"{"name":"n","description":"","controls":{"a":1,"b":2,"b":3}}"#, &economy);
        assert!(message.contains("'b' listed twice"), "{message}");
        let many: Vec<String> = (0..=MAX_ID_VALUES).map(|k| format!(r#""K{k}":0.5"#)).collect();
        let message =
            build_error(&format!(r#"{{"name":"n","description":"","controls":{{{}}}}}"#, many.join(",")), &economy);
        assert!(message.contains("holds 1001 ids; at most 1000"), "{message}");
        let file =
            ScenarioFile::from_json(r#"{"name":"n","description":"","usmca_claim_share":{"C002":0.25,"C001":0.5}}"#)
                .unwrap();
        assert_eq!(file.usmca_claim_share.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["C001", "C002"]);
    }
}
