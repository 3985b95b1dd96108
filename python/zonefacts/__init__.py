"""Typed, exact, traceable facts from Chinese development-zone reports.

zonefacts reads reports about 高新区, 经开区 and 产业园 (news articles,
government summaries, newspaper pages) and returns what an analyst
tabulates: amounts of money, counts, physical measures, percentages and
dates, each with the indicator it measures (``subject``), its change, the
date it holds for (``as_of``) and the zone it is about; the named platforms
and zones; and the sections of a page. Values are exact decimal strings,
never floats. It is the Rust library ``zonefacts`` (the same rules, the same
facts), compiled into this package.

>>> import zonefacts
>>> text = "2023年,园区新签约项目42个,总投资216亿元。"
>>> doc = zonefacts.extract(text)
>>> money = [f for f in doc["facts"] if f["kind"] == "money"][0]
>>> money["value"], money["subject"], text[money["start"]:money["end"]]
('21600000000', '总投资', '216亿元')

- :class:`Extractor`: ``extract(text) -> dict`` (SPEC.md's JSON, with
  ``start``/``end`` as Python string indices and ``byte_start``/``byte_end``),
  ``extract_batch(texts, threads=0)`` (parallel, without the GIL),
  ``extract_json(text)`` (the library's own JSON, byte offsets).
- :func:`to_pandas`, :func:`to_arrow`: one row per fact (columns
  :data:`COLUMNS`).
- :exc:`ZonefactsError`: the library's errors (a ``ValueError``).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Iterable, List

from ._zonefacts import KINDS, Extractor, ZonefactsError, __version__, default_threads
from ._table import COLUMNS, arrow_schema, to_arrow, to_pandas

if TYPE_CHECKING:  # pragma: no cover
    from ._zonefacts import Document

__all__ = [
    "COLUMNS",
    "KINDS",
    "Extractor",
    "ZonefactsError",
    "__version__",
    "arrow_schema",
    "default_threads",
    "extract",
    "extract_batch",
    "to_arrow",
    "to_pandas",
]

_default_lock = threading.Lock()
_default: Extractor | None = None


def _default_extractor() -> Extractor:
    global _default
    with _default_lock:
        if _default is None:
            _default = Extractor()
        return _default


def extract(text: "str | bytes") -> "Document":
    """Extracts the facts of ``text`` with a shared default :class:`Extractor`
    (every kind, no document date). See :meth:`Extractor.extract`."""
    return _default_extractor().extract(text)


def extract_batch(texts: "Iterable[str | bytes]", threads: int = 0) -> "List[Document]":
    """Extracts many texts in parallel with a shared default
    :class:`Extractor`. See :meth:`Extractor.extract_batch`."""
    return _default_extractor().extract_batch(texts, threads)
