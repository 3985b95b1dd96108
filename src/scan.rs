//! The shared candidate scan for numeric facts: one pass over the normalized
//! text that finds every numeral with what surrounds it — a qualifier
//! before (`约`, `超过`), a range (`3-5`, `10亿元至50亿元`), a unit after,
//! a qualifier after (`以上`) — and leaves out numerals that cannot be facts
//! (codes, ordinals, slogans, vague numbers).
//!
//! The kinds (money, count, measure, percent) then decide, each by its own
//! rules, which candidates are theirs.

use std::sync::LazyLock;

use rust_decimal::Decimal;

use crate::hint::Hint;
use crate::kinds::units::{UnitKind, UnitMatch, prefix_currency_at_end, unit_at};
use crate::lexicon::{self, Words};
use crate::model::{Amount, Approx, Currency};
use crate::numeral::{self, Fail, Form, Numeral};
use crate::text::{char_at, char_before, is_han};

/// A numeral with its context, before a kind claims it.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// Start of the fact's text: qualifier, sign or `百分之` included.
    pub start: usize,
    /// End of the fact's text: unit and trailing qualifier included.
    pub end: usize,
    /// Start of the (first) numeral.
    pub num_start: usize,
    /// End of the unit, before any trailing qualifier (the numeral's end when
    /// there is no unit).
    pub unit_end: usize,
    /// The value before the unit's factor: the low end of a range.
    pub lo: Decimal,
    /// The high end of a range.
    pub hi: Option<Decimal>,
    /// The qualifier.
    pub approx: Approx,
    /// The unit, if any. A candidate without one is a bare number kept for
    /// enumerations (`2.9、4.7、2.8个百分点`) and bare 万/亿 money.
    pub unit: Option<UnitKind>,
    /// The first numeral as read.
    pub numeral: Numeral,
    /// A minus sign (`-3.2%`, `负3.9%`).
    pub negative: bool,
    /// Whether the unit came from a later member of an enumeration.
    pub shared_unit: bool,
    /// A percentage written in words (`百分之三十`, `四分之一`, `1/4`).
    pub percent_words: bool,
    /// A currency named before the amount (`港币2960元`, `￥300`).
    pub prefix_currency: Option<Currency>,
}

impl Candidate {
    /// The value times `factor`: the low end and, for a range, the high end.
    pub fn amount(&self, factor: Decimal) -> Option<Amount> {
        let lo = self.lo.checked_mul(factor)?.normalize();
        Some(match self.hi {
            Some(h) => Amount::Range(lo, h.checked_mul(factor)?.normalize()),
            None => Amount::Point(lo),
        })
    }

    /// Whether a qualifier or sign stands before the numeral (`近百家`).
    pub fn has_pre_qualifier(&self) -> bool {
        self.start < self.num_start
    }

    /// The first numeral as written.
    pub fn numeral_text<'t>(&self, t: &'t str) -> &'t str {
        t.get(self.num_start..self.num_start + self.numeral.len).unwrap_or("")
    }

    /// Whether the numeral is only round powers (`百`, `千万`, `百亿`), which
    /// need a qualifier (`近百家`) or a currency to be a figure.
    pub fn is_round_power_only(&self, t: &str) -> bool {
        self.numeral.form == Form::Chinese
            && !self.numeral.has_digit
            && self.numeral_text(t).chars().all(|ch| matches!(ch, '百' | '千' | '万' | '亿'))
    }

    /// Whether the numeral is the plain Chinese `一`: an article (一批,
    /// 一个), not a figure.
    pub fn is_lone_one(&self, t: &str) -> bool {
        self.numeral.form == Form::Chinese && self.lo == Decimal::ONE && matches!(self.numeral_text(t), "一" | "壹")
    }
}

