#!/usr/bin/env bash
# CI step of the Python package (python/), run by .ci/run from the
# repository root: lints of the binding, `pip install ./python` in a fresh
# virtual environment (maturin, pandas, pyarrow, pyspark, pytest from PyPI),
# and its tests, the Spark one on local[2] over $SHARED/corpus/dev included
# (it needs Java: installed with apt-get when missing and possible).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
PYTHON=${PYTHON:-python3}

echo "-- cargo clippy -p zonefacts-python --all-targets -- -D warnings"
cargo clippy -p zonefacts-python --all-targets -- -D warnings
echo "-- cargo fmt --all --check"
cargo fmt --all --check

if ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "-- installing a Java runtime for the Spark test"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null) \
            || echo "could not install Java: the Spark test will say it was skipped"
    else
        echo "no java and cannot install it: the Spark test will say it was skipped"
    fi
fi

VENV=$(mktemp -d)/venv
trap 'rm -rf "$(dirname "$VENV")"' EXIT
echo "-- fresh virtual environment $VENV ($("$PYTHON" --version))"
if ! "$PYTHON" -m venv "$VENV"; then
    # Debian's python3 needs python3-venv for `-m venv`.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
        "$PYTHON" -m venv "$VENV"
    else
        exit 1
    fi
fi
PIP="$VENV/bin/python -m pip"
$PIP install -q --disable-pip-version-check maturin pandas pyarrow pyspark pytest
echo "-- pip install ./python"
$PIP install -q --disable-pip-version-check ./python
# From the repository root, so that `import zonefacts` finds the installed
# package, not the source folder python/zonefacts.
echo "-- pytest python/tests"
ZONEFACTS_DEV_CORPUS="$SHARED/corpus/dev" "$VENV/bin/pytest" -q -rs python/tests
