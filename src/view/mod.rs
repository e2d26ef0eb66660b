//! Presentation: charts (generic over the plotters backend), text descriptions and tables, the summary sentence,
//! the method notes, the catalogues and number formats of the three languages. Depends on the model and the data, never
//! on the app state or the browser.

pub mod charts;
pub mod describe;
pub mod i18n;
pub mod method;
pub mod sources;
pub mod summary;

/// The three USMCA members, in the order the summaries and charts name them; economies without them get generic
/// texts and charts.
pub const NORTH_AMERICA: [&str; 3] = ["USA", "CAN", "MEX"];
