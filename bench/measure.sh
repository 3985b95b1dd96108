#!/usr/bin/env bash
# Cold start of the `zonefacts` tool and peak memory on a 10 MB input.
#
#   bench/measure.sh            # both
#   bench/measure.sh cold       # (a) only
#   bench/measure.sh rss        # (b) only
#
# (a) times `zonefacts` (release) from process start to exit on one generated
#     article of about 6,000 characters: hyperfine when installed
#     (apt-get install hyperfine), else a loop of `date +%s%N`.
# (b) peak resident memory (`/usr/bin/time -v`, "Maximum resident set size")
#     extracting one 10 MB generated input: the `zonefacts` tool (JSON
#     written to /dev/null) and the library alone (`bench_tools run`), and
#     the same 10 MB cut in ~3 KB articles.
#
# The text comes from the benchmarks' generator (benches/support/corpus.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
cargo build -q --release -p zonefacts-cli
cargo build -q --release --example bench_tools
bin=target/release/examples
tool=target/release/zonefacts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)'), $(date -u +%Y-%m-%d)"

if [[ $what == all || $what == cold ]]; then
    "$bin/bench_tools" article 6000 > "$tmp/article.txt"
    chars=$(python3 -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8").read()))' "$tmp/article.txt" 2>/dev/null || wc -m < "$tmp/article.txt")
    echo
    echo "== (a) cold start: zonefacts on one article ($chars chars, $(wc -c < "$tmp/article.txt") bytes)"
    if command -v hyperfine > /dev/null; then
        hyperfine -N --warmup 5 --runs 100 --export-json "$tmp/cold.json" \
            "$tool $tmp/article.txt" 2>&1 | sed -n '/Time/,/Range/p'
        python3 - "$tmp/cold.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]["times"]
print(f"cold start: median {statistics.median(r)*1e3:.2f} ms, min {min(r)*1e3:.2f} ms, mean {statistics.mean(r)*1e3:.2f} ms over {len(r)} runs")
PY
    else
        times=()
        for _ in $(seq 100); do
            s=$(date +%s%N)
            "$tool" "$tmp/article.txt" > /dev/null
            e=$(date +%s%N)
            times+=($(( (e - s) / 1000 )))
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "cold start: median %.2f ms, min %.2f ms over %d runs\n", a[int((NR+1)/2)]/1000, a[1]/1000, NR}'
    fi
    # Start-up alone: an empty input.
    : > "$tmp/empty.txt"
    if command -v hyperfine > /dev/null; then
        hyperfine -N --warmup 5 --runs 100 --export-json "$tmp/empty.json" "$tool $tmp/empty.txt" > /dev/null 2>&1
        python3 - "$tmp/empty.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]["times"]
print(f"empty input (process + start-up only): median {statistics.median(r)*1e3:.2f} ms")
PY
    fi
fi

if [[ $what == all || $what == rss ]]; then
    "$bin/bench_tools" gen 10000000 > "$tmp/10mb.txt"
    echo
    echo "== (b) peak RSS on one 10 MB input ($(wc -c < "$tmp/10mb.txt") bytes)"
    rss() {
        local label=$1
        shift
        /usr/bin/time -v "$@" > /dev/null 2> "$tmp/time.txt" || { cat "$tmp/time.txt"; return 1; }
        local kb secs
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
        secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time.txt")
        printf '%-46s %8.1f MB peak RSS  (%s wall)\n' "$label" "$(awk -v k="$kb" 'BEGIN {print k / 1024}')" "$secs"
    }
    rss "zonefacts tool, one 10 MB string, JSON out" "$tool" -q -o /dev/null "$tmp/10mb.txt"
    rss "library only, one 10 MB string" "$bin/bench_tools" run "$tmp/10mb.txt"
    rss "library only, 10 MB in ~3 KB pieces" "$bin/bench_tools" run "$tmp/10mb.txt" --articles
fi
