#!/usr/bin/env bash
# Portability checks that Linux can run (README, "Platforms"); .ci/run calls this after scripts/test.sh.
#   1. no POSIX-only time/thread/sleep calls in the portable code (grep)
#   2. MinGW-w64 -fsyntax-only over src/ (and the test server once it no longer uses websocketpp): the
#      Windows branches (_WIN32, Winsock, dllexport) of every source file
#   3. clang with -Werror -Wconversion -Wsign-conversion (library and unit tests) and BUILD_SHARED_LIBS=ON:
#      the unit and integration tests (default transports) run against the shared library
#   4. clang with -stdlib=libc++ and BOOST_ASIO_NO_DEPRECATED: the library with only the Beast transports
#      (NAKAMA_WITH_CPPREST=OFF, NAKAMA_WITH_WEBSOCKETPP=OFF) and the test server, i.e. what Boost 1.87+
#      still accepts
# Every check runs; the script fails at the end when any failed. Builds go to build-portability/ (PORTABILITY_DIR).
# Environment: JOBS (default 2), NAKAMA_MINGW_TEST_SERVER=on|off|auto (default auto: on when tests/server has
# no websocketpp include left).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=${PORTABILITY_DIR:-build-portability}
jobs=${JOBS:-2}
started=$(date +%s)
failed=()

step() { echo "== check-portability: $* (at $(($(date +%s) - started)) s)"; }
fail() {
  echo "== check-portability: FAILED: $*"
  failed+=("$*")
}

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # Builds in sibling directories share cache entries (the test.sh build included).
  export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1
fi
# Lean builds: no examples, benchmarks or install rules.
lean=(-G Ninja -DNAKAMA_BUILD_EXAMPLES=OFF -DNAKAMA_BUILD_BENCHMARKS=OFF -DNAKAMA_INSTALL=OFF "${launcher[@]}")
# Compile-only checks need neither optimisation nor debug information.
quick=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0)

# --- 1. forbidden calls -----------------------------------------------------------------------------------
step "grep: no gmtime_r, timegm, unistd.h, usleep, pthread_ in src/ include/ tests/server/"
if grep -rnE 'gmtime_r|timegm|unistd\.h|usleep|pthread_' src include tests/server; then
  fail "POSIX-only calls in the portable code (listed above)"
fi

# --- 2. MinGW-w64 syntax check ----------------------------------------------------------------------------
mingw_test_server=${NAKAMA_MINGW_TEST_SERVER:-auto}
if [ "$mingw_test_server" = auto ]; then
  if grep -rqE '#include <websocketpp/' tests/server; then mingw_test_server=off; else mingw_test_server=on; fi
fi
step "MinGW-w64 -fsyntax-only over src/ (test server: $mingw_test_server)"
# Boost, nlohmann-json, websocketpp and cpprestsdk headers are portable: the Linux copies serve. Only those
# directories are exposed (never /usr/include itself, whose glibc headers would shadow MinGW's). OpenSSL's
# public headers work too; Debian keeps its generated configuration.h in the multiarch directory, which
# describes a 64-bit Linux build but only affects macros these sources do not use.
inc=$out/mingw-include
mkdir -p "$inc/openssl"
for dir in boost nlohmann websocketpp cpprest pplx; do ln -sfn "/usr/include/$dir" "$inc/$dir"; done
for header in /usr/include/openssl/*.h /usr/include/x86_64-linux-gnu/openssl/*.h; do
  ln -sf "$header" "$inc/openssl/$(basename "$header")"
done
mingw_flags=(-std=c++17 -fsyntax-only -Wall -Wextra -Werror -Iinclude -Isrc -isystem "$inc"
  # What CMake defines for the library on WIN32 (cmake/NakamaCompilerOptions.cmake), as for a DLL build.
  -DNOMINMAX -DWIN32_LEAN_AND_MEAN -D_WIN32_WINNT=0x0A00 -DNAKAMA_SDK_BUILDING
  -DNAKAMA_HAS_CPPREST=1 -DNAKAMA_HAS_WEBSOCKETPP=1 -DBOOST_BIND_GLOBAL_PLACEHOLDERS)
# cpprestsdk's Windows headers are MSVC-only (pplx's Interlocked intrinsics, noexcept mismatches, dllimport),
# so its transport is the one file left out; MinGW users build with NAKAMA_WITH_CPPREST=OFF.
mingw_sources=$(find src -name '*.cpp' ! -name cpprest_http_transport.cpp | sort)
if [ "$mingw_test_server" = on ]; then
  mingw_sources+=$'\n'$(find tests/server -name '*.cpp' | sort)
  mingw_flags+=(-Itests/server)
fi
if ! command -v x86_64-w64-mingw32-g++-posix >/dev/null; then
  fail "x86_64-w64-mingw32-g++-posix not found (scripts/install-deps.sh installs it)"
elif ! printf '%s\n' "$mingw_sources" |
  xargs -P "$jobs" -I{} sh -c 'x86_64-w64-mingw32-g++-posix "$@" {} || { echo "in {}"; exit 1; }' sh \
    "${mingw_flags[@]}"; then
  fail "MinGW-w64 syntax check"
fi

# --- 3. clang, strict conversions, shared library ----------------------------------------------------------
step "clang -Werror -Wconversion -Wsign-conversion, BUILD_SHARED_LIBS=ON: unit + integration tests"
if cmake -S . -B "$out/clang-shared" "${lean[@]}" "${quick[@]}" -DCMAKE_CXX_COMPILER=clang++ -DBUILD_SHARED_LIBS=ON \
  "-DNAKAMA_EXTRA_WARNINGS=-Werror;-Wconversion;-Wsign-conversion" >/dev/null &&
  cmake --build "$out/clang-shared" --target nakama-unit-tests nakama-integration-tests --parallel "$jobs"; then
  ctest --test-dir "$out/clang-shared" -L 'unit|integration' --output-on-failure --parallel "$jobs" \
    -E '^(integration_cpprest_http|integration_websocketpp|install_consumer)$' >"$out/clang-shared-ctest.log" 2>&1 ||
    fail "tests against the shared library (clang build)"
  tail -n 3 "$out/clang-shared-ctest.log"
else
  fail "clang -Werror -Wconversion -Wsign-conversion shared build"
fi

# --- 4. libc++, no deprecated Asio, Beast only ------------------------------------------------------------
step "clang -stdlib=libc++ -DBOOST_ASIO_NO_DEPRECATED: Beast-only library and the test server"
if ! { cmake -S . -B "$out/libcxx" "${lean[@]}" "${quick[@]}" -DCMAKE_CXX_COMPILER=clang++ \
  "-DCMAKE_CXX_FLAGS=-stdlib=libc++ -DBOOST_ASIO_NO_DEPRECATED" -DNAKAMA_BUILD_TESTS=OFF \
  -DNAKAMA_BUILD_TESTSERVER=ON -DNAKAMA_WITH_CPPREST=OFF -DNAKAMA_WITH_WEBSOCKETPP=OFF \
  "-DNAKAMA_EXTRA_WARNINGS=-Werror" >/dev/null &&
  cmake --build "$out/libcxx" --target nakama-sdk nakama-test-server --parallel "$jobs"; }; then
  fail "libc++ / BOOST_ASIO_NO_DEPRECATED / Beast-only build"
fi

step "done"
if [ ${#failed[@]} -ne 0 ]; then
  printf '== check-portability: failed: %s\n' "${failed[@]}"
  exit 1
fi
echo "== check-portability: all checks passed in $(($(date +%s) - started)) s"
