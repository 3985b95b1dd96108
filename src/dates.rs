//! Finding dates and periods in text, with their precision, `mod`
//! (年初/年中/年底) and relation (截至, 以来, 到).
//!
//! A hand-written reader tries, at each place a date can start, the shapes
//! reports use: `2021年11月5日`, `二〇二一年`, `2021-11-05`, `2021.11`,
//! `2021年初`, `2023年一季度`, `前三季度`, `上半年`, `1—10月`,
//! `2021—2023`, `2021年度`, `“十四五”期间`, `今年`, `去年5月`, `15日`.
//! Comparison bases (`较上年`, `比上年同期`) and vague words (`近年来`,
//! `目前`) are not dates. Impossible dates (`2021年13月`, `2月30日`) are not
//! dates either.

use std::sync::LazyLock;

use crate::date::{CalendarDate, DateMod, DateValue, PartialDate, Period, Relation};
use crate::lexicon::{self, Words};
use crate::text::{CharSet, char_at, char_before, is_han};

/// The word lists of dates, compiled once.
struct Lists {
    /// `dates/relative_years`: 今年, 去年, … with their offsets.
    relative_years: Vec<(&'static str, i32)>,
    relative_words: Words,
    /// `dates/comparison_bases`: a date after one of them is no date.
    comparison_bases: Words,
    /// `dates/relations`: 截至, 自, 到, … before a date.
    relations: Vec<(&'static str, Relation)>,
    /// The first characters of the relations: most dates start with none.
    relation_starts: Vec<char>,
    /// `dates/day_followers`: what makes `N号` a day.
    day_followers: Words,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let relations: Vec<(&'static str, Relation)> = lexicon::DATE_RELATIONS
        .rows()
        .into_iter()
        .filter_map(|r| {
            let rel = match *r.get(1)? {
                "as_of" => Relation::AsOf,
                "since" => Relation::Since,
                "until" => Relation::Until,
                _ => return None,
            };
            Some((*r.first()?, rel))
        })
        .collect();
    let mut relation_starts: Vec<char> = relations.iter().filter_map(|r| r.0.chars().next()).collect();
    relation_starts.sort_unstable();
    relation_starts.dedup();
    Lists {
        relative_years: lexicon::DATE_RELATIVE_YEARS
            .rows()
            .into_iter()
            .filter_map(|r| Some((*r.first()?, r.get(1)?.parse().ok()?)))
            .collect(),
        comparison_bases: lexicon::DATE_COMPARISON_BASES.bucketed(),
        relations,
        relation_starts,
        day_followers: lexicon::DATE_DAY_FOLLOWERS.bucketed(),
        relative_words: lexicon::DATE_RELATIVE_YEARS.bucketed(),
    }
});

/// A date found in the normalized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateMatch {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
    pub modifier: Option<DateMod>,
    pub relation: Option<Relation>,
}

struct Cur<'a> {
    t: &'a str,
    i: usize,
}

impl<'a> Cur<'a> {
    fn peek(&self) -> Option<char> {
        char_at(self.t, self.i)
    }

