#!/usr/bin/env bash
# Scores the library on ../shared/gold (seed + dev) through the `zonefacts`
# tool's JSON Lines. Extra args go to score.py.
set -euo pipefail
cd "$(dirname "$0")"
SHARED=${SHARED:-../shared}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cargo run -q --release -p zonefacts-cli -- --quiet --format jsonl "$SHARED/seeds" "$SHARED/corpus/dev" > "$out"
python3 "$SHARED/eval/score.py" --gold "$SHARED/gold/seed" --gold "$SHARED/gold/dev" --pred "$out" "$@"
