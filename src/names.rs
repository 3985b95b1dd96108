//! What platform and zone names share: finding where a proper name starts,
//! walking left from its head word (`研究院`, `高新区`) and stopping at verbs,
//! function words and punctuation, while keeping the quotes, brackets and
//! line breaks that belong to the name.

use std::sync::LazyLock;

use crate::hint::Hint;
use crate::lexicon::{self, Words};
use crate::text::{char_at, char_before, is_han};

struct Lists {
    /// `names/stop_words`: what a name never reaches across on its left.
    stops: Words,
    /// `names/stop_exceptions`: words that hold a stop word but are none,
    /// found for each stop word once: at a stop word's index in
    /// `names/stop_words`, (exception, offset of the stop word in it).
    exceptions: Vec<Vec<(&'static str, usize)>>,
    /// `names/conferred`: verbs before a name that make it a title.
    conferred: Words,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let words = lexicon::NAME_STOP_WORDS.words();
    let stops = Words::new(&words);
    // Each stop word's exceptions at its index (the first, for a word
    // listed twice, as the lookups give).
    let mut exceptions = vec![Vec::new(); words.len()];
    for p in lexicon::NAME_STOP_EXCEPTIONS.words() {
        for (off, _) in p.char_indices() {
            for (_, k) in stops.prefixes_of(p.get(off..).unwrap_or("")) {
                if let Some(list) = exceptions.get_mut(k) {
                    list.push((p, off));
                }
            }
        }
    }
    Lists { stops, exceptions, conferred: lexicon::NAME_CONFERRED.bucketed() }
});

/// Whether a word of `names/stop_words` ends at `i`, and is not part of a
/// word of `names/stop_exceptions` there (呼和浩特, 天使); `last` is the
/// character that ends at `i`.
///
/// A conjunction (和, 及) joins words, and a conjunct of one character is
/// rare: where a single Han character stands between the conjunction and
/// the previous stop or mark, the conjunction is inside a name
/// (`投资15亿元的保和堂北药产业园`), not between two.
fn stop_word_before(t: &str, i: usize, last: char) -> bool {
    stop_word_before_with(t, i, last, true)
}

fn stop_word_before_with(t: &str, i: usize, last: char, conjunct_rule: bool) -> bool {
    let before = t.get(..i).unwrap_or("");
    let lists = &*LISTS;
    lists.stops.suffixes_of_ending_in(before, last).any(|(w, k)| {
        let ws = i - w.len();
        if conjunct_rule
            && matches!(w, "和" | "及")
            && let Some((ci, c)) = char_before(t, ws)
            && is_han(c)
            && char_before(t, ci).is_none_or(|(_, p)| !is_han(p) || stop_word_before_with(t, ci, p, false))
        {
            return false;
        }
        !lists.exceptions.get(k).is_some_and(|e| {
            e.iter().any(|&(p, off)| ws.checked_sub(off).and_then(|ps| t.get(ps..ps + p.len())) == Some(p))
        })
    })
}

/// The longest quotation or bracket a name holds, in characters (a name is
/// read leftwards, and a closing mark sends the walk to its opening one).
const MAX_QUOTED_CHARS: usize = 16;

/// How far back a conferring verb one word away is looked for
/// (`先后被认定为…`), in characters.
const CONFERRED_REACH_CHARS: usize = 6;

/// Whether `[a, b)` is white space inside a paragraph: a word broken by a
/// line break (`智能网联汽\n\n车小镇`).
fn soft_break(t: &str, a: usize, b: usize) -> bool {
    let ws = t.get(a..b).unwrap_or("");
    let (Some((_, prev)), Some(next)) = (char_before(t, a), char_at(t, b)) else { return false };
    if !(is_han(prev) && is_han(next)) {
        return false;
    }
    if !ws.contains('\n') {
        return false;
    }
    crate::text::in_paragraph_line(t, a)
}