    fn rest(&self) -> &'a str {
        self.t.get(self.i..).unwrap_or("")
    }

    fn lit(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.i += s.len();
            true
        } else {
            false
        }
    }

    /// Skips spaces (not line breaks), at most two.
    fn sp(&mut self) {
        for _ in 0..2 {
            if self.peek() == Some(' ') {
                self.i += 1;
            }
        }
    }

    /// ASCII digits, between `min` and `max` of them, not followed by another digit.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let r = self.rest().as_bytes();
        let n = r.iter().take_while(|b| b.is_ascii_digit()).count();
        if n < min || n > max {
            return None;
        }
        let v = r.iter().take(n).fold(0u32, |v, b| v * 10 + u32::from(b - b'0'));
        self.i += n;
        Some(v)
    }

    /// A Chinese number 1–31: 一, 十, 十二, 二十一, 三十.
    fn cn_small(&mut self) -> Option<u32> {
        let digit = |c: char| -> Option<u32> {
            Some(match c {
                '一' => 1,
                '二' | '两' => 2,
                '三' => 3,
                '四' => 4,
                '五' => 5,
                '六' => 6,
                '七' => 7,
                '八' => 8,
                '九' => 9,
                _ => return None,
            })
        };
        let start = self.i;
        let mut v = 0;
        if let Some(d) = self.peek().and_then(digit) {
            self.i += 3;
            v = d;
            if self.peek() == Some('十') {
                self.i += 3;
                v *= 10;
                if let Some(d2) = self.peek().and_then(digit) {
                    self.i += 3;
                    v += d2;
                }
            }
        } else if self.peek() == Some('十') {
            self.i += 3;
            v = 10;
            if let Some(d2) = self.peek().and_then(digit) {
                self.i += 3;
                v += d2;
            }
        }
        if v == 0 {
            self.i = start;
            None
        } else {
            Some(v)
        }
    }

    /// A month or day number, Arabic or Chinese.
    fn small(&mut self) -> Option<u32> {
        self.digits(1, 2).or_else(|| self.cn_small())
    }
}

/// A four-digit year: Arabic or a Chinese digit sequence (二〇二一).
fn year4(c: &mut Cur<'_>) -> Option<i32> {
    if let Some(y) = c.digits(4, 4) {
        return i32::try_from(y).ok();
    }
    let start = c.i;
    let mut y = 0i32;
    for _ in 0..4 {
        let d = match c.peek() {
            Some('〇' | '零' | 'O' | '○') => 0,
            Some('一') => 1,
            Some('二') => 2,
            Some('三') => 3,
            Some('四') => 4,
            Some('五') => 5,
            Some('六') => 6,
            Some('七') => 7,
            Some('八') => 8,
            Some('九') => 9,
            _ => {
                c.i = start;
                return None;
            }
        };
        c.i += c.peek().map_or(1, char::len_utf8);
        y = y * 10 + d;
    }
    Some(y)
}

fn is_range_sep(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '~' | '〜' | '至' | '到')
}

/// A month (1–12) at the cursor, with `月` and an optional `份`.
fn month(c: &mut Cur<'_>) -> Option<u8> {
    let save = c.i;
    let m = if c.lit("元月") {
        return Some(1);
    } else {
        c.small()?
    };
    c.sp();
    if !c.lit("月") || !(1..=12).contains(&m) {
        c.i = save;
        return None;
    }
    c.lit("份");
    u8::try_from(m).ok()
}

/// A day (1–31) with `日` or `号`.
fn day(c: &mut Cur<'_>) -> Option<u8> {
    let save = c.i;
    let d = c.small()?;
    if !(c.lit("日") || c.lit("号")) || !(1..=31).contains(&d) {
        c.i = save;
        return None;
    }
    u8::try_from(d).ok()
}

/// A quarter: 一季度, 第一季度, Q1.
fn quarter(c: &mut Cur<'_>) -> Option<u8> {
    let save = c.i;
    c.lit("第");
    let q = c.small();
    if let Some(q) = q
        && (1..=4).contains(&q)
        && c.lit("季度")
    {
        return u8::try_from(q).ok();
    }
    c.i = save;
    None
}

/// 初, 中, 底, 末 after a year or month, and 上旬/中旬/下旬.
fn period_mod(c: &mut Cur<'_>, after_year: bool) -> Option<DateMod> {
    let rest = c.rest();
    for (w, m) in [
        ("上旬", DateMod::Start),
        ("中旬", DateMod::Mid),
        ("下旬", DateMod::End),
        ("初", DateMod::Start),
        ("底", DateMod::End),
        ("末", DateMod::End),
        ("终", DateMod::End),
        ("中", DateMod::Mid),
    ] {
        if rest.starts_with(w) {
            if w == "中" {
                // 2021年中国…: 年中 only before punctuation or a time word.
                let next = rest.get(w.len()..).and_then(|r| r.chars().next());
                if !after_year || next.is_some_and(|n| is_han(n) && !matches!(n, '前' | '后' | '期')) {
                    return None;
                }
            }
            if w == "终" && !after_year {
                return None;
            }
            c.i += w.len();
            return Some(m);
        }
    }
    None
}

