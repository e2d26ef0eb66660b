//! `cargo xtask`: the project's multi-step tasks, in Rust rather than shell, shared by the README, CI and
//! developers (after matklad/cargo-xtask). Each task installs what it needs when it is missing and says so.
//!
//! - `cargo xtask serve [--port N]`: set up, build the page, and serve it on 127.0.0.1 (prints the address); the
//!   browser tests run it with `--no-build` and the options in `server.rs`.
//! - `cargo xtask test`: set up, run the lint checks, build, then run every test: native (`cargo test`, the tidy
//!   test of `tests/tidy.rs` among them) and in headless Chromium.
//! - `cargo xtask lint`: `cargo fmt --check`, the page's JavaScript type-checked by `tsc --noEmit --checkJs`
//!   against the committed wasm-bindgen declarations (`jsconfig.json`, `jsconfig.worker.json`), and clippy with
//!   `-D warnings` on the native workspace and on the browser module (`wasm32`, with and without `own-data`).
//! - `cargo xtask build`: build `pkg/` (wasm-bindgen `--target web`, wasm-opt) and the single-file page.
//! - `cargo xtask bench [--quick] [--natx-only]`: the native solve benchmark, the whole-process time of `natx rebase`
//!   and `natx solve` on the Caliendo & Parro (2015) data (31 countries, 40 sectors), and the page benchmark
//!   (headless Chromium); `--natx-only` runs only the `natx` section.
//! - `cargo xtask screenshots`: PNG screenshots of the page at desktop and phone widths, in `target/screenshots`.
//! - `cargo xtask results`: every preset's results table (the command-line tool).
//! - `cargo xtask fuzz [--seconds N]`: run every fuzz target (economy JSON and CSV, scenario files, links, whole solves) for a
//!   bounded time each with cargo-fuzz (installed if missing; nightly features through `RUSTC_BOOTSTRAP=1`,
//!   since these machines have only the stable toolchain) and print executions and findings.

mod dist;
mod server;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CRATE: &str = "na_trade_explorer";
const CHROMIUM: &str = "/usr/bin/chromium";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    let result = match task {
        "serve" => serve(rest),
        "test" => test(),
        "lint" => lint(),
        "build" => setup_web().and_then(|()| build()),
        "dist" => dist_site(rest),
        "bench" => bench(rest),
        "screenshots" => screenshots(),
        "results" => results(),
        "fuzz" => fuzz(rest),
        _ => {
            eprintln!("usage: cargo xtask <serve [--port N] | test | lint | build | dist [--out DIR] [--prebuilt] | bench [--quick] [--natx-only] | screenshots | results | fuzz [--seconds N]>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::from(1)
        }
    }
}

/// `cargo xtask dist [--out DIR] [--prebuilt]`: build, then write the site with this version's frozen copy (`dist.rs`; default
/// `target/dist`).
fn dist_site(rest: &[String]) -> Result<(), String> {
    let out = match rest.iter().position(|a| a == "--out") {
        Some(p) => PathBuf::from(rest.get(p + 1).ok_or("--out needs a folder")?),
        None => root().join("target").join("dist"),
    };
    // `--prebuilt`: copy what `cargo xtask build` already wrote (the browser test of frozen embeds uses it).
    if !rest.iter().any(|a| a == "--prebuilt") {
        setup_web()?;
        build()?;
    }
    dist::dist(&root(), &out)
}

/// The repository root (the parent of this crate's folder).
fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn cargo() -> Command {
    let mut command = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root());
    command
}

fn tool(name: &str) -> Command {
    let mut command = Command::new(name);
    command.current_dir(root());
    command
}

/// Run a command, echoing what it is for, and fail with that name if it fails.
fn run(command: &mut Command, what: &str) -> Result<(), String> {
    println!("==> {what}");
    let status = command.status().map_err(|e| format!("{what}: could not start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what}: failed ({status})"))
    }
}

