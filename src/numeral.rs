//! The numeral engine: Arabic, Chinese and mixed numerals to exact decimals.
//!
//! It reads what reports write:
//!
//! - Arabic digits, half- or full-width, with thousands separators and a
//!   decimal point: `378`, `1,356.54`, `３７８`, `0.0225`;
//! - Chinese numerals: `三千五百`, `两百`, `一千零五`, `二十一`, `廿一`, the
//!   financial forms `壹仟玖佰`, digit sequences `二〇二一`, decimals `三点五`;
//! - scales and mixed forms: `3.5万`, `1.2万亿`, `3万4000`, `1亿2000万`,
//!   `三千五百万`, `5百万`, `千万`, `百亿`;
//! - the approximations inside a numeral: `1000多万`, `60余`, `十 余 万`.
//!
//! Values are [`Decimal`]s, exact to 28 digits; anything larger is an
//! [`NumeralError::Overflow`], never a wrong number and never a panic.
//!
//! ```
//! use zonefacts::numeral;
//!
//! assert_eq!(numeral::parse("1,356.54").unwrap().to_string(), "1356.54");
//! assert_eq!(numeral::parse("三千五百万").unwrap().to_string(), "35000000");
//! assert_eq!(numeral::parse("1.2万亿").unwrap().to_string(), "1200000000000");
//! assert_eq!(numeral::parse("3万4000").unwrap().to_string(), "34000");
//! assert!(numeral::parse("五角大楼").is_err());
//!
//! let n = numeral::parse_numeral("1000多万").unwrap();
//! assert_eq!(n.value.to_string(), "10000000");
//! assert_eq!(n.approx, zonefacts::Approx::MoreThan);
//! ```

use rust_decimal::Decimal;

use crate::model::Approx;

/// Why a string is not a numeral.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NumeralError {
    /// The string holds no numeral at all.
    #[error("no numeral in {0:?}")]
    Empty(String),
    /// The value does not fit 28 significant digits.
    #[error("numeral {0:?} is too large")]
    Overflow(String),
    /// The numeral is malformed or followed by something else at byte `at`.
    #[error("not a numeral: {text:?} (at byte {at})")]
    Malformed {
        /// The input.
        text: String,
        /// Byte offset where reading stopped.
        at: usize,
    },
}

/// How a numeral is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    /// Only Arabic digits: `378`, `1,356.54`.
    Arabic,
    /// Only Chinese numerals: `三千五百`, `两`.
    Chinese,
    /// Arabic digits with Chinese scale words: `3.5万`, `3万4000`.
    Mixed,
    /// Chinese digits read one by one, as in years: `二〇二一`.
    DigitSequence,
}

/// A numeral read from the start of a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Numeral {
    /// The exact value.
    pub value: Decimal,
    /// [`Approx::MoreThan`] when the numeral holds `余` or `多`, else [`Approx::Exact`].
    pub approx: Approx,
    /// Bytes of the input the numeral covers.
    pub len: usize,
    /// How it is written.
    pub form: Form,
    /// Whether it has a scale word 万 or 亿.
    pub scaled: bool,
    /// Whether it has a digit (Arabic or Chinese, other than zero); `百亿`,
    /// `千万`, `万` and `十` have none.
    pub has_digit: bool,
    /// Whether it has a decimal point.
    pub fractional: bool,
}

/// Parses a whole string as one numeral (surrounding white space allowed).
///
/// ```
/// assert_eq!(zonefacts::numeral::parse("２０２２．６亿").unwrap().to_string(), "202260000000");
/// assert!(zonefacts::numeral::parse("9999999999999999999999999999999亿").is_err());
/// ```
pub fn parse(s: &str) -> Result<Decimal, NumeralError> {
    parse_numeral(s).map(|n| n.value)
}

/// Parses a whole string as one numeral and tells how it is written.
pub fn parse_numeral(s: &str) -> Result<Numeral, NumeralError> {
    let trimmed = s.trim();
    let lead = s.len() - s.trim_start().len();
    match scan(trimmed) {
        (_, Ok(n)) if n.len == trimmed.len() => Ok(n),
        (_, Ok(n)) => Err(NumeralError::Malformed { text: s.to_string(), at: lead + n.len }),
        (_, Err(Fail::Empty)) => Err(NumeralError::Empty(s.to_string())),
        (_, Err(Fail::Overflow)) => Err(NumeralError::Overflow(s.to_string())),
    }
}