/// A range separator at the cursor (`-`, `—`, `——`, `至`, `到`, …), spaces
/// around it included; the cursor moves past it.
fn range_sep(c: &mut Cur<'_>) -> bool {
    let save = c.i;
    c.sp();
    let Some(sep) = c.peek() else { return false };
    if !is_range_sep(sep) {
        c.i = save;
        return false;
    }
    c.i += sep.len_utf8();
    // A doubled dash: 2——4月.
    if matches!(sep, '—' | '-') && c.peek() == Some(sep) {
        c.i += sep.len_utf8();
    }
    c.sp();
    true
}

/// What follows a year (or a relative year): month, quarter, half, 度, mod.
/// Returns the date and its mod.
fn after_year(c: &mut Cur<'_>, year: Option<i32>) -> (DateValue, Option<DateMod>) {
    let point = |period| DateValue::Point(PartialDate { year, period });
    let range = |a, b| DateValue::Range(PartialDate { year, period: a }, PartialDate { year, period: b });
    let start = c.i;
    c.sp();
    // 2021年1—11月
    let save = c.i;
    if let Some(m1) = c.small()
        && range_sep(c)
        && let Some(m2) = month(c)
        && (1..=12).contains(&m1)
        && u32::from(m2) > m1
    {
        let m1 = u8::try_from(m1).unwrap_or(1);
        return (range(Period::Month(m1), Period::Month(m2)), None);
    }
    c.i = save;
    if let Some(m) = month(c) {
        let save = c.i;
        if let Some(d) = day(c) {
            return (point(Period::Day { month: Some(m), day: d }), None);
        }
        // 4月12-19日
        if let Some(d1) = c.small()
            && range_sep(c)
            && let Some(d2) = day(c)
            && (1..=31).contains(&d1)
            && u32::from(d2) > d1
        {
            let d1 = u8::try_from(d1).unwrap_or(1);
            return (range(Period::Day { month: Some(m), day: d1 }, Period::Day { month: Some(m), day: d2 }), None);
        }
        c.i = save;
        // 十二月月底
        c.lit("月");
        let md = period_mod(c, false);
        if md.is_none() {
            c.i = save;
        }
        return (point(Period::Month(m)), md);
    }
    if let Some(q) = quarter(c) {
        let md = period_mod(c, false);
        return (point(Period::Quarter(q)), md);
    }
    if c.lit("首季度") {
        return (point(Period::Quarter(1)), None);
    }
    if c.lit("前") {
        let save = c.i;
        // 前三季度, 前两个季度, 前五个月, 前两月
        if let Some(n) = c.small() {
            c.lit("个");
            if c.lit("季度") && (2..=4).contains(&n) {
                let n = u8::try_from(n).unwrap_or(1);
                return (range(Period::Quarter(1), Period::Quarter(n)), None);
            }
            if c.lit("月") && (2..=12).contains(&n) {
                c.lit("份");
                let n = u8::try_from(n).unwrap_or(1);
                return (range(Period::Month(1), Period::Month(n)), None);
            }
        }
        c.i = save;
        if c.lit("半年") {
            return (point(Period::Half(1)), None);
        }
        c.i = save - "前".len();
    }
    if c.lit("上半年") {
        return (point(Period::Half(1)), None);
    }
    if c.lit("下半年") || c.lit("后半年") {
        return (point(Period::Half(2)), None);
    }
    c.i = start;
    (point(Period::Year), None)
}

