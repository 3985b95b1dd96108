//! Documents to Python dicts: SPEC's JSON, field for field, with `start`
//! and `end` as character offsets (Python string indices) and the byte
//! offsets as `byte_start` and `byte_end`.
//!
//! The dicts are built straight from the typed facts (no JSON text in
//! between): key strings are interned once per call, the few distinct
//! values of `kind`, `unit`, `approx`, … are made once per call, and the
//! character offsets come from one forward walk over each text.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::{IntoPyObjectExt, intern};
use serde_json::Value;
use zonefacts::{Amount, DateMod, DateValue, Detail, Document, Fact, PlatformType, Relation, Section};

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
        /// The keys of section and document dicts, interned.
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
    start = "start", end = "end", byte_start = "byte_start", byte_end = "byte_end",
    zone = "zone", title = "title", zone_key = "zone_key", reporter = "reporter",
    sections = "sections", facts = "facts",
}

/// A fast hash for the caches' short keys (FxHash: multiply and rotate);
/// the keys come from the library, not from an adversary choosing
/// collisions, and a cache holds at most [`CACHE_MAX`] of them.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Python strings for values that repeat (kinds, units, qualifiers, zone
/// types, provinces…): each distinct value is made once per call.
pub struct StrCache<'py> {
    entries: FxMap<Box<str>, Bound<'py, PyString>>,
}

impl<'py> StrCache<'py> {
    const MAX: usize = CACHE_MAX;

    pub fn new() -> StrCache<'py> {
        StrCache { entries: FxMap::default() }
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

/// The keys of a fact dict, in the order of the library's JSON (with the
/// byte offsets after the character offsets).
const FACT_KEYS: [&str; 25] = [
    "kind", "start", "end", "byte_start", "byte_end", "text", "value", "unit", "approx", "subject", "change", "target",
    "type", "mod", "relation", "key", "zone_type", "level", "province", "city", "county", "place_code", "section",
    "as_of", "zone",
];

// Indices into FACT_KEYS.
const KIND: usize = 0;
const START: usize = 1;
const END: usize = 2;
const BYTE_START: usize = 3;
const BYTE_END: usize = 4;
const TEXT: usize = 5;
const VALUE: usize = 6;
const UNIT: usize = 7;
const APPROX: usize = 8;
const SUBJECT: usize = 9;
const CHANGE: usize = 10;
const TARGET: usize = 11;
const TYPE: usize = 12;
const MOD: usize = 13;
const RELATION: usize = 14;
const KEY: usize = 15;
const ZONE_TYPE: usize = 16;
const LEVEL: usize = 17;
const PROVINCE: usize = 18;
const CITY: usize = 19;
const COUNTY: usize = 20;
const PLACE_CODE: usize = 21;
const SECTION: usize = 22;
const AS_OF: usize = 23;
const ZONE: usize = 24;

/// At most this many values are cached per call in each value cache.
const CACHE_MAX: usize = 4096;

/// Builds the dicts of documents; one per call of `extract` or
/// `extract_batch`, so that its caches serve every document of a batch.
///
/// A fact's values are gathered first, then inserted in the order of the
/// library's JSON. (Copying a template dict per set of keys, to spare the
/// two resizes, measured no faster.)
pub struct Converter<'py> {
    py: Python<'py>,
    k: Keys<'py>,
    fact_keys: Vec<Bound<'py, PyString>>,
    strs: StrCache<'py>,
    amounts: FxMap<Amount, Bound<'py, PyString>>,
    dates: FxMap<DateValue, Bound<'py, PyString>>,
}

impl<'py> Converter<'py> {
    pub fn new(py: Python<'py>) -> Converter<'py> {
        Converter {
            py,
            k: Keys::new(py),
            fact_keys: FACT_KEYS.iter().map(|k| PyString::intern(py, k)).collect(),
            strs: StrCache::new(),
            amounts: FxMap::default(),
            dates: FxMap::default(),
        }
    }

    /// `{"sections": [...], "facts": [...]}` for `doc`, extracted from `text`;
    /// `source` is the Python string `text` came from, if it was one (the
    /// facts' texts are then slices of it).
    pub fn document(
        &mut self,
        text: &str,
        source: Option<&Bound<'py, PyString>>,
        doc: &Document,
    ) -> PyResult<Bound<'py, PyDict>> {
        let py = self.py;
        let mut cur = CharCursor::new(text);
        let mut sections = Vec::with_capacity(doc.sections.len());
        for s in &doc.sections {
            sections.push(self.section(&mut cur, s)?);
        }
        let mut cur = CharCursor::new(text);
        let mut facts = Vec::with_capacity(doc.facts.len());
        for f in &doc.facts {
            facts.push(self.fact(&mut cur, source, f)?);
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

    fn s(&mut self, s: &str) -> Option<Bound<'py, PyAny>> {
        Some(self.strs.get(self.py, s).into_any())
    }

    fn new_s(&self, s: &str) -> Option<Bound<'py, PyAny>> {
        Some(PyString::new(self.py, s).into_any())
    }

