#!/usr/bin/env python3
"""Throughput of the Python package against the Rust library, on the same texts.

    python python/bench/bench_batch.py [--corpus FILE | --dir DIR] [--threads 2] [--reps 7]
                                       [--rust BENCH_TOOLS] [--pandas]

Texts: ``--corpus FILE`` cuts FILE into the ~3 KB pieces that the Rust
``bench_tools batch`` cuts (3000 bytes, then on to the next line break);
``--dir DIR`` takes the ``.txt`` files of DIR, each one text. Without either,
the script generates 6 MB with the Rust benchmarks' generator
(``cargo run --release --example bench_tools -- gen 6000000``).

It times, best of ``--reps`` runs (MB/s = 10^6 bytes of UTF-8 a second of
wall time; CPU is the process's user+system time over all threads):

- ``extract_batch(texts, threads)``: extraction and the dicts;
- ``to_arrow``: extraction and an Arrow table (one row per fact);
- ``Extractor._count``: the extraction alone through the binding (no
  Python objects), the cost the binding adds nothing to;
- with ``--rust PATH`` (the ``bench_tools`` binary; ``auto`` builds it with
  cargo), the Rust library on the same pieces and threads
  (``bench_tools batch FILE THREADS``: one shared ``Extractor`` and
  ``std::thread::scope``), run alternately with the Python runs so that both
  see the same machine load, and the ratio Python / Rust;
- with ``--pandas``, ``to_pandas`` too.
"""

from __future__ import annotations

import argparse
import os

# pyarrow imports numpy, whose OpenBLAS threads can spin on the very cores
# being measured; no BLAS routine runs here.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import re
import statistics
import subprocess
import sys
import tempfile
import time

import zonefacts

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pieces(data: bytes) -> list[str]:
    """The pieces of ``bench_tools``' ``chunks``: 3000 bytes (moved forward to a
    character boundary), then up to and including the next line break."""
    out = []
    rest = 0
    n = len(data)
    while rest < n:
        cut = min(rest + 3000, n)
        while cut < n and (data[cut] & 0xC0) == 0x80:
            cut += 1
        nl = data.find(b"\n", cut)
        end = n if nl < 0 else nl + 1
        out.append(data[rest:end].decode("utf-8"))
        rest = end
    return out


def bench_tools(path: str) -> str:
    if path != "auto":
        return path
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--example", "bench_tools"], cwd=ROOT, check=True
    )
    return os.path.join(ROOT, "target", "release", "examples", "bench_tools")


def timed(fn):
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def rust_run(tool: str, corpus: str, threads: int) -> tuple[int, float, float]:
    out = subprocess.run([tool, "batch", corpus, str(threads), "1"], capture_output=True, text=True, check=True).stdout
    m = re.search(r"(\d+) facts, wall (\d+) ms .* CPU (\d+) ms", out)
    if not m:
        raise SystemExit(f"unexpected bench_tools output: {out!r}")
    return int(m.group(1)), int(m.group(2)) / 1e3, int(m.group(3)) / 1e3


def line(name: str, mb: float, walls: list[float], cpus: list[float], extra: str = "") -> str:
    best = min(walls)
    return (
        f"{name:34} best {best * 1e3:7.1f} ms {mb / best:6.1f} MB/s  median {statistics.median(walls) * 1e3:7.1f} ms"
        f"  CPU {min(cpus) * 1e3:7.1f} ms {extra}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--corpus", help="a text file, cut into ~3 KB pieces")
    src.add_argument("--dir", help="a directory of .txt files, one text each")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--rust", help="the bench_tools binary, or 'auto' to build it")
    ap.add_argument("--pandas", action="store_true", help="also time to_pandas")
    args = ap.parse_args()

    tmp = None
    corpus = args.corpus
    if args.dir:
        names = sorted(n for n in os.listdir(args.dir) if n.endswith(".txt"))
        texts = []
        for n in names:
            with open(os.path.join(args.dir, n), encoding="utf-8", newline="") as f:
                texts.append(f.read())
        if args.rust:
            raise SystemExit("--rust needs --corpus (bench_tools batch reads one file)")
    else:
        if corpus is None:
            tool = bench_tools(args.rust or "auto")
            tmp = tempfile.NamedTemporaryFile(suffix=".txt", delete=False)
            subprocess.run([tool, "gen", "6000000"], stdout=tmp, check=True)
            tmp.close()
            corpus = tmp.name
        with open(corpus, "rb") as f:
            texts = pieces(f.read())
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} texts, {mb:.2f} MB; threads={args.threads}; {os.cpu_count()} CPUs; zonefacts {zonefacts.__version__}")

    ex = zonefacts.Extractor()
    docs = ex.extract_batch(texts, args.threads)  # warm up (tables built on first use)
    facts = sum(len(d["facts"]) for d in docs)
    tool = bench_tools(args.rust) if args.rust else None

    runs = {
        "extract_batch": lambda: ex.extract_batch(texts, args.threads),
        "to_arrow": lambda: zonefacts.to_arrow(texts, extractor=ex, threads=args.threads),
        "extraction alone (_count)": lambda: ex._count(texts, args.threads),
    }
    if args.pandas:
        runs["to_pandas"] = lambda: zonefacts.to_pandas(texts, extractor=ex, threads=args.threads)
    runs["to_arrow"]()  # imports pyarrow
    times = {name: ([], []) for name in runs}
    rs_w, rs_c = [], []
    for _ in range(args.reps):
        for name, fn in runs.items():
            out, w, c = timed(fn)
            del out
            times[name][0].append(w)
            times[name][1].append(c)
        if tool:
            n, w, c = rust_run(tool, corpus, args.threads)
            if n != facts:
                raise SystemExit(f"Rust found {n} facts, Python {facts}: not the same texts")
            rs_w.append(w)
            rs_c.append(c)
    print(f"{facts} facts")
    for name, (ws, cs) in times.items():
        print(line(f"Python {name}", mb, ws, cs))
    if tool:
        print(line("Rust bench_tools batch", mb, rs_w, rs_c))
        for name in ("extract_batch", "to_arrow"):
            ws, cs = times[name]
            print(
                f"{name} / Rust throughput: wall best {min(rs_w) / min(ws):.2f}, "
                f"median {statistics.median(rs_w) / statistics.median(ws):.2f}; "
                f"CPU best {min(rs_c) / min(cs):.2f}"
            )
    if tmp is not None:
        os.unlink(tmp.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
