//! Command-line options.

use std::path::PathBuf;

use zonefacts::{CalendarDate, KindSet};

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One pretty JSON object per input.
    Json,
    /// One JSON object per input and line (SPEC's format).
    Jsonl,
    /// One row per fact.
    Csv,
    /// Aligned columns for a terminal.
    Table,
    /// One self-contained review page.
    Html,
}

impl Format {
    fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" => Format::Csv,
            "table" => Format::Table,
            "html" => Format::Html,
            _ => return None,
        })
    }
}

/// What the command line asks for.
#[derive(Debug)]
pub struct Args {
    pub format: Format,
    pub date: Option<CalendarDate>,
    pub kinds: KindSet,
    pub threads: usize,
    pub quiet: bool,
    pub bom: bool,
    pub output: Option<PathBuf>,
    pub jsonl_field: Option<String>,
    pub inputs: Vec<String>,
}

pub const USAGE: &str = "usage: extract [-f json|jsonl|csv|table|html] [--kinds LIST] [--date YYYY-MM-DD] [--threads N]
               [--jsonl-field NAME] [-o FILE] [--bom] [-q] FILE|DIR|- ...";

pub const HELP: &str = "Extracts facts (money, counts, measures, percentages, dates, platforms, zones)
from Chinese development-zone reports.

Inputs:
  FILE            a UTF-8 text file
  DIR             every .txt and .md file below DIR, recursively, in sorted order
  -               standard input

Options:
  -f, --format F        json (default: one pretty object per input), jsonl (one line
                        per input), csv (one row per fact), table (aligned, for a
                        terminal), html (one self-contained review page)
      --kinds LIST      kinds to extract, e.g. money,count,date (default: all)
      --date DATE       document date YYYY-MM-DD, resolves 今年, 去年, 上半年
  -j, --threads N       extract N inputs in parallel (default 1; 0 = one per core);
                        the output keeps the input order
      --jsonl-field F   read each input as JSON Lines and extract from the string
                        field F of each object; a directory then gives its .jsonl
                        files. A record is named by its \"id\" field, else its \"file\"
                        field, else NAME:LINE
  -o, --output FILE     write to FILE instead of standard output
      --bom             start CSV output with a UTF-8 byte order mark (for Excel)
  -q, --quiet           no progress bar
  -h, --help            this help

Unreadable inputs and invalid UTF-8 are reported on stderr as
`extract: NAME: message`; the others are still processed and the exit status
is then 1. Bad options exit with status 2.";

/// Parses the arguments after the program name. `Ok(None)` asks for the help text.
pub fn parse(argv: impl IntoIterator<Item = String>) -> Result<Option<Args>, String> {
    let mut args = Args {
        format: Format::Json,
        date: None,
        kinds: KindSet::all(),
        threads: 1,
        quiet: false,
        bom: false,
        output: None,
        jsonl_field: None,
        inputs: Vec::new(),
    };
    let mut it = argv.into_iter();
    let mut only_inputs = false;
    while let Some(arg) = it.next() {
        if only_inputs || arg == "-" || !arg.starts_with('-') {
            args.inputs.push(arg);
            continue;
        }
        if arg == "--" {
            only_inputs = true;
            continue;
        }
        // `--name=value` or `--name value`.
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let takes_value = matches!(
            name.as_str(),
            "-f" | "--format" | "--kinds" | "--date" | "-j" | "--threads" | "--jsonl-field" | "-o" | "--output"
        );
        let value = if takes_value {
            match inline {
                Some(v) => v,
                None => it.next().ok_or_else(|| format!("{name} needs a value"))?,
            }
        } else {
            if inline.is_some() {
                return Err(format!("{name} takes no value"));
            }
            String::new()
        };
        match name.as_str() {
            "-f" | "--format" => {
                args.format = Format::parse(&value)
                    .ok_or_else(|| format!("unknown format {value:?} (expected json, jsonl, csv, table or html)"))?;
            }
            "--kinds" => {
                let kinds: KindSet = value.parse().map_err(|e| format!("--kinds: {e}"))?;
                if kinds.is_empty() {
                    return Err("--kinds: no kind given".to_string());
                }
                args.kinds = kinds;
            }
            "--date" => args.date = Some(value.parse().map_err(|e| format!("--date: {e} (expected YYYY-MM-DD)"))?),
            "-j" | "--threads" => {
                let n: usize = value.parse().map_err(|_| format!("--threads: {value:?} is not a number of threads"))?;
                args.threads = if n == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { n };
                if args.threads > 1024 {
                    return Err(format!("--threads: {n} is too many"));
                }
            }
            "--jsonl-field" => {
                if value.is_empty() {
                    return Err("--jsonl-field: empty field name".to_string());
                }
                args.jsonl_field = Some(value);
            }
            "-o" | "--output" => args.output = Some(PathBuf::from(value)),
            "--bom" => args.bom = true,
            "-q" | "--quiet" => args.quiet = true,
            "-h" | "--help" => return Ok(None),
            _ => return Err(format!("unknown option {name}")),
        }
    }
    if args.inputs.is_empty() {
        return Err("no input given".to_string());
    }
    if args.bom && args.format != Format::Csv {
        return Err("--bom applies to --format csv only".to_string());
    }
    if args.inputs.iter().filter(|i| *i == "-").count() > 1 {
        return Err("standard input (-) given more than once".to_string());
    }
    Ok(Some(args))
}
