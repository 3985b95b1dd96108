//! Facts as a table: one row per fact, as columns.
//!
//! Two stores share one row builder: Python lists (for pandas, with exact
//! `decimal.Decimal`s) and raw little-endian buffers that pyarrow wraps as
//! Arrow arrays without touching each value in Python (for `to_arrow` and
//! Spark). The columns follow the names of the library's JSON fields.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use pyo3::{IntoPyObjectExt, intern};
use serde_json::Value;
use zonefacts::{Amount, Decimal, Detail, Document, Fact};

use crate::convert::{CharCursor, StrCache, date_mod_name, platform_type_name, relation_name};

/// The type of a column.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// UTF-8 text, nullable.
    Str,
    /// A 64-bit integer, never null.
    I64,
    /// A float, nullable (NaN in the pandas store).
    F64,
    /// A boolean, never null.
    Bool,
    /// An exact decimal, nullable: `decimal.Decimal` for pandas,
    /// `decimal128(38, 10)` for Arrow.
    Dec,
}

/// The columns in order: the index of the document, then the fact's
/// fields under their JSON names, then the extras of the table.
pub const COLUMNS: [(&str, Ty); 30] = [
    ("doc", Ty::I64),
    ("kind", Ty::Str),
    ("start", Ty::I64),
    ("end", Ty::I64),
    ("byte_start", Ty::I64),
    ("byte_end", Ty::I64),
    ("text", Ty::Str),
    ("value", Ty::Str),
    ("low", Ty::Dec),
    ("high", Ty::Dec),
    ("value_float", Ty::F64),
    ("unit", Ty::Str),
    ("approx", Ty::Str),
    ("subject", Ty::Str),
    ("change", Ty::Str),
    ("target", Ty::Bool),
    ("as_of", Ty::Str),
    ("zone", Ty::Str),
    ("section", Ty::I64),
    ("section_zone_key", Ty::Str),
    ("type", Ty::Str),
    ("mod", Ty::Str),
    ("relation", Ty::Str),
    ("key", Ty::Str),
    ("zone_type", Ty::Str),
    ("level", Ty::Str),
    ("province", Ty::Str),
    ("city", Ty::Str),
    ("county", Ty::Str),
    ("place_code", Ty::Str),
];

const NCOLS: usize = COLUMNS.len();

/// String columns with few distinct values: their Python strings are made
/// once per call.
const REPEATING: [&str; 16] = [
    "kind", "unit", "approx", "as_of", "zone", "section_zone_key", "type", "mod", "relation", "key", "zone_type",
    "level", "province", "city", "county", "place_code",
];

/// The Arrow scale of the decimal columns.
pub const SCALE: u32 = 10;

/// One cell.
#[derive(Clone, Copy)]
pub enum Cell<'a> {
    Str(Option<&'a str>),
    I64(i64),
    F64(Option<f64>),
    Bool(bool),
    Dec(Option<Decimal>),
}

/// One fact, flattened.
#[derive(Default)]
struct Row<'a> {
    doc: i64,
    kind: Cow<'a, str>,
    start: i64,
    end: i64,
    byte_start: i64,
    byte_end: i64,
    text: &'a str,
    value: Option<Cow<'a, str>>,
    low: Option<Decimal>,
    high: Option<Decimal>,
    value_float: Option<f64>,
    unit: Option<Cow<'a, str>>,
    approx: Option<Cow<'a, str>>,
    subject: Option<Cow<'a, str>>,
    change: Option<Cow<'a, str>>,
    target: bool,
    as_of: Option<String>,
    zone: Option<Cow<'a, str>>,
    section: i64,
    section_zone_key: Option<&'a str>,
    typ: Option<Cow<'a, str>>,
    modifier: Option<Cow<'a, str>>,
    relation: Option<Cow<'a, str>>,
    key: Option<Cow<'a, str>>,
    zone_type: Option<Cow<'a, str>>,
    level: Option<Cow<'a, str>>,
    province: Option<Cow<'a, str>>,
    city: Option<Cow<'a, str>>,
    county: Option<Cow<'a, str>>,
    place_code: Option<Cow<'a, str>>,
}

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn to_f64(d: Decimal) -> f64 {
    // Rust parses decimal strings correctly rounded.
    d.to_string().parse().unwrap_or(f64::NAN)
}

