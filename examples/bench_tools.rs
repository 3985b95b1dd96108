//! Tools for the speed measurements (`bench/measure.sh`, `bench/profile.sh`).
//!
//! ```text
//! bench_tools gen BYTES [SEED]        report text of BYTES bytes on stdout
//! bench_tools article CHARS [SEED]    one article of about CHARS characters
//! bench_tools run FILE [--articles]   extract FILE (whole, or article by
//!                                     article), print the number of facts
//! bench_tools floor FILE [--articles] the floor regex (number + unit) over
//!                                     FILE, print the bytes it captured
//! bench_tools batch FILE THREADS [REPS] extract FILE's ~3 KB pieces on THREADS
//!                                     threads (one shared Extractor), print
//!                                     wall and CPU time per run
//! bench_tools stats FILE              facts per kind and characters per fact
//! ```
//!
//! The text comes from the benchmarks' generator (`benches/support/corpus.rs`),
//! so the profile and the memory figures see the same text as `cargo bench`.

#[path = "../benches/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[path = "../benches/support/floor.rs"]
mod floor;

use std::io::Write;
use std::process::ExitCode;

use zonefacts::{Extractor, Kind};

const SEED: u64 = 0x5EED;

fn usage() -> ExitCode {
    eprintln!(
        "usage: bench_tools gen BYTES [SEED] | article CHARS [SEED] | run FILE [--articles] | floor FILE [--articles] | batch FILE THREADS [REPS] | stats FILE"
    );
    ExitCode::from(2)
}

fn number(s: Option<&String>) -> Option<u64> {
    s.and_then(|s| s.replace('_', "").parse().ok())
}

/// Pieces of about 3 KB, cut after a line break.
fn chunks(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut cut = 3000.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let end = rest[cut..].find('\n').map_or(rest.len(), |i| cut + i + 1);
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

/// Extracts every piece on `threads` threads; each takes the next 8 pieces
/// from a shared counter.
fn batch(ex: &Extractor, pieces: &[&str], threads: usize) -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let facts = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(8, Ordering::Relaxed);
                    let Some(chunk) = pieces.get(i..(i + 8).min(pieces.len())).filter(|c| !c.is_empty()) else {
                        break;
                    };
                    let n: usize = chunk.iter().map(|p| ex.extract(p).facts.len()).sum();
                    facts.fetch_add(n, Ordering::Relaxed);
                }
            });
        }
    });
    facts.into_inner()
}

/// CPU time (user + system) of this process so far, from /proc (0 where
/// there is no /proc).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces), from the state:
    // utime is the 12th and stime the 13th, in clock ticks (100 a second on
    // Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let field = |k: usize| f.get(k).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (field(11) + field(12)) / 100.0
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seed = number(args.get(2)).unwrap_or(SEED);
    let mut out = std::io::stdout().lock();
    let written = match args.first().map(String::as_str) {
        Some("gen") => {
            let Some(bytes) = number(args.get(1)) else { return usage() };
            out.write_all(corpus::text(bytes as usize, seed).as_bytes())
        }
        Some("article") => {
            let Some(chars) = number(args.get(1)) else { return usage() };
            out.write_all(corpus::article_chars(chars as usize, seed).as_bytes())
        }
        Some("run") => {
            let Some(file) = args.get(1) else { return usage() };
            let text = match std::fs::read_to_string(file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("bench_tools: {file}: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let ex = Extractor::new();
            let facts: usize = if args.get(2).is_some_and(|a| a == "--articles") {
                chunks(&text).map(|a| ex.extract(a).facts.len()).sum()
            } else {
                ex.extract(&text).facts.len()
            };
            writeln!(out, "{facts} facts in {} bytes", text.len())
        }
        Some("floor") => {
            let Some(file) = args.get(1) else { return usage() };
            let Ok(text) = std::fs::read_to_string(file) else { return usage() };
            let re = floor::regex();
            let bytes: usize = if args.get(2).is_some_and(|a| a == "--articles") {
                chunks(&text).map(|a| floor::run(&re, a)).sum()
            } else {
                floor::run(&re, &text)
            };
            writeln!(out, "{bytes} bytes captured in {} bytes", text.len())
        }
        Some("batch") => {
            let (Some(file), Some(threads)) = (args.get(1), number(args.get(2))) else { return usage() };
            let Ok(text) = std::fs::read_to_string(file) else { return usage() };
            let reps = number(args.get(3)).unwrap_or(5);
            let pieces: Vec<&str> = chunks(&text).collect();
            let ex = Extractor::new();
            let mut lines = Vec::new();
            for _ in 0..reps {
                let (cpu0, t0) = (cpu_seconds(), std::time::Instant::now());
                let facts = batch(&ex, &pieces, threads.max(1) as usize);
                let (wall, cpu) = (t0.elapsed().as_secs_f64(), cpu_seconds() - cpu0);
                let mb = text.len() as f64 / 1e6;
                lines.push(format!(
                    "{threads} threads: {facts} facts, wall {:.0} ms ({:.1} MB/s), CPU {:.0} ms ({:.1} MB per CPU-second)",
                    wall * 1e3,
                    mb / wall,
                    cpu * 1e3,
                    mb / cpu.max(1e-9)
                ));
            }
            writeln!(out, "{}", lines.join("\n"))
        }
        Some("stats") => {
            let Some(file) = args.get(1) else { return usage() };
            let Ok(text) = std::fs::read_to_string(file) else { return usage() };
            let doc = Extractor::new().extract(&text);
            let chars = text.chars().count();
            let mut numeric = 0;
            let mut lines = Vec::new();
            for &k in Kind::ALL {
                let n = doc.of_kind(k).count();
                if matches!(k, Kind::Money | Kind::Count | Kind::Measure | Kind::Percent) {
                    numeric += n;
                }
                lines.push(format!("{:9} {n:8}  one per {:6.1} chars", k.as_str(), chars as f64 / n.max(1) as f64));
            }
            lines.push(format!(
                "{:9} {numeric:8}  one per {:6.1} chars",
                "numeric",
                chars as f64 / numeric.max(1) as f64
            ));
            lines.push(format!("{chars} chars, {} bytes, {} sections", text.len(), doc.sections.len()));
            writeln!(out, "{}", lines.join("\n"))
        }
        _ => return usage(),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_tools: {e}");
            ExitCode::FAILURE
        }
    }
}
