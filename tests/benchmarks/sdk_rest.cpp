// REST through the SDK: GET /v2/account (the whole stack: futures, auth and retry layers, the HTTP
// transport, JSON decoding), one call at a time and then 16 in flight.

#include <atomic>
#include <functional>
#include <future>
#include <iostream>
#include <mutex>
#include <random>

#include "bench.h"
#include "nakama/account.h"
#include "nakama/client.h"
#include "platform.h"

namespace nakama::bench {

namespace {
// Keeps `inFlight` calls outstanding until `total` completed; returns each call's latency in ms.
// The state is shared with the callbacks: the last ones still run after the caller has its answer.
std::vector<double> pipelined(Client& client, int total, int inFlight, int& failures) {
  struct State {
    std::mutex mutex;
    std::vector<double> latencies;
    std::atomic<int> started{0}, finished{0}, failed{0};
    std::promise<void> allDone;
    std::function<void(const std::shared_ptr<State>&)> launch;
  };
  auto state = std::make_shared<State>();
  state->latencies.reserve(static_cast<std::size_t>(total));
  state->launch = [&client, total](const std::shared_ptr<State>& s) {
    if (s->started.fetch_add(1) >= total) return;
    const auto t0 = Clock::now();
    client.account().get().then([s, t0, total](const Result<Account>& result) {
      const double ms = millis(Clock::now() - t0);
      {
        std::lock_guard<std::mutex> lock(s->mutex);
        s->latencies.push_back(ms);
      }
      if (!result.ok()) ++s->failed;
      if (s->finished.fetch_add(1) + 1 == total) s->allDone.set_value();
      s->launch(s);
    });
  };
  for (int i = 0; i < inFlight; ++i) state->launch(state);
  state->allDone.get_future().wait();
  failures = state->failed.load();
  std::lock_guard<std::mutex> lock(state->mutex);
  return state->latencies;
}
}  // namespace

void runSdkRest(const Settings& settings, Figures& figures) {
  ClientOptions options = settings.options;
  options.maxHttpConnections = 16;  // as many connections as calls in flight, like the raw baseline
  Client client(options);
  auto session = client.authenticateDevice("bench-rest-" + std::to_string(std::random_device{}())).get();
  if (!session.ok()) throw std::runtime_error("authentication failed: " + session.error().toString());
  int failures = 0;
  pipelined(client, 50, 16, failures);  // warm-up: connections open, code paths hot

  const auto cpu0 = platform::processCpuSeconds();
  std::vector<double> seq;
  seq.reserve(static_cast<std::size_t>(settings.restCalls));
  auto start = Clock::now();
  for (int i = 0; i < settings.restCalls; ++i) {
    const auto t0 = Clock::now();
    auto result = client.account().get().get();
    seq.push_back(millis(Clock::now() - t0));
    if (!result.ok()) ++failures;
  }
  const double seqSeconds = seconds(Clock::now() - start);

  start = Clock::now();
  int c16Failures = 0;
  auto c16 = pipelined(client, settings.restCalls, 16, c16Failures);
  const double c16Seconds = seconds(Clock::now() - start);
  const auto cpu1 = platform::processCpuSeconds();
  if (failures + c16Failures > 0) std::cerr << "  " << failures + c16Failures << " REST calls failed\n";

  figures.add("rest_seq_rps", settings.restCalls / seqSeconds);
  figures.add("rest_seq_p50_ms", quantile(seq, 0.5));
  figures.add("rest_seq_p99_ms", quantile(seq, 0.99));
  figures.add("rest_c16_rps", settings.restCalls / c16Seconds);
  figures.add("rest_c16_p50_ms", quantile(c16, 0.5));
  figures.add("rest_c16_p99_ms", quantile(c16, 0.99));
  figures.add("rest_cpu_us_per_call",
              cpu0 && cpu1 ? std::optional<double>((*cpu1 - *cpu0) * 1e6 / (2.0 * settings.restCalls)) : std::nullopt);
}

}  // namespace nakama::bench
