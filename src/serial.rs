//! The flat JSON shape of facts and sections (SPEC's `extract --format jsonl`).
//!
//! The public types are nested for Rust users; these private mirrors give
//! serde the flat field layout, and check on the way back in.

use serde::{Deserialize, Serialize};

use crate::date::{DateFact, DateMod, DateValue, Relation};
use crate::model::{
    Amount, Approx, Detail, Fact, Kind, ParseError, Platform, PlatformType, Quantity, Section, Span, Zone,
};

#[derive(Serialize, Deserialize)]
pub(crate) struct FactRepr {
    kind: Kind,
    start: usize,
    end: usize,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    approx: Option<Approx>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    platform_type: Option<PlatformType>,
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<DateMod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    relation: Option<Relation>,
    #[serde(default)]
    section: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    as_of: Option<DateValue>,
}

/// The numeric fields of a fact: value, unit, approx, subject, as_of.
type QuantityFields = (Option<String>, Option<String>, Option<Approx>, Option<String>, Option<DateValue>);

fn quantity_repr<U: std::fmt::Display>(q: &Quantity<U>) -> QuantityFields {
    (Some(q.value.to_string()), Some(q.unit.to_string()), Some(q.approx), q.subject.clone(), q.as_of)
}

impl From<Fact> for FactRepr {
    fn from(f: Fact) -> FactRepr {
        let mut r = FactRepr {
            kind: f.kind(),
            start: f.span.start,
            end: f.span.end,
            text: f.text,
            value: None,
            unit: None,
            approx: None,
            subject: None,
            platform_type: None,
            modifier: None,
            relation: None,
            section: f.section,
            as_of: None,
        };
        let q = match &f.detail {
            Detail::Money(q) => Some(quantity_repr(q)),
            Detail::Count(q) => Some(quantity_repr(q)),
            Detail::Measure(q) => Some(quantity_repr(q)),
            Detail::Percent(q) => Some(quantity_repr(q)),
            Detail::Date(d) => {
                r.value = Some(d.value.to_string());
                r.modifier = d.modifier;
                r.relation = d.relation;
                None
            }
            Detail::Platform(p) => {
                r.value = Some(p.name.clone());
                r.platform_type = Some(p.platform_type);
                None
            }
            Detail::Zone(z) => {
                r.value = Some(z.name.clone());
                None
            }
        };
        if let Some((value, unit, approx, subject, as_of)) = q {
            r.value = value;
            r.unit = unit;
            r.approx = approx;
            r.subject = subject;
            r.as_of = as_of;
        }
        r
    }
}

impl TryFrom<FactRepr> for Fact {
    type Error = ParseError;

    fn try_from(r: FactRepr) -> Result<Fact, ParseError> {
        let missing = |what: &'static str| ParseError::new(what, "(missing)");
        let value = r.value.as_deref().ok_or_else(|| missing("value"))?;
        fn quantity<U: std::str::FromStr<Err = ParseError>>(
            r: &FactRepr,
            value: &str,
        ) -> Result<Quantity<U>, ParseError> {
            Ok(Quantity {
                value: value.parse::<Amount>()?,
                unit: r.unit.as_deref().ok_or_else(|| ParseError::new("unit", "(missing)"))?.parse()?,
                approx: r.approx.unwrap_or_default(),
                subject: r.subject.clone(),
                as_of: r.as_of,
            })
        }
        let detail = match r.kind {
            Kind::Money => Detail::Money(quantity(&r, value)?),
            Kind::Count => Detail::Count(quantity(&r, value)?),
            Kind::Measure => Detail::Measure(quantity(&r, value)?),
            Kind::Percent => Detail::Percent(quantity(&r, value)?),
            Kind::Date => Detail::Date(DateFact { value: value.parse()?, modifier: r.modifier, relation: r.relation }),
            Kind::Platform => Detail::Platform(Platform {
                name: value.to_string(),
                platform_type: r.platform_type.unwrap_or(PlatformType::Other),
            }),
            Kind::Zone => Detail::Zone(Zone { name: value.to_string() }),
        };
        Ok(Fact { span: Span::new(r.start, r.end), text: r.text, section: r.section, detail })
    }
}

#[derive(Serialize, Deserialize)]
pub(crate) struct SectionRepr {
    start: usize,
    end: usize,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    zone: Option<String>,
    #[serde(default)]
    reporter: Option<String>,
}

/// Reporters are one string in JSON, joined by `、`.
const REPORTER_SEP: char = '、';

impl From<Section> for SectionRepr {
    fn from(s: Section) -> SectionRepr {
        let reporter = if s.reporters.is_empty() {
            None
        } else {
            let sep = REPORTER_SEP.to_string();
            Some(s.reporters.join(&sep))
        };
        SectionRepr { start: s.span.start, end: s.span.end, title: s.title, zone: s.zone, reporter }
    }
}

impl From<SectionRepr> for Section {
    fn from(r: SectionRepr) -> Section {
        Section {
            span: Span::new(r.start, r.end),
            title: r.title,
            zone: r.zone,
            reporters: r.reporter.map(|s| s.split(REPORTER_SEP).map(str::to_string).collect()).unwrap_or_default(),
        }
    }
}
