#!/usr/bin/env python3
"""Throughput of a peer's money + date extraction on one file, single process.

    /tmp/jio/bin/python bench/peers/speed.py jionlp FILE [--reps 3]
    /tmp/rt/bin/python bench/peers/speed.py recognizers FILE [--reps 3] [--per-sentence]

The file is cut into pieces of about 3 KB after a line break, exactly as
`bench_tools batch` cuts it for zonefacts, and every piece goes through:

- jionlp: `jionlp.ner.extract_money(piece, with_parsing=True)` and
  `jionlp.ner.extract_time(piece, time_base=..., with_parsing=True)`;
- recognizers: `recognize_currency` and `recognize_datetime` (Culture.Chinese)
  on the piece, or with `--per-sentence` on each sentence of it
  (common.sentences), as recognizers_on_gold.py reads them.

One untimed warm-up call loads the peer's dictionaries and compiles its
patterns; then the whole file is timed REPS times. Prints each run's wall and
CPU time, and the best of each as MB/s and characters/s.
"""
import argparse
import contextlib
import io
import logging
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def chunks(text):
    """Pieces of about 3,000 bytes, each ending after a line break (as
    examples/bench_tools.rs cuts them)."""
    data = text.encode("utf-8")
    pos = 0
    while pos < len(data):
        cut = min(pos + 3000, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:
            cut += 1
        nl = data.find(b"\n", cut)
        end = len(data) if nl < 0 else nl + 1
        yield data[pos:end].decode("utf-8")
        pos = end


def jionlp_runner():
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    logging.disable(logging.CRITICAL)
    base = common.BASE_A.timestamp()

    def run(piece):
        return (len(jionlp.ner.extract_money(piece, with_parsing=True))
                + len(jionlp.ner.extract_time(piece, time_base=base, with_parsing=True)))
    return run


def recognizers_runner(per_sentence):
    try:  # ms-recognizers-text-suite (2024) or recognizers-text-suite (2019)
        from ms_recognizers_text import Culture
        import ms_recognizers_suite as rs
    except ImportError:
        from recognizers_text import Culture
        import recognizers_suite as rs

    def run(piece):
        n = 0
        for _, sentence in (common.sentences(piece) if per_sentence else [(0, piece)]):
            n += len(rs.recognize_currency(sentence, Culture.Chinese))
            n += len(rs.recognize_datetime(sentence, Culture.Chinese, reference=common.BASE_A))
        return n
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("peer", choices=["jionlp", "recognizers"])
    ap.add_argument("file")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--per-sentence", action="store_true", help="recognizers: one sentence at a time")
    args = ap.parse_args()
    text = common.read(args.file)
    pieces = list(chunks(text))
    t0 = time.perf_counter()
    run = jionlp_runner() if args.peer == "jionlp" else recognizers_runner(args.per_sentence)
    run("2021年,园区总投资12亿元。")
    print(f"{args.peer}: import and warm-up {time.perf_counter() - t0:.2f} s")
    nbytes, nchars = len(text.encode("utf-8")), len(text)
    best = best_cpu = None
    for _ in range(args.reps):
        w0, c0 = time.perf_counter(), time.process_time()
        found = sum(run(p) for p in pieces)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        best = wall if best is None else min(best, wall)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
        print(f"{args.peer}: {found} results, wall {wall:.2f} s, CPU {cpu:.2f} s")
    print(f"{args.peer}: {nbytes} bytes, {nchars} chars, {len(pieces)} pieces; best of {args.reps}: "
          f"{nbytes / best / 1e6:.3f} MB/s, {nchars / best:,.0f} chars/s (wall); "
          f"{nbytes / best_cpu / 1e6:.3f} MB/s, {nchars / best_cpu:,.0f} chars/s (CPU)")


if __name__ == "__main__":
    main()
