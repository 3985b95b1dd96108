//! From candidates to numeric facts: each kind claims its candidates and
//! reads its subject by its own rules (`kinds/`); the rules here are those
//! that cross figures:
//!
//! - a threshold before a count is part of what is counted
//!   (`5000万元以上项目841个`);
//! - a figure with nothing before it but 的 or a link shares the subject
//!   of the figure before it (`年任务75亿元的23.7%`,
//!   `突破2000亿元,达到2136.4亿元`);
//! - a count with no subject after a lone verb of completion counts what
//!   the verb did (`竣工1个`);
//! - a bare 万/亿 amount is money only when its subject names money;
//! - figures listed with `、` take their subjects from a list before them,
//!   in order, or share the first one's ([`enumerations`]).

use std::sync::LazyLock;

use crate::change::{self, Change};
use crate::hint::Spans;
use crate::kinds::units::NumUnit;
use crate::kinds::{self, money};
use crate::lexicon;
use crate::model::{Amount, Approx, PercentUnit};
use crate::scan::Candidate;
use crate::subject::{self, Cx};

/// A subject: a span of the text, perhaps after a shared prefix from a
/// list (`高于` + `全省`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Subj {
    pub prefix: Option<(usize, usize)>,
    pub span: (usize, usize),
}

impl Subj {
    fn plain(span: (usize, usize)) -> Subj {
        Subj { prefix: None, span }
    }
}

/// A numeric fact in normalized offsets.
#[derive(Clone, Debug)]
pub(crate) struct NumFact {
    pub start: usize,
    pub end: usize,
    pub value: Amount,
    pub unit: NumUnit,
    pub approx: Approx,
    pub subject: Option<Subj>,
    /// The words of the change it states (`同比增长`), simplified.
    pub change: Option<String>,
    /// Whether the text gives it as an aim or a forecast (`target.rs`).
    pub target: bool,
    /// Whether its unit came from a later member of an enumeration.
    shared_unit: bool,
    /// A threshold inside a noun phrase (`10亿元以上项目`): its subject is
    /// read after it, and no change comments on it.
    threshold: bool,
    /// The change phrase before it, as read from its clause.
    change_at: Option<Change>,
    /// A change whose clause names no indicator: it inherits one (after
    /// the lists are read, so that a list's figures have theirs).
    inherits: bool,
    /// How far back its subject could reach.
    floor: usize,
    /// For a threshold inside a noun phrase, the words before it in the
    /// phrase (`新签约` in `新签约亿元以上项目`), whether or not they name what
    /// it measures: what the count of the phrase takes in.
    lead: Option<(usize, usize)>,
}

/// Links that may stand alone after a comma between two figures of one
/// clause (`突破2000亿元,达到2136.4亿元`): the second shares the first's subject.
static LINKS: LazyLock<lexicon::Words> = LazyLock::new(|| lexicon::FIGURE_LINKS.bucketed());

/// `subject/milestones`: 大关 after a figure belongs to it.
static MILESTONES: LazyLock<lexicon::Words> = LazyLock::new(|| lexicon::MILESTONES.bucketed());

/// Where the text after a figure ending at `end` starts, past a milestone
/// word that belongs to the figure (`2000亿大关`).
fn past_milestone(t: &str, end: usize) -> usize {
    t.get(end..).and_then(|r| MILESTONES.prefix_of(r)).map_or(end, |w| end + w.len())
}

/// Whether the text between two figures only links them: at most three
/// characters with no clause mark, or a comma and a link word.
fn only_links(between: &str) -> bool {
    let between = MILESTONES.prefix_of(between).map_or(between, |w| between.get(w.len()..).unwrap_or(""));
    let b = between.trim();
    let link = b.trim_start_matches([',', '、', ' ']);
    // 新建平台12个,累计达到90个: an adverb of total before the link.
    let link = ["累计", "共计", "合计", "总计", "已经", "已"].iter().find_map(|w| link.strip_prefix(w)).unwrap_or(link);
    (b.chars().count() <= 3 && !b.contains([',', ';', '。', '、']))
        || (b.starts_with([',', '、']) && LINKS.contains(link))
}

