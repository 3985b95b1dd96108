//! The numbers of numeric facts: exact [`Amount`]s, their qualifiers
//! ([`Approx`]), their units ([`Currency`], [`Classifier`], [`MeasureUnit`],
//! [`PercentUnit`]) and the [`Quantity`] that joins them with an indicator,
//! a change, a period and a zone.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::date::DateValue;
use crate::error::ParseError;

/// How a number relates to the true figure, from the words around it.
///
/// | words | `Approx` |
/// |---|---|
/// | none | `Exact` |
/// | 约, 左右, 大约, 上下 | `About` |
/// | 余, 多, 超, 超过, 逾, 突破 | `MoreThan` |
/// | 近, 将近, 接近, 不到, 不足 | `LessThan` |
/// | 以上, 至少, 不少于, 不低于 | `AtLeast` (the number included) |
/// | 以下, 以内, 至多, 不超过 | `AtMost` (the number included) |
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    /// The number as written.
    #[default]
    Exact,
    /// About the number.
    About,
    /// More than the number.
    MoreThan,
    /// Less than the number.
    LessThan,
    /// The number or more.
    AtLeast,
    /// The number or less.
    AtMost,
}

impl Approx {
    /// The name used in JSON: `"exact"`, `"more_than"`, …
    pub const fn as_str(self) -> &'static str {
        match self {
            Approx::Exact => "exact",
            Approx::About => "about",
            Approx::MoreThan => "more_than",
            Approx::LessThan => "less_than",
            Approx::AtLeast => "at_least",
            Approx::AtMost => "at_most",
        }
    }
}

impl fmt::Display for Approx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Approx {
    type Err = ParseError;

    /// Parses the JSON name: `exact`, `about`, `more_than`, `less_than`,
    /// `at_least`, `at_most`.
    fn from_str(s: &str) -> Result<Approx, ParseError> {
        [Approx::Exact, Approx::About, Approx::MoreThan, Approx::LessThan, Approx::AtLeast, Approx::AtMost]
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| ParseError::new("approx", s))
    }
}

/// The exact value of a numeric fact: one number or an interval.
///
/// It prints as SPEC's `value` string: `"37800000000"`, or `"300000000/500000000"`
/// for a range.
///
/// ```
/// use zonefacts::Amount;
///
/// let a: Amount = "300000000/500000000".parse().unwrap();
/// assert_eq!(a.to_string(), "300000000/500000000");
/// assert_eq!(a.low().to_string(), "300000000");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Amount {
    /// A single number.
    Point(Decimal),
    /// A closed interval, low then high.
    Range(Decimal, Decimal),
}

impl Amount {
    /// The number, or the low end of the interval.
    pub fn low(&self) -> Decimal {
        match *self {
            Amount::Point(v) | Amount::Range(v, _) => v,
        }
    }

    /// The number, or the high end of the interval.
    pub fn high(&self) -> Decimal {
        match *self {
            Amount::Point(v) | Amount::Range(_, v) => v,
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Amount::Point(v) => write!(f, "{}", v.normalize()),
            Amount::Range(a, b) => write!(f, "{}/{}", a.normalize(), b.normalize()),
        }
    }
}

impl FromStr for Amount {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Amount, ParseError> {
        let num = |t: &str| Decimal::from_str_exact(t.trim()).map_err(|_| ParseError::new("amount", s));
        match s.split_once('/') {
            Some((a, b)) => Ok(Amount::Range(num(a)?, num(b)?)),
            None => Ok(Amount::Point(num(s)?)),
        }
    }
}

