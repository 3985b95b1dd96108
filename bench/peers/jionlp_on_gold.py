#!/usr/bin/env python3
"""JioNLP's money and time extractors on the gold's texts, as SPEC JSON Lines.

    /tmp/jio/bin/python bench/peers/jionlp_on_gold.py -o /tmp/jionlp.jsonl [--shared ../shared]
    python3 ../shared/eval/score.py --gold ../shared/gold/seed --gold ../shared/gold/dev --pred /tmp/jionlp.jsonl

Needs JioNLP 1.5.31 (`python3 -m venv /tmp/jio && /tmp/jio/bin/pip install
jionlp==1.5.31`). Runs `jionlp.ner.extract_money(text, with_parsing=True)`
and `jionlp.ner.extract_time(text, time_base=..., with_parsing=True)` (the
default options otherwise) on every seeds/*.txt and corpus/dev/*.txt, whole
file at a time, and writes one line per file: {"file", "facts": [{"kind":
"money"|"date", "start", "end" (bytes), "text", "value", "unit", "approx"}]}.

The mapping to SPEC values (README.md beside this file says where it is
unfair to either side):

- money: `num` as an exact decimal (JioNLP prints cents: '.00' is dropped);
  `case` to ISO 4217 (元 → CNY, 美元 → USD, …); a `[lo, hi]` pair is SPEC's
  interval `lo/hi`, except where JioNLP's own matched text has 多 or 余 and no
  range sign, where SPEC reads `more_than` the lower bound (JioNLP's upper
  bound is its convention for 多/余). `definition` → `approx`: accurate →
  exact, blur → about (more_than for 多/余), blur+ → more_than, blur- →
  less_than.
- date: `time_point` and `time_span` results (not `time_delta`, durations,
  nor `time_period`, repetitions, which SPEC does not count as dates). The
  [start, end] range becomes YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or
  A/B (common.calendar_shape). JioNLP needs a time base; it is run with two
  (common.BASE_A, BASE_B) and a part that differs between the runs is written
  XXXX / XX, which is how SPEC writes what the text does not say.
"""
import argparse
import datetime
import io
import logging
import contextlib
import os
import re
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

CURRENCY = {
    "元": "CNY", "人民币": "CNY", "美元": "USD", "欧元": "EUR", "港元": "HKD", "日元": "JPY",
    "韩元": "KRW", "新台币": "TWD", "澳元": "AUD", "英镑": "GBP", "加元": "CAD", "卢布": "RUB",
    "新加坡元": "SGD", "澳门元": "MOP", "新西兰元": "NZD", "泰铢": "THB", "马元": "MYR",
}
APPROX = {"accurate": "exact", "blur": "about", "blur+": "more_than", "blur-": "less_than"}
RANGE_SIGN = re.compile(r"[-~～—–至到]")


def load_jionlp():
    # JioNLP prints a banner on import.
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    return jionlp


def money_facts(jio, text, offs):
    facts = []
    for ent in jio.ner.extract_money(text, with_parsing=True):
        (s, e), det = ent["offset"], ent.get("detail") or {}
        num, case, definition = det.get("num"), det.get("case"), det.get("definition")
        approx = APPROX.get(definition)
        if isinstance(num, (list, tuple)):
            lo, hi = (common.decimal_string(x) for x in num)
            if re.search("[多余]", ent["text"]) and not RANGE_SIGN.search(ent["text"]):
                value, approx = lo, "more_than"
            else:
                value = f"{lo}/{hi}"
        elif num is None:
            value = None
        else:
            value = common.decimal_string(num)
        facts.append(dict(kind="money", start=offs(s), end=offs(e), text=text[s:e], value=value,
                          unit=CURRENCY.get(case, case), approx=approx))
    return facts


def _when(s):
    return datetime.datetime.strptime(s, "%Y-%m-%d %H:%M:%S")


def date_shape(ent, base):
    """The calendar shape of a time_point / time_span result, or None.

    A span that ends at the time base (`2016年以来`, `从2016年开始`: JioNLP
    ends it now) is open-ended, like an end of 'inf': its start alone."""
    if ent.get("type") not in ("time_point", "time_span"):
        return None
    t = (ent.get("detail") or {}).get("time")
    if not isinstance(t, (list, tuple)) or len(t) != 2 or not isinstance(t[0], str):
        return None
    try:
        start = _when(t[0])
    except ValueError:
        return None
    try:
        end = None if t[1] == "inf" else _when(t[1])
    except (TypeError, ValueError):
        return None
    if end is None or (end.date() == base.date() and start.date() != end.date()):
        if (start.month, start.day) == (1, 1):
            return [("Y", start.year)]
        if start.day == 1:
            return [("Y", start.year), ("M", start.month)]
        return [("Y", start.year), ("M", start.month), ("D", start.day)]
    return common.calendar_shape(start.date(), end.date(), ent["text"])


def date_facts(jio, text, offs):
    runs = []
    for base in (common.BASE_A, common.BASE_B):
        runs.append(jio.ner.extract_time(text, time_base=base.timestamp(), with_parsing=True))
    by_span_b = {tuple(ent["offset"]): ent for ent in runs[1]}
    facts = []
    for ent in runs[0]:
        shape = date_shape(ent, common.BASE_A)
        if shape is None:
            continue
        s, e = ent["offset"]
        other = by_span_b.get((s, e))
        value = common.render(shape, date_shape(other, common.BASE_B) if other else None)
        facts.append(dict(kind="date", start=offs(s), end=offs(e), text=text[s:e], value=value))
    return facts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--out", required=True, help="predictions, JSON Lines")
    ap.add_argument("--shared", default=common.default_shared())
    args = ap.parse_args()
    jio = load_jionlp()
    # JioNLP logs the candidates it fails to parse (and then drops them).
    logging.disable(logging.CRITICAL)
    docs, t0 = [], time.perf_counter()
    for path in common.input_files(args.shared):
        text = common.read(path)
        offs = common.ByteOffsets(text)
        facts = money_facts(jio, text, offs) + date_facts(jio, text, offs)
        facts.sort(key=lambda f: (f["start"], f["end"]))
        docs.append(dict(file=os.path.basename(path), facts=facts))
    common.write_jsonl(args.out, docs)
    print(f"{len(docs)} files, {sum(len(d['facts']) for d in docs)} facts, "
          f"{time.perf_counter() - t0:.1f} s -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
