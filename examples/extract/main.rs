//! Extracts facts from articles and prints them as JSON, JSON Lines, CSV, an
//! aligned table or a highlighted HTML review page.
//!
//! ```text
//! cargo run --release --example extract -- [-f json|jsonl|csv|table|html] [--kinds LIST]
//!     [--date YYYY-MM-DD] [--threads N] [--jsonl-field NAME] [-o FILE] [--bom] [-q] FILE|DIR|- ...
//! ```
//!
//! Files are read one at a time (or a few, with `--threads`), so any number
//! of inputs can be processed. A directory gives its `.txt` and `.md` files,
//! recursively, sorted. `jsonl` is the format of SPEC.md (one object per input,
//! with its `file` name); `json` prints the same objects pretty. With
//! `--jsonl-field F`, each input is JSON Lines and every record's string
//! field `F` is one text; the record is named by its `id` field, else its
//! `file` field, else `NAME:LINE`, and offsets point into the field's value.
//!
//! Unreadable inputs and invalid UTF-8 are reported on stderr
//! (`extract: NAME: message`), the others are still processed, and the exit
//! status is then 1; bad options print the usage and exit with 2. `extract
//! --help` lists every option.

/// Writes a line to stderr, ignoring errors (`eprintln!` would panic).
macro_rules! warn {
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stderr(), $($arg)*);
    }};
}

mod args;
mod html;
mod input;
mod row;
mod table;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::mpsc::{channel, sync_channel};
use std::sync::{Arc, Mutex};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use zonefacts::{Document, Extractor};

use args::{Args, Format};
use input::Job;
use row::{CSV_COLUMNS, Row};

/// The result of one job, in input order.
struct Outcome {
    name: String,
    /// What error messages name: the path of a file, else `name`.
    label: Option<String>,
    /// The text, kept only for the HTML page.
    text: Option<String>,
    result: Result<Document, String>,
    /// Bytes of input consumed, for the progress bar.
    bytes: u64,
}

/// Reads and extracts one input.
fn process(ex: &Extractor, job: Job, keep_text: bool) -> Outcome {
    let (name, label, bytes) = match job {
        Job::Failed { name, message, bytes } => {
            return Outcome { name, label: None, text: None, result: Err(message), bytes };
        }
        Job::Text { name, text, bytes } => {
            let result = ex.try_extract(&text).map_err(|e| e.to_string());
            return Outcome { name, label: None, text: keep_text.then_some(text), result, bytes };
        }
        Job::File { path, name } => (name, Some(path.display().to_string()), std::fs::read(&path)),
        Job::Stdin => {
            let mut buf = Vec::new();
            ("-".to_string(), Some("stdin".to_string()), io::stdin().lock().read_to_end(&mut buf).map(|_| buf))
        }
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return Outcome { name, label, text: None, result: Err(e.to_string()), bytes: 0 },
    };
    let len = bytes.len() as u64;
    let result = ex.extract_bytes(&bytes).map_err(|e| e.to_string());
    let text = if keep_text && result.is_ok() { String::from_utf8(bytes).ok() } else { None };
    Outcome { name, label, text, result, bytes: len }
}

