// Several clients, each with a connected socket, on one shared nakama::Runtime: they talk to each other
// through a relayed match, and one of them goes away while the others carry on.

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace nakama::test
