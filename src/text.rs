//! The text layer: a normalized copy of the input that the rules read, and
//! the map that takes every offset in it back to the input as given.
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
//! few in most texts.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::triggers::{FOLDED, Recorder, Triggers};

struct FoldTable {
    /// The characters that are replaced (BMP only).
    bits: CharSet,
    /// Sorted (traditional, simplified) pairs.
    pairs: Vec<(char, char)>,
}

/// Traditional characters of the gazetteer's pairs that are also in
/// ordinary simplified use, and so are not folded: 覆 (覆盖, where the pair
/// reads 答覆 → 答复), 阪 (大阪), 徵 (宫商角徵羽).
const SIMPLIFIED_TOO: [char; 3] = ['覆', '阪', '徵'];

static FOLD: LazyLock<FoldTable> = LazyLock::new(|| {
    // `text/traditional`: one (traditional, simplified) pair a row; then the
    // gazetteer's pairs for the characters of place names (`蘇` → `苏`), so
    // that a traditional place name is found in running text. Where both
    // give a character, the lexicon's pair comes first and stays.
    let lexicon = crate::lexicon::TRADITIONAL
        .rows()
        .into_iter()
        .filter_map(|r| Some((r.first()?.chars().next()?, r.get(1)?.chars().next()?)));
    let places = crate::gazetteer::traditional_pairs().filter(|p| !SIMPLIFIED_TOO.contains(&p.0));
    let mut pairs: Vec<(char, char)> = lexicon.chain(places).collect();
    // A stable sort keeps the lexicon's pair first among equal characters.
    pairs.sort_by_key(|p| p.0);
    pairs.dedup_by_key(|p| p.0);
    let mut bits = Box::new([0u64; 1024]);
    let mut set = |c: u32| {
        if let Some(word) = bits.get_mut((c >> 6) as usize) {
            *word |= 1 << (c & 63);
        }
    };
    for &(t, _) in &pairs {
        set(t as u32);
    }
    for c in 0xFF01..=0xFF5E {
        set(c);
    }
    for c in [0x00A0, 0x3000, 0xFEFF, 0x200B, 0x200C, 0x200D, 0x2060] {
        set(c);
    }
    FoldTable { bits: CharSet(bits), pairs }
});

/// A set of BMP characters as a bitmap: membership in two instructions.
pub(crate) struct CharSet(Box<[u64; 1024]>);

impl CharSet {
    /// The set of `chars` (characters outside the BMP are left out).
    pub fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut bits = Box::new([0u64; 1024]);
        for c in chars {
            let cp = c as u32;
            if let Some(word) = bits.get_mut((cp >> 6) as usize) {
                *word |= 1 << (cp & 63);
            }
        }
        CharSet(bits)
    }

    /// Whether code point `cp` is in the set.
    pub fn contains_cp(&self, cp: u32) -> bool {
        self.0.get((cp >> 6) as usize).is_some_and(|w| w & (1 << (cp & 63)) != 0)
    }

    /// The code points of the set, in order.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + '_ {
        let words = self.0.iter().zip(0u32..).filter(|(w, _)| **w != 0);
        words.flat_map(|(&w, k)| (0..64).filter(move |b| w & (1 << b) != 0).map(move |b| k * 64 + b))
    }
}

/// The characters that normalization replaces.
pub(crate) fn folded() -> &'static CharSet {
    &FOLD.bits
}

/// The normalized form of one character (see the module docs).
pub(crate) fn fold_char(c: char) -> char {
    let cp = c as u32;
    if cp < 0xA0 {
        return c;
    }
    let table = &*FOLD;
    if !table.bits.contains_cp(cp) {
        return c;
    }
    match cp {
        0xFF01..=0xFF5E => char::from_u32(cp - 0xFEE0).unwrap_or(c),
        0x00A0 | 0x3000 | 0xFEFF | 0x200B | 0x200C | 0x200D | 0x2060 => ' ',
        _ => match table.pairs.binary_search_by_key(&c, |p| p.0) {
            Ok(i) => table.pairs.get(i).map_or(c, |p| p.1),
            Err(_) => c,
        },
    }
}

