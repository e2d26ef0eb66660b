//! Ids and numbers by id: the one rule every id of an economy or scenario file follows ([`id_problem`]), the
//! length caps of ids and names, and [`IdValues`], the sorted id → number list of scenario files (USMCA claim
//! shares, control values) and of an economy's rules of origin. Its own file, below both, so that the model's files
//! import one way.

use serde::{Deserialize, Serialize};

use crate::util::quote::quoted;

/// The longest id (country or sector) an economy may give, in characters: every message can then show it whole
/// (issue 24: a 40,000-character id froze the page).
pub const MAX_ID_CHARS: usize = crate::util::quote::MAX_QUOTED_CHARS;
/// The longest readable name (`country_names`, `sector_names`) an economy may give, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Whether a character may stand in an id: printable ASCII, or a precomposed Latin letter of Latin-1, Latin
/// Extended-A or Latin Extended-B (U+00C0–U+024F; `é`, `ñ`, `ç`, `ș`). Every such text is already in Unicode's
/// composed normal form (NFC) and none of these characters composes with another, so two ids that look the same
/// are the same text; outside this set (combining accents, as in a decomposed `e` + U+0301, compatibility
/// singletons such as the Ångström sign U+212B, other scripts) the check would need Unicode's normalisation
/// tables, which the browser module does not carry, so such ids are refused instead.
fn id_char_allowed(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{00C0}'..='\u{024F}')
}

/// Why `id` cannot be an id, if it cannot: spaces at its start or end, an invisible or control character
/// ([`crate::util::quote::id_problem`]), or a character outside the ids' set ([`id_char_allowed`]), each named by
/// its code point. The one rule for ids in economy files (JSON and CSV) and scenario files, so that ids that
/// differ only by a trailing space, a zero-width character or NFC/NFD never pass as different countries shown
/// identically.
pub fn id_problem(id: &str) -> Option<String> {
    if let Some(problem) = crate::util::quote::id_problem(id) {
        return Some(problem);
    }
    let (at, c) = id.chars().enumerate().find(|&(_, c)| !id_char_allowed(c))?;
    // The id as shown: characters outside the set escaped, read no further than the quote shows.
    let shown: String = id
        .chars()
        .take(crate::util::quote::MAX_QUOTED_CHARS + 1)
        .map(|c| if id_char_allowed(c) { c.to_string() } else { c.escape_unicode().to_string() })
        .collect();
    Some(format!(
        "{} holds U+{:04X} at character {}; ids may use only ASCII and the precomposed Latin letters U+00C0–U+024F \
         (one way to write each id, Unicode NFC: a decomposed accent or a look-alike character would make another id \
         that is shown the same)",
        quoted(&shown),
        c as u32,
        at + 1
    ))
}

/// Numbers by id (a JSON object such as `{"CAN": 0.85, "MEX": 0.85}`), kept sorted by id. A sorted list rather
/// than a `BTreeMap`: these maps hold a handful of entries, and the browser module is smaller without the tree.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IdValues(Vec<(String, f64)>);

impl IdValues {
    /// The value for `id`.
    pub fn get(&self, id: &str) -> Option<&f64> {
        self.position(id).ok().map(|at| &self.0[at].1)
    }

    /// Set the value for `id` (replacing any earlier one).
    pub fn insert(&mut self, id: String, value: f64) {
        match self.position(&id) {
            Ok(at) => self.0[at].1 = value,
            Err(at) => self.0.insert(at, (id, value)),
        }
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &f64)> {
        self.0.iter().map(|(id, value)| (id, value))
    }

    fn position(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }
}

impl<'a> IntoIterator for &'a IdValues {
    type Item = (&'a String, &'a f64);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, f64)>, fn(&'a (String, f64)) -> (&'a String, &'a f64)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(id, value)| (id, value))
    }
}

impl FromIterator<(String, f64)> for IdValues {
    fn from_iter<I: IntoIterator<Item = (String, f64)>>(entries: I) -> Self {
        let mut values = IdValues::default();
        for (id, value) in entries {
            values.insert(id, value);
        }
        values
    }
}

impl Serialize for IdValues {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// The most ids one object of numbers by id may hold in a file: more than any economy has countries
/// (`MAX_COUNTRIES`) or the page has controls.
pub const MAX_ID_VALUES: usize = 1_000;

impl<'de> Deserialize<'de> for IdValues {
    /// Refuses an object that lists an id twice (naming the first id repeated, in file order): a repeated id
    /// would silently keep one of its values. Refuses more than [`MAX_ID_VALUES`] ids.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let entries = crate::util::entries::Entries::<f64>::deserialize(deserializer)?.0;
        if entries.len() > MAX_ID_VALUES {
            return Err(D::Error::custom(format!(
                "an object of numbers by id holds {} ids; at most {MAX_ID_VALUES} are allowed",
                entries.len()
            )));
        }
        let mut values = IdValues::default();
        for (id, value) in entries {
            let id = file_id(id).map_err(D::Error::custom)?;
            match values.position(&id) {
                Ok(_) => return Err(D::Error::custom(format!("{} listed twice", quoted(&id)))),
                Err(at) => values.0.insert(at, (id, value)),
            }
        }
        Ok(values)
    }
}

/// An id as a scenario file gives it, made the one way ids are written: spaces around it dropped (as they are in
/// a measure's lists and a CSV file's cells), then refused with the reason if it still breaks the ids' rule
/// ([`id_problem`]: an invisible character, or one outside the ids' set, such as a
/// decomposed accent), so that an id that cannot match the economy's says why instead of passing as unknown.
pub(crate) fn file_id(id: String) -> Result<String, String> {
    let trimmed = id.trim();
    if let Some(problem) = id_problem(trimmed) {
        return Err(problem);
    }
    Ok(if trimmed.len() == id.len() { id } else { trimmed.to_string() })
}
