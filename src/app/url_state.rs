//! The page's state in the URL: preset, timeline step, every moved control, elasticity set, language, theme and
//! (for embeds) which charts to show. Parsing never fails: a bad or outdated part falls back to its default and
//! yields a [`Notice`] the page shows politely.
//!
//! Query keys: `preset`, `step` (`YYYY-MM-DD`), `elasticities`, `lang`, `theme` (`auto`, `light`, `dark`, `plain`, `plain-dark`),
//! `charts` (comma-separated chart ids), `controls` (`true`/`false`: whether an embed shows its controls), and one key
//! per moved control (its id, value in percent).

use serde::Serialize;

use crate::app::controls::{check_value, CONTROLS};
use crate::util::quote::bounded;
use crate::view::charts::ChartId;
use crate::view::i18n::Lang;

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
    /// No background and dark text, for embedding on a light page's own background.
    Plain,
    /// No background and light text, for embedding on a dark page's own background (issue 22).
    #[serde(rename = "plain-dark")]
    PlainDark,
}

impl Theme {
    /// Every theme, in menu order.
    pub const ALL: [Theme; 5] = [Theme::Auto, Theme::Light, Theme::Dark, Theme::Plain, Theme::PlainDark];

    /// The theme's URL value.
    pub fn code(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Plain => "plain",
            Theme::PlainDark => "plain-dark",
        }
    }

    fn parse(value: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.code() == value)
    }
}

/// A problem found in a link, for the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// Catalogue key of the message (`notice.url_bad_value`, ...).
    pub key: String,
    /// The setting's name as it appeared in the link.
    pub name: String,
    /// The offending value, cut to a safe length.
    pub value: String,
}

/// The charts of the default, article-shaped embed (`embed.html` with nothing but a scenario in its address): one
/// chart, who gains and who loses, as newsroom chart tools embed one chart per frame. With the headline and the
/// footer it stays within the issue 22 budget on a phone (879 px at 375 px in an article; two charts took 1,721 px); the
/// builder adds any other chart.
pub const EMBED_CHARTS: [ChartId; 1] = [ChartId::Welfare];

/// What an embed shows of the controls (`controls=` in its address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ControlsShown {
    /// Every control, as on the full page (`controls=all`; `true` in older links).
    All,
    /// A compact scenario picker only (`controls=picker`).
    Picker,
    /// None: the article-shaped embed (`controls=none`; `false` in older links).
    None,
}

impl ControlsShown {
    /// Every choice, in the embed builder's order.
    pub const ALL: [ControlsShown; 3] = [ControlsShown::None, ControlsShown::Picker, ControlsShown::All];

    /// The value in a link.
    pub fn code(self) -> &'static str {
        match self {
            ControlsShown::All => "all",
            ControlsShown::Picker => "picker",
            ControlsShown::None => "none",
        }
    }

    /// A link's value; `true` and `false` are the older spellings of `all` and `none`.
    pub fn parse(value: &str) -> Option<ControlsShown> {
        match value {
            "all" | "true" => Some(ControlsShown::All),
            "picker" => Some(ControlsShown::Picker),
            "none" | "false" => Some(ControlsShown::None),
            _ => None,
        }
    }
}

/// The state a link describes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UrlState {
    /// Preset id (`None`: the default).
    pub preset: Option<String>,
    /// Timeline date `YYYY-MM-DD` (`None`: not following the timeline).
    pub step: Option<String>,
    /// Elasticity set id.
    pub elasticities: Option<String>,
    /// Language, if the link sets one.
    pub lang: Option<Lang>,
    /// Theme.
    pub theme: Theme,
    /// Charts to show (empty: all).
    pub charts: Vec<String>,
    /// What an embed shows of its controls (`None`: the page's default).
    pub show_controls: Option<ControlsShown>,
    /// Moved controls, `(id, percent)`.
    pub controls: Vec<(String, f64)>,
    /// The tariff table's cells, in the link form of [`crate::app::cells`] (checked against the economy later).
    pub rates: Option<String>,
    /// A reader's own scenario, cell by cell ([`crate::app::cells::OwnScenario`]), replacing the preset.
    pub own: Option<String>,
    /// The name of the reader's scenario file (with `own`).
    pub name: Option<String>,
}

