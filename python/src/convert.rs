//! Documents to Python dicts: SPEC's JSON, field for field, with `start`
//! and `end` as character offsets (Python string indices) and the byte
//! offsets as `byte_start` and `byte_end`.
//!
//! The dicts are built straight from the typed facts (no JSON text in
//! between), in two steps. On the worker threads, without the GIL, a
//! [`Chunk`] of documents is prepared: character offsets from one forward
//! walk over each text, values printed, and every string value numbered by
//! the worker's [`Interner`] (each distinct value once per call). On the
//! calling thread, the [`Builder`] then only makes Python objects: one
//! string per numbered value, one integer per offset value, the dicts.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::{IntoPyObjectExt, intern};
use serde_json::Value;
use zonefacts::{Amount, DateValue, Decimal, Detail, Document, Fact};

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
    // In blocks of 64 bytes, which the compiler turns into vector
    // compares and sums.
    let mut blocks = bytes.chunks_exact(64);
    let mut continuations = 0;
    for b in &mut blocks {
        continuations += b.iter().map(|&x| u8::from((x as i8) < -0x40)).sum::<u8>() as usize;
    }
    let tail = blocks.remainder();
    bytes.len() - continuations - tail.iter().filter(|&&b| (b as i8) < -0x40).count()
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

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            self.add(u64::from_le_bytes(word));
        }
        let tail = words.remainder();
        if !tail.is_empty() {
            let mut word = [0u8; 8];
            word[..tail.len()].copy_from_slice(tail);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The product's high bits depend on every input bit, its low bits
        // only on the input's low bits; hashbrown picks the bucket with the
        // low bits. (rustc-hash 2 does the same.)
        self.0.rotate_left(26)
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

/// The keys every fact dict has.
const ALWAYS: u32 = 1 << KIND | 1 << START | 1 << END | 1 << BYTE_START | 1 << BYTE_END | 1 << TEXT | 1 << SECTION;

/// At most this many values are cached per call in each value cache.
const CACHE_MAX: usize = 4096;

/// Entries of an [`Interner`]'s cache of amounts.
const AMOUNT_CACHE: usize = 512;

/// No string: the key is left out (or, for a section, is `None`).
const NONE: u32 = u32::MAX;

/// The strings of one worker's facts, numbered: the calling thread makes
/// one Python string per number instead of looking every value up. Static
/// strings (kinds, units, qualifiers…) are found by address, dates and place
/// codes by value, the other strings by their text, each distinct one
/// numbered once per call; amounts are kept in a small cache and platform
/// names (seldom repeated) not looked up, so that these may be numbered
/// more than once.
pub struct Interner {
    worker: usize,
    owned: FxMap<Box<str>, u32>,
    statics: FxMap<(usize, usize), u32>,
    /// The amounts printed last, by their bits ([`amount_bits`]), in a
    /// direct-mapped cache: most amounts occur once or twice, and a map of
    /// them all would outgrow the processor's caches (`Decimal`'s own
    /// `Hash` and `Eq` would also normalize first, which costs more than
    /// printing).
    amounts: Vec<([u128; 2], u32)>,
    dates: FxMap<DateValue, u32>,
    codes: FxMap<u32, u32>,
    next: u32,
    /// The strings numbered since the last [`Chunk::finish`], in order.
    new: String,
    new_ends: Vec<usize>,
    buf: String,
}

impl Interner {
    pub fn new(worker: usize) -> Interner {
        Interner {
            worker,
            owned: FxMap::default(),
            statics: FxMap::default(),
            amounts: Vec::new(),
            dates: FxMap::default(),
            codes: FxMap::default(),
            next: 0,
            new: String::new(),
            new_ends: Vec::new(),
            buf: String::new(),
        }
    }

    /// Numbers the new string that `write` writes, into the interner's
    /// buffer (reused: no allocation per string).
    fn push_written(&mut self, write: impl FnOnce(&mut String)) -> PyResult<u32> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        write(&mut buf);
        let id = self.push(&buf);
        self.buf = buf;
        id
    }

    /// Numbers a new string.
    fn push(&mut self, s: &str) -> PyResult<u32> {
        let id = self.next;
        if id == NONE {
            return Err(crate::internal("too many distinct strings in one batch"));
        }
        self.next += 1;
        self.new.push_str(s);
        self.new_ends.push(self.new.len());
        Ok(id)
    }

    fn str(&mut self, s: &str) -> PyResult<u32> {
        if let Some(&id) = self.owned.get(s) {
            return Ok(id);
        }
        let id = self.push(s)?;
        self.owned.insert(s.into(), id);
        Ok(id)
    }

    /// [`Interner::str`] through `last`, the field's value in the previous
    /// fact of the document.
    fn memo<'d>(&mut self, last: &mut Option<(&'d str, u32)>, s: Option<&'d str>) -> PyResult<u32> {
        let Some(s) = s else { return Ok(NONE) };
        match *last {
            Some((l, id)) if l == s => Ok(id),
            _ => {
                let id = self.str(s)?;
                *last = Some((s, id));
                Ok(id)
            }
        }
    }

    fn opt_str(&mut self, s: Option<&str>) -> PyResult<u32> {
        s.map_or(Ok(NONE), |s| self.str(s))
    }

    fn static_str(&mut self, s: &'static str) -> PyResult<u32> {
        let key = (s.as_ptr() as usize, s.len());
        if let Some(&id) = self.statics.get(&key) {
            return Ok(id);
        }
        let id = self.push(s)?;
        self.statics.insert(key, id);
        Ok(id)
    }

    // The `Cow` itself, not a `&str`: a borrowed one is static.
    #[allow(clippy::ptr_arg)]
    fn cow(&mut self, s: &std::borrow::Cow<'static, str>) -> PyResult<u32> {
        match s {
            std::borrow::Cow::Borrowed(s) => self.static_str(s),
            std::borrow::Cow::Owned(s) => self.str(s),
        }
    }

    fn amount(&mut self, a: &Amount) -> PyResult<u32> {
        let bits = amount_bits(a);
        let mut h = FxHasher::default();
        bits.hash(&mut h);
        let slot = (h.finish() as usize) % AMOUNT_CACHE;
        if self.amounts.is_empty() {
            self.amounts = vec![([0; 2], NONE); AMOUNT_CACHE];
        }
        match self.amounts.get(slot) {
            Some(&(b, id)) if b == bits && id != NONE => return Ok(id),
            _ => {}
        }
        let id = self.push_written(|buf| match a {
            Amount::Point(v) => put_decimal(buf, *v),
            Amount::Range(lo, hi) => {
                put_decimal(buf, *lo);
                buf.push('/');
                put_decimal(buf, *hi);
            }
        })?;
        if let Some(e) = self.amounts.get_mut(slot) {
            *e = (bits, id);
        }
        Ok(id)
    }

    fn date(&mut self, d: &DateValue) -> PyResult<u32> {
        if let Some(&id) = self.dates.get(d) {
            return Ok(id);
        }
        let id = self.push_written(|buf| {
            let _ = write!(buf, "{d}");
        })?;
        self.dates.insert(*d, id);
        Ok(id)
    }

    fn code(&mut self, c: u32) -> PyResult<u32> {
        if let Some(&id) = self.codes.get(&c) {
            return Ok(id);
        }
        let id = self.push_written(|buf| {
            let _ = write!(buf, "{c}");
        })?;
        self.codes.insert(c, id);
        Ok(id)
    }
}

