//! Helpers shared by the tool's tests: running the binary, reading its
//! output, and checking records against the output format.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// A made-up article (青溪 is not a real place).
pub const QINGXI: &str = "tests/fixtures/qingxi.txt";
/// A made-up page of two reports, with a number split from its unit.
pub const PAGE: &str = "tests/fixtures/page.md";
/// The fixtures directory.
pub const FIXTURES: &str = "tests/fixtures";

/// The package's directory (`cli/`).
pub fn dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `zonefacts` binary cargo built for these tests.
pub fn tool() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_zonefacts"))
}

/// Runs the tool in the package's directory with standard input closed
/// (an empty pipe, so not a terminal).
pub fn run(args: &[&str]) -> Output {
    run_with_stdin(args, Some(b""))
}

/// Runs the tool with `stdin` piped in (`None`: /dev/null).
pub fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(tool())
        .current_dir(dir())
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start zonefacts");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        // The tool may exit before reading (bad options): ignore a closed pipe.
        let _ = pipe.write_all(input);
    }
    child.wait_with_output().expect("wait for zonefacts")
}

/// Standard output as UTF-8.
pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs the tool and expects success; returns its output.
pub fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "zonefacts {args:?} failed: {}", stderr(&out));
    stdout(&out)
}

/// A fixture's text.
pub fn read(path: &str) -> String {
    std::fs::read_to_string(dir().join(path)).expect("fixture")
}

/// The records of `--format json` output: concatenated pretty objects.
pub fn json_docs(s: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(s).into_iter::<Value>().map(|v| v.expect("valid JSON")).collect()
}

/// The records of `--format jsonl` output.
pub fn jsonl_docs(s: &str) -> Vec<Value> {
    s.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}

fn is_decimal(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let mut parts = body.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

fn is_date_value(s: &str) -> bool {
    s.split('/').all(|p| p.parse::<zonefacts::date::DateValue>().is_ok())
}

/// Checks one output record against the output format and the text read.
pub fn check_record(doc: &Value, text: &str) {
    let obj = doc.as_object().expect("record object");
    assert!(obj["file"].is_string());
    assert!(obj["encoding"].is_string(), "encoding: {doc}");
    let sections = obj["sections"].as_array().expect("sections");
    for s in sections {
        let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        assert!(start <= end && end <= text.len());
    }
    let facts = obj["facts"].as_array().expect("facts");
    let mut last_start = 0;
    for f in facts {
        let kind = f["kind"].as_str().expect("kind");
        let (start, end) = (f["start"].as_u64().expect("start") as usize, f["end"].as_u64().expect("end") as usize);
        assert!(start < end, "{f}");
        assert!(start >= last_start, "facts in reading order");
        last_start = start;
        assert_eq!(text.get(start..end), f["text"].as_str(), "text is input[start..end]: {f}");
        let value = f["value"].as_str().expect("value is a string");
        let section = f["section"].as_u64().expect("section") as usize;
        assert!(section < sections.len().max(1));
        match kind {
            "money" | "count" | "measure" | "percent" => {
                for v in value.split('/') {
                    assert!(is_decimal(v), "exact decimal value: {f}");
                }
                assert!(f["unit"].as_str().is_some_and(|u| !u.is_empty()), "unit: {f}");
                let approx = f["approx"].as_str().expect("approx");
                assert!(["exact", "about", "more_than", "less_than", "at_least", "at_most"].contains(&approx));
                for k in ["subject", "change", "zone"] {
                    if let Some(s) = f.get(k).filter(|s| !s.is_null()) {
                        assert!(s.as_str().is_some_and(|s| !s.is_empty()), "{k}: {f}");
                    }
                }
                if let Some(t) = f.get("target") {
                    assert_eq!(t, &Value::Bool(true), "target is true or absent: {f}");
                }
                if let Some(d) = f.get("as_of").filter(|s| !s.is_null()) {
                    assert!(is_date_value(d.as_str().expect("as_of string")), "{f}");
                }
                if kind == "money" {
                    assert!(f["unit"].as_str().unwrap().bytes().all(|b| b.is_ascii_uppercase()), "ISO 4217: {f}");
                }
                if kind == "percent" {
                    assert!(["%", "pp"].contains(&f["unit"].as_str().unwrap()));
                }
            }
            "date" => {
                assert!(is_date_value(value), "date value: {f}");
                if let Some(m) = f.get("mod").filter(|s| !s.is_null()) {
                    assert!(["start", "mid", "end"].contains(&m.as_str().unwrap()));
                }
                if let Some(r) = f.get("relation").filter(|s| !s.is_null()) {
                    assert!(["as_of", "since", "until"].contains(&r.as_str().unwrap()));
                }
            }
            "platform" => assert!(!value.is_empty() && f["type"].is_string()),
            "zone" => {
                assert!(!value.is_empty());
                assert!(f["key"].as_str().is_some_and(|k| !k.is_empty()), "zone key: {f}");
                assert!(f["zone_type"].is_string(), "zone_type: {f}");
            }
            other => panic!("unknown kind {other}"),
        }
    }
}

/// A record without the fields that name the input and how it was read.
pub fn facts_only(doc: &Value) -> Value {
    let mut d = doc.clone();
    if let Some(o) = d.as_object_mut() {
        for k in ["file", "encoding", "markup", "text"] {
            o.remove(k);
        }
    }
    d
}
