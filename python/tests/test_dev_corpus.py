"""The package on the real passages of ../shared/corpus/dev: the same facts as
the Rust tool, exact offsets, one table row per fact."""

from __future__ import annotations

import json

import pytest

import zonefacts
from zonefacts import Extractor

from conftest import read_dir, tool_jsonl
from test_api import as_library_json


@pytest.fixture(scope="module")
def texts(dev):
    return read_dir(dev)


def test_offsets_are_exact(texts):
    ex = Extractor()
    n = 0
    for name, text in texts.items():
        doc = ex.extract(text)
        raw = text.encode("utf-8")
        for f in doc["facts"]:
            assert text[f["start"] : f["end"]] == f["text"], (name, f)
            assert raw[f["byte_start"] : f["byte_end"]].decode("utf-8") == f["text"], (name, f)
            n += 1
        for s in doc["sections"]:
            assert len(raw[: s["byte_start"]].decode("utf-8")) == s["start"]
            assert len(raw[: s["byte_end"]].decode("utf-8")) == s["end"]
    assert n > 0


def test_same_facts_as_the_library_json(texts):
    ex = Extractor()
    for name, text in texts.items():
        assert as_library_json(ex.extract(text)) == json.loads(ex.extract_json(text)), name


def test_same_facts_as_the_tool(dev, texts):
    tool = tool_jsonl(dev)
    assert sorted(tool) == sorted(texts)
    ex = Extractor()
    for name, text in texts.items():
        # The tool adds where the text came from and the encoding it read.
        want = {k: v for k, v in tool[name].items() if k not in ("file", "encoding")}
        assert as_library_json(ex.extract(text)) == want, name


def test_batch_and_table(texts):
    ex = Extractor()
    names = list(texts)
    values = [texts[n] for n in names]
    sequential = [ex.extract(t) for t in values]
    assert ex.extract_batch(values, threads=2) == sequential
    total = sum(len(d["facts"]) for d in sequential)
    df = zonefacts.to_pandas(values, ids=names, extractor=ex, threads=2)
    assert len(df) == total
    assert df.groupby("id").size().to_dict() == {n: len(d["facts"]) for n, d in zip(names, sequential) if d["facts"]}
    pa = pytest.importorskip("pyarrow")
    table = zonefacts.to_arrow(values, ids=names, extractor=ex, threads=2)
    assert table.num_rows == total
    assert table.column("text").to_pylist() == df["text"].tolist()
    assert isinstance(table, pa.Table)
