//! Input quoted back in messages, through one bounded function: however long a name, id or value is, a message
//! shows at most [`MAX_QUOTED_CHARS`] characters of it, then `…` (a 30 MB id must not become a 30 MB alert).

use std::borrow::Cow;

/// The most characters of one input a message shows; ids are at most this long, so a valid id is shown whole.
pub const MAX_QUOTED_CHARS: usize = 64;

/// `text` cut after `max_chars` characters, with `…` after a cut. Reads no further than the cut.
pub fn cut(text: &str, max_chars: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

/// `text` cut after [`MAX_QUOTED_CHARS`] characters (see [`cut`]), without quotation marks: for templates that
/// add their own.
pub fn bounded(text: &str) -> Cow<'_, str> {
    cut(text, MAX_QUOTED_CHARS)
}

/// `text` in single quotes, cut after [`MAX_QUOTED_CHARS`] characters: `'CAN'`, `'aaaa…'`. Every message that
/// quotes an id or a name a reader gave goes through here.
pub fn quoted(text: &str) -> String {
    format!("'{}'", bounded(text))
}

/// The first character of an id that a reader cannot see or that is not text: a control character (tabs and line
/// breaks included) or an invisible format character (zero-width spaces and joiners, direction marks and
/// overrides, the word joiner, the byte-order mark, the soft hyphen). Ids that differ only by one would be shown
/// identically yet be different countries. (Full Unicode normalisation, NFC, needs tables this crate does not
/// carry; ids are instead trimmed where they are looked up and refused when they hold one of these.)
pub fn invisible_char(id: &str) -> Option<char> {
    id.chars().find(|&c| {
        c.is_control()
            || matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
                | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
                | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}')
    })
}

/// Why an id cannot be used as it is, if it cannot: spaces at its start or end, or an invisible or control
/// character (named by its code point).
pub fn id_problem(id: &str) -> Option<String> {
    if let Some(c) = invisible_char(id) {
        return Some(format!(
            "{} holds an invisible or control character (U+{:04X}); ids must be plain visible text",
            quoted(&id.escape_debug().to_string()),
            c as u32
        ));
    }
    if id.trim() != id {
        return Some(format!("{} has spaces at its start or end", quoted(id)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_shows_at_most_the_bound() {
        assert_eq!(quoted("CAN"), "'CAN'");
        assert_eq!(quoted(""), "''");
        let exact = "é".repeat(MAX_QUOTED_CHARS);
        assert_eq!(quoted(&exact), format!("'{exact}'"), "an id of the longest allowed length is shown whole");
        let long = "é".repeat(30_000_000);
        let shown = quoted(&long);
        assert_eq!(shown.chars().count(), MAX_QUOTED_CHARS + 3, "64 characters, the ellipsis and two quotes");
        assert!(shown.ends_with("é…'"));
        assert_eq!(cut("abcdef", 3), "abc…");
        assert!(matches!(cut("abc", 3), Cow::Borrowed("abc")));
    }

    #[test]
    fn invisible_and_control_characters_and_outer_spaces_are_named() {
        assert_eq!(id_problem("CAN"), None);
        assert_eq!(id_problem("Côte d'Ivoire"), None);
        let zero_width = id_problem("CA\u{200B}N").unwrap_or_default();
        assert!(zero_width.contains("U+200B") && zero_width.contains("CA\\u{200b}N"), "{zero_width}");
        assert!(id_problem("CAN\t").unwrap_or_default().contains("U+0009"));
        assert!(id_problem("\u{FEFF}CAN").unwrap_or_default().contains("U+FEFF"));
        assert!(id_problem("CAN ").unwrap_or_default().contains("'CAN ' has spaces at its start or end"));
    }
}
