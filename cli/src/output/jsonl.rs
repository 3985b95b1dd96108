//! `--format jsonl`, written by hand: the format users run over large
//! archives, so it is the one made fast.
//!
//! The same bytes as the serde path of `json.rs` (and as the library's own
//! serialization; tests check both), without what serde costs per field:
//! keys are written as the constant bytes they are, strings are escaped
//! only when a check of eight bytes at a time finds something to escape,
//! integers and dates are formatted without `fmt`. The record is built in a
//! buffer that goes to the output every 256 KB, so a big document's JSON is never
//! held whole.

use std::fmt::{self, Write as _};
use std::io::{self, Write};

use zonefacts::{Amount, DateValue, Decimal, Detail, Fact, PartialDate, Period, Section};

use super::json::Record;

/// The buffer is handed to the writer when it grows past this: the size
/// of the writer's own buffer, so that a full chunk goes straight to the
/// output instead of being copied into that buffer first.
const CHUNK: usize = super::BUFFER;

/// A record being written.
pub struct JsonlWriter {
    buf: Vec<u8>,
}

impl Default for JsonlWriter {
    fn default() -> JsonlWriter {
        JsonlWriter { buf: Vec::with_capacity(CHUNK + 4096) }
    }
}

/// Whether any byte of `s` must be escaped in a JSON string: `"`, `\` or
/// a control character (below 0x20). Eight bytes at a time.
fn needs_escape(s: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is zero: the classic "has zero byte" test.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        // Some byte below 0x20 ("has less than n" for n <= 128: exact as to
        // whether there is one).
        let low = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        if low | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\'))) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// Writes `s` as a JSON string, escaped as serde_json escapes it.
fn string(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    let bytes = s.as_bytes();
    if !needs_escape(bytes) {
        buf.extend_from_slice(bytes);
        buf.push(b'"');
        return;
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => &[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]],
            _ => continue,
        };
        buf.extend_from_slice(&bytes[start..i]);
        buf.extend_from_slice(esc);
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

/// The decimal digits of `n` (at most 39), written at the end of `digits`:
/// returns where they start. Numbers that fit 64 bits (offsets, and the
/// mantissa of every amount a report writes) are divided as `u64`: a
/// 128-bit division by ten is a call into the runtime, ten times dearer.
fn digits_of(mut n: u128, digits: &mut [u8; 40]) -> usize {
    let mut i = digits.len();
    while u64::try_from(n).is_err() {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let mut n = u64::try_from(n).unwrap_or_default();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return i;
        }
    }
}

/// Writes an unsigned integer.
fn uint(buf: &mut Vec<u8>, n: usize) {
    let mut digits = [0u8; 40];
    let i = digits_of(n as u128, &mut digits);
    buf.extend_from_slice(&digits[i..]);
}

/// Writes `n` in at least `width` digits, zero-padded (`{n:0width$}`).
fn padded(buf: &mut Vec<u8>, n: u32, width: usize) {
    let mut digits = [0u8; 40];
    let i = digits_of(u128::from(n), &mut digits);
    let len = digits.len() - i;
    buf.resize(buf.len() + width.saturating_sub(len), b'0');
    buf.extend_from_slice(&digits[i..]);
}

/// Writes a date as its `Display` does (`2021`, `2021-11`, `XXXX-01`,
/// `2021-11-05`, `2021-Q3`), without going through `fmt`: most figures
/// carry one (`as_of`).
fn partial_date(buf: &mut Vec<u8>, d: PartialDate) {
    match d.year.map(u32::try_from) {
        Some(Ok(y)) => padded(buf, y, 4),
        // A negative year: as `Display` writes it.
        Some(Err(_)) => {
            let _ = write!(Fmt(buf), "{:04}", d.year.unwrap_or_default());
        }
        None => buf.extend_from_slice(b"XXXX"),
    }
    match d.period {
        Period::Year => {}
        Period::Month(m) => {
            buf.push(b'-');
            padded(buf, u32::from(m), 2);
        }
        Period::Day { month, day } => {
            buf.push(b'-');
            match month {
                Some(m) => padded(buf, u32::from(m), 2),
                None => buf.extend_from_slice(b"XX"),
            }
            buf.push(b'-');
            padded(buf, u32::from(day), 2);
        }
        Period::Quarter(q) => {
            buf.extend_from_slice(b"-Q");
            padded(buf, u32::from(q), 1);
        }
        Period::Half(h) => {
            buf.extend_from_slice(b"-H");
            padded(buf, u32::from(h), 1);
        }
    }
}

