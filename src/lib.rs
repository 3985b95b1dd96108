//! Typed, exact, traceable facts from Chinese development-zone reports.
//!
//! Give zonefacts a report about a 高新区, 经开区 or 产业园 and it returns
//! what an analyst would tabulate: amounts of money, counts, physical
//! measures, percentages and dates, each with the indicator it measures
//! (`subject`), the date it holds for (`as_of`) and its byte span in the text
//! exactly as given; the named platforms (研究院, 创新中心, 基金…) and zones it
//! mentions; and, for a newspaper page of several reports, the sections
//! (title, zone, reporters) each fact belongs to.
//!
//! ```
//! use zonefacts::{Approx, Extractor, Kind};
//!
//! let text = "2024年,园区新签约项目45余个,总投资216亿元。";
//! let doc = Extractor::new().extract(text);
//!
//! let money = doc.money().next().unwrap();
//! assert_eq!(money.text(), "216亿元");
//! assert_eq!(&text[money.span().range()], "216亿元");
//! assert_eq!(money.value.to_string(), "21600000000");
//! assert_eq!(money.unit.code(), "CNY");
//! assert_eq!(money.subject.as_deref(), Some("总投资"));
//! assert_eq!(money.as_of.map(|d| d.to_string()).as_deref(), Some("2024"));
//!
//! let count = doc.counts().next().unwrap();
//! assert_eq!((count.text(), count.approx), ("45余个", Approx::MoreThan));
//! assert_eq!(count.subject.as_deref(), Some("新签约项目"));
//! assert_eq!(doc.of_kind(Kind::Date).count(), 1);
//! ```
//!
//! Values are exact [`rust_decimal::Decimal`]s (`1356.54亿元` is
//! `135654000000`, never a float). Every [`Fact`] serializes with serde to
//! the flat JSON the `zonefacts` tool prints (`docs/format.md`).
//!
//! # What it extracts
//!
//! | [`Kind`] | example | payload |
//! |---|---|---|
//! | `money` | `总投资378亿元`, `6.8亿美元`, `3-5亿元` | [`Money`]: value in yuan (or the currency's unit), [`Currency`] |
//! | `count` | `引育国家级人才77名`, `新签约项目60余个` | [`Count`]: value, [`Classifier`] |
//! | `measure` | `0.9万吨`, `约5万平方米`, `107亩`, `150MW` | [`Measure`]: value in its base [`MeasureUnit`] |
//! | `percent` | `同比增长10.5%`, `提高2.3个百分点`, `超四成` | [`Percent`]: value, `%` or `pp` |
//! | `date` | `截至2021年11月`, `2023年一季度`, `1—10月` | [`DateFact`]: a [`DateValue`] at its precision |
//! | `platform` | `江苏省中以产业技术研究院` | [`Platform`]: name, [`PlatformType`] |
//! | `zone` | `武进高新区`, `杭州高新区(滨江)` | [`Zone`]: name and identity |
//!
//! Numeric facts share [`Quantity`]: the value, its qualifier ([`Approx`]:
//! `约` is about, `余` more than, `以上` at least), the indicator it measures
//! (`subject`), the change it states (`change`), whether it is a target
//! (`target`), the date it holds for (`as_of`) and the zone it is about
//! (`zone`). A page of several reports is split into [`Section`]s.
//!
//! # Building blocks
//!
//! - [`Extractor`]: built once, shared across threads, runs the pipeline.
//! - [`numeral`]: the numeral engine on its own (`三千五百万`, `1.2万亿`).
//! - [`date`]: dates that keep their precision (`2023-Q1`, `XXXX-05`).
//!
//! # Guarantees
//!
//! - **Never panics**, on any input: text that is not a fact is left out;
//!   bytes that are not UTF-8 and inputs over the configured size are typed
//!   [`Error`]s ([`Extractor::extract_bytes`], [`Extractor::try_extract`]).
//! - **Exact spans**: every fact's [`Span`] is a byte range into the text as
//!   given, on character boundaries, and `&input[span.range()]` is the
//!   fact's `text` (the rules read a normalized copy; offsets are mapped
//!   back).
//! - **Linear time**: every rule looks at a bounded window around a match,
//!   so extraction time grows linearly with the input's length.
//! - **Exact values**: amounts and rates are decimals end to end.
//! - **Independent kinds**: the facts of one kind are the same whichever
//!   other kinds an [`Extractor`] is asked for.
//!
//! # Crate features
//!
//! - `rayon`: [`Extractor::extract_batch`], many texts in parallel.
//! - `jiff`: conversions between [`CalendarDate`] and `jiff::civil::Date`.
//!
//! How the pipeline works, and why it is built from rules, is in
//! `DESIGN.md`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::sync::{Arc, LazyLock};

