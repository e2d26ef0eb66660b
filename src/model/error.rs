//! The one error type of the model core: every way loading or solving can fail, in the user's words.

use crate::model::report::SolveReport;
use crate::util::quote::{cut, quoted};

/// The most characters of a list of known names an [`ModelError::UnknownName`] message shows (250 three-letter
/// ids take 1,250).
pub const MAX_KNOWN_CHARS: usize = 1_500;

/// Everything that can go wrong when loading data, building a scenario or solving.
///
/// Messages name the field, the index and the problem, so that the page and the command-line tool can show
/// them to a reader as they are.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// The text is not valid JSON or does not have the expected structure.
    #[error("{what} is not valid: {message}")]
    Parse {
        /// What was being read, for example "economy file".
        what: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// A field has the wrong shape or a value that breaks a rule.
    #[error("{field}{index}: {problem}")]
    InvalidData {
        /// The field, as named in the file format (`X`, `gamma_io`, `measures[2].tariff`, ...).
        field: String,
        /// The offending index in the field's own layout, for example `[3][0][1]`, or empty.
        index: String,
        /// What is wrong and what was expected.
        problem: String,
    },
    /// A name (country, sector, preset or elasticity set) that does not exist. The message quotes the name
    /// through [`quoted`] and cuts the list of known names after [`MAX_KNOWN_CHARS`] characters, however long
    /// either is.
    #[error("unknown {kind} {}; known: {}", quoted(.name), cut(.known, MAX_KNOWN_CHARS))]
    UnknownName {
        /// What kind of name it is.
        kind: String,
        /// The name given.
        name: String,
        /// The names that exist, comma-separated.
        known: String,
    },
    /// A file with several problems, each naming its row or field.
    #[error("{what} has {} problem(s): {}", problems.len(), problems.join("; "))]
    Problems {
        /// What was being read.
        what: String,
        /// The problems, one per entry.
        problems: Vec<String>,
    },
    /// The solver stopped without reaching the tolerance: the run is an error, not a result.
    #[error("the solver did not converge: {0}")]
    DidNotConverge(SolveReport),
}

impl ModelError {
    /// Shorthand for [`ModelError::InvalidData`].
    pub fn invalid(field: impl Into<String>, index: impl Into<String>, problem: impl Into<String>) -> Self {
        Self::InvalidData { field: field.into(), index: index.into(), problem: problem.into() }
    }
}

/// Format a multi-index as `[a][b][c]`.
pub(crate) fn idx(parts: &[usize]) -> String {
    parts.iter().map(|p| format!("[{p}]")).collect()
}
