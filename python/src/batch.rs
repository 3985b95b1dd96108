//! Many texts at once: worker threads extract without the GIL while the
//! calling thread, holding it, turns each finished document into Python
//! objects, so that conversion overlaps extraction.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use pyo3::prelude::*;
use zonefacts::{CalendarDate, Document, Extractor};

/// One text to extract, with its own document date if it has one.
pub struct Job<'a> {
    pub text: &'a str,
    pub date: Option<CalendarDate>,
}

/// The number of threads `threads` means: 0 is one per core.
pub fn thread_count(threads: usize) -> usize {
    if threads == 0 { std::thread::available_parallelism().map_or(1, usize::from) } else { threads }
}

/// Extracts one text; a panic (which the library promises never to raise)
/// becomes an error message instead of crossing into Python.
fn extract_one(ex: &Extractor, max_input_len: usize, job: &Job<'_>) -> Result<Document, String> {
    if job.text.len() > max_input_len {
        return Err(zonefacts::Error::InputTooLarge { len: job.text.len(), max: max_input_len }.to_string());
    }
    catch_unwind(AssertUnwindSafe(|| match job.date {
        Some(d) => ex.extract_with_date(job.text, d),
        None => ex.extract(job.text),
    }))
    .map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        format!("internal error in the zonefacts library: {msg}")
    })
}

fn fail(n: usize, i: usize, msg: String) -> PyErr {
    let msg = if n == 1 { msg } else { format!("texts[{i}]: {msg}") };
    if msg.contains("internal error") { crate::internal(msg) } else { crate::error(msg) }
}

/// Extracts every job on `threads` worker threads (0: one per core) and
/// hands each document to `sink` with its index, on the calling thread,
/// which holds the GIL only while `sink` runs. Documents arrive in the
/// order they are finished; the first error stops the workers.
pub fn run<'py>(
    py: Python<'py>,
    ex: &Extractor,
    max_input_len: usize,
    jobs: &[Job<'_>],
    threads: usize,
    mut sink: impl FnMut(usize, Document) -> PyResult<()>,
) -> PyResult<()> {
    let n = jobs.len();
    if n == 0 {
        return Ok(());
    }
    let threads = thread_count(threads).min(n);
    if n == 1 {
        let doc = py.detach(|| extract_one(ex, max_input_len, &jobs[0])).map_err(|m| fail(n, 0, m))?;
        return sink(0, doc);
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, mut rx) = mpsc::channel::<(usize, Result<Document, String>)>();
        for _ in 0..threads {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    if tx.send((i, extract_one(ex, max_input_len, job))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut result = Ok(());
        for received in 0..n {
            if received % 64 == 63
                && let Err(e) = py.check_signals()
            {
                result = Err(e);
                break;
            }
            let msg = match rx.try_recv() {
                Ok(m) => Ok(m),
                Err(mpsc::TryRecvError::Empty) => {
                    // Wait for the next document without holding the GIL.
                    let (back, m) = py.detach(move || {
                        let m = rx.recv();
                        (rx, m)
                    });
                    rx = back;
                    m.map_err(|_| ())
                }
                Err(mpsc::TryRecvError::Disconnected) => Err(()),
            };
            let Ok((i, r)) = msg else {
                result = Err(crate::internal("a worker thread stopped early"));
                break;
            };
            if let Err(e) = r.map_err(|m| fail(n, i, m)).and_then(|doc| sink(i, doc)) {
                result = Err(e);
                break;
            }
        }
        if result.is_err() {
            // Stop the workers: no job is left to take, and sends fail.
            next.store(n, Ordering::Relaxed);
            drop(rx);
        }
        // The scope joins the workers, which need no GIL.
        result
    })
}