/// Prints `d` as `Amount`'s `Display` prints each number (normalized): an
/// integer (most amounts) by its mantissa, which is faster than `Decimal`'s
/// `Display`.
fn put_decimal(buf: &mut String, d: Decimal) {
    let d = d.normalize();
    let _ = if d.scale() == 0 { write!(buf, "{}", d.mantissa()) } else { write!(buf, "{d}") };
}

/// An amount's bits: equal bits print the same. (A range's low end is
/// never the all-ones pattern that marks a point, which would be a
/// `Decimal` with flags no `Decimal` has.)
fn amount_bits(a: &Amount) -> [u128; 2] {
    match a {
        Amount::Point(v) => [u128::MAX, u128::from_le_bytes(v.serialize())],
        Amount::Range(lo, hi) => [u128::from_le_bytes(lo.serialize()), u128::from_le_bytes(hi.serialize())],
    }
}

/// The values of some fields in the previous fact of a document, with their
/// numbers: consecutive facts often share them (a report's zone and date).
#[derive(Default)]
struct Last<'d> {
    unit: Option<(&'d str, u32)>,
    subject: Option<(&'d str, u32)>,
    change: Option<(&'d str, u32)>,
    zone: Option<(&'d str, u32)>,
    key: Option<(&'d str, u32)>,
    as_of: Option<(DateValue, u32)>,
    date: Option<(DateValue, u32)>,
}

/// A section, ready to become a dict: offsets and string numbers.
struct PSection {
    chars: (usize, usize),
    bytes: (usize, usize),
    title: u32,
    zone: u32,
    zone_key: u32,
    reporter: u32,
}

/// A fact, ready to become a dict: `vals[i]` is the string number of
/// `FACT_KEYS[i]` (or [`NONE`]), for the keys whose values are strings;
/// `keys` has bit `i` set for each key the dict has.
struct PFact {
    chars: (usize, usize),
    bytes: (usize, usize),
    section: usize,
    keys: u32,
    vals: [u32; FACT_KEYS.len()],
}

/// The documents of a chunk of texts, prepared on a worker thread (offsets
/// in characters, values printed and numbered) so that the calling thread
/// only makes the Python objects.
pub struct Chunk {
    worker: usize,
    /// The strings first numbered in this chunk, concatenated, and where
    /// each ends.
    strs: String,
    str_ends: Vec<usize>,
    /// The number of sections and facts of each document, in order.
    docs: Vec<(usize, usize)>,
    sections: Vec<PSection>,
    facts: Vec<PFact>,
    /// The library's JSON of the facts of kinds this binding does not know
    /// yet (those with `keys == 0`), in order.
    others: Vec<Value>,
}

impl Chunk {
    /// An empty chunk for the documents `docs`, to be pushed in order.
    pub fn new(w: &Interner, docs: &[Document]) -> Chunk {
        Chunk {
            worker: w.worker,
            strs: String::new(),
            str_ends: Vec::new(),
            docs: Vec::with_capacity(docs.len()),
            sections: Vec::with_capacity(docs.iter().map(|d| d.sections.len()).sum()),
            facts: Vec::with_capacity(docs.iter().map(|d| d.facts.len()).sum()),
            others: Vec::new(),
        }
    }

    /// Adds `doc`, extracted from `text`; `sliced`: its facts' texts will be
    /// cut from the Python string (else they are numbered strings).
    pub fn push(&mut self, w: &mut Interner, text: &str, sliced: bool, doc: &Document) -> PyResult<()> {
        self.docs.push((doc.sections.len(), doc.facts.len()));
        // One walk over the text for the offsets of sections and facts: the
        // sections' bounds are taken as the facts pass them.
        let bounds: Vec<usize> = doc.sections.iter().flat_map(|s| [s.span.start, s.span.end]).collect();
        let mut chars = Vec::with_capacity(bounds.len());
        let mut cur = CharCursor::new(text);
        let mut last = Last::default();
        for f in &doc.facts {
            while let Some(&b) = bounds.get(chars.len()).filter(|&&b| b <= f.span.start) {
                chars.push(cur.at(b));
            }
            let p = self.fact(w, &mut last, cur.span(f.span.start, f.span.end), sliced, f)?;
            self.facts.push(p);
        }
        while let Some(&b) = bounds.get(chars.len()) {
            chars.push(cur.at(b));
        }
        for (s, c) in doc.sections.iter().zip(chars.chunks_exact(2)) {
            let reporter = match s.reporters.as_slice() {
                [] => NONE,
                [one] => w.str(one)?,
                many => {
                    let joined = many.join("、");
                    w.str(&joined)?
                }
            };
            let (cs, ce) = (c[0], c[1]);
            self.sections.push(PSection {
                // As `CharCursor::span` gives them.
                chars: (cs, if s.span.end >= s.span.start { ce } else { cs }),
                bytes: (s.span.start, s.span.end),
                title: w.opt_str(s.title.as_deref())?,
                zone: w.opt_str(s.zone.as_deref())?,
                zone_key: w.opt_str(s.zone_key.as_deref())?,
                reporter,
            });
        }
        Ok(())
    }

    fn fact<'d>(
        &mut self,
        w: &mut Interner,
        last: &mut Last<'d>,
        chars: (usize, usize),
        sliced: bool,
        f: &'d Fact,
    ) -> PyResult<PFact> {
        let mut v = [NONE; FACT_KEYS.len()];
        let mut keys = ALWAYS;
        v[KIND] = w.static_str(f.kind().as_str())?;
        if !sliced {
            v[TEXT] = w.str(&f.text)?;
        }
        if let Some(q) = f.quantity() {
            v[VALUE] = w.amount(&q.value)?;
            v[UNIT] = match &f.detail {
                Detail::Money(m) => w.static_str(m.unit.code())?,
                Detail::Measure(m) => w.static_str(m.unit.symbol())?,
                Detail::Percent(p) => w.static_str(p.unit.symbol())?,
                _ => w.memo(&mut last.unit, Some(q.unit))?,
            };
            v[APPROX] = w.static_str(q.approx.as_str())?;
            v[SUBJECT] = w.memo(&mut last.subject, q.subject)?;
            v[CHANGE] = w.memo(&mut last.change, q.change)?;
            if q.target {
                keys |= 1 << TARGET;
            }
            v[AS_OF] = match q.as_of {
                None => NONE,
                Some(d) => match last.as_of {
                    Some((l, id)) if l == *d => id,
                    _ => {
                        let id = w.date(d)?;
                        last.as_of = Some((*d, id));
                        id
                    }
                },
            };
            v[ZONE] = w.memo(&mut last.zone, q.zone)?;
        } else {
            match &f.detail {
                Detail::Date(x) => {
                    v[VALUE] = match last.date {
                        Some((l, id)) if l == x.value => id,
                        _ => {
                            let id = w.date(&x.value)?;
                            last.date = Some((x.value, id));
                            id
                        }
                    };
                    v[MOD] = x.modifier.map_or(Ok(NONE), |m| w.static_str(m.as_str()))?;
                    v[RELATION] = x.relation.map_or(Ok(NONE), |r| w.static_str(r.as_str()))?;
                }
                Detail::Platform(p) => {
                    // Platform names seldom repeat: not looked up.
                    v[VALUE] = w.push(&p.name)?;
                    if p.name == f.text {
                        v[TEXT] = v[VALUE];
                    }
                    v[TYPE] = w.static_str(p.platform_type.as_str())?;
                }
                Detail::Zone(z) => {
                    v[VALUE] = w.str(&z.name)?;
                    if z.name == f.text {
                        v[TEXT] = v[VALUE];
                    }
                    v[KEY] = w.memo(&mut last.key, Some(&z.key))?;
                    v[ZONE_TYPE] = w.static_str(z.zone_type.as_str())?;
                    v[LEVEL] = z.level.map_or(Ok(NONE), |l| w.static_str(l.as_str()))?;
                    if let Some(p) = &z.place {
                        v[PROVINCE] = w.cow(&p.province)?;
                        v[CITY] = p.city.as_ref().map_or(Ok(NONE), |c| w.cow(c))?;
                        v[COUNTY] = p.county.as_ref().map_or(Ok(NONE), |c| w.cow(c))?;
                        v[PLACE_CODE] = w.code(p.code)?;
                    }
                }
                _ => {
                    // A kind this binding does not know yet: the library's
                    // own serde output.
                    let json = serde_json::to_value(f).map_err(|e| crate::internal(e.to_string()))?;
                    self.others.push(json);
                    keys = 0;
                }
            }
        }
        if keys != 0 {
            for (i, &id) in v.iter().enumerate() {
                if id != NONE {
                    keys |= 1 << i;
                }
            }
        }
        Ok(PFact { chars, bytes: (f.span.start, f.span.end), section: f.section, keys, vals: v })
    }

    /// Hands over the strings numbered while this chunk was built.
    pub fn finish(mut self, w: &mut Interner) -> Chunk {
        self.strs = std::mem::take(&mut w.new);
        self.str_ends = std::mem::take(&mut w.new_ends);
        self
    }
}

/// At most this many integers (0, 1, 2, …) are kept per call for offsets.
const INT_CACHE_MAX: usize = 1 << 20;

/// [`FACT_KEYS`] as Python strings, interned.
static FACT_KEY_STRS: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();

/// The templates of fact dicts made so far, by set of keys: `{int: dict}`.
/// (A Python dict: the GIL guards it.)
static TEMPLATES: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// Offsets and indices as Python ints, each made once per call.
struct Ints<'py> {
    py: Python<'py>,
    cache: Vec<Option<Bound<'py, PyAny>>>,
}

impl<'py> Ints<'py> {
    /// `n` as a Python int: the cached one, or (past [`INT_CACHE_MAX`]) a new
    /// one kept in `spare`.
    fn get<'a>(&'a mut self, n: usize, spare: &'a mut Option<Bound<'py, PyAny>>) -> PyResult<&'a Bound<'py, PyAny>> {
        if n >= INT_CACHE_MAX {
            return Ok(spare.insert(n.into_bound_py_any(self.py)?));
        }
        if self.cache.len() <= n {
            self.cache.resize(n + 1, None);
        }
        let slot = self.cache.get_mut(n).ok_or_else(|| crate::internal("int cache"))?;
        match slot {
            Some(i) => Ok(i),
            None => Ok(slot.insert(n.into_bound_py_any(self.py)?)),
        }
    }
}

/// Makes the dicts of prepared chunks on the calling thread: one per call of
/// `extract` or `extract_batch`, so that its strings and integers serve
/// every document.
///
/// A fact's dict is a copy of an empty one with the same keys (values
/// `None`, see [`template`]), one per set of keys, whose values are then
/// replaced: the copy has the final size at once, where inserting 11 to 14
/// keys into a new dict would resize it twice, and shares the template's
/// keys where CPython can. (A copy of a template with a table of its own
/// measured no faster than a new dict.)
pub struct Builder<'py> {
    py: Python<'py>,
    k: Keys<'py>,
    fact_keys: Vec<Bound<'py, PyString>>,
    /// The Python strings of each worker's numbered strings.
    strs: Vec<Vec<Bound<'py, PyString>>>,
    ints: Ints<'py>,
    templates: FxMap<u32, Bound<'py, PyDict>>,
    true_: Bound<'py, PyAny>,
    /// The dicts of a document's facts, before they become its list.
    dicts: Vec<Bound<'py, PyDict>>,
}

