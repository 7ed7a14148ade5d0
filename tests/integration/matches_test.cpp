// Match listing against the test server (or a real Nakama 3.15 with the `lobby` handler and the
// `create_lobby_match` RPC). Each test creates lobbies with a unique mode and filters on it, so other
// users' matches never matter. The listing finds authoritative matches through a label index that the
// server updates in batches (every `match.label_update_interval_ms`, default 1 s), so tests poll for
// a new lobby instead of expecting it at once.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "nakama/client.h"
#include "nakama/matches.h"
#include "nakama/rpc.h"
#include "rt_test_util.h"  // eventually()
#include "test_env.h"
#include "test_helpers.h"

namespace nakama {
namespace {

using test::expectServerError;
using test::newUser;
using test::rt::eventually;

std::string createLobby(test::TestUser& user, const std::string& mode) {
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

MatchListOptions byQuery(const std::string& query) {
  MatchListOptions options;
  options.authoritative = true;
  options.query = query;
  options.limit = 10;
  return options;
}

MatchListOptions byMode(const std::string& mode) { return byQuery("+label.mode:" + mode); }

std::vector<std::string> ids(const MatchList& list) {
  std::vector<std::string> out;
  for (const auto& m : list.matches) out.push_back(m.matchId);
  return out;
}

// Lists until the result has exactly `expected` match ids (in order), up to the event timeout.
std::vector<std::string> listUntil(test::TestUser& user, const MatchListOptions& options,
                                   const std::vector<std::string>& expected) {
  std::vector<std::string> last;
  eventually([&] {
    auto list = user.client->matches().list(options).get();
    if (list.ok()) last = ids(*list);
    return last == expected;
  });
  return last;
}

TEST(MatchesIntegration, ListsAuthoritativeLobbiesByLabelAndQuery) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  const std::string mode = test::uniqueId("imposter_");
  const std::string matchId = createLobby(alice, mode);
  ASSERT_FALSE(matchId.empty());

  auto byLabelOptions = MatchListOptions{};
  byLabelOptions.authoritative = true;
  byLabelOptions.label = lobbyLabel(mode, 0);
  byLabelOptions.limit = 10;
  ASSERT_EQ(listUntil(alice, byLabelOptions, {matchId}), std::vector<std::string>{matchId});
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

  auto query = alice.client->matches().list(byMode(mode)).get();
  ASSERT_TRUE(query.ok()) << query.error();
  EXPECT_EQ(ids(*query), std::vector<std::string>{matchId});

  // Size filters: the lobby is empty.
  auto sized = byMode(mode);
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
  auto other = alice.client->matches().list(byMode(test::uniqueId("nobody_"))).get();
  ASSERT_TRUE(other.ok()) << other.error();
  EXPECT_TRUE(other->matches.empty());
}

TEST(MatchesIntegration, NewLobbiesAreListedAfterTheNextLabelBatch) {
  auto bob = newUser();
  ASSERT_TRUE(bob.session);
  // A first lobby shows when a label batch has just run...
  const std::string probeMode = test::uniqueId("probe_");
  const std::string probe = createLobby(bob, probeMode);
  ASSERT_FALSE(probe.empty());
  ASSERT_EQ(listUntil(bob, byMode(probeMode), {probe}), std::vector<std::string>{probe});
  // ...so a lobby created right after it waits for the next one (about a second later).
  const std::string mode = test::uniqueId("late_");
  const std::string late = createLobby(bob, mode);
  ASSERT_FALSE(late.empty());
  auto before = bob.client->matches().list(byMode(mode)).get();
  ASSERT_TRUE(before.ok()) << before.error();
  EXPECT_TRUE(before->matches.empty()) << "listed before the next label batch";
  EXPECT_EQ(listUntil(bob, byMode(mode), {late}), std::vector<std::string>{late});
}

TEST(MatchesIntegration, NewestFirstAndLimitCapsTheResults) {
  auto bob = newUser();
  ASSERT_TRUE(bob.session);
  const std::string mode = test::uniqueId("crew_");
  const std::string first = createLobby(bob, mode);
  ASSERT_FALSE(first.empty());
  // Listed first, so the second lobby is created at a later millisecond.
  ASSERT_EQ(listUntil(bob, byMode(mode), {first}), std::vector<std::string>{first});
  const std::string second = createLobby(bob, mode);
  ASSERT_FALSE(second.empty());
  EXPECT_NE(first, second);

  const std::vector<std::string> newestFirst{second, first};
  EXPECT_EQ(listUntil(bob, byMode(mode), newestFirst), newestFirst);
  MatchListOptions byHandler = byQuery("+handler_name:lobby +label.mode:" + mode);
  auto handler = bob.client->matches().list(byHandler).get();
  ASSERT_TRUE(handler.ok()) << handler.error();
  EXPECT_EQ(ids(*handler), newestFirst);

  auto one = byMode(mode);
  one.limit = 1;
  auto limited = bob.client->matches().list(one).get();
  ASSERT_TRUE(limited.ok()) << limited.error();
  EXPECT_EQ(ids(*limited), std::vector<std::string>{second});
}

TEST(MatchesIntegration, QueryTermsFollowTheIndex) {
  auto carol = newUser();
  ASSERT_TRUE(carol.session);
  const std::string mode = test::uniqueId("quiz_");
  const std::string id = createLobby(carol, mode);
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(listUntil(carol, byMode(mode), {id}), std::vector<std::string>{id});

  auto found = [&](const std::string& query) {
    auto list = carol.client->matches().list(byQuery(query)).get();
    EXPECT_TRUE(list.ok()) << query << ": " << list.error();
    return list.ok() && ids(*list) == std::vector<std::string>{id};
  };
  auto nothing = [&](const std::string& query) {
    auto list = carol.client->matches().list(byQuery(query)).get();
    EXPECT_TRUE(list.ok()) << query << ": " << list.error();
    return list.ok() && list->matches.empty();
  };
  // Label fields are searched under `label.`; other names and bare terms are valid but match nothing.
  EXPECT_TRUE(nothing("mode:" + mode));
  EXPECT_TRUE(nothing(mode));
  EXPECT_TRUE(nothing("+mode:" + mode));
  // Booleans are indexed as the terms T and F; numbers as numbers.
  EXPECT_TRUE(found("+label.mode:" + mode + " +label.open:T"));
  EXPECT_TRUE(nothing("+label.mode:" + mode + " +label.open:true"));
  EXPECT_TRUE(found("+label.mode:" + mode + " +label.players:0"));
  EXPECT_TRUE(found("+label.mode:" + mode + " +label.players:<1"));
  EXPECT_TRUE(nothing("+label.mode:" + mode + " +label.players:>=1"));
  EXPECT_TRUE(nothing("+label.mode:" + mode + " -label.open:T"));
  // Terms are exact; wildcards work on whole values.
  const std::string stem = mode.substr(0, mode.size() - 2);
  EXPECT_TRUE(found("+label.mode:" + stem + "*"));
  EXPECT_TRUE(found("+label.mode:" + stem + "??"));
  EXPECT_TRUE(nothing("+label.mode:" + stem));
  // A quoted phrase is a phrase search, and label values are indexed without the positions it needs: it
  // finds nothing, not even the exact value (an escaped quote inside it still parses).
  EXPECT_TRUE(nothing("+label.mode:\"" + mode + "\""));
  EXPECT_TRUE(nothing("label.mode:\"" + mode + "\" label.mode:\"" + mode + "\\\"\""));
  EXPECT_TRUE(found("+label.mode:" + mode + " -label.mode:\"" + mode + "\""));
  // Without a `+` part, one plain part must match.
  EXPECT_TRUE(found("label.mode:" + mode + " label.mode:" + test::uniqueId("other_")));
}

TEST(MatchesIntegration, RelayedListingHasNoAuthoritativeMatches) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  ASSERT_FALSE(createLobby(alice, test::uniqueId("hidden_")).empty());
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

  // A query that does not parse is a server-side failure (500, not retried here).
  CallOptions once;
  once.retry = RetryPolicy::none();
  for (const std::string query : {"+label.mode:", "label.mode:\"open", "label.players:>x", "+"}) {
    SCOPED_TRACE(query);
    expectServerError(alice.client->matches().list(byQuery(query), once).get(), 500, GrpcCode::kInternal,
                      "Error listing matches.");
  }
}

}  // namespace
}  // namespace nakama
