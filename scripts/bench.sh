#!/usr/bin/env bash
# Benchmarks Liuke: builds the release app, measures it in headless Chromium (shipped size,
# load with the L book stored in IndexedDB, one edit, search, memory, team sync beside
# PouchDB's replicator — each beside its budget and a reference from the same run), then
# runs the engine's criterion benches.
#
#   bash scripts/bench.sh                 # build, browser bench, engine benches
#   bash scripts/bench.sh --no-build      # measure the dist/ that is there
#   bash scripts/bench.sh --browser-only  # skip cargo bench
#
# Budgets: ../shared/PERFORMANCE.md. Results: bench-results/ (raw) and docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

build=1
engine=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --browser-only) engine=0 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

step() { printf '\n\033[1;34m[bench]\033[0m %s\n' "$*"; }

bash scripts/setup.sh

if [ "$build" = 1 ]; then
  step "release build (trunk)"
  trunk build --release
fi

step "browser: size, load, edit, search, memory (headless Chromium)"
node tests/bench/browser-bench.mjs

step "browser: rescoring after a weight change, and the passphrase lock"
node tests/bench/rescore-bench.mjs
node tests/bench/lock-bench.mjs

step "browser: team sync beside PouchDB's replicator (loopback PouchDB Server)"
node tests/bench/sync-bench.mjs

if [ "$engine" = 1 ]; then
  step "engine: criterion benches (native)"
  cargo bench -p liuke-engine
fi
