//! One pass over the normalized text for the characters where the stages'
//! searches start: numerals for the candidate scan, the characters that
//! start a date, and the last characters of zone and platform head words
//! and of the words of aims (`target`).
//!
//! Each of those stages used to find its characters with its own byte scan
//! (or automaton) that decoded every character of the text: five passes, a
//! fifth of the pipeline's work on Chinese text. Now the normalization pass
//! ([`crate::normalize::Text::with_triggers`]), which decodes every character
//! anyway, looks each one up in one table (a byte per BMP code point, one
//! bit per stage) and records its normalized offset in the lists of its
//! stages; the stages then go from position to position of their lists. A
//! stage asking for "the first of my characters at or after byte `i`" (a
//! character boundary) gets exactly what its own scan gave.

use std::sync::LazyLock;

const NUMERAL: u8 = 1;
const DATE: u8 = 2;
const ZONE_END: u8 = 4;
const PLATFORM_END: u8 = 8;
const TARGET_END: u8 = 16;
/// Not a stage: the character is replaced by normalization, which reads the
/// same table ([`crate::normalize::Text::with_triggers`]).
pub(crate) const FOLDED: u8 = 128;

/// Per BMP code point, the stages whose searches start at it (an array of
/// exactly 65,536 entries: indexed by a `u16`, a lookup needs no bounds
/// check).
static TABLE: LazyLock<Box<[u8; 0x10000]>> = LazyLock::new(|| {
    let mut table = Box::new([0u8; 0x10000]);
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
    mark(&mut crate::target::word_ends().code_points(), TARGET_END);
    mark(&mut crate::text::folded().code_points(), FOLDED);
    table
});

/// Where the searches of the stages start, in order: for the numeral and
/// date searches, ranges `[start, end)` of offsets that are all starts (a
/// run of ASCII digits is one range, so that ten megabytes of digits is
/// one entry, not ten million; any other character is `[at, at + 1)`); for
/// the head-word searches, the offsets of their characters.
#[derive(Default)]
pub(crate) struct Triggers {
    /// Characters that can start a numeral (ASCII digits included).
    pub numerals: Vec<(usize, usize)>,
    /// Characters that can start a date or a relation word before one.
    pub dates: Vec<(usize, usize)>,
    /// Last characters of zone head words.
    pub zone_ends: Vec<usize>,
    /// Last characters of platform head words.
    pub platform_ends: Vec<usize>,
    /// Last characters of the words of aims, forecasts and results.
    pub target_ends: Vec<usize>,
}

impl Triggers {
    /// Room for the triggers of a text of `len` bytes, about as many as
    /// reports hold (numerals and date characters are one byte in twenty,
    /// the last characters of head words one in a hundred): see
    /// [`crate::text::room`].
    fn with_capacity(len: usize) -> Triggers {
        let room = |per: usize| crate::text::room(len, per);
        Triggers {
            numerals: Vec::with_capacity(room(16)),
            dates: Vec::with_capacity(room(16)),
            zone_ends: Vec::with_capacity(room(96)),
            platform_ends: Vec::with_capacity(room(64)),
            target_ends: Vec::with_capacity(room(32)),
        }
    }

    /// The triggers of the normalized text `t`, in one pass (the pipeline
    /// finds them while it normalizes: [`crate::normalize::Text::with_triggers`]).
    #[cfg(test)]
    pub fn new(t: &str) -> Triggers {
        let mut rec = Recorder::new(t.len());
        for (i, c) in t.char_indices() {
            let class = rec.class(c as u32) & !FOLDED;
            if class != 0 {
                rec.push(i, class, c.is_ascii_digit());
            }
        }
        rec.finish()
    }
}

/// Collects the triggers of a text, character by character.
pub(crate) struct Recorder {
    table: &'static [u8; 0x10000],
    out: Triggers,
}

impl Recorder {
    /// A recorder for a text of about `len` bytes.
    pub fn new(len: usize) -> Recorder {
        Recorder { table: &TABLE, out: Triggers::with_capacity(len) }
    }

