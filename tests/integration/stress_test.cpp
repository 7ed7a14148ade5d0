// Concurrency stress (run it under ThreadSanitizer: scripts/test-sanitizers.sh tsan): several threads issue
// REST calls and socket requests at once while the sessions refresh every second (a private in-process
// server issuing 4-second tokens) and the server keeps closing the sockets, which reconnect. Every future
// completes exactly once; then the Clients are destroyed with requests in flight, which complete at once.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "nakama/account.h"
#include "nakama/client.h"
#include "nakama/rt_socket.h"
#include "nakama/storage.h"
#include "rt_test_util.h"
#include "test_env.h"
#include "test_server.h"

namespace nakama {
namespace {

using namespace std::chrono_literals;
using test::TestEnv;

/// Counts the completions of every future it is given, and what they completed with.
class Tracker {
 public:
  enum class Kind { kRest, kSocket };

  template <class T>
  void track(const Future<T>& future, Kind kind) {
    auto entry = std::make_shared<Entry>();
    entry->kind = kind;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      entries_.push_back(entry);
    }
    future.then([entry](const Result<T>& result) {
      std::lock_guard<std::mutex> lock(entry->mutex);
      ++entry->completions;
      if (!result.ok()) entry->error = result.error();
    });
  }

  /// Waits until every tracked future has completed at least once.
  bool allCompleted(std::chrono::milliseconds timeout) {
    return test::rt::eventually(
        [&] {
          std::lock_guard<std::mutex> lock(mutex_);
          for (const auto& e : entries_) {
            std::lock_guard<std::mutex> entryLock(e->mutex);
            if (e->completions == 0) return false;
          }
          return true;
        },
        timeout);
  }

  /// Every future completed exactly once, REST ones with a value or an error in `restAllowed`, socket
  /// ones with a value or an error in `socketAllowed`.
  void expectExactlyOnce(const std::vector<ErrorKind>& restAllowed, const std::vector<ErrorKind>& socketAllowed) {
    std::lock_guard<std::mutex> lock(mutex_);
    EXPECT_FALSE(entries_.empty());
    for (const auto& e : entries_) {
      std::lock_guard<std::mutex> entryLock(e->mutex);
      EXPECT_EQ(e->completions, 1);
      if (!e->error) continue;
      const auto& allowed = e->kind == Kind::kRest ? restAllowed : socketAllowed;
      EXPECT_NE(std::find(allowed.begin(), allowed.end(), e->error->kind), allowed.end())
          << (e->kind == Kind::kRest ? "REST: " : "socket: ") << *e->error;
    }
  }

  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
  }

 private:
  struct Entry {
    std::mutex mutex;
    Kind kind = Kind::kRest;
    int completions = 0;
    std::optional<Error> error;
  };
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<Entry>> entries_;
};

struct Player {
  std::unique_ptr<Client> client;
  RtSocket socket;
  std::vector<Subscription> subs;
  std::shared_ptr<std::atomic<int>> connects = std::make_shared<std::atomic<int>>(0);
};

/// One round of a worker: REST and socket requests issued together, then awaited.
void issueRound(Player& p, Tracker& tracker, int round) {
  auto account = p.client->account().get();
  WriteStorageObject object;
  object.collection = "stress";
  object.key = "k" + std::to_string(round % 4);
  object.value = R"({"round":)" + std::to_string(round) + "}";
  auto write = p.client->storage().write({object});
  auto ping = p.socket.ping();
  auto status = p.socket.updateStatus("round " + std::to_string(round));
  auto rpc = p.socket.rpc("echo", R"({"n":1})");
  tracker.track(account, Tracker::Kind::kRest);
  tracker.track(write, Tracker::Kind::kRest);
  tracker.track(ping, Tracker::Kind::kSocket);
  tracker.track(status, Tracker::Kind::kSocket);
  tracker.track(rpc, Tracker::Kind::kSocket);
  ping.waitFor(5s);
  account.waitFor(15s);
  write.waitFor(15s);
  status.waitFor(5s);
  rpc.waitFor(5s);
}