/// The standard output of a command, if it runs and succeeds.
fn output_of(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn is_root() -> bool {
    output_of(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// The wasm-bindgen version locked in Cargo.lock.
fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

fn cargo_bin(name: &str) -> PathBuf {
    let home = env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env::var("HOME").unwrap_or_else(|_| "/root".into())).join(".cargo"));
    home.join("bin").join(name)
}

fn wasm_bindgen_command() -> PathBuf {
    let installed = cargo_bin("wasm-bindgen");
    if installed.exists() {
        installed
    } else {
        PathBuf::from("wasm-bindgen")
    }
}

/// The wasm32 target, installed when missing.
fn setup_wasm_target() -> Result<(), String> {
    let targets = output_of(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets.lines().any(|t| t.trim() == WASM_TARGET) {
        let mut command = Command::new("rustup");
        command.args(["target", "add", WASM_TARGET]);
        run(&mut command, "setup: the wasm32 target is missing; installing it (rustup target add)")?;
    }
    Ok(())
}

/// Everything the web build needs: the wasm target, the wasm-bindgen CLI of the locked version, and the npm
/// packages (binaryen's wasm-opt, esbuild, playwright-core, axe-core, world-atlas, typescript).
fn setup_web() -> Result<(), String> {
    setup_wasm_target()?;
    let version = locked_wasm_bindgen_version()?;
    let installed = output_of(Command::new(wasm_bindgen_command()).arg("--version")).unwrap_or_default();
    if installed.split_whitespace().nth(1) != Some(version.as_str()) {
        // `--locked` is left out on purpose: one of the CLI's locked dependencies is not in the registry here.
        let mut command = cargo();
        command.args(["install", "wasm-bindgen-cli", "--version", &format!("={version}")]);
        run(
            &mut command,
            &format!("setup: installing wasm-bindgen-cli {version} to match Cargo.lock (about 2 minutes)"),
        )?;
    }
    setup_npm()
}

/// The npm packages of package-lock.json, installed by `npm ci` when any is missing.
fn setup_npm() -> Result<(), String> {
    let needed = [
        "node_modules/binaryen/bin/wasm-opt",
        "node_modules/playwright-core",
        "node_modules/axe-core",
        "node_modules/world-atlas",
        "node_modules/esbuild/bin/esbuild",
        "node_modules/typescript/bin/tsc",
    ];
    if needed.iter().any(|p| !root().join(p).exists()) {
        let mut command = tool("npm");
        command.args(["ci", "--no-audit", "--no-fund"]);
        run(
            &mut command,
            "setup: installing npm packages (binaryen wasm-opt, esbuild, playwright-core, axe-core, world-atlas, typescript)",
        )?;
    }
    Ok(())
}

/// The page's JavaScript type-checked (issue 26): `tsc --noEmit --checkJs` on `www/` (jsconfig.json) and on the
/// Web Worker with its own globals (jsconfig.worker.json), against the wasm-bindgen declarations in `pkg/`.
/// `declarations` says which (committed, or just built) for the messages.
fn typecheck(declarations: &str) -> Result<(), String> {
    let tsc = root().join("node_modules/.bin/tsc");
    for config in ["jsconfig.json", "jsconfig.worker.json"] {
        let mut command = tool(tsc.to_str().unwrap_or("tsc"));
        command.args(["--noEmit", "--checkJs", "--pretty", "false", "-p", config]);
        println!("==> lint: tsc --noEmit --checkJs -p {config} (www/ against the {declarations} pkg/*.d.ts)");
        let status = command.status().map_err(|e| format!("tsc ({}): could not start: {e}", tsc.display()))?;
        if !status.success() {
            return Err(format!(
                "tsc found type errors in the page's JavaScript (listed above, -p {config}). Fix the JavaScript; if it \
                 calls an Explorer method that Rust has but pkg/na_trade_explorer.d.ts lacks, the committed \
                 declarations predate src/web: `cargo xtask build` writes them again (commit pkg/)."
            ));
        }
    }
    Ok(())
}

/// Chromium and ChromeDriver from Debian's packages, for the browser tests.
fn setup_chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() {
        return Ok(());
    }
    if !is_root() {
        return Err(format!("{CHROMIUM} is missing; install Debian's chromium and chromium-driver packages"));
    }
    run(tool("apt-get").args(["update", "-q"]), "setup: Chromium is missing; updating the package lists")?;
    let mut install = tool("apt-get");
    install.args(["install", "-y", "-q", "chromium", "chromium-driver"]);
    install.env("DEBIAN_FRONTEND", "noninteractive");
    run(&mut install, "setup: installing chromium and chromium-driver (apt-get)")
}

/// Build `pkg/` and the single-file page: the page's module in `pkg/`, the module that also loads a reader's own
/// files in `pkg/full/` (fetched only when a reader picks a file), and the single file with the full module inlined.
fn build() -> Result<(), String> {
    let root = root();
    let pkg = root.join("pkg");
    build_module(&root, &pkg, &[])?;
    build_module(&root, &pkg.join("full"), &["--features", "own-data"])?;
    write_package_json(&pkg)?;
    copy_mount_module(&root, &pkg)?;
    bundle_single_file(&root, &pkg)?;
    for dir in [pkg.clone(), pkg.join("full")] {
        let glue = dir.join(format!("{CRATE}.js"));
        minify(&glue)?;
    }
    // The pre-rendered embeds: every preset's default embed as static HTML with SVG charts (issue 22).
    let mut command = cargo();
    command.args(["run", "--release", "--quiet", "--bin", "natx", "--", "prerender", "--out"]).arg(&pkg);
    run(&mut command, "build: pre-rendered embeds in pkg/embeds (natx prerender)")?;
    Ok(())
}

/// One wasm module: cargo build (with `features`), wasm-bindgen `--target web` into `out`, then wasm-opt.
fn build_module(root: &Path, out: &Path, features: &[&str]) -> Result<(), String> {
    let mut command = cargo();
    command.args(["build", "--profile", "wasm-release", "--lib", "--target", WASM_TARGET, "--no-default-features"]);
    command.args(features);
    run(&mut command, &format!("build: the wasm module for {} (cargo build {})", out.display(), features.join(" ")))?;
    fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    // Cargo writes where CARGO_TARGET_DIR says (relative to the root), `target/` otherwise.
    let target = env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |d| root.join(d));
    let wasm = target.join(format!("{WASM_TARGET}/wasm-release/{CRATE}.wasm"));
    let mut command = Command::new(wasm_bindgen_command());
    command.current_dir(root).args(["--target", "web", "--out-dir"]).arg(out).arg(&wasm);
    run(&mut command, "build: JavaScript bindings (wasm-bindgen --target web)")?;
    let wasm_out = out.join(format!("{CRATE}_bg.wasm"));
    let mut command = tool(root.join("node_modules/binaryen/bin/wasm-opt").to_str().unwrap_or("wasm-opt"));
    command.args([
        "-Oz",
        // Repeat the passes while they still shrink the module.
        "--converge",
        // Rust's wasm32 layout puts the 1 MiB stack first (data starts at 1 MiB), so the lowest 1 KiB is only
        // touched by a stack that is about to overflow; binaryen may then fold small constants into addresses.
        "--low-memory-unused",
        "--enable-bulk-memory",
        "--enable-nontrapping-float-to-int",
        "--enable-reference-types",
        "--enable-multivalue",
        "--enable-sign-ext",
        "--enable-mutable-globals",
        "--strip-debug",
        "--strip-producers",
    ]);
    command.arg(&wasm_out).arg("-o").arg(&wasm_out);
    run(
        &mut command,
        "build: optimising the wasm (wasm-opt from npm binaryen; Debian's wasm-opt 108 breaks the module)",
    )
}