impl Default for UrlState {
    fn default() -> Self {
        UrlState {
            preset: None,
            step: None,
            elasticities: None,
            lang: None,
            theme: Theme::Auto,
            charts: Vec::new(),
            show_controls: None,
            controls: Vec::new(),
            rates: None,
            own: None,
            name: None,
        }
    }
}

/// Whether a value is a plain id (letters, digits, `-` and `_`, at most 64 characters).
fn is_id(value: &str) -> bool {
    !value.is_empty() && value.len() <= 64 && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Whether a value is a date `YYYY-MM-DD` that exists (`2025-02-30` does not; `2024-02-29` does).
pub fn is_date(value: &str) -> bool {
    matches!(date_parts(value), Some((y, m, d)) if (1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d))
}

/// Year, month and day of a value shaped `YYYY-MM-DD` (four, two and two digits), whether or not the date exists.
fn date_parts(value: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = value.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return None;
    }
    let number = |p: &str| p.chars().all(|c| c.is_ascii_digit()).then(|| p.parse::<u32>().ok()).flatten();
    Some((number(parts[0])?, number(parts[1])?, number(parts[2])?))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parse a query string (with or without the leading `?`). `known_preset` and `known_elasticities` say which ids
/// exist; anything else is reported and dropped.
pub fn parse(
    query: &str,
    known_preset: impl Fn(&str) -> bool,
    known_elasticities: impl Fn(&str) -> bool,
) -> (UrlState, Vec<Notice>) {
    let mut state = UrlState::default();
    let mut notices = Vec::new();
    // Names and values are cut by the one bounded quoting (the catalogue's sentence adds the quotation marks).
    let bad = |key: &str, name: &str, value: &str| Notice {
        key: key.into(),
        name: bounded(name).into_owned(),
        value: bounded(value).into_owned(),
    };
    let query = query.strip_prefix('?').unwrap_or(query);
    for (read, (name, value)) in form_urlencoded::parse(query.as_bytes()).enumerate() {
        if read == MAX_PAIRS {
            // A link the page writes has a few dozen parts at most; the rest of a longer one is not read.
            note(&mut notices, bad("notice.url_unknown", &name, &value));
            break;
        }
        let (name, value) = (name.trim().to_string(), value.trim().to_string());
        match name.as_str() {
            "" => {}
            "preset" => {
                if is_id(&value) && known_preset(&value) {
                    state.preset = Some(value);
                } else {
                    note(&mut notices, bad("notice.url_bad_preset", &name, &value));
                }
            }
            "step" => {
                if is_date(&value) {
                    state.step = Some(value);
                } else if date_parts(&value).is_some() {
                    // Shaped like a date but not one (`2025-02-30`): said so, not snapped to a nearby event.
                    note(&mut notices, bad("notice.url_impossible_step", &name, &value));
                } else {
                    note(&mut notices, bad("notice.url_bad_step", &name, &value));
                }
            }
            "elasticities" => {
                // Links made before the one-year set replaced `short_run` keep their meaning: the short horizon.
                let value =
                    if value == "short_run" && known_elasticities("one_year") { "one_year".into() } else { value };
                if is_id(&value) && known_elasticities(&value) {
                    state.elasticities = Some(value);
                } else {
                    note(&mut notices, bad("notice.url_bad_value", &name, &value));
                }
            }
            "lang" => match Lang::from_tag(&value) {
                Some(lang) if is_id(&value) => state.lang = Some(lang),
                _ => note(&mut notices, bad("notice.url_bad_value", &name, &value)),
            },
            "theme" => match Theme::parse(&value) {
                Some(theme) => state.theme = theme,
                None => note(&mut notices, bad("notice.url_bad_value", &name, &value)),
            },
            "charts" => match chart_list(&value) {
                Some((charts, repeated)) => {
                    state.charts = charts;
                    if repeated {
                        note(&mut notices, bad(CHARTS_REPEATED, &name, &value));
                    }
                }
                None => note(&mut notices, bad("notice.url_bad_value", &name, &value)),
            },
            "rates" | "own" if value.len() <= MAX_CELLS_TEXT => {
                let slot = if name == "rates" { &mut state.rates } else { &mut state.own };
                *slot = Some(value);
            }
            "rates" | "own" => note(&mut notices, bad("notice.url_bad_value", &name, &value)),
            "name" => state.name = Some(value.chars().take(80).collect()),
            "controls" => match ControlsShown::parse(&value) {
                Some(shown) => state.show_controls = Some(shown),
                None => note(&mut notices, bad("notice.url_bad_value", &name, &value)),
            },
            other => match CONTROLS.iter().find(|c| c.id == other) {
                Some(spec) => match crate::util::numbers::parse_decimal(&value)
                    .map(link_precision)
                    .and_then(|v| check_value(spec, v).ok())
                {
                    Some(v) => {
                        state.controls.retain(|(id, _)| id != other);
                        state.controls.push((other.to_string(), v));
                    }
                    None => note(&mut notices, bad("notice.url_bad_value", &name, &value)),
                },
                None => note(&mut notices, bad("notice.url_unknown", &name, &value)),
            },
        }
    }
    // One canonical order (the controls' display order), whatever order the link used.
    crate::util::order::sort_asc(&mut state.controls, |(id, _)| {
        CONTROLS.iter().position(|c| c.id == id).map_or(-1.0, |p| p as f64)
    });
    (state, notices)
}

/// The longest `rates=` or `own=` value read (every cell of the largest link economy at about 40 characters).
const MAX_CELLS_TEXT: usize = 40 * crate::app::cells::MAX_LINK_CELLS;

/// The notice for a chart list that names a chart more than once: the list is kept with each chart once. (The
/// catalogues have no sentence of their own for it yet, so the reader is told the value was not valid.)
const CHARTS_REPEATED: &str = "notice.url_charts_repeated";

/// At most this many `name=value` parts of a link are read (the first part past them is reported): a link the page
/// writes has one per control and seven more, so a link of 100,000 parts costs no more than one of this many.
const MAX_PAIRS: usize = 4 * (CONTROLS.len() + 11);

/// A link's `charts=` value as chart ids, each known chart at most once and in the link's order (so never more
/// than [`ChartId::ALL`] holds), and whether the link repeated one. `None` if the list is empty or names a chart
/// that does not exist. Stops at the first unknown id: a list of a million entries is not read to its end.
pub fn chart_list(value: &str) -> Option<(Vec<String>, bool)> {
    let mut charts: Vec<ChartId> = Vec::with_capacity(ChartId::ALL.len());
    let mut repeated = false;
    for id in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        let chart = ChartId::parse(id).ok()?;
        if charts.contains(&chart) {
            repeated = true;
        } else {
            charts.push(chart);
        }
    }
    (!charts.is_empty()).then(|| (charts.into_iter().map(|c| c.as_str().to_string()).collect(), repeated))
}

