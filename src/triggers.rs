//! One pass over the normalized text for the characters where the stages'
//! searches start: numerals for the candidate scan, the characters that
//! start a date, and the last characters of zone and platform head words.
//!
//! Each of those stages used to find its characters with its own byte scan
//! that decoded every character of the text: four passes, a fifth of the
//! pipeline's work on Chinese text. This pass decodes each character once
//! and looks it up in one table (a byte per BMP code point, one bit per
//! stage); the stages then go from position to position of their lists. A
//! stage asking for "the first of my characters at or after byte `i`" (a
//! character boundary) gets exactly what its own scan gave.

use std::sync::LazyLock;

const NUMERAL: u8 = 1;
const DATE: u8 = 2;
const ZONE_END: u8 = 4;
const PLATFORM_END: u8 = 8;

/// Per BMP code point, the stages whose searches start at it.
static TABLE: LazyLock<Box<[u8]>> = LazyLock::new(|| {
    let mut table = vec![0u8; 0x10000].into_boxed_slice();
    let mut mark = |cps: &mut dyn Iterator<Item = u32>, bit: u8| {
        for cp in cps {
            if let Some(x) = table.get_mut(cp as usize) {
                *x |= bit;
            }
        }
    };
    // ASCII digits start numerals and dates.
    mark(&mut (u32::from(b'0')..=u32::from(b'9')), NUMERAL | DATE);
    mark(&mut crate::numeral::NUMERAL_CHARS.code_points(), NUMERAL);
    mark(&mut crate::dates::start_chars().code_points(), DATE);
    mark(&mut crate::zone::head_ends().code_points(), ZONE_END);
    mark(&mut crate::platform::head_ends().code_points(), PLATFORM_END);
    table
});

/// The byte offsets, in order, of the characters each stage starts at.
#[derive(Default)]
pub(crate) struct Triggers {
    /// Characters that can start a numeral (ASCII digits included).
    pub numerals: Vec<usize>,
    /// Characters that can start a date or a relation word before one.
    pub dates: Vec<usize>,
    /// Last characters of zone head words.
    pub zone_ends: Vec<usize>,
    /// Last characters of platform head words.
    pub platform_ends: Vec<usize>,
}

impl Triggers {
    /// The triggers of the normalized text `t`, in one pass.
    pub fn new(t: &str) -> Triggers {
        let table = &*TABLE;
        let mut out = Triggers::default();
        let bytes = t.as_bytes();
        let mut i = 0;
        while let Some(&b0) = bytes.get(i) {
            // Decoded by hand: most characters are three bytes (CJK).
            let (cp, len) = match b0 {
                0x00..=0x7F => (u32::from(b0), 1),
                0xE0..=0xEF => match (bytes.get(i + 1), bytes.get(i + 2)) {
                    (Some(&b1), Some(&b2)) => {
                        ((u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F), 3)
                    }
                    _ => break,
                },
                0xC0..=0xDF => match bytes.get(i + 1) {
                    Some(&b1) => ((u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F), 2),
                    None => break,
                },
                // Beyond the BMP: in no stage's set.
                _ => (u32::MAX, 4),
            };
            let class = table.get(cp as usize).copied().unwrap_or(0);
            if class != 0 {
                if class & NUMERAL != 0 {
                    out.numerals.push(i);
                }
                if class & DATE != 0 {
                    out.dates.push(i);
                }
                if class & ZONE_END != 0 {
                    out.zone_ends.push(i);
                }
                if class & PLATFORM_END != 0 {
                    out.platform_ends.push(i);
                }
            }
            i += len;
        }
        out
    }
}

/// A walk through one stage's trigger positions with a search position
/// that moves forward.
pub(crate) struct Cursor<'a> {
    at: &'a [usize],
    k: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(at: &'a [usize]) -> Cursor<'a> {
        Cursor { at, k: 0 }
    }

    /// The first trigger at or after byte `i`.
    pub fn next_from(&mut self, i: usize) -> Option<usize> {
        // A search position that went back (none does) is found anew.
        if self.k > 0 && self.at.get(self.k - 1).is_some_and(|&p| p >= i) {
            self.k = self.at.partition_point(|&p| p < i);
        }
        while self.at.get(self.k).is_some_and(|&p| p < i) {
            self.k += 1;
        }
        self.at.get(self.k).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each list holds exactly the characters its stage's set holds.
    #[test]
    fn lists_match_the_sets() {
        let t = "２０２１年,园区实现营收３亿元;上半年新增研究院2家、基地一个。𠀀区a9";
        let tr = Triggers::new(t);
        let all = |f: &dyn Fn(char) -> bool| -> Vec<usize> {
            t.char_indices().filter(|&(_, c)| f(c)).map(|(i, _)| i).collect()
        };
        let digit = |c: char| c.is_ascii_digit();
        assert_eq!(tr.numerals, all(&|c| digit(c) || crate::numeral::NUMERAL_CHARS.contains_cp(c as u32)));
        assert_eq!(tr.dates, all(&|c| digit(c) || crate::dates::start_chars().contains_cp(c as u32)));
        assert_eq!(tr.zone_ends, all(&|c| crate::zone::head_ends().contains_cp(c as u32)));
        assert_eq!(tr.platform_ends, all(&|c| crate::platform::head_ends().contains_cp(c as u32)));
        assert!(!tr.zone_ends.is_empty() && !tr.platform_ends.is_empty() && !tr.dates.is_empty());
        let mut c = Cursor::new(&tr.numerals);
        assert_eq!(c.next_from(0), Some(0));
        assert_eq!(c.next_from(4), tr.numerals.iter().copied().find(|&p| p >= 4));
        assert_eq!(c.next_from(1), Some(3));
        assert_eq!(c.next_from(t.len()), None);
    }
}
