//! The flow map: Canada, the United States and Mexico drawn from Natural Earth boundaries (public domain;
//! `data/map/north-america.json`, built by `data/build/build_map.py`), China and the rest of the world as off-map
//! nodes, and the trade flows among them as arrows whose width is the 2024 flow and whose colour and label are its
//! change under the scenario.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use serde::Deserialize;

use super::{diverging, ChartError, ChartInput, Hit, HitMap, Pen, Style};

/// The projected, simplified map (unit box, y down).
#[derive(Debug, Deserialize)]
struct MapData {
    aspect: f64,
    countries: BTreeMap<String, Vec<Vec<[f64; 2]>>>,
    nodes: BTreeMap<String, [f64; 2]>,
}

const MAP_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/map/north-america.json"));

fn map_data() -> Option<&'static MapData> {
    static MAP: OnceLock<Option<MapData>> = OnceLock::new();
    MAP.get_or_init(|| serde_json::from_str(MAP_JSON).ok()).as_ref()
}

/// Percent change at which arrow colours saturate.
const COLOR_LIMIT_PCT: f64 = 20.0;
const ON_MAP: [&str; 3] = ["USA", "CAN", "MEX"];
const OFF_MAP: [&str; 2] = ["CHN", "ROW"];

/// Draw the flow map with its legend.
pub fn flow_map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: ChartInput<'_>,
    style: &Style,
) -> Result<HitMap, ChartError> {
    let text = input.text;
    let pen = Pen { area, style, text };
    pen.clear()?;
    let s = style;
    let palette = s.palette;
    let (width, height) = pen.size();
    let top = pen.title(text.get("chart.flows.title"), text.get("chart.flows.subtitle"))?;
    let economy = input.economy;
    let (Some(map), true) = (map_data(), ON_MAP.iter().all(|id| economy.country_index(id).is_some())) else {
        return flow_matrix(&pen, input, top);
    };
    let legend_height = s.px(46.0);
    let sidebar = s.px(96.0).min(width / 4);
    let box_w = f64::from(width - sidebar - s.px(16.0));
    let box_h = f64::from(height - top - legend_height - s.px(6.0));
    let (map_w, map_h) =
        if box_w / box_h > map.aspect { (box_h * map.aspect, box_h) } else { (box_w, box_w / map.aspect) };
    let map_x = s.px(8.0) + ((box_w - map_w) / 2.0).round() as i32;
    let map_y = top + ((box_h - map_h) / 2.0).round() as i32;
    let project = |p: [f64; 2]| (map_x + (p[0] * map_w).round() as i32, map_y + (p[1] * map_h).round() as i32);
    for rings in map.countries.values() {
        for ring in rings {
            let points: Vec<(i32, i32)> = ring.iter().map(|p| project(*p)).collect();
            pen.polygon(points.clone(), palette.land.to_rgba())?;
            pen.line(points, palette.border.to_rgba(), 0.6)?;
        }
    }
    // Node positions: on the map for the three, in the sidebar for China and the rest of the world.
    let mut nodes: BTreeMap<&str, (i32, i32)> = BTreeMap::new();
    for id in ON_MAP {
        if let Some(p) = map.nodes.get(id) {
            nodes.insert(id, project(*p));
        }
    }
    let side_x = width - sidebar / 2 - s.px(4.0);
    for (k, id) in OFF_MAP.iter().enumerate() {
        if economy.country_index(id).is_some() {
            let y = top + ((f64::from(height - top - legend_height)) * (0.28 + 0.44 * k as f64)).round() as i32;
            nodes.insert(id, (side_x, y));
        }
    }
    // Flows with at least one North American end.
    let results = input.results;
    let flows: Vec<&crate::derived::PairTrade> = results
        .derived
        .pairs
        .iter()
        .filter(|p| nodes.contains_key(p.exporter.as_str()) && nodes.contains_key(p.importer.as_str()))
        .filter(|p| ON_MAP.contains(&p.exporter.as_str()) || ON_MAP.contains(&p.importer.as_str()))
        .collect();
    let max_flow = flows.iter().map(|p| p.base).fold(0.0_f64, f64::max).max(1e-9);
    let max_width = 16.0 * s.scale;
    let radius = f64::from(s.px(7.0));
    let mut hits = Vec::new();
    let mut labels = Vec::new();
    let mut ordered = flows.clone();
    crate::order::sort_desc(&mut ordered, |f| f.base);
    for flow in ordered {
        let (Some(&from), Some(&to)) = (nodes.get(flow.exporter.as_str()), nodes.get(flow.importer.as_str())) else {
            continue;
        };
        let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
        let length = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / length, dy / length);
        // The normal on the right-hand side separates the two directions of a pair.
        let (nx, ny) = (-uy, ux);
        let w = (max_width * (flow.base / max_flow).sqrt()).max(1.0 * s.scale);
        let offset = w / 2.0 + 2.0 * s.scale;
        let head = (w * 1.2).max(7.0 * s.scale);
        let start = (f64::from(from.0) + ux * radius + nx * offset, f64::from(from.1) + uy * radius + ny * offset);
        let end = (
            f64::from(to.0) - ux * (radius + head) + nx * offset,
            f64::from(to.1) - uy * (radius + head) + ny * offset,
        );
        let color = diverging(&palette, flow.change_pct, COLOR_LIMIT_PCT);
        let both_on_map = ON_MAP.contains(&flow.exporter.as_str()) && ON_MAP.contains(&flow.importer.as_str());
        // Flows to and from China and the rest of the world are context: lighter, labelled on hover only.
        let alpha = if both_on_map { 0.95 } else { 0.5 };
        let pt = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
        let half = w / 2.0;
        pen.polygon(
            vec![
                pt(start.0 + nx * half, start.1 + ny * half),
                pt(end.0 + nx * half, end.1 + ny * half),
                pt(end.0 - nx * half, end.1 - ny * half),
                pt(start.0 - nx * half, start.1 - ny * half),
            ],
            color.mix(alpha),
        )?;
        let tip = (end.0 + ux * head, end.1 + uy * head);
        let spread = (head * 0.75).max(half + 2.0 * s.scale);
        pen.polygon(
            vec![
                pt(tip.0, tip.1),
                pt(end.0 + nx * spread, end.1 + ny * spread),
                pt(end.0 - nx * spread, end.1 - ny * spread),
            ],
            color.mix(alpha),
        )?;
        // Labels sit nearer the exporter, so that the two directions of a pair do not collide.
        let at = 0.38;
        let label_offset = offset + half + 9.0 * s.scale;
        let mid = (
            start.0 + (end.0 - start.0) * at + nx * label_offset,
            start.1 + (end.1 - start.1) * at + ny * label_offset,
        );
        let hover = text.fill(
            "chart.flows.hover",
            &[
                ("from", &input.country_by_id(&flow.exporter)),
                ("to", &input.country_by_id(&flow.importer)),
                ("base", &text.money_bn(flow.base)),
                ("new", &text.money_bn(flow.new)),
                ("change", &text.percent(flow.change_pct, 1)),
            ],
        );
        let hit_half = f64::from(s.px(14.0));
        hits.push(Hit {
            x0: (mid.0 - hit_half).round() as i32,
            y0: (mid.1 - hit_half).round() as i32,
            x1: (mid.0 + hit_half).round() as i32,
            y1: (mid.1 + hit_half).round() as i32,
            text: hover,
        });
        if both_on_map {
            // Candidate label positions along the arrow, on its own side; the first free one is used.
            let candidates: Vec<(i32, i32)> = [at, 0.25, 0.55, 0.7, 0.15]
                .iter()
                .map(|f| {
                    pt(
                        start.0 + (end.0 - start.0) * f + nx * label_offset,
                        start.1 + (end.1 - start.1) * f + ny * label_offset,
                    )
                })
                .collect();
            labels.push((candidates, text.percent(flow.change_pct, 1)));
        }
    }
    // Node labels first claim their space; flow labels (largest flows first) are drawn only where they do not
    // collide with one already placed. Every flow keeps its hover region and its row in the data table.
    let mut taken: Vec<(i32, i32, i32, i32)> = Vec::new();
    let mut node_labels = Vec::new();
    for (id, &(x, y)) in &nodes {
        let label_y = if *id == "MEX" { y + s.px(16.0) } else { y - s.px(16.0) };
        let w = pen.text_width(id, 12.5) / 2 + s.px(2.0);
        taken.push((x - w, label_y - s.px(8.0), x + w, label_y + s.px(8.0)));
        taken.push((x - radius as i32, y - radius as i32, x + radius as i32, y + radius as i32));
        node_labels.push((*id, x, y, label_y));
    }
    for (candidates, label) in labels {
        let w = pen.text_width(&label, 11.0) + s.px(6.0);
        let free = candidates
            .into_iter()
            .map(|(x, y)| (x, y, (x - w / 2, y - s.px(8.0), x + w / 2, y + s.px(8.0))))
            .find(|(_, _, rect)| !taken.iter().any(|t| rect.0 < t.2 && t.0 < rect.2 && rect.1 < t.3 && t.1 < rect.3));
        let Some((x, y, rect)) = free else { continue };
        taken.push(rect);
        pen.rect(rect.0, rect.1, rect.2, rect.3, palette.background.mix(0.85))?;
        pen.text(&label, x, y, 11.0, palette.text, HPos::Center, false)?;
    }
    for (id, x, y, label_y) in node_labels {
        pen.polygon(circle(x, y, radius), palette.text.to_rgba())?;
        pen.text(id, x, label_y, 12.5, palette.text, HPos::Center, true)?;
    }
    draw_legend(&pen, height - legend_height + s.px(6.0), width)?;
    Ok(HitMap { hits })
}

