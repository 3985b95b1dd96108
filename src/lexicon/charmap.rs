//! A map from characters to small numbers for the hot lookups of the word
//! lists (which bucket of words ends in this character, which trie node
//! follows): an open-addressing table at most half full, where a lookup
//! hashes the code point once and usually reads one slot. A binary search
//! over a few hundred characters took eight steps.

/// A free slot (no character has this code point).
const EMPTY: u32 = u32::MAX;

/// Characters mapped to `u32` values.
pub(crate) struct CharMap {
    /// (code point, value), `EMPTY` where free; `1 << (32 - shift)` slots.
    slots: Vec<(u32, u32)>,
    shift: u32,
}

/// The slot a code point hashes to first (Fibonacci hashing: the top bits
/// of the product).
fn slot(cp: u32, shift: u32) -> usize {
    cp.wrapping_mul(0x9E37_79B9).checked_shr(shift).unwrap_or(0) as usize
}

impl CharMap {
    /// The map of `entries` (a character listed twice keeps its first value).
    pub fn new(entries: &[(char, u32)]) -> CharMap {
        let bits = (entries.len() * 2).max(2).next_power_of_two().trailing_zeros();
        let shift = 32 - bits;
        let mut slots = vec![(EMPTY, 0u32); 1 << bits];
        let mask = slots.len() - 1;
        for &(c, value) in entries {
            let mut i = slot(c as u32, shift);
            while slots.get(i & mask).is_some_and(|e| e.0 != EMPTY && e.0 != c as u32) {
                i += 1;
            }
            if let Some(e) = slots.get_mut(i & mask)
                && e.0 == EMPTY
            {
                *e = (c as u32, value);
            }
        }
        CharMap { slots, shift }
    }

    /// The value of `c`, if it is in the map.
    #[inline]
    pub fn get(&self, c: char) -> Option<u32> {
        let cp = c as u32;
        let mask = self.slots.len() - 1;
        let mut i = slot(cp, self.shift);
        // At most half the slots are taken: a free one ends every probe.
        for _ in 0..self.slots.len() {
            match self.slots.get(i & mask) {
                Some(&(k, value)) if k == cp => return Some(value),
                Some(&(EMPTY, _)) | None => return None,
                _ => i += 1,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_it_holds() {
        let entries: Vec<(char, u32)> = "区园地城港块院所中心".chars().zip(0..).collect();
        let m = CharMap::new(&entries);
        for &(c, v) in &entries {
            assert_eq!(m.get(c), Some(v));
        }
        assert_eq!(m.get('的'), None);
        assert_eq!(CharMap::new(&[]).get('a'), None);
        assert_eq!(CharMap::new(&[('a', 1), ('a', 2)]).get('a'), Some(1));
    }
}