mod change;
mod context;
mod cursor;
pub mod date;
mod dates;
mod dict;
mod error;
mod gazetteer;
mod hint;
mod identity;
mod kinds;
mod lexicon;
mod marks;
mod model;
mod names;
mod normalize;
pub mod numeral;
mod pipeline;
mod places;
mod platform;
mod quantity;
mod records;
mod scan;
mod section;
mod sentence;
mod serial;
mod subject;
mod target;
mod text;
mod triggers;
mod zone;

pub use date::{CalendarDate, DateFact, DateMod, DateValue, PartialDate, Period, Relation};
pub use error::{Error, ParseError};
pub use model::{
    Amount, Approx, Classifier, Count, Currency, Detail, Dimension, Document, Fact, Kind, KindSet, Measure,
    MeasureUnit, Money, Percent, PercentUnit, Place, Platform, PlatformType, Quantity, QuantityRef, Section, Span,
    Typed, Zone, ZoneLevel, ZoneType,
};
pub use rust_decimal::Decimal;

/// Settings for an [`Extractor`].
///
/// ```
/// use zonefacts::{Extractor, Kind, KindSet};
///
/// let ex = Extractor::builder()
///     .kinds(KindSet::empty().with(Kind::Money).with(Kind::Date))
///     .document_date("2021-12-31".parse().unwrap())
///     .build();
/// let doc = ex.extract("去年营收突破500亿,今年再增10%。");
/// assert_eq!(doc.dates().next().unwrap().value.to_string(), "2020");
/// assert_eq!(doc.percents().count(), 0);
/// ```
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    kinds: KindSet,
    document_date: Option<CalendarDate>,
    max_input_len: usize,
    platform_names: Vec<String>,
    zone_names: Vec<String>,
}

impl Default for ExtractorBuilder {
    fn default() -> ExtractorBuilder {
        ExtractorBuilder {
            kinds: KindSet::all(),
            document_date: None,
            max_input_len: DEFAULT_MAX_INPUT_LEN,
            platform_names: Vec::new(),
            zone_names: Vec::new(),
        }
    }
}

/// How much text [`Extractor::extract_batch`] gives each
/// [`Extractor::extract_many`] call: about 512 KB of articles (a text larger
/// than this is a call of its own). On 28 MB of real reports cut into 3 KB
/// articles, groups of 0.4–1.5 MB were 10–15% faster than articles one by
/// one, and smaller groups gained less.
#[cfg_attr(not(feature = "rayon"), allow(dead_code))]
const MANY_BYTES: usize = 512 << 10;

/// Consecutive ranges of items, each of about `bytes` in all (an item
/// larger than that is a range of its own), covering every item in order.
#[cfg_attr(not(feature = "rayon"), allow(dead_code))]
fn groups(lens: impl Iterator<Item = usize>, bytes: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut size, mut n) = (0, 0usize, 0);
    for len in lens {
        if n > start && size.saturating_add(len) > bytes {
            out.push(start..n);
            (start, size) = (n, 0);
        }
        size = size.saturating_add(len);
        n += 1;
    }
    if n > start {
        out.push(start..n);
    }
    out
}

/// The default limit of [`Extractor::try_extract`]: 256 MiB.
pub const DEFAULT_MAX_INPUT_LEN: usize = 256 << 20;

impl ExtractorBuilder {
    /// Which kinds of fact to look for (all by default).
    pub fn kinds(mut self, kinds: KindSet) -> ExtractorBuilder {
        self.kinds = kinds;
        self
    }

    /// The date the text was written, which resolves relative dates
    /// (`今年`, `去年5月`, `上半年`). Without it their year is unknown
    /// (`XXXX`).
    pub fn document_date(mut self, date: CalendarDate) -> ExtractorBuilder {
        self.document_date = Some(date);
        self
    }

    /// The largest input, in bytes, that [`Extractor::try_extract`] and
    /// [`Extractor::extract_bytes`] accept (default
    /// [`DEFAULT_MAX_INPUT_LEN`]).
    pub fn max_input_len(mut self, bytes: usize) -> ExtractorBuilder {
        self.max_input_len = bytes;
        self
    }

