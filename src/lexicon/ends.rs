//! Finding the words of a list in a text from their last character: the
//! head words of names (`高新区`, `园区`, `研究院`), which end in a few
//! characters (`区`, `园`, `地`, `院` …).
//!
//! An Aho-Corasick automaton over these lists is slow on zone reports: its
//! prefilter looks for the words' *first* characters, and 开, 发, 新, 产, 工
//! start half the words of a report, so it stops every few characters. The
//! last characters are rarer (one character in thirty on the dev corpus).
//! [`EndSearcher`] passes over the text once, testing each character
//! against a bitmap of the last characters, and at each hit walks a trie of
//! the reversed words back from it (a few steps: a word is at most a dozen
//! characters). It gives the matches of a leftmost-longest automaton over
//! the same list, with the same pattern numbers (a test checks it).

use smallvec::SmallVec;

use super::charmap::CharMap;
use crate::text::CharSet;

/// A match: `(start, end, pattern)`.
type Match = (usize, usize, usize);

/// A buffer for the matches in a short text (a clause, a phrase): on the
/// stack up to sixteen, on the heap beyond. Subjects search a few clauses
/// per figure: a vector per search, grown as it filled, cost 1% of the
/// extraction's instructions in allocations. The caller owns it and
/// [`find_all_in`](EndSearcher::find_all_in) fills it, so that it is not
/// moved (a move copies the whole buffer).
pub(crate) type Hits = SmallVec<[Match; 16]>;

/// One node of the reversed-word trie.
#[derive(Default)]
struct Node {
    /// (previous character, child), sorted by character.
    children: Vec<(char, u32)>,
    /// The pattern that ends here (the first of the list, if listed twice).
    pattern: Option<u32>,
}

/// The words of a list, found by their last characters (see the module
/// docs).
pub(crate) struct EndSearcher {
    /// The last characters of the words.
    last: CharSet,
    /// Node 0 is the root; a path from it reads a word backwards.
    nodes: Vec<Node>,
    /// The root's children again, in a [`CharMap`]: every search starts
    /// there, and the root has up to hundreds of children.
    root: CharMap,
}

impl EndSearcher {
    /// The searcher of `words`; a match reports the word's index in `words`.
    pub fn new(words: &[&str]) -> EndSearcher {
        let mut nodes = vec![Node::default()];
        for (k, w) in words.iter().enumerate() {
            let Ok(k) = u32::try_from(k) else { break };
            let mut node = 0usize;
            for c in w.chars().rev() {
                let next = u32::try_from(nodes.len()).unwrap_or(u32::MAX);
                let Some(n) = nodes.get_mut(node) else { break };
                node = match n.children.binary_search_by_key(&c, |e| e.0) {
                    Ok(i) => n.children.get(i).map_or(0, |e| e.1 as usize),
                    Err(i) => {
                        n.children.insert(i, (c, next));
                        nodes.push(Node::default());
                        next as usize
                    }
                };
            }
            if node != 0
                && let Some(n) = nodes.get_mut(node)
            {
                n.pattern = n.pattern.or(Some(k));
            }
        }
        let root = CharMap::new(nodes.first().map_or(&[][..], |n| n.children.as_slice()));
        EndSearcher { last: CharSet::new(words.iter().filter_map(|w| w.chars().next_back())), nodes, root }
    }

    /// The child of the root for the last character `c` of a word.
    fn root_child(&self, c: char) -> Option<usize> {
        self.root.get(c).map(|n| n as usize)
    }

    fn child(&self, node: usize, c: char) -> Option<usize> {
        let children = &self.nodes.get(node)?.children;
        let i = children.binary_search_by_key(&c, |e| e.0).ok()?;
        children.get(i).map(|e| e.1 as usize)
    }

    /// The last characters of the words: where [`find_all`](Self::find_all)
    /// looks.
    pub fn last_chars(&self) -> &CharSet {
        &self.last
    }

