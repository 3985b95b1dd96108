"""to_pandas and to_arrow: one row per fact, the JSON fields as columns."""

from __future__ import annotations

import decimal
import math

import pytest

import zonefacts
from zonefacts import Extractor

from conftest import ARTICLE, ASTRAL, DIRTY, TEXTS

pd = pytest.importorskip("pandas")

EXPECTED_COLUMNS = [
    "id", "kind", "start", "end", "byte_start", "byte_end", "text", "value", "low", "high", "value_float",
    "unit", "approx", "subject", "change", "target", "as_of", "zone", "section", "section_zone_key",
    "type", "mod", "relation", "key", "zone_type", "level", "province", "city", "county", "place_code",
]  # fmt: skip


def missing(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def rows_from_dicts(texts, ids):
    """What the table should hold, from the dicts of `extract`."""
    ex = Extractor()
    rows = []
    for i, t in zip(ids, texts):
        doc = ex.extract(t)
        for f in doc["facts"]:
            rows.append((i, doc["sections"][f["section"]].get("zone_key"), f))
    return rows


def test_columns_and_rows():
    ids = [f"doc{i}" for i in range(len(TEXTS))]
    df = zonefacts.to_pandas(TEXTS, ids=ids)
    assert list(df.columns) == EXPECTED_COLUMNS
    assert zonefacts.COLUMNS == EXPECTED_COLUMNS
    expected = rows_from_dicts(TEXTS, ids)
    assert len(df) == len(expected) == sum(len(d["facts"]) for d in zonefacts.extract_batch(TEXTS))
    for row, (i, section_zone_key, f) in zip(df.to_dict("records"), expected):
        assert row["id"] == i
        assert row["section_zone_key"] == section_zone_key or (missing(row["section_zone_key"]) and not section_zone_key)
        for key in EXPECTED_COLUMNS[1:]:
            if key in ("low", "high", "value_float", "section_zone_key"):
                continue
            if key == "target":
                assert row["target"] == f.get("target", False)
            elif key in f:
                assert row[key] == f[key], key
            else:
                assert missing(row[key]), (key, row[key])


def test_dtypes_and_values():
    df = zonefacts.to_pandas([ARTICLE, DIRTY, ASTRAL])
    for c in ("id", "start", "end", "byte_start", "byte_end", "section"):
        assert df[c].dtype == "int64", c
    assert df["value_float"].dtype == "float64"
    assert df["target"].dtype == "bool"
    numeric = df[df["kind"].isin(["money", "count", "measure", "percent"])]
    other = df[~df["kind"].isin(["money", "count", "measure", "percent"])]
    assert len(numeric) and len(other)
    for _, r in numeric.iterrows():
        assert isinstance(r["low"], decimal.Decimal) and isinstance(r["high"], decimal.Decimal)
        if "/" in r["value"]:
            lo, hi = r["value"].split("/")
            assert (r["low"], r["high"]) == (decimal.Decimal(lo), decimal.Decimal(hi))
            assert r["value_float"] == (float(lo) + float(hi)) / 2
        else:
            assert r["low"] == r["high"] == decimal.Decimal(r["value"])
            assert str(r["low"]) == r["value"]
            assert r["value_float"] == float(r["value"])
    assert other["low"].isna().all() and other["value_float"].isna().all()
    exact = df[df["text"] == "1356.54亿元"].iloc[0]
    assert exact["low"] == decimal.Decimal("135654000000")


def test_offsets_in_table():
    texts = [ARTICLE, DIRTY, ASTRAL]
    df = zonefacts.to_pandas(texts)
    for _, r in df.iterrows():
        t = texts[r["id"]]
        assert t[r["start"] : r["end"]] == r["text"]
        assert t.encode("utf-8")[r["byte_start"] : r["byte_end"]].decode("utf-8") == r["text"]


def test_empty_and_options():
    df = zonefacts.to_pandas([])
    assert list(df.columns) == EXPECTED_COLUMNS and len(df) == 0
    assert len(zonefacts.to_pandas(["没有数字的一句话。", ""])) == 0
    only_money = zonefacts.to_pandas([ARTICLE], kinds="money")
    assert set(only_money["kind"]) == {"money"}
    ex = Extractor(kinds="date")
    assert set(zonefacts.to_pandas([ARTICLE], extractor=ex)["kind"]) == {"date"}
    with pytest.raises(TypeError):
        zonefacts.to_pandas([ARTICLE], extractor=ex, kinds="money")
    with pytest.raises(ValueError, match="ids has 1 items for 2 texts"):
        zonefacts.to_pandas([ARTICLE, DIRTY], ids=["a"])
    with pytest.raises(TypeError):
        zonefacts.to_pandas(ARTICLE)
    a = zonefacts.to_pandas([ARTICLE] * 5, threads=1)
    b = zonefacts.to_pandas([ARTICLE] * 5, threads=2)
    pd.testing.assert_frame_equal(a, b)


def test_arrow_matches_pandas():
    pa = pytest.importorskip("pyarrow")
    texts = TEXTS * 5
    ids = [f"t{i}" for i in range(len(texts))]
    table = zonefacts.to_arrow(texts, ids=ids, threads=2)
    assert table.schema == zonefacts.arrow_schema(pa.string())
    assert table.column_names == EXPECTED_COLUMNS
    df = zonefacts.to_pandas(texts, ids=ids, threads=2)
    assert table.num_rows == len(df)
    got = table.to_pydict()
    for c in EXPECTED_COLUMNS:
        want = df[c].tolist()
        if c in ("low", "high"):
            for g, w in zip(got[c], want):
                # Arrow's decimal(38, 10) rounds what has more places.
                assert (g is None and w is None) or g == w.quantize(decimal.Decimal("1e-10"))
        elif c == "value_float":
            for g, w in zip(got[c], want):
                assert (g is None and math.isnan(w)) or g == w
        else:
            assert [None if missing(x) else x for x in got[c]] == [None if missing(x) else x for x in want], c
    # The default id is the index of the text.
    assert zonefacts.to_arrow(texts).column("id").to_pylist() == df["id"].map(ids.index).tolist()
    # Single and empty inputs, and texts split over many threads.
    assert zonefacts.to_arrow([]).num_rows == 0
    assert zonefacts.to_arrow([ARTICLE]).equals(zonefacts.to_arrow([ARTICLE], threads=3))
    assert zonefacts.to_arrow(texts, threads=1).equals(zonefacts.to_arrow(texts, threads=4))


def test_arrow_decimals():
    pytest.importorskip("pyarrow")
    table = zonefacts.to_arrow([ASTRAL, "总投资1.23456789012亿元,约0.000001吨。"])
    rows = table.to_pylist()
    by_text = {r["text"]: r for r in rows}
    assert by_text["378亿元"]["low"] == decimal.Decimal("37800000000")
    assert by_text["1.23456789012亿元"]["low"] == decimal.Decimal("123456789.012")
    assert by_text["约0.000001吨"]["low"] == decimal.Decimal("0.000001")
    # A repeating fraction is rounded to the 10 places of decimal(38, 10);
    # `value` keeps the library's string.
    third = by_text["三分之一"]
    assert third["low"] == decimal.Decimal("33.3333333333")
    assert third["value"].startswith("33.33333333333333")