    fn int(&self, n: usize) -> PyResult<Option<Bound<'py, PyAny>>> {
        Ok(Some(n.into_bound_py_any(self.py)?))
    }

    fn date(&mut self, v: &DateValue) -> Option<Bound<'py, PyAny>> {
        let py = self.py;
        let s = match self.dates.get(v) {
            Some(s) => s.clone(),
            None => {
                let s = PyString::new(py, &v.to_string());
                if self.dates.len() < CACHE_MAX {
                    self.dates.insert(*v, s.clone());
                }
                s
            }
        };
        Some(s.into_any())
    }

    fn amount(&mut self, v: &Amount) -> Option<Bound<'py, PyAny>> {
        let py = self.py;
        let s = match self.amounts.get(v) {
            Some(s) => s.clone(),
            None => {
                let s = PyString::new(py, &v.to_string());
                if self.amounts.len() < CACHE_MAX {
                    self.amounts.insert(*v, s.clone());
                }
                s
            }
        };
        Some(s.into_any())
    }

    fn fact(
        &mut self,
        cur: &mut CharCursor<'_>,
        source: Option<&Bound<'py, PyString>>,
        f: &Fact,
    ) -> PyResult<Bound<'py, PyDict>> {
        let py = self.py;
        let (cs, ce) = cur.span(f.span.start, f.span.end);
        let mut v: [Option<Bound<'py, PyAny>>; FACT_KEYS.len()] = Default::default();
        v[KIND] = self.s(f.kind().as_str());
        v[START] = self.int(cs)?;
        v[END] = self.int(ce)?;
        v[BYTE_START] = self.int(f.span.start)?;
        v[BYTE_END] = self.int(f.span.end)?;
        v[TEXT] = Some(match source {
            Some(src) => substring(src, cs, ce)?,
            None => PyString::new(py, &f.text).into_any(),
        });
        v[SECTION] = self.int(f.section)?;
        if let Some(q) = f.quantity() {
            v[VALUE] = self.amount(&q.value);
            v[UNIT] = self.s(q.unit);
            v[APPROX] = self.s(q.approx.as_str());
            v[SUBJECT] = q.subject.and_then(|s| self.s(s));
            v[CHANGE] = q.change.and_then(|s| self.s(s));
            if q.target {
                v[TARGET] = Some(true.into_bound_py_any(py)?);
            }
            v[AS_OF] = q.as_of.and_then(|d| self.date(d));
            v[ZONE] = q.zone.and_then(|s| self.s(s));
        } else {
            match &f.detail {
                Detail::Date(x) => {
                    v[VALUE] = self.date(&x.value);
                    v[MOD] = x.modifier.and_then(|m| self.s(date_mod_name(m)));
                    v[RELATION] = x.relation.and_then(|r| self.s(relation_name(r)));
                }
                Detail::Platform(p) => {
                    v[VALUE] = self.new_s(&p.name);
                    v[TYPE] = self.s(&platform_type_name(p.platform_type));
                }
                Detail::Zone(z) => {
                    v[VALUE] = self.new_s(&z.name);
                    v[KEY] = self.s(&z.key);
                    v[ZONE_TYPE] = self.s(z.zone_type.as_str());
                    v[LEVEL] = z.level.and_then(|l| self.s(l.as_str()));
                    if let Some(p) = &z.place {
                        v[PROVINCE] = self.s(&p.province);
                        v[CITY] = p.city.as_deref().and_then(|c| self.s(c));
                        v[COUNTY] = p.county.as_deref().and_then(|c| self.s(c));
                        v[PLACE_CODE] = self.s(&p.code.to_string());
                    }
                }
                _ => return self.fact_from_json(f, cs, ce),
            }
        }
        let d = PyDict::new(py);
        for (k, x) in self.fact_keys.iter().zip(v) {
            if let Some(x) = x {
                d.set_item(k, x)?;
            }
        }
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

/// `src[start:end]` (character indices), without decoding UTF-8 again.
pub fn substring<'py>(src: &Bound<'py, PyString>, start: usize, end: usize) -> PyResult<Bound<'py, PyAny>> {
    let py = src.py();
    let (Ok(start), Ok(end)) = (isize::try_from(start), isize::try_from(end)) else {
        return Err(crate::internal("offset out of range"));
    };
    // SAFETY: `src` is a live str; PyUnicode_Substring returns a new
    // reference or NULL with an exception set, which from_owned_ptr_or_err
    // turns into an error.
    unsafe { Bound::from_owned_ptr_or_err(py, pyo3::ffi::PyUnicode_Substring(src.as_ptr(), start, end)) }
}