/// `s` with its traditional characters in their simplified forms, and
/// nothing else changed (widths and punctuation stay as written): how
/// subjects and changes are given, so that the same indicator written in
/// either script groups together. Borrowed when nothing changes.
pub(crate) fn simplified(s: &str) -> Cow<'_, str> {
    let is_traditional = |c: char| is_han(c) && fold_char(c) != c;
    if !s.chars().any(is_traditional) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if is_traditional(c) { fold_char(c) } else { c }).collect())
}

/// The input, its normalized copy, and the offset map between them.
pub(crate) struct Text<'a> {
    /// The input exactly as given.
    pub orig: &'a str,
    /// The normalized copy the rules read.
    pub norm: Cow<'a, str>,
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
        (Text { orig, norm, breaks, blocks, traditional }, triggers.finish())
    }

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

/// A Han character (CJK unified ideographs and extension A, and 〇).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3007 | 0xF900..=0xFAFF)
}

/// A line break inside a paragraph (a word broken by a PDF line break,
/// `智能网联汽\n\n车小镇`) follows a line of at least this many characters;
/// a shorter line is a title, a byline or a list item, and its break ends it.
pub(crate) const PARAGRAPH_LINE_CHARS: usize = 24;

/// Whether the line holding byte `a` is long enough before `a` to be a
/// paragraph's line ([`PARAGRAPH_LINE_CHARS`]), counting boundedly.
pub(crate) fn in_paragraph_line(t: &str, a: usize) -> bool {
    line_chars_before(t, a, PARAGRAPH_LINE_CHARS) >= PARAGRAPH_LINE_CHARS
}

/// How many characters stand between the line start and byte `a`, counting
/// at most `limit` of them: bounded, so callers stay linear on long lines.
pub(crate) fn line_chars_before(t: &str, a: usize, limit: usize) -> usize {
    t.get(..a).map_or(0, |s| s.chars().rev().take(limit).take_while(|&c| c != '\n').count())
}

/// `s` without the characters in `drop`, copied only when it has any.
pub(crate) fn without<'a>(s: &'a str, drop: &[char]) -> Cow<'a, str> {
    if s.contains(drop) { Cow::Owned(s.chars().filter(|c| !drop.contains(c)).collect()) } else { Cow::Borrowed(s) }
}

/// The first `n` characters of `s` (all of it when shorter).
pub(crate) fn first_chars(s: &str, n: usize) -> &str {
    // No more bytes than `n`: no more characters either.
    if s.len() <= n {
        return s;
    }
    s.char_indices().nth(n).and_then(|(k, _)| s.get(..k)).unwrap_or(s)
}

/// The last `n` characters of `s` (all of it when shorter).
pub(crate) fn last_chars(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    match n.checked_sub(1) {
        Some(back) => s.char_indices().rev().nth(back).and_then(|(k, _)| s.get(k..)).unwrap_or(s),
        None => "",
    }
}

/// The start of the run of white space that ends at byte `i`, not before
/// `floor` (`i` itself when no white space ends there).
pub(crate) fn ws_run_start(t: &str, i: usize, floor: usize) -> usize {
    let mut a = i;
    while let Some((pi, pc)) = char_before(t, a) {
        if pc.is_whitespace() && pi >= floor {
            a = pi;
        } else {
            break;
        }
    }
    a
}

/// The start of the line holding byte `i`, if it is at most `limit`
/// characters back.
pub(crate) fn line_start_within(t: &str, i: usize, limit: usize) -> Option<usize> {
    let before = t.get(..i)?;
    let mut k = i;
    for (n, c) in before.chars().rev().enumerate() {
        if c == '\n' {
            return Some(k);
        }
        if n >= limit {
            return None;
        }
        k -= c.len_utf8();
    }
    Some(0)
}

/// Whether the character at byte `i` of `s` is surely not white space,
/// seen from its first byte: a printable ASCII character, or a CJK ideograph
/// (lead byte E4–E9, U+4000–U+9FFF). A quick test before decoding, for
/// the loops that skip white space where there rarely is any.
pub(crate) fn surely_not_space_at(s: &str, i: usize) -> bool {
    s.as_bytes().get(i).is_some_and(|&b| (b'!'..=0x7F).contains(&b) || (0xE4..=0xE9).contains(&b))
}