fn circle(x: i32, y: i32, radius: f64) -> Vec<(i32, i32)> {
    (0..20)
        .map(|k| {
            let a = f64::from(k) / 20.0 * std::f64::consts::TAU;
            (x + (radius * a.cos()).round() as i32, y + (radius * a.sin()).round() as i32)
        })
        .collect()
}

fn draw_legend<DB: DrawingBackend>(pen: &Pen<'_, DB>, y: i32, width: i32) -> Result<(), ChartError> {
    let s = pen.style;
    let palette = s.palette;
    let steps = [-20.0, -13.3, -6.7, 0.0, 6.7, 13.3, 20.0];
    let box_w = s.px(26.0);
    let x0 = s.px(12.0);
    for (k, v) in steps.iter().enumerate() {
        let x = x0 + box_w * k as i32;
        pen.rect(x, y, x + box_w - 1, y + s.px(10.0), diverging(&palette, *v, COLOR_LIMIT_PCT).to_rgba())?;
    }
    let text = pen.text;
    let label_y = y + s.px(22.0);
    let less = text.fill("chart.legend.less", &[("value", &text.percent(-COLOR_LIMIT_PCT, 0))]);
    let more = text.fill("chart.legend.more", &[("value", &text.percent(COLOR_LIMIT_PCT, 0))]);
    pen.text(&less, x0, label_y, 10.5, palette.muted, HPos::Left, false)?;
    // The middle "0" only where the end labels leave room for it.
    if pen.text_width(&less, 10.5) < box_w * 3 && pen.text_width(&more, 10.5) < box_w * 3 {
        pen.text("0", x0 + box_w * 3 + box_w / 2, label_y, 10.5, palette.muted, HPos::Center, false)?;
    }
    pen.text(&more, x0 + box_w * 7, label_y, 10.5, palette.muted, HPos::Right, false)?;
    let hint = text.get("chart.legend.hint");
    let note_x = x0 + box_w * 7 + s.px(16.0);
    if note_x + pen.text_width(hint, 10.5) < width {
        pen.text(hint, note_x, y + s.px(5.0), 10.5, palette.muted, HPos::Left, false)?;
    }
    Ok(())
}

