#!/usr/bin/env bash
# The tool end to end and the library on one large real-text file, against
# the floor, as issue 16 measures them: one thread, each a process, best
# of N runs taken in turn (so that a change in the machine's load touches
# all of them alike).
#
#   bench/endtoend.sh [RUNS]     # default 9
#
# The file is the dev passages and the seed page of ../shared repeated 229
# times (28 MB), written to target/endtoend/real.txt; ../shared must be
# beside the repository. Measured:
#
#   floor      one compiled regex with captures over the file (`bench_tools floor`)
#   library    extraction of the file as one string (`bench_tools run`)
#   tool       `zonefacts --format jsonl FILE > /dev/null`
#   tool-pgo   the same with target/pgo/zonefacts, when scripts/pgo-build.sh
#              has built it (from the commit checked out: rebuild it after
#              a change)
#
# Each line gives the best time, MB/s and the ratio to the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
shared=${SHARED:-../shared}
[[ -d $shared/corpus/dev ]] || { echo "endtoend.sh: $shared/corpus/dev not found" >&2; exit 2; }
cargo build -q --release -p zonefacts-cli
cargo build -q --release --example bench_tools
out=target/endtoend
mkdir -p "$out"
file=$out/real.txt
if [[ ! -s $file ]]; then
    cat "$shared"/corpus/dev/*.txt "$shared"/seeds/*.txt > "$out/once.txt"
    for _ in $(seq 229); do cat "$out/once.txt"; done > "$file"
fi
bytes=$(wc -c < "$file")
bt=target/release/examples/bench_tools
names=(floor library tool)
cmds=("$bt floor $file" "$bt run $file" "target/release/zonefacts --format jsonl $file")
if [[ -x target/pgo/zonefacts ]]; then
    names+=(tool-pgo)
    cmds+=("target/pgo/zonefacts --format jsonl $file")
fi
declare -a best
for k in "${!names[@]}"; do best[k]=0; done
for _ in $(seq "$runs"); do
    for k in "${!names[@]}"; do
        t0=$(date +%s%N)
        ${cmds[k]} > /dev/null 2>&1
        t=$(( $(date +%s%N) - t0 ))
        if (( best[k] == 0 || t < best[k] )); then best[k]=$t; fi
    done
done
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$file: $bytes bytes, best of $runs"
for k in "${!names[@]}"; do
    awk -v n="${names[k]}" -v t="${best[k]}" -v f="${best[0]}" -v b="$bytes" \
        'BEGIN { printf "  %-9s %7.0f ms  %6.1f MB/s  %5.2fx the floor\n", n, t / 1e6, b / (t / 1e9) / 1e6, t / f }'
done
