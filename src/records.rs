//! The last stage: the matches of every kind, in normalized offsets, become
//! the [`Fact`]s and [`Section`]s of a [`Document`], with spans mapped back
//! to the input exactly as given (see [`OffsetMap::to_orig`]), names cleaned of
//! line breaks, and facts sorted.

use crate::context::Periods;
use crate::date::DateFact;
use crate::dates::DateMatch;
use crate::hint::Hint;
use crate::identity;
use crate::kinds::units::NumUnit;
use crate::model::{
    Classifier, Detail, Document, Fact, Kind, KindSet, Platform, Quantity, Section, Span, Zone, ZoneLevel,
};
use crate::normalize::OffsetMap;
use crate::platform::PlatformMatch;
use crate::quantity::{NumFact, free_read};
use crate::section::SectionMatch;
use crate::sentence::Paragraphs;
use crate::zone::ZoneMatch;

/// Everything the earlier stages found, in normalized offsets.
pub(crate) struct Found<'a> {
    pub nums: Vec<NumFact>,
    pub dates: &'a [DateMatch],
    pub zones: &'a [ZoneMatch],
    /// The level a level word before each zone gives (`国家级`).
    pub levels: Vec<Option<ZoneLevel>>,
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
pub(crate) fn build<'a>(input: &'a str, text: &OffsetMap<'_>, found: Found<'_>, kinds: KindSet) -> Document<'a> {
    let sections = found.sections;
    // Facts come in order: the searches start where the last ended.
    let section_hint = Hint::new();
    let section_of =
        |i: usize| section_hint.partition_point(sections, |s| s.end <= i).min(sections.len().saturating_sub(1));
    let zone_hint = Hint::new();
    let span_of = |s: usize, e: usize| Span::new(text.to_orig(s), text.to_orig(e));
    let name_of = |s: usize, e: usize| -> String { crate::names::clean(text.orig_slice(s, e)).into_owned() };
    // Subjects in simplified characters, as the changes are (read from the
    // normalized text), whatever the script of the text.
    let subject_of = |s: usize, e: usize| -> String {
        let subject = crate::names::clean(text.orig_slice(s, e));
        if text.traditional { crate::text::simplified(&subject).into_owned() } else { subject.into_owned() }
    };
    let room = found.nums.len() + found.dates.len() + found.zones.len() + found.platforms.len();
    let mut facts: Vec<Fact<'a>> = Vec::with_capacity(room);
    // Pushes a fact, unless its span is not text of the input (it always
    // is).
    let push = |facts: &mut Vec<Fact<'a>>, s: usize, e: usize, detail: Detail| {
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
    let mut zones: Vec<Zone> = found
        .zones
        .iter()
        .zip(&found.levels)
        .map(|(z, level)| {
            let name = name_of(z.start, z.end);
            let id = identity::identify_cached(&name);
            let mut zone = id.into_zone(name);
            zone.level = zone.level.or(*level);
            zone
        })
        .collect();
    identity::inherit_places(&mut zones);
    // Each zone's key, which the figures about it read: the zones
    // themselves move into their facts.
    let zone_keys: Vec<String> = zones.iter().map(|z| z.key.clone()).collect();
    let zone_spans: Vec<(usize, usize)> = found.zones.iter().map(|z| (z.start, z.end)).collect();
    let section_keys: Vec<Option<String>> = sections
        .iter()
        // Zones are sorted by start: a binary search finds the section's.
        .map(|s| s.zone.and_then(|span| zone_spans.binary_search(&span).ok()))
        .map(|i| i.and_then(|i| zone_keys.get(i)).cloned())
        .zip(sections.iter())
        .map(|(key, s)| key.or_else(|| s.zone.map(|(a, b)| identity::identify_cached(&name_of(a, b)).key)))
        .collect();
    // The facts are built in their final order (by start, the longest
    // first, then by kind) by merging the four lists, each already in that
    // order: no sort moves the facts (two hundred bytes each) around a
    // large document's memory afterwards.
    let mut zones = zones.into_iter();
    let mut nums = found.nums;
    let (mut ni, mut di, mut zi, mut pi) = (0, 0, 0, 0);
    let (dates, platforms) = (found.dates, found.platforms);
    let keep_dates = kinds.contains(Kind::Date);
    let keep_zones = kinds.contains(Kind::Zone);
    let keep_platforms = kinds.contains(Kind::Platform);
    loop {
        // The figures read are freed as the facts grow.
        free_read(&mut nums, &mut ni);
        while nums.get(ni).is_some_and(|n| !kinds.contains(n.unit.kind())) {
            ni += 1;
        }
        let heads = [
            nums.get(ni).map(|n| order_key(n.start, n.end, n.unit.kind())),
            dates.get(di).filter(|_| keep_dates).map(|d| order_key(d.start, d.end, Kind::Date)),
            found.zones.get(zi).filter(|_| keep_zones).map(|z| order_key(z.start, z.end, Kind::Zone)),
            platforms.get(pi).filter(|_| keep_platforms).map(|p| order_key(p.start, p.end, Kind::Platform)),
        ];
        let next = heads.iter().enumerate().filter_map(|(k, h)| Some((h.as_ref()?, k))).min().map(|(_, k)| k);
        match next {
            Some(0) => {
                let Some(n) = nums.get_mut(ni) else { break };
                ni += 1;
                let mut q = Quantity::new(n.value, (), n.approx);
                q.subject = n
                    .subject
                    .map(|s| match s.prefix {
                        Some((a, b)) => subject_of(a, b) + &subject_of(s.span.0, s.span.1),
                        None => subject_of(s.span.0, s.span.1),
                    })
                    .filter(|s| !s.is_empty());
                q.change = n.change.take();
                q.target = n.target;
                q.as_of = periods.as_of(found.paragraphs, n.start);
                // The zone it is about: the nearest before it in its
                // paragraph, else its section's.
                q.zone = crate::context::zone_before(&zone_spans, &zone_hint, found.paragraphs, n.start)
                    .and_then(|i| zone_keys.get(i).cloned())
                    .or_else(|| section_keys.get(section_of(n.start)).cloned().flatten());
                push(&mut facts, n.start, n.end, numeric_detail(n.unit, q));
            }
            Some(1) => {
                let Some(d) = dates.get(di) else { break };
                di += 1;
                let detail = Detail::Date(DateFact { value: d.value, modifier: d.modifier, relation: d.relation });
                push(&mut facts, d.start, d.end, detail);
            }
            Some(2) => {
                let Some(z) = found.zones.get(zi) else { break };
                zi += 1;
                if let Some(zone) = zones.next() {
                    push(&mut facts, z.start, z.end, Detail::Zone(zone));
                }
            }
            Some(_) => {
                let Some(p) = platforms.get(pi) else { break };
                pi += 1;
                let detail = Detail::Platform(Platform::new(name_of(p.start, p.end), p.platform_type));
                push(&mut facts, p.start, p.end, detail);
            }
            None => break,
        }
    }
    drop(nums);
    // Each list is in order as the stages build them; should one not be,
    // the facts are sorted after all, to the same order.
    if !facts.is_sorted_by_key(|f| order_key(f.span.start, f.span.end, f.kind())) {
        sort_facts(&mut facts);
    }
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