/// Writes a point or a range (`lo/hi`) as a JSON string, each end by
/// `write`: amounts and dates.
fn quoted<T>(buf: &mut Vec<u8>, lo: T, hi: Option<T>, write: fn(&mut Vec<u8>, T)) {
    buf.push(b'"');
    write(buf, lo);
    if let Some(hi) = hi {
        buf.push(b'/');
        write(buf, hi);
    }
    buf.push(b'"');
}

/// Writes a date value as a JSON string, as `Display` does.
fn date_value(buf: &mut Vec<u8>, v: DateValue) {
    match v {
        DateValue::Point(d) => quoted(buf, d, None, partial_date),
        DateValue::Range(a, b) => quoted(buf, a, Some(b), partial_date),
    }
}

/// Writes a decimal as `Amount` displays it (normalized: no trailing
/// zeros, no exponent), without going through `fmt`.
fn decimal(buf: &mut Vec<u8>, d: Decimal) {
    let d = d.normalize();
    let m = d.mantissa();
    let scale = d.scale() as usize;
    if m < 0 {
        buf.push(b'-');
    }
    let mut digits = [0u8; 40];
    let i = digits_of(m.unsigned_abs(), &mut digits);
    let ds = &digits[i..];
    if scale == 0 {
        buf.extend_from_slice(ds);
    } else if ds.len() > scale {
        let (int, frac) = ds.split_at(ds.len() - scale);
        buf.extend_from_slice(int);
        buf.push(b'.');
        buf.extend_from_slice(frac);
    } else {
        buf.extend_from_slice(b"0.");
        buf.resize(buf.len() + (scale - ds.len()), b'0');
        buf.extend_from_slice(ds);
    }
}

/// Writes an amount as a JSON string: `"37800000000"`, `"300000000/500000000"`.
fn amount(buf: &mut Vec<u8>, a: Amount) {
    match a {
        Amount::Point(v) => quoted(buf, v, None, decimal),
        Amount::Range(lo, hi) => quoted(buf, lo, Some(hi), decimal),
    }
}

/// Lets `write!` format into the byte buffer.
struct Fmt<'a>(&'a mut Vec<u8>);

impl fmt::Write for Fmt<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// Writes a value through its `Display` as a JSON string. Only for values
/// whose text never needs escaping (numbers, dates, codes).
fn shown(buf: &mut Vec<u8>, v: impl fmt::Display) {
    buf.push(b'"');
    let _ = write!(Fmt(buf), "{v}");
    buf.push(b'"');
}

/// `,"key":` then a string.
fn field(buf: &mut Vec<u8>, key: &[u8], s: &str) {
    buf.extend_from_slice(key);
    string(buf, s);
}

impl JsonlWriter {
    /// Writes one record and its line break.
    pub fn record(&mut self, out: &mut dyn Write, r: &Record) -> io::Result<()> {
        let b = &mut self.buf;
        b.extend_from_slice(b"{\"file\":");
        string(b, r.file);
        field(b, b",\"encoding\":", r.encoding);
        if let Some(m) = r.markup {
            field(b, b",\"markup\":", m);
        }
        b.extend_from_slice(b",\"sections\":[");
        for (i, s) in r.doc.sections.iter().enumerate() {
            if i > 0 {
                b.push(b',');
            }
            section(b, s);
        }
        b.extend_from_slice(b"],\"facts\":[");
        for (i, f) in r.doc.facts.iter().enumerate() {
            if i > 0 {
                self.buf.push(b',');
            }
            fact(&mut self.buf, f)?;
            if self.buf.len() > CHUNK {
                out.write_all(&self.buf)?;
                self.buf.clear();
            }
        }
        let b = &mut self.buf;
        b.push(b']');
        if let Some(t) = r.text {
            field(b, b",\"text\":", t);
        }
        b.extend_from_slice(b"}\n");
        out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }
}

