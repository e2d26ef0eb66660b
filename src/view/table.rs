//! `Table`, a table of values formatted for the reader (the charts' "show data" tables, the comparison of
//! elasticity sets), and the cell every table writes for an uncertainty range.

use serde::Serialize;

use crate::model::uncertainty::Range;

/// A table of formatted values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// What the table shows.
    pub caption: String,
    /// Column headings.
    pub headers: Vec<String>,
    /// Rows of cells, formatted for the reader.
    pub rows: Vec<Vec<String>>,
}

/// A range as one cell, `low … high` in the given format, or a dash when it could not be computed.
pub(crate) fn range_cell(range: Range, format: impl Fn(f64) -> String) -> String {
    if range.low.is_finite() && range.high.is_finite() {
        format!("{} … {}", format(range.low), format(range.high))
    } else {
        "—".into()
    }
}
