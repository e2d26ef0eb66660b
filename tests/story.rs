//! The year as a story (issue 25, item 4): the `story` chart draws every dated step of the timeline with both
//! horizons, numbers each step and lists what changed without cutting a label, at 375, 688, 720 and 1,280 CSS
//! pixels in English, French and Spanish, at the height Rust gives for that width and language; its description and
//! table carry every step. Set `CHART_SVG_DIR` to keep the SVG files for review.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use na_trade_explorer::view::charts::{
    draw_chart, estimated_text_width, ChartId, ChartInput, HitMap, StoryInput, Style,
};
use na_trade_explorer::view::i18n::{Lang, Text};
use na_trade_explorer::view::story::{dated_steps, story, Story};
use na_trade_explorer::{data::presets, solve, Economy, Results, Scenario};
use plotters::prelude::*;

fn baseline_and_story() -> (Economy, Results, Story) {
    let economy = presets::north_america_2024().unwrap();
    let started = std::time::Instant::now();
    let story = story(&economy).unwrap();
    println!("the story's {} solves took {:?} natively", 2 * story.steps.len(), started.elapsed());
    let scenario = Scenario::build(&presets::preset("us-tariffs-2025").unwrap(), &economy).unwrap();
    let results = solve(&economy, &scenario).unwrap();
    (economy, results, story)
}

/// Every `<text>` of an SVG: `(x, y, font size, anchor, content)`.
fn texts(svg: &str) -> Vec<(f64, f64, f64, String, String)> {
    let attribute = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[start..].split('"').next()?.to_string())
    };
    svg.split("<text")
        .skip(1)
        .map(|chunk| {
            let (tag, rest) = chunk.split_once('>').unwrap();
            let content = rest.split("</text>").next().unwrap().trim().replace("&amp;", "&").replace("&apos;", "'");
            let number = |name: &str| attribute(tag, name).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
            let anchor = attribute(tag, "text-anchor").unwrap_or_else(|| "start".into());
            // plotters' SVG backend writes a font size of `size / 1.24`.
            (number("x"), number("y"), number("font-size") * 1.24, anchor, content)
        })
        .collect()
}

fn render(input: ChartInput<'_>, width: u32, height: u32, name: &str) -> (String, HitMap) {
    let mut svg = String::new();
    let hits = {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let hits = draw_chart("story", &root, input, &Style::default()).expect("the story draws");
        root.present().expect("present");
        hits
    };
    if let Ok(dir) = std::env::var("CHART_SVG_DIR") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(format!("{dir}/{name}.svg"), &svg).unwrap();
    }
    (svg, hits)
}

#[test]
fn the_story_chart_draws_every_dated_step_at_both_horizons_with_nothing_cut() {
    let (economy, results, story) = baseline_and_story();
    let steps = dated_steps();
    assert!(steps.len() >= 10, "the enacted timeline has {} dates", steps.len());
    assert_eq!(story.steps.len(), steps.len());
    let current = steps[steps.len() / 2].date.clone();
    for lang in [Lang::En, Lang::Fr, Lang::Es] {
        let text = Text::new(lang);
        for width in [375_u32, 688, 720, 1280] {
            let height = ChartId::Story.height_in(f64::from(width), &text);
            println!("story chart in {lang:?} at {width} px: {height} px tall");
            let input = ChartInput {
                economy: &economy,
                results: &results,
                text: &text,
                ranges: None,
                story: Some(StoryInput { story: Some(&story), current: Some(&current) }),
            };
            let (svg, hits) = render(input, width, height as u32, &format!("story-{}-{width}", lang.code()));
            let drawn = texts(&svg);
            let all_text: String = drawn.iter().map(|t| t.4.as_str()).collect::<Vec<_>>().join("\n");
            // Every step: its number under the axis and in the list, its date in the list, two hover regions.
            for (k, step) in steps.iter().enumerate() {
                let number = (k + 1).to_string();
                assert!(
                    drawn.iter().any(|t| t.4 == number),
                    "step {number} numbered under the axis ({lang:?} {width})"
                );
                assert!(drawn.iter().any(|t| t.4 == format!("{number}.")), "step {number} listed ({lang:?} {width})");
                assert!(all_text.contains(&step.date), "{} listed ({lang:?} {width})", step.date);
            }
            assert_eq!(hits.hits.len(), 2 * steps.len(), "a column and a list entry per step");
            for (k, step) in story.steps.iter().enumerate() {
                let hover = &hits.hits[2 * k].text;
                assert!(hover.contains(&step.date), "{hover}");
                // Both horizons' values of every country, as the reader's language writes them.
                for c in 0..3 {
                    assert!(hover.contains(&text.percent(step.first_year.real_gdp_pct[c], 2)), "{hover}");
                    assert!(hover.contains(&text.percent(step.long_run.real_gdp_pct[c], 2)), "{hover}");
                }
            }
            // Both horizons drawn and named: one solid step line per country (a polyline through two points per
            // step) and the long run in dashes (many short lines), with the legend saying which is which.
            let long_lines = svg.matches("<polyline").count();
            let full_lines = svg
                .split("<polyline")
                .skip(1)
                .filter(|p| p.split("/>").next().unwrap().matches(',').count() >= 2 * steps.len())
                .count();
            assert_eq!(full_lines, 3, "a solid first-year step line per country ({lang:?} {width})");
            assert!(long_lines > 3 + 3 * steps.len(), "dashed long-run lines ({lang:?} {width}): {long_lines}");
            for key in ["chart.story.legend_first", "chart.story.legend_long"] {
                assert!(all_text.contains(text.get(key)), "legend {key} ({lang:?} {width})");
            }
            // Nothing cut: no ellipsis, every text inside the canvas (by the charts' width estimate).
            assert!(!all_text.contains('…'), "a label cut with … ({lang:?} {width})");
            for (x, y, size, anchor, content) in &drawn {
                let w = f64::from(estimated_text_width(content, *size));
                let (left, right) = match anchor.as_str() {
                    "end" => (x - w, *x),
                    "middle" => (x - w / 2.0, x + w / 2.0),
                    _ => (*x, x + w),
                };
                assert!(
                    left >= 0.0 && right <= f64::from(width) && *y + size / 2.0 <= height && *y > 0.0,
                    "{content:?} at ({x}, {y}) outside {width} × {height} ({lang:?})"
                );
            }
        }
    }
}

