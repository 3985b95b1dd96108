//! The command line, parsed by clap.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use zonefacts::{CalendarDate, Kind, KindSet};

use crate::decode::EncodingChoice;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One pretty JSON object per input.
    Json,
    /// One JSON object per input and line (the format `score.sh` scores).
    #[value(alias = "ndjson")]
    Jsonl,
    /// One row per fact.
    Csv,
    /// Aligned columns for a terminal.
    Table,
    /// One self-contained review page.
    Html,
}

const AFTER_HELP: &str = "\
Inputs:
  FILE    a text file (UTF-8, UTF-16 with a BOM, or GB18030/GBK, detected), or
          an HTML file (.html, .htm), whose text is extracted first
  DIR     every .txt, .md, .html and .htm file below DIR (any case), sorted by path
  -       standard input; also read when no input is named and it is not a terminal

Offsets (start, end) are byte offsets into the UTF-8 text that was read: the
file's own bytes for UTF-8, the decoded text for other encodings, the text taken
from the page for HTML. --with-text adds that text to the JSON.

Unreadable inputs are reported on stderr as `zonefacts: NAME: message`; the
others are still processed and the exit status is then 1. Bad options exit
with status 2. See docs/format.md for every field of the output.";

/// Extracts facts (money, counts, measures, percentages, dates, platforms,
/// zones) from Chinese development-zone reports.
#[derive(Debug, Parser)]
#[command(name = "zonefacts", version, after_help = AFTER_HELP)]
pub struct Args {
    /// Files, directories, or - for standard input.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// Output format.
    #[arg(short, long, value_enum, default_value = "json", ignore_case = true, value_name = "FORMAT")]
    pub format: Format,

    /// Kinds to extract, comma-separated, any case: money, count, measure,
    /// percent, date, platform, zone, or all.
    #[arg(long, value_name = "LIST", value_parser = parse_kinds)]
    pub kinds: Option<KindSet>,

    /// The document date, which resolves 今年, 去年5月, 上半年.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<CalendarDate>,

    /// Extract N inputs at once with one shared extractor (default: one per
    /// core when there are several inputs, else 1; 0 = one per core). The
    /// output keeps the input order.
    #[arg(short = 'j', long = "threads", value_name = "N", value_parser = clap::value_parser!(u16))]
    pub threads: Option<u16>,

    /// The text encoding of the inputs: auto (UTF-8, UTF-16 with a BOM, else
    /// GB18030/GBK) or a name such as utf-8, gb18030, gbk, big5, utf-16le.
    #[arg(long, value_name = "ENCODING", default_value = "auto", value_parser = parse_encoding)]
    pub encoding: EncodingChoice,

    /// Read each input as JSON Lines and extract from the string field F of
    /// each record (a directory then gives its .jsonl files). A record is
    /// named by its "id" field, else its "file" field, else NAME:LINE.
    #[arg(long, value_name = "F", value_parser = non_empty)]
    pub jsonl_field: Option<String>,

    /// With --jsonl-field: the record field that holds the record's own
    /// document date (YYYY-MM-DD, a time after it is ignored); records
    /// without it use --date.
    #[arg(long, value_name = "F", value_parser = non_empty, requires = "jsonl_field")]
    pub date_field: Option<String>,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Start CSV output with a UTF-8 byte order mark (for Excel).
    #[arg(long)]
    pub bom: bool,

    /// Add the text that was read (decoded, or taken from HTML) to each JSON
    /// record as "text", so that offsets can be resolved.
    #[arg(long)]
    pub with_text: bool,

    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,
}

/// The kind names, for error messages.
fn kind_names() -> String {
    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    names.join(", ")
}

/// `--kinds`: a comma-separated list of kinds, any case.
fn parse_kinds(s: &str) -> Result<KindSet, String> {
    let mut set = KindSet::empty();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if part.eq_ignore_ascii_case("all") {
            set = KindSet::all();
            continue;
        }
        match part.parse::<Kind>() {
            Ok(k) => set = set.with(k),
            Err(_) => return Err(format!("unknown kind {part:?}; the kinds are {} (or all)", kind_names())),
        }
    }
    if set.is_empty() {
        return Err(format!("no kind given; the kinds are {} (or all)", kind_names()));
    }
    Ok(set)
}

fn parse_date(s: &str) -> Result<CalendarDate, String> {
    s.trim().parse().map_err(|_| format!("{s:?} is not a date YYYY-MM-DD"))
}

fn parse_encoding(s: &str) -> Result<EncodingChoice, String> {
    EncodingChoice::parse(s).ok_or_else(|| {
        format!(
            "unknown encoding {s:?}; use auto, utf-8, utf-16le, utf-16be, gb18030, gbk, big5 or another WHATWG name"
        )
    })
}

fn non_empty(s: &str) -> Result<String, String> {
    if s.is_empty() { Err("empty field name".to_string()) } else { Ok(s.to_string()) }
}

impl Args {
    /// Checks what clap cannot: `--bom` only with CSV, `--with-text` only
    /// with JSON, standard input once.
    pub fn validate(&self) -> Result<(), String> {
        if self.bom && self.format != Format::Csv {
            return Err("--bom applies to --format csv only".to_string());
        }
        if self.with_text && !matches!(self.format, Format::Json | Format::Jsonl) {
            return Err("--with-text applies to --format json and jsonl only".to_string());
        }
        if self.inputs.iter().filter(|i| *i == "-").count() > 1 {
            return Err("standard input (-) given more than once".to_string());
        }
        Ok(())
    }

    /// The kinds to extract.
    pub fn kind_set(&self) -> KindSet {
        self.kinds.unwrap_or_else(KindSet::all)
    }
}

/// The number of cores, at least 1.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_any_case_and_errors_list_the_names() {
        let set = parse_kinds("money, Count,DATE").unwrap();
        assert!(set.contains(Kind::Money) && set.contains(Kind::Count) && set.contains(Kind::Date));
        assert!(!set.contains(Kind::Zone));
        assert_eq!(parse_kinds("ALL").unwrap(), KindSet::all());
        let err = parse_kinds("money,cash").unwrap_err();
        assert!(
            err.contains("\"cash\"") && err.contains("money, count, measure, percent, date, platform, zone"),
            "{err}"
        );
        assert!(parse_kinds(" , ").unwrap_err().contains("no kind given"));
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
