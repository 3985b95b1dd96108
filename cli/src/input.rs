//! Inputs: files, directories, standard input and JSON Lines records.
//!
//! The command line is expanded into a list of [`Source`]s (paths only, no
//! contents); each source then yields [`Job`]s lazily, so that only the
//! inputs being extracted are in memory.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use zonefacts::CalendarDate;

use crate::error::Error;

/// The extensions read from a directory (compared in any case).
const TEXT_EXTS: &[&str] = &["txt", "md", "html", "htm"];
/// The extensions read from a directory with `--jsonl-field`.
const JSONL_EXTS: &[&str] = &["jsonl", "ndjson"];

/// Whether a path names an HTML file: `.html` or `.htm`, any case.
pub fn is_html_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Whether text read from standard input looks like an HTML page: it
/// starts (after a byte order mark and white space) with `<!DOCTYPE html`
/// or `<html`.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let head: Vec<u8> = b[start..].iter().take(14).map(u8::to_ascii_lowercase).collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// One thing named on the command line, expanded.
pub enum Source {
    /// A text or HTML file: its path and the name printed for it.
    File {
        /// Where it is.
        path: PathBuf,
        /// What the output calls it.
        name: String,
        /// Its size in bytes.
        size: u64,
    },
    /// Standard input as one text.
    Stdin,
    /// A JSON Lines file.
    JsonlFile {
        /// Where it is.
        path: PathBuf,
        /// What the output calls it.
        name: String,
        /// Its size in bytes.
        size: u64,
    },
    /// Standard input as JSON Lines.
    JsonlStdin,
    /// Something that could not be listed.
    Failed {
        /// What it was called.
        name: String,
        /// Why.
        error: Error,
    },
}

impl Source {
    /// The size in bytes, when known before reading.
    pub fn size(&self) -> Option<u64> {
        match self {
            Source::File { size, .. } | Source::JsonlFile { size, .. } => Some(*size),
            Source::Failed { .. } => Some(0),
            Source::Stdin | Source::JsonlStdin => None,
        }
    }
}

/// What the command line names, expanded.
pub struct Sources {
    /// The inputs, in order.
    pub list: Vec<Source>,
    /// Whether a directory was named.
    pub had_dir: bool,
    /// Directories in which nothing was read: the directory and what it held.
    pub empty_dirs: Vec<(String, Error)>,
}

/// Expands the command line: directories become their files (`.txt`,
/// `.md`, `.html`, `.htm`, or `.jsonl` with `jsonl`), recursively and sorted
/// by path.
pub fn sources(inputs: &[String], jsonl: bool) -> Sources {
    let mut out = Sources { list: Vec::new(), had_dir: false, empty_dirs: Vec::new() };
    let exts = if jsonl { JSONL_EXTS } else { TEXT_EXTS };
    for input in inputs {
        if input == "-" {
            out.list.push(if jsonl { Source::JsonlStdin } else { Source::Stdin });
            continue;
        }
        let path = PathBuf::from(input);
        if path.is_dir() {
            out.had_dir = true;
            let mut walk = Walk { exts, files: Vec::new(), skipped: BTreeMap::new(), seen: HashSet::new() };
            walk.dir(&path, &mut out.list);
            if walk.files.is_empty() {
                let wanted = if jsonl { ".jsonl, .ndjson" } else { ".txt, .md, .html, .htm" };
                out.empty_dirs.push((input.clone(), Error::NothingInDirectory { held: walk.held(), wanted }));
            }
            for file in walk.files {
                let name = file.strip_prefix(&path).unwrap_or(&file).to_string_lossy().into_owned();
                out.list.push(source(file, name, jsonl));
            }
        } else {
            // Named by its file name, as the gold files are.
            let name = path.file_name().map_or_else(|| input.clone(), |n| n.to_string_lossy().into_owned());
            out.list.push(source(path, name, jsonl));
        }
    }
    out
}

fn source(path: PathBuf, name: String, jsonl: bool) -> Source {
    // An unreadable file is reported when it is read, in input order.
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    if jsonl { Source::JsonlFile { path, name, size } } else { Source::File { path, name, size } }
}

/// A recursive listing of a directory.
struct Walk {
    exts: &'static [&'static str],
    files: Vec<PathBuf>,
    /// Files not read, by extension (`""` for none).
    skipped: BTreeMap<String, usize>,
    /// Directories entered (by their real path), against symbolic link loops.
    seen: HashSet<PathBuf>,
}

