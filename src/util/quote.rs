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
}