/// esbuild (from npm): bundles the page's ES modules into one and minifies JavaScript.
fn esbuild() -> Command {
    // The package's launcher: a native binary, or a node script with a shebang when npm ran no install scripts.
    tool(root().join("node_modules/.bin/esbuild").to_str().unwrap_or("esbuild"))
}

/// Minify an ES module in place with esbuild: about a third fewer bytes to download, gzipped.
fn minify(file: &Path) -> Result<(), String> {
    let mut command = esbuild();
    command.arg(file).args([
        "--minify",
        "--format=esm",
        "--legal-comments=none",
        "--allow-overwrite",
        "--log-level=warning",
    ]);
    command.arg(format!("--outfile={}", file.display()));
    run(
        &mut command,
        &format!("build: minifying {} (esbuild)", file.file_name().and_then(|n| n.to_str()).unwrap_or("")),
    )
}

/// The specifier `www/mount/wasm.js` imports the wasm-bindgen glue by; the bundles resolve it (see `bundle`).
const GLUE_SPECIFIER: &str = "natx-glue";

/// Bundle `entry` and the modules it imports into one minified ES module `out` with esbuild. `glue` is where the
/// wasm-bindgen glue comes from: `None` leaves it an import of `./na_trade_explorer.js` next to `out` (the npm
/// package, the pages); `Some(path)` bundles that glue in (the single file).
fn bundle(entry: &Path, out: &Path, glue: Option<&Path>) -> Result<(), String> {
    let mut command = esbuild();
    command.current_dir(root()).arg(entry);
    command.args(["--bundle", "--format=esm", "--minify", "--legal-comments=none", "--log-level=warning"]);
    match glue {
        Some(path) => command.arg(format!("--alias:{GLUE_SPECIFIER}={}", path.display())),
        None => command.arg(format!("--external:{GLUE_SPECIFIER}")),
    };
    command.arg(format!("--outfile={}", out.display()));
    run(
        &mut command,
        &format!("build: bundling {} (esbuild)", out.file_name().and_then(|n| n.to_str()).unwrap_or("")),
    )?;
    if glue.is_none() {
        let text = fs::read_to_string(out).map_err(|e| format!("cannot read {}: {e}", out.display()))?;
        let quoted = format!("\"{GLUE_SPECIFIER}\"");
        if text.matches(&quoted).count() != 1 {
            return Err(format!("{} should import {GLUE_SPECIFIER} exactly once", out.display()));
        }
        let text = text.replace(&quoted, &format!("\"./{CRATE}.js\""));
        fs::write(out, text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    Ok(())
}

fn write_package_json(pkg: &Path) -> Result<(), String> {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .map(|v| v.trim_end_matches('"').to_string())
        .unwrap_or_else(|| "0.0.0".into());
    let json = format!(
        r#"{{
  "name": "na-trade-explorer",
  "version": "{version}",
  "description": "North American Trade Explorer: a calibrated Caliendo–Parro trade model of the US, Canada and Mexico, compiled to WebAssembly, with canvas charts.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "mount.js",
  "module": "mount.js",
  "types": "{CRATE}.d.ts",
  "exports": {{ ".": "./mount.js", "./explorer": "./{CRATE}.js", "./natx.css": "./natx.css", "./embed-resize.js": "./embed-resize.js" }},
  "files": ["mount.js", "worker.js", "natx.css", "embed-resize.js", "i18n/fr.json", "i18n/es.json", "full/{CRATE}.js", "full/{CRATE}.d.ts", "full/{CRATE}_bg.wasm", "full/{CRATE}_bg.wasm.d.ts", "{CRATE}.js", "{CRATE}.d.ts", "{CRATE}_bg.wasm", "{CRATE}_bg.wasm.d.ts", "north-american-trade-explorer.html"],
  "sideEffects": ["./snippets/*"]
}}
"#
    );
    fs::write(pkg.join("package.json"), json).map_err(|e| format!("cannot write pkg/package.json: {e}"))
}

