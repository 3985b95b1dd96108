//! Shared by the `conformance_*` tests: finding and reading the peer test
//! cases (Recognizers-Text and JioNLP, JSON Lines under `../shared/peers`),
//! character offsets to byte ranges, the qualifier words of SPEC.md, and the
//! tally that prints `conformance <suite>: passed P / in-scope N (xx.x%), out
//! of scope M` and asserts the suite's threshold.
//!
//! The peer files are read at test time and never copied into the
//! repository. Where they are absent (a user's machine) each test prints
//! `skipped: ../shared/peers not found` and passes. `ZONEFACTS_SHARED` points
//! at another shared directory (the one holding `peers/`).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;
use std::str::FromStr;

use serde_json::Value;
use zonefacts::{Amount, Approx, Decimal, Quantity, Typed};

/// The `peers` directory: `$ZONEFACTS_SHARED/peers`, or
/// `$CARGO_MANIFEST_DIR/../shared/peers`. `None` when it does not exist.
pub fn peers_dir() -> Option<PathBuf> {
    let shared = match std::env::var_os("ZONEFACTS_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared"),
    };
    let peers = shared.join("peers");
    peers.is_dir().then_some(peers)
}

/// Whether the peers are there; if not, prints the skip notice for `suite`
/// (the test then returns and passes).
pub fn peers_or_skip(suite: &str) -> bool {
    let found = peers_dir().is_some();
    if !found {
        eprintln!("conformance {suite}: skipped: ../shared/peers not found");
    }
    found
}

/// The parsed lines of `peers/<rel>`, or `None` (after printing a skip
/// notice for `suite`) when the file is not there.
pub fn load(suite: &str, rel: &str) -> Option<Vec<Value>> {
    let dir = peers_dir()?;
    let path = dir.join(rel);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("conformance {suite}: skipped: {} not found", path.display());
        return None;
    };
    let cases = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: line {} is not JSON: {e}", path.display(), i + 1))
        })
        .collect();
    Some(cases)
}

/// A string field, or a clear panic naming the field.
pub fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("peer case has no string field {key:?}: {v}"))
}

/// An integer field, or a clear panic naming the field.
pub fn usize_field(v: &Value, key: &str) -> usize {
    v.get(key)
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or_else(|| panic!("peer case has no integer field {key:?}: {v}"))
}

/// The `Results` array of a Recognizers-Text case.
pub fn results(case: &Value) -> &[Value] {
    case.get("Results").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_else(|| panic!("no Results: {case}"))
}

/// Whether a Recognizers-Text case is skipped on .NET, the reference
/// implementation (`NotSupported` or `NotSupportedByDesign` names `dotnet`):
/// its expected value was never checked by any implementation.
pub fn not_supported_by_dotnet(case: &Value) -> bool {
    ["NotSupported", "NotSupportedByDesign"].iter().any(|key| {
        case.get(*key)
            .and_then(Value::as_str)
            .is_some_and(|list| list.split(',').any(|p| p.trim().eq_ignore_ascii_case("dotnet")))
    })
}

/// The label of a Recognizers-Text case in reports: `file #index "input"`.
pub fn rt_label(file: &str, case: &Value, input: &str) -> String {
    let idx = case.get("source_index").and_then(Value::as_u64).unwrap_or(0);
    format!("{file} #{idx} {input:?}")
}

/// The byte range of characters `start..end` (end exclusive) of `s`.
pub fn char_range(s: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let mut offsets = s.char_indices().map(|(b, _)| b).chain(std::iter::once(s.len()));
    let b_start = offsets.nth(start)?;
    if end < start {
        return None;
    }
    let b_end = if end == start { b_start } else { offsets.nth(end - start - 1)? };
    Some(b_start..b_end)
}

/// The byte range of a Recognizers-Text result: `Start`/`End` (inclusive) in
/// model files, `Start`/`Length` in extractor and parser files.
pub fn rt_range(input: &str, result: &Value) -> Range<usize> {
    let start = usize_field(result, "Start");
    let end = match result.get("Length") {
        Some(_) => start + usize_field(result, "Length"),
        None => usize_field(result, "End") + 1,
    };
    char_range(input, start, end).unwrap_or_else(|| panic!("result offsets {start}..{end} outside {input:?}"))
}

/// A decimal from a peer's value string, including .NET exponent forms
/// (`5E-06`, `6E-05`). Commas are not accepted.
pub fn decimal(s: &str) -> Option<Decimal> {
    let s = s.trim();
    if s.contains(['E', 'e']) { Decimal::from_scientific(s).ok() } else { Decimal::from_str(s).ok() }
}

