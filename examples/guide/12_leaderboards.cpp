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
using guide::check;

namespace {

void print(const std::vector<LeaderboardRecord>& records) {
  for (const LeaderboardRecord& r : records) {
    std::cout << "  ..  #" << r.rank << " " << r.username << ": " << r.score << " " << r.metadata << '\n';
  }
}

void recordWin(guide::Player& player, const std::string& map) {
  // [guide:submit]
  LeaderboardRecordWrite win;
  win.score = 1;  // the board adds it to the week's total (operator "incr")
  win.metadata = R"({"map":")" + map + R"("})";
  LeaderboardRecord record =
      check(player.client->leaderboards().writeRecord("weekly_imposter_wins", win).get(), "an imposter win");
  // [/guide:submit]
  std::cout << "  ..  " << record.username << " now has " << record.score << " win(s), rank " << record.rank << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  guide::Player alice = guide::newPlayer(server, "alice", suffix);
  guide::Player bob = guide::newPlayer(server, "bob", suffix);
  guide::Player carol = guide::newPlayer(server, "carol", suffix);

  std::cout << "\n== Imposter wins\n";
  recordWin(alice, "space_station");
  recordWin(bob, "skeld");
  recordWin(bob, "space_station");
  for (int i = 0; i < 3; ++i) recordWin(carol, "skeld");

  std::cout << "\n== The board\n";
  Client& client = *bob.client;
  // [guide:top]
  LeaderboardListOptions top;
  top.limit = 10;
  top.ownerIds = {alice.id(), bob.id(), carol.id()};  // also these players' records, wherever they rank
  LeaderboardRecordList board =
      check(client.leaderboards().listRecords("weekly_imposter_wins", top).get(), "list the top 10");
  print(board.records);
  // [/guide:top]
  std::cout << "  ..  and this run's players:\n";
  print(board.ownerRecords);
  auto wins = [&](const std::string& userId) {
    for (const LeaderboardRecord& r : board.ownerRecords) {
      if (r.ownerId == userId) return r.score;
    }
    return std::int64_t{-1};
  };
  guide::expect(wins(alice.id()) == 1 && wins(bob.id()) == 2 && wins(carol.id()) == 3, "the wins add up",
                "expected 1, 2 and 3 wins in the owner records");

  // [guide:around]
  LeaderboardAroundOwnerOptions around;
  around.limit = 5;
  LeaderboardRecordList near =
      check(client.leaderboards().listRecordsAroundOwner("weekly_imposter_wins", bob.id(), around).get(),
            "records around bob");
  print(near.records);
  // [/guide:around]
  guide::expect(std::any_of(near.records.begin(), near.records.end(),
                            [&](const LeaderboardRecord& r) { return r.ownerId == bob.id() && r.score == 2; }),
                "bob is in the window with 2 wins", "bob's record is missing");

  std::cout << "\nLeaderboards done.\n";
  return 0;
}
