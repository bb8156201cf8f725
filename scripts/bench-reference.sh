#!/usr/bin/env bash
# Compares the `liuke` command-line tool with the Python reference tools
# (PERFORMANCE.md: BG/NBD and Gamma-Gamma parameters within 1 % of `lifetimes` and at
# least 20x faster; assignment totals equal to scipy's optimum):
#
#   bash scripts/bench-reference.sh              # venv if missing, build, both comparisons
#   bash scripts/bench-reference.sh --no-build   # use the liuke binary that is there
#
# Creates .venv-bench/ with pinned packages the first time. Builds liuke with cargo's
# `bench` profile (opt-level 3; the workspace's release profile is tuned for the size of
# the browser app) into ${CARGO_TARGET_DIR:-target}/release/liuke. Scratch files go to
# ${CARGO_TARGET_DIR:-target}/bench-reference/. Exits non-zero when a comparison fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

step() { printf '\n\033[1;34m[bench-reference]\033[0m %s\n' "$*"; }

target="${CARGO_TARGET_DIR:-target}"
liuke="$target/release/liuke"
scratch="$target/bench-reference"
venv=.venv-bench
# lifetimes 0.11.3 (2020) predates pandas 2 and numpy 2: these are the newest that work
# with it on Python 3.11.
packages=(
  "lifetimes==0.11.3"
  "numpy==1.26.4"
  "pandas==1.5.3"
  "scipy==1.11.4"
  "autograd==1.6.2"
  "dill==0.3.8"
)

if [ ! -x "$venv/bin/python" ]; then
  step "creating $venv ($(python3 --version))"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "${packages[@]}"
fi

if [ "$build" = 1 ]; then
  step "building liuke (cargo build --profile bench -p liuke-cli)"
  cargo build --profile bench -p liuke-cli
fi
[ -x "$liuke" ] || { echo "no liuke binary at $liuke" >&2; exit 1; }

mkdir -p "$scratch"
today=2026-11-22
step "L sample book orders as of $today -> $scratch/sample-l-transactions.csv"
"$liuke" sample-transactions --size l --today "$today" > "$scratch/sample-l-transactions.csv"

status=0
step "BG/NBD + Gamma-Gamma: lifetimes vs liuke (CDNOW summary; L sample book transactions)"
"$venv/bin/python" tests/bench/lifetimes_compare.py \
  --liuke "$liuke" \
  --cdnow crates/engine/tests/fixtures/cdnow_summary.csv \
  --transactions "$scratch/sample-l-transactions.csv" --end "$today" || status=1

step "assignment: scipy.optimize.linear_sum_assignment vs liuke assign"
"$venv/bin/python" tests/bench/assignment_compare.py --liuke "$liuke" --dir "$scratch" || status=1

exit "$status"
