//! The normalized copy of the input that the rules read, and the map that
//! takes every offset in it back to the input as given.
//!
//! Normalization replaces characters one for one, never inserting or
//! deleting any, so each character of the copy stands for exactly one
//! character of the input:
//!
//! - full-width ASCII (`３７８`, `，`, `％`, `（`) becomes ASCII;
//! - ideographic and no-break spaces, the BOM and zero-width characters
//!   become a plain space;
//! - traditional characters common in reports (`億 萬 項 個 園 區 …`) become
//!   their simplified forms.
//!
//! Where a replacement changes the character's length in bytes (a
//! full-width `３` is three bytes, `3` one), the map records a breakpoint, so
//! translating an offset is a binary search over the breakpoints, which are
//! few in most texts. The same pass records where each stage's search
//! starts ([`crate::triggers`]).

use std::borrow::Cow;

use crate::text::{fold_char, is_han};
use crate::triggers::{FOLDED, Recorder, Triggers};

/// The input's normalized copy, and the offset map back to the input.
pub(crate) struct Text<'a> {
    /// The normalized copy the rules read.
    pub norm: Cow<'a, str>,
    /// Normalized offsets back to the input. Kept apart from `norm` so
    /// that the last stage, which reads only the input, can hold the map
    /// after the copy is freed (a large input's memory peaks lower).
    pub map: OffsetMap<'a>,
}

/// Offsets in the normalized copy of a text, mapped back to the input.
pub(crate) struct OffsetMap<'a> {
    /// The input exactly as given.
    pub orig: &'a str,
    /// `(normalized offset, original offset)` at every point where the
    /// difference between the two changes; empty when they are equal.
    breaks: Vec<(usize, usize)>,
    /// `blocks[k]`: how many breaks lie before normalized offset
    /// `k * BLOCK`, so that a lookup searches one block's breaks only
    /// (the map of a large input does not fit in the cache).
    blocks: Vec<usize>,
    /// Whether the input holds a traditional character that normalization
    /// folds: when it holds none, [`simplified`] has nothing to do on any
    /// part of it.
    ///
    /// [`simplified`]: crate::text::simplified
    pub traditional: bool,
}

/// The stride of [`Text::blocks`], in bytes of normalized text.
const BLOCK: usize = 1024;