/// Plan periods: “十四五” is 2021–2025.
fn plan_period(c: &mut Cur<'_>) -> Option<(i32, i32)> {
    let save = c.i;
    let quoted = c.lit("“") || c.lit("\"");
    if c.lit("十") {
        let n = match c.peek() {
            Some('一') => 11,
            Some('二') => 12,
            Some('三') => 13,
            Some('四') => 14,
            Some('五') => 15,
            Some('六') => 16,
            _ => 0,
        };
        if n > 0 {
            c.i += 3;
            if c.lit("五") {
                if quoted {
                    c.lit("”");
                    c.lit("\"");
                }
                let _ = c.lit("规划") || c.lit("期间") || c.lit("时期");
                let first = 1956 + 5 * (n - 1);
                return Some((first, first + 4));
            }
        }
    }
    c.i = save;
    None
}

/// The core of a date at the cursor (no relation words): the first of the
/// shapes below that reads.
fn core(c: &mut Cur<'_>, doc_year: Option<i32>, yearless: Option<i32>) -> Option<(DateValue, Option<DateMod>)> {
    let start = c.i;
    let found = plan(c).or_else(|| relative_year(c, doc_year));
    if found.is_some() {
        return found;
    }
    // A four-digit year is read as one or not at all.
    let is_year = year4(c).is_some();
    c.i = start;
    let found = if is_year { absolute_year(c) } else { page_stamp(c).or_else(|| without_year(c, yearless)) };
    if found.is_none() {
        c.i = start;
    }
    found
}

/// A plan period: `“十四五”` is 2021/2025, `“十四五”末` is 2025 (end).
fn plan(c: &mut Cur<'_>) -> Option<(DateValue, Option<DateMod>)> {
    let (a, b) = plan_period(c)?;
    if c.lit("末") {
        return Some((DateValue::Point(PartialDate::year(b)), Some(DateMod::End)));
    }
    Some((DateValue::Range(PartialDate::year(a), PartialDate::year(b)), None))
}

/// A year relative to the document's (`今年`, `去年5月`, `明年年初`,
/// `本年度`), or the current year's parts alone (`年内`, `年底`, `年初`).
/// 前年, 后年 and 上年 count only at the start of a clause or after a
/// preposition (`达产后年产值` holds no 后年), and `上年同期` is a
/// comparison base.
fn relative_year(c: &mut Cur<'_>, doc_year: Option<i32>) -> Option<(DateValue, Option<DateMod>)> {
    let start = c.i;
    let prev = char_before(c.t, c.i).map(|p| p.1);
    let clause_start = prev.is_none_or(|p| !is_han(p) || "在于到至从自截止今去明".contains(p));
    let lists = &*LISTS;
    if let Some(w) = lists.relative_words.prefix_of(c.rest())
        && let Some(&(_, off)) = lists.relative_years.iter().find(|r| r.0 == w)
        && (clause_start || !matches!(w, "前年" | "后年" | "上年"))
    {
        c.i += w.len();
        if w == "上年" && c.rest().starts_with("同期") {
            c.i = start;
            return None;
        }
        let year = doc_year.and_then(|y| y.checked_add(off));
        if c.lit("度") {
            return Some((DateValue::Point(PartialDate { year, period: Period::Year }), None));
        }
        // 明年年初, 今年年底
        let save = c.i;
        if !(c.lit("年") && ["初", "中", "底", "末"].iter().any(|w| c.rest().starts_with(w))) {
            c.i = save;
        }
        let md = period_mod(c, true);
        if md.is_some() {
            return Some((DateValue::Point(PartialDate { year, period: Period::Year }), md));
        }
        return Some(after_year(c, year));
    }
    if c.lit("年内") {
        return Some((DateValue::Point(PartialDate { year: doc_year, period: Period::Year }), None));
    }
    for (w, m) in [("年底", DateMod::End), ("年末", DateMod::End), ("年初", DateMod::Start)] {
        if c.lit(w) {
            return Some((DateValue::Point(PartialDate { year: doc_year, period: Period::Year }), Some(m)));
        }
    }
    None
}

