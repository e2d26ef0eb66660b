//! An embed pre-rendered as static HTML (issue 22): the scenario's name, the summary, each chart as SVG drawn by
//! the same Rust code as the live canvas, its description, and the source line. A reader sees the charts at first
//! paint, before the wasm module has downloaded, and a reader without JavaScript (AMP, RSS, e-mail, print, a CMS
//! that strips scripts) sees them at all; the live explorer then mounts over it (`www/embed.js`).
//!
//! This module only composes the page; `natx prerender` draws the SVG (plotters' SVG backend is a native-only
//! feature) and writes one file per preset and language.

use crate::view::charts::ChartId;

/// The width a phone's drawing is made at, CSS pixels.
pub const NARROW_WIDTH: u32 = 360;
/// The width an article column's drawing is made at, CSS pixels.
pub const WIDE_WIDTH: u32 = 688;

/// Which drawing a frame shows: the phone's below the midpoint of the two widths, the column's from it. The one
/// owner of that rule (written into each page; the live explorer's charts follow `ChartId::layout`).
fn static_style() -> String {
    let switch = (NARROW_WIDTH + WIDE_WIDTH) / 2;
    format!(
        ".natx-static-svg svg {{ display: block; width: 100%; height: auto; border: 1px solid var(--natx-line); \
         border-radius: 4px; }}\n.natx-static-narrow {{ display: none; }}\n@media (max-width: {}px) {{ \
         .natx-static-narrow {{ display: block; }} .natx-static-wide {{ display: none; }} }}",
        switch - 1
    )
}

/// One chart of a pre-rendered embed.
#[derive(Debug, Clone)]
pub struct StaticChart {
    /// Which chart.
    pub id: ChartId,
    /// Its title (the canvas draws it too; this is for screen readers and the figure's label).
    pub title: String,
    /// The SVG drawn for a phone-width frame.
    pub narrow_svg: String,
    /// The SVG drawn for an article column.
    pub wide_svg: String,
    /// Its text alternative.
    pub description: String,
}

/// Everything a pre-rendered embed shows.
#[derive(Debug, Clone)]
pub struct StaticEmbed {
    /// Language code (`en`, `fr`, `es`).
    pub lang: String,
    /// The page's title (the explorer's name).
    pub page_title: String,
    /// The scenario's name.
    pub scenario_name: String,
    /// The summary sentence.
    pub summary: String,
    /// The charts, in order.
    pub charts: Vec<StaticChart>,
    /// The source line under the charts.
    pub source_line: String,
    /// The link text to the full explorer.
    pub open_full: String,
    /// The query the live explorer starts from (`preset=…&lang=…`), without `?`.
    pub query: String,
    /// The path from the file to the repository root (`../../../`), for the stylesheets and scripts.
    pub root: String,
    /// The path of the oEmbed description of this embed, relative to the file.
    pub oembed: String,
    /// The stylesheets' text (`www/natx.css`, `www/embed.css`), written into the page: a linked stylesheet blocks
    /// the first paint until it arrives (issue 22: the first chart within 100 ms of navigation).
    pub stylesheets: String,
}