    /// Platform names the caller knows, found wherever they occur (as
    /// written, or in traditional or full-width forms) and preferred over
    /// what the rules find where they overlap. Their type comes from their
    /// head word (`…研究院` is a research institute), else `Other`.
    ///
    /// ```
    /// let ex = zonefacts::Extractor::builder().platform_names(["海湾智谷"]).build();
    /// let doc = ex.extract("园区引进了海湾智谷项目。");
    /// assert_eq!(doc.platforms().next().unwrap().name, "海湾智谷");
    /// ```
    pub fn platform_names<I, S>(mut self, names: I) -> ExtractorBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.platform_names.extend(names.into_iter().map(Into::into));
        self
    }

    /// Zone names the caller knows (nicknames such as `光谷` included),
    /// found wherever they occur and preferred over the rules' zones.
    pub fn zone_names<I, S>(mut self, names: I) -> ExtractorBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.zone_names.extend(names.into_iter().map(Into::into));
        self
    }

    /// Builds the extractor.
    pub fn build(self) -> Extractor {
        let user = dict::UserDict::new(&self.platform_names, &self.zone_names);
        Extractor {
            inner: Arc::new(Inner {
                kinds: self.kinds,
                document_date: self.document_date,
                max_input_len: self.max_input_len,
                user,
            }),
        }
    }
}

#[derive(Debug)]
struct Inner {
    kinds: KindSet,
    document_date: Option<CalendarDate>,
    max_input_len: usize,
    user: Option<dict::UserDict>,
}

/// The fact extractor. Build it once and share it: it is `Send + Sync` and
/// cloning it is cheap. Its patterns and dictionaries are compiled once per
/// process, on first use.
#[derive(Clone, Debug)]
pub struct Extractor {
    inner: Arc<Inner>,
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the default settings: every kind, no document date.
    pub fn new() -> Extractor {
        ExtractorBuilder::default().build()
    }

    /// Settings for an extractor.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Extracts the facts of a text. Never fails: what is not a fact is
    /// left out. The input's length is not checked; see
    /// [`try_extract`](Extractor::try_extract) for a bounded variant.
    pub fn extract<'a>(&self, text: &'a str) -> Document<'a> {
        self.extract_at(text, self.inner.document_date)
    }

    /// Extracts the facts of a text written on `date`, which resolves
    /// relative dates (`今年`, `去年`) for this call.
    ///
    /// ```
    /// let ex = zonefacts::Extractor::new();
    /// let doc = ex.extract_with_date("今年以来,新增企业32家。", "2022-05-01".parse().unwrap());
    /// assert_eq!(doc.counts().next().unwrap().as_of.unwrap().to_string(), "2022");
    /// ```
    pub fn extract_with_date<'a>(&self, text: &'a str, date: CalendarDate) -> Document<'a> {
        self.extract_at(text, Some(date))
    }

    /// Extracts the facts of several texts, one document each, in order:
    /// the same documents as [`extract`](Extractor::extract) on each text,
    /// sooner when the texts are many and short (articles). Each stage of
    /// the pipeline reads every text before the next stage starts, so that
    /// its code stays in the processor's cache; the price is that the texts'
    /// intermediate lists are held together, so give it a few hundred
    /// kilobytes to a few megabytes at a time, not a whole archive.
    ///
    /// ```
    /// let ex = zonefacts::Extractor::new();
    /// let texts = vec!["新增企业32家。".to_string(), "总投资5亿元。".to_string()];
    /// let docs = ex.extract_many(texts.iter().map(String::as_str));
    /// assert_eq!(docs.len(), 2);
    /// assert_eq!(docs[1], ex.extract(&texts[1]));
    /// ```
    pub fn extract_many<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Vec<Document<'a>> {
        self.extract_many_at(texts, self.inner.document_date)
    }

    /// Extracts the facts of several texts written on `date`, one document
    /// each, in order: the same documents as
    /// [`extract_with_date`](Extractor::extract_with_date) on each text, as
    /// [`extract_many`](Extractor::extract_many) gives them (sooner for many
    /// short texts; a few hundred kilobytes at a time).
    ///
    /// ```
    /// let ex = zonefacts::Extractor::new();
    /// let date = "2022-05-01".parse().unwrap();
    /// let texts = ["今年以来,新增企业32家。", "去年总投资5亿元。"];
    /// let docs = ex.extract_many_with_date(texts, date);
    /// assert_eq!(docs[0], ex.extract_with_date(texts[0], date));
    /// assert_eq!(docs[1].money().next().unwrap().as_of.unwrap().to_string(), "2021");
    /// ```
    pub fn extract_many_with_date<'a>(
        &self,
        texts: impl IntoIterator<Item = &'a str>,
        date: CalendarDate,
    ) -> Vec<Document<'a>> {
        self.extract_many_at(texts, Some(date))
    }

    fn extract_at<'a>(&self, text: &'a str, document_date: Option<CalendarDate>) -> Document<'a> {
        pipeline::run(text, &self.options(document_date))
    }

    fn extract_many_at<'a>(
        &self,
        texts: impl IntoIterator<Item = &'a str>,
        document_date: Option<CalendarDate>,
    ) -> Vec<Document<'a>> {
        let inputs: Vec<&'a str> = texts.into_iter().collect();
        pipeline::run_many(&inputs, &self.options(document_date))
    }

    /// What the pipeline needs of this extractor, with `document_date`.
    fn options(&self, document_date: Option<CalendarDate>) -> pipeline::Options<'_> {
        pipeline::Options { kinds: self.inner.kinds, document_date, user: self.inner.user.as_ref() }
    }

    /// Like [`extract`](Extractor::extract), but refuses inputs over the
    /// configured [`max_input_len`](ExtractorBuilder::max_input_len).
    pub fn try_extract<'a>(&self, text: &'a str) -> Result<Document<'a>, Error> {
        if text.len() > self.inner.max_input_len {
            return Err(Error::InputTooLarge { len: text.len(), max: self.inner.max_input_len });
        }
        Ok(self.extract(text))
    }

    /// Extracts many texts in parallel on rayon's thread pool, sharing this
    /// extractor; the documents come back in the order of the texts. Each
    /// task takes consecutive texts of about 512 KB in all together
    /// ([`extract_many`](Extractor::extract_many)). Needs the `rayon`
    /// feature.
    ///
    /// ```
    /// # #[cfg(feature = "rayon")] {
    /// let ex = zonefacts::Extractor::new();
    /// let docs = ex.extract_batch(&["总投资5亿元。", "引进企业12家。"]);
    /// assert_eq!(docs.len(), 2);
    /// assert_eq!(docs[1].counts().next().unwrap().text(), "12家");
    /// # }
    /// ```
    #[cfg(feature = "rayon")]
    pub fn extract_batch<'a, S: AsRef<str> + Sync>(&self, texts: &'a [S]) -> Vec<Document<'a>> {
        use rayon::prelude::*;
        let groups = groups(texts.iter().map(|t| t.as_ref().len()), MANY_BYTES);
        let docs: Vec<Vec<Document<'a>>> = groups
            .par_iter()
            .map(|r| self.extract_many(texts.get(r.clone()).unwrap_or(&[]).iter().map(AsRef::as_ref)))
            .collect();
        docs.into_iter().flatten().collect()
    }

    /// Extracts from bytes, which must be UTF-8 (a leading BOM is allowed
    /// and kept, as offsets point into the bytes as given).
    ///
    /// ```
    /// let ex = zonefacts::Extractor::new();
    /// let err = ex.extract_bytes("投资5亿元".as_bytes().iter().chain(b"\xff").copied().collect::<Vec<u8>>().as_slice()).unwrap_err();
    /// assert!(matches!(err, zonefacts::Error::InvalidUtf8 { offset: 13 }));
    /// ```
    pub fn extract_bytes<'a>(&self, bytes: &'a [u8]) -> Result<Document<'a>, Error> {
        let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 { offset: e.valid_up_to() })?;
        self.try_extract(text)
    }
}

