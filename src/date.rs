//! Dates that keep their precision: a year is not a day.
//!
//! Reports write dates at every precision (`2021年`, `2021年11月`,
//! `2023年一季度`, `上半年`, `15日`) and often without a year (`去年5月`). A
//! [`PartialDate`] keeps exactly what was written: an optional year and a
//! [`Period`] within it. A [`DateValue`] is one such date or an interval of
//! two. They print as SPEC's ISO-style strings: `2021`, `2021-11`,
//! `2021-11-05`, `2023-Q1`, `XXXX-H1`, `XXXX-XX-15`, `2021/2023`.
//!
//! ```
//! use zonefacts::date::{DateValue, PartialDate, Period};
//!
//! let v: DateValue = "2023-Q1/2023-Q3".parse().unwrap();
//! assert_eq!(v.to_string(), "2023-Q1/2023-Q3");
//! let d = PartialDate { year: None, period: Period::Month(5) };
//! assert_eq!(d.to_string(), "XXXX-05");
//! ```

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::ParseError;

/// The part of a year a [`PartialDate`] names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// The whole year.
    Year,
    /// A month, 1–12.
    Month(u8),
    /// A day, 1–31, in a month that may be unknown (`15日`).
    Day {
        /// The month, 1–12, if written.
        month: Option<u8>,
        /// The day of the month.
        day: u8,
    },
    /// A quarter, 1–4.
    Quarter(u8),
    /// A half, 1–2.
    Half(u8),
}

/// A date at the precision it was written, with the year if known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// The year, or `None` when the text does not give it and no document
    /// date resolves it (printed `XXXX`).
    pub year: Option<i32>,
    /// The period within the year.
    pub period: Period,
}

impl PartialDate {
    /// A whole year.
    pub const fn year(year: i32) -> PartialDate {
        PartialDate { year: Some(year), period: Period::Year }
    }

    /// Whether the values are in range: month 1–12, a day that exists in its
    /// month (29 February only in leap years, when the year is known),
    /// quarter 1–4, half 1–2, year 1–9999.
    pub fn is_valid(&self) -> bool {
        if let Some(y) = self.year
            && !(1..=9999).contains(&y)
        {
            return false;
        }
        match self.period {
            Period::Year => true,
            Period::Month(m) => (1..=12).contains(&m),
            Period::Quarter(q) => (1..=4).contains(&q),
            Period::Half(h) => (1..=2).contains(&h),
            Period::Day { month, day } => match month {
                None => (1..=31).contains(&day),
                Some(m) => (1..=12).contains(&m) && day >= 1 && day <= days_in_month(self.year, m),
            },
        }
    }

    /// The same date with its year filled in, if it had none.
    pub const fn with_year_if_missing(self, year: i32) -> PartialDate {
        match self.year {
            Some(_) => self,
            None => PartialDate { year: Some(year), period: self.period },
        }
    }

    /// The first calendar day the date covers, when the year is known and the
    /// day (for a day with no month) can be placed.
    pub fn first_day(&self) -> Option<CalendarDate> {
        let year = self.year?;
        let (month, day) = match self.period {
            Period::Year => (1, 1),
            Period::Month(m) => (m, 1),
            Period::Day { month, day } => (month?, day),
            Period::Quarter(q) => (q.checked_sub(1)?.checked_mul(3)?.checked_add(1)?, 1),
            Period::Half(h) => (h.checked_sub(1)?.checked_mul(6)?.checked_add(1)?, 1),
        };
        CalendarDate::new(year, month, day).ok()
    }

    /// The last calendar day the date covers, when the year is known.
    pub fn last_day(&self) -> Option<CalendarDate> {
        let year = self.year?;
        let month = match self.period {
            Period::Year => 12,
            Period::Month(m) => m,
            Period::Day { month, day } => return CalendarDate::new(year, month?, day).ok(),
            Period::Quarter(q) => q.checked_mul(3)?,
            Period::Half(h) => h.checked_mul(6)?,
        };
        if !(1..=12).contains(&month) {
            return None;
        }
        CalendarDate::new(year, month, days_in_month(Some(year), month)).ok()
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: Option<i32>, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}")?,
            None => f.write_str("XXXX")?,
        }
        match self.period {
            Period::Year => Ok(()),
            Period::Month(m) => write!(f, "-{m:02}"),
            Period::Day { month: Some(m), day } => write!(f, "-{m:02}-{day:02}"),
            Period::Day { month: None, day } => write!(f, "-XX-{day:02}"),
            Period::Quarter(q) => write!(f, "-Q{q}"),
            Period::Half(h) => write!(f, "-H{h}"),
        }
    }
}

