//! The baseline economy: the economy file format, its validation, and the baseline quantities derived from it.
//!
//! An [`Economy`] can only be built through [`Economy::from_json`] or [`Economy::from_file`], which check every
//! rule of the format once; after that every array has the right shape and every value is usable, so the solver
//! does not check again.

use serde::{Deserialize, Serialize};

use crate::model::error::{idx, ModelError};
use crate::model::ids::{id_problem, MAX_ID_CHARS, MAX_NAME_CHARS};
use crate::util::numbers::Shortest;
use crate::util::quote::quoted;

/// Tolerance on `gamma_va + sum_k gamma_io = 1`.
const SHARE_SUM_TOLERANCE: f64 = 1e-6;

/// Most countries an economy may have (JSON and CSV alike).
pub const MAX_COUNTRIES: usize = 250;
/// Most sectors an economy may have.
pub const MAX_SECTORS: usize = 150;
/// Most bilateral cells `countries² × sectors` an economy may have: the documented 140 countries × 65 sectors,
/// the size a browser tab still solves in seconds.
pub const MAX_BILATERAL_CELLS: usize = 140 * 140 * 65;
/// Plausible trade elasticities. Published estimates run from about 0.4 to 65 (Caliendo & Parro's sector values
/// reach 64.85); far outside, the price index `(Σ ...)^(−1/theta)` leaves floating point (theta = 1e-20 makes every
/// price infinite) or the model means nothing.
pub const THETA_RANGE: (f64, f64) = (0.1, 100.0);
/// The smallest value-added share. The price fixed point contracts at rate `1 − gamma_va`, so a share of 1e-6
/// needs millions of passes; real data go down to about 0.005 (Caliendo & Parro's 1993 table: 0.0046).
pub const MIN_VALUE_ADDED_SHARE: f64 = 1e-3;

/// The text without a leading byte-order mark (some editors on Windows write one; JSON parsers refuse it).
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Check the declared size of an economy before anything of that size is allocated.
pub(crate) fn check_size(n_countries: usize, n_sectors: usize) -> Result<(), ModelError> {
    let cells = n_countries.checked_mul(n_countries).and_then(|c| c.checked_mul(n_sectors));
    if n_countries > MAX_COUNTRIES || n_sectors > MAX_SECTORS || !cells.is_some_and(|c| c <= MAX_BILATERAL_CELLS) {
        return Err(ModelError::invalid(
            "countries, sectors",
            "",
            format!(
                "too large: {n_countries} countries and {n_sectors} sectors (at most {MAX_COUNTRIES} countries, \
                 {MAX_SECTORS} sectors and {MAX_BILATERAL_CELLS} country pairs × sectors, for example 140 × 140 × 65)"
            ),
        ));
    }
    Ok(())
}

/// An alternative set of trade elasticities a user can pick by `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThetaSet {
    /// Short id, for example `uniform_4`.
    pub id: String,
    /// Readable label.
    pub label: String,
    /// Where the values come from.
    #[serde(default)]
    pub source: String,
    /// One elasticity per sector.
    pub theta: Vec<f64>,
    /// The horizon the set describes: `one_year` or `long_run` (absent: not stated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<String>,
}

/// The horizons an elasticity set can describe (`ThetaSet::horizon`, `EconomyFile::theta_horizon`).
pub const HORIZONS: [&str; 2] = ["one_year", "long_run"];

/// Rules of origin: the compliance cost paid by trade that starts to claim a preference because a tariff made
/// claiming worth it (`docs/model.md`, "Rules of origin"). Applied by `Scenario::build` to the cells of
/// USMCA-exempt measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesOfOrigin {
    /// The importer whose preference is claimed (for example `USA`).
    pub importer: String,
    /// Share of each exporter's sales to the importer that claimed the preference in the baseline year.
    pub baseline_claim_share: crate::model::ids::IdValues,
    /// Cost of complying, as an ad-valorem trade-cost equivalent paid by each newly claiming unit of trade
    /// (0.02 = 2% of its value).
    pub compliance_cost: f64,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
}

/// Households by country, for expressing price changes in money per household.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Households {
    /// Number of households, millions.
    pub count_millions: Vec<f64>,
    /// Yearly spending per household, in single units of the economy's money (for example US dollars).
    pub spending_per_household: Vec<f64>,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
}

