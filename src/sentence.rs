//! Sentences: `as_of` and subjects never reach across a sentence end
//! (`。！？；` or `!?;`). A line break does not end a sentence.

use crate::text::is_sentence_end;

/// The start offsets of the sentences of a text.
pub(crate) struct Sentences(Vec<usize>);

impl Sentences {
    /// Splits the normalized text `t`.
    pub fn new(t: &str) -> Sentences {
        let mut starts = vec![0];
        for (i, c) in t.char_indices() {
            if is_sentence_end(c) {
                starts.push(i + c.len_utf8());
            }
        }
        Sentences(starts)
    }

    /// The start of the sentence holding byte `i`.
    pub fn start_of(&self, i: usize) -> usize {
        let k = self.0.partition_point(|&s| s <= i);
        k.checked_sub(1).and_then(|j| self.0.get(j)).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_sentence_ends_only() {
        let t = "一句,还是一句\n续上。二句;三句";
        let s = Sentences::new(t);
        assert_eq!(s.start_of(0), 0);
        assert_eq!(s.start_of(t.find('续').unwrap()), 0);
        assert_eq!(s.start_of(t.find('二').unwrap()), t.find('二').unwrap());
        assert_eq!(s.start_of(t.len()), t.find('三').unwrap());
    }
}