/// The longest numeral at the start of `s`, if there is one.
///
/// ```
/// let n = zonefacts::numeral::prefix("60余个项目").unwrap();
/// assert_eq!((n.value.to_string(), n.len), ("60".to_string(), "60余".len()));
/// assert!(zonefacts::numeral::prefix("项目").is_none());
/// ```
pub fn prefix(s: &str) -> Option<Numeral> {
    scan(s).1.ok()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fail {
    Empty,
    Overflow,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok {
    /// Arabic digits: value, whether it had a decimal point.
    Arabic(Decimal, bool),
    /// A Chinese digit 0–9.
    Digit(u8),
    /// 十 百 千 (10, 100, 1000).
    Unit(u32),
    /// 廿 (twenty) and 卅 (thirty): a digit and 十 in one character.
    Tens(u8),
    /// 万 (4) or 亿 (8).
    Big(u8),
    /// 点, the Chinese decimal point.
    Point,
    /// 余 or 多.
    More,
}

/// The value of a Chinese numeral character, as a token.
fn cn_token(c: char) -> Option<Tok> {
    Some(match c {
        '零' | '〇' => Tok::Digit(0),
        '一' | '壹' | '幺' => Tok::Digit(1),
        '二' | '两' | '贰' | '貳' | '兩' | '俩' | '倆' => Tok::Digit(2),
        '三' | '叁' | '參' => Tok::Digit(3),
        '四' | '肆' => Tok::Digit(4),
        '五' | '伍' => Tok::Digit(5),
        '六' | '陆' | '陸' => Tok::Digit(6),
        '七' | '柒' => Tok::Digit(7),
        '八' | '捌' => Tok::Digit(8),
        '九' | '玖' => Tok::Digit(9),
        '十' | '拾' => Tok::Unit(10),
        '百' | '佰' => Tok::Unit(100),
        '千' | '仟' => Tok::Unit(1000),
        '万' | '萬' => Tok::Big(4),
        '亿' | '億' => Tok::Big(8),
        _ => return None,
    })
}

/// The Chinese characters that can start a numeral.
pub(crate) static NUMERAL_CHARS: std::sync::LazyLock<crate::text::CharSet> = std::sync::LazyLock::new(|| {
    crate::text::CharSet::new(
        "零〇一壹幺二两贰貳兩俩倆三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億廿卅０１２３４５６７８９".chars(),
    )
});

/// Whether `c` can start a numeral.
pub(crate) fn starts_numeral(c: char) -> bool {
    ascii_digit(c).is_some() || matches!(c, '廿' | '卅') || cn_token(c).is_some()
}

fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_sep(c: char) -> bool {
    matches!(c, ',' | '，')
}

fn is_point(c: char) -> bool {
    matches!(c, '.' | '．')
}

/// Reads an Arabic number at the start of `s`: its value (or overflow), whether
/// it has a decimal point, and the bytes it covers. `s` starts with a digit.
fn arabic(s: &str) -> (Result<(Decimal, bool), Fail>, usize) {
    let mut mantissa: i128 = 0;
    let mut overflow = false;
    let mut scale: u32 = 0;
    let mut in_frac = false;
    let mut pos = 0;
    let mut chars = s.char_indices().peekable();
    // Digits seen in the current group since the last separator, to check
    // that separators split groups of exactly three.
    let mut group = 0usize;
    let mut seen_sep = false;
    let mut push = |d: u32, in_frac: bool, scale: &mut u32, overflow: &mut bool| {
        if *overflow {
            return;
        }
        match mantissa.checked_mul(10).and_then(|m| m.checked_add(i128::from(d))) {
            Some(m) => mantissa = m,
            None => *overflow = true,
        }
        if in_frac {
            *scale += 1;
        }
    };
    while let Some(&(i, c)) = chars.peek() {
        if let Some(d) = ascii_digit(c) {
            push(d, in_frac, &mut scale, &mut overflow);
            group += 1;
            chars.next();
            pos = i + c.len_utf8();
            continue;
        }
        if is_sep(c) && !in_frac && group >= 1 && (seen_sep && group == 3 || !seen_sep && group <= 3) {
            // A thousands separator needs exactly three digits after it, then no digit.
            let after = s.get(i + c.len_utf8()..).unwrap_or("");
            let mut it = after.chars();
            let three = (0..3).all(|_| it.next().and_then(ascii_digit).is_some());
            let fourth_is_digit = it.next().and_then(ascii_digit).is_some();
            if three && !fourth_is_digit {
                seen_sep = true;
                group = 0;
                chars.next();
                continue;
            }
            break;
        }
        if is_point(c) && !in_frac {
            let next_is_digit =
                s.get(i + c.len_utf8()..).and_then(|r| r.chars().next()).and_then(ascii_digit).is_some();
            if next_is_digit && (!seen_sep || group == 3) {
                in_frac = true;
                chars.next();
                continue;
            }
        }
        break;
    }
    if overflow || scale > 28 {
        return (Err(Fail::Overflow), pos);
    }
    match Decimal::try_from_i128_with_scale(mantissa, scale) {
        Ok(d) => (Ok((d, in_frac)), pos),
        Err(_) => (Err(Fail::Overflow), pos),
    }
}

/// Splits the start of `s` into numeral tokens with their end offsets. Stops at
/// the first character that is not part of a numeral. Returns the tokens and
/// whether an Arabic run overflowed (the run is still covered, so a caller can
/// skip it whole). Also returns how far the scan looked.
fn tokenize(s: &str, toks: &mut Toks) -> (bool, usize) {
    let mut i = 0;
    let mut overflow = false;
    loop {
        let rest = s.get(i..).unwrap_or("");
        let Some(c) = rest.chars().next() else { break };
        if ascii_digit(c).is_some() {
            // After a number an Arabic run starts a new numeral, except after
            // a zero place holder (1千零20).
            let after_zero = matches!(toks.last(), Some((Tok::Digit(0), _)))
                && matches!(toks.len().checked_sub(2).and_then(|k| toks.get(k)), Some((Tok::Unit(_) | Tok::Big(_), _)));
            if !after_zero && matches!(toks.last(), Some((Tok::Arabic(..) | Tok::Digit(_) | Tok::Point | Tok::More, _)))
            {
                break;
            }
            let (r, len) = arabic(rest);
            i += len;
            match r {
                Ok((d, frac)) => {
                    if !toks.push((Tok::Arabic(d, frac), i)) {
                        return (true, skip_run(s, i));
                    }
                }
                Err(_) => {
                    overflow = true;
                    break;
                }
            }
            continue;
        }
        let tok = match c {
            '廿' => Some(Tok::Tens(2)),
            '卅' => Some(Tok::Tens(3)),
            '点' | '點' => Some(Tok::Point),
            '余' | '多' => Some(Tok::More),
            '个' | '個' => {
                // 两个亿: a classifier between a number and its scale word.
                let next = rest.get(c.len_utf8()..).and_then(|r| r.chars().next());
                if matches!(toks.last(), Some((Tok::Digit(_) | Tok::Arabic(..), _)))
                    && matches!(next.and_then(cn_token), Some(Tok::Big(_)))
                {
                    i += c.len_utf8();
                    continue;
                }
                None
            }
            c if c.is_whitespace() => {
                // White space inside a numeral: between Chinese parts (十 余 万),
                // before a scale word (1 万, 143.3 and a line break, 亿), or
                // between digit groups (7万 5千 4百).
                let trimmed = rest.trim_start();
                let next = trimmed.chars().next();
                let prev_cn = matches!(
                    toks.last(),
                    Some((Tok::Digit(_) | Tok::Unit(_) | Tok::Big(_) | Tok::More | Tok::Point, _))
                );
                let prev_any = !toks.is_empty();
                let prev_scale = matches!(toks.last(), Some((Tok::Unit(_) | Tok::Big(_), _)));
                let spaces_only = rest.len() - trimmed.len() <= 2 && !rest.starts_with(['\n', '\r']);
                let ok = match next.and_then(cn_token) {
                    Some(Tok::Big(_) | Tok::Unit(_)) => prev_any,
                    Some(_) => prev_cn,
                    None => {
                        (prev_cn && matches!(next, Some('余' | '多')))
                            || (prev_any && matches!(next, Some('点' | '點')))
                            || (prev_scale && spaces_only && next.and_then(ascii_digit).is_some())
                    }
                };
                if ok && rest.len() - trimmed.len() <= 4 {
                    i += rest.len() - trimmed.len();
                    continue;
                }
                break;
            }
            // Decimals are read digit by digit with 二, never 两: 两百点两 is
            // two numbers.
            '两' | '俩' | '倆' | '兩' if matches!(toks.last(), Some((Tok::Point, _))) => None,
            _ => cn_token(c),
        };
        match tok {
            Some(t) => {
                // 点, 余 and 多 are numeral parts only after a number.
                if matches!(t, Tok::Point | Tok::More) && toks.is_empty() {
                    break;
                }
                if !toks.push((t, i + c.len_utf8())) {
                    // Longer than any real numeral: no numeral, and the run is skipped whole.
                    return (true, skip_run(s, i));
                }
                i += c.len_utf8();
            }
            None => break,
        }
    }
    (overflow, i)
}

/// At most this many tokens make one numeral; a longer run (a million 亿)
/// is read as its first numeral and the rest is skipped.
const MAX_TOKENS: usize = 64;

/// The tokens of one numeral, on the stack (left uninitialized until used:
/// most numerals are one or two tokens).
struct Toks {
    buf: arrayvec::ArrayVec<(Tok, usize), MAX_TOKENS>,
}

impl Toks {
    fn new() -> Toks {
        Toks { buf: arrayvec::ArrayVec::new() }
    }

    /// Adds a token; false when full.
    fn push(&mut self, t: (Tok, usize)) -> bool {
        self.buf.try_push(t).is_ok()
    }

    fn as_slice(&self) -> &[(Tok, usize)] {
        self.buf.as_slice()
    }

    fn last(&self) -> Option<&(Tok, usize)> {
        self.buf.last()
    }

    fn get(&self, i: usize) -> Option<&(Tok, usize)> {
        self.buf.get(i)
    }

    fn len(&self) -> usize {
        self.buf.len()
    }

    fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
}

/// The end of the run of numeral characters (digits, Chinese numerals,
/// separators, 点 余 多) that starts at or before byte `i` of `s`.
fn skip_run(s: &str, i: usize) -> usize {
    let rest = s.get(i..).unwrap_or("");
    let len = rest
        .char_indices()
        .find(|&(_, c)| !(starts_numeral(c) || matches!(c, '点' | '點' | '余' | '多' | ',' | '.' | '，' | '．')))
        .map_or(rest.len(), |(k, _)| k);
    i + len
}

/// The most common numerals, read without the tokenizer and the evaluator:
/// ASCII digits with at most one decimal point (`2023`, `475.12`), perhaps
/// with one scale word after them (`475.12亿`, `3万`), and then a character
/// that cannot continue the numeral. Nine numerals in ten of a report are
/// such, and the general path costs ten times more (tokens, `Decimal`
/// sums). `None` sends anything else to the general path, which gives the
/// same result for these (a test checks it): the value `d` or `d × 10ᵏ`,
/// normalized.
fn plain_arabic(s: &str) -> Option<Numeral> {
    let b = s.as_bytes();
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut scale = 0u32;
    let mut point = false;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                // Eighteen digits fit a u64; longer runs take the general path.
                digits += 1;
                if digits > 18 {
                    return None;
                }
                mantissa = mantissa * 10 + u64::from(c - b'0');
                scale += u32::from(point);
            }
            // A decimal point between digits, as `arabic` reads it.
            b'.' if digits > 0 && !point && b.get(i + 1).is_some_and(u8::is_ascii_digit) => point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    let rest = s.get(i..)?;
    let mut chars = rest.chars();
    let next = chars.next();
    let after = chars.next();
    // The scale word, if one follows (not after a zero: `0亿` is the
    // numeral 0 on the general path).
    let big = match next.and_then(cn_token) {
        Some(Tok::Big(k)) if mantissa != 0 => Some((k, next.map_or(0, char::len_utf8))),
        _ => None,
    };
    let ends = match (big, next) {
        // After a scale word: anything but a numeral's character or white
        // space (`3万4000`, `10万余`, `1 万 5千`) ends the numeral.
        (Some(_), _) => {
            after.is_none_or(|c| !(c.is_whitespace() || starts_numeral(c) || matches!(c, '点' | '點' | '余' | '多')))
        }
        (None, None) => true,
        (None, Some(c)) => match c {
            // White space joins a scale or unit word or 点 after it.
            c if c.is_whitespace() => {
                let k = rest.trim_start().chars().next();
                !k.is_some_and(|k| matches!(cn_token(k), Some(Tok::Big(_) | Tok::Unit(_))) || matches!(k, '点' | '點'))
            }
            // 两个亿: a classifier before a scale word.
            '个' | '個' => !after.is_some_and(|a| matches!(cn_token(a), Some(Tok::Big(_)))),
            // A thousands separator needs a digit after it.
            ',' | '，' => after.and_then(ascii_digit).is_none(),
            '.' => true,
            c => !(starts_numeral(c) || matches!(c, '点' | '點' | '余' | '多' | '．')),
        },
    };
    if !ends {
        return None;
    }
    let mut value = Decimal::from_i128_with_scale(i128::from(mantissa), scale);
    let mut len = i;
    if let Some((k, n)) = big {
        value = value.checked_mul(pow10(k))?;
        len += n;
    }
    Some(Numeral {
        value: value.normalize(),
        approx: Approx::Exact,
        len,
        form: if big.is_some() { Form::Mixed } else { Form::Arabic },
        scaled: big.is_some(),
        has_digit: true,
        fractional: point,
    })
}

/// Reads the longest numeral at the start of `s`. Returns how many bytes were
/// examined (at least the numeral's length; the whole digit run on overflow)
/// and the numeral or why there is none.
pub(crate) fn scan(s: &str) -> (usize, Result<Numeral, Fail>) {
    // Callers also ask where no numeral starts (after a figure, for what
    // follows it): the tokenizer would find no token there.
    if !s.chars().next().is_some_and(starts_numeral) {
        return (0, Err(Fail::Empty));
    }
    match plain_arabic(s) {
        Some(n) => (n.len, Ok(n)),
        None => scan_general(s),
    }
}

/// [`scan`] by the tokenizer and the evaluator.
fn scan_general(s: &str) -> (usize, Result<Numeral, Fail>) {
    let mut toks = Toks::new();
    let (overflow, examined) = tokenize(s, &mut toks);
    if overflow {
        return (examined.max(1), Err(Fail::Overflow));
    }
    match evaluate(toks.as_slice()) {
        Ok(n) => (examined.max(n.len), Ok(n)),
        Err(f) => (examined, Err(f)),
    }
}

/// The running state of the evaluator.
#[derive(Default)]
struct Acc {
    /// Completed 亿 groups, scaled.
    yi: Decimal,
    /// The completed 万 group inside the current 亿 group, scaled.
    wan: Decimal,
    /// The part below 万.
    section: Decimal,
    /// A number waiting for its unit.
    cur: Option<Decimal>,
    /// When `cur` is a single Chinese digit right after a unit or scale word,
    /// that word: the digit may take an elided unit (三千五 is 3500).
    elide_from: Option<Tok>,
    /// The last 十/百/千 of the current section.
    last_unit: Option<u32>,
    yi_done: bool,
    wan_done: bool,
    zero_seen: bool,
    more: bool,
    arabic: bool,
    chinese: bool,
    scaled: bool,
    has_digit: bool,
    fractional: bool,
    /// Digits read one by one: 二〇二一.
    seq: Option<Decimal>,
    /// A decimal part after a unit or an elided unit (十点二, 两千三点一):
    /// added as is, and only a scale word may follow it.
    tail: Option<Decimal>,
    /// Whether the decimal part came after a scale word (两千万点五).
    tail_after_big: bool,
}

fn pow10(k: u8) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(u32::from(k)), 0)
}

