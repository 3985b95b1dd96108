//! Facts as a table: one row per fact, as columns.
//!
//! One row builder ([`push_document`]) feeds two stores: Python lists (for
//! pandas, with exact `decimal.Decimal`s), and Arrow columns in plain Rust
//! vectors, built without the GIL on the worker threads and written out as
//! the raw little-endian buffers that pyarrow wraps as they are (for
//! `to_arrow` and Spark). The columns follow the names of the library's
//! JSON fields; they are declared once, in [`columns!`].

use std::fmt::{self, Write as _};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use pyo3::{IntoPyObjectExt, intern};
use serde_json::Value;
use zonefacts::{Amount, DateValue, Decimal, Detail, Document};

use crate::convert::{CharCursor, StrCache};

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

/// One cell, for the stores that go column by column.
#[derive(Clone, Copy)]
pub enum Cell<'a> {
    Str(Option<&'a str>),
    I64(i64),
    F64(Option<f64>),
    Bool(bool),
    Dec(Option<Decimal>),
}

/// The Rust type of a row's field of column type `$ty`.
macro_rules! field_type {
    (Str, $a:lifetime) => { Option<&$a str> };
    (I64, $a:lifetime) => { i64 };
    (F64, $a:lifetime) => { Option<f64> };
    (Bool, $a:lifetime) => { bool };
    (Dec, $a:lifetime) => { Option<Decimal> };
}

/// The Arrow column of column type `$ty`.
macro_rules! arrow_type {
    (Str) => {
        StrCol
    };
    (I64) => {
        I64Col
    };
    (F64) => {
        F64Col
    };
    (Bool) => {
        BoolCol
    };
    (Dec) => {
        DecCol
    };
}

/// `Some(slot)` for a string field, `None` for the others.
macro_rules! str_slot {
    (Str, $e:expr) => {
        Some($e)
    };
    ($other:ident, $e:expr) => {{
        let _ = &$e;
        None
    }};
}

/// Declares the columns, in order: [`COLUMNS`], the [`Row`] of one fact, and
/// the [`Arrow`] columns with their per-column code.
macro_rules! columns {
    ($($field:ident = $name:literal : $ty:ident),* $(,)?) => {
        /// The columns in order: the index of the text, the fact's fields
        /// under their JSON names, and the extras of the table.
        pub const COLUMNS: [(&str, Ty); [$($name),*].len()] = [$(($name, Ty::$ty)),*];

        /// One fact, flattened (borrowed: no allocation per row).
        #[derive(Clone, Copy, Default)]
        pub struct Row<'a> {
            $(pub $field: field_type!($ty, 'a),)*
        }

        impl<'a> Row<'a> {
            /// The cells in column order.
            pub fn cells(&self) -> [Cell<'a>; COLUMNS.len()] {
                [$(Cell::$ty(self.$field)),*]
            }

            /// The string field of column `name`, if it is one.
            fn str_field(&mut self, name: &str) -> Option<&mut Option<&'a str>> {
                match name {
                    $($name => str_slot!($ty, &mut self.$field),)*
                    _ => None,
                }
            }
        }

        /// Arrow columns under construction: plain Rust data, built without
        /// the GIL on a worker thread.
        #[derive(Default)]
        pub struct Arrow {
            rows: usize,
            $($field: arrow_type!($ty),)*
        }

        impl Arrow {
            fn push_row(&mut self, r: &Row<'_>) -> PyResult<()> {
                $(self.$field.push(r.$field)?;)*
                self.rows += 1;
                Ok(())
            }

            fn reserve_rows(&mut self, rows: usize) {
                $(self.$field.reserve(rows);)*
            }

            /// Empties the columns, keeping their memory for the next rows.
            pub fn clear(&mut self) {
                $(self.$field.clear();)*
                self.rows = 0;
            }

            /// The bytes of memory the columns hold.
            pub fn capacity_bytes(&self) -> usize {
                0 $(+ self.$field.capacity_bytes())*
            }

            /// Each column as `(type, length, null_count, validity,
            /// *buffers)`, the buffers as `bytes` in the order of
            /// `pyarrow.Array.from_buffers` (validity `None` when nothing is
            /// null).
            pub fn export<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                let d = PyDict::new(py);
                $(d.set_item($name, self.$field.export(py, self.rows)?)?;)*
                Ok(d)
            }
        }
    };
}

