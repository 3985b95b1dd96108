//! Changes: the words before a figure that say how an indicator changed or
//! compares (`同比增长`, `较上年提高`, `两年平均增长`, `增速`, `高于全市`,
//! `较2022年末净增`), read backwards from the end of the figure's clause.
//!
//! A change phrase is, in reading order,
//!
//! ```text
//! [growth noun] [distributive] [basis] [distributive] verb [了]   同比增长, 增速较上年提高了
//! [growth noun] [distributive] comparative object                 高于全市, 增速分别高于全国
//! [basis] growth noun                                              增速, 同比增速
//! ```
//!
//! where a basis is `同比`/`环比`, an average (`两年平均`, `年均`), or a
//! marker with what is compared with (`较上年`, `比上年同期`, `与2022年相比`,
//! at most [`MAX_BASIS_CHARS`] long). The words are in `lexicon/change/`.
//! The indicator that changed is what stands before the phrase; the
//! distributive words (`分别`, `均`) and `了` are left out of its text.

use std::sync::LazyLock;

use crate::lexicon::{self, Words};
use crate::text::char_before;

/// The longest basis object between its marker and its verb (`较上年同期`,
/// `比全省平均水平`, `较全国、全省、全市`), in characters.
pub(crate) const MAX_BASIS_CHARS: usize = 16;

/// The longest object of a comparative (`高于全国、全省、全市`), in
/// characters.
pub(crate) const MAX_OBJECT_CHARS: usize = 16;

/// What a basis word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Basis {
    /// 同比, 环比: stands alone.
    SelfContained,
    /// 较, 比, 与, 相比: takes what is compared with after it.
    Object,
    /// 两年平均, 年均: a mean over years.
    Average,
}

struct Lists {
    verbs: Words,
    /// Verbs of one character, a change only right after a basis.
    after_basis: Vec<&'static str>,
    comparatives: Words,
    bases: Words,
    basis_kinds: Vec<(&'static str, Basis)>,
    nouns: Words,
    distributives: Words,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let verbs = lexicon::CHANGE_VERBS.rows();
    let basis_kinds: Vec<(&'static str, Basis)> = lexicon::CHANGE_BASES
        .rows()
        .into_iter()
        .filter_map(|r| {
            let kind = match *r.get(1)? {
                "self" => Basis::SelfContained,
                "object" => Basis::Object,
                "average" => Basis::Average,
                _ => return None,
            };
            Some((*r.first()?, kind))
        })
        .collect();
    Lists {
        verbs: Words::new(&verbs.iter().filter_map(|r| r.first().copied()).collect::<Vec<_>>()),
        after_basis: verbs
            .iter()
            .filter(|r| r.get(1) == Some(&"after-basis"))
            .filter_map(|r| r.first().copied())
            .collect(),
        comparatives: lexicon::CHANGE_COMPARATIVES.bucketed(),
        bases: Words::new(&basis_kinds.iter().map(|b| b.0).collect::<Vec<_>>()),
        basis_kinds,
        nouns: lexicon::CHANGE_NOUNS.bucketed(),
        distributives: lexicon::CHANGE_DISTRIBUTIVES.bucketed(),
    }
});

/// A change phrase found at the end of a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Change {
    /// Where the phrase starts: the indicator ends here.
    pub start: usize,
    /// Where it ends (the clause's end).
    pub end: usize,
    /// What the change compares with, for a comparative (`高于全市`) or a
    /// basis with an object (`较全省`): a list of objects (`高于全国、全省`,
    /// `较全国、全省分别高`) gives each figure of a list its own.
    pub object: Option<(usize, usize)>,
}

impl Change {
    /// The words of the change: the phrase without distributive words and
    /// `了`.
    pub fn text(&self, t: &str) -> String {
        words_of(t.get(self.start..self.end).unwrap_or(""))
    }

    /// The words of the change for one object of a list: the phrase with
    /// `item` for its object (`增速高于` + `全省`, `较` + `全省` + `高`).
    pub fn text_with(&self, t: &str, item: (usize, usize)) -> String {
        let (os, oe) = self.object.unwrap_or((self.end, self.end));
        let mut s = words_of(t.get(self.start..os).unwrap_or(""));
        s.push_str(t.get(item.0..item.1).unwrap_or("").trim());
        s.push_str(&words_of(t.get(oe..self.end).unwrap_or("")));
        s
    }
}