#[test]
fn the_step_on_the_page_is_highlighted_and_a_missing_story_says_why() {
    let (economy, results, story) = baseline_and_story();
    let text = Text::default();
    let base = ChartInput { economy: &economy, results: &results, text: &text, ranges: None, story: None };
    let bold_numbers = |svg: &str| -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter(|t| t.split('>').next().unwrap().contains("bold"))
            .map(|t| t.split_once('>').unwrap().1.split("</text>").next().unwrap().trim().to_string())
            .filter(|t| t.trim_end_matches('.').parse::<usize>().is_ok())
            .collect()
    };
    fn with<'a>(base: ChartInput<'a>, story: &'a Story, current: Option<&'a str>) -> ChartInput<'a> {
        ChartInput { story: Some(StoryInput { story: Some(story), current }), ..base }
    }
    let (svg, _) = render(with(base, &story, Some(&story.steps[2].date)), 720, 900, "story-highlight");
    assert_eq!(bold_numbers(&svg), ["3", "3."], "step 3 highlighted under the axis and in the list");
    let shaded = ChartId::Story.describe(&with(base, &story, Some(&story.steps[2].date)));
    assert!(shaded.ends_with(&format!("The shaded step is step 3, {}.", story.steps[2].date)), "{shaded}");
    assert!(!ChartId::Story.describe(&with(base, &story, None)).contains("shaded step"));
    let (svg, _) = render(with(base, &story, None), 720, 900, "story-none");
    assert!(bold_numbers(&svg).is_empty(), "no step highlighted off the timeline");
    // A date that is no step highlights nothing and draws the same chart.
    let (odd, _) = render(with(base, &story, Some("2031-13-45")), 720, 900, "story-odd");
    assert_eq!(odd, svg);
    // While it is computed, and for a reader's own file, a sentence instead of lines.
    let pending = ChartInput { story: Some(StoryInput { story: None, current: None }), ..base };
    let (svg, hits) = render(pending, 375, 600, "story-pending");
    assert!(svg.contains("Solving every dated step"), "{svg}");
    assert!(hits.hits.is_empty() && !svg.contains("<polyline"));
    let (svg, _) = render(base, 375, 600, "story-unavailable");
    assert!(svg.contains("built-in data"), "{svg}");
    assert!(ChartId::Story.table(&base).rows.is_empty(), "no rows where the timeline does not apply");
    assert_eq!(ChartId::Story.describe(&pending), text.get("chart.story.pending"));
    // The table lists every step before the numbers arrive, with "—" for them.
    let table = ChartId::Story.table(&pending);
    assert_eq!(table.rows.len(), story.steps.len());
    assert!(table.rows.iter().all(|r| r[3] == "—" && r.len() == table.headers.len()));
}