impl<'py> Builder<'py> {
    pub fn new(py: Python<'py>) -> Builder<'py> {
        Builder {
            py,
            k: Keys::new(py),
            fact_keys: FACT_KEY_STRS
                .get_or_init(py, || FACT_KEYS.iter().map(|k| PyString::intern(py, k).unbind()).collect())
                .iter()
                .map(|k| k.bind(py).clone())
                .collect(),
            strs: Vec::new(),
            ints: Ints { py, cache: Vec::new() },
            templates: FxMap::default(),
            true_: pyo3::types::PyBool::new(py, true).to_owned().into_any(),
            dicts: Vec::new(),
        }
    }

    /// The document dicts of `chunk`, in order; `source(k)` is the Python
    /// string the chunk's `k`th text came from, if it was one.
    pub fn documents<'s>(
        &mut self,
        chunk: Chunk,
        source: impl Fn(usize) -> Option<&'s Bound<'py, PyString>>,
    ) -> PyResult<Vec<Bound<'py, PyDict>>>
    where
        'py: 's,
    {
        let py = self.py;
        let Chunk { worker, strs, str_ends, docs, sections, facts, others } = chunk;
        if self.strs.len() <= worker {
            self.strs.resize_with(worker + 1, Vec::new);
        }
        let table = self.strs.get_mut(worker).ok_or_else(|| crate::internal("no such worker"))?;
        table.reserve(str_ends.len());
        let mut start = 0;
        for end in str_ends {
            let s = strs.get(start..end).ok_or_else(|| crate::internal("bad string table"))?;
            table.push(PyString::new(py, s));
            start = end;
        }
        let mut sections = sections.iter();
        let mut facts = facts.iter();
        let mut others = others.iter();
        let mut out = Vec::with_capacity(docs.len());
        for (k, &(n_sections, n_facts)) in docs.iter().enumerate() {
            let src = source(k);
            let mut ss = Vec::with_capacity(n_sections);
            for s in sections.by_ref().take(n_sections) {
                ss.push(self.section(worker, s)?);
            }
            let mut fs = std::mem::take(&mut self.dicts);
            for f in facts.by_ref().take(n_facts) {
                fs.push(if f.keys == 0 {
                    let json = others.next().ok_or_else(|| crate::internal("a fact is missing"))?;
                    self.other(json, f)?
                } else {
                    self.fact(worker, src, f)?
                });
            }
            let d = PyDict::new(py);
            d.set_item(&self.k.sections, PyList::new(py, ss)?)?;
            d.set_item(&self.k.facts, PyList::new(py, fs.drain(..))?)?;
            self.dicts = fs;
            out.push(d);
        }
        Ok(out)
    }