impl Walk {
    /// Adds the files below `dir` with one of the extensions, sorted by
    /// path, depth first. Directories that cannot be listed become failed
    /// sources.
    fn dir(&mut self, dir: &Path, failed: &mut Vec<Source>) {
        if let Ok(real) = std::fs::canonicalize(dir)
            && !self.seen.insert(real)
        {
            return;
        }
        let mut entries = match std::fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect::<Vec<_>>(),
            Err(e) => {
                failed.push(Source::Failed { name: dir.display().to_string(), error: e.into() });
                return;
            }
        };
        entries.sort();
        for p in entries {
            if p.is_dir() {
                self.dir(&p, failed);
                continue;
            }
            let ext = p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
            if self.exts.contains(&ext.as_str()) {
                self.files.push(p);
            } else {
                *self.skipped.entry(ext).or_default() += 1;
            }
        }
    }

    /// What the directory held, for the warning: `it holds 3 .pdf files
    /// and 1 file without an extension`, or `it is empty`.
    fn held(&self) -> String {
        if self.skipped.is_empty() {
            return "it is empty".to_string();
        }
        let mut by_count: Vec<(&String, &usize)> = self.skipped.iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let parts: Vec<String> = by_count
            .iter()
            .take(6)
            .map(|(ext, n)| {
                let s = if **n == 1 { "" } else { "s" };
                if ext.is_empty() { format!("{n} file{s} without an extension") } else { format!("{n} .{ext} file{s}") }
            })
            .collect();
        let more = by_count.len().saturating_sub(6);
        let mut held = format!("it holds {}", parts.join(", "));
        if more > 0 {
            held.push_str(&format!(" and files of {more} other types"));
        }
        held
    }
}

/// About how much input one group of jobs holds (see [`groups`]).
pub const GROUP_BYTES: u64 = 512 << 10;

/// Most jobs in one group.
const GROUP_JOBS: usize = 256;

/// The jobs in groups of consecutive ones, each of about `bytes` of input
/// (a file's size on disk, a record's line) and at most 256 jobs; an input
/// larger than `bytes`, and standard input, make a group of their own.
/// Groups are extracted together, stage by stage, which is sooner on many
/// short articles (`Extractor::extract_many`); two groups per thread are
/// in flight ([`crate::run::ordered`]), so memory stays bounded.
pub fn groups(jobs: impl Iterator<Item = Job>, bytes: u64) -> impl Iterator<Item = Vec<Job>> {
    let mut jobs = jobs.peekable();
    std::iter::from_fn(move || {
        let mut group = Vec::new();
        let mut size = 0u64;
        while let Some(job) = jobs.peek() {
            let len = match job {
                Job::File { size: n, .. } | Job::Text { bytes: n, .. } | Job::Failed { bytes: n, .. } => *n,
                Job::Stdin => u64::MAX,
            };
            if !group.is_empty() && (size.saturating_add(len) > bytes || group.len() >= GROUP_JOBS) {
                break;
            }
            size = size.saturating_add(len);
            group.extend(jobs.next());
        }
        (!group.is_empty()).then_some(group)
    })
}

/// One text to extract from.
pub enum Job {
    /// A file, read when the job runs.
    File {
        /// Where it is.
        path: PathBuf,
        /// What the output calls it.
        name: String,
        /// Its size when it was listed (what [`groups`] counts).
        size: u64,
    },
    /// The whole of standard input, read when the job runs.
    Stdin,
    /// A text already read (a JSON Lines record).
    Text {
        /// The record's name.
        name: String,
        /// Its text.
        text: String,
        /// Its line's length in bytes.
        bytes: u64,
        /// The record's own document date.
        date: Option<CalendarDate>,
        /// A warning about the record, printed when it is written.
        warning: Option<String>,
    },
    /// An input that failed before extraction.
    Failed {
        /// What it was called.
        name: String,
        /// Why.
        error: Error,
        /// Bytes it took, for the progress bar.
        bytes: u64,
    },
}

/// The record fields the JSON Lines reader looks at.
#[derive(Clone, Debug)]
pub struct RecordFields {
    /// The field holding the text.
    pub text: String,
    /// The field holding the document date, if any.
    pub date: Option<String>,
}

/// The jobs of one source, lazily.
pub fn jobs(source: Source, fields: Option<&RecordFields>) -> Box<dyn Iterator<Item = Job> + Send> {
    let fields = fields.cloned().unwrap_or(RecordFields { text: "text".to_string(), date: None });
    match source {
        Source::File { path, name, size } => Box::new(std::iter::once(Job::File { path, name, size })),
        Source::Stdin => Box::new(std::iter::once(Job::Stdin)),
        Source::Failed { name, error } => Box::new(std::iter::once(Job::Failed { name, error, bytes: 0 })),
        Source::JsonlFile { path, name, size } => match File::open(&path) {
            Ok(f) => Box::new(JsonlRecords::new(Box::new(f), name, fields)),
            Err(e) => Box::new(std::iter::once(Job::Failed { name, error: e.into(), bytes: size })),
        },
        Source::JsonlStdin => Box::new(JsonlRecords::new(Box::new(io::stdin()), "-".to_string(), fields)),
    }
}

