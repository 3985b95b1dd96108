//! The invariants every [`Document`] must satisfy, whatever the input.
//!
//! Shared by the property tests, the adversarial tests, the regression tests
//! and the fuzz targets (which include this file with `#[path]`), so that all
//! of them check the same thing, not just "no panic".
#![allow(dead_code)]

use zonefacts::date::DateValue;
use zonefacts::{Amount, Detail, Document, Fact, Kind};

/// Checks every invariant of `doc`, extracted from `input`. Returns the first
/// violation as a message naming the fact.
pub fn check(input: &str, doc: &Document) -> Result<(), String> {
    check_sections(input, doc)?;
    let mut prev: Option<&Fact> = None;
    for (i, fact) in doc.facts.iter().enumerate() {
        check_fact(input, doc, fact).map_err(|e| format!("fact {i} {:?} {:?}: {e}", fact.kind(), fact.text))?;
        if let Some(p) = prev {
            let ordered =
                p.span.start < fact.span.start || (p.span.start == fact.span.start && p.span.end >= fact.span.end);
            if !ordered {
                return Err(format!(
                    "facts {} and {i} out of order: {:?} {:?} then {:?} {:?}",
                    i - 1,
                    p.span,
                    p.text,
                    fact.span,
                    fact.text
                ));
            }
        }
        prev = Some(fact);
    }
    let by_kind: usize = Kind::ALL.iter().map(|k| doc.of_kind(*k).count()).sum();
    if by_kind != doc.facts.len() {
        return Err(format!("of_kind sees {by_kind} facts of {}", doc.facts.len()));
    }
    let json = serde_json::to_string(doc).map_err(|e| format!("document does not serialize: {e}"))?;
    let back: Document =
        serde_json::from_str(&json).map_err(|e| format!("document does not deserialize: {e}: {json}"))?;
    if &back != doc {
        return Err(format!("document changes through JSON: {json}"));
    }
    Ok(())
}

/// [`check`], panicking with the violation and a short view of the input.
#[track_caller]
pub fn assert_ok(input: &str, doc: &Document) {
    if let Err(e) = check(input, doc) {
        panic!("invariant violated: {e}\ninput ({} bytes): {:?}", input.len(), preview(input));
    }
}

/// Extracts `input` with the default extractor and checks the result.
#[track_caller]
pub fn extract_checked(input: &str) -> Document<'_> {
    let doc = zonefacts::extract(input);
    assert_ok(input, &doc);
    doc
}

/// The input, cut to a readable length for a failure message.
pub fn preview(input: &str) -> String {
    if input.chars().count() <= 400 {
        return input.to_string();
    }
    let head: String = input.chars().take(200).collect();
    let tail: String = {
        let mut v: Vec<char> = input.chars().rev().take(200).collect();
        v.reverse();
        v.into_iter().collect()
    };
    format!("{head}…[{} bytes]…{tail}", input.len())
}

fn check_span(input: &str, start: usize, end: usize) -> Result<(), String> {
    if start > end || end > input.len() {
        return Err(format!("span {start}..{end} out of bounds (input {} bytes)", input.len()));
    }
    if !input.is_char_boundary(start) || !input.is_char_boundary(end) {
        return Err(format!("span {start}..{end} not on char boundaries"));
    }
    Ok(())
}

fn check_sections(input: &str, doc: &Document) -> Result<(), String> {
    if input.is_empty() {
        if !doc.sections.is_empty() || !doc.facts.is_empty() {
            return Err("empty input gives a non-empty document".into());
        }
        return Ok(());
    }
    // White space alone (with the BOM and zero-width characters, which the
    // library reads as spaces) may give no section; any other text gives one.
    let blank =
        input.chars().all(|c| c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}'));
    if doc.sections.is_empty() && !blank {
        return Err("non-empty input gives no section".into());
    }
    let mut last_end = 0;
    for (i, s) in doc.sections.iter().enumerate() {
        check_span(input, s.span.start, s.span.end).map_err(|e| format!("section {i}: {e}"))?;
        if s.span.start < last_end {
            return Err(format!("section {i} {:?} overlaps or precedes the one before (ends {last_end})", s.span));
        }
        last_end = s.span.end;
    }
    Ok(())
}

fn check_fact(input: &str, doc: &Document, fact: &Fact) -> Result<(), String> {
    let span = fact.span;
    check_span(input, span.start, span.end)?;
    if span.is_empty() {
        return Err(format!("empty span {span:?}"));
    }
    let slice = &input[span.range()];
    if slice != fact.text {
        return Err(format!("text {:?} but input[{}..{}] is {slice:?}", fact.text, span.start, span.end));
    }
    let Some(section) = doc.sections.get(fact.section) else {
        return Err(format!("section index {} of {}", fact.section, doc.sections.len()));
    };
    if span.start < section.span.start || span.end > section.span.end {
        return Err(format!("span {span:?} outside its section {:?}", section.span));
    }
    if doc.section_at(span.start) != Some(section) {
        return Err(format!("section_at({}) is not section {}", span.start, fact.section));
    }
    match &fact.detail {
        Detail::Money(q) => check_amount(q.value, q.as_of)?,
        Detail::Count(q) => {
            check_amount(q.value, q.as_of)?;
            if q.unit.as_str().is_empty() {
                return Err("empty classifier".into());
            }
        }
        Detail::Measure(q) => check_amount(q.value, q.as_of)?,
        Detail::Percent(q) => check_amount(q.value, q.as_of)?,
        Detail::Date(d) => check_date(d.value)?,
        Detail::Platform(p) => {
            if p.name.trim().is_empty() {
                return Err("empty platform name".into());
            }
        }
        Detail::Zone(z) => {
            if z.name.trim().is_empty() || z.key.trim().is_empty() {
                return Err("empty zone name or key".into());
            }
        }
        other => return Err(format!("a detail this check does not know: {other:?}")),
    }
    let json = serde_json::to_string(fact).map_err(|e| format!("does not serialize: {e}"))?;
    let back: Fact = serde_json::from_str(&json).map_err(|e| format!("does not deserialize: {e}: {json}"))?;
    if &back != fact {
        return Err(format!("changes through JSON: {json} gives {back:?}"));
    }
    Ok(())
}

fn check_amount(value: Amount, as_of: Option<DateValue>) -> Result<(), String> {
    let printed = value.to_string();
    let back: Amount = printed.parse().map_err(|e| format!("value {printed:?} does not parse back: {e}"))?;
    if back != value {
        return Err(format!("value {value:?} prints {printed:?}, which parses to {back:?}"));
    }
    if value.low() > value.high() {
        return Err(format!("interval {printed} runs backwards"));
    }
    if let Some(d) = as_of {
        check_date(d).map_err(|e| format!("as_of: {e}"))?;
    }
    Ok(())
}

fn check_date(value: DateValue) -> Result<(), String> {
    let printed = value.to_string();
    let back: DateValue = printed.parse().map_err(|e| format!("date {printed:?} does not parse back: {e}"))?;
    if back != value {
        return Err(format!("date {value:?} prints {printed:?}, which parses to {back:?}"));
    }
    Ok(())
}
