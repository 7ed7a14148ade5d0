#!/usr/bin/env bash
# Installs the dependencies, builds everything and runs the whole test suite (unit + integration +
# install/consumer). Integration tests use the project's own test server unless NAKAMA_TEST_HOST is set.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/check-format.sh
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} ${CMAKE_ARGS:-}
cmake --build "$build_dir" --parallel "${JOBS:-2}"
ctest --test-dir "$build_dir" --output-on-failure --parallel "${JOBS:-2}" ${CTEST_ARGS:-}
