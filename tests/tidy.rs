//! Claims of ARCHITECTURE.md checked as an ordinary test (after rust-analyzer's `xtask/src/tidy.rs`): the layers
//! import one way, the model knows nothing of the browser or charts, every file says what it holds, `www/` writes
//! no reader-visible text, and every path ARCHITECTURE.md names exists.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use std::fs;
use std::path::{Path, PathBuf};

use na_trade_explorer::view::charts::ChartId;
use na_trade_explorer::view::i18n::Lang;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` (recursively) whose name ends with `ext`.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The code of a Rust file without its `#[cfg(test)]` module (tests may use anything).
fn code_without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

fn check(failures: &mut Vec<String>, ok: bool, message: impl Into<String>) {
    if !ok {
        failures.push(message.into());
    }
}

/// The layers and what each may not import (`crate::<layer>` paths and outside crates).
const LAYERS: [(&str, &[&str]); 5] = [
    (
        "util",
        &[
            "crate::model",
            "crate::data",
            "crate::view",
            "crate::app",
            "crate::web",
            "plotters",
            "wasm_bindgen",
            "web_sys",
            "js_sys",
        ],
    ),
    (
        "model",
        &["crate::data", "crate::view", "crate::app", "crate::web", "plotters", "wasm_bindgen", "web_sys", "js_sys"],
    ),
    ("data", &["crate::view", "crate::app", "crate::web", "plotters", "wasm_bindgen", "web_sys", "js_sys"]),
    ("view", &["crate::app", "crate::web", "wasm_bindgen", "web_sys", "js_sys", "CanvasBackend"]),
    ("app", &["crate::web", "wasm_bindgen", "web_sys", "js_sys", "plotters"]),
];

