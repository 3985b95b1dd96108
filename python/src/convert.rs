//! Documents to Python dicts: SPEC's JSON, field for field, with `start`
//! and `end` as character offsets (Python string indices) and the byte
//! offsets as `byte_start` and `byte_end`.
//!
//! The dicts are built straight from the typed facts (no JSON text in
//! between): key strings are interned once per call, the few distinct
//! values of `kind`, `unit`, `approx`, … are made once per call, and the
//! character offsets come from one forward walk over each text.

use std::collections::HashMap;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::{IntoPyObjectExt, intern};
use serde_json::Value;
use zonefacts::{DateMod, DateValue, Detail, Document, Fact, PlatformType, Relation, Section};

/// Byte offsets to character offsets, walking the text once: each call
/// counts only the characters between the previous offset and this one.
pub struct CharCursor<'t> {
    bytes: &'t [u8],
    byte: usize,
    chars: usize,
}

impl<'t> CharCursor<'t> {
    pub fn new(text: &'t str) -> CharCursor<'t> {
        CharCursor { bytes: text.as_bytes(), byte: 0, chars: 0 }
    }

    /// The character index of byte offset `b`: the number of characters
    /// that start before it.
    pub fn at(&mut self, b: usize) -> usize {
        let b = b.min(self.bytes.len());
        if b >= self.byte {
            self.chars += count_chars(&self.bytes[self.byte..b]);
        } else {
            self.chars -= count_chars(&self.bytes[b..self.byte]);
        }
        self.byte = b;
        self.chars
    }

    /// The character offsets of the byte range `start..end`, with `start`
    /// at or after the previous call's offset for a single forward pass.
    pub fn span(&mut self, start: usize, end: usize) -> (usize, usize) {
        let cs = self.at(start);
        let end = end.clamp(start.min(self.bytes.len()), self.bytes.len());
        let ce = cs + count_chars(self.bytes.get(start..end).unwrap_or_default());
        (cs, ce)
    }
}

/// The number of characters that start in `bytes` (UTF-8 continuation
/// bytes are `0b10xx_xxxx`).
pub fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

macro_rules! keys {
    ($($field:ident = $name:literal),* $(,)?) => {
        /// The dict keys, interned.
        pub struct Keys<'py> {
            $(pub $field: Bound<'py, PyString>,)*
        }

        impl<'py> Keys<'py> {
            pub fn new(py: Python<'py>) -> Keys<'py> {
                Keys { $($field: intern!(py, $name).clone(),)* }
            }
        }
    };
}

keys! {
    kind = "kind", start = "start", end = "end", byte_start = "byte_start", byte_end = "byte_end",
    text = "text", value = "value", unit = "unit", approx = "approx", subject = "subject",
    change = "change", target = "target", typ = "type", modifier = "mod", relation = "relation",
    key = "key", zone_type = "zone_type", level = "level", province = "province", city = "city",
    county = "county", place_code = "place_code", section = "section", as_of = "as_of", zone = "zone",
    title = "title", zone_key = "zone_key", reporter = "reporter", sections = "sections", facts = "facts",
}

/// Python strings for values that repeat (kinds, units, qualifiers, zone
/// types, provinces…): each distinct value is made once per call.
pub struct StrCache<'py> {
    entries: HashMap<Box<str>, Bound<'py, PyString>>,
}

impl<'py> StrCache<'py> {
    const MAX: usize = 4096;

    pub fn new() -> StrCache<'py> {
        StrCache { entries: HashMap::new() }
    }

    pub fn get(&mut self, py: Python<'py>, s: &str) -> Bound<'py, PyString> {
        if let Some(v) = self.entries.get(s) {
            return v.clone();
        }
        let v = PyString::new(py, s);
        if self.entries.len() < Self::MAX {
            self.entries.insert(s.into(), v.clone());
        }
        v
    }
}

/// The JSON name of a platform type (serde's, for a type this binding does
/// not know yet).
pub fn platform_type_name(t: PlatformType) -> std::borrow::Cow<'static, str> {
    let name = match t {
        PlatformType::ResearchInstitute => "research_institute",
        PlatformType::Laboratory => "laboratory",
        PlatformType::Center => "center",
        PlatformType::Base => "base",
        PlatformType::Park => "park",
        PlatformType::Incubator => "incubator",
        PlatformType::Workstation => "workstation",
        PlatformType::College => "college",
        PlatformType::Fund => "fund",
        PlatformType::Other => "other",
        other => {
            return match serde_json::to_value(other) {
                Ok(Value::String(s)) => s.into(),
                _ => "other".into(),
            };
        }
    };
    name.into()
}