/// Walks left from `from` (the start of a head word) to where a name can
/// start: at most `max` characters, never before `floor`. Quotes and
/// brackets are taken whole; a line break inside a paragraph is crossed.
pub(crate) fn walk_left(t: &str, from: usize, floor: usize, max: usize, quotes: bool) -> usize {
    let mut i = from;
    let mut n = 0;
    while i > floor && n < max {
        // Each character is decoded once per step (the stop words are
        // looked up by it, and a digit before it is a byte).
        let Some((ci, c)) = char_before(t, i) else { break };
        if stop_word_before(t, i, c) || ci < floor {
            break;
        }
        match c {
            '”' | '」' | '’' | '』' if !quotes => break,
            '”' | '」' | '’' | '』' | ')' | '）' => {
                let open = match c {
                    '”' => '“',
                    '」' => '「',
                    '’' => '‘',
                    '』' => '『',
                    _ => '(',
                };
                let mut k = ci;
                let mut found = None;
                for _ in 0..MAX_QUOTED_CHARS {
                    let Some((pk, pc)) = char_before(t, k) else { break };
                    if pk < floor || matches!(pc, ',' | '。' | ';' | '、' | '\n' | ':') {
                        break;
                    }
                    if pc == open || (open == '(' && pc == '（') {
                        found = Some(pk);
                        break;
                    }
                    k = pk;
                }
                match found {
                    Some(pk) => {
                        i = pk;
                        n += 2;
                        continue;
                    }
                    None => break,
                }
            }
            '·' | '—' | '-' => {
                let joined = char_before(t, ci).is_some_and(|(_, p)| is_han(p) || p.is_ascii_alphanumeric())
                    && char_at(t, i).is_some_and(|x| is_han(x) || x.is_ascii_alphanumeric());
                if !joined || matches!(char_before(t, ci), Some((_, '—' | '-'))) {
                    break;
                }
            }
            c if c.is_whitespace() => {
                let a = crate::text::ws_run_start(t, i, floor);
                if soft_break(t, a, i) {
                    i = a;
                    n += 1;
                    continue;
                }
                break;
            }
            // 千亿级精细化工…: a scale (a numeral + 级) describes, it does not name.
            '级' if char_before(t, ci)
                .is_some_and(|(_, p)| p.is_ascii_digit() || matches!(p, '万' | '亿' | '千' | '百')) =>
            {
                break;
            }
            // 800万元大众…: a unit after a number ends the name.
            c if is_han(c)
                && (ci.checked_sub(1).and_then(|k| t.as_bytes().get(k)).is_some_and(u8::is_ascii_digit)
                    || c == '元'
                        && char_before(t, ci).is_some_and(|(_, p)| matches!(p, '万' | '亿' | '千' | '百'))) =>
            {
                break;
            }
            c if is_han(c) || c.is_ascii_alphabetic() => {}
            c if c.is_ascii_digit() => {
                // Digits belong to a name only inside a word (5G, 3D), never a count.
                if !char_at(t, i).is_some_and(|x| x.is_ascii_alphabetic()) {
                    break;
                }
            }
            _ => break,
        }
        i = ci;
        n += 1;
    }
    // A name does not start with a bracketed aside (a byline, a note).
    if matches!(char_at(t, i), Some('(' | '（')) {
        let close = t.get(i..from).and_then(|r| r.find([')', '）']));
        if let Some(k) = close {
            i += k + ')'.len_utf8();
        }
    }
    // A name does not start with a closing mark or a joiner.
    while let Some(c) = char_at(t, i) {
        if matches!(c, '·' | '—' | '-' | ')' | '）') && i < from {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// Strips generic words from the start of `s` and from between them,
/// longest first, and tells whether anything specific remains.
pub(crate) fn is_generic(s: &str, generic: &Words) -> bool {
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '“' | '”' | '、'));
        if rest.is_empty() {
            return true;
        }
        match generic.prefix_of(rest) {
            Some(w) => rest = rest.get(w.len()..).unwrap_or(""),
            None => return false,
        }
    }
}

