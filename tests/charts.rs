//! The charts render natively to SVG with the expected elements: a bar per country, an arrow per flow, labels,
//! and a hit region with the exact value for each element. Set `CHART_SVG_DIR` to keep the SVG files for review.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use na_trade_explorer::view::charts::{
    draw_chart, estimated_text_width, ChartId, ChartInput, HitMap, Style, CHART_IDS,
};
use na_trade_explorer::view::i18n::{Lang, Text};
use na_trade_explorer::{data::presets, solve, Economy, Results, Scenario};
use plotters::prelude::*;

fn solved(preset: &str) -> (Economy, Results) {
    let economy = presets::north_america_2024().unwrap();
    let scenario = Scenario::build(&presets::preset(preset).unwrap(), &economy).unwrap();
    let results = solve(&economy, &scenario).unwrap();
    (economy, results)
}

fn render(id: &str, economy: &Economy, results: &Results, width: u32, height: u32) -> (String, HitMap) {
    render_in(&Text::default(), id, economy, results, width, height)
}

fn render_in(text: &Text, id: &str, economy: &Economy, results: &Results, width: u32, height: u32) -> (String, HitMap) {
    let mut svg = String::new();
    let hits = {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let hits =
            draw_chart(id, &root, ChartInput { economy, results, text, ranges: None, story: None }, &Style::default())
                .expect("chart draws");
        root.present().expect("present");
        hits
    };
    if let Ok(dir) = std::env::var("CHART_SVG_DIR") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(format!("{dir}/{id}-{width}.svg"), &svg).unwrap();
    }
    (svg, hits)
}

fn count(svg: &str, tag: &str) -> usize {
    svg.matches(&format!("<{tag}")).count()
}

#[test]
fn welfare_chart_has_a_bar_and_label_per_country_in_each_panel() {
    let (economy, results) = solved("us-tariffs-2025");
    for width in [900, 360] {
        let (svg, hits) = render("welfare", &economy, &results, width, 420);
        assert_eq!(hits.hits.len(), 10, "five countries × two panels");
        let non_zero = hits.hits.iter().filter(|h| h.text.chars().any(|c| ('1'..='9').contains(&c))).count();
        assert!(count(&svg, "rect") > non_zero.min(10) / 2, "background plus a bar per value that is not zero");
        for name in ["United States", "Canada", "Mexico", "China", "Rest of world", "Who wins, who loses"] {
            assert!(svg.contains(name), "{name} labelled at width {width}");
        }
        let can = economy.country_index("CAN").unwrap();
        let expected = format!("Canada: real income {}", Text::default().percent(results.welfare_pct[can], 3));
        assert!(hits.hits.iter().any(|h| h.text.starts_with(&expected)), "{expected} in {:?}", hits.hits[1]);
    }
}

/// The money per household beside the real-income bars is drawn only under a heading that names its unit; where
/// the chart is too narrow for it, neither the money nor the unit is drawn.
#[test]
fn money_per_household_is_drawn_only_with_its_unit() {
    let (economy, results) = solved("us-tariffs-2025");
    let can = economy.country_index("CAN").unwrap();
    for lang in [Lang::En, Lang::Fr, Lang::Es] {
        let text = Text::new(lang);
        let money = text.signed_dollars(-results.derived.consumer_cost_per_household.as_ref().unwrap()[can]);
        let unit = text.get("chart.welfare.panel_income_money");
        let (wide, _) = render_in(&text, "welfare", &economy, &results, 1200, 420);
        let (narrow, _) = render_in(&text, "welfare", &economy, &results, 360, 420);
        let escaped = |s: &str| s.replace('&', "&amp;").replace('\'', "&#39;");
        assert!(wide.contains(&escaped(&money)), "{lang:?}: {money} drawn on a wide chart");
        assert!(wide.contains(&escaped(unit)), "{lang:?}: '{unit}' names the money's unit");
        assert!(!narrow.contains(&escaped(&money)), "{lang:?}: no money on a phone-width chart");
        assert!(!narrow.contains(&escaped(unit)), "{lang:?}: no unit heading without the money");
        assert!(narrow.contains(&escaped(text.get("chart.welfare.panel_income"))), "{lang:?}: the plain heading");
    }
}

