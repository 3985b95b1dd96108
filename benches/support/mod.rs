//! What the benchmarks share: the corpus generator and a summary of the
//! figures of one run (MB/s and the ratios criterion does not print).
#![allow(dead_code)]

pub mod corpus;
pub mod floor;

use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput, measurement::WallTime};

/// The seed of every generated text.
pub const SEED: u64 = 0x5EED;

/// The size of the main corpus: 6 MB of ~3 KB articles.
pub const CORPUS_BYTES: usize = 6_000_000;

/// Whether the bench runs as a test (`cargo test --benches`, without
/// `--bench`): criterion then runs each routine once, and the benches use
/// small inputs so that it stays fast.
pub fn test_mode() -> bool {
    !std::env::args().any(|a| a == "--bench")
}

/// `bytes`, or at most 200 KB in [`test_mode`].
pub fn size(bytes: usize) -> usize {
    if test_mode() { bytes.min(200_000) } else { bytes }
}

/// A single run longer than this is not repeated by criterion: the summary
/// gives the single run and flags it (a super-linear path, most likely).
pub const SLOW_RUN: Duration = Duration::from_secs(8);

/// Criterion settings for runs of 10 ms to a few seconds: flat sampling,
/// ten samples, short warm-up, so `cargo bench` stays within minutes.
pub fn criterion() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

/// A benchmark group measured in bytes (criterion prints MB/s).
pub fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sampling_mode(SamplingMode::Flat);
    g
}

/// Timings kept for the summary, in the order the benchmarks ran: id →
/// (bytes per iteration, ns per iteration of each sample).
static TIMES: Mutex<Vec<(String, Entry)>> = Mutex::new(Vec::new());

fn find<'a>(t: &'a [(String, Entry)], id: &str) -> Option<&'a Entry> {
    t.iter().find(|(k, _)| k == id).map(|(_, e)| e)
}

#[derive(Clone, Debug, Default)]
struct Entry {
    bytes: u64,
    ns_per_iter: Vec<f64>,
    note: Option<String>,
}

fn record(id: &str, bytes: u64, ns: f64, note: Option<String>) {
    let mut t = TIMES.lock().unwrap_or_else(|e| e.into_inner());
    let k = match t.iter().position(|(k, _)| k == id) {
        Some(k) => k,
        None => {
            t.push((id.to_string(), Entry::default()));
            t.len() - 1
        }
    };
    let e = &mut t[k].1;
    e.bytes = bytes;
    e.ns_per_iter.push(ns);
    if note.is_some() {
        e.note = note;
    }
}

/// Registers `routine` (which processes `bytes` bytes) as `group/id`, timed
/// by criterion and recorded for the summary.
pub fn bench<F: FnMut()>(g: &mut BenchmarkGroup<'_, WallTime>, group: &str, id: &str, bytes: usize, mut routine: F) {
    let key = format!("{group}/{id}");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(id, |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                routine();
            }
            let d = start.elapsed();
            record(&key, bytes as u64, d.as_nanos() as f64 / iters.max(1) as f64, None);
            d
        })
    });
}