/// The subject a change inherits when its clause does not name the
/// indicator (`实现营业收入52亿元,同比增长12%`): that of the nearest figure
/// before it in the sentence whose change this can be. A threshold inside a
/// noun phrase is skipped, and so is a rate that is a level (`完成率27%`)
/// unless the change is in percentage points (a change of that rate).
fn inherited(facts: &[NumFact], sentence: usize, points: bool) -> Option<Subj> {
    facts
        .iter()
        .rev()
        .take_while(|p| p.start >= sentence)
        .find(|p| !p.threshold && (points || !matches!(p.unit, NumUnit::Percent(_)) || p.change.is_some()))
        .and_then(|p| p.subject)
}

/// Whether the figure is a threshold inside a noun phrase: `以上` or
/// `以下` and a noun right after (`10亿元以上项目`, `80亩以上试点项目`).
fn in_phrase(approx: Approx, cx: &Cx<'_>) -> bool {
    matches!(approx, Approx::AtLeast | Approx::AtMost) && cx.after().is_some()
}

/// The bound a figure shares with the threshold after it when the two are
/// alternatives (`5亿元或3000万美元以上项目`: 以上 bounds both).
fn shared_bound(t: &str, c: &Candidate, next: Option<&Candidate>) -> Option<Approx> {
    // The cheap tests first: the noun phrase after the threshold is read
    // only for a figure joined to one by 或 or 、.
    let next = next.filter(|n| {
        c.approx == Approx::Exact
            && matches!(n.approx, Approx::AtLeast | Approx::AtMost)
            && t.get(c.end..n.start).is_some_and(alternative)
    })?;
    crate::subject::after(t, next.end).is_some().then_some(next.approx)
}

/// Whether `between` is what joins two alternative figures (`或`, `、`).
fn alternative(between: &str) -> bool {
    matches!(between, "或" | "或者" | "、")
}

/// Whether `s` names what a figure of `unit` measures: a money indicator
/// for money (`税收`), a measure indicator for measures (`占地`), any
/// indicator for a rate (`研发投入占比`).
fn names_what_it_measures(t: &str, unit: NumUnit, s: Option<(usize, usize)>) -> bool {
    match unit {
        NumUnit::Money(_) => money::is_money_subject(t, s),
        NumUnit::Measure(_) => kinds::measure::is_measure_subject(t, s),
        NumUnit::Percent(_) => s.is_some(),
        NumUnit::Count(_) => false,
    }
}

/// The indicator written before a change that starts at `s`, its clause
/// reaching back to `floor`. A date between them (`规模工业增加值1—7月增速`)
/// does not hide an indicator written before it.
fn indicator_before(t: &str, s: usize, floor: usize, cuts: Spans<'_>) -> Option<(usize, usize)> {
    let read = |at: usize| Cx::new(t, at, at, floor, cuts).before(&subject::AMOUNT).filter(|&(a, _)| a >= floor);
    read(s).or_else(|| {
        // The cut that ends right where the change starts.
        let k = cuts.partition_point(|c| c.1 <= s);
        let &(cs, ce) = k.checked_sub(1).and_then(|i| cuts.get(i))?;
        (cs > floor && t.get(ce..s).is_some_and(|g| g.trim().is_empty())).then(|| read(cs)).flatten()
    })
}

/// How many items of a list are read, at least, before [`free_read`]
/// frees them.
const FREE_AFTER: usize = 4096;

/// Frees the items of `list` before `read` (those already read) once they
/// are half the list and at least [`FREE_AFTER`], moving the rest down and
/// setting `read` to 0: each step copies at most what it frees, so the
/// copying is linear in all, and a large input does not hold a whole list
/// and the whole list made from it at once.
pub(crate) fn free_read<T>(list: &mut Vec<T>, read: &mut usize) {
    if *read >= FREE_AFTER && 2 * *read >= list.len() {
        list.drain(..*read);
        list.shrink_to_fit();
        *read = 0;
    }
}