columns! {
    doc = "doc": I64,
    kind = "kind": Str,
    start = "start": I64,
    end = "end": I64,
    byte_start = "byte_start": I64,
    byte_end = "byte_end": I64,
    text = "text": Str,
    value = "value": Str,
    low = "low": Dec,
    high = "high": Dec,
    value_float = "value_float": F64,
    unit = "unit": Str,
    approx = "approx": Str,
    subject = "subject": Str,
    change = "change": Str,
    target = "target": Bool,
    as_of = "as_of": Str,
    zone = "zone": Str,
    section = "section": I64,
    section_zone_key = "section_zone_key": Str,
    typ = "type": Str,
    modifier = "mod": Str,
    relation = "relation": Str,
    key = "key": Str,
    zone_type = "zone_type": Str,
    level = "level": Str,
    province = "province": Str,
    city = "city": Str,
    county = "county": Str,
    place_code = "place_code": Str,
}

const NCOLS: usize = COLUMNS.len();

/// String columns whose values repeat: the pandas store makes each distinct
/// value's Python string once per call.
const REPEATING: [&str; 16] = [
    "kind", "unit", "approx", "as_of", "zone", "section_zone_key", "type", "mod", "relation", "key", "zone_type",
    "level", "province", "city", "county", "place_code",
];

/// The Arrow scale of the decimal columns.
pub const SCALE: u32 = 10;

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A small text buffer on the stack, for values printed once per row.
struct StackBuf {
    /// Room for any amount: two decimals of 29 digits, signs, points and `/`.
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

    /// `value` printed (empty if it does not fit, which no amount, date or
    /// code does).
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

/// Prints one number of an amount as `Amount`'s `Display` does (normalized)
/// and returns its float: an integer (most amounts) by its mantissa, the
/// others by parsing the text (Rust parses decimal text correctly rounded).
fn put_number(buf: &mut StackBuf, d: Decimal) -> f64 {
    let d = d.normalize();
    let from = buf.len;
    if d.scale() == 0 {
        let m = d.mantissa();
        let _ = write!(buf, "{m}");
        // `as` rounds to the nearest float.
        return m as f64;
    }
    let _ = write!(buf, "{d}");
    std::str::from_utf8(&buf.bytes[from..buf.len]).ok().and_then(|s| s.parse().ok()).unwrap_or(f64::NAN)
}

/// An amount printed as SPEC's `value` (`"12.5"`, a range
/// `"300000000/500000000"`), and its float (a range's middle).
fn print_amount(buf: &mut StackBuf, a: Amount) -> (&str, f64) {
    buf.len = 0;
    let f = match a {
        Amount::Point(v) => put_number(buf, v),
        Amount::Range(lo, hi) => {
            let lo = put_number(buf, lo);
            let _ = buf.write_str("/");
            (lo + put_number(buf, hi)) / 2.0
        }
    };
    (buf.as_str(), f)
}

/// The text of a date value, printed once for the facts that share it.
struct DateText {
    last: Option<DateValue>,
    buf: StackBuf,
}

impl DateText {
    fn new() -> DateText {
        DateText { last: None, buf: StackBuf::new() }
    }

