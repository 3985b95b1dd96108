"""Type stubs of the native module ``zonefacts._zonefacts`` (Rust, PyO3)."""

from __future__ import annotations

import datetime
from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Tuple, TypedDict, Union

from typing_extensions import NotRequired

Text = Union[str, bytes]
DateLike = Union[str, datetime.date, None]
Kinds = Union[str, Iterable[str], None]

__version__: str
#: The kinds of fact, in the library's order: money, count, measure, percent,
#: date, platform, zone.
KINDS: List[str]
#: The columns of ``Extractor._columns`` (``doc`` first; ``to_pandas`` makes
#: it ``id``).
COLUMNS: List[str]

class ZonefactsError(ValueError):
    """An error of the zonefacts library, with its message: a bad ``kinds``
    string (``not a valid kind: "cash"``), a bad ``document_date``
    (``not a valid date: "2021-02-30"``), bytes that are not UTF-8 (``input is
    not valid UTF-8 at byte offset 13``), a text over ``max_input_len``."""

class Section(TypedDict):
    start: int
    end: int
    byte_start: int
    byte_end: int
    title: Optional[str]
    zone: Optional[str]
    zone_key: NotRequired[str]
    reporter: Optional[str]

class Fact(TypedDict):
    kind: Literal["money", "count", "measure", "percent", "date", "platform", "zone"]
    #: Python string indices: ``text[start:end] == fact["text"]``.
    start: int
    end: int
    #: UTF-8 byte offsets (the library's JSON ``start``/``end``).
    byte_start: int
    byte_end: int
    text: str
    value: str
    unit: NotRequired[str]
    approx: NotRequired[Literal["exact", "about", "more_than", "less_than", "at_least", "at_most"]]
    subject: NotRequired[str]
    change: NotRequired[str]
    target: NotRequired[Literal[True]]
    type: NotRequired[str]
    mod: NotRequired[Literal["start", "mid", "end"]]
    relation: NotRequired[Literal["as_of", "since", "until"]]
    key: NotRequired[str]
    zone_type: NotRequired[str]
    level: NotRequired[Literal["national", "provincial"]]
    province: NotRequired[str]
    city: NotRequired[str]
    county: NotRequired[str]
    place_code: NotRequired[str]
    section: int
    as_of: NotRequired[str]
    zone: NotRequired[str]

class Document(TypedDict):
    sections: List[Section]
    facts: List[Fact]

class Extractor:
    """Extracts typed, exact, traceable facts from Chinese development-zone
    reports. Build it once and reuse it: it is thread-safe, and pickles as
    its settings."""

    def __init__(
        self,
        kinds: Kinds = None,
        document_date: DateLike = None,
        *,
        max_input_len: Optional[int] = None,
        platform_names: Optional[Sequence[str]] = None,
        zone_names: Optional[Sequence[str]] = None,
    ) -> None: ...
    def extract(self, text: Text, document_date: DateLike = None) -> Document:
        """The facts of one text: SPEC.md's JSON, with ``start``/``end`` as
        Python string indices and ``byte_start``/``byte_end``."""
    def extract_json(self, text: Text, document_date: DateLike = None) -> str:
        """The library's own JSON for one text (byte offsets)."""
    def extract_batch(
        self, texts: Iterable[Text], threads: int = 0, document_dates: Optional[Iterable[DateLike]] = None
    ) -> List[Document]:
        """``extract`` for many texts, on ``threads`` threads (0: one per
        core) without the GIL; results in the order of ``texts``."""
    def extract_json_batch(
        self, texts: Iterable[Text], threads: int = 0, document_dates: Optional[Iterable[DateLike]] = None
    ) -> List[str]:
        """``extract_json`` for many texts, in parallel."""
    def _columns(
        self,
        texts: Iterable[Text],
        threads: int = 0,
        document_dates: Optional[Iterable[DateLike]] = None,
        arrow: bool = False,
    ) -> Union[Dict[str, List[Any]], List[Dict[str, Tuple[Any, ...]]]]: ...
    def _count(self, texts: Iterable[Text], threads: int = 0) -> List[int]: ...
    @property
    def kinds(self) -> List[str]: ...
    @property
    def document_date(self) -> Optional[str]: ...
    @property
    def max_input_len(self) -> int: ...
    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]: ...

def default_threads() -> int:
    """The number of threads ``threads=0`` means here (one per core)."""

def _rebuild(
    kinds: str,
    document_date: Optional[str],
    max_input_len: int,
    platform_names: List[str],
    zone_names: List[str],
) -> Extractor: ...