/// Whether the name starting at `s` follows a conferring verb.
pub(crate) fn is_conferred(t: &str, s: usize) -> bool {
    let before = t.get(..s).unwrap_or("");
    let before = before.trim_end_matches(['“', '「', ' ']);
    let before = before.strip_suffix("成功").unwrap_or(before);
    LISTS.conferred.suffix_of(before).is_some() || {
        // 被认定为 … 园: also one word away (先后被认定为).
        // Each of these ends in 为: look at the words ending at each 为
        // (three substring searches were 0.7% of the whole extraction).
        let tail = crate::text::last_chars(before, CONFERRED_REACH_CHARS);
        tail.match_indices('为').any(|(i, w)| {
            let upto = tail.get(..i + w.len()).unwrap_or("");
            ["认定为", "评为", "命名为"].iter().any(|v| upto.ends_with(v))
        })
    }
}

/// The end of the last of `barriers` (sorted spans a name does not cross)
/// that ends by byte `i`, or 0: where a name's left walk from `i` stops at
/// the latest. `hint` is the caller's for `barriers`.
pub(crate) fn barrier_before(barriers: &[(usize, usize)], hint: &Hint, i: usize) -> usize {
    let k = hint.partition_point(barriers, |b| b.1 <= i);
    k.checked_sub(1).and_then(|j| barriers.get(j)).map_or(0, |b| b.1)
}

/// Book titles `《…》` on one line: names inside them are not facts.
pub(crate) fn in_book_title(titles: &[(usize, usize)], i: usize) -> bool {
    let k = titles.partition_point(|s| s.0 <= i);
    k.checked_sub(1).and_then(|j| titles.get(j)).is_some_and(|s| i < s.1)
}

/// The bytes that can start a white-space character: ASCII white space and
/// the lead bytes of the others (C2, E1, E2, E3).
static SPACE_LEADS: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_whitespace() || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    t
};

/// The name as written, line breaks and spaces removed.
pub(crate) fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    // Only ASCII white space and a few characters led by C2, E1, E2, E3
    // are white space: look at the bytes first, one table lookup each (a
    // byte indexes the 256 entries: the index cannot fail).
    let maybe = s.bytes().any(|b| SPACE_LEADS[usize::from(b)]);
    if maybe && s.chars().any(char::is_whitespace) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A conferring verb one word before the name (`先后被认定为`), and
    /// not a 为 of another verb.
    #[test]
    fn conferred_one_word_away() {
        for (before, want) in [
            ("园区先后被认定为", true),
            ("该园已被评为", true),
            ("高新区正式命名为", true),
            ("认定为国家", true),
            ("被认定为首批", true),
            ("认定为国家级的首批", false),
            ("作为", false),
            ("以为", false),
            ("为", false),
            ("", false),
        ] {
            let t = format!("{before}高新区");
            assert_eq!(is_conferred(&t, before.len()), want, "{before}");
        }
    }

    #[test]
    fn generic_words() {
        let g = Words::new(&["国家级", "科技", "创新", "博士后", "科研"]);
        assert!(is_generic("国家级博士后科研", &g));
        assert!(is_generic("科技创新", &g));
        assert!(!is_generic("常州科技", &g));
    }

    /// The exceptions found for each stop word are those the lists give.
    #[test]
    fn stop_word_exceptions() {
        let mut brute = Vec::new();
        for w in lexicon::NAME_STOP_WORDS.words() {
            for p in lexicon::NAME_STOP_EXCEPTIONS.words() {
                for (off, _) in p.char_indices() {
                    if p.get(off..).is_some_and(|q| q.starts_with(w)) {
                        brute.push((w, p, off));
                    }
                }
            }
        }
        brute.sort();
        brute.dedup();
        // Stored at each stop word's index in its list.
        let words = lexicon::NAME_STOP_WORDS.words();
        let mut found: Vec<(&str, &str, usize)> = LISTS
            .exceptions
            .iter()
            .zip(&words)
            .flat_map(|(e, &w)| e.iter().map(move |&(p, off)| (w, p, off)))
            .collect();
        found.sort();
        found.dedup();
        assert_eq!(found, brute);
        assert!(!found.is_empty());
    }
}
