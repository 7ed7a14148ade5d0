#!/usr/bin/env bash
# Installs the Debian 12 packages the SDK, its tests and its examples build against.
# Safe to run again; uses sudo when not run as root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libcpprest-dev          # HTTP transport (cpprestsdk)
  libwebsocketpp-dev      # the websocketpp WebSocket transport and the test server
  libboost-dev            # Boost.Asio and Boost.Beast (header-only), also for websocketpp and cpprestsdk
  libssl-dev              # TLS (wss://, https://) and HS256 in the test server
  zlib1g-dev              # required by cpprestsdk's CMake package
  nlohmann-json3-dev      # JSON
  libgtest-dev libgmock-dev  # tests
  libbenchmark-dev        # nakama-microbench (optional: skipped when absent)
  clang-format            # scripts/check-format.sh
  clang                   # scripts/check-portability.sh (clang builds) and the libFuzzer targets (tests/fuzz)
  libc++-dev libc++abi-dev  # scripts/check-portability.sh: the libc++ build
  g++-mingw-w64-x86-64-posix        # scripts/check-portability.sh: MinGW-w64 syntax check (Windows branches)
  ccache                  # faster repeated builds (used when present)
  doxygen                 # the API reference (`docs` target, `api_reference` test); optional for the SDK
)

# Nothing is built or tested with these; a failure to install them does not stop the script.
optional_packages=(
  wrk                     # nakama-bench's wrk baseline (its figures print n/a without it)
)

missing_from() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}
mapfile -t missing < <(missing_from "${packages[@]}")
mapfile -t missing_optional < <(missing_from "${optional_packages[@]}")
if [ ${#missing[@]} -eq 0 ] && [ ${#missing_optional[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || [ ${#missing[@]} -eq 0 ]
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
if [ ${#missing_optional[@]} -gt 0 ]; then
  $SUDO apt-get install -y --no-install-recommends "${missing_optional[@]}" ||
    echo "install-deps: could not install ${missing_optional[*]} (optional)"
fi