#[test]
fn layers_import_one_way_and_the_model_knows_nothing_of_the_browser() {
    let mut failures = Vec::new();
    for (layer, forbidden) in LAYERS {
        for file in files(&root().join("src").join(layer), ".rs") {
            let text = fs::read_to_string(&file).unwrap();
            let code = code_without_tests(&text);
            for word in forbidden {
                for (n, line) in code.lines().enumerate() {
                    let line = line.trim_start();
                    if line.starts_with("//") {
                        continue;
                    }
                    check(
                        &mut failures,
                        !line.contains(word),
                        format!("{}:{}: `{word}` in layer {layer}", file.display(), n + 1),
                    );
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The file a `crate::model::…` path names: the longest prefix that is a file (`a/b.rs`) or a folder's `mod.rs`.
fn model_file(path: &str) -> Option<PathBuf> {
    let parts: Vec<&str> = path.split("::").skip(2).collect();
    (1..=parts.len()).rev().find_map(|k| {
        let base = root().join("src/model").join(parts[..k].join("/"));
        [base.with_extension("rs"), base.join("mod.rs")].into_iter().find(|p| p.exists())
    })
}

/// Issue 26: the model's files import one way. Each file's `crate::model::…` paths (outside comments and tests)
/// point to other files, and following them never comes back to where it started (a cycle is named). Today:
/// `labour`, `ids` and `report` at the bottom; `economy`, `scenario`, the solver's `options`, `control` and `state`,
/// then `derived`, `results`, the solver's `job` and entry points, and `rebase` and `uncertainty` on top.
#[test]
fn the_models_files_import_one_way() {
    let files = files(&root().join("src/model"), ".rs");
    let mut edges: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        let mut targets = Vec::new();
        for line in code_without_tests(&text).lines().filter(|l| !l.trim_start().starts_with("//")) {
            let mut rest = line;
            while let Some(at) = rest.find("crate::model::") {
                let tail = &rest[at..];
                let end =
                    tail.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':')).unwrap_or(tail.len());
                if let Some(target) = model_file(tail[..end].trim_end_matches(':')) {
                    if &target != file && !targets.contains(&target) {
                        targets.push(target);
                    }
                }
                rest = &tail[end..];
            }
        }
        edges.push((file.clone(), targets));
    }
    assert!(edges.len() >= 15, "the model's files were read ({})", edges.len());
    // Depth-first search for a path that comes back to a file on it.
    fn visit(at: usize, edges: &[(PathBuf, Vec<PathBuf>)], state: &mut [u8], path: &mut Vec<usize>) -> Option<String> {
        state[at] = 1;
        path.push(at);
        for target in &edges[at].1 {
            let Some(next) = edges.iter().position(|(f, _)| f == target) else { continue };
            if state[next] == 1 {
                let from = path.iter().position(|&p| p == next).unwrap_or(0);
                let names: Vec<String> = path[from..]
                    .iter()
                    .chain(std::iter::once(&next))
                    .map(|&k| edges[k].0.strip_prefix(root().join("src/model")).unwrap().display().to_string())
                    .collect();
                return Some(names.join(" → "));
            }
            if state[next] == 0 {
                if let Some(cycle) = visit(next, edges, state, path) {
                    return Some(cycle);
                }
            }
        }
        path.pop();
        state[at] = 2;
        None
    }
    let mut state = vec![0u8; edges.len()];
    for start in 0..edges.len() {
        if state[start] == 0 {
            if let Some(cycle) = visit(start, &edges, &mut state, &mut Vec::new()) {
                panic!("the model's files import in a circle: {cycle}");
            }
        }
    }
}

/// The crate root's curated list (issue 26: one path per item; the modules are reached through their layer).
const ROOT_ITEMS: [&str; 25] = [
    "Derived",
    "Diversion",
    "PairTrade",
    "CostByDecile",
    "DecileCost",
    "Economy",
    "EconomyFile",
    "Households",
    "ThetaSet",
    "ModelError",
    "IdValues",
    "rebase",
    "RebaseOptions",
    "RebaseReport",
    "Rebased",
    "SolveReport",
    "StopReason",
    "Results",
    "Measure",
    "Scenario",
    "ScenarioFile",
    "solve",
    "Solve",
    "SolveJob",
    "SolverOptions",
];
const LAYER_NAMES: [&str; 6] = ["app", "data", "model", "util", "view", "web"];

/// Issue 26: one name per item. The crate root re-exports only the curated items (no module under a second
/// name), and code inside the crate names everything through its layer (`crate::data::presets`, never
/// `crate::presets` or `crate::Economy`), so that a layer violation cannot hide behind a root path.
#[test]
fn the_root_re_exports_only_the_curated_items_and_the_crate_uses_layer_paths() {
    let mut failures = Vec::new();
    let lib = fs::read_to_string(root().join("src/lib.rs")).unwrap();
    for statement in lib.split(';').filter_map(|s| s.trim().lines().last().map(str::trim)) {
        let Some(path) = statement.strip_prefix("pub use ") else { continue };
        let names: Vec<&str> = match path.split_once('{') {
            Some((_, list)) => list.trim_end_matches('}').split(',').map(str::trim).filter(|n| !n.is_empty()).collect(),
            None => path.rsplit("::").next().into_iter().collect(),
        };
        for name in names {
            check(&mut failures, ROOT_ITEMS.contains(&name), format!("src/lib.rs re-exports `{name}` at the root"));
        }
    }
    for file in files(&root().join("src"), ".rs") {
        if file.ends_with("src/lib.rs") {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                let tail = &rest[at + "crate::".len()..];
                let heads: Vec<&str> = match tail.strip_prefix('{') {
                    Some(list) => list.split('}').next().unwrap_or("").split(',').map(str::trim).collect(),
                    None => vec![tail],
                };
                for head in heads.iter().filter(|h| !h.is_empty()) {
                    let first = head.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or("");
                    check(
                        &mut failures,
                        LAYER_NAMES.contains(&first),
                        format!("{}:{}: `crate::{first}` skips the layer", file.display(), n + 1),
                    );
                }
                rest = tail;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rust_file_says_what_it_holds() {
    let mut failures = Vec::new();
    for dir in ["src", "tests", "benches", "xtask/src"] {
        for file in files(&root().join(dir), ".rs") {
            let text = fs::read_to_string(&file).unwrap();
            check(&mut failures, text.starts_with("//!"), format!("{} does not start with a //! line", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn only_the_browser_module_knows_the_dom_and_creates_a_canvas_backend() {
    let mut failures = Vec::new();
    for file in files(&root().join("src"), ".rs") {
        let path = file.to_string_lossy().replace('\\', "/");
        if path.contains("/src/web/") {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        for word in ["web_sys", "js_sys", "wasm_bindgen", "JsValue", "CanvasBackend"] {
            check(
                &mut failures,
                !code_without_tests(&text).contains(word),
                format!("{path}: `{word}` outside src/web"),
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `www/` only wires: text shown to readers comes from the catalogues (`t('…')`) or from Rust, never from a literal.
#[test]
fn the_page_writes_no_reader_visible_text() {
    let mut failures = Vec::new();
    let patterns =
        ["text: '", "text: \"", "textContent = '", "textContent = \"", "'aria-label': '", "title: '", "placeholder: '"];
    for file in files(&root().join("www"), ".js") {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for pattern in patterns {
                if let Some(at) = line.find(pattern) {
                    let after = &line[at + pattern.len()..];
                    let literal: String = after.chars().take_while(|c| *c != '\'' && *c != '"').collect();
                    let has_words = literal.chars().filter(|c| c.is_alphabetic()).count() >= 2;
                    check(&mut failures, !has_words, format!("{}:{}: literal text {literal:?}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `www/` is small modules, each saying what it holds in its first line, none repeating a list Rust owns (the
/// charts, the languages): those come from `Explorer.chart_ids()` and `Explorer.languages()`.
#[test]
fn the_page_is_small_modules_that_repeat_no_list_rust_knows() {
    let mut failures = Vec::new();
    let chart_ids: Vec<&str> = ChartId::ALL.iter().map(|c| c.as_str()).collect();
    let language_names: Vec<&str> = Lang::ALL.iter().map(|l| l.native_name()).collect();
    for file in files(&root().join("www"), ".js") {
        let text = fs::read_to_string(&file).unwrap();
        let name = file.display();
        check(&mut failures, text.starts_with("//"), format!("{name}: no opening comment saying what it holds"));
        let lines = text.lines().count();
        check(&mut failures, lines <= 250, format!("{name}: {lines} lines; split it (at most 250 per module)"));
        let quoted_ids = chart_ids.iter().filter(|id| text.contains(&format!("'{id}'"))).count();
        check(&mut failures, quoted_ids < 2, format!("{name}: repeats the chart ids ({quoted_ids} of them)"));
        for language in &language_names {
            let quoted = text.contains(&format!("'{language}'")) || text.contains(&format!("\"{language}\""));
            check(&mut failures, !quoted, format!("{name}: lists the language {language}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every path ARCHITECTURE.md names in backticks (`src/…`, `www/…`, `data/…`, `docs/…`, `tests/…`, …) exists.
/// Every path a project document names in backticks exists (issue 26: ten stale `src/solver.rs`-style paths had
/// crept into docs/model.md, docs/reference.md, docs/reproducing-cp2015.md and data/TIMELINE.md).
#[test]
fn every_path_in_every_markdown_file_exists() {
    let prefixes = ["src/", "www/", "data/", "docs/", "tests/", "xtask/", "fuzz/", "benches/", "pkg/", ".ci/"];
    let mut documents: Vec<PathBuf> = ["README.md", "ARCHITECTURE.md"].iter().map(|f| root().join(f)).collect();
    for dir in ["docs", "data", "tests", "fuzz"] {
        documents.extend(files(&root().join(dir), ".md"));
    }
    let mut failures = Vec::new();
    let mut checked = 0;
    for document in &documents {
        let text = fs::read_to_string(document).unwrap();
        let name = document.strip_prefix(root()).unwrap_or(document).display().to_string();
        for quoted in text.split('`').skip(1).step_by(2) {
            let path = quoted.split_whitespace().next().unwrap_or("");
            if !prefixes.iter().any(|p| path.starts_with(p)) || path.contains(['*', '{', '<', '…', '[', '$']) {
                continue;
            }
            // Built outputs are named but made by the build.
            if path.starts_with("pkg/") {
                continue;
            }
            let path = path.trim_end_matches([',', '.', ')', ':', ';']);
            checked += 1;
            check(&mut failures, root().join(path).exists(), format!("{name} names `{path}`, which does not exist"));
        }
    }
    assert!(checked >= 60, "the documents name their files ({checked} checked)");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Numbers the docs repeat from code stay the code's: the solver's default tolerance.
#[test]
fn the_tolerance_docs_name_is_the_solvers() {
    let tolerance = na_trade_explorer::SolverOptions::default().tolerance;
    let written = format!("{tolerance:e}").replace("e-", "e-");
    let model = fs::read_to_string(root().join("docs/model.md")).unwrap();
    assert!(model.contains(&format!("(default `{written}`)")), "docs/model.md names the default tolerance {written}");
    let reproducing = fs::read_to_string(root().join("docs/reproducing-cp2015.md")).unwrap();
    assert!(reproducing.contains(&format!("tolerance {written}")), "docs/reproducing-cp2015.md names {written}");
}

/// The `key = value` lines of the TOML tables named `{prefix}.rust` and `{prefix}.clippy`, by table, without
/// comments and blank lines (the lint tables hold nothing else, so no TOML parser is needed).
fn lint_tables(cargo_toml: &str, prefix: &str) -> Vec<(String, Vec<String>)> {
    ["rust", "clippy"]
        .iter()
        .map(|tool| {
            let heading = format!("[{prefix}.{tool}]");
            let lines: Vec<String> = cargo_toml
                .lines()
                .skip_while(|line| line.trim() != heading)
                .skip(1)
                .take_while(|line| !line.trim_start().starts_with('['))
                .map(|line| line.split('#').next().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|line| !line.is_empty())
                .collect();
            (tool.to_string(), lines)
        })
        .collect()
}

/// The fuzz crate is its own workspace and cannot inherit `[workspace.lints]`; its copy must stay the same list.
#[test]
fn the_fuzz_crate_has_the_workspace_lints() {
    let workspace = lint_tables(&fs::read_to_string(root().join("Cargo.toml")).unwrap(), "workspace.lints");
    let fuzz = lint_tables(&fs::read_to_string(root().join("fuzz/Cargo.toml")).unwrap(), "lints");
    assert!(workspace.iter().all(|(_, lints)| !lints.is_empty()), "the workspace lints are found: {workspace:?}");
    assert_eq!(fuzz, workspace, "fuzz/Cargo.toml's [lints] must equal Cargo.toml's [workspace.lints]");
}