/// A four-digit year and what follows it: ISO shapes (`2021-11-05`,
/// `2021.11`), year ranges (`2021—2023`, `2021年至2023年`), `2024年内`,
/// `2021年度`, `2021年初`, and months, quarters and halves
/// ([`after_year`]).
fn absolute_year(c: &mut Cur<'_>) -> Option<(DateValue, Option<DateMod>)> {
    let start = c.i;
    let y = year4(c)?;
    if let Some(v) = iso_shape(c, y) {
        return Some((v, None));
    }
    c.sp();
    if let Some(v) = year_range(c, y) {
        return Some((v, None));
    }
    if !c.lit("年") {
        c.i = start;
        return None;
    }
    // 2024年内
    if c.lit("内") {
        return Some((DateValue::Point(PartialDate::year(y)), None));
    }
    if !(1000..=2999).contains(&y) {
        c.i = start;
        return None;
    }
    if c.lit("度") {
        return Some((DateValue::Point(PartialDate::year(y)), None));
    }
    let md = period_mod(c, true);
    if md.is_some() {
        return Some((DateValue::Point(PartialDate::year(y)), md));
    }
    Some(after_year(c, Some(y)))
}

/// `2021-11-05`, `2021/11/5`, `2021.11.05`, and year-month `2021-11`,
/// `2021.11` where no number could be meant (not `2021.5亿`), after the
/// year `y`; the cursor stays put when none reads.
fn iso_shape(c: &mut Cur<'_>, y: i32) -> Option<DateValue> {
    let after_digits = c.i;
    let sep = c.peek().filter(|s| matches!(s, '-' | '/' | '.'))?;
    c.i += 1;
    if let Some(m) = c.digits(1, 2) {
        let save = c.i;
        if c.lit(&sep.to_string())
            && let Some(d) = c.digits(1, 2)
        {
            let v = PartialDate {
                year: Some(y),
                period: Period::Day { month: u8::try_from(m).ok(), day: u8::try_from(d).unwrap_or(0) },
            };
            return Some(DateValue::Point(v));
        }
        c.i = save;
        let next = c.peek();
        let numeric_after = next.is_some_and(|n| n.is_ascii_digit() || crate::numeral::starts_numeral(n) || n == '%')
            || crate::kinds::units::unit_at(c.rest()).is_some();
        if (1900..=2100).contains(&y) && !numeric_after && !c.rest().starts_with('年') {
            return Some(DateValue::Point(PartialDate {
                year: Some(y),
                period: Period::Month(u8::try_from(m).unwrap_or(0)),
            }));
        }
    }
    c.i = after_digits;
    None
}

/// A range of years after the year `y`: `2021—2023`, `2018—2020年`,
/// `2021年至2023年`, at most fifty years long; the cursor stays put when
/// none reads.
fn year_range(c: &mut Cur<'_>, y: i32) -> Option<DateValue> {
    let save = c.i;
    c.lit("年");
    if range_sep(c)
        && let Some(y2) = year4(c)
        && y2 > y
        && y2 - y <= 50
        && (1900..=2100).contains(&y)
    {
        c.sp();
        c.lit("年");
        c.lit("度");
        return Some(DateValue::Range(PartialDate::year(y), PartialDate::year(y2)));
    }
    c.i = save;
    None
}

/// A page's two-digit time stamp: `19-12-31 10:55` is 2019-12-31.
fn page_stamp(c: &mut Cur<'_>) -> Option<(DateValue, Option<DateMod>)> {
    let start = c.i;
    if let Some(yy) = c.digits(2, 2)
        && c.lit("-")
        && let Some(m) = c.digits(1, 2)
        && c.lit("-")
        && let Some(d) = c.digits(1, 2)
    {
        let rest = c.rest();
        let time_follows = rest.starts_with(' ')
            && rest.trim_start().as_bytes().get(..3).is_some_and(|b| {
                b.first().is_some_and(u8::is_ascii_digit) && (b.get(1) == Some(&b':') || b.get(2) == Some(&b':'))
            });
        if time_follows {
            let v = PartialDate {
                year: i32::try_from(2000 + yy).ok(),
                period: Period::Day { month: u8::try_from(m).ok(), day: u8::try_from(d).unwrap_or(0) },
            };
            return Some((DateValue::Point(v), None));
        }
    }
    c.i = start;
    None
}

