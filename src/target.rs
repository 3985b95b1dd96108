//! Targets: figures a text gives as aims or forecasts, not results (SPEC,
//! `target`).
//!
//! A cue makes the figures after it in its sentence targets:
//!
//! - a word of aim or forecast on its own (`力争`, `争取`, `确保`, `预计`,
//!   `预期`, `有望`, `可望`, and `目标` where it introduces the aim:
//!   `目标是`, `发展目标:`), in `lexicon/target/cues.txt`;
//! - a word of intention or possibility (`将`, `可`, `计划`, `要`), or a date
//!   a plan runs to (`到2025年`), with a verb of reaching or producing
//!   after it (`将新增`, `可实现`, `计划完成`, `到2025年…达到`), in
//!   `lexicon/target/{modals,reaching_verbs}.txt`.
//!
//! The cue's reach ends at the end of its sentence, at a `;` (which starts
//! the next item of a statement), at a word that reports a result (`已`,
//! `实现了`: `lexicon/target/result_markers.txt`), and after
//! [`MAX_REACH_CHARS`]. The attributes of a project (`总投资`, `占地`,
//! `建筑面积`) are targets only when a cue of aim or forecast stands in
//! their own clause (`预计总投资额达500亿元`): `可新增建筑面积` describes a
//! project.

use std::sync::LazyLock;

use crate::hint::Hint;
use crate::lexicon::{self, EndSearcher, Words};

/// How far back from a figure its cue is looked for, in characters.
pub(crate) const MAX_REACH_CHARS: usize = 120;

/// How far after `可` or `计划` its verb of reaching may stand (`计划五年
/// 落地`), in characters.
const MODAL_VERB_CHARS: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    /// A cue on its own.
    Cue,
    /// A word of intention that needs a verb of reaching after it.
    Modal,
    /// A verb of reaching or producing.
    Reaching,
    /// A word that reports a result.
    Result,
}

struct Lists {
    /// The words of the four lists, found from their last characters.
    searcher: EndSearcher,
    words: Vec<(&'static str, Word)>,
    attributes: Words,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut words: Vec<(&'static str, Word)> = Vec::new();
    for (list, w) in [
        (&lexicon::TARGET_CUES, Word::Cue),
        (&lexicon::TARGET_MODALS, Word::Modal),
        (&lexicon::TARGET_REACHING_VERBS, Word::Reaching),
        (&lexicon::TARGET_RESULT_MARKERS, Word::Result),
    ] {
        words.extend(list.words().into_iter().map(|x| (x, w)));
    }
    let patterns: Vec<&str> = words.iter().map(|w| w.0).collect();
    Lists { searcher: EndSearcher::new(&patterns), words, attributes: lexicon::TARGET_ATTRIBUTES.bucketed() }
});

/// A word of the target lists found in the text.
#[derive(Clone, Copy, Debug)]
struct Found {
    start: usize,
    end: usize,
    word: Word,
}

/// The cue words of a text, found once, for [`Targets::is_target`].
pub(crate) struct Targets<'a> {
    t: &'a str,
    found: Vec<Found>,
    /// Dates a plan runs to (`到2025年`), sorted: cues like a modal.
    until: Vec<(usize, usize)>,
    /// Figures are looked up in order ([`Hint`]): where the last lookups
    /// of the window's end, its start and the dates ended.
    hints: [Hint; 3],
}

/// The last characters of the words of the lists: where [`Targets::new`]
/// looks.
pub(crate) fn word_ends() -> &'static crate::text::CharSet {
    LISTS.searcher.last_chars()
}

/// Whether `目标` at `[s, e)` introduces an aim (`目标是`, `目标:`, `发展
/// 目标为`), not a noun inside a longer one (`目标完成率`, `目标任务`).
fn introduces_aim(t: &str, e: usize) -> bool {
    let rest = t.get(e..).unwrap_or("");
    rest.starts_with(['是', '为', ',', ':', '到', '\n']) || rest.starts_with("就是") || rest.is_empty()
}

