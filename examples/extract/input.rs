//! Inputs: files, directories, standard input and JSON Lines records.
//!
//! The command line is expanded into a list of [`Source`]s (paths only, no
//! contents); each source then yields [`Job`]s lazily, so that at most the
//! inputs being extracted are in memory.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One thing named on the command line, expanded.
pub enum Source {
    /// A text file: its path and the name printed for it.
    File { path: PathBuf, name: String, size: u64 },
    /// Standard input as one text.
    Stdin,
    /// A JSON Lines file.
    JsonlFile { path: PathBuf, name: String, size: u64 },
    /// Standard input as JSON Lines.
    JsonlStdin,
    /// Something that could not be listed.
    Failed { name: String, message: String },
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

/// One text to extract from.
pub enum Job {
    /// A file, read when the job runs.
    File { path: PathBuf, name: String },
    /// The whole of standard input, read when the job runs.
    Stdin,
    /// A text already read (a JSON Lines record); `bytes` is its line's length.
    Text { name: String, text: String, bytes: u64 },
    /// An input that failed before extraction.
    Failed { name: String, message: String, bytes: u64 },
}

/// What the command line names, expanded: directories become their files
/// (`.txt` and `.md`, or `.jsonl` with `jsonl`), recursively and sorted.
/// Also says whether a directory was given.
pub fn sources(inputs: &[String], jsonl: bool) -> (Vec<Source>, bool) {
    let mut out = Vec::new();
    let mut had_dir = false;
    for input in inputs {
        if input == "-" {
            out.push(if jsonl { Source::JsonlStdin } else { Source::Stdin });
            continue;
        }
        let path = PathBuf::from(input);
        if path.is_dir() {
            had_dir = true;
            let exts: &[&str] = if jsonl { &["jsonl", "ndjson"] } else { &["txt", "md"] };
            let mut files = Vec::new();
            walk(&path, exts, &mut files, &mut out, &mut HashSet::new());
            for file in files {
                let name = file.strip_prefix(&path).unwrap_or(&file).to_string_lossy().into_owned();
                out.push(source(file, name, jsonl));
            }
        } else {
            // Named by its file name, as the gold files are.
            let name = path.file_name().map_or_else(|| input.clone(), |n| n.to_string_lossy().into_owned());
            out.push(source(path, name, jsonl));
        }
    }
    (out, had_dir)
}

fn source(path: PathBuf, name: String, jsonl: bool) -> Source {
    // An unreadable file is reported when it is read, in input order.
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    if jsonl { Source::JsonlFile { path, name, size } } else { Source::File { path, name, size } }
}

/// The files below `dir` with one of `exts`, sorted by path, depth first.
/// Directories that cannot be listed are reported as failed sources; a
/// directory seen before (through a symbolic link) is not entered again.
fn walk(dir: &Path, exts: &[&str], files: &mut Vec<PathBuf>, failed: &mut Vec<Source>, seen: &mut HashSet<PathBuf>) {
    if let Ok(real) = std::fs::canonicalize(dir)
        && !seen.insert(real)
    {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect::<Vec<_>>(),
        Err(e) => {
            failed.push(Source::Failed { name: dir.display().to_string(), message: e.to_string() });
            return;
        }
    };
    let mut entries = entries;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, exts, files, failed, seen);
        } else if p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)) {
            files.push(p);
        }
    }
}

/// The jobs of one source, lazily.
pub fn jobs(source: Source, field: Option<&str>) -> Box<dyn Iterator<Item = Job> + Send> {
    match source {
        Source::File { path, name, .. } => Box::new(std::iter::once(Job::File { path, name })),
        Source::Stdin => Box::new(std::iter::once(Job::Stdin)),
        Source::Failed { name, message } => Box::new(std::iter::once(Job::Failed { name, message, bytes: 0 })),
        Source::JsonlFile { path, name, size } => match File::open(&path) {
            Ok(f) => Box::new(JsonlRecords::new(Box::new(f), name, field.unwrap_or("text"))),
            Err(e) => Box::new(std::iter::once(Job::Failed { name, message: e.to_string(), bytes: size })),
        },
        Source::JsonlStdin => {
            Box::new(JsonlRecords::new(Box::new(io::stdin()), "-".to_string(), field.unwrap_or("text")))
        }
    }
}

/// The records of a JSON Lines stream, one job per non-blank line.
struct JsonlRecords {
    reader: BufReader<Box<dyn Read + Send>>,
    name: String,
    field: String,
    line_no: usize,
    offset: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlRecords {
    fn new(r: Box<dyn Read + Send>, name: String, field: &str) -> JsonlRecords {
        JsonlRecords {
            reader: BufReader::new(r),
            name,
            field: field.to_string(),
            line_no: 0,
            offset: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn record(&self, line: &[u8], line_start: u64) -> Job {
        let at = format!("{}:{}", self.name, self.line_no);
        let bytes = line.len() as u64;
        let fail = |message: String| Job::Failed { name: at.clone(), message, bytes };
        let line = match std::str::from_utf8(line) {
            Ok(l) => l,
            Err(e) => {
                let off = e.valid_up_to() as u64;
                return fail(format!(
                    "input is not valid UTF-8 at byte offset {} (byte {off} of the line)",
                    line_start + off
                ));
            }
        };
        let obj = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(o)) => o,
            Ok(_) => return fail("not a JSON object".to_string()),
            Err(e) => return fail(format!("invalid JSON: {e}")),
        };
        let text = match obj.get(&self.field) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(_) => return fail(format!("field {:?} is not a string", self.field)),
            None => return fail(format!("no field {:?}", self.field)),
        };
        let label = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let name = obj.get("id").and_then(label).or_else(|| obj.get("file").and_then(label)).unwrap_or(at);
        Job::Text { name, text, bytes }
    }
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
                        message: e.to_string(),
                        bytes: 0,
                    });
                }
            }
        }
    }
}
