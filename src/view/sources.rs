//! Sources as a reader sees them. The data files cite the project's working notes ("project facts.md §5, S") for
//! maintainers, in English; the page lists each public source once, in the reader's language, with its public
//! address where one exists, and never an internal reference.
//!
//! Each public source is a [`PublicSource`] of [`PUBLIC_SOURCES`]: an id (its text is the catalogue's
//! `source.{id}`, keeping the figure's source and year), an address, and the phrases that identify it in the data
//! files' source lines (one line may cite several sources). A test checks that every source line of the built-in
//! presets, timeline and baseline is recognised, so a new line without a catalogue entry fails there. Lines of a
//! reader's own files are shown as written, without internal references ([`public_source`]).

use serde::Serialize;

use crate::view::i18n::Text;

/// A public source the built-in data cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicSource {
    /// Its id: the catalogue holds its text as `source.{id}`.
    pub id: &'static str,
    /// Its public address, where there is one.
    pub url: Option<&'static str>,
    /// Phrases that identify it in the data files' source lines.
    pub marks: &'static [&'static str],
}

/// Every public source the built-in presets, timeline and baseline cite.
pub const PUBLIC_SOURCES: &[PublicSource] = &[
    PublicSource { id: "wh_ieepa_canada", url: None, marks: &["IEEPA tariffs on Canada:"] },
    PublicSource { id: "wh_ieepa_mexico", url: None, marks: &["IEEPA tariffs on Mexico:"] },
    PublicSource { id: "wh_ieepa_china", url: None, marks: &["IEEPA tariffs on China (synthetic opioids)"] },
    PublicSource {
        id: "wh_ieepa_reciprocal_row",
        url: None,
        marks: &["IEEPA 'reciprocal' tariffs on the rest of the world"],
    },
    PublicSource { id: "wh_ieepa_reciprocal_china", url: None, marks: &["IEEPA 'reciprocal' tariff on China"] },
    PublicSource { id: "wh_ieepa_usmca", url: None, marks: &["amendments to the IEEPA orders"] },
    PublicSource { id: "usmca_claims", url: None, marks: &["USMCA claim rates of about 80"] },
    PublicSource { id: "usmca_sector_claims", url: None, marks: &["USMCA claim shares by sector"] },
    PublicSource { id: "mexico_revenue_estimates", url: None, marks: &["revenue estimates for the 2026 tariffs"] },
    PublicSource { id: "immex_prosec", url: None, marks: &["(IMMEX, PROSEC)"] },
    PublicSource { id: "wh_232_steel", url: None, marks: &["proclamations on steel and aluminum"] },
    PublicSource { id: "eo_14289", url: None, marks: &["Executive Order 14289"] },
    PublicSource { id: "wh_232_autos", url: None, marks: &["proclamation on automobiles and parts"] },
    PublicSource { id: "wh_232_copper", url: None, marks: &["proclamation on copper"] },
    PublicSource { id: "wh_232_lumber", url: None, marks: &["proclamation on timber and lumber"] },
    PublicSource { id: "wh_232_trucks", url: None, marks: &["proclamation on medium and heavy trucks"] },
    PublicSource {
        id: "pharma_assumption",
        url: None,
        marks: &["25% on selected Mexican pharmaceutical and automotive products"],
    },
    PublicSource { id: "pharma_announcement", url: None, marks: &["social-media announcement 2025-09-25"] },
    PublicSource {
        id: "yale_pharma",
        url: Some("https://github.com/Budget-Lab-Yale/Tariff-Model"),
        marks: &["(GTAP bph) 1.016"],
    },
    PublicSource {
        id: "yale_imports",
        url: Some("https://github.com/Budget-Lab-Yale/Tariff-Model"),
        marks: &[
            "Tariff-Model file import_baseline_dollars.csv",
            "Tariff-Model resources/gtap_baseline/import_baseline_dollars.csv",
        ],
    },
    PublicSource { id: "de_gortari", url: Some("https://www.nber.org/papers/w25868"), marks: &["de Gortari (2019)"] },
    PublicSource { id: "fin_canada_countermeasures", url: None, marks: &["countermeasures on US goods"] },
    PublicSource { id: "fin_canada_autos", url: None, marks: &["news release 2025-04-08"] },
    PublicSource { id: "fin_canada_drop", url: None, marks: &["from 2025-09-01 counter-tariffs dropped"] },
    PublicSource { id: "census_us_canada", url: None, marks: &["US exports to Canada 2024: 349.4"] },
    PublicSource {
        id: "usitc_2016",
        url: Some("https://www.usitc.gov/research_and_analysis/trade_shifts_2016/canada.htm"),
        marks: &["Merchandise Trade 2016"],
    },
    PublicSource { id: "boc_fx", url: None, marks: &["2024 average exchange rate"] },
    PublicSource {
        id: "canada_mexico_plan",
        url: None,
        marks: &["Canada–Mexico Action Plan 2025–2028 and Comprehensive"],
    },
    PublicSource { id: "illustrative", url: None, marks: &["Illustrative assumption of this project"] },
    PublicSource { id: "baseline_economy", url: None, marks: &["The 2024 baseline economy"] },
    PublicSource { id: "dof_ligie", url: None, marks: &["Diario Oficial de la Federación: LIGIE"] },
    PublicSource { id: "gfmag", url: None, marks: &["Global Finance magazine"] },
    PublicSource { id: "banxico_china", url: None, marks: &["Banxico via puntocero.news"] },
    PublicSource { id: "scotus_ieepa", url: None, marks: &["US Supreme Court ruling that IEEPA"] },
    PublicSource { id: "wh_122", url: None, marks: &["Section 122 temporary import surcharge"] },
    PublicSource { id: "ghy_122", url: None, marks: &["GHY International trade update"] },
    PublicSource {
        id: "trade_act_122",
        url: Some("https://www.law.cornell.edu/uscode/text/19/2132"),
        marks: &["Trade Act of 1974 §122"],
    },
    PublicSource { id: "usmca_review", url: None, marks: &["USMCA Article 34.7", "USMCA joint review due 2026-07-01"] },
    PublicSource { id: "wto_canada_mfn", url: None, marks: &["WTO, World Tariff Profiles 2023: Canada"] },
    PublicSource { id: "mfn_estimates", url: None, marks: &["US ≈ 3.3% and Mexico ≈ 7%"] },
    PublicSource { id: "census_trade", url: None, marks: &["US trade in goods by country, 2024"] },
    PublicSource {
        id: "bea_io",
        url: Some("https://github.com/Budget-Lab-Yale/Tariff-Model"),
        marks: &["Input-Output Accounts 2024"],
    },
    PublicSource { id: "wiod", url: Some("https://github.com/bquast/wiod"), marks: &["World Input-Output Database"] },
    PublicSource { id: "bea_services", url: None, marks: &["US Trade in Services 2024"] },
    PublicSource { id: "inegi_balanza", url: None, marks: &["Balanza Comercial de Mercancias"] },
    PublicSource { id: "statcan_trade", url: None, marks: &["Statistics Canada, The Daily (Oct 2024"] },
    PublicSource { id: "china_institute", url: None, marks: &["Canada-China Trade 2024 Annual Report"] },
    PublicSource { id: "china_customs", url: None, marks: &["China customs 2024 totals"] },
    PublicSource {
        id: "crs_mexico",
        url: Some("https://crsreports.congress.gov/product/pdf/IF/IF11175"),
        marks: &["IF11175"],
    },
    PublicSource { id: "bmo_effective", url: None, marks: &["BMO effective tariff estimates"] },
    PublicSource { id: "wto_profiles", url: None, marks: &["; WTO World Tariff Profiles 2023"] },
    PublicSource {
        id: "caliendo_parro",
        url: Some("https://doi.org/10.1093/restud/rdu035"),
        marks: &["Caliendo & Parro (2015), Review of Economic Studies"],
    },
    PublicSource { id: "simonovska_waugh", url: None, marks: &["Simonovska & Waugh (2014)"] },
    PublicSource { id: "acr", url: None, marks: &["Arkolakis, Costinot & Rodriguez-Clare (2012)"] },
    PublicSource {
        id: "boehm",
        url: Some("https://www.nber.org/papers/w27064"),
        marks: &["Boehm, Levchenko & Pandalai-Nayar (2023"],
    },
    PublicSource {
        id: "bls_ce",
        url: Some("https://www.bls.gov/cex/tables/calendar-year/mean/cu-vets-2023.htm"),
        marks: &["BLS Consumer Expenditure Survey 2023"],
    },
    PublicSource {
        id: "bls_ep",
        url: Some("https://www.bls.gov/emp/tables/industries-fast-decline-employment.htm"),
        marks: &["BLS Employment Projections 2024"],
    },
    PublicSource { id: "inegi_households", url: None, marks: &["INEGI ENIGH 2024 and ENOE"] },
    PublicSource { id: "statcan_census", url: None, marks: &["Statistics Canada census 2021"] },
    PublicSource { id: "imf_weo", url: None, marks: &["IMF World Economic Outlook GDP 2024"] },
];

