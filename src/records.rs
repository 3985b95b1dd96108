//! The last stage: the matches of every kind, in normalized offsets, become
//! the [`Fact`]s and [`Section`]s of a [`Document`], with spans mapped back
//! to the input exactly as given (see [`Text::to_orig`]), names cleaned of
//! line breaks, and facts sorted.

use std::collections::HashMap;

use crate::context::Periods;
use crate::date::DateFact;
use crate::dates::DateMatch;
use crate::identity;
use crate::kinds::units::NumUnit;
use crate::model::{Classifier, Detail, Document, Fact, Kind, KindSet, Platform, Quantity, Section, Span, Zone};
use crate::normalize::Text;
use crate::platform::PlatformMatch;
use crate::quantity::NumFact;
use crate::section::SectionMatch;
use crate::sentence::Paragraphs;
use crate::zone::ZoneMatch;

/// Everything the earlier stages found, in normalized offsets.
pub(crate) struct Found<'a> {
    pub nums: Vec<NumFact>,
    pub dates: &'a [DateMatch],
    pub zones: &'a [ZoneMatch],
    pub platforms: &'a [PlatformMatch],
    pub sections: &'a [SectionMatch],
    pub paragraphs: &'a Paragraphs,
    pub titles: &'a [(usize, usize)],
}

/// The payload of a numeric fact of unit `unit`.
fn numeric_detail(unit: NumUnit, q: Quantity<()>) -> Detail {
    fn with<U>(q: Quantity<()>, unit: U) -> Quantity<U> {
        let mut out = Quantity::new(q.value, unit, q.approx);
        out.subject = q.subject;
        out.change = q.change;
        out.target = q.target;
        out.as_of = q.as_of;
        out.zone = q.zone;
        out
    }
    match unit {
        NumUnit::Money(u) => Detail::Money(with(q, u)),
        NumUnit::Count(cl) => Detail::Count(with(q, Classifier::from_static(cl))),
        NumUnit::Measure(u) => Detail::Measure(with(q, u)),
        NumUnit::Percent(u) => Detail::Percent(with(q, u)),
    }
}

/// Builds the document of `input` (normalized as `text`) from what the
/// stages found, keeping the facts of `kinds`. (Kept out of line, once per
/// document, so that profiles show the stage: `bench/profile.sh`.)
#[inline(never)]
pub(crate) fn build(input: &str, text: &Text<'_>, found: Found<'_>, kinds: KindSet) -> Document {
    let sections = found.sections;
    let section_of = |i: usize| sections.partition_point(|s| s.end <= i).min(sections.len().saturating_sub(1));
    let span_of = |s: usize, e: usize| Span::new(text.to_orig(s), text.to_orig(e));
    let name_of = |s: usize, e: usize| -> String { crate::names::clean(text.orig_slice(s, e)).into_owned() };
    // Subjects in simplified characters, as the changes are (read from the
    // normalized text), whatever the script of the text.
    let subject_of = |s: usize, e: usize| -> String {
        let subject = crate::names::clean(text.orig_slice(s, e));
        if text.traditional { crate::text::simplified(&subject).into_owned() } else { subject.into_owned() }
    };
    let room = found.nums.len() + found.dates.len() + found.zones.len() + found.platforms.len();
    let mut facts: Vec<Fact> = Vec::with_capacity(room);
    let mut push = |s: usize, e: usize, detail: Detail| {
        let span = span_of(s, e);
        if let Some(fact_text) = input.get(span.range()) {
            facts.push(Fact::new(span, fact_text, section_of(s), detail));
        }
    };
    let periods = Periods::new(found.dates, found.titles);
    // Each zone's identity from its name (a document names its zones again
    // and again: each name is read once); then, once for the document,
    // mentions without a place take that of a fuller mention of the same
    // zone (SPEC, "Zone identity"). Figures point to these zones by key.
    let mut read: HashMap<String, identity::Identity> = HashMap::new();
    let mut zones: Vec<Zone> = found
        .zones
        .iter()
        .map(|z| {
            let name = name_of(z.start, z.end);
            // Looked up by the name first: a name read before needs no copy.
            let id = match read.get(name.as_str()) {
                Some(id) => id.clone(),
                None => read.entry(name.clone()).or_insert_with_key(|n| identity::identify(n)).clone(),
            };
            let mut zone = id.into_zone(name);
            // A level word written just before the name is not part of
            // its text (`国家级宁波经济技术开发区` names 宁波经济技术开发区)
            // but says its level all the same.
            let before = text.norm.get(..z.start).unwrap_or("");
            zone.level = zone.level.or_else(|| identity::level_before(before));
            zone
        })
        .collect();
    identity::inherit_places(&mut zones);
    let zone_spans: Vec<(usize, usize)> = found.zones.iter().map(|z| (z.start, z.end)).collect();
    let section_keys: Vec<Option<String>> = sections
        .iter()
        // Zones are sorted by start: a binary search finds the section's.
        .map(|s| s.zone.and_then(|span| zone_spans.binary_search(&span).ok()))
        .map(|i| i.and_then(|i| zones.get(i)).map(|z| z.key.clone()))
        .zip(sections.iter())
        .map(|(key, s)| key.or_else(|| s.zone.map(|(a, b)| identity::identify(&name_of(a, b)).key)))
        .collect();
    // Numeric facts are built from `nums`, which is freed as it is consumed:
    // the memory of a large input peaks lower.
    for n in found.nums {
        let kind = n.unit.kind();
        if !kinds.contains(kind) {
            continue;
        }
        let mut q = Quantity::new(n.value, (), n.approx);
        q.subject = n
            .subject
            .map(|s| match s.prefix {
                Some((a, b)) => subject_of(a, b) + &subject_of(s.span.0, s.span.1),
                None => subject_of(s.span.0, s.span.1),
            })
            .filter(|s| !s.is_empty());
        q.change = n.change;
        q.target = n.target;
        q.as_of = periods.as_of(found.paragraphs, n.start);
        // The zone it is about: the nearest before it in its paragraph, else
        // its section's.
        q.zone = crate::context::zone_before(&zone_spans, found.paragraphs, n.start)
            .and_then(|i| zones.get(i))
            .map(|z| z.key.clone())
            .or_else(|| section_keys.get(section_of(n.start)).cloned().flatten());
        push(n.start, n.end, numeric_detail(n.unit, q));
    }
    if kinds.contains(Kind::Date) {
        for d in found.dates {
            let detail = Detail::Date(DateFact { value: d.value, modifier: d.modifier, relation: d.relation });
            push(d.start, d.end, detail);
        }
    }
    if kinds.contains(Kind::Zone) {
        for (z, zone) in found.zones.iter().zip(zones) {
            push(z.start, z.end, Detail::Zone(zone));
        }
    }
    if kinds.contains(Kind::Platform) {
        for p in found.platforms {
            push(p.start, p.end, Detail::Platform(Platform::new(name_of(p.start, p.end), p.platform_type)));
        }
    }
    sort_facts(&mut facts);
    let mut sections: Vec<Section> = sections
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let mut out = Section::new(span_of(s.start, s.end));
            out.title = s.title.map(|(a, b)| text.orig_slice(a, b).trim().to_string());
            out.zone = s.zone.map(|(a, b)| name_of(a, b));
            out.zone_key = section_keys.get(k).cloned().flatten();
            out.reporters = s.reporters.iter().map(|&(a, b)| name_of(a, b)).collect();
            out
        })
        .collect();
    mend_sections(&mut sections, &mut facts);
    Document::new(sections, facts)
}

