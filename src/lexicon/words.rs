//! Word lists that answer "which word of the list does this text end (or
//! start) with?" in a few comparisons: the words are bucketed by their last
//! (and first) character, longest first, so a lookup compares a handful of
//! words instead of the whole list.

use super::charmap::CharMap;

/// A set of characters as 4,096 bits of their code points' low twelve
/// bits: a lookup whose character is not in the filter needs no search.
/// Chinese text spreads over the low bits (the CJK block spans five times
/// 4,096 code points), so nearly all lookups of characters that no word
/// holds are decided here (with 256 bits, a list of a hundred words let
/// four characters in ten through to the search).
#[derive(Clone, Copy)]
struct Filter([u64; 64]);

impl Default for Filter {
    fn default() -> Filter {
        Filter([0; 64])
    }
}

impl Filter {
    fn insert(&mut self, c: char) {
        let b = (c as u32 & 0xFFF) as usize;
        if let Some(w) = self.0.get_mut(b >> 6) {
            *w |= 1 << (b & 63);
        }
    }

    fn may_contain(&self, c: char) -> bool {
        let b = (c as u32 & 0xFFF) as usize;
        self.0.get(b >> 6).is_some_and(|w| w & (1 << (b & 63)) != 0)
    }
}

/// A word list, bucketed for prefix and suffix lookups.
pub(crate) struct Words {
    /// The last and the first characters of the words.
    last_filter: Filter,
    first_filter: Filter,
    /// (last char, words ending in it, longest first, each with its
    /// index in the list), sorted by char.
    by_last: Vec<(char, Vec<(&'static str, u32)>)>,
    /// (first char, words starting with it, longest first, each with its
    /// index in the list), sorted by char.
    by_first: Vec<(char, Vec<(&'static str, u32)>)>,
    /// Character → index into `by_last` and `by_first` (a hashed lookup, not
    /// a binary search).
    last_index: CharMap,
    first_index: CharMap,
}

/// The words bucketed by `key` (a character), each with its index in
/// `words` (a word listed twice keeps its first), longest first.
fn bucket(words: &[&'static str], key: impl Fn(&str) -> Option<char>) -> Vec<(char, Vec<(&'static str, u32)>)> {
    let mut v: Vec<(char, Vec<(&'static str, u32)>)> = Vec::new();
    for (&w, id) in words.iter().zip(0u32..) {
        let Some(k) = key(w) else { continue };
        match v.binary_search_by_key(&k, |b| b.0) {
            Ok(i) => {
                if let Some(b) = v.get_mut(i)
                    && !b.1.iter().any(|e| e.0 == w)
                {
                    b.1.push((w, id));
                }
            }
            Err(i) => v.insert(i, (k, vec![(w, id)])),
        }
    }
    for b in &mut v {
        b.1.sort_by_key(|w| std::cmp::Reverse(w.0.len()));
    }
    v
}

impl Words {
    /// Buckets `words`.
    pub fn new(words: &[&'static str]) -> Words {
        let mut last_filter = Filter::default();
        let mut first_filter = Filter::default();
        for w in words {
            if let (Some(f), Some(l)) = (w.chars().next(), w.chars().next_back()) {
                first_filter.insert(f);
                last_filter.insert(l);
            }
        }
        let by_last = bucket(words, |w| w.chars().next_back());
        let by_first = bucket(words, |w| w.chars().next());
        let index = |b: &mut dyn Iterator<Item = char>| CharMap::new(&b.zip(0..).collect::<Vec<_>>());
        Words {
            last_filter,
            first_filter,
            last_index: index(&mut by_last.iter().map(|x| x.0)),
            first_index: index(&mut by_first.iter().map(|x| x.0)),
            by_last,
            by_first,
        }
    }

    /// The bucket of words ending in `s`'s last character.
    fn ending_like(&self, s: &str) -> Option<&[(&'static str, u32)]> {
        self.ending_in(s.chars().next_back()?)
    }

    /// The bucket of words ending in `last`.
    fn ending_in(&self, last: char) -> Option<&[(&'static str, u32)]> {
        if !self.last_filter.may_contain(last) {
            return None;
        }
        let i = self.last_index.get(last)?;
        self.by_last.get(i as usize).map(|b| b.1.as_slice())
    }

    /// The bucket of words starting with `s`'s first character.
    fn starting_like(&self, s: &str) -> Option<&[(&'static str, u32)]> {
        let first = s.chars().next().filter(|c| self.first_filter.may_contain(*c))?;
        let i = self.first_index.get(first)?;
        self.by_first.get(i as usize).map(|b| b.1.as_slice())
    }

    /// The longest word `s` ends with.
    pub fn suffix_of(&self, s: &str) -> Option<&'static str> {
        self.ending_like(s)?.iter().find(|w| s.ends_with(w.0)).map(|w| w.0)
    }

    /// Every word `s` ends with, longest first, with its index in the list
    /// (the first, for a word listed twice), where `last` is the last
    /// character of `s` (a caller that has it spares the decoding).
    pub fn suffixes_of_ending_in<'a>(
        &'a self,
        s: &'a str,
        last: char,
    ) -> impl Iterator<Item = (&'static str, usize)> + 'a {
        let bucket = self.ending_in(last).into_iter().flat_map(|b| b.iter());
        bucket.filter(move |w| s.ends_with(w.0)).map(|&(w, i)| (w, i as usize))
    }

    /// Every word `s` ends with, longest first.
    pub fn suffixes_of<'a>(&'a self, s: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        self.ending_like(s).into_iter().flat_map(|b| b.iter().map(|e| e.0)).filter(move |w| s.ends_with(*w))
    }

    /// Whether `s` is one of the words.
    pub fn contains(&self, s: &str) -> bool {
        self.starting_like(s).is_some_and(|b| b.iter().any(|e| e.0 == s))
    }

    /// Every word `s` starts with, longest first, with its index in the
    /// list (the first, for a word listed twice).
    pub fn prefixes_of<'a>(&'a self, s: &'a str) -> impl Iterator<Item = (&'static str, usize)> + 'a {
        let bucket = self.starting_like(s).into_iter().flat_map(|b| b.iter());
        bucket.filter(move |w| s.starts_with(w.0)).map(|&(w, i)| (w, i as usize))
    }

    /// The longest word `s` starts with.
    pub fn prefix_of(&self, s: &str) -> Option<&'static str> {
        self.prefix_of_indexed(s).map(|(w, _)| w)
    }

    /// The longest word `s` starts with, and its index in the list the
    /// words were built from (the first, for a word listed twice): a table
    /// built beside the list is read at that index, with no second lookup.
    pub fn prefix_of_indexed(&self, s: &str) -> Option<(&'static str, usize)> {
        self.starting_like(s)?.iter().find(|w| s.starts_with(w.0)).map(|&(w, i)| (w, i as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_first() {
        let w = Words::new(&["达", "达到", "分别达到", "为"]);
        assert_eq!(w.suffix_of("产值分别达到"), Some("分别达到"));
        assert_eq!(w.suffix_of("产值达"), Some("达"));
        assert_eq!(w.suffix_of("产值"), None);
        assert_eq!(w.prefix_of("达到5亿"), Some("达到"));
        assert_eq!(w.prefix_of(""), None);
        assert!(w.contains("达到") && !w.contains("达到了") && !w.contains(""));
        assert_eq!(w.prefix_of_indexed("达到5亿"), Some(("达到", 1)));
        let twice = Words::new(&["为", "达", "为"]);
        assert_eq!(twice.prefix_of_indexed("为止"), Some(("为", 0)));
    }
}
