// Realtime through the SDK: two clients in a relayed match; A keeps 32 match-data messages in flight,
// B sends each one back, A measures the round trips. The rt_* figures use CallbackMode::kIoThread on one
// shared Runtime; sdk_thread_rt_* the defaults (a Client's own threads, handlers on the callback thread).

#include <atomic>
#include <future>
#include <iostream>
#include <mutex>
#include <random>

#include "bench.h"
#include "nakama/client.h"
#include "nakama/rt_socket.h"
#include "nakama/runtime.h"
#include "platform.h"
#include "rt_common.h"

namespace nakama::bench {

namespace {
struct Player {
  explicit Player(const ClientOptions& options) : client(options) {
    auto session = client.authenticateDevice("bench-rt-" + std::to_string(std::random_device{}())).get();
    if (!session.ok()) throw std::runtime_error("authentication failed: " + session.error().toString());
    socket = client.createSocket();
  }
  void connect() {
    auto connected = socket.connect().get();
    if (!connected.ok()) throw std::runtime_error("socket connect failed: " + connected.error().toString());
  }
  Client client;
  RtSocket socket;
};

struct RtRun {
  bool done = false;
  double msgsPerSecond = 0;
  std::vector<double> rtt;  // ms
  std::optional<double> cpuUsPerMessage;
};

RtRun measure(const Settings& settings, const ClientOptions& options) {
  Player a(options), b(options);
  a.connect();
  b.connect();
  auto match = a.socket.createMatch().get();
  if (!match.ok()) throw std::runtime_error("createMatch failed: " + match.error().toString());
  const std::string matchId = match->matchId;
  if (!b.socket.joinMatch(matchId).get().ok()) throw std::runtime_error("joinMatch failed");

  const int total = settings.rtMessages;
  RtRun run;
  std::vector<Clock::time_point> sentAt(static_cast<std::size_t>(total));
  run.rtt.reserve(static_cast<std::size_t>(total));
  std::atomic<int> sent{0};
  std::promise<void> allBack;
  auto send = [&] {
    const int i = sent.fetch_add(1);
    if (i >= total) return;
    sentAt[static_cast<std::size_t>(i)] = Clock::now();
    a.socket.sendMatchData(matchId, 1, echoPayload(i));
  };
  auto echo = b.socket.onMatchData([&](const MatchData& d) { b.socket.sendMatchData(matchId, 1, d.data); });
  auto back = a.socket.onMatchData([&](const MatchData& d) {
    const int i = echoIndex(d.data);
    if (i < 0 || i >= total) return;
    run.rtt.push_back(millis(Clock::now() - sentAt[static_cast<std::size_t>(i)]));  // A's handlers: one at a time
    if (static_cast<int>(run.rtt.size()) == total) allBack.set_value();
    send();
  });

  const auto cpu0 = platform::processCpuSeconds();
  const auto start = Clock::now();
  for (int i = 0; i < kRtWindow; ++i) send();
  run.done = allBack.get_future().wait_for(std::chrono::seconds(120)) == std::future_status::ready;
  const double elapsed = seconds(Clock::now() - start);
  const auto cpu1 = platform::processCpuSeconds();
  echo.unsubscribe();
  back.unsubscribe();
  a.socket.close();
  b.socket.close();
  if (!run.done) {
    std::cerr << "  the SDK echo did not finish (" << run.rtt.size() << " of " << total << " came back)\n";
    return run;
  }
  run.msgsPerSecond = total / elapsed;
  if (cpu0 && cpu1) run.cpuUsPerMessage = (*cpu1 - *cpu0) * 1e6 / total;
  return run;
}

std::optional<double> ifDone(const RtRun& run, std::optional<double> value) { return run.done ? value : std::nullopt; }
}  // namespace

void runSdkRealtime(const Settings& settings, Figures& figures) {
  // Load-test style: both players on one shared Runtime, handlers on its I/O thread (as the raw client runs
  // both connections on one thread).
  ClientOptions bots = settings.options;
  bots.runtime = Runtime::create();
  bots.callbackMode = CallbackMode::kIoThread;
  auto io = measure(settings, bots);
  figures.add("rt_echo_w32_msgs_per_s", ifDone(io, io.msgsPerSecond));
  figures.add("rt_rtt_p50_ms", ifDone(io, quantile(io.rtt, 0.5)));
  figures.add("rt_rtt_p99_ms", ifDone(io, quantile(io.rtt, 0.99)));
  figures.add("rt_cpu_us_per_msg", ifDone(io, io.cpuUsPerMessage));

  // The defaults: each player its own Client threads, handlers on its callback thread.
  auto sdkThread = measure(settings, settings.options);
  figures.add("sdk_thread_rt_echo_w32_msgs_per_s", ifDone(sdkThread, sdkThread.msgsPerSecond));
  figures.add("sdk_thread_rt_rtt_p50_ms", ifDone(sdkThread, quantile(sdkThread.rtt, 0.5)));
  figures.add("sdk_thread_rt_cpu_us_per_msg", ifDone(sdkThread, sdkThread.cpuUsPerMessage));
}

}  // namespace nakama::bench
