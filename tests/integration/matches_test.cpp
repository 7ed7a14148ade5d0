// Match listing against the test server (or a real Nakama 3.15 with the `lobby` handler and the
// `create_lobby_match` RPC). Each test creates lobbies with a unique mode and filters on it, so other
// users' matches never matter.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "areas2_util.h"
#include "nakama/client.h"
#include "nakama/matches.h"
#include "nakama/rpc.h"
#include "test_env.h"

namespace nakama {
namespace {

using testing::expectServerError;
using testing::newUser;

std::string createLobby(testing::TestUser& user, const std::string& mode) {
  auto payload = user.client->rpc().call("create_lobby_match", nlohmann::json{{"mode", mode}}.dump()).get();
  EXPECT_TRUE(payload.ok()) << payload.error();
  if (!payload.ok()) return {};
  auto answer = nlohmann::json::parse(*payload, nullptr, false);
  EXPECT_TRUE(answer.is_object()) << *payload;
  return answer.is_object() ? answer.value("match_id", std::string()) : std::string();
}

std::string lobbyLabel(const std::string& mode, int players) {
  return nlohmann::json{{"mode", mode}, {"open", true}, {"players", players}}.dump();
}

MatchListOptions byQuery(const std::string& mode) {
  MatchListOptions options;
  options.authoritative = true;
  options.query = "+label.mode:" + mode;
  options.limit = 10;
  return options;
}

TEST(MatchesIntegration, ListsAuthoritativeLobbiesByLabelAndQuery) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  const std::string mode = testing::uniqueId("imposter_");
  const std::string matchId = createLobby(alice, mode);
  ASSERT_FALSE(matchId.empty());

  auto byLabelOptions = MatchListOptions{};
  byLabelOptions.authoritative = true;
  byLabelOptions.label = lobbyLabel(mode, 0);
  byLabelOptions.limit = 10;
  auto byLabel = alice.client->matches().list(byLabelOptions).get();
  ASSERT_TRUE(byLabel.ok()) << byLabel.error();
  ASSERT_EQ(byLabel->matches.size(), 1u);
  const auto& m = byLabel->matches[0];
  EXPECT_EQ(m.matchId, matchId);
  EXPECT_TRUE(m.authoritative);
  EXPECT_EQ(m.label, lobbyLabel(mode, 0));
  EXPECT_EQ(m.size, 0);
  EXPECT_EQ(m.tickRate, 10);
  EXPECT_EQ(m.handlerName, "lobby");

  auto query = alice.client->matches().list(byQuery(mode)).get();
  ASSERT_TRUE(query.ok()) << query.error();
  ASSERT_EQ(query->matches.size(), 1u);
  EXPECT_EQ(query->matches[0].matchId, matchId);

  // Size filters: the lobby is empty.
  auto sized = byQuery(mode);
  sized.minSize = 0;
  sized.maxSize = 10;
  auto inRange = alice.client->matches().list(sized).get();
  ASSERT_TRUE(inRange.ok()) << inRange.error();
  EXPECT_EQ(inRange->matches.size(), 1u);
  auto occupied = byLabelOptions;
  occupied.minSize = 1;
  occupied.maxSize = 4;
  auto none = alice.client->matches().list(occupied).get();
  ASSERT_TRUE(none.ok()) << none.error();
  EXPECT_TRUE(none->matches.empty());

  // Another mode does not match.
  auto other = alice.client->matches().list(byQuery(testing::uniqueId("nobody_"))).get();
  ASSERT_TRUE(other.ok()) << other.error();
  EXPECT_TRUE(other->matches.empty());
}

TEST(MatchesIntegration, LimitCapsTheResults) {
  auto bob = newUser();
  ASSERT_TRUE(bob.session);
  const std::string mode = testing::uniqueId("crew_");
  const std::string first = createLobby(bob, mode);
  const std::string second = createLobby(bob, mode);
  ASSERT_FALSE(first.empty());
  ASSERT_FALSE(second.empty());
  EXPECT_NE(first, second);

  auto both = bob.client->matches().list(byQuery(mode)).get();
  ASSERT_TRUE(both.ok()) << both.error();
  EXPECT_EQ(both->matches.size(), 2u);
  auto one = byQuery(mode);
  one.limit = 1;
  auto limited = bob.client->matches().list(one).get();
  ASSERT_TRUE(limited.ok()) << limited.error();
  ASSERT_EQ(limited->matches.size(), 1u);
  EXPECT_TRUE(limited->matches[0].matchId == first || limited->matches[0].matchId == second);
}

TEST(MatchesIntegration, RelayedListingHasNoAuthoritativeMatches) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  ASSERT_FALSE(createLobby(alice, testing::uniqueId("hidden_")).empty());
  MatchListOptions relayed;
  relayed.authoritative = false;
  relayed.limit = 100;
  auto list = alice.client->matches().list(relayed).get();
  ASSERT_TRUE(list.ok()) << list.error();
  for (const auto& m : list->matches) {
    EXPECT_FALSE(m.authoritative) << m.matchId;
    EXPECT_TRUE(m.handlerName.empty());
  }
}

TEST(MatchesIntegration, Errors) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  MatchListOptions labelOnRelayed;
  labelOnRelayed.authoritative = false;
  labelOnRelayed.label = lobbyLabel("x", 0);
  expectServerError(alice.client->matches().list(labelOnRelayed).get(), 400, GrpcCode::kInvalidArgument,
                    "Label filtering is not supported for non-authoritative matches.");
  MatchListOptions badRange;
  badRange.minSize = 5;
  badRange.maxSize = 2;
  expectServerError(alice.client->matches().list(badRange).get(), 400, GrpcCode::kInvalidArgument,
                    "Maximum size must be greater than or equal to minimum size when both are specified.");
  MatchListOptions tooMany;
  tooMany.limit = 101;
  expectServerError(alice.client->matches().list(tooMany).get(), 400, GrpcCode::kInvalidArgument);
}

}  // namespace
}  // namespace nakama
