//! `--format csv`: one row per fact, written by hand into one buffer that
//! goes to the output every 64 KB.
//!
//! The rows are those the `csv` crate writes with its defaults (fields
//! quoted only when they hold `,`, `"`, `\r` or `\n`, quotes doubled,
//! records ended by `\n`; a test checks it against the crate), at a
//! fraction of its cost per field: most of a row's 25 fields are empty.

use std::fmt::{self, Write as _};
use std::io::{self, Write};

use zonefacts::Document;

use super::fields::{Fields, Value, section_zone};
/// The columns, in order. `zone` is the zone the figure is about (numeric
/// facts); `key` … `place_code` are a zone fact's identity; `section_zone`
/// is the zone of the fact's section.
pub const COLUMNS: [&str; 25] = [
    "file", "section", "zone", "kind", "text", "value", "unit", "approx", "subject", "change", "target", "as_of",
    "start", "end", "type", "mod", "relation", "key", "zone_type", "level", "province", "city", "county", "place_code",
    "section_zone",
];

/// The buffer is handed to the writer when it grows past this.
const CHUNK: usize = 1 << 16;

/// Whether a field must be quoted: it holds `,`, `"`, `\r` or `\n`.
/// Eight bytes at a time.
fn needs_quotes(s: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has = |x: u64, b: u8| {
        let y = x ^ (ONES * u64::from(b));
        y.wrapping_sub(ONES) & !y & HIGH
    };
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        if has(x, b',') | has(x, b'"') | has(x, b'\r') | has(x, b'\n') != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
}

/// Lets `write!` format into the byte buffer.
struct Fmt<'a>(&'a mut Vec<u8>);

impl fmt::Write for Fmt<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// Writes CSV rows.
pub struct CsvSink<W: Write> {
    out: W,
    buf: Vec<u8>,
}

impl<W: Write> CsvSink<W> {
    /// Starts the output: an optional byte order mark, then the header.
    pub fn new(mut out: W, bom: bool) -> io::Result<CsvSink<W>> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut sink = CsvSink { out, buf: Vec::with_capacity(CHUNK + 4096) };
        for (i, c) in COLUMNS.iter().enumerate() {
            sink.sep(i);
            sink.buf.extend_from_slice(c.as_bytes());
        }
        sink.buf.push(b'\n');
        Ok(sink)
    }

    fn sep(&mut self, i: usize) {
        if i > 0 {
            self.buf.push(b',');
        }
    }

    /// A field, quoted if it must be.
    fn field(&mut self, s: &str) {
        self.buf.push(b',');
        self.raw(s);
    }

    fn raw(&mut self, s: &str) {
        let b = s.as_bytes();
        if !needs_quotes(b) {
            self.buf.extend_from_slice(b);
            return;
        }
        self.buf.push(b'"');
        for part in b.split_inclusive(|&c| c == b'"') {
            self.buf.extend_from_slice(part);
            if part.last() == Some(&b'"') {
                self.buf.push(b'"');
            }
        }
        self.buf.push(b'"');
    }

    fn opt(&mut self, v: Option<&str>) {
        self.buf.push(b',');
        if let Some(s) = v {
            self.raw(s);
        }
    }

    /// A field written with its `Display` (numbers, dates: never quoted).
    fn shown(&mut self, v: impl fmt::Display) {
        self.buf.push(b',');
        let _ = write!(Fmt(&mut self.buf), "{v}");
    }

    /// Writes the rows of one document.
    pub fn document(&mut self, name: &str, doc: &Document) -> io::Result<()> {
        for fact in &doc.facts {
            let f = Fields::new(fact);
            self.raw(name);
            self.shown(f.section);
            self.opt(f.zone);
            self.field(f.kind);
            self.field(f.text);
            match &f.value {
                Some(Value::Name(s)) => self.field(s),
                Some(Value::Other(s)) => self.field(s),
                Some(v) => self.shown(v),
                None => self.opt(None),
            }
            self.opt(f.unit);
            self.opt(f.approx);
            self.opt(f.subject);
            self.opt(f.change);
            self.opt(f.target.map(|t| if t { "true" } else { "false" }));
            match f.as_of {
                Some(d) => self.shown(d),
                None => self.opt(None),
            }
            self.shown(f.start);
            self.shown(f.end);
            self.opt(f.platform_type);
            self.opt(f.modifier);
            self.opt(f.relation);
            let z = f.zone_id.as_ref();
            self.opt(z.map(|z| z.key));
            self.opt(z.map(|z| z.zone_type));
            self.opt(z.and_then(|z| z.level));
            self.opt(z.and_then(|z| z.province));
            self.opt(z.and_then(|z| z.city));
            self.opt(z.and_then(|z| z.county));
            match z.and_then(|z| z.place_code) {
                Some(c) => self.shown(c),
                None => self.opt(None),
            }
            self.opt(section_zone(doc, f.section));
            self.buf.push(b'\n');
            if self.buf.len() > CHUNK {
                self.out.write_all(&self.buf)?;
                self.buf.clear();
            }
        }
        Ok(())
    }

    /// Hands what is buffered to the writer and flushes it.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        self.out.flush()
    }

    /// Flushes and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same bytes as the csv crate with its defaults.
    #[test]
    fn rows_as_the_csv_crate_writes_them() {
        let doc = super::super::json::tests_support::rich_document();
        let mut ours = CsvSink::new(Vec::new(), false).unwrap();
        ours.document("a,\"b\".txt", &doc).unwrap();
        ours.document("plain.txt", &doc).unwrap();
        let ours = ours.finish().unwrap();
        let mut theirs = csv::Writer::from_writer(Vec::new());
        theirs.write_record(COLUMNS).unwrap();
        for name in ["a,\"b\".txt", "plain.txt"] {
            for f in &doc.facts {
                let f = Fields::new(f);
                let o = |v: Option<&str>| v.unwrap_or("").to_string();
                let z = f.zone_id.as_ref();
                theirs
                    .write_record([
                        name.to_string(),
                        f.section.to_string(),
                        o(f.zone),
                        f.kind.to_string(),
                        f.text.to_string(),
                        f.value.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                        o(f.unit),
                        o(f.approx),
                        o(f.subject),
                        o(f.change),
                        f.target.map(|t| t.to_string()).unwrap_or_default(),
                        f.as_of.map(|d| d.to_string()).unwrap_or_default(),
                        f.start.to_string(),
                        f.end.to_string(),
                        o(f.platform_type),
                        o(f.modifier),
                        o(f.relation),
                        o(z.map(|z| z.key)),
                        o(z.map(|z| z.zone_type)),
                        o(z.and_then(|z| z.level)),
                        o(z.and_then(|z| z.province)),
                        o(z.and_then(|z| z.city)),
                        o(z.and_then(|z| z.county)),
                        z.and_then(|z| z.place_code).map(|c| c.to_string()).unwrap_or_default(),
                        o(section_zone(&doc, f.section)),
                    ])
                    .unwrap();
            }
        }
        let theirs = theirs.into_inner().unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs).unwrap());
    }

    #[test]
    fn quoting() {
        for b in 0u8..=0x7f {
            for pos in 0..9 {
                let mut bytes = vec![b'a'; 9];
                bytes[pos] = b;
                assert_eq!(needs_quotes(&bytes), matches!(b, b',' | b'"' | b'\r' | b'\n'), "{b:#x} at {pos}");
            }
        }
        assert!(!needs_quotes("总投资，5亿元".as_bytes()));
    }
}