impl Acc {
    /// The value if the numeral ended here.
    /// The unit a digit after `elide_from` stands for: 三千五 is 3500, 一万二
    /// is 12000 (the unit after the last digit is one below the one before).
    fn elided(&self) -> Option<Decimal> {
        if self.zero_seen {
            return None;
        }
        match self.elide_from {
            Some(Tok::Unit(u)) if u >= 100 => Some(Decimal::from(u / 10)),
            Some(Tok::Big(4)) => Some(Decimal::from(1000)),
            Some(Tok::Big(8)) => Some(Decimal::from(10_000_000)),
            _ => None,
        }
    }

    fn total(&self) -> Option<Decimal> {
        if let Some(seq) = self.seq {
            return Some(seq);
        }
        let mut cur = self.cur.unwrap_or(Decimal::ZERO);
        if let Some(e) = self.elided() {
            cur = cur.checked_mul(e)?;
        }
        let whole = self.yi.checked_add(self.wan)?.checked_add(self.section)?.checked_add(cur)?;
        whole.checked_add(self.tail.unwrap_or(Decimal::ZERO))
    }

    /// Applies one token; `Err` when it cannot follow what came before.
    fn step(&mut self, tok: Tok, prev: Option<Tok>) -> Result<(), Fail> {
        let bad = Err(Fail::Empty);
        if self.more && !matches!(tok, Tok::Big(_) | Tok::Unit(_)) {
            return bad;
        }
        match tok {
            Tok::Arabic(d, frac) => {
                if self.cur.is_some() || self.seq.is_some() {
                    return bad;
                }
                self.cur = Some(d);
                self.elide_from = None;
                self.arabic = true;
                self.has_digit = true;
                self.fractional |= frac;
            }
            Tok::Digit(n) => {
                self.chinese = true;
                if let Some(seq) = self.seq {
                    self.seq = Some(seq.checked_mul(Decimal::TEN).ok_or(Fail::Overflow)? + Decimal::from(n));
                    self.has_digit |= n != 0;
                    return Ok(());
                }
                if let Some(Tok::Digit(p)) = prev
                    && !(p == 0 && self.zero_seen)
                {
                    // A second digit in a row: a digit sequence, allowed only
                    // when nothing else came before.
                    if self.arabic
                        || self.scaled
                        || self.last_unit.is_some()
                        || self.section != Decimal::ZERO
                        || self.fractional
                    {
                        return bad;
                    }
                    self.seq = Some(Decimal::from(p) * Decimal::TEN + Decimal::from(n));
                    self.cur = None;
                    self.has_digit |= n != 0 || p != 0;
                    return Ok(());
                }
                if n == 0 {
                    // 零 as a place holder: 一千零五; a leading 零 adds nothing (零十).
                    if prev.is_some() {
                        self.zero_seen = true;
                    }
                    return Ok(());
                }
                if self.cur.is_some() {
                    return bad;
                }
                self.cur = Some(Decimal::from(n));
                self.elide_from = prev;
                self.has_digit = true;
            }
            // 点 is read by `evaluate`, with the digits after it.
            Tok::Point => return bad,
            Tok::Tens(n) => {
                if self.cur.is_some() || self.seq.is_some() || self.last_unit.is_some_and(|lu| lu <= 10) {
                    return bad;
                }
                self.section = self.section.checked_add(Decimal::from(u32::from(n) * 10)).ok_or(Fail::Overflow)?;
                self.last_unit = Some(10);
                self.elide_from = None;
                self.chinese = true;
                self.has_digit = true;
            }
            Tok::Unit(u) => {
                if self.seq.is_some() {
                    return bad;
                }
                if let Some(lu) = self.last_unit
                    && u >= lu
                {
                    return bad;
                }
                let v = self.cur.take().unwrap_or(Decimal::ONE);
                let add = v.checked_mul(Decimal::from(u)).ok_or(Fail::Overflow)?;
                self.section = self.section.checked_add(add).ok_or(Fail::Overflow)?;
                self.last_unit = Some(u);
                self.elide_from = None;
                self.zero_seen = false;
                self.chinese = true;
            }
            Tok::Big(k) => {
                if self.seq.is_some() {
                    return bad;
                }
                let group = self.section + self.cur.take().unwrap_or(Decimal::ZERO);
                let empty = group == Decimal::ZERO && self.cur.is_none();
                match k {
                    // 四万万: 万万 is 亿.
                    4 if prev == Some(Tok::Big(4)) && group == Decimal::ZERO && !self.yi_done => {
                        self.yi = self.wan.checked_mul(pow10(4)).ok_or(Fail::Overflow)?;
                        self.wan = Decimal::ZERO;
                        self.wan_done = false;
                        self.yi_done = true;
                    }
                    4 => {
                        if self.wan_done {
                            return bad;
                        }
                        let g = if empty && prev.is_none() { Decimal::ONE } else { group };
                        if g == Decimal::ZERO {
                            return bad;
                        }
                        self.wan = g.checked_mul(pow10(4)).ok_or(Fail::Overflow)?;
                        self.wan_done = true;
                    }
                    _ => {
                        if self.yi_done {
                            return bad;
                        }
                        let mut g = self.wan.checked_add(group).ok_or(Fail::Overflow)?;
                        if g == Decimal::ZERO {
                            if prev.is_none() {
                                g = Decimal::ONE;
                            } else {
                                return bad;
                            }
                        }
                        self.yi = g.checked_mul(pow10(8)).ok_or(Fail::Overflow)?;
                        self.wan = Decimal::ZERO;
                        self.wan_done = false;
                        self.yi_done = true;
                    }
                }
                self.section = Decimal::ZERO;
                self.last_unit = None;
                self.elide_from = None;
                self.zero_seen = false;
                self.scaled = true;
            }
            Tok::More => {
                if self.more || prev.is_none() || matches!(prev, Some(Tok::Point)) {
                    return bad;
                }
                self.more = true;
                self.elide_from = None;
            }
        }
        Ok(())
    }
}

