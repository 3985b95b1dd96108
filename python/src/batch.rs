//! Many texts at once: worker threads extract (and do whatever work needs
//! no Python objects) without the GIL while the calling thread, holding it,
//! turns finished chunks into Python objects, so that conversion overlaps
//! extraction. Each worker has a state of its own for the whole call (the
//! strings it has numbered, for `extract_batch`).
//!
//! Workers take the texts in chunks of consecutive ones and hand each
//! chunk's result over at once: a wake-up of the calling thread per text
//! would cost more than converting a short one, and a chunk's documents in
//! order can become one piece of a table (`to_arrow`'s record batches).

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

/// The most bytes of consecutive texts a worker extracts together
/// (`Extractor::extract_many`: each stage runs on all of them before the
/// next, so that its code stays in the processor's cache). The library's
/// `extract_batch` and the tool group texts the same way; groups of about
/// 512 KB of 3 KB articles were 10–15% faster than the articles one by one.
const GROUP_BYTES: usize = 512 << 10;

/// The extractor and the jobs of a batch.
pub struct Batch<'a, 'j> {
    pub ex: &'a Extractor,
    pub max_input_len: usize,
    pub jobs: &'a [Job<'j>],
}

impl<'j> Batch<'_, 'j> {
    fn located(&self, i: usize, msg: String) -> String {
        if self.jobs.len() == 1 { msg } else { format!("texts[{i}]: {msg}") }
    }

    /// Extracts text `i`; a panic (which the library promises never to
    /// raise) becomes an error instead of crossing into Python.
    fn extract(&self, i: usize) -> PyResult<Document<'j>> {
        let Some(job) = self.jobs.get(i) else { return Err(crate::internal("no such text")) };
        if job.text.len() > self.max_input_len {
            let e = zonefacts::Error::InputTooLarge { len: job.text.len(), max: self.max_input_len };
            return Err(crate::error(self.located(i, e.to_string())));
        }
        catch_unwind(AssertUnwindSafe(|| match job.date {
            Some(d) => self.ex.extract_with_date(job.text, d),
            None => self.ex.extract(job.text),
        }))
        .map_err(|p| crate::internal(self.located(i, panic_message(&*p))))
    }

    /// Whether text `i` can be extracted with others (it is not too large).
    fn groupable(&self, i: usize) -> Option<&Job<'j>> {
        self.jobs.get(i).filter(|job| job.text.len() <= self.max_input_len)
    }

    /// Extracts texts `range`, in order: consecutive texts of one date, up
    /// to [`GROUP_BYTES`] together, through `Extractor::extract_many`, which
    /// gives each the document `extract` gives; a text over the limit on
    /// its own, which fails at its place. A group that panics (which the
    /// library promises never to do) is extracted again text by text, so
    /// that the error names the text.
    fn extract_range(&self, range: std::ops::Range<usize>) -> PyResult<Vec<Document<'j>>> {
        let mut docs = Vec::with_capacity(range.len());
        let mut i = range.start;
        while i < range.end {
            // The texts after text `i` that join its group, if it has one.
            let mut end = i + 1;
            if let Some(head) = self.groupable(i) {
                let mut bytes = head.text.len();
                while end < range.end
                    && let Some(job) = self.groupable(end).filter(|job| job.date == head.date)
                    && bytes.saturating_add(job.text.len()) <= GROUP_BYTES
                {
                    bytes += job.text.len();
                    end += 1;
                }
            }
            if end == i + 1 {
                docs.push(self.extract(i)?);
                i = end;
                continue;
            }
            let jobs = self.jobs.get(i..end).unwrap_or(&[]);
            let texts = jobs.iter().map(|job| job.text);
            let got = catch_unwind(AssertUnwindSafe(|| match jobs.first().and_then(|job| job.date) {
                Some(d) => self.ex.extract_many_with_date(texts, d),
                None => self.ex.extract_many(texts),
            }));
            match got {
                Ok(group) => docs.extend(group),
                Err(_) => {
                    for k in i..end {
                        docs.push(self.extract(k)?);
                    }
                }
            }
            i = end;
        }
        Ok(docs)
    }

    /// Extracts texts `range` and runs `build` on their documents, with the
    /// worker's state `w`.
    fn chunk<W, P>(
        &self,
        w: &mut W,
        range: std::ops::Range<usize>,
        build: &(impl Fn(&mut W, usize, Vec<Document<'j>>) -> PyResult<P> + Sync),
    ) -> PyResult<P> {
        let first = range.start;
        let docs = self.extract_range(range)?;
        catch_unwind(AssertUnwindSafe(|| build(w, first, docs)))
            .unwrap_or_else(|p| Err(crate::internal(panic_message(&*p))))
    }
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
            // of `run_chunks` (never inside `detach`).
            unsafe { pyo3::ffi::PyGC_Enable() };
        }
    }
}

