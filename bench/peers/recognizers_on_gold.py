#!/usr/bin/env python3
"""Recognizers-Text (Python) Chinese currency and datetime models on the gold's
texts, as SPEC JSON Lines.

    /tmp/rt/bin/python bench/peers/recognizers_on_gold.py -o /tmp/rt.jsonl [--per-sentence] [--shared ../shared]
    python3 ../shared/eval/score.py --gold ../shared/gold/seed --gold ../shared/gold/dev --pred /tmp/rt.jsonl

Needs the Python port of Microsoft Recognizers-Text: `python3 -m venv /tmp/rt
&& /tmp/rt/bin/pip install recognizers-text-suite==1.0.2a2 'emoji<2'` (the
2019 release; it imports a name that emoji 2 removed), or the 2024 release
`ms-recognizers-text-suite==1.0.1` (whose Chinese dates score lower here, see
README.md). Runs
`recognize_currency(text, Culture.Chinese)` and `recognize_datetime(text,
Culture.Chinese, reference=...)` on every seeds/*.txt and corpus/dev/*.txt:
the whole file at a time, or with `--per-sentence` one sentence at a time
(cut after 。！？!? and at line breaks), which the 2024 release needs: on a
whole passage its datetime model returns ranges covering most of it, with
offsets outside the text.

The mapping to SPEC values:

- money: `resolution.value` (a decimal string) and `isoCurrency`; a result
  without a value is kept (it counts for span F1, not for F1).
- date: `date`, `daterange`, `datetime` and `datetimerange` results (not
  `time`, `timerange`, `duration`, `set`); the resolved day range (end
  exclusive for ranges) becomes YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or
  A/B (common.calendar_shape); a written range's exclusive end
  (`2021—2023` → `(2021-01-01,2023-01-01,P2Y)`) is read as the last year or
  month written, as SPEC and the conformance suite read it; where the model gives alternatives (past and
  future readings of `9月`) the last is taken. Like JioNLP it is run against
  two reference times, and the parts that differ are XXXX / XX. A result
  with no resolution is kept with no value. A result whose offsets fall
  outside the text or do not point at its `text` is dropped and counted (on
  whole passages the 2024 release returns many such, with negative starts).
"""
import argparse
import calendar
import datetime
import os
import re
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

try:  # ms-recognizers-text-suite (2024) or recognizers-text-suite (2019)
    from ms_recognizers_text import Culture
    import ms_recognizers_suite as rs
except ImportError:
    from recognizers_text import Culture
    import recognizers_suite as rs

# Date results whose offsets do not point at their text, per run (True: BASE_A).
DROPPED = {True: 0, False: 0}
WRITTEN_RANGE = re.compile(r"[-~～—–至到]")
DATE_TYPES = {"datetimeV2.date", "datetimeV2.daterange", "datetimeV2.datetime", "datetimeV2.datetimerange"}


def pieces(text, per_sentence):
    if per_sentence:
        yield from common.sentences(text)
    else:
        yield 0, text


def money_facts(text, offs, per_sentence):
    facts = []
    for base, piece in pieces(text, per_sentence):
        for r in rs.recognize_currency(piece, Culture.Chinese):
            s, e = base + r.start, base + r.end + 1  # RT's end is inclusive
            res = r.resolution or {}
            value = res.get("value")
            facts.append(dict(kind="money", start=offs(s), end=offs(e), text=text[s:e],
                              value=common.decimal_string(value) if value is not None else None,
                              unit=res.get("isoCurrency") or res.get("unit")))
    return facts


def _day(s):
    return datetime.date.fromisoformat(str(s)[:10])


def date_shape(r, ref):
    """The calendar shape of one datetime result, or None for no value."""
    values = (r.resolution or {}).get("values") or []
    if not values:
        return None
    v = values[-1]
    try:
        if "value" in v and v.get("type") in ("date", "datetime"):
            d = _day(v["value"])
            return common.calendar_shape(d, d, r.text)
        start = _day(v["start"]) if v.get("start") else None
        end = _day(v["end"]) if v.get("end") else None
    except ValueError:
        return None
    if v.get("type") == "daterange" and end is not None:
        timex = str(v.get("timex", ""))
        if WRITTEN_RANGE.search(r.text) and re.search(r"P\d+[YM]\)$", timex):
            # A written range (`2021—2023`) ends with the last year or month
            # written, as SPEC reads it; RT's end is the start of that year
            # or month (`(2021-01-01,2023-01-01,P2Y)`). The conformance
            # suite reads RT the same way.
            if timex.endswith("Y)"):
                end = datetime.date(end.year, 12, 31)
            else:
                end = datetime.date(end.year, end.month, calendar.monthrange(end.year, end.month)[1])
        elif end > datetime.date.min:
            end -= datetime.timedelta(days=1)  # exclusive end
    if start is not None and (end is None or abs((end - ref.date()).days) <= 1):
        end = None  # an open range, or one that ends now (以来): its start
    if start is None and end is None:
        return None
    if start is None or end is None:
        d = start or end
        if (d.month, d.day) == (1, 1) and start:
            return [("Y", d.year)]
        if d.day == 1 and start:
            return [("Y", d.year), ("M", d.month)]
        return [("Y", d.year), ("M", d.month), ("D", d.day)]
    return common.calendar_shape(start, end, r.text)


def date_facts(text, offs, per_sentence):
    runs = []
    for ref in (common.BASE_A, common.BASE_B):
        found = {}
        for base, piece in pieces(text, per_sentence):
            for r in rs.recognize_datetime(piece, Culture.Chinese, reference=ref):
                if r.type_name not in DATE_TYPES:
                    continue
                if not (0 <= r.start <= r.end < len(piece)) or piece[r.start:r.end + 1] != r.text:
                    # Offsets outside the text, or not at r.text: unusable.
                    DROPPED[ref == common.BASE_A] += 1
                    continue
                found[(base + r.start, base + r.end + 1)] = date_shape(r, ref)
        runs.append(found)
    facts = []
    for (s, e), shape in sorted(runs[0].items()):
        if shape is None:
            value = None
        else:
            value = common.render(shape, runs[1].get((s, e)))
        facts.append(dict(kind="date", start=offs(s), end=offs(e), text=text[s:e], value=value))
    return facts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--out", required=True, help="predictions, JSON Lines")
    ap.add_argument("--shared", default=common.default_shared())
    ap.add_argument("--per-sentence", action="store_true", help="one sentence at a time")
    args = ap.parse_args()
    docs, t0 = [], time.perf_counter()
    for path in common.input_files(args.shared):
        text = common.read(path)
        offs = common.ByteOffsets(text)
        facts = money_facts(text, offs, args.per_sentence) + date_facts(text, offs, args.per_sentence)
        facts.sort(key=lambda f: (f["start"], f["end"]))
        docs.append(dict(file=os.path.basename(path), facts=facts))
    common.write_jsonl(args.out, docs)
    print(f"{len(docs)} files, {sum(len(d['facts']) for d in docs)} facts, "
          f"{time.perf_counter() - t0:.1f} s -> {args.out}; "
          f"{DROPPED[True]} date results dropped for unusable offsets", file=sys.stderr)


if __name__ == "__main__":
    main()
