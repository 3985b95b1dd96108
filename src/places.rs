//! A small list of places (`src/lexicon/names/places.txt`): provinces,
//! regions and major cities of China, and a few countries that name
//! cooperation parks. Zone rules use it where a
//! suffix alone is too generic (`示范区`), and to tell two adjacent names
//! apart (`…合作区扬州化工园区`).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

static GAZETTEER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .build(crate::lexicon::NAME_PLACES.words())
        .unwrap_or_else(|e| panic!("gazetteer does not compile: {e}"))
});

/// Whether `s` starts with a known place name.
pub(crate) fn starts_with_place(s: &str) -> bool {
    GAZETTEER.find(Input::new(s).anchored(Anchored::Yes)).is_some()
}

/// Where the first place name in `s` starts.
pub(crate) fn first_place(s: &str) -> Option<usize> {
    GAZETTEER.find(s).map(|m| m.start())
}

/// The byte spans of the place names in `s`.
pub(crate) fn place_spans(s: &str) -> Vec<(usize, usize)> {
    GAZETTEER.find_iter(s).map(|m| (m.start(), m.end())).collect()
}

/// Whether `s` contains a known place name.
pub(crate) fn contains_place(s: &str) -> bool {
    GAZETTEER.find(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_places() {
        assert!(starts_with_place("扬州化工园区"));
        assert!(starts_with_place("长三角生态绿色"));
        assert!(!starts_with_place("精细化工园区"));
        assert!(contains_place("福建泉州国家自主创新"));
        assert!(!contains_place("智能网联汽车"));
    }
}