/// The order of facts: by start, the longest first, then by kind.
fn order_key(start: usize, end: usize, kind: Kind) -> (usize, std::cmp::Reverse<usize>, Kind) {
    (start, std::cmp::Reverse(end), kind)
}

/// Sorts facts in place by start, the longest first, and the kind to make
/// the order total. Their keys are sorted (small), then the facts are put in
/// place by following the permutation's cycles: each fact (two hundred
/// bytes) moves about once, not the n log n times a sort of the facts
/// moved them; no scratch buffer of facts. The keys hold 4-byte offsets
/// when every offset fits (an input under 4 GiB): half the memory, at the
/// point where a large document's memory peaks.
fn sort_facts(facts: &mut [Fact]) {
    let fits = |n: usize| u32::try_from(n).is_ok();
    if fits(facts.len()) && facts.iter().all(|f| fits(f.span.end)) {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let key = |f: &Fact| (small(f.span.start), std::cmp::Reverse(small(f.span.end)), f.kind());
        permute(facts, order::<_, u32>(facts, key));
    } else {
        permute(facts, order::<_, usize>(facts, |f| order_key(f.span.start, f.span.end, f.kind())));
    }
}

/// `from[p]`: where the fact that belongs at position `p` is now, in the
/// order of `key` (and of position, among equal keys).
fn order<K: Ord, I: Ord + TryFrom<usize>>(facts: &[Fact], key: impl Fn(&Fact) -> K) -> Vec<I> {
    let mut keys: Vec<(K, I)> =
        facts.iter().enumerate().filter_map(|(i, f)| Some((key(f), I::try_from(i).ok()?))).collect();
    keys.sort_unstable();
    keys.into_iter().map(|k| k.1).collect()
}