/// Standard base64 (RFC 4648) of bytes: written here because it is twelve lines and the xtask has no dependencies.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The mount module for npm consumers and the pages: `www/mount.js` and its modules bundled into `pkg/mount.js`
/// (importing the glue next to it), plus its stylesheet, the host-side resize script and the fetched catalogues.
fn copy_mount_module(root: &Path, pkg: &Path) -> Result<(), String> {
    bundle(&root.join("www/mount.js"), &pkg.join("mount.js"), None)?;
    bundle_worker(root, pkg)?;
    // French and Spanish texts, fetched by mount.js when a reader needs them (the wasm carries English).
    fs::create_dir_all(pkg.join("i18n")).map_err(|e| format!("cannot create pkg/i18n/: {e}"))?;
    for code in FETCHED_LANGUAGES {
        let (from, to) = (root.join(format!("data/i18n/{code}.json")), pkg.join(format!("i18n/{code}.json")));
        fs::copy(&from, &to).map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    }
    for file in ["natx.css", "embed-resize.js"] {
        fs::copy(root.join("www").join(file), pkg.join(file)).map_err(|e| format!("cannot copy www/{file}: {e}"))?;
    }
    Ok(())
}

/// The page's Web Worker, `www/worker.js` bundled into `pkg/worker.js` (mount.js starts it from next to itself).
/// It imports the glue of the page's module (`./na_trade_explorer.js`) and of the full one
/// (`./full/na_trade_explorer.js`) by URL at run time, when a request needs them, so the bundle holds no glue.
fn bundle_worker(root: &Path, pkg: &Path) -> Result<(), String> {
    let out = pkg.join("worker.js");
    let mut command = esbuild();
    command.current_dir(root).arg(root.join("www/worker.js"));
    command.args(["--bundle", "--format=esm", "--minify", "--legal-comments=none", "--log-level=warning"]);
    command.arg(format!("--outfile={}", out.display()));
    run(&mut command, "build: bundling worker.js (esbuild)")
}

