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

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    let msg = p
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("panic in the zonefacts library: {msg}")
}

/// Extracts one text and runs `work` on its document; a panic (which the
/// library promises never to raise) becomes an error instead of crossing
/// into Python. `n` is the size of the batch, for the error messages.
fn process<W, T>(
    ex: &Extractor,
    max_input_len: usize,
    n: usize,
    i: usize,
    job: &Job<'_>,
    state: &mut W,
    work: &(impl Fn(&mut W, usize, &Job<'_>, Document) -> PyResult<T> + Sync),
) -> PyResult<T> {
    let located = |msg: String| if n == 1 { msg } else { format!("texts[{i}]: {msg}") };
    if job.text.len() > max_input_len {
        let e = zonefacts::Error::InputTooLarge { len: job.text.len(), max: max_input_len };
        return Err(crate::error(located(e.to_string())));
    }
    catch_unwind(AssertUnwindSafe(|| {
        let doc = match job.date {
            Some(d) => ex.extract_with_date(job.text, d),
            None => ex.extract(job.text),
        };
        work(state, i, job, doc)
    }))
    .unwrap_or_else(|p| Err(crate::internal(located(panic_message(&*p)))))
}

/// Pauses Python's cyclic garbage collector while a batch is converted, and
/// restores it after: the dicts of facts hold no cycles, and a collection
/// every 700 new containers would walk the growing lists again and again.
struct GcPause(bool);

impl GcPause {
    fn new(_py: Python<'_>) -> GcPause {
        // SAFETY: the GIL is held (the `Python` token proves it).
        GcPause(unsafe { pyo3::ffi::PyGC_Disable() } == 1)
    }
}

impl Drop for GcPause {
    fn drop(&mut self) {
        if self.0 {
            // SAFETY: dropped on the thread that holds the GIL, at the end
            // of `run` (never inside `detach`).
            unsafe { pyo3::ffi::PyGC_Enable() };
        }
    }
}

/// Extracts every job on `threads` worker threads (0: one per core), runs
/// `work` on each document there (without the GIL), and hands the results
/// to `sink` with their index on the calling thread, which holds the GIL
/// only while `sink` runs. Results arrive in the order they are finished;
/// the first error stops the workers.
pub fn run<'py, T: Send>(
    py: Python<'py>,
    ex: &Extractor,
    max_input_len: usize,
    jobs: &[Job<'_>],
    threads: usize,
    work: impl Fn(usize, &Job<'_>, Document) -> PyResult<T> + Sync,
    sink: impl FnMut(usize, T) -> PyResult<()>,
) -> PyResult<()> {
    run_with_state(py, ex, max_input_len, jobs, threads, || (), |_, i, job, doc| work(i, job, doc), sink)?;
    Ok(())
}

/// [`run`], with a state per worker thread (made by `init`, passed to each
/// `work` of that thread): the states are returned, one per thread.
#[allow(clippy::too_many_arguments)]
pub fn run_with_state<'py, W: Send, T: Send>(
    py: Python<'py>,
    ex: &Extractor,
    max_input_len: usize,
    jobs: &[Job<'_>],
    threads: usize,
    init: impl Fn() -> W + Sync,
    work: impl Fn(&mut W, usize, &Job<'_>, Document) -> PyResult<T> + Sync,
    mut sink: impl FnMut(usize, T) -> PyResult<()>,
) -> PyResult<Vec<W>> {
    let n = jobs.len();
    if n == 0 {
        return Ok(Vec::new());
    }
    let threads = thread_count(threads).min(n);
    if n == 1 {
        let (state, r) = py.detach(|| {
            let mut state = init();
            let r = process(ex, max_input_len, n, 0, &jobs[0], &mut state, &work);
            (state, r)
        });
        sink(0, r?)?;
        return Ok(vec![state]);
    }
    let _gc = GcPause::new(py);
    // Workers take the texts a few at a time and send their results
    // together: a wake-up of the calling thread per text costs more than
    // converting a short one.
    let chunk = (n / (threads * 16)).clamp(1, 16);
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, mut rx) = mpsc::channel::<Vec<(usize, PyResult<T>)>>();
        let mut workers = Vec::with_capacity(threads);
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, init, work) = (&next, &init, &work);
            workers.push(scope.spawn(move || {
                let mut state = init();
                loop {
                    let first = next.fetch_add(chunk, Ordering::Relaxed);
                    if first >= n {
                        break;
                    }
                    let results = (first..(first + chunk).min(n))
                        .map(|i| (i, process(ex, max_input_len, n, i, &jobs[i], &mut state, work)))
                        .collect();
                    if tx.send(results).is_err() {
                        break;
                    }
                }
                state
            }));
        }
        drop(tx);
        let mut result = Ok(());
        let mut received = 0;
        'receive: while received < n {
            if let Err(e) = py.check_signals() {
                result = Err(e);
                break;
            }
            let msg = match rx.try_recv() {
                Ok(m) => Ok(m),
                Err(mpsc::TryRecvError::Empty) => {
                    // Wait for the next results without holding the GIL.
                    let (back, m) = py.detach(move || {
                        let m = rx.recv();
                        (rx, m)
                    });
                    rx = back;
                    m.map_err(|_| ())
                }
                Err(mpsc::TryRecvError::Disconnected) => Err(()),
            };
            let Ok(results) = msg else {
                result = Err(crate::internal("a worker thread stopped early"));
                break;
            };
            for (i, r) in results {
                received += 1;
                if let Err(e) = r.and_then(|x| sink(i, x)) {
                    result = Err(e);
                    break 'receive;
                }
            }
        }
        if result.is_err() {
            // Stop the workers: no job is left to take, and sends fail.
            next.store(n, Ordering::Relaxed);
            drop(rx);
        }
        result?;
        // Every document is in: the workers are done or about to be.
        py.detach(|| workers.into_iter().map(|w| w.join()).collect::<Result<Vec<W>, _>>())
            .map_err(|p| crate::internal(panic_message(&*p)))
    })
}