/// SPEC.md's qualifier words that stand before a number, with their `approx`.
pub const PREFIX_QUALIFIERS: &[(&str, Approx)] = &[
    ("大约", Approx::About),
    ("近似", Approx::About),
    ("约", Approx::About),
    ("超过", Approx::MoreThan),
    ("多于", Approx::MoreThan),
    ("突破", Approx::MoreThan),
    ("超", Approx::MoreThan),
    ("逾", Approx::MoreThan),
    ("将近", Approx::LessThan),
    ("接近", Approx::LessThan),
    ("不到", Approx::LessThan),
    ("不足", Approx::LessThan),
    ("近", Approx::LessThan),
    ("至少", Approx::AtLeast),
    ("不少于", Approx::AtLeast),
    ("不低于", Approx::AtLeast),
    ("至多", Approx::AtMost),
    ("不超过", Approx::AtMost),
    ("不高于", Approx::AtMost),
];

/// SPEC.md's qualifier words that follow a number or its unit.
pub const SUFFIX_QUALIFIERS: &[(&str, Approx)] = &[
    ("左右", Approx::About),
    ("上下", Approx::About),
    ("余", Approx::MoreThan),
    ("多", Approx::MoreThan),
    ("以上", Approx::AtLeast),
    ("以下", Approx::AtMost),
    ("以内", Approx::AtMost),
];

/// How a predicted span relates to a peer's span.
#[derive(Debug, PartialEq)]
pub enum SpanFit {
    /// The same bytes.
    Exact,
    /// Ours adds one SPEC qualifier word, which implies this `approx`
    /// (`近一吨` for the peer's `一吨`): SPEC puts qualifiers in `text`.
    Qualified(Approx),
    /// Ours adds qualifiers on both sides.
    QualifiedBoth,
}

/// Whether our byte span `ours` is the peer's span `theirs`, give or take
/// SPEC.md's qualifier words (which SPEC includes in `text` and the peers
/// leave out) and any of `optional_tails` at the end of the peer's span
/// (JioNLP's `圆整`: SPEC has no rule for 整).
pub fn span_fit(input: &str, ours: Range<usize>, theirs: Range<usize>, optional_tails: &[&str]) -> Option<SpanFit> {
    if ours.start > theirs.start {
        return None;
    }
    let head = input.get(ours.start..theirs.start)?.trim();
    let head_q = if head.is_empty() { None } else { Some(PREFIX_QUALIFIERS.iter().find(|(w, _)| *w == head)?.1) };
    let tail_q = if ours.end >= theirs.end {
        let tail = input.get(theirs.end..ours.end)?.trim();
        if tail.is_empty() { None } else { Some(SUFFIX_QUALIFIERS.iter().find(|(w, _)| *w == tail)?.1) }
    } else {
        let missing = input.get(ours.end..theirs.end)?;
        if !optional_tails.contains(&missing) {
            return None;
        }
        None
    };
    Some(match (head_q, tail_q) {
        (None, None) => SpanFit::Exact,
        (Some(a), None) | (None, Some(a)) => SpanFit::Qualified(a),
        (Some(_), Some(_)) => SpanFit::QualifiedBoth,
    })
}

/// Whether two byte ranges overlap.
pub fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// What a peer case expects of one point quantity (a percentage, a
/// measure): its range in the input, its exact value and its unit.
pub struct Want<U> {
    pub range: Range<usize>,
    pub value: Decimal,
    pub unit: U,
}

