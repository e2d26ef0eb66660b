//! What the flow map and the trade chart share about trade between pairs of countries: a pair in a sentence, the
//! pairs as a table, a pair's uncertainty range, the pairs by size of change.

use super::ChartInput;
use crate::model::derived::PairTrade;
use crate::model::uncertainty::Range;
use crate::view::table::{range_cell, Table};

/// The uncertainty range of a pair's change, once ranges are computed.
pub(super) fn pair_range(input: &ChartInput<'_>, pair: &PairTrade) -> Option<Range> {
    let pairs = &input.results.derived.pairs;
    let index = pairs.iter().position(|q| q.exporter == pair.exporter && q.importer == pair.importer)?;
    input.ranges.and_then(|r| r.pair_change.get(index).copied())
}

/// Every pair, the largest change (either way) first.
pub(super) fn pairs_by_change<'a>(input: &ChartInput<'a>) -> Vec<&'a PairTrade> {
    let mut pairs: Vec<&PairTrade> = input.results.derived.pairs.iter().collect();
    crate::util::order::sort_desc(&mut pairs, |p| p.change.abs());
    pairs
}

/// A pair's change in a sentence: "Canada → United States −4.2% (−US$3.10B)".
pub(super) fn pair_sentence(input: &ChartInput<'_>, pair: &PairTrade) -> String {
    let text = input.text;
    format!(
        "{} → {} {} ({})",
        input.country_by_id(&pair.exporter),
        input.country_by_id(&pair.importer),
        text.percent(pair.change_pct, 1),
        text.signed_money_bn(pair.change)
    )
}

/// The pairs as a table: from, to, before, after, change, change in percent, and the range once computed.
pub(super) fn pair_table(input: &ChartInput<'_>, caption: String, pairs: Vec<&PairTrade>) -> Table {
    let text = input.text;
    let h = |key: &str| text.get(key).to_string();
    let mut headers = vec![
        h("table.from"),
        h("table.to"),
        input.base_header(),
        h("table.new"),
        h("table.change"),
        h("table.change_pct"),
    ];
    if input.ranges.is_some() {
        headers.push(h("table.range"));
    }
    let rows = pairs
        .into_iter()
        .map(|p| {
            let mut row = vec![
                input.country_by_id(&p.exporter),
                input.country_by_id(&p.importer),
                text.money_bn(p.base),
                text.money_bn(p.new),
                text.signed_money_bn(p.change),
                text.percent(p.change_pct, 2),
            ];
            if input.ranges.is_some() {
                row.push(pair_range(input, p).map_or("—".into(), |x| range_cell(x, |v| text.signed_money_bn(v))));
            }
            row
        })
        .collect();
    Table { caption, headers, rows }
}
