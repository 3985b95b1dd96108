//! Tests of the `extract` example: every output format, the inputs, the
//! options, the errors, and the HTML page in a real browser (headless
//! Chromium, when installed).
//!
//! The example binary is built once per test run with
//! `cargo build --example extract` in the profile of this test (a no-op
//! when `cargo test` has just built it). The articles under
//! `tests/fixtures/extract_tool/` are made up for these tests.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;
use zonefacts::{Document, Extractor};

// The HTML and table code of the example, for unit tests that do not depend
// on what the library extracts.
#[allow(dead_code)]
#[path = "../examples/extract/row.rs"]
mod row;

#[allow(dead_code)]
#[path = "../examples/extract/html.rs"]
mod html;

const QINGXI: &str = "tests/fixtures/extract_tool/qingxi.txt";
const PAGE: &str = "tests/fixtures/extract_tool/page.md";
const FIXTURES: &str = "tests/fixtures/extract_tool";

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The example binary, built in this test's profile.
fn tool() -> &'static Path {
    static TOOL: OnceLock<PathBuf> = OnceLock::new();
    TOOL.get_or_init(|| {
        // target/<profile dir>/deps/extract_tool-HASH
        let exe = std::env::current_exe().expect("test executable path");
        let profile_dir = exe.parent().and_then(Path::parent).expect("target profile directory").to_path_buf();
        let release = profile_dir.file_name().is_some_and(|n| n == "release");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(manifest_dir()).args(["build", "--quiet", "--example", "extract", "--message-format=json"]);
        if release {
            cmd.arg("--release");
        } else {
            cmd.args(["--profile", "test"]);
        }
        let out = cmd.stderr(Stdio::inherit()).output().expect("run cargo build --example extract");
        assert!(out.status.success(), "cargo build --example extract failed");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let built = stdout
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|v| v["reason"] == "compiler-artifact" && v["target"]["name"] == "extract")
            .find_map(|v| v["executable"].as_str().map(PathBuf::from));
        let path = built
            .unwrap_or_else(|| profile_dir.join("examples").join(format!("extract{}", std::env::consts::EXE_SUFFIX)));
        assert!(path.is_file(), "no example binary at {}", path.display());
        path
    })
}

/// Runs the tool in the crate's directory.
fn run(args: &[&str]) -> Output {
    run_with_stdin(args, None)
}

fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(tool())
        .current_dir(manifest_dir())
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the extract example");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        pipe.write_all(input).expect("write stdin");
    }
    child.wait_with_output().expect("wait for extract")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "extract {args:?} failed: {}", stderr(&out));
    stdout(&out)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(manifest_dir().join(path)).expect("fixture")
}

/// The documents of `--format json` output: concatenated pretty objects.
fn json_docs(s: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(s).into_iter::<Value>().map(|v| v.expect("valid JSON")).collect()
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

/// Checks one output object against SPEC's fields and the input text.
fn check_spec_doc(doc: &Value, text: &str) {
    let obj = doc.as_object().expect("document object");
    assert!(obj["file"].is_string());
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
                if let Some(s) = f.get("subject").filter(|s| !s.is_null()) {
                    assert!(s.as_str().is_some_and(|s| !s.is_empty()));
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
            "platform" | "zone" => assert!(!value.is_empty()),
            other => panic!("unknown kind {other}"),
        }
    }
}

/// What the library itself gives for a text, as JSON.
fn library_doc(text: &str) -> Value {
    serde_json::to_value(Extractor::new().extract(text)).unwrap()
}

