//! Languages: the string catalogues (`data/i18n/{en,fr,es}.json`; see [`catalogue`] and [`load`]) and number formatting
//! per locale. Everything a reader sees goes through a [`Text`]: controls, chart titles and labels, legends,
//! hover texts, summary sentences, notices and the sources panel. No reader-facing string is written in drawing code.
//!
//! Catalogue values may hold `{name}` placeholders, filled by [`Text::fill`]. A key missing from a language falls
//! back to English (and a test fails if any key is missing anywhere).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (United States conventions for numbers).
    En,
    /// French (Canadian conventions: `1 234,5 $`).
    Fr,
    /// Spanish (Mexican conventions for words, `1.234,5` for numbers).
    Es,
}

impl Lang {
    /// Every language, in menu order.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Es];

    /// The language's code (`en`, `fr`, `es`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
        }
    }

    /// The language for a code or a browser language tag (`fr-CA` → French); `None` if not supported.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }
}

/// The catalogues built into the crate. The browser module carries only English (the fallback for every key);
/// the page fetches French or Spanish when a reader needs them and hands them over with [`load`], so a reader
/// downloads one language, not three. Native builds (the tool, the tests) carry all three.
#[cfg(not(target_arch = "wasm32"))]
const BUILT_IN: [(Lang, &str); 3] = [
    (Lang::En, include_str!(concat!(env!("OUT_DIR"), "/i18n/en.json"))),
    (Lang::Fr, include_str!(concat!(env!("OUT_DIR"), "/i18n/fr.json"))),
    (Lang::Es, include_str!(concat!(env!("OUT_DIR"), "/i18n/es.json"))),
];
#[cfg(target_arch = "wasm32")]
const BUILT_IN: [(Lang, &str); 1] = [(Lang::En, include_str!(concat!(env!("OUT_DIR"), "/i18n/en.json")))];

type Catalogue = BTreeMap<String, String>;

fn slot(lang: Lang) -> &'static OnceLock<Catalogue> {
    static SLOTS: [OnceLock<Catalogue>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    &SLOTS[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]
}

/// The parsed catalogue of a language: built in, or handed over with [`load`]. A language that is neither
/// yields an empty catalogue, so every string falls back to English.
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    static EMPTY: Catalogue = BTreeMap::new();
    let built_in = BUILT_IN.iter().find(|(l, _)| *l == lang).map(|(_, text)| *text);
    match built_in {
        // The built-in files parse (a test checks them); an empty catalogue is the fallback, not a panic.
        Some(text) => slot(lang).get_or_init(|| serde_json::from_str(text).unwrap_or_default()),
        None => slot(lang).get().unwrap_or(&EMPTY),
    }
}

/// Whether a language's strings are available (built in or loaded).
pub fn is_loaded(lang: Lang) -> bool {
    BUILT_IN.iter().any(|(l, _)| *l == lang) || slot(lang).get().is_some()
}

/// Hand over a language's catalogue (`data/i18n/{code}.json`), checked to be a JSON object of strings that has
/// every key English has. Loading a language a second time keeps the first.
pub fn load(lang: Lang, json: &str) -> Result<(), crate::ModelError> {
    let parsed: Catalogue = serde_json::from_str(json).map_err(|e| crate::ModelError::Parse {
        what: format!("the {} catalogue", lang.code()),
        message: e.to_string(),
    })?;
    if let Some(missing) = catalogue(Lang::En).keys().find(|k| !parsed.contains_key(*k)) {
        return Err(crate::ModelError::invalid(
            format!("the {} catalogue", lang.code()),
            "",
            format!("has no string for '{missing}' (is it from another version?)"),
        ));
    }
    let _ = slot(lang).set(parsed);
    Ok(())
}

/// Strings and number formats of one language.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    /// The language.
    pub lang: Lang,
}

impl Default for Text {
    fn default() -> Self {
        Text { lang: Lang::En }
    }
}

impl Text {
    /// The texts of a language.
    pub fn new(lang: Lang) -> Self {
        Text { lang }
    }