/// Whether the character that ends at byte `i` of `s` is surely not white
/// space: a printable ASCII character, or a CJK ideograph (whose three bytes
/// end there).
pub(crate) fn surely_not_space_before(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    match i.checked_sub(1).and_then(|k| b.get(k)) {
        Some(&p) if p < 0x80 => (b'!'..=0x7F).contains(&p),
        Some(_) => i.checked_sub(3).and_then(|k| b.get(k)).is_some_and(|l| (0xE4..=0xE9).contains(l)),
        None => false,
    }
}

/// The last character before byte `i` of `s`, with its start.
pub(crate) fn char_before(s: &str, i: usize) -> Option<(usize, char)> {
    let c = s.get(..i)?.chars().next_back()?;
    Some((i - c.len_utf8(), c))
}

/// The character at byte `i` of `s`.
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_pairs_keep_length() {
        for (t, s) in &FOLD.pairs {
            assert_eq!(t.len_utf8(), s.len_utf8(), "{t}{s}");
            assert_ne!(t, s);
        }
    }

    #[test]
    fn folds_width_and_script() {
        let t = Text::new("總投資３７８億元，約５萬平方米");
        assert_eq!(t.norm, "总投资378亿元,约5万平方米");
    }

    #[test]
    fn surely_not_space_is_never_wrong() {
        let s = "a 高\u{3000}\u{a0}\t,\n区\u{2003}🙂";
        for i in 0..=s.len() + 1 {
            if surely_not_space_at(s, i) {
                assert!(!char_at(s, i).is_some_and(char::is_whitespace), "{i}");
            }
            if surely_not_space_before(s, i) {
                assert!(!char_before(s, i).is_some_and(|(_, c)| c.is_whitespace()), "{i}");
            }
        }
        assert!(surely_not_space_at(s, 0) && surely_not_space_at(s, 2) && surely_not_space_before(s, 5));
    }

    #[test]
    fn traditional_characters_are_noticed() {
        assert!(Text::new("總投資3億元").traditional);
        assert!(!Text::new("总投资３亿元，").traditional);
    }

    #[test]
    fn unchanged_text_is_borrowed() {
        let t = Text::new("总投资378亿元");
        assert!(matches!(t.norm, Cow::Borrowed(_)));
        assert_eq!(t.to_orig(6), 6);
    }

    #[test]
    fn offsets_map_back() {
        let orig = "Ａ３７８億元\u{FEFF}ｘ";
        let t = Text::new(orig);
        let norm: &str = &t.norm;
        for (n, c) in norm.char_indices() {
            let o = t.to_orig(n);
            let oc = orig[o..].chars().next().unwrap();
            assert_eq!(fold_char(oc), c);
            assert_eq!(t.to_orig(n + c.len_utf8()), o + oc.len_utf8());
        }
        assert_eq!(t.to_orig(norm.len()), orig.len());
        assert_eq!(t.orig_slice(1, norm.find('元').unwrap() + 3), "３７８億元");
    }

    #[test]
    fn without_characters() {
        assert!(matches!(without("武进高新区", &['(']), Cow::Borrowed("武进高新区")));
        assert_eq!(without("三碳(安徽)", &['(', ')']), "三碳安徽");
    }

    #[test]
    fn first_and_last_characters() {
        assert_eq!(first_chars("高新区a", 2), "高新");
        assert_eq!(first_chars("高新", 5), "高新");
        assert_eq!(first_chars("高新", 0), "");
        assert_eq!(last_chars("a高新区", 2), "新区");
        assert_eq!(last_chars("高新", 5), "高新");
        assert_eq!(last_chars("高新", 0), "");
    }

    #[test]
    fn white_space_runs() {
        let t = "园区 \n 引进";
        let i = t.find('引').unwrap();
        assert_eq!(ws_run_start(t, i, 0), "园区".len());
        assert_eq!(ws_run_start(t, i, "园区 ".len()), "园区 ".len());
        assert_eq!(ws_run_start(t, "园区".len(), 0), "园区".len());
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
            let o = t.to_orig(n);
            let oc = orig[o..].chars().next().unwrap();
            assert_eq!(fold_char(oc), c, "at {n}");
        }
        assert_eq!(t.to_orig(norm.len()), orig.len());
    }
}