impl<'a> Row<'a> {
    fn new(doc_index: usize, doc: &'a Document, f: &'a Fact, cs: usize, ce: usize) -> Row<'a> {
        let mut r = Row {
            doc: as_i64(doc_index),
            kind: Cow::Borrowed(f.kind().as_str()),
            start: as_i64(cs),
            end: as_i64(ce),
            byte_start: as_i64(f.span.start),
            byte_end: as_i64(f.span.end),
            text: &f.text,
            section: as_i64(f.section),
            section_zone_key: doc.sections.get(f.section).and_then(|s| s.zone_key.as_deref()),
            ..Row::default()
        };
        if let Some(q) = f.quantity() {
            r.value = Some(Cow::Owned(q.value.to_string()));
            r.low = Some(q.value.low());
            r.high = Some(q.value.high());
            r.value_float = Some(match q.value {
                Amount::Point(v) => to_f64(v),
                Amount::Range(a, b) => (to_f64(a) + to_f64(b)) / 2.0,
            });
            r.unit = Some(Cow::Borrowed(q.unit));
            r.approx = Some(Cow::Borrowed(q.approx.as_str()));
            r.subject = q.subject.map(Cow::Borrowed);
            r.change = q.change.map(Cow::Borrowed);
            r.target = q.target;
            r.as_of = q.as_of.map(|d| d.to_string());
            r.zone = q.zone.map(Cow::Borrowed);
            return r;
        }
        match &f.detail {
            Detail::Date(x) => {
                r.value = Some(Cow::Owned(x.value.to_string()));
                r.modifier = x.modifier.map(|m| Cow::Borrowed(date_mod_name(m)));
                r.relation = x.relation.map(|m| Cow::Borrowed(relation_name(m)));
            }
            Detail::Platform(p) => {
                r.value = Some(Cow::Borrowed(&p.name));
                r.typ = Some(platform_type_name(p.platform_type));
            }
            Detail::Zone(z) => {
                r.value = Some(Cow::Borrowed(&z.name));
                r.key = Some(Cow::Borrowed(&z.key));
                r.zone_type = Some(Cow::Borrowed(z.zone_type.as_str()));
                r.level = z.level.map(|l| Cow::Borrowed(l.as_str()));
                if let Some(p) = &z.place {
                    r.province = Some(Cow::Borrowed(&p.province));
                    r.city = p.city.as_deref().map(Cow::Borrowed);
                    r.county = p.county.as_deref().map(Cow::Borrowed);
                    r.place_code = Some(Cow::Owned(p.code.to_string()));
                }
            }
            _ => r.fill_from_json(f),
        }
        r
    }

    /// A fact of a kind this binding does not know yet: its fields from the
    /// library's serde output.
    fn fill_from_json(&mut self, f: &Fact) {
        let Ok(Value::Object(o)) = serde_json::to_value(f) else { return };
        let s = |k: &str| -> Option<Cow<'a, str>> {
            match o.get(k)? {
                Value::Null => None,
                Value::String(s) => Some(Cow::Owned(s.clone())),
                v => Some(Cow::Owned(v.to_string())),
            }
        };
        self.kind = s("kind").unwrap_or(Cow::Borrowed("unknown"));
        self.value = s("value");
        self.unit = s("unit");
        self.approx = s("approx");
        self.subject = s("subject");
        self.change = s("change");
        self.target = o.get("target").and_then(Value::as_bool).unwrap_or(false);
        self.as_of = s("as_of").map(Cow::into_owned);
        self.zone = s("zone");
        self.typ = s("type");
        self.modifier = s("mod");
        self.relation = s("relation");
        self.key = s("key");
        self.zone_type = s("zone_type");
        self.level = s("level");
        self.province = s("province");
        self.city = s("city");
        self.county = s("county");
        self.place_code = s("place_code");
    }

    fn cells(&self) -> [Cell<'_>; NCOLS] {
        fn s<'r>(o: &'r Option<Cow<'_, str>>) -> Option<&'r str> {
            o.as_deref()
        }
        [
            Cell::I64(self.doc),
            Cell::Str(Some(&self.kind)),
            Cell::I64(self.start),
            Cell::I64(self.end),
            Cell::I64(self.byte_start),
            Cell::I64(self.byte_end),
            Cell::Str(Some(self.text)),
            Cell::Str(s(&self.value)),
            Cell::Dec(self.low),
            Cell::Dec(self.high),
            Cell::F64(self.value_float),
            Cell::Str(s(&self.unit)),
            Cell::Str(s(&self.approx)),
            Cell::Str(s(&self.subject)),
            Cell::Str(s(&self.change)),
            Cell::Bool(self.target),
            Cell::Str(self.as_of.as_deref()),
            Cell::Str(s(&self.zone)),
            Cell::I64(self.section),
            Cell::Str(self.section_zone_key),
            Cell::Str(s(&self.typ)),
            Cell::Str(s(&self.modifier)),
            Cell::Str(s(&self.relation)),
            Cell::Str(s(&self.key)),
            Cell::Str(s(&self.zone_type)),
            Cell::Str(s(&self.level)),
            Cell::Str(s(&self.province)),
            Cell::Str(s(&self.city)),
            Cell::Str(s(&self.county)),
            Cell::Str(s(&self.place_code)),
        ]
    }
}

