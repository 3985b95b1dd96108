#!/usr/bin/env bash
# Instruction-count profile (callgrind) of whole-document extraction, with
# the floor regex for comparison.
#
#   bench/profile.sh [BYTES] [--one-string] [--real]
#
# The text is BYTES (default 1,000,000) of generated report text, or with
# --real the dev passages and the seed page of ../shared repeated ten times
# (about 1.2 MB). By default it is extracted in ~3 KB pieces, as users
# extract articles; --one-string extracts it as one string.
#
# Prints instructions per byte for the extraction and for the floor (the
# count for the whole text minus the count for a 30-byte article, which
# pays the start-up), the cost of each pipeline stage in instructions per
# byte (inclusive, minus the same stage on the text's first ~3 KB piece,
# which pays the start-up that stage triggers, per byte of the rest), and
# the top 20 functions (exclusive, each tagged with its stage). Instruction
# counts are stable on a shared machine, unlike wall-clock time. The raw
# profiles stay in target/callgrind/ for `callgrind_annotate` or
# kcachegrind.
set -euo pipefail
cd "$(dirname "$0")/.."
bytes=1000000
mode=--articles
real=
for a in "$@"; do
    case $a in
        --one-string) mode= ;;
        --real) real=1 ;;
        *) bytes=$a ;;
    esac
