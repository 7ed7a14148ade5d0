// Several clients, each with a connected socket, on one shared nakama::Runtime: they talk to each other
// through a relayed match, and one of them goes away while the others carry on.

#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "nakama/account.h"
#include "nakama/runtime.h"
#include "rt_test_util.h"

namespace nakama::test {
namespace {

using namespace rt;

TEST(SharedRuntime, ClientsWithSocketsOnOneRuntime) {
  auto runtime = Runtime::create();
  auto options = TestEnv::instance().clientOptions();
  options.runtime = runtime;
  std::vector<std::unique_ptr<Peer>> peers;
  for (int i = 0; i < 4; ++i) {
    peers.push_back(connectPeer({}, options));
    ASSERT_NE(peers.back(), nullptr);
  }
  auto match = peers[0]->socket.createMatch().get();
  ASSERT_TRUE(match.ok()) << match.error();
  const std::string matchId = match->matchId;
  for (int i = 1; i < 4; ++i) ASSERT_TRUE(peers[i]->socket.joinMatch(matchId).get().ok());

  auto dataFrom = [&](const Peer& sender, const std::string& payload) {
    return [&sender, payload](const MatchData& d) {
      return d.data == payload && d.presence && d.presence->userId == sender.id();
    };
  };
  ASSERT_TRUE(peers[0]->socket.sendMatchData(matchId, 1, "hello").get().ok());
  for (int i = 1; i < 4; ++i) {
    EXPECT_TRUE(peers[i]->ev->matchData.take(dataFrom(*peers[0], "hello"))) << "peer " << i;
  }

  // One client goes away (its socket and its Client): the shared threads keep serving the others.
  peers.pop_back();
  ASSERT_TRUE(peers[1]->socket.sendMatchData(matchId, 2, "still here").get().ok());
  EXPECT_TRUE(peers[0]->ev->matchData.take(dataFrom(*peers[1], "still here")));
  EXPECT_TRUE(peers[2]->ev->matchData.take(dataFrom(*peers[1], "still here")));
  for (const auto& peer : peers) {
    auto account = peer->user.client->account().get().get();
    ASSERT_TRUE(account.ok()) << account.error();
    EXPECT_EQ(account->user.id, peer->id());
  }
}

// Load-test bots: CallbackMode::kIoThread clients on one Runtime. Each socket event is handled on the I/O
// thread, where the handler answers straight away (a match-data echo) and chains a REST call.
TEST(SharedRuntime, IoThreadBotsEchoAndChainRestCalls) {
  auto runtime = Runtime::create();
  auto options = TestEnv::instance().clientOptions();
  options.runtime = runtime;
  options.callbackMode = CallbackMode::kIoThread;
  auto a = connectPeer({}, options);
  auto b = connectPeer({}, options);
  ASSERT_TRUE(a && b);
  auto match = a->socket.createMatch().get();
  ASSERT_TRUE(match.ok()) << match.error();
  const std::string matchId = match->matchId;
  ASSERT_TRUE(b->socket.joinMatch(matchId).get().ok());

  // B echoes every message; A counts the echoes and, on the last, reads its account from the handler.
  constexpr int kMessages = 50;
  auto echo = b->socket.onMatchData([&](const MatchData& d) {
    if (d.presence && d.presence->userId == a->id()) b->socket.sendMatchData(matchId, 2, d.data);
  });
  std::atomic<int> echoed{0};
  std::promise<Result<std::string>> chained;
  auto back = a->socket.onMatchData([&](const MatchData& d) {
    if (!d.presence || d.presence->userId != b->id() || ++echoed != kMessages) return;
    const auto blocked = a->user.client->account().get().get();  // must not wait on the I/O thread
    if (blocked.ok() || blocked.error().kind != ErrorKind::kInvalidArgument) {
      chained.set_value(Error{ErrorKind::kBadResponse, "get() inside a kIoThread handler did not refuse"});
      return;
    }
    a->user.client->account().get().then([&](const Result<Account>& account) -> void {
      chained.set_value(account.ok() ? Result<std::string>(account->user.id) : Result<std::string>(account.error()));
    });
  });
  for (int i = 0; i < kMessages; ++i)
    ASSERT_TRUE(a->socket.sendMatchData(matchId, 1, "m" + std::to_string(i)).get().ok());
  auto result = chained.get_future();
  ASSERT_EQ(result.wait_for(kEventTimeout), std::future_status::ready) << echoed.load() << " echoes came back";
  const auto id = result.get();
  ASSERT_TRUE(id.ok()) << id.error();
  EXPECT_EQ(*id, a->id());
  echo.unsubscribe();
  back.unsubscribe();
}

}  // namespace
}  // namespace nakama::test
