#!/usr/bin/env bash
# Builds the SDK, the unit and integration tests and the test server with sanitizers and runs the unit and
# integration labels. Usage: scripts/test-sanitizers.sh [asan|tsan]   (asan = AddressSanitizer + UBSan)
# The build is lean (no examples, benchmarks, install test or fuzzers) and lives in build-<mode>/ unless
# BUILD_DIR is set. The whole-suite reruns through cpprestsdk and websocketpp are left out: ThreadSanitizer
# cannot see into the prebuilt cpprestsdk library, and the default Beast transports cover the SDK's own code.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-asan}
case "$mode" in
  asan) sanitize="address,undefined" ;;
  tsan) sanitize="thread" ;;
  *) echo "usage: $0 [asan|tsan]" >&2; exit 2 ;;
esac
build_dir=${BUILD_DIR:-build-$mode}
jobs=${JOBS:-2}
start=$(date +%s)

launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
# -O1 with line tables only: what the sanitizers recommend, and much quicker to build than -O2 -g.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" "${launcher[@]}" \
  -DNAKAMA_SANITIZE="$sanitize" -DNAKAMA_BUILD_EXAMPLES=OFF -DNAKAMA_BUILD_BENCHMARKS=OFF \
  -DNAKAMA_INSTALL=OFF -DNAKAMA_BUILD_FUZZERS=OFF ${CMAKE_ARGS:-}
cmake --build "$build_dir" --parallel "$jobs" \
  --target nakama-unit-tests nakama-integration-tests nakama-test-server

# Any report fails the run (halt_on_error: the test dies, ctest reports it with the sanitizer's output).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
tsan_options="halt_on_error=1:second_deadlock_stack=1"
# Suppressions are for third-party code only, each one justified in the file.
if [ -f scripts/sanitizers/tsan.supp ]; then tsan_options="$tsan_options:suppressions=$PWD/scripts/sanitizers/tsan.supp"; fi
export TSAN_OPTIONS=${TSAN_OPTIONS:-$tsan_options}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/scripts/sanitizers/lsan.supp}
ctest --test-dir "$build_dir" --output-on-failure --parallel "$jobs" -L 'unit|integration' \
  -E '^(integration_cpprest_http|integration_websocketpp|install_consumer)$' ${CTEST_ARGS:-}
echo "test-sanitizers $mode: passed in $(( $(date +%s) - start )) s"
