// Realtime through the SDK: two clients in a relayed match; A keeps 32 match-data messages in flight,
// B sends each one back, A measures the round trips.

#include <atomic>
#include <future>
#include <iostream>
#include <mutex>
#include <random>

#include "bench.h"
#include "nakama/client.h"
#include "nakama/rt_socket.h"
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
}  // namespace

void runSdkRealtime(const Settings& settings, Figures& figures) {
  Player a(settings.options), b(settings.options);
  a.connect();
  b.connect();
  auto match = a.socket.createMatch().get();
  if (!match.ok()) throw std::runtime_error("createMatch failed: " + match.error().toString());
  const std::string matchId = match->matchId;
  if (!b.socket.joinMatch(matchId).get().ok()) throw std::runtime_error("joinMatch failed");

  const int total = settings.rtMessages;
  std::vector<Clock::time_point> sentAt(static_cast<std::size_t>(total));
  std::vector<double> rtt;
  rtt.reserve(static_cast<std::size_t>(total));
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
    rtt.push_back(millis(Clock::now() - sentAt[static_cast<std::size_t>(i)]));  // one callback thread
    if (static_cast<int>(rtt.size()) == total) allBack.set_value();
    send();
  });

  const auto cpu0 = platform::processCpuSeconds();
  const auto start = Clock::now();
  for (int i = 0; i < kRtWindow; ++i) send();
  const bool done = allBack.get_future().wait_for(std::chrono::seconds(120)) == std::future_status::ready;
  const double elapsed = seconds(Clock::now() - start);
  const auto cpu1 = platform::processCpuSeconds();
  echo.unsubscribe();
  back.unsubscribe();
  a.socket.close();
  b.socket.close();
  if (!done) {
    std::cerr << "  the SDK echo did not finish (" << rtt.size() << " of " << total << " came back)\n";
    for (const char* name : {"rt_echo_w32_msgs_per_s", "rt_rtt_p50_ms", "rt_rtt_p99_ms", "rt_cpu_us_per_msg"})
      figures.add(name, std::nullopt);
    return;
  }
  figures.add("rt_echo_w32_msgs_per_s", total / elapsed);
  figures.add("rt_rtt_p50_ms", quantile(rtt, 0.5));
  figures.add("rt_rtt_p99_ms", quantile(rtt, 0.99));
  figures.add("rt_cpu_us_per_msg", cpu0 && cpu1 ? std::optional<double>((*cpu1 - *cpu0) * 1e6 / total) : std::nullopt);
}

}  // namespace nakama::bench
