//! The typed records the extractor returns.
//!
//! A [`Document`] holds [`Section`]s and [`Fact`]s. Each fact has a byte
//! [`Span`] into the text exactly as given, the `text` of that span, the index
//! of its section, and a [`Detail`] specific to its [`Kind`]. Numeric kinds
//! share [`Quantity`], which keeps its value as an exact [`Amount`].
//!
//! Every type serializes (with serde) to the flat JSON of the output format
//! (`docs/format.md`): `{"kind": "money", "start": 812, "end": 821, "text":
//! "378亿元", "value": "37800000000", "unit": "CNY", "approx": "exact", ...}`.
//!
//! The types that will grow as the library learns more (`Kind`, `Detail`,
//! `Fact`, `Quantity`, `Zone`, `Section`, `Document`) are
//! `#[non_exhaustive]`: match them with a wildcard arm, and build them with
//! their constructors.

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::date::DateValue;
use crate::error::ParseError;

mod names;
mod quantity;

pub use names::{Place, Platform, PlatformType, Zone, ZoneLevel, ZoneType};
pub use quantity::{
    Amount, Approx, Classifier, Count, Currency, Dimension, Measure, MeasureUnit, Money, Percent, PercentUnit, Quantity,
};

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

/// Declares [`Kind`] from one list, so that its variants, [`Kind::ALL`],
/// the JSON names and [`KindSet::all`]'s mask cannot drift apart.
macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// The kinds of fact.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        #[non_exhaustive]
        pub enum Kind {
            $($(#[$doc])* $variant,)*
        }

        impl Kind {
            /// Every kind, in a fixed order.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];

            /// The lowercase name used in JSON: `"money"`, `"count"`, …
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Kind::$variant => $name,)*
                }
            }
        }
    };
}

kinds! {
    /// An amount of money: `378亿元`.
    Money = "money",
    /// A number of things or people: `77名`.
    Count = "count",
    /// A physical quantity: `0.9万吨`, `107亩`.
    Measure = "measure",
    /// A percentage or percentage points: `10.5%`, `2.3个百分点`.
    Percent = "percent",
    /// A calendar date or period: `截至2021年11月`.
    Date = "date",
    /// A named innovation or industrial platform: `江苏省中以产业技术研究院`.
    Platform = "platform",
    /// A development zone: `武进高新区`.
    Zone = "zone",
}

impl Kind {
    /// Whether facts of this kind are numbers with a [`Quantity`] payload.
    pub const fn is_numeric(self) -> bool {
        matches!(self, Kind::Money | Kind::Count | Kind::Measure | Kind::Percent)
    }

    const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Kind, ParseError> {
        let s = s.trim();
        Kind::ALL.iter().copied().find(|k| k.as_str().eq_ignore_ascii_case(s)).ok_or_else(|| ParseError::new("kind", s))
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
pub struct KindSet(u16);

impl KindSet {
    /// Every kind.
    pub const fn all() -> KindSet {
        let mut mask = 0;
        let mut i = 0;
        while i < Kind::ALL.len() {
            mask |= Kind::ALL[i].bit();
            i += 1;
        }
        KindSet(mask)
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
        Kind::ALL.iter().copied().filter(move |k| self.contains(*k))
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

    /// Parses a comma-separated list such as `money,count` (any case);
    /// `all` is every kind.
    fn from_str(s: &str) -> Result<KindSet, ParseError> {
        let mut set = KindSet::empty();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if part.eq_ignore_ascii_case("all") {
                set = KindSet::all();
            } else {
                set = set.with(part.parse()?);
            }
        }
        Ok(set)
    }
}

pub use crate::date::DateFact;

/// The kind-specific part of a [`Fact`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
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
///
/// A fact borrows its text from the input it was found in (`'a`): the
/// extraction copies no text it can point to. [`Fact::into_owned`] makes a
/// fact that outlives the input.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "crate::serial::FactRepr", try_from = "crate::serial::FactRepr")]
#[non_exhaustive]
pub struct Fact<'a> {
    /// Where the fact is in the original input.
    pub span: Span,
    /// `&input[span.start..span.end]`, borrowed from the input.
    pub text: Cow<'a, str>,
    /// Index of the [`Section`] the fact is in.
    pub section: usize,
    /// What the fact says.
    pub detail: Detail,
}

/// A borrowed view of the numeric payload of a money, count, measure or
/// percent fact, whatever its unit type: what [`Fact::quantity`] returns.
///
/// ```
/// let doc = zonefacts::extract("2023年,园区落地重点项目38个,总投资96亿元。");
/// let q = doc.facts.iter().find_map(|f| f.quantity()).unwrap();
/// assert_eq!((q.kind.as_str(), q.unit, q.value.to_string()), ("count", "个", "38".to_string()));
/// assert_eq!(q.subject, Some("重点项目"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct QuantityRef<'a> {
    /// Which numeric kind the fact is.
    pub kind: Kind,
    /// The exact value.
    pub value: Amount,
    /// The unit as JSON writes it: `CNY`, `个`, `t`, `%`.
    pub unit: &'a str,
    /// The qualifier.
    pub approx: Approx,
    /// The indicator.
    pub subject: Option<&'a str>,
    /// The words of the change, for a change or comparison.
    pub change: Option<&'a str>,
    /// Whether the figure is an aim or a forecast.
    pub target: bool,
    /// The date the figure holds for.
    pub as_of: Option<&'a DateValue>,
    /// The key of the zone the figure is about.
    pub zone: Option<&'a str>,
}