/// The economy file exactly as it is written on disk (see `data/README.md`).
#[allow(non_snake_case, reason = "field names follow model.md and the file format")]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EconomyFile {
    /// Country ids in index order.
    pub countries: Vec<String>,
    /// Sector ids in index order.
    pub sectors: Vec<String>,
    /// Flows `[sector j][importer n][exporter i]` at importer prices including the tariff.
    pub X: Vec<Vec<Vec<f64>>>,
    /// Baseline tariffs `[j][n][i]`.
    pub tau: Vec<Vec<Vec<f64>>>,
    /// Trade elasticities `[j]`.
    pub theta: Vec<f64>,
    /// Value-added shares `[n][j]`.
    pub gamma_va: Vec<Vec<f64>>,
    /// Input shares `[n][k][j]`.
    pub gamma_io: Vec<Vec<Vec<f64>>>,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// One-sentence description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Reference year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Money unit of `X`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<String>,
    /// Readable country names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_names: Option<Vec<String>>,
    /// Readable sector names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector_names: Option<Vec<String>>,
    /// Alternative elasticity sets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub theta_sets: Vec<ThetaSet>,
    /// Households by country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households: Option<Households>,
    /// Total employment by country, millions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_millions: Option<Vec<f64>>,
    /// Sources, for the sources panel.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Caveats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The horizon of the file's own `theta`: `one_year` or `long_run` (absent: not stated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theta_horizon: Option<String>,
    /// Ids of the sectors that are services: trade changes are reported for goods and services apart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services_sectors: Vec<String>,
    /// Baseline employment by country and sector, thousands `[N][J]` (official statistics where they exist);
    /// jobs moved are computed from it. Without it, jobs are split by value-added shares (an estimate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_by_sector_thousands: Option<Vec<Vec<f64>>>,
    /// Baseline unemployment rate by country, percent of the labour force `[N]`: the first-year closure lets
    /// employment rise at most until it is zero, and reports the change in the rate (`docs/model.md`, "The first
    /// year: sticky wages"). Absent: 5% is assumed for the cap and no rate change is reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unemployment_rate_pct: Option<Vec<f64>>,
    /// Rules of origin and the compliance cost of claiming a preference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules_of_origin: Option<RulesOfOrigin>,
}

/// A validated baseline economy with its derived quantities (model.md, "Derived from these").
///
/// Arrays are stored flat; use the index helpers [`Economy::bilateral_index`] (`[j][n][i]`),
/// [`Economy::country_sector_index`] (`[n][j]`) and [`Economy::io_index`] (`[n][k][j]`).
#[derive(Debug, Clone)]
pub struct Economy {
    file: EconomyFile,
    n_countries: usize,
    n_sectors: usize,
    pub(crate) x: Vec<f64>,
    pub(crate) tau: Vec<f64>,
    pub(crate) theta: Vec<f64>,
    pub(crate) gamma_va: Vec<f64>,
    pub(crate) gamma_io: Vec<f64>,
    /// Absorption `Xn[n][j]`.
    pub(crate) absorption: Vec<f64>,
    /// Trade shares `pi[j][n][i]`.
    pub(crate) pi: Vec<f64>,
    /// Gross output at producer prices `Y[i][j]`.
    pub(crate) output: Vec<f64>,
    /// Value added `VA[n]`.
    pub(crate) value_added: Vec<f64>,
    /// Tariff revenue `R[n]`.
    pub(crate) revenue: Vec<f64>,
    /// Income `I[n]`.
    pub(crate) income: Vec<f64>,
    /// Final-consumption shares `alpha[n][j]`.
    pub(crate) alpha: Vec<f64>,
    /// Trade deficits `D[n]`.
    pub(crate) deficit: Vec<f64>,
    theta_set_id: Option<String>,
    /// Whether each sector is a service (`services_sectors`).
    services: Vec<bool>,
}

impl Economy {
    /// Parse and validate an economy file.
    pub fn from_json(text: &str) -> Result<Self, ModelError> {
        let file: EconomyFile = serde_json::from_str(without_bom(text))
            .map_err(|e| ModelError::Parse { what: "economy file".into(), message: e.to_string() })?;
        Self::from_file(file)
    }

    /// Validate an economy file already read into memory.
    pub fn from_file(file: EconomyFile) -> Result<Self, ModelError> {
        let mut economy = Self::with_flows(file)?;
        economy.derive()?;
        Ok(economy)
    }

