//! Facts as a table: one row per fact, as columns.
//!
//! One row builder feeds two stores: Python lists (for pandas, with exact
//! `decimal.Decimal`s), and Arrow columns in plain Rust vectors, built
//! without the GIL on the worker threads and written out as the raw
//! little-endian buffers that pyarrow wraps as they are (for `to_arrow` and
//! Spark). The columns follow the names of the library's JSON fields.

use std::fmt::{self, Write as _};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use pyo3::{IntoPyObjectExt, intern};
use serde_json::Value;
use zonefacts::{Amount, DateValue, Decimal, Detail, Document};

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

// Indices into COLUMNS.
const DOC: usize = 0;
const KIND: usize = 1;
const START: usize = 2;
const END: usize = 3;
const BYTE_START: usize = 4;
const BYTE_END: usize = 5;
const TEXT: usize = 6;
const VALUE: usize = 7;
const LOW: usize = 8;
const HIGH: usize = 9;
const VALUE_FLOAT: usize = 10;
const UNIT: usize = 11;
const APPROX: usize = 12;
const SUBJECT: usize = 13;
const CHANGE: usize = 14;
const TARGET: usize = 15;
const AS_OF: usize = 16;
const ZONE: usize = 17;
const SECTION: usize = 18;
const SECTION_ZONE_KEY: usize = 19;
const TYPE: usize = 20;
const MOD: usize = 21;
const RELATION: usize = 22;
const KEY: usize = 23;
const ZONE_TYPE: usize = 24;
const LEVEL: usize = 25;
const PROVINCE: usize = 26;
const CITY: usize = 27;
const COUNTY: usize = 28;
const PLACE_CODE: usize = 29;

/// String columns whose values repeat: the pandas store makes each distinct
/// value's Python string once per call.
const REPEATING: [usize; 16] = [
    KIND, UNIT, APPROX, AS_OF, ZONE, SECTION_ZONE_KEY, TYPE, MOD, RELATION, KEY, ZONE_TYPE, LEVEL, PROVINCE, CITY,
    COUNTY, PLACE_CODE,
];

/// The Arrow scale of the decimal columns.
pub const SCALE: u32 = 10;

/// The text of a string cell: borrowed, or a value printed where it goes
/// (no `String` per row).
#[derive(Clone, Copy)]
pub enum Txt<'a> {
    S(&'a str),
    Amount(Amount),
    Code(u32),
}

impl fmt::Display for Txt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Txt::S(s) => f.write_str(s),
            Txt::Amount(a) => a.fmt(f),
            Txt::Code(c) => c.fmt(f),
        }
    }
}

/// One cell.
#[derive(Clone, Copy)]
pub enum Cell<'a> {
    Str(Option<Txt<'a>>),
    I64(i64),
    F64(Option<f64>),
    Bool(bool),
    Dec(Option<Decimal>),
}

/// A row with every cell empty (null, 0 or false).
fn empty_row<'a>() -> [Cell<'a>; NCOLS] {
    COLUMNS.map(|(_, ty)| match ty {
        Ty::Str => Cell::Str(None),
        Ty::I64 => Cell::I64(0),
        Ty::F64 => Cell::F64(None),
        Ty::Bool => Cell::Bool(false),
        Ty::Dec => Cell::Dec(None),
    })
}

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A small text buffer on the stack, for printing a number to parse it.
struct StackBuf {
    bytes: [u8; 80],
    len: usize,
}

impl fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl StackBuf {
    fn new() -> StackBuf {
        StackBuf { bytes: [0; 80], len: 0 }
    }

