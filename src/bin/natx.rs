//! `natx`, the command-line face of the model: list the presets, solve a preset or a scenario file against the
//! built-in 2024 baseline (or an economy file), and print a readable summary or, with `--json`, the full results.
//!
//! Exit codes: 0 success, 1 bad input or non-convergence (with a message on standard error), 2 bad usage.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use na_trade_explorer::data::csv_economy::{economy_from_csv, economy_to_csv};
use na_trade_explorer::model::labour::LabourClosure;
use na_trade_explorer::util::numbers::shortest;
use na_trade_explorer::util::order::sort_desc;
use na_trade_explorer::view::i18n::{Lang, Text};
use na_trade_explorer::{
    data::presets, rebase, solve, Economy, EconomyFile, ModelError, RebaseOptions, Rebased, Results, Scenario,
    ScenarioFile, Solve, SolverOptions,
};

/// North American Trade Explorer: a calibrated Caliendo–Parro trade model of the US, Canada and Mexico.
#[derive(Parser)]
#[command(name = "natx", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the preset scenarios.
    Presets,
    /// Solve a preset (by id) or a scenario file (by path) and print the results.
    Solve {
        /// A preset id (see `natx presets`) or the path of a scenario JSON file.
        scenario: String,
        /// Use this economy file (JSON, or CSV long format if the name ends in .csv) instead of the built-in
        /// North American baseline.
        #[arg(long, value_name = "PATH")]
        economy: Option<PathBuf>,
        /// Elasticity set: `default` or an id from the economy's `theta_sets`
        /// (built-in: long_run = default, one_year, caliendo_parro, uniform_4, uniform_5; see `natx elasticities`).
        #[arg(long, value_name = "ID", default_value = "default")]
        elasticities: String,
        /// Print the full results as JSON (the keys of model.md's results table) instead of the summary.
        #[arg(long)]
        json: bool,
        /// Also compute 5th–95th percentile ranges over 200 elasticity draws (each the sector pattern of one
        /// documented set of the same horizon, times a log-normal factor shared by all sectors, sigma 0.4, and one
        /// per sector, sigma 0.25; fixed seed).
        #[arg(long)]
        ranges: bool,
        /// First rebase the economy with every trade deficit set to zero (as `natx rebase --balanced-trade`), then
        /// solve the scenario from that baseline.
        #[arg(long)]
        balanced_trade: bool,
        /// The horizon: `first_year` (the one-year elasticities with sticky wages: employment, trade balances and
        /// the exchange rate take part of the adjustment) or `long_run` (the long-run elasticities, flexible wages,
        /// full employment). It picks the elasticity set when `--elasticities` is not given (docs/model.md).
        #[arg(long, value_name = "HORIZON", value_parser = ["first_year", "long_run"])]
        horizon: Option<String>,
        /// Override the labour market's closure: `flexible` (wages clear every market, full employment) or
        /// `sticky` (the first-year closure of docs/model.md, "The first year: sticky wages").
        #[arg(long, value_name = "CLOSURE", value_parser = ["flexible", "sticky"])]
        labor: Option<String>,
    },
    /// Make raw data a consistent baseline and write it (JSON, same format) to standard output: final-demand shares
    /// from the data with negative ones set to zero and renormalised (Caliendo & Parro 2015), then one solve at
    /// the data's tariffs so that the baseline is an exact equilibrium.
    Rebase {
        /// The economy file (JSON; a CSV file must already pass validation).
        economy: PathBuf,
        /// Also set every country's trade deficit to zero in that solve.
        #[arg(long)]
        balanced_trade: bool,
    },
    /// Scenario A against scenario B (presets, timeline dates as `step:YYYY-MM-DD`, or scenario files), at both
    /// horizons: real GDP, jobs and real income for each, and B minus A.
    Compare {
        /// Scenario A.
        a: String,
        /// Scenario B.
        b: String,
        /// Print JSON instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// The year as a story: real GDP, jobs and real income of every country at both horizons on each dated event of
    /// the timeline, each step labelled with what changed.
    Timeline {
        /// Print JSON instead of the table.
        #[arg(long)]
        json: bool,
        /// Print the story's 5th–95th percentile ranges instead (JSON: the file `data/story-ranges.json` the
        /// build embeds; about 4 s).
        #[arg(long)]
        ranges: bool,
    },
    /// Write the pre-rendered embeds (static HTML with the charts as SVG, for every preset and language) and their
    /// oEmbed descriptions under OUT: `OUT/embeds/{lang}/{preset}.html`, `OUT/oembed/{lang}/{preset}.json`.
    Prerender {
        /// The folder to write into (the build uses `pkg`).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// List the elasticity sets with their horizon and trade-weighted mean.
    Elasticities {
        /// Use this economy file instead of the built-in baseline.
        #[arg(long, value_name = "PATH")]
        economy: Option<PathBuf>,
    },
    /// Solve every preset and print one line each.
    All {
        /// Elasticity set id.
        #[arg(long, value_name = "ID", default_value = "default")]
        elasticities: String,
    },
    /// Write an economy (the built-in baseline, or a file) in the CSV long format.
    ExportCsv {
        /// Use this economy file instead of the built-in baseline.
        #[arg(long, value_name = "PATH")]
        economy: Option<PathBuf>,
    },
    /// Write a random valid economy (JSON) of any size, for trying out and benchmarking.
    RandomEconomy {
        /// Number of countries.
        #[arg(long, default_value_t = 10)]
        countries: usize,
        /// Number of sectors.
        #[arg(long, default_value_t = 5)]
        sectors: usize,
        /// Seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print the baseline economy's headline figures.
    Baseline {
        /// Use this economy file instead of the built-in baseline.
        #[arg(long, value_name = "PATH")]
        economy: Option<PathBuf>,
    },
}

/// Numbers are written as the page writes them in English (`Text`'s formats: `−` for minus, `,` between
/// thousands, `US$` on money), so that a figure reads the same in the terminal and on the page.
const EN: Text = Text { lang: Lang::En };

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Machine output (JSON, CSV) is data and stays as it is unless it goes to a terminal; text for people always
    // has its control and bidirectional-formatting characters made visible.
    let machine = matches!(
        &cli.command,
        Command::Solve { json: true, .. }
            | Command::Rebase { .. }
            | Command::RandomEconomy { .. }
            | Command::ExportCsv { .. }
    );
    match run(cli.command) {
        Ok(text) => {
            if machine && !std::io::stdout().is_terminal() {
                print!("{text}");
            } else {
                print!("{}", for_terminal(&text));
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {}", for_terminal(&message));
            ExitCode::from(1)
        }
    }
}

/// Text safe to show in a terminal: control characters other than newline and tab, and the Unicode bidirectional
/// formatting characters (which can make text read in another order than it runs), are written as `\u{..}`, so
/// that a name in a file cannot move the cursor, change colours or hide text.
fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi =
            matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() && c != '\n' && c != '\t') || bidi {
            out.push_str(&format!("\\u{{{:04x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn run(command: Command) -> Result<String, String> {
    match command {
        Command::Presets => list_presets(),
        Command::Solve { scenario, economy, elasticities, json, ranges, balanced_trade, horizon, labor } => {
            let economy = if balanced_trade {
                let rebased = rebase_economy(economy.as_ref(), true)?;
                warn(&rebased);
                rebased.economy
            } else {
                load_economy(economy.as_ref())?
            };
            let baseline = economy;
            // `--horizon` picks the elasticity set of that horizon unless `--elasticities` names one.
            let elasticities = match (horizon.as_deref(), elasticities.as_str()) {
                (Some(h), "default") => na_trade_explorer::view::method::set_with_horizon(
                    &baseline,
                    if h == "first_year" { "one_year" } else { "long_run" },
                )
                .map_or(elasticities.clone(), |set| set.id.clone()),
                _ => elasticities,
            };
            let economy = baseline.with_theta_set(&elasticities).map_err(|e| e.to_string())?;
            let labour = match (labor.as_deref(), horizon.as_deref()) {
                (Some("sticky"), _) | (None, Some("first_year")) => Some(LabourClosure::FIRST_YEAR),
                (Some(_), _) | (None, Some(_)) => Some(LabourClosure::Flexible),
                (None, None) => None,
            };
            let options = SolverOptions { labour, ..SolverOptions::default() };
            let file = load_scenario(&scenario)?;
            let scenario = Scenario::build(&file, &economy).map_err(|e| format!("scenario '{}': {e}", file.name))?;
            let cells = economy.n_countries() * economy.n_sectors();
            if ranges && cells > na_trade_explorer::model::uncertainty::RANGES_MAX_CELLS {
                return Err(format!(
                    "--ranges: uncertainty ranges are computed for economies of up to {} country-sectors (as in the \
                     page); this one has {cells}. Solve without --ranges.",
                    na_trade_explorer::model::uncertainty::RANGES_MAX_CELLS
                ));
            }
            let results = Solve::new(&economy, &scenario).options(&options).run().map_err(|e| e.to_string())?;
            // Ranges that cannot be computed (draws beyond the work limit) leave the point estimate, with a warning.
            let ranges = if ranges {
                // Elasticities, the first year's rigidity and the policy unknowns (compliance cost, claim shares).
                let job =
                    na_trade_explorer::model::uncertainty::RangesJob::new(&economy, &scenario, &Default::default())
                        .with_policy_unknowns(&file);
                match job.run() {
                    Ok(r) => Some(r),
                    Err(e) => {
                        eprintln!("warning: {}", for_terminal(&e.to_string()));
                        None
                    }
                }
            } else {
                None
            };
            if json {
                let mut value = serde_json::to_value(&results).map_err(|e| e.to_string())?;
                if let (Some(r), Some(object)) = (&ranges, value.as_object_mut()) {
                    object.insert("ranges".into(), serde_json::to_value(r).map_err(|e| e.to_string())?);
                }
                serde_json::to_string_pretty(&value).map(|t| t + "\n").map_err(|e| e.to_string())
            } else {
                let mut text = summary(&economy, &file, &results);
                // Both horizons, always (unless the closure was overridden, which has no matching other horizon).
                if labour.is_none() || horizon.is_some() {
                    if let Some(other) = na_trade_explorer::view::method::other_horizon(&baseline, &economy) {
                        let other_results = solve(&other, &scenario).map_err(|e| e.to_string())?;
                        text += &two_horizons(&economy, &results, &other, &other_results);
                    }
                }
                if let Some(r) = &ranges {
                    text += &format!(
                        "\nUncertainty: 5th–95th percentile over {} elasticity draws (log-normal: common factor sigma {}, \
                         sector factors sigma {}, seed {}):\n",
                        r.draws_solved, r.sigma_common, r.sigma, r.seed
                    );
                    text += &format!("{:<16} {:>22} {:>22}\n", "Country", "Welfare % range", "Consumer prices % range");
                    for n in 0..economy.n_countries() {
                        text += &format!(
                            "{:<16} {:>22} {:>22}\n",
                            economy.country_names()[n],
                            format!("{} … {}", EN.signed(r.welfare_pct[n].low, 2), EN.signed(r.welfare_pct[n].high, 2)),
                            format!(
                                "{} … {}",
                                EN.signed(r.consumer_price_pct[n].low, 2),
                                EN.signed(r.consumer_price_pct[n].high, 2)
                            ),
                        );
                    }
                }
                Ok(text)
            }
        }
        Command::Rebase { economy, balanced_trade } => {
            let rebased = rebase_economy(Some(&economy), balanced_trade)?;
            warn(&rebased);
            serde_json::to_string(&rebased.file).map(|t| t + "\n").map_err(|e| e.to_string())
        }
        Command::All { elasticities } => solve_all(&elasticities),
        Command::Prerender { out } => prerender(&out),
        Command::Compare { a, b, json } => compare(&a, &b, json),
        Command::Timeline { json, ranges: true } => story_ranges_json(json),
        Command::Timeline { json, ranges: false } => timeline(json),
        Command::Elasticities { economy } => Ok(elasticity_sets(&load_economy(economy.as_ref())?)),
        Command::Baseline { economy } => Ok(baseline(&load_economy(economy.as_ref())?)),
        Command::RandomEconomy { countries, sectors, seed } => {
            if !(2..=250).contains(&countries) || !(1..=150).contains(&sectors) {
                return Err("use 2–250 countries and 1–150 sectors".into());
            }
            let file = na_trade_explorer::data::synthetic::rounded(
                na_trade_explorer::data::synthetic::random_economy_file(countries, sectors, seed),
            );
            serde_json::to_string(&file).map(|t| t + "\n").map_err(|e| e.to_string())
        }
        Command::ExportCsv { economy } => Ok(economy_to_csv(&load_economy(economy.as_ref())?)),
    }
}

/// A reader's file, read under the one size cap and decoding rule the page uses too (`data::files`): the size is
/// checked before anything is read, so a 3 GB file gets a message, not an abort.
fn read_file(path: &std::path::Path, what: &str) -> Result<String, String> {
    use na_trade_explorer::data::files;
    let name = path.display().to_string();
    let size = std::fs::metadata(path).map_err(|e| format!("cannot read {what} {name}: {e}"))?.len();
    files::check_size(&name, size)?;
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {what} {name}: {e}"))?;
    files::decode(&name, bytes)
}

fn load_economy(path: Option<&PathBuf>) -> Result<Economy, String> {
    match path {
        None => presets::north_america_2024().map_err(|e| format!("built-in baseline: {e}")),
        Some(path) => {
            let text = read_file(path, "economy file")?;
            let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let economy = if is_csv { economy_from_csv(&text) } else { Economy::from_json(&text) };
            economy.map_err(|e| {
                let hint = if !is_csv && e.to_string().contains("would be negative") {
                    format!(" (raw data often are; `natx rebase {}` makes them a consistent baseline)", path.display())
                } else {
                    String::new()
                };
                format!("{}: {e}{hint}", path.display())
            })
        }
    }
}

/// Rebase an economy file (or the built-in baseline): JSON is read as a file, so raw data that the validation
/// would reject are accepted; CSV goes through the ordinary reader first.
fn rebase_economy(path: Option<&PathBuf>, balanced_trade: bool) -> Result<Rebased, String> {
    let file = match path {
        Some(path) if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) => {
            let text = read_file(path, "economy file")?;
            serde_json::from_str::<EconomyFile>(na_trade_explorer::model::economy::without_bom(&text)).map_err(|e| {
                format!(
                    "{}: {}",
                    path.display(),
                    ModelError::Parse { what: "economy file".into(), message: e.to_string() }
                )
            })?
        }
        _ => load_economy(path)?.file().clone(),
    };
    let options = RebaseOptions { balanced_trade, ..Default::default() };
    let name = path.map_or("built-in baseline".to_string(), |p| p.display().to_string());
    rebase(file, &options).map_err(|e| format!("{name}: {e}"))
}

/// Print the rebase's warning, if any, on standard error.
fn warn(rebased: &Rebased) {
    let units = rebased.file.units.clone().unwrap_or_else(|| "money units".into());
    if let Some(warning) = rebased.report.warning(&units) {
        eprintln!("warning: {warning}");
    }
}

fn load_scenario(name: &str) -> Result<ScenarioFile, String> {
    match presets::preset(name) {
        Ok(file) => Ok(file),
        Err(ModelError::UnknownName { known, .. }) => {
            let path = PathBuf::from(name);
            if !path.exists() {
                return Err(format!("'{name}' is neither a preset ({known}) nor an existing scenario file"));
            }
            let text = read_file(&path, "scenario file")?;
            let file = ScenarioFile::from_json(&text).map_err(|e| format!("{name}: {e}"))?;
            // The page refuses a control id it does not know (issue 24); so does the command line.
            na_trade_explorer::app::controls::check_file_controls(&file).map_err(|e| format!("{name}: {e}"))?;
            Ok(file)
        }
        Err(e) => Err(format!("preset '{name}': {e}")),
    }
}

fn list_presets() -> Result<String, String> {
    let mut out = String::from("Preset scenarios (solve one with `natx solve ID`):\n\n");
    for id in presets::preset_ids() {
        let file = presets::preset(id).map_err(|e| format!("preset '{id}': {e}"))?;
        out += &format!(
            "{id}\n  {} ({})\n  {}\n\n",
            file.name,
            if file.date.is_empty() { "undated" } else { &file.date },
            file.description
        );
    }
    Ok(out)
}

fn elasticity_label(economy: &Economy) -> String {
    let label = match economy.theta_set_id() {
        None => "default (the economy file's theta)".to_string(),
        Some(id) => economy.file().theta_sets.iter().find(|s| s.id == id).map_or(id.to_string(), |s| s.label.clone()),
    };
    format!(
        "{label}; horizon: {}; trade-weighted mean {}",
        economy.horizon().map_or("not stated".to_string(), |h| h.replace('_', " ")),
        EN.number(economy.trade_weighted_theta(), 2)
    )
}

fn elasticity_sets(economy: &Economy) -> String {
    let mut out = String::from(
        "Elasticity sets (trade-weighted mean: each sector weighted by baseline international trade at producer prices)\n\n",
    );
    let default = economy.theta().to_vec();
    for set in &economy.file().theta_sets {
        let with = economy.with_theta_set(&set.id).map(|e| e.trade_weighted_theta()).unwrap_or(f64::NAN);
        out += &format!(
            "{}{}\n  {} — horizon: {}; trade-weighted mean {}\n  {}\n  {}\n\n",
            set.id,
            if set.theta == default { " (default)" } else { "" },
            set.label,
            set.horizon.as_deref().map_or("not stated".to_string(), |h| h.replace('_', " ")),
            EN.number(with, 2),
            set.theta.iter().map(|t| shortest(*t)).collect::<Vec<_>>().join(" "),
            set.source
        );
    }
    out
}

/// Money per household, in whole US dollars with its sign, or a dash without household data.
fn per_household(values: Option<&Vec<f64>>, n: usize) -> String {
    values.map_or("—".to_string(), |v| EN.signed_dollars(v[n]))
}

fn summary(economy: &Economy, file: &ScenarioFile, results: &Results) -> String {
    let names = economy.country_names();
    let units = economy.file().units.clone().unwrap_or_else(|| "money units".into());
    let mut out =
        format!("{}{}\n", file.name, if file.date.is_empty() { String::new() } else { format!(" ({})", file.date) });
    out += &format!("{}\n\n", file.description);
    out += &format!("Elasticities: {}\nSolver: {}\n\n", elasticity_label(economy), results.solver);
    let derived = &results.derived;
    let first_year = results.labour == "sticky";
    out += &format!(
        "{:<16} {:>11} {:>11} {:>13} {:>13} {:>10} {:>9} {:>24}\n",
        "Country",
        "Real GDP %",
        "Jobs (k)",
        "Real income %",
        "Cost/hh/yr",
        "Prices %",
        "Wages %",
        &format!("Tariff revenue ({units})")
    );
    let jobs = |n: usize| {
        derived.jobs_moved_thousands.as_ref().map_or("–".to_string(), |j| EN.signed(j[n].iter().sum::<f64>(), 0))
    };
    for n in 0..economy.n_countries() {
        out += &format!(
            "{:<16} {:>11} {:>11} {:>13} {:>13} {:>10} {:>9} {:>24}\n",
            names[n],
            EN.signed(derived.real_gdp_pct[n], 2),
            jobs(n),
            EN.signed(results.welfare_pct[n], 2),
            per_household(derived.consumer_cost_per_household.as_ref(), n),
            EN.signed(derived.consumer_price_pct[n], 2),
            EN.signed(100.0 * (results.w_hat[n] - 1.0), 2),
            format!(
                "{} → {}",
                EN.number(results.tariff_revenue_base[n], 1),
                EN.number(results.tariff_revenue_new[n], 1)
            ),
        );
    }
    let horizon_note = if first_year {
        "First year: wages adjust only as far as the wage curve allows, so employment falls where demand for labour \
         falls; central banks hold consumer prices and currencies float; the new tariff revenue is saved."
    } else {
        "Long run: wages adjust fully and everyone who worked before works after (jobs move between sectors, the \
         total does not change)."
    };
    out += &wrap(
        &format!(
            "\nReal GDP: value added (wages times employment) deflated by consumer prices, the headline measure. Jobs: \
             the change in employment, thousands. Real income: what households can buy, tariff revenue returned (the \
             welfare measure). Cost/hh/yr: the real-income change per household a year in US dollars at 2024 prices \
             (equivalent variation; a cost is positive). Prices: consumer prices against the country's own average \
             wage. Wages: against world value added (the model's numeraire). {horizon_note}"
        ),
        110,
    );
    out += "\nReal income in parts, % of baseline income (they add up to the real-income change):\n";
    out += &format!(
        "{:<16} {:>11} {:>12} {:>15} {:>17} {:>17} {:>10} {:>14}\n",
        "Country",
        "Real wage",
        "Employment",
        "Tariff revenue",
        "Exporters' margin",
        "Retailers' margin",
        "Deficit",
        "Real income"
    );
    let parts = &results.welfare_parts;
    for n in 0..economy.n_countries() {
        out += &format!(
            "{:<16} {:>11} {:>12} {:>15} {:>17} {:>17} {:>10} {:>14}\n",
            names[n],
            EN.signed(parts.wages_pct[n], 2),
            EN.signed(parts.employment_pct[n], 2),
            EN.signed(parts.tariff_revenue_pct[n], 2),
            EN.signed(parts.export_margins_pct[n], 2),
            EN.signed(parts.retail_margins(n), 2),
            EN.signed(parts.deficit_pct[n], 2),
            EN.signed(results.welfare_pct[n], 2)
        );
    }
    let pass: Vec<String> = (0..economy.n_countries())
        .flat_map(|n| (0..economy.n_countries()).map(move |i| (n, i)))
        .filter_map(|(n, i)| {
            derived.pass_through[n][i]
                .map(|p| format!("{} ← {} {:.0}%", economy.countries()[n], economy.countries()[i], 100.0 * p))
        })
        .collect();
    if !pass.is_empty() {
        out += &wrap(
            &format!(
                "\nPass-through (share of the goods-tariff change paid by buyers): {}. Measured in 2025: 86–94% (New \
                 York Fed, 2026).",
                pass.join(", ")
            ),
            110,
        );
    }
    let mut pairs = derived.pairs.clone();
    sort_desc(&mut pairs, |p| p.change.abs());
    let services_note = if derived.services_pairs.is_empty() { "all sectors" } else { "goods" };
    out += &format!("\nBiggest trade changes ({services_note}, producer prices, {units}):\n");
    let pair_line = |pair: &na_trade_explorer::PairTrade| {
        format!(
            "  {:>3} → {:<3} {:>9} → {:>9}  ({}, {})\n",
            pair.exporter,
            pair.importer,
            EN.number(pair.base, 1),
            EN.number(pair.new, 1),
            EN.signed(pair.change, 1),
            EN.percent(pair.change_pct, 1)
        )
    };
    for pair in pairs.iter().take(8) {
        out += &pair_line(pair);
    }
    if !derived.services_pairs.is_empty() {
        let mut services = derived.services_pairs.clone();
        sort_desc(&mut services, |p| p.change.abs());
        out += &format!("Services, reported apart ({units}; they move with each country's overall trade balance):\n");
        for pair in services.iter().take(3) {
            out += &pair_line(pair);
        }
    }
    let mut costs: Vec<(usize, usize, f64)> = (0..economy.n_countries())
        .flat_map(|n| (0..economy.n_sectors()).map(move |j| (n, j)))
        .map(|(n, j)| (n, j, results.derived.supply_chain_cost_pct[n][j]))
        .collect();
    sort_desc(&mut costs, |c| c.2);
    out += "\nSupply chains: sectors whose input costs rise most (against local wages):\n";
    for (n, j, pct) in costs.iter().take(5) {
        out += &format!("  {:<16} {:<44} {}\n", names[*n], economy.sector_names()[*j], EN.percent(*pct, 2));
    }
    if let Some(jobs) = &results.derived.jobs_moved_thousands {
        out += if first_year {
            "\nJobs by sector, first year (thousands; gained + or lost −, job-equivalents at the average wage):\n"
        } else {
            "\nJobs moved between sectors, long run (thousands; they move, they are not lost):\n"
        };
        for n in 0..economy.n_countries() {
            let mut by_sector: Vec<(usize, f64)> = jobs[n].iter().copied().enumerate().collect();
            sort_desc(&mut by_sector, |s| s.1);
            let (Some(gain), Some(loss)) = (by_sector.first(), by_sector.last()) else {
                continue;
            };
            out += &format!(
                "  {:<16} into {} ({}), out of {} ({})\n",
                names[n],
                economy.sector_names()[gain.0],
                EN.signed(gain.1, 1),
                economy.sector_names()[loss.0],
                EN.signed(loss.1, 1)
            );
        }
    }
    out
}

/// Break a paragraph into lines of at most `width` characters (at spaces), each ending in a newline.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out += &line;
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line += word;
    }
    if !line.is_empty() {
        out += &line;
        out.push('\n');
    }
    out
}

