//! The behaviour of the library as data: every `tests/data/*.toml` file is a
//! list of cases, each a short text and the facts `Extractor` must find in
//! it, checked through the public API only.
//!
//! # Format
//!
//! ```toml
//! [[case]]
//! note = "what the case shows"                 # required
//! text = "2023年,园区新签约项目42个,总投资216亿元。"  # required
//! document_date = "2023-12-31"                 # optional: resolves 今年, 去年5月, 上半年
//! kinds = ["money", "count"]                   # optional: extract only these kinds
//! facts = [                                    # the facts that must be found
//!   { kind = "money", text = "216亿元", value = "21600000000", unit = "CNY",
//!     approx = "exact", subject = "总投资", as_of = "2023" },
//! ]
//! absent = [{ kind = "count", text = "一区十园" }]  # no fact of the kind overlaps this text
//! none = ["percent"]                           # no fact of these kinds at all
//! partial = true                               # optional: see below
//! sections = [{ title = "…", zone = "…", reporter = "甲、乙" }]  # optional
//! xfail = "why today's code gets it wrong"     # optional
//! ```
//!
//! - An expected fact is matched by `kind` and its exact `text` (the span's
//!   text as given in the input, line breaks and full-width forms included).
//!   When several facts of the kind have that text, `occurrence = n` picks
//!   the n-th of them (1-based, in reading order); without it the match
//!   must be unique.
//! - Every other field given is compared with the fact's JSON (SPEC's flat
//!   format, as the tool prints it): `value` (`"37800000000"`,
//!   `"300000000/500000000"`, `"2021-11"`), `unit`, `approx`, `subject`,
//!   `as_of`, `mod`, `relation`, `type` (platform), `change`, `target` (a
//!   bool), `zone`, `section` (an index) and, for zones, `key`, `zone_type`,
//!   `level`, `province`, `city`, `county`, `place_code`. An empty string
//!   (`subject = ""`) or `target = false` requires the field to be absent.
//!   Fields not given are not checked.
//! - For each kind that has expected facts, the list is complete: any other
//!   fact of that kind is a failure, unless the case says `partial = true`.
//! - `absent` entries fail when a fact of their kind overlaps any occurrence
//!   of their text; `none` kinds fail on any fact of the kind.
//! - `sections`, when given, must match the document's sections one for
//!   one; each may give `title`, `zone`, `zone_key`, `reporter` (the
//!   reporters joined by `、`) and `starts` (the text the section starts
//!   with). An empty string requires the field to be absent.
//! - `xfail = "why"` marks a case that today's code gets wrong by SPEC: the
//!   runner then requires that it still fails, and reports "now passes:
//!   remove xfail" when it starts to pass.
//!
//! Every case also runs under each `KindSet` that includes a kind it checks
//! in `facts`, `absent` or `none` (that kind with every subset of the other
//! six: 64 runs per kind, each extractor built once): the facts of that kind
//! must be the same, field for field, as when every kind is extracted.
//! `xfail_kind_sets = "why"` marks a case whose facts are known to depend on
//! the kind set (a library bug); like `xfail`, it must keep failing.
//!
//! A case that checks nothing, names an unknown kind or field, or whose
//! `absent` text is not in its text, is a bad case and fails, as does a
//! missing `<kind>.toml` for any kind. All failures are reported at once,
//! each with its file, case number and line, note, text, what was expected
//! and what was found.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use zonefacts::{CalendarDate, Document, Extractor, Kind, KindSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    note: String,
    text: String,
    document_date: Option<String>,
    kinds: Option<Vec<String>>,
    #[serde(default)]
    facts: Vec<Expected>,
    #[serde(default)]
    absent: Vec<Absent>,
    #[serde(default)]
    none: Vec<String>,
    #[serde(default)]
    partial: bool,
    sections: Option<Vec<ExpectedSection>>,
    xfail: Option<String>,
    xfail_kind_sets: Option<String>,
}

/// An expected fact: `kind` and `text` identify it, the other fields are
/// compared with its JSON when given.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    kind: String,
    text: String,
    occurrence: Option<usize>,
    value: Option<String>,
    unit: Option<String>,
    approx: Option<String>,
    subject: Option<String>,
    change: Option<String>,
    target: Option<bool>,
    as_of: Option<String>,
    zone: Option<String>,
    section: Option<u64>,
    #[serde(rename = "mod")]
    modifier: Option<String>,
    relation: Option<String>,
    #[serde(rename = "type")]
    platform_type: Option<String>,
    key: Option<String>,
    zone_type: Option<String>,
    level: Option<String>,
    province: Option<String>,
    city: Option<String>,
    county: Option<String>,
    place_code: Option<String>,
}