/// Runs the jobs on `threads` threads sharing one extractor and hands the
/// outcomes to `write` in input order. At most a few jobs per thread are in
/// flight. Stops at the first error of `write`.
fn run(
    jobs: impl Iterator<Item = Job> + Send,
    ex: &Extractor,
    threads: usize,
    keep_text: bool,
    mut write: impl FnMut(Outcome) -> io::Result<()>,
) -> io::Result<()> {
    if threads <= 1 {
        for job in jobs {
            write(process(ex, job, keep_text))?;
        }
        return Ok(());
    }
    std::thread::scope(|s| {
        let window = threads * 2;
        let (job_tx, job_rx) = sync_channel::<(usize, Job)>(threads);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (done_tx, done_rx) = channel::<(usize, Outcome)>();
        // A token per job in flight, returned when its outcome is written:
        // bounds the memory held by outcomes waiting for an earlier one.
        let (token_tx, token_rx) = sync_channel::<()>(window);
        for _ in 0..window {
            let _ = token_tx.send(());
        }
        s.spawn(move || {
            for (i, job) in jobs.enumerate() {
                if token_rx.recv().is_err() || job_tx.send((i, job)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..threads {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            s.spawn(move || {
                loop {
                    let next = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok((i, job)) = next else { break };
                    if done_tx.send((i, process(ex, job, keep_text))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (i, outcome) in done_rx {
            waiting.insert(i, outcome);
            while let Some(outcome) = waiting.remove(&next) {
                // On error, returning drops the receivers and the token
                // sender, which stops the producer and the workers.
                write(outcome)?;
                next += 1;
                let _ = token_tx.send(());
            }
        }
        Ok(())
    })
}

/// A document with its file name first, as SPEC's JSON Lines print it.
#[derive(Serialize)]
struct Named<'a> {
    file: &'a str,
    #[serde(flatten)]
    doc: &'a Document,
}

/// The state of the chosen output format.
enum Sink {
    Json,
    Jsonl,
    Csv(Box<csv::Writer<Box<dyn Write>>>),
    Table { first: bool },
    Html(html::Page),
}

struct Output {
    sink: Sink,
    /// The raw output, unless the CSV writer owns it.
    out: Option<Box<dyn Write>>,
}

impl Output {
    fn new(format: Format, mut out: Box<dyn Write>, bom: bool) -> io::Result<Output> {
        let sink = match format {
            Format::Json => Sink::Json,
            Format::Jsonl => Sink::Jsonl,
            Format::Table => Sink::Table { first: true },
            Format::Html => Sink::Html(html::Page::begin(&mut out)?),
            Format::Csv => {
                if bom {
                    out.write_all("\u{feff}".as_bytes())?;
                }
                let mut w = csv::Writer::from_writer(out);
                w.write_record(CSV_COLUMNS)?;
                return Ok(Output { sink: Sink::Csv(Box::new(w)), out: None });
            }
        };
        Ok(Output { sink, out: Some(out) })
    }

    fn document(&mut self, name: &str, text: Option<&str>, doc: &Document) -> io::Result<()> {
        let Output { sink, out } = self;
        if let Sink::Csv(w) = sink {
            for f in &doc.facts {
                w.write_record(Row::new(doc, f).csv_record(name))?;
            }
            return Ok(());
        }
        let out = out.as_mut().ok_or_else(|| io::Error::other("output already closed"))?;
        match sink {
            Sink::Json => {
                serde_json::to_writer_pretty(&mut *out, &Named { file: name, doc })?;
                writeln!(out)
            }
            Sink::Jsonl => {
                serde_json::to_writer(&mut *out, &Named { file: name, doc })?;
                writeln!(out)
            }
            Sink::Table { first } => table::write_document(out, name, doc, std::mem::replace(first, false)),
            Sink::Html(page) => page.document(out, name, text.unwrap_or(""), doc),
            Sink::Csv(_) => Ok(()),
        }
    }

    fn failed(&mut self, name: &str, message: &str) -> io::Result<()> {
        if let Sink::Html(page) = &mut self.sink {
            let out = self.out.as_mut().ok_or_else(|| io::Error::other("output already closed"))?;
            page.failed(out, name, message)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Csv(w) => w.flush(),
            _ => self.out.as_mut().map_or(Ok(()), |o| o.flush()),
        }
    }

    fn finish(self) -> io::Result<()> {
        let mut out = match self.sink {
            Sink::Csv(w) => w.into_inner().map_err(|e| io::Error::other(e.to_string()))?,
            Sink::Html(page) => {
                let mut out = self.out.ok_or_else(|| io::Error::other("output already closed"))?;
                page.end(&mut out)?;
                out
            }
            _ => self.out.ok_or_else(|| io::Error::other("output already closed"))?,
        };
        out.flush()
    }
}

/// The progress bar, shown on a terminal for directories and large inputs.
fn progress(args: &Args, sources: &[input::Source], had_dir: bool) -> Option<ProgressBar> {
    if args.quiet || !io::stderr().is_terminal() {
        return None;
    }
    let sizes: Option<u64> = sources.iter().map(input::Source::size).sum();
    let large = sizes.is_some_and(|s| s >= 1 << 20) || sources.len() > 20;
    if !(had_dir || large || args.jsonl_field.is_some()) {
        return None;
    }
    let bar = match sizes {
        Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {binary_bytes} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

fn main() -> ExitCode {
    let args = match args::parse(std::env::args().skip(1)) {
        Ok(Some(a)) => a,
        Ok(None) => {
            let _ = writeln!(io::stdout(), "{}\n\n{}", args::USAGE, args::HELP);
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            warn!("extract: {msg}\n{}\n(extract --help lists the options)", args::USAGE);
            return ExitCode::from(2);
        }
    };
    let mut builder = Extractor::builder().kinds(args.kinds);
    if let Some(d) = args.date {
        builder = builder.document_date(d);
    }
    let ex = builder.build();

    let stdout_tty = args.output.is_none() && io::stdout().is_terminal();
    let out: Box<dyn Write> = match &args.output {
        Some(path) => match File::create(path) {
            Ok(f) => Box::new(io::BufWriter::new(f)),
            Err(e) => {
                warn!("extract: {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        },
        None => Box::new(io::BufWriter::new(io::stdout())),
    };
    let mut output = match Output::new(args.format, out, args.bom) {
        Ok(o) => o,
        Err(e) => return write_failed(&e),
    };

    let (sources, had_dir) = input::sources(&args.inputs, args.jsonl_field.is_some());
    let bar = progress(&args, &sources, had_dir);
    let field = args.jsonl_field.clone();
    let jobs = sources.into_iter().flat_map(move |s| input::jobs(s, field.as_deref()));

    let mut failed = false;
    let (mut docs, mut facts) = (0usize, 0usize);
    let keep_text = args.format == Format::Html;
    let result = run(jobs, &ex, args.threads, keep_text, |o| {
        let mut write = || -> io::Result<()> {
            match &o.result {
                Ok(doc) => {
                    docs += 1;
                    facts += doc.facts.len();
                    output.document(&o.name, o.text.as_deref(), doc)?;
                }
                Err(message) => {
                    failed = true;
                    warn!("extract: {}: {message}", o.label.as_deref().unwrap_or(&o.name));
                    output.failed(&o.name, message)?;
                }
            }
            if stdout_tty { output.flush() } else { Ok(()) }
        };
        match &bar {
            Some(bar) => {
                let r = bar.suspend(write);
                bar.inc(o.bytes);
                bar.set_message(format!("{docs} docs, {facts} facts · {}", o.name));
                r
            }
            None => write(),
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if let Err(e) = result.and_then(|()| output.finish()) {
        return write_failed(&e);
    }
    if !args.quiet && failed && docs == 0 {
        warn!("extract: no input could be processed");
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Reports an error writing the output (quietly for a closed pipe).
fn write_failed(e: &io::Error) -> ExitCode {
    if e.kind() != io::ErrorKind::BrokenPipe {
        warn!("extract: cannot write the output: {e}");
    }
    ExitCode::FAILURE
}