impl<'a> Targets<'a> {
    /// The cue words of `t`; `until` are the spans of dates with the
    /// relation `until` (`到2025年`); `ends` the offsets of the characters
    /// of [`word_ends`] in `t` ([`crate::triggers`]).
    #[inline(never)] // a stage: kept out of line so that profiles show it (bench/profile.sh)
    pub fn new(t: &'a str, until: Vec<(usize, usize)>, ends: &[usize]) -> Targets<'a> {
        let lists = &*LISTS;
        let found = lists
            .searcher
            .find_all(t, ends)
            .into_iter()
            .filter_map(|(start, end, k)| {
                let word = lists.words.get(k)?.1;
                let keep = match word {
                    Word::Cue if t.get(start..end) == Some("目标") => introduces_aim(t, end),
                    _ => true,
                };
                keep.then_some(Found { start, end, word })
            })
            .collect();
        Targets { t, found, until, hints: Default::default() }
    }

    /// Whether the figure at `[start, end)`, in the sentence starting at
    /// `sentence`, measuring `subject`, is a target.
    pub fn is_target(&self, start: usize, sentence: usize, subject: Option<&str>) -> bool {
        // A `;` starts the next item: the cue of an earlier one does not
        // reach. The reach is the last MAX_REACH_CHARS characters of the
        // item; the item is found first (in the last 4 × MAX_REACH_CHARS
        // bytes, which hold at least that many characters: bounded on a
        // sentence that never ends), and is most often the shorter.
        let before = self.t.get(sentence..start).unwrap_or("");
        let mut k = before.len().saturating_sub(4 * MAX_REACH_CHARS);
        while !before.is_char_boundary(k) {
            k += 1;
        }
        let tail = before.get(k..).unwrap_or("");
        let item = memchr::memrchr(b';', tail.as_bytes()).map_or(tail, |k| tail.get(k + 1..).unwrap_or(""));
        let from = start - crate::text::last_chars(item, MAX_REACH_CHARS).len();
        let [end_hint, start_hint, until_hint] = &self.hints;
        let k = end_hint.partition_point(&self.found, |f| f.end <= start);
        let lo = start_hint.partition_point(&self.found, |f| f.start < from);
        let window = self.found.get(lo..k).unwrap_or(&[]);
        // The last cue before the figure, walking back past verbs of
        // reaching; a result on the way ends the search.
        let mut reaching_after: Option<usize> = None;
        let mut cue: Option<usize> = None;
        let mut strong = false;
        for f in window.iter().rev() {
            match f.word {
                Word::Result => break,
                Word::Reaching => reaching_after = Some(f.start),
                Word::Cue => {
                    cue = Some(f.start);
                    strong = true;
                    break;
                }
                Word::Modal => {
                    let word = self.t.get(f.start..f.end).unwrap_or("");
                    let ok = reaching_after.is_some_and(|v| {
                        // 将 reaches any verb of reaching later in its scope; 可
                        // and 计划 take one right after them.
                        word == "将"
                            || word == "要"
                            || self.t.get(f.end..v).is_some_and(|gap| gap.chars().count() <= MODAL_VERB_CHARS)
                    });
                    if ok {
                        cue = Some(f.start);
                        break;
                    }
                }
            }
        }
        // 到2025年 … 达到: a date a plan runs to, with a verb of reaching.
        if cue.is_none()
            && let Some(v) = reaching_after
        {
            let d = until_hint.partition_point(&self.until, |u| u.1 <= v);
            if let Some(&(ds, _)) = d.checked_sub(1).and_then(|i| self.until.get(i))
                && ds >= from
                && !window.iter().any(|f| f.word == Word::Result && f.start > ds)
            {
                cue = Some(ds);
            }
        }
        let Some(c) = cue else { return false };
        // A project's attribute needs a cue of aim or forecast in its own clause.
        let attribute = subject.is_some_and(|s| LISTS.attributes.suffix_of(s).is_some());
        let own_clause = !self.t.get(c..start).is_some_and(|between| between.contains([',', ';', '。']));
        !attribute || strong && own_clause
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(text: &str, figure: &str, subject: Option<&str>) -> bool {
        let until: Vec<(usize, usize)> = text.find("到20").map(|i| (i, i + "到2025年".len())).into_iter().collect();
        let t = Targets::new(text, until, &crate::triggers::Triggers::new(text).target_ends);
        let s = text.find(figure).unwrap();
        let sentence = text.get(..s).and_then(|b| b.rfind('。').map(|k| k + '。'.len_utf8())).unwrap_or(0);
        t.is_target(s, sentence, subject)
    }

    #[test]
    fn cues_and_their_reach() {
        assert!(target("园区力争全年营收突破900亿元。", "突破900亿元", None));
        assert!(target("项目建成后预计年产值可达40亿元,税收3亿元。", "3亿元", None));
        assert!(target("到2025年,园区规上工业产值达到800亿元。", "800亿元", None));
        assert!(target("项目达产后将新增年产值12亿元。", "12亿元", None));
        assert!(target("今年计划完成投资56亿元。", "56亿元", None));
        assert!(target("我们的目标是:引进企业200家。", "200家", None));
    }

    #[test]
    fn results_are_not_targets() {
        assert!(!target("园区全年营收突破900亿元。", "900亿元", None));
        assert!(!target("预计全年营收100亿元,上半年已完成52亿元。", "52亿元", None));
        assert!(!target("园区力争营收增长。2023年营收80亿元。", "80亿元", None));
        assert!(!target("园区将于明年举办博览会,现有企业300家。", "300家", None));
        assert!(!target("目标完成率达到92%。", "92%", None));
    }

    #[test]
    fn attributes_of_a_project() {
        assert!(!target("项目将带动就业,总投资20亿元。", "20亿元", Some("总投资")));
        assert!(target("两园区预计总投资额达500亿元。", "500亿元", Some("总投资额")));
        assert!(!target("年度计划投资35亿元。", "35亿元", Some("计划投资")));
        assert!(!target("项目可新增建筑面积12万平方米。", "12万平方米", Some("新增建筑面积")));
        assert!(!target("预计营收增长20%;完成工业产值50亿元。", "50亿元", None));
        assert!(target("计划五年累计落地项目80个。", "80个", None));
    }
}
