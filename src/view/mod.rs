//! Presentation: charts (generic over the plotters backend, each with its text description and table), the
//! results CSV, the summary sentence,
//! the method notes, the catalogues and number formats of the three languages. Depends on the model and the data, never
//! on the app state or the browser.

pub mod charts;
pub mod i18n;
pub mod method;
pub mod results_csv;
pub mod sources;
pub mod summary;
pub mod table;

/// The three USMCA members, in the order the summaries and charts name them; economies without them get generic
/// texts and charts.
pub const NORTH_AMERICA: [&str; 3] = ["USA", "CAN", "MEX"];
