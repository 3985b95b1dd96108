//! `zonefacts`: extracts facts from Chinese development-zone reports and
//! prints them as JSON, JSON Lines, CSV, an aligned table or an HTML review
//! page.
//!
//! ```text
//! zonefacts [-f json|jsonl|csv|table|html] [--kinds LIST] [--date YYYY-MM-DD] [-j N]
//!           [--encoding ENC] [--jsonl-field F [--date-field F]] [-o FILE] [--bom] [--with-text] [-q]
//!           [FILE|DIR|-]...
//! ```
//!
//! Inputs are read a few at a time per thread (short ones in groups of
//! about 512 KB, extracted together), never all at once; with several
//! inputs they are extracted on all cores, and the output keeps the input
//! order. `zonefacts --help` lists every option; the README is the user's
//! guide and `docs/format.md` describes every field of the output.
//!
//! Unreadable inputs are reported on stderr (`zonefacts: NAME: message`),
//! the others are still processed, and the exit status is then 1; bad
//! options exit with 2.

/// Writes a line to stderr, ignoring errors (`eprintln!` would panic).
macro_rules! warn {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod args;
mod decode;
mod error;
mod extract;
mod html_text;
mod input;
mod output;
mod progress;
mod run;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use zonefacts::Extractor;

use args::Args;
use extract::Settings;
use input::RecordFields;
use output::Output;

/// Standard output for the facts. Not a terminal: the file descriptor
/// itself, because std's `Stdout` is line-buffered and looks for the last
/// line break in everything written through it (1.2% of the tool's
/// instructions on JSON Lines), while the `BufWriter` over the sink
/// buffers already. A terminal keeps std's `Stdout`. Nothing else writes to
/// standard output once the facts start.
fn stdout_sink(tty: bool) -> Box<dyn Write> {
    #[cfg(unix)]
    if !tty {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(File::from(fd));
        }
    }
    let _ = tty;
    Box::new(io::stdout())
}

fn main() -> ExitCode {
    let mut args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors to
            // stderr with status 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if let Err(msg) = args.validate() {
        usage_error(&msg);
        return ExitCode::from(2);
    }
    if args.inputs.is_empty() {
        if io::stdin().is_terminal() {
            usage_error("no input given: name files or directories, or pipe text to standard input");
            return ExitCode::from(2);
        }
        args.inputs.push("-".to_string());
    }

    let mut builder = Extractor::builder().kinds(args.kind_set());
    if let Some(d) = args.date {
        builder = builder.document_date(d);
    }
    let settings = Settings {
        ex: builder.build(),
        encoding: args.encoding,
        keep_text: Output::needs_text(args.format, args.with_text),
    };

    let stdout_tty = args.output.is_none() && io::stdout().is_terminal();
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => match File::create(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                warn!("zonefacts: {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        },
        None => stdout_sink(stdout_tty),
    };
    let mut output =
        match Output::new(args.format, BufWriter::with_capacity(output::BUFFER, sink), args.bom, args.with_text) {
            Ok(o) => o,
            Err(e) => return write_failed(&e),
        };

    let jsonl = args.jsonl_field.is_some();
    let sources = input::sources(&args.inputs, jsonl);
    for (dir, why) in &sources.empty_dirs {
        warn!("zonefacts: warning: {dir}: {why}");
    }
    let threads = match args.threads {
        Some(0) => args::cores(),
        Some(n) => usize::from(n),
        // Many inputs: every core. One file: one thread.
        None if sources.list.len() > 1 || sources.had_dir || jsonl => args::cores(),
        None => 1,
    };
    let bar = progress::bar(&args, &sources);
    let fields = args.jsonl_field.clone().map(|text| RecordFields { text, date: args.date_field.clone() });
    let jobs = sources.list.into_iter().flat_map(move |s| input::jobs(s, fields.as_ref()));
    // Consecutive short inputs are extracted together (stage by stage:
    // sooner on many articles); a long one alone.
    let groups = input::groups(jobs, input::GROUP_BYTES);

    let mut failed = false;
    let (mut docs, mut facts) = (0usize, 0usize);
    let result = run::ordered(
        groups,
        threads,
        |group| settings.process_group(group),
        |outcomes| {
            for o in outcomes {
                let mut write = || -> io::Result<()> {
                    if let Some(w) = &o.warning {
                        warn!("zonefacts: warning: {w}");
                    }
                    match &o.result {
                        Ok(x) => {
                            docs += 1;
                            facts += x.doc().facts.len();
                            if let Some(w) = output.document(&o.name, x)? {
                                warn!("zonefacts: warning: {w}");
                            }
                        }
                        Err(e) => {
                            failed = true;
                            warn!("zonefacts: {}: {e}", o.label.as_deref().unwrap_or(&o.name));
                            output.failed(&o.name, &e.to_string())?;
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
                }?;
            }
            Ok(())
        },
    );
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if let Err(e) = result.and_then(|()| output.finish()) {
        return write_failed(&e);
    }
    if docs == 0 && (failed || !sources.empty_dirs.is_empty()) {
        if !args.quiet {
            warn!("zonefacts: no input could be processed");
        }
        return ExitCode::FAILURE;
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Reports a bad command line the way clap does.
fn usage_error(msg: &str) {
    use clap::CommandFactory;
    let e = Args::command().error(clap::error::ErrorKind::ArgumentConflict, msg);
    let _ = e.print();
}

/// Reports an error writing the output (quietly for a closed pipe).
fn write_failed(e: &io::Error) -> ExitCode {
    if e.kind() != io::ErrorKind::BrokenPipe {
        warn!("zonefacts: cannot write the output: {e}");
    }
    ExitCode::FAILURE
}