/// The languages whose catalogues mount.js fetches (English is in the wasm).
const FETCHED_LANGUAGES: [&str; 2] = ["fr", "es"];
const MOUNT_IMPORT: &str = "import { mount, mountCompare } from '../pkg/mount.js';";

/// One HTML file with the page, styles, script, glue and wasm inlined, that works from `file://`.
fn bundle_single_file(root: &Path, pkg: &Path) -> Result<(), String> {
    let read = |p: PathBuf| fs::read_to_string(&p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let html = read(root.join("www/index.html"))?;
    let css = read(root.join("www/natx.css"))? + &read(root.join("www/style.css"))?;
    let app = read(root.join("www/app.js"))?;
    // The single file carries the full module (it cannot fetch a second one from file://).
    let glue = pkg.join(format!("full/{CRATE}.js"));
    let wasm = fs::read(pkg.join(format!("full/{CRATE}_bg.wasm"))).map_err(|e| format!("cannot read the wasm: {e}"))?;
    if !app.contains(MOUNT_IMPORT) {
        return Err("www/app.js no longer has the import line the single-file build replaces".into());
    }
    // app.js with mount's sources instead of the built module, bundled with the full module's glue.
    let entry = root.join("target/single-file-entry.js");
    let mount_path = root.join("www/mount.js");
    fs::write(
        &entry,
        app.replace(MOUNT_IMPORT, &format!("import {{ mount, mountCompare }} from '{}';", mount_path.display())),
    )
    .map_err(|e| format!("cannot write {}: {e}", entry.display()))?;
    let script_path = root.join("target/single-file.js");
    let bundled = bundle(&entry, &script_path, Some(&glue));
    let _ = fs::remove_file(&entry);
    bundled?;
    // The catalogues are JSON, hence valid JavaScript object literals.
    let mut catalogues = String::from("const NATX_CATALOGUES = {\n");
    for code in FETCHED_LANGUAGES {
        catalogues += &format!("{code}: {},\n", read(root.join(format!("data/i18n/{code}.json")))?.trim());
    }
    catalogues += "};\n";
    let script = catalogues + &read(script_path)?;
    // The wasm goes in after minifying: esbuild need not parse 800 KB of base64.
    let script = format!("const NATX_WASM_BASE64 = \"{}\";\n{script}", base64(&wasm));
    let styles = ["<link rel=\"stylesheet\" href=\"natx.css\">", "<link rel=\"stylesheet\" href=\"style.css\">"];
    let script_tag = "<script type=\"module\" src=\"app.js\"></script>";
    if !styles.iter().all(|s| html.contains(s)) || !html.contains(script_tag) {
        return Err("www/index.html no longer has the style and script tags the single-file build replaces".into());
    }
    // Preload hints name files next to the page; the single file has them inline.
    let html: String = html
        .lines()
        .filter(|l| {
            !l.contains("rel=\"modulepreload\"")
                && !l.contains("rel=\"preload\"")
                && !l.contains("<!-- Start fetching")
                && !l.contains("Content-Security-Policy")
                && !l.contains("<!-- Strict policy")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let single = html.replace(styles[0], &format!("<style>\n{css}</style>")).replace(styles[1], "").replace(
        script_tag,
        &format!("<script type=\"module\">\n{}\n</script>", script.replace("</script", "<\\/script")),
    );
    let out = pkg.join("north-american-trade-explorer.html");
    fs::write(&out, single).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("==> build: single-file page {}", out.display());
    Ok(())
}

fn serve(rest: &[String]) -> Result<(), String> {
    let options = server::Options::parse(rest)?;
    if options.build {
        setup_web()?;
        build()?;
    }
    server::serve(&root(), options)
}

/// The claims of ARCHITECTURE.md that tools can enforce: formatting, the page's JavaScript type-checked against
/// the Rust module's declarations, and clippy with every warning an error on the native workspace and on both
/// builds of the browser module.
fn lint() -> Result<(), String> {
    setup_wasm_target()?;
    setup_npm()?;
    let mut command = cargo();
    command.args(["fmt", "--all", "--check"]);
    run(&mut command, "lint: cargo fmt --check")?;
    typecheck("committed")?;
    let mut command = cargo();
    command.args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]);
    run(&mut command, "lint: clippy (native, workspace, all targets)")?;
    for features in ["", "own-data"] {
        let mut command = cargo();
        command.args(["clippy", "--lib", "--target", WASM_TARGET, "--no-default-features"]);
        if !features.is_empty() {
            command.args(["--features", features]);
        }
        command.args(["--", "-D", "warnings"]);
        run(
            &mut command,
            &format!("lint: clippy (wasm32, features: {})", if features.is_empty() { "none" } else { features }),
        )?;
    }
    Ok(())
}

fn test() -> Result<(), String> {
    setup_web()?;
    setup_chromium()?;
    lint()?;
    let mut command = cargo();
    command.args(["test", "--workspace"]);
    run(&mut command, "native tests: cargo test --workspace")?;
    build()?;
    // Again against the declarations just built: a Rust method renamed without a rebuild of pkg/ fails here.
    typecheck("just built")?;
    let mut command = tool("node");
    command.args(["--test", "--test-concurrency=1", "tests/browser/"]);
    run(&mut command, "browser tests: node --test tests/browser/ (headless Chromium)")
}

/// Every benchmark, printed as one table (medians and worst of several runs, against the budgets).
fn bench(rest: &[String]) -> Result<(), String> {
    let natx_only = rest.iter().any(|a| a == "--natx-only");
    let rest: Vec<&String> = rest.iter().filter(|a| *a != "--natx-only").collect();
    let rows = |bytes: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(bytes)
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| measure") && !l.starts_with("|---"))
            .map(str::to_string)
            .collect()
    };
    let mut table = Vec::new();
    if !natx_only {
        let mut command = cargo();
        command.args(["bench", "--bench", "solve", "--"]).args(&rest);
        println!("==> benchmark: native solves (cargo bench --bench solve)");
        let native = command.output().map_err(|e| format!("cargo bench: {e}"))?;
        if !native.status.success() {
            return Err(format!("cargo bench failed: {}", String::from_utf8_lossy(&native.stderr)));
        }
        table.extend(rows(&native.stdout));
    }
    table.extend(bench_natx()?);
    if !natx_only {
        setup_web()?;
        setup_chromium()?;
        build()?;
        let mut command = tool("node");
        command.arg("tests/browser/bench-page.mjs");
        println!("==> benchmark: the page in headless Chromium");
        let page = command.output().map_err(|e| format!("node: {e}"))?;
        if !page.status.success() {
            return Err(format!("page benchmark failed: {}", String::from_utf8_lossy(&page.stderr)));
        }
        table.extend(rows(&page.stdout));
    }
    println!("\n| measure | median | worst | budget |\n|---|---|---|---|");
    for line in &table {
        println!("{line}");
    }
    // A whole run (not `--natx-only`, not `--quick`) is written down as the project's performance record (issue 26:
    // bench results live in docs/performance.md, written by the bench, not copied by hand into the README).
    if !natx_only && !rest.iter().any(|a| *a == "--quick") {
        write_performance(&table)?;
    }
    Ok(())
}