impl Expected {
    /// The fields to compare, by their JSON name.
    fn fields(&self) -> Vec<(&'static str, Value)> {
        let strings = [
            ("value", &self.value),
            ("unit", &self.unit),
            ("approx", &self.approx),
            ("subject", &self.subject),
            ("change", &self.change),
            ("as_of", &self.as_of),
            ("zone", &self.zone),
            ("mod", &self.modifier),
            ("relation", &self.relation),
            ("type", &self.platform_type),
            ("key", &self.key),
            ("zone_type", &self.zone_type),
            ("level", &self.level),
            ("province", &self.province),
            ("city", &self.city),
            ("county", &self.county),
            ("place_code", &self.place_code),
        ];
        let mut out: Vec<(&'static str, Value)> =
            strings.into_iter().filter_map(|(name, v)| v.as_ref().map(|v| (name, Value::from(v.as_str())))).collect();
        if let Some(t) = self.target {
            out.push(("target", Value::Bool(t)));
        }
        if let Some(s) = self.section {
            out.push(("section", Value::from(s)));
        }
        out
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Absent {
    kind: String,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedSection {
    starts: Option<String>,
    title: Option<String>,
    zone: Option<String>,
    zone_key: Option<String>,
    reporter: Option<String>,
}

/// Whether a JSON field satisfies an expectation: `""` and `false` stand
/// for "absent".
fn field_matches(got: Option<&Value>, want: &Value) -> bool {
    let got = got.filter(|v| !v.is_null());
    match want {
        Value::String(s) if s.is_empty() => got.is_none(),
        Value::Bool(false) => got.is_none_or(|g| g == &Value::Bool(false)),
        _ => got == Some(want),
    }
}

/// One extractor per kind set, built on first use.
struct Extractors(BTreeMap<u8, Extractor>);

impl Extractors {
    fn get(&mut self, mask: u8) -> &Extractor {
        self.0.entry(mask).or_insert_with(|| Extractor::builder().kinds(kind_set(mask)).build())
    }

    fn run<'t>(&mut self, mask: u8, text: &'t str, date: Option<CalendarDate>) -> Document<'t> {
        let ex = self.get(mask);
        match date {
            Some(d) => ex.extract_with_date(text, d),
            None => ex.extract(text),
        }
    }
}

fn kind_set(mask: u8) -> KindSet {
    Kind::ALL.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, k)| *k).collect()
}

fn bit(kind: Kind) -> u8 {
    1 << Kind::ALL.iter().position(|k| *k == kind).expect("a kind of Kind::ALL")
}

const ALL_KINDS: u8 = (1 << 7) - 1;

/// The facts of a document as JSON objects, with their kind.
fn facts_json(doc: &Document) -> Vec<Value> {
    doc.facts.iter().map(|f| serde_json::to_value(f).expect("a fact serializes")).collect()
}

fn kind_of(v: &Value) -> &str {
    v.get("kind").and_then(Value::as_str).unwrap_or("")
}

fn text_of(v: &Value) -> &str {
    v.get("text").and_then(Value::as_str).unwrap_or("")
}

fn span_of(v: &Value) -> (usize, usize) {
    let n = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0) as usize;
    (n("start"), n("end"))
}

/// A fact on one line, without its offsets.
fn show(v: &Value) -> String {
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        o.remove("start");
        o.remove("end");
    }
    v.to_string()
}

/// What is wrong with a case as written (not with the library).
fn validate(case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    if case.facts.is_empty() && case.absent.is_empty() && case.none.is_empty() && case.sections.is_none() {
        problems.push("the case checks nothing: give facts, absent, none or sections".to_string());
    }
    let kinds = case.facts.iter().map(|e| &e.kind).chain(case.absent.iter().map(|a| &a.kind)).chain(&case.none);
    for k in kinds.chain(case.kinds.iter().flatten()) {
        if k.parse::<Kind>().is_err() {
            problems.push(format!("unknown kind {k:?}"));
        }
    }
    for a in &case.absent {
        if !case.text.contains(&a.text) {
            problems.push(format!("absent {} {:?}: the text does not hold it", a.kind, a.text));
        }
    }
    if let Some(d) = &case.document_date
        && d.parse::<CalendarDate>().is_err()
    {
        problems.push(format!("bad document_date {d:?}"));
    }
    problems
}

