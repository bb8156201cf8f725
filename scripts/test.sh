#!/usr/bin/env bash
# Sets up what is missing and runs every check: format, lints, native engine tests, the
# sync protocol against a local PouchDB Server, wasm tests in headless Chromium, and
# Playwright end-to-end journeys on the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1;34m[test]\033[0m %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native, all targets)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo clippy (the app for wasm32)"
cargo clippy -p liuke --target wasm32-unknown-unknown --all-targets -- -D warnings

step "native tests (engine and app logic)"
cargo test --workspace

step "sync protocol against PouchDB Server (started here, stopped at the end)"
COUCH_URL="$(bash scripts/couch.sh start 5987)"
trap 'bash scripts/couch.sh stop' EXIT
LIUKE_TEST_COUCH="$COUCH_URL" cargo test -p liuke-engine --test couch_server -- --ignored

step "wasm-bindgen tests in headless Chromium (storage, components)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test -p liuke --target wasm32-unknown-unknown --test '*'

step "release build (trunk)"
trunk build --release

step "end-to-end journeys (Playwright, Debian Chromium)"
npx playwright test -c tests/e2e/playwright.config.mjs
