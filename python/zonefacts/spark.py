"""zonefacts on Spark: one row per fact from a DataFrame of texts.

>>> from zonefacts.spark import extract_facts
>>> facts = extract_facts(articles, text_col="text", id_col="id")   # doctest: +SKIP
>>> facts.write.parquet("facts.parquet")                            # doctest: +SKIP

The extraction runs in ``mapInArrow``: each Arrow batch of texts goes through
:func:`zonefacts.to_arrow` (Rust, no Python loop per fact) on the executors.
Each Python worker process builds its :class:`~zonefacts.Extractor` once (per
setting) and keeps it for every task it runs. The package must be installed
on the executors (see python/README.md, "On a cluster").
"""

from __future__ import annotations

import functools
from typing import Any, Iterator, Optional

from ._table import DECIMAL_SCALE, arrow_schema


@functools.lru_cache(maxsize=8)
def _extractor(kinds: Optional[str], document_date: Optional[str]):
    """The extractor of these settings in this process: built once per
    Python worker, reused by every task and batch it runs."""
    from . import Extractor

    return Extractor(kinds, document_date)


def fact_schema():
    """The Spark schema of :func:`extract_facts`' rows: ``id`` (string), then
    the columns of :func:`zonefacts.to_pandas` (``low``/``high`` are
    ``decimal(38,10)``)."""
    from pyspark.sql import types as T

    spark_type = {
        "int64": T.LongType(),
        "double": T.DoubleType(),
        "bool": T.BooleanType(),
        "string": T.StringType(),
    }
    fields = [T.StructField("id", T.StringType(), True)]
    for f in arrow_schema():
        if f.name == "id":
            continue
        t = T.DecimalType(38, DECIMAL_SCALE) if f.name in ("low", "high") else spark_type[str(f.type)]
        fields.append(T.StructField(f.name, t, f.nullable))
    return T.StructType(fields)


def _batches(
    batches: Iterator[Any],
    text_col: str,
    id_col: str,
    kinds: Optional[str],
    document_date: Optional[str],
    threads: int,
    target: Any,
) -> Iterator[Any]:
    import pyarrow as pa

    from ._table import to_arrow

    ex = _extractor(kinds, document_date)
    for batch in batches:
        texts = batch.column(text_col).to_pylist()
        ids = batch.column(id_col).cast(pa.string())
        # A null text has no facts.
        texts = ["" if t is None else t for t in texts]
        table = to_arrow(texts, ids=ids, extractor=ex, threads=threads)
        yield from table.cast(target).to_batches()


def extract_facts(
    df: Any,
    text_col: str = "text",
    id_col: str = "id",
    *,
    kinds: Optional[str] = None,
    document_date: Optional[str] = None,
    threads: int = 1,
):
    """The facts of the texts of ``df`` (column ``text_col``, each row one
    text, identified by ``id_col``) as a DataFrame with one row per fact and
    the schema :func:`fact_schema`.

    ``kinds`` and ``document_date`` are :class:`~zonefacts.Extractor`'s
    (strings: ``"money,count"``, ``"2024-06-30"``). ``threads`` is the number
    of extraction threads per Spark task (1: Spark already runs one task per
    core).
    """
    from pyspark.sql.pandas.types import to_arrow_schema

    schema = fact_schema()
    try:
        target = to_arrow_schema(schema, prefers_large_types=_large_types(df))
    except TypeError:  # older pyspark: no prefers_large_types
        target = to_arrow_schema(schema)
    if kinds is not None and not isinstance(kinds, str):
        kinds = ",".join(kinds)
    fn = functools.partial(
        _batches,
        text_col=text_col,
        id_col=id_col,
        kinds=kinds,
        document_date=None if document_date is None else str(document_date),
        threads=threads,
        target=target,
    )
    return df.select(text_col, id_col).mapInArrow(fn, schema)


def _large_types(df: Any) -> bool:
    """Whether Spark hands Python UDFs Arrow's large string type."""
    try:
        conf = df.sparkSession.conf.get("spark.sql.execution.arrow.useLargeVarTypes", "false")
    except Exception:  # pragma: no cover - a session without that setting
        return False
    return str(conf).lower() == "true"


__all__ = ["extract_facts", "fact_schema"]