#[test]
fn json_matches_spec_and_library() {
    let out = ok(&[QINGXI, PAGE]);
    let docs = json_docs(&out);
    assert_eq!(docs.len(), 2);
    for (doc, (name, path)) in docs.iter().zip([("qingxi.txt", QINGXI), ("page.md", PAGE)]) {
        let text = read(path);
        assert_eq!(doc["file"], name);
        check_spec_doc(doc, &text);
        let lib = library_doc(&text);
        assert_eq!(doc["facts"], lib["facts"]);
        assert_eq!(doc["sections"], lib["sections"]);
        // And it reads back into the library's types.
        let back: Document = serde_json::from_value(doc.clone()).expect("deserializes to a Document");
        assert_eq!(back, Extractor::new().extract(&text));
        assert!(!back.facts.is_empty());
    }
    assert!(out.contains("\n  \""), "pretty printed");
}

#[test]
fn jsonl_is_one_line_per_input_in_sorted_order() {
    let out = ok(&["--format", "jsonl", FIXTURES]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let names: Vec<String> = lines
        .iter()
        .map(|l| {
            assert!(l.starts_with("{\"file\":"), "file comes first: {l}");
            serde_json::from_str::<Value>(l).unwrap()["file"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(names, ["page.md", "qingxi.txt"]);
    for l in lines {
        let doc: Value = serde_json::from_str(l).unwrap();
        let text = read(&format!("{FIXTURES}/{}", doc["file"].as_str().unwrap()));
        check_spec_doc(&doc, &text);
    }
}

#[test]
fn csv_parses_back_to_the_json_facts() {
    let json = json_docs(&ok(&["-f", "json", QINGXI, PAGE]));
    for bom in [false, true] {
        let mut args = vec!["-f", "csv", QINGXI, PAGE];
        if bom {
            args.push("--bom");
        }
        let out = run(&args);
        assert!(out.status.success());
        let bytes = out.stdout.as_slice();
        assert_eq!(bytes.starts_with(b"\xEF\xBB\xBF"), bom);
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes);
        let mut rdr = csv::Reader::from_reader(body);
        let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(
            header[..12],
            ["file", "section", "zone", "kind", "text", "value", "unit", "approx", "subject", "as_of", "start", "end"]
        );
        let rows: Vec<BTreeMap<String, String>> = rdr.deserialize().map(|r| r.expect("CSV row")).collect();
        let mut expected = Vec::new();
        for doc in &json {
            for f in doc["facts"].as_array().unwrap() {
                let s = |v: &Value| match v {
                    Value::Null => String::new(),
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let section = f["section"].as_u64().unwrap() as usize;
                let mut row = BTreeMap::new();
                row.insert("file".to_string(), s(&doc["file"]));
                row.insert("zone".to_string(), s(&doc["sections"][section]["zone"]));
                for k in [
                    "section", "kind", "text", "value", "unit", "approx", "subject", "as_of", "start", "end", "type",
                    "mod", "relation",
                ] {
                    row.insert(k.to_string(), f.get(k).map(s).unwrap_or_default());
                }
                expected.push(row);
            }
        }
        assert_eq!(rows.len(), expected.len());
        assert_eq!(rows, expected);
        // A fact across a line break survives the round trip.
        assert!(rows.iter().any(|r| r["text"].contains('\n')), "page.md has 143.3\\n亿元");
    }
}

/// The display columns each column of a table occupies, from its rule line.
fn rule_columns(rule: &str) -> Vec<(usize, usize)> {
    let mut cols = Vec::new();
    let mut start = None;
    for (i, b) in rule.bytes().enumerate() {
        match (b, start) {
            (b'-', None) => start = Some(i),
            (b' ', Some(s)) => {
                cols.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        cols.push((s, rule.len()));
    }
    cols
}

#[test]
fn table_columns_align_by_display_width() {
    use unicode_width::UnicodeWidthChar;
    let out = ok(&["-f", "table", QINGXI, PAGE]);
    let mut checked = 0;
    for block in out.split("\n\n") {
        let lines: Vec<&str> = block.lines().collect();
        let Some(r) = lines.iter().position(|l| l.starts_with("--")) else { continue };
        let cols = rule_columns(lines[r]);
        assert!(cols.len() >= 8);
        for line in &lines[r - 1..] {
            // Every gap between columns is blank in every line, and no wide
            // character straddles a column edge.
            let mut col = 0;
            for c in line.chars() {
                let w = c.width().unwrap_or(0);
                for x in col..col + w.max(1) {
                    let in_gap = cols.windows(2).any(|p| x >= p[0].1 && x < p[1].0);
                    if in_gap && w > 0 {
                        assert_eq!(c, ' ', "column gap at {x} in {line:?}");
                    }
                }
                col += w;
            }
            assert!(col <= cols.last().unwrap().1, "line wider than the table: {line:?}");
            checked += 1;
        }
    }
    assert!(checked > 20);
    assert!(out.contains("143.3\\n亿元"), "line breaks shown as \\n");
}

#[test]
fn table_snapshot() {
    let out = ok(&["-f", "table", "--kinds", "money,count,percent,date", QINGXI]);
    let snap = manifest_dir().join(FIXTURES).join("qingxi.table.snap");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snap, &out).unwrap();
    }
    let expected = std::fs::read_to_string(&snap).unwrap_or_default();
    assert_eq!(
        out,
        expected,
        "table output differs from {}; if the library's extraction changed on purpose, rerun with UPDATE_SNAPSHOTS=1",
        snap.display()
    );
}

#[test]
fn errors_are_reported_per_file_and_the_rest_processed() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("a_good.txt");
    std::fs::copy(manifest_dir().join(QINGXI), &good).unwrap();
    let bad = dir.path().join("b_bad.txt");
    let mut bytes = "总投资216亿元。".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xff\xfe");
    bytes.extend_from_slice("新增企业32家。".as_bytes());
    std::fs::write(&bad, &bytes).unwrap();
    let last = dir.path().join("c_last.md");
    std::fs::write(&last, "截至2023年底,园区企业达1200家。").unwrap();
    let missing = dir.path().join("missing.txt");

    let (g, b, l, m) =
        (good.to_str().unwrap(), bad.to_str().unwrap(), last.to_str().unwrap(), missing.to_str().unwrap());
    for format in ["jsonl", "json", "csv", "table", "html"] {
        let out = run(&["-f", format, g, m, b, l]);
        assert_eq!(out.status.code(), Some(1), "{format}: exit status");
        let err = stderr(&out);
        assert!(err.contains(&format!("extract: {m}: ")), "{format}: {err}");
        assert!(
            err.contains(&format!("extract: {b}: ")) && err.contains(&format!("byte offset {offset}")),
            "{format}: {err}"
        );
        let text = stdout(&out);
        assert!(text.contains("a_good.txt") && text.contains("c_last.md"), "{format}: others still output");
    }
    // The same from a directory, in parallel.
    let out = run(&["-f", "jsonl", "--threads", "3", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let names: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["a_good.txt", "c_last.md"]);
}

#[test]
fn bad_options_exit_2_with_usage() {
    for args in [
        vec!["--bogus", QINGXI],
        vec!["--format", "xml", QINGXI],
        vec!["--format"],
        vec!["--date", "2023-02-30", QINGXI],
        vec!["--kinds", "money,cash", QINGXI],
        vec!["--threads", "many", QINGXI],
        vec!["--bom", QINGXI],
        vec![],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("usage: extract"), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
    let help = run(&["--help"]);
    assert!(help.status.success() && stdout(&help).contains("--jsonl-field"));
}

#[test]
fn stdin_kinds_and_document_date() {
    let text = "今年上半年,园区完成固定资产投资约85.3亿元,新增企业120余家。";
    let out =
        run_with_stdin(&["-f", "jsonl", "--kinds", "money,date", "--date", "2024-07-15", "-"], Some(text.as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(doc["file"], "-");
    check_spec_doc(&doc, text);
    let kinds: Vec<&str> = doc["facts"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"money") && kinds.iter().all(|k| ["money", "date"].contains(k)), "{kinds:?}");
    let date = doc["facts"].as_array().unwrap().iter().find(|f| f["kind"] == "date").expect("a date");
    assert!(date["value"].as_str().unwrap().starts_with("2024"), "resolved with --date: {date}");
}

#[test]
fn jsonl_field_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.jsonl");
    let a = "2023年,青溪高新区新签约项目42个,总投资216亿元。";
    let b = "园区\"绿化覆盖率\"超四成。\n新增企业32家。";
    let mut data = String::new();
    data.push_str(&serde_json::json!({"id": "art-1", "text": a}).to_string());
    data.push('\n');
    data.push_str(&serde_json::json!({"file": "b.txt", "text": b, "title": "x"}).to_string());
    data.push_str("\n\n");
    data.push_str(&serde_json::json!({"text": "研发人员约2400人。"}).to_string());
    data.push('\n');
    data.push_str("{\"body\": \"no text field\"}\n");
    data.push_str("not json\n");
    let mut bytes = data.into_bytes();
    let bad_offset = bytes.len() + "{\"text\": \"".len();
    bytes.extend_from_slice(b"{\"text\": \"\xff\"}\n");
    bytes.extend_from_slice(serde_json::json!({"id": 7, "text": "增长8.6%"}).to_string().as_bytes());
    std::fs::write(&path, &bytes).unwrap();

    let out = run(&["-f", "jsonl", "--jsonl-field", "text", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "bad records make the exit status non-zero");
    let docs: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let names: Vec<&str> = docs.iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(names, ["art-1", "b.txt", "archive.jsonl:4", "7"]);
    for (doc, text) in docs.iter().zip([a, b, "研发人员约2400人。", "增长8.6%"]) {
        check_spec_doc(doc, text);
        assert!(!doc["facts"].as_array().unwrap().is_empty());
    }
    let err = stderr(&out);
    assert!(err.contains("extract: archive.jsonl:5: no field \"text\""), "{err}");
    assert!(err.contains("extract: archive.jsonl:6: invalid JSON"), "{err}");
    assert!(
        err.contains(&format!("extract: archive.jsonl:7: input is not valid UTF-8 at byte offset {bad_offset}")),
        "{err}"
    );

    // From standard input too.
    let line = serde_json::json!({"text": a}).to_string();
    let out = run_with_stdin(&["-f", "csv", "--jsonl-field", "text", "-"], Some(line.as_bytes()));
    assert!(out.status.success());
    assert!(stdout(&out).lines().skip(1).all(|l| l.starts_with("-:1,")), "{}", stdout(&out));
}

#[test]
fn threads_keep_the_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [read(QINGXI), read(PAGE)];
    for i in 0..24 {
        let sub = dir.path().join(if i % 3 == 0 { "sub" } else { "" });
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{i:02}.txt")), &texts[i % 2][..]).unwrap();
    }
    std::fs::write(dir.path().join("ignored.json"), "{}").unwrap();
    let d = dir.path().to_str().unwrap();
    let one = ok(&["-f", "jsonl", d]);
    let four = ok(&["-f", "jsonl", "--threads", "4", d]);
    assert_eq!(one, four);
    let names: Vec<String> =
        one.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["file"].as_str().unwrap().to_string()).collect();
    assert_eq!(names.len(), 24);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "sorted by path");
    assert!(names.contains(&"sub/00.txt".to_string()));
    // No progress bar when stderr is not a terminal.
    let out = run(&["-f", "csv", "--threads", "2", d]);
    assert!(out.status.success() && out.stderr.is_empty());
}

// ---- the HTML page ----

fn fact(kind_detail: zonefacts::Detail, text: &str, start: usize, end: usize) -> zonefacts::Fact {
    zonefacts::Fact::new(zonefacts::Span::new(start, end), text.get(start..end).unwrap_or(""), 0, kind_detail)
}

#[test]
fn html_highlight_nests_skips_crossing_and_escapes() {
    use zonefacts::{DateFact, DateValue, Detail, Platform, PlatformType};
    let text = "<b>2024青溪创新中心</b>成立于2024年&\"'";
    let date =
        |s: &str| Detail::Date(DateFact { value: s.parse::<DateValue>().unwrap(), modifier: None, relation: None });
    let platform = Detail::Platform(Platform::new("2024青溪创新中心", PlatformType::Center));
    let p0 = text.find("2024").unwrap();
    let p_end = text.find("</b>").unwrap();
    let y = text.rfind("2024").unwrap();
    let doc = Document::new(
        vec![zonefacts::Section::new(zonefacts::Span::new(0, text.len()))],
        vec![
            // A platform name with a date inside it: nested marks.
            fact(platform, text, p0, p_end),
            fact(date("2024"), text, p0, p0 + 4),
            // Crosses the end of the date above: left out of the text.
            fact(date("2024"), text, p0 + 2, p0 + 7),
            fact(date("2024"), text, y, y + "2024年".len()),
            fact(date("2024"), text, y + 1, y + 2),
            // Past the end of the text: left out.
            fact(date("2024"), text, 1, text.len() + 5),
        ],
    );
    // Not on a character boundary (inside 青): left out.
    let mut doc2 = doc.clone();
    let q = text.find('青').unwrap();
    doc2.facts.push(fact(date("2024"), text, q + 1, q + 3));
    let rows: Vec<row::Row> = doc2.facts.iter().map(|f| row::Row::new(&doc2, f)).collect();
    let (html, shown) = html::highlight(text, &doc2, &rows, "d1");
    assert_eq!(shown, [true, true, false, true, true, false, false]);
    assert!(html.starts_with("&lt;b&gt;<mark class=\"f k-platform\" id=\"d1-f1\""), "{html}");
    assert!(html.contains("<mark class=\"f k-date\" id=\"d1-f2\""));
    assert!(html.contains("&amp;&quot;&#39;"));
    assert!(!html.contains("<b>"));
    // Tags balance and nest.
    let mut depth = 0i32;
    let mut rest = html.as_str();
    while let Some(i) = rest.find("<") {
        rest = &rest[i..];
        if rest.starts_with("</mark>") {
            depth -= 1;
        } else if rest.starts_with("<mark") {
            depth += 1;
        }
        assert!(depth >= 0);
        rest = &rest[1..];
    }
    assert_eq!(depth, 0);
    // Removing the tags and unescaping gives the text back.
    let plain = strip_tags(&html)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    assert_eq!(plain, text);
}

#[test]
fn html_page_is_self_contained_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("<img src=x onerror=alert(1)>.txt");
    std::fs::write(&evil, "<script>alert('x')</script>总投资216亿元,</textarea>同比增长8.6%。\u{1b}[31m").unwrap();
    let page = dir.path().join("page.html");
    let out = run(&["-f", "html", "-o", page.to_str().unwrap(), QINGXI, PAGE, evil.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "-o writes to the file");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<script").count(), 1, "only the page's own script");
    assert!(!html.contains("<img"));
    assert!(!html.contains('\u{1b}'));
    for banned in ["http://", "https://", "<link", "src=\"", "@import", "url("] {
        assert!(!html.contains(banned), "self-contained: found {banned}");
    }
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    // A mark for each fact of the JSON output, with its kind's class.
    let docs = json_docs(&ok(&[QINGXI, PAGE]));
    for (i, doc) in docs.iter().enumerate() {
        for (j, f) in doc["facts"].as_array().unwrap().iter().enumerate() {
            expect_mark(&html, i, j, f, true);
        }
    }
    // The table of contents lists the three inputs.
    let toc = &html[html.find("<nav class=\"toc\"").unwrap()..];
    assert!(toc.contains(">qingxi.txt</a>") && toc.contains(">page.md</a>") && toc.contains("&lt;img src=x"));
}

/// The text of some HTML with its tags removed (entities kept).
fn strip_tags(html: &str) -> String {
    let mut plain = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain
}

/// Checks that fact `j` of document `i` is highlighted in `html` with its
/// kind's class and starts with its text, or, when it crosses another
/// fact, that the side list says it is not highlighted.
fn expect_mark(html: &str, i: usize, j: usize, f: &Value, escape_quotes: bool) {
    let kind = f["kind"].as_str().unwrap();
    let id = format!("d{}-f{}", i + 1, j + 1);
    let open = format!("<mark class=\"f k-{kind}\" id=\"{id}\"");
    let Some(at) = html.find(&open) else {
        let item = html.find(&format!("data-f=\"{id}\"")).unwrap_or_else(|| panic!("no side list item {id}"));
        assert!(html[..item].ends_with("unshown\" "), "no {open}, and {id} is not marked as left out");
        return;
    };
    let inner = &html[at..];
    let inner = strip_tags(&inner[inner.find('>').unwrap() + 1..]);
    let mut text = f["text"].as_str().unwrap().replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    if escape_quotes {
        text = text.replace('"', "&quot;").replace('\'', "&#39;");
    }
    assert!(inner.starts_with(&text), "{open} starts with {text:?}");
}

/// Runs a command with a time limit; `None` if it had to be killed.
fn run_for(cmd: &mut Command, limit: Duration) -> Option<Output> {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().ok()?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return child.wait_with_output().ok(),
            Ok(None) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

fn chromium(profile: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new("/usr/bin/chromium");
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(args)
    .stdin(Stdio::null());
    run_for(&mut cmd, Duration::from_secs(120)).expect("chromium finished in time")
}

#[test]
fn html_renders_in_headless_chromium() {
    if !Path::new("/usr/bin/chromium").exists() {
        println!("skipped: chromium not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("review.html");
    let out = run(&["-f", "html", "-o", page.to_str().unwrap(), QINGXI, PAGE]);
    assert!(out.status.success(), "{}", stderr(&out));
    let url = format!("file://{}", page.display());
    let profile = dir.path().join("profile");

    let dom = chromium(&profile, &["--dump-dom", &url]);
    assert!(dom.status.success(), "chromium --dump-dom failed: {}", String::from_utf8_lossy(&dom.stderr));
    let dom = String::from_utf8_lossy(&dom.stdout).into_owned();
    assert!(dom.contains("<article class=\"doc\" id=\"d1\">") && dom.contains("id=\"d2\""), "both documents");
    // The highlights the JSON output says, as the browser parsed them.
    let docs = json_docs(&ok(&[QINGXI, PAGE]));
    let mut kinds = std::collections::BTreeSet::new();
    for (i, doc) in docs.iter().enumerate() {
        for (j, f) in doc["facts"].as_array().unwrap().iter().enumerate() {
            kinds.insert(f["kind"].as_str().unwrap().to_string());
            expect_mark(&dom, i, j, f, false);
        }
    }
    assert!(kinds.len() >= 4, "{kinds:?}");
    // The script ran: the legend shows a count per kind.
    for k in &kinds {
        let n = docs.iter().flat_map(|d| d["facts"].as_array().unwrap()).filter(|f| f["kind"] == k.as_str()).count();
        assert!(dom.contains(&format!("data-count=\"{k}\"> {n}</span>")), "legend count of {k}");
    }

    let png = dir.path().join("review.png");
    let shot = chromium(&profile, &["--window-size=1400,1000", &format!("--screenshot={}", png.display()), &url]);
    assert!(shot.status.success(), "chromium --screenshot failed: {}", String::from_utf8_lossy(&shot.stderr));
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    assert_eq!((width, height), (1400, 1000));
    assert!(bytes.len() > 20_000, "the screenshot is not blank ({} bytes)", bytes.len());
    if let Some(keep) = std::env::var_os("EXTRACT_SCREENSHOT") {
        std::fs::copy(&png, keep).unwrap();
    }
}
