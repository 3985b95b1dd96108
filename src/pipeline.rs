//! The pipeline, top to bottom. Each stage is one call into the module
//! that owns it:
//!
//! 1. [`Text`]: a normalized copy of the input, with an offset map back;
//!    in the same pass, [`Triggers`](crate::triggers::Triggers): where the
//!    searches of stages 3–7 start (numerals, date characters, the last
//!    characters of head words and of the words of aims);
//! 2. [`Marks`] and [`Sentences`]: sentence ends, short quotes, book titles;
//! 3. [`dates`]: dates and periods;
//! 4. [`zone`]: zone names (dates are barriers a name does not cross);
//! 5. [`scan`]: every numeral with its qualifiers, range and unit;
//! 6. [`quantity`]: each numeric kind (`kinds/`) claims its candidates and
//!    reads their subjects; rules across figures follow;
//!    [`target`](crate::target) marks aims and forecasts;
//! 7. [`platform`]: platform names (figures and dates are barriers);
//! 8. names settled: known names replace the rules' where they overlap, a
//!    park listed among zones is a zone, a zone inside a platform's name is
//!    part of it;
//! 9. [`section`]: the reports of a page, with titles, zones, reporters;
//! 10. [`records`]: facts and sections in the input's offsets, each figure
//!     linked to its date ([`context`](crate::context)).
//!
//! The stages run over a list of documents ([`run_many`]), each stage on
//! all of them before the next: on many short articles the code of each
//! stage then stays in the instruction cache. [`run`] is a list of one.
//!
//! Every stage runs whatever kinds were asked for, so that a fact of one
//! kind is the same whichever other kinds are requested (zones depend on
//! dates and platforms, platforms on figures, figures on dates and zones);
//! the [`KindSet`] only filters the records.

use crate::date::{CalendarDate, Relation};
use crate::dates;
use crate::dict::{Known, UserDict};
use crate::marks::Marks;
use crate::model::{Document, KindSet, PlatformType};
use crate::normalize::Text;
use crate::platform::{self, PlatformMatch};
use crate::quantity;
use crate::records::{self, Found};
use crate::scan::{self, ShortQuotes};
use crate::section;
use crate::sentence::{self, Paragraphs, Sentences};
use crate::target::Targets;
use crate::zone::{self, ZoneMatch};

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

/// Replaces the matches of `found` that overlap a known name with the known
/// names, keeping the list sorted by start.
fn prefer_known<T>(found: &mut Vec<T>, known: Vec<T>, span: impl Fn(&T) -> (usize, usize)) {
    if known.is_empty() {
        return;
    }
    let spans: Vec<(usize, usize)> = known.iter().map(&span).collect();
    found.retain(|m| {
        let (s, e) = span(m);
        !overlaps_any(&spans, s, e)
    });
    found.extend(known);
    found.sort_by_key(|m| span(m).0);
}

/// Words of a company's name: a park whose name holds one before its
/// place is the company's (`开磷集团大水工业园`), a platform.
const COMPANY_WORDS: [&str; 4] = ["集团", "公司", "股份", "控股"];

/// Stage 8: zones and platforms found for the same words are settled by
/// SPEC's rule for parks ("Parks: zone or platform"):
///
/// - a zone and a platform with the same last word (a park word such as
///   工业园, 科技城): the platform when a company's name stands before the
///   zone's start in it (`开磷集团大水工业园`), else the zone (`宜兴环保科技
///   工业园`, `城西北工业园`: named by a place);
/// - a platform inside a zone's name is part of the zone;
/// - a zone that opens a platform's name (`哈尔滨新区数字经济产业园`) is a
///   zone named in the text, and stays beside the platform;
/// - a park listed among zones is one (`…开发区、张江科技产业园等地`).
fn settle_names(
    t: &str,
    mut zones: Vec<ZoneMatch>,
    platforms: Vec<PlatformMatch>,
) -> (Vec<ZoneMatch>, Vec<PlatformMatch>) {
    let mut dropped_zones = vec![false; zones.len()];
    let mut kept = Vec::with_capacity(platforms.len());
    for p in platforms {
        // Zones are sorted and do not overlap: those overlapping `p`.
        let first = zones.partition_point(|z| z.end <= p.start);
        let mut keep = true;
        for (i, z) in zones.iter().enumerate().skip(first).take_while(|(_, z)| z.start < p.end) {
            if z.end == p.end {
                let prefix = t.get(p.start..z.start.max(p.start)).unwrap_or("");
                if COMPANY_WORDS.iter().any(|w| prefix.contains(w)) {
                    if let Some(d) = dropped_zones.get_mut(i) {
                        *d = true;
                    }
                } else {
                    keep = false;
                }
            } else if z.start <= p.start && p.end <= z.end {
                keep = false;
            }
        }
        if keep {
            kept.push(p);
        }
    }
    let mut k = 0;
    zones.retain(|_| {
        k += 1;
        !dropped_zones.get(k - 1).copied().unwrap_or(false)
    });
    let (listed, platforms): (Vec<_>, Vec<_>) = kept
        .into_iter()
        .partition(|p| p.platform_type == PlatformType::Park && zone::listed_with(t, &zones, p.start, p.end));
    zones.extend(listed.iter().map(|p| ZoneMatch { start: p.start, end: p.end }));
    zones.sort_by_key(|z| z.start);
    (zones, platforms)
}

