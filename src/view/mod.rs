//! Presentation: charts (generic over the plotters backend, each with its text description and table), the
//! results CSV, the summary sentence,
//! the method notes, the catalogues and number formats of the three languages. Depends on the model and the data, never
//! on the app state or the browser.

pub mod charts;
pub mod i18n;
pub mod method;
pub mod prerender;
pub mod results_csv;
pub mod sources;
pub mod story;
pub mod summary;
pub mod table;

/// The three USMCA members, in the order the summaries and charts name them; economies without them get generic
/// texts and charts.
pub const NORTH_AMERICA: [&str; 3] = ["USA", "CAN", "MEX"];

/// The indices of the three USMCA members, in [`NORTH_AMERICA`] order, when the economy has all three under the
/// names the built-in data gives them; `None` for any other economy (a reader's file may reuse the ids `USA`, `CAN`,
/// `MEX` for countries of its own, which then get the generic texts and the matrix chart).
pub fn north_american_members(economy: &crate::model::economy::Economy) -> Option<Vec<usize>> {
    let english = i18n::Text::default();
    let members: Vec<usize> = NORTH_AMERICA
        .iter()
        .filter_map(|id| economy.country_index(id))
        .filter(|&n| english.knows_country(&economy.countries()[n], &economy.country_names()[n]))
        .collect();
    (members.len() == NORTH_AMERICA.len()).then_some(members)
}