    /// Check every rule of the format except those on final demand, and derive the flows (absorption, shares,
    /// output, value added, revenue). Income, consumption shares and deficits are left empty: [`Economy::derive`]
    /// computes them from the data, and `rebase` sets them from its own rule.
    pub(crate) fn with_flows(file: EconomyFile) -> Result<Self, ModelError> {
        let n_countries = file.countries.len();
        let n_sectors = file.sectors.len();
        if n_countries < 2 {
            return Err(ModelError::invalid(
                "countries",
                "",
                format!("need at least 2 countries, found {n_countries}"),
            ));
        }
        if n_sectors < 1 {
            return Err(ModelError::invalid("sectors", "", "need at least 1 sector, found 0"));
        }
        check_size(n_countries, n_sectors)?;
        check_ids("countries", &file.countries)?;
        check_ids("sectors", &file.sectors)?;
        let x = flatten3("X", &file.X, n_sectors, n_countries, n_countries)?;
        let tau = flatten3("tau", &file.tau, n_sectors, n_countries, n_countries)?;
        let gamma_io = flatten3("gamma_io", &file.gamma_io, n_countries, n_sectors, n_sectors)?;
        let gamma_va = flatten2("gamma_va", &file.gamma_va, n_countries, n_sectors)?;
        check_len("theta", &[], file.theta.len(), n_sectors)?;
        check_values3("X", &x, [n_sectors, n_countries, n_countries], |v| v >= 0.0, "must be a finite number ≥ 0")?;
        check_values3(
            "tau",
            &tau,
            [n_sectors, n_countries, n_countries],
            |v| (0.0..=MAX_TARIFF_RATE).contains(&v),
            "must be a rate between 0 and 100 (10,000%)",
        )?;
        check_theta("theta", &file.theta)?;
        check_values3(
            "gamma_io",
            &gamma_io,
            [n_countries, n_sectors, n_sectors],
            |v| v >= 0.0,
            "must be a finite share ≥ 0",
        )?;
        for n in 0..n_countries {
            for j in 0..n_sectors {
                let v = gamma_va[n * n_sectors + j];
                if !v.is_finite() || !(MIN_VALUE_ADDED_SHARE..=1.0).contains(&v) {
                    return Err(ModelError::invalid(
                        "gamma_va",
                        idx(&[n, j]),
                        format!("must be a share between {MIN_VALUE_ADDED_SHARE} and 1, found {}", Shortest(v)),
                    ));
                }
                let inputs: f64 = (0..n_sectors).map(|k| gamma_io[(n * n_sectors + k) * n_sectors + j]).sum();
                let total = v + inputs;
                if (total - 1.0).abs() > SHARE_SUM_TOLERANCE {
                    return Err(ModelError::invalid(
                        "gamma_va + gamma_io",
                        idx(&[n, j]),
                        format!(
                            "cost shares of sector '{}' in '{}' add up to {}, expected 1",
                            file.sectors[j],
                            file.countries[n],
                            crate::util::numbers::fixed(total, 9)
                        ),
                    ));
                }
            }
        }
        for j in 0..n_sectors {
            for n in 0..n_countries {
                let t = tau[(j * n_countries + n) * n_countries + n];
                if t != 0.0 {
                    return Err(ModelError::invalid(
                        "tau",
                        idx(&[j, n, n]),
                        format!("a country's tariff on itself must be 0, found {}", Shortest(t)),
                    ));
                }
            }
        }
        for (s, set) in file.theta_sets.iter().enumerate() {
            check_len(&format!("theta_sets[{s}].theta"), &[], set.theta.len(), n_sectors)?;
            check_theta(&format!("theta_sets[{s}].theta"), &set.theta)?;
        }
        for (field, names, expected) in
            [("country_names", &file.country_names, n_countries), ("sector_names", &file.sector_names, n_sectors)]
        {
            if let Some(names) = names {
                check_len(field, &[], names.len(), expected)?;
                if let Some(a) = names.iter().position(|n| n.chars().count() > MAX_NAME_CHARS) {
                    let found = names[a].chars().count();
                    let problem = format!("a name of at most {MAX_NAME_CHARS} characters, found {found}");
                    return Err(ModelError::invalid(field, idx(&[a]), problem));
                }
            }
        }
        if let Some(h) = &file.households {
            check_len("households.count_millions", &[], h.count_millions.len(), n_countries)?;
            check_len("households.spending_per_household", &[], h.spending_per_household.len(), n_countries)?;
            check_positive("households.count_millions", &h.count_millions)?;
            check_positive("households.spending_per_household", &h.spending_per_household)?;
        }
        if let Some(e) = &file.employment_millions {
            check_len("employment_millions", &[], e.len(), n_countries)?;
            check_positive("employment_millions", e)?;
        }
        if let Some(u) = &file.unemployment_rate_pct {
            check_len("unemployment_rate_pct", &[], u.len(), n_countries)?;
            if let Some(n) = u.iter().position(|r| !(r.is_finite() && (0.0..50.0).contains(r))) {
                return Err(ModelError::invalid(
                    "unemployment_rate_pct",
                    idx(&[n]),
                    format!("{} is not a rate in percent from 0 to 50", u[n]),
                ));
            }
        }
        check_horizon("theta_horizon", file.theta_horizon.as_deref())?;
        for (s, set) in file.theta_sets.iter().enumerate() {
            check_horizon(&format!("theta_sets[{s}].horizon"), set.horizon.as_deref())?;
        }
        let mut services = vec![false; n_sectors];
        for (a, id) in file.services_sectors.iter().enumerate() {
            match file.sectors.iter().position(|s| s == id) {
                Some(j) => services[j] = true,
                None => {
                    return Err(ModelError::invalid(
                        "services_sectors",
                        idx(&[a]),
                        format!("'{id}' is not a sector id (known: {})", file.sectors.join(", ")),
                    ))
                }
            }
        }
        if let Some(jobs) = &file.employment_by_sector_thousands {
            let flat = flatten2("employment_by_sector_thousands", jobs, n_countries, n_sectors)?;
            for (c, &v) in flat.iter().enumerate() {
                if !v.is_finite() || v < 0.0 {
                    return Err(ModelError::invalid(
                        "employment_by_sector_thousands",
                        idx(&[c / n_sectors, c % n_sectors]),
                        format!("must be a finite number ≥ 0, found {}", Shortest(v)),
                    ));
                }
            }
        }
        if let Some(rules) = &file.rules_of_origin {
            if !file.countries.contains(&rules.importer) {
                return Err(ModelError::invalid(
                    "rules_of_origin.importer",
                    "",
                    format!("'{}' is not a country id", rules.importer),
                ));
            }
            if !rules.compliance_cost.is_finite() || !(0.0..=1.0).contains(&rules.compliance_cost) {
                return Err(ModelError::invalid(
                    "rules_of_origin.compliance_cost",
                    "",
                    format!("must be a cost between 0 and 1, found {}", Shortest(rules.compliance_cost)),
                ));
            }
            for (id, &share) in &rules.baseline_claim_share {
                if !file.countries.contains(id) {
                    return Err(ModelError::invalid(
                        format!("rules_of_origin.baseline_claim_share.{id}"),
                        "",
                        "not a country id",
                    ));
                }
                if !share.is_finite() || !(0.0..=1.0).contains(&share) {
                    return Err(ModelError::invalid(
                        format!("rules_of_origin.baseline_claim_share.{id}"),
                        "",
                        format!("must be a share between 0 and 1, found {}", Shortest(share)),
                    ));
                }
            }
        }
        let theta = file.theta.clone();
        let mut economy = Economy {
            file,
            n_countries,
            n_sectors,
            x,
            tau,
            theta,
            gamma_va,
            gamma_io,
            absorption: Vec::new(),
            pi: Vec::new(),
            output: Vec::new(),
            value_added: Vec::new(),
            revenue: Vec::new(),
            income: Vec::new(),
            alpha: Vec::new(),
            deficit: Vec::new(),
            theta_set_id: None,
            services,
        };
        economy.derive_flows();
        economy.check_finite_flows()?;
        Ok(economy)
    }

