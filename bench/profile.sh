#!/usr/bin/env bash
# Instruction-count profile (callgrind) of whole-document extraction on
# ~1 MB of generated report text, with the floor regex for comparison.
#
#   bench/profile.sh [BYTES] [--one-string]
#
# By default the text is extracted in ~3 KB pieces, as users extract
# articles; --one-string extracts it as one string. Prints instructions per
# byte for the extraction and for the floor, the cost of each pipeline
# stage (inclusive), and the top 20 functions (exclusive, each tagged with
# its stage). Instruction counts are stable on a shared machine, unlike
# wall-clock time. The raw profile stays in target/callgrind/ for
# `callgrind_annotate` or kcachegrind.
set -euo pipefail
cd "$(dirname "$0")/.."
bytes=${1:-1000000}
mode=--articles
[[ ${2:-} == --one-string ]] && mode=
cargo build -q --release --example bench_tools
bin=target/release/examples/bench_tools
out=target/callgrind
mkdir -p "$out"
"$bin" gen "$bytes" > "$out/input.txt"
"$bin" article 10 > "$out/tiny.txt"

cg() { # name, args...
    local name=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file="$out/$name.out" "$bin" "$@" 2>&1 | awk '/refs:/ {gsub(",", "", $4); print $4}'
}
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)'), $(date -u +%Y-%m-%d); input $(wc -c < "$out/input.txt") bytes, mode ${mode:---one-string}"
base=$(cg baseline run "$out/tiny.txt")
full=$(cg extract run "$out/input.txt" $mode)
floor=$(cg floor floor "$out/input.txt" $mode)
floor_base=$(cg floor_baseline floor "$out/tiny.txt")
callgrind_annotate --inclusive=yes "$out/extract.out" > "$out/inclusive.txt" 2> /dev/null
callgrind_annotate "$out/extract.out" > "$out/exclusive.txt" 2> /dev/null
callgrind_annotate --tree=caller "$out/extract.out" > "$out/callers.txt" 2> /dev/null

python3 - "$out" "$base" "$full" "$floor_base" "$floor" "$(wc -c < "$out/input.txt")" <<'PY'
import re, sys
out, base, full, fbase, floor, nbytes = sys.argv[1], *map(int, sys.argv[2:])
ex, fl = full - base, floor - fbase
print(f"extraction: {ex:,} instructions = {ex / nbytes:.0f} per byte")
print(f"floor regex: {fl:,} instructions = {fl / nbytes:.1f} per byte")
print(f"ratio extraction / floor (instructions): {ex / fl:.1f}")

line = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(\S.*?):(.+?)(?: \[(.*)\])?$")
def rows(path):
    for l in open(path, encoding="utf-8", errors="replace"):
        m = line.match(l)
        if m:
            yield int(m.group(1).replace(",", "")), m.group(2), m.group(3)

# Inclusive cost of each stage's entry function (the largest figure for the
# function: callgrind lists inlined parts under their source file too).
incl = {}
for n, _file, fn in rows(f"{out}/inclusive.txt"):
    incl[fn] = max(n, incl.get(fn, 0))
stages = [
    ("text normalization (Text::new)", "zonefacts::text::Text::new"),
    ("sentences", "zonefacts::sentence::Sentences::new"),
    ("dates", "zonefacts::dates::find"),
    ("zones", "zonefacts::zone::find"),
    ("numeric candidate scan", "zonefacts::scan::scan"),
    ("quantities: kinds + subjects", "zonefacts::quantity::facts"),
    ("  of which subjects (subject::before)", "zonefacts::subject::before"),
    ("platforms", "zonefacts::platform::find"),
    ("sections", "zonefacts::section::find"),
]
run = incl.get("zonefacts::pipeline::run", 0)
print(f"\nstage (inclusive; run = {run:,})                 instr/byte   share")
acc = 0
for name, fn in stages:
    n = incl.get(fn)
    if n is None:
        print(f"  {name:<44} {'(inlined)':>10}")
        continue
    if not name.startswith("  "):
        acc += n
    print(f"  {name:<44} {n / nbytes:10.1f}  {n / max(run, 1) * 100:5.1f}%")
rest = run - acc
print(f"  {'rest of pipeline::run (facts, spans, strings)':<44} {rest / nbytes:10.1f}  {rest / max(run, 1) * 100:5.1f}%")

def stage_of(file, fn):
    m = re.search(r"zonefacts::(\w+)::", fn)
    mod = m.group(1) if m else None
    if mod is None:
        m = re.search(r"/src/(\w+)\.rs$", file)
        mod = m.group(1) if m and "/work/" in file else None
    groups = {
        "text": "text", "sentence": "sentences", "dates": "dates", "date": "dates", "zone": "zones",
        "places": "zones", "names": "names (zones+platforms)", "scan": "scan", "numeral": "scan",
        "units": "scan", "quantity": "quantities", "money": "quantities", "count": "quantities",
        "measure": "quantities", "percent": "quantities", "subject": "subjects", "platform": "platforms",
        "section": "sections", "pipeline": "pipeline", "model": "pipeline",
    }
    if mod in groups:
        return groups[mod]
    if re.search(r"malloc|free|realloc|memcpy|memmove|alloc::", fn):
        return "alloc/copy"
    if "str::pattern" in fn or "memcmp" in fn or "memchr" in fn:
        return "str search (callers above)"
    if "aho_corasick" in fn:
        return "aho-corasick"
    return "other"

print("\ntop 20 functions by own instructions:")
print(f"  {'instr':>13} {'share':>6}  {'stage':<24} function (source file of inlined code)")
top = list(rows(f"{out}/exclusive.txt"))[:20]
for n, file, fn in top:
    short = re.sub(r"^.*/(library|src)/", "", file)
    print(f"  {n:13,} {n / full * 100:5.1f}%  {stage_of(file, fn):<24} {fn[:80]}  ({short})")

# Library functions (string search, memcmp, allocation) in the top 20: who
# calls them.
blocks = open(f"{out}/callers.txt", encoding="utf-8", errors="replace").read().split("\n\n")
shown = set()
for n, file, fn in top:
    if stage_of(file, fn) not in ("str search (callers above)", "alloc/copy") or fn in shown or len(shown) >= 4:
        continue
    for b in blocks:
        ls = b.strip("\n").splitlines()
        me = [l for l in ls if re.search(r"\)\s+\*\s+", l)]
        if not me or not me[0].split("*", 1)[1].strip().startswith(f"{file}:{fn}"):
            continue
        callers = []
        for l in ls:
            m = re.match(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+<\s+(\S.*?):(.+?) \((\d[\d,]*)x\)", l)
            if m:
                callers.append((int(m.group(1).replace(",", "")), m.group(3), m.group(4)))
        callers.sort(reverse=True)
        if not callers:
            continue
        print(f"\ncallers of {fn[:70]}:")
        for c, cfn, times in callers[:5]:
            print(f"  {c:13,} {c / full * 100:5.1f}%  {cfn[:90]} ({times} calls)")
        shown.add(fn)
        break
PY
echo
echo "raw: $out/extract.out (callgrind_annotate --inclusive=yes --tree=caller $out/extract.out)"
