// Matchmaker: tickets, matching with a property query, the matched event, joining the match with the
// token, count multiples, ticket removal and validation. A real server matches in batches every 15 s
// (`matchmaker.interval_sec`), and a ticket whose min and max counts differ may wait two batches
// (`max_intervals`) before settling for its minimum, so the waits are long (kMatchmakerTimeout); the
// in-process server batches every second. Every test uses its own property value so that tickets of
// other users of a long-lived server never match ours.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "rt_test_util.h"
#include "test_server.h"  // the local server's matchmaker timing

namespace nakama {
namespace {

using namespace test::rt;
using test::TestEnv;
using test::uniqueId;

MatchmakerQuery queryFor(const std::string& mode, int minCount, int maxCount) {
  MatchmakerQuery q;
  q.minCount = minCount;
  q.maxCount = maxCount;
  q.query = "+properties.mode:" + mode;
  q.stringProperties = {{"mode", mode}};
  return q;
}

const MatchmakerUser* findMatched(const std::vector<MatchmakerUser>& users, const std::string& userId) {
  for (const auto& u : users) {
    if (u.presence.userId == userId) return &u;
  }
  return nullptr;
}

TEST(RtMatchmaker, TwoUsersAreMatchedAndMeetWithTheToken) {
  auto a = connectPeer();
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  const std::string mode = uniqueId("mm");
  auto qa = queryFor(mode, 2, 2);
  qa.numericProperties = {{"skill", 10.5}};
  auto qb = queryFor(mode, 2, 2);
  qb.numericProperties = {{"skill", 11}};

  auto ta = a->socket.addMatchmaker(qa).get();
  ASSERT_TRUE(ta.ok()) << ta.error();
  EXPECT_FALSE(ta->ticket.empty());
  auto tb = b->socket.addMatchmaker(qb).get();
  ASSERT_TRUE(tb.ok()) << tb.error();
  EXPECT_NE(tb->ticket, ta->ticket);

  auto ma = a->ev->matched.take(kMatchmakerTimeout);
  ASSERT_TRUE(ma) << "a was not matched";
  auto mb = b->ev->matched.take(kMatchmakerTimeout);
  ASSERT_TRUE(mb) << "b was not matched";
  EXPECT_EQ(ma->ticket, ta->ticket);
  EXPECT_EQ(mb->ticket, tb->ticket);
  EXPECT_FALSE(ma->token.empty());
  EXPECT_EQ(ma->token, mb->token);
  EXPECT_TRUE(ma->matchId.empty());
  ASSERT_EQ(ma->users.size(), 2u);
  EXPECT_EQ(ma->self.presence.userId, a->id());
  EXPECT_EQ(mb->self.presence.userId, b->id());
  const MatchmakerUser* ua = findMatched(ma->users, a->id());
  const MatchmakerUser* ub = findMatched(ma->users, b->id());
  ASSERT_TRUE(ua && ub);
  EXPECT_EQ(ua->stringProperties.at("mode"), mode);
  EXPECT_DOUBLE_EQ(ua->numericProperties.at("skill"), 10.5);
  EXPECT_DOUBLE_EQ(ub->numericProperties.at("skill"), 11.0);
  EXPECT_TRUE(ua->partyId.empty());
  EXPECT_EQ(ub->presence.username, b->username());

  // The first one in creates the relayed match; the other joins it.
  auto ja = a->socket.joinMatchByToken(ma->token).get();
  ASSERT_TRUE(ja.ok()) << ja.error();
  EXPECT_EQ(ja->matchId.back(), '.');
  auto jb = b->socket.joinMatchByToken(mb->token, {{"skill", "11"}}).get();
  ASSERT_TRUE(jb.ok()) << jb.error();
  EXPECT_EQ(jb->matchId, ja->matchId);
  EXPECT_TRUE(hasUser(jb->presences, a->id()));
  EXPECT_TRUE(a->ev->matchPresence.take([&](const MatchPresenceEvent& e) { return hasUser(e.joins, b->id()); }));
  ASSERT_TRUE(b->socket.sendMatchData(jb->matchId, 2, "gg").get().ok());
  EXPECT_TRUE(a->ev->matchData.take([](const MatchData& m) { return m.data == "gg"; }));
}

TEST(RtMatchmaker, CountMultipleKeepsGroupsEven) {
  const std::string mode = uniqueId("mm-even");
  std::vector<std::unique_ptr<Peer>> peers;
  for (int i = 0; i < 4; ++i) {
    peers.push_back(connectPeer());
    ASSERT_TRUE(peers.back());
  }
  auto q = queryFor(mode, 2, 4);
  q.countMultiple = 2;
  for (auto& p : peers) ASSERT_TRUE(p->socket.addMatchmaker(q).get().ok());
  std::set<std::string> matchedUsers;
  for (auto& p : peers) {
    auto m = p->ev->matched.take(kMatchmakerTimeout);
    ASSERT_TRUE(m) << p->username() << " was not matched";
    EXPECT_TRUE(m->users.size() == 2 || m->users.size() == 4) << m->users.size();
    EXPECT_TRUE(findMatched(m->users, p->id()));
    matchedUsers.insert(p->id());
  }
  EXPECT_EQ(matchedUsers.size(), 4u);
}

TEST(RtMatchmaker, TicketsCanBeRemovedAndAreValidated) {
  auto a = connectPeer();
  ASSERT_TRUE(a);
  const std::string mode = uniqueId("mm-remove");
  auto t = a->socket.addMatchmaker(queryFor(mode, 2, 2)).get();
  ASSERT_TRUE(t.ok()) << t.error();
  ASSERT_TRUE(a->socket.removeMatchmaker(t->ticket).get().ok());
  auto again = a->socket.removeMatchmaker(t->ticket).get();
  expectRtError(again, RealtimeCode::kBadInput);
  if (!again.ok()) {
    EXPECT_EQ(again.error().message, "Matchmaker ticket not found");
  }
  expectRtError(a->socket.removeMatchmaker("00000000-0000-0000-0000-000000000000").get(), RealtimeCode::kBadInput);

  expectRtError(a->socket.addMatchmaker(queryFor(mode, 1, 2)).get(), RealtimeCode::kBadInput);  // min < 2
  expectRtError(a->socket.addMatchmaker(queryFor(mode, 3, 2)).get(), RealtimeCode::kBadInput);  // max < min
  auto badMultiple = queryFor(mode, 2, 4);
  badMultiple.countMultiple = 3;  // does not divide 2 and 4
  expectRtError(a->socket.addMatchmaker(badMultiple).get(), RealtimeCode::kBadInput);
  auto zeroMultiple = queryFor(mode, 2, 4);
  zeroMultiple.countMultiple = 0;
  expectRtError(a->socket.addMatchmaker(zeroMultiple).get(), RealtimeCode::kBadInput);
  EXPECT_TRUE(a->socket.isConnected());
}

TEST(RtMatchmaker, AtMostThreeTicketsAndQueriesMustParse) {
  auto a = connectPeer();
  ASSERT_TRUE(a);
  const std::string mode = uniqueId("mm-limit");
  std::vector<std::string> tickets;
  for (int i = 0; i < 3; ++i) {
    auto t = a->socket.addMatchmaker(queryFor(mode, 2, 2)).get();
    ASSERT_TRUE(t.ok()) << t.error();
    tickets.push_back(t->ticket);
  }
  auto fourth = a->socket.addMatchmaker(queryFor(mode, 2, 2)).get();
  expectRtError(fourth, RealtimeCode::kRuntimeException);
  if (!fourth.ok()) {
    EXPECT_EQ(fourth.error().message, "Error adding to matchmaker");
  }
  // Removing one makes room again.
  ASSERT_TRUE(a->socket.removeMatchmaker(tickets[0]).get().ok());
  ASSERT_TRUE(a->socket.addMatchmaker(queryFor(mode, 2, 2)).get().ok());

  auto b = connectPeer();
  ASSERT_TRUE(b);
  for (const std::string query : {"+properties.mode:", "properties.mode:\"open", "properties.skill:>high"}) {
    SCOPED_TRACE(query);
    auto bad = queryFor(mode, 2, 2);
    bad.query = query;
    auto refused = b->socket.addMatchmaker(bad).get();
    expectRtError(refused, RealtimeCode::kRuntimeException);
    if (!refused.ok()) {
      EXPECT_EQ(refused.error().message, "Error adding to matchmaker");
    }
  }
  EXPECT_TRUE(b->socket.isConnected());
}

TEST(RtMatchmaker, PartyTicketsCountTowardTheSessionLimit) {
  auto a = connectPeer();
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  auto party = a->socket.createParty(true, 2).get();
  ASSERT_TRUE(party.ok()) << party.error();
  ASSERT_TRUE(b->socket.joinParty(party->partyId).get().ok());
  ASSERT_TRUE(b->ev->party.take());
  const std::string mode = uniqueId("mm-party-limit");
  ASSERT_TRUE(a->socket.addMatchmakerParty(party->partyId, queryFor(mode, 4, 4)).get().ok());
  // b is in the party's ticket, so two tickets of its own reach the limit of three.
  ASSERT_TRUE(b->socket.addMatchmaker(queryFor(mode, 4, 4)).get().ok());
  ASSERT_TRUE(b->socket.addMatchmaker(queryFor(mode, 4, 4)).get().ok());
  expectRtError(b->socket.addMatchmaker(queryFor(mode, 4, 4)).get(), RealtimeCode::kRuntimeException);
}

TEST(RtMatchmaker, OnlyTheSearchingTicketsQueryMustMatch) {
  // b's query accepts nobody, but a's accepts b: the matchmaker does not require both ways.
  auto a = connectPeer();
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  const std::string mode = uniqueId("mm-oneway");
  auto qb = queryFor(mode, 2, 2);
  qb.query += " +properties.team:" + uniqueId("nobody");
  ASSERT_TRUE(a->socket.addMatchmaker(queryFor(mode, 2, 2)).get().ok());
  ASSERT_TRUE(b->socket.addMatchmaker(qb).get().ok());
  auto ma = a->ev->matched.take(kMatchmakerTimeout);
  ASSERT_TRUE(ma) << "a was not matched";
  auto mb = b->ev->matched.take(kMatchmakerTimeout);
  ASSERT_TRUE(mb) << "b was not matched";
  EXPECT_EQ(ma->token, mb->token);
  EXPECT_TRUE(findMatched(ma->users, b->id()));
}

TEST(RtMatchmaker, GroupsFillUpToTheMaximum) {
  // Three tickets for 2-3 players end up in one match of three, not a pair and a leftover.
  const std::string mode = uniqueId("mm-fill");
  std::vector<std::unique_ptr<Peer>> peers;
  for (int i = 0; i < 3; ++i) {
    peers.push_back(connectPeer());
    ASSERT_TRUE(peers.back());
  }
  for (auto& p : peers) ASSERT_TRUE(p->socket.addMatchmaker(queryFor(mode, 2, 3)).get().ok());
  for (auto& p : peers) {
    auto m = p->ev->matched.take(kMatchmakerTimeout);
    ASSERT_TRUE(m) << p->username() << " was not matched";
    EXPECT_EQ(m->users.size(), 3u);
  }
}

TEST(RtMatchmaker, LocalServerSettlesForTheMinimumOnlyAfterMaxIntervals) {
  // Needs to know the server's batch timing: always the in-process server.
  auto& server = TestEnv::instance().localServer();
  const auto interval = server.config().matchmakerInterval;
  ASSERT_GE(server.config().matchmakerMaxIntervals, 2);
  const auto options = TestEnv::instance().localClientOptions();
  std::vector<std::unique_ptr<Peer>> peers;
  for (int i = 0; i < 4; ++i) {
    peers.push_back(connectPeer({}, options));
    ASSERT_TRUE(peers.back());
  }
  // A 2-2 pair is matched by the first batch after it is added: that tells when batches run.
  const std::string probe = uniqueId("mm-probe");
  ASSERT_TRUE(peers[0]->socket.addMatchmaker(queryFor(probe, 2, 2)).get().ok());
  ASSERT_TRUE(peers[1]->socket.addMatchmaker(queryFor(probe, 2, 2)).get().ok());
  ASSERT_TRUE(peers[0]->ev->matched.take(kMatchmakerTimeout)) << "probe pair not matched";
  const auto batch = std::chrono::steady_clock::now();

  // A 2-4 pair added right after a batch is not matched by the next one (it still hopes for four), but
  // by the one after that.
  const std::string mode = uniqueId("mm-settle");
  ASSERT_TRUE(peers[2]->socket.addMatchmaker(queryFor(mode, 2, 4)).get().ok());
  ASSERT_TRUE(peers[3]->socket.addMatchmaker(queryFor(mode, 2, 4)).get().ok());
  auto m = peers[2]->ev->matched.take(kMatchmakerTimeout);
  ASSERT_TRUE(m) << "the 2-4 pair was not matched";
  const auto waited = std::chrono::steady_clock::now() - batch;
  EXPECT_EQ(m->users.size(), 2u);
  EXPECT_GE(waited, interval + interval / 2) << "settled for the minimum at the first batch";
}

}  // namespace
}  // namespace nakama