/// The README's code samples, run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

static DEFAULT: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// Extracts the facts of a text with a shared default [`Extractor`].
///
/// ```
/// let doc = zonefacts::extract("引育国家级人才77名。");
/// let c = doc.counts().next().unwrap();
/// assert_eq!((c.text(), c.subject.as_deref()), ("77名", Some("国家级人才")));
/// ```
pub fn extract(text: &str) -> Document<'_> {
    DEFAULT.extract(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Groups cover every item once, in order; a group passes the size
    /// only when it is one item.
    #[test]
    #[allow(clippy::single_range_in_vec_init)] // a list of one range is meant
    fn groups_cover_the_items_in_order() {
        for (lens, want) in [
            (vec![], vec![]),
            (vec![3, 3, 3], vec![0..3]),
            (vec![4, 4, 4], vec![0..2, 2..3]),
            (vec![20, 1, 1, 20, 1], vec![0..1, 1..3, 3..4, 4..5]),
            (vec![0, 0, 10, 0], vec![0..4]),
            (vec![0, 0, 11, 0], vec![0..2, 2..3, 3..4]),
        ] {
            assert_eq!(groups(lens.into_iter(), 10), want);
        }
        let lens: Vec<usize> = (0..500).map(|i| (i * 7919) % 3000).collect();
        let g = groups(lens.iter().copied(), 10_000);
        assert_eq!(g.first().map(|r| r.start), Some(0));
        assert_eq!(g.last().map(|r| r.end), Some(500));
        for w in g.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        for r in &g {
            let size: usize = lens[r.clone()].iter().sum();
            assert!(size <= 10_000 || r.len() == 1);
        }
    }

    #[test]
    fn extractor_is_send_sync() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Extractor>();
        check::<Document>();
    }
}
