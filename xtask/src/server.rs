//! A tiny static file server for the page, on 127.0.0.1 only: GET and HEAD of the files the page needs (under
//! `www/`, `pkg/` and `data/`), with the right content types (`application/wasm` for the module), no directory
//! listing, no dotfile or dot-directory (`.git/`), no path outside the root; header lines and the number of headers
//! are bounded, and at most a few connections are served at once (the rest get 503).
//!
//! The browser tests (`tests/browser/helpers.mjs`) run this same server: `cargo xtask serve --no-build --port 0`
//! (a free port; the address is printed), with `--header 'Name: value'` for a header on every response (a strict
//! Content-Security-Policy) and `--also-serve tests/browser/fixtures` for their host pages.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// The top-level folders the page loads from.
const SERVED: [&str; 3] = ["www", "pkg", "data"];

/// What `cargo xtask serve` was asked for.
pub struct Options {
    /// The first port tried (0: any free port).
    pub port: u16,
    /// Set up and build `pkg/` before serving (`--no-build` serves what is there).
    pub build: bool,
    /// Header lines added to every response (`--header 'Name: value'`).
    pub headers: Vec<String>,
    /// Folders served besides [`SERVED`], relative to the root (`--also-serve tests/browser/fixtures`).
    pub also: Vec<PathBuf>,
}

impl Options {
    /// `[--port N] [--no-build] [--header 'Name: value']… [--also-serve FOLDER]…`
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options { port: 8000, build: true, headers: Vec::new(), also: Vec::new() };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |what: &str| args.next().cloned().ok_or_else(|| format!("{arg} needs {what}"));
            match arg.as_str() {
                "--port" => options.port = value("a number")?.parse().map_err(|_| "--port needs a number")?,
                "--no-build" => options.build = false,
                "--header" => {
                    let line = value("'Name: value'")?;
                    let valid = line.split_once(':').is_some_and(|(name, _)| {
                        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    });
                    if !valid || line.contains(['\r', '\n']) {
                        return Err(format!("--header needs 'Name: value', not {line:?}"));
                    }
                    options.headers.push(line);
                }
                "--also-serve" => {
                    let folder = PathBuf::from(value("a folder")?);
                    if !folder.components().all(|c| matches!(c, Component::Normal(_))) {
                        return Err(format!(
                            "--also-serve needs a folder inside the repository, not {}",
                            folder.display()
                        ));
                    }
                    options.also.push(folder);
                }
                other => return Err(format!("serve: unknown argument {other}")),
            }
        }
        Ok(options)
    }
}
/// The longest header line read, in bytes.
const MAX_LINE: u64 = 8 * 1024;
/// The longest request line read, in bytes: the page's links can be long (a link naming a chart 2,000 times is
/// one of the browser tests); longer ones are answered 414.
const MAX_REQUEST_LINE: u64 = 64 * 1024;
/// The most header lines read.
const MAX_HEADERS: usize = 100;
/// The most connections served at once.
const MAX_CONNECTIONS: usize = 32;

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "csv" => "text/csv; charset=utf-8",
        "md" | "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Map a request path to a file under `root` in a served folder (`SERVED` or one of `also`), refusing anything