/// Where rows go.
pub trait Store<'py> {
    fn push(&mut self, cells: &[Cell<'_>; NCOLS]) -> PyResult<()>;
    /// The columns as a dict, name to column.
    fn finish(self) -> PyResult<Bound<'py, PyDict>>;
}

/// Appends the rows of one document (index `doc_index`, from `text`).
pub fn push_document<'py, S: Store<'py>>(store: &mut S, doc_index: usize, text: &str, doc: &Document) -> PyResult<()> {
    let mut cur = CharCursor::new(text);
    for f in &doc.facts {
        let (cs, ce) = cur.span(f.span.start, f.span.end);
        let row = Row::new(doc_index, doc, f, cs, ce);
        store.push(&row.cells())?;
    }
    Ok(())
}

// ---------------------------------------------------------------- lists

enum ListCol<'py> {
    Str(Vec<Bound<'py, PyAny>>, Option<StrCache<'py>>),
    I64(Vec<i64>),
    F64(Vec<f64>),
    Bool(Vec<bool>),
    Dec(Vec<Bound<'py, PyAny>>),
}

/// Python lists: `str`/`None`, `int`, `float` (NaN when missing), `bool`,
/// `decimal.Decimal`/`None`.
pub struct Lists<'py> {
    py: Python<'py>,
    cols: Vec<ListCol<'py>>,
    decimal: Bound<'py, PyAny>,
}

