#!/usr/bin/env bash
# Throughput of zonefacts, JioNLP and Recognizers-Text on the same text: the
# dev corpus (../shared/corpus/dev/*.txt) repeated to about 1 MB, cut in
# ~3 KB pieces, one process on one core: best of 3 runs for the peers, of 50
# for zonefacts (a run takes tens of milliseconds; its CPU time, counted in
# 10 ms ticks, is the mean over the 50 runs).
#
#   bench/peers/speed.sh [BYTES]       # default 1000000
#   PEERS=jionlp:/tmp/jio bench/peers/speed.sh   # only some peers ('' for none)
#
# Needs the peers' venvs (bench/peers/README.md): /tmp/jio and /tmp/rt; a
# peer whose venv is missing is skipped. The repeated text is written to a
# temporary file and removed afterwards (it is the corpus: never commit it).
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${SHARED:-../shared}
bytes=${1:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
input=$tmp/dev-repeated.txt
while [[ ! -s $input || $(wc -c < "$input") -lt $bytes ]]; do
    for f in "$SHARED"/corpus/dev/*.txt; do
        cat "$f"
        echo
    done >> "$input"
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit:  $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (src modified)'), $(date -u +%Y-%m-%d)"
echo "input:   $(wc -c < "$input") bytes, $(python3 -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8").read()))' "$input") chars"
echo

cargo build -q --release --example bench_tools
# zonefacts runs every stage whatever kinds are asked (DESIGN.md), so this is
# also its cost for money and dates alone.
echo "== zonefacts (all seven kinds; bench_tools batch FILE 1 50: one thread, one shared Extractor)"
target/release/examples/bench_tools batch "$input" 1 50 > "$tmp/zf.txt"
chars=$(python3 -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8").read()))' "$input")
awk -v bytes="$(wc -c < "$input")" -v chars="$chars" '
    { for (i = 1; i <= NF; i++) { if ($i == "wall") w = $(i + 1); if ($i == "CPU") c = $(i + 1) }
      n++; cpu += c; if (best == "" || w < best) best = w }
    END { printf "zonefacts: %d runs; best wall %d ms: %.1f MB/s, %.0f chars/s (wall); mean CPU %.1f ms: %.1f MB/s, %.0f chars/s (CPU)\n",
          n, best, bytes / best / 1e3, chars / best * 1e3, cpu / n, bytes / (cpu / n) / 1e3, chars / (cpu / n) * 1e3 }' "$tmp/zf.txt"
echo

for peer in ${PEERS-jionlp:/tmp/jio recognizers:/tmp/rt}; do
    name=${peer%%:*} venv=${peer#*:}
    if [[ -x $venv/bin/python ]]; then
        echo "== $name ($venv)"
        "$venv/bin/python" bench/peers/speed.py "$name" "$input" --reps 3
    else
        echo "== $name: no venv at $venv (see bench/peers/README.md), skipped"
    fi
    echo
done