/// Sorted spans of two sorted lists: merged in one pass (sorted after all
/// should a list not be in order).
fn merged(a: impl Iterator<Item = (usize, usize)>, b: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    let mut v: Vec<(usize, usize)> = Vec::with_capacity(a.size_hint().0 + b.size_hint().0);
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x <= y => a.next(),
            (_, Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, None) => break,
        };
        v.extend(next);
    }
    if !v.is_sorted() {
        v.sort_unstable();
    }
    v
}

/// The pipeline on one text.
pub(crate) fn run<'a>(input: &'a str, opts: &Options<'_>) -> Document<'a> {
    run_many(&[input], opts).pop().unwrap_or_default()
}

/// What one text carries from stage to stage. A list is emptied (its
/// memory freed) as soon as no later stage reads it: a large input's memory
/// peaks lower.
struct Doc<'a> {
    input: &'a str,
    text: Text<'a>,
    numerals: Vec<(usize, usize)>,
    date_starts: Vec<(usize, usize)>,
    zone_ends: Vec<usize>,
    platform_ends: Vec<usize>,
    target_ends: Vec<usize>,
    sentences: Sentences,
    paragraphs: Paragraphs,
    quotes: ShortQuotes,
    titles: Vec<(usize, usize)>,
    dates: Vec<dates::DateMatch>,
    date_spans: Vec<(usize, usize)>,
    known: Vec<(usize, usize, Known)>,
    zones: Vec<ZoneMatch>,
    cands: Vec<scan::Candidate>,
    nums: Vec<quantity::NumFact>,
    platforms: Vec<PlatformMatch>,
}

