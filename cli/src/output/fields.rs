//! A fact as the flat fields of the JSON output, borrowed from the fact:
//! what the CSV, table and HTML formats show.

use std::fmt;

use zonefacts::date::{DateMod, DateValue, Relation};
use zonefacts::{Amount, Detail, Document, Fact, Section};

/// A fact's `value`.
#[derive(Clone, Debug)]
pub enum Value<'a> {
    /// A number or a range of numbers.
    Amount(Amount),
    /// A date or an interval of dates.
    Date(DateValue),
    /// A name.
    Name(&'a str),
    /// The value of a kind this tool does not know, as JSON gives it.
    Other(String),
}

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Amount(a) => a.fmt(f),
            Value::Date(d) => d.fmt(f),
            Value::Name(s) => f.write_str(s),
            Value::Other(s) => f.write_str(s),
        }
    }
}

/// The identity of a zone fact.
#[derive(Clone, Debug)]
pub struct ZoneId<'a> {
    /// Short canonical name.
    pub key: &'a str,
    /// `high_tech`, `economic`, …
    pub zone_type: &'static str,
    /// `national`, `provincial`.
    pub level: Option<&'static str>,
    /// Province, city and county.
    pub province: Option<&'a str>,
    /// Prefecture-level city.
    pub city: Option<&'a str>,
    /// County-level unit.
    pub county: Option<&'a str>,
    /// GB/T 2260 code of the most specific division.
    pub place_code: Option<u32>,
}

/// One fact, flattened.
#[derive(Clone, Debug)]
pub struct Fields<'a> {
    /// `money`, `count`, …
    pub kind: &'static str,
    /// Byte offsets.
    pub start: usize,
    /// Byte offsets.
    pub end: usize,
    /// The text of the span.
    pub text: &'a str,
    /// The value.
    pub value: Option<Value<'a>>,
    /// The unit of a numeric fact.
    pub unit: Option<&'a str>,
    /// The qualifier of a numeric fact.
    pub approx: Option<&'static str>,
    /// The indicator.
    pub subject: Option<&'a str>,
    /// The words of a change.
    pub change: Option<&'a str>,
    /// `Some(true)` for an aim or forecast, `Some(false)` for a result,
    /// `None` for facts that are not numbers.
    pub target: Option<bool>,
    /// The period a figure holds for.
    pub as_of: Option<&'a DateValue>,
    /// The key of the zone a figure is about.
    pub zone: Option<&'a str>,
    /// A platform's type.
    pub platform_type: Option<&'static str>,
    /// A date's modifier (`start`, `mid`, `end`).
    pub modifier: Option<&'static str>,
    /// A date's relation (`as_of`, `since`, `until`).
    pub relation: Option<&'static str>,
    /// A zone's identity.
    pub zone_id: Option<ZoneId<'a>>,
    /// The index of the fact's section.
    pub section: usize,
}

/// Whether this tool writes facts of this kind field by field; a kind the
/// library adds later goes through the library's own serialization.
pub fn known_kind(d: &Detail) -> bool {
    matches!(
        d,
        Detail::Money(_)
            | Detail::Count(_)
            | Detail::Measure(_)
            | Detail::Percent(_)
            | Detail::Date(_)
            | Detail::Platform(_)
            | Detail::Zone(_)
    )
}

impl<'a> Fields<'a> {
    /// The fields of a fact.
    pub fn new(fact: &'a Fact) -> Fields<'a> {
        let mut f = Fields {
            kind: fact.kind().as_str(),
            start: fact.span.start,
            end: fact.span.end,
            text: &fact.text,
            value: None,
            unit: None,
            approx: None,
            subject: None,
            change: None,
            target: None,
            as_of: None,
            zone: None,
            platform_type: None,
            modifier: None,
            relation: None,
            zone_id: None,
            section: fact.section,
        };
        if let Some(q) = fact.quantity() {
            f.value = Some(Value::Amount(q.value));
            f.unit = Some(q.unit);
            f.approx = Some(q.approx.as_str());
            f.subject = q.subject;
            f.change = q.change;
            f.target = Some(q.target);
            f.as_of = q.as_of;
            f.zone = q.zone;
            return f;
        }
        match &fact.detail {
            Detail::Date(d) => {
                f.value = Some(Value::Date(d.value));
                f.modifier = d.modifier.map(DateMod::as_str);
                f.relation = d.relation.map(Relation::as_str);
            }
            Detail::Platform(p) => {
                f.value = Some(Value::Name(&p.name));
                f.platform_type = Some(p.platform_type.as_str());
            }
            Detail::Zone(z) => {
                f.value = Some(Value::Name(&z.name));
                f.zone_id = Some(ZoneId {
                    key: &z.key,
                    zone_type: z.zone_type.as_str(),
                    level: z.level.map(|l| l.as_str()),
                    province: z.place.as_ref().map(|p| p.province.as_ref()),
                    city: z.place.as_ref().and_then(|p| p.city.as_deref()),
                    county: z.place.as_ref().and_then(|p| p.county.as_deref()),
                    place_code: z.place.as_ref().map(|p| p.code),
                });
            }
            // A kind added to the library later: its value as JSON gives it.
            _ => {
                f.value = serde_json::to_value(fact)
                    .ok()
                    .and_then(|v| v.get("value").and_then(|v| v.as_str()).map(|s| Value::Other(s.to_string())));
            }
        }
        f
    }

    /// Extra qualifiers of dates and platforms: `type`, `mod`, `relation`.
    pub fn extras(&self) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        if let Some(t) = self.platform_type {
            out.push(("type", t));
        }
        if let Some(m) = self.modifier {
            out.push(("mod", m));
        }
        if let Some(r) = self.relation {
            out.push(("relation", r));
        }
        out
    }

    /// A zone's identity in a few words: `key=… type=… level=… 江苏省/常州市/武进区 320412`.
    pub fn zone_identity(&self) -> Option<String> {
        let z = self.zone_id.as_ref()?;
        let mut s = format!("key={} type={}", z.key, z.zone_type);
        if let Some(l) = z.level {
            s.push_str(&format!(" level={l}"));
        }
        let place: Vec<&str> = [z.province, z.city, z.county].into_iter().flatten().collect();
        if !place.is_empty() {
            s.push(' ');
            s.push_str(&place.join("/"));
        }
        if let Some(c) = z.place_code {
            s.push_str(&format!(" {c}"));
        }
        Some(s)
    }
}

/// The zone a section is about: its key, else its name as written.
pub fn section_zone<'a>(doc: &'a Document<'_>, section: usize) -> Option<&'a str> {
    doc.sections.get(section).and_then(|s: &Section| s.zone_key.as_deref().or(s.zone.as_deref()))
}