    /// Refuse flows whose sums overflow (each flow finite, say 1e308, but a country's purchases of a sector, its
    /// sales or its tariff revenue past the largest number), naming the first country and sector where it happens,
    /// instead of a misleading message about final demand further on.
    fn check_finite_flows(&self) -> Result<(), ModelError> {
        let ns = self.n_sectors;
        let cell = |at: usize| (self.file.countries[at / ns].as_str(), self.file.sectors[at % ns].as_str());
        let too_large = "sum to more than the largest number a computer holds (about 1.8e308); give the flows in \
                         larger units (billions rather than dollars)";
        if let Some(at) = self.absorption.iter().position(|v| !v.is_finite()) {
            let (country, sector) = cell(at);
            return Err(ModelError::invalid(
                "X",
                idx(&[at % ns, at / ns]),
                format!("the purchases of sector {} by {} {too_large}", quoted(sector), quoted(country)),
            ));
        }
        if let Some(at) = self.output.iter().position(|v| !v.is_finite()) {
            let (country, sector) = cell(at);
            return Err(ModelError::invalid(
                "X",
                idx(&[at % ns]),
                format!("the sales of sector {} by {} {too_large}", quoted(sector), quoted(country)),
            ));
        }
        if let Some(n) = self.revenue.iter().position(|v| !v.is_finite()) {
            return Err(ModelError::invalid(
                "X",
                "",
                format!("the tariff revenue of {} {too_large}", quoted(&self.file.countries[n])),
            ));
        }
        if let Some(n) = self.value_added.iter().position(|v| !v.is_finite()) {
            return Err(ModelError::invalid(
                "X",
                "",
                format!(
                    "the value added of {} over all its sectors sums to more than the largest number a computer \
                     holds (about 1.8e308); give the flows in larger units (billions rather than dollars)",
                    quoted(&self.file.countries[n])
                ),
            ));
        }
        Ok(())
    }

    /// Absorption, trade shares, gross output, tariff revenue and value added (model.md, "Derived from these"):
    /// everything that follows from the flows alone, whatever final demand turns out to be.
    fn derive_flows(&mut self) {
        let (nc, ns) = (self.n_countries, self.n_sectors);
        let mut absorption = vec![0.0; nc * ns];
        let mut output = vec![0.0; nc * ns];
        let mut revenue = vec![0.0; nc];
        for j in 0..ns {
            for n in 0..nc {
                for i in 0..nc {
                    let b = self.bilateral_index(j, n, i);
                    let flow = self.x[b];
                    absorption[n * ns + j] += flow;
                    output[i * ns + j] += flow / (1.0 + self.tau[b]);
                    revenue[n] += self.tau[b] / (1.0 + self.tau[b]) * flow;
                }
            }
        }
        let mut pi = vec![0.0; nc * nc * ns];
        for j in 0..ns {
            for n in 0..nc {
                let total = absorption[n * ns + j];
                if total > 0.0 {
                    for i in 0..nc {
                        let b = self.bilateral_index(j, n, i);
                        pi[b] = self.x[b] / total;
                    }
                }
            }
        }
        let mut value_added = vec![0.0; nc];
        for n in 0..nc {
            for j in 0..ns {
                value_added[n] += self.gamma_va[n * ns + j] * output[n * ns + j];
            }
        }
        self.absorption = absorption;
        self.pi = pi;
        self.output = output;
        self.value_added = value_added;
        self.revenue = revenue;
    }