    /// The string for a key (English if this language lacks it; empty if English lacks it too, which the
    /// catalogue test rules out for every key the code uses literally).
    pub fn get(&self, key: &str) -> &'static str {
        self.try_get(key).unwrap_or("")
    }

    /// The string for a key if it exists (in this language or English).
    pub fn try_get(&self, key: &str) -> Option<&'static str> {
        catalogue(self.lang).get(key).or_else(|| catalogue(Lang::En).get(key)).map(String::as_str)
    }

    /// The string for a key with `{name}` placeholders filled.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// A country's name by id (the id itself for countries the catalogue does not know).
    pub fn country(&self, id: &str, fallback: &str) -> String {
        self.try_get(&format!("country.{id}")).unwrap_or(fallback).to_string()
    }

    /// A sector's full name by id.
    pub fn sector(&self, id: &str, fallback: &str) -> String {
        self.try_get(&format!("sector.{id}")).unwrap_or(fallback).to_string()
    }

    /// A sector's short name by id, for chart labels.
    pub fn sector_short(&self, id: &str, fallback: &str) -> String {
        self.try_get(&format!("sector_short.{id}"))
            .map_or_else(|| fallback.split(" (").next().unwrap_or(fallback).to_string(), str::to_string)
    }

    /// Join items as "A", "A and B", "A, B and C" in this language.
    pub fn join(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} {} {}", init.join(", "), self.get("list.and"), last),
        }
    }

    fn separators(&self) -> (char, &'static str) {
        match self.lang {
            Lang::En => ('.', ","),
            Lang::Fr => (',', "\u{202f}"),
            Lang::Es => (',', "."),
        }
    }

    /// An unsigned number with `decimals` decimals and this language's separators (`1,234.5`, `1 234,5`).
    pub fn number(&self, value: f64, decimals: usize) -> String {
        let (decimal, group) = self.separators();
        let text = crate::numbers::fixed(value.abs(), decimals);
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits: Vec<char> = whole.chars().collect();
        let mut grouped = String::new();
        for (k, c) in digits.iter().enumerate() {
            // Spanish leaves four-digit numbers ungrouped (RAE); the others group from 1,000.
            let min_group = if self.lang == Lang::Es { 5 } else { 4 };
            if k > 0 && (digits.len() - k) % 3 == 0 && digits.len() >= min_group {
                grouped.push_str(group);
            }
            grouped.push(*c);
        }
        let sign = if value < 0.0 && !is_zero_text(&text) { "−" } else { "" };
        if fraction.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{decimal}{fraction}")
        }
    }

    /// A number with an explicit sign (`+1.25`, `−0.40`, `0.00`).
    pub fn signed(&self, value: f64, decimals: usize) -> String {
        let text = self.number(value.abs(), decimals);
        if is_zero_text(&text) {
            text
        } else if value < 0.0 {
            format!("−{text}")
        } else {
            format!("+{text}")
        }
    }

    fn percent_suffix(&self) -> &'static str {
        match self.lang {
            Lang::En => "%",
            Lang::Fr | Lang::Es => "\u{a0}%",
        }
    }

    /// A signed percentage (`+1.25%`, `+1,25 %`).
    pub fn percent(&self, value: f64, decimals: usize) -> String {
        format!("{}{}", self.signed(value, decimals), self.percent_suffix())
    }

    /// An unsigned percentage.
    pub fn percent_plain(&self, value: f64, decimals: usize) -> String {
        format!("{}{}", self.number(value, decimals), self.percent_suffix())
    }

    /// Billions of US dollars (`$412.7B`, `412,7 G$`, `412,7 mmdd`); trillions in English above 1,000.
    pub fn money_bn(&self, value: f64) -> String {
        let magnitude = value.abs();
        let decimals = if magnitude >= 10.0 { 1 } else { 2 };
        let sign = if value < 0.0 { "−" } else { "" };
        match self.lang {
            Lang::En if magnitude >= 1000.0 => format!("{sign}${}T", self.number(magnitude / 1000.0, 2)),
            Lang::En => format!("{sign}${}B", self.number(magnitude, decimals)),
            Lang::Fr => format!("{sign}{}\u{a0}G$", self.number(magnitude, decimals)),
            Lang::Es => format!("{sign}{}\u{a0}mmdd", self.number(magnitude, decimals)),
        }
    }

    /// A signed change in billions of US dollars (`+$3.4B`).
    pub fn signed_money_bn(&self, value: f64) -> String {
        let text = self.money_bn(value.abs());
        let rounded_zero = value.abs() < 0.005;
        if rounded_zero {
            text
        } else if value < 0.0 {
            format!("−{text}")
        } else {
            format!("+{text}")
        }
    }

    /// Signed whole US dollars (`+$144`, `+144 $`, `+US$144`).
    pub fn signed_dollars(&self, value: f64) -> String {
        let rounded = value.abs().round();
        let number = self.number(rounded, 0);
        let sign = if rounded == 0.0 {
            ""
        } else if value < 0.0 {
            "−"
        } else {
            "+"
        };
        match self.lang {
            Lang::En => format!("{sign}${number}"),
            Lang::Fr => format!("{sign}{number}\u{a0}$"),
            Lang::Es => format!("{sign}US${number}"),
        }
    }
}

