//! The typed records the extractor returns.
//!
//! A [`Document`] holds [`Section`]s and [`Fact`]s. Each fact has a byte
//! [`Span`] into the text exactly as given, the `text` of that span, the index
//! of its section, and a [`Detail`] specific to its [`Kind`]. Numeric kinds
//! share [`Quantity`], which keeps its value as an exact [`Amount`].
//!
//! Every type serializes (with serde) to the flat JSON of the project's
//! SPEC: `{"kind": "money", "start": 812, "end": 821, "text": "378亿元",
//! "value": "37800000000", "unit": "CNY", "approx": "exact", ...}`.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::date::DateValue;

/// A half-open byte range `start..end` into the original input.
///
/// `&input[span.start..span.end]` is always on character boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The span as a range, for slicing.
    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// The kinds of fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An amount of money: `378亿元`.
    Money,
    /// A number of things or people: `77名`.
    Count,
    /// A physical quantity: `0.9万吨`, `107亩`.
    Measure,
    /// A percentage or percentage points: `10.5%`, `2.3个百分点`.
    Percent,
    /// A calendar date or period: `截至2021年11月`.
    Date,
    /// A named innovation or industrial platform: `江苏省中以产业技术研究院`.
    Platform,
    /// A development zone: `武进高新区`.
    Zone,
}

impl Kind {
    /// Every kind, in a fixed order.
    pub const ALL: [Kind; 7] =
        [Kind::Money, Kind::Count, Kind::Measure, Kind::Percent, Kind::Date, Kind::Platform, Kind::Zone];

    /// The lowercase name used in JSON: `"money"`, `"count"`, …
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Money => "money",
            Kind::Count => "count",
            Kind::Measure => "measure",
            Kind::Percent => "percent",
            Kind::Date => "date",
            Kind::Platform => "platform",
            Kind::Zone => "zone",
        }
    }

    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a string that names no [`Kind`], [`Approx`], unit or date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what}: {value:?}")]
pub struct ParseError {
    what: &'static str,
    value: String,
}

impl ParseError {
    pub(crate) fn new(what: &'static str, value: &str) -> ParseError {
        ParseError { what, value: value.to_string() }
    }
}

impl FromStr for Kind {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Kind, ParseError> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s.trim()).ok_or_else(|| ParseError::new("kind", s))
    }
}

/// A set of [`Kind`]s, for choosing what an [`Extractor`](crate::Extractor) looks for.
///
/// ```
/// use zonefacts::{Kind, KindSet};
///
/// let set: KindSet = "money,count".parse().unwrap();
/// assert!(set.contains(Kind::Money) && !set.contains(Kind::Date));
/// assert_eq!(KindSet::all().iter().count(), 7);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KindSet(u8);

impl KindSet {
    /// Every kind.
    pub const fn all() -> KindSet {
        KindSet(0x7f)
    }

    /// No kind.
    pub const fn empty() -> KindSet {
        KindSet(0)
    }

    /// This set with `kind` added.
    pub const fn with(self, kind: Kind) -> KindSet {
        KindSet(self.0 | kind.bit())
    }

    /// This set without `kind`.
    pub const fn without(self, kind: Kind) -> KindSet {
        KindSet(self.0 & !kind.bit())
    }