/// The known charts among `ids`, each once, in their first order (so never more than [`ChartId::ALL`] holds);
/// unknown ids are left out. For a chart list the page hands over.
pub fn known_charts_once<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut charts: Vec<ChartId> = Vec::with_capacity(ChartId::ALL.len());
    for chart in ids.into_iter().filter_map(|id| ChartId::parse(id).ok()) {
        if !charts.contains(&chart) {
            charts.push(chart);
        }
    }
    charts.into_iter().map(|c| c.as_str().to_string()).collect()
}

/// At most this many notices come from one link: a link with 100,000 unknown keys gets ten, not 100,000.
const MAX_NOTICES: usize = 10;

fn note(notices: &mut Vec<Notice>, notice: Notice) {
    if notices.len() < MAX_NOTICES {
        notices.push(notice);
    }
}

/// Write a state as a query string (without `?`), in a stable order; defaults are left out.
pub fn serialize(state: &UrlState) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(preset) = &state.preset {
        query.append_pair("preset", preset);
    }
    if let Some(step) = &state.step {
        query.append_pair("step", step);
    }
    if let Some(own) = &state.own {
        if let Some(name) = &state.name {
            query.append_pair("name", name);
        }
        query.append_pair("own", own);
    }
    for spec in CONTROLS {
        if let Some((_, value)) = state.controls.iter().find(|(id, _)| id == spec.id) {
            query.append_pair(spec.id, &format_value(*value));
        }
    }
    if let Some(rates) = &state.rates {
        query.append_pair("rates", rates);
    }
    if let Some(elasticities) = &state.elasticities {
        query.append_pair("elasticities", elasticities);
    }
    if let Some(lang) = state.lang {
        query.append_pair("lang", lang.code());
    }
    if state.theme != Theme::Auto {
        query.append_pair("theme", state.theme.code());
    }
    if !state.charts.is_empty() {
        query.append_pair("charts", &state.charts.join(","));
    }
    if let Some(show) = state.show_controls {
        query.append_pair("controls", show.code());
    }
    query.finish()
}

