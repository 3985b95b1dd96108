//! Places in names: the gazetteer's administrative divisions
//! ([`crate::gazetteer`]: provinces, prefectures, counties, full names and
//! short forms) and the few places it lacks, kept as a word list
//! (`names/regions`: 长三角, 中以, 东盟, 西海岸 …).
//!
//! Zone rules use them to find where a zone name starts (`东营市利津县经济开发区`
//! starts at its first place), to ask whether a suffix too generic alone
//! (示范区) has a place before it, and to tell two adjacent names apart
//! (`…合作区扬州化工园区`).
//!
//! A short form that is also a common word (`新兴`, `合作`: `names/not_places`)
//! is no place here; its full form (新兴县) is.

use std::sync::LazyLock;

use crate::gazetteer;
use crate::lexicon::{self, Words};
use crate::text::CharSet;

struct Lists {
    /// The first characters of every place name (divisions and regions):
    /// most characters of a text start none, and are passed over with one
    /// bit test.
    starts: CharSet,
    /// `names/regions`, looked up at a position, longest first.
    regions: Words,
    /// `names/not_places`.
    not_places: Words,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    starts: CharSet::new(
        gazetteer::first_chars().chain(lexicon::NAME_REGIONS.words().into_iter().filter_map(|w| w.chars().next())),
    ),
    regions: lexicon::NAME_REGIONS.bucketed(),
    not_places: lexicon::NAME_NOT_PLACES.bucketed(),
});

/// The length in bytes of the longest place name `s` starts with, if any.
pub(crate) fn place_len(s: &str) -> Option<usize> {
    let lists = &*LISTS;
    if !s.chars().next().is_some_and(|c| lists.starts.contains_cp(c as u32)) {
        return None;
    }
    let division = gazetteer::starts_with_place(s)
        .filter(|m| !(m.short && s.get(..m.end).is_some_and(|w| lists.not_places.contains(w))))
        .map(|m| m.end);
    let region = lists.regions.prefix_of(s).map(str::len);
    division.max(region)
}

/// Whether `s` starts with a region or country of `names/regions` that is
/// longer than any division it starts with.
pub(crate) fn starts_with_region(s: &str) -> bool {
    let lists = &*LISTS;
    let region = lists.regions.prefix_of(s).map(str::len);
    region.is_some() && region >= gazetteer::starts_with_place(s).map(|m| m.end)
}

/// Whether `s` starts with a known place name.
pub(crate) fn starts_with_place(s: &str) -> bool {
    place_len(s).is_some()
}

/// The byte spans of the place names in `s`, leftmost-longest.
pub(crate) fn place_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(rest) = s.get(at..) {
        let Some(c) = rest.chars().next() else { break };
        match place_len(rest) {
            Some(len) => {
                out.push((at, at + len));
                at += len;
            }
            None => at += c.len_utf8(),
        }
    }
    out
}

/// Whether `s` contains a known place name.
pub(crate) fn contains_place(s: &str) -> bool {
    s.char_indices().any(|(i, _)| s.get(i..).is_some_and(starts_with_place))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_places() {
        assert!(starts_with_place("扬州化工园区"));
        assert!(starts_with_place("长三角生态绿色"));
        assert!(starts_with_place("利津县经济开发区"));
        assert!(!starts_with_place("精细化工园区"));
        assert!(contains_place("福建泉州国家自主创新"));
        assert!(!contains_place("智能网联汽车"));
        // A short form that is a common word is no place; its full name is.
        assert!(!starts_with_place("新兴产业园区"));
        assert!(starts_with_place("新兴县工业园区"));
        let s = "东营市利津县";
        assert_eq!(place_spans(s), [(0, "东营市".len()), ("东营市".len(), s.len())]);
        assert!(starts_with_region("粤澳深度"));
        assert!(!starts_with_region("苏州工业"));
    }

    /// The bucketed lookup of regions gives what an anchored
    /// leftmost-longest automaton gave.
    #[test]
    fn regions_as_the_automaton_found_them() {
        use aho_corasick::{Anchored, Input};
        let ac = lexicon::list_automaton(&lexicon::NAME_REGIONS);
        for w in lexicon::NAME_REGIONS.words() {
            for probe in [w.to_string(), format!("{w}经济区"), w.chars().take(1).collect(), w.chars().skip(1).collect()]
            {
                let want = ac.find(Input::new(&probe).anchored(Anchored::Yes)).map(|m| m.end());
                assert_eq!(LISTS.regions.prefix_of(&probe).map(str::len), want, "{probe}");
            }
        }
    }
}
