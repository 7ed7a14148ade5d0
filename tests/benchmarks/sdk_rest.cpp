// REST through the SDK: GET /v2/account (the whole stack: futures, auth and retry layers, the HTTP
// transport, JSON decoding), one call at a time and then 16 in flight. The rest_* figures use
// CallbackMode::kIoThread (what load-test bots use); sdk_thread_rest_* the default kSdkThread, whose
// continuations cross to the callback thread and back; rest_get_seq_rps a loop of blocking get() calls.

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

struct RestRun {
  double seqRps = 0, c16Rps = 0;
  std::vector<double> seq, c16;  // latencies (ms)
  std::optional<double> cpuUsPerCall;
};

// One call in flight, then 16, each next call started from the previous one's continuation (the raw client's
// pattern: no thread waits for an answer).
RestRun measure(const Settings& settings, CallbackMode mode, std::optional<double>* blockingSeqRps) {
  ClientOptions options = settings.options;
  options.maxHttpConnections = 16;  // as many connections as calls in flight, like the raw baseline
  options.callbackMode = mode;
  Client client(options);
  auto session = client.authenticateDevice("bench-rest-" + std::to_string(std::random_device{}())).get();
  if (!session.ok()) throw std::runtime_error("authentication failed: " + session.error().toString());
  int failures = 0;
  pipelined(client, 50, 16, failures);  // warm-up: connections open, code paths hot

  if (blockingSeqRps) {  // the simplest game code: get() on each call in turn, from the main thread
    const auto start = Clock::now();
    for (int i = 0; i < settings.restCalls; ++i) {
      if (!client.account().get().get().ok()) ++failures;
    }
    *blockingSeqRps = settings.restCalls / seconds(Clock::now() - start);
  }

  RestRun run;
  const auto cpu0 = platform::processCpuSeconds();
  auto start = Clock::now();
  run.seq = pipelined(client, settings.restCalls, 1, failures);
  run.seqRps = settings.restCalls / seconds(Clock::now() - start);
  start = Clock::now();
  run.c16 = pipelined(client, settings.restCalls, 16, failures);
  run.c16Rps = settings.restCalls / seconds(Clock::now() - start);
  const auto cpu1 = platform::processCpuSeconds();
  if (cpu0 && cpu1) run.cpuUsPerCall = (*cpu1 - *cpu0) * 1e6 / (2.0 * settings.restCalls);
  if (failures > 0) std::cerr << "  " << failures << " REST calls failed\n";
  return run;
}
}  // namespace

void runSdkRest(const Settings& settings, Figures& figures) {
  std::optional<double> blockingSeqRps;
  auto io = measure(settings, CallbackMode::kIoThread, &blockingSeqRps);
  figures.add("rest_seq_rps", io.seqRps);
  figures.add("rest_seq_p50_ms", quantile(io.seq, 0.5));
  figures.add("rest_seq_p99_ms", quantile(io.seq, 0.99));
  figures.add("rest_c16_rps", io.c16Rps);
  figures.add("rest_c16_p50_ms", quantile(io.c16, 0.5));
  figures.add("rest_c16_p99_ms", quantile(io.c16, 0.99));
  figures.add("rest_cpu_us_per_call", io.cpuUsPerCall);
  figures.add("rest_get_seq_rps", blockingSeqRps);

  auto sdkThread = measure(settings, CallbackMode::kSdkThread, nullptr);
  figures.add("sdk_thread_rest_seq_rps", sdkThread.seqRps);
  figures.add("sdk_thread_rest_c16_rps", sdkThread.c16Rps);
  figures.add("sdk_thread_rest_cpu_us_per_call", sdkThread.cpuUsPerCall);
}

}  // namespace nakama::bench
