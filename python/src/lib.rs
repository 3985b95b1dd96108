//! `zonefacts._zonefacts`: the Python binding of the zonefacts library.
//!
//! The Python package `zonefacts` (python/zonefacts/) re-exports what this
//! module defines and adds `to_pandas` and `to_arrow` on top of
//! `Extractor._columns`. Everything here goes through the library's public
//! API; no panic crosses into Python.

use std::sync::Mutex;

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use pyo3::{create_exception, intern};
use zonefacts::{CalendarDate, Extractor, KindSet};

mod batch;
mod convert;
mod table;

use batch::Job;

create_exception!(
    zonefacts,
    ZonefactsError,
    PyValueError,
    "An error of the zonefacts library, with its message: a bad `kinds` string, a bad \
     `document_date`, bytes that are not UTF-8, an input over `max_input_len`."
);

/// A [`ZonefactsError`] with the library's message.
pub(crate) fn error(msg: impl Into<String>) -> PyErr {
    ZonefactsError::new_err(msg.into())
}

/// A bug in the binding or the library: a `RuntimeError`.
pub(crate) fn internal(msg: impl Into<String>) -> PyErr {
    PyRuntimeError::new_err(format!("zonefacts internal error: {}", msg.into()))
}

/// A text handed in from Python: a `str`, or UTF-8 `bytes`.
enum Text<'py> {
    Str(Bound<'py, PyString>),
    Bytes(Bound<'py, PyBytes>),
}

impl<'py> Text<'py> {
    fn new(obj: &Bound<'py, PyAny>, what: &dyn Fn() -> String) -> PyResult<Text<'py>> {
        if let Ok(s) = obj.cast::<PyString>() {
            Ok(Text::Str(s.clone()))
        } else if let Ok(b) = obj.cast::<PyBytes>() {
            Ok(Text::Bytes(b.clone()))
        } else {
            let ty = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
            Err(PyTypeError::new_err(format!("{} must be str or bytes, not {ty}", what())))
        }
    }

    fn py(&self) -> Python<'py> {
        match self {
            Text::Str(s) => s.py(),
            Text::Bytes(b) => b.py(),
        }
    }

    /// The Python string, if the text is one.
    fn source(&self) -> Option<&Bound<'py, PyString>> {
        match self {
            Text::Str(s) => Some(s),
            Text::Bytes(_) => None,
        }
    }

    /// The text as UTF-8, borrowed from the Python object (no copy for a
    /// `str`: CPython keeps its UTF-8 form).
    fn as_str(&self) -> PyResult<&str> {
        match self {
            Text::Str(s) => s.to_str(),
            Text::Bytes(b) => std::str::from_utf8(b.as_bytes())
                .map_err(|e| error(zonefacts::Error::InvalidUtf8 { offset: e.valid_up_to() }.to_string())),
        }
    }
}

/// Parses `kinds`: `None` (every kind), a comma-separated string such as
/// `"money,count"`, or an iterable of kind names.
fn parse_kinds(kinds: Option<&Bound<'_, PyAny>>) -> PyResult<KindSet> {
    let Some(kinds) = kinds.filter(|k| !k.is_none()) else { return Ok(KindSet::all()) };
    let spec = if let Ok(s) = kinds.cast::<PyString>() {
        s.to_cow()?.into_owned()
    } else {
        let mut parts = Vec::new();
        for item in kinds.try_iter().map_err(|_| PyTypeError::new_err("kinds must be a str or an iterable of str"))? {
            let item = item?;
            let s = item
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("kinds must be a str or an iterable of str"))?;
            parts.push(s.to_cow()?.into_owned());
        }
        if parts.is_empty() {
            return Ok(KindSet::empty());
        }
        parts.join(",")
    };
    spec.parse::<KindSet>().map_err(|e| error(e.to_string()))
}

/// Parses a document date: `None`, `"YYYY-MM-DD"`, or a `datetime.date`
/// (a `datetime.datetime` gives its date).
fn parse_date(date: Option<&Bound<'_, PyAny>>) -> PyResult<Option<CalendarDate>> {
    let Some(date) = date.filter(|d| !d.is_none()) else { return Ok(None) };
    if let Ok(s) = date.cast::<PyString>() {
        return s.to_cow()?.parse::<CalendarDate>().map(Some).map_err(|e| error(e.to_string()));
    }
    let py = date.py();
    let (y, m, d) =
        match (date.getattr(intern!(py, "year")), date.getattr(intern!(py, "month")), date.getattr(intern!(py, "day")))
        {
            (Ok(y), Ok(m), Ok(d)) => (y.extract::<i32>()?, m.extract::<u8>()?, d.extract::<u8>()?),
            _ => {
                return Err(PyTypeError::new_err(
                    "document_date must be None, a 'YYYY-MM-DD' string or a datetime.date",
                ));
            }
        };
    CalendarDate::new(y, m, d).map(Some).map_err(|e| error(e.to_string()))
}

