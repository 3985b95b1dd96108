//! One job: read the input, decode it, take the text out of HTML, extract.

use std::io::{self, Read};
use std::sync::Arc;

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

/// What a group's inputs became, in the order of their bytes.
struct Parsings<'a>(Vec<Parsed<'a>>);

self_cell::self_cell!(
    /// The bytes of a group of inputs, their texts, and the documents
    /// extracted from them, whose facts borrow their text from them (the
    /// library copies none): they travel together from the worker thread to
    /// the output. The bytes are each file's own when it is UTF-8, checked
    /// with SIMD when read (an error names the first bad byte) and again
    /// when the group borrows its texts from them (a few milliseconds for
    /// 28 MB, against 25 for std's check); they are never copied into a
    /// `String`.
    struct Group {
        owner: Vec<Vec<u8>>,
        #[covariant]
        dependent: Parsings,
    }
);

/// What was extracted from one input.
pub struct Extracted {
    /// The group the input was extracted with, and its place in it.
    group: Arc<Group>,
    index: usize,
    /// Whether the output needs the text.
    keep_text: bool,
    /// The encoding the input was read in.
    pub encoding: &'static str,
    /// Whether the text was taken from HTML.
    pub html: bool,
}

/// The document of an input that has none (never built: every input of a
/// group has its document).
static NO_DOCUMENT: std::sync::LazyLock<Document<'static>> = std::sync::LazyLock::new(Document::default);