/// Turns candidates into numeric facts. `sentence_start` gives the start of
/// the sentence holding an offset; `cuts` are spans (dates, zones) a
/// subject must start after. (Kept out of line, once per document, so that
/// profiles show the stage: `bench/profile.sh`.)
#[inline(never)]
pub(crate) fn facts(
    t: &str,
    mut cands: Vec<Candidate>,
    sentence_start: &dyn Fn(usize) -> usize,
    cuts: Spans<'_>,
) -> Vec<NumFact> {
    // A candidate gives at most one figure, and most give one: room for
    // all of them. Room left unused is address space only (its pages are
    // never touched); growing by half the list again copied it.
    let mut out: Vec<NumFact> = Vec::with_capacity(cands.len());
    // `cands[ci]` is the next candidate. A figure reads its own candidate
    // and the next; the candidates read are freed as the figures grow.
    let mut ci = 0;
    loop {
        free_read(&mut cands, &mut ci);
        let Some(c) = cands.get(ci) else { break };
        ci += 1;
        let floor = sentence_start(c.start);
        let Some(claimed) = kinds::claim(t, c, floor) else { continue };
        let unit = claimed.unit;
        let prev = out.last().filter(|p| p.end <= c.start && p.end >= floor);
        // A figure in a note (`工业产值(500万元以上)18亿元`) does not bound
        // the subject of the figure after the note.
        let sub_floor = match prev {
            Some(p) if t.get(p.end..c.start).is_some_and(|g| g.trim_start().starts_with([')', '）'])) => p.floor,
            Some(p) => past_milestone(t, p.end).min(c.start),
            None => floor,
        };
        let cx = Cx::new(t, c.start, c.end, sub_floor, cuts);
        let shared = shared_bound(t, c, cands.get(ci));
        let approx = shared.unwrap_or(c.approx);
        let threshold = shared.is_some() || in_phrase(approx, &cx);
        // A change before the figure: its indicator stands before it, or is
        // the subject of the figure it comments on.
        // A count of the noun after it (`高于东部33个开发区`) is no change:
        // what it counts is the object of the words before it.
        let counts_noun = matches!(unit, NumUnit::Count(_)) && cx.after().is_some();
        let change_at = if counts_noun {
            None
        } else {
            let (a, b) = cx.clause_before();
            change::at_end(t, a, b)
        };
        let mut subj;
        let mut inherits = false;
        let mut lead = None;
        if let Some(ch) = change_at {
            subj = indicator_before(t, ch.start, cx.floor, cuts);
            inherits = subj.is_none();
        } else if threshold {
            // A threshold inside a noun phrase (`10亿元以上项目`) has no
            // subject, unless the phrase names what it measures
            // (`税收500万元以上企业`).
            lead = cx.before(kinds::rules(unit));
            subj = lead.filter(|&s| names_what_it_measures(t, unit, Some(s)));
        } else {
            subj = kinds::subject(unit, &cx, approx);
            // 竣工1个: the count of what the verb did.
            if subj.is_none() {
                subj = cx.lone_verb();
            }
            // 5000万元以上项目841个, 税收500万元以上企业14家: the threshold,
            // and what it measures, are part of what is counted.
            if let (Some((a, b)), Some(p)) = (subj, prev)
                && (p.threshold || matches!(p.unit, NumUnit::Money(_)))
                && (a == p.end || (t.get(p.end..a) == Some("的")))
                && a < b
            {
                // What stands right before the threshold, in the same phrase,
                // and before the thresholds it is an alternative to.
                let lead_of = |p: &NumFact| {
                    p.subject.map(|s| s.span).or(p.lead).filter(|s| s.1 == p.start).map_or(p.start, |s| s.0)
                };
                let mut from = lead_of(p);
                let mut first = p.start;
                for q in out.iter().rev().skip(1) {
                    if !(q.threshold && t.get(q.end..first).is_some_and(alternative)) {
                        break;
                    }
                    (from, first) = (lead_of(q), q.start);
                }
                subj = Some((from, b));
            }
            // Nothing before it but 的 or a link after a figure of the same
            // clause: it shares that figure's subject.
            if subj.is_none()
                && let Some(p) = prev
                && t.get(p.end..c.start).is_some_and(only_links)
            {
                subj = p.subject.map(|s| s.span);
                // 完成年任务75亿元的23.7%: a rate of the task is the rate of
                // completing it, verb included.
                let rules = kinds::rules(unit);
                if let Some((a, b)) = subj
                    && rules.task_keeps_verb
                {
                    subj = Some((subject::indicator_start(t, floor.min(a), a, b, rules), b));
                }
            }
        }
        // 保持8.2%的增速: the rate's change is the noun after it.
        let mut change = change_at.map(|ch| ch.text(t));
        if change.is_none()
            && matches!(unit, NumUnit::Percent(_))
            && let Some((indicator, noun)) = kinds::percent::change_after(&cx)
        {
            change = t.get(noun.0..noun.1).map(str::to_string);
            subj = indicator;
        }
        if c.unit.is_none() && c.prefix_currency.is_none() && !money::is_money_subject(t, subj) {
            continue;
        }
        out.push(NumFact {
            start: c.start,
            end: c.end,
            value: claimed.value,
            unit,
            approx,
            subject: subj.map(Subj::plain),
            change,
            target: false,
            shared_unit: c.shared_unit,
            threshold,
            change_at,
            inherits,
            floor: cx.floor,
            lead,
        });
    }
    enumerations(t, &mut out, sentence_start, cuts);
    // Changes that name no indicator take that of the figure they comment on.
    for i in 0..out.len() {
        let Some(f) = out.get(i).filter(|f| f.inherits && f.subject.is_none()) else { continue };
        let (sentence, points) = (sentence_start(f.start), f.unit == NumUnit::Percent(PercentUnit::Point));
        let subject = out.get(..i).and_then(|before| inherited(before, sentence, points));
        if let Some(f) = out.get_mut(i) {
            f.subject = subject;
        }
    }
    out.shrink_to_fit();
    out
}