/// Extracts typed, exact, traceable facts from Chinese development-zone
/// reports.
///
/// Build it once and reuse it (it is thread-safe and cheap to share).
///
/// Args:
///     kinds: the kinds of fact to look for: ``None`` (all), a comma-separated
///         string such as ``"money,count,date"``, or an iterable of names
///         (``money count measure percent date platform zone``).
///     document_date: the date the texts were written (``"YYYY-MM-DD"`` or a
///         ``datetime.date``), which resolves ``今年``, ``去年5月``, ``上半年``;
///         without it their year is ``XXXX``.
///     max_input_len: the largest text accepted, in UTF-8 bytes (default
///         256 MiB); a longer one raises ``ZonefactsError``.
///     platform_names, zone_names: names the caller knows, found wherever
///         they occur and preferred over what the rules find.
///
/// Raises:
///     ZonefactsError: a bad ``kinds`` string or ``document_date``, with the
///         library's message (``not a valid kind: "cash"``).
#[pyclass(frozen, module = "zonefacts", name = "Extractor")]
struct PyExtractor {
    ex: Extractor,
    /// Arrow columns of the last chunks of `_columns(arrow=True)`, emptied,
    /// kept so that the next chunks write into memory that is already
    /// mapped (see [`POOL_MAX_BYTES`]).
    pool: Mutex<Vec<table::Arrow>>,
    kinds: KindSet,
    document_date: Option<CalendarDate>,
    max_input_len: usize,
    platform_names: Vec<String>,
    zone_names: Vec<String>,
}

/// The texts of a batch, kept alive while the workers borrow their UTF-8.
struct Texts<'py> {
    texts: Vec<Text<'py>>,
    dates: Vec<Option<CalendarDate>>,
}

impl<'py> Texts<'py> {
    fn new(texts: &Bound<'py, PyAny>, document_dates: Option<&Bound<'py, PyAny>>) -> PyResult<Texts<'py>> {
        if texts.is_instance_of::<PyString>() || texts.is_instance_of::<PyBytes>() {
            return Err(PyTypeError::new_err("texts must be a sequence of texts, not one text"));
        }
        let mut items = Vec::new();
        for (i, t) in texts.try_iter()?.enumerate() {
            items.push(Text::new(&t?, &|| format!("texts[{i}]"))?);
        }
        let dates = match document_dates.filter(|d| !d.is_none()) {
            None => vec![None; items.len()],
            Some(ds) => {
                let dates =
                    ds.try_iter()?.map(|d| d.and_then(|d| parse_date(Some(&d)))).collect::<PyResult<Vec<_>>>()?;
                if dates.len() != items.len() {
                    return Err(PyValueError::new_err(format!(
                        "document_dates has {} items for {} texts",
                        dates.len(),
                        items.len()
                    )));
                }
                dates
            }
        };
        Ok(Texts { texts: items, dates })
    }

    fn jobs(&self, default: Option<CalendarDate>) -> PyResult<Vec<Job<'_>>> {
        let many = self.texts.len() > 1;
        let mut jobs = Vec::with_capacity(self.texts.len());
        for (i, (t, d)) in self.texts.iter().zip(&self.dates).enumerate() {
            let text = match (t, t.as_str()) {
                (_, Ok(s)) => s,
                // Bytes that are not UTF-8: the library's message, located.
                (Text::Bytes(_), Err(e)) if many => return Err(error(format!("texts[{i}]: {}", e.value(t.py())))),
                (_, Err(e)) => return Err(e),
            };
            jobs.push(Job { text, date: d.or(default) });
        }
        Ok(jobs)
    }
}

/// The most memory the pool of Arrow columns keeps between calls, and the
/// most sets of columns.
const POOL_MAX_BYTES: usize = 64 << 20;
const POOL_MAX_PIECES: usize = 16;