/// Real income and consumer prices at both horizons, side by side (for short-lived regimes).
fn two_horizons(a: &Economy, a_results: &Results, b: &Economy, b_results: &Results) -> String {
    let mut out = wrap(
        "\nBoth horizons (real GDP % / real income % / consumer prices % against local wages). The first year has \
         sticky wages, so jobs are lost where demand falls; the long run has flexible wages and full employment:",
        110,
    );
    let label = |e: &Economy| match e.horizon() {
        Some("one_year") => "first year".to_string(),
        Some(h) => h.replace('_', " "),
        None => "not stated".to_string(),
    };
    out += &format!("{:<16} {:>28} {:>28}\n", "Country", label(a), label(b));
    let cell = |r: &Results, n: usize| {
        format!(
            "{} / {} / {}",
            EN.signed(r.derived.real_gdp_pct[n], 2),
            EN.signed(r.welfare_pct[n], 2),
            EN.signed(r.derived.consumer_price_pct[n], 2)
        )
    };
    for n in 0..a.n_countries() {
        out += &format!("{:<16} {:>28} {:>28}\n", a.country_names()[n], cell(a_results, n), cell(b_results, n));
    }
    out
}

fn solve_all(elasticities: &str) -> Result<String, String> {
    let economy = presets::north_america_2024()
        .map_err(|e| e.to_string())?
        .with_theta_set(elasticities)
        .map_err(|e| e.to_string())?;
    let mut out = format!("Welfare change, % (elasticities: {})\n", elasticity_label(&economy));
    out += &format!("{:<30}", "preset");
    for id in economy.countries() {
        out += &format!(" {id:>7}");
    }
    out += "\n";
    for id in presets::preset_ids() {
        let file = presets::preset(id).map_err(|e| e.to_string())?;
        let scenario = Scenario::build(&file, &economy).map_err(|e| format!("{id}: {e}"))?;
        let results = solve(&economy, &scenario).map_err(|e| format!("{id}: {e}"))?;
        out += &format!("{id:<30}");
        for w in &results.welfare_pct {
            out += &format!(" {:>7}", EN.signed(*w, 2));
        }
        out += "\n";
    }
    Ok(out)
}