pub fn date_mod_name(m: DateMod) -> &'static str {
    match m {
        DateMod::Start => "start",
        DateMod::Mid => "mid",
        DateMod::End => "end",
    }
}

pub fn relation_name(r: Relation) -> &'static str {
    match r {
        Relation::AsOf => "as_of",
        Relation::Since => "since",
        Relation::Until => "until",
    }
}

/// Reporters are one string in JSON, joined by `、` (as the library's serde
/// output writes them).
pub fn reporter(s: &Section) -> Option<String> {
    if s.reporters.is_empty() { None } else { Some(s.reporters.join("、")) }
}

/// A JSON value as a Python object.
pub fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_bound_py_any(py)?,
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_bound_py_any(py)?,
            (None, Some(i)) => i.into_bound_py_any(py)?,
            _ => n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)?,
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let items = a.iter().map(|x| json_to_py(py, x)).collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, json_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// Builds the dicts of documents; one per call of `extract` or
/// `extract_batch`, so that its caches serve every document of a batch.
pub struct Converter<'py> {
    py: Python<'py>,
    k: Keys<'py>,
    small: StrCache<'py>,
}

impl<'py> Converter<'py> {
    pub fn new(py: Python<'py>) -> Converter<'py> {
        Converter { py, k: Keys::new(py), small: StrCache::new() }
    }

    /// `{"sections": [...], "facts": [...]}` for `doc`, extracted from `text`.
    pub fn document(&mut self, text: &str, doc: &Document) -> PyResult<Bound<'py, PyDict>> {
        let py = self.py;
        let mut cur = CharCursor::new(text);
        let mut sections = Vec::with_capacity(doc.sections.len());
        for s in &doc.sections {
            sections.push(self.section(&mut cur, s)?);
        }
        let mut cur = CharCursor::new(text);
        let mut last = LastValues::default();
        let mut facts = Vec::with_capacity(doc.facts.len());
        for f in &doc.facts {
            facts.push(self.fact(&mut cur, f, &mut last)?);
        }
        let d = PyDict::new(py);
        d.set_item(&self.k.sections, PyList::new(py, sections)?)?;
        d.set_item(&self.k.facts, PyList::new(py, facts)?)?;
        Ok(d)
    }

