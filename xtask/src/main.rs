//! `cargo xtask`: the project's multi-step tasks, in Rust rather than shell, shared by the README, CI and
//! developers (after matklad/cargo-xtask).
//!
//! - `cargo xtask test`: set up what is missing, then run every test.
//! - `cargo xtask bench [--quick]`: print the solve-time benchmark table (medians and worst).
//! - `cargo xtask results`: build and print the results of every preset.

use std::env;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    let result = match task {
        "test" => test(),
        "bench" => bench(rest),
        "results" => results(),
        _ => {
            eprintln!("usage: cargo xtask <test | bench [--quick] | results>");
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

/// Run a command, echoing it, and fail with its name if it fails.
fn run(mut command: Command, what: &str) -> Result<(), String> {
    println!("==> {what}");
    let status = command.status().map_err(|e| format!("{what}: could not start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what}: failed ({status})"))
    }
}

fn test() -> Result<(), String> {
    let mut command = cargo();
    command.args(["test", "--workspace"]);
    run(command, "native tests: cargo test --workspace")
}

fn bench(rest: &[String]) -> Result<(), String> {
    let mut command = cargo();
    command.args(["bench", "--bench", "solve", "--"]).args(rest);
    run(command, "benchmark: cargo bench --bench solve")
}

fn results() -> Result<(), String> {
    let mut command = cargo();
    command.args(["run", "--release", "--quiet", "--bin", "natx", "--", "all"]);
    run(command, "every preset: natx all")
}
