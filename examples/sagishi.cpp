// Sagi-shi: one whole night of Heroic Labs' "Sagi-shi" (an Among-Us-like game) with four simulated players
// on one machine. They sign in, become friends, Alice gathers Bob and Carol in a party, the matchmaker puts
// the party and Dave into one relayed match, where everyone shares positions, argues in the match's chat
// room and votes; the imposter's win goes on the weekly leaderboard and the server sends him a reward.
// The parts one by one are the programs of examples/guide/ (docs/GUIDE.md).
//
// Takes --host --port --server-key --ssl (default: a local server). The server needs the fixtures of
// tests/nakama/: the project's test server has them, and `scripts/demo.sh` starts it and runs this program.
// Each step blocks on Future::get() to read top to bottom; a game would use then() or poll() instead
// (examples/game_loop.cpp). Socket events arrive on the SDK's callback thread, which hands them to the
// main thread through a guide::Inbox.

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nakama/account.h>
#include <nakama/chat.h>
#include <nakama/friends.h>
#include <nakama/leaderboards.h>
#include <nakama/notifications.h>
#include <nakama/rpc.h>

#include "example_server.h"
#include "guide/guide.h"

using namespace nakama;
using guide::check;

namespace {

// The game's op codes for match data.
constexpr std::int64_t kOpPosition = 1;
constexpr std::int64_t kOpVote = 2;
// The game's notification code for rewards (the fixture RPC `send_reward_notification` uses it).
constexpr std::int32_t kRewardCode = 100;

/// One player at the table: their client and session, their connected socket, and the socket events
/// the night waits for.
struct Crewmate {
  explicit Crewmate(guide::Player signedIn, std::string shortName)
      : name(std::move(shortName)), player(std::move(signedIn)), socket(guide::connectSocket(player)) {
    subscriptions.push_back(socket.onNotification(notifications.handler()));
    subscriptions.push_back(socket.onPartyJoinRequest(joinRequests.handler()));
    subscriptions.push_back(socket.onParty(parties.handler()));
    subscriptions.push_back(socket.onPartyMatchmakerTicket(partyTickets.handler()));
    subscriptions.push_back(socket.onMatchmakerMatched(matched.handler()));
    subscriptions.push_back(socket.onMatchData(matchData.handler()));
    subscriptions.push_back(socket.onChannelMessage(messages.handler()));
  }
  const std::string& id() const { return player.id(); }
  Client& client() { return *player.client; }