impl<'py> Lists<'py> {
    pub fn new(py: Python<'py>) -> PyResult<Lists<'py>> {
        let cols = COLUMNS
            .iter()
            .map(|&(name, ty)| match ty {
                Ty::Str => ListCol::Str(Vec::new(), REPEATING.contains(&name).then(StrCache::new)),
                Ty::I64 => ListCol::I64(Vec::new()),
                Ty::F64 => ListCol::F64(Vec::new()),
                Ty::Bool => ListCol::Bool(Vec::new()),
                Ty::Dec => ListCol::Dec(Vec::new()),
            })
            .collect();
        let decimal = py.import(intern!(py, "decimal"))?.getattr(intern!(py, "Decimal"))?;
        Ok(Lists { py, cols, decimal })
    }
}

impl<'py> Store<'py> for Lists<'py> {
    fn push(&mut self, cells: &[Cell<'_>; NCOLS]) -> PyResult<()> {
        let py = self.py;
        for (col, cell) in self.cols.iter_mut().zip(cells) {
            match (col, *cell) {
                (ListCol::Str(v, cache), Cell::Str(s)) => v.push(match (s, cache) {
                    (None, _) => py.None().into_bound(py),
                    (Some(s), Some(c)) => c.get(py, s).into_any(),
                    (Some(s), None) => PyString::new(py, s).into_any(),
                }),
                (ListCol::I64(v), Cell::I64(x)) => v.push(x),
                (ListCol::F64(v), Cell::F64(x)) => v.push(x.unwrap_or(f64::NAN)),
                (ListCol::Bool(v), Cell::Bool(x)) => v.push(x),
                (ListCol::Dec(v), Cell::Dec(x)) => v.push(match x {
                    Some(d) => self.decimal.call1((d.to_string(),))?,
                    None => py.None().into_bound(py),
                }),
                _ => return Err(crate::internal("a cell does not match its column")),
            }
        }
        Ok(())
    }

    fn finish(self) -> PyResult<Bound<'py, PyDict>> {
        let py = self.py;
        let d = PyDict::new(py);
        for ((name, _), col) in COLUMNS.iter().zip(self.cols) {
            let list = match col {
                ListCol::Str(v, _) | ListCol::Dec(v) => PyList::new(py, v)?,
                ListCol::I64(v) => PyList::new(py, v)?,
                ListCol::F64(v) => PyList::new(py, v)?,
                ListCol::Bool(v) => PyList::new(py, v)?,
            };
            d.set_item(*name, list)?;
        }
        Ok(d)
    }
}

// ---------------------------------------------------------------- Arrow

/// A validity (or boolean) bitmap, least significant bit first.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    len: usize,
    zeros: usize,
}

impl Bits {
    fn push(&mut self, bit: bool) {
        if self.len % 8 == 0 {
            self.bytes.push(0);
        }
        if bit {
            if let Some(last) = self.bytes.last_mut() {
                *last |= 1 << (self.len % 8);
            }
        } else {
            self.zeros += 1;
        }
        self.len += 1;
    }
}

enum ArrowCol {
    /// Arrow `string`: i32 offsets, UTF-8 data, validity.
    Str {
        offsets: Vec<i32>,
        data: Vec<u8>,
        valid: Bits,
    },
    I64(Vec<i64>),
    F64(Vec<f64>, Bits),
    Bool(Bits),
    /// Arrow `decimal128(38, 10)`: the unscaled values.
    Dec(Vec<i128>, Bits),
}

/// Raw Arrow buffers.
pub struct Arrow<'py> {
    py: Python<'py>,
    cols: Vec<ArrowCol>,
    rows: usize,
}

impl<'py> Arrow<'py> {
    pub fn new(py: Python<'py>) -> Arrow<'py> {
        let cols = COLUMNS
            .iter()
            .map(|&(_, ty)| match ty {
                Ty::Str => ArrowCol::Str { offsets: vec![0], data: Vec::new(), valid: Bits::default() },
                Ty::I64 => ArrowCol::I64(Vec::new()),
                Ty::F64 => ArrowCol::F64(Vec::new(), Bits::default()),
                Ty::Bool => ArrowCol::Bool(Bits::default()),
                Ty::Dec => ArrowCol::Dec(Vec::new(), Bits::default()),
            })
            .collect();
        Arrow { py, cols, rows: 0 }
    }
}

/// The unscaled value of `d` at scale [`SCALE`], if it fits in 38 digits;
/// values with more decimals (`三分之一` is 33.33…, to 27 places) are rounded
/// to 10.
pub fn unscaled(d: Decimal) -> Option<i128> {
    let d = if d.scale() > SCALE { d.round_dp(SCALE) } else { d };
    let m = d.mantissa().checked_mul(10i128.checked_pow(SCALE.checked_sub(d.scale())?)?)?;
    (m.unsigned_abs() < 10u128.pow(38)).then_some(m)
}

fn le_bytes<T: Copy, const N: usize>(v: &[T], f: impl Fn(T) -> [u8; N]) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.len() * N);
    for &x in v {
        out.extend_from_slice(&f(x));
    }
    out
}