/// A date with no year written: month ranges, months, quarters, halves
/// ([`after_year`]), and days (`15日`). `year` is the document's, if any.
fn without_year(c: &mut Cur<'_>, year: Option<i32>) -> Option<(DateValue, Option<DateMod>)> {
    let start = c.i;
    let (v, md) = after_year(c, year);
    if c.i > start {
        return Some((v, md));
    }
    let d = day(c)?;
    Some((DateValue::Point(PartialDate { year, period: Period::Day { month: None, day: d } }), None))
}

fn valid(v: &DateValue) -> bool {
    match v {
        DateValue::Point(d) => d.is_valid(),
        DateValue::Range(a, b) => a.is_valid() && b.is_valid(),
    }
}

/// Whether `a` comes before `b` (years unknown: any order, as in 8月至2月).
fn ordered(a: &PartialDate, b: &PartialDate) -> bool {
    let key = |p: &PartialDate| match p.period {
        Period::Year => (0, 0),
        Period::Month(m) => (m, 0),
        Period::Day { month, day } => (month.unwrap_or(0), day),
        Period::Quarter(q) => (q.saturating_mul(3).saturating_sub(2), 0),
        Period::Half(h) => (h.saturating_mul(6).saturating_sub(5), 0),
    };
    match (a.year, b.year) {
        (Some(x), Some(y)) if x != y => x < y,
        (None, None) => key(a) != key(b),
        _ => key(a) < key(b),
    }
}

/// The characters that can start a date or a relation word before one
/// (ASCII digits are always looked at).
static DATE_STARTS: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new("〇零一二三四五六七八九十两今本去上下明前后年第元“截自从到至首".chars()));

/// The characters that can start a date (besides ASCII digits): where
/// [`find`] looks.
pub(crate) fn start_chars() -> &'static CharSet {
    &DATE_STARTS
}

/// Whether a date may start at byte `i` (character `ch`): a cheap look at
/// what follows, before the full reading.
fn plausible(t: &str, i: usize, ch: char) -> bool {
    if ch.is_ascii_digit() {
        // After at most four digits: a date word or a separator (2021年, 6月,
        // 2021-11, 1—9月).
        let rest = t.get(i..).unwrap_or("");
        let digits = rest.bytes().take(5).take_while(u8::is_ascii_digit).count();
        let after = rest.get(digits..).unwrap_or("").trim_start_matches(' ');
        return digits <= 4
            && after.starts_with(['年', '月', '日', '号', '-', '.', '/', '—', '–', '~', '〜', '至', '到', '季']);
    }
    let rest = t.get(i + ch.len_utf8()..).unwrap_or("");
    let next = rest.chars().next();
    let starts_number = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || DATE_STARTS.contains_cp(c as u32));
    match ch {
        '今' | '本' | '去' | '明' => rest.starts_with('年'),
        '上' | '下' => rest.starts_with("半年") || rest.starts_with('年'),
        '前' | '后' => rest.starts_with('年') || rest.starts_with("半年") || starts_number(next),
        '年' => rest.starts_with(['内', '底', '末', '初']),
        '元' => rest.starts_with('月'),
        '“' => rest.starts_with('十'),
        '首' => rest.starts_with("季度"),
        '第' | '截' | '自' | '从' | '到' | '至' => starts_number(next) || rest.starts_with(['至', '止']),
        // Chinese numerals: a date word within a few characters (二〇二一年, 一季度, 十四五).
        _ => rest.chars().take(6).any(|c| matches!(c, '年' | '月' | '日' | '号' | '季' | '五')),
    }
}

