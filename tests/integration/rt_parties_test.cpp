// Parties: open and closed parties, join requests, accept/remove/promote/leave/close, party data and the
// party matchmaker, with two to three connected users.

#include <gtest/gtest.h>

#include "rt_test_util.h"

namespace nakama {
namespace {

using namespace testing::rt;
using testing::uniqueId;

bool joinedParty(const PartyPresenceEvent& e, const std::string& partyId, const std::string& userId) {
  return e.partyId == partyId && hasUser(e.joins, userId);
}
bool leftParty(const PartyPresenceEvent& e, const std::string& partyId, const std::string& userId) {
  return e.partyId == partyId && hasUser(e.leaves, userId);
}

TEST(RtParties, OpenPartyLifecycle) {
  auto a = connectPeer();
  auto b = connectPeer();
  auto c = connectPeer();
  ASSERT_TRUE(a && b && c);

  auto party = a->socket.createParty(true, 4).get();
  ASSERT_TRUE(party.ok()) << party.error();
  const std::string id = party->partyId;
  ASSERT_NE(id.find('.'), std::string::npos);
  EXPECT_NE(id.back(), '.');
  EXPECT_TRUE(party->open);
  EXPECT_EQ(party->maxSize, 4);
  EXPECT_EQ(party->self.userId, a->id());
  EXPECT_EQ(party->leader.userId, a->id());
  EXPECT_EQ(party->leader.sessionId, party->self.sessionId);
  ASSERT_EQ(party->presences.size(), 1u);
  EXPECT_TRUE(a->ev->partyPresence.take([&](const PartyPresenceEvent& e) { return joinedParty(e, id, a->id()); }));

  // Joining an open party: ack, then the party.
  ASSERT_TRUE(b->socket.joinParty(id).get().ok());
  auto pb = b->ev->party.take();
  ASSERT_TRUE(pb);
  EXPECT_EQ(pb->partyId, id);
  EXPECT_EQ(pb->self.userId, b->id());
  EXPECT_EQ(pb->leader.userId, a->id());
  EXPECT_EQ(pb->presences.size(), 2u);
  EXPECT_TRUE(a->ev->partyPresence.take([&](const PartyPresenceEvent& e) { return joinedParty(e, id, b->id()); }));
  ASSERT_TRUE(c->socket.joinParty(id).get().ok());
  auto pc = c->ev->party.take();
  ASSERT_TRUE(pc);
  EXPECT_EQ(pc->presences.size(), 3u);
  EXPECT_TRUE(b->ev->partyPresence.take([&](const PartyPresenceEvent& e) { return joinedParty(e, id, c->id()); }));

  // Party data goes to the other members.
  const std::string bytes = allBytes();
  ASSERT_TRUE(a->socket.sendPartyData(id, 5, bytes).get().ok());
  for (auto* peer : {b.get(), c.get()}) {
    auto d = peer->ev->partyData.take();
    ASSERT_TRUE(d) << peer->username();
    EXPECT_EQ(d->partyId, id);
    EXPECT_EQ(d->opCode, 5);
    EXPECT_EQ(d->data, bytes);
    ASSERT_TRUE(d->presence.has_value());
    EXPECT_EQ(d->presence->userId, a->id());
  }
  EXPECT_TRUE(a->ev->partyData.none());

  // Promote b: everyone hears about the new leader; a is no longer allowed to lead.
  ASSERT_TRUE(a->socket.promotePartyMember(id, pb->self).get().ok());
  for (auto* peer : {a.get(), b.get(), c.get()}) {
    auto l = peer->ev->partyLeader.take();
    ASSERT_TRUE(l) << peer->username();
    EXPECT_EQ(l->partyId, id);
    EXPECT_EQ(l->presence.userId, b->id());
    EXPECT_EQ(l->presence.sessionId, pb->self.sessionId);
  }
  expectServerRefusal(a->socket.closeParty(id).get(), "party leader only");

  // b removes c: c is told the party is closed for it; the others see c leave.
  ASSERT_TRUE(b->socket.removePartyMember(id, pc->self).get().ok());
  auto closedForC = c->ev->partyClose.take();
  ASSERT_TRUE(closedForC);
  EXPECT_EQ(closedForC->partyId, id);
  EXPECT_TRUE(a->ev->partyPresence.take([&](const PartyPresenceEvent& e) { return leftParty(e, id, c->id()); }));

  // a leaves; b closes the party.
  ASSERT_TRUE(a->socket.leaveParty(id).get().ok());
  EXPECT_TRUE(b->ev->partyPresence.take([&](const PartyPresenceEvent& e) { return leftParty(e, id, a->id()); }));
  ASSERT_TRUE(b->socket.closeParty(id).get().ok());
  EXPECT_TRUE(b->ev->partyClose.take([&](const PartyClose& e) { return e.partyId == id; }));
  expectServerRefusal(c->socket.joinParty(id).get());
}

TEST(RtParties, ClosedPartyJoinRequests) {
  auto a = connectPeer();
  auto b = connectPeer();
  auto c = connectPeer();
  ASSERT_TRUE(a && b && c);
  auto party = a->socket.createParty(false, 3).get();
  ASSERT_TRUE(party.ok()) << party.error();
  EXPECT_FALSE(party->open);
  const std::string id = party->partyId;

  // Asking to join: the leader gets the request, the asker gets only the ack.
  ASSERT_TRUE(b->socket.joinParty(id).get().ok());
  auto request = a->ev->partyJoinRequest.take();
  ASSERT_TRUE(request);
  EXPECT_EQ(request->partyId, id);
  ASSERT_EQ(request->presences.size(), 1u);
  EXPECT_EQ(request->presences[0].userId, b->id());
  EXPECT_TRUE(b->ev->party.none());

  ASSERT_TRUE(c->socket.joinParty(id).get().ok());
  ASSERT_TRUE(a->ev->partyJoinRequest.take());
  auto listed = a->socket.listPartyJoinRequests(id).get();
  ASSERT_TRUE(listed.ok()) << listed.error();
  EXPECT_EQ(listed->partyId, id);
  EXPECT_EQ(listed->presences.size(), 2u);
  EXPECT_TRUE(hasUser(listed->presences, b->id()));
  expectServerRefusal(b->socket.listPartyJoinRequests(id).get(), "party leader only");

  // Accept b; reject c.
  ASSERT_TRUE(a->socket.acceptPartyMember(id, *findUser(listed->presences, b->id())).get().ok());
  auto pb = b->ev->party.take();
  ASSERT_TRUE(pb);
  EXPECT_EQ(pb->partyId, id);
  EXPECT_FALSE(pb->open);
  EXPECT_TRUE(hasUser(pb->presences, a->id()));
  EXPECT_TRUE(a->ev->partyPresence.take([&](const PartyPresenceEvent& e) { return joinedParty(e, id, b->id()); }));
  ASSERT_TRUE(a->socket.removePartyMember(id, *findUser(listed->presences, c->id())).get().ok());
  auto remaining = a->socket.listPartyJoinRequests(id).get();
  ASSERT_TRUE(remaining.ok()) << remaining.error();
  EXPECT_TRUE(remaining->presences.empty());
  EXPECT_TRUE(c->ev->party.none());

  // The leader leaving hands the party to the remaining member.
  ASSERT_TRUE(a->socket.leaveParty(id).get().ok());
  auto leader = b->ev->partyLeader.take();
  ASSERT_TRUE(leader);
  EXPECT_EQ(leader->presence.userId, b->id());
  EXPECT_TRUE(b->ev->partyPresence.take([&](const PartyPresenceEvent& e) { return leftParty(e, id, a->id()); }));
}

TEST(RtParties, SizeLimits) {
  auto a = connectPeer();
  auto b = connectPeer();
  auto c = connectPeer();
  ASSERT_TRUE(a && b && c);
  auto tooBig = a->socket.createParty(true, 300).get();
  expectRtError(tooBig, RealtimeCode::kBadInput);
  if (!tooBig.ok()) {
    EXPECT_EQ(tooBig.error().message, "Invalid party max size, must be 1-256");
  }
  auto pair = a->socket.createParty(true, 2).get();
  ASSERT_TRUE(pair.ok()) << pair.error();
  ASSERT_TRUE(b->socket.joinParty(pair->partyId).get().ok());
  expectServerRefusal(c->socket.joinParty(pair->partyId).get());
  EXPECT_TRUE(c->ev->party.none());
}

TEST(RtParties, PartyMatchmaking) {
  auto a = connectPeer();
  auto b = connectPeer();
  auto c = connectPeer();
  ASSERT_TRUE(a && b && c);
  auto party = a->socket.createParty(true, 2).get();
  ASSERT_TRUE(party.ok()) << party.error();
  const std::string id = party->partyId;
  ASSERT_TRUE(b->socket.joinParty(id).get().ok());
  ASSERT_TRUE(b->ev->party.take());
  ASSERT_TRUE(a->ev->partyPresence.take([&](const PartyPresenceEvent& e) { return joinedParty(e, id, b->id()); }));

  const std::string mode = uniqueId("party-mm");
  MatchmakerQuery q;
  q.minCount = 3;
  q.maxCount = 3;
  q.query = "+properties.mode:" + mode;
  q.stringProperties = {{"mode", mode}};

  // Leader only; the other members get the ticket pushed.
  expectServerRefusal(b->socket.addMatchmakerParty(id, q).get(), "party leader only");
  auto first = a->socket.addMatchmakerParty(id, q).get();
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first->partyId, id);
  EXPECT_FALSE(first->ticket.empty());
  auto pushed = b->ev->partyTicket.take();
  ASSERT_TRUE(pushed);
  EXPECT_EQ(pushed->ticket, first->ticket);
  EXPECT_EQ(pushed->partyId, id);
  ASSERT_TRUE(a->socket.removeMatchmakerParty(id, first->ticket).get().ok());
  expectServerRefusal(a->socket.removeMatchmakerParty(id, first->ticket).get());

  // The party (2) plus c (1) make a match of 3.
  auto ticket = a->socket.addMatchmakerParty(id, q).get();
  ASSERT_TRUE(ticket.ok()) << ticket.error();
  ASSERT_TRUE(c->socket.addMatchmaker(q).get().ok());
  for (auto* peer : {a.get(), b.get(), c.get()}) {
    auto m = peer->ev->matched.take(kMatchmakerTimeout);
    ASSERT_TRUE(m) << peer->username() << " was not matched";
    ASSERT_EQ(m->users.size(), 3u);
    EXPECT_EQ(m->self.presence.userId, peer->id());
    for (const auto& u : m->users) {
      if (u.presence.userId == c->id()) {
        EXPECT_TRUE(u.partyId.empty());
      } else {
        EXPECT_EQ(u.partyId, id);
      }
    }
    if (peer != c.get()) {
      EXPECT_EQ(m->ticket, ticket->ticket);
    }
  }
}

}  // namespace
}  // namespace nakama