/// `s` without distributive words, `了` and white space. A word of the
/// change that holds a distributive's character (`平均`) is kept whole.
fn words_of(s: &str) -> String {
    let lists = &*LISTS;
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(w) = lists.bases.prefix_of(rest).or_else(|| lists.verbs.prefix_of(rest)) {
            out.push_str(w);
            rest = rest.get(w.len()..).unwrap_or("");
            continue;
        }
        if let Some(w) = lists.distributives.prefix_of(rest) {
            rest = rest.get(w.len()..).unwrap_or("");
            continue;
        }
        if !(c == '了' || c.is_whitespace()) {
            out.push(c);
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}

/// Whether `s` is a noun that names a change (`增速`, `增幅`).
pub(crate) fn is_noun(s: &str) -> bool {
    LISTS.nouns.contains(s)
}

/// The start of a distributive word ending at `i` (or `i`), not before
/// `a`; not one inside a basis (`平均`).
fn skip_distributive(t: &str, a: usize, i: usize) -> usize {
    let before = t.get(a..i).unwrap_or("");
    if LISTS.bases.suffix_of(before).is_some() {
        return i;
    }
    LISTS.distributives.suffix_of(before).map_or(i, |w| i - w.len())
}

/// The start of a growth noun ending at `i` (or `i`), not before `a`.
fn noun_before(t: &str, a: usize, i: usize) -> usize {
    let before = t.get(a..i).unwrap_or("");
    LISTS.nouns.suffix_of(before).map_or(i, |w| i - w.len())
}

/// Whether `s` can be what a change is compared with: short, with no
/// clause mark inside, and digits only where a year may stand (`较2022年末`).
fn is_object(s: &str, max: usize, digits: bool) -> bool {
    !s.is_empty()
        && s.chars().count() <= max
        && !s.chars().any(|c| matches!(c, ',' | '。' | ';' | ':' | '!' | '?' | '(' | ')' | '%'))
        && (digits || !s.chars().any(|c| c.is_ascii_digit()))
}

/// The basis ending at `i`, not before `a`: its start, and the span of
/// what it compares with, if it names it (`较` + `全省`).
fn basis_before(t: &str, a: usize, i: usize) -> Option<(usize, Option<(usize, usize)>)> {
    let lists = &*LISTS;
    let before = t.get(a..i)?;
    // 同比, 环比, 两年平均, and 相比 closing 与…相比.
    if let Some(w) = lists.bases.suffix_of(before) {
        let kind = lists.basis_kinds.iter().find(|b| b.0 == w).map(|b| b.1);
        let s = i - w.len();
        return match kind {
            Some(Basis::SelfContained | Basis::Average) => Some((s, None)),
            // 与上年相比: the marker 与 opens it.
            Some(Basis::Object) if w == "相比" => {
                Some(marker_before(t, a, s, &["与", "和", "同"]).map_or((s, None), |m| (m, Some((m + 3, s)))))
            }
            _ => None,
        };
    }
    // 较上年, 比上年同期, 较2022年末, 较全国、全省: a marker, then a short object.
    marker_before(t, a, i, &["较", "比"]).map(|m| (m, Some((m + 3, i))))
}

/// The nearest of `markers` before `i` (not before `a`) whose object, up
/// to `i`, is a short stretch with no clause mark: its start.
fn marker_before(t: &str, a: usize, i: usize, markers: &[&str]) -> Option<usize> {
    let mut k = i;
    for _ in 0..=MAX_BASIS_CHARS {
        let (p, c) = char_before(t, k).filter(|(p, _)| *p >= a)?;
        if matches!(c, ',' | '。' | ';' | ':') {
            return None;
        }
        if markers.iter().any(|m| m.starts_with(c) && m.len() == c.len_utf8())
            && is_object(t.get(k..i).unwrap_or(""), MAX_BASIS_CHARS, true)
            // 比重, 比例 and 占比 are no basis.
            && !(c == '比' && (t.get(k..).is_some_and(|r| r.starts_with(['重', '例']))
                || char_before(t, p).is_some_and(|(_, b)| b == '占')))
        {
            return Some(p);
        }
        k = p;
    }
    None
}

/// The change phrase that ends the clause `[a, b)` (links already stripped
/// from its end), if there is one.
pub(crate) fn at_end(t: &str, a: usize, b: usize) -> Option<Change> {
    let lists = &*LISTS;
    let clause = t.get(a..b)?;
    let end = b;
    // An aspect marker after the verb: 提高了.
    let b = if clause.ends_with('了') { b - '了'.len_utf8() } else { b };
    let clause = t.get(a..b)?;
    // A verb of change at the end.
    if let Some(v) = lists.verbs.suffix_of(clause) {
        let vs = b - v.len();
        let d = skip_distributive(t, a, vs);
        let basis = basis_before(t, a, d);
        if basis.is_none() && lists.after_basis.contains(&v) {
            return None;
        }
        let s = basis.map_or(d, |(bs, _)| skip_distributive(t, a, bs));
        let s = noun_before(t, a, s);
        return Some(Change { start: s, end, object: basis.and_then(|b| b.1) });
    }
    // A comparative and its object at the end: 高于全市, 高于全国、全省.
    let mut k = b;
    for _ in 0..MAX_OBJECT_CHARS {
        let Some((p, _)) = char_before(t, k).filter(|(p, _)| *p >= a) else { break };
        k = p;
        if let Some(w) = lists.comparatives.suffix_of(t.get(a..k).unwrap_or(""))
            && is_object(t.get(k..b).unwrap_or(""), MAX_OBJECT_CHARS, false)
        {
            let cs = k - w.len();
            let s = noun_before(t, a, skip_distributive(t, a, cs));
            return Some(Change { start: s, end, object: Some((k, b)) });
        }
    }
    // A growth noun at the end: 增速, 同比增幅.
    if let Some(n) = lists.nouns.suffix_of(clause) {
        let ns = b - n.len();
        let s = basis_before(t, a, ns).map_or(ns, |b| b.0);
        return Some(Change { start: s, end, object: None });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The indicator and the change words of `clause` (the clause before a
    /// figure).
    fn split(clause: &str) -> Option<(String, String)> {
        let c = at_end(clause, 0, clause.len())?;
        Some((clause[..c.start].to_string(), c.text(clause)))
    }

    #[test]
    fn verbs_with_and_without_a_basis() {
        assert_eq!(split("出口额同比增长"), Some(("出口额".into(), "同比增长".into())));
        assert_eq!(split("税收较上年提高了"), Some(("税收".into(), "较上年提高".into())));
        assert_eq!(split("营收比上年同期增长"), Some(("营收".into(), "比上年同期增长".into())));
        assert_eq!(split("增加值两年平均增长"), Some(("增加值".into(), "两年平均增长".into())));
        assert_eq!(split("市场主体较2023年末净增"), Some(("市场主体".into(), "较2023年末净增".into())));
        assert_eq!(split("产值、利润同比分别增长"), Some(("产值、利润".into(), "同比增长".into())));
        assert_eq!(split("用水量下降"), Some(("用水量".into(), "下降".into())));
        assert_eq!(split("产值与上年相比下降"), Some(("产值".into(), "与上年相比下降".into())));
    }

    #[test]
    fn one_character_verbs_need_a_basis() {
        assert_eq!(split("研发强度较全省高"), Some(("研发强度".into(), "较全省高".into())));
        assert_eq!(split("园区同比增"), Some(("园区".into(), "同比增".into())));
        assert_eq!(split("效率高"), None);
        assert_eq!(split("质量提升空间大"), None);
    }

    #[test]
    fn comparisons_and_nouns() {
        assert_eq!(split("增速高于全市"), Some(("".into(), "增速高于全市".into())));
        assert_eq!(split("GDP增速分别高于全国、全省"), Some(("GDP".into(), "增速高于全国、全省".into())));
        assert_eq!(split("固定资产投资增速"), Some(("固定资产投资".into(), "增速".into())));
        assert_eq!(split("进出口同比增幅"), Some(("进出口".into(), "同比增幅".into())));
    }

    #[test]
    fn no_change() {
        assert_eq!(split("营业收入"), None);
        assert_eq!(split("占全市比重"), None);
        assert_eq!(split("研发投入占比"), None);
        assert_eq!(split("新增企业"), None);
    }

    #[test]
    fn list_objects() {
        let clause = "增速分别高于全国、全省";
        let c = at_end(clause, 0, clause.len()).unwrap();
        let k = clause.find("全省").unwrap();
        assert_eq!(c.text_with(clause, (k, clause.len())), "增速高于全省");
        let clause = "投资较全国、全省分别高";
        let c = at_end(clause, 0, clause.len()).unwrap();
        let k = clause.find("全省").unwrap();
        assert_eq!(c.text_with(clause, (k, k + "全省".len())), "较全省高");
    }
}
