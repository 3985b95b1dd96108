//! Tests of the `zonefacts` binary: every output format, every input and
//! encoding path, the options and each error message. The articles under
//! `tests/fixtures/` are made up for these tests.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::Value;
use zonefacts::{Document, Extractor};

/// What the library itself gives for a text, as JSON.
fn library_doc(text: &str) -> Value {
    serde_json::to_value(Extractor::new().extract(text)).unwrap()
}

fn names(out: &str) -> Vec<String> {
    jsonl_docs(out).iter().map(|d| d["file"].as_str().unwrap().to_string()).collect()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

// ---- formats ----

#[test]
fn json_is_the_library_serialization_with_file_and_encoding() {
    let out = ok(&[QINGXI, PAGE]);
    let docs = json_docs(&out);
    assert_eq!(docs.len(), 2);
    for (doc, (name, path)) in docs.iter().zip([("qingxi.txt", QINGXI), ("page.md", PAGE)]) {
        let text = read(path);
        assert_eq!(doc["file"], name);
        assert_eq!(doc["encoding"], "utf-8");
        assert!(doc.get("markup").is_none() && doc.get("text").is_none());
        check_record(doc, &text);
        let lib = library_doc(&text);
        assert_eq!(doc["facts"], lib["facts"]);
        assert_eq!(doc["sections"], lib["sections"]);
        // And it reads back into the library's types.
        let back: Document = serde_json::from_value(facts_only(doc)).expect("deserializes to a Document");
        assert_eq!(back, Extractor::new().extract(&text));
        assert!(!back.facts.is_empty());
    }
    assert!(out.starts_with("{\n  \"file\": \"qingxi.txt\",\n  \"encoding\": \"utf-8\","), "pretty printed: {out:.80}");
}

#[test]
fn jsonl_is_one_line_per_input_in_sorted_order() {
    let out = ok(&["--format", "jsonl", FIXTURES]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    for l in &lines {
        assert!(l.starts_with("{\"file\":"), "file comes first: {l:.40}");
    }
    assert_eq!(names(&out), ["page.md", "qingxi.txt"]);
    for doc in jsonl_docs(&out) {
        check_record(&doc, &read(&format!("{FIXTURES}/{}", doc["file"].as_str().unwrap())));
    }
    // ndjson is another name for it, and format names take any case.
    assert_eq!(ok(&["-f", "NDJSON", FIXTURES]), out);
}

#[test]
fn with_text_adds_the_text_read() {
    let doc = &jsonl_docs(&ok(&["-f", "jsonl", "--with-text", QINGXI]))[0];
    assert_eq!(doc["text"].as_str(), Some(read(QINGXI).as_str()));
    let pretty = &json_docs(&ok(&["--with-text", PAGE]))[0];
    assert_eq!(pretty["text"].as_str(), Some(read(PAGE).as_str()));
}

/// The CSV value of a JSON field.
fn s(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
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
            header,
            [
                "file", "section", "zone", "kind", "text", "value", "unit", "approx", "subject", "change", "target",
                "as_of", "start", "end", "type", "mod", "relation", "key", "zone_type", "level", "province", "city",
                "county", "place_code", "section_zone"
            ]
        );
        let rows: Vec<BTreeMap<String, String>> = rdr.deserialize().map(|r| r.expect("CSV row")).collect();
        let mut expected = Vec::new();
        for doc in &json {
            for f in doc["facts"].as_array().unwrap() {
                let section = &doc["sections"][f["section"].as_u64().unwrap() as usize];
                let mut row = BTreeMap::new();
                row.insert("file".to_string(), s(&doc["file"]));
                // The zone the figure is about, never its section's.
                row.insert("zone".to_string(), f.get("zone").map(s).unwrap_or_default());
                let numeric = f.get("approx").is_some();
                let target = f.get("target").and_then(Value::as_bool).unwrap_or(false);
                row.insert("target".to_string(), if numeric { target.to_string() } else { String::new() });
                let szone = if section["zone_key"].is_string() { &section["zone_key"] } else { &section["zone"] };
                row.insert("section_zone".to_string(), s(szone));
                for k in [
                    "section", "kind", "text", "value", "unit", "approx", "subject", "change", "as_of", "start", "end",
                    "type", "mod", "relation", "key", "zone_type", "level", "province", "city", "county", "place_code",
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
        assert!(rows.iter().any(|r| r["kind"] == "zone" && !r["key"].is_empty() && !r["zone_type"].is_empty()));
        assert!(rows.iter().filter(|r| r["kind"] == "money").all(|r| r["target"] == "true" || r["target"] == "false"));
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
        assert!(cols.len() >= 12);
        assert!(lines[r - 1].contains("change") && lines[r - 1].contains("target") && lines[r - 1].contains("zone"));
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
    assert!(out.contains("key=青溪高新区"), "a zone's identity in the last column");
}

#[test]
fn table_snapshot() {
    let out = ok(&["-f", "table", "--kinds", "money,count,percent,date", QINGXI]);
    let snap = dir().join(FIXTURES).join("qingxi.table.snap");
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

// ---- encodings ----

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn the_same_facts_from_every_encoding() {
    let text = read(QINGXI);
    let dir = tempfile::tempdir().unwrap();
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let gbk_text = "2023年,园区新增企业32家,总投资5亿元。";
    let (gbk, _, _) = encoding_rs::GBK.encode(gbk_text);
    let files = [
        ("a_utf8.txt", text.as_bytes().to_vec(), "utf-8"),
        ("b_gb18030.txt", gb.to_vec(), "gb18030"),
        ("c_utf16le.txt", utf16(&text, true), "utf-16le"),
        ("d_utf16be.txt", utf16(&text, false), "utf-16be"),
    ];
    let mut paths = Vec::new();
    for (name, bytes, _) in &files {
        paths.push(write(dir.path(), name, bytes));
    }
    let out = ok(&["-f", "jsonl", dir.path().to_str().unwrap()]);
    let docs = jsonl_docs(&out);
    assert_eq!(docs.len(), 4);
    let reference = facts_only(&docs[0]);
    assert!(!reference["facts"].as_array().unwrap().is_empty());
    for (doc, (name, _, encoding)) in docs.iter().zip(&files) {
        assert_eq!(doc["file"], *name);
        assert_eq!(doc["encoding"], *encoding, "{name}");
        // Offsets are into the decoded UTF-8 text: the same as the UTF-8 file's.
        assert_eq!(facts_only(doc), reference, "{name}");
        check_record(doc, &text);
    }

    // GBK is read as GB18030 (it is a subset); named, it is read as GBK.
    let gbk_path = write(dir.path(), "gbk/report.txt", &gbk);
    let auto = &jsonl_docs(&ok(&["-f", "jsonl", &gbk_path]))[0];
    assert_eq!(auto["encoding"], "gb18030");
    check_record(auto, gbk_text);
    let named = &jsonl_docs(&ok(&["-f", "jsonl", "--encoding", "GBK", &gbk_path]))[0];
    assert_eq!(named["encoding"], "gbk");
    assert_eq!(facts_only(named), facts_only(auto));
    // And from standard input.
    let out = run_with_stdin(&["-f", "jsonl"], Some(&gbk));
    assert_eq!(facts_only(&jsonl_docs(&stdout(&out))[0]), facts_only(auto));
}

#[test]
fn utf8_bom_is_kept_so_offsets_are_the_files_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("\u{feff}{}", read(QINGXI));
    let p = write(dir.path(), "bom.txt", &text);
    let doc = &jsonl_docs(&ok(&["-f", "jsonl", &p]))[0];
    assert_eq!(doc["encoding"], "utf-8");
    check_record(doc, &text);
    assert_eq!(doc["facts"][0]["start"].as_u64(), Some(3));
}

#[test]
fn encoding_errors_name_the_file_and_the_byte_offset_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "a_good.txt", read(QINGXI));
    // UTF-8 with a stray byte after some Chinese text: damaged UTF-8, not GB18030.
    let mut damaged = "总投资216亿元。".as_bytes().to_vec();
    let damaged_at = damaged.len();
    damaged.push(0x80);
    damaged.extend_from_slice("新增企业32家。".as_bytes());
    let damaged = write(dir.path(), "b_damaged.txt", &damaged);
    // Neither UTF-8 nor GB18030 (0xFF never is).
    let mut neither = b"ab".to_vec();
    neither.extend_from_slice(&[0xFF, 0xFE, 0x41]);
    let neither = write(dir.path(), "c_neither.txt", &neither);
    // UTF-16 announced by its BOM, with an unpaired surrogate.
    let mut bad16 = utf16("园区", true);
    let bad16_at = bad16.len();
    bad16.extend_from_slice(&[0x00, 0xDC, 0x41, 0x00]);
    let bad16 = write(dir.path(), "d_utf16.txt", &bad16);
    let last = write(dir.path(), "e_last.md", "截至2023年底,园区企业达1200家。");
    let missing = dir.path().join("missing.txt").to_str().unwrap().to_string();

    for format in ["jsonl", "json", "csv", "table", "html"] {
        let out = run(&["-f", format, &good, &missing, &damaged, &neither, &bad16, &last]);
        assert_eq!(out.status.code(), Some(1), "{format}: exit status");
        let err = stderr(&out);
        assert!(err.contains(&format!("zonefacts: {missing}: No such file or directory")), "{format}: {err}");
        assert!(
            err.contains(&format!(
                "zonefacts: {damaged}: input is not valid UTF-8 at byte offset {damaged_at} (the text before it is UTF-8"
            )),
            "{format}: {err}"
        );
        assert!(
            err.contains(&format!(
                "zonefacts: {neither}: input is neither UTF-8 (bad byte at offset 2) nor GB18030 (bad byte at offset 2); \
                 name its encoding with --encoding"
            )),
            "{format}: {err}"
        );
        assert!(
            err.contains(&format!("zonefacts: {bad16}: input is not valid UTF-16LE at byte offset {bad16_at}")),
            "{format}: {err}"
        );
        let text = stdout(&out);
        assert!(text.contains("a_good.txt") && text.contains("e_last.md"), "{format}: others still output");
    }
    // A named encoding is decoded strictly too.
    let out = run(&["--encoding", "gb18030", &neither]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("input is not valid GB18030 at byte offset 2"), "{}", stderr(&out));
    let out = run(&["--encoding", "utf-8", &damaged]);
    assert!(stderr(&out).contains(&format!("input is not valid UTF-8 at byte offset {damaged_at}\n")));
    // The same from a directory, in parallel.
    let out = run(&["-f", "jsonl", "--threads", "3", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(names(&stdout(&out)), ["a_good.txt", "e_last.md"]);
}

#[test]
fn unknown_encoding_is_a_usage_error() {
    let out = run(&["--encoding", "klingon", QINGXI]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown encoding \"klingon\""), "{}", stderr(&out));
}

// ---- inputs ----

#[test]
fn standard_input_when_no_file_is_named() {
    let text = "今年上半年,园区完成固定资产投资约85.3亿元,新增企业120余家。";
    for args in [vec!["-f", "jsonl"], vec!["-f", "jsonl", "-"]] {
        let out = run_with_stdin(&args, Some(text.as_bytes()));
        assert!(out.status.success(), "{}", stderr(&out));
        let doc = &jsonl_docs(&stdout(&out))[0];
        assert_eq!(doc["file"], "-");
        check_record(doc, text);
        assert!(!doc["facts"].as_array().unwrap().is_empty());
    }
    // GB18030 on standard input.
    let (gb, _, _) = encoding_rs::GB18030.encode(text);
    let out = run_with_stdin(&["-f", "jsonl"], Some(&gb));
    let doc = &jsonl_docs(&stdout(&out))[0];
    assert_eq!(doc["encoding"], "gb18030");
    check_record(doc, text);
    // An HTML page on standard input is recognized.
    let page = format!("<!DOCTYPE html><html><body><p>{text}</p></body></html>");
    let out = run_with_stdin(&["-f", "jsonl", "--with-text"], Some(page.as_bytes()));
    let doc = &jsonl_docs(&stdout(&out))[0];
    assert_eq!((doc["markup"].as_str(), doc["text"].as_str()), (Some("html"), Some(text)));
    // Standard input twice is refused.
    let out = run(&["-", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("standard input (-) given more than once"));
}

#[test]
fn no_input_on_a_terminal_is_a_usage_error() {
    // `script` gives the tool a terminal for standard input.
    if Command::new("script").arg("--version").output().is_err() {
        println!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log");
    let cmd = format!("{} -f jsonl; echo \"status=$?\"", tool().display());
    let out = Command::new("script")
        .args(["-qec", &cmd, log.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("no input given: name files or directories, or pipe text to standard input"), "{text}");
    assert!(text.contains("status=2"), "{text}");
}

#[test]
fn html_files_and_any_case_extensions_from_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html><html><head><title>不是正文 总投资9亿元</title><script>var x='总投资8亿元';</script></head>\
                <body><h1>青溪高新区：产业加速</h1><p>2023年,青溪高新区新签约项目42个,总投资216&#20159;元。</p>\
                <p>园区营业收入达143.3\n亿元,同比增长8.6%。</p></body></html>";
    write(dir.path(), "a.html", page);
    write(dir.path(), "B.HTM", page);
    write(dir.path(), "c.TXT", read(QINGXI));
    write(dir.path(), "d.Md", read(PAGE));
    write(dir.path(), "notes.pdf", "%PDF");
    let out = ok(&["-f", "jsonl", "--with-text", dir.path().to_str().unwrap()]);
    let docs = jsonl_docs(&out);
    assert_eq!(names(&out), ["B.HTM", "a.html", "c.TXT", "d.Md"]);
    for doc in &docs[..2] {
        assert_eq!(doc["markup"], "html");
        let text = doc["text"].as_str().unwrap();
        assert_eq!(
            text,
            "青溪高新区：产业加速\n2023年,青溪高新区新签约项目42个,总投资216亿元。\n园区营业收入达143.3 亿元,同比增长8.6%。"
        );
        // Offsets point into the text taken from the page.
        check_record(doc, text);
        let values: Vec<&str> = doc["facts"].as_array().unwrap().iter().filter_map(|f| f["value"].as_str()).collect();
        assert!(values.contains(&"21600000000") && values.contains(&"14330000000"), "{values:?}");
        assert!(!values.contains(&"900000000") && !values.contains(&"800000000"), "head and script are not text");
    }
    assert!(docs[2].get("markup").is_none());
    check_record(&docs[3], &read(PAGE));
}

#[test]
fn a_directory_with_nothing_to_read_is_named_with_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("scans");
    write(&empty, "a.pdf", "%PDF");
    write(&empty, "b.pdf", "%PDF");
    write(&empty, "sub/c.docx", "PK");
    write(&empty, "README", "x");
    let e = empty.to_str().unwrap();
    let out = run(&["-f", "jsonl", e]);
    assert_eq!(out.status.code(), Some(1), "nothing was processed");
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "zonefacts: warning: {e}: no file to read in this directory: it holds 2 .pdf files, \
             1 file without an extension, 1 .docx file (read are .txt, .md, .html, .htm)"
        )),
        "{err}"
    );
    assert!(err.contains("zonefacts: no input could be processed"), "{err}");
    assert!(out.stdout.is_empty());
    // With other inputs, a warning only.
    let out = run(&["-f", "jsonl", e, QINGXI]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("it holds 2 .pdf files"));
    assert_eq!(names(&stdout(&out)), ["qingxi.txt"]);
    // An empty directory.
    let nothing = dir.path().join("nothing");
    std::fs::create_dir(&nothing).unwrap();
    let out = run(&[nothing.to_str().unwrap()]);
    assert!(stderr(&out).contains("no file to read in this directory: it is empty"), "{}", stderr(&out));
    // With --jsonl-field, .jsonl files are wanted.
    let out = run(&["--jsonl-field", "text", e]);
    assert!(stderr(&out).contains("(read are .jsonl, .ndjson)"), "{}", stderr(&out));
}

// ---- options ----

#[test]
fn kinds_any_case_and_the_valid_names_in_the_error() {
    let out = ok(&["-f", "jsonl", "--kinds", "money,Count", QINGXI]);
    let kinds: Vec<String> = jsonl_docs(&out)[0]["facts"].as_array().unwrap().iter().map(|f| s(&f["kind"])).collect();
    assert!(kinds.contains(&"money".into()) && kinds.contains(&"count".into()));
    assert!(kinds.iter().all(|k| k == "money" || k == "count"), "{kinds:?}");
    let out = run(&["--kinds", "money,cash", QINGXI]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "unknown kind \"cash\"; the kinds are money, count, measure, percent, date, platform, zone (or all)"
        ),
        "{err}"
    );
    assert!(err.contains("try '--help'"), "{err}");
}

