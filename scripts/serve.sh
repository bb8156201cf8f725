#!/usr/bin/env bash
# Sets up what is missing, builds the release app and serves it on http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
PORT="${PORT:-8080}"
echo "Liuke: building, then serving on http://127.0.0.1:$PORT/ (Ctrl-C stops)"
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port "$PORT"