macro_rules! string_serde {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                let s = Cow::<str>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

string_serde!(Amount);

/// A currency, by its ISO 4217 code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Currency {
    /// Renminbi: 元, 人民币, 块钱.
    Cny,
    /// US dollar: 美元, 美金.
    Usd,
    /// Euro: 欧元.
    Eur,
    /// Hong Kong dollar: 港元, 港币.
    Hkd,
    /// Japanese yen: 日元.
    Jpy,
    /// Pound sterling: 英镑.
    Gbp,
    /// South Korean won: 韩元.
    Krw,
    /// Australian dollar: 澳元.
    Aud,
    /// Canadian dollar: 加元.
    Cad,
    /// New Taiwan dollar: 新台币.
    Twd,
    /// Russian rouble: 卢布.
    Rub,
    /// Singapore dollar: 新加坡元.
    Sgd,
    /// Macanese pataca: 澳门元.
    Mop,
}

impl Currency {
    const ALL: [Currency; 13] = [
        Currency::Cny,
        Currency::Usd,
        Currency::Eur,
        Currency::Hkd,
        Currency::Jpy,
        Currency::Gbp,
        Currency::Krw,
        Currency::Aud,
        Currency::Cad,
        Currency::Twd,
        Currency::Rub,
        Currency::Sgd,
        Currency::Mop,
    ];

    /// The ISO 4217 code: `"CNY"`, `"USD"`, …
    pub const fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Hkd => "HKD",
            Currency::Jpy => "JPY",
            Currency::Gbp => "GBP",
            Currency::Krw => "KRW",
            Currency::Aud => "AUD",
            Currency::Cad => "CAD",
            Currency::Twd => "TWD",
            Currency::Rub => "RUB",
            Currency::Sgd => "SGD",
            Currency::Mop => "MOP",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Currency, ParseError> {
        Currency::ALL.into_iter().find(|c| c.code() == s).ok_or_else(|| ParseError::new("currency", s))
    }
}

string_serde!(Currency);

/// What a [`MeasureUnit`] measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// Mass, in tonnes.
    Mass,
    /// Energy, in kilowatt-hours.
    Energy,
    /// Power, in watts.
    Power,
    /// Area, in square metres, hectares or mu.
    Area,
    /// Volume, in cubic metres.
    Volume,
    /// Length, in kilometres.
    Length,
}

/// The base unit a measure is normalized to.
///
/// `297.1万度` is `2971000` [`KilowattHour`](MeasureUnit::KilowattHour);
/// `262平方公里` is `262000000` [`SquareMetre`](MeasureUnit::SquareMetre).
/// Land in 亩 and 公顷 keeps its own unit, as statistics report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MeasureUnit {
    /// `t`: 吨, 千克, 公斤, 克.
    Tonne,
    /// `kWh`: 度 (of electricity), 千瓦时.
    KilowattHour,
    /// `W`: 瓦, 千瓦, 兆瓦, 吉瓦.
    Watt,
    /// `m2`: 平方米, 平方公里.
    SquareMetre,
    /// `ha`: 公顷.
    Hectare,
    /// `mu`: 亩.
    Mu,
    /// `m3`: 立方米, 方.
    CubicMetre,
    /// `km`: 米, 公里, 千米.
    Kilometre,
}

impl MeasureUnit {
    const ALL: [MeasureUnit; 8] = [
        MeasureUnit::Tonne,
        MeasureUnit::KilowattHour,
        MeasureUnit::Watt,
        MeasureUnit::SquareMetre,
        MeasureUnit::Hectare,
        MeasureUnit::Mu,
        MeasureUnit::CubicMetre,
        MeasureUnit::Kilometre,
    ];

    /// The symbol used in JSON: `t`, `kWh`, `W`, `m2`, `ha`, `mu`, `m3`, `km`.
    pub const fn symbol(self) -> &'static str {
        match self {
            MeasureUnit::Tonne => "t",
            MeasureUnit::KilowattHour => "kWh",
            MeasureUnit::Watt => "W",
            MeasureUnit::SquareMetre => "m2",
            MeasureUnit::Hectare => "ha",
            MeasureUnit::Mu => "mu",
            MeasureUnit::CubicMetre => "m3",
            MeasureUnit::Kilometre => "km",
        }
    }

    /// What the unit measures.
    pub const fn dimension(self) -> Dimension {
        match self {
            MeasureUnit::Tonne => Dimension::Mass,
            MeasureUnit::KilowattHour => Dimension::Energy,
            MeasureUnit::Watt => Dimension::Power,
            MeasureUnit::SquareMetre | MeasureUnit::Hectare | MeasureUnit::Mu => Dimension::Area,
            MeasureUnit::CubicMetre => Dimension::Volume,
            MeasureUnit::Kilometre => Dimension::Length,
        }
    }
}

