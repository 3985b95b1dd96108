//! The pipeline, top to bottom: normalize the text with an offset map →
//! split sentences → find dates → scan numeric candidates → let each kind
//! claim its candidates and find their subjects → link each figure to its
//! date → map everything back to the input's offsets.

use crate::date::{CalendarDate, DateFact, DateValue};
use crate::dates::{self, DateMatch};
use crate::model::{Classifier, Detail, Document, Fact, Kind, KindSet, Quantity, Section, Span};
use crate::quantity::{self, NumFact, NumUnit};
use crate::scan::{self, ShortQuotes};
use crate::sentence::Sentences;
use crate::text::Text;

/// What a run needs from the [`Extractor`](crate::Extractor)'s settings.
pub(crate) struct Options {
    pub kinds: KindSet,
    pub document_date: Option<CalendarDate>,
}

/// Book titles `《…》` on one line: dates inside them give no `as_of`.
fn titles(t: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in t.char_indices() {
        match c {
            '《' => open = Some(i),
            '》' => {
                if let Some(s) = open.take() {
                    v.push((s, i + c.len_utf8()));
                }
            }
            '\n' => open = None,
            _ => {}
        }
    }
    v
}

fn inside(spans: &[(usize, usize)], i: usize) -> bool {
    let k = spans.partition_point(|s| s.0 <= i);
    k.checked_sub(1).and_then(|j| spans.get(j)).is_some_and(|s| i < s.1)
}

/// The date a figure at `start` holds for: the nearest date before it in
/// the same sentence, leaving out dates inside titles.
fn as_of(dates: &[DateMatch], titles: &[(usize, usize)], sentences: &Sentences, start: usize) -> Option<DateValue> {
    let floor = sentences.start_of(start);
    let k = dates.partition_point(|d| d.end <= start);
    dates.get(..k)?.iter().rev().take_while(|d| d.start >= floor).find(|d| !inside(titles, d.start)).map(|d| d.value)
}

pub(crate) fn run(input: &str, opts: &Options) -> Document {
    let text = Text::new(input);
    let t: &str = &text.norm;
    let sentences = Sentences::new(t);
    let numeric = [Kind::Money, Kind::Count, Kind::Measure, Kind::Percent].iter().any(|k| opts.kinds.contains(*k));

    let dates =
        if numeric || opts.kinds.contains(Kind::Date) { dates::find(t, opts.document_date) } else { Vec::new() };
    let nums: Vec<NumFact> = if numeric {
        let quotes = ShortQuotes::new(t);
        let cands = scan::scan(t, &quotes);
        let cuts: Vec<(usize, usize)> = dates.iter().map(|d| (d.start, d.end)).collect();
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
    let title_spans = titles(t);

    let mut facts: Vec<Fact> = Vec::with_capacity(nums.len() + dates.len());
    let span_of = |s: usize, e: usize| Span::new(text.to_orig(s), text.to_orig(e));
    let name_of =
        |s: usize, e: usize| -> String { text.orig_slice(s, e).chars().filter(|c| !c.is_whitespace()).collect() };
    for n in &nums {
        let span = span_of(n.start, n.end);
        let Some(fact_text) = input.get(span.range()) else { continue };
        let subject = n
            .subject
            .map(|s| {
                let mut name = s.prefix.map(|(a, b)| name_of(a, b)).unwrap_or_default();
                name.push_str(&name_of(s.span.0, s.span.1));
                name
            })
            .filter(|s| !s.is_empty());
        let as_of = as_of(&dates, &title_spans, &sentences, n.start);
        let detail = match n.unit {
            NumUnit::Money(unit) => Detail::Money(Quantity { value: n.value, unit, approx: n.approx, subject, as_of }),
            NumUnit::Count(cl) => Detail::Count(Quantity {
                value: n.value,
                unit: Classifier::from_static(cl),
                approx: n.approx,
                subject,
                as_of,
            }),
            NumUnit::Measure(unit) => {
                Detail::Measure(Quantity { value: n.value, unit, approx: n.approx, subject, as_of })
            }
            NumUnit::Percent(unit) => {
                Detail::Percent(Quantity { value: n.value, unit, approx: n.approx, subject, as_of })
            }
        };
        facts.push(Fact { span, text: fact_text.to_string(), section: 0, detail });
    }
    if opts.kinds.contains(Kind::Date) {
        for d in &dates {
            let span = span_of(d.start, d.end);
            let Some(fact_text) = input.get(span.range()) else { continue };
            facts.push(Fact {
                span,
                text: fact_text.to_string(),
                section: 0,
                detail: Detail::Date(DateFact { value: d.value, modifier: d.modifier, relation: d.relation }),
            });
        }
    }
    facts.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)));
    let sections = if input.is_empty() {
        Vec::new()
    } else {
        vec![Section { span: Span::new(0, input.len()), ..Section::default() }]
    };
    Document { sections, facts }
}
