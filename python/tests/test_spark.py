"""python/examples/spark_extract.py on Spark local[2]: as many facts as the
Rust library, written as Parquet."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import zonefacts

from conftest import ARTICLE, ASTRAL, DIRTY, read_dir, tool_jsonl

SCRIPT = Path(__file__).resolve().parents[1] / "examples" / "spark_extract.py"


def need_spark():
    pytest.importorskip("pyspark", reason="pyspark is not installed: the Spark test is skipped")
    pytest.importorskip("pyarrow", reason="pyarrow is not installed: the Spark test is skipped")
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and Path(java_home, "bin", "java").exists()):
        pytest.skip("no Java runtime (java): the Spark test is skipped")


def run_spark(args, tmp_path):
    out = tmp_path / "facts.parquet"
    run = subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--master", "local[2]", "--count", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYSPARK_PYTHON": sys.executable},
    )
    assert run.returncode == 0, run.stderr[-3000:]
    last = run.stdout.strip().splitlines()[-1]
    m = re.fullmatch(r"facts (\d+)", last)
    assert m, run.stdout
    return int(m.group(1)), out


def test_spark_dev_corpus(dev, tmp_path):
    need_spark()
    import pyarrow.parquet as pq

    texts = read_dir(dev)
    n, out = run_spark([str(dev)], tmp_path)
    ex = zonefacts.Extractor()
    per_file = {name: len(ex.extract(t)["facts"]) for name, t in texts.items()}
    assert n == sum(per_file.values())
    tool = tool_jsonl(dev)
    assert n == sum(len(d["facts"]) for d in tool.values())
    table = pq.read_table(out)
    assert table.num_rows == n
    got = {}
    for i in table.column("id").to_pylist():
        got[i] = got.get(i, 0) + 1
    assert got == {k: v for k, v in per_file.items() if v}
    # The rows are the package's, texts and offsets included.
    rows = table.to_pylist()
    for r in rows[:200]:
        t = texts[r["id"]]
        assert t[r["start"] : r["end"]] == r["text"]


def test_spark_jsonl(tmp_path):
    need_spark()
    records = [{"id": f"r{i}", "text": t} for i, t in enumerate([ARTICLE, DIRTY, ASTRAL, ""])]
    records.append({"file": "named.txt", "text": ARTICLE})
    src = tmp_path / "in"
    src.mkdir()
    with open(src / "part-0.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    n, out = run_spark([str(src), "--jsonl-field", "text"], tmp_path)
    assert n == sum(len(zonefacts.extract(r["text"])["facts"]) for r in records)
    import pyarrow.parquet as pq

    ids = set(pq.read_table(out).column("id").to_pylist())
    assert {"r0", "r1", "r2", "named.txt"} <= ids