impl Extracted {
    fn parsed(&self) -> Option<&Parsed<'_>> {
        self.group.borrow_dependent().0.get(self.index)
    }

    /// The facts and sections.
    pub fn doc(&self) -> &Document<'_> {
        self.parsed().map_or(&NO_DOCUMENT, |p| &p.doc)
    }

    /// The text they point into, when the output needs it.
    pub fn text(&self) -> Option<&str> {
        self.keep_text.then(|| self.parsed().map_or("", |p| p.text))
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

/// An input read, decoded and checked, ready to extract.
struct Ready {
    /// Its text, UTF-8 (checked).
    text: Vec<u8>,
    date: Option<CalendarDate>,
    encoding: &'static str,
    html: bool,
}

/// One job on its way: what the outcome needs, and the input or why not.
struct Pending {
    name: String,
    label: Option<String>,
    bytes: u64,
    warning: Option<String>,
    ready: Result<Ready, Error>,
}

impl Settings {
    /// Checks the size of `text`, which is UTF-8: a `String`'s bytes, or
    /// bytes [`decode::decode`] checked.
    fn ready(text: Vec<u8>, date: Option<CalendarDate>, encoding: &'static str, html: bool) -> Result<Ready, Error> {
        if text.len() > DEFAULT_MAX_INPUT_LEN {
            return Err(zonefacts::Error::InputTooLarge { len: text.len(), max: DEFAULT_MAX_INPUT_LEN }.into());
        }
        Ok(Ready { text, date, encoding, html })
    }

    /// Decodes bytes (and takes the text out of HTML).
    fn decode(&self, bytes: Vec<u8>, html: bool) -> Result<Ready, Error> {
        let decoded = decode::decode(bytes, self.encoding, html)?;
        let text = if html { html_text::to_text(utf8(&decoded.text)?).into_bytes() } else { decoded.text };
        Self::ready(text, None, decoded.encoding, html)
    }

    /// Reads one job's input.
    fn read(&self, job: Job) -> Pending {
        match job {
            Job::Failed { name, error, bytes } => {
                Pending { name, label: None, bytes, warning: None, ready: Err(error) }
            }
            Job::Text { name, text, bytes, date, warning } => {
                let ready = Self::ready(text.into_bytes(), date, "utf-8", false);
                Pending { name, label: None, bytes, warning, ready }
            }
            Job::File { path, name, .. } => {
                let label = Some(path.display().to_string());
                match std::fs::read(&path) {
                    Ok(b) => {
                        let bytes = b.len() as u64;
                        let ready = self.decode(b, input::is_html_path(&path));
                        Pending { name, label, bytes, warning: None, ready }
                    }
                    Err(e) => Pending { name, label, bytes: 0, warning: None, ready: Err(e.into()) },
                }
            }
            Job::Stdin => {
                let mut buf = Vec::new();
                let label = Some("stdin".to_string());
                let name = "-".to_string();
                match io::stdin().lock().read_to_end(&mut buf) {
                    Ok(_) => {
                        let bytes = buf.len() as u64;
                        let html = input::looks_like_html(&buf);
                        let ready = self.decode(buf, html);
                        Pending { name, label, bytes, warning: None, ready }
                    }
                    Err(e) => Pending { name, label, bytes: 0, warning: None, ready: Err(e.into()) },
                }
            }
        }
    }

    /// Runs a group of jobs, extracting their inputs together (stage by
    /// stage: `Extractor::extract_many`, which is sooner on many short
    /// texts); the outcomes come in the order of the jobs.
    pub fn process_group(&self, jobs: Vec<Job>) -> Vec<Outcome> {
        let pending: Vec<Pending> = jobs.into_iter().map(|j| self.read(j)).collect();
        // The texts to extract, and for each job where its text is.
        let mut texts = Vec::new();
        let mut metas = Vec::with_capacity(pending.len());
        let mut rest = Vec::with_capacity(pending.len());
        for p in pending {
            let Pending { name, label, bytes, warning, ready } = p;
            let at = match ready {
                Ok(r) => {
                    texts.push(r.text);
                    metas.push((r.date, r.encoding, r.html));
                    Ok(texts.len() - 1)
                }
                Err(e) => Err(e),
            };
            rest.push((name, label, bytes, warning, at));
        }
        let dates: Vec<Option<CalendarDate>> = metas.iter().map(|m| m.0).collect();
        let group = Arc::new(Group::new(texts, |texts| Parsings(self.extract(texts, &dates))));
        rest.into_iter()
            .map(|(name, label, bytes, warning, at)| {
                let result = at.map(|index| {
                    let (_, encoding, html) = metas.get(index).copied().unwrap_or((None, "utf-8", false));
                    Extracted { group: Arc::clone(&group), index, keep_text: self.keep_text, encoding, html }
                });
                Outcome { name, label, result, bytes, warning }
            })
            .collect()
    }

    /// The documents of `texts` (checked UTF-8): the texts of each date
    /// (none, or a record's own) extracted together, stage by stage, which
    /// gives each the document it gives alone. An archive's records often
    /// share a date (a day's articles), so those are grouped too.
    fn extract<'a>(&self, texts: &'a [Vec<u8>], dates: &[Option<CalendarDate>]) -> Vec<Parsed<'a>> {
        // UTF-8 already (a `String`'s bytes, or checked when decoded): none
        // fails here (one that did would be read as an empty text).
        let strs: Vec<&'a str> = texts.iter().map(|t| utf8(t).unwrap_or("")).collect();
        let date_of = |i: usize| dates.get(i).copied().flatten();
        // The texts' indices by date (a stable sort: in order within one).
        let mut order: Vec<usize> = (0..strs.len()).collect();
        order.sort_by_key(|&i| date_of(i));
        let mut docs: Vec<Option<Document<'a>>> = strs.iter().map(|_| None).collect();
        for same in order.chunk_by(|&a, &b| date_of(a) == date_of(b)) {
            let texts = same.iter().map(|&i| strs.get(i).copied().unwrap_or(""));
            let got = match same.first().and_then(|&i| date_of(i)) {
                Some(d) => self.ex.extract_many_with_date(texts, d),
                None => self.ex.extract_many(texts),
            };
            for (&i, doc) in same.iter().zip(got) {
                if let Some(slot) = docs.get_mut(i) {
                    *slot = Some(doc);
                }
            }
        }
        strs.iter().zip(docs).map(|(&text, doc)| Parsed { text, doc: doc.unwrap_or_default() }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings { ex: Extractor::new(), encoding: EncodingChoice::Auto, keep_text: true }
    }

    fn text(name: &str, text: &str, date: Option<&str>) -> Job {
        let date = date.map(|d| d.parse().expect("a date"));
        Job::Text { name: name.to_string(), text: text.to_string(), bytes: text.len() as u64, date, warning: None }
    }

    /// A group's outcomes come in the order of its jobs, each what the job
    /// gives alone: failures stay failures, a record with a date of its own
    /// is read with that date (together with the others of that date), the
    /// others together.
    #[test]
    fn a_group_gives_each_job_its_own_outcome() {
        let s = settings();
        let jobs = || {
            vec![
                text("a", "今年以来,新增企业32家。", None),
                Job::Failed { name: "bad".to_string(), error: Error::NoField("text".to_string()), bytes: 3 },
                text("b", "今年以来,总投资5亿元。", Some("2022-05-01")),
                text("c", "", None),
                text("d", "松岭高新区累计签约项目36个。", None),
                text("e", "去年营收突破500亿。", Some("2021-03-01")),
                text("f", "今年以来,引进企业8家。", Some("2022-05-01")),
                text("g", "去年新增企业12家。", Some("2021-03-01")),
            ]
        };
        let together = s.process_group(jobs());
        let alone: Vec<Outcome> = jobs().into_iter().flat_map(|j| s.process_group(vec![j])).collect();
        assert_eq!(together.len(), 8);
        for (t, a) in together.iter().zip(&alone) {
            assert_eq!(t.name, a.name);
            match (&t.result, &a.result) {
                (Ok(x), Ok(y)) => {
                    assert_eq!(x.doc(), y.doc());
                    assert_eq!(x.text(), y.text());
                }
                (Err(x), Err(y)) => assert_eq!(x.to_string(), y.to_string()),
                _ => panic!("{}: one failed, the other not", t.name),
            }
        }
        let as_of = |o: &Outcome| {
            o.result.as_ref().ok().and_then(|x| x.doc().facts.iter().find_map(|f| f.as_of().map(|d| d.to_string())))
        };
        assert_eq!(as_of(&together[2]).as_deref(), Some("2022"));
        assert_eq!(as_of(&together[5]).as_deref(), Some("2020"));
        assert_eq!(as_of(&together[6]).as_deref(), Some("2022"));
        assert_eq!(as_of(&together[7]).as_deref(), Some("2020"));
        assert!(together[1].result.is_err());
        assert_eq!(together[4].result.as_ref().map(|x| x.text()).ok().flatten(), Some("松岭高新区累计签约项目36个。"));
    }
}