    /// Final demand `F[n][j] = Xn[n][j] − Σ_k gamma_io[n][j][k] · Y[n][k]` as the data give it, negative or not.
    pub(crate) fn signed_final_demand(&self, country: usize, sector: usize) -> f64 {
        let ns = self.n_sectors;
        let intermediate: f64 =
            (0..ns).map(|k| self.gamma_io[self.io_index(country, sector, k)] * self.output[country * ns + k]).sum();
        self.absorption[country * ns + sector] - intermediate
    }

    /// Compute final demand, income, consumption shares and deficits from the data (model.md) and check that they
    /// make sense.
    fn derive(&mut self) -> Result<(), ModelError> {
        let (nc, ns) = (self.n_countries, self.n_sectors);
        let (absorption, output) = (&self.absorption, &self.output);
        let value_added = &self.value_added;
        let mut final_demand = vec![0.0; nc * ns];
        let mut income = vec![0.0; nc];
        for n in 0..nc {
            let country = quoted(&self.file.countries[n]);
            let total_absorption: f64 = absorption[n * ns..(n + 1) * ns].iter().sum();
            if total_absorption <= 0.0 {
                return Err(ModelError::invalid("X", "", format!("country {country} buys nothing in any sector")));
            }
            for j in 0..ns {
                let intermediate: f64 =
                    (0..ns).map(|k| self.gamma_io[self.io_index(n, j, k)] * output[n * ns + k]).sum();
                let f = absorption[n * ns + j] - intermediate;
                // A tiny negative final demand is rounding in the file; a real one means the flows cannot pay
                // for the inputs the shares say the country uses.
                let slack = 1e-9 * absorption[n * ns + j].max(1.0);
                if f < -slack {
                    return Err(ModelError::invalid(
                        "X",
                        idx(&[j, n]),
                        format!(
                            "final demand for sector {} in {country} would be negative ({}): its absorption {} is smaller than the inputs its industries use ({})",
                            quoted(&self.file.sectors[j]),
                            crate::util::numbers::fixed(f, 6),
                            crate::util::numbers::fixed(absorption[n * ns + j], 6),
                            crate::util::numbers::fixed(intermediate, 6)
                        ),
                    ));
                }
                final_demand[n * ns + j] = f.max(0.0);
                income[n] += final_demand[n * ns + j];
            }
            if value_added[n] <= 0.0 {
                return Err(ModelError::invalid("X", "", format!("country {country} produces nothing")));
            }
            if !income[n].is_finite() {
                return Err(ModelError::invalid(
                    "X",
                    "",
                    format!(
                        "the final demand of {country} (importer {n}, over all its sectors) sums to more than the \
                         largest number a computer holds (about 1.8e308); give the flows in larger units"
                    ),
                ));
            }
            if income[n] <= 0.0 {
                return Err(ModelError::invalid(
                    "X",
                    "",
                    format!(
                        "country {country} (importer {n}) has no final demand: in every sector its industries use as \
                         inputs all it buys (gamma_io[{n}] against X[·][{n}])"
                    ),
                ));
            }
        }
        let mut alpha = vec![0.0; nc * ns];
        let mut deficit = vec![0.0; nc];
        for n in 0..nc {
            for j in 0..ns {
                alpha[n * ns + j] = final_demand[n * ns + j] / income[n];
            }
            deficit[n] = income[n] - value_added[n] - self.revenue[n];
            if !deficit[n].is_finite() {
                return Err(ModelError::invalid(
                    "X",
                    "",
                    format!(
                        "the trade deficit of {} (its final demand less its value added and tariff revenue) is past \
                         the largest number a computer holds (about 1.8e308); give the flows in larger units",
                        quoted(&self.file.countries[n])
                    ),
                ));
            }
        }
        self.income = income;
        self.alpha = alpha;
        self.deficit = deficit;
        Ok(())
    }

    /// A copy of this economy using the elasticity set with the given id (see `theta_sets` in the file).
    ///
    /// The id `default` selects the file's own `theta`.
    pub fn with_theta_set(&self, id: &str) -> Result<Economy, ModelError> {
        let mut economy = self.clone();
        if id == "default" {
            economy.theta = self.file.theta.clone();
            economy.theta_set_id = None;
            return Ok(economy);
        }
        let set = self.file.theta_sets.iter().find(|s| s.id == id).ok_or_else(|| ModelError::UnknownName {
            kind: "elasticity set".into(),
            name: id.into(),
            known: std::iter::once("default".to_string())
                .chain(self.file.theta_sets.iter().map(|s| s.id.clone()))
                .collect::<Vec<_>>()
                .join(", "),
        })?;
        economy.theta = set.theta.clone();
        economy.theta_set_id = Some(set.id.clone());
        Ok(economy)
    }

    /// A copy of this economy with the trade elasticities replaced (used for uncertainty draws).
    pub fn with_theta(&self, theta: Vec<f64>) -> Result<Economy, ModelError> {
        check_len("theta", &[], theta.len(), self.n_sectors)?;
        check_drawn_theta("theta", &theta)?;
        let mut economy = self.clone();
        economy.theta = theta;
        economy.theta_set_id = None;
        Ok(economy)
    }

