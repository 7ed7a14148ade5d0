// Sagi-shi guide, part 12: leaderboards. Three players record their wins as the imposter this week,
// with the map they won on; then the game shows the top of the board and the records around a player.

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <nakama/leaderboards.h>

#include "example_server.h"
#include "guide.h"

using namespace nakama;

namespace {

void print(const std::vector<LeaderboardRecord>& records) {
  for (const LeaderboardRecord& r : records) {
    std::cout << "  ..  #" << r.rank << " " << r.username << ": " << r.score << " " << r.metadata << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  std::vector<guide::Player> players;
  for (const char* name : {"alice", "bob", "carol"}) {
    players.push_back(guide::signIn(server, name, suffix, /*connectSocket*/ false));
  }

  std::cout << "\n== Imposter wins\n";
  const char* maps[] = {"space_station", "skeld", "space_station"};
  for (std::size_t i = 0; i < players.size(); ++i) {
    for (std::size_t n = 0; n <= i; ++n) {  // alice wins once, bob twice, carol three times
      Client& client = *players[i].client;
      // [guide:submit]
      LeaderboardRecordWrite win;
      win.score = 1;  // the board adds it up (operator "incr")
      win.metadata = R"({"map":")" + std::string(maps[i]) + R"("})";
      LeaderboardRecord record =
          guide::check(client.leaderboards().writeRecord("weekly_imposter_wins", win).get(), "an imposter win");
      // [/guide:submit]
      std::cout << "  ..  " << record.username << " now has " << record.score << " win(s)\n";
    }
  }

  std::cout << "\n== The board\n";
  Client& client = *players[1].client;
  const std::string bobId = players[1].id;
  // [guide:top]
  LeaderboardListOptions top;
  top.limit = 10;
  top.ownerIds = {players[0].id, bobId, players[2].id};  // also these players' records, wherever they rank
  LeaderboardRecordList board =
      guide::check(client.leaderboards().listRecords("weekly_imposter_wins", top).get(), "list the top 10");
  print(board.records);
  // [/guide:top]
  std::cout << "  ..  and the three players of this run:\n";
  print(board.ownerRecords);
  for (std::size_t i = 0; i < players.size(); ++i) {
    const bool found =
        std::any_of(board.ownerRecords.begin(), board.ownerRecords.end(), [&](const LeaderboardRecord& r) {
          return r.ownerId == players[i].id && r.score == static_cast<std::int64_t>(i + 1);
        });
    guide::expect(found, players[i].username + " has " + std::to_string(i + 1) + " win(s)", "record missing or wrong");
  }

  // [guide:around]
  LeaderboardAroundOwnerOptions around;
  around.limit = 5;
  LeaderboardRecordList near = guide::check(
      client.leaderboards().listRecordsAroundOwner("weekly_imposter_wins", bobId, around).get(), "records around bob");
  print(near.records);
  // [/guide:around]
  guide::expect(std::any_of(near.records.begin(), near.records.end(),
                            [&](const LeaderboardRecord& r) { return r.ownerId == bobId && r.score == 2; }),
                "bob is in the window with 2 wins", "bob's record is missing");

  std::cout << "\nLeaderboards done.\n";
  return 0;
}