impl<'py> Store<'py> for Arrow<'py> {
    fn push(&mut self, cells: &[Cell<'_>; NCOLS]) -> PyResult<()> {
        for (col, cell) in self.cols.iter_mut().zip(cells) {
            match (col, *cell) {
                (ArrowCol::Str { offsets, data, valid }, Cell::Str(s)) => {
                    data.extend_from_slice(s.unwrap_or_default().as_bytes());
                    let end = i32::try_from(data.len())
                        .map_err(|_| crate::error("over 2 GiB of text in one column: pass fewer texts at a time"))?;
                    offsets.push(end);
                    valid.push(s.is_some());
                }
                (ArrowCol::I64(v), Cell::I64(x)) => v.push(x),
                (ArrowCol::F64(v, valid), Cell::F64(x)) => {
                    v.push(x.unwrap_or(0.0));
                    valid.push(x.is_some());
                }
                (ArrowCol::Bool(bits), Cell::Bool(x)) => bits.push(x),
                (ArrowCol::Dec(v, valid), Cell::Dec(x)) => {
                    let m = x.and_then(unscaled);
                    v.push(m.unwrap_or(0));
                    valid.push(m.is_some());
                }
                _ => return Err(crate::internal("a cell does not match its column")),
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Each column as `(type, length, null_count, validity, *buffers)`,
    /// the buffers as `bytes`, in the order of `pyarrow.Array.from_buffers`.
    fn finish(self) -> PyResult<Bound<'py, PyDict>> {
        let py = self.py;
        let d = PyDict::new(py);
        let n = self.rows;
        let bytes = |b: &[u8]| PyBytes::new(py, b).into_any();
        let validity = |bits: &Bits| -> Bound<'py, PyAny> {
            if bits.zeros == 0 { py.None().into_bound(py) } else { PyBytes::new(py, &bits.bytes).into_any() }
        };
        for ((name, _), col) in COLUMNS.iter().zip(self.cols) {
            let spec: Vec<Bound<'py, PyAny>> = match col {
                ArrowCol::Str { offsets, data, valid } => vec![
                    "str".into_bound_py_any(py)?,
                    n.into_bound_py_any(py)?,
                    valid.zeros.into_bound_py_any(py)?,
                    validity(&valid),
                    bytes(&le_bytes(&offsets, i32::to_le_bytes)),
                    bytes(&data),
                ],
                ArrowCol::I64(v) => vec![
                    "i64".into_bound_py_any(py)?,
                    n.into_bound_py_any(py)?,
                    0usize.into_bound_py_any(py)?,
                    py.None().into_bound(py),
                    bytes(&le_bytes(&v, i64::to_le_bytes)),
                ],
                ArrowCol::F64(v, valid) => vec![
                    "f64".into_bound_py_any(py)?,
                    n.into_bound_py_any(py)?,
                    valid.zeros.into_bound_py_any(py)?,
                    validity(&valid),
                    bytes(&le_bytes(&v, f64::to_le_bytes)),
                ],
                ArrowCol::Bool(bits) => vec![
                    "bool".into_bound_py_any(py)?,
                    n.into_bound_py_any(py)?,
                    0usize.into_bound_py_any(py)?,
                    py.None().into_bound(py),
                    bytes(&bits.bytes),
                ],
                ArrowCol::Dec(v, valid) => vec![
                    "dec".into_bound_py_any(py)?,
                    n.into_bound_py_any(py)?,
                    valid.zeros.into_bound_py_any(py)?,
                    validity(&valid),
                    bytes(&le_bytes(&v, i128::to_le_bytes)),
                ],
            };
            d.set_item(*name, PyTuple::new(py, spec)?)?;
        }
        Ok(d)
    }
}