/// Countries shown at most in the matrix view: the largest traders.
const MATRIX_MAX: usize = 12;

/// The fallback for economies without the North American three: a matrix of exporter (rows) × importer (columns)
/// for the largest traders, each cell coloured and labelled with the change in that flow.
fn flow_matrix<DB: DrawingBackend>(pen: &Pen<'_, DB>, input: ChartInput<'_>, top: i32) -> Result<HitMap, ChartError> {
    let s = pen.style;
    let palette = s.palette;
    let text = input.text;
    let economy = input.economy;
    let (width, height) = pen.size();
    let nc = economy.n_countries();
    let pairs = &input.results.derived.pairs;
    let mut volume = vec![0.0; nc];
    for p in pairs {
        if let (Some(i), Some(n)) = (economy.country_index(&p.exporter), economy.country_index(&p.importer)) {
            volume[i] += p.base;
            volume[n] += p.base;
        }
    }
    let mut shown = crate::order::order_desc(&volume);
    shown.truncate(MATRIX_MAX);
    let note = text.fill(
        "chart.flows.matrix",
        &[("count", &text.number(shown.len() as f64, 0)), ("total", &text.number(nc as f64, 0))],
    );
    pen.text(
        &pen.fit(&note, 11.0, width - s.px(24.0)),
        s.px(12.0),
        top + s.px(4.0),
        11.0,
        palette.muted,
        HPos::Left,
        false,
    )?;
    let label_w = s.px(44.0);
    let grid_top = top + s.px(30.0);
    let cell = ((width - label_w - s.px(24.0)) / shown.len().max(1) as i32)
        .min((height - grid_top - s.px(60.0)) / shown.len().max(1) as i32)
        .max(s.px(8.0));
    let x0 = s.px(12.0) + label_w;
    let mut hits = Vec::new();
    for (col, &n) in shown.iter().enumerate() {
        let x = x0 + cell * col as i32 + cell / 2;
        pen.text(
            &pen.fit(&economy.countries()[n], 10.0, cell),
            x,
            grid_top - s.px(8.0),
            10.0,
            palette.text,
            HPos::Center,
            true,
        )?;
    }
    for (row, &i) in shown.iter().enumerate() {
        let y = grid_top + cell * row as i32;
        pen.text(
            &pen.fit(&economy.countries()[i], 10.0, label_w - s.px(4.0)),
            s.px(12.0),
            y + cell / 2,
            10.0,
            palette.text,
            HPos::Left,
            true,
        )?;
        for (col, &n) in shown.iter().enumerate() {
            let x = x0 + cell * col as i32;
            if i == n {
                pen.rect(x + 1, y + 1, x + cell - 1, y + cell - 1, palette.grid.mix(0.4))?;
                continue;
            }
            let Some(p) =
                pairs.iter().find(|p| p.exporter == economy.countries()[i] && p.importer == economy.countries()[n])
            else {
                continue;
            };
            pen.rect(
                x + 1,
                y + 1,
                x + cell - 1,
                y + cell - 1,
                diverging(&palette, p.change_pct, COLOR_LIMIT_PCT).to_rgba(),
            )?;
            let label = text.percent(p.change_pct, 0);
            if pen.text_width(&label, 9.0) < cell - s.px(4.0) {
                pen.text(&label, x + cell / 2, y + cell / 2, 9.0, palette.background, HPos::Center, false)?;
            }
            hits.push(Hit {
                x0: x,
                y0: y,
                x1: x + cell,
                y1: y + cell,
                text: text.fill(
                    "chart.flows.hover",
                    &[
                        ("from", &input.country_by_id(&p.exporter)),
                        ("to", &input.country_by_id(&p.importer)),
                        ("base", &text.money_bn(p.base)),
                        ("new", &text.money_bn(p.new)),
                        ("change", &text.percent(p.change_pct, 1)),
                    ],
                ),
            });
        }
    }
    draw_legend(pen, (grid_top + cell * shown.len() as i32 + s.px(16.0)).min(height - s.px(40.0)), width)?;
    Ok(HitMap { hits })
}