/// Sorts facts in place by start, the longest first, and the kind to make
/// the order total. Their keys are sorted (small), then the facts are put in
/// place by following the permutation's cycles: each fact (two hundred
/// bytes) moves about once, not the n log n times a sort of the facts
/// moved them; no scratch buffer of facts.
fn sort_facts(facts: &mut [Fact]) {
    // (start, longest first, kind, index now)
    let mut keys: Vec<(usize, std::cmp::Reverse<usize>, Kind, usize)> =
        facts.iter().enumerate().map(|(i, f)| (f.span.start, std::cmp::Reverse(f.span.end), f.kind(), i)).collect();
    keys.sort_unstable();
    // `from[p]`: where the fact that belongs at `p` is now.
    let mut from: Vec<usize> = keys.into_iter().map(|k| k.3).collect();
    for p in 0..from.len() {
        // Each cycle p → from[p] → … is followed once; a position whose fact
        // is in place points to itself.
        let mut cur = p;
        while let Some(&next) = from.get(cur) {
            if next == p {
                break;
            }
            facts.swap(cur, next);
            if let Some(slot) = from.get_mut(cur) {
                *slot = cur;
            }
            cur = next;
        }
        if let Some(slot) = from.get_mut(cur) {
            *slot = cur;
        }
    }
}

/// How far before a section boundary a fact may start and still run
/// across it, in bytes: bounds the look-back, so mending stays linear.
const MEND_REACH: usize = 1024;

/// Moves a section boundary past any fact that runs across it (a figure
/// whose unit is on the next line, when that line is a title), so that every
/// fact lies inside its section. Facts are sorted by start.
fn mend_sections(sections: &mut [Section], facts: &mut [Fact]) {
    for k in 1..sections.len() {
        let Some(b) = sections.get(k).map(|s| s.span.start) else { continue };
        let p = facts.partition_point(|f| f.span.start < b);
        let reach = facts
            .get(..p)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take_while(|f| f.span.start + MEND_REACH >= b)
            .map(|f| f.span.end)
            .max()
            .unwrap_or(b);
        if reach <= b {
            continue;
        }
        let end_of_next = sections.get(k).map_or(reach, |s| s.span.end);
        let nb = reach.min(end_of_next);
        if let Some(prev) = sections.get_mut(k - 1) {
            prev.span.end = nb;
        }
        if let Some(cur) = sections.get_mut(k) {
            cur.span.start = nb;
        }
        for f in facts.iter_mut().skip(p).take_while(|f| f.span.start < nb) {
            f.section = k - 1;
        }
    }
}