    /// Every word of the list that ends where the character `c` at `at` of
    /// `t` ends, shortest first, as `(start, end, pattern)`.
    fn ending_at(&self, t: &str, at: usize, c: char, out: &mut impl Extend<Match>) {
        let end = at + c.len_utf8();
        let mut node = self.root_child(c);
        let mut start = at;
        while let Some(n) = node.and_then(|n| self.nodes.get(n)) {
            if let Some(p) = n.pattern {
                out.extend([(start, end, p as usize)]);
            }
            // A leaf (a word no longer word ends with): nothing to decode.
            if n.children.is_empty() {
                break;
            }
            node = match crate::text::char_before(t, start) {
                Some((s, pc)) => {
                    start = s;
                    n.children
                        .binary_search_by_key(&pc, |e| e.0)
                        .ok()
                        .and_then(|i| n.children.get(i))
                        .map(|e| e.1 as usize)
                }
                None => None,
            };
        }
    }

    /// Every occurrence of every word in `s`, overlapping ones included, in
    /// the order of their ends: what `find_overlapping_iter` of a standard
    /// Aho-Corasick automaton over the list reports, as a set.
    pub fn occurrences_in(&self, s: &str) -> Hits {
        let mut all = Hits::new();
        self.occurrences_into(s, &mut all);
        all
    }

    fn occurrences_into(&self, s: &str, out: &mut Hits) {
        for (at, c) in s.char_indices() {
            if self.last.contains_cp(c as u32) {
                self.ending_at(s, at, c, out);
            }
        }
    }

    /// Whether a word of the list occurs in `s`.
    pub fn occurs_in(&self, s: &str) -> bool {
        s.char_indices().any(|(at, c)| {
            if !self.last.contains_cp(c as u32) {
                return false;
            }
            let mut node = self.root_child(c);
            let mut start = at;
            while let Some(n) = node {
                if self.nodes.get(n).is_some_and(|n| n.pattern.is_some()) {
                    return true;
                }
                node = crate::text::char_before(s, start).and_then(|(p, pc)| {
                    start = p;
                    self.child(n, pc)
                });
            }
            false
        })
    }

    /// The words in `s`, leftmost-longest and not overlapping (see
    /// [`find_all`](Self::find_all)), for a short text (a clause, a phrase)
    /// whose characters were not looked up beforehand, in `out` (emptied
    /// first).
    pub fn find_all_in<'h>(&self, s: &str, out: &'h mut Hits) -> &'h [Match] {
        out.clear();
        self.occurrences_into(s, out);
        let n = leftmost_longest(out);
        out.truncate(n);
        out
    }

    /// The words in `t`, leftmost-longest and not overlapping, as
    /// `(start, end, pattern)`: what `find_iter` of a leftmost-longest
    /// Aho-Corasick automaton over the list gives. `ends` are the offsets,
    /// in order, of the characters of `t` in [`last_chars`](Self::last_chars)
    /// (found for several searchers at once by [`crate::triggers`]).
    pub fn find_all(&self, t: &str, ends: &[usize]) -> Vec<(usize, usize, usize)> {
        // Most of the characters end one word or none.
        let mut all: Vec<Match> = Vec::with_capacity(ends.len());
        for &at in ends {
            if let Some(c) = crate::text::char_at(t, at) {
                self.ending_at(t, at, c, &mut all);
            }
        }
        let n = leftmost_longest(&mut all);
        all.truncate(n);
        all
    }
}

