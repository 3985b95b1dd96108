"""Shared texts and helpers of the tests.

The texts here are written for these tests (made-up zones such as 青溪 and
临川 included); the real passages of ../shared/corpus/dev are only read, by
the tests that compare with the Rust tool, never copied.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Dict, List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]

ARTICLE = (
    "青溪高新区：项目建设跑出加速度\n"
    "▶ 本报记者 林晓 通讯员 王川\n\n"
    "2023年,青溪高新区新签约项目42个,总投资216.5亿元,同比增长8.6%。"
    "其中,10亿元以上项目11个;全年实现营业收入1356.54亿元,较上年提高2.3个百分点。\n"
    "截至2024年6月底,园区累计引育国家级人才77名,建成江苏省青溪产业技术研究院等平台32家,"
    "新增企业1000多家,减少煤炭使用0.9万吨,节约用地107亩。\r\n"
    "力争到2025年,园区规上工业产值突破3000亿元,研发投入强度达到3.5%左右。\n"
)

# Dirty text: traditional characters, full-width digits and punctuation, a
# number split from its unit by a line break, a byline, astral characters.
DIRTY = (
    "臨川經開區今年1—9月實現營收１２３億元，同比增長１２％。\r\n"
    "𠀀𠀁 園區新增企業60餘個,投資超550億\n元。\r\n\r\n"
    "“十四五”期間,园区计划总投资3-5亿元建设𠀂研发中心。"
)

ASTRAL = "𠀀𠀁𠀂园区总投资378亿元,𪚥新增企业32家,占全市三分之一。"

TEXTS = [
    ARTICLE,
    DIRTY,
    ASTRAL,
    "",
    "没有数字的一句话。",
    "去年营收突破500亿,今年再增10%,上半年新增企业12家。",
    "青溪经开区与临川高新区签约,授信总额度达1亿元,约5万平方米厂房\r\n交付,2×350MW机组投运。",
]


def dev_dir() -> Optional[Path]:
    """../shared/corpus/dev beside the repository (or $ZONEFACTS_DEV_CORPUS)."""
    env = os.environ.get("ZONEFACTS_DEV_CORPUS")
    for d in ([Path(env)] if env else []) + [ROOT.parent / "shared" / "corpus" / "dev"]:
        if d.is_dir() and any(d.glob("*.txt")):
            return d
    return None


def read_dir(d: Path) -> Dict[str, str]:
    """The .txt files of ``d`` by name, exactly as written (no newline
    translation)."""
    out = {}
    for p in sorted(d.glob("*.txt")):
        with open(p, encoding="utf-8", newline="") as f:
            out[p.name] = f.read()
    return out


def tool_command() -> Optional[List[str]]:
    """The Rust tool: $ZONEFACTS_TOOL, a built `zonefacts` binary or
    `extract` example, else `cargo run` of whichever exists."""
    env = os.environ.get("ZONEFACTS_TOOL")
    if env:
        return env.split()
    # A built binary, if newer than every source of the library and the
    # tool, word lists and data included (else it may be stale).
    sources = [ROOT / "src", ROOT / "cli" / "src"]
    newest = max((p.stat().st_mtime for d in sources if d.is_dir() for p in d.rglob("*") if p.is_file()), default=0)
    for profile in ("debug", "release"):
        p = ROOT / "target" / profile / "zonefacts"
        if p.is_file() and os.access(p, os.X_OK) and p.stat().st_mtime >= newest:
            return [str(p)]
    if shutil.which("cargo"):
        if (ROOT / "cli" / "Cargo.toml").is_file():
            return ["cargo", "run", "--quiet", "--manifest-path", str(ROOT / "cli" / "Cargo.toml"), "--"]
    return None


def tool_jsonl(d: Path) -> Dict[str, dict]:
    """The tool's `--format jsonl` of directory ``d``, by file name."""
    import json

    cmd = tool_command()
    if cmd is None:
        pytest.skip("no Rust tool found (set ZONEFACTS_TOOL, or build it with cargo)")
    run = subprocess.run(cmd + ["--format", "jsonl", "-q", str(d)], capture_output=True, text=True, cwd=ROOT)
    if run.returncode != 0:
        pytest.fail(f"{' '.join(cmd)} failed: {run.stderr[-2000:]}")
    out = {}
    for line in run.stdout.splitlines():
        obj = json.loads(line)
        out[obj["file"]] = obj
    return out


@pytest.fixture(scope="session")
def dev():
    d = dev_dir()
    if d is None:
        pytest.skip("no ../shared/corpus/dev (set ZONEFACTS_DEV_CORPUS)")
    return d