/// The items of the list `[a, b)` (`全国、全省和全市`) when there are
/// exactly `k` of them, split on `、` and a last `和`/`及`/`与`.
fn list_items(t: &str, a: usize, b: usize, k: usize) -> Option<Vec<(usize, usize)>> {
    let s = t.get(a..b)?;
    let mut items: Vec<(usize, usize)> = Vec::with_capacity(k);
    let mut from = a;
    for (i, c) in s.char_indices() {
        if c == '、' {
            items.push((from, a + i));
            from = a + i + c.len_utf8();
        }
    }
    let last = t.get(from..b)?;
    match ["和", "及", "与"].iter().find_map(|w| last.find(w).map(|p| (p, w.len()))) {
        Some((p, n)) if items.len() + 2 == k => {
            items.push((from, from + p));
            items.push((from + p + n, b));
        }
        _ => items.push((from, b)),
    }
    (items.len() == k && items.iter().all(|&(x, y)| y > x)).then_some(items)
}

/// Figures listed with `、` (`2万头、0.4万头`, `2.9、4.7、2.8个百分点`) take
/// their subjects from a list of the same length before them, in order, or
/// else share the first one's. When the list states a change (`产值、税收
/// 分别增长8%、6%`), every figure has it; when the change compares with a
/// list of places (`增速分别高于全国、全省2.9、4.7个百分点`), each figure
/// compares with its own.
fn enumerations(t: &str, facts: &mut [NumFact], sentence_start: &dyn Fn(usize) -> usize, cuts: Spans<'_>) {
    let mut i = 0;
    while i < facts.len() {
        let mut j = i + 1;
        while let (Some(p), Some(n)) = (facts.get(j - 1), facts.get(j)) {
            let gap = t.get(p.end..n.start).unwrap_or("").trim();
            let linked = gap == "、" || (n.unit == p.unit && (gap == "和" || gap == "及"));
            if !linked || n.unit != p.unit && !p.shared_unit {
                break;
            }
            j += 1;
        }
        let k = j - i;
        if k >= 2
            && let Some(first) = facts.get(i)
        {
            let floor = sentence_start(first.start);
            let floor = facts.get(..i).and_then(|f| f.last()).map_or(floor, |p| p.end.max(floor));
            let (subject, change_at, inherits) = (first.subject, first.change_at, first.inherits);
            // The subjects of the last `k` figures before the list in its
            // sentence that are not thresholds nor level rates: what a 分别
            // list may pair with. Read back only as far as the sentence's
            // start and `k` figures (the work stays linear on a page of
            // many lists).
            let sentence = sentence_start(first.start);
            let earlier: Vec<(usize, usize)> = facts
                .get(..i)
                .unwrap_or(&[])
                .iter()
                .rev()
                .take_while(|p| p.start >= sentence)
                .filter(|p| !p.threshold && !matches!(p.unit, NumUnit::Percent(_)))
                .filter_map(|p| p.subject.map(|s| s.span))
                .take(k)
                .collect();
            let group = facts.iter_mut().skip(i).take(k);
            match change_at {
                Some(ch) if ch.object.and_then(|(os, oe)| list_items(t, os, oe, k)).is_some() => {
                    let items = ch.object.and_then(|(os, oe)| list_items(t, os, oe, k)).unwrap_or_default();
                    for (f, item) in group.zip(items) {
                        f.change = Some(ch.text_with(t, item));
                        f.subject = subject;
                        f.inherits = inherits;
                    }
                }
                Some(ch) => {
                    let text = ch.text(t);
                    let mut items = subject::list_before(t, ch.start, floor, cuts, k);
                    // 实现产值A、税收B…,分别增长x、y: with 分别 or 依次, the
                    // changes pair in order with the figures listed before
                    // them in the sentence, and take their indicators.
                    if items.is_none()
                        && earlier.len() == k
                        && t.get(ch.start..ch.end).is_some_and(|s| s.contains("分别") || s.contains("依次"))
                    {
                        items = Some(earlier.iter().rev().copied().collect());
                    }
                    for (n, f) in group.enumerate() {
                        f.change = Some(text.clone());
                        f.subject = items.as_ref().and_then(|v| v.get(n)).map(|&s| Subj::plain(s)).or(subject);
                        f.inherits = inherits && f.subject.is_none();
                    }
                }
                None => list_subjects(t, facts, i, k, floor, cuts),
            }
        }
        i = j;
    }
}

/// The subjects of the `k` figures from `i`, listed with no change: from a
/// list before them, in order (a verb on the first item is shared: `高于
/// 全国、全省`), or else the first one's.
fn list_subjects(t: &str, facts: &mut [NumFact], i: usize, k: usize, floor: usize, cuts: Spans<'_>) {
    let Some(first) = facts.get(i) else { return };
    if let Some(items) = subject::list_before(t, first.start, floor, cuts, k) {
        let prefix = items.first().and_then(|&f| subject::shared_prefix(t, f)).map(|w| {
            let s = items.first().map_or(0, |f| f.0);
            (s, s + w.len())
        });
        for (n, (f, item)) in facts.iter_mut().skip(i).take(k).zip(items).enumerate() {
            let has_prefix = prefix.is_some_and(|(ps, pe)| {
                t.get(item.0..item.1).is_some_and(|s| t.get(ps..pe).is_some_and(|p| s.starts_with(p)))
            });
            f.subject = Some(Subj { prefix: if n > 0 && !has_prefix { prefix } else { None }, span: item });
        }
    } else {
        let shared = first.subject;
        for f in facts.iter_mut().skip(i + 1).take(k - 1) {
            if shared.is_some() {
                f.subject = shared;
            }
        }
    }
}
