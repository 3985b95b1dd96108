//! One job: read the input, decode it, take the text out of HTML, extract.

use std::io::{self, Read};

use zonefacts::{CalendarDate, DEFAULT_MAX_INPUT_LEN, Document, Extractor};

use crate::decode::{self, EncodingChoice};
use crate::error::Error;
use crate::html_text;
use crate::input::{self, Job};

/// An input's text (borrowed from its bytes) and the document read from it.
struct Parsed<'a> {
    text: &'a str,
    doc: Document<'a>,
}

self_cell::self_cell!(
    /// An input's bytes, its text, and the document extracted from it,
    /// whose facts borrow their text from it (the library copies none): they
    /// travel together from the worker thread to the output. The bytes are
    /// the file's own when it is UTF-8: checked once, never copied into a
    /// `String` (which would check them again).
    struct TextAndDoc {
        owner: Vec<u8>,
        #[covariant]
        dependent: Parsed,
    }
);

/// What was extracted from one input.
pub struct Extracted {
    /// The text and the facts and sections found in it.
    read: TextAndDoc,
    /// Whether the output needs the text.
    keep_text: bool,
    /// The encoding the input was read in.
    pub encoding: &'static str,
    /// Whether the text was taken from HTML.
    pub html: bool,
}

impl Extracted {
    /// The facts and sections.
    pub fn doc(&self) -> &Document<'_> {
        &self.read.borrow_dependent().doc
    }

    /// The text they point into, when the output needs it.
    pub fn text(&self) -> Option<&str> {
        self.keep_text.then(|| self.read.borrow_dependent().text)
    }
}

/// The result of one job, in input order.
pub struct Outcome {
    /// The name the output gives the input.
    pub name: String,
    /// What error messages name: the path of a file, else `name`.
    pub label: Option<String>,
    /// What was extracted, or why not.
    pub result: Result<Extracted, Error>,
    /// Bytes of input consumed, for the progress bar.
    pub bytes: u64,
    /// A warning to print with the outcome.
    pub warning: Option<String>,
}

/// The text of bytes that are UTF-8 ([`decode::utf8`]).
fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    decode::utf8(bytes).map_err(|bad| Error::Malformed { encoding: "utf-8", offset: bad as u64 })
}

/// How jobs are run.
pub struct Settings {
    /// The extractor, shared by all threads.
    pub ex: Extractor,
    /// `--encoding`.
    pub encoding: EncodingChoice,
    /// Whether the output needs the text.
    pub keep_text: bool,
}

impl Settings {
    /// Extracts from `text`, UTF-8 in bytes (an error names the first
    /// byte that is not).
    fn extract(
        &self,
        text: Vec<u8>,
        date: Option<CalendarDate>,
        encoding: &'static str,
        html: bool,
    ) -> Result<Extracted, Error> {
        if text.len() > DEFAULT_MAX_INPUT_LEN {
            return Err(zonefacts::Error::InputTooLarge { len: text.len(), max: DEFAULT_MAX_INPUT_LEN }.into());
        }
        let read = TextAndDoc::try_new(text, |bytes| {
            let text = utf8(bytes)?;
            let doc = match date {
                Some(d) => self.ex.extract_with_date(text, d),
                None => self.ex.extract(text),
            };
            Ok::<_, Error>(Parsed { text, doc })
        })?;
        Ok(Extracted { read, keep_text: self.keep_text, encoding, html })
    }

    /// Decodes bytes (and takes the text out of HTML), then extracts.
    fn decode_and_extract(&self, bytes: Vec<u8>, html: bool) -> Result<Extracted, Error> {
        let decoded = decode::decode(bytes, self.encoding, html)?;
        let text = if html { html_text::to_text(utf8(&decoded.text)?).into_bytes() } else { decoded.text };
        self.extract(text, None, decoded.encoding, html)
    }

    /// Runs one job.
    pub fn process(&self, job: Job) -> Outcome {
        match job {
            Job::Failed { name, error, bytes } => {
                Outcome { name, label: None, result: Err(error), bytes, warning: None }
            }
            Job::Text { name, text, bytes, date, warning } => {
                let result = self.extract(text.into_bytes(), date, "utf-8", false);
                Outcome { name, label: None, result, bytes, warning }
            }
            Job::File { path, name } => {
                let label = Some(path.display().to_string());
                match std::fs::read(&path) {
                    Ok(b) => {
                        let len = b.len() as u64;
                        let result = self.decode_and_extract(b, input::is_html_path(&path));
                        Outcome { name, label, result, bytes: len, warning: None }
                    }
                    Err(e) => Outcome { name, label, result: Err(e.into()), bytes: 0, warning: None },
                }
            }
            Job::Stdin => {
                let mut buf = Vec::new();
                let label = Some("stdin".to_string());
                match io::stdin().lock().read_to_end(&mut buf) {
                    Ok(_) => {
                        let len = buf.len() as u64;
                        let html = input::looks_like_html(&buf);
                        let result = self.decode_and_extract(buf, html);
                        Outcome { name: "-".to_string(), label, result, bytes: len, warning: None }
                    }
                    Err(e) => Outcome { name: "-".to_string(), label, result: Err(e.into()), bytes: 0, warning: None },
                }
            }
        }
    }
}
