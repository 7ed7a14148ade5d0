#!/usr/bin/env bash
# Installs the SDK from the build tree into a scratch prefix, builds tests/consumer against that prefix with
# find_package(nakama-sdk), and runs it against a freshly started test server.
set -euo pipefail
cmake_bin=$1 build_dir=$2 consumer_src=$3 server_bin=$4 generator=${5:-Ninja}

work=$(mktemp -d)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

"$cmake_bin" --install "$build_dir" --prefix "$work/prefix" >/dev/null
"$cmake_bin" -S "$consumer_src" -B "$work/build" -G "$generator" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
"$cmake_bin" --build "$work/build" >/dev/null

# The consumer takes the server's address as arguments.
"$(dirname "$0")/../../scripts/with-test-server.sh" "$server_bin" sh -c '"$0" "$NAKAMA_HOST" "$NAKAMA_PORT"' "$work/build/consumer"
