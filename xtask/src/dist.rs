//! `cargo xtask dist [--out DIR]`: the site as a static host serves it, with frozen embeds (issue 22).
//!
//! Writes `DIR/www` and `DIR/pkg` (the live site: links and live embeds follow it) and
//! `DIR/versions/<version>/{www,pkg}`, a copy of this version that is never rewritten: the embed builder's "frozen"
//! choice points there, so a published embed keeps its numbers when a later release changes a default, a preset or
//! the model. A host keeps the older `versions/` folders beside the new one (upload `DIR` over the site without
//! deleting). A version folder that already exists must hold exactly the same files: a different build under the
//! same version is refused (bump `version` in `Cargo.toml`), so published embeds are never changed in place.

use std::fs;
use std::path::{Path, PathBuf};

/// The folders of the site.
const SITE: [&str; 2] = ["www", "pkg"];

/// The crate's version, from `Cargo.toml`'s `[package]` section.
pub fn version(root: &Path) -> Result<String, String> {
    let manifest = fs::read_to_string(root.join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            if let Some(value) = line.strip_prefix("version").map(str::trim).and_then(|l| l.strip_prefix('=')) {
                let value = value.trim().trim_matches('"');
                if !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') {
                    return Ok(value.to_string());
                }
            }
        }
    }
    Err("Cargo.toml: no [package] version".into())
}

/// Every file under `dir`, as paths relative to it, sorted.
fn files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let entries = fs::read_dir(dir.join(&rel)).map_err(|e| format!("{}: {e}", dir.join(&rel).display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let name = rel.join(entry.file_name());
            if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
                stack.push(name);
            } else {
                out.push(name);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Copy the site's folders from `from` into `to` (files in `to` that `from` lacks are removed first).
fn copy_site(from: &Path, to: &Path) -> Result<(), String> {
    for folder in SITE {
        let (source, target) = (from.join(folder), to.join(folder));
        if target.exists() {
            fs::remove_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
        for rel in files(&source)? {
            let destination = target.join(&rel);
            if let Some(parent) = destination.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            fs::copy(source.join(&rel), &destination).map_err(|e| format!("{}: {e}", destination.display()))?;
        }
    }
    Ok(())
}

/// Whether the site's folders under `a` and `b` hold the same files with the same bytes.
fn same_site(a: &Path, b: &Path) -> Result<bool, String> {
    for folder in SITE {
        let (left, right) = (files(&a.join(folder))?, files(&b.join(folder))?);
        if left != right {
            return Ok(false);
        }
        for rel in &left {
            let read = |p: PathBuf| fs::read(&p).map_err(|e| format!("{}: {e}", p.display()));
            if read(a.join(folder).join(rel))? != read(b.join(folder).join(rel))? {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// Write the live site and this version's frozen copy under `out` (see the module docs). `root` holds the built
/// `www/` and `pkg/`.
pub fn dist(root: &Path, out: &Path) -> Result<(), String> {
    let version = version(root)?;
    let frozen = out.join("versions").join(&version);
    // Checked before anything is written: a refused build leaves the live site and every version as they were.
    let fresh = !frozen.exists();
    if !fresh && !same_site(root, &frozen)? {
        return Err(format!(
            "{} already holds a different build of version {version}; published frozen embeds point there, so it is \
             never rewritten: bump `version` in Cargo.toml and run `cargo xtask dist` again",
            frozen.display()
        ));
    }
    copy_site(root, out)?;
    if fresh {
        copy_site(root, &frozen)?;
        println!("dist: wrote the frozen copy {}", frozen.display());
    } else {
        println!("dist: {} already holds this build", frozen.display());
    }
    println!(
        "dist: the site is in {} (upload it without deleting older versions/ folders); live embeds: www/embed.html, \
         frozen embeds: versions/{version}/www/embed.html",
        out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly on purpose")]
    use super::*;

    fn site(dir: &Path, text: &str) {
        for folder in SITE {
            fs::create_dir_all(dir.join(folder).join("sub")).unwrap();
            fs::write(dir.join(folder).join("sub").join("a.txt"), text).unwrap();
        }
        fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"x\"\nversion = \"1.2.3\"\n[dependencies]\nversion = \"9\"\n",
        )
        .unwrap();
    }

    #[test]
    fn a_version_folder_is_written_once_and_never_rewritten_with_another_build() {
        let base = std::env::temp_dir().join(format!("xtask-dist-test-{}", std::process::id()));
        let (root, out) = (base.join("root"), base.join("out"));
        let _ = fs::remove_dir_all(&base);
        site(&root, "first");
        assert_eq!(version(&root).unwrap(), "1.2.3");
        dist(&root, &out).unwrap();
        let frozen = out.join("versions/1.2.3/www/sub/a.txt");
        assert_eq!(fs::read_to_string(&frozen).unwrap(), "first");
        // The same build again is fine; a different one under the same version is refused and changes nothing there.
        dist(&root, &out).unwrap();
        site(&root, "second");
        let error = dist(&root, &out).unwrap_err();
        assert!(error.contains("bump `version`"), "{error}");
        assert_eq!(fs::read_to_string(&frozen).unwrap(), "first");
        assert_eq!(fs::read_to_string(out.join("www/sub/a.txt")).unwrap(), "first", "nothing written when refused");
        // A new version: its own folder, the older one kept, the live site follows.
        fs::write(root.join("Cargo.toml"), "[package]\nname = \"x\"\nversion = \"1.2.4\"\n").unwrap();
        dist(&root, &out).unwrap();
        assert_eq!(fs::read_to_string(&frozen).unwrap(), "first");
        assert_eq!(fs::read_to_string(out.join("versions/1.2.4/www/sub/a.txt")).unwrap(), "second");
        assert_eq!(fs::read_to_string(out.join("www/sub/a.txt")).unwrap(), "second");
        let _ = fs::remove_dir_all(&base);
    }
}