    fn opt_str(&self, s: Option<&str>) -> Bound<'py, PyAny> {
        match s {
            Some(s) => PyString::new(self.py, s).into_any(),
            None => self.py.None().into_bound(self.py),
        }
    }

    fn section(&mut self, cur: &mut CharCursor<'_>, s: &Section) -> PyResult<Bound<'py, PyDict>> {
        let k = &self.k;
        let (cs, ce) = cur.span(s.span.start, s.span.end);
        let d = PyDict::new(self.py);
        d.set_item(&k.start, cs)?;
        d.set_item(&k.end, ce)?;
        d.set_item(&k.byte_start, s.span.start)?;
        d.set_item(&k.byte_end, s.span.end)?;
        d.set_item(&k.title, self.opt_str(s.title.as_deref()))?;
        d.set_item(&k.zone, self.opt_str(s.zone.as_deref()))?;
        if let Some(z) = &s.zone_key {
            d.set_item(&k.zone_key, z)?;
        }
        d.set_item(&k.reporter, self.opt_str(reporter(s).as_deref()))?;
        Ok(d)
    }

    fn fact(&mut self, cur: &mut CharCursor<'_>, f: &Fact, last: &mut LastValues<'py>) -> PyResult<Bound<'py, PyDict>> {
        let py = self.py;
        let (cs, ce) = cur.span(f.span.start, f.span.end);
        let d = PyDict::new(py);
        let kind = self.small.get(py, f.kind().as_str());
        let k = &self.k;
        d.set_item(&k.kind, kind)?;
        d.set_item(&k.start, cs)?;
        d.set_item(&k.end, ce)?;
        d.set_item(&k.byte_start, f.span.start)?;
        d.set_item(&k.byte_end, f.span.end)?;
        d.set_item(&k.text, PyString::new(py, &f.text))?;
        if let Some(q) = f.quantity() {
            d.set_item(&k.value, q.value.to_string())?;
            d.set_item(&k.unit, self.small.get(py, q.unit))?;
            d.set_item(&k.approx, self.small.get(py, q.approx.as_str()))?;
            if let Some(s) = q.subject {
                d.set_item(&k.subject, s)?;
            }
            if let Some(c) = q.change {
                d.set_item(&k.change, c)?;
            }
            if q.target {
                d.set_item(&k.target, true)?;
            }
            d.set_item(&k.section, f.section)?;
            if let Some(a) = q.as_of {
                d.set_item(&k.as_of, last.as_of(py, a))?;
            }
            if let Some(z) = q.zone {
                d.set_item(&k.zone, last.zone(py, z))?;
            }
            return Ok(d);
        }
        match &f.detail {
            Detail::Date(x) => {
                d.set_item(&k.value, last.date(py, &x.value))?;
                if let Some(m) = x.modifier {
                    d.set_item(&k.modifier, self.small.get(py, date_mod_name(m)))?;
                }
                if let Some(r) = x.relation {
                    d.set_item(&k.relation, self.small.get(py, relation_name(r)))?;
                }
            }
            Detail::Platform(p) => {
                d.set_item(&k.value, &p.name)?;
                d.set_item(&k.typ, self.small.get(py, &platform_type_name(p.platform_type)))?;
            }
            Detail::Zone(z) => {
                d.set_item(&k.value, &z.name)?;
                d.set_item(&k.key, &z.key)?;
                d.set_item(&k.zone_type, self.small.get(py, z.zone_type.as_str()))?;
                if let Some(l) = z.level {
                    d.set_item(&k.level, self.small.get(py, l.as_str()))?;
                }
                if let Some(p) = &z.place {
                    d.set_item(&k.province, self.small.get(py, &p.province))?;
                    if let Some(c) = &p.city {
                        d.set_item(&k.city, self.small.get(py, c))?;
                    }
                    if let Some(c) = &p.county {
                        d.set_item(&k.county, self.small.get(py, c))?;
                    }
                    d.set_item(&k.place_code, p.code.to_string())?;
                }
            }
            _ => return self.fact_from_json(f, cs, ce),
        }
        d.set_item(&k.section, f.section)?;
        Ok(d)
    }

    /// A fact of a kind this binding does not know yet: the library's own
    /// serde output, with the offsets made character offsets.
    fn fact_from_json(&self, f: &Fact, cs: usize, ce: usize) -> PyResult<Bound<'py, PyDict>> {
        let v = serde_json::to_value(f).map_err(|e| crate::internal(e.to_string()))?;
        let d = json_to_py(self.py, &v)?.cast_into::<PyDict>()?;
        d.set_item(&self.k.start, cs)?;
        d.set_item(&self.k.end, ce)?;
        d.set_item(&self.k.byte_start, f.span.start)?;
        d.set_item(&self.k.byte_end, f.span.end)?;
        Ok(d)
    }
}

/// The last `as_of`, date value and zone of a document, reused when the
/// next fact has the same (facts in a paragraph share them).
#[derive(Default)]
struct LastValues<'py> {
    as_of: Option<(DateValue, Bound<'py, PyString>)>,
    date: Option<(DateValue, Bound<'py, PyString>)>,
    zone: Option<(String, Bound<'py, PyString>)>,
}

impl<'py> LastValues<'py> {
    fn as_of(&mut self, py: Python<'py>, v: &DateValue) -> Bound<'py, PyString> {
        date_cached(&mut self.as_of, py, v)
    }

    fn date(&mut self, py: Python<'py>, v: &DateValue) -> Bound<'py, PyString> {
        date_cached(&mut self.date, py, v)
    }

    fn zone(&mut self, py: Python<'py>, z: &str) -> Bound<'py, PyString> {
        match &self.zone {
            Some((k, s)) if k == z => s.clone(),
            _ => {
                let s = PyString::new(py, z);
                self.zone = Some((z.to_string(), s.clone()));
                s
            }
        }
    }
}

fn date_cached<'py>(
    slot: &mut Option<(DateValue, Bound<'py, PyString>)>,
    py: Python<'py>,
    v: &DateValue,
) -> Bound<'py, PyString> {
    match slot {
        Some((k, s)) if k == v => s.clone(),
        _ => {
            let s = PyString::new(py, &v.to_string());
            *slot = Some((*v, s.clone()));
            s
        }
    }
}