fn opt(buf: &mut Vec<u8>, v: Option<&str>) {
    match v {
        Some(s) => string(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

fn section(b: &mut Vec<u8>, s: &Section) {
    b.extend_from_slice(b"{\"start\":");
    uint(b, s.span.start);
    b.extend_from_slice(b",\"end\":");
    uint(b, s.span.end);
    b.extend_from_slice(b",\"title\":");
    opt(b, s.title.as_deref());
    b.extend_from_slice(b",\"zone\":");
    opt(b, s.zone.as_deref());
    if let Some(k) = &s.zone_key {
        field(b, b",\"zone_key\":", k);
    }
    b.extend_from_slice(b",\"reporter\":");
    match s.reporters.as_slice() {
        [] => b.extend_from_slice(b"null"),
        [one] => string(b, one),
        many => string(b, &many.join("、")),
    }
    b.push(b'}');
}

fn fact(b: &mut Vec<u8>, f: &Fact) -> io::Result<()> {
    if !super::fields::known_kind(&f.detail) {
        // A kind this tool does not know: the library's own serialization.
        return serde_json::to_writer(&mut *b, f).map_err(io::Error::other);
    }
    b.extend_from_slice(b"{\"kind\":\"");
    b.extend_from_slice(f.kind().as_str().as_bytes());
    b.extend_from_slice(b"\",\"start\":");
    uint(b, f.span.start);
    b.extend_from_slice(b",\"end\":");
    uint(b, f.span.end);
    field(b, b",\"text\":", &f.text);
    let q = f.quantity();
    match (&q, &f.detail) {
        (Some(q), _) => {
            b.extend_from_slice(b",\"value\":");
            amount(b, q.value);
            field(b, b",\"unit\":", q.unit);
            b.extend_from_slice(b",\"approx\":\"");
            b.extend_from_slice(q.approx.as_str().as_bytes());
            b.push(b'"');
            if let Some(v) = q.subject {
                field(b, b",\"subject\":", v);
            }
            if let Some(v) = q.change {
                field(b, b",\"change\":", v);
            }
            if q.target {
                b.extend_from_slice(b",\"target\":true");
            }
        }
        (None, Detail::Date(d)) => {
            b.extend_from_slice(b",\"value\":");
            date_value(b, d.value);
            if let Some(m) = d.modifier {
                field(b, b",\"mod\":", m.as_str());
            }
            if let Some(r) = d.relation {
                field(b, b",\"relation\":", r.as_str());
            }
        }
        (None, Detail::Platform(p)) => {
            field(b, b",\"value\":", &p.name);
            field(b, b",\"type\":", p.platform_type.as_str());
        }
        (None, Detail::Zone(z)) => {
            field(b, b",\"value\":", &z.name);
            field(b, b",\"key\":", &z.key);
            field(b, b",\"zone_type\":", z.zone_type.as_str());
            if let Some(l) = z.level {
                field(b, b",\"level\":", l.as_str());
            }
            if let Some(p) = &z.place {
                field(b, b",\"province\":", &p.province);
                if let Some(c) = &p.city {
                    field(b, b",\"city\":", c);
                }
                if let Some(c) = &p.county {
                    field(b, b",\"county\":", c);
                }
                b.extend_from_slice(b",\"place_code\":");
                shown(b, p.code);
            }
        }
        (None, _) => {}
    }
    b.extend_from_slice(b",\"section\":");
    uint(b, f.section);
    if let Some(q) = &q {
        if let Some(d) = q.as_of {
            b.extend_from_slice(b",\"as_of\":");
            date_value(b, *d);
        }
        if let Some(z) = q.zone {
            field(b, b",\"zone\":", z);
        }
    }
    b.push(b'}');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use zonefacts::Document;

    fn line(r: &Record) -> String {
        let mut out = Vec::new();
        JsonlWriter::default().record(&mut out, r).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Dates and numbers are written as their `Display` writes them, edge
    /// values included.
    #[test]
    fn dates_and_numbers_as_display_writes_them() {
        let years = [None, Some(0), Some(7), Some(999), Some(2021), Some(12345), Some(-5), Some(i32::MIN)];
        let periods = [
            Period::Year,
            Period::Month(1),
            Period::Month(12),
            Period::Month(123),
            Period::Day { month: Some(2), day: 9 },
            Period::Day { month: None, day: 31 },
            Period::Day { month: Some(255), day: 255 },
            Period::Quarter(3),
            Period::Half(2),
            Period::Half(10),
        ];
        for year in years {
            for period in periods {
                let d = PartialDate { year, period };
                for v in [DateValue::Point(d), DateValue::Range(d, PartialDate { year: Some(2025), period })] {
                    let mut b = Vec::new();
                    date_value(&mut b, v);
                    assert_eq!(String::from_utf8(b).unwrap(), format!("\"{v}\""));
                }
            }
        }
        for n in [0, 9, 10, 4_294_967_296, usize::MAX] {
            let mut b = Vec::new();
            uint(&mut b, n);
            assert_eq!(String::from_utf8(b).unwrap(), n.to_string());
        }
        for d in [
            "0",
            "-0.05",
            "37800000000",
            "1704000000.5",
            "79228162514264337593543950335",
            "-0.0000000000000000000000000001",
        ] {
            let d: Decimal = d.parse().unwrap();
            let mut b = Vec::new();
            decimal(&mut b, d);
            assert_eq!(String::from_utf8(b).unwrap(), d.normalize().to_string());
        }
    }

    #[test]
    fn escapes_as_serde_json_does() {
        for s in ["", "总投资5亿元", "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}", "12345678\"", "1234567\u{0}", "“引号”"]
        {
            let mut b = Vec::new();
            string(&mut b, s);
            assert_eq!(String::from_utf8(b).unwrap(), serde_json::to_string(s).unwrap(), "{s:?}");
        }
        for n in [0, 7, 10, 12345, usize::MAX] {
            let mut b = Vec::new();
            uint(&mut b, n);
            assert_eq!(String::from_utf8(b).unwrap(), n.to_string());
        }
        // Every byte value in every position of a chunk.
        for b in 0u8..=0x7f {
            for pos in 0..9 {
                let mut bytes = vec![b'a'; 9];
                bytes[pos] = b;
                let s = String::from_utf8(bytes).unwrap();
                assert_eq!(needs_escape(s.as_bytes()), b < 0x20 || b == b'"' || b == b'\\', "{b:#x} at {pos}");
            }
        }
    }

    #[test]
    fn amounts_as_the_library_displays_them() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut values: Vec<Decimal> = ["0", "-0", "0.000", "1", "10", "100.00", "0.05", "-0.5", "1356.54", "12.50"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        for _ in 0..2000 {
            let mantissa = i64::try_from(next() >> 1).unwrap_or(0) >> (next() % 60);
            let scale = (next() % 12) as u32;
            values.push(Decimal::new(if next() % 5 == 0 { -mantissa } else { mantissa }, scale));
        }
        values.push(Decimal::MAX);
        values.push(Decimal::MIN);
        for v in values {
            for a in [Amount::Point(v), Amount::Range(v, v)] {
                let mut b = Vec::new();
                amount(&mut b, a);
                assert_eq!(String::from_utf8(b).unwrap(), format!("\"{a}\""), "{v:?}");
            }
        }
    }

    #[test]
    fn same_bytes_as_the_serde_path() {
        let doc = super::super::json::tests_support::rich_document();
        for text in [None, Some("原文\n“引号”")] {
            for markup in [None, Some("html")] {
                let r = Record { file: "a\"b.txt", encoding: "gb18030", markup, doc: &doc, text };
                assert_eq!(line(&r), format!("{}\n", serde_json::to_string(&r).unwrap()));
            }
        }
        let empty = Document::default();
        let r = Record { file: "-", encoding: "utf-8", markup: None, doc: &empty, text: None };
        assert_eq!(line(&r), "{\"file\":\"-\",\"encoding\":\"utf-8\",\"sections\":[],\"facts\":[]}\n");
    }

    #[test]
    fn big_documents_go_out_in_chunks() {
        let text = "总投资216亿元,新增企业32家。".repeat(12_000);
        let doc = zonefacts::extract(&text);
        let r = Record { file: "big.txt", encoding: "utf-8", markup: None, doc: &doc, text: None };
        /// Counts the writes it gets.
        struct Writes(Vec<u8>, usize);
        impl Write for Writes {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.extend_from_slice(b);
                self.1 += 1;
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut w = Writes(Vec::new(), 0);
        let mut jw = JsonlWriter::default();
        jw.record(&mut w, &r).unwrap();
        // Chunks of a little over CHUNK bytes, not one write of the whole.
        assert!(w.0.len() > 3 * CHUNK, "{} bytes", w.0.len());
        assert!(w.1 > 3 && w.1 <= w.0.len() / CHUNK + 1, "{} writes of {} bytes", w.1, w.0.len());
        assert!(jw.buf.is_empty());
        assert_eq!(String::from_utf8(w.0).unwrap(), format!("{}\n", serde_json::to_string(&r).unwrap()));
    }
}