/// A source line for the reader: text in the reader's language and the public address, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceLine {
    /// What the source is, with its figure and year.
    pub text: String,
    /// Its public address, or `None`.
    pub url: Option<String>,
}

/// The public sources a data file's source line cites, in the order the line names them.
pub fn sources_in(line: &str) -> Vec<&'static PublicSource> {
    let mut found: Vec<(usize, &'static PublicSource)> = PUBLIC_SOURCES
        .iter()
        .filter_map(|source| source.marks.iter().filter_map(|mark| line.find(mark)).min().map(|at| (at, source)))
        .collect();
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, source)| source).collect()
}

/// Sources for readers, each once, in first-cited order: the catalogue's text in the reader's language for the
/// public sources of the built-in data ([`PUBLIC_SOURCES`]), other lines (a reader's own files) as written without
/// internal references.
pub fn reader_source_lines(lines: &[String], text: &Text) -> Vec<SourceLine> {
    let mut list: Vec<SourceLine> = Vec::new();
    let mut push = |line: SourceLine| {
        if !line.text.is_empty() && !list.iter().any(|l| l.text == line.text) {
            list.push(line);
        }
    };
    for line in lines {
        let known = sources_in(line);
        if known.is_empty() {
            push(SourceLine { text: public_source(line), url: None });
        }
        for source in known {
            push(SourceLine {
                text: text.get(&format!("source.{}", source.id)).to_string(),
                url: source.url.map(str::to_string),
            });
        }
    }
    list
}

