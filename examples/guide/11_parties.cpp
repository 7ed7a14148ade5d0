// Sagi-shi guide, part 11: parties. Alice opens a closed party of up to four; Bob and Carol ask to join
// and Alice lets them in. Alice then proposes whom to vote for, through party data, and Bob agrees.

#include <algorithm>
#include <iostream>
#include <string>

#include "example_server.h"
#include "guide.h"

using namespace nakama;
using guide::check;

// Op codes of the party's messages.
constexpr std::int64_t kOpProposeVote = 1;
constexpr std::int64_t kOpAgree = 2;

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  guide::Player alice = guide::newPlayer(server, "alice", suffix);
  RtSocket aliceSocket = guide::connectSocket(alice);
  guide::Player bob = guide::newPlayer(server, "bob", suffix);
  RtSocket bobSocket = guide::connectSocket(bob);
  guide::Player carol = guide::newPlayer(server, "carol", suffix);
  RtSocket carolSocket = guide::connectSocket(carol);
  guide::Inbox<PartyJoinRequest> joinRequests;
  guide::Inbox<Party> bobParty, carolParty;
  guide::Inbox<PartyData> aliceData, bobData, carolData;
  guide::Inbox<PartyClose> bobClosed;
  // [guide:leader-handler]
  auto onRequest = aliceSocket.onPartyJoinRequest(joinRequests.handler());
  // [/guide:leader-handler]
  auto s1 = bobSocket.onParty(bobParty.handler());
  auto s2 = carolSocket.onParty(carolParty.handler());
  auto s3 = aliceSocket.onPartyData(aliceData.handler());
  auto s4 = bobSocket.onPartyData(bobData.handler());
  auto s5 = carolSocket.onPartyData(carolData.handler());
  auto s6 = bobSocket.onPartyClose(bobClosed.handler());

  std::cout << "\n== A closed party\n";
  // [guide:create]
  Party party = check(aliceSocket.createParty(/*open*/ false, /*maxSize*/ 4).get(), "alice creates a party");
  // [/guide:create]
  std::cout << "  ..  party " << party.partyId << ", led by " << party.leader.username << '\n';

  auto letIn = [&](const guide::Player& member, RtSocket& memberSocket, guide::Inbox<Party>& memberParty) {
    // [guide:ask]
    check(memberSocket.joinParty(party.partyId).get(), member.username() + " asks to join");
    // [/guide:ask]
    // [guide:accept]
    PartyJoinRequest request = joinRequests.take("alice sees the request", [&](const PartyJoinRequest& r) {
      return std::any_of(r.presences.begin(), r.presences.end(),
                         [&](const UserPresence& p) { return p.userId == member.id(); });
    });
    for (const UserPresence& asking : request.presences) {
      if (asking.userId == member.id()) {
        check(aliceSocket.acceptPartyMember(party.partyId, asking).get(), "alice lets " + asking.username + " in");
      }
    }
    // [/guide:accept]
    Party joined = memberParty.take(member.username() + " is in the party",
                                    [&](const Party& p) { return p.partyId == party.partyId; });
    std::cout << "  ..  " << joined.presences.size() << " of " << joined.maxSize << " members\n";
  };
  letIn(bob, bobSocket, bobParty);
  letIn(carol, carolSocket, carolParty);

  std::cout << "\n== Proposing a vote\n";
  // [guide:propose]
  const std::string proposal = R"({"suspect":"red","reason":"vented in Electrical"})";
  check(aliceSocket.sendPartyData(party.partyId, kOpProposeVote, proposal).get(), "alice proposes a vote");
  // [/guide:propose]
  // [guide:receive]
  auto isProposal = [&](const PartyData& d) { return d.partyId == party.partyId && d.opCode == kOpProposeVote; };
  PartyData received = bobData.take("bob receives the proposal", isProposal);
  std::cout << "  ..  " << received.presence->username << " proposes " << received.data << '\n';
  check(bobSocket.sendPartyData(party.partyId, kOpAgree, R"({"suspect":"red"})").get(), "bob agrees");
  // [/guide:receive]
  carolData.take("carol receives the proposal", isProposal);
  aliceData.take("alice hears bob agree",
                 [&](const PartyData& d) { return d.partyId == party.partyId && d.opCode == kOpAgree; });

  check(aliceSocket.closeParty(party.partyId).get(), "alice closes the party");
  bobClosed.take("bob sees the party close", [&](const PartyClose& c) { return c.partyId == party.partyId; });
  std::cout << "\nParties done.\n";
  return 0;
}