fn is_zero_text(text: &str) -> bool {
    text.chars().all(|c| c == '0' || c == '.' || c == ',' || c == '−' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_every_language_and_no_language_has_extra_keys() {
        let english = catalogue(Lang::En);
        assert!(english.len() > 100, "the English catalogue parsed ({} keys)", english.len());
        for lang in [Lang::Fr, Lang::Es] {
            let other = catalogue(lang);
            let missing: Vec<&String> = english.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{} is missing {missing:?}", lang.code());
            assert!(extra.is_empty(), "{} has keys English lacks: {extra:?}", lang.code());
            for (key, value) in english {
                let placeholders = |s: &str| {
                    let mut names: Vec<String> =
                        s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string())).collect();
                    names.sort();
                    names
                };
                assert_eq!(placeholders(value), placeholders(&other[key]), "{}: placeholders of {key}", lang.code());
                assert!(!other[key].trim().is_empty(), "{}: {key} is empty", lang.code());
            }
        }
    }

    #[test]
    fn a_loaded_catalogue_must_have_every_key() {
        assert!(is_loaded(Lang::En) && is_loaded(Lang::Fr));
        let error = load(Lang::Fr, r#"{"ui.language": "Langue"}"#).unwrap_err().to_string();
        assert!(error.contains("the fr catalogue") && error.contains("has no string for"), "{error}");
        assert!(load(Lang::Es, "[1, 2]").unwrap_err().to_string().contains("the es catalogue"));
        // Loading the real file again keeps the catalogue in use.
        load(Lang::Es, include_str!("../data/i18n/es.json")).unwrap();
        assert_eq!(Text::new(Lang::Es).get("ui.language"), catalogue(Lang::Es)["ui.language"]);
    }

    #[test]
    fn numbers_follow_each_locale() {
        let en = Text::new(Lang::En);
        let fr = Text::new(Lang::Fr);
        let es = Text::new(Lang::Es);
        assert_eq!(en.number(1234.5, 1), "1,234.5");
        assert_eq!(fr.number(1234.5, 1), "1\u{202f}234,5");
        assert_eq!(es.number(1234.5, 1), "1234,5");
        assert_eq!(es.number(12345.6, 1), "12.345,6");
        assert_eq!(en.percent(-0.472, 2), "−0.47%");
        assert_eq!(fr.percent(1.25, 2), "+1,25\u{a0}%");
        assert_eq!(en.money_bn(1634.1), "$1.63T");
        assert_eq!(fr.money_bn(1234.5), "1\u{202f}234,5\u{a0}G$");
        assert_eq!(fr.signed_dollars(-606.2), "−606\u{a0}$");
        assert_eq!(en.signed(-0.004, 2), "0.00");
        assert_eq!(en.signed_money_bn(-3.456), "−$3.46B");
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("de"), None);
    }
}