    /// Number of countries `N`.
    pub fn n_countries(&self) -> usize {
        self.n_countries
    }
    /// Number of sectors `J`.
    pub fn n_sectors(&self) -> usize {
        self.n_sectors
    }
    /// Country ids.
    pub fn countries(&self) -> &[String] {
        &self.file.countries
    }
    /// Sector ids.
    pub fn sectors(&self) -> &[String] {
        &self.file.sectors
    }
    /// Readable country names (the ids when the file has none).
    pub fn country_names(&self) -> &[String] {
        self.file.country_names.as_deref().unwrap_or(&self.file.countries)
    }
    /// Readable sector names (the ids when the file has none).
    pub fn sector_names(&self) -> &[String] {
        self.file.sector_names.as_deref().unwrap_or(&self.file.sectors)
    }
    /// The file this economy was built from.
    pub fn file(&self) -> &EconomyFile {
        &self.file
    }
    /// The elasticities in use.
    pub fn theta(&self) -> &[f64] {
        &self.theta
    }
    /// The id of the elasticity set in use (`None`: the file's default `theta`).
    pub fn theta_set_id(&self) -> Option<&str> {
        self.theta_set_id.as_deref()
    }
    /// The baseline unemployment rate of country `n`, percent, when the file gives one.
    pub fn unemployment_rate_pct(&self, n: usize) -> Option<f64> {
        self.file.unemployment_rate_pct.as_ref().and_then(|u| u.get(n).copied())
    }
    /// The horizon of the elasticities in use (`one_year` or `long_run`), when the file states it.
    pub fn horizon(&self) -> Option<&str> {
        match &self.theta_set_id {
            Some(id) => self.file.theta_sets.iter().find(|s| &s.id == id).and_then(|s| s.horizon.as_deref()),
            None => self.file.theta_horizon.as_deref(),
        }
    }
    /// The trade-weighted mean of the elasticities in use: each sector's theta weighted by its baseline
    /// international trade at producer prices (`docs/model.md`, "Elasticities and horizons").
    pub fn trade_weighted_theta(&self) -> f64 {
        trade_weighted_mean(self, &self.theta)
    }
    /// Whether sector `sector` is a service (listed in `services_sectors`).
    pub fn is_services(&self, sector: usize) -> bool {
        self.services.get(sector).copied().unwrap_or(false)
    }
    /// Index of a country id.
    pub fn country_index(&self, id: &str) -> Option<usize> {
        self.file.countries.iter().position(|c| c == id)
    }
    /// Index of a sector id.
    pub fn sector_index(&self, id: &str) -> Option<usize> {
        self.file.sectors.iter().position(|s| s == id)
    }
    /// Flat index of a bilateral cell `[j][n][i]`.
    #[inline]
    pub fn bilateral_index(&self, sector: usize, importer: usize, exporter: usize) -> usize {
        (sector * self.n_countries + importer) * self.n_countries + exporter
    }
    /// Flat index of a `[n][j]` cell.
    #[inline]
    pub fn country_sector_index(&self, country: usize, sector: usize) -> usize {
        country * self.n_sectors + sector
    }
    /// Flat index of an input-share cell `[n][k][j]`: input `k` used by sector `j` in country `n`.
    #[inline]
    pub fn io_index(&self, country: usize, input_sector: usize, using_sector: usize) -> usize {
        (country * self.n_sectors + input_sector) * self.n_sectors + using_sector
    }
    /// Baseline flow `X[j][n][i]` (importer prices).
    pub fn flow(&self, sector: usize, importer: usize, exporter: usize) -> f64 {
        self.x[self.bilateral_index(sector, importer, exporter)]
    }
    /// Baseline tariff `tau[j][n][i]`.
    pub fn tariff(&self, sector: usize, importer: usize, exporter: usize) -> f64 {
        self.tau[self.bilateral_index(sector, importer, exporter)]
    }
    /// Baseline tariffs, flat `[j][n][i]`.
    pub fn tariffs(&self) -> &[f64] {
        &self.tau
    }
    /// Value-added share `gamma_va[n][j]`.
    pub fn value_added_share(&self, country: usize, sector: usize) -> f64 {
        self.gamma_va[self.country_sector_index(country, sector)]
    }
    /// Input share `gamma_io[n][k][j]`.
    pub fn input_share(&self, country: usize, input_sector: usize, using_sector: usize) -> f64 {
        self.gamma_io[self.io_index(country, input_sector, using_sector)]
    }
    /// Baseline gross output `Y[n][j]` at producer prices.
    pub fn output(&self, country: usize, sector: usize) -> f64 {
        self.output[self.country_sector_index(country, sector)]
    }
    /// Baseline absorption `Xn[n][j]`.
    pub fn absorption(&self, country: usize, sector: usize) -> f64 {
        self.absorption[self.country_sector_index(country, sector)]
    }
    /// Baseline value added `VA[n]`.
    pub fn value_added(&self) -> &[f64] {
        &self.value_added
    }
    /// Baseline tariff revenue `R[n]`.
    pub fn tariff_revenue(&self) -> &[f64] {
        &self.revenue
    }
    /// Baseline income `I[n]`.
    pub fn income(&self) -> &[f64] {
        &self.income
    }
    /// Baseline trade deficits `D[n]` (imports minus exports at producer prices).
    pub fn deficits(&self) -> &[f64] {
        &self.deficit
    }
    /// Final-consumption share `alpha[n][j]`.
    pub fn consumption_share(&self, country: usize, sector: usize) -> f64 {
        self.alpha[self.country_sector_index(country, sector)]
    }
    /// Baseline trade share `pi[j][n][i]`.
    pub fn trade_share(&self, sector: usize, importer: usize, exporter: usize) -> f64 {
        self.pi[self.bilateral_index(sector, importer, exporter)]
    }
    /// Baseline exports of `exporter` to `importer` in `sector` at producer prices (without the tariff).
    pub fn exports_at_producer_prices(&self, sector: usize, importer: usize, exporter: usize) -> f64 {
        let b = self.bilateral_index(sector, importer, exporter);
        self.x[b] / (1.0 + self.tau[b])
    }
}

