//! "Where trade goes": the change in trade by pair (with Canada–Mexico always shown) and by sector, at producer
//! prices, so the diversion is visible: who loses the flows a tariff pushes away and who gains them.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{diverging_bars, BarRow, Frame};
use super::format::{money_bn, percent, signed_money_bn};
use super::{short_sector, ChartError, ChartInput, HitMap, Pen, Style};

/// The three North American countries, by id.
const NORTH_AMERICA: [&str; 3] = ["USA", "CAN", "MEX"];

/// Draw the pair and sector panels.
pub fn trade_changes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: ChartInput<'_>,
    style: &Style,
) -> Result<HitMap, ChartError> {
    let pen = Pen { area, style };
    pen.clear()?;
    let (width, height) = pen.size();
    let top =
        pen.title("Where trade goes", "Change in exports, all sectors, billions of US dollars at producer prices")?;
    let economy = input.economy;
    let results = input.results;
    let name = |id: &str| economy.country_index(id).map_or(id.to_string(), |n| economy.country_names()[n].clone());
    let involves_north_america = |p: &&crate::derived::PairTrade| {
        NORTH_AMERICA.contains(&p.exporter.as_str()) || NORTH_AMERICA.contains(&p.importer.as_str())
    };
    let pinned = |p: &crate::derived::PairTrade| {
        (p.exporter == "CAN" && p.importer == "MEX") || (p.exporter == "MEX" && p.importer == "CAN")
    };
    let mut pairs: Vec<&crate::derived::PairTrade> =
        results.derived.pairs.iter().filter(involves_north_america).collect();
    if pairs.is_empty() {
        pairs = results.derived.pairs.iter().collect();
    }
    pairs.sort_by(|a, b| b.change.abs().total_cmp(&a.change.abs()));
    let mut shown: Vec<&crate::derived::PairTrade> = pairs.iter().copied().filter(|p| !pinned(p)).take(8).collect();
    shown.extend(results.derived.pairs.iter().filter(|p| pinned(p)));
    shown.sort_by(|a, b| b.change.total_cmp(&a.change));
    let pair_rows: Vec<BarRow> = shown
        .iter()
        .map(|p| BarRow {
            label: format!("{} → {}", p.exporter, p.importer),
            value: p.change,
            value_text: signed_money_bn(p.change),
            hover: format!(
                "{} → {}: {} → {} ({}, {})",
                name(&p.exporter),
                name(&p.importer),
                money_bn(p.base),
                money_bn(p.new),
                signed_money_bn(p.change),
                percent(p.change_pct, 1)
            ),
        })
        .collect();
    // Trade among the three North American countries, by sector.
    let members: Vec<usize> = NORTH_AMERICA.iter().filter_map(|id| economy.country_index(id)).collect();
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
                label: short_sector(economy, j),
                value: pct,
                value_text: percent(pct, 1),
                hover: format!(
                    "{} traded among the US, Canada and Mexico: {} → {} ({})",
                    economy.sector_names()[j],
                    money_bn(base),
                    money_bn(new),
                    percent(pct, 2)
                ),
            }
        })
        .collect();
    let mut hits = Vec::new();
    let margin = style.px(12.0);
    let sector_heading =
        if members.len() == 3 { "Trade among the three, by sector (%)" } else { "Trade by sector (%)" };
    if f64::from(width) >= 700.0 * style.scale {
        let mid = width / 2;
        diverging_bars(
            &pen,
            Frame { x0: margin, y0: top, x1: mid - margin, y1: height - margin },
            "By pair ($ billions)",
            &pair_rows,
            &mut hits,
        )?;
        diverging_bars(
            &pen,
            Frame { x0: mid + margin, y0: top, x1: width - margin, y1: height - margin },
            sector_heading,
            &sector_rows,
            &mut hits,
        )?;
    } else {
        let mid = top + (height - top) / 2;
        diverging_bars(
            &pen,
            Frame { x0: margin, y0: top, x1: width - margin, y1: mid },
            "By pair ($ billions)",
            &pair_rows,
            &mut hits,
        )?;
        diverging_bars(
            &pen,
            Frame { x0: margin, y0: mid, x1: width - margin, y1: height - margin },
            sector_heading,
            &sector_rows,
            &mut hits,
        )?;
    }
    Ok(HitMap { hits })
}