TEST(Stress, ConcurrentCallsWhileSessionsRefreshAndSocketsReconnect) {
  // A private server whose tokens live 4 s: with a 3 s refresh window every token is refreshed after 1 s.
  auto config = TestEnv::instance().localServer().config();
  config.port = 0;
  config.tokenExpiry = 4s;
  testserver::TestServer server(config);
  server.start();

  auto refreshes = std::make_shared<std::atomic<int>>(0);
  ClientOptions options = TestEnv::instance().localClientOptions();
  options.port = server.port();
  options.refreshWindow = 3s;
  options.onSessionChanged = [refreshes](const std::optional<Session>& s) {
    if (s) ++*refreshes;
  };
  RtSocketOptions socketOptions;
  socketOptions.reconnect = true;
  socketOptions.reconnectBaseDelay = 20ms;
  socketOptions.reconnectMaxDelay = 200ms;
  socketOptions.requestTimeout = 10s;

  std::vector<Player> players(2);
  for (auto& p : players) {
    p.client = std::make_unique<Client>(options);
    auto session = p.client->authenticateDevice(test::uniqueId("stress-dev")).get();
    ASSERT_TRUE(session.ok()) << session.error();
    p.socket = p.client->createSocket(socketOptions);
    auto connects = p.connects;
    p.subs.push_back(p.socket.onConnect([connects] { ++*connects; }));
    auto connected = p.socket.connect().get();
    ASSERT_TRUE(connected.ok()) << connected.error();
  }

  Tracker tracker;
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; !stop; ++round) issueRound(players[t % 2], tracker, round);
    });
  }
  // The server drops every socket now and then; the sockets reconnect meanwhile.
  threads.emplace_back([&] {
    while (!stop) {
      std::this_thread::sleep_for(300ms);
      if (!stop) server.closeAllSockets(1001, "stress");
    }
  });
  const auto deadline = std::chrono::steady_clock::now() + 4s;
  while (std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(50ms);
  stop = true;
  for (auto& thread : threads) thread.join();

  ASSERT_TRUE(tracker.allCompleted(30s)) << "a future never completed";
  // REST calls survive refreshes; socket requests succeed or fail with the disconnect that interrupted them.
  tracker.expectExactlyOnce({}, {ErrorKind::kDisconnected});
  EXPECT_GT(tracker.size(), 20u);
  EXPECT_GE(refreshes->load(), 4) << "the sessions were not refreshed during the run";
  for (auto& p : players) {
    EXPECT_GE(p.connects->load(), 2) << "the socket never reconnected";
    // (A close sent just before the chaos stopped may still be on its way: wait for a connection that answers.)
    EXPECT_TRUE(test::rt::eventually([&] { return p.socket.isConnected() && p.socket.ping().get().ok(); }, 10s));
    auto account = p.client->account().get().get();
    EXPECT_TRUE(account.ok()) << account.error();
  }

  // Destroying the Clients with requests in flight (other threads still issuing) completes them all at once.
  Tracker late;
  stop = false;
  std::atomic<int> started{0};
  for (int t = 0; t < 2; ++t) {
    threads[t] = std::thread([&, t] {
      auto& p = players[t];
      auto socket = p.socket;  // a copy of the handle: the socket outlives its Client
      for (int i = 0; !stop && i < 200; ++i) {
        late.track(socket.rpc("echo", "{}"), Tracker::Kind::kSocket);
        late.track(socket.ping(), Tracker::Kind::kSocket);
        ++started;
      }
    });
  }
  ASSERT_TRUE(test::rt::eventually([&] { return started.load() >= 10; }, 10s));
  for (auto& p : players) {
    late.track(p.client->account().get(), Tracker::Kind::kRest);
    p.client.reset();
  }
  stop = true;
  threads[0].join();
  threads[1].join();
  ASSERT_TRUE(late.allCompleted(3s)) << "a request of a destroyed Client did not complete at once";
  late.expectExactlyOnce({ErrorKind::kCancelled}, {ErrorKind::kCancelled, ErrorKind::kDisconnected});
  tracker.expectExactlyOnce({}, {ErrorKind::kDisconnected});  // nothing was delivered a second time
  for (auto& p : players) {
    auto after = p.socket.ping().get();
    ASSERT_FALSE(after.ok());
    EXPECT_EQ(after.error().kind, ErrorKind::kCancelled) << after.error();
  }
}

}  // namespace
}  // namespace nakama