/// The largest tariff an economy or a scenario may set: 10,000%. Far beyond any real rate, small enough to keep the
/// arithmetic finite.
pub const MAX_TARIFF_RATE: f64 = 100.0;
fn check_ids(field: &str, ids: &[String]) -> Result<(), ModelError> {
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    for (a, id) in ids.iter().enumerate() {
        if id.trim().is_empty() {
            return Err(ModelError::invalid(field, idx(&[a]), "an id must not be empty"));
        }
        let length = id.chars().count();
        if length > MAX_ID_CHARS {
            let problem = format!("an id of at most {MAX_ID_CHARS} characters, found {length}");
            return Err(ModelError::invalid(field, idx(&[a]), problem));
        }
        if let Some(problem) = id_problem(id) {
            return Err(ModelError::invalid(field, idx(&[a]), problem));
        }
        if !seen.insert(id.as_str()) {
            return Err(ModelError::invalid(field, idx(&[a]), format!("id {} appears twice", quoted(id))));
        }
    }
    Ok(())
}

/// Check a length; the index text (`[a][b]`) is written only for an error, as this runs for every row of a file.
pub(crate) fn check_len(field: &str, index: &[usize], found: usize, expected: usize) -> Result<(), ModelError> {
    if found == expected {
        Ok(())
    } else {
        Err(ModelError::invalid(field, idx(index), format!("wrong length: expected {expected}, found {found}")))
    }
}

/// The mean of per-sector values weighted by each sector's baseline international trade at producer prices.
pub fn trade_weighted_mean(economy: &Economy, values: &[f64]) -> f64 {
    let (nc, ns) = (economy.n_countries(), economy.n_sectors());
    let (mut weighted, mut total) = (0.0, 0.0);
    for j in 0..ns.min(values.len()) {
        let mut trade = 0.0;
        for n in 0..nc {
            for i in 0..nc {
                if n != i {
                    trade += economy.exports_at_producer_prices(j, n, i);
                }
            }
        }
        weighted += trade * values[j];
        total += trade;
    }
    if total > 0.0 {
        weighted / total
    } else {
        f64::NAN
    }
}

fn check_horizon(field: &str, horizon: Option<&str>) -> Result<(), ModelError> {
    match horizon {
        Some(h) if !HORIZONS.contains(&h) => {
            Err(ModelError::invalid(field, "", format!("'{h}' is not a horizon (known: {})", HORIZONS.join(", "))))
        }
        _ => Ok(()),
    }
}

fn check_theta(field: &str, theta: &[f64]) -> Result<(), ModelError> {
    let (low, high) = THETA_RANGE;
    for (j, &t) in theta.iter().enumerate() {
        if !t.is_finite() || !(low..=high).contains(&t) {
            return Err(ModelError::invalid(
                field,
                idx(&[j]),
                format!("a trade elasticity must be between {low} and {high}, found {}", Shortest(t)),
            ));
        }
    }
    Ok(())
}

/// The rule for elasticities made by the program (uncertainty draws scale a valid set by a random factor, which can
/// leave [`THETA_RANGE`]): finite and > 0. A draw the solver cannot handle ends as a failed draw, not as a result.
fn check_drawn_theta(field: &str, theta: &[f64]) -> Result<(), ModelError> {
    for (j, &t) in theta.iter().enumerate() {
        if !t.is_finite() || t <= 0.0 {
            return Err(ModelError::invalid(
                field,
                idx(&[j]),
                format!("a trade elasticity must be a finite number > 0, found {}", Shortest(t)),
            ));
        }
    }
    Ok(())
}

fn check_positive(field: &str, values: &[f64]) -> Result<(), ModelError> {
    for (a, &v) in values.iter().enumerate() {
        if !v.is_finite() || v <= 0.0 {
            return Err(ModelError::invalid(
                field,
                idx(&[a]),
                format!("must be a finite number > 0, found {}", Shortest(v)),
            ));
        }
    }
    Ok(())
}