#[test]
fn flow_map_has_an_arrow_per_flow_and_a_legend() {
    let (economy, results) = solved("us-tariffs-2025");
    let (svg, hits) = render("flows", &economy, &results, 900, 520);
    // Flows with a North American end among the five: 6 within North America + 6 with China + 6 with the rest.
    assert_eq!(hits.hits.len(), 18, "one hit region per arrow");
    assert!(count(&svg, "polygon") >= 18 * 2 + 5, "a shaft and a head per arrow, five nodes, and the land");
    for id in ["United States", "Canada", "Mexico", "China", "Rest of world", "−20% or less", "+20% or more"] {
        assert!(svg.contains(id), "{id} drawn");
    }
    let can_us = hits.hits.iter().find(|h| h.text.starts_with("Canada → United States")).expect("Canada → US arrow");
    let pair = results.derived.pairs.iter().find(|p| p.exporter == "CAN" && p.importer == "USA").unwrap();
    let text = Text::default();
    assert!(
        can_us.text.contains(&text.money_bn(pair.base)) && can_us.text.contains(&text.percent(pair.change_pct, 1)),
        "goods trade at producer prices, with its change: {}",
        can_us.text
    );
    // The largest change is labelled, even on a flow shown as context (China to the United States).
    let largest = results
        .derived
        .pairs
        .iter()
        .filter(|p| hits.hits.iter().any(|h| h.text.contains(&text.percent(p.change_pct, 1))))
        .map(|p| p.change_pct)
        .fold(0.0_f64, |m, c| if c.abs() > m.abs() { c } else { m });
    assert!(svg.contains(&text.percent(largest, 1)), "the largest change, {largest}, is labelled");
}

#[test]
fn trade_supply_and_revenue_charts_have_their_elements() {
    let (economy, results) = solved("us-tariffs-2025");
    let (svg, hits) = render("trade", &economy, &results, 900, 460);
    assert!(svg.contains("Canada → Mexico") && svg.contains("Mexico → Canada"), "Canada–Mexico always shown, named");
    assert_eq!(hits.hits.len(), 10 + 10, "ten pairs and ten sectors");
    let (svg, hits) = render("supply", &economy, &results, 900, 460);
    assert!(svg.contains("Jobs, thousands (at the average wage)") && svg.contains("Input costs vs local wages (%)"));
    assert_eq!(hits.hits.len(), 8 + 12);
    let (svg, hits) = render("revenue", &economy, &results, 900, 300);
    assert_eq!(hits.hits.len(), 5);
    let text = Text::default();
    let usa = economy.country_index("USA").unwrap();
    let expected = format!(
        "{} → {}",
        text.money_bn(results.tariff_revenue_base[usa]),
        text.money_bn(results.tariff_revenue_new[usa])
    );
    assert!(svg.contains(&expected), "US revenue before and after: {expected}");
}

#[test]
fn every_chart_draws_at_phone_and_hidpi_sizes() {
    let (economy, results) = solved("all-out-trade-war");
    // The story draws the timeline's steps, not the scenario: tests/story.rs draws it with its story.
    for id in CHART_IDS.into_iter().filter(|id| *id != "story") {
        for (width, height) in [(360, 420), (720, 840), (1400, 600)] {
            let (svg, hits) = render(id, &economy, &results, width, height);
            assert!(svg.len() > 500 && !hits.hits.is_empty(), "{id} at {width}×{height}");
            for hit in &hits.hits {
                assert!(
                    hit.x0 >= 0 && hit.x1 <= width as i32 && hit.y0 >= 0,
                    "{id}: hit region inside the canvas: {hit:?}"
                );
            }
        }
    }
    assert!(draw_chart(
        "nope",
        &SVGBackend::with_string(&mut String::new(), (10, 10)).into_drawing_area(),
        ChartInput { economy: &economy, results: &results, text: &Text::default(), ranges: None, story: None },
        &Style::default()
    )
    .is_err());
}

