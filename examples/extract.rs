//! Extracts facts from articles and prints them as JSON.
//!
//! ```text
//! cargo run --release --example extract -- [--format json|jsonl] [--date YYYY-MM-DD] [--kinds money,count,…] FILE|DIR|- …
//! ```
//!
//! `json` (the default) prints one pretty object per input; `jsonl` prints
//! one line per input, with its `file` name, as SPEC.md describes. A
//! directory is read recursively (`.txt` and `.md`, sorted). Unreadable
//! files are reported on stderr and the others still processed; the exit
//! status is then 1.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use zonefacts::{CalendarDate, Document, Extractor, KindSet};

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Jsonl,
}

struct Args {
    format: Format,
    date: Option<CalendarDate>,
    kinds: KindSet,
    inputs: Vec<String>,
}

const USAGE: &str = "usage: extract [--format json|jsonl] [--date YYYY-MM-DD] [--kinds money,count,...] FILE|DIR|- ...";

fn parse_args() -> Result<Args, String> {
    let mut args = Args { format: Format::Json, date: None, kinds: KindSet::all(), inputs: Vec::new() };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match a.as_str() {
            "--format" | "-f" => {
                args.format = match value("--format")?.as_str() {
                    "json" => Format::Json,
                    "jsonl" => Format::Jsonl,
                    other => return Err(format!("unknown format {other:?}\n{USAGE}")),
                }
            }
            "--date" => args.date = Some(value("--date")?.parse().map_err(|e| format!("--date: {e}"))?),
            "--kinds" => args.kinds = value("--kinds")?.parse().map_err(|e| format!("--kinds: {e}"))?,
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ if a.starts_with("--") => return Err(format!("unknown option {a}\n{USAGE}")),
            _ => args.inputs.push(a),
        }
    }
    if args.inputs.is_empty() {
        return Err(USAGE.to_string());
    }
    Ok(args)
}

/// The files of a directory, recursively, `.txt` and `.md`, sorted.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "txt" || e == "md") {
            out.push(p);
        }
    }
    Ok(())
}

fn print(out: &mut impl Write, format: Format, name: &str, doc: &Document) -> io::Result<()> {
    let mut value = serde_json::to_value(doc).map_err(io::Error::other)?;
    if let Some(obj) = value.as_object_mut() {
        let mut with_file = serde_json::Map::new();
        with_file.insert("file".into(), name.into());
        with_file.append(obj);
        value = with_file.into();
    }
    match format {
        Format::Json => serde_json::to_writer_pretty(&mut *out, &value).map_err(io::Error::other)?,
        Format::Jsonl => serde_json::to_writer(&mut *out, &value).map_err(io::Error::other)?,
    }
    writeln!(out)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Extractor::builder().kinds(args.kinds);
    if let Some(d) = args.date {
        builder = builder.document_date(d);
    }
    let ex = builder.build();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for input in &args.inputs {
        let mut files = Vec::new();
        if input == "-" {
            let mut buf = Vec::new();
            if let Err(e) = io::stdin().read_to_end(&mut buf) {
                eprintln!("extract: stdin: {e}");
                failed = true;
                continue;
            }
            match ex.extract_bytes(&buf) {
                Ok(doc) => {
                    if let Err(e) = print(&mut out, args.format, "-", &doc) {
                        eprintln!("extract: {e}");
                        return ExitCode::FAILURE;
                    }
                }
                Err(e) => {
                    eprintln!("extract: stdin: {e}");
                    failed = true;
                }
            }
            continue;
        }
        let path = PathBuf::from(input);
        if path.is_dir() {
            if let Err(e) = walk(&path, &mut files) {
                eprintln!("extract: {}: {e}", path.display());
                failed = true;
            }
        } else {
            files.push(path);
        }
        for file in files {
            let bytes = match std::fs::read(&file) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("extract: {}: {e}", file.display());
                    failed = true;
                    continue;
                }
            };
            let doc = match ex.extract_bytes(&bytes) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("extract: {}: {e}", file.display());
                    failed = true;
                    continue;
                }
            };
            let name =
                file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
            if let Err(e) = print(&mut out, args.format, &name, &doc) {
                eprintln!("extract: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