    /// The string numbered `id` by worker `worker`, or `None` for [`NONE`].
    fn opt(&self, worker: usize, id: u32) -> PyResult<Bound<'py, PyAny>> {
        if id == NONE {
            return Ok(self.py.None().into_bound(self.py));
        }
        let s = self.strs.get(worker).and_then(|t| t.get(id as usize));
        Ok(s.ok_or_else(|| crate::internal("a string is missing"))?.clone().into_any())
    }

    fn section(&mut self, worker: usize, s: &PSection) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(self.py);
        let mut spare = None;
        d.set_item(&self.k.start, self.ints.get(s.chars.0, &mut spare)?)?;
        d.set_item(&self.k.end, self.ints.get(s.chars.1, &mut spare)?)?;
        d.set_item(&self.k.byte_start, self.ints.get(s.bytes.0, &mut spare)?)?;
        d.set_item(&self.k.byte_end, self.ints.get(s.bytes.1, &mut spare)?)?;
        d.set_item(&self.k.title, self.opt(worker, s.title)?)?;
        d.set_item(&self.k.zone, self.opt(worker, s.zone)?)?;
        if s.zone_key != NONE {
            d.set_item(&self.k.zone_key, self.opt(worker, s.zone_key)?)?;
        }
        d.set_item(&self.k.reporter, self.opt(worker, s.reporter)?)?;
        Ok(d)
    }

    /// A new dict with the keys of `keys` (bits of [`FACT_KEYS`]), all `None`:
    /// a copy of the template of `keys`.
    fn template(&mut self, keys: u32) -> PyResult<Bound<'py, PyDict>> {
        let t = match self.templates.entry(keys) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                // Made once per process: making one costs more than a small
                // text's dicts.
                let py = self.py;
                let all = TEMPLATES.get_or_init(py, || PyDict::new(py).unbind()).bind(py);
                let t = match all.get_item(keys)? {
                    Some(t) => t.cast_into::<PyDict>()?,
                    None => {
                        let names: Vec<&Bound<'py, PyString>> = self
                            .fact_keys
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| keys & (1 << i) != 0)
                            .map(|(_, k)| k)
                            .collect();
                        let t = template(py, &names)?;
                        all.set_item(keys, &t)?;
                        t
                    }
                };
                e.insert(t)
            }
        };
        t.copy()
    }

    fn fact(
        &mut self,
        worker: usize,
        source: Option<&Bound<'py, PyString>>,
        f: &PFact,
    ) -> PyResult<Bound<'py, PyDict>> {
        let d = self.template(f.keys)?;
        let Builder { fact_keys, strs, ints, true_, .. } = self;
        let strs = strs.get(worker).ok_or_else(|| crate::internal("no such worker"))?;
        let mut spare = None;
        let mut keys = f.keys;
        while keys != 0 {
            let i = keys.trailing_zeros() as usize;
            keys &= keys - 1;
            let v = match i {
                START => ints.get(f.chars.0, &mut spare)?,
                END => ints.get(f.chars.1, &mut spare)?,
                BYTE_START => ints.get(f.bytes.0, &mut spare)?,
                BYTE_END => ints.get(f.bytes.1, &mut spare)?,
                SECTION => ints.get(f.section, &mut spare)?,
                TARGET => &*true_,
                TEXT if f.vals[TEXT] == NONE => match source {
                    Some(src) => &*spare.insert(substring(src, f.chars.0, f.chars.1)?),
                    None => return Err(crate::internal("a fact's text is missing")),
                },
                _ => {
                    let id = f.vals.get(i).map_or(NONE, |&id| id);
                    strs.get(id as usize).ok_or_else(|| crate::internal("a string is missing"))?.as_any()
                }
            };
            let key = fact_keys.get(i).ok_or_else(|| crate::internal("no such key"))?;
            d.set_item(key, v)?;
        }
        Ok(d)
    }

    /// A fact of a kind this binding does not know yet: the library's own
    /// serde output, with the offsets made character offsets.
    fn other(&self, json: &Value, f: &PFact) -> PyResult<Bound<'py, PyDict>> {
        let d = json_to_py(self.py, json)?.cast_into::<PyDict>()?;
        d.set_item(&self.k.start, f.chars.0)?;
        d.set_item(&self.k.end, f.chars.1)?;
        d.set_item(&self.k.byte_start, f.bytes.0)?;
        d.set_item(&self.k.byte_end, f.bytes.1)?;
        Ok(d)
    }
}