/// Reads one date at byte `i`; on failure, the offset to go on from (past
/// an impossible date such as `2月30日`, so that `30日` is not read alone).
fn date_at(t: &str, i: usize, doc_year: Option<i32>) -> Result<DateMatch, usize> {
    let mut c = Cur { t, i };
    let mut relation = None;
    // The first relation of the list the text starts with (only when its
    // first character starts one).
    if c.peek().is_some_and(|ch| LISTS.relation_starts.contains(&ch)) {
        for &(w, r) in &LISTS.relations {
            if c.lit(w) {
                relation = Some(r);
                break;
            }
        }
    }
    let core_start = c.i;
    c.sp();
    let Some((mut value, mut modifier)) = core(&mut c, doc_year, doc_year) else {
        return Err(i);
    };
    if !valid(&value) {
        return Err(c.i);
    }
    // A range written as two dates: 2021年至2023年, 7月4日到7月6日; the
    // second takes the first's year and month (2017年8月11日至8月22日).
    let save = c.i;
    c.lit("起");
    let mut joined = false;
    if range_sep(&mut c)
        && let DateValue::Point(a) = value
    {
        let second = core(&mut c, doc_year, a.year.or(doc_year)).or_else(|| {
            // 2008.03-2009: a bare year ends a range that starts with one.
            a.year?;
            let y = year4(&mut c)?;
            Some((DateValue::Point(PartialDate::year(y)), None))
        });
        if let Some((DateValue::Point(mut b), m2)) = second {
            if let (Period::Day { month: None, day }, Period::Day { month: Some(m), .. }) = (b.period, a.period) {
                b.period = Period::Day { month: Some(m), day };
            }
            if b.year.is_none() {
                b.year = a.year;
            }
            if b.is_valid() && ordered(&a, &b) {
                value = DateValue::Range(a, b);
                modifier = m2;
                c.lit("止");
                joined = true;
            }
        }
    }
    if !joined {
        c.i = save;
    } else if matches!(relation, Some(Relation::Since | Relation::Until)) {
        // 从…到…: a period, not a bound.
        relation = None;
    }
    let mut end = c.i;
    // Relations after: 以来, 起, 前.
    let rest = t.get(end..).unwrap_or("");
    if rest.starts_with("以来") {
        relation = Some(Relation::Since);
        end += "以来".len();
    } else if rest.starts_with("起") && !rest.starts_with("起步") {
        relation = relation.or(Some(Relation::Since));
        end += "起".len();
    } else if (rest.starts_with("前") || rest.starts_with("之前")) && modifier.is_some() {
        relation = Some(Relation::Until);
        end += if rest.starts_with('前') { "前".len() } else { "之前".len() };
    }
    // A leading 从/自/到/至 that did not lead to a date-only expression
    // still counts only if a date follows right away.
    let start = if (relation.is_some() || joined) && core_start > i { i } else { core_start };
    // 1号厂房: a number, not a day.
    if t.get(start..end).is_some_and(|s| s.ends_with('号'))
        && char_at(t, end).is_some_and(is_han)
        && t.get(end..).is_none_or(|r| LISTS.day_followers.prefix_of(r).is_none())
    {
        return Err(end);
    }
    Ok(DateMatch { start, end, value, modifier, relation })
}

/// How far after a date its clause is read for a later `以来`
/// (`2021年7月《…》印发以来`), in characters.
const SINCE_REACH_CHARS: usize = 40;

/// Whether `以来` stands in the first [`SINCE_REACH_CHARS`] characters of
/// `rest`, before any clause mark: one walk that stops at the mark.
fn since_follows(rest: &str) -> bool {
    let mut chars = rest.chars().take(SINCE_REACH_CHARS).peekable();
    while let Some(c) = chars.next() {
        match c {
            ',' | '。' | ';' | '!' | '?' | '\n' => return false,
            '以' if chars.peek() == Some(&'来') => return true,
            _ => {}
        }
    }
    false
}

