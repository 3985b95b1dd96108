//! `--format csv`: one row per fact, written field by field from the fact
//! (numbers and values formatted into one reused buffer, no string built per
//! fact).

use std::fmt::Write as _;
use std::io::{self, Write};

use zonefacts::Document;

use super::fields::{Fields, section_zone};

/// The columns, in order. `zone` is the zone the figure is about (numeric
/// facts); `key` … `place_code` are a zone fact's identity; `section_zone`
/// is the zone of the fact's section.
pub const COLUMNS: [&str; 25] = [
    "file", "section", "zone", "kind", "text", "value", "unit", "approx", "subject", "change", "target", "as_of",
    "start", "end", "type", "mod", "relation", "key", "zone_type", "level", "province", "city", "county", "place_code",
    "section_zone",
];

/// Writes CSV rows.
pub struct CsvSink<W: Write> {
    w: csv::Writer<W>,
    scratch: String,
}

impl<W: Write> CsvSink<W> {
    /// Starts the output: an optional byte order mark, then the header.
    pub fn new(mut out: W, bom: bool) -> io::Result<CsvSink<W>> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut w = csv::WriterBuilder::new().buffer_capacity(1 << 16).from_writer(out);
        w.write_record(COLUMNS)?;
        Ok(CsvSink { w, scratch: String::with_capacity(64) })
    }

    /// Writes a field formatted into the scratch buffer.
    fn shown(&mut self, v: impl std::fmt::Display) -> io::Result<()> {
        self.scratch.clear();
        let _ = write!(self.scratch, "{v}");
        self.w.write_field(self.scratch.as_bytes())?;
        Ok(())
    }

    fn opt(&mut self, v: Option<&str>) -> io::Result<()> {
        self.w.write_field(v.unwrap_or(""))?;
        Ok(())
    }

    /// Writes the rows of one document.
    pub fn document(&mut self, name: &str, doc: &Document) -> io::Result<()> {
        for fact in &doc.facts {
            let f = Fields::new(fact);
            self.w.write_field(name)?;
            self.shown(f.section)?;
            self.opt(f.zone)?;
            self.w.write_field(f.kind)?;
            self.w.write_field(f.text)?;
            match &f.value {
                Some(v) => self.shown(v)?,
                None => self.opt(None)?,
            }
            self.opt(f.unit)?;
            self.opt(f.approx)?;
            self.opt(f.subject)?;
            self.opt(f.change)?;
            self.opt(f.target.map(|t| if t { "true" } else { "false" }))?;
            match f.as_of {
                Some(d) => self.shown(d)?,
                None => self.opt(None)?,
            }
            self.shown(f.start)?;
            self.shown(f.end)?;
            self.opt(f.platform_type.as_deref())?;
            self.opt(f.modifier)?;
            self.opt(f.relation)?;
            let z = f.zone_id.as_ref();
            self.opt(z.map(|z| z.key))?;
            self.opt(z.map(|z| z.zone_type))?;
            self.opt(z.and_then(|z| z.level))?;
            self.opt(z.and_then(|z| z.province))?;
            self.opt(z.and_then(|z| z.city))?;
            self.opt(z.and_then(|z| z.county))?;
            match z.and_then(|z| z.place_code) {
                Some(c) => self.shown(c)?,
                None => self.opt(None)?,
            }
            self.opt(section_zone(doc, f.section))?;
            self.w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    }

    /// Flushes what is buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }

    /// Flushes and returns the writer.
    pub fn finish(self) -> io::Result<W> {
        self.w.into_inner().map_err(|e| io::Error::other(e.to_string()))
    }
}