    /// `value` printed (empty if it does not fit).
    fn print(&mut self, value: impl fmt::Display) -> &str {
        self.len = 0;
        if write!(self, "{value}").is_err() {
            self.len = 0;
        }
        self.as_str()
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

/// The float of an amount printed as SPEC's `value` (`"12.5"`, or a
/// range `"300000000/500000000"`: its middle). Rust parses decimal text
/// correctly rounded.
fn value_float(value: &str) -> f64 {
    let f = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
    match value.split_once('/') {
        Some((a, b)) => (f(a) + f(b)) / 2.0,
        None => f(value),
    }
}

/// The text of a date value, printed once for the facts that share it.
struct DateText {
    last: Option<DateValue>,
    buf: StackBuf,
}

impl DateText {
    fn get(&mut self, d: DateValue) -> &str {
        if self.last != Some(d) {
            self.buf.print(d);
            self.last = Some(d);
        }
        self.buf.as_str()
    }
}

/// Pushes the rows of one document (index `doc_index`, from `text`).
pub fn push_document<S: Store>(store: &mut S, doc_index: usize, text: &str, doc: &Document) -> PyResult<()> {
    store.reserve(doc.facts.len());
    let mut cur = CharCursor::new(text);
    let mut amount = StackBuf::new();
    let (mut as_of, mut date) =
        (DateText { last: None, buf: StackBuf::new() }, DateText { last: None, buf: StackBuf::new() });
    for f in &doc.facts {
        let (cs, ce) = cur.span(f.span.start, f.span.end);
        let mut c = empty_row();
        c[DOC] = Cell::I64(as_i64(doc_index));
        c[KIND] = Cell::Str(Some(Txt::S(f.kind().as_str())));
        c[START] = Cell::I64(as_i64(cs));
        c[END] = Cell::I64(as_i64(ce));
        c[BYTE_START] = Cell::I64(as_i64(f.span.start));
        c[BYTE_END] = Cell::I64(as_i64(f.span.end));
        c[TEXT] = Cell::Str(Some(Txt::S(&f.text)));
        c[SECTION] = Cell::I64(as_i64(f.section));
        c[SECTION_ZONE_KEY] = Cell::Str(doc.sections.get(f.section).and_then(|s| s.zone_key.as_deref()).map(Txt::S));
        if let Some(q) = f.quantity() {
            // Printed once, for `value` and `value_float` (the whole
            // amount's text fits the buffer: 2 × 29 digits and signs).
            let value = amount.print(q.value);
            c[VALUE_FLOAT] = Cell::F64(Some(value_float(value)));
            c[VALUE] = Cell::Str(Some(if value.is_empty() { Txt::Amount(q.value) } else { Txt::S(value) }));
            c[LOW] = Cell::Dec(Some(q.value.low()));
            c[HIGH] = Cell::Dec(Some(q.value.high()));
            c[UNIT] = Cell::Str(Some(Txt::S(q.unit)));
            c[APPROX] = Cell::Str(Some(Txt::S(q.approx.as_str())));
            c[SUBJECT] = Cell::Str(q.subject.map(Txt::S));
            c[CHANGE] = Cell::Str(q.change.map(Txt::S));
            c[TARGET] = Cell::Bool(q.target);
            c[AS_OF] = Cell::Str(q.as_of.map(|d| Txt::S(as_of.get(*d))));
            c[ZONE] = Cell::Str(q.zone.map(Txt::S));
            store.push(&c)?;
            continue;
        }
        match &f.detail {
            Detail::Date(x) => {
                c[VALUE] = Cell::Str(Some(Txt::S(date.get(x.value))));
                c[MOD] = Cell::Str(x.modifier.map(|m| Txt::S(date_mod_name(m))));
                c[RELATION] = Cell::Str(x.relation.map(|r| Txt::S(relation_name(r))));
                store.push(&c)?;
            }
            Detail::Platform(p) => {
                let t = platform_type_name(p.platform_type);
                c[VALUE] = Cell::Str(Some(Txt::S(&p.name)));
                c[TYPE] = Cell::Str(Some(Txt::S(&t)));
                store.push(&c)?;
            }
            Detail::Zone(z) => {
                c[VALUE] = Cell::Str(Some(Txt::S(&z.name)));
                c[KEY] = Cell::Str(Some(Txt::S(&z.key)));
                c[ZONE_TYPE] = Cell::Str(Some(Txt::S(z.zone_type.as_str())));
                c[LEVEL] = Cell::Str(z.level.map(|l| Txt::S(l.as_str())));
                if let Some(p) = &z.place {
                    c[PROVINCE] = Cell::Str(Some(Txt::S(&p.province)));
                    c[CITY] = Cell::Str(p.city.as_deref().map(Txt::S));
                    c[COUNTY] = Cell::Str(p.county.as_deref().map(Txt::S));
                    c[PLACE_CODE] = Cell::Str(Some(Txt::Code(p.code)));
                }
                store.push(&c)?;
            }
            _ => {
                // A kind this binding does not know yet: its fields from the
                // library's serde output.
                let Ok(Value::Object(o)) = serde_json::to_value(f) else {
                    return Err(crate::internal("a fact did not serialize to an object"));
                };
                let s = |k: &str| match o.get(k) {
                    Some(Value::String(s)) => Some(Txt::S(s.as_str())),
                    _ => None,
                };
                for (i, (name, ty)) in COLUMNS.iter().enumerate() {
                    if *ty == Ty::Str && !matches!(i, KIND | TEXT | SECTION_ZONE_KEY) {
                        c[i] = Cell::Str(s(name));
                    }
                }
                if let Some(k) = s("kind") {
                    c[KIND] = Cell::Str(Some(k));
                }
                c[TARGET] = Cell::Bool(o.get("target").and_then(Value::as_bool).unwrap_or(false));
                store.push(&c)?;
            }
        }
    }
    Ok(())
}

/// Where rows go.
pub trait Store {
    fn push(&mut self, cells: &[Cell<'_>; NCOLS]) -> PyResult<()>;

    /// Makes room for `rows` more rows.
    fn reserve(&mut self, _rows: usize) {}
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
    buf: String,
}

impl<'py> Lists<'py> {
    pub fn new(py: Python<'py>) -> PyResult<Lists<'py>> {
        let cols = COLUMNS
            .iter()
            .enumerate()
            .map(|(i, &(_, ty))| match ty {
                Ty::Str => ListCol::Str(Vec::new(), REPEATING.contains(&i).then(StrCache::new)),
                Ty::I64 => ListCol::I64(Vec::new()),
                Ty::F64 => ListCol::F64(Vec::new()),
                Ty::Bool => ListCol::Bool(Vec::new()),
                Ty::Dec => ListCol::Dec(Vec::new()),
            })
            .collect();
        let decimal = py.import(intern!(py, "decimal"))?.getattr(intern!(py, "Decimal"))?;
        Ok(Lists { py, cols, decimal, buf: String::new() })
    }

    /// The columns as a dict, name to list.
    pub fn finish(self) -> PyResult<Bound<'py, PyDict>> {
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

impl Store for Lists<'_> {
    fn push(&mut self, cells: &[Cell<'_>; NCOLS]) -> PyResult<()> {
        let py = self.py;
        for (col, cell) in self.cols.iter_mut().zip(cells) {
            match (col, *cell) {
                (ListCol::Str(v, cache), Cell::Str(t)) => v.push(match (t, cache) {
                    (None, _) => py.None().into_bound(py),
                    (Some(Txt::S(s)), Some(c)) => c.get(py, s).into_any(),
                    (Some(Txt::S(s)), None) => PyString::new(py, s).into_any(),
                    (Some(t), cache) => {
                        self.buf.clear();
                        let _ = write!(self.buf, "{t}");
                        match cache {
                            Some(c) => c.get(py, &self.buf).into_any(),
                            None => PyString::new(py, &self.buf).into_any(),
                        }
                    }
                }),
                (ListCol::I64(v), Cell::I64(x)) => v.push(x),
                (ListCol::F64(v), Cell::F64(x)) => v.push(x.unwrap_or(f64::NAN)),
                (ListCol::Bool(v), Cell::Bool(x)) => v.push(x),
                (ListCol::Dec(v), Cell::Dec(x)) => v.push(match x {
                    Some(d) => {
                        self.buf.clear();
                        let _ = write!(self.buf, "{}", d.normalize());
                        self.decimal.call1((self.buf.as_str(),))?
                    }
                    None => py.None().into_bound(py),
                }),
                _ => return Err(crate::internal("a cell does not match its column")),
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- Arrow

enum ArrowCol {
    /// Arrow `string`: i32 offsets, UTF-8 data, validity.
    Str {
        offsets: Vec<i32>,
        data: Vec<u8>,
        valid: Vec<bool>,
    },
    I64(Vec<i64>),
    F64(Vec<f64>, Vec<bool>),
    Bool(Vec<bool>),
    /// Arrow `decimal128(38, 10)`: the unscaled values.
    Dec(Vec<i128>, Vec<bool>),
}

fn too_big() -> PyErr {
    crate::error("over 2 GiB of text in one column: pass fewer texts at a time")
}

/// `fmt::Write` into a byte vector.
struct Bytes<'a>(&'a mut Vec<u8>);

impl fmt::Write for Bytes<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// Arrow columns under construction: plain Rust data, built without the
/// GIL (one set per worker thread).
pub struct Arrow {
    cols: Vec<ArrowCol>,
    rows: usize,
}

impl Default for Arrow {
    fn default() -> Arrow {
        let cols = COLUMNS
            .iter()
            .map(|&(_, ty)| match ty {
                Ty::Str => ArrowCol::Str { offsets: vec![0], data: Vec::new(), valid: Vec::new() },
                Ty::I64 => ArrowCol::I64(Vec::new()),
                Ty::F64 => ArrowCol::F64(Vec::new(), Vec::new()),
                Ty::Bool => ArrowCol::Bool(Vec::new()),
                Ty::Dec => ArrowCol::Dec(Vec::new(), Vec::new()),
            })
            .collect();
        Arrow { cols, rows: 0 }
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

impl Store for Arrow {
    fn push(&mut self, cells: &[Cell<'_>; NCOLS]) -> PyResult<()> {
        for (col, cell) in self.cols.iter_mut().zip(cells) {
            match (col, *cell) {
                (ArrowCol::Str { offsets, data, valid }, Cell::Str(t)) => {
                    match t {
                        Some(Txt::S(s)) => data.extend_from_slice(s.as_bytes()),
                        Some(t) => {
                            let _ = write!(Bytes(data), "{t}");
                        }
                        None => {}
                    }
                    offsets.push(i32::try_from(data.len()).map_err(|_| too_big())?);
                    valid.push(t.is_some());
                }
                (ArrowCol::I64(v), Cell::I64(x)) => v.push(x),
                (ArrowCol::F64(v, valid), Cell::F64(x)) => {
                    v.push(x.unwrap_or(0.0));
                    valid.push(x.is_some());
                }
                (ArrowCol::Bool(v), Cell::Bool(x)) => v.push(x),
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

    fn reserve(&mut self, rows: usize) {
        for col in &mut self.cols {
            match col {
                ArrowCol::Str { offsets, data, valid } => {
                    offsets.reserve(rows);
                    data.reserve(rows * 8);
                    valid.reserve(rows);
                }
                ArrowCol::I64(v) => v.reserve(rows),
                ArrowCol::F64(v, valid) => {
                    v.reserve(rows);
                    valid.reserve(rows);
                }
                ArrowCol::Bool(v) => v.reserve(rows),
                ArrowCol::Dec(v, valid) => {
                    v.reserve(rows);
                    valid.reserve(rows);
                }
            }
        }
    }
}

impl Arrow {
    /// Empties the columns, keeping their memory for the next batch.
    pub fn clear(&mut self) {
        for col in &mut self.cols {
            match col {
                ArrowCol::Str { offsets, data, valid } => {
                    offsets.clear();
                    offsets.push(0);
                    data.clear();
                    valid.clear();
                }
                ArrowCol::I64(v) => v.clear(),
                ArrowCol::F64(v, valid) => {
                    v.clear();
                    valid.clear();
                }
                ArrowCol::Bool(v) => v.clear(),
                ArrowCol::Dec(v, valid) => {
                    v.clear();
                    valid.clear();
                }
            }
        }
        self.rows = 0;
    }

    /// The bytes of memory the columns hold.
    pub fn capacity_bytes(&self) -> usize {
        self.cols
            .iter()
            .map(|col| match col {
                ArrowCol::Str { offsets, data, valid } => offsets.capacity() * 4 + data.capacity() + valid.capacity(),
                ArrowCol::I64(v) => v.capacity() * 8,
                ArrowCol::F64(v, valid) => v.capacity() * 8 + valid.capacity(),
                ArrowCol::Bool(v) => v.capacity(),
                ArrowCol::Dec(v, valid) => v.capacity() * 16 + valid.capacity(),
            })
            .sum()
    }
}

/// A `bytes` of `len` bytes, filled in place by `fill`.
fn bytes_with<'py>(py: Python<'py>, len: usize, fill: impl FnOnce(&mut [u8])) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyBytes::new_with(py, len, |buf| {
        fill(buf);
        Ok(())
    })?
    .into_any())
}

/// `bits` packed least significant bit first, as Arrow's bitmaps.
fn bitmap<'py>(py: Python<'py>, bits: &[bool]) -> PyResult<Bound<'py, PyAny>> {
    bytes_with(py, bits.len().div_ceil(8), |buf| {
        for (byte, chunk) in buf.iter_mut().zip(bits.chunks(8)) {
            *byte = chunk.iter().enumerate().fold(0u8, |b, (i, &x)| b | (u8::from(x) << i));
        }
    })
}

/// Fixed-size values as little-endian `bytes`.
fn values<'py, T: Copy, const N: usize>(
    py: Python<'py>,
    v: &[T],
    f: impl Fn(T) -> [u8; N],
) -> PyResult<Bound<'py, PyAny>> {
    bytes_with(py, v.len() * N, |buf| {
        for (out, &x) in buf.chunks_exact_mut(N).zip(v) {
            out.copy_from_slice(&f(x));
        }
    })
}

impl Arrow {
    /// Each column as `(type, length, null_count, validity, *buffers)`,
    /// the buffers as `bytes` in the order of `pyarrow.Array.from_buffers`
    /// (validity `None` when nothing is null).
    pub fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let n = self.rows;
        let none = || py.None().into_bound(py);
        let validity = |valid: &[bool]| -> PyResult<(usize, Bound<'py, PyAny>)> {
            match valid.iter().filter(|&&v| !v).count() {
                0 => Ok((0, none())),
                nulls => Ok((nulls, bitmap(py, valid)?)),
            }
        };
        let out = PyDict::new(py);
        for ((name, _), col) in COLUMNS.iter().zip(&self.cols) {
            let (tag, (nulls, valid), buffers) = match col {
                ArrowCol::Str { offsets, data, valid } => (
                    "str",
                    validity(valid)?,
                    vec![values(py, offsets, i32::to_le_bytes)?, PyBytes::new(py, data).into_any()],
                ),
                ArrowCol::I64(v) => ("i64", (0, none()), vec![values(py, v, i64::to_le_bytes)?]),
                ArrowCol::F64(v, valid) => ("f64", validity(valid)?, vec![values(py, v, f64::to_le_bytes)?]),
                ArrowCol::Bool(v) => ("bool", (0, none()), vec![bitmap(py, v)?]),
                ArrowCol::Dec(v, valid) => ("dec", validity(valid)?, vec![values(py, v, i128::to_le_bytes)?]),
            };
            let mut spec =
                vec![tag.into_bound_py_any(py)?, n.into_bound_py_any(py)?, nulls.into_bound_py_any(py)?, valid];
            spec.extend(buffers);
            out.set_item(*name, PyTuple::new(py, spec)?)?;
        }
        Ok(out)
    }
}