/// Finds every date in the normalized text `t`. `doc` resolves relative and
/// year-less dates.
/// `starts` are the ranges of offsets of the characters of [`start_chars`]
/// and of the ASCII digits in `t` ([`crate::triggers::Triggers::dates`]).
#[inline(never)] // a stage: kept out of line so that profiles show it (bench/profile.sh)
pub(crate) fn find(t: &str, doc: Option<CalendarDate>, starts: &[(usize, usize)]) -> Vec<DateMatch> {
    let doc_year = doc.map(|d| d.year());
    // A date in about four hundred bytes.
    let mut out: Vec<DateMatch> = Vec::with_capacity(crate::text::room(t.len(), 256));
    let mut starts = crate::cursor::Cursor::new(starts);
    let mut i = 0;
    while let Some(next) = starts.next_from(i) {
        i = next;
        let Some(ch) = char_at(t, i) else { break };
        if !plausible(t, i, ch) {
            // Past the whole digit run, so that long runs stay linear.
            let run = if ch.is_ascii_digit() {
                t.get(i..).map_or(1, |r| r.bytes().take_while(u8::is_ascii_digit).count())
            } else {
                ch.len_utf8()
            };
            i += run.max(1);
            continue;
        }
        let prev = char_before(t, i).map(|p| p.1);
        // Inside a number or a code: 12021年, A2021.
        let decimal_point = prev == Some('.') && char_before(t, i - 1).is_some_and(|(_, p)| p.is_ascii_digit());
        if prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '/') && ch.is_ascii_digit() || decimal_point {
            let skip = t.get(i..).map_or(1, |r| r.bytes().take_while(u8::is_ascii_digit).count().max(1));
            i += skip;
            continue;
        }
        let m = match date_at(t, i, doc_year) {
            Ok(m) => m,
            Err(skip) => {
                i = skip.max(i + ch.len_utf8());
                continue;
            }
        };
        let before = t.get(..m.start).unwrap_or("");
        let numeral_before = prev.is_some_and(|p| crate::numeral::starts_numeral(p) && !matches!(p, '万' | '亿'));
        // 较上年, 比上年同期, 与去年同期相比: comparison bases.
        let is_comparison =
            LISTS.comparison_bases.suffix_of(before).is_some() || t.get(m.end..).is_some_and(|r| r.starts_with("同期"));
        // 三年内, 5年: the year words need no numeral right before them.
        let text = t.get(m.start..m.end).unwrap_or("");
        let bad_relative = numeral_before && (text.starts_with('年') || text.starts_with('月'));
        // 7日内, 两日: a span of days, not a date.
        let day_only = matches!(m.value, DateValue::Point(PartialDate { period: Period::Day { month: None, .. }, .. }));
        let duration_after = day_only
            && (t.get(m.end..).is_some_and(|r| r.starts_with('内') || r.starts_with("之内") || r.starts_with("以内"))
                || text.chars().next().is_some_and(|c| "一二两三四五六七八九".contains(c))
                    && text.chars().count() == 2);
        if is_comparison || bad_relative || duration_after || numeral_before && ch.is_ascii_digit() {
            i = m.end.max(i + ch.len_utf8());
            continue;
        }
        // 以来 later in the clause: 2021年7月《…》印发以来.
        let mut m = m;
        if m.relation.is_none() && since_follows(t.get(m.end..).unwrap_or("")) {
            m.relation = Some(Relation::Since);
        }
        i = m.end.max(i + ch.len_utf8());
        out.push(m);
    }
    out
}

#[cfg(test)]
mod since_tests {
    use super::*;

    /// The walk for a later `以来` reads what the window and split read.
    #[test]
    fn since_follows_as_the_window_reads() {
        let old = |rest: &str| {
            let window = crate::text::first_chars(rest, SINCE_REACH_CHARS);
            window.split([',', '。', ';', '!', '?', '\n']).next().unwrap_or("").contains("以来")
        };
        let long = "一".repeat(38);
        for rest in [
            "",
            "以来",
            "以",
            "来",
            "《规划》印发以来,",
            "印发,以来",
            &format!("{long}以来"),
            &format!("{long}x以来"),
            &format!("{long}以"),
            "以以来",
            "以\n来",
            "。以来",
        ] {
            assert_eq!(since_follows(rest), old(rest), "{rest}");
        }
    }
}