/// Extracts every text on `threads` worker threads (0: one per core), in
/// chunks of at most `chunk` consecutive texts (0: chosen here); `build`
/// runs on the worker thread (without the GIL) on each chunk's documents, in
/// order, with the index of its first text and the worker's own state
/// (`init(k)` for worker `k`, kept across its chunks); `sink` gets each
/// chunk's result on the calling thread, which holds the GIL only while
/// `sink` runs. Chunks arrive in the order they are finished, those of one
/// worker in the order it built them; the first error stops the workers
/// (and `sink` sees no chunk after it).
pub fn run_chunks<'py, 'j, W, P: Send>(
    py: Python<'py>,
    batch: &Batch<'_, 'j>,
    threads: usize,
    chunk: usize,
    init: impl Fn(usize) -> W + Sync,
    build: impl Fn(&mut W, usize, Vec<Document<'j>>) -> PyResult<P> + Sync,
    mut sink: impl FnMut(usize, P) -> PyResult<()>,
) -> PyResult<()> {
    let n = batch.jobs.len();
    if n == 0 {
        return Ok(());
    }
    let threads = thread_count(threads).min(n);
    if n == 1 {
        let p = py.detach(|| batch.chunk(&mut init(0), 0..1, &build))?;
        return sink(0, p);
    }
    // Sixteen chunks per worker, for an even share and for conversion to
    // follow extraction closely; up to 256 texts each, so that a chunk of
    // articles is large enough for `extract_range`'s groups to gain.
    let chunk = if chunk == 0 { (n / (threads * 16)).clamp(1, 256) } else { chunk };
    let _gc = GcPause::new(py);
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, mut rx) = mpsc::channel::<(usize, usize, PyResult<P>)>();
        for k in 0..threads {
            let tx = tx.clone();
            let (next, init, build) = (&next, &init, &build);
            scope.spawn(move || {
                let mut w = init(k);
                loop {
                    let first = next.fetch_add(chunk, Ordering::Relaxed);
                    if first >= n {
                        break;
                    }
                    let end = first.saturating_add(chunk).min(n);
                    let r = batch.chunk(&mut w, first..end, build);
                    // After an error the worker's state may be half updated:
                    // it builds no more chunks.
                    let failed = r.is_err();
                    if tx.send((first, end - first, r)).is_err() || failed {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut result = Ok(());
        let mut received = 0;
        while received < n {
            if let Err(e) = py.check_signals() {
                result = Err(e);
                break;
            }
            let msg = match rx.try_recv() {
                Ok(m) => Ok(m),
                Err(mpsc::TryRecvError::Empty) => {
                    // Wait for the next chunk without holding the GIL.
                    let (back, m) = py.detach(move || {
                        let m = rx.recv();
                        (rx, m)
                    });
                    rx = back;
                    m.map_err(|_| ())
                }
                Err(mpsc::TryRecvError::Disconnected) => Err(()),
            };
            let Ok((first, size, r)) = msg else {
                result = Err(crate::internal("a worker thread stopped early"));
                break;
            };
            received += size;
            if let Err(e) = r.and_then(|p| sink(first, p)) {
                result = Err(e);
                break;
            }
        }
        if result.is_err() {
            // Stop the workers: no text is left to take, and sends fail.
            next.store(n, Ordering::Relaxed);
            drop(rx);
        }
        // The scope joins the workers, which need no GIL.
        result
    })
}

/// [`run_chunks`] with `work` run on each document on the worker threads,
/// and `sink` given each result with the index of its text.
pub fn run<'py, 'j, T: Send>(
    py: Python<'py>,
    batch: &Batch<'_, 'j>,
    threads: usize,
    work: impl Fn(usize, Document<'j>) -> PyResult<T> + Sync,
    mut sink: impl FnMut(usize, T) -> PyResult<()>,
) -> PyResult<()> {
    run_chunks(
        py,
        batch,
        threads,
        0,
        |_| (),
        |_, first, docs| docs.into_iter().enumerate().map(|(k, d)| work(first + k, d)).collect::<PyResult<Vec<T>>>(),
        |first, results| {
            for (k, r) in results.into_iter().enumerate() {
                sink(first + k, r)?;
            }
            Ok(())
        },
    )
}
