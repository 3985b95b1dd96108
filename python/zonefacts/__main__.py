"""python -m zonefacts: facts as JSON Lines, for pipes and Hadoop streaming.

    python -m zonefacts [--jsonl-field F] [--kinds LIST] [--date YYYY-MM-DD]
                        [--threads N] [--batch N] [FILE ...]

Without ``--jsonl-field``, each FILE (``-`` or none: standard input) is one
text, named by its path. With ``--jsonl-field F``, every line of the input
is a JSON object whose string field F is one text, named by its ``id``
field, else its ``file`` field, else ``NAME:LINE``: the tool's
``--jsonl-field``. Each text gives one output line, the tool's
``--format jsonl``: ``{"file": NAME, "sections": [...], "facts": [...]}``
with byte offsets (SPEC.md). Lines are read and extracted ``--batch`` at a
time on ``--threads`` threads (0: one per core), and written in input order.

As a Hadoop streaming mapper (no reducer)::

    hadoop jar hadoop-streaming.jar -D mapreduce.job.reduces=0 \\
        -input archive/ -output facts/ \\
        -mapper "python3 -m zonefacts --jsonl-field text --threads 1"
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from typing import Iterator, List, Optional, TextIO, Tuple

from . import Extractor, ZonefactsError


def _records(name: str, f: TextIO, field: str) -> Iterator[Tuple[str, Optional[str], Optional[str]]]:
    """(name, text, error) for each line of a JSON Lines input."""
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            obj = json.loads(line)
        except ValueError as e:
            yield where, None, f"not JSON: {e}"
            continue
        text = obj.get(field) if isinstance(obj, dict) else None
        if not isinstance(text, str):
            yield where, None, f"no string field {field!r}"
            continue
        ident = next((obj[k] for k in ("id", "file") if isinstance(obj.get(k), (str, int))), where)
        yield str(ident), text, None


def _flush(ex: Extractor, batch: List[Tuple[str, str]], threads: int, out: TextIO) -> None:
    if not batch:
        return
    docs = ex.extract_json_batch([t for _, t in batch], threads)
    for (name, _), doc in zip(batch, docs):
        out.write('{"file":' + json.dumps(name, ensure_ascii=False) + "," + doc[1:] + "\n")
    batch.clear()


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m zonefacts", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("files", nargs="*", metavar="FILE", help="inputs (default: standard input)")
    ap.add_argument("--jsonl-field", metavar="F", help="read JSON Lines, extract from the string field F")
    ap.add_argument("--kinds", help="kinds to extract, e.g. money,count,date (default: all)")
    ap.add_argument("--date", help="document date YYYY-MM-DD (resolves 今年, 去年, 上半年)")
    ap.add_argument("--threads", type=int, default=0, help="extraction threads (0: one per core)")
    ap.add_argument("--batch", type=int, default=256, help="texts extracted together")
    args = ap.parse_args(argv)
    try:
        ex = Extractor(args.kinds, args.date)
    except ZonefactsError as e:
        print(f"zonefacts: {e}", file=sys.stderr)
        return 2
    # UTF-8 whatever the locale, and no newline translation: offsets count
    # the text exactly as given.
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="")
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=False)
    status = 0
    batch: List[Tuple[str, str]] = []
    for path in args.files or ["-"]:
        try:
            f = stdin if path == "-" else open(path, encoding="utf-8", newline="")
        except OSError as e:
            print(f"zonefacts: {path}: {e.strerror}", file=sys.stderr)
            status = 1
            continue
        try:
            if args.jsonl_field is None:
                batch.append((path, f.read()))
            else:
                for name, text, error in _records(path, f, args.jsonl_field):
                    if error is not None:
                        print(f"zonefacts: {name}: {error}", file=sys.stderr)
                        status = 1
                        continue
                    batch.append((name, text))
                    if len(batch) >= args.batch:
                        _flush(ex, batch, args.threads, out)
        except UnicodeDecodeError as e:
            print(f"zonefacts: {path}: not UTF-8: {e}", file=sys.stderr)
            status = 1
        finally:
            if f is not stdin:
                f.close()
        if len(batch) >= args.batch:
            _flush(ex, batch, args.threads, out)
    _flush(ex, batch, args.threads, out)
    out.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
