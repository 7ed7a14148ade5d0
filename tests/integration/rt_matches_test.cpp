// Realtime matches: relayed matches (create, named create, join, data with and without recipients, leave,
// errors) and the authoritative `lobby` match of docs/PROTOCOL.md §12.5 (created by the create_lobby_match RPC).

#include <gtest/gtest.h>

#include <limits>

#include <nlohmann/json.hpp>

#include "core/util.h"  // uuidV5Dns: the id a named relayed match gets
#include "nakama/matches.h"
#include "rt_test_util.h"

namespace nakama {
namespace {

using namespace test::rt;
using test::uniqueId;

bool joinedBy(const MatchPresenceEvent& e, const std::string& matchId, const std::string& userId) {
  return e.matchId == matchId && hasUser(e.joins, userId);
}
bool leftBy(const MatchPresenceEvent& e, const std::string& matchId, const std::string& userId) {
  return e.matchId == matchId && hasUser(e.leaves, userId);
}

TEST(RtMatches, RelayedMatchCreateJoinDataAndLeave) {
  auto a = connectPeer();
  auto b = connectPeer();
  auto c = connectPeer();
  ASSERT_TRUE(a && b && c);

  auto created = a->socket.createMatch().get();
  ASSERT_TRUE(created.ok()) << created.error();
  const std::string id = created->matchId;
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(id.back(), '.');
  EXPECT_FALSE(created->authoritative);
  EXPECT_TRUE(created->label.empty());
  EXPECT_EQ(created->size, 1);
  EXPECT_TRUE(created->presences.empty());
  EXPECT_EQ(created->self.userId, a->id());
  EXPECT_TRUE(a->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return joinedBy(e, id, a->id()); }));

  auto jb = b->socket.joinMatch(id).get();
  ASSERT_TRUE(jb.ok()) << jb.error();
  EXPECT_EQ(jb->matchId, id);
  EXPECT_EQ(jb->size, 1);
  ASSERT_EQ(jb->presences.size(), 1u);
  EXPECT_EQ(jb->presences[0].userId, a->id());
  EXPECT_EQ(jb->presences[0].sessionId, created->self.sessionId);
  EXPECT_EQ(jb->self.userId, b->id());
  EXPECT_TRUE(a->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return joinedBy(e, id, b->id()); }));
  EXPECT_TRUE(b->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return joinedBy(e, id, b->id()); }));

  auto jc = c->socket.joinMatch(id, {{"role", "spectator"}}).get();
  ASSERT_TRUE(jc.ok()) << jc.error();
  EXPECT_EQ(jc->presences.size(), 2u);
  EXPECT_TRUE(hasUser(jc->presences, a->id()));
  EXPECT_TRUE(hasUser(jc->presences, b->id()));
  ASSERT_TRUE(a->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return joinedBy(e, id, c->id()); }));
  ASSERT_TRUE(b->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return joinedBy(e, id, c->id()); }));

  // Binary data with every byte value reaches the others, never the sender.
  const std::string bytes = allBytes();
  ASSERT_TRUE(a->socket.sendMatchData(id, 7, bytes).get().ok());
  for (auto* peer : {b.get(), c.get()}) {
    auto d = peer->ev->matchData.take([&](const MatchData& m) { return m.opCode == 7; });
    ASSERT_TRUE(d) << peer->username();
    EXPECT_EQ(d->matchId, id);
    EXPECT_EQ(d->data, bytes);
    ASSERT_TRUE(d->presence.has_value());
    EXPECT_EQ(d->presence->userId, a->id());
    EXPECT_EQ(d->presence->sessionId, created->self.sessionId);
    EXPECT_TRUE(d->reliable);
  }
  EXPECT_TRUE(a->ev->matchData.none());

  // Recipient filter: only c.
  ASSERT_TRUE(a->socket.sendMatchData(id, 8, "to c only", {jc->self}, false).get().ok());
  auto toC = c->ev->matchData.take([](const MatchData& m) { return m.opCode == 8; });
  ASSERT_TRUE(toC);
  EXPECT_EQ(toC->data, "to c only");
  EXPECT_FALSE(toC->reliable);
  EXPECT_TRUE(b->ev->matchData.none([](const MatchData& m) { return m.opCode == 8; }));

  // Listing yourself is how the sender gets its own data.
  ASSERT_TRUE(a->socket.sendMatchData(id, 9, "echo", {created->self, jb->self}).get().ok());
  EXPECT_TRUE(a->ev->matchData.take([](const MatchData& m) { return m.opCode == 9 && m.data == "echo"; }));
  EXPECT_TRUE(b->ev->matchData.take([](const MatchData& m) { return m.opCode == 9 && m.data == "echo"; }));
  EXPECT_TRUE(c->ev->matchData.none([](const MatchData& m) { return m.opCode == 9; }));

  // int64 op codes at the limits, and empty data.
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  ASSERT_TRUE(b->socket.sendMatchData(id, big, "").get().ok());
  ASSERT_TRUE(b->socket.sendMatchData(id, -1, "x").get().ok());
  auto maxOp = a->ev->matchData.take([&](const MatchData& m) { return m.opCode == big; });
  ASSERT_TRUE(maxOp);
  EXPECT_TRUE(maxOp->data.empty());
  EXPECT_TRUE(a->ev->matchData.take([](const MatchData& m) { return m.opCode == -1 && m.data == "x"; }));

  // Leave: acked, the others see it.
  ASSERT_TRUE(b->socket.leaveMatch(id).get().ok());
  EXPECT_TRUE(a->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return leftBy(e, id, b->id()); }));
  EXPECT_TRUE(c->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return leftBy(e, id, b->id()); }));
  ASSERT_TRUE(a->socket.sendMatchData(id, 10, "after leave").get().ok());
  EXPECT_TRUE(c->ev->matchData.take([](const MatchData& m) { return m.opCode == 10; }));
  EXPECT_TRUE(b->ev->matchData.none([](const MatchData& m) { return m.opCode == 10; }));

  // A disconnected socket leaves its matches.
  c->socket.close();
  EXPECT_TRUE(a->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return leftBy(e, id, c->id()); }));
}

