"""One row per fact: pandas DataFrames and Arrow tables.

The rows are built in Rust (``Extractor._columns``) in one pass over each
document; Arrow columns arrive as raw buffers that pyarrow wraps as they
are, pandas columns as Python lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from ._zonefacts import COLUMNS as _NATIVE_COLUMNS
from ._zonefacts import Extractor

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

#: The scale of the Arrow ``decimal128(38, 10)`` columns ``low`` and ``high``.
DECIMAL_SCALE = 10

# The columns of a fact table after ``id``: the native column list less its
# ``doc`` (the index of the text), which becomes ``id``.
_NAMES = [c for c in _NATIVE_COLUMNS if c != "doc"]

#: The columns of :func:`to_pandas` and :func:`to_arrow`, in order.
COLUMNS = ["id", *_NAMES]
_INT = {"start", "end", "byte_start", "byte_end", "section"}
_DEC = {"low", "high"}


def _pick(extractor: Optional[Extractor], kinds: Any, document_date: Any) -> Extractor:
    if extractor is not None:
        if kinds is not None or document_date is not None:
            raise TypeError("pass either extractor or kinds/document_date, not both")
        return extractor
    if kinds is None and document_date is None:
        from . import _default_extractor

        return _default_extractor()
    return Extractor(kinds, document_date)


def _texts(texts: Iterable[Any]) -> Sequence[Any]:
    if isinstance(texts, (str, bytes)):
        raise TypeError("texts must be a sequence of texts, not one text")
    return texts if isinstance(texts, (list, tuple)) else list(texts)


def to_pandas(
    texts: Iterable[str | bytes],
    ids: Optional[Iterable[Any]] = None,
    *,
    extractor: Optional[Extractor] = None,
    kinds: Any = None,
    document_date: Any = None,
    document_dates: Optional[Iterable[Any]] = None,
    threads: int = 0,
) -> "pandas.DataFrame":
    """The facts of ``texts`` as a pandas DataFrame, one row per fact.

    Columns (:data:`zonefacts.COLUMNS`):

    - ``id``: ``ids[i]`` of the text the fact comes from (its index ``i``
      when ``ids`` is None);
    - the fact's JSON fields, under their JSON names: ``kind``, ``start``,
      ``end`` (Python string indices into the text), ``byte_start``,
      ``byte_end``, ``text``, ``value`` (SPEC's exact string: ``"37800000000"``,
      a range ``"300000000/500000000"``, a date ``"2021-11"``, a name),
      ``unit``, ``approx``, ``subject``, ``change``, ``target`` (bool: False
      unless the figure is an aim), ``as_of``, ``zone`` (the key of the zone a
      figure is about), ``section``, ``type``, ``mod``, ``relation``, ``key``,
      ``zone_type``, ``level``, ``province``, ``city``, ``county``,
      ``place_code``;
    - ``low``, ``high``: the exact value of a numeric fact as
      ``decimal.Decimal`` (equal for a single number; the ends of a range);
      None for dates, platforms and zones;
    - ``value_float``: the value as a float for convenience (the middle of a
      range); NaN for the other kinds;
    - ``section_zone_key``: the ``zone_key`` of the fact's section.

    Missing strings are None (NaN with pandas 3's ``str`` dtype). ``ids``,
    if given, has one item per text. The extraction runs on ``threads``
    threads (0: one per core), as :meth:`Extractor.extract_batch`.
    """
    import pandas as pd

    texts = _texts(texts)
    ex = _pick(extractor, kinds, document_date)
    cols = ex._columns(texts, threads, document_dates, False)
    doc = cols.pop("doc")
    if ids is None:
        id_col: list = doc
    else:
        ids = list(ids)
        if len(ids) != len(texts):
            raise ValueError(f"ids has {len(ids)} items for {len(texts)} texts")
        id_col = [ids[i] for i in doc]
    df = pd.DataFrame({"id": id_col, **cols}, columns=["id", *_NAMES])
    str_dtype = "str" if int(pd.__version__.split(".")[0]) >= 3 else object
    dtypes = {}
    for name in _NAMES:
        if name in _INT:
            dtypes[name] = "int64"
        elif name == "value_float":
            dtypes[name] = "float64"
        elif name == "target":
            dtypes[name] = "bool"
        elif name not in _DEC:
            dtypes[name] = str_dtype
    if ids is None:
        dtypes["id"] = "int64"
    return df.astype(dtypes)


_ARROW_TYPES = {}


def _arrow_type(pa, tag: str):
    if not _ARROW_TYPES:
        _ARROW_TYPES.update(
            str=pa.string(),
            i64=pa.int64(),
            f64=pa.float64(),
            bool=pa.bool_(),
            dec=pa.decimal128(38, DECIMAL_SCALE),
        )
    return _ARROW_TYPES[tag]


def _array(pa, spec):
    tag, n, nulls, validity, *buffers = spec
    buffers = [None if validity is None else pa.py_buffer(validity)] + [pa.py_buffer(b) for b in buffers]
    return pa.Array.from_buffers(_arrow_type(pa, tag), n, buffers, null_count=nulls)


def arrow_schema(id_type: Any = None) -> "pyarrow.Schema":
    """The schema of :func:`to_arrow`'s tables; ``id_type`` is the type of
    ``id`` (default ``int64``, the index of the text)."""
    import pyarrow as pa

    types = {"str": pa.string(), "i64": pa.int64(), "f64": pa.float64(), "bool": pa.bool_()}
    fields = [pa.field("id", id_type if id_type is not None else pa.int64())]
    for name in _NAMES:
        if name in _INT:
            t = pa.int64()
        elif name in _DEC:
            t = pa.decimal128(38, DECIMAL_SCALE)
        elif name == "value_float":
            t = pa.float64()
        elif name == "target":
            t = pa.bool_()
        else:
            t = types["str"]
        fields.append(pa.field(name, t, nullable=name not in _INT and name != "target"))
    return pa.schema(fields)


def to_arrow(
    texts: Iterable[str | bytes],
    ids: Optional[Iterable[Any]] = None,
    *,
    extractor: Optional[Extractor] = None,
    kinds: Any = None,
    document_date: Any = None,
    document_dates: Optional[Iterable[Any]] = None,
    threads: int = 0,
) -> "pyarrow.Table":
    """The facts of ``texts`` as a ``pyarrow.Table``, one row per fact, with
    the columns of :func:`to_pandas` (schema :func:`arrow_schema`).

    ``low`` and ``high`` are ``decimal128(38, 10)``: exact for every number
    with at most 10 decimals (all written figures); the fractions of
    ``三分之一`` are rounded to 10 places, and a value of 10^28 or more is
    null (``value`` always keeps the library's exact string). ``value_float``
    is null where :func:`to_pandas` has NaN.
    """
    import pyarrow as pa

    texts = _texts(texts)
    ex = _pick(extractor, kinds, document_date)
    pieces = ex._columns(texts, threads, document_dates, True)
    if ids is not None:
        ids = ids if isinstance(ids, (pa.Array, pa.ChunkedArray)) else pa.array(list(ids))
        if len(ids) != len(texts):
            raise ValueError(f"ids has {len(ids)} items for {len(texts)} texts")
    schema = arrow_schema(pa.int64() if ids is None else ids.type)
    batches = []
    for cols in pieces:
        doc = _array(pa, cols["doc"])
        id_arr = doc if ids is None else ids.take(doc)
        if isinstance(id_arr, pa.ChunkedArray):
            id_arr = id_arr.combine_chunks()
        arrays = [id_arr] + [_array(pa, cols[name]) for name in _NAMES]
        batches.append(pa.RecordBatch.from_arrays(arrays, schema=schema))
    return pa.Table.from_batches(batches, schema=schema)
