"""python -m zonefacts: the tool's JSON Lines, for pipes and Hadoop streaming."""

from __future__ import annotations

import json
import subprocess
import sys

import zonefacts

from conftest import ARTICLE, DIRTY, TEXTS


def run(args, stdin):
    return subprocess.run(
        [sys.executable, "-m", "zonefacts", *args], input=stdin.encode("utf-8"), capture_output=True
    )


def test_jsonl_records():
    records = [{"id": "a", "text": ARTICLE}, {"file": "b.txt", "text": DIRTY}, {"text": TEXTS[2]}]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(2, "{not json")
    p = run(["--jsonl-field", "text", "--batch", "2", "--threads", "2"], "\n".join(lines) + "\n")
    assert p.returncode == 1
    assert b"-:3: not JSON" in p.stderr
    out = [json.loads(x) for x in p.stdout.decode("utf-8").splitlines()]
    assert [o["file"] for o in out] == ["a", "b.txt", "-:4"]
    ex = zonefacts.Extractor()
    for o, r in zip(out, records):
        assert {k: v for k, v in o.items() if k != "file"} == json.loads(ex.extract_json(r["text"]))


def test_plain_text_keeps_crlf(tmp_path):
    p = tmp_path / "dirty.txt"
    p.write_bytes(DIRTY.encode("utf-8"))
    proc = subprocess.run([sys.executable, "-m", "zonefacts", str(p)], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stdout.decode("utf-8").splitlines()
    doc = json.loads(line)
    assert doc["file"] == str(p)
    raw = DIRTY.encode("utf-8")
    for f in doc["facts"]:
        assert raw[f["start"] : f["end"]].decode("utf-8") == f["text"]
    proc = run(["--kinds", "money,cash"], "")
    assert proc.returncode == 2 and b'not a valid kind: "cash"' in proc.stderr
