//! Characters and short strings: the fold table that normalization uses
//! (full-width → ASCII, traditional → simplified, one character for one),
//! and the character helpers every stage reads text with (`char_at`,
//! `is_han`, `last_chars` …). The normalized copy itself, with its offset
//! map, is [`crate::normalize`]; this module imports no stage, so that every
//! stage can import it.

use std::borrow::Cow;
use std::sync::LazyLock;

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

/// Room to reserve for a list of what a text of `len` bytes holds about
/// one of in every `per` bytes (as reports hold them), at most 16,384: an
/// article's lists are not reallocated as they fill (reallocations were
/// 1.3% of the extraction's instructions), and a large text's lists grow
/// as they need.
pub(crate) fn room(len: usize, per: usize) -> usize {
    (len / per.max(1)).min(1 << 14)
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
}