/// that leaves it.
fn resolve(root: &Path, also: &[PathBuf], request_path: &str) -> Option<PathBuf> {
    let path = request_path.split(['?', '#']).next().unwrap_or("/");
    let mut relative = PathBuf::new();
    for component in Path::new(path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => {
                if part.to_str()?.starts_with('.') {
                    return None;
                }
                relative.push(part)
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    let served = |folder: &Path| relative.starts_with(folder);
    if !SERVED.iter().any(|f| served(Path::new(f))) && !also.iter().any(|f| served(f)) {
        return None;
    }
    let mut resolved = root.join(relative);
    if resolved.is_dir() {
        resolved.push("index.html");
    }
    resolved.is_file().then_some(resolved)
}

fn respond(mut stream: TcpStream, root: &Path, options: &Options) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    // Every line is read through `take`, so that a client sending an endless line costs at most `limit` bytes.
    let mut read_line = |line: &mut String, limit: u64| -> Option<usize> {
        line.clear();
        let n = (&mut reader).take(limit).read_line(line).ok()?;
        (line.ends_with('\n') || n == 0).then_some(n)
    };
    let mut request_line = String::new();
    if read_line(&mut request_line, MAX_REQUEST_LINE).is_none() {
        if request_line.len() as u64 == MAX_REQUEST_LINE {
            let _ = stream.write_all(b"HTTP/1.1 414 URI Too Long\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
        return;
    }
    // Drain the headers, at most MAX_HEADERS of them.
    let mut line = String::new();
    let mut headers = 0;
    loop {
        match read_line(&mut line, MAX_LINE) {
            Some(n) if n > 2 && headers < MAX_HEADERS => headers += 1,
            Some(n) if n <= 2 => break,
            _ => {
                let _ = stream.write_all(
                    b"HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
                return;
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    // The bare address goes to the page by a redirect, so that the page's relative addresses (app.js, ../pkg/)
    // resolve as they do at /www/index.html.
    if target == "/" {
        let _ = stream.write_all(
            b"HTTP/1.1 302 Found\r\nLocation: /www/index.html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
        return;
    }
    let (status, body, kind) = match (method, resolve(root, &options.also, target)) {
        ("GET" | "HEAD", Some(path)) => match fs::read(&path) {
            Ok(bytes) => ("200 OK", bytes, content_type(&path)),
            Err(_) => ("500 Internal Server Error", b"cannot read file".to_vec(), "text/plain"),
        },
        ("GET" | "HEAD", None) => ("404 Not Found", b"not found".to_vec(), "text/plain"),
        _ => ("405 Method Not Allowed", b"method not allowed".to_vec(), "text/plain"),
    };
    let extra: String = options.headers.iter().map(|line| format!("{line}\r\n")).collect();
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n{extra}Connection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
}

/// Serve `root` on 127.0.0.1, from `options.port` or the next free port; runs until stopped.
pub fn serve(root: &Path, options: Options) -> Result<(), String> {
    let port = options.port;
    let listener = (port..port.saturating_add(20))
        .find_map(|p| TcpListener::bind(("127.0.0.1", p)).ok())
        .ok_or_else(|| format!("no free port from {port}"))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    println!("\nNorth American Trade Explorer is being served at:\n\n    http://{address}/www/index.html\n");
    println!("Single-file version (also works by double-click, from file://): http://{address}/pkg/north-american-trade-explorer.html");
    println!("Stop with Ctrl-C.");
    let open = Arc::new(AtomicUsize::new(0));
    let options = Arc::new(options);
    for mut stream in listener.incoming().flatten() {
        if open.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            let _ =
                stream.write_all(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            continue;
        }
        open.fetch_add(1, Ordering::SeqCst);
        let (root, open, options) = (root.to_path_buf(), Arc::clone(&open), Arc::clone(&options));
        thread::spawn(move || {
            respond(stream, &root, &options);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_page_s_folders_are_served() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        assert!(resolve(&root, &[], "/www/index.html").is_some());
        assert!(resolve(&root, &[], "/data/README.md?x=1").is_some());
        for refused in [
            "/.git/config",
            "/www/../.git/HEAD",
            "/Cargo.toml",
            "/src/lib.rs",
            "/www/.hidden",
            "/.gitignore",
            "/tests/browser/fixtures/host.html",
        ] {
            assert!(resolve(&root, &[], refused).is_none(), "{refused}");
        }
        // A folder served for the browser tests, and nothing beside it.
        let also = [PathBuf::from("tests/browser/fixtures")];
        assert!(resolve(&root, &also, "/tests/browser/fixtures/host.html").is_some());
        assert!(resolve(&root, &also, "/tests/browser/helpers.mjs").is_none());
        assert!(resolve(&root, &also, "/tests/browser/fixtures/../helpers.mjs").is_none());
    }

    #[test]
    fn arguments() -> Result<(), String> {
        let args = |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        let options = Options::parse(&args(&[
            "--port",
            "0",
            "--no-build",
            "--header",
            "Content-Security-Policy: default-src 'self'",
            "--also-serve",
            "tests/browser/fixtures",
        ]))?;
        assert_eq!((options.port, options.build), (0, false));
        assert_eq!(options.headers, ["Content-Security-Policy: default-src 'self'"]);
        assert_eq!(options.also, [PathBuf::from("tests/browser/fixtures")]);
        assert!(Options::parse(&args(&[]))?.build);
        for bad in [
            &["--header", "X: a\r\nSet-Cookie: b"][..],
            &["--header", "no colon"],
            &["--also-serve", "../x"],
            &["--port"],
            &["--what"],
        ] {
            assert!(Options::parse(&args(bad)).is_err(), "{bad:?}");
        }
        Ok(())
    }
}
