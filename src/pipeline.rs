//! The pipeline, top to bottom: normalize the text with an offset map →
//! split sentences → find dates → scan numeric candidates → let each kind
//! claim its candidates and find their subjects → link each figure to its
//! date → map everything back to the input's offsets.

use crate::date::{CalendarDate, DateFact, DateValue};
use crate::dates::{self, DateMatch};
use crate::dict::{Known, UserDict};
use crate::kinds::units::NumUnit;
use crate::marks::Marks;
use crate::model::{
    Amount, Approx, Classifier, Detail, Document, Fact, Kind, KindSet, Platform, Quantity, Section, Span, Zone,
};
use crate::quantity::{self, NumFact};
use crate::scan::{self, ShortQuotes};
use crate::sentence::Sentences;
use crate::text::Text;
use crate::{platform, section, zone};

/// What a run needs from the [`Extractor`](crate::Extractor)'s settings.
pub(crate) struct Options<'a> {
    pub kinds: KindSet,
    pub document_date: Option<CalendarDate>,
    pub user: Option<&'a UserDict>,
}

/// Whether `[s, e)` overlaps one of `spans` (sorted, not overlapping).
fn overlaps_any(spans: &[(usize, usize)], s: usize, e: usize) -> bool {
    let k = spans.partition_point(|x| x.1 <= s);
    spans.get(k).is_some_and(|x| x.0 < e)
}

fn inside(spans: &[(usize, usize)], i: usize) -> bool {
    let k = spans.partition_point(|s| s.0 <= i);
    k.checked_sub(1).and_then(|j| spans.get(j)).is_some_and(|s| i < s.1)
}

/// The date a figure at `start` holds for: the nearest date before it in
/// the same sentence, leaving out dates inside titles.
fn as_of(dates: &[DateMatch], usable: &[Option<usize>], sentences: &Sentences, start: usize) -> Option<DateValue> {
    let floor = sentences.start_of(start);
    let k = dates.partition_point(|d| d.end <= start);
    let i = (*usable.get(k.checked_sub(1)?)?)?;
    dates.get(i).filter(|d| d.start >= floor).map(|d| d.value)
}

/// For each date, the index of the nearest date at or before it that is not
/// inside a title: what `as_of` reads, precomputed so that a text of many
/// titled dates stays linear.
fn usable_dates(dates: &[DateMatch], titles: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut last = None;
    dates
        .iter()
        .enumerate()
        .map(|(i, d)| {
            if !inside(titles, d.start) {
                last = Some(i);
            }
            last
        })
        .collect()
}