/// Like [`bench`] for one big input, but first times growing prefixes of
/// it: when the cost grows faster than the size and the whole would take
/// longer than [`SLOW_RUN`], it is timed once instead, and the summary says
/// so (with the growth exponent: 1 is linear, 2 quadratic); when it would
/// take over a minute, it is not run and the summary gives the prediction.
pub fn bench_big<F: Fn(&str) -> usize>(g: &mut BenchmarkGroup<'_, WallTime>, group: &str, id: &str, text: &str, f: F) {
    let key = format!("{group}/{id}");
    if test_mode() {
        bench(g, group, id, text.len(), || {
            black_box(f(black_box(text)));
        });
        return;
    }
    let prefix = |n: usize| {
        let mut k = n.min(text.len());
        while !text.is_char_boundary(k) {
            k -= 1;
        }
        &text[..k]
    };
    let time = |s: &str| {
        let start = Instant::now();
        black_box(f(black_box(s)));
        start.elapsed().as_secs_f64()
    };
    // Time doubling prefixes (from 1/64 of the text, at least 100 KB) while
    // the next one is quick, and extrapolate with the observed exponent.
    let n = text.len();
    let mut len = (n / 64).max(100_000).min(n / 2).max(1);
    let mut last: Option<(usize, f64)> = None;
    let mut exponent = 1.0f64;
    let mut probes = String::new();
    let predicted = loop {
        let t = time(prefix(len));
        if let Some((l0, t0)) = last {
            exponent = ((t / t0.max(1e-9)).ln() / (len as f64 / l0 as f64).ln()).clamp(0.5, 3.0);
        }
        let predicted = t * (n as f64 / len as f64).powf(exponent);
        probes.push_str(&format!(" {}KB:{t:.2}s", len / 1000));
        last = Some((len, t));
        if len * 2 > n || t * 2f64.powf(exponent) > SLOW_RUN.as_secs_f64() {
            break predicted;
        }
        len *= 2;
    };
    if predicted > 8.0 * SLOW_RUN.as_secs_f64() {
        let note = format!(
            "not run: predicted {predicted:.0} s for one run; cost grows as size^{exponent:.2} (probes{probes})"
        );
        println!("{key}: {note}");
        record(&key, text.len() as u64, predicted * 1e9, Some(note));
        return;
    }
    if predicted > SLOW_RUN.as_secs_f64() {
        let t = time(text);
        let note = format!("timed once, not by criterion: {t:.1} s; cost grows as size^{exponent:.2} (probes{probes})");
        println!("{key}: {note}");
        record(&key, text.len() as u64, t * 1e9, Some(note));
        return;
    }
    bench(g, group, id, text.len(), || {
        black_box(f(black_box(text)));
    });
}

impl Entry {
    fn sorted(&self) -> Vec<f64> {
        let mut v = self.ns_per_iter.clone();
        v.sort_by(f64::total_cmp);
        v
    }

    fn median(&self) -> f64 {
        let v = self.sorted();
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    }

    fn best(&self) -> f64 {
        self.sorted().first().copied().unwrap_or(f64::NAN)
    }
}

/// The best (least disturbed) recorded time per iteration of `id`
/// (`group/name`), in ns, and the bytes an iteration processes. On a shared
/// machine the best sample is the closest to the code's own cost, so the
/// ratios use it.
pub fn best(id: &str) -> Option<(f64, u64)> {
    let t = TIMES.lock().unwrap_or_else(|e| e.into_inner());
    let e = find(&t, id)?;
    Some((e.best(), e.bytes))
}

/// MB/s (10^6 bytes per second) of `id`, best sample.
pub fn mb_s(id: &str) -> Option<f64> {
    best(id).map(|(ns, bytes)| bytes as f64 / ns * 1e3)
}

/// ns per byte of `id`, best sample.
pub fn ns_per_byte(id: &str) -> Option<f64> {
    best(id).map(|(ns, bytes)| ns / bytes.max(1) as f64)
}

/// Prints every recorded benchmark (MB/s, ns/byte) followed by `extra`
/// lines (ratios computed by the caller).
pub fn summary(title: &str, extra: &[String]) {
    let t = TIMES.lock().unwrap_or_else(|e| e.into_inner());
    if t.is_empty() {
        return;
    }
    println!("\n=== {title}: median and best of criterion's samples; ratios use the best ===");
    println!(
        "{:<32} {:>10} {:>11} {:>11} {:>9} {:>9} {:>8}",
        "benchmark", "bytes", "median ms", "best ms", "MB/s med", "MB/s best", "ns/B"
    );
    for (id, e) in t.iter() {
        let (med, best, bytes) = (e.median(), e.best(), e.bytes as f64);
        println!(
            "{id:<32} {bytes:>10} {:>11.3} {:>11.3} {:>9.1} {:>9.1} {:>8.2}",
            med / 1e6,
            best / 1e6,
            bytes / med * 1e3,
            bytes / best * 1e3,
            best / bytes.max(1.0)
        );
        if let Some(n) = &e.note {
            println!("    ({n})");
        }
    }
    for line in extra {
        println!("{line}");
    }
}

/// `a / b` formatted with two decimals, or `n/a`.
pub fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
        _ => "n/a".to_string(),
    }
}