/// Instances made of a template's class after the one whose `__dict__` is
/// the template: CPython sizes the values of a class's shared-key dicts by
/// the attributes set so far plus a margin that shrinks by one per instance
/// made, to one.
const TEMPLATE_SHRINK: usize = 32;

/// A dict with `keys`, in order, all `None`, to be copied.
///
/// Where the interpreter shares the keys of instance dicts (CPython's
/// "split tables", PEP 412), the template is the `__dict__` of an instance
/// of a class of its own, and its copies share its keys: each holds only
/// its values (about 180 bytes for 13 keys instead of about 470, and a
/// copy takes half the time). They are plain `dict`s all the same; CPython
/// gives one a table of its own if a key is added or removed. Elsewhere, or
/// if that dict is not exactly `keys` with `None`s, a plain dict.
fn template<'py>(py: Python<'py>, keys: &[&Bound<'py, PyString>]) -> PyResult<Bound<'py, PyDict>> {
    let plain = || -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for k in keys {
            d.set_item(k, py.None())?;
        }
        Ok(d)
    };
    let class = py.get_type::<pyo3::types::PyType>().call1((
        intern!(py, "_zonefacts_fact"),
        pyo3::types::PyTuple::empty(py),
        PyDict::new(py),
    ))?;
    let instance = class.call0()?;
    for k in keys {
        instance.setattr(*k, py.None())?;
    }
    for _ in 0..TEMPLATE_SHRINK {
        class.call0()?;
    }
    let Ok(d) = instance.getattr(intern!(py, "__dict__"))?.cast_into::<PyDict>() else { return plain() };
    let same =
        d.len() == keys.len() && d.iter().zip(keys).all(|((k, v), want)| k.eq(*want).unwrap_or(false) && v.is_none());
    if same { Ok(d) } else { plain() }
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