/// Check every value of a flat 3-D array with `rule`; non-finite values always fail.
pub(crate) fn check_values3(
    field: &str,
    values: &[f64],
    dims: [usize; 3],
    rule: impl Fn(f64) -> bool,
    problem: &str,
) -> Result<(), ModelError> {
    for (flat, &v) in values.iter().enumerate() {
        if !v.is_finite() || !rule(v) {
            let a = flat / (dims[1] * dims[2]);
            let b = (flat / dims[2]) % dims[1];
            let c = flat % dims[2];
            return Err(ModelError::invalid(field, idx(&[a, b, c]), format!("{problem}, found {}", Shortest(v))));
        }
    }
    Ok(())
}

/// Flatten a `[a][b][c]` nested array, checking its shape.
pub(crate) fn flatten3(
    field: &str,
    nested: &[Vec<Vec<f64>>],
    a: usize,
    b: usize,
    c: usize,
) -> Result<Vec<f64>, ModelError> {
    // Every length is checked before anything is allocated: the declared counts can be large while the rows are
    // short (20,000 country ids and `"X": [[]]` once made this allocate 80 GB).
    check_len(field, &[], nested.len(), a)?;
    for (ia, plane) in nested.iter().enumerate() {
        check_len(field, &[ia], plane.len(), b)?;
        for (ib, row) in plane.iter().enumerate() {
            check_len(field, &[ia, ib], row.len(), c)?;
        }
    }
    let size = a
        .checked_mul(b)
        .and_then(|ab| ab.checked_mul(c))
        .ok_or_else(|| ModelError::invalid(field, "", format!("too large: {a} × {b} × {c} values")))?;
    let mut flat = Vec::with_capacity(size);
    for row in nested.iter().flatten() {
        flat.extend_from_slice(row);
    }
    Ok(flat)
}

/// Flatten a `[a][b]` nested array, checking its shape.
pub(crate) fn flatten2(field: &str, nested: &[Vec<f64>], a: usize, b: usize) -> Result<Vec<f64>, ModelError> {
    check_len(field, &[], nested.len(), a)?;
    for (ia, row) in nested.iter().enumerate() {
        check_len(field, &[ia], row.len(), b)?;
    }
    let size =
        a.checked_mul(b).ok_or_else(|| ModelError::invalid(field, "", format!("too large: {a} × {b} values")))?;
    let mut flat = Vec::with_capacity(size);
    for row in nested {
        flat.extend_from_slice(row);
    }
    Ok(flat)
}

/// Turn a flat `[a][b][c]` array back into nested vectors (for output).
pub(crate) fn nest3(flat: &[f64], b: usize, c: usize) -> Vec<Vec<Vec<f64>>> {
    flat.chunks(b * c).map(|plane| plane.chunks(c).map(<[f64]>::to_vec).collect()).collect()
}

/// Turn a flat `[a][b]` array back into nested vectors (for output).
pub(crate) fn nest2(flat: &[f64], b: usize) -> Vec<Vec<f64>> {
    flat.chunks(b).map(<[f64]>::to_vec).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_visible_text_in_one_normal_form() {
        for id in ["CAN", "United States", "Côte d'Ivoire", "énergie", "Ștefan", "wood_paper", "=A"] {
            assert_eq!(id_problem(id), None, "{id}");
        }
        for (id, expected) in [
            ("CAN ", "'CAN ' has spaces at its start or end"),
            (" CAN", "' CAN' has spaces at its start or end"),
            ("CA\u{200B}N", "(U+200B)"),
            ("CA\u{200D}N", "(U+200D)"),
            ("CA\u{2060}N", "(U+2060)"),
            ("\u{FEFF}CAN", "(U+FEFF)"),
            ("CA\u{00AD}N", "(U+00AD)"),
            ("CAN\u{202E}", "(U+202E)"),
            ("CAN\u{200F}", "(U+200F)"),
            // NFD: `e` and a combining acute accent, shown like the precomposed `é`.
            ("e\u{301}nergie", "'e\\u{301}nergie' holds U+0301 at character 2"),
            // The Ångström sign, which NFC turns into `Å`.
            ("\u{212B}land", "holds U+212B at character 1"),
            ("США", "holds U+0421 at character 1"),
            ("CAN\u{00A0}US", "holds U+00A0 at character 4"),
        ] {
            let problem = id_problem(id).unwrap_or_default();
            assert!(problem.contains(expected), "{id:?}: {problem}");
        }
        let long = format!("{}\u{301}", "e".repeat(1_000_000));
        let problem = id_problem(&long).unwrap_or_default();
        assert!(problem.contains("U+0301 at character 1000001") && problem.len() < 400, "{problem}");
    }

    #[test]
    fn flows_whose_value_added_overflows_name_the_country() {
        let text = r#"{"countries":["A","B"],"sectors":["s","t"],"X":[[[1e308,1],[1,1e308]],[[1e308,1],[1,1e308]]],
            "tau":[[[0,0],[0,0]],[[0,0],[0,0]]],"theta":[4,4],"gamma_va":[[1,1],[1,1]],
            "gamma_io":[[[0,0],[0,0]],[[0,0],[0,0]]]}"#;
        let message = Economy::from_json(text).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.starts_with("X: the value added of 'A' over all its sectors sums to more than"), "{message}");
    }
}
