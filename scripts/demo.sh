#!/usr/bin/env bash
# Installs the dependencies, builds the SDK, the examples and the test server, starts the test server
# and runs the Sagi-shi example flows against it. Set NAKAMA_HOST/NAKAMA_PORT (and NAKAMA_SERVER_KEY,
# NAKAMA_SSL=1) to use another server, e.g. a real Nakama set up as tests/nakama/README.md describes.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
cmake --build "$build_dir" --parallel "${JOBS:-2}" --target nakama-test-server example-sagishi

server_pid=""
log=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  [ -n "$log" ] && rm -f "$log"
  true
}
trap cleanup EXIT
if [ -z "${NAKAMA_HOST:-}" ]; then
  log=$(mktemp)
  # The matchmaker runs every second instead of Nakama's 15 s, so the demo does not wait for it.
  "$build_dir/tests/server/nakama-test-server" --port 0 --matchmaker-interval-ms 1000 >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    port=$(sed -n 's/.*listening on .*:\([0-9][0-9]*\).*/\1/p' "$log" | head -n1)
    [ -n "${port:-}" ] && break
    sleep 0.1
  done
  [ -n "${port:-}" ] || { echo "the test server did not start:"; cat "$log"; exit 1; }
  export NAKAMA_HOST=127.0.0.1 NAKAMA_PORT=$port
  echo "test server on $NAKAMA_HOST:$NAKAMA_PORT"
fi
"$build_dir/examples/example-sagishi"
