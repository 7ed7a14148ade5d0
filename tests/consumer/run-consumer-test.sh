#!/usr/bin/env bash
# Installs the SDK (and its testserver component) from the build tree into a scratch prefix, builds
# tests/consumer against that prefix with find_package(nakama-sdk COMPONENTS testserver), runs the consumer
# against a freshly started test server (the installed nakama-test-server program), then the game test,
# which starts its own in-process test server.
set -euo pipefail
cmake_bin=$1 build_dir=$2 consumer_src=$3 generator=${4:-Ninja}

work=$(mktemp -d)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

"$cmake_bin" --install "$build_dir" --prefix "$work/prefix" >/dev/null
"$cmake_bin" -S "$consumer_src" -B "$work/build" -G "$generator" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
"$cmake_bin" --build "$work/build" >/dev/null

# The consumer takes the server's address as arguments.
"$(dirname "$0")/../../scripts/with-test-server.sh" "$work/prefix/bin/nakama-test-server" sh -c '"$0" "$NAKAMA_HOST" "$NAKAMA_PORT"' "$work/build/consumer"
"$work/build/consumer_game_test"
