// Sagi-shi guide, part 10: the matchmaker. Three players ask for a sabotage game with players of their
// skill; the server puts them together and each joins the match with the token it was given.

#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "example_server.h"
#include "guide.h"

using namespace nakama;
using guide::check;

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  // The mode carries this run's suffix, so that tickets of other players of a shared server never match ours.
  const std::string mode = "sabotage_" + suffix;
  std::vector<guide::Player> players;
  std::vector<RtSocket> sockets;  // after the players: sockets go before their clients
  for (const char* name : {"alice", "bob", "carol"}) {
    players.push_back(guide::newPlayer(server, name, suffix));
    sockets.push_back(guide::connectSocket(players.back()));
  }
  std::vector<guide::Inbox<MatchmakerMatched>> matched(players.size());
  std::vector<Subscription> subscriptions;
  for (std::size_t i = 0; i < players.size(); ++i) {
    subscriptions.push_back(sockets[i].onMatchmakerMatched(matched[i].handler()));
  }

  std::cout << "\n== Into the matchmaker pool\n";
  const double skills[] = {120, 135, 110};
  for (std::size_t i = 0; i < players.size(); ++i) {
    // [guide:add]
    MatchmakerQuery ticket;
    ticket.minCount = 3;
    ticket.maxCount = 3;
    ticket.stringProperties = {{"mode", mode}, {"region", "europe"}};
    ticket.numericProperties = {{"skill", skills[i]}};
    // Who this player accepts: the same mode and a skill of at least 100.
    ticket.query = "+properties.mode:" + mode + " +properties.skill:>=100";
    check(sockets[i].addMatchmaker(ticket).get(), players[i].username() + " joins the pool");
    // [/guide:add]
  }

  std::cout << "  ..  waiting for the matchmaker (a real Nakama forms matches every 15 s)\n";
  std::string matchId;
  for (std::size_t i = 0; i < players.size(); ++i) {
    const std::string name = players[i].username();
    // [guide:matched]
    MatchmakerMatched found = matched[i].take(name + " is matched", nullptr, std::chrono::seconds(45));
    std::cout << "  ..  " << found.users.size() << " players:";
    for (const MatchmakerUser& user : found.users) {
      std::cout << ' ' << user.presence.username << " (skill " << user.numericProperties.at("skill") << ')';
    }
    std::cout << '\n';
    Match match = check(sockets[i].joinMatchByToken(found.token).get(), name + " joins the match");
    // [/guide:matched]
    if (!matchId.empty() && match.matchId != matchId) guide::fail("one match for all", "two matches formed");
    matchId = match.matchId;
  }
  for (RtSocket& socket : sockets) check(socket.leaveMatch(matchId).get(), "a player leaves the match");

  std::cout << "\nMatchmaker done.\n";
  return 0;
}
