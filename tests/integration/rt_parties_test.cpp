// Parties: open and closed parties, join requests, accept/remove/promote/leave/close, party data and the
// party matchmaker, with two to three connected users.

#include <gtest/gtest.h>

#include "rt_test_util.h"

namespace nakama {
namespace {

using namespace test::rt;
using test::uniqueId;

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
  expectServerRefusal(a->socket.closeParty(id).get(), "Error closing party: party leader only");

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
  expectServerRefusal(c->socket.joinParty(id).get(), "Error joining party: party not found");
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
  expectServerRefusal(b->socket.listPartyJoinRequests(id).get(),
                      "Error listing party join requests: party leader only");

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
  expectServerRefusal(c->socket.joinParty(pair->partyId).get(), "Error joining party: party full");
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
  expectServerRefusal(b->socket.addMatchmakerParty(id, q).get(), "Error adding party to matchmaker: party leader only");
  auto first = a->socket.addMatchmakerParty(id, q).get();
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first->partyId, id);
  EXPECT_FALSE(first->ticket.empty());
  auto pushed = b->ev->partyTicket.take();
  ASSERT_TRUE(pushed);
  EXPECT_EQ(pushed->ticket, first->ticket);
  EXPECT_EQ(pushed->partyId, id);
  ASSERT_TRUE(a->socket.removeMatchmakerParty(id, first->ticket).get().ok());
  // 3.15 words every failure to remove a party ticket as if closing the party.
  expectServerRefusal(a->socket.removeMatchmakerParty(id, first->ticket).get(),
                      "Error closing party: matchmaker ticket not found");
  expectServerRefusal(b->socket.removeMatchmakerParty(id, first->ticket).get(),
                      "Error closing party: party leader only");

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

// Every refusal by the party names the operation: "Error <operation>: <reason>".
TEST(RtParties, ErrorsNameTheOperation) {
  auto a = connectPeer();
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  auto party = a->socket.createParty(true, 3).get();
  ASSERT_TRUE(party.ok()) << party.error();
  const std::string id = party->partyId;
  const UserPresence leader = party->self;
  UserPresence outsider;
  outsider.userId = b->id();
  outsider.sessionId = "b7d1c4a2-9e3f-4b5a-8c6d-7e8f9a0b1c2d";
  outsider.username = b->username();

  expectServerRefusal(b->socket.promotePartyMember(id, leader).get(),
                      "Error promoting new party leader: party leader only");
  expectServerRefusal(a->socket.promotePartyMember(id, outsider).get(),
                      "Error promoting new party leader: party member not found");
  expectServerRefusal(a->socket.removePartyMember(id, leader).get(),
                      "Error removing party member or join request: party cannot remove self");
  expectServerRefusal(a->socket.removePartyMember(id, outsider).get(),
                      "Error removing party member or join request: party member not found");
  expectServerRefusal(a->socket.acceptPartyMember(id, outsider).get(),
                      "Error accepting party join request: party join request not found");
  expectServerRefusal(b->socket.acceptPartyMember(id, outsider).get(),
                      "Error accepting party join request: party leader only");
  expectServerRefusal(b->socket.sendPartyData(id, 1, "x").get(), "Error sending party data: party member not found");
  expectServerRefusal(b->socket.closeParty(id).get(), "Error closing party: party leader only");

  // Checks of the request itself come first and carry no prefix.
  UserPresence nameless = leader;
  nameless.username.clear();
  expectServerRefusal(a->socket.promotePartyMember(id, nameless).get(), "Invalid presence");
  expectServerRefusal(a->socket.joinParty("not-a-party").get(), "Invalid party ID");
  // A party that does not exist (on this node or any other).
  const std::string node = id.substr(id.find('.'));
  expectServerRefusal(b->socket.joinParty("0f6c9a8e-2b4d-4e1f-9a3c-5d7e8f9a0b1c" + node).get(),
                      "Error joining party: party not found");
  expectServerRefusal(b->socket.joinParty(id.substr(0, id.find('.')) + ".no-such-node").get(),
                      "Error joining party: party not found");
  // Errors leave the socket usable.
  EXPECT_TRUE(a->socket.isConnected());
  EXPECT_TRUE(a->socket.ping().get().ok());
}

// Join requests to a closed party are not de-duplicated, at most max_size wait, and "party full" is
// checked before the request is looked up.
TEST(RtParties, ClosedPartyJoinRequestsAreCapped) {
  auto a = connectPeer();
  auto b = connectPeer();
  auto c = connectPeer();
  ASSERT_TRUE(a && b && c);
  auto party = a->socket.createParty(false, 2).get();
  ASSERT_TRUE(party.ok()) << party.error();
  const std::string id = party->partyId;

  ASSERT_TRUE(b->socket.joinParty(id).get().ok());
  ASSERT_TRUE(b->socket.joinParty(id).get().ok());
  for (int i = 0; i < 2; ++i) {
    auto request = a->ev->partyJoinRequest.take();
    ASSERT_TRUE(request) << "join request " << i;
    ASSERT_EQ(request->presences.size(), 1u);
    EXPECT_EQ(request->presences[0].userId, b->id());
  }
  auto listed = a->socket.listPartyJoinRequests(id).get();
  ASSERT_TRUE(listed.ok()) << listed.error();
  ASSERT_EQ(listed->presences.size(), 2u);
  EXPECT_EQ(listed->presences[0].sessionId, listed->presences[1].sessionId);
  expectServerRefusal(c->socket.joinParty(id).get(), "Error joining party: party join requests full");

  // Accepting fills the party (2 of 2): the duplicate request can no longer be accepted.
  ASSERT_TRUE(a->socket.acceptPartyMember(id, listed->presences[0]).get().ok());
  ASSERT_TRUE(b->ev->party.take());
  expectServerRefusal(a->socket.acceptPartyMember(id, listed->presences[1]).get(),
                      "Error accepting party join request: party full");
  auto remaining = a->socket.listPartyJoinRequests(id).get();
  ASSERT_TRUE(remaining.ok()) << remaining.error();
  EXPECT_EQ(remaining->presences.size(), 1u);
  expectServerRefusal(c->socket.joinParty(id).get(), "Error joining party: party full");
}

// A join request outlives the asker's socket; accepting it then fails and consumes the request.
TEST(RtParties, AcceptingARequestWhoseSocketIsGone) {
  auto a = connectPeer();
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  auto party = a->socket.createParty(false, 4).get();
  ASSERT_TRUE(party.ok()) << party.error();
  const std::string id = party->partyId;
  // A shared room tells a when b's socket has gone.
  const std::string room = uniqueId("party-watch-");
  ASSERT_TRUE(a->socket.joinChat(room, ChannelType::kRoom).get().ok());
  ASSERT_TRUE(b->socket.joinChat(room, ChannelType::kRoom).get().ok());

  ASSERT_TRUE(b->socket.joinParty(id).get().ok());
  auto request = a->ev->partyJoinRequest.take();
  ASSERT_TRUE(request);
  ASSERT_EQ(request->presences.size(), 1u);
  b->socket.close();
  ASSERT_TRUE(a->ev->channelPresence.take([&](const ChannelPresenceEvent& e) { return hasUser(e.leaves, b->id()); }));

  auto listed = a->socket.listPartyJoinRequests(id).get();
  ASSERT_TRUE(listed.ok()) << listed.error();
  EXPECT_EQ(listed->presences.size(), 1u);
  expectServerRefusal(a->socket.acceptPartyMember(id, request->presences[0]).get(),
                      "Error accepting party join request: party could not accept request");
  auto after = a->socket.listPartyJoinRequests(id).get();
  ASSERT_TRUE(after.ok()) << after.error();
  EXPECT_TRUE(after->presences.empty());
}

}  // namespace
}  // namespace nakama