    fn get(&mut self, d: DateValue) -> &str {
        if self.last != Some(d) {
            self.buf.print(d);
            self.last = Some(d);
        }
        self.buf.as_str()
    }
}

/// Where rows go.
pub trait Store {
    fn push(&mut self, row: &Row<'_>) -> PyResult<()>;

    /// Makes room for `rows` more rows.
    fn reserve(&mut self, _rows: usize) {}
}

/// Pushes the rows of one document (index `doc_index`, from `text`).
pub fn push_document<S: Store>(store: &mut S, doc_index: usize, text: &str, doc: &Document) -> PyResult<()> {
    store.reserve(doc.facts.len());
    let mut cur = CharCursor::new(text);
    let (mut amount, mut code) = (StackBuf::new(), StackBuf::new());
    let (mut as_of, mut date) = (DateText::new(), DateText::new());
    for f in &doc.facts {
        let (cs, ce) = cur.span(f.span.start, f.span.end);
        let mut r = Row {
            doc: as_i64(doc_index),
            kind: Some(f.kind().as_str()),
            start: as_i64(cs),
            end: as_i64(ce),
            byte_start: as_i64(f.span.start),
            byte_end: as_i64(f.span.end),
            text: Some(&f.text),
            section: as_i64(f.section),
            section_zone_key: doc.sections.get(f.section).and_then(|s| s.zone_key.as_deref()),
            ..Row::default()
        };
        if let Some(q) = f.quantity() {
            let (value, float) = print_amount(&mut amount, q.value);
            r.value_float = Some(float);
            r.value = Some(value);
            r.low = Some(q.value.low());
            r.high = Some(q.value.high());
            r.unit = Some(q.unit);
            r.approx = Some(q.approx.as_str());
            r.subject = q.subject;
            r.change = q.change;
            r.target = q.target;
            r.as_of = q.as_of.map(|d| as_of.get(*d));
            r.zone = q.zone;
            store.push(&r)?;
            continue;
        }
        match &f.detail {
            Detail::Date(x) => {
                r.value = Some(date.get(x.value));
                r.modifier = x.modifier.map(|m| m.as_str());
                r.relation = x.relation.map(|r| r.as_str());
                store.push(&r)?;
            }
            Detail::Platform(p) => {
                r.value = Some(&p.name);
                r.typ = Some(p.platform_type.as_str());
                store.push(&r)?;
            }
            Detail::Zone(z) => {
                r.value = Some(&z.name);
                r.key = Some(&z.key);
                r.zone_type = Some(z.zone_type.as_str());
                r.level = z.level.map(|l| l.as_str());
                if let Some(p) = &z.place {
                    r.province = Some(&p.province);
                    r.city = p.city.as_deref();
                    r.county = p.county.as_deref();
                    r.place_code = Some(code.print(p.code));
                }
                store.push(&r)?;
            }
            _ => {
                // A kind this binding does not know yet: its fields from the
                // library's serde output.
                let Ok(Value::Object(o)) = serde_json::to_value(f) else {
                    return Err(crate::internal("a fact did not serialize to an object"));
                };
                for (name, v) in &o {
                    if matches!(name.as_str(), "text" | "section_zone_key") {
                        continue;
                    }
                    if let (Some(slot), Value::String(s)) = (r.str_field(name), v) {
                        *slot = Some(s.as_str());
                    }
                }
                r.target = o.get("target").and_then(Value::as_bool).unwrap_or(false);
                store.push(&r)?;
            }
        }
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
    buf: String,
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
    fn push(&mut self, row: &Row<'_>) -> PyResult<()> {
        let py = self.py;
        let cells: [Cell<'_>; NCOLS] = row.cells();
        for (col, cell) in self.cols.iter_mut().zip(cells) {
            match (col, cell) {
                (ListCol::Str(v, cache), Cell::Str(t)) => v.push(match (t, cache) {
                    (None, _) => py.None().into_bound(py),
                    (Some(s), Some(c)) => c.get(py, s).into_any(),
                    (Some(s), None) => PyString::new(py, s).into_any(),
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

impl Store for Arrow {
    fn push(&mut self, row: &Row<'_>) -> PyResult<()> {
        self.push_row(row)
    }

    fn reserve(&mut self, rows: usize) {
        self.reserve_rows(rows);
    }
}

fn too_big() -> PyErr {
    crate::error("over 2 GiB of text in one column: pass fewer texts at a time")
}

/// The unscaled value of `d` at scale [`SCALE`], if it fits in 38 digits;
/// values with more decimals (`三分之一` is 33.33…, to 27 places) are rounded
/// to 10.
pub fn unscaled(d: Decimal) -> Option<i128> {
    let d = if d.scale() > SCALE { d.round_dp(SCALE) } else { d };
    let m = d.mantissa().checked_mul(10i128.checked_pow(SCALE.checked_sub(d.scale())?)?)?;
    (m.unsigned_abs() < 10u128.pow(38)).then_some(m)
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

/// `(tag, n, null_count, validity, *buffers)`.
fn spec<'py>(
    py: Python<'py>,
    tag: &str,
    n: usize,
    valid: Option<(&[bool], usize)>,
    buffers: Vec<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let (nulls, validity) = match valid {
        Some((bits, nulls)) if nulls > 0 => (nulls, bitmap(py, bits)?),
        _ => (0, py.None().into_bound(py)),
    };
    let mut items = vec![tag.into_bound_py_any(py)?, n.into_bound_py_any(py)?, nulls.into_bound_py_any(py)?, validity];
    items.extend(buffers);
    PyTuple::new(py, items)
}

/// What every Arrow column does.
trait Column {
    type In<'a>;
    fn push(&mut self, v: Self::In<'_>) -> PyResult<()>;
    fn reserve(&mut self, rows: usize);
    fn clear(&mut self);
    fn capacity_bytes(&self) -> usize;
    fn export<'py>(&mut self, py: Python<'py>, n: usize) -> PyResult<Bound<'py, PyTuple>>;
}

/// Arrow `string`: i32 offsets, UTF-8 data, validity. Nulls are only
/// counted as they come (most columns are null for most kinds of fact) and
/// written out before the next value or at the end.
struct StrCol {
    offsets: Vec<i32>,
    data: Vec<u8>,
    valid: Vec<bool>,
    nulls: usize,
    /// Nulls pushed since the last value, not yet in `offsets` and `valid`.
    pending: usize,
}

impl Default for StrCol {
    fn default() -> StrCol {
        StrCol { offsets: vec![0], data: Vec::new(), valid: Vec::new(), nulls: 0, pending: 0 }
    }
}

impl StrCol {
    fn flush(&mut self) {
        if self.pending > 0 {
            let last = self.offsets.last().copied().unwrap_or(0);
            self.offsets.extend(std::iter::repeat_n(last, self.pending));
            self.valid.extend(std::iter::repeat_n(false, self.pending));
            self.pending = 0;
        }
    }
}

impl Column for StrCol {
    type In<'a> = Option<&'a str>;

    fn push(&mut self, v: Option<&str>) -> PyResult<()> {
        let Some(s) = v else {
            self.nulls += 1;
            self.pending += 1;
            return Ok(());
        };
        self.flush();
        self.data.extend_from_slice(s.as_bytes());
        self.offsets.push(i32::try_from(self.data.len()).map_err(|_| too_big())?);
        self.valid.push(true);
        Ok(())
    }

    fn reserve(&mut self, rows: usize) {
        self.offsets.reserve(rows);
        self.valid.reserve(rows);
    }

    fn clear(&mut self) {
        self.offsets.clear();
        self.offsets.push(0);
        self.data.clear();
        self.valid.clear();
        self.nulls = 0;
        self.pending = 0;
    }

    fn capacity_bytes(&self) -> usize {
        self.offsets.capacity() * 4 + self.data.capacity() + self.valid.capacity()
    }

    fn export<'py>(&mut self, py: Python<'py>, n: usize) -> PyResult<Bound<'py, PyTuple>> {
        self.flush();
        let buffers = vec![values(py, &self.offsets, i32::to_le_bytes)?, PyBytes::new(py, &self.data).into_any()];
        spec(py, "str", n, Some((&self.valid, self.nulls)), buffers)
    }
}

/// Arrow `int64`, never null.
#[derive(Default)]
struct I64Col(Vec<i64>);

impl Column for I64Col {
    type In<'a> = i64;

    fn push(&mut self, v: i64) -> PyResult<()> {
        self.0.push(v);
        Ok(())
    }

    fn reserve(&mut self, rows: usize) {
        self.0.reserve(rows);
    }

    fn clear(&mut self) {
        self.0.clear();
    }

    fn capacity_bytes(&self) -> usize {
        self.0.capacity() * 8
    }

    fn export<'py>(&mut self, py: Python<'py>, n: usize) -> PyResult<Bound<'py, PyTuple>> {
        spec(py, "i64", n, None, vec![values(py, &self.0, i64::to_le_bytes)?])
    }
}

/// Arrow `double`, nullable.
#[derive(Default)]
struct F64Col {
    v: Vec<f64>,
    valid: Vec<bool>,
    nulls: usize,
}

impl Column for F64Col {
    type In<'a> = Option<f64>;

    fn push(&mut self, v: Option<f64>) -> PyResult<()> {
        self.v.push(v.unwrap_or(0.0));
        self.valid.push(v.is_some());
        self.nulls += usize::from(v.is_none());
        Ok(())
    }

    fn reserve(&mut self, rows: usize) {
        self.v.reserve(rows);
        self.valid.reserve(rows);
    }

    fn clear(&mut self) {
        self.v.clear();
        self.valid.clear();
        self.nulls = 0;
    }

    fn capacity_bytes(&self) -> usize {
        self.v.capacity() * 8 + self.valid.capacity()
    }

    fn export<'py>(&mut self, py: Python<'py>, n: usize) -> PyResult<Bound<'py, PyTuple>> {
        spec(py, "f64", n, Some((&self.valid, self.nulls)), vec![values(py, &self.v, f64::to_le_bytes)?])
    }
}

/// Arrow `bool`, never null.
#[derive(Default)]
struct BoolCol(Vec<bool>);

impl Column for BoolCol {
    type In<'a> = bool;

    fn push(&mut self, v: bool) -> PyResult<()> {
        self.0.push(v);
        Ok(())
    }

    fn reserve(&mut self, rows: usize) {
        self.0.reserve(rows);
    }

    fn clear(&mut self) {
        self.0.clear();
    }

    fn capacity_bytes(&self) -> usize {
        self.0.capacity()
    }

    fn export<'py>(&mut self, py: Python<'py>, n: usize) -> PyResult<Bound<'py, PyTuple>> {
        spec(py, "bool", n, None, vec![bitmap(py, &self.0)?])
    }
}

/// Arrow `decimal128(38, 10)`: the unscaled values; nullable.
#[derive(Default)]
struct DecCol {
    v: Vec<i128>,
    valid: Vec<bool>,
    nulls: usize,
}

impl Column for DecCol {
    type In<'a> = Option<Decimal>;

    fn push(&mut self, v: Option<Decimal>) -> PyResult<()> {
        let m = v.and_then(unscaled);
        self.v.push(m.unwrap_or(0));
        self.valid.push(m.is_some());
        self.nulls += usize::from(m.is_none());
        Ok(())
    }

    fn reserve(&mut self, rows: usize) {
        self.v.reserve(rows);
        self.valid.reserve(rows);
    }

    fn clear(&mut self) {
        self.v.clear();
        self.valid.clear();
        self.nulls = 0;
    }

    fn capacity_bytes(&self) -> usize {
        self.v.capacity() * 16 + self.valid.capacity()
    }

    fn export<'py>(&mut self, py: Python<'py>, n: usize) -> PyResult<Bound<'py, PyTuple>> {
        spec(py, "dec", n, Some((&self.valid, self.nulls)), vec![values(py, &self.v, i128::to_le_bytes)?])
    }
}
