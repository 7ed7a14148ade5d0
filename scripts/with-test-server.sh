#!/usr/bin/env bash
# Usage: with-test-server.sh <nakama-test-server binary> <command> [args...]
# Starts the project's test server on a free port (its matchmaker every second, so flows that wait for it
# finish quickly), runs the command with NAKAMA_HOST and NAKAMA_PORT pointing at it, stops the server, and
# exits with the command's status.
set -euo pipefail
server_bin=$1
shift
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
export NAKAMA_HOST=127.0.0.1 NAKAMA_PORT=$port
"$@"