#[test]
fn bad_options_exit_2_with_usage() {
    for (args, says) in [
        (vec!["--bogus", QINGXI], "unexpected argument '--bogus'"),
        (vec!["--format", "xml", QINGXI], "invalid value 'xml'"),
        (vec!["--format"], "a value is required"),
        (vec!["--date", "2023-02-30", QINGXI], "\"2023-02-30\" is not a date YYYY-MM-DD"),
        (vec!["--kinds", "", QINGXI], "no kind given"),
        (vec!["--threads", "many", QINGXI], "invalid value 'many'"),
        (vec!["--bom", QINGXI], "--bom applies to --format csv only"),
        (vec!["-f", "csv", "--with-text", QINGXI], "--with-text applies to --format json and jsonl only"),
        (vec!["--date-field", "date", QINGXI], "--jsonl-field"),
        (vec!["--jsonl-field", "", QINGXI], "empty field name"),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(err.contains("Usage: zonefacts") || err.contains("try '--help'"), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
    let help = run(&["--help"]);
    assert!(help.status.success());
    for option in ["--jsonl-field", "--date-field", "--encoding", "--with-text", "--threads", "GB18030"] {
        assert!(stdout(&help).contains(option), "--help mentions {option}");
    }
    let version = run(&["--version"]);
    assert!(version.status.success() && stdout(&version).starts_with("zonefacts "));
}

#[test]
fn document_date() {
    let text = "今年上半年,园区完成固定资产投资约85.3亿元。";
    let out = run_with_stdin(&["-f", "jsonl", "--kinds", "money,date", "--date", "2024-07-15"], Some(text.as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &jsonl_docs(&stdout(&out))[0];
    let date = doc["facts"].as_array().unwrap().iter().find(|f| f["kind"] == "date").expect("a date");
    assert_eq!(date["value"], "2024-H1", "resolved with --date: {date}");
}

#[test]
fn jsonl_field_input_with_per_record_dates() {
    let dir = tempfile::tempdir().unwrap();
    let a = "2023年,青溪高新区新签约项目42个,总投资216亿元。";
    let b = "园区\"绿化覆盖率\"超四成。\n新增企业32家。";
    let dated = "今年上半年,园区营业收入52亿元。";
    let mut data = String::new();
    for rec in [
        serde_json::json!({"id": "art-1", "text": a}),
        serde_json::json!({"file": "b.txt", "text": b, "title": "x"}),
        serde_json::json!({"id": "dated", "text": dated, "date": "2022-08-01T09:30:00+08:00"}),
        serde_json::json!({"id": "bad-date", "text": dated, "date": "last spring"}),
    ] {
        data.push_str(&rec.to_string());
        data.push('\n');
    }
    data.push('\n');
    data.push_str(&serde_json::json!({"text": "研发人员约2400人。"}).to_string());
    data.push('\n');
    data.push_str("{\"body\": \"no text field\"}\n");
    data.push_str("not json\n");
    data.push_str("[1, 2]\n");
    data.push_str("{\"text\": 5}\n");
    let mut bytes = data.into_bytes();
    let bad_offset = bytes.len() + "{\"text\": \"".len();
    bytes.extend_from_slice(b"{\"text\": \"\xff\"}\n");
    bytes.extend_from_slice(serde_json::json!({"id": 7, "text": "增长8.6%"}).to_string().as_bytes());
    let path = write(dir.path(), "archive.jsonl", &bytes);

    let out = run(&["-f", "jsonl", "--jsonl-field", "text", "--date-field", "date", "--date", "2024-01-01", &path]);
    assert_eq!(out.status.code(), Some(1), "bad records make the exit status non-zero");
    let docs = jsonl_docs(&stdout(&out));
    assert_eq!(names(&stdout(&out)), ["art-1", "b.txt", "dated", "bad-date", "archive.jsonl:6", "7"]);
    for (doc, text) in docs.iter().zip([a, b, dated, dated, "研发人员约2400人。", "增长8.6%"]) {
        check_record(doc, text);
        assert!(!doc["facts"].as_array().unwrap().is_empty());
    }
    let date_of = |doc: &Value| {
        doc["facts"].as_array().unwrap().iter().find(|f| f["kind"] == "date").map(|f| s(&f["value"])).unwrap()
    };
    assert_eq!(date_of(&docs[2]), "2022-H1", "the record's own date");
    assert_eq!(date_of(&docs[3]), "2024-H1", "--date for a record whose date does not parse");
    let err = stderr(&out);
    for line in [
        "zonefacts: warning: archive.jsonl:4: field \"date\" is \"last spring\", not a date YYYY-MM-DD: extracted without it",
        "zonefacts: archive.jsonl:7: no field \"text\"",
        "zonefacts: archive.jsonl:8: invalid JSON",
        "zonefacts: archive.jsonl:9: not a JSON object",
        "zonefacts: archive.jsonl:10: field \"text\" is not a string",
    ] {
        assert!(err.contains(line), "{line}\n{err}");
    }
    assert!(
        err.contains(&format!("zonefacts: archive.jsonl:11: input is not valid UTF-8 at byte offset {bad_offset}")),
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
        let sub = if i % 3 == 0 { "sub/" } else { "" };
        write(dir.path(), &format!("{sub}{i:02}.txt"), &texts[i % 2]);
    }
    write(dir.path(), "ignored.json", "{}");
    let d = dir.path().to_str().unwrap();
    let one = ok(&["-f", "jsonl", "-j", "1", d]);
    // The default for a directory: every core.
    assert_eq!(ok(&["-f", "jsonl", d]), one);
    assert_eq!(ok(&["-f", "jsonl", "--threads", "4", d]), one);
    assert_eq!(ok(&["-f", "jsonl", "-j", "0", d]), one);
    let names = names(&one);
    assert_eq!(names.len(), 24);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "sorted by path");
    assert!(names.contains(&"sub/00.txt".to_string()));
    // No progress bar when stderr is not a terminal.
    let out = run(&["-f", "csv", "--threads", "2", d]);
    assert!(out.status.success() && out.stderr.is_empty());
}

#[test]
fn output_file_and_unwritable_output() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.jsonl");
    let out = run(&["-f", "jsonl", "-o", target.to_str().unwrap(), QINGXI]);
    assert!(out.status.success() && out.stdout.is_empty());
    assert_eq!(names(&std::fs::read_to_string(&target).unwrap()), ["qingxi.txt"]);
    let nowhere = dir.path().join("no/such/dir/out.csv");
    let out = run(&["-f", "csv", "-o", nowhere.to_str().unwrap(), QINGXI]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!("zonefacts: {}: No such file or directory", nowhere.display())));
}

#[test]
fn never_panics_on_odd_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let pieces: [&[u8]; 14] = [
        "亿元".as_bytes(),
        b"<p>",
        b"</script>",
        b"&#x4ebf;",
        b"&",
        b"<!--",
        b"\xff",
        b"\xfe\xff",
        b"\x81\x30",
        b"\r\n",
        b"12.5",
        "截至2023年".as_bytes(),
        b"\0",
        "“".as_bytes(),
    ];
    for i in 0..40 {
        let mut bytes = Vec::new();
        for _ in 0..(next() % 200) {
            bytes.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
        }
        let ext = ["txt", "html", "md"][i % 3];
        write(dir.path(), &format!("{i:02}.{ext}"), &bytes);
    }
    for format in ["jsonl", "csv", "table", "html"] {
        let out = run(&["-f", format, dir.path().to_str().unwrap()]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{format}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{format}: {}", stderr(&out));
    }
}
