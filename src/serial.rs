//! The flat JSON shape of facts and sections (the tool's `--format jsonl`,
//! described in `docs/format.md`).
//!
//! The public types are nested for Rust users; these private mirrors give
//! serde the flat field layout, and check on the way back in.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::date::{DateFact, DateMod, DateValue, Relation};
use crate::error::ParseError;
use crate::model::{
    Amount, Approx, Detail, Fact, Kind, Place, Platform, PlatformType, Quantity, Section, Span, Zone, ZoneLevel,
    ZoneType,
};

fn is_false(b: &bool) -> bool {
    !*b
}

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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    change: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    target: bool,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    platform_type: Option<PlatformType>,
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<DateMod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    relation: Option<Relation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    zone_type: Option<ZoneType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<ZoneLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    county: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    place_code: Option<String>,
    #[serde(default)]
    section: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    as_of: Option<DateValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    zone: Option<String>,
}

impl FactRepr {
    fn empty(kind: Kind, span: Span, text: String, section: usize) -> FactRepr {
        FactRepr {
            kind,
            start: span.start,
            end: span.end,
            text,
            value: None,
            unit: None,
            approx: None,
            subject: None,
            change: None,
            target: false,
            platform_type: None,
            modifier: None,
            relation: None,
            key: None,
            zone_type: None,
            level: None,
            province: None,
            city: None,
            county: None,
            place_code: None,
            section,
            as_of: None,
            zone: None,
        }
    }

    fn set_quantity<U: std::fmt::Display>(&mut self, q: Quantity<U>) {
        self.value = Some(q.value.to_string());
        self.unit = Some(q.unit.to_string());
        self.approx = Some(q.approx);
        self.subject = q.subject;
        self.change = q.change;
        self.target = q.target;
        self.as_of = q.as_of;
        self.zone = q.zone;
    }
}

impl From<Fact<'_>> for FactRepr {
    fn from(f: Fact<'_>) -> FactRepr {
        let mut r = FactRepr::empty(f.kind(), f.span, f.text.into_owned(), f.section);
        match f.detail {
            Detail::Money(q) => r.set_quantity(q),
            Detail::Count(q) => r.set_quantity(q),
            Detail::Measure(q) => r.set_quantity(q),
            Detail::Percent(q) => r.set_quantity(q),
            Detail::Date(d) => {
                r.value = Some(d.value.to_string());
                r.modifier = d.modifier;
                r.relation = d.relation;
            }
            Detail::Platform(p) => {
                r.value = Some(p.name);
                r.platform_type = Some(p.platform_type);
            }
            Detail::Zone(z) => {
                r.value = Some(z.name);
                r.key = Some(z.key);
                r.zone_type = Some(z.zone_type);
                r.level = z.level;
                if let Some(p) = z.place {
                    r.province = Some(p.province.into_owned());
                    r.city = p.city.map(Cow::into_owned);
                    r.county = p.county.map(Cow::into_owned);
                    r.place_code = Some(p.code.to_string());
                }
            }
        }
        r
    }
}

impl<'a> TryFrom<FactRepr> for Fact<'a> {
    type Error = ParseError;

    fn try_from(r: FactRepr) -> Result<Fact<'a>, ParseError> {
        let missing = |what: &'static str| ParseError::new(what, "(missing)");
        let value = r.value.clone().ok_or_else(|| missing("value"))?;
        fn quantity<U: std::str::FromStr<Err = ParseError>>(
            r: &FactRepr,
            value: &str,
        ) -> Result<Quantity<U>, ParseError> {
            Ok(Quantity {
                value: value.parse::<Amount>()?,
                unit: r.unit.as_deref().ok_or_else(|| ParseError::new("unit", "(missing)"))?.parse()?,
                approx: r.approx.unwrap_or_default(),
                subject: r.subject.clone(),
                change: r.change.clone(),
                target: r.target,
                as_of: r.as_of,
                zone: r.zone.clone(),
            })
        }
        let detail = match r.kind {
            Kind::Money => Detail::Money(quantity(&r, &value)?),
            Kind::Count => Detail::Count(quantity(&r, &value)?),
            Kind::Measure => Detail::Measure(quantity(&r, &value)?),
            Kind::Percent => Detail::Percent(quantity(&r, &value)?),
            Kind::Date => Detail::Date(DateFact { value: value.parse()?, modifier: r.modifier, relation: r.relation }),
            Kind::Platform => Detail::Platform(Platform::new(value, r.platform_type.unwrap_or(PlatformType::Other))),
            Kind::Zone => {
                let place = match (&r.province, &r.place_code) {
                    (Some(province), Some(code)) => Some(Place::new(
                        province.clone(),
                        r.city.clone().map(Cow::Owned),
                        r.county.clone().map(Cow::Owned),
                        code.parse().map_err(|_| ParseError::new("place code", code))?,
                    )),
                    _ => None,
                };
                let key = r.key.clone().unwrap_or_else(|| value.clone());
                Detail::Zone(Zone {
                    name: value,
                    key,
                    zone_type: r.zone_type.unwrap_or_default(),
                    level: r.level,
                    place,
                })
            }
        };
        Ok(Fact { span: Span::new(r.start, r.end), text: r.text.into(), section: r.section, detail })
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    zone_key: Option<String>,
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
        SectionRepr {
            start: s.span.start,
            end: s.span.end,
            title: s.title,
            zone: s.zone,
            zone_key: s.zone_key,
            reporter,
        }
    }
}

impl From<SectionRepr> for Section {
    fn from(r: SectionRepr) -> Section {
        Section {
            span: Span::new(r.start, r.end),
            title: r.title,
            zone: r.zone,
            zone_key: r.zone_key,
            reporters: r.reporter.map(|s| s.split(REPORTER_SEP).map(str::to_string).collect()).unwrap_or_default(),
        }
    }
}
