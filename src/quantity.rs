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

use crate::kinds::units::NumUnit;
use crate::kinds::{self, money};
use crate::lexicon;
use crate::model::{Amount, Approx};
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
    /// Whether its unit came from a later member of an enumeration.
    shared_unit: bool,
}

/// Links that may stand alone between two figures of one clause, after a
/// comma (`突破2000亿元,达到2136.4亿元`): the second shares the first's subject.
static LINKS: LazyLock<lexicon::Words> = LazyLock::new(|| lexicon::FIGURE_LINKS.bucketed());

/// Whether the text between two figures only links them: at most three
/// characters with no clause mark, or a comma and a link word.
fn only_links(between: &str) -> bool {
    let b = between.trim();
    let link = b.trim_start_matches([',', ' ']);
    (b.chars().count() <= 3 && !b.contains([',', ';', '。', '、'])) || (b.starts_with(',') && LINKS.contains(link))
}

/// Turns candidates into numeric facts. `sentence_start` gives the start of
/// the sentence holding an offset; `cuts` are spans (dates, zones) a
/// subject must start after.
pub(crate) fn facts(
    t: &str,
    cands: &[Candidate],
    sentence_start: &dyn Fn(usize) -> usize,
    cuts: &[(usize, usize)],
) -> Vec<NumFact> {
    let mut out: Vec<NumFact> = Vec::with_capacity(cands.len() / 2);
    for c in cands {
        let floor = sentence_start(c.start);
        let Some(claimed) = kinds::claim(t, c, floor) else { continue };
        let unit = claimed.unit;
        let prev = out.last().filter(|p| p.end <= c.start && p.end >= floor);
        let cx = Cx::new(t, c.start, c.end, prev.map_or(floor, |p| p.end), cuts);
        let mut subj = kinds::subject(unit, &cx, c.approx);
        // 竣工1个: the count of what the verb did.
        if subj.is_none() {
            subj = subject::lone_verb(t, c.start, cx.floor);
        }
        // 5000万元以上项目841个: the threshold is part of what is counted.
        if let (Some((a, b)), Some(p)) = (subj, prev)
            && matches!(p.unit, NumUnit::Money(_))
            && (a == p.end || (t.get(p.end..a) == Some("的")))
            && a < b
        {
            subj = Some((p.start, b));
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
        if c.unit.is_none() && c.prefix_currency.is_none() && !money::is_money_subject(t, subj) {
            continue;
        }
        out.push(NumFact {
            start: c.start,
            end: c.end,
            value: claimed.value,
            unit,
            approx: c.approx,
            subject: subj.map(Subj::plain),
            shared_unit: c.shared_unit,
        });
    }
    enumerations(t, &mut out, sentence_start, cuts);
    out.shrink_to_fit();
    out
}

/// Figures listed with `、` (`2万头、0.4万头`, `2.9、4.7、2.8个百分点`) take
/// their subjects from a list of the same length before them, in order, or
/// else share the first one's.
fn enumerations(t: &str, facts: &mut [NumFact], sentence_start: &dyn Fn(usize) -> usize, cuts: &[(usize, usize)]) {
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
        i = j;
    }
}