    /// The stages whose searches start at code point `cp` (0 for none, the
    /// most common answer: a caller computes the offset only when not).
    #[inline(always)]
    pub fn class(&self, cp: u32) -> u8 {
        u16::try_from(cp).ok().and_then(|k| self.table.get(usize::from(k))).copied().unwrap_or(0)
    }

    /// Records a character of class `class` at byte `at` of the normalized
    /// text (offsets come in order); `digit` for an ASCII digit, which joins
    /// the digits right before it.
    #[inline(always)]
    pub fn push(&mut self, at: usize, class: u8, digit: bool) {
        let out = &mut self.out;
        if class & NUMERAL != 0 {
            push_range(&mut out.numerals, at, digit);
        }
        if class & DATE != 0 {
            push_range(&mut out.dates, at, digit);
        }
        if class & ZONE_END != 0 {
            out.zone_ends.push(at);
        }
        if class & PLATFORM_END != 0 {
            out.platform_ends.push(at);
        }
        if class & TARGET_END != 0 {
            out.target_ends.push(at);
        }
    }

    pub fn finish(self) -> Triggers {
        self.out
    }
}

/// Adds the start at `at` to a list of ranges: an ASCII digit right after
/// a range of digits extends it (only a digit range can end where a
/// character starts: any other range ends inside its character).
#[inline(always)]
fn push_range(list: &mut Vec<(usize, usize)>, at: usize, digit: bool) {
    match list.last_mut() {
        Some(last) if digit && last.1 == at => last.1 = at + 1,
        _ => list.push((at, at + 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each list holds exactly the characters its stage's set holds, in
    /// normalized offsets when found while normalizing.
    #[test]
    fn lists_match_the_sets() {
        let orig = "２０２１年,園区实现营收３亿元;上半年新增研究院2家、基地一个。𠀀区a9\u{3000}5";
        let (text, tr) = crate::normalize::Text::with_triggers(orig);
        let t: &str = &text.norm;
        let again = Triggers::new(t);
        assert_eq!(tr.numerals, again.numerals);
        assert_eq!(tr.dates, again.dates);
        for (a, b) in [
            (&tr.zone_ends, &again.zone_ends),
            (&tr.platform_ends, &again.platform_ends),
            (&tr.target_ends, &again.target_ends),
        ] {
            assert_eq!(a, b);
        }
        // Ranges are digit runs or single characters.
        let expand = |r: &[(usize, usize)]| -> Vec<usize> {
            r.iter()
                .flat_map(|&(a, b)| if t.as_bytes()[a].is_ascii_digit() { (a..b).collect() } else { vec![a] })
                .collect()
        };
        let all = |f: &dyn Fn(char) -> bool| -> Vec<usize> {
            t.char_indices().filter(|&(_, c)| f(c)).map(|(i, _)| i).collect()
        };
        let digit = |c: char| c.is_ascii_digit();
        assert_eq!(expand(&tr.numerals), all(&|c| digit(c) || crate::numeral::NUMERAL_CHARS.contains_cp(c as u32)));
        assert_eq!(expand(&tr.dates), all(&|c| digit(c) || crate::dates::start_chars().contains_cp(c as u32)));
        assert!(tr.numerals.iter().any(|r| r.1 - r.0 == 4), "2021 is one range");
        assert_eq!(tr.zone_ends, all(&|c| crate::zone::head_ends().contains_cp(c as u32)));
        assert_eq!(tr.platform_ends, all(&|c| crate::platform::head_ends().contains_cp(c as u32)));
        assert_eq!(tr.target_ends, all(&|c| crate::target::word_ends().contains_cp(c as u32)));
        assert!(!tr.zone_ends.is_empty() && !tr.platform_ends.is_empty() && !tr.dates.is_empty());
        // The cursor finds the first at or after a position, also when the
        // position goes back.
        let mut c = crate::cursor::Cursor::new(&tr.numerals);
        let starts = expand(&tr.numerals);
        let first_from = |i: usize| starts.iter().copied().find(|&p| p >= i);
        for i in [0, 5, 9, 2, 3, 30, t.len(), 1, 2] {
            assert_eq!(c.next_from(i), first_from(i), "{i}");
        }
    }
}
