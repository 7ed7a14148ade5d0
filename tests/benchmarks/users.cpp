// Many users in one process: N Clients on one shared nakama::Runtime, each authenticated with its own
// device and holding a connected socket. Reports the time to get them all connected, the memory per user
// and the threads the SDK added (the process's threads after, minus before).

#include <iostream>
#include <memory>
#include <random>

#include "bench.h"
#include "nakama/client.h"
#include "nakama/rt_socket.h"
#include "nakama/runtime.h"
#include "platform.h"

namespace nakama::bench {

namespace {
constexpr int kBatch = 100;  // users set up concurrently

std::optional<double> delta(std::optional<double> before, std::optional<double> after, double divisor) {
  if (!before || !after) return std::nullopt;
  return (*after - *before) / divisor;
}
}  // namespace

void runUsers(const Settings& settings, Figures& figures) {
  const int n = settings.users;
  const std::string prefix = "users_" + std::to_string(n) + "_";
  const auto threads0 = platform::threadCount();
  const auto rss0 = platform::residentKb();
  const std::string tag = std::to_string(std::random_device{}());

  int failures = 0;
  std::vector<std::unique_ptr<Client>> clients;
  std::vector<RtSocket> sockets;
  clients.reserve(static_cast<std::size_t>(n));
  sockets.reserve(static_cast<std::size_t>(n));
  const auto start = Clock::now();
  {
    ClientOptions options = settings.options;
    options.runtime = Runtime::create();
    for (int first = 0; first < n; first += kBatch) {
      const int last = std::min(n, first + kBatch);
      std::vector<Future<Session>> sessions;
      for (int i = first; i < last; ++i) {
        clients.push_back(std::make_unique<Client>(options));
        sessions.push_back(clients.back()->authenticateDevice("bench-user-" + tag + "-" + std::to_string(i)));
      }
      std::vector<Future<void>> connects;
      for (int i = first; i < last; ++i) {
        if (!sessions[static_cast<std::size_t>(i - first)].get().ok()) ++failures;
        sockets.push_back(clients[static_cast<std::size_t>(i)]->createSocket());
        connects.push_back(sockets.back().connect());
      }
      for (auto& connect : connects) {
        if (!connect.get().ok()) ++failures;
      }
    }
  }
  const double connectSeconds = seconds(Clock::now() - start);
  const auto threads1 = platform::threadCount();
  const auto rss1 = platform::residentKb();
  if (failures > 0) std::cerr << "  " << failures << " of " << n << " users failed to authenticate or connect\n";

  figures.add(prefix + "connect_s", connectSeconds);
  figures.add(prefix + "rss_kb_per_user", delta(rss0 ? std::optional<double>(*rss0) : std::nullopt,
                                                rss1 ? std::optional<double>(*rss1) : std::nullopt, n));
  figures.add(prefix + "threads", delta(threads0 ? std::optional<double>(*threads0) : std::nullopt,
                                        threads1 ? std::optional<double>(*threads1) : std::nullopt, 1));

  for (auto& socket : sockets) socket.close();
  sockets.clear();
  clients.clear();  // the last Client releases the Runtime and its threads
}

}  // namespace nakama::bench