#[test]
fn the_description_and_table_carry_every_step_with_its_horizon_and_unit() {
    let (economy, results, story) = baseline_and_story();
    for lang in [Lang::En, Lang::Fr, Lang::Es] {
        let text = Text::new(lang);
        let input = ChartInput {
            economy: &economy,
            results: &results,
            text: &text,
            ranges: None,
            story: Some(StoryInput { story: Some(&story), current: None }),
        };
        let description = ChartId::Story.describe(&input);
        let table = ChartId::Story.table(&input);
        assert_eq!(table.rows.len(), story.steps.len());
        assert_eq!(table.headers.len(), 3 + 3 * 5);
        for (k, step) in story.steps.iter().enumerate() {
            assert!(description.contains(&step.date), "{lang:?}: {description}");
            let row = &table.rows[k];
            assert_eq!(row[1], step.date);
            // Each figure with its 5th–95th percentile range in brackets (embedded: data/story-ranges.json).
            for (cell, value) in [
                (&row[3], step.first_year.real_gdp_pct[0]),
                (&row[4], step.long_run.real_gdp_pct[0]),
                (&row[5], step.first_year.real_income_pct[0]),
                (&row[6], step.long_run.real_income_pct[0]),
            ] {
                assert!(cell.starts_with(&format!("{} (", text.percent(value, 2))), "{lang:?}: {cell}");
                assert!(cell.ends_with(')') && cell.contains('…'), "{lang:?}: {cell}");
            }
            assert_eq!(row[7], text.signed(step.first_year.jobs_thousands[0], 0));
        }
        // Every number column names its horizon (and the jobs their unit).
        let (first, long) = match lang {
            Lang::En => ("first year", "long run"),
            Lang::Fr => ("première année", "long terme"),
            Lang::Es => ("primer año", "largo plazo"),
        };
        for header in &table.headers[3..] {
            assert!(header.contains(first) || header.contains(long), "{lang:?}: {header}");
        }
    }
}

/// The story's ranges (issue 25: "with ranges") are too many solves for the page (2 × 18 × 200, about 4 s
/// natively), but the story uses only the built-in data and the default elasticity sets, so the build embeds them
/// from `data/story-ranges.json` (`natx timeline --ranges`). This recomputes them and compares, so the file can
/// never drift from the model or the timeline; it also prints what the computation costs.
#[test]
fn the_embedded_story_ranges_are_the_models_own() {
    use na_trade_explorer::view::story::{embedded_ranges, story_ranges};
    let (long, _, story) = baseline_and_story();
    let started = std::time::Instant::now();
    let computed = story_ranges(&long).unwrap();
    println!("the story's ranges, {} steps at both horizons: {:?} natively", computed.len(), started.elapsed());
    let embedded = embedded_ranges(&story).expect(
        "data/story-ranges.json is for the timeline's dates: run `natx timeline --ranges > data/story-ranges.json`",
    );
    assert_eq!(embedded.len(), computed.len());
    for (e, c) in embedded.iter().zip(&computed) {
        assert_eq!(e.date, c.date);
        for (eh, ch) in [(&e.first_year, &c.first_year), (&e.long_run, &c.long_run)] {
            for (el, cl) in [(&eh.real_gdp_pct, &ch.real_gdp_pct), (&eh.real_income_pct, &ch.real_income_pct)] {
                for (a, b) in el.iter().zip(cl) {
                    assert!(
                        (a.low - b.low).abs() < 1e-9 && (a.high - b.high).abs() < 1e-9,
                        "{}: embedded {a:?}, recomputed {b:?}: run `natx timeline --ranges > data/story-ranges.json`",
                        e.date
                    );
                    assert!(a.low <= a.high);
                }
            }
        }
    }
    // The first step's first-year real GDP band for Canada brackets the story's own figure.
    let (r, v) = (embedded[0].first_year.real_gdp_pct[1], story.steps[0].first_year.real_gdp_pct[1]);
    assert!(r.low - 1e-9 <= v && v <= r.high + 1e-9, "{v} outside {r:?}");
}

/// On high-density screens the page draws at 2× and 3× into a canvas of the same CSS height: every text stays
/// inside it (the layout is measured at 1×; a label may wrap one line differently at another scale).
#[test]
fn nothing_falls_off_the_canvas_at_two_and_three_device_pixels_per_css_pixel() {
    let (economy, results, story) = baseline_and_story();
    for lang in [Lang::En, Lang::Fr, Lang::Es] {
        let text = Text::new(lang);
        for width in (300_u32..=1400).step_by(55) {
            let height = ChartId::Story.height_in(f64::from(width), &text);
            for scale in [1.5, 2.0, 3.0] {
                let (w, h) = ((f64::from(width) * scale).round() as u32, (height * scale).round() as u32);
                let input = ChartInput {
                    economy: &economy,
                    results: &results,
                    text: &text,
                    ranges: None,
                    story: Some(StoryInput { story: Some(&story), current: None }),
                };
                let mut svg = String::new();
                {
                    let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
                    let style = Style { scale, ..Style::default() };
                    draw_chart("story", &root, input, &style).unwrap();
                    root.present().unwrap();
                }
                for (x, y, size, _, content) in texts(&svg) {
                    assert!(
                        y + size / 2.0 <= f64::from(h) && x <= f64::from(w) && !content.contains('…'),
                        "{content:?} at ({x}, {y}) outside {w} × {h} ({lang:?}, {width} px at {scale}×)"
                    );
                }
            }
        }
    }
}