TEST(RtMatches, JoinErrorsAndBadMatchData) {
  auto a = connectPeer();
  ASSERT_TRUE(a);
  auto missing = a->socket.joinMatch("00000000-0000-0000-0000-000000000000.").get();
  expectRtError(missing, RealtimeCode::kMatchNotFound);
  if (!missing.ok()) {
    EXPECT_EQ(missing.error().message, "Match not found");
  }
  expectRtError(a->socket.joinMatch("not-a-match").get(), RealtimeCode::kBadInput);
  expectRtError(a->socket.joinMatchByToken("not-a-token").get(), RealtimeCode::kBadInput);

  // match_data_send is not answered: its error arrives without request id, through onError.
  ASSERT_TRUE(a->socket.sendMatchData("not-a-match", 1, "").get().ok());
  auto err = a->ev->errors.take();
  ASSERT_TRUE(err);
  EXPECT_EQ(err->kind, ErrorKind::kServerError);
  EXPECT_EQ(err->realtimeCode, std::optional<RealtimeCode>(RealtimeCode::kBadInput));
  EXPECT_EQ(err->message, "Invalid match ID");
  EXPECT_TRUE(a->socket.isConnected());
  // Leaving a match you are not in is fine.
  EXPECT_TRUE(a->socket.leaveMatch("00000000-0000-0000-0000-000000000000.").get().ok());
}

TEST(RtMatches, NamedMatchesMeetInTheSameMatch) {
  // The id is UUIDv5(DNS, name) + "." (checked against a recorded server answer first).
  EXPECT_EQ(testserver::uuidV5Dns("ref_named_776151621") + ".", "84599aab-ff4d-53ae-911b-c4770a4c1057.");

  auto a = connectPeer();
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  const std::string name = uniqueId("named-match-");
  auto ma = a->socket.createMatch(name).get();
  ASSERT_TRUE(ma.ok()) << ma.error();
  EXPECT_EQ(ma->matchId, testserver::uuidV5Dns(name) + ".");
  EXPECT_EQ(ma->size, 1);
  EXPECT_TRUE(ma->presences.empty());
  // The second creator joins: the size counts everyone, the creator included; the others are listed.
  auto mb = b->socket.createMatch(name).get();
  ASSERT_TRUE(mb.ok()) << mb.error();
  EXPECT_EQ(mb->matchId, ma->matchId);
  EXPECT_EQ(mb->size, 2);
  ASSERT_EQ(mb->presences.size(), 1u);
  EXPECT_EQ(mb->presences[0].userId, a->id());
  EXPECT_EQ(mb->presences[0].sessionId, ma->self.sessionId);
  EXPECT_EQ(mb->self.userId, b->id());
  EXPECT_TRUE(
      a->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return joinedBy(e, ma->matchId, b->id()); }));
  ASSERT_TRUE(b->socket.sendMatchData(mb->matchId, 1, "hi").get().ok());
  EXPECT_TRUE(a->ev->matchData.take([](const MatchData& m) { return m.data == "hi"; }));

  // Joining a match you are already in lists yourself too, and nobody sees a new join.
  auto again = b->socket.joinMatch(ma->matchId).get();
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->size, 2);
  EXPECT_TRUE(hasUser(again->presences, a->id()));
  EXPECT_TRUE(hasUser(again->presences, b->id()));
  EXPECT_TRUE(
      a->ev->matchPresence.none([&](const MatchPresenceEvent& e) { return joinedBy(e, ma->matchId, b->id()); }));
}