/// Checks that `facts` (the `kind` facts of `input`'s document) are exactly
/// `wants`, with the span rule of [`span_fit`]: each want matched by a fact
/// of the same value and unit (and the qualifier its span implies), and no
/// other fact except inside the `dropped` (out-of-scope) ranges.
pub fn check_quantities<U: PartialEq + std::fmt::Display>(
    input: &str,
    kind: &str,
    facts: &[Typed<'_, Quantity<U>>],
    wants: &[Want<U>],
    dropped: &[Range<usize>],
) -> Result<(), String> {
    let mut used = vec![false; facts.len()];
    let mut errors = Vec::new();
    for w in wants {
        let want_text = &input[w.range.clone()];
        let found = facts
            .iter()
            .enumerate()
            .find_map(|(i, q)| span_fit(input, q.span().range(), w.range.clone(), &[]).map(|fit| (i, q, fit)));
        let Some((i, q, fit)) = found else {
            let got: Vec<_> = facts.iter().map(|q| format!("{:?}={} {}", q.text(), q.value, q.unit)).collect();
            errors.push(format!("expected {kind} {want_text:?} = {} {}, got {got:?}", w.value.normalize(), w.unit));
            continue;
        };
        if let Some(flag) = used.get_mut(i) {
            *flag = true;
        }
        if q.value != Amount::Point(w.value) || q.unit != w.unit {
            errors.push(format!(
                "{want_text:?}: expected {} {}, got {} {}",
                w.value.normalize(),
                w.unit,
                q.value,
                q.unit
            ));
        }
        if let SpanFit::Qualified(a) = fit
            && q.approx != a
        {
            errors.push(format!("{:?}: qualifier implies {}, got {}", q.text(), a.as_str(), q.approx.as_str()));
        }
    }
    for (i, q) in facts.iter().enumerate() {
        let r = q.span().range();
        if !used.get(i).copied().unwrap_or(true) && !dropped.iter().any(|d| overlaps(d, &r)) {
            errors.push(format!("unexpected {kind} {:?}={} {}", q.text(), q.value, q.unit));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors.join("; ")) }
}

/// Counts for one suite: passes, in-scope cases, out-of-scope cases by
/// reason, and the failing cases with what was expected and what came out.
pub struct Tally {
    suite: &'static str,
    passed: usize,
    in_scope: usize,
    out: BTreeMap<&'static str, usize>,
    failures: Vec<String>,
    verbose: bool,
}

impl Tally {
    /// A tally for `suite` (`money`, `dates`, …). With
    /// `ZONEFACTS_CONFORMANCE_VERBOSE=1` every case is printed with its
    /// verdict, to review the scope rules.
    pub fn new(suite: &'static str) -> Tally {
        let verbose = std::env::var_os("ZONEFACTS_CONFORMANCE_VERBOSE").is_some_and(|v| v == "1");
        Tally { suite, passed: 0, in_scope: 0, out: BTreeMap::new(), failures: Vec::new(), verbose }
    }

    /// A case outside the suite's scope, for `reason` (one of the categories
    /// in the test file's header).
    pub fn out_of_scope(&mut self, reason: &'static str, label: &str) {
        *self.out.entry(reason).or_default() += 1;
        if self.verbose {
            eprintln!("  out  [{reason}] {label}");
        }
    }

    /// Puts a Recognizers-Text case that .NET does not support out of scope
    /// (see [`not_supported_by_dotnet`]); true when it did.
    pub fn skip_unsupported(&mut self, case: &Value, label: &str) -> bool {
        let skip = not_supported_by_dotnet(case);
        if skip {
            self.out_of_scope("not supported by .NET", label);
        }
        skip
    }

    /// An in-scope case's verdict: `Ok` or the reason it failed.
    pub fn record(&mut self, label: &str, verdict: Result<(), String>) {
        self.in_scope += 1;
        match verdict {
            Ok(()) => {
                self.passed += 1;
                if self.verbose {
                    eprintln!("  pass {label}");
                }
            }
            Err(why) => {
                if self.verbose {
                    eprintln!("  FAIL {label}: {why}");
                }
                self.failures.push(format!("{label}\n      {why}"));
            }
        }
    }

    /// Prints the failures, the out-of-scope categories and the summary
    /// line, then asserts that at least `threshold` (a fraction) of the
    /// in-scope cases passed.
    pub fn finish(self, threshold: f64) {
        let mut report = String::new();
        for f in &self.failures {
            let _ = writeln!(report, "  FAIL {f}");
        }
        for (reason, n) in &self.out {
            let _ = writeln!(report, "  out of scope {n:4}  {reason}");
        }
        let out_total: usize = self.out.values().sum();
        let pct = if self.in_scope == 0 { 100.0 } else { 100.0 * self.passed as f64 / self.in_scope as f64 };
        let _ = writeln!(
            report,
            "conformance {}: passed {} / in-scope {} ({:.1}%), out of scope {}",
            self.suite, self.passed, self.in_scope, pct, out_total
        );
        eprint!("{report}");
        assert!(self.in_scope > 0, "conformance {}: no in-scope case was found", self.suite);
        assert!(
            pct >= threshold * 100.0,
            "conformance {}: {:.1}% of in-scope cases pass, below the {:.0}% threshold (run with --nocapture for the failures)",
            self.suite,
            pct,
            threshold * 100.0
        );
    }
}

/// A regex that must compile (the patterns are constants of the tests).
pub fn re(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap_or_else(|e| panic!("bad test regex {pattern:?}: {e}"))
}

/// The first rule of `rules` whose regex matches `text`: its reason.
pub fn first_rule(rules: &[(regex::Regex, &'static str)], text: &str) -> Option<&'static str> {
    rules.iter().find(|(r, _)| r.is_match(text)).map(|(_, why)| *why)
}

/// Compiles `(pattern, reason)` pairs.
pub fn rules(list: &[(&str, &'static str)]) -> Vec<(regex::Regex, &'static str)> {
    list.iter().map(|(p, why)| (re(p), *why)).collect()
}