impl fmt::Display for MeasureUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl FromStr for MeasureUnit {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<MeasureUnit, ParseError> {
        MeasureUnit::ALL.into_iter().find(|u| u.symbol() == s).ok_or_else(|| ParseError::new("measure unit", s))
    }
}

string_serde!(MeasureUnit);

/// Percent (`%`) or percentage points (`pp`, from 个百分点).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PercentUnit {
    /// `%`: a share or rate.
    Percent,
    /// `pp`: a difference between two rates.
    Point,
}

impl PercentUnit {
    /// `"%"` or `"pp"`.
    pub const fn symbol(self) -> &'static str {
        match self {
            PercentUnit::Percent => "%",
            PercentUnit::Point => "pp",
        }
    }
}

impl fmt::Display for PercentUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl FromStr for PercentUnit {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<PercentUnit, ParseError> {
        match s {
            "%" => Ok(PercentUnit::Percent),
            "pp" => Ok(PercentUnit::Point),
            _ => Err(ParseError::new("percent unit", s)),
        }
    }
}

string_serde!(PercentUnit);

/// The classifier (量词) of a count, in simplified form: `名`, `个`, `家`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Classifier(Cow<'static, str>);

impl Classifier {
    pub(crate) const fn from_static(s: &'static str) -> Classifier {
        Classifier(Cow::Borrowed(s))
    }

    /// The classifier as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Classifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Classifier {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Classifier, ParseError> {
        if s.is_empty() {
            return Err(ParseError::new("classifier", s));
        }
        Ok(Classifier(Cow::Owned(s.to_string())))
    }
}

string_serde!(Classifier);

/// A number with its unit, qualifier, indicator, change, period and zone:
/// the payload of money, count, measure and percent facts.
///
/// ```
/// let doc = zonefacts::extract("2023年,园区规上工业增加值同比增长12.5%。");
/// let p = doc.percents().next().unwrap();
/// assert_eq!(p.value.to_string(), "12.5");
/// assert_eq!(p.as_of.unwrap().to_string(), "2023");
/// assert!(!p.target);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Quantity<U> {
    /// The exact value in the unit's base (yuan, tonnes, …).
    pub value: Amount,
    /// The unit.
    pub unit: U,
    /// How the number relates to the true figure (`约`, `余`, `以上`, …).
    pub approx: Approx,
    /// The indicator the number measures (`总投资`, `国家级人才`), in
    /// simplified characters. For a change, the indicator that changed.
    pub subject: Option<String>,
    /// For a figure that states a change or a comparison, the words of the
    /// change and its basis as written (`同比增长`, `较上年提高`, `高于全市`),
    /// in simplified characters.
    pub change: Option<String>,
    /// Whether the text gives the figure as an aim or a forecast (`力争`,
    /// `预计`, `到2025年…达到`), not as a result.
    pub target: bool,
    /// The date the figure holds for.
    pub as_of: Option<DateValue>,
    /// The [`key`](crate::Zone::key) of the zone the figure is about.
    pub zone: Option<String>,
}

impl<U> Quantity<U> {
    /// A quantity with no subject, change, date or zone: a result.
    pub fn new(value: Amount, unit: U, approx: Approx) -> Quantity<U> {
        Quantity { value, unit, approx, subject: None, change: None, target: false, as_of: None, zone: None }
    }
}

/// An amount of money.
pub type Money = Quantity<Currency>;
/// A count of things or people.
pub type Count = Quantity<Classifier>;
/// A physical measure.
pub type Measure = Quantity<MeasureUnit>;
/// A percentage or a difference in percentage points.
pub type Percent = Quantity<PercentUnit>;