TEST(RtMatches, LobbyMatchBroadcastsToEveryoneIncludingTheSender) {
  auto a = connectPeer();
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  const std::string mode = uniqueId("mode");

  auto rpc = a->socket.rpc("create_lobby_match", nlohmann::json{{"mode", mode}}.dump()).get();
  ASSERT_TRUE(rpc.ok()) << rpc.error();
  auto payload = nlohmann::json::parse(rpc->payload, nullptr, false);
  ASSERT_TRUE(payload.is_object()) << rpc->payload;
  const std::string id = payload.value("match_id", "");
  ASSERT_FALSE(id.empty());
  ASSERT_NE(id.find('.'), std::string::npos);
  EXPECT_NE(id.back(), '.');  // "<uuid>.<node>"

  auto ja = a->socket.joinMatch(id).get();
  ASSERT_TRUE(ja.ok()) << ja.error();
  EXPECT_EQ(ja->matchId, id);
  EXPECT_TRUE(ja->authoritative);
  auto label = nlohmann::json::parse(ja->label, nullptr, false);
  ASSERT_TRUE(label.is_object()) << ja->label;
  EXPECT_EQ(label.value("mode", ""), mode);
  EXPECT_EQ(label.value("open", false), true);
  EXPECT_TRUE(label.contains("players") && label["players"].is_number());

  auto jb = b->socket.joinMatch(id).get();
  ASSERT_TRUE(jb.ok()) << jb.error();
  EXPECT_TRUE(jb->authoritative);
  EXPECT_TRUE(hasUser(jb->presences, a->id()));
  EXPECT_TRUE(a->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return joinedBy(e, id, b->id()); }));

  // Everything is broadcast to all presences, the sender included, with the sender's presence.
  const std::string bytes = allBytes();
  ASSERT_TRUE(a->socket.sendMatchData(id, 3, bytes).get().ok());
  for (auto* peer : {a.get(), b.get()}) {
    auto d = peer->ev->matchData.take([](const MatchData& m) { return m.opCode == 3; });
    ASSERT_TRUE(d) << peer->username();
    EXPECT_EQ(d->matchId, id);
    EXPECT_EQ(d->data, bytes);
    ASSERT_TRUE(d->presence.has_value());
    EXPECT_EQ(d->presence->userId, a->id());
  }

  // The label follows the players; the match shows up in the listing.
  MatchListOptions options;
  options.authoritative = true;
  options.limit = 100;
  options.query = "+label.mode:" + mode;
  std::optional<MatchSummary> listed;
  ASSERT_TRUE(eventually([&] {
    auto list = a->user.client->matches().list(options).get();
    if (!list.ok()) return false;
    for (const auto& m : list->matches) {
      if (m.matchId == id && m.size == 2) listed = m;
    }
    return listed.has_value();
  })) << "lobby match "
      << id << " not listed with 2 players";
  EXPECT_TRUE(listed->authoritative);
  EXPECT_EQ(listed->handlerName, "lobby");
  EXPECT_EQ(listed->tickRate, 10);
  auto listedLabel = nlohmann::json::parse(listed->label, nullptr, false);
  ASSERT_TRUE(listedLabel.is_object()) << listed->label;
  EXPECT_EQ(listedLabel.value("mode", ""), mode);
  EXPECT_EQ(listedLabel.value("players", -1), 2);

  ASSERT_TRUE(b->socket.leaveMatch(id).get().ok());
  EXPECT_TRUE(a->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return leftBy(e, id, b->id()); }));
}

TEST(RtMatches, RelayedMatchesAreListed) {
  auto a = connectPeer();
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  auto created = a->socket.createMatch().get();
  ASSERT_TRUE(created.ok()) << created.error();
  ASSERT_TRUE(b->socket.joinMatch(created->matchId).get().ok());
  MatchListOptions options;
  options.authoritative = false;
  options.minSize = 2;
  options.maxSize = 2;
  options.limit = 100;
  bool found = false;
  ASSERT_TRUE(eventually([&] {
    auto list = a->user.client->matches().list(options).get();
    if (!list.ok()) return false;
    for (const auto& m : list->matches) {
      if (m.matchId == created->matchId) {
        found = true;
        EXPECT_FALSE(m.authoritative);
        EXPECT_EQ(m.size, 2);
      }
    }
    return found;
  })) << "relayed match "
      << created->matchId << " not listed";
}

}  // namespace
}  // namespace nakama
