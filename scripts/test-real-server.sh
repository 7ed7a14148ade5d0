#!/usr/bin/env bash
# Runs the integration tests and the Sagi-shi demo against a real Nakama 3.15+ that has the fixtures of
# tests/nakama/ loaded (start one with `docker compose up -d` in tests/nakama). Not part of CI.
#
#   NAKAMA_TEST_HOST        the server (default 127.0.0.1)
#   NAKAMA_TEST_PORT        its HTTP/WebSocket port (default 7350)
#   NAKAMA_TEST_SERVER_KEY  socket.server_key (default defaultkey)
#   NAKAMA_TEST_HTTP_KEY    runtime.http_key (default defaulthttpkey)
#   NAKAMA_TEST_SSL=1       use https/wss
#   CTEST_ARGS              extra ctest arguments, e.g. "-R RtMatches"
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} ${CMAKE_ARGS:-}
cmake --build "$build_dir" --parallel "${JOBS:-2}"

export NAKAMA_TEST_HOST=${NAKAMA_TEST_HOST:-127.0.0.1}
export NAKAMA_TEST_PORT=${NAKAMA_TEST_PORT:-7350}
export NAKAMA_TEST_SERVER_KEY=${NAKAMA_TEST_SERVER_KEY:-defaultkey}
export NAKAMA_TEST_HTTP_KEY=${NAKAMA_TEST_HTTP_KEY:-defaulthttpkey}
export NAKAMA_TEST_SSL=${NAKAMA_TEST_SSL:-0}
scheme=http
[ "$NAKAMA_TEST_SSL" = 1 ] && scheme=https
url="$scheme://$NAKAMA_TEST_HOST:$NAKAMA_TEST_PORT/healthcheck"

# A server that was just started needs a few seconds (migrations, module loading).
if command -v curl >/dev/null; then
  for attempt in $(seq 1 30); do
    curl -fsS -o /dev/null "$url" && break
    [ "$attempt" = 30 ] && { echo "no Nakama answers at $url (see tests/nakama/README.md)"; exit 1; }
    sleep 1
  done
fi
echo "running against Nakama at $NAKAMA_TEST_HOST:$NAKAMA_TEST_PORT"

# The integration tests and every example (label "examples": with NAKAMA_TEST_HOST set they run against this
# server). The install test (label "install") builds a consumer against the project's own test server: left out.
status=0
ctest --test-dir "$build_dir" -L "integration|examples" -LE install --output-on-failure --parallel "${JOBS:-2}" \
  ${CTEST_ARGS:-} || status=$?
exit "$status"
