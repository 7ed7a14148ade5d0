#!/usr/bin/env bash
# Usage: with-test-server.sh <nakama-test-server binary> <command> [args...]
# Runs the command with NAKAMA_HOST, NAKAMA_PORT, NAKAMA_SERVER_KEY and NAKAMA_SSL pointing at a server:
# the one named by NAKAMA_TEST_HOST (and NAKAMA_TEST_PORT, NAKAMA_TEST_SERVER_KEY, NAKAMA_TEST_SSL) when set,
# like the integration tests; otherwise the project's test server, started on a free port (its matchmaker
# every second, so flows that wait for it finish quickly) and stopped afterwards. Exits with the command's status.
set -euo pipefail
server_bin=$1
shift
if [ -n "${NAKAMA_TEST_HOST:-}" ]; then
  export NAKAMA_HOST=$NAKAMA_TEST_HOST NAKAMA_PORT=${NAKAMA_TEST_PORT:-7350}
  export NAKAMA_SERVER_KEY=${NAKAMA_TEST_SERVER_KEY:-defaultkey} NAKAMA_SSL=${NAKAMA_TEST_SSL:-0}
  exec "$@"
fi
log=$(mktemp)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  rm -f "$log"
  true
}
trap cleanup EXIT
"$server_bin" --port 0 --matchmaker-interval-ms 1000 >"$log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*listening on .*:\([0-9][0-9]*\).*/\1/p' "$log" | head -n1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "the test server did not start:"; cat "$log"; exit 1; }
export NAKAMA_HOST=127.0.0.1 NAKAMA_PORT=$port NAKAMA_SERVER_KEY=defaultkey NAKAMA_SSL=0
"$@"