/// The texts of [`reader_source_lines`], joined with "; " (for one line that cites several sources).
pub fn reader_source_text(line: &str, text: &Text) -> String {
    reader_source_lines(&[line.to_string()], text).into_iter().map(|l| l.text).collect::<Vec<_>>().join("; ")
}

/// Whether a parenthesised note is a reference to the project's own files rather than to a public source.
fn is_internal(note: &str) -> bool {
    note.contains(".md") || note.starts_with("project ")
}

/// One source without its internal references: parenthesised notes that cite the project's files, and the
/// phrase ", as summarised in the project's …" with what follows.
pub fn public_source(source: &str) -> String {
    let mut text = source.to_string();
    if let Some(at) = text.find(", as summarised in the project") {
        text.truncate(at);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find(" (") {
        let after = &rest[open + 2..];
        // The matching parenthesis, allowing one level of nesting.
        let mut depth = 1;
        let close = after.char_indices().find_map(|(k, c)| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            (depth == 0).then_some(k)
        });
        let Some(close) = close else { break };
        out.push_str(&rest[..open]);
        let note = &after[..close];
        if !is_internal(note) {
            out.push_str(" (");
            out.push_str(note);
            out.push(')');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out.trim().trim_end_matches(';').trim().to_string()
}

/// Source lines without internal references ([`public_source`]), each once, in first-seen order (for lines the
/// catalogue does not know).
pub fn reader_sources(sources: &[String]) -> Vec<String> {
    let mut list: Vec<String> = Vec::new();
    for source in sources {
        let public = public_source(source);
        if !public.is_empty() && !list.contains(&public) {
            list.push(public);
        }
    }
    list
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;
    use crate::view::i18n::Lang;

    #[test]
    fn internal_references_go_and_repeats_are_listed_once() {
        let raw = vec![
            "A ministry, a decree: 25% from 2025-03-12 (project facts.md §5, S)".to_string(),
            "A ministry, a decree: 25% from 2025-03-12 (project facts.md §5, S)".to_string(),
            "A lab, file x.csv (Census HS-6), as summarised in the project's facts-more.md §1a (S)".to_string(),
            "My own notes (data/NOTES.md)".to_string(),
        ];
        assert_eq!(
            reader_sources(&raw),
            vec!["A ministry, a decree: 25% from 2025-03-12", "A lab, file x.csv (Census HS-6)", "My own notes"]
        );
        let lines = reader_source_lines(&raw, &Text::default());
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| l.url.is_none()));
    }

    /// Every source line of the built-in presets, timeline and baseline.
    fn builtin_lines() -> Vec<String> {
        let mut raw: Vec<String> = crate::data::presets::preset_ids()
            .flat_map(|id| crate::data::presets::preset(id).map(|f| f.sources).unwrap_or_default())
            .collect();
        raw.extend(crate::data::timeline::events().iter().map(|e| e.source.clone()));
        raw.extend(crate::data::presets::north_america_2024().unwrap().file().sources.clone());
        raw
    }

    #[test]
    fn every_builtin_source_is_known_translated_linked_safely_and_public() {
        let raw = builtin_lines();
        for line in &raw {
            assert!(!sources_in(line).is_empty(), "no catalogue entry for the source line: {line}");
        }
        for source in PUBLIC_SOURCES {
            assert!(raw.iter().any(|line| sources_in(line).contains(&source)), "{} is never cited", source.id);
            assert!(source.url.is_none_or(|u| u.starts_with("https://")), "{}", source.id);
        }
        for lang in [Lang::En, Lang::Fr, Lang::Es] {
            let text = Text::new(lang);
            let lines = reader_source_lines(&raw, &text);
            assert_eq!(lines.len(), PUBLIC_SOURCES.len(), "each source once");
            for line in lines {
                assert!(!line.text.is_empty(), "{lang:?}");
                for internal in [".md", "project facts", "project notes", "seeds", "§"] {
                    assert!(!line.text.contains(internal), "{lang:?}: '{internal}' in {}", line.text);
                }
            }
        }
        // French and Spanish texts are their own, not English.
        let en = reader_source_lines(&raw, &Text::default());
        for lang in [Lang::Fr, Lang::Es] {
            let other = reader_source_lines(&raw, &Text::new(lang));
            let same = en.iter().zip(&other).filter(|(a, b)| a.text == b.text).count();
            assert!(same <= 2, "{lang:?}: {same} sources left in English");
        }
    }

    #[test]
    fn a_line_citing_several_sources_lists_each_in_order() {
        let march = crate::data::timeline::events().iter().find(|e| e.id == "2025-03-04-us-ieepa").unwrap();
        let ids: Vec<&str> = sources_in(&march.source).iter().map(|s| s.id).collect();
        assert_eq!(ids, ["wh_ieepa_canada", "wh_ieepa_mexico", "wh_ieepa_china"]);
        let french = reader_source_text(&march.source, &Text::new(Lang::Fr));
        assert!(french.starts_with("Maison-Blanche, décrets imposant les droits IEEPA au Canada"), "{french}");
    }
}