impl<'a> Text<'a> {
    /// Normalizes `orig`, in one pass, copying only if something changes.
    #[cfg(test)]
    pub fn new(orig: &'a str) -> Text<'a> {
        Text::with_triggers(orig).0
    }

    /// Normalizes `orig`, in one pass, copying only if something changes,
    /// and finds in the same pass where the stages' searches start in the
    /// normalized copy ([`crate::triggers`]): this pass decodes every
    /// character anyway.
    #[inline(never)] // a stage: kept out of line so that profiles show it (bench/profile.sh)
    pub fn with_triggers(orig: &'a str) -> (Text<'a>, Triggers) {
        let mut out: Option<String> = None;
        let mut breaks = Vec::new();
        // Start of the run of unchanged input not yet copied into `out`.
        let mut copied = 0;
        let bytes = orig.as_bytes();
        let mut triggers = Recorder::new(orig.len());
        let mut traditional = false;
        let mut i = 0;
        while let Some(&b0) = bytes.get(i) {
            // Decoded by hand: most characters are three bytes (CJK).
            let (cp, len) = match b0 {
                0x00..=0x7F => (u32::from(b0), 1),
                0xE0..=0xEF => {
                    let Some(&[b1, b2]) = bytes.get(i + 1..i + 3) else { break };
                    ((u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F), 3)
                }
                0xC0..=0xDF => {
                    let Some(&b1) = bytes.get(i + 1) else { break };
                    ((u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F), 2)
                }
                // Beyond the BMP: nothing folds, no stage starts there.
                _ => {
                    i += 4;
                    continue;
                }
            };
            // One table says both what the stages look for here and whether
            // the character is replaced: most characters are neither.
            let class = triggers.class(cp);
            if class == 0 {
                i += len;
                continue;
            }
            // The normalized offset of byte `i`: what is copied, and the
            // unchanged run since.
            let at = out.as_ref().map_or(0, String::len) + (i - copied);
            if class & FOLDED == 0 {
                triggers.push(at, class, b0.is_ascii_digit());
                i += len;
                continue;
            }
            let Some(c) = char::from_u32(cp) else { break };
            let f = fold_char(c);
            let class = triggers.class(f as u32) & !FOLDED;
            if class != 0 {
                triggers.push(at, class, f.is_ascii_digit());
            }
            if f != c {
                traditional |= is_han(c);
                let buf = out.get_or_insert_with(|| String::with_capacity(orig.len()));
                buf.push_str(orig.get(copied..i).unwrap_or(""));
                buf.push(f);
                copied = i + len;
                if f.len_utf8() != len {
                    breaks.push((buf.len(), copied));
                }
            }
            i += len;
        }
        let norm = match out {
            Some(mut buf) => {
                buf.push_str(orig.get(copied..).unwrap_or(""));
                Cow::Owned(buf)
            }
            None => Cow::Borrowed(orig),
        };
        let mut blocks = Vec::new();
        if !breaks.is_empty() {
            let mut j = 0;
            for k in 0..norm.len() / BLOCK + 2 {
                while breaks.get(j).is_some_and(|b| b.0 < k * BLOCK) {
                    j += 1;
                }
                blocks.push(j);
            }
        }
        (Text { norm, map: OffsetMap { orig, breaks, blocks, traditional } }, triggers.finish())
    }
}

impl<'a> OffsetMap<'a> {
    /// The original offset of a normalized offset (a character boundary of
    /// the normalized text, or its end).
    pub fn to_orig(&self, n: usize) -> usize {
        let k = n / BLOCK;
        let lo = self.blocks.get(k).copied().unwrap_or(self.breaks.len());
        let hi = self.blocks.get(k + 1).copied().unwrap_or(self.breaks.len());
        let i = lo + self.breaks.get(lo..hi).map_or(0, |b| b.partition_point(|b| b.0 <= n));
        match i.checked_sub(1).and_then(|j| self.breaks.get(j)) {
            Some(&(nb, ob)) => ob + (n - nb),
            None => n,
        }
    }

    /// The original text of a normalized byte range.
    pub fn orig_slice(&self, start: usize, end: usize) -> &'a str {
        self.orig.get(self.to_orig(start)..self.to_orig(end)).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_script() {
        let t = Text::new("總投資３７８億元，約５萬平方米");
        assert_eq!(t.norm, "总投资378亿元,约5万平方米");
    }

    #[test]
    fn traditional_characters_are_noticed() {
        assert!(Text::new("總投資3億元").map.traditional);
        assert!(!Text::new("总投资３亿元，").map.traditional);
    }

    #[test]
    fn unchanged_text_is_borrowed() {
        let t = Text::new("总投资378亿元");
        assert!(matches!(t.norm, Cow::Borrowed(_)));
        assert_eq!(t.map.to_orig(6), 6);
    }

    #[test]
    fn offsets_map_back() {
        let orig = "Ａ３７８億元\u{FEFF}ｘ";
        let t = Text::new(orig);
        let norm: &str = &t.norm;
        for (n, c) in norm.char_indices() {
            let o = t.map.to_orig(n);
            let oc = orig[o..].chars().next().unwrap();
            assert_eq!(fold_char(oc), c);
            assert_eq!(t.map.to_orig(n + c.len_utf8()), o + oc.len_utf8());
        }
        assert_eq!(t.map.to_orig(norm.len()), orig.len());
        assert_eq!(t.map.orig_slice(1, norm.find('元').unwrap() + 3), "３７８億元");
    }

    #[test]
    fn offsets_map_back_across_many_blocks() {
        // Breaks in some blocks, none in others, and one on a block edge.
        let mut orig = String::new();
        for k in 0..400 {
            orig.push_str(if k % 7 < 3 { "总投资３亿元，" } else { "abcdefghijklmnopqrstuvwxyz" });
        }
        let t = Text::new(&orig);
        let norm: &str = &t.norm;
        assert!(norm.len() > 4 * BLOCK);
        for (n, c) in norm.char_indices() {
            let o = t.map.to_orig(n);
            let oc = orig[o..].chars().next().unwrap();
            assert_eq!(fold_char(oc), c, "at {n}");
        }
        assert_eq!(t.map.to_orig(norm.len()), orig.len());
    }
}