/// Evaluates the longest valid prefix of `toks`.
fn evaluate(toks: &[(Tok, usize)]) -> Result<Numeral, Fail> {
    let mut acc = Acc::default();
    let mut best: Option<Numeral> = None;
    let mut overflow = false;
    let mut prev: Option<Tok> = None;
    let mut i = 0;
    while let Some(&(tok, end)) = toks.get(i) {
        let next = toks.get(i + 1).map(|t| t.0);
        let mut end = end;
        if let Some(tail) = acc.tail {
            // 十点五亿: a scale word after the decimal part scales the whole
            // number (but not after 两千万点五: one scale word per group).
            if matches!(tok, Tok::Big(_)) && !acc.tail_after_big {
                acc.section = acc.section.checked_add(tail).ok_or(Fail::Overflow)?;
                acc.tail = None;
            } else {
                break;
            }
        }
        if tok == Tok::Point {
            // The fraction digits after 点: part of the number before a scale
            // (三点五亿), or a decimal part after a unit (十点二, 两千三点一).
            let after_unit = matches!(prev, Some(Tok::Unit(_) | Tok::Big(_)));
            if !(matches!(prev, Some(Tok::Digit(_))) || after_unit)
                || !matches!(next, Some(Tok::Digit(_)))
                || acc.seq.is_some()
            {
                break;
            }
            let mut frac = Decimal::ZERO;
            let mut scale = Decimal::ONE;
            let mut j = i + 1;
            while let Some(&(Tok::Digit(d), e)) = toks.get(j) {
                scale /= Decimal::TEN;
                frac += Decimal::from(d) * scale;
                end = e;
                j += 1;
                if j - i > 20 {
                    break;
                }
            }
            if after_unit {
                acc.tail = Some(frac);
                acc.tail_after_big = matches!(prev, Some(Tok::Big(_)));
            } else if let Some(e) = acc.elided() {
                acc.cur = acc.cur.and_then(|c| c.checked_mul(e));
                acc.elide_from = None;
                acc.tail = Some(frac);
            } else {
                let base = acc.cur.unwrap_or(Decimal::ZERO);
                acc.cur = Some(base + frac);
                acc.elide_from = None;
            }
            acc.fractional = true;
            i = j;
            prev = Some(Tok::Digit(0));
        } else {
            match acc.step(tok, prev) {
                Ok(()) => {}
                Err(Fail::Overflow) => {
                    overflow = true;
                    break;
                }
                Err(Fail::Empty) => break,
            }
            prev = Some(tok);
            i += 1;
        }
        match acc.total() {
            Some(value) => {
                best = Some(Numeral {
                    value: value.normalize(),
                    approx: if acc.more { Approx::MoreThan } else { Approx::Exact },
                    len: end,
                    form: match (acc.arabic, acc.chinese || acc.scaled) {
                        _ if acc.seq.is_some() => Form::DigitSequence,
                        (true, false) => Form::Arabic,
                        (true, true) => Form::Mixed,
                        _ => Form::Chinese,
                    },
                    scaled: acc.scaled,
                    has_digit: acc.has_digit,
                    fractional: acc.fractional,
                });
            }
            None => {
                overflow = true;
                break;
            }
        }
    }
    match best {
        // A numeral that is only 点/余 is impossible (the tokenizer forbids
        // it), but a lone 零 is zero.
        Some(n) => Ok(n),
        None if overflow => Err(Fail::Overflow),
        None => Err(Fail::Empty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> String {
        match parse(s) {
            Ok(d) => d.to_string(),
            Err(e) => format!("ERR {e}"),
        }
    }

    #[test]
    fn arabic() {
        assert_eq!(v("378"), "378");
        assert_eq!(v("1,356.54"), "1356.54");
        assert_eq!(v("233,333,333,434.34"), "233333333434.34");
        assert_eq!(v("３７８"), "378");
        assert_eq!(v("0.0225"), "0.0225");
        assert_eq!(v("149547.80"), "149547.8");
        assert_eq!(v("82，225.00"), "82225");
    }

    #[test]
    fn separators_need_groups_of_three() {
        assert!(parse("1,35").is_err());
        assert!(parse("1,3567").is_err());
        assert_eq!(prefix("12,345,6").unwrap().value.to_string(), "12345");
    }

    #[test]
    fn chinese() {
        assert_eq!(v("三千五百"), "3500");
        assert_eq!(v("两百"), "200");
        assert_eq!(v("一千零五"), "1005");
        assert_eq!(v("二十一"), "21");
        assert_eq!(v("十"), "10");
        assert_eq!(v("十五"), "15");
        assert_eq!(v("廿一"), "21");
        assert_eq!(v("壹仟玖佰"), "1900");
        assert_eq!(v("一万二千三百四十五"), "12345");
        assert_eq!(v("三千五"), "3500");
        assert_eq!(v("一万二"), "12000");
        assert_eq!(v("三点五"), "3.5");
        assert_eq!(v("三点五亿"), "350000000");
        assert_eq!(v("十点二三三"), "10.233");
        assert_eq!(v("十点五"), "10.5");
        assert_eq!(v("十点五亿"), "1050000000");
        assert_eq!(v("一万一千三百二十八亿一千三百一十一万一千一百一十一"), "1132813111111");
        assert_eq!(prefix("一卅").map(|n| (n.value.to_string(), n.len)), Some(("1".to_string(), 3)));
        assert_eq!(v("两千三点一"), "2300.1");
        assert_eq!(v("两千万点五五四四"), "20000000.5544");
        assert_eq!(v("四百亿点零五零"), "40000000000.05");
        assert_eq!(v("四万万"), "400000000");
        assert_eq!(v("10万万"), "1000000000");
        assert_eq!(v("1千零20"), "1020");
        assert_eq!(v("2千零30万"), "20300000");
        assert_eq!(v("零十"), "10");
        assert_eq!(v("倆千两百贰拾二"), "2222");
        assert_eq!(v("7 万5 千4 百"), "75400");
        assert_eq!(v("7万 5千 4百"), "75400");
        assert_eq!(v("四百 点 五"), "400.5");
        assert_eq!(prefix("两个亿卢布").map(|n| n.value.to_string()).as_deref(), Some("200000000"));
        assert_eq!(v("十二点五"), "12.5");
        assert_eq!(v("零"), "0");
    }

    #[test]
    fn digit_sequences() {
        let n = parse_numeral("二〇二一").unwrap();
        assert_eq!(n.value.to_string(), "2021");
        assert_eq!(n.form, Form::DigitSequence);
    }

    #[test]
    fn scales() {
        assert_eq!(v("3.5万"), "35000");
        assert_eq!(v("1.2万亿"), "1200000000000");
        assert_eq!(v("3万4000"), "34000");
        assert_eq!(v("1亿2000万"), "120000000");
        assert_eq!(v("三千五百万"), "35000000");
        assert_eq!(v("5百万"), "5000000");
        assert_eq!(v("千万"), "10000000");
        assert_eq!(v("百亿"), "10000000000");
        assert_eq!(v("万亿"), "1000000000000");
        assert_eq!(v("万"), "10000");
        assert_eq!(v("亿"), "100000000");
        assert_eq!(v("2022.6亿"), "202260000000");
        assert_eq!(v("0.0225万"), "225");
        assert_eq!(v("3千亿"), "300000000000");
    }

    #[test]
    fn approximations() {
        let n = parse_numeral("1000多万").unwrap();
        assert_eq!((n.value.to_string(), n.approx), ("10000000".into(), Approx::MoreThan));
        let n = parse_numeral("十 余 万").unwrap();
        assert_eq!((n.value.to_string(), n.approx), ("100000".into(), Approx::MoreThan));
        assert_eq!(parse_numeral("60余").unwrap().approx, Approx::MoreThan);
        assert_eq!(parse_numeral("两千多").unwrap().value.to_string(), "2000");
    }

    #[test]
    fn malformed_and_overflow() {
        assert!(matches!(parse("五角大楼"), Err(NumeralError::Malformed { .. })));
        assert!(matches!(parse(""), Err(NumeralError::Empty(_))));
        assert!(matches!(parse("大楼"), Err(NumeralError::Empty(_))));
        assert!(matches!(parse("9999999999999999999999999999999亿"), Err(NumeralError::Overflow(_))));
        assert!(parse("99999999999999999999999999亿亿").is_err());
        assert!(parse("百千").is_err());
        assert_eq!(v("万万"), "100000000");
        assert!(parse("3万4万").is_err());
        assert!(parse("余").is_err());
        let long = "9".repeat(100_000);
        assert!(matches!(parse(&long), Err(NumeralError::Overflow(_))));
    }

    #[test]
    fn prefixes() {
        let n = prefix("378亿元").unwrap();
        assert_eq!((n.value.to_string(), n.len), ("37800000000".into(), "378亿".len()));
        let n = prefix("十四五").unwrap();
        assert_eq!(n.value.to_string(), "14");
        let n = prefix("两百点两").unwrap();
        assert_eq!(n.value.to_string(), "200");
        assert_eq!(prefix("3五").unwrap().value.to_string(), "3");
    }

    #[test]
    fn scan_skips_whole_overflowing_runs() {
        let s = format!("{}亿元", "9".repeat(50));
        let (examined, r) = scan(&s);
        assert!(r.is_err());
        assert_eq!(examined, 50);
    }

    /// The fast path for plain Arabic numerals gives what the general path
    /// gives, byte for byte.
    #[test]
    fn plain_arabic_agrees_with_the_general_path() {
        let heads = ["0", "7", "2023", "475.12", "0.0225", "149547.80", "007", "1.", "1.5.3", "123456789012345678"];
        let tails = [
            "", "亿元", "万", "萬", "億", "%", "个", "个亿", "余家", "多", " 万", "\n亿", " 点", " 家", ",5", ",a",
            "，3", "，", ".x", "．5", "年", "a", "点五", "一", "万4000", "万五千", "万余", "亿 元", "万万", "万亿",
            "万点五", "亿,", "千瓦",
        ];
        for h in heads {
            for tail in tails {
                let s = format!("{h}{tail}");
                let (e, n) = scan_general(&s);
                if let Some(fast) = plain_arabic(&s) {
                    assert_eq!((fast.len, Ok(fast)), (e, n), "{s}");
                    assert_eq!(fast.value.to_string(), n.map(|n| n.value.to_string()).unwrap_or_default(), "{s}");
                }
            }
        }
        assert!(plain_arabic("1234567890123456789").is_none());
        assert!(plain_arabic(".5").is_none());
    }

    proptest::proptest! {
        #[test]
        fn scan_agrees_with_the_general_path(s in "[0-9.,，．万亿萬億百千十个個余多点點一两廿 a%\n]{0,12}") {
            proptest::prop_assert_eq!(format!("{:?}", scan(&s)), format!("{:?}", scan_general(&s)));
        }

        #[test]
        fn plain_arabic_agrees_on_any_input(s in "[0-9.,，．万亿萬億百千十个個余多点點一两 a%\n]{0,12}") {
            if let Some(fast) = plain_arabic(&s) {
                let (e, n) = scan_general(&s);
                proptest::prop_assert_eq!(fast.value.to_string(), n.map(|n| n.value.to_string()).unwrap_or_default());
                proptest::prop_assert_eq!((fast.len, Ok(fast)), (e, n));
            }
        }
    }
}