/// Checks a case's expectations on the document of its own kind set; returns
/// what is wrong.
fn check(case: &Case, doc: &Document) -> Vec<String> {
    let mut problems = Vec::new();
    let facts = facts_json(doc);
    let mut matched: BTreeSet<usize> = BTreeSet::new();
    let mut expected_kinds: BTreeSet<String> = BTreeSet::new();
    for e in &case.facts {
        expected_kinds.insert(e.kind.clone());
        let candidates: Vec<usize> =
            (0..facts.len()).filter(|&i| kind_of(&facts[i]) == e.kind && text_of(&facts[i]) == e.text).collect();
        let pick = match (e.occurrence, candidates.len()) {
            (_, 0) => {
                problems.push(format!("missing {} {:?}", e.kind, e.text));
                continue;
            }
            (None, 1) => candidates[0],
            (None, n) => {
                problems.push(format!("{n} {} facts have the text {:?}: say which with occurrence", e.kind, e.text));
                continue;
            }
            (Some(k), n) if k == 0 || k > n => {
                problems.push(format!("{} {:?}: occurrence {k}, but {n} such facts", e.kind, e.text));
                continue;
            }
            (Some(k), _) => candidates[k - 1],
        };
        matched.insert(pick);
        let got = &facts[pick];
        for (name, want) in e.fields() {
            if !field_matches(got.get(name), &want) {
                let shown = got.get(name).map_or("(none)".to_string(), Value::to_string);
                problems.push(format!("{} {:?}: {name} is {shown}, expected {want}", e.kind, e.text));
            }
        }
    }
    if !case.partial {
        for (i, f) in facts.iter().enumerate() {
            if expected_kinds.contains(kind_of(f)) && !matched.contains(&i) {
                problems.push(format!("unexpected {} {:?}", kind_of(f), text_of(f)));
            }
        }
    }
    for a in &case.absent {
        let spans: Vec<(usize, usize)> = case.text.match_indices(&a.text).map(|(s, t)| (s, s + t.len())).collect();
        for f in facts.iter().filter(|f| kind_of(f) == a.kind) {
            let (s, e) = span_of(f);
            if spans.iter().any(|&(a0, a1)| s < a1 && a0 < e) {
                problems.push(format!("{} {:?} overlaps {:?}, which is not a {}", a.kind, text_of(f), a.text, a.kind));
            }
        }
    }
    for k in &case.none {
        for f in facts.iter().filter(|f| kind_of(f) == k) {
            problems.push(format!("unexpected {k} {:?} (none expected)", text_of(f)));
        }
    }
    if let Some(want) = &case.sections {
        check_sections(&case.text, doc, want, &mut problems);
    }
    problems
}

fn check_sections(text: &str, doc: &Document, want: &[ExpectedSection], problems: &mut Vec<String>) {
    if doc.sections.len() != want.len() {
        problems.push(format!("{} sections, expected {}", doc.sections.len(), want.len()));
    }
    for (i, (got, w)) in doc.sections.iter().zip(want).enumerate() {
        let json = serde_json::to_value(got).expect("a section serializes");
        let fields = [("title", &w.title), ("zone", &w.zone), ("zone_key", &w.zone_key), ("reporter", &w.reporter)];
        for (name, want) in fields {
            if let Some(want) = want
                && !field_matches(json.get(name), &Value::from(want.as_str()))
            {
                let shown = json.get(name).map_or("(none)".to_string(), Value::to_string);
                problems.push(format!("section {i}: {name} is {shown}, expected {want:?}"));
            }
        }
        if let Some(starts) = &w.starts
            && !text.get(got.span.start..).is_some_and(|r| r.starts_with(starts.as_str()))
        {
            let at: String = text.get(got.span.start..).unwrap_or("").chars().take(12).collect();
            problems.push(format!("section {i} starts at {at:?}, expected {starts:?}"));
        }
    }
}

/// The mask of the kinds a case checks.
fn checked_kinds(case: &Case) -> u8 {
    let names = case.facts.iter().map(|e| &e.kind).chain(case.absent.iter().map(|a| &a.kind)).chain(&case.none);
    names.filter_map(|n| n.parse::<Kind>().ok()).fold(0, |m, k| m | bit(k))
}