/// The pipeline on several texts, stage by stage: each stage reads every
/// text before the next stage starts, so that its code stays in the
/// processor's instruction cache (one text after another, a dozen stages
/// run in turn on each, and their code does not stay cached between them:
/// DESIGN.md, "Speed"). Each document is what [`run`] gives for its text.
pub(crate) fn run_many<'a>(inputs: &[&'a str], opts: &Options<'_>) -> Vec<Document<'a>> {
    if opts.kinds.is_empty() {
        return inputs.iter().map(|_| Document::default()).collect();
    }
    let normalized: Vec<_> = inputs.iter().map(|&input| (input, Text::with_triggers(input))).collect();
    let mut docs: Vec<Doc<'a>> = normalized
        .into_iter()
        .map(|(input, (text, triggers))| {
            let t: &str = &text.norm;
            let marks = Marks::new(t);
            let paragraphs = Paragraphs::from_starts(sentence::paragraph_starts(t));
            let crate::triggers::Triggers { numerals, dates: date_starts, zone_ends, platform_ends, target_ends } =
                triggers;
            Doc {
                input,
                numerals,
                date_starts,
                zone_ends,
                platform_ends,
                target_ends,
                sentences: Sentences::from_starts(marks.sentence_starts),
                paragraphs,
                quotes: ShortQuotes::from_spans(marks.short_quotes),
                titles: marks.titles,
                text,
                dates: Vec::new(),
                date_spans: Vec::new(),
                known: Vec::new(),
                zones: Vec::new(),
                cands: Vec::new(),
                nums: Vec::new(),
                platforms: Vec::new(),
            }
        })
        .collect();
    for d in &mut docs {
        let t: &str = &d.text.norm;
        d.dates = dates::find(t, opts.document_date, &d.date_starts);
        d.date_starts = Vec::new();
        d.date_spans = d.dates.iter().map(|x| (x.start, x.end)).collect();
        d.known = opts.user.map(|u| u.find(t)).unwrap_or_default();
    }
    for d in &mut docs {
        let t: &str = &d.text.norm;
        d.zones = zone::find(t, &d.date_spans, &d.zone_ends);
        d.zone_ends = Vec::new();
        let known_zones =
            d.known.iter().filter(|k| k.2 == Known::Zone).map(|&(start, end, _)| ZoneMatch { start, end });
        prefer_known(&mut d.zones, known_zones.collect(), |z| (z.start, z.end));
    }
    for d in &mut docs {
        let t: &str = &d.text.norm;
        d.cands = scan::scan(t, &d.quotes, &d.numerals);
        d.numerals = Vec::new();
        d.quotes = ShortQuotes::from_spans(Vec::new());
    }
    for d in &mut docs {
        let t: &str = &d.text.norm;
        let cuts = merged(d.date_spans.iter().copied(), d.zones.iter().map(|z| (z.start, z.end)));
        let cut_hint = crate::hint::Hint::new();
        let sentences = &d.sentences;
        let cands = std::mem::take(&mut d.cands);
        d.nums = quantity::facts(t, cands, &|i| sentences.start_of(i), crate::hint::Spans::new(&cuts, &cut_hint));
    }
    for d in &mut docs {
        let t: &str = &d.text.norm;
        let until = d.dates.iter().filter(|x| x.relation == Some(Relation::Until)).map(|x| (x.start, x.end)).collect();
        let targets = Targets::new(t, until, &d.target_ends);
        d.target_ends = Vec::new();
        for n in &mut d.nums {
            let subject = n.subject.and_then(|s| t.get(s.span.0..s.span.1));
            n.target = targets.is_target(n.start, d.sentences.start_of(n.start), subject);
        }
    }
    for d in &mut docs {
        let t: &str = &d.text.norm;
        let barriers = merged(d.nums.iter().map(|n| (n.start, n.end)), d.date_spans.iter().copied());
        d.platforms = platform::find(t, &barriers, &d.titles, &d.platform_ends);
        d.platform_ends = Vec::new();
        d.date_spans = Vec::new();
        let known_platforms = d.known.iter().filter_map(|&(start, end, k)| match k {
            Known::Platform(platform_type) => Some(PlatformMatch { start, end, platform_type }),
            Known::Zone => None,
        });
        prefer_known(&mut d.platforms, known_platforms.collect(), |p| (p.start, p.end));
        d.known = Vec::new();
        let (zones, platforms) = settle_names(t, std::mem::take(&mut d.zones), std::mem::take(&mut d.platforms));
        (d.zones, d.platforms) = (zones, platforms);
    }
    docs.into_iter()
        .map(|d| {
            let t: &str = &d.text.norm;
            let sections = section::find(t, &d.zones);
            // A level word written just before a zone's name is not part of
            // its text (`国家级宁波经济技术开发区` names 宁波经济技术开发区)
            // but says its level all the same: read here, the last look at
            // the normalized copy.
            let levels =
                d.zones.iter().map(|z| crate::identity::level_before(t.get(..z.start).unwrap_or(""))).collect();
            // The records read the input only: the normalized copy is freed
            // before they are built (one input's size less at the peak).
            let Text { norm, map } = d.text;
            drop(norm);
            let found = Found {
                nums: d.nums,
                dates: &d.dates,
                zones: &d.zones,
                levels,
                platforms: &d.platforms,
                sections: &sections,
                paragraphs: &d.paragraphs,
                titles: &d.titles,
            };
            records::build(d.input, &map, found, opts.kinds)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::merged;

    #[test]
    fn merged_spans_are_sorted() {
        let a = [(0, 2), (5, 6), (9, 12)];
        let b = [(1, 3), (5, 6), (7, 8), (20, 21)];
        let mut want: Vec<(usize, usize)> = a.iter().chain(&b).copied().collect();
        want.sort_unstable();
        assert_eq!(merged(a.iter().copied(), b.iter().copied()), want);
        // A list out of order is sorted all the same.
        let c = [(9, 10), (1, 2)];
        assert_eq!(merged(c.iter().copied(), a.iter().copied()), [(0, 2), (1, 2), (5, 6), (9, 10), (9, 12)]);
        assert!(merged([].into_iter(), [].into_iter()).is_empty());
    }
}