  std::string name;
  guide::Player player;
  RtSocket socket;  // after the player: a socket goes before its client
  guide::Inbox<Notification> notifications;
  guide::Inbox<PartyJoinRequest> joinRequests;
  guide::Inbox<Party> parties;
  guide::Inbox<PartyMatchmakerTicket> partyTickets;
  guide::Inbox<MatchmakerMatched> matched;
  guide::Inbox<MatchData> matchData;
  guide::Inbox<ChannelMessage> messages;
  std::vector<Subscription> subscriptions;  // last: unsubscribed before the inboxes go
};

using Crew = std::vector<std::unique_ptr<Crewmate>>;

/// The short name of the crewmate with this user id (for printing).
std::string nameOf(const Crew& crew, const std::string& userId) {
  for (const auto& c : crew) {
    if (c->id() == userId) return c->name;
  }
  return "someone else";
}

/// The votes as one crewmate counts them: their own and those the others sent them.
std::map<std::string, int> tallyFor(const Crew& crew, Crewmate& self, const std::string& matchId,
                                    const std::string& ownSuspect) {
  auto isVote = [&](const MatchData& d) { return d.matchId == matchId && d.opCode == kOpVote; };
  std::vector<MatchData> votes =
      self.matchData.takeMany(crew.size() - 1, self.name + " receives the others' votes", isVote);
  std::map<std::string, int> tally{{nameOf(crew, ownSuspect), 1}};
  std::cout << "  ..  " << self.name << " sees";
  for (const MatchData& vote : votes) {
    const std::string suspect = nameOf(crew, guide::jsonString(vote.data, "suspect"));
    std::cout << ' ' << nameOf(crew, vote.presence ? vote.presence->userId : "") << "->" << suspect;
    ++tally[suspect];
  }
  std::cout << '\n';
  return tally;
}

}  // namespace

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();  // unique names, so reruns never meet earlier players

  std::cout << "== Everyone signs in (device authentication)\n";
  Crew crew;
  for (const char* name : {"alice", "bob", "carol", "dave"}) {
    crew.push_back(std::make_unique<Crewmate>(guide::newPlayer(server, name, suffix), name));
  }
  Crewmate& alice = *crew[0];
  Crewmate& bob = *crew[1];
  Crewmate& carol = *crew[2];
  Crewmate& dave = *crew[3];

  std::cout << "\n== The next launch restores alice's saved session\n";
  {
    // What the game writes to disk (see examples/guide/02_sessions.cpp), read back by a new client.
    const std::string saved = alice.player.session.serialize();
    Client relaunched(server);
    relaunched.setSession(check(Session::deserialize(saved), "restore the saved session"));
    Account account = check(relaunched.account().get().get(), "get the account without signing in again");
    std::cout << "  ..  signed in as " << account.user.username << '\n';
  }

  std::cout << "\n== Friends\n";
  std::vector<std::string> usernames;
  for (Crewmate* other : {&bob, &carol, &dave}) usernames.push_back(other->player.username());
  check(alice.client().friends().add({}, usernames).get(), "alice asks bob, carol and dave to be friends");
  for (Crewmate* other : {&bob, &carol, &dave}) {
    Notification request = other->notifications.take(other->name + " is notified", [&](const Notification& n) {
      return n.code == NotificationCode::kFriendRequest && n.senderId == alice.id();
    });
    std::cout << "  ..  \"" << request.subject << "\"\n";
    check(other->client().friends().add({alice.id()}).get(), other->name + " accepts (adds alice back)");
  }
  FriendListOptions mutual;
  mutual.state = FriendState::kFriend;
  FriendList friends = check(alice.client().friends().list(mutual).get(), "alice lists her friends");
  guide::expect(friends.friends.size() == 3, "alice has 3 friends", std::to_string(friends.friends.size()));

  std::cout << "\n== Alice's party\n";
  Party party = check(alice.socket.createParty(/*open*/ false, /*maxSize*/ 4).get(), "alice opens a closed party");
  for (Crewmate* member : {&bob, &carol}) {
    check(member->socket.joinParty(party.partyId).get(), member->name + " asks to join");
    auto isAsking = [&](const UserPresence& p) { return p.userId == member->id(); };
    PartyJoinRequest request =
        alice.joinRequests.take("alice sees " + member->name + "'s request", [&](const PartyJoinRequest& r) {
          return r.partyId == party.partyId && std::any_of(r.presences.begin(), r.presences.end(), isAsking);
        });
    for (const UserPresence& asking : request.presences) {
      if (isAsking(asking)) {
        check(alice.socket.acceptPartyMember(party.partyId, asking).get(), "alice lets " + member->name + " in");
      }
    }
    Party joined = member->parties.take(member->name + " is in the party",
                                        [&](const Party& p) { return p.partyId == party.partyId; });
    std::cout << "  ..  " << joined.presences.size() << " of " << joined.maxSize << " members\n";
  }

  std::cout << "\n== Matchmaking: the party and dave\n";
  const std::string mode = "sabotage_" + suffix;  // this run's own mode: other runs' tickets never match ours
  MatchmakerQuery ticket;
  ticket.minCount = 4;
  ticket.maxCount = 4;
  ticket.query = "+properties.mode:" + mode;
  ticket.stringProperties = {{"mode", mode}};
  check(alice.socket.addMatchmakerParty(party.partyId, ticket).get(), "alice puts the party in the pool");
  for (Crewmate* member : {&bob, &carol}) {
    member->partyTickets.take(member->name + " is told about the party's ticket",
                              [&](const PartyMatchmakerTicket& t) { return t.partyId == party.partyId; });
  }
  check(dave.socket.addMatchmaker(ticket).get(), "dave joins the pool alone");
  std::cout << "  ..  waiting for the matchmaker (a real Nakama forms matches every 15 s)\n";
  std::string matchId;
  for (auto& c : crew) {
    MatchmakerMatched found = c->matched.take(c->name + " is matched", nullptr, std::chrono::seconds(45));
    Match match = check(c->socket.joinMatchByToken(found.token).get(), c->name + " joins the match");
    if (!matchId.empty() && match.matchId != matchId) guide::fail("one match for all", "two matches formed");
    matchId = match.matchId;
    if (c.get() == &dave) {
      std::cout << "  ..  " << found.users.size() << " players:";
      for (const MatchmakerUser& user : found.users) {
        std::cout << ' ' << nameOf(crew, user.presence.userId) << (user.partyId.empty() ? " (alone)" : " (party)");
      }
      std::cout << '\n';
    }
  }

  std::cout << "\n== In the match: positions (op code " << kOpPosition << ")\n";
  std::cout << "  ..  dave is the imposter tonight; only he knows\n";
  const char* positions[] = {R"({"x":12.5,"y":-3})", R"({"x":4,"y":7.5})", R"({"x":-8,"y":1})", R"({"x":-7.5,"y":0})"};
  for (std::size_t i = 0; i < crew.size(); ++i) {
    check(crew[i]->socket.sendMatchData(matchId, kOpPosition, positions[i]).get(), crew[i]->name + " moves");
  }
  for (auto& c : crew) {
    auto isPosition = [&](const MatchData& d) { return d.matchId == matchId && d.opCode == kOpPosition; };
    std::vector<MatchData> seen = c->matchData.takeMany(crew.size() - 1, c->name + " sees the others move", isPosition);
    std::cout << "  ..  " << c->name << " sees";
    for (const MatchData& d : seen) {
      std::cout << ' ' << nameOf(crew, d.presence ? d.presence->userId : "") << " at " << d.data;
    }
    std::cout << '\n';
  }

  std::cout << "\n== The emergency meeting: the match's chat room\n";
  const std::string roomName = "meeting_" + matchId;  // a room that lives as long as the match
  Channel room;
  for (auto& c : crew) {
    room = check(c->socket.joinChat(roomName, ChannelType::kRoom, /*persistence*/ false).get(),
                 c->name + " joins the meeting room");
  }
  check(alice.socket.writeChatMessage(room.id, R"({"message":"Carol was right next to the body!"})").get(),
        "alice accuses carol");
  check(carol.socket.writeChatMessage(room.id, R"({"message":"I was fixing the wires. It's dave!"})").get(),
        "carol accuses dave");
  for (auto& c : crew) {
    // Every message goes to everyone in the room; each crewmate waits for what the others said.
    const std::size_t said = (c.get() == &alice || c.get() == &carol) ? 1 : 2;
    std::vector<ChannelMessage> heard =
        c->messages.takeMany(said, c->name + " reads the chat",
                             [&](const ChannelMessage& m) { return m.channelId == room.id && m.senderId != c->id(); });
    for (const ChannelMessage& m : heard) {
      std::cout << "  ..  " << nameOf(crew, m.senderId) << ": " << m.content << '\n';
    }
  }

  std::cout << "\n== The vote (op code " << kOpVote << ")\n";
  // Everyone votes as they argued; dave, the imposter, follows the crowd.
  const Crewmate* suspects[] = {&carol, &carol, &dave, &carol};  // alice's, bob's, carol's and dave's votes
  for (std::size_t i = 0; i < crew.size(); ++i) {
    const std::string vote = R"({"suspect":")" + suspects[i]->id() + R"("})";
    check(crew[i]->socket.sendMatchData(matchId, kOpVote, vote).get(),
          crew[i]->name + " votes against " + suspects[i]->name);
  }
  std::map<std::string, int> tally;
  for (std::size_t i = 0; i < crew.size(); ++i) {
    Crewmate& c = *crew[i];
    std::map<std::string, int> counted = tallyFor(crew, c, matchId, suspects[i]->id());
    if (!tally.empty() && counted != tally) guide::fail("everyone counts the same votes", c.name + " differs");
    tally = counted;
  }
  std::cout << "  ..  tally:";
  for (const auto& [suspect, count] : tally) std::cout << ' ' << suspect << '=' << count;
  std::cout << '\n';
  guide::expect(tally["carol"] == 3, "carol is ejected: she was crew, so the imposter wins");

  std::cout << "\n== The weekly leaderboard\n";
  LeaderboardRecordWrite win;
  win.score = 1;  // the board adds it to the week's total
  win.metadata = R"({"map":"skeld"})";
  check(dave.client().leaderboards().writeRecord("weekly_imposter_wins", win).get(), "dave records his win");
  LeaderboardListOptions top;
  top.limit = 5;
  top.ownerIds = {dave.id()};  // also dave's record, wherever he ranks on a busy server
  LeaderboardRecordList board =
      check(alice.client().leaderboards().listRecords("weekly_imposter_wins", top).get(), "alice lists the top 5");
  for (const LeaderboardRecord& r : board.records) {
    std::cout << "  ..  #" << r.rank << ' ' << r.username << ": " << r.score << '\n';
  }
  guide::expect(board.ownerRecords.size() == 1 && board.ownerRecords[0].score == 1, "dave has 1 win this week");
  std::cout << "  ..  dave is #" << board.ownerRecords[0].rank << '\n';

  std::cout << "\n== Dave's reward\n";
  // At the end of the week the server rewards the best imposters; here dave asks for it through an RPC.
  check(dave.client().rpc().call("send_reward_notification").get(), "RPC send_reward_notification");
  Notification reward = dave.notifications.take("dave receives the reward live",
                                                [](const Notification& n) { return n.code == kRewardCode; });
  std::cout << "  ..  \"" << reward.subject << "\" " << reward.content << '\n';

  std::cout << "\n== Good night\n";
  for (auto& c : crew) check(c->socket.leaveMatch(matchId).get(), c->name + " leaves the match");
  check(alice.socket.closeParty(party.partyId).get(), "alice closes the party");
  for (auto& c : crew) c->socket.close();
  std::cout << "\nSagi-shi night finished.\n";
  return 0;
}
