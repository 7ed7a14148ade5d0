#pragma once

// Shared by the benchmark programs: where the server is, and how figures are printed.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "nakama/client_options.h"
#include "test_server.h"

namespace nakama::bench {

using Clock = std::chrono::steady_clock;

/// The server to measure against: NAKAMA_TEST_HOST/PORT when set, else an in-process test server.
struct Target {
  std::unique_ptr<testserver::TestServer> server;
  ClientOptions options;

  Target() {
    const char* host = std::getenv("NAKAMA_TEST_HOST");
    if (host && *host) {
      options.host = host;
      const char* port = std::getenv("NAKAMA_TEST_PORT");
      options.port = static_cast<std::uint16_t>(port ? std::atoi(port) : 7350);
      const char* key = std::getenv("NAKAMA_TEST_SERVER_KEY");
      if (key && *key) options.serverKey = key;
    } else {
      server = std::make_unique<testserver::TestServer>();
      server->start();
      options.host = "127.0.0.1";
      options.port = server->port();
    }
    std::printf("server: %s:%u (%s)\n", options.host.c_str(), options.port,
                server ? "in-process test server" : "external");
  }
};

inline double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

/// Prints count, throughput and latency percentiles of one measured series.
inline void report(const char* name, std::vector<double> latenciesUs, Clock::duration total) {
  if (latenciesUs.empty()) return;
  std::sort(latenciesUs.begin(), latenciesUs.end());
  auto pct = [&](double p) { return latenciesUs[static_cast<std::size_t>(p * (latenciesUs.size() - 1))]; };
  const double seconds = std::chrono::duration<double>(total).count();
  std::printf("%-34s n=%-6zu %9.0f ops/s   p50 %8.1f us   p90 %8.1f us   p99 %8.1f us\n", name, latenciesUs.size(),
              latenciesUs.size() / seconds, pct(0.5), pct(0.9), pct(0.99));
}

}  // namespace nakama::bench