/// Runs the case under every kind set that includes a kind it checks and
/// compares that kind's facts with `full` (every kind extracted).
fn check_kind_sets(case: &Case, date: Option<CalendarDate>, full: &[Value], ex: &mut Extractors) -> Vec<String> {
    let checked = checked_kinds(case);
    let mut out = Vec::new();
    for (i, kind) in Kind::ALL.iter().enumerate() {
        if checked & (1 << i) == 0 {
            continue;
        }
        let want: Vec<&Value> = full.iter().filter(|f| kind_of(f) == kind.as_str()).collect();
        let others = ALL_KINDS & !(1 << i);
        // Every subset of the other kinds, with this kind added.
        let mut sub = others;
        loop {
            let mask = sub | (1 << i);
            if mask != ALL_KINDS {
                let doc = ex.run(mask, &case.text, date);
                let got = facts_json(&doc);
                let got: Vec<&Value> = got.iter().filter(|f| kind_of(f) == kind.as_str()).collect();
                if got != want {
                    let set: Vec<&str> = kind_set(mask).iter().map(Kind::as_str).collect();
                    let mut m = format!("{kind} facts differ under kinds [{}]:\n", set.join(","));
                    for f in &want {
                        let _ = writeln!(m, "        all kinds: {}", show(f));
                    }
                    for f in &got {
                        let _ = writeln!(m, "        this set:  {}", show(f));
                    }
                    out.push(m.trim_end().to_string());
                    break;
                }
            }
            if sub == 0 {
                break;
            }
            sub = (sub - 1) & others;
        }
    }
    out
}

/// The table of zone mentions and their identity.
const IDENTITY_TABLE: &str = "zone_identity.toml";

fn data_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        // The zone identity table has its own runner (`zone_identity`).
        .filter(|p| !p.ends_with(IDENTITY_TABLE))
        .collect();
    files.sort();
    files
}

/// Where a case is: its file, its number there (1-based) and its line.
type At<'a> = (&'a str, usize, Option<usize>);

fn report(out: &mut String, (file, idx, line): At, case: &Case, doc: &Document, title: &str, problems: &[String]) {
    let line = line.map(|l| format!(" (line {l})")).unwrap_or_default();
    let _ = writeln!(out, "\n{file} case {idx}{line}: {title}\n    note: {}\n    text: {:?}", case.note, case.text);
    for p in problems {
        let _ = writeln!(out, "    - {p}");
    }
    let kinds = checked_kinds(case);
    let got: Vec<String> = facts_json(doc)
        .iter()
        .filter(|f| kind_of(f).parse::<Kind>().is_ok_and(|k| kinds & bit(k) != 0))
        .map(show)
        .collect();
    if !got.is_empty() {
        let _ = writeln!(out, "    got:");
        for g in got {
            let _ = writeln!(out, "        {g}");
        }
    }
}

/// Reports `problems` unless they are expected (`xfail` given), and
/// reports an expected failure that did not happen.
fn expect(
    out: &mut String,
    (at, case, doc): (At, &Case, &Document),
    xfail: Option<&str>,
    marker: &str,
    title: &str,
    problems: &[String],
) {
    match xfail {
        Some(why) if problems.is_empty() => {
            let msg = [format!("now passes: remove {marker} ({why})")];
            report(out, at, case, doc, "XPASS", &msg);
        }
        Some(_) => {}
        None if !problems.is_empty() => report(out, at, case, doc, title, problems),
        None => {}
    }
}