#[test]
fn ranges_add_whiskers_and_hover_text() {
    let (economy, results) = solved("us-tariffs-2025");
    let scenario = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
    let ranges = na_trade_explorer::model::uncertainty::ranges(
        &economy,
        &scenario,
        &na_trade_explorer::model::uncertainty::RangeOptions { draws: 40, ..Default::default() },
    )
    .unwrap();
    let text = Text::default();
    let input = ChartInput { economy: &economy, results: &results, text: &text, ranges: Some(&ranges), story: None };
    for id in ["welfare", "revenue", "trade"] {
        let mut plain = String::new();
        let mut ranged = String::new();
        {
            let root = SVGBackend::with_string(&mut plain, (900, 420)).into_drawing_area();
            draw_chart(id, &root, ChartInput { ranges: None, ..input }, &Style::default()).unwrap();
        }
        let hits = {
            let root = SVGBackend::with_string(&mut ranged, (900, 420)).into_drawing_area();
            draw_chart(id, &root, input, &Style::default()).unwrap()
        };
        assert!(
            count(&ranged, "polyline") + count(&ranged, "path") > count(&plain, "polyline") + count(&plain, "path"),
            "{id}: whiskers drawn"
        );
        assert!(hits.hits.iter().any(|h| h.text.contains("90% range:")), "{id}: hover shows the range");
        // The scale makes room for the whiskers: no figure is pushed off the chart by its range.
        for label in text_boxes(&ranged) {
            assert!(label.x0 >= -1.0 && label.x1 <= 901.0, "{id}: '{}' leaves the chart with its range", label.text);
        }
    }
    let table = ChartId::Welfare.table(&input);
    assert!(table.headers.contains(&"90% range".to_string()));
    let context = na_trade_explorer::view::results_csv::CsvContext {
        scenario: "s",
        elasticities: "e",
        link: "",
        controls: &[],
        other: None,
    };
    let csv = na_trade_explorer::view::results_csv::results_csv(&input, &context);
    assert!(csv.contains("welfare_pct_p5"));
}

#[test]
fn economies_without_the_north_american_three_get_a_matrix_and_short_lists() {
    let economy = na_trade_explorer::data::synthetic::random_economy(30, 4, 3).unwrap();
    let scenario =
        Scenario::build(&na_trade_explorer::data::synthetic::random_scenario_file(30, 4, 1, 0.3, 0.1), &economy)
            .unwrap();
    let results = solve(&economy, &scenario).unwrap();
    let (svg, hits) = render("flows", &economy, &results, 900, 600);
    assert_eq!(hits.hits.len(), 12 * 11, "a cell per ordered pair of the 12 largest traders");
    assert!(svg.contains("12 largest traders of 30 countries"));
    let (_, hits) = render("welfare", &economy, &results, 900, 500);
    assert_eq!(hits.hits.len(), 24, "12 countries in each panel");
    for id in CHART_IDS {
        let (svg, _) = render(id, &economy, &results, 360, 600);
        assert!(svg.len() > 500, "{id} draws for a 30-country economy");
    }
}