/// A currency word right before `i` (spaces allowed), and where it starts.
fn prefix_currency(t: &str, i: usize) -> Option<(usize, Currency)> {
    let mut k = i;
    while let Some((p, ' ')) = char_before(t, k) {
        k = p;
    }
    let before = t.get(..k)?;
    let p = prefix_currency_at_end(before)?;
    let (w, c) = (p.word, p.currency);
    let ws = k - w.len();
    // 4人民币5美元: the word is the unit of the number before it.
    if char_before(t, ws).is_some_and(|(_, p)| p.is_ascii_digit() || numeral::starts_numeral(p)) {
        return None;
    }
    Some((ws, c))
}

/// Skips `(含)` (the number included) and spaces after `i`.
fn skip_inclusive(t: &str, i: usize) -> usize {
    let j = skip_ws(t, i);
    match t.get(j..) {
        Some(r) if r.starts_with("(含)") => skip_ws(t, j + "(含)".len()),
        _ => i,
    }
}

/// `word` at the start of `s`, its characters perhaps spaced out (PDF text:
/// `百 分 之`); the bytes it covers.
pub(crate) fn starts_with_spaced(s: &str, word: &str) -> Option<usize> {
    let mut i = 0;
    for (n, w) in word.chars().enumerate() {
        if n > 0 {
            for _ in 0..3 {
                if s.get(i..).is_some_and(|r| r.starts_with(' ')) {
                    i += 1;
                }
            }
        }
        if s.get(i..)?.starts_with(w) {
            i += w.len_utf8();
        } else {
            return None;
        }
    }
    Some(i)
}

/// The unit at `s`, also when its characters are spaced out
/// (`个 百 分点`): the longest reading wins.
fn unit_at_spaced(s: &str) -> Option<UnitMatch> {
    let direct = unit_at(s);
    // Without a space close by there is nothing to read across.
    if memchr::memchr(b' ', s.as_bytes().get(..24).unwrap_or(s.as_bytes())).is_none() {
        return direct;
    }
    // Read up to eight characters with the spaces between them removed.
    let mut compact = String::new();
    let mut ends = Vec::new();
    let mut i = 0;
    for _ in 0..8 {
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else { break };
        if c == ' ' {
            i += 1;
            continue;
        }
        if !is_han(c) {
            break;
        }
        compact.push(c);
        i += c.len_utf8();
        ends.push(i);
    }
    let spaced = unit_at(&compact).and_then(|u| {
        let chars = compact.get(..u.len)?.chars().count();
        Some(UnitMatch { kind: u.kind, len: *ends.get(chars.checked_sub(1)?)? })
    });
    match (direct, spaced) {
        (Some(d), Some(sp)) if sp.len > d.len && s.get(..d.len).is_some_and(|x| !x.contains(' ')) => {
            // Only a longer word read across spaces beats the direct one.
            if sp.len > d.len + 1 { Some(sp) } else { Some(d) }
        }
        (Some(d), _) => Some(d),
        (None, sp) => sp,
    }
}

