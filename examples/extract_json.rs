//! Extracts the facts of one UTF-8 text file and prints them as JSON: the
//! library in a few lines. The `zonefacts` tool (`cli/`) does the same for
//! directories, other encodings, HTML pages and more output formats.
//!
//! ```text
//! cargo run --example extract_json -- examples/data/linjiang-report.txt
//! ```

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        let _ = writeln!(std::io::stderr(), "usage: extract_json FILE");
        return ExitCode::from(2);
    };
    let result = std::fs::read_to_string(&path).and_then(|text| {
        let doc = zonefacts::extract(&text);
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "extract_json: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