/// `key=value` pairs as a query string, encoded as [`serialize`] encodes them.
pub fn serialize_pairs(pairs: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        query.append_pair(key, value);
    }
    query.finish()
}

/// A query with its commas written as commas: they read better than `%2C` in an address an editor may look at,
/// and a query allows them.
pub fn readable(query: &str) -> String {
    query.replace("%2C", ",")
}

/// A link carries control values to two decimals (what [`format_value`] writes): a longer value is rounded when
/// the link is read, so that the state a link gives writes the same link again.
fn link_precision(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// A control value without needless decimals (`35`, `12.5`).
fn format_value(value: f64) -> String {
    let text = crate::util::numbers::fixed(value, 2);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_simple(query: &str) -> (UrlState, Vec<Notice>) {
        parse(query, |p| p == "us-tariffs-2025", |e| e == "uniform_4")
    }

    #[test]
    fn a_link_round_trips() {
        let (state, notices) =
            parse_simple("?preset=us-tariffs-2025&us_metals_can=60&elasticities=uniform_4&lang=fr&theme=dark&step=2025-06-04&charts=flows,welfare&controls=false");
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(state.preset.as_deref(), Some("us-tariffs-2025"));
        assert_eq!(state.controls, vec![("us_metals_can".to_string(), 60.0)]);
        assert_eq!(state.lang, Some(Lang::Fr));
        assert_eq!(state.theme, Theme::Dark);
        assert_eq!(state.charts, vec!["flows", "welfare"]);
        assert_eq!(state.show_controls, Some(ControlsShown::None), "`false`, the older spelling, still works");
        let again = parse_simple(&serialize(&state)).0;
        assert_eq!(again, state);
        for shown in ControlsShown::ALL {
            let (state, notices) = parse_simple(&format!("?controls={}", shown.code()));
            assert!(notices.is_empty(), "{notices:?}");
            assert_eq!(state.show_controls, Some(shown));
        }
        assert_eq!(parse_simple("?controls=true").0.show_controls, Some(ControlsShown::All));
        assert_eq!(parse_simple("?controls=sometimes").1.len(), 1, "a bad value is a notice");
    }

    #[test]
    fn a_link_with_100000_unknown_keys_gets_ten_notices() {
        let query: Vec<String> = (0..100_000).map(|k| format!("k{k}=1")).collect();
        let (_, notices) = parse_simple(&query.join("&"));
        assert_eq!(notices.len(), MAX_NOTICES);
    }

    #[test]
    fn bad_parts_fall_back_with_notices_and_never_fail() {
        let (state, notices) = parse_simple(
            "preset=nafta&us_metals_can=900&us_other_mex=abc&lang=de&theme=neon&step=June&charts=pie&colour=red&x=%3Cscript%3Ealert(1)%3C%2Fscript%3E&elasticities=uniform_4",
        );
        assert_eq!(state.preset, None);
        assert!(state.controls.is_empty());
        assert_eq!(state.elasticities.as_deref(), Some("uniform_4"), "good parts are kept");
        let (old, old_notices) = parse("elasticities=short_run", |_| true, |id| id == "one_year");
        assert_eq!(old.elasticities.as_deref(), Some("one_year"), "old short-run links open the one-year set");
        assert!(old_notices.is_empty());
        let keys: Vec<&str> = notices.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "notice.url_bad_preset",
                "notice.url_bad_value",
                "notice.url_bad_value",
                "notice.url_bad_value",
                "notice.url_bad_value",
                "notice.url_bad_step",
                "notice.url_bad_value",
                "notice.url_unknown",
                "notice.url_unknown"
            ]
        );
        assert_eq!(
            notices[8].value, "<script>alert(1)</script>",
            "quoted as text; the page never renders it as markup"
        );
        let long = "a".repeat(500);
        let (_, notices) = parse_simple(&format!("preset={long}"));
        assert!(notices[0].value.chars().count() <= crate::util::quote::MAX_QUOTED_CHARS + 1);
    }

    #[test]
    fn fuzz_regression_control_order_does_not_break_the_round_trip() {
        // Found by `cargo xtask fuzz` (url_state target): controls given in another order than the canonical one
        // parsed to a state that did not equal itself after a round trip.
        let input = "preset=us-tar 22-VT\u{0}b\u{0}&us_metals_can=60&\tp\u{0}\u{0}\u{0}ri%ffs-2024&us_energy_mex=60&la&&us_metals_can=60&\tp\u{0}\u{0}\u{0}ri%ffs-2024&us_eA5fs-=u&theme=dar4y_mex=60&la&A5-06res";
        let (state, _) = parse_simple(input);
        let (again, notices) = parse_simple(&serialize(&state));
        assert!(notices.is_empty());
        assert_eq!(again, state);
        let (a, _) = parse_simple("us_energy_mex=60&us_metals_can=50");
        let (b, _) = parse_simple("us_metals_can=50&us_energy_mex=60");
        assert_eq!(a, b);
    }

    #[test]
    fn fuzz_regression_long_decimals_are_rounded_as_a_link_writes_them() {
        // Found by `cargo xtask fuzz` (url_state target, fuzz/corpus/url_state/regression-long-decimals): a value
        // with more decimals than a link writes parsed to 0.7777…, which serialized as 0.78 and parsed back as
        // 0.78, so the round trip changed the state.
        let (state, _) = parse_simple("us_metals_can=.77777777777777777777777777777704");
        assert_eq!(state.controls, vec![("us_metals_can".to_string(), 0.78)]);
        let (again, notices) = parse_simple(&serialize(&state));
        assert!(notices.is_empty());
        assert_eq!(again, state);
        let (rounded, _) = parse_simple("us_metals_can=12.346&us_energy_mex=0.004");
        assert_eq!(rounded.controls, vec![("us_metals_can".to_string(), 12.35), ("us_energy_mex".to_string(), 0.0)]);
    }

    #[test]
    fn a_chart_list_keeps_each_known_chart_once_with_a_notice() {
        let query = format!("charts={}", vec!["flows"; 2000].join(","));
        let (state, notices) = parse_simple(&query);
        assert_eq!(state.charts, vec!["flows"], "2,000 repeats open one chart");
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert_eq!((notices[0].key.as_str(), notices[0].name.as_str()), (CHARTS_REPEATED, "charts"));
        assert!(
            notices[0].value.chars().count() <= crate::util::quote::MAX_QUOTED_CHARS + 1,
            "the value is quoted short"
        );
        let (state, notices) = parse_simple("charts=trade,flows,%20trade,,flows,revenue");
        assert_eq!(state.charts, vec!["trade", "flows", "revenue"], "the link's order, each once");
        assert_eq!(notices.len(), 1);
        let every = ChartId::ALL.map(ChartId::as_str).join(",");
        let (state, notices) = parse_simple(&format!("charts={every},{every},{every}"));
        assert_eq!(state.charts.len(), ChartId::ALL.len(), "never more charts than exist");
        assert_eq!(notices.len(), 1);
        assert!(parse_simple(&format!("charts={every}")).1.is_empty(), "a list without repeats has no notice");
        let (state, notices) = parse_simple(&format!("charts={},pie", ["flows"; 10].join(",")));
        assert!(state.charts.is_empty(), "an unknown chart still drops the list");
        assert_eq!(notices[0].key, "notice.url_bad_value");
        // Repeated `charts=` keys: the last good one counts, and each repeat is checked the same way.
        let (state, notices) = parse_simple("charts=flows,flows&charts=welfare");
        assert_eq!(state.charts, vec!["welfare"]);
        assert_eq!(notices.len(), 1);
        assert_eq!(chart_list(" , ,"), None);
        let mut handed = vec!["flows"; 2000];
        handed.extend(["pie", "welfare", "flows", "welfare"]);
        assert_eq!(known_charts_once(handed), vec!["flows", "welfare"], "the page's list: known charts, each once");
    }

    #[test]
    fn a_link_is_read_only_to_a_bounded_number_of_parts() {
        // Past the cap, parts are not read: a good value there does not count, and one notice says so.
        let mut parts = vec!["us_metals_can=10".to_string(); MAX_PAIRS];
        parts.push("theme=dark".into());
        parts.push("preset=us-tariffs-2025".into());
        let (state, notices) = parse_simple(&parts.join("&"));
        assert_eq!(state.controls, vec![("us_metals_can".to_string(), 10.0)], "a repeated key is kept once");
        assert_eq!((state.theme, state.preset), (Theme::Auto, None));
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert_eq!((notices[0].key.as_str(), notices[0].name.as_str()), ("notice.url_unknown", "theme"));
        parts.truncate(MAX_PAIRS - 1);
        parts.push("theme=dark".into());
        let (state, notices) = parse_simple(&parts.join("&"));
        assert_eq!((state.theme, notices.len()), (Theme::Dark, 0), "up to the cap every part is read");
        let written = serialize(&UrlState {
            preset: Some("us-tariffs-2025".into()),
            step: Some("2025-06-04".into()),
            elasticities: Some("uniform_4".into()),
            lang: Some(Lang::Fr),
            theme: Theme::Dark,
            charts: ChartId::ALL.map(|c| c.as_str().to_string()).to_vec(),
            show_controls: Some(ControlsShown::Picker),
            controls: CONTROLS.iter().map(|c| (c.id.to_string(), 0.0)).collect(),
            rates: Some("USA.CHN.machinery.60".into()),
            own: Some("claim.85*USA.CAN.metals.50".into()),
            name: Some("mine.json".into()),
        });
        assert!(written.split('&').count() * 4 <= MAX_PAIRS, "the fullest link the page writes is far under the cap");
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2025-06-04"));
        assert!(!is_date("2025-13-04") && !is_date("2025-6-4") && !is_date("20250604") && !is_date("yyyy-mm-dd"));
        assert!(is_date("2024-02-29") && is_date("2000-02-29") && is_date("2025-12-31"));
        assert!(!is_date("2025-02-29") && !is_date("1900-02-29") && !is_date("2025-04-31") && !is_date("2025-00-10"));
    }

    #[test]
    fn an_impossible_date_in_a_link_gets_its_own_notice_and_no_step() {
        let (state, notices) = parse_simple("step=2025-02-30&lang=fr");
        assert_eq!(state.step, None, "not snapped to a nearby event");
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert_eq!(notices[0].key, "notice.url_impossible_step");
        assert_eq!((notices[0].name.as_str(), notices[0].value.as_str()), ("step", "2025-02-30"));
        let (_, notices) = parse_simple("step=June");
        assert_eq!(notices[0].key, "notice.url_bad_step");
    }
}
