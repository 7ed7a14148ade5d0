#!/usr/bin/env bash
# Installs the SDK from the build tree into a scratch prefix, builds tests/consumer against that prefix with
# find_package(nakama-sdk), and runs it against a freshly started test server.
set -euo pipefail
cmake_bin=$1 build_dir=$2 consumer_src=$3 server_bin=$4 generator=${5:-Ninja}

work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$cmake_bin" --install "$build_dir" --prefix "$work/prefix" >/dev/null
"$cmake_bin" -S "$consumer_src" -B "$work/build" -G "$generator" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
"$cmake_bin" --build "$work/build" >/dev/null

"$server_bin" --port 0 >"$work/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*listening on .*:\([0-9][0-9]*\).*/\1/p' "$work/server.log" | head -n1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "test server did not start"; cat "$work/server.log"; exit 1; }
"$work/build/consumer" 127.0.0.1 "$port"