/// Write `docs/performance.md` from a whole bench run's table, with when and where it ran.
fn write_performance(table: &[String]) -> Result<(), String> {
    let output = |program: &str, args: &[&str]| -> String {
        Command::new(program)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_else(|| "unknown".into())
    };
    let date = output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]);
    let cores = std::thread::available_parallelism().map_or_else(|_| "unknown".into(), |n| n.to_string());
    let chromium = output(CHROMIUM, &["--version"]);
    let commit = output("git", &["rev-parse", "--short", "HEAD"]);
    let mut text = format!(
        "# Performance\n\nWritten by `cargo xtask bench` (a whole run; `--quick` and `--natx-only` runs are not \
         recorded). Last run: {date}, commit {commit}, {cores} cores, {chromium}. Medians and the worst of each \
         measure; on a shared machine single runs move by ±15–50%, so compare runs, not one figure with a budget \
         alone. What each measure is: `docs/reference.md`.\n\n| measure | median | worst | budget |\n|---|---|---|---|\n"
    );
    for line in table {
        text.push_str(line);
        text.push('\n');
    }
    let path = root().join("docs").join("performance.md");
    fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("==> benchmark: wrote {}", path.display());
    Ok(())
}

/// How many times each `natx` command is run; the table shows the median and the worst.
const NATX_RUNS: usize = 7;
/// Budget for one whole `natx` process on the 31-country, 40-sector data (start-up, reading, solving, writing).
const NATX_BUDGET_SECONDS: f64 = 1.0;

