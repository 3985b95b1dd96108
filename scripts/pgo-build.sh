#!/usr/bin/env bash
# Builds the zonefacts tool with profile-guided optimization (PGO): an
# instrumented build runs on training text, and the final build lays out
# and inlines the code by what that run measured.
#
#   scripts/pgo-build.sh          # writes target/pgo/zonefacts
#
# The training text is generated report text (`bench_tools gen` and
# `bench_tools article`, the benchmarks' generator) and the example
# article of examples/data: nothing of ../shared, so that the dev passages
# stay a fair test of the result. Needs llvm-profdata from the Rust
# toolchain (`rustup component add llvm-tools`). Takes about three minutes
# on two cores (two release builds of the tool and one of bench_tools).
#
# The build is the same code with the same output (the script checks it on
# the example article and the long training text); only its speed differs.
# DESIGN.md ("Speed") has the figures: on one 28 MB file 11-13% faster end
# to end, on many short files 3-4%. `bench/endtoend.sh` measures it.
# `cargo install` and `cargo build` do not use it.
set -euo pipefail
cd "$(dirname "$0")/.."
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [[ ! -x $profdata ]]; then
    echo "pgo-build.sh: $profdata not found; install it with: rustup component add llvm-tools" >&2
    exit 2
fi
out=$PWD/target/pgo
rm -rf "$out/profiles" "$out/train"
mkdir -p "$out/profiles" "$out/train/articles"

echo "== instrumented build"
RUSTFLAGS="-Cprofile-generate=$out/profiles" cargo build -q --release -p zonefacts-cli --target-dir "$out/instrumented"
# Build scripts run during that build also wrote profiles: not the tool's.
rm -f "$out"/profiles/*

echo "== training text (generated reports and the example article)"
cargo build -q --release --example bench_tools
gen=target/release/examples/bench_tools
"$gen" gen 4000000 7 > "$out/train/long.txt"
for i in $(seq 1 80); do
    "$gen" article $((600 + 40 * i)) "$i" > "$out/train/articles/$i.txt"
done

echo "== training run"
tool=$out/instrumented/release/zonefacts
# One long text, many short ones (in groups, on one thread and on all),
# and each output format.
"$tool" -q --format jsonl "$out/train/long.txt" > /dev/null
"$tool" -q -j 1 --format jsonl "$out/train/articles" > /dev/null
"$tool" -q --format csv "$out/train/articles" examples/data > /dev/null
"$tool" -q --format json examples/data/linjiang-report.txt > /dev/null
"$tool" -q --format table examples/data/linjiang-report.txt > /dev/null
"$profdata" merge -o "$out/zonefacts.profdata" "$out/profiles"

echo "== optimized build"
RUSTFLAGS="-Cprofile-use=$out/zonefacts.profdata" cargo build -q --release -p zonefacts-cli --target-dir "$out/build"
cp "$out/build/release/zonefacts" "$out/zonefacts"

# The same facts as the plain build: PGO changes speed only.
# (The instrumented build is the plain one, with counters.)
plain=$out/instrumented/release/zonefacts
for f in examples/data/linjiang-report.txt "$out/train/long.txt"; do
    if ! cmp -s <("$plain" --format jsonl "$f") <("$out/zonefacts" --format jsonl "$f"); then
        echo "pgo-build.sh: the optimized build's output differs from the plain build's on $f" >&2
        exit 1
    fi
done
echo "built $out/zonefacts"