impl PyExtractor {
    /// The jobs with this extractor and its limit.
    fn batch<'a, 'j>(&'a self, jobs: &'a [Job<'j>]) -> batch::Batch<'a, 'j> {
        batch::Batch { ex: &self.ex, max_input_len: self.max_input_len, jobs }
    }

    /// Extracts `jobs` on `threads` worker threads and gives `sink` the dict
    /// of each, with its index. The workers prepare each chunk of documents
    /// (offsets, printed values, numbered strings: [`convert::Chunk`]); the
    /// calling thread only makes the Python objects. `sliced[i]`: text `i`
    /// came from the Python string `source(i)`, and its facts' texts are
    /// slices of it.
    fn dicts<'py, 's>(
        &self,
        py: Python<'py>,
        jobs: &[Job<'_>],
        sliced: &[bool],
        threads: usize,
        source: impl Fn(usize) -> Option<&'s Bound<'py, PyString>>,
        mut sink: impl FnMut(usize, Bound<'py, PyDict>) -> PyResult<()>,
    ) -> PyResult<()>
    where
        'py: 's,
    {
        let mut builder = convert::Builder::new(py);
        batch::run_chunks(
            py,
            &self.batch(jobs),
            threads,
            0,
            convert::Interner::new,
            |w, first, docs| {
                let mut chunk = convert::Chunk::new(w, &docs);
                for (k, doc) in docs.iter().enumerate() {
                    let i = first + k;
                    let (Some(job), Some(&sliced)) = (jobs.get(i), sliced.get(i)) else {
                        return Err(internal("no such text"));
                    };
                    chunk.push(w, job.text, sliced, doc)?;
                }
                Ok(chunk.finish(w))
            },
            |first, chunk| {
                for (k, d) in builder.documents(chunk, |k| source(first + k))?.into_iter().enumerate() {
                    sink(first + k, d)?;
                }
                Ok(())
            },
        )
    }

    /// Empty Arrow columns: from the pool if it has some.
    fn pooled(&self) -> table::Arrow {
        self.pool.lock().ok().and_then(|mut p| p.pop()).unwrap_or_default()
    }

    /// Empties `columns` and keeps them for the next chunk, up to
    /// [`POOL_MAX_BYTES`] in all.
    fn unpool(&self, mut columns: table::Arrow) {
        let Ok(mut pool) = self.pool.lock() else { return };
        let held: usize = pool.iter().map(table::Arrow::capacity_bytes).sum();
        if held + columns.capacity_bytes() <= POOL_MAX_BYTES && pool.len() < POOL_MAX_PIECES {
            columns.clear();
            pool.push(columns);
        }
    }
}

/// The library's JSON of a document.
fn to_json(doc: &zonefacts::Document) -> PyResult<String> {
    serde_json::to_string(doc).map_err(|e| internal(e.to_string()))
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (kinds=None, document_date=None, *, max_input_len=None, platform_names=None, zone_names=None))]
    fn new(
        kinds: Option<&Bound<'_, PyAny>>,
        document_date: Option<&Bound<'_, PyAny>>,
        max_input_len: Option<usize>,
        platform_names: Option<Vec<String>>,
        zone_names: Option<Vec<String>>,
    ) -> PyResult<PyExtractor> {
        let kinds = parse_kinds(kinds)?;
        let document_date = parse_date(document_date)?;
        let max_input_len = max_input_len.unwrap_or(zonefacts::DEFAULT_MAX_INPUT_LEN);
        let platform_names = platform_names.unwrap_or_default();
        let zone_names = zone_names.unwrap_or_default();
        let mut b = Extractor::builder()
            .kinds(kinds)
            .max_input_len(max_input_len)
            .platform_names(platform_names.iter().cloned())
            .zone_names(zone_names.iter().cloned());
        if let Some(d) = document_date {
            b = b.document_date(d);
        }
        Ok(PyExtractor {
            ex: b.build(),
            pool: Mutex::new(Vec::new()),
            kinds,
            document_date,
            max_input_len,
            platform_names,
            zone_names,
        })
    }

    /// Extracts the facts of one text.
    ///
    /// Returns ``{"sections": [...], "facts": [...]}`` with the fields of the
    /// library's JSON (SPEC.md), except that ``start`` and ``end`` are
    /// Python string indices (``text[f["start"]:f["end"]] == f["text"]``);
    /// ``byte_start`` and ``byte_end`` are the UTF-8 byte offsets of the
    /// library's JSON. Fields that do not apply are left out; ``title``,
    /// ``zone`` and ``reporter`` of a section are ``None`` when absent.
    ///
    /// ``text`` may be ``bytes`` (UTF-8); offsets then count the characters
    /// of its decoded text. ``document_date`` overrides the extractor's for
    /// this call. The GIL is released while the text is extracted.
    #[pyo3(signature = (text, document_date=None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        document_date: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let text = Text::new(text, &|| "text".to_string())?;
        let s = text.as_str()?;
        let jobs = [Job { text: s, date: parse_date(document_date)?.or(self.document_date) }];
        let sliced = [text.source().is_some()];
        let mut out = None;
        self.dicts(
            py,
            &jobs,
            &sliced,
            1,
            |_| text.source(),
            |_, doc| {
                out = Some(doc);
                Ok(())
            },
        )?;
        out.ok_or_else(|| internal("no document"))
    }

