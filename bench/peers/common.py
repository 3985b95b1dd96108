"""What the peer scripts share: the input files, offsets, the date mapping.

The peers (JioNLP, Recognizers-Text) report character offsets and resolve
dates to calendar ranges against a reference time. SPEC.md wants byte offsets
and dates as `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-Qn`, `YYYY-Hn` or `A/B`,
with `XXXX` (and `XX`) for the parts the text does not write. This module
turns one into the other; see README.md beside it for the mapping's limits.
"""
import calendar
import datetime
import glob
import json
import os
import re

# Two reference times that differ in year, month and day. A peer is run once
# with each; a part of a resolved date that differs between the two runs came
# from the reference, not from the text, and becomes XXXX / XX as SPEC wants.
# Years no report of ours writes. Where the second run has no counterpart (a
# different span or shape), only a year equal to BASE_A's becomes XXXX.
BASE_A = datetime.datetime(2041, 3, 10, 12, 0, 0)
BASE_B = datetime.datetime(2067, 8, 20, 12, 0, 0)


def default_shared():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "shared"))


def input_files(shared):
    """The texts the gold covers: seeds/*.txt and corpus/dev/*.txt, by name."""
    files = sorted(glob.glob(os.path.join(shared, "seeds", "*.txt")))
    files += sorted(glob.glob(os.path.join(shared, "corpus", "dev", "*.txt")))
    if not files:
        raise SystemExit(f"no .txt files under {shared}/seeds or {shared}/corpus/dev (give --shared)")
    return files


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class ByteOffsets:
    """Character offset -> byte offset in one text."""

    def __init__(self, text):
        self.table = [0]
        for ch in text:
            self.table.append(self.table[-1] + len(ch.encode("utf-8")))

    def __call__(self, i):
        return self.table[i]


def sentences(text):
    """(start, piece) for each sentence: cut after 。！？!? and at line breaks."""
    for m in re.finditer(r"[^。！？!?\n]+[。！？!?]*", text):
        if m.group().strip():
            yield m.start(), m.group()


def decimal_string(s):
    """'21600000000.00' -> '21600000000'; '1.50' -> '1.5'."""
    s = str(s).strip()
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


# ---- dates -------------------------------------------------------------

def _last_day(y, m):
    return calendar.monthrange(y, m)[1]


def calendar_shape(start, end, hint=""):
    """A SPEC date value for the inclusive day range [start, end] (dates).

    `hint` is the peer's own matched text; it only chooses the notation where
    one range has two (months 1-3 vs. Q1, 1-6 vs. H1; 年底 vs. Nov-Dec), never
    the range itself.
    """
    # 年初/年底/年末/年中, 月初/月底/月末/月中: the peer gives a part of the
    # year or month; SPEC writes the year or month with a `mod`.
    # The end of the range for 底/末, its start otherwise.
    at = end if re.search(r"(底|末)", hint) else start
    if re.search(r"年(初|底|末|中)", hint) and not re.search(r"月|季", hint):
        return [("Y", at.year)]
    if re.search(r"季度?(初|底|末)", hint):
        return [("Y", at.year), ("Q", (at.month + 2) // 3)]
    if re.search(r"月(初|底|末|中)|(上|中|下)旬", hint):
        return [("Y", at.year), ("M", at.month)]
    if start == end:
        return [("Y", start.year), ("M", start.month), ("D", start.day)]
    whole_months = start.day == 1 and end.day == _last_day(end.year, end.month)
    if whole_months and start.year == end.year:
        m0, m1 = start.month, end.month
        if m0 == 1 and m1 == 12:
            return [("Y", start.year)]
        if m0 == m1:
            return [("Y", start.year), ("M", m0)]
        if "季" in hint and (m0 - 1) % 3 == 0 and m1 % 3 == 0:
            q0, q1 = (m0 + 2) // 3, m1 // 3
            if q0 == q1:
                return [("Y", start.year), ("Q", q0)]
            return [("Y", start.year), ("Q", q0), "/", ("Y", end.year), ("Q", q1)]
        if "半年" in hint and (m0, m1) in ((1, 6), (7, 12)):
            return [("Y", start.year), ("H", 1 if m0 == 1 else 2)]
        return [("Y", start.year), ("M", m0), "/", ("Y", end.year), ("M", m1)]
    if whole_months:
        if start.month == 1 and end.month == 12:
            return [("Y", start.year), "/", ("Y", end.year)]
        return [("Y", start.year), ("M", start.month), "/", ("Y", end.year), ("M", end.month)]
    return [("Y", start.year), ("M", start.month), ("D", start.day), "/",
            ("Y", end.year), ("M", end.month), ("D", end.day)]


def render(shape_a, shape_b=None):
    """The SPEC string of a shape; parts that differ from the run against the
    other reference time (shape_b) are XXXX / XX."""
    def form(shape):
        return [p if isinstance(p, str) else p[0] for p in shape]

    if shape_b is not None and form(shape_b) != form(shape_a):
        shape_b = None
    out, piece = [], []
    for i, part in enumerate(shape_a):
        if part == "/":
            out.append("-".join(piece))
            piece = []
            continue
        tag, val = part
        if shape_b is not None:
            fixed = shape_b[i][1] == val
        else:
            fixed = not (tag == "Y" and val == BASE_A.year)
        if tag == "Y":
            piece.append(f"{val:04d}" if fixed else "XXXX")
        elif tag in ("M", "D"):
            piece.append(f"{val:02d}" if fixed else "XX")
        else:  # Q, H
            piece.append(f"{tag}{val}")
    out.append("-".join(piece))
    return "/".join(out)


def write_jsonl(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for doc in docs:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
