//! Many documents with one shared `Extractor`: one thread, two threads
//! (`std::thread::scope`), and `Extractor::extract_batch` with the `rayon`
//! feature (`cargo bench --bench batch --features rayon`).

mod support;

use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use support::{SEED, bench, corpus, group, ratio};
use zonefacts::Extractor;

/// Extracts every article on `threads` threads; each takes the next batch
/// of 8 articles from a shared counter.
fn scoped(ex: &Extractor, articles: &[String], threads: usize) -> usize {
    let next = AtomicUsize::new(0);
    let facts = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let mut n = 0;
                loop {
                    let i = next.fetch_add(8, Ordering::Relaxed);
                    let Some(chunk) = articles.get(i..(i + 8).min(articles.len())) else { break };
                    if chunk.is_empty() {
                        break;
                    }
                    n += chunk.iter().map(|a| black_box(ex.extract(a)).facts.len()).sum::<usize>();
                }
                facts.fetch_add(n, Ordering::Relaxed);
            });
        }
    });
    facts.into_inner()
}

fn main() {
    let articles = corpus::articles(support::size(support::CORPUS_BYTES), SEED);
    let bytes: usize = articles.iter().map(String::len).sum();
    let ex = Extractor::new();
    let mut c = support::criterion();
    {
        let mut g = group(&mut c, "batch");
        bench(&mut g, "batch", "1_thread", bytes, || {
            black_box(articles.iter().map(|a| black_box(ex.extract(a)).facts.len()).sum::<usize>());
        });
        bench(&mut g, "batch", "2_threads_scoped", bytes, || {
            black_box(scoped(&ex, &articles, 2));
        });
        #[cfg(feature = "rayon")]
        bench(&mut g, "batch", "extract_batch_rayon", bytes, || {
            black_box(ex.extract_batch(&articles).len());
        });
        g.finish();
    }
    c.final_summary();
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let extra = vec![
        format!("{} articles, {bytes} bytes; {cores} cores available", articles.len()),
        format!(
            "speed-up, 2 scoped threads vs 1:  {}",
            ratio(support::mb_s("batch/2_threads_scoped"), support::mb_s("batch/1_thread"))
        ),
        format!(
            "speed-up, extract_batch (rayon):  {}",
            ratio(support::mb_s("batch/extract_batch_rayon"), support::mb_s("batch/1_thread"))
        ),
    ];
    support::summary("batch", &extra);
}