impl FromStr for PartialDate {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<PartialDate, ParseError> {
        let err = || ParseError::new("date", s);
        let mut parts = s.trim().split('-');
        let year = match parts.next().ok_or_else(err)? {
            "XXXX" => None,
            y if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => Some(y.parse().map_err(|_| err())?),
            _ => return Err(err()),
        };
        let num = |t: &str| -> Result<u8, ParseError> {
            if t.is_empty() || t.len() > 2 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            t.parse().map_err(|_| err())
        };
        let period = match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => Period::Year,
            (Some(p), None, _) if p.starts_with('Q') => Period::Quarter(num(p.get(1..).unwrap_or(""))?),
            (Some(p), None, _) if p.starts_with('H') => Period::Half(num(p.get(1..).unwrap_or(""))?),
            (Some(m), None, _) => Period::Month(num(m)?),
            (Some("XX"), Some(d), None) => Period::Day { month: None, day: num(d)? },
            (Some(m), Some(d), None) => Period::Day { month: Some(num(m)?), day: num(d)? },
            _ => return Err(err()),
        };
        let date = PartialDate { year, period };
        if date.is_valid() { Ok(date) } else { Err(err()) }
    }
}

/// One date, or an interval between two (inclusive at both ends, each at
/// its own precision).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateValue {
    /// A single date or period: `2021-11`.
    Point(PartialDate),
    /// From the first to the second: `2021/2023`, `XXXX-01/XXXX-09`.
    Range(PartialDate, PartialDate),
}

impl DateValue {
    /// The first date of the value.
    pub const fn start(&self) -> PartialDate {
        match *self {
            DateValue::Point(d) | DateValue::Range(d, _) => d,
        }
    }

    /// The last date of the value.
    pub const fn end(&self) -> PartialDate {
        match *self {
            DateValue::Point(d) | DateValue::Range(_, d) => d,
        }
    }

    /// The same value with every missing year set to `year`.
    pub const fn with_year_if_missing(self, year: i32) -> DateValue {
        match self {
            DateValue::Point(d) => DateValue::Point(d.with_year_if_missing(year)),
            DateValue::Range(a, b) => DateValue::Range(a.with_year_if_missing(year), b.with_year_if_missing(year)),
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Point(d) => d.fmt(f),
            DateValue::Range(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

impl FromStr for DateValue {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<DateValue, ParseError> {
        match s.split_once('/') {
            Some((a, b)) => Ok(DateValue::Range(a.parse()?, b.parse()?)),
            None => Ok(DateValue::Point(s.parse()?)),
        }
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DateValue, D::Error> {
        let s = Cow::<str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Which part of a period a date names: 年初, 年中, 年底/年末, 月底.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateMod {
    /// 初: the start.
    Start,
    /// 中: the middle.
    Mid,
    /// 底, 末: the end.
    End,
}

impl DateMod {
    /// The name used in JSON: `"start"`, `"mid"`, `"end"`.
    ///
    /// ```
    /// assert_eq!(zonefacts::DateMod::End.as_str(), "end");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            DateMod::Start => "start",
            DateMod::Mid => "mid",
            DateMod::End => "end",
        }
    }
}

/// How a date bounds what it describes: 截至, 以来, 到.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// 截至, 截止(到): the figures hold up to this date.
    AsOf,
    /// 自…以来, …以来, 从…起: from this date on.
    Since,
    /// 到…, 至…: until this date.
    Until,
}

impl Relation {
    /// The name used in JSON: `"as_of"`, `"since"`, `"until"`.
    ///
    /// ```
    /// assert_eq!(zonefacts::Relation::AsOf.as_str(), "as_of");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Relation::AsOf => "as_of",
            Relation::Since => "since",
            Relation::Until => "until",
        }
    }
}

/// The payload of a date fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateFact {
    /// The date or interval.
    pub value: DateValue,
    /// 初, 中 or 底 of the period.
    pub modifier: Option<DateMod>,
    /// 截至, 以来 or 到.
    pub relation: Option<Relation>,
}

/// A calendar day: the document date that resolves 今年, 去年, 上半年.
///
/// ```
/// use zonefacts::date::CalendarDate;
///
/// let d: CalendarDate = "2021-11-05".parse().unwrap();
/// assert_eq!((d.year(), d.month(), d.day()), (2021, 11, 5));
/// assert!("2021-02-30".parse::<CalendarDate>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CalendarDate {
    year: i32,
    month: u8,
    day: u8,
}

impl CalendarDate {
    /// A valid calendar day (year 1–9999), or a [`ParseError`].
    pub fn new(year: i32, month: u8, day: u8) -> Result<CalendarDate, ParseError> {
        let p = PartialDate { year: Some(year), period: Period::Day { month: Some(month), day } };
        if p.is_valid() {
            Ok(CalendarDate { year, month, day })
        } else {
            Err(ParseError::new("date", &format!("{year:04}-{month:02}-{day:02}")))
        }
    }