/// A position as stored in `order`'s table.
fn idx<I: TryInto<usize>>(i: I) -> usize {
    i.try_into().unwrap_or(usize::MAX)
}

/// Puts the facts in the order `from` gives, following the permutation's
/// cycles.
fn permute<I: Copy + TryFrom<usize> + TryInto<usize>>(facts: &mut [Fact], mut from: Vec<I>) {
    for p in 0..from.len() {
        // Each cycle p → from[p] → … is followed once; a position whose fact
        // is in place points to itself.
        let mut cur = p;
        while let Some(&next) = from.get(cur) {
            let next = idx(next);
            if next == p || next >= facts.len() {
                break;
            }
            facts.swap(cur, next);
            if let (Some(slot), Ok(c)) = (from.get_mut(cur), I::try_from(cur)) {
                *slot = c;
            }
            cur = next;
        }
        if let (Some(slot), Ok(c)) = (from.get_mut(cur), I::try_from(cur)) {
            *slot = c;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::{DateValue, PartialDate, Period};

    fn date_at(start: usize, end: usize, year: i32) -> Fact<'static> {
        let value = DateValue::Point(PartialDate { year: Some(year), period: Period::Year });
        Fact::new(Span::new(start, end), "", 0, Detail::Date(DateFact { value, modifier: None, relation: None }))
    }

    fn platform_at(start: usize, end: usize) -> Fact<'static> {
        Fact::new(Span::new(start, end), "", 0, Detail::Platform(Platform::new("x", crate::model::PlatformType::Park)))
    }

    /// The fallback sort (used when a list comes out of order) puts facts
    /// by start, the longest first, then by kind, and keeps the order of
    /// facts with the same span and kind.
    #[test]
    fn the_fallback_sort_orders_by_start_longest_first_then_kind() {
        let mut facts = vec![
            date_at(9, 12, 1),
            platform_at(0, 4),
            date_at(0, 4, 2),
            date_at(0, 8, 3),
            date_at(9, 12, 4),
            platform_at(5, 6),
        ];
        sort_facts(&mut facts);
        let got: Vec<(usize, usize, Kind)> = facts.iter().map(|f| (f.span.start, f.span.end, f.kind())).collect();
        let mut want = got.clone();
        want.sort_by_key(|&(s, e, k)| (s, std::cmp::Reverse(e), k));
        assert_eq!(got, want);
        assert_eq!(got.first(), Some(&(0, 8, Kind::Date)));
        // The two dates at 9..12 keep their order (years 1 then 4).
        let years: Vec<i32> = facts
            .iter()
            .filter(|f| f.span.start == 9)
            .filter_map(|f| match &f.detail {
                Detail::Date(d) => d.value.start().year,
                _ => None,
            })
            .collect();
        assert_eq!(years, [1, 4]);
    }
}