/// The records of a JSON Lines stream, one job per non-blank line.
struct JsonlRecords {
    reader: BufReader<Box<dyn Read + Send>>,
    name: String,
    fields: RecordFields,
    line_no: usize,
    offset: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlRecords {
    fn new(r: Box<dyn Read + Send>, name: String, fields: RecordFields) -> JsonlRecords {
        JsonlRecords { reader: BufReader::new(r), name, fields, line_no: 0, offset: 0, buf: Vec::new(), done: false }
    }

    fn record(&self, line: &[u8], line_start: u64) -> Job {
        let at = format!("{}:{}", self.name, self.line_no);
        let bytes = line.len() as u64;
        let fail = |error: Error| Job::Failed { name: at.clone(), error, bytes };
        let line = match std::str::from_utf8(line) {
            Ok(l) => l,
            Err(e) => {
                let off = e.valid_up_to() as u64;
                return fail(Error::RecordNotUtf8 { offset: line_start + off, in_line: off });
            }
        };
        let mut obj = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(o)) => o,
            Ok(_) => return fail(Error::NotAnObject),
            Err(e) => return fail(Error::Json(e)),
        };
        let text = match obj.remove(&self.fields.text) {
            Some(serde_json::Value::String(s)) => s,
            Some(_) => return fail(Error::NotAString(self.fields.text.clone())),
            None => return fail(Error::NoField(self.fields.text.clone())),
        };
        let label = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let (mut date, mut warning) = (None, None);
        if let Some(field) = &self.fields.date {
            match obj.get(field) {
                None | Some(serde_json::Value::Null) => {}
                Some(v) => match v.as_str().and_then(record_date) {
                    Some(d) => date = Some(d),
                    None => {
                        warning =
                            Some(format!("{at}: field {field:?} is {v}, not a date YYYY-MM-DD: extracted without it"))
                    }
                },
            }
        }
        let name = obj.get("id").and_then(label).or_else(|| obj.get("file").and_then(label)).unwrap_or(at);
        Job::Text { name, text, bytes, date, warning }
    }
}

/// A record's date: `2023-05-06`, `2023/5/6`, `2023.05.06` or `2023年5月6日`,
/// with anything after the day (a time) ignored.
pub fn record_date(s: &str) -> Option<CalendarDate> {
    let s = s.trim();
    let mut parts = s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty());
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    // The three numbers must open the string: `2023-05-06T08:00`, not `第3期…`.
    if !s.starts_with(y) || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    format!("{y}-{m:0>2}-{d:0>2}").parse().ok()
}

impl Iterator for JsonlRecords {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        loop {
            if self.done {
                return None;
            }
            self.buf.clear();
            let start = self.offset;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(n) => {
                    self.line_no += 1;
                    self.offset = start + n as u64;
                    let mut line = std::mem::take(&mut self.buf);
                    while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                        line.pop();
                    }
                    let blank = line.iter().all(u8::is_ascii_whitespace);
                    let job = if blank { None } else { Some(self.record(&line, start)) };
                    self.buf = line;
                    if let Some(job) = job {
                        return Some(job);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.done = true;
                    return Some(Job::Failed {
                        name: format!("{}:{}", self.name, self.line_no + 1),
                        error: e.into(),
                        bytes: 0,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_dates() {
        for s in ["2023-05-06", "2023/5/6", "2023.05.06", "2023年5月6日", "2023-05-06T08:10:03Z", " 2023-05-06 08:10"]
        {
            assert_eq!(record_date(s).map(|d| d.to_string()).as_deref(), Some("2023-05-06"), "{s}");
        }
        for s in ["", "May 6, 2023", "2023-13-01", "2023-02-30", "第3期2023-05-06", "23-05-06", "2023"] {
            assert!(record_date(s).is_none(), "{s}");
        }
    }

    fn text(name: &str, bytes: u64) -> Job {
        Job::Text { name: name.to_string(), text: String::new(), bytes, date: None, warning: None }
    }

    fn names(g: &[Job]) -> Vec<&str> {
        g.iter()
            .map(|j| match j {
                Job::Text { name, .. } | Job::Failed { name, .. } | Job::File { name, .. } => name.as_str(),
                Job::Stdin => "-",
            })
            .collect()
    }

    /// Groups keep the jobs' order, hold about `bytes` (one larger input
    /// alone), at most `GROUP_JOBS` jobs, and standard input alone.
    #[test]
    fn jobs_in_groups() {
        let jobs =
            vec![text("a", 4), text("b", 4), text("c", 4), text("big", 50), text("d", 1), Job::Stdin, text("e", 1)];
        let grouped: Vec<Vec<Job>> = groups(jobs.into_iter(), 10).collect();
        let got: Vec<Vec<&str>> = grouped.iter().map(|g| names(g)).collect();
        assert_eq!(got, [vec!["a", "b"], vec!["c"], vec!["big"], vec!["d"], vec!["-"], vec!["e"]]);
        let many = (0..GROUP_JOBS + 3).map(|i| text(&i.to_string(), 0));
        let sizes: Vec<usize> = groups(many, GROUP_BYTES).map(|g| g.len()).collect();
        assert_eq!(sizes, [GROUP_JOBS, 3]);
        assert_eq!(groups(std::iter::empty(), 10).count(), 0);
    }

    #[test]
    fn html_sniffing() {
        assert!(looks_like_html(b"\xEF\xBB\xBF  \n<!DOCTYPE HTML><html>"));
        assert!(looks_like_html(b"<html lang=zh>"));
        assert!(!looks_like_html("<p>总投资</p>".as_bytes()));
        assert!(!looks_like_html(b""));
        assert!(is_html_path(Path::new("a/B.HTM")) && !is_html_path(Path::new("a.txt")));
    }
}
