//! Sources as a reader sees them: the data files cite the project's working notes ("project facts.md §5, S") for
//! maintainers; the page lists each public source once, without those internal references.

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

/// Sources for readers: each without internal references ([`public_source`]), each once, in first-seen order.
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
    use super::*;

    #[test]
    fn internal_references_go_and_repeats_are_listed_once() {
        let raw = vec![
            "The White House, Section 232 proclamations on steel and aluminum: 25% from 2025-03-12 (project facts.md §5, S)"
                .to_string(),
            "The White House, Section 232 proclamations on steel and aluminum: 25% from 2025-03-12 (project facts.md §5, S)"
                .to_string(),
            "Yale Budget Lab, file import_baseline_dollars.csv (Census HS-6), as summarised in the project's facts-more.md §1a (S)"
                .to_string(),
            "The 2024 baseline economy (data/BASELINE.md)".to_string(),
        ];
        let list = reader_sources(&raw);
        assert_eq!(
            list,
            vec![
                "The White House, Section 232 proclamations on steel and aluminum: 25% from 2025-03-12",
                "Yale Budget Lab, file import_baseline_dollars.csv (Census HS-6)",
                "The 2024 baseline economy",
            ]
        );
    }

    #[test]
    fn no_preset_or_timeline_source_cites_an_internal_file() {
        let mut raw: Vec<String> = crate::data::presets::preset_ids()
            .flat_map(|id| crate::data::presets::preset(id).map(|f| f.sources).unwrap_or_default())
            .collect();
        raw.extend(crate::data::timeline::events().iter().map(|e| e.source.clone()));
        for source in reader_sources(&raw) {
            assert!(!source.contains(".md") && !source.contains("project facts"), "{source}");
        }
    }
}