/// A text of an SVG chart: its box in pixels, estimated by the charts' own text-width estimate.
#[derive(Debug)]
struct TextBox {
    text: String,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

/// Every `<text>` of an SVG with its estimated box. Plotters' SVG backend writes `font-size` as the size the chart
/// asked for divided by 1.24; the canvas draws at the size asked for, so the boxes use that.
fn text_boxes(svg: &str) -> Vec<TextBox> {
    let mut boxes = Vec::new();
    for part in svg.split("<text").skip(1) {
        let Some(close) = part.find('>') else { continue };
        let (tag, rest) = part.split_at(close);
        let content = rest[1..].split("</text>").next().unwrap_or("").trim();
        let content = content
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&#39;", "'");
        let number = |name| attribute(tag, name).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
        let (x, y, size) = (number("x"), number("y"), number("font-size") * 1.24);
        let bold = attribute(tag, "font-weight").is_some_and(|w| w == "bold");
        let width = f64::from(estimated_text_width(&content, size)) * if bold { 1.06 } else { 1.0 };
        let (x0, x1) = match attribute(tag, "text-anchor").as_deref() {
            Some("end") => (x - width, x),
            Some("middle") => (x - width / 2.0, x + width / 2.0),
            _ => (x, x + width),
        };
        boxes.push(TextBox { text: content, x0, x1, y0: y - 0.45 * size, y1: y + 0.45 * size });
    }
    boxes
}

fn overlaps(a: &TextBox, b: &TextBox) -> bool {
    a.x0 < b.x1 - 1.0 && b.x0 < a.x1 - 1.0 && a.y0 < b.y1 - 1.0 && b.y0 < a.y1 - 1.0
}

#[test]
fn no_two_labels_overlap_on_a_phone_or_a_desktop() {
    let economy = presets::north_america_2024().unwrap();
    let mut failures = Vec::new();
    for preset in presets::preset_ids() {
        let scenario = Scenario::build(&presets::preset(preset).unwrap(), &economy).unwrap();
        let results = solve(&economy, &scenario).unwrap();
        // The canvas sizes of the page at 320 px (stacked panels) and 1280 px.
        for (lang, (width, heights)) in [Lang::En, Lang::Fr, Lang::Es].into_iter().flat_map(|lang| {
            [(296, [420, 420, 600, 620, 260, 460]), (820, [520, 250, 340, 400, 230, 400])].map(|size| (lang, size))
        }) {
            for (id, height) in CHART_IDS.iter().zip(heights) {
                let (svg, _) = render_in(&Text::new(lang), id, &economy, &results, width, height);
                let boxes = text_boxes(&svg);
                for (k, a) in boxes.iter().enumerate() {
                    if a.x0 < -1.0 || a.x1 > f64::from(width) + 1.0 {
                        failures.push(format!("{preset} {lang:?} {id} {width}: '{}' leaves the chart", a.text));
                    }
                    for b in &boxes[k + 1..] {
                        if overlaps(a, b) {
                            failures
                                .push(format!("{preset} {lang:?} {id} {width}: '{}' overlaps '{}'", a.text, b.text));
                        }
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} overlaps:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn an_exported_chart_carries_its_scenario_date_source_and_credit() {
    use na_trade_explorer::view::charts::{draw_chart_for_export, ExportFooter};
    let (economy, results) = solved("us-tariffs-2025");
    let footer = ExportFooter {
        scenario: "Scenario: US tariffs, 2025 · 2026-11-28".into(),
        source: "Source: North American Trade Explorer 0.1.0, a general-equilibrium trade model on 2024 data.".into(),
        credit: "Chart: North American Trade Explorer".into(),
    };
    for width in [320_u32, 800] {
        let height = 300 + footer.height_css(f64::from(width)).round() as u32;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
            let input =
                ChartInput { economy: &economy, results: &results, text: &Text::default(), ranges: None, story: None };
            draw_chart_for_export("welfare", &root, input, &Style::default(), &footer).unwrap();
            root.present().unwrap();
        }
        let texts: String = text_boxes(&svg).iter().map(|b| format!("{} ", b.text)).collect();
        for part in ["Who wins, who loses", "US tariffs, 2025", "2026-11-28", "Source: North American", "Chart: North"]
        {
            assert!(texts.contains(part), "{part} in the PNG at {width} px: {texts}");
        }
        assert!(text_boxes(&svg).iter().all(|b| b.x1 <= f64::from(width) + 1.0 && b.y1 <= f64::from(height)), "inside");
    }
}

/// Every reader-facing text of a solved economy: the summary, each chart's description and table.
fn reader_texts(economy: &Economy, results: &Results, text: &Text) -> Vec<String> {
    let input = ChartInput { economy, results, text, ranges: None, story: None };
    let mut texts = vec![na_trade_explorer::view::summary::summary_sentence(economy, results, text)];
    for chart in ChartId::ALL {
        texts.push(chart.describe(&input));
        let table = chart.table(&input);
        texts.push(table.headers.join(" | "));
        let mut seen = std::collections::HashSet::new();
        for row in &table.rows {
            assert!(seen.insert(row[..2].join("|")), "{chart:?}: row {row:?} repeats");
            texts.push(row.join(" | "));
        }
    }
    texts
}

#[test]
fn own_data_reads_generically_with_its_own_names() {
    // The example economy, and a random one whose ids reuse the North American codes for countries of its own.
    let root = env!("CARGO_MANIFEST_DIR");
    let csv = std::fs::read_to_string(format!("{root}/data/examples/three-country.csv")).unwrap();
    let example = na_trade_explorer::data::csv_economy::economy_from_csv(&csv).unwrap();
    let file: na_trade_explorer::ScenarioFile = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/data/examples/three-country-tariff.json")).unwrap(),
    )
    .unwrap();
    let example_results = solve(&example, &Scenario::build(&file, &example).unwrap()).unwrap();
    let mut renamed = na_trade_explorer::data::synthetic::random_economy_file(4, 3, 9);
    renamed.countries = ["USA", "CAN", "MEX", "ROW"].map(String::from).to_vec();
    renamed.country_names = Some(["Northland", "Midland", "Southland", "Elsewhere"].map(String::from).to_vec());
    let renamed = Economy::from_file(renamed).unwrap();
    let scenario = na_trade_explorer::data::synthetic::random_scenario_file(4, 3, 2, 0.3, 0.1);
    let renamed_results = solve(&renamed, &Scenario::build(&scenario, &renamed).unwrap()).unwrap();
    for (economy, results) in [(&example, &example_results), (&renamed, &renamed_results)] {
        for lang in [Lang::En, Lang::Fr, Lang::Es] {
            for line in reader_texts(economy, results, &Text::new(lang)) {
                for word in
                    ["United States", "États-Unis", "Estados Unidos", "Canad", "Mexi", "Méxi", "2024", "Jobs move"]
                {
                    assert!(!line.contains(word), "{lang:?}: '{word}' in: {line}");
                }
            }
        }
    }
    let texts = reader_texts(&example, &example_results, &Text::default()).join("\n");
    assert!(texts.contains("Employment changes most in: Southland · Goods −1.69%"), "{texts}");
}

/// The arrows of an SVG flow map: its translucent polygons (land and dots are opaque), as lists of points.
fn arrow_polygons(svg: &str) -> Vec<Vec<(f64, f64)>> {
    svg.split("<polygon")
        .skip(1)
        .filter_map(|part| {
            let tag = &part[..part.find('>')?];
            let opacity: f64 = attribute(tag, "opacity")?.parse().ok()?;
            (opacity < 1.0).then(|| {
                attribute(tag, "points")
                    .unwrap_or_default()
                    .split_whitespace()
                    .filter_map(|p| p.split_once(','))
                    .filter_map(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
                    .collect()
            })
        })
        .collect()
}

/// Whether a text box and a convex polygon overlap by more than a pixel (separating axes: the box's two and each
/// edge normal of the polygon).
fn box_meets_polygon(b: &TextBox, polygon: &[(f64, f64)]) -> bool {
    let corners =
        [(b.x0 + 1.0, b.y0 + 1.0), (b.x1 - 1.0, b.y0 + 1.0), (b.x1 - 1.0, b.y1 - 1.0), (b.x0 + 1.0, b.y1 - 1.0)];
    let mut axes = vec![(1.0, 0.0), (0.0, 1.0)];
    for k in 0..polygon.len() {
        let (a, c) = (polygon[k], polygon[(k + 1) % polygon.len()]);
        axes.push((c.1 - a.1, a.0 - c.0));
    }
    axes.iter().all(|&(ax, ay)| {
        let project = |points: &[(f64, f64)]| {
            points.iter().map(|p| p.0 * ax + p.1 * ay).fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)))
        };
        let (box_lo, box_hi) = project(&corners);
        let (poly_lo, poly_hi) = project(polygon);
        box_lo < poly_hi && poly_lo < box_hi
    })
}

#[test]
fn flow_map_labels_sit_clear_of_the_arrows_and_the_largest_change_is_labelled() {
    let economy = presets::north_america_2024().unwrap();
    let mut failures = Vec::new();
    for preset in presets::preset_ids() {
        let scenario = Scenario::build(&presets::preset(preset).unwrap(), &economy).unwrap();
        let results = solve(&economy, &scenario).unwrap();
        let largest = results.derived.pairs.iter().max_by(|a, b| a.change_pct.abs().total_cmp(&b.change_pct.abs()));
        let largest_dollars = results.derived.pairs.iter().max_by(|a, b| a.change.abs().total_cmp(&b.change.abs()));
        for lang in [Lang::En, Lang::Fr, Lang::Es] {
            let text = Text::new(lang);
            for (width, height) in [(296, 420), (820, 520)] {
                let (svg, _) = render_in(&text, "flows", &economy, &results, width, height);
                let boxes = text_boxes(&svg);
                let arrows = arrow_polygons(&svg);
                assert!(arrows.len() >= 18, "{preset}: arrows found");
                for b in &boxes {
                    if arrows.iter().any(|a| box_meets_polygon(b, a)) {
                        failures.push(format!("{preset} {lang:?} {width}: '{}' over an arrow", b.text));
                    }
                }
                if let Some(p) = largest.filter(|p| p.change_pct.abs() >= 0.05) {
                    let label = text.percent(p.change_pct, 1);
                    if !boxes.iter().any(|b| b.text == label || b.text.ends_with(&format!(" {label}"))) {
                        failures.push(format!("{preset} {lang:?} {width}: largest change {label} unlabelled"));
                    }
                }
                // On a desktop the largest change in dollars, the one the summary names, is labelled too.
                if let Some(p) = largest_dollars.filter(|p| p.change.abs() >= 0.5 && width >= 820) {
                    let label = text.percent(p.change_pct, 1);
                    if !boxes.iter().any(|b| b.text == label || b.text.ends_with(&format!(" {label}"))) {
                        failures
                            .push(format!("{preset} {lang:?} {width}: largest change in dollars {label} unlabelled"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

/// Every pair in "Where trade goes" stays identifiable on a phone: where names would be cut, the row falls back to
/// country codes, so no two routes read the same and none is cut before its destination.
#[test]
fn trade_routes_stay_distinct_on_a_phone() {
    let economy = presets::north_america_2024().unwrap();
    for preset in presets::preset_ids() {
        let results = solve(&economy, &Scenario::build(&presets::preset(preset).unwrap(), &economy).unwrap()).unwrap();
        for lang in [Lang::En, Lang::Fr, Lang::Es] {
            for width in [296, 360, 700] {
                let (svg, _) = render_in(&Text::new(lang), "trade", &economy, &results, width, 420);
                let routes: Vec<String> =
                    text_boxes(&svg).into_iter().map(|b| b.text).filter(|t| t.contains('→')).collect();
                assert!(routes.len() >= 3, "{preset} {lang:?} {width}: routes drawn");
                for route in &routes {
                    assert!(
                        !route.ends_with('…') && !route.ends_with("→"),
                        "{preset} {lang:?} {width}: '{route}' is cut"
                    );
                }
                let mut unique = routes.clone();
                unique.sort();
                unique.dedup();
                assert_eq!(
                    unique.len(),
                    routes.len(),
                    "{preset} {lang:?} {width}: two routes read the same: {routes:?}"
                );
            }
        }
    }
}

/// Issue 22: at every frame width from 300 to 1400 CSS pixels (step 10), in three languages, the two-panel charts
/// drawn at the height Rust gives for that width (`ChartId::height`, which the page uses) keep their rows at least
/// 20 pixels apart in each panel: the width where the panels stack and the canvas height have one owner.
#[test]
fn rows_stay_apart_at_every_width_and_language() {
    use na_trade_explorer::view::charts::ChartId;
    let (economy, results) = solved("us-tariffs-2025");
    let mut worst = (f64::INFINITY, String::new());
    let mut cut = Vec::new();
    for lang in [Lang::En, Lang::Fr, Lang::Es] {
        let text = Text::new(lang);
        for chart in [ChartId::Welfare, ChartId::Trade, ChartId::Supply, ChartId::WhoPays] {
            for width in (300..=1400).step_by(10) {
                let height = chart.height(f64::from(width));
                let (svg, hits) = render_in(&text, chart.as_str(), &economy, &results, width, height as u32);
                if svg.contains('…') {
                    cut.push(format!("{} at {width} px in {lang:?}", chart.as_str()));
                }
                // Rows of one panel share their left edge.
                let mut panels: std::collections::BTreeMap<i32, Vec<i32>> = std::collections::BTreeMap::new();
                for hit in &hits.hits {
                    panels.entry(hit.x0).or_default().push(hit.y0);
                }
                for tops in panels.values_mut() {
                    tops.sort_unstable();
                    for pair in tops.windows(2) {
                        let gap = f64::from(pair[1] - pair[0]);
                        if gap < worst.0 {
                            worst = (gap, format!("{} at {width} px in {lang:?}", chart.as_str()));
                        }
                    }
                }
            }
        }
    }
    println!("closest rows: {} px ({})", worst.0, worst.1);
    println!("labels cut with …: {} of {} drawings; {:?}", cut.len(), 4 * 3 * 111, cut);
    // Long labels go on two lines (row labels from rows of 22 px, panel headings and chart titles whenever they do
    // not fit) and the supply chart names countries by code when names do not fit: 183 of these drawings had a
    // label cut with "…" before issue 22, 59 after the first round of it, none now.
    assert!(cut.is_empty(), "{} drawings cut a label with …: {:?}", cut.len(), cut);
    assert!(worst.0 >= 20.0, "rows {} px apart: {}", worst.0, worst.1);
}

/// "Who pays, by income" (issue 23, item 5): a row per US income decile, lowest first, with the share of income
/// after and (in brackets) before buyers switch suppliers; the countries without a distribution named in a note;
/// an economy without any says so in words rather than drawing an empty chart.
#[test]
fn who_pays_draws_ten_us_deciles_and_says_what_is_missing() {
    let (economy, results) = solved("us-tariffs-2025");
    let text = Text::default();
    let deciles = results.derived.cost_by_decile.get("USA").expect("US deciles");
    for width in [300, 360, 720, 1400] {
        let height = ChartId::WhoPays.height(f64::from(width)) as u32;
        let (svg, hits) = render("who_pays", &economy, &results, width, height);
        assert_eq!(hits.hits.len(), 10, "a row per decile at {width} px");
        for (k, (hit, decile)) in hits.hits.iter().zip(deciles).enumerate() {
            assert!(hit.text.starts_with(&format!("United States, decile {} ", k + 1)), "{}", hit.text);
            assert!(hit.text.contains(&text.percent(decile.share_of_income_pct, 3)), "{}", hit.text);
            assert!(hit.text.contains(&text.percent(decile.share_of_income_pct_before, 3)), "{}", hit.text);
            assert!(hit.y1 <= height as i32, "row {k} inside the canvas at {width} px");
        }
        let first = format!(
            "{} ({})",
            text.percent(deciles[0].share_of_income_pct, 2),
            text.percent(deciles[0].share_of_income_pct_before, 2)
        );
        for expected in ["Decile 1", "Decile 10", &first, "Canada and Mexico", "after-tax", "long run"] {
            assert!(svg.contains(expected), "'{expected}' drawn at {width} px");
        }
        assert!(!svg.contains('…'), "nothing cut at {width} px");
    }
    // Both horizons (the first year's subtitle is the longest), three languages, every width the page sweeps:
    // nothing cut, rows at least 20 px apart and inside the canvas.
    let base = presets::north_america_2024().unwrap();
    for economy in [base.clone(), base.with_theta_set("one_year").unwrap()] {
        let scenario = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
        let results = solve(&economy, &scenario).unwrap();
        for lang in [Lang::En, Lang::Fr, Lang::Es] {
            for width in (300..=1400).step_by(10) {
                let height = ChartId::WhoPays.height(f64::from(width)) as u32;
                let (svg, hits) = render_in(&Text::new(lang), "who_pays", &economy, &results, width, height);
                assert!(!svg.contains('…'), "{lang:?} {:?} at {width} px: a text cut", economy.horizon());
                let tops: Vec<i32> = hits.hits.iter().map(|h| h.y0).collect();
                assert!(tops.windows(2).all(|p| p[1] - p[0] >= 20), "{lang:?} at {width} px: rows {tops:?}");
                let last = hits.hits.last().unwrap();
                assert!(last.y1 <= height as i32, "{lang:?} at {width} px: {last:?} below the canvas");
                let boxes = text_boxes(&svg);
                assert!(boxes.iter().all(|b| b.y1 <= f64::from(height) + 1.0), "{lang:?} at {width} px: a text below");
            }
        }
    }
    // No change (the 2024 baseline): the values read "0.00%" and no bar is drawn, only the background and the
    // legend's two swatches; a cost of a thousandth of a percent is written with three decimals and drawn.
    let (economy, results) = solved("baseline-2024");
    let (svg, _) = render("who_pays", &economy, &results, 720, 400);
    assert_eq!(count(&svg, "rect"), 3, "no bar for a zero cost");
    assert!(svg.contains("0.00% (0.00%)") && !svg.contains("0.000%"), "zero costs written with two decimals");
    let (economy, results) = solved("canada-mexico-partnership");
    let (svg, _) = render("who_pays", &economy, &results, 720, 400);
    let first = results.derived.cost_by_decile.get("USA").unwrap()[0].share_of_income_pct;
    assert!(first.abs() < 0.1 && svg.contains(&text.percent(first, 3)), "three decimals for a small cost");
    assert!(count(&svg, "rect") > 3, "a small cost that reads as one is drawn");
    // A reader's economy has no distribution by income: the chart says so.
    let economy = na_trade_explorer::data::synthetic::random_economy(4, 3, 5).unwrap();
    let scenario =
        Scenario::build(&na_trade_explorer::data::synthetic::random_scenario_file(4, 3, 1, 0.3, 0.1), &economy)
            .unwrap();
    let results = solve(&economy, &scenario).unwrap();
    assert!(results.derived.cost_by_decile.is_empty());
    let (svg, hits) = render("who_pays", &economy, &results, 360, 460);
    assert!(svg.contains("no distribution of household spending"), "the chart says why it is empty");
    assert_eq!(hits.hits.len(), 1);
    let input = ChartInput { economy: &economy, results: &results, text: &text, ranges: None, story: None };
    assert!(ChartId::WhoPays.describe(&input).contains("no distribution of household spending"));
    assert!(ChartId::WhoPays.table(&input).rows.is_empty());
}

/// Issue 22: the flow map names every country whole at every frame width from 300 to 1400 CSS pixels (step 10), in
/// three languages, at the height the page gives it (no label ends in "…").
#[test]
fn the_flow_map_cuts_no_name_at_any_width() {
    use na_trade_explorer::view::charts::ChartId;
    let (economy, results) = solved("us-tariffs-2025");
    let mut cut = Vec::new();
    for lang in [Lang::En, Lang::Fr, Lang::Es] {
        let text = Text::new(lang);
        for width in (300..=1400).step_by(10) {
            let height = ChartId::Flows.height(f64::from(width));
            let (svg, hits) = render_in(&text, "flows", &economy, &results, width, height as u32);
            assert!(!hits.hits.is_empty(), "the map drew its flows at {width} px");
            if svg.contains('…') {
                cut.push(format!("{width} px in {lang:?}"));
            }
        }
    }
    assert!(cut.is_empty(), "names cut with …: {cut:?}");
}

/// A list of trading pairs uses one form of label: when one pair needs country codes to fit, every pair has them
/// (issue 22: "CN → EUA" beside "China → México" read as two conventions). Checked on the trade chart in three
/// languages at a phone's width, where codes are needed, and at a desktop's (names or codes, never both).
#[test]
fn a_list_of_pairs_names_every_pair_the_same_way() {
    let (economy, results) = solved("us-tariffs-2025");
    for lang in [Lang::En, Lang::Fr, Lang::Es] {
        let text = Text::new(lang);
        // Every country's short name and code in this language, to tell the two forms apart.
        let ids = economy.countries().iter().zip(economy.country_names());
        let names: Vec<String> = ids.clone().map(|(id, name)| text.country_short(id, name)).collect();
        let codes: Vec<String> = ids.map(|(id, name)| text.country_code(id, name)).collect();
        for width in [296, 820, 1200] {
            let (svg, _) = render_in(&text, "trade", &economy, &results, width, 600);
            let pairs: Vec<String> =
                text_boxes(&svg).into_iter().map(|b| b.text).filter(|t| t.contains(" → ")).collect();
            assert!(pairs.len() >= 8, "{lang:?} {width}: the pairs are drawn ({pairs:?})");
            let all_in = |set: &[String], label: &str| label.split(" → ").all(|side| set.iter().any(|n| n == side));
            let in_codes = pairs.iter().all(|p| all_in(&codes, p));
            let in_names = pairs.iter().all(|p| all_in(&names, p));
            assert!(in_codes || in_names, "{lang:?} {width}: one form for every pair: {pairs:?}");
            if width == 296 {
                assert!(in_codes, "{lang:?} {width}: codes on a phone, where names would be cut: {pairs:?}");
            }
        }
    }
}