/// Whole-process times of `natx rebase` and `natx solve` on the Caliendo & Parro (2015) data (31 countries,
/// 40 sectors, the paper's NAFTA experiment), release build, as a reader runs them.
fn bench_natx() -> Result<Vec<String>, String> {
    let mut command = cargo();
    command.args(["build", "--release", "--quiet", "--bin", "natx"]);
    run(&mut command, "benchmark: natx on the Caliendo & Parro (2015) data (release build)")?;
    let target = env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), |d| root().join(d));
    let natx = target.join("release").join(format!("natx{}", env::consts::EXE_SUFFIX));
    let data = root().join("data/validation/cp2015");
    let (raw, scenario) = (data.join("cp2015-1993.json"), data.join("nafta-1993-2005.json"));
    let work = target.join("bench-cp2015");
    fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let (fixed, balanced) = (work.join("rebased.json"), work.join("rebased-balanced.json"));
    let path = |p: &Path| p.to_string_lossy().into_owned();
    let cases: [(&str, Vec<String>, Option<&Path>); 4] = [
        ("natx rebase, CP2015 31×40", vec!["rebase".into(), path(&raw)], Some(&fixed)),
        (
            "natx rebase --balanced-trade, CP2015 31×40",
            vec!["rebase".into(), path(&raw), "--balanced-trade".into()],
            Some(&balanced),
        ),
        (
            "natx solve NAFTA --json, CP2015 31×40",
            vec!["solve".into(), path(&scenario), "--economy".into(), path(&fixed), "--json".into()],
            None,
        ),
        (
            "natx solve NAFTA --balanced-trade --json (raw data)",
            vec![
                "solve".into(),
                path(&scenario),
                "--economy".into(),
                path(&raw),
                "--balanced-trade".into(),
                "--json".into(),
            ],
            None,
        ),
    ];
    let mut rows = Vec::new();
    for (label, args, output) in &cases {
        let mut seconds = Vec::with_capacity(NATX_RUNS);
        for _ in 0..NATX_RUNS {
            let start = std::time::Instant::now();
            let result = Command::new(&natx).args(args).output().map_err(|e| format!("natx: {e}"))?;
            seconds.push(start.elapsed().as_secs_f64());
            if !result.status.success() {
                return Err(format!("natx {}: {}", args.join(" "), String::from_utf8_lossy(&result.stderr)));
            }
            if let Some(output) = output {
                fs::write(output, &result.stdout).map_err(|e| e.to_string())?;
            }
        }
        seconds.sort_by(f64::total_cmp);
        let (median, worst) = (seconds[NATX_RUNS / 2], seconds[NATX_RUNS - 1]);
        rows.push(format!(
            "| {label} (whole process, {NATX_RUNS} runs) | {:.0} ms | {:.0} ms | ≤ {:.0} s{} |",
            median * 1e3,
            worst * 1e3,
            NATX_BUDGET_SECONDS,
            if median > NATX_BUDGET_SECONDS { " OVER" } else { "" }
        ));
    }
    Ok(rows)
}