/// Text made safe inside HTML text and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The pre-rendered embed page.
pub fn embed_html(e: &StaticEmbed) -> String {
    let root = &e.root;
    let mut charts = String::new();
    for chart in &e.charts {
        let id = chart.id.as_str();
        charts += &format!(
            "<figure class=\"natx-chart\" data-chart=\"{id}\" aria-label=\"{title}\">\n<div class=\"natx-static-svg \
             natx-static-narrow\" role=\"img\" aria-label=\"{title}\">{narrow}</div>\n<div class=\"natx-static-svg \
             natx-static-wide\" role=\"img\" aria-label=\"{title}\">{wide}</div>\n<figcaption><p \
             class=\"natx-desc natx-sr\">{desc}</p></figcaption>\n</figure>\n",
            title = escape(&chart.title),
            narrow = chart.narrow_svg,
            wide = chart.wide_svg,
            desc = escape(&chart.description),
        );
    }
    format!(
        "<!doctype html>\n<html lang=\"{lang}\" data-natx-query=\"{query}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{name} — {page_title}</title>\n\
         <meta name=\"description\" content=\"{summary}\">\n<meta property=\"og:title\" content=\"{name}\">\n\
         <meta property=\"og:description\" content=\"{summary}\">\n\
         <link rel=\"alternate\" type=\"application/json+oembed\" href=\"{oembed}\" title=\"{name}\">\n\
         <style>{stylesheets}\n{style}</style>\n</head>\n<body>\n<main id=\"explorer\">\n<div class=\"natx natx-static\" data-theme=\"light\">\n\
         <section class=\"natx-results\">\n<h2 class=\"natx-scenario-name\">{name}</h2>\n\
         <p class=\"natx-summary\">{summary}</p>\n<div class=\"natx-charts\">\n{charts}</div>\n\
         <footer class=\"natx-article-footer\"><p class=\"natx-description\">{source}</p>\
         <p><a class=\"natx-link\" href=\"{root}www/index.html?{query}\">{open_full}</a></p></footer>\n\
         </section>\n</div>\n</main>\n<script type=\"module\" src=\"{root}www/embed.js\"></script>\n</body>\n</html>\n",
        lang = escape(&e.lang),
        query = escape(&e.query),
        name = escape(&e.scenario_name),
        page_title = escape(&e.page_title),
        summary = escape(&e.summary),
        oembed = escape(&e.oembed),
        source = escape(&e.source_line),
        open_full = escape(&e.open_full),
        style = static_style(),
        stylesheets = e.stylesheets,
    )
}

/// The oEmbed description of a pre-rendered embed (`type: rich`): the iframe to paste, its size and title.
pub fn oembed_json(title: &str, src: &str, width: u32, height: u32) -> String {
    let html = format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" allow=\"clipboard-write\" \
         style=\"width:100%;height:{height}px;border:0\"></iframe>",
        escape(src),
        escape(title)
    );
    let value = serde_json::json!({
        "version": "1.0",
        "type": "rich",
        "provider_name": "North American Trade Explorer",
        "title": title,
        "width": width,
        "height": height,
        "html": html,
    });
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_the_page_carries_its_parts() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
        let page = embed_html(&StaticEmbed {
            lang: "fr".into(),
            page_title: "Explorateur".into(),
            scenario_name: "Droits <2025>".into(),
            summary: "Le PIB réel baisse.".into(),
            charts: vec![StaticChart {
                id: ChartId::Welfare,
                title: "Qui gagne".into(),
                narrow_svg: "<svg id=\"n\"></svg>".into(),
                wide_svg: "<svg id=\"w\"></svg>".into(),
                description: "Canada −1,2 %".into(),
            }],
            source_line: "Source".into(),
            open_full: "Ouvrir".into(),
            query: "preset=us-tariffs-2025&lang=fr".into(),
            root: "../../../".into(),
            oembed: "../../oembed/fr/us-tariffs-2025.json".into(),
            stylesheets: ".natx { color: red; }".into(),
        });
        assert!(page.contains("<html lang=\"fr\" data-natx-query=\"preset=us-tariffs-2025&amp;lang=fr\">"));
        assert!(page.contains("Droits &lt;2025&gt;") && page.contains("<svg id=\"n\"></svg>"));
        assert!(page.contains("application/json+oembed") && page.contains("../../../www/embed.js"));
        // The stylesheets are in the page, not linked: nothing blocks the first paint.
        assert!(page.contains("<style>.natx { color: red; }") && !page.contains("rel=\"stylesheet\""));
        let json: serde_json::Value =
            serde_json::from_str(&oembed_json("T", "https://x/a.html", 688, 900)).unwrap_or_default();
        assert_eq!(json["type"], "rich");
        assert!(json["html"].as_str().unwrap_or_default().contains("height:900px"));
    }
}
