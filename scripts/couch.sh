#!/usr/bin/env bash
# Starts or stops the test sync server: PouchDB Server, in memory, on 127.0.0.1.
#   bash scripts/couch.sh start [PORT]   prints the server's URL once it answers
#   bash scripts/couch.sh stop
# It keeps its config and log in a temporary directory named in .couch/dir.
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=.couch
case "${1:-}" in
  start)
    PORT="${2:-5987}"
    mkdir -p "$STATE"
    if [ -f "$STATE/pid" ] && kill -0 "$(cat "$STATE/pid")" 2>/dev/null; then
      echo "http://127.0.0.1:$(cat "$STATE/port")"
      exit 0
    fi
    DIR="$(mktemp -d)"
    echo "$DIR" > "$STATE/dir"
    echo "$PORT" > "$STATE/port"
    (cd "$DIR" && exec "$OLDPWD/node_modules/.bin/pouchdb-server" --in-memory --host 127.0.0.1 \
      --port "$PORT" --config "$DIR/config.json" --no-color >"$DIR/out.txt" 2>&1) &
    echo $! > "$STATE/pid"
    for _ in $(seq 1 100); do
      # node, not curl: the test command installs node, and a fresh machine may lack curl.
      if node -e "require('http').get('http://127.0.0.1:$PORT/', r => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))"; then
        echo "http://127.0.0.1:$PORT"
        exit 0
      fi
      sleep 0.1
    done
    echo "the test sync server did not start; its output:" >&2
    cat "$DIR/out.txt" >&2 || true
    exit 1
    ;;
  stop)
    if [ -f "$STATE/pid" ]; then
      kill "$(cat "$STATE/pid")" 2>/dev/null || true
      rm -f "$STATE/pid"
    fi
    if [ -f "$STATE/dir" ]; then
      rm -rf "$(cat "$STATE/dir")"
      rm -f "$STATE/dir"
    fi
    ;;
  *)
    echo "usage: bash scripts/couch.sh start [PORT] | stop" >&2
    exit 2
    ;;
esac