pub(crate) fn run(input: &str, opts: &Options<'_>) -> Document {
    let text = Text::new(input);
    let t: &str = &text.norm;
    let marks = Marks::new(t);
    let sentences = Sentences::from_starts(marks.sentence_starts);
    let numeric = [Kind::Money, Kind::Count, Kind::Measure, Kind::Percent].iter().any(|k| opts.kinds.contains(*k));
    // Book titles `《…》`: dates inside them give no `as_of`.
    let title_spans = marks.titles;

    let dates =
        if numeric || opts.kinds.contains(Kind::Date) { dates::find(t, opts.document_date) } else { Vec::new() };
    // Zones name who owns a figure and what a section is about: always found.
    let date_spans: Vec<(usize, usize)> = dates.iter().map(|d| (d.start, d.end)).collect();
    let mut zones = zone::find(t, &date_spans);
    let known = opts.user.map(|u| u.find(t)).unwrap_or_default();
    // Known zones replace the rules' zones they overlap.
    let known_zones: Vec<(usize, usize)> =
        known.iter().filter(|k| k.2 == Known::Zone).map(|&(s, e, _)| (s, e)).collect();
    if !known_zones.is_empty() {
        zones.retain(|z| !overlaps_any(&known_zones, z.start, z.end));
        zones.extend(known_zones.iter().map(|&(start, end)| zone::ZoneMatch { start, end }));
        zones.sort_by_key(|z| z.start);
    }
    let nums: Vec<NumFact> = if numeric {
        let quotes = ShortQuotes::from_spans(marks.short_quotes);
        let cands = scan::scan(t, &quotes);
        let mut cuts: Vec<(usize, usize)> =
            date_spans.iter().copied().chain(zones.iter().map(|z| (z.start, z.end))).collect();
        cuts.sort_unstable();
        let kinds = opts.kinds;
        let want = |u: NumUnit| match u {
            NumUnit::Money(_) => kinds.contains(Kind::Money),
            NumUnit::Count(_) => kinds.contains(Kind::Count),
            NumUnit::Measure(_) => kinds.contains(Kind::Measure),
            NumUnit::Percent(_) => kinds.contains(Kind::Percent),
        };
        quantity::facts(t, &cands, &|i| sentences.start_of(i), &cuts, &want)
    } else {
        Vec::new()
    };
    let platforms = if opts.kinds.contains(Kind::Platform) {
        let mut barriers: Vec<(usize, usize)> =
            nums.iter().map(|n| (n.start, n.end)).chain(date_spans.iter().copied()).collect();
        barriers.sort_unstable();
        let mut found = platform::find(t, &barriers, &title_spans);
        // Known platforms replace the rules' platforms they overlap.
        let known_platforms: Vec<platform::PlatformMatch> = known
            .iter()
            .filter_map(|&(start, end, k)| match k {
                Known::Platform(platform_type) => Some(platform::PlatformMatch { start, end, platform_type }),
                Known::Zone => None,
            })
            .collect();
        if !known_platforms.is_empty() {
            let spans: Vec<(usize, usize)> = known_platforms.iter().map(|p| (p.start, p.end)).collect();
            found.retain(|p| !overlaps_any(&spans, p.start, p.end));
            found.extend(known_platforms);
            found.sort_by_key(|p| p.start);
        }
        found
    } else {
        Vec::new()
    };
    // A park listed among zones is one (`…开发区、上海张江科技产业园等地`); a
    // zone inside a platform's name is part of that name.
    let (listed, platforms): (Vec<_>, Vec<_>) =
        platforms.into_iter().partition(|p| zone::listed_with(t, &zones, p.start, p.end));
    zones.extend(listed.iter().map(|p| zone::ZoneMatch { start: p.start, end: p.end }));
    zones.sort_by_key(|z| z.start);
    // Platforms are sorted and do not overlap: the one that could hold a
    // zone is the last starting at or before it.
    zones.retain(|z| {
        let k = platforms.partition_point(|p| p.start <= z.start);
        let holder = k.checked_sub(1).and_then(|i| platforms.get(i));
        !holder.is_some_and(|p| z.end <= p.end && (p.start, p.end) != (z.start, z.end))
    });
    let sections = section::find(t, &zones);
    let section_of = |i: usize| sections.partition_point(|s| s.end <= i).min(sections.len().saturating_sub(1));

    let mut facts: Vec<Fact> = Vec::with_capacity(nums.len() + dates.len() + zones.len() + platforms.len());
    let span_of = |s: usize, e: usize| Span::new(text.to_orig(s), text.to_orig(e));
    let name_of = |s: usize, e: usize| -> String { crate::names::clean(text.orig_slice(s, e)).into_owned() };
    let mut push = |s: usize, e: usize, detail: Detail| {
        let span = span_of(s, e);
        if let Some(fact_text) = input.get(span.range()) {
            facts.push(Fact { span, text: fact_text.to_string(), section: section_of(s), detail });
        }
    };
    let usable = usable_dates(&dates, &title_spans);
    // Numeric facts are built from `nums`, which is freed as it is consumed:
    // the memory of a large input peaks lower.
    for n in nums {
        let subject = n
            .subject
            .map(|s| match s.prefix {
                Some((a, b)) => name_of(a, b) + &crate::names::clean(text.orig_slice(s.span.0, s.span.1)),
                None => name_of(s.span.0, s.span.1),
            })
            .filter(|s| !s.is_empty());
        let as_of = as_of(&dates, &usable, &sentences, n.start);
        let (value, approx) = (n.value, n.approx);
        fn q<U>(
            value: Amount,
            unit: U,
            approx: Approx,
            subject: Option<String>,
            as_of: Option<DateValue>,
        ) -> Quantity<U> {
            let mut q = Quantity::new(value, unit, approx);
            q.subject = subject;
            q.as_of = as_of;
            q
        }
        let detail = match n.unit {
            NumUnit::Money(unit) => Detail::Money(q(value, unit, approx, subject, as_of)),
            NumUnit::Count(cl) => Detail::Count(q(value, Classifier::from_static(cl), approx, subject, as_of)),
            NumUnit::Measure(unit) => Detail::Measure(q(value, unit, approx, subject, as_of)),
            NumUnit::Percent(unit) => Detail::Percent(q(value, unit, approx, subject, as_of)),
        };
        push(n.start, n.end, detail);
    }
    if opts.kinds.contains(Kind::Date) {
        for d in &dates {
            let detail = Detail::Date(DateFact { value: d.value, modifier: d.modifier, relation: d.relation });
            push(d.start, d.end, detail);
        }
    }
    if opts.kinds.contains(Kind::Zone) {
        for z in &zones {
            let name = name_of(z.start, z.end);
            push(z.start, z.end, Detail::Zone(Zone::new(name.clone(), name)));
        }
    }
    for p in &platforms {
        let detail = Detail::Platform(Platform::new(name_of(p.start, p.end), p.platform_type));
        push(p.start, p.end, detail);
    }
    // Sorted in place (no scratch buffer): by start, the longest first, and
    // the kind to make the order total.
    facts.sort_unstable_by(|a, b| {
        a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)).then(a.kind().cmp(&b.kind()))
    });
    let mut sections: Vec<Section> = sections
        .iter()
        .map(|s| Section {
            span: span_of(s.start, s.end),
            title: s.title.map(|(a, b)| text.orig_slice(a, b).trim().to_string()),
            zone: s.zone.map(|(a, b)| name_of(a, b)),
            zone_key: s.zone.map(|(a, b)| name_of(a, b)),
            reporters: s.reporters.iter().map(|&(a, b)| name_of(a, b)).collect(),
        })
        .collect();
    mend_sections(&mut sections, &mut facts);
    Document { sections, facts }
}

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
            .take_while(|f| f.span.start + 1024 >= b)
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
