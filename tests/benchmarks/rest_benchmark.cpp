// REST figures: sequential latency and pipelined throughput of real calls through the whole stack
// (futures, auth layer, retry layer, cpprestsdk, JSON decoding).

#include <atomic>
#include <cstdio>
#include <functional>
#include <future>
#include <mutex>
#include <random>

#include "bench_common.h"
#include "nakama/account.h"
#include "nakama/client.h"
#include "nakama/storage.h"

using namespace nakama;
using bench::Clock;

int main(int argc, char** argv) {
  const int iterations = argc > 1 ? std::atoi(argv[1]) : 500;
  bench::Target target;
  Client client(target.options);
  auto session = client.authenticateDevice("bench-device-" + std::to_string(std::random_device{}())).get();
  if (!session.ok()) {
    std::fprintf(stderr, "authentication failed: %s\n", session.error().toString().c_str());
    return 1;
  }

  auto sequential = [&](const char* name, auto call) {
    std::vector<double> latencies;
    const auto start = Clock::now();
    for (int i = 0; i < iterations; ++i) {
      const auto t0 = Clock::now();
      auto result = call().get();
      latencies.push_back(bench::micros(Clock::now() - t0));
      if (!result.ok()) {
        std::fprintf(stderr, "%s failed: %s\n", name, result.error().toString().c_str());
        return;
      }
    }
    bench::report(name, latencies, Clock::now() - start);
  };

  sequential("healthcheck (sequential)", [&] { return client.healthcheck(); });
  sequential("account get (sequential)", [&] { return client.account().get(); });

  WriteStorageObject object;
  object.collection = "bench";
  object.key = "save";
  object.value = R"({"level":12,"skins":["red","blue"],"coins":1500})";
  sequential("storage write (sequential)", [&] { return client.storage().write({object}); });

  // Pipelined: `inFlight` requests outstanding at any time, completions chained with then().
  for (int inFlight : {8, 32}) {
    std::mutex mutex;
    std::vector<double> latencies;
    std::atomic<int> started{0};
    std::atomic<int> finished{0};
    std::atomic<int> failures{0};
    std::promise<void> allDone;
    std::function<void()> launch = [&] {
      if (started.fetch_add(1) >= iterations) return;
      const auto t0 = Clock::now();
      client.account().get().then([&, t0](const Result<Account>& result) {
        {
          std::lock_guard<std::mutex> lock(mutex);
          latencies.push_back(bench::micros(Clock::now() - t0));
        }
        if (!result.ok()) ++failures;
        if (finished.fetch_add(1) + 1 == iterations) allDone.set_value();
        launch();
      });
    };
    const auto start = Clock::now();
    for (int i = 0; i < inFlight; ++i) launch();
    allDone.get_future().wait();
    const std::string name = "account get (" + std::to_string(inFlight) + " in flight)";
    bench::report(name.c_str(), latencies, Clock::now() - start);
    if (failures) std::printf("  %d failures\n", failures.load());
  }
  return 0;
}