fn screenshots() -> Result<(), String> {
    setup_web()?;
    setup_chromium()?;
    build()?;
    let mut command = tool("node");
    command.arg("tests/browser/screenshots.mjs");
    run(&mut command, "screenshots: target/screenshots/*.png")
}

fn results() -> Result<(), String> {
    let mut command = cargo();
    command.args(["run", "--release", "--quiet", "--bin", "natx", "--", "all"]);
    run(&mut command, "every preset: natx all")
}

const FUZZ_TARGETS: [&str; 5] = ["economy_json", "economy_csv", "scenario_json", "url_state", "solve"];

fn fuzz(rest: &[String]) -> Result<(), String> {
    let seconds = match rest.iter().position(|a| a == "--seconds") {
        Some(p) => rest.get(p + 1).and_then(|v| v.parse::<u64>().ok()).ok_or("--seconds needs a number")?,
        None => 60,
    };
    if output_of(Command::new(cargo_bin("cargo-fuzz")).arg("--version")).is_none() {
        let mut command = cargo();
        command.args(["install", "cargo-fuzz"]);
        run(&mut command, "setup: installing cargo-fuzz")?;
    }
    let fuzz_dir = root().join("fuzz");
    let mut summary = Vec::new();
    for target in FUZZ_TARGETS {
        let work_corpus = root().join("target/fuzz-corpus").join(target);
        fs::create_dir_all(&work_corpus).map_err(|e| e.to_string())?;
        let mut command = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        command
            .current_dir(&fuzz_dir)
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["fuzz", "run", "-O", target])
            .arg(&work_corpus)
            .arg(fuzz_dir.join("corpus").join(target))
            .args(["--", &format!("-max_total_time={seconds}"), "-max_len=8192", "-print_final_stats=1"]);
        println!("==> fuzz: {target} for {seconds} s");
        let output = command.output().map_err(|e| format!("cargo fuzz: {e}"))?;
        let log = String::from_utf8_lossy(&output.stderr);
        let runs = log
            .lines()
            .find_map(|l| l.strip_prefix("stat::number_of_executed_units:"))
            .map(str::trim)
            .unwrap_or("?")
            .to_string();
        let crashed = !output.status.success();
        if crashed {
            eprintln!("{log}");
        }
        summary.push(format!(
            "| {target} | {seconds} s | {runs} | {} |",
            if crashed { "CRASH (see above and fuzz/artifacts)" } else { "none" }
        ));
    }
    println!("\n| target | time | executions | findings |\n|---|---|---|---|");
    for line in &summary {
        println!("{line}");
    }
    if summary.iter().any(|l| l.contains("CRASH")) {
        return Err("a fuzz target crashed".into());
    }
    Ok(())
}