impl<'a> QuantityRef<'a> {
    fn of<U>(kind: Kind, q: &'a Quantity<U>, unit: &'a str) -> QuantityRef<'a> {
        QuantityRef {
            kind,
            value: q.value,
            unit,
            approx: q.approx,
            subject: q.subject.as_deref(),
            change: q.change.as_deref(),
            target: q.target,
            as_of: q.as_of.as_ref(),
            zone: q.zone.as_deref(),
        }
    }
}

impl<'a> Fact<'a> {
    /// A fact of `text` at `span`, in section `section`.
    pub fn new(span: Span, text: impl Into<Cow<'a, str>>, section: usize, detail: Detail) -> Fact<'a> {
        Fact { span, text: text.into(), section, detail }
    }

    /// The same fact, owning its text: it outlives the input.
    ///
    /// ```
    /// let fact = {
    ///     let text = String::from("总投资378亿元。");
    ///     zonefacts::extract(&text).facts.remove(0).into_owned()
    /// };
    /// assert_eq!(fact.text, "378亿元");
    /// ```
    pub fn into_owned(self) -> Fact<'static> {
        Fact { span: self.span, text: Cow::Owned(self.text.into_owned()), section: self.section, detail: self.detail }
    }

    /// The fact's kind.
    pub const fn kind(&self) -> Kind {
        self.detail.kind()
    }

    /// The numeric payload of a money, count, measure or percent fact, with
    /// its unit as text.
    pub fn quantity(&self) -> Option<QuantityRef<'_>> {
        match &self.detail {
            Detail::Money(q) => Some(QuantityRef::of(Kind::Money, q, q.unit.code())),
            Detail::Count(q) => Some(QuantityRef::of(Kind::Count, q, q.unit.as_str())),
            Detail::Measure(q) => Some(QuantityRef::of(Kind::Measure, q, q.unit.symbol())),
            Detail::Percent(q) => Some(QuantityRef::of(Kind::Percent, q, q.unit.symbol())),
            _ => None,
        }
    }

    /// The indicator a numeric fact measures.
    pub fn subject(&self) -> Option<&str> {
        self.quantity().and_then(|q| q.subject)
    }

    /// The date a numeric fact holds for.
    pub fn as_of(&self) -> Option<&DateValue> {
        self.quantity().and_then(|q| q.as_of)
    }
}

/// A part of a page: one report of a newspaper page that strings several
/// together, or the whole text of a plain article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "crate::serial::SectionRepr", from = "crate::serial::SectionRepr")]
#[non_exhaustive]
pub struct Section {
    /// Where the section is in the original input.
    pub span: Span,
    /// The title line, if the section has one.
    pub title: Option<String>,
    /// The zone the section is about, as written.
    pub zone: Option<String>,
    /// The [`key`](Zone::key) of that zone.
    pub zone_key: Option<String>,
    /// The reporters named in its byline.
    pub reporters: Vec<String>,
}

impl Section {
    /// A section covering `span`, with no title, zone or reporters.
    pub fn new(span: Span) -> Section {
        Section { span, ..Section::default() }
    }
}

/// Everything extracted from one text, whose facts borrow their text from
/// it (`'a`; see [`Document::into_owned`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document<'a> {
    /// The sections, in order; at least one for a non-empty text.
    pub sections: Vec<Section>,
    /// The facts, sorted by start offset (then by end offset, longest first).
    pub facts: Vec<Fact<'a>>,
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
    pub fact: &'a Fact<'a>,
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

impl<'a> Document<'a> {
    /// A document of these sections and facts.
    pub fn new(sections: Vec<Section>, facts: Vec<Fact<'a>>) -> Document<'a> {
        Document { sections, facts }
    }

    /// The same document, its facts owning their text: it outlives the
    /// input (to keep it, or send it where the input cannot go).
    ///
    /// ```
    /// fn read(path: &str) -> zonefacts::Document<'static> {
    ///     let text = std::fs::read_to_string(path).unwrap_or_default();
    ///     zonefacts::extract(&text).into_owned()
    /// }
    /// assert!(read("no such file").facts.is_empty());
    /// ```
    pub fn into_owned(self) -> Document<'static> {
        Document { sections: self.sections, facts: self.facts.into_iter().map(Fact::into_owned).collect() }
    }

    /// The facts of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Fact<'a>> + '_ {
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