    /// The year.
    pub const fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub const fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub const fn day(&self) -> u8 {
        self.day
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for CalendarDate {
    type Err = ParseError;

    /// Parses `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<CalendarDate, ParseError> {
        let bad = || ParseError::new("date", s);
        let mut it = s.trim().splitn(3, '-');
        let (y, m, d) = (it.next().ok_or_else(bad)?, it.next().ok_or_else(bad)?, it.next().ok_or_else(bad)?);
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if y.len() != 4 || !all_digits(y) || !all_digits(m) || !all_digits(d) || m.len() > 2 || d.len() > 2 {
            return Err(bad());
        }
        CalendarDate::new(y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?)
            .map_err(|_| bad())
    }
}

/// Conversions to and from [`jiff`](https://docs.rs/jiff) civil dates, with
/// the `jiff` feature.
///
/// ```
/// # #[cfg(feature = "jiff")] {
/// use zonefacts::date::{CalendarDate, PartialDate};
///
/// let q: PartialDate = "2023-Q3".parse().unwrap();
/// let last: jiff::civil::Date = q.last_day().unwrap().into();
/// assert_eq!(last, jiff::civil::date(2023, 9, 30));
/// let back = CalendarDate::try_from(last).unwrap();
/// assert_eq!(back.to_string(), "2023-09-30");
/// # }
/// ```
#[cfg(feature = "jiff")]
mod jiff_conv {
    use super::CalendarDate;
    use crate::error::ParseError;

    impl From<CalendarDate> for jiff::civil::Date {
        fn from(d: CalendarDate) -> jiff::civil::Date {
            // A CalendarDate is valid and its year is 1..=9999, which jiff
            // holds; the fallback is never taken.
            let year = i16::try_from(d.year).unwrap_or(1);
            jiff::civil::Date::new(year, d.month as i8, d.day as i8).unwrap_or(jiff::civil::Date::MIN)
        }
    }

    impl TryFrom<jiff::civil::Date> for CalendarDate {
        type Error = ParseError;

        /// Fails for years before 1, which a `CalendarDate` does not hold.
        fn try_from(d: jiff::civil::Date) -> Result<CalendarDate, ParseError> {
            let bad = || ParseError::new("date", &d.to_string());
            let month = u8::try_from(d.month()).map_err(|_| bad())?;
            let day = u8::try_from(d.day()).map_err(|_| bad())?;
            CalendarDate::new(i32::from(d.year()), month, day)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn converts_both_ways() {
            let d = CalendarDate::new(2024, 2, 29).unwrap();
            let j: jiff::civil::Date = d.into();
            assert_eq!(j, jiff::civil::date(2024, 2, 29));
            assert_eq!(CalendarDate::try_from(j).unwrap(), d);
            assert!(CalendarDate::try_from(jiff::civil::date(-5, 1, 1)).is_err());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_json_names() {
        for m in [DateMod::Start, DateMod::Mid, DateMod::End] {
            assert_eq!(serde_json::to_value(m).ok(), Some(serde_json::Value::from(m.as_str())));
        }
        for r in [Relation::AsOf, Relation::Since, Relation::Until] {
            assert_eq!(serde_json::to_value(r).ok(), Some(serde_json::Value::from(r.as_str())));
        }
    }

    #[test]
    fn round_trips() {
        for s in [
            "2021", "XXXX", "2021-11", "2021-11-05", "XXXX-XX-15", "2023-Q1", "XXXX-H2", "2021/2023", "XXXX-01/XXXX-09",
        ] {
            let v: DateValue = s.parse().unwrap();
            assert_eq!(v.to_string(), s);
        }
    }

    #[test]
    fn rejects_impossible() {
        for s in ["2021-13", "2021-02-30", "2021-Q5", "2021-H3", "21", "2021-1-1-1", "", "XXXX-XX", "2021-00"] {
            assert!(s.parse::<DateValue>().is_err(), "{s}");
        }
        assert!("2020-02-29".parse::<DateValue>().is_ok());
        assert!("2021-02-29".parse::<DateValue>().is_err());
    }

    #[test]
    fn first_and_last_days() {
        let q: PartialDate = "2023-Q3".parse().unwrap();
        assert_eq!(q.first_day().unwrap().to_string(), "2023-07-01");
        assert_eq!(q.last_day().unwrap().to_string(), "2023-09-30");
        let h: PartialDate = "2024-H1".parse().unwrap();
        assert_eq!(h.last_day().unwrap().to_string(), "2024-06-30");
        let feb: PartialDate = "2024-02".parse().unwrap();
        assert_eq!(feb.last_day().unwrap().to_string(), "2024-02-29");
        assert_eq!("XXXX-05".parse::<PartialDate>().unwrap().first_day(), None);
    }
}