/// The qualifier words of the scan, compiled once.
struct Qualifiers {
    /// Before a number (`scan/pre_qualifiers`), bucketed by last character.
    pre: Words,
    pre_approx: Vec<(&'static str, Approx)>,
    /// After a unit (`scan/post_qualifiers`), bucketed by first character.
    post: Words,
    post_approx: Vec<(&'static str, Approx)>,
    /// Words that end in a qualifier's character but are none
    /// (`scan/not_qualifiers`: 签约, 附近, 赶超), each with the longer
    /// ending that makes the qualifier one again, if any.
    not_qualifiers: Words,
    unless: Vec<(&'static str, &'static str)>,
    /// Unit words that begin with a numeral character (`scan/numeral_led_units`).
    numeral_led_units: Vec<&'static str>,
    /// Words before `a/b` that make it a fraction (`percent/fraction_cues`).
    fraction_cues: Words,
}

fn approx_rows(list: &lexicon::List) -> Vec<(&'static str, Approx)> {
    list.rows().into_iter().filter_map(|r| Some((*r.first()?, r.get(1)?.parse::<Approx>().ok()?))).collect()
}

static QUALIFIERS: LazyLock<Qualifiers> = LazyLock::new(|| {
    let pre_approx = approx_rows(&lexicon::SCAN_PRE_QUALIFIERS);
    let post_approx = approx_rows(&lexicon::SCAN_POST_QUALIFIERS);
    Qualifiers {
        post: Words::new(&post_approx.iter().map(|q| q.0).collect::<Vec<_>>()),
        post_approx,
        pre: Words::new(&pre_approx.iter().map(|q| q.0).collect::<Vec<_>>()),
        pre_approx,
        not_qualifiers: lexicon::SCAN_NOT_QUALIFIERS.bucketed(),
        unless: lexicon::SCAN_NOT_QUALIFIERS
            .rows()
            .into_iter()
            .filter_map(|r| Some((*r.first()?, *r.get(1)?)))
            .collect(),
        numeral_led_units: lexicon::SCAN_NUMERAL_LED_UNITS.words(),
        fraction_cues: lexicon::PERCENT_FRACTION_CUES.bucketed(),
    }
});

/// Reads the numeral at byte `i`, stopping before unit words that begin
/// with a numeral character (`10万千瓦` is `10万` + `千瓦`). Returns how many
/// bytes to skip when there is no fact here, and the numeral.
fn numeral_at(t: &str, i: usize) -> (usize, Option<Numeral>) {
    let rest = t.get(i..).unwrap_or("");
    let (examined, res) = numeral::scan(rest);
    let n = match res {
        Ok(n) => n,
        Err(Fail::Overflow | Fail::Empty) => return (examined, None),
    };
    // No 千 or 百 inside (the common case): no window to read.
    if !rest.get(..n.len).is_some_and(|inside| inside.contains(['千', '百'])) {
        return (examined, Some(n));
    }
    // The earliest unit word that starts inside the numeral.
    let mut w_end = (n.len + 9).min(rest.len());
    while !rest.is_char_boundary(w_end) {
        w_end += 1;
    }
    let window = rest.get(..w_end).unwrap_or(rest);
    // All those unit words start with 千 or 百.
    let cut = window
        .match_indices(['千', '百'])
        .map(|(k, _)| k)
        .take_while(|&k| k < n.len)
        .find(|&k| window.get(k..).is_some_and(|w| QUALIFIERS.numeral_led_units.iter().any(|u| w.starts_with(u))));
    match cut {
        None => (examined, Some(n)),
        Some(0) => (examined, None),
        Some(k) => {
            let (_, res) = numeral::scan(rest.get(..k).unwrap_or(""));
            (k, res.ok())
        }
    }
}

/// Skips up to four white-space characters from `i`, with at most one line
/// break among them (`143.3\n亿元` is one figure; a blank line ends it).
fn skip_ws(t: &str, mut i: usize) -> usize {
    // Most often no white space follows.
    if crate::text::surely_not_space_at(t, i) {
        return i;
    }
    let mut breaks = 0;
    for _ in 0..4 {
        match char_at(t, i) {
            Some('\n') if breaks > 0 => break,
            Some(c) if c.is_whitespace() => {
                breaks += usize::from(c == '\n');
                i += c.len_utf8();
            }
            _ => break,
        }
    }
    i
}

/// The range separator at `i` and its length: `-`, `—`, `–`, `~`, `至`, `到`.
fn range_sep(t: &str, i: usize) -> Option<usize> {
    let c = char_at(t, i)?;
    match c {
        '-' | '—' | '–' | '~' | '〜' | '～' | '至' | '到' => {
            // A doubled dash between two numbers is a range too: 2——3万, 1万元--5万元.
            match char_at(t, i + c.len_utf8()) {
                Some(d @ ('—' | '-')) if d == c => Some(c.len_utf8() + d.len_utf8()),
                _ => Some(c.len_utf8()),
            }
        }
        _ => None,
    }
}

/// The scales a range's first number may share with the second, from the
/// unit and scale words ending the second's text: all of them (`两到三千` →
/// 10³, `3-5亿` → 10⁸), then only 万 and 亿 (`十八至三十万` → 10⁴).
fn shared_scales(text: &str) -> [Option<Decimal>; 2] {
    let run: Vec<char> =
        text.chars().rev().filter(|c| !c.is_whitespace()).take_while(|c| "十百千万亿拾佰仟".contains(*c)).collect();
    let product = |big_only: bool| -> Option<Decimal> {
        let mut scale = Decimal::ONE;
        let mut any = false;
        for &c in &run {
            let f: i64 = match c {
                '万' => 10_000,
                '亿' => 100_000_000,
                '十' | '拾' if !big_only => 10,
                '百' | '佰' if !big_only => 100,
                '千' | '仟' if !big_only => 1000,
                _ => break,
            };
            scale = scale.checked_mul(Decimal::from(f))?;
            any = true;
        }
        any.then_some(scale)
    };
    [product(false), product(true)]
}

fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Whether the Chinese numeral at `[s, e)` is part of a slogan of numerals
/// and single characters: `一区十园`, `四送一服`, `一车一人一芯`.
fn in_slogan(t: &str, s: usize, e: usize, n: &Numeral) -> bool {
    if n.form != Form::Chinese || e - s > 6 {
        return false;
    }
    let cn = |c: char| numeral::starts_numeral(c) && !c.is_ascii_digit() && !matches!(c, '０'..='９');
    // A unit word of its own (六个百分点) or a range (两到三万) is no slogan.
    if unit_at(t.get(e..).unwrap_or("")).is_some_and(|u| u.len > 3)
        || char_at(t, e).is_some_and(|x| matches!(x, '至' | '到'))
    {
        return false;
    }
    // numeral X numeral
    if let Some(x) = char_at(t, e)
        && is_han(x)
        && !cn(x)
        && let Some(y) = char_at(t, e + x.len_utf8())
        && cn(y)
    {
        return true;
    }
    // numeral X [numeral]
    if let Some((xs, x)) = char_before(t, s)
        && is_han(x)
        && !cn(x)
        && !matches!(x, '至' | '到')
        && let Some((_, y)) = char_before(t, xs)
        && cn(y)
    {
        return true;
    }
    false
}

/// The qualifier ending at byte `i`, with its start: the longest word of
/// `scan/pre_qualifiers` that ends there, unless a word of
/// `scan/not_qualifiers` ends there around it (`签约3个`); 上 only before
/// round powers (`上千`, `上百亿`; not `以上`).
fn pre_qualifier(t: &str, i: usize, n: &Numeral) -> Option<(usize, Approx)> {
    let before = t.get(..i)?;
    let qs = &*QUALIFIERS;
    let not_qualifier = qs
        .not_qualifiers
        .suffix_of(before)
        .filter(|w| !qs.unless.iter().any(|&(word, unless)| word == *w && before.ends_with(unless)));
    for q in qs.pre.suffixes_of(before) {
        let Some(&(_, a)) = qs.pre_approx.iter().find(|p| p.0 == q) else { continue };
        if q == "上" && (n.has_digit || before.ends_with("以上")) {
            continue;
        }
        if not_qualifier.is_some_and(|w| w.len() > q.len() && w.ends_with(q)) {
            continue;
        }
        return Some((i - q.len(), a));
    }
    None
}

/// The qualifier starting at byte `i`.
fn post_qualifier(t: &str, i: usize) -> Option<(usize, Approx)> {
    let rest = t.get(i..)?;
    let qs = &*QUALIFIERS;
    let q = qs.post.prefix_of(rest)?;
    qs.post_approx.iter().find(|p| p.0 == q).map(|&(q, a)| (i + q.len(), a))
}

/// The quoted stretches of a text short enough to be a slogan or a name,
/// looked up in order ([`Hint`]).
pub(crate) struct ShortQuotes(Vec<(usize, usize)>, Hint);

impl ShortQuotes {
    /// Short quotes found by [`Marks`](crate::marks::Marks).
    pub fn from_spans(spans: Vec<(usize, usize)>) -> ShortQuotes {
        ShortQuotes(spans, Hint::new())
    }

    /// Finds `“…”`, `「…」` and `‘…’` pairs whose content is at most 12
    /// characters on one line.
    #[cfg(test)]
    pub fn new(t: &str) -> ShortQuotes {
        ShortQuotes(crate::marks::Marks::new(t).short_quotes, Hint::new())
    }

    /// Whether byte `i` is inside a short quote.
    pub fn contains(&self, i: usize) -> bool {
        let k = self.1.partition_point(&self.0, |q| q.0 <= i);
        k.checked_sub(1).and_then(|j| self.0.get(j)).is_some_and(|q| i < q.1)
    }
}

/// Scans the whole normalized text. `starts` are the ranges of offsets
/// where a numeral can start ([`crate::triggers::Triggers::numerals`]).
#[inline(never)] // a stage: kept out of line so that profiles show it (bench/profile.sh)
pub(crate) fn scan(t: &str, quotes: &ShortQuotes, starts: &[(usize, usize)]) -> Vec<Candidate> {
    // Reports hold a figure in about a hundred bytes.
    let mut out: Vec<Candidate> = Vec::with_capacity(crate::text::room(t.len(), 96));
    let mut starts = crate::cursor::Cursor::new(starts);
    let mut i = 0;
    while let Some(next) = starts.next_from(i) {
        i = next;
        let Some(c) = char_at(t, i) else { break };
        if let Some(len) = t.get(i..).and_then(|r| starts_with_spaced(r, "百分之")) {
            if let Some(cand) = percent_in_words(t, i, len) {
                i = cand.end;
                if !quotes.contains(cand.num_start) {
                    out.push(cand);
                }
            } else {
                i += len;
            }
            continue;
        }
        let (skip, n) = numeral_at(t, i);
        let skip = skip.max(c.len_utf8());
        if let Some(n) = n
            && let Some(cand) = candidate(t, i, n)
        {
            i = cand.end.max(i + 1);
            while !t.is_char_boundary(i) {
                i += 1;
            }
            if !quotes.contains(cand.num_start) {
                out.push(cand);
            }
            continue;
        }
        i += skip;
    }
    share_units(t, &mut out);
    out
}

/// `百分之三十` at byte `i` (which starts with 百分之).
fn percent_in_words(t: &str, i: usize, len: usize) -> Option<Candidate> {
    let k = skip_ws(t, i + len);
    let (_, n) = numeral_at(t, k);
    let n = n?;
    if n.form == Form::DigitSequence {
        return None;
    }
    let (start, approx) = match pre_qualifier(t, i, &n) {
        Some((s, a)) => (s, a),
        None => (i, n.approx),
    };
    let mut end = k + n.len;
    let mut approx = approx;
    if let Some((e, a)) = post_qualifier(t, end) {
        end = e;
        approx = a;
    }
    Some(Candidate {
        start,
        end,
        num_start: i,
        unit_end: k + n.len,
        lo: n.value,
        hi: None,
        approx,
        unit: Some(UnitKind::Percent(crate::model::PercentUnit::Percent)),
        numeral: n,
        negative: false,
        shared_unit: false,
        percent_words: true,
        prefix_currency: None,
    })
}

/// Whether the numeral at `[s, e)` can be a figure at all, from what
/// touches it: not inside a code or a word (`GB/T4754`, `5G`), not an
/// ordinal or a vague number (`第37`, `十几`, `数十`), not part of a slogan
/// (`一区十园`).
fn can_be_figure(t: &str, s: usize, e: usize, n: &Numeral) -> bool {
    if n.form == Form::DigitSequence {
        return false;
    }
    if let Some((_, p)) = char_before(t, s) {
        if is_ascii_word(p)
            || matches!(
                p,
                '+' | '.' | '/' | '#' | '@' | '&' | '_' | '×' | '*' | '%' | '=' | '第' | '几' | '数' | '若' | '序'
            )
        {
            return false;
        }
        if p == '-' && char_before(t, s - 1).is_some_and(|(_, pp)| is_ascii_word(pp)) {
            return false;
        }
    }
    // 十几, 二十几: vague; `1/4` is a fraction, read later.
    if char_at(t, e).is_some_and(|a| matches!(a, '几' | '+' | '.' | '_')) {
        return false;
    }
    !in_slogan(t, s, e, n)
}

/// What stands before a numeral and belongs to its figure.
struct Lead {
    /// Where the figure's text starts.
    start: usize,
    approx: Approx,
    /// A minus sign (`-3.2%`, `负3.9%`), kept for single percentages only.
    negative: bool,
    /// A currency named before the amount (`港币2960元`, `￥300`).
    prefix: Option<(usize, Currency)>,
}

/// The qualifier, sign and currency before the numeral `n` at byte `s`.
fn lead(t: &str, s: usize, n: &Numeral) -> Lead {
    let (mut start, mut approx) = pre_qualifier(t, s, n).unwrap_or((s, Approx::Exact));
    if approx == Approx::Exact {
        approx = n.approx;
    }
    let mut negative = false;
    if start == s
        && let Some((ps, p)) = char_before(t, s)
        && (p == '负' || (p == '-' && !char_before(t, ps).is_some_and(|(_, q)| is_ascii_word(q))))
    {
        negative = true;
        start = ps;
    }
    let prefix = prefix_currency(t, start);
    if let Some((ps, _)) = prefix {
        start = ps;
    }
    Lead { start, approx, negative, prefix }
}

/// The number a figure states, from its first numeral `n` ending at `e`: a
/// product (`2×350MW`) or a range with its unit after the second numeral
/// (`3-5亿元`, `1-2个`, whose first number shares the second's scale).
/// Returns the low end, the high end of a range, and where the unit may
/// start.
fn number(t: &str, e: usize, n: &Numeral) -> Option<(Decimal, Option<Decimal>, usize)> {
    let mut lo = n.value;
    let mut j = skip_inclusive(t, skip_ws(t, e));
    if let Some(x) = char_at(t, j)
        && matches!(x, '×' | '*' | 'x' | 'X')
    {
        let k = skip_ws(t, j + x.len_utf8());
        if let (_, Some(n2)) = numeral_at(t, k)
            && n2.form != Form::DigitSequence
        {
            lo = lo.checked_mul(n2.value)?;
            j = skip_ws(t, k + n2.len);
        }
    }
    if let Some(sep) = range_sep(t, j)
        && let k = skip_ws(t, j + sep)
        && char_at(t, k).is_some_and(numeral::starts_numeral)
        && let (_, Some(n2)) = numeral_at(t, k)
        && n2.form != Form::DigitSequence
        && unit_at(t.get(skip_ws(t, k + n2.len)..).unwrap_or("")).is_some()
    {
        let mut a = lo;
        // The scale of the second number is the first's too, unless the
        // first is already in range (从8500到3万).
        if !n.scaled
            && let Some(text2) = t.get(k..k + n2.len)
            && let Some(scaled) = shared_scales(text2)
                .into_iter()
                .flatten()
                .filter_map(|scale| a.checked_mul(scale))
                .find(|scaled| *scaled <= n2.value && *scaled > a)
        {
            a = scaled;
        }
        if a < n2.value {
            return Some((a, Some(n2.value), skip_ws(t, k + n2.len)));
        }
    }
    Some((lo, None, j))
}

/// A second numeral with the same unit after a unit (`1万元(含)-5万元`,
/// `10亿元至50亿元`): the high end of the range and the end of its unit.
fn second_with_unit(t: &str, unit_end: usize, kind: UnitKind, lo: Decimal) -> Option<(Decimal, usize)> {
    let after = skip_inclusive(t, unit_end);
    let sep = range_sep(t, after)?;
    let k = skip_ws(t, after + sep);
    let n2 = numeral_at(t, k).1.filter(|n2| n2.form != Form::DigitSequence)?;
    let k2 = skip_ws(t, k + n2.len);
    let u2 = unit_at(t.get(k2..).unwrap_or(""))?;
    (u2.kind == kind && lo < n2.value).then_some((n2.value, k2 + u2.len))
}

/// Builds the candidate for numeral `n` at byte `s`, or `None` when the
/// numeral cannot be a fact.
fn candidate(t: &str, s: usize, n: Numeral) -> Option<Candidate> {
    let e = s + n.len;
    if !can_be_figure(t, s, e, &n) {
        return None;
    }
    let Lead { mut start, mut approx, mut negative, prefix } = lead(t, s, &n);
    if let Some(c) = fraction(t, s, e, &n, start, approx) {
        return Some(c);
    }
    if char_at(t, e) == Some('/') {
        return None;
    }
    let (lo, mut hi, j) = number(t, e, &n)?;
    let rest = t.get(j..).unwrap_or("");
    let Some(u) = unit_at_spaced(rest) else {
        let mut c = bare(t, s, e, start, n, approx, negative, prefix.is_some())?;
        c.prefix_currency = prefix.map(|p| p.1);
        return Some(c);
    };
    let mut unit_end = j + u.len;
    // Latin units must end a word: 5MW, not 5MWp.
    if rest.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && char_at(t, unit_end).is_some_and(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    // A grade, not an amount: 五千吨级, 百万吨级.
    if char_at(t, unit_end) == Some('级') {
        return None;
    }
    if hi.is_none()
        && let Some((h, ue)) = second_with_unit(t, unit_end, u.kind, lo)
    {
        hi = Some(h);
        unit_end = ue;
    }
    let mut end = unit_end;
    if let Some((qe, a)) = post_qualifier(t, skip_inclusive(t, end)) {
        end = qe;
        approx = a;
    }
    // A sign belongs to a single percentage only (-3.2%); before a range
    // or another unit it is a dash.
    if negative && (hi.is_some() || !matches!(u.kind, UnitKind::Percent(_) | UnitKind::Tenths)) {
        negative = false;
        start = s;
    }
    Some(Candidate {
        start,
        end,
        num_start: s,
        unit_end,
        lo,
        hi,
        approx,
        unit: Some(u.kind),
        numeral: n,
        negative,
        shared_unit: false,
        percent_words: false,
        prefix_currency: prefix.map(|p| p.1),
    })
}

/// A number without a unit: kept when it may take one from an enumeration
/// (`2.9、4.7、2.8个百分点`) or be bare 万/亿 money (`突破500亿,`).
#[allow(clippy::too_many_arguments)]
fn bare(
    t: &str,
    s: usize,
    e: usize,
    start: usize,
    n: Numeral,
    approx: Approx,
    negative: bool,
    currency_before: bool,
) -> Option<Candidate> {
    let next = char_at(t, skip_ws(t, e));
    let enumerated = next == Some('、');
    let ends_phrase = match next {
        None => true,
        Some(c) => {
            !is_han(c) && !c.is_ascii_alphanumeric()
                || t.get(e..).is_some_and(|r| r.starts_with("大关") || r.starts_with('的'))
        }
    };
    if !(enumerated || (n.scaled && ends_phrase) || (currency_before && ends_phrase)) {
        return None;
    }
    let mut end = e;
    let mut approx = approx;
    if let Some((qe, a)) = post_qualifier(t, e) {
        end = qe;
        approx = a;
    }
    Some(Candidate {
        start,
        end,
        num_start: s,
        unit_end: e,
        lo: n.value,
        hi: None,
        approx,
        unit: None,
        numeral: n,
        negative,
        shared_unit: false,
        percent_words: false,
        prefix_currency: None,
    })
}

/// `四分之一` or a cued `1/4` at numeral `n` (`[s, e)`): a percentage.
fn fraction(t: &str, s: usize, e: usize, n: &Numeral, start: usize, approx: Approx) -> Option<Candidate> {
    let hundred = Decimal::ONE_HUNDRED;
    let (num, den, end) = if t.get(e..).is_some_and(|r| r.starts_with("分之")) {
        let k = e + "分之".len();
        let (_, m) = numeral_at(t, k);
        let m = m?;
        (m.value, n.value, k + m.len)
    } else if char_at(t, e) == Some('/') {
        let (_, m) = numeral_at(t, e + 1);
        let m = m?;
        let cued = t.get(..start).is_some_and(|b| QUALIFIERS.fraction_cues.suffix_of(b).is_some())
            || t.get(..start).is_some_and(|b| {
                b.chars().rev().take(6).take_while(|x| !matches!(x, ',' | '。' | ';')).any(|x| x == '占')
            });
        let after = char_at(t, e + 1 + m.len);
        if !cued
            || n.form != Form::Arabic
            || m.form != Form::Arabic
            || n.fractional
            || m.fractional
            || after.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '-')
        {
            return None;
        }
        (n.value, m.value, e + 1 + m.len)
    } else {
        return None;
    };
    if den.is_zero() || num > den || num.is_zero() {
        return None;
    }
    let value = num.checked_mul(hundred)?.checked_div(den)?;
    Some(Candidate {
        start,
        end,
        num_start: s,
        unit_end: end,
        lo: value.normalize(),
        hi: None,
        approx,
        unit: Some(UnitKind::Percent(crate::model::PercentUnit::Percent)),
        numeral: *n,
        negative: false,
        shared_unit: false,
        percent_words: true,
        prefix_currency: None,
    })
}

/// Gives bare numbers of an enumeration the unit of its last member:
/// `1500亿、2000亿、2600亿元`, `2.9、4.7、2.8个百分点`.
fn share_units(t: &str, cands: &mut [Candidate]) {
    for k in (1..cands.len()).rev() {
        let Some((head, tail)) = cands.split_at_mut_checked(k) else { continue };
        let Some(last) = tail.first() else { continue };
        let Some(unit) = last.unit else { continue };
        if last.hi.is_some() || last.percent_words {
            continue;
        }
        let scaled = last.numeral.scaled;
        let mut next_start = last.start;
        for prev in head.iter_mut().rev() {
            if prev.unit.is_some() || prev.numeral.scaled != scaled {
                break;
            }
            let between = t.get(prev.end..next_start).unwrap_or("");
            if between.trim() != "、" {
                break;
            }
            prev.unit = Some(unit);
            prev.shared_unit = true;
            next_start = prev.start;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_str(s: &str) -> Vec<(String, String, Option<String>, Approx)> {
        let q = ShortQuotes::new(s);
        scan(s, &q, &crate::triggers::Triggers::new(s).numerals)
            .into_iter()
            .map(|c| {
                let v = match c.hi {
                    Some(h) => format!("{}/{}", c.lo.normalize(), h.normalize()),
                    None => c.lo.normalize().to_string(),
                };
                (s[c.start..c.end].to_string(), v, c.unit.map(|u| format!("{u:?}")), c.approx)
            })
            .collect()
    }

    #[test]
    fn enumerations_share_units() {
        let r = scan_str("分别高于全省、全市1.8、0.6个百分点");
        assert_eq!(r.len(), 2);
        assert!(r.iter().all(|x| x.2.as_deref() == Some("Percent(Point)")));
        let r = scan_str("营收先后突破80亿、120亿元");
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].0.as_str(), r[0].1.as_str()), ("突破80亿", "8000000000"));
        assert!(r.iter().all(|x| x.2.as_deref() == Some("Money(Cny)")));
    }
}
