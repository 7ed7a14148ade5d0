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

if [ -z "${NAKAMA_HOST:-}" ]; then
  exec ./scripts/with-test-server.sh "$build_dir/tests/server/nakama-test-server" "$build_dir/examples/example-sagishi"
fi
"$build_dir/examples/example-sagishi"