done
cargo build -q --release --example bench_tools
bin=target/release/examples/bench_tools
out=target/callgrind
mkdir -p "$out"
if [[ -n $real ]]; then
    shared=../shared
    [[ -d $shared/corpus/dev ]] || { echo "profile.sh --real: $shared/corpus/dev not found" >&2; exit 2; }
    for _ in $(seq 10); do cat "$shared"/corpus/dev/*.txt "$shared"/seeds/*.txt; done > "$out/input.txt"
    what="real text (../shared dev + seeds) x10"
else
    "$bin" gen "$bytes" > "$out/input.txt"
    what="generated"
fi
"$bin" article 10 > "$out/tiny.txt"
# The first ~3 KB piece (cut after a line break, as bench_tools cuts).
python3 - "$out/input.txt" "$out/first.txt" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
cut = min(3000, len(b))
while cut < len(b) and (b[cut] & 0xC0) == 0x80:
    cut += 1
nl = b.find(b"\n", cut)
open(sys.argv[2], "wb").write(b[: len(b) if nl < 0 else nl + 1])
PY

cg() { # name, args...
    local name=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file="$out/$name.out" "$bin" "$@" 2>&1 | awk '/refs:/ {gsub(",", "", $4); print $4}'
}
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)'), $(date -u +%Y-%m-%d); $what, $(wc -c < "$out/input.txt") bytes, mode ${mode:---one-string}"
base=$(cg baseline run "$out/tiny.txt")
first=$(cg first run "$out/first.txt" $mode)
full=$(cg extract run "$out/input.txt" $mode)
floor=$(cg floor floor "$out/input.txt" $mode)
floor_base=$(cg floor_baseline floor "$out/tiny.txt")
for p in extract first; do
    callgrind_annotate --inclusive=yes --threshold=100 "$out/$p.out" > "$out/$p.inclusive.txt" 2> /dev/null
done
callgrind_annotate --threshold=100 "$out/extract.out" > "$out/exclusive.txt" 2> /dev/null
callgrind_annotate --tree=caller "$out/extract.out" > "$out/callers.txt" 2> /dev/null

python3 - "$out" "$base" "$first" "$full" "$floor_base" "$floor" "$(wc -c < "$out/input.txt")" "$(wc -c < "$out/first.txt")" <<'PY'
import re, sys
out, base, first, full, fbase, floor, nbytes, fbytes = sys.argv[1], *map(int, sys.argv[2:])
ex, fl = full - base, floor - fbase
print(f"start-up (a 30-byte article): {base:,} instructions")
print(f"extraction: {ex:,} instructions = {ex / nbytes:.1f} per byte "
      f"({(full - first) / (nbytes - fbytes):.1f} per byte after the first piece, whose start-up is {first - base:,} more)")
print(f"floor regex: {fl:,} instructions = {fl / nbytes:.1f} per byte")
print(f"ratio extraction / floor (instructions): {ex / fl:.2f}")

line = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(\S.*?):(.+?)(?: \((\d[\d,]*)x\))?(?: \[(.*)\])?$")
def rows(path):
    for l in open(path, encoding="utf-8", errors="replace"):
        m = line.match(l)
        if m:
            yield int(m.group(1).replace(",", "")), m.group(2), m.group(3)

# Inclusive cost of each stage's entry function (the largest figure for the
# function: callgrind lists inlined parts under their source file too), minus
# the same on the first piece.
def inclusive(path):
    incl = {}
    for n, _file, fn in rows(path):
        incl[fn] = max(n, incl.get(fn, 0))
    return incl
incl, incl_first = inclusive(f"{out}/extract.inclusive.txt"), inclusive(f"{out}/first.inclusive.txt")
rest_bytes = max(nbytes - fbytes, 1)
def cost(fns):
    # A stage's entry, or an older name of it (to profile older commits).
    for fn in fns.split("|"):
        if fn in incl:
            return incl[fn] - incl_first.get(fn, 0)
    return None
stages = [
    ("1 normalize + triggers (Text::with_triggers)", "zonefacts::normalize::Text::with_triggers|zonefacts::text::Text::with_triggers|zonefacts::text::Text::new"),
    ("2 punctuation (Marks::new)", "zonefacts::marks::Marks::new"),
    ("  paragraphs (paragraph_starts)", "zonefacts::sentence::paragraph_starts"),
    ("3 dates (dates::find)", "zonefacts::dates::find"),
    ("4 zones (zone::find)", "zonefacts::zone::find"),
    ("5 numeric candidates (scan::scan)", "zonefacts::scan::scan"),
    ("6 figures: kinds, subjects (quantity::facts)", "zonefacts::quantity::facts"),
    ("  aims and forecasts (Targets::new)", "zonefacts::target::Targets::new"),
    ("  aims and forecasts (Targets::is_target)", "zonefacts::target::Targets::is_target"),
    ("7 platforms (platform::find)", "zonefacts::platform::find"),
    ("9 sections (section::find)", "zonefacts::section::find"),
    ("10 records (records::build)", "zonefacts::records::build"),
]
parts = [
    ("  of 6: subjects before figures (subject::before)", "zonefacts::subject::before"),
    ("  of 6: noun phrases after figures (subject::after)", "zonefacts::subject::after"),
    ("  of 6: changes (change::at_end)", "zonefacts::change::at_end"),
    ("  of 4, 7: names' left walks (names::walk_left)", "zonefacts::names::walk_left"),
    ("  of 10: zone identities (identity::identify)", "zonefacts::identity::identify"),
]
run = cost("zonefacts::pipeline::run_many|zonefacts::pipeline::run|zonefacts::Extractor::extract") or 0
print(f"\nstage (inclusive, per byte after the first piece; run = {run / rest_bytes:.1f})   instr/byte   share")
acc = 0
for entry in stages + [None] + parts:
    if entry is None:
        rest = run - acc
        print(f"  {'rest of pipeline::run (settling names, spans)':<52} {rest / rest_bytes:10.1f}  {rest / max(run, 1) * 100:5.1f}%")
        continue
    name, fn = entry
    n = cost(fn)
    if n is None:
        print(f"  {name:<52} {'(inlined)':>10}")
        continue
    if not name.startswith("  of"):
        acc += n
    print(f"  {name:<52} {n / rest_bytes:10.1f}  {n / max(run, 1) * 100:5.1f}%")
outside = (full - first) - run
print(f"  {'outside the library (reading, splitting, dropping)':<52} {outside / rest_bytes:10.1f}")

def stage_of(file, fn):
    m = re.search(r"zonefacts::(\w+)::", fn)
    mod = m.group(1) if m else None
    if mod is None:
        m = re.search(r"/src/(\w+)\.rs$", file)
        mod = m.group(1) if m and "/work/" in file else None
    groups = {
        "text": "normalize", "triggers": "normalize", "marks": "punctuation", "sentence": "punctuation",
        "dates": "dates", "date": "dates", "zone": "zones", "places": "zones", "gazetteer": "zones",
        "names": "names (zones+platforms)", "scan": "scan", "numeral": "scan", "units": "scan",
        "quantity": "figures", "money": "figures", "count": "figures", "measure": "figures",
        "percent": "figures", "kinds": "figures", "change": "figures", "subject": "subjects",
        "target": "targets", "platform": "platforms", "section": "sections", "records": "records",
        "identity": "records", "context": "records", "pipeline": "pipeline", "model": "records",
        "lexicon": "word lists", "words": "word lists", "ends": "word lists", "charmap": "word lists",
    }
    if mod in groups:
        return groups[mod]
    if re.search(r"malloc|free|realloc|memcpy|memmove|alloc::", fn):
        return "alloc/copy"
    if "str::pattern" in fn or "memcmp" in fn or "memchr" in fn:
        return "str search (callers above)"
    if "from_utf8" in fn:
        return "reading the file"
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