fn baseline(economy: &Economy) -> String {
    let file = economy.file();
    let units = file.units.clone().unwrap_or_else(|| "money units".into());
    let mut out = format!(
        "{} ({} countries × {} sectors)\n",
        file.name.clone().unwrap_or_else(|| "Economy".into()),
        economy.n_countries(),
        economy.n_sectors()
    );
    if let Some(d) = &file.description {
        out += &format!("{d}\n");
    }
    out += &format!("\nExports at producer prices (customs value), all sectors, {units}:\n");
    out += &format!("{:<8}", "from\\to");
    for id in economy.countries() {
        out += &format!(" {id:>9}");
    }
    out += "\n";
    for i in 0..economy.n_countries() {
        out += &format!("{:<8}", economy.countries()[i]);
        for n in 0..economy.n_countries() {
            if n == i {
                out += &format!(" {:>9}", "—");
            } else {
                let total: f64 = (0..economy.n_sectors()).map(|j| economy.exports_at_producer_prices(j, n, i)).sum();
                out += &format!(" {:>9}", EN.number(total, 1));
            }
        }
        out += "\n";
    }
    out += &format!("\n{:<16} {:>14} {:>14} {:>14}\n", "Country", "Value added", "Tariff rev.", "Deficit");
    for n in 0..economy.n_countries() {
        out += &format!(
            "{:<16} {:>14} {:>14} {:>14}\n",
            economy.country_names()[n],
            EN.number(economy.value_added()[n], 1),
            EN.number(economy.tariff_revenue()[n], 1),
            EN.number(economy.deficits()[n], 1)
        );
    }
    out
}

