//! "Where trade goes": the change in trade by pair (with Canada–Mexico always shown) and by sector, at producer
//! prices, so the diversion is visible: who loses the flows a tariff pushes away and who gains them. Its
//! description names the three largest changes; its table lists every pair, largest change first.

use plotters::prelude::*;

use super::bars::{two_panels, BarRow, Scale};
use super::pairs::{pair_range, pair_sentence, pair_table, pairs_by_change};
use super::{ChartError, ChartInput, HitMap, Pen};
use crate::model::derived::PairTrade;
use crate::view::table::Table;
use crate::view::NORTH_AMERICA;

/// Draw the pair and sector panels.
pub(super) fn draw<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    input: ChartInput<'_>,
    top: i32,
) -> Result<HitMap, ChartError> {
    let text = input.text;
    let economy = input.economy;
    let results = input.results;
    // Pairs with a North American end, with Canada–Mexico trade always shown, for the built-in economy only.
    let known = input.north_america().is_some();
    let involves_north_america = |p: &&PairTrade| {
        known && (NORTH_AMERICA.contains(&p.exporter.as_str()) || NORTH_AMERICA.contains(&p.importer.as_str()))
    };
    let pinned = |p: &PairTrade| {
        known && ((p.exporter == "CAN" && p.importer == "MEX") || (p.exporter == "MEX" && p.importer == "CAN"))
    };
    let mut pairs: Vec<&PairTrade> = results.derived.pairs.iter().filter(involves_north_america).collect();
    if pairs.is_empty() {
        pairs = results.derived.pairs.iter().collect();
    }
    crate::util::order::sort_desc(&mut pairs, |p| p.change.abs());
    let mut shown: Vec<&PairTrade> = pairs.iter().copied().filter(|p| !pinned(p)).take(8).collect();
    shown.extend(results.derived.pairs.iter().filter(|p| pinned(p)));
    crate::util::order::sort_desc(&mut shown, |p| p.change);
    let pair_range = |p: &PairTrade| pair_range(&input, p);
    let pair_rows: Vec<BarRow> = shown
        .iter()
        .map(|p| BarRow {
            compact_label: Some(format!(
                "{} → {}",
                input.country_code_by_id(&p.exporter),
                input.country_code_by_id(&p.importer)
            )),
            range: pair_range(p).map(|r| (r.low, r.high)),
            // On a phone the figures leave out the currency, which the panel's heading names.
            short_text: Some(text.signed(p.change, if p.change.abs() >= 10.0 { 1 } else { 2 })),
            label: format!("{} → {}", input.country_short_by_id(&p.exporter), input.country_short_by_id(&p.importer)),
            value: p.change,
            value_text: text.signed_money_bn(p.change),
            hover: text.fill(
                "chart.trade.hover_pair",
                &[
                    ("from", &input.country_by_id(&p.exporter)),
                    ("to", &input.country_by_id(&p.importer)),
                    ("base", &text.money_bn(p.base)),
                    ("new", &text.money_bn(p.new)),
                    ("change", &text.signed_money_bn(p.change)),
                    ("pct", &text.percent(p.change_pct, 1)),
                ],
            ) + &input.range_note(pair_range(p), |v| text.signed_money_bn(v)),
        })
        .collect();
    // Trade among the three North American countries, by sector.
    let north_america = input.north_america();
    let members = north_america.clone().unwrap_or_else(|| (0..economy.n_countries()).collect());
    let sector_rows: Vec<BarRow> = (0..economy.n_sectors())
        .map(|j| {
            let mut base = 0.0;
            let mut new = 0.0;
            for &n in &members {
                for &i in &members {
                    if n != i {
                        base += results.derived.trade_base[j][n][i];
                        new += results.derived.trade_new[j][n][i];
                    }
                }
            }
            let pct = if base > 0.0 { 100.0 * (new / base - 1.0) } else { 0.0 };
            BarRow {
                compact_label: None,
                label: input.sector_short(j),
                value: pct,
                value_text: text.percent(pct, 1),
                hover: text.fill(
                    if north_america.is_some() { "chart.trade.hover_sector" } else { "chart.trade.hover_sector_all" },
                    &[
                        ("sector", &input.sector(j)),
                        ("base", &text.money_bn(base)),
                        ("new", &text.money_bn(new)),
                        ("pct", &text.percent(pct, 2)),
                    ],
                ),
                range: None,
                short_text: None,
            }
        })
        .collect();
    let sector_heading = if north_america.is_some() {
        text.get("chart.trade.panel_sectors")
    } else {
        text.get("chart.trade.panel_sectors_all")
    };
    let hits = two_panels(
        pen,
        top,
        super::ChartId::Trade.layout().side_by_side_from,
        0.5,
        (text.get("chart.trade.panel_pairs").into(), &pair_rows),
        (sector_heading.into(), &sector_rows),
        Scale::Own,
    )?;
    Ok(HitMap { hits })
}

/// The three largest changes in trade between pairs.
pub(super) fn describe(input: &ChartInput<'_>) -> String {
    let pairs: Vec<String> = pairs_by_change(input).into_iter().take(3).map(|p| pair_sentence(input, p)).collect();
    input.text.fill("desc.trade", &[("pairs", &pairs.join("; "))])
}

/// Every pair, largest change first.
pub(super) fn table(input: &ChartInput<'_>, caption: String) -> Table {
    pair_table(input, caption, pairs_by_change(input))
}
