//! Word lists that answer "which word of the list does this text end (or
//! start) with?" in a few comparisons: the words are bucketed by their last
//! (and first) character, longest first, so a lookup compares a handful of
//! words instead of the whole list.

/// A word list, bucketed for prefix and suffix lookups.
pub(crate) struct Words {
    /// (last char, words ending in it, longest first), sorted by char.
    by_last: Vec<(char, Vec<&'static str>)>,
    /// (first char, words starting with it, longest first), sorted by char.
    by_first: Vec<(char, Vec<&'static str>)>,
}

fn bucket(words: &[&'static str], key: impl Fn(&str) -> Option<char>) -> Vec<(char, Vec<&'static str>)> {
    let mut v: Vec<(char, Vec<&'static str>)> = Vec::new();
    for &w in words {
        let Some(k) = key(w) else { continue };
        match v.binary_search_by_key(&k, |b| b.0) {
            Ok(i) => {
                if let Some(b) = v.get_mut(i)
                    && !b.1.contains(&w)
                {
                    b.1.push(w);
                }
            }
            Err(i) => v.insert(i, (k, vec![w])),
        }
    }
    for b in &mut v {
        b.1.sort_by_key(|w| std::cmp::Reverse(w.len()));
    }
    v
}

impl Words {
    /// Buckets `words`.
    pub fn new(words: &[&'static str]) -> Words {
        Words { by_last: bucket(words, |w| w.chars().next_back()), by_first: bucket(words, |w| w.chars().next()) }
    }

    /// The longest word `s` ends with.
    pub fn suffix_of(&self, s: &str) -> Option<&'static str> {
        let last = s.chars().next_back()?;
        let i = self.by_last.binary_search_by_key(&last, |b| b.0).ok()?;
        self.by_last.get(i)?.1.iter().find(|w| s.ends_with(**w)).copied()
    }

    /// Every word `s` ends with, longest first.
    pub fn suffixes_of<'a>(&'a self, s: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        let bucket = s
            .chars()
            .next_back()
            .and_then(|last| self.by_last.binary_search_by_key(&last, |b| b.0).ok())
            .and_then(|i| self.by_last.get(i));
        bucket.into_iter().flat_map(|b| b.1.iter().copied()).filter(move |w| s.ends_with(*w))
    }

    /// The longest word `s` starts with.
    pub fn prefix_of(&self, s: &str) -> Option<&'static str> {
        let first = s.chars().next()?;
        let i = self.by_first.binary_search_by_key(&first, |b| b.0).ok()?;
        self.by_first.get(i)?.1.iter().find(|w| s.starts_with(**w)).copied()
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
    }
}
