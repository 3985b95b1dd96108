//! The output formats, behind one [`Output`] that takes the documents in
//! input order.

pub mod csv;
pub mod fields;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod readable;
pub mod table;

use std::io::{self, BufWriter, Write};

use serde::Serialize;

use crate::args::Format;
use crate::extract::Extracted;

/// Where the output goes: standard output or a file, buffered.
pub type Out = BufWriter<Box<dyn Write>>;

/// The size of the output buffer.
pub const BUFFER: usize = 1 << 18;

/// The state of the chosen format.
enum Sink {
    Json,
    Jsonl(jsonl::JsonlWriter),
    Csv(Box<csv::CsvSink<Out>>),
    Table { first: bool },
    Html(html::Page),
}

/// The output of a run.
pub struct Output {
    sink: Sink,
    /// The writer, unless the CSV writer owns it.
    out: Option<Out>,
    /// `--with-text`: the text in each JSON record.
    with_text: bool,
}

fn closed() -> io::Error {
    io::Error::other("output already closed")
}

impl Output {
    /// Starts the output in `format`: the CSV header, the page's head.
    pub fn new(format: Format, mut out: Out, bom: bool, with_text: bool) -> io::Result<Output> {
        let sink = match format {
            Format::Json => Sink::Json,
            Format::Jsonl => Sink::Jsonl(jsonl::JsonlWriter::default()),
            Format::Table => Sink::Table { first: true },
            Format::Html => Sink::Html(html::Page::begin(&mut out)?),
            Format::Csv => {
                let sink = csv::CsvSink::new(out, bom)?;
                return Ok(Output { sink: Sink::Csv(Box::new(sink)), out: None, with_text });
            }
        };
        Ok(Output { sink, out: Some(out), with_text })
    }

    /// Writes one document. Returns a warning to print, if any (the HTML
    /// page has grown too large).
    pub fn document(&mut self, name: &str, x: &Extracted) -> io::Result<Option<String>> {
        let Output { sink, out, with_text } = self;
        if let Sink::Csv(w) = sink {
            w.document(name, x.doc())?;
            return Ok(None);
        }
        let out = out.as_mut().ok_or_else(closed)?;
        match sink {
            Sink::Json | Sink::Jsonl(_) => {
                let record = json::Record {
                    file: name,
                    encoding: x.encoding,
                    markup: x.html.then_some("html"),
                    doc: x.doc(),
                    text: if *with_text { x.text() } else { None },
                };
                if let Sink::Jsonl(w) = sink {
                    w.record(out, &record)?;
                } else {
                    let mut ser = serde_json::Serializer::pretty(&mut *out);
                    record.serialize(&mut ser).map_err(io::Error::other)?;
                    out.write_all(b"\n")?;
                }
            }
            Sink::Table { first } => table::write_document(out, name, x.doc(), std::mem::replace(first, false))?,
            Sink::Html(page) => {
                page.document(out, name, x.text().unwrap_or(""), x.doc(), x.encoding, x.html.then_some("html"))?;
                return Ok(page.size_warning());
            }
            Sink::Csv(_) => {}
        }
        Ok(None)
    }

    /// Notes an input that could not be extracted (the HTML page lists it).
    pub fn failed(&mut self, name: &str, message: &str) -> io::Result<()> {
        if let Sink::Html(page) = &mut self.sink {
            let out = self.out.as_mut().ok_or_else(closed)?;
            page.failed(out, name, message)?;
        }
        Ok(())
    }

    /// Flushes what is buffered (after each document when writing to a
    /// terminal).
    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Csv(w) => w.flush(),
            _ => self.out.as_mut().map_or(Ok(()), |o| o.flush()),
        }
    }

    /// Ends the output (the page's end) and flushes it.
    pub fn finish(self) -> io::Result<()> {
        let mut out = match self.sink {
            Sink::Csv(w) => w.finish()?,
            Sink::Html(page) => {
                let mut out = self.out.ok_or_else(closed)?;
                page.end(&mut out)?;
                out
            }
            _ => self.out.ok_or_else(closed)?,
        };
        out.flush()
    }

    /// Whether the output needs each input's text.
    pub fn needs_text(format: Format, with_text: bool) -> bool {
        format == Format::Html || (with_text && matches!(format, Format::Json | Format::Jsonl))
    }
}