/// Of every occurrence (overlapping), the leftmost, the longest of those,
/// then on from its end: the matches a leftmost-longest automaton reports.
///
/// The occurrences come in order of their ends, and a word is a dozen
/// characters at most, so each is only a few places from where it belongs
/// in order of starts: an insertion sort puts them there in linear time,
/// where a general sort took n log n.
///
/// The matches are moved to the front of `all`; returns how many.
fn leftmost_longest(all: &mut [Match]) -> usize {
    let key = |m: &Match| (m.0, std::cmp::Reverse(m.1));
    for i in 1..all.len() {
        let mut j = i;
        while j > 0 && all.get(j - 1).map(key) > all.get(j).map(key) {
            all.swap(j - 1, j);
            j -= 1;
        }
    }
    let (mut end, mut kept) = (0, 0);
    for i in 0..all.len() {
        if let Some(&m) = all.get(i)
            && m.0 >= end
        {
            end = m.1;
            all.swap(kept, i);
            kept += 1;
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon;

    /// The searcher and a leftmost-longest automaton agree on texts made of
    /// pieces of the words (overlaps, nesting, repeats) and other characters.
    fn agree(words: &[&'static str], seed: u64) {
        let ac = lexicon::automaton(words);
        let standard = aho_corasick::AhoCorasick::new(words).unwrap();
        let es = EndSearcher::new(words);
        let mut pieces: Vec<String> = Vec::new();
        for w in words {
            let chars: Vec<char> = w.chars().collect();
            for i in 0..chars.len() {
                pieces.push(chars[i..].iter().collect());
                pieces.push(chars[..=i].iter().collect());
            }
        }
        pieces.extend(["的", "a", "1", ",", "\n", "区", "园区区", "🙂"].map(String::from));
        let mut x = seed;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..12 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(&pieces[(x >> 33) as usize % pieces.len()]);
            }
            let want: Vec<(usize, usize, usize)> =
                ac.find_iter(&t).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
            let ends: Vec<usize> =
                t.char_indices().filter(|&(_, c)| es.last.contains_cp(c as u32)).map(|(i, _)| i).collect();
            assert_eq!(es.find_all(&t, &ends), want, "{t}");
            assert_eq!(es.find_all_in(&t, &mut Hits::new()), want.as_slice(), "{t}");
            assert_eq!(es.occurs_in(&t), !want.is_empty(), "{t}");
            // Every occurrence, as a set, is what a standard automaton
            // reports overlapping (duplicate words reported once each).
            let mut got: Vec<(usize, usize)> = es.occurrences_in(&t).iter().map(|m| (m.0, m.1)).collect();
            let mut all: Vec<(usize, usize)> =
                standard.find_overlapping_iter(&t).map(|m| (m.start(), m.end())).collect();
            got.sort_unstable();
            got.dedup();
            all.sort_unstable();
            all.dedup();
            assert_eq!(got, all, "{t}");
        }
    }

    #[test]
    fn agrees_with_a_leftmost_longest_automaton() {
        let mut zone = lexicon::ZONE_SUFFIXES.words();
        zone.extend(lexicon::ZONE_PARKS.words());
        agree(&zone, 1);
        agree(&lexicon::PLATFORM_HEADS.words(), 2);
        let mut target = lexicon::TARGET_CUES.words();
        for list in [&lexicon::TARGET_MODALS, &lexicon::TARGET_REACHING_VERBS, &lexicon::TARGET_RESULT_MARKERS] {
            target.extend(list.words());
        }
        agree(&target, 4);
        // The clause, verb, head-noun and comparison words of subjects, and
        // the zone markers.
        let mut clause = lexicon::VERBS.words();
        for list in [&lexicon::NOT_VERBS, &lexicon::OWNERS, &lexicon::TIME_ADVERBS] {
            clause.extend(list.words());
        }
        clause.sort_unstable();
        clause.dedup();
        agree(&clause, 5);
        let mut verbs = lexicon::VERBS.words();
        verbs.extend(lexicon::NOT_VERBS.words());
        agree(&verbs, 6);
        agree(&lexicon::HEAD_NOUNS.words(), 7);
        agree(&lexicon::COMPARISONS.words(), 8);
        agree(&lexicon::ZONE_MARKERS.words(), 9);
        agree(&lexicon::MEASURE_CARRIERS.words(), 10);
        agree(&["ab", "b", "abc", "bc", "c", "ab"], 3);
    }
}