    /// Extracts the facts of one text as the library's own JSON (what the
    /// tool's ``--format jsonl`` prints for it, without ``file``): byte
    /// offsets, exactly SPEC.md's format.
    #[pyo3(signature = (text, document_date=None))]
    fn extract_json(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        document_date: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let text = Text::new(text, &|| "text".to_string())?;
        let jobs = [Job { text: text.as_str()?, date: parse_date(document_date)?.or(self.document_date) }];
        let mut out = None;
        batch::run(
            py,
            &self.batch(&jobs),
            1,
            |_, doc| to_json(&doc),
            |_, json| {
                out = Some(json);
                Ok(())
            },
        )?;
        out.ok_or_else(|| internal("no document"))
    }

    /// Extracts many texts in parallel and returns their dicts (as
    /// ``extract`` gives them) in the order of ``texts``.
    ///
    /// ``threads`` worker threads extract without the GIL (0: one per core)
    /// and prepare each document for Python (offsets, printed values); the
    /// calling thread then only makes the dicts, holding the GIL only for
    /// that. ``document_dates``, if given, has one
    /// date (or ``None``) per text. An error in any text raises
    /// ``ZonefactsError`` naming it (``texts[3]: ...``).
    #[pyo3(signature = (texts, threads=0, document_dates=None))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: usize,
        document_dates: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let texts = Texts::new(texts, document_dates)?;
        let jobs = texts.jobs(self.document_date)?;
        let sliced: Vec<bool> = texts.texts.iter().map(|t| t.source().is_some()).collect();
        let mut out: Vec<Option<Bound<'py, PyDict>>> = vec![None; jobs.len()];
        self.dicts(
            py,
            &jobs,
            &sliced,
            threads,
            |i| texts.texts.get(i).and_then(Text::source),
            |i, doc| {
                if let Some(slot) = out.get_mut(i) {
                    *slot = Some(doc);
                }
                Ok(())
            },
        )?;
        let dicts = out
            .into_iter()
            .map(|d| d.ok_or_else(|| internal("a document is missing")))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, dicts)
    }

    /// Extracts many texts in parallel and returns, for each, the library's
    /// own JSON (as ``extract_json`` gives it), in the order of ``texts``.
    /// The JSON is written on the worker threads: the fastest way to JSON
    /// Lines output.
    #[pyo3(signature = (texts, threads=0, document_dates=None))]
    fn extract_json_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: usize,
        document_dates: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<String>> {
        let texts = Texts::new(texts, document_dates)?;
        let jobs = texts.jobs(self.document_date)?;
        let mut out = vec![String::new(); jobs.len()];
        batch::run(
            py,
            &self.batch(&jobs),
            threads,
            |_, doc| to_json(&doc),
            |i, json| {
                out[i] = json;
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// The facts of many texts as columns, for ``to_pandas`` and
    /// ``to_arrow``.
    ///
    /// With ``arrow=False``, a dict of column name to list. With
    /// ``arrow=True``, a list of pieces of the table, in order, each a dict of
    /// column name to ``(type, length, null_count, validity, *buffers)`` for
    /// ``pyarrow.Array.from_buffers``. Column ``doc`` is the index of the text
    /// each fact comes from.
    #[pyo3(signature = (texts, threads=0, document_dates=None, arrow=false))]
    fn _columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: usize,
        document_dates: Option<&Bound<'py, PyAny>>,
        arrow: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let texts = Texts::new(texts, document_dates)?;
        let jobs = texts.jobs(self.document_date)?;
        let batch = self.batch(&jobs);
        if arrow {
            // The worker threads build the columns of whole chunks of texts
            // (in memory kept from the last calls); each chunk becomes a
            // piece of the table here as it arrives.
            let n = jobs.len();
            let chunk = (n / (batch::thread_count(threads).min(n.max(1)) * 8)).clamp(1, 1024);
            let mut pieces: Vec<(usize, Bound<'py, PyDict>)> = Vec::new();
            batch::run_chunks(
                py,
                &batch,
                threads,
                chunk,
                |_| (),
                |_, first, docs| {
                    let mut rows = self.pooled();
                    for (k, doc) in docs.iter().enumerate() {
                        table::push_document(&mut rows, first + k, jobs[first + k].text, doc)?;
                    }
                    Ok(rows)
                },
                |first, mut rows| {
                    let piece = rows.export(py);
                    self.unpool(rows);
                    pieces.push((first, piece?));
                    Ok(())
                },
            )?;
            pieces.sort_by_key(|(first, _)| *first);
            Ok(PyList::new(py, pieces.into_iter().map(|(_, p)| p))?.into_any())
        } else {
            let mut pending: Vec<Option<zonefacts::Document>> = vec![None; jobs.len()];
            let mut next = 0;
            let mut lists = table::Lists::new(py)?;
            batch::run(
                py,
                &batch,
                threads,
                |_, doc| Ok(doc),
                |i, doc| {
                    pending[i] = Some(doc);
                    while let Some(Some(doc)) = pending.get_mut(next).map(Option::take) {
                        table::push_document(&mut lists, next, jobs[next].text, &doc)?;
                        next += 1;
                    }
                    Ok(())
                },
            )?;
            Ok(lists.finish()?.into_any())
        }
    }

    /// The number of facts of each text (extraction alone, without building
    /// Python objects: for benchmarks and checks).
    #[pyo3(signature = (texts, threads=0))]
    fn _count(&self, py: Python<'_>, texts: &Bound<'_, PyAny>, threads: usize) -> PyResult<Vec<usize>> {
        let texts = Texts::new(texts, None)?;
        let jobs = texts.jobs(self.document_date)?;
        let mut out = vec![0; jobs.len()];
        batch::run(
            py,
            &self.batch(&jobs),
            threads,
            |_, doc| Ok(doc.facts.len()),
            |i, c| {
                out[i] = c;
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// The kinds this extractor looks for, in the library's order.
    #[getter]
    fn kinds(&self) -> Vec<&'static str> {
        self.kinds.iter().map(|k| k.as_str()).collect()
    }

    /// The document date (``"YYYY-MM-DD"``), or ``None``.
    #[getter]
    fn document_date(&self) -> Option<String> {
        self.document_date.map(|d| d.to_string())
    }

    /// The largest text accepted, in UTF-8 bytes.
    #[getter]
    fn max_input_len(&self) -> usize {
        self.max_input_len
    }

    fn __repr__(&self) -> String {
        let kinds = self.kinds().join(",");
        match self.document_date {
            Some(d) => format!("Extractor(kinds={kinds:?}, document_date={:?})", d.to_string()),
            None => format!("Extractor(kinds={kinds:?})"),
        }
    }

    /// Pickles as its settings (Spark and multiprocessing ship it so).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let this = slf.get();
        let rebuild = py.import(intern!(py, "zonefacts._zonefacts"))?.getattr(intern!(py, "_rebuild"))?;
        let args = (
            this.kinds().join(","),
            this.document_date(),
            this.max_input_len,
            this.platform_names.clone(),
            this.zone_names.clone(),
        );
        Ok((rebuild, args.into_pyobject(py)?))
    }
}

/// Rebuilds a pickled `Extractor`.
#[pyfunction]
fn _rebuild(
    kinds: &Bound<'_, PyAny>,
    document_date: Option<&Bound<'_, PyAny>>,
    max_input_len: usize,
    platform_names: Vec<String>,
    zone_names: Vec<String>,
) -> PyResult<PyExtractor> {
    PyExtractor::new(Some(kinds), document_date, Some(max_input_len), Some(platform_names), Some(zone_names))
}

/// The number of worker threads ``threads=0`` means here (one per core).
#[pyfunction]
fn default_threads() -> usize {
    batch::thread_count(0)
}

/// Native part of the zonefacts package: see ``zonefacts``.
#[pymodule]
fn _zonefacts(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyExtractor>()?;
    m.add("ZonefactsError", py.get_type::<ZonefactsError>())?;
    m.add_function(wrap_pyfunction!(_rebuild, m)?)?;
    m.add_function(wrap_pyfunction!(default_threads, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("KINDS", zonefacts::Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>())?;
    m.add("COLUMNS", table::COLUMNS.iter().map(|(n, _)| *n).collect::<Vec<_>>())?;
    Ok(())
}
