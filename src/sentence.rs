//! Sentences: `as_of` and subjects never reach across a sentence end
//! (`。！？；` or `!?;`). A line break does not end a sentence.

/// The start offsets of the sentences of a text.
pub(crate) struct Sentences(Vec<usize>);

impl Sentences {
    /// Sentences from their start offsets (sorted, 0 first).
    pub fn from_starts(starts: Vec<usize>) -> Sentences {
        Sentences(starts)
    }

    /// Splits the normalized text `t`.
    #[cfg(test)]
    pub fn new(t: &str) -> Sentences {
        Sentences(crate::marks::Marks::new(t).sentence_starts)
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