    /// Whether `kind` is in the set.
    pub const fn contains(self, kind: Kind) -> bool {
        self.0 & kind.bit() != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds in the set, in [`Kind::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Kind> {
        Kind::ALL.into_iter().filter(move |k| self.contains(*k))
    }
}

impl Default for KindSet {
    fn default() -> KindSet {
        KindSet::all()
    }
}

impl FromIterator<Kind> for KindSet {
    fn from_iter<I: IntoIterator<Item = Kind>>(iter: I) -> KindSet {
        iter.into_iter().fold(KindSet::empty(), KindSet::with)
    }
}

impl FromStr for KindSet {
    type Err = ParseError;

    /// Parses a comma-separated list such as `money,count`; `all` is every kind.
    fn from_str(s: &str) -> Result<KindSet, ParseError> {
        let mut set = KindSet::empty();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if part == "all" {
                set = KindSet::all();
            } else {
                set = set.with(part.parse()?);
            }
        }
        Ok(set)
    }
}

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

/// A number with its unit, qualifier, indicator and date: the payload of
/// money, count, measure and percent facts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Quantity<U> {
    /// The exact value in the unit's base (yuan, tonnes, …).
    pub value: Amount,
    /// The unit.
    pub unit: U,
    /// How the number relates to the true figure (`约`, `余`, `以上`, …).
    pub approx: Approx,
    /// The indicator the number measures (`总投资`, `国家级人才`), as written.
    pub subject: Option<String>,
    /// The date the figure holds for.
    pub as_of: Option<DateValue>,
}

/// An amount of money.
pub type Money = Quantity<Currency>;
/// A count of things or people.
pub type Count = Quantity<Classifier>;
/// A physical measure.
pub type Measure = Quantity<MeasureUnit>;
/// A percentage or a difference in percentage points.
pub type Percent = Quantity<PercentUnit>;

/// The type of a named platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PlatformType {
    /// 研究院, 研究所.
    ResearchInstitute,
    /// 实验室.
    Laboratory,
    /// 中心: innovation, engineering, service centres.
    Center,
    /// 基地.
    Base,
    /// 产业园, 科技园, 创新园: a park inside a zone.
    Park,
    /// 孵化器, 加速器, 众创空间.
    Incubator,
    /// 工作站.
    Workstation,
    /// 学院 set up as a platform.
    College,
    /// 基金.
    Fund,
    /// Towns, villages, 汇, platforms, …
    Other,
}

/// A named innovation or industrial platform.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Platform {
    /// The name as written, line breaks removed.
    pub name: String,
    /// What kind of platform its head word says it is.
    pub platform_type: PlatformType,
}

/// A development zone named in the text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Zone {
    /// The name as written, line breaks removed.
    pub name: String,
}

pub use crate::date::DateFact;

/// The kind-specific part of a [`Fact`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Detail {
    /// See [`Kind::Money`].
    Money(Money),
    /// See [`Kind::Count`].
    Count(Count),
    /// See [`Kind::Measure`].
    Measure(Measure),
    /// See [`Kind::Percent`].
    Percent(Percent),
    /// See [`Kind::Date`].
    Date(DateFact),
    /// See [`Kind::Platform`].
    Platform(Platform),
    /// See [`Kind::Zone`].
    Zone(Zone),
}

impl Detail {
    /// The kind of this detail.
    pub const fn kind(&self) -> Kind {
        match self {
            Detail::Money(_) => Kind::Money,
            Detail::Count(_) => Kind::Count,
            Detail::Measure(_) => Kind::Measure,
            Detail::Percent(_) => Kind::Percent,
            Detail::Date(_) => Kind::Date,
            Detail::Platform(_) => Kind::Platform,
            Detail::Zone(_) => Kind::Zone,
        }
    }
}

/// One fact found in a text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "crate::serial::FactRepr", try_from = "crate::serial::FactRepr")]
pub struct Fact {
    /// Where the fact is in the original input.
    pub span: Span,
    /// `&input[span.start..span.end]`.
    pub text: String,
    /// Index of the [`Section`] the fact is in.
    pub section: usize,
    /// What the fact says.
    pub detail: Detail,
}

impl Fact {
    /// The fact's kind.
    pub const fn kind(&self) -> Kind {
        self.detail.kind()
    }

    /// The numeric payload of a money, count, measure or percent fact, with its unit as text.
    pub fn quantity(&self) -> Option<(Amount, Approx, Option<&str>, Option<&DateValue>)> {
        match &self.detail {
            Detail::Money(q) => Some((q.value, q.approx, q.subject.as_deref(), q.as_of.as_ref())),
            Detail::Count(q) => Some((q.value, q.approx, q.subject.as_deref(), q.as_of.as_ref())),
            Detail::Measure(q) => Some((q.value, q.approx, q.subject.as_deref(), q.as_of.as_ref())),
            Detail::Percent(q) => Some((q.value, q.approx, q.subject.as_deref(), q.as_of.as_ref())),
            _ => None,
        }
    }

    /// The indicator a numeric fact measures.
    pub fn subject(&self) -> Option<&str> {
        self.quantity().and_then(|q| q.2)
    }

    /// The date a numeric fact holds for.
    pub fn as_of(&self) -> Option<&DateValue> {
        self.quantity().and_then(|q| q.3)
    }
}

/// A part of a page: one report of a newspaper page that strings several
/// together, or the whole text of a plain article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "crate::serial::SectionRepr", from = "crate::serial::SectionRepr")]
pub struct Section {
    /// Where the section is in the original input.
    pub span: Span,
    /// The title line, if the section has one.
    pub title: Option<String>,
    /// The zone the section is about.
    pub zone: Option<String>,
    /// The reporters named in its byline.
    pub reporters: Vec<String>,
}

/// Everything extracted from one text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Document {
    /// The sections, in order; at least one for a non-empty text.
    pub sections: Vec<Section>,
    /// The facts, sorted by start offset (then by end offset, longest first).
    pub facts: Vec<Fact>,
}

/// A fact of a known kind, with its payload typed: what [`Document::money`]
/// and its siblings yield. It dereferences to the payload.
///
/// ```
/// let doc = zonefacts::extract("总投资378亿元。");
/// let m = doc.money().next().unwrap();
/// assert_eq!(m.text(), "378亿元");
/// assert_eq!(m.value.to_string(), "37800000000");
/// assert_eq!(m.subject.as_deref(), Some("总投资"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Typed<'a, T> {
    /// The whole fact.
    pub fact: &'a Fact,
    /// Its typed payload.
    pub data: &'a T,
}

impl<'a, T> Typed<'a, T> {
    /// The fact's span in the original input.
    pub fn span(&self) -> Span {
        self.fact.span
    }

    /// The fact's text.
    pub fn text(&self) -> &'a str {
        &self.fact.text
    }

    /// The index of the fact's section.
    pub fn section(&self) -> usize {
        self.fact.section
    }
}

impl<T> Deref for Typed<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.data
    }
}