/// `natx prerender`: the default embed (its two charts, no controls) of every preset in every language, as static
/// HTML with the charts drawn to SVG by the same code as the page's canvas (`view::prerender`).
/// The page's stylesheets, written into each pre-rendered embed (`view::prerender::StaticEmbed::stylesheets`); the
/// files stay their one owner.
const PRERENDER_STYLESHEETS: &str =
    concat!(include_str!("../../www/natx.css"), "\n", include_str!("../../www/embed.css"));

fn prerender(out: &std::path::Path) -> Result<String, String> {
    use na_trade_explorer::app::url_state::EMBED_CHARTS;
    use na_trade_explorer::view::charts::{draw_chart, ChartInput, Style};
    use na_trade_explorer::view::prerender::{embed_html, oembed_json, StaticChart, StaticEmbed};
    use na_trade_explorer::view::prerender::{NARROW_WIDTH as NARROW, WIDE_WIDTH as WIDE};
    use plotters::prelude::{IntoDrawingArea, SVGBackend};
    let economy = presets::north_america_2024().map_err(|e| e.to_string())?;
    let one_year = economy.with_theta_set("one_year").map_err(|e| e.to_string())?;
    let mut written = 0;
    for lang in Lang::ALL {
        let text = Text::new(lang);
        for id in presets::preset_ids() {
            let file = presets::preset(id).map_err(|e| e.to_string())?;
            let scenario = Scenario::build(&file, &economy).map_err(|e| e.to_string())?;
            let results = solve(&economy, &scenario).map_err(|e| e.to_string())?;
            let first = solve(&one_year, &Scenario::build(&file, &one_year).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
            let input = ChartInput { economy: &economy, results: &results, text: &text, ranges: None, story: None };
            let svg = |chart: na_trade_explorer::view::charts::ChartId, width: u32| -> Result<String, String> {
                let height = chart.height(f64::from(width)).round() as u32;
                let mut svg = String::new();
                {
                    let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
                    let style = Style { interactive: false, ..Style::default() };
                    draw_chart(chart.as_str(), &root, input, &style).map_err(|e| e.to_string())?;
                    root.present().map_err(|e| e.to_string())?;
                }
                // Scale with the frame: the drawing's own size becomes its view box.
                Ok(svg.replacen(
                    &format!("width=\"{width}\" height=\"{height}\""),
                    &format!("viewBox=\"0 0 {width} {height}\" width=\"100%\" preserveAspectRatio=\"xMidYMin meet\""),
                    1,
                ))
            };
            let mut charts = Vec::new();
            for chart in EMBED_CHARTS {
                charts.push(StaticChart {
                    id: chart,
                    title: text.get(&format!("chart.{}.title", chart.as_str())).to_string(),
                    narrow_svg: svg(chart, NARROW)?,
                    wide_svg: svg(chart, WIDE)?,
                    description: chart.describe(&input),
                });
            }
            let name = text.try_get(&format!("preset.{id}.name")).map_or(file.name.clone(), str::to_string);
            let code = lang.code();
            let page = embed_html(&StaticEmbed {
                lang: code.to_string(),
                page_title: text.get("ui.title").to_string(),
                scenario_name: name.clone(),
                // As the live embed says it: the headline with both horizons side by side.
                summary: na_trade_explorer::view::summary::summary_for_charts(
                    &economy,
                    &results,
                    Some(&first),
                    &EMBED_CHARTS,
                    &text,
                ),
                charts,
                source_line: text.fill("export.source", &[("version", env!("CARGO_PKG_VERSION"))]),
                open_full: text.get("ui.article.open_full").to_string(),
                // Light, pinned: the builder hands this file out for its Light theme, and a reader in dark mode
                // must not see a dark box in a light article once the live explorer takes over.
                query: format!("preset={id}&lang={code}&theme=light"),
                root: "../../../".into(),
                oembed: format!("../../oembed/{code}/{id}.json"),
                stylesheets: PRERENDER_STYLESHEETS.to_string(),
            });
            let height: f64 = EMBED_CHARTS.iter().map(|c| c.height(f64::from(WIDE))).sum::<f64>() + 420.0;
            let json = oembed_json(&name, &format!("../../embeds/{code}/{id}.html"), WIDE, height.round() as u32);
            for (dir, file_name, contents) in
                [("embeds", format!("{id}.html"), page), ("oembed", format!("{id}.json"), json)]
            {
                let folder = out.join(dir).join(code);
                std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
                std::fs::write(folder.join(&file_name), contents).map_err(|e| format!("{file_name}: {e}"))?;
            }
            written += 1;
        }
    }
    Ok(format!("wrote {written} pre-rendered embeds and their oEmbed files under {}\n", out.display()))
}

/// A scenario by name for `compare`: a preset id, `step:YYYY-MM-DD` (the timeline on that date) or a scenario file.
fn named_scenario(name: &str) -> Result<ScenarioFile, String> {
    if let Some(date) = name.strip_prefix("step:") {
        let options = na_trade_explorer::data::timeline::TimelineOptions::ENACTED;
        return na_trade_explorer::data::timeline::scenario_on(date, options).map_err(|e| e.to_string())?.ok_or_else(
            || {
                let first =
                    na_trade_explorer::data::timeline::enacted_events().next().map_or("", |(_, e)| e.date.as_str());
                format!("'{date}': no timeline event is in force on that date (the first is {first})")
            },
        );
    }
    load_scenario(name)
}

/// One scenario at both horizons: `(first year, long run)` results.
fn both_horizons(file: &ScenarioFile) -> Result<(Results, Results), String> {
    let long = presets::north_america_2024().map_err(|e| e.to_string())?;
    let first = long.with_theta_set("one_year").map_err(|e| e.to_string())?;
    let solve_at = |economy: &Economy| -> Result<Results, String> {
        let scenario = Scenario::build(file, economy).map_err(|e| format!("scenario '{}': {e}", file.name))?;
        solve(economy, &scenario).map_err(|e| e.to_string())
    };
    Ok((solve_at(&first)?, solve_at(&long)?))
}

/// `natx compare A B`: both scenarios and their difference, at both horizons.
fn compare(a: &str, b: &str, json: bool) -> Result<String, String> {
    use na_trade_explorer::app::compare::{compare as compare_rows, BothHorizons, Figures};
    use na_trade_explorer::model::uncertainty::{DifferenceRanges, DifferenceRangesJob, Range, RangeOptions};
    let (file_a, file_b) = (named_scenario(a)?, named_scenario(b)?);
    let (a_first, a_long) = both_horizons(&file_a)?;
    let (b_first, b_long) = both_horizons(&file_b)?;
    let economy = presets::north_america_2024().map_err(|e| e.to_string())?;
    let countries = economy.countries();
    let rows = compare_rows(
        &economy,
        BothHorizons { first_year: &a_first, long_run: &a_long },
        BothHorizons { first_year: &b_first, long_run: &b_long },
    );
    // The ranges of B − A: the same draws of the elasticities (and of the first year's rigidity) for both.
    let difference = |economy: &Economy| -> Result<DifferenceRanges, String> {
        let build = |file: &ScenarioFile| Scenario::build(file, economy).map_err(|e| e.to_string());
        DifferenceRangesJob::new(economy, &build(&file_a)?, &build(&file_b)?, &RangeOptions::default())
            .run()
            .map_err(|e| e.to_string())
    };
    let first_economy = economy.with_theta_set("one_year").map_err(|e| e.to_string())?;
    let bands = [difference(&first_economy)?, difference(&economy)?];
    if json {
        let band_json = |band: &DifferenceRanges| {
            let pairs = |ranges: &[Range]| ranges.iter().map(|r| [r.low, r.high]).collect::<Vec<_>>();
            serde_json::json!({
                "real_gdp_pct": pairs(&band.real_gdp_pct),
                "welfare_pct": pairs(&band.welfare_pct),
                "draws_solved": band.draws_solved,
                "draws_failed": band.draws_failed,
            })
        };
        let pick = |long_run: bool, k: usize| {
            let figures: Vec<Figures> =
                rows.iter().map(|r| if long_run { r.long_run[k] } else { r.first_year[k] }).collect();
            serde_json::json!({
                "real_gdp_pct": figures.iter().map(|f| f.real_gdp_pct).collect::<Vec<_>>(),
                "welfare_pct": figures.iter().map(|f| f.real_income_pct).collect::<Vec<_>>(),
                "jobs_thousands": figures.iter().map(|f| f.jobs_thousands).collect::<Vec<_>>(),
            })
        };
        let (first, long) = (false, true);
        let with_employment = |mut value: serde_json::Value, results: &Results| {
            value["employment_hat"] = serde_json::json!(results.employment_hat);
            value
        };
        let value = serde_json::json!({
            "countries": countries,
            "a": { "name": file_a.name, "first_year": with_employment(pick(first, 0), &a_first), "long_run": with_employment(pick(long, 0), &a_long) },
            "b": { "name": file_b.name, "first_year": with_employment(pick(first, 1), &b_first), "long_run": with_employment(pick(long, 1), &b_long) },
            "b_minus_a": { "first_year": pick(first, 2), "long_run": pick(long, 2) },
            "b_minus_a_range": { "first_year": band_json(&bands[0]), "long_run": band_json(&bands[1]) },
        });
        return serde_json::to_string_pretty(&value).map(|t| t + "\n").map_err(|e| e.to_string());
    }
    let mut out = format!("A: {}\nB: {}\n", file_a.name, file_b.name);
    for (label, long_run) in [("First year", false), ("Long run", true)] {
        out += &format!(
            "\n{label} (real GDP % / jobs, thousands / real income %):\n{:<16} {:>30} {:>30} {:>30}\n",
            "Country", "A", "B", "B − A"
        );
        for row in &rows {
            let [fa, fb, diff] = if long_run { row.long_run } else { row.first_year };
            let cell = |f: Figures| {
                format!(
                    "{} / {} / {}",
                    EN.signed(f.real_gdp_pct, 2),
                    EN.signed(f.jobs_thousands, 0),
                    EN.signed(f.real_income_pct, 2)
                )
            };
            out += &format!(
                "{:<16} {:>30} {:>30} {:>30}\n",
                economy.country_names()[row.country],
                cell(fa),
                cell(fb),
                cell(diff)
            );
        }
    }
    out += "\nB − A, 5th–95th percentile over 200 draws of the elasticities (and the first year's wage rigidity), the same \
            draws for both (real GDP / real income, percentage points):\n";
    for row in &rows {
        let n = row.country;
        let range = |r: &Range| format!("{} to {}", EN.signed(r.low, 2), EN.signed(r.high, 2));
        out += &format!(
            "{:<16} first year {} / {}; long run {} / {}\n",
            economy.country_names()[n],
            range(&bands[0].real_gdp_pct[n]),
            range(&bands[0].welfare_pct[n]),
            range(&bands[1].real_gdp_pct[n]),
            range(&bands[1].welfare_pct[n])
        );
    }
    Ok(out)
}

/// `natx timeline`: every dated step of the enacted timeline, what changed on it, and the headline figures of the
/// United States, Canada and Mexico at both horizons with everything then in force (`view::story`, the path the
/// page's story chart takes).
/// `natx timeline --ranges`: the story's ranges as the JSON of `data/story-ranges.json` (`json` is implied).
fn story_ranges_json(_json: bool) -> Result<String, String> {
    let economy = presets::north_america_2024().map_err(|e| e.to_string())?;
    let ranges = na_trade_explorer::view::story::story_ranges(&economy).map_err(|e| e.to_string())?;
    let value = serde_json::json!({
        "about": "Derived (E): 5th–95th percentile ranges of real GDP and real income (percent change from the 2024 \
                  baseline) of the United States, Canada and Mexico with everything in force on each dated step of \
                  data/timeline.json, at both horizons, over the explorer's 200 draws (seed 2024) of the elasticities \
                  and, at the first year, of the wage rigidity (docs/model.md, Uncertainty). Written by \
                  `natx timeline --ranges`; tests/story.rs recomputes it.",
        "countries": ["USA", "CAN", "MEX"],
        "steps": ranges,
    });
    serde_json::to_string_pretty(&value).map(|t| t + "\n").map_err(|e| e.to_string())
}

fn timeline(json: bool) -> Result<String, String> {
    let economy = presets::north_america_2024().map_err(|e| e.to_string())?;
    let story = na_trade_explorer::view::story::story(&economy).map_err(|e| e.to_string())?;
    if json {
        let pick = |f: &na_trade_explorer::view::story::StoryFigures| {
            serde_json::json!({
                "real_gdp_pct": f.real_gdp_pct,
                "welfare_pct": f.real_income_pct,
                "jobs_thousands": f.jobs_thousands,
            })
        };
        let value: Vec<serde_json::Value> = story
            .steps
            .iter()
            .map(|s| {
                serde_json::json!({
                    "date": s.date,
                    "changed": s.titles,
                    "first_year": pick(&s.first_year),
                    "long_run": pick(&s.long_run),
                })
            })
            .collect();
        let value = serde_json::json!({ "countries": story.countries, "steps": value });
        return serde_json::to_string_pretty(&value).map(|t| t + "\n").map_err(|e| e.to_string());
    }
    let mut out = String::from(
        "The year as a story: everything in force on each date (real GDP %, first year / long run; jobs in the first \
         year, thousands)\n\n",
    );
    out += &format!("{:<11} {:>24} {:>24} {:>24}  what changed\n", "date", "United States", "Canada", "Mexico");
    for step in &story.steps {
        let cells: Vec<String> = (0..story.countries.len())
            .map(|k| {
                format!(
                    "{} / {} ({})",
                    EN.signed(step.first_year.real_gdp_pct[k], 2),
                    EN.signed(step.long_run.real_gdp_pct[k], 2),
                    EN.signed(step.first_year.jobs_thousands[k], 0)
                )
            })
            .collect();
        out += &format!(
            "{:<11} {:>24} {:>24} {:>24}  {}\n",
            step.date,
            cells[0],
            cells[1],
            cells[2],
            step.titles.join("; ")
        );
    }
    Ok(out)
}
