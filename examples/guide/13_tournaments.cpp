// Sagi-shi guide, part 13: tournaments. The game lists its tournaments (categories 100-127 hold the
// weekly ones), two players join "Weekly imposter votes", score their correct votes and see the standings.

#include <algorithm>
#include <iostream>
#include <string>

#include <nakama/tournaments.h>

#include "example_server.h"
#include "guide.h"

using namespace nakama;
using guide::check;

namespace {

void scoreVotes(guide::Player& player, std::int64_t correctVotes) {
  // [guide:join]
  // weekly_votes must be joined before the first score.
  check(player.client->tournaments().join("weekly_votes").get(), player.username() + " joins weekly_votes");
  LeaderboardRecordWrite votes;
  votes.score = correctVotes;  // added to the player's total this week
  votes.metadata = R"({"last_map":"skeld"})";
  LeaderboardRecord record =
      check(player.client->tournaments().writeRecord("weekly_votes", votes).get(), "submit correct votes");
  // [/guide:join]
  std::cout << "  ..  " << record.username << ": " << record.score << " correct vote(s)\n";
}

}  // namespace

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  guide::Player alice = guide::newPlayer(server, "alice", suffix);
  guide::Player bob = guide::newPlayer(server, "bob", suffix);
  Client& client = *alice.client;

  std::cout << "\n== This week's tournaments\n";
  // [guide:list]
  TournamentListOptions weekly;
  weekly.categoryStart = 100;  // categories are the game's own, 0-127
  weekly.categoryEnd = 127;
  weekly.limit = 20;
  TournamentList tournaments = check(client.tournaments().list(weekly).get(), "list tournaments 100-127");
  for (const Tournament& t : tournaments.tournaments) {
    std::cout << "  ..  " << t.id << ": " << t.title << " (" << t.size << "/" << t.maxSize << " players, ends "
              << formatTimestamp(t.endActive) << ")\n";
  }
  // [/guide:list]
  guide::expect(std::any_of(tournaments.tournaments.begin(), tournaments.tournaments.end(),
                            [](const Tournament& t) { return t.id == "weekly_votes"; }),
                "weekly_votes is listed", "not in categories 100-127");

  std::cout << "\n== Joining and scoring\n";
  scoreVotes(alice, 3);
  scoreVotes(bob, 1);

  std::cout << "\n== Standings\n";
  // [guide:records]
  LeaderboardListOptions standings;
  standings.limit = 10;
  standings.ownerIds = {alice.id(), bob.id()};
  TournamentRecordList records =
      check(client.tournaments().listRecords("weekly_votes", standings).get(), "list weekly_votes records");
  for (const LeaderboardRecord& r : records.records) std::cout << "  ..  #" << r.rank << " " << r.username << '\n';
  // [/guide:records]
  for (const LeaderboardRecord& r : records.ownerRecords) {
    std::cout << "  ..  this run: #" << r.rank << " " << r.username << " " << r.score << '\n';
  }
  guide::expect(records.ownerRecords.size() == 2, "both players are ranked",
                std::to_string(records.ownerRecords.size()) + " record(s) of this run");

  std::cout << "\nTournaments done.\n";
  return 0;
}