macro_rules! typed_accessor {
    ($(#[$doc:meta])* $name:ident, $variant:ident, $t:ty) => {
        $(#[$doc])*
        pub fn $name(&self) -> impl Iterator<Item = Typed<'_, $t>> + '_ {
            self.facts.iter().filter_map(|fact| match &fact.detail {
                Detail::$variant(data) => Some(Typed { fact, data }),
                _ => None,
            })
        }
    };
}

impl Document {
    /// The facts of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Fact> + '_ {
        self.facts.iter().filter(move |f| f.kind() == kind)
    }

    typed_accessor!(
        /// The money facts.
        money, Money, Money
    );
    typed_accessor!(
        /// The count facts.
        counts, Count, Count
    );
    typed_accessor!(
        /// The measure facts.
        measures, Measure, Measure
    );
    typed_accessor!(
        /// The percent facts.
        percents, Percent, Percent
    );
    typed_accessor!(
        /// The date facts.
        dates, Date, DateFact
    );
    typed_accessor!(
        /// The platform facts.
        platforms, Platform, Platform
    );
    typed_accessor!(
        /// The zone facts.
        zones, Zone, Zone
    );

    /// The section a byte offset falls in.
    pub fn section_at(&self, offset: usize) -> Option<&Section> {
        let i = self.sections.partition_point(|s| s.span.end <= offset);
        self.sections.get(i).filter(|s| s.span.start <= offset)
    }
}
