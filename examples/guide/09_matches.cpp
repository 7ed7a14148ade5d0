// Sagi-shi guide, part 9: matches. Alice hosts a relayed match and says so in her status; Bob, who
// follows her, joins from that status, Carol by the match id. Everyone exchanges positions and votes by
// op code. Then Bob looks for a server-run lobby that waits for players and joins it.

#include <chrono>
#include <iostream>
#include <string>

#include <nakama/matches.h>
#include <nakama/rpc.h>

#include "example_server.h"
#include "guide.h"

using namespace nakama;
using guide::check;

// [guide:op-codes]
// What each match message means, in the game's own numbering.
constexpr std::int64_t kOpPosition = 1;
constexpr std::int64_t kOpVote = 2;
// [/guide:op-codes]

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  guide::Player alice = guide::newPlayer(server, "alice", suffix);
  RtSocket aliceSocket = guide::connectSocket(alice);
  guide::Player bob = guide::newPlayer(server, "bob", suffix);
  RtSocket bobSocket = guide::connectSocket(bob);
  guide::Player carol = guide::newPlayer(server, "carol", suffix);
  RtSocket carolSocket = guide::connectSocket(carol);
  guide::Inbox<MatchData> aliceData, bobData, carolData;
  guide::Inbox<StatusPresenceEvent> bobStatus;
  auto s1 = aliceSocket.onMatchData(aliceData.handler());
  auto s2 = bobSocket.onMatchData(bobData.handler());
  auto s3 = carolSocket.onMatchData(carolData.handler());
  auto s4 = bobSocket.onStatusPresence(bobStatus.handler());
  check(bobSocket.followUsers({alice.id()}).get(), "bob follows alice");

  std::cout << "\n== Alice hosts a relayed match\n";
  // [guide:create]
  Match match = check(aliceSocket.createMatch().get(), "alice creates a match");
  const std::string status = R"({"status":"Playing a match","matchId":")" + match.matchId + R"("})";
  check(aliceSocket.updateStatus(status).get(), "alice shares the match in her status");
  // [/guide:create]

  // [guide:join-from-status]
  std::string friendsMatch;
  bobStatus.take("bob sees alice's new status", [&](const StatusPresenceEvent& e) {
    for (const UserPresence& p : e.joins) {
      if (p.userId == alice.id() && p.status) friendsMatch = guide::jsonString(*p.status, "matchId");
    }
    return !friendsMatch.empty();
  });
  check(bobSocket.joinMatch(friendsMatch).get(), "bob joins alice's match");
  // [/guide:join-from-status]
  check(carolSocket.joinMatch(match.matchId).get(), "carol joins by the match id");

  std::cout << "\n== Positions and votes\n";
  // [guide:send]
  check(aliceSocket.sendMatchData(match.matchId, kOpPosition, R"({"x":12.5,"y":-3})").get(),
        "alice sends her position");
  check(bobSocket.sendMatchData(match.matchId, kOpVote, R"({"suspect":")" + carol.id() + R"("})").get(),
        "bob votes against carol");
  // [/guide:send]
  // [guide:receive]
  auto isPosition = [&](const MatchData& d) { return d.matchId == match.matchId && d.opCode == kOpPosition; };
  MatchData position = bobData.take("bob receives alice's position", isPosition);
  std::cout << "  ..  from " << position.presence->username << ": " << position.data << '\n';
  // [/guide:receive]
  carolData.take("carol receives alice's position", isPosition);
  auto isVote = [&](const MatchData& d) { return d.matchId == match.matchId && d.opCode == kOpVote; };
  MatchData vote = aliceData.take("alice receives bob's vote", isVote);
  std::cout << "  ..  from " << vote.presence->username << ": " << vote.data << '\n';
  carolData.take("carol receives bob's vote", isVote);
  for (RtSocket* socket : {&aliceSocket, &bobSocket, &carolSocket}) {
    check(socket->leaveMatch(match.matchId).get(), "a player leaves the match");
  }

  std::cout << "\n== Lobbies waiting for players\n";
  const std::string mode = "sabotage_" + suffix;  // this run's own mode, so other runs' lobbies stay out
  std::string created = check(alice.client->rpc().call("create_lobby_match", R"({"mode":")" + mode + R"("})").get(),
                              "the server opens a lobby (RPC create_lobby_match)");
  const std::string lobbyId = guide::jsonString(created, "match_id");
  // [guide:list]
  MatchListOptions waiting;
  waiting.authoritative = true;
  waiting.query = "+label.open:T +label.mode:" + mode;
  waiting.limit = 10;
  MatchList found;
  // A real server indexes new matches about once a second: poll for a while.
  guide::retryUntil("bob finds a lobby that waits for players", std::chrono::seconds(10), [&] {
    found = guide::unwrap(bob.client->matches().list(waiting).get(), "list matches");
    return !found.matches.empty();
  });
  Match lobby = check(bobSocket.joinMatch(found.matches[0].matchId).get(), "bob joins the lobby");
  // [/guide:list]
  guide::expect(lobby.matchId == lobbyId, "it is the new lobby", "found " + lobby.matchId + ", not " + lobbyId);
  std::cout << "  ..  " << found.matches[0].handlerName << " match, label now " << lobby.label << '\n';
  check(bobSocket.leaveMatch(lobby.matchId).get(), "bob leaves the lobby");

  std::cout << "\nMatches done.\n";
  return 0;
}