#[test]
fn cases() {
    let mut ex = Extractors(BTreeMap::new());
    let mut failures = String::new();
    let (mut n_cases, mut n_failed, mut n_xfail) = (0, 0, 0);
    let mut per_file = Vec::new();
    for path in data_files() {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let file: File = toml::from_str(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        per_file.push(format!("{name} {}", file.case.len()));
        // The line of each `[[case]]` header, to point at a failing case.
        let lines: Vec<usize> =
            src.lines().enumerate().filter(|(_, l)| l.trim() == "[[case]]").map(|(i, _)| i + 1).collect();
        let lines = if lines.len() == file.case.len() { lines } else { Vec::new() };
        for (i, case) in file.case.iter().enumerate() {
            let at = (name.as_str(), i + 1, lines.get(i).copied());
            n_cases += 1;
            let bad = validate(case);
            if !bad.is_empty() {
                report(&mut failures, at, case, &Document::default(), "bad case", &bad);
                n_failed += 1;
                continue;
            }
            let date = case.document_date.as_deref().and_then(|d| d.parse::<CalendarDate>().ok());
            let mask = match &case.kinds {
                None => ALL_KINDS,
                Some(ks) => ks.iter().filter_map(|k| k.parse().ok()).fold(0, |m, k| m | bit(k)),
            };
            let full = ex.run(ALL_KINDS, &case.text, date);
            let doc = if mask == ALL_KINDS { full.clone() } else { ex.run(mask, &case.text, date) };
            let problems = check(case, &doc);
            let kind_sets = check_kind_sets(case, date, &facts_json(&full), &mut ex);
            let before = failures.len();
            n_xfail += usize::from(case.xfail.is_some() || case.xfail_kind_sets.is_some());
            let title = "facts depend on the kind set";
            expect(&mut failures, (at, case, &doc), case.xfail.as_deref(), "xfail", "FAIL", &problems);
            expect(
                &mut failures,
                (at, case, &full),
                case.xfail_kind_sets.as_deref(),
                "xfail_kind_sets",
                title,
                &kind_sets,
            );
            n_failed += usize::from(failures.len() > before);
        }
    }
    eprintln!("cases: {n_cases} in {} ({n_xfail} xfail)", per_file.join(", "));
    for kind in Kind::ALL {
        let want = format!("{kind}.toml ");
        assert!(per_file.iter().any(|f| f.starts_with(&want)), "tests/data/{kind}.toml is missing");
    }
    assert!(failures.is_empty(), "{n_failed} of {n_cases} cases failed:\n{failures}");
}

/// One mention of the zone identity table (`tests/data/zone_identity.toml`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Mention {
    name: String,
    key: String,
    #[serde(rename = "type")]
    zone_type: String,
    level: Option<String>,
    province: Option<String>,
    city: Option<String>,
    county: Option<String>,
    code: Option<u32>,
    /// Why the extractor does not find this mention as written (the
    /// identity itself is still checked by `identity::tests`).
    xfail: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IdentityTable {
    zone: Vec<Mention>,
}

/// The zone identity table through the public API: each mention, written in
/// a sentence of its own, is one zone fact with the table's identity.
#[test]
fn zone_identity() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(IDENTITY_TABLE);
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let table: IdentityTable = toml::from_str(&src).unwrap_or_else(|e| panic!("{IDENTITY_TABLE}: {e}"));
    let ex = Extractor::new();
    let mut failures = Vec::new();
    for m in &table.zone {
        let text = format!("{}今年新增企业12家。", m.name);
        let doc = ex.extract(&text);
        let zones: Vec<Value> = facts_json(&doc).into_iter().filter(|f| kind_of(f) == "zone").collect();
        let want: Vec<(&str, Value)> = [
            ("key", Some(m.key.as_str())),
            ("zone_type", Some(m.zone_type.as_str())),
            ("level", m.level.as_deref()),
            ("province", m.province.as_deref()),
            ("city", m.city.as_deref()),
            ("county", m.county.as_deref()),
        ]
        .into_iter()
        .map(|(k, v)| (k, Value::from(v.unwrap_or(""))))
        .chain([("place_code", Value::from(m.code.map(|c| c.to_string()).unwrap_or_default()))])
        .collect();
        // A level word that opens a mention stands before the zone's name
        // (`国家级宁波经济技术开发区` names 宁波经济技术开发区, national).
        let name = ["国家级", "省级"].iter().find_map(|w| m.name.strip_prefix(w)).unwrap_or(&m.name);
        let mut problems = Vec::new();
        match zones.as_slice() {
            [z] if text_of(z) == name => {
                for (k, v) in &want {
                    if !field_matches(z.get(*k), v) {
                        problems.push(format!(
                            "{k} is {}, expected {v}",
                            z.get(*k).map_or("(none)".into(), Value::to_string)
                        ));
                    }
                }
            }
            _ => problems.push(format!("zones found: {:?}", zones.iter().map(text_of).collect::<Vec<_>>())),
        }
        match (&m.xfail, problems.is_empty()) {
            (Some(why), true) => failures.push(format!("{}: now passes: remove xfail ({why})", m.name)),
            (None, false) => failures.push(format!("{}: {}", m.name, problems.join("; "))),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{} of {} mentions:\n{}", failures.len(), table.zone.len(), failures.join("\n"));
}
