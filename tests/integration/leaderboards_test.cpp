// Leaderboards against the test server (or a real Nakama 3.15 with the fixtures of docs/PROTOCOL.md §12.2).
// The leaderboards are shared by every user of a long-lived server: assertions only look at this
// test's own users (owner ids), and ranks are compared between them, never as absolute values.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

#include "nakama/account.h"
#include "nakama/client.h"
#include "nakama/leaderboards.h"
#include "test_env.h"
#include "test_helpers.h"

namespace nakama {
namespace {

using test::expectServerError;
using test::findOwner;
using test::newUser;
using test::newUsers;
using test::TestUser;

constexpr const char* kImposterWins = "weekly_imposter_wins";  // desc, incr, weekly reset
constexpr const char* kCrewWins = "weekly_crew_wins";          // desc, incr, weekly reset
constexpr const char* kBestTime = "best_time";                 // asc, best, no reset

LeaderboardRecordWrite scoreOf(std::int64_t score, std::int64_t subscore = 0, std::string metadata = {},
                               LeaderboardOperator op = LeaderboardOperator::kNoOverride) {
  LeaderboardRecordWrite write;
  write.score = score;
  write.subscore = subscore;
  write.metadata = std::move(metadata);
  write.operatorOverride = op;
  return write;
}

LeaderboardListOptions owners(std::vector<std::string> ids, std::optional<std::int32_t> limit = std::nullopt) {
  LeaderboardListOptions options;
  options.ownerIds = std::move(ids);
  options.limit = limit;
  return options;
}

// A score base far from anything other tests or runs write, so a test's own records are neighbours.
std::int64_t randomBase() {
  static std::mt19937_64 rng{std::random_device{}()};
  return 1'000'000'000'000LL + static_cast<std::int64_t>(rng() % 1'000'000'000'000'000ULL);
}

// `count` new users holding consecutive ranks on `board` (best first): scores base+count-1 .. base on a
// descending board, base .. base+count-1 on an ascending one.
std::vector<TestUser> rankedUsers(const char* board, bool descending, int count) {
  const std::int64_t base = randomBase();
  std::vector<TestUser> users;
  for (int i = 0; i < count; ++i) {
    users.push_back(newUser());
    if (!users.back().session) return {};
    const std::int64_t score = descending ? base + count - 1 - i : base + i;
    auto written = users.back().client->leaderboards().writeRecord(board, scoreOf(score)).get();
    EXPECT_TRUE(written.ok()) << written.error();
  }
  return users;
}

std::vector<std::string> ownersOf(const std::vector<LeaderboardRecord>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.ownerId);
  return out;
}

// Writes with `writer` until the server's clock (seen in update_time) has passed `after`.
void waitForServerTimeAfter(TestUser& writer, Timestamp after) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (std::int64_t i = 1;; ++i) {
    auto written = writer.client->leaderboards().writeRecord(kImposterWins, scoreOf(1)).get();
    ASSERT_TRUE(written.ok()) << written.error();
    if (written->updateTime > after) return;
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the server clock does not advance";
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

TEST(LeaderboardsIntegration, IncrementWritesAccumulateAndExpireAtTheWeeklyReset) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->leaderboards();

  const auto before = std::chrono::system_clock::now();
  auto first = api.writeRecord(kImposterWins, scoreOf(3, 1, "{\"map\": \"mansion\"}")).get();
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first->leaderboardId, kImposterWins);
  EXPECT_EQ(first->ownerId, alice.id());
  EXPECT_EQ(first->username, alice.username());
  EXPECT_EQ(first->score, 3);
  EXPECT_EQ(first->subscore, 1);
  EXPECT_EQ(first->numScore, 1);
  EXPECT_EQ(first->metadata, "{\"map\": \"mansion\"}");
  EXPECT_GE(first->rank, 1);
  EXPECT_EQ(first->maxNumScore, 1000000u);
  EXPECT_NE(first->createTime, Timestamp{});
  EXPECT_EQ(first->createTime, first->updateTime);
  EXPECT_LE(first->createTime, std::chrono::system_clock::now() + std::chrono::seconds(2));
  EXPECT_GE(first->createTime, before - std::chrono::seconds(2));
  EXPECT_EQ(first->expiryTime, test::nextMondayUtc(before)) << formatTimestamp(first->expiryTime);

  auto second = api.writeRecord(kImposterWins, scoreOf(4, 2)).get();
  ASSERT_TRUE(second.ok()) << second.error();
  EXPECT_EQ(second->score, 7) << "incr adds the score";
  EXPECT_EQ(second->subscore, 3) << "and the subscore";
  EXPECT_EQ(second->numScore, 2);
  EXPECT_EQ(second->metadata, "{\"map\": \"mansion\"}") << "metadata is kept when not sent";
  EXPECT_EQ(second->createTime, first->createTime);
  EXPECT_LE(second->rank, first->rank) << "a higher score cannot rank lower";
}

TEST(LeaderboardsIntegration, OperatorOverrides) {
  auto bob = newUser();
  ASSERT_TRUE(bob.session);
  auto api = bob.client->leaderboards();
  ASSERT_TRUE(api.writeRecord(kCrewWins, scoreOf(5)).get().ok());

  auto set = api.writeRecord(kCrewWins, scoreOf(2, 0, {}, LeaderboardOperator::kSet)).get();
  ASSERT_TRUE(set.ok()) << set.error();
  EXPECT_EQ(set->score, 2) << "set replaces";
  EXPECT_EQ(set->numScore, 2);

  auto incr = api.writeRecord(kCrewWins, scoreOf(3, 0, {}, LeaderboardOperator::kIncrement)).get();
  ASSERT_TRUE(incr.ok()) << incr.error();
  EXPECT_EQ(incr->score, 5);

  auto decr = api.writeRecord(kCrewWins, scoreOf(1, 0, {}, LeaderboardOperator::kDecrement)).get();
  ASSERT_TRUE(decr.ok()) << decr.error();
  EXPECT_EQ(decr->score, 4) << "decr subtracts";

  auto best = api.writeRecord(kCrewWins, scoreOf(10, 0, {}, LeaderboardOperator::kBest)).get();
  ASSERT_TRUE(best.ok()) << best.error();
  EXPECT_EQ(best->score, 10) << "best on a descending board keeps the higher score";
  auto worse = api.writeRecord(kCrewWins, scoreOf(3, 0, {}, LeaderboardOperator::kBest)).get();
  ASSERT_TRUE(worse.ok()) << worse.error();
  EXPECT_EQ(worse->score, 10);
}

TEST(LeaderboardsIntegration, BestOperatorOnAscendingBoardKeepsTheLowestAndNeverExpires) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->leaderboards();
  auto first = api.writeRecord(kBestTime, scoreOf(95000)).get();
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first->score, 95000);
  EXPECT_EQ(first->metadata, "{}");
  EXPECT_EQ(first->expiryTime, Timestamp{}) << "no reset schedule: no expiry";

  auto worse = api.writeRecord(kBestTime, scoreOf(99000)).get();
  ASSERT_TRUE(worse.ok()) << worse.error();
  EXPECT_EQ(worse->score, 95000) << "a slower time does not replace a faster one";
  EXPECT_EQ(worse->numScore, 1) << "a write that does not improve changes nothing";

  auto better = api.writeRecord(kBestTime, scoreOf(90000)).get();
  ASSERT_TRUE(better.ok()) << better.error();
  EXPECT_EQ(better->score, 90000);
  EXPECT_EQ(better->numScore, 2);
  EXPECT_LE(better->rank, first->rank);

  auto around = api.listRecordsAroundOwner(kBestTime, alice.id()).get();
  ASSERT_TRUE(around.ok()) << around.error();
  ASSERT_EQ(around->records.size(), 1u) << "default limit 1: only the owner";
  EXPECT_EQ(around->records[0].ownerId, alice.id());
  EXPECT_EQ(around->records[0].score, 90000);
}

TEST(LeaderboardsIntegration, ListByOwnerIdsAndRanksBetweenOwners) {
  TestUser alice, bob, carol;
  ASSERT_TRUE(newUsers(alice, bob, carol));
  ASSERT_TRUE(alice.client->leaderboards().writeRecord(kImposterWins, scoreOf(7, 3)).get().ok());
  ASSERT_TRUE(bob.client->leaderboards().writeRecord(kImposterWins, scoreOf(5)).get().ok());
  ASSERT_TRUE(carol.client->leaderboards().writeRecord(kImposterWins, scoreOf(1)).get().ok());

  auto list =
      alice.client->leaderboards().listRecords(kImposterWins, owners({alice.id(), bob.id(), carol.id()}, 100)).get();
  ASSERT_TRUE(list.ok()) << list.error();
  EXPECT_FALSE(list->records.empty());
  ASSERT_EQ(list->ownerRecords.size(), 3u);
  const auto* a = findOwner(list->ownerRecords, alice.id());
  const auto* b = findOwner(list->ownerRecords, bob.id());
  const auto* c = findOwner(list->ownerRecords, carol.id());
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->score, 7);
  EXPECT_EQ(a->subscore, 3);
  EXPECT_EQ(b->score, 5);
  EXPECT_EQ(c->score, 1);
  EXPECT_EQ(c->username, carol.username());
  EXPECT_LT(a->rank, b->rank);
  EXPECT_LT(b->rank, c->rank);

  // Owner ids without a limit: only the owners' records.
  auto onlyOwners = bob.client->leaderboards().listRecords(kImposterWins, owners({carol.id()})).get();
  ASSERT_TRUE(onlyOwners.ok()) << onlyOwners.error();
  EXPECT_TRUE(onlyOwners->records.empty());
  ASSERT_EQ(onlyOwners->ownerRecords.size(), 1u);
  EXPECT_EQ(onlyOwners->ownerRecords[0].ownerId, carol.id());
  EXPECT_EQ(onlyOwners->ownerRecords[0].rank, c->rank);

  // An owner without a record is simply absent.
  auto dave = newUser();
  auto none = alice.client->leaderboards().listRecords(kImposterWins, owners({dave.id()})).get();
  ASSERT_TRUE(none.ok()) << none.error();
  EXPECT_TRUE(none->ownerRecords.empty());
}

TEST(LeaderboardsIntegration, CursorsWalkForwardAndBack) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  ASSERT_TRUE(alice.client->leaderboards().writeRecord(kImposterWins, scoreOf(2)).get().ok());
  ASSERT_TRUE(bob.client->leaderboards().writeRecord(kImposterWins, scoreOf(1)).get().ok());
  auto api = alice.client->leaderboards();

  LeaderboardListOptions options;
  options.limit = 1;
  auto page1 = api.listRecords(kImposterWins, options).get();
  ASSERT_TRUE(page1.ok()) << page1.error();
  ASSERT_EQ(page1->records.size(), 1u);
  EXPECT_EQ(page1->records[0].rank, 1);
  EXPECT_TRUE(page1->prevCursor.empty());
  ASSERT_FALSE(page1->nextCursor.empty()) << "there are at least two records";

  options.cursor = page1->nextCursor;
  auto page2 = api.listRecords(kImposterWins, options).get();
  ASSERT_TRUE(page2.ok()) << page2.error();
  ASSERT_EQ(page2->records.size(), 1u);
  EXPECT_EQ(page2->records[0].rank, 2);
  ASSERT_FALSE(page2->prevCursor.empty());

  options.cursor = page2->prevCursor;
  auto back = api.listRecords(kImposterWins, options).get();
  ASSERT_TRUE(back.ok()) << back.error();
  ASSERT_EQ(back->records.size(), 1u);
  EXPECT_EQ(back->records[0].rank, 1);

  // The default page size is one record.
  auto defaults = api.listRecords(kImposterWins).get();
  ASSERT_TRUE(defaults.ok()) << defaults.error();
  EXPECT_EQ(defaults->records.size(), 1u);

  options.cursor = "not-a-cursor";
  expectServerError(api.listRecords(kImposterWins, options).get(), 400, GrpcCode::kInvalidArgument);
}

TEST(LeaderboardsIntegration, AroundOwner) {
  TestUser alice, bob, carol;
  ASSERT_TRUE(newUsers(alice, bob, carol));
  ASSERT_TRUE(alice.client->leaderboards().writeRecord(kCrewWins, scoreOf(30)).get().ok());
  ASSERT_TRUE(bob.client->leaderboards().writeRecord(kCrewWins, scoreOf(20)).get().ok());
  ASSERT_TRUE(carol.client->leaderboards().writeRecord(kCrewWins, scoreOf(10)).get().ok());

  LeaderboardAroundOwnerOptions options;
  options.limit = 3;
  auto list = carol.client->leaderboards().listRecordsAroundOwner(kCrewWins, bob.id(), options).get();
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_FALSE(list->records.empty());
  EXPECT_LE(list->records.size(), 3u);
  const auto* b = findOwner(list->records, bob.id());
  ASSERT_NE(b, nullptr) << "the owner is in the window";
  EXPECT_EQ(b->score, 20);
  for (std::size_t i = 1; i < list->records.size(); ++i) {
    EXPECT_EQ(list->records[i].rank, list->records[i - 1].rank + 1) << "consecutive ranks";
  }

  // Someone without a record gets an empty window.
  auto dave = newUser();
  auto empty = dave.client->leaderboards().listRecordsAroundOwner(kCrewWins, dave.id(), options).get();
  ASSERT_TRUE(empty.ok()) << empty.error();
  EXPECT_EQ(findOwner(empty->records, dave.id()), nullptr);

  expectServerError(carol.client->leaderboards().listRecordsAroundOwner(kCrewWins, "not-a-uuid").get(), 400,
                    GrpcCode::kInvalidArgument);
}

TEST(LeaderboardsIntegration, ExpiryOverrideSelectsTheResetPeriod) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->leaderboards();
  auto record = api.writeRecord(kImposterWins, scoreOf(1)).get();
  ASSERT_TRUE(record.ok()) << record.error();

  auto current = owners({alice.id()});
  current.expiry = record->expiryTime;
  auto now = api.listRecords(kImposterWins, current).get();
  ASSERT_TRUE(now.ok()) << now.error();
  ASSERT_EQ(now->ownerRecords.size(), 1u) << "the current period";

  auto lastWeek = owners({alice.id()});
  lastWeek.expiry = record->expiryTime - std::chrono::hours(24 * 7);
  auto past = api.listRecords(kImposterWins, lastWeek).get();
  ASSERT_TRUE(past.ok()) << past.error();
  EXPECT_TRUE(past->ownerRecords.empty()) << "nothing written in the previous period";
}

TEST(LeaderboardsIntegration, DeleteRecord) {
  auto carol = newUser();
  ASSERT_TRUE(carol.session);
  auto api = carol.client->leaderboards();
  ASSERT_TRUE(api.writeRecord(kImposterWins, scoreOf(1)).get().ok());
  auto del = api.deleteRecord(kImposterWins).get();
  EXPECT_TRUE(del.ok()) << del.error();
  auto after = api.listRecords(kImposterWins, owners({carol.id()})).get();
  ASSERT_TRUE(after.ok()) << after.error();
  EXPECT_TRUE(after->ownerRecords.empty());
  EXPECT_TRUE(api.deleteRecord(kImposterWins).get().ok()) << "deleting a missing record is not an error";

  // A new write starts over.
  auto fresh = api.writeRecord(kImposterWins, scoreOf(2)).get();
  ASSERT_TRUE(fresh.ok()) << fresh.error();
  EXPECT_EQ(fresh->score, 2);
  EXPECT_EQ(fresh->numScore, 1);
}

// Moves the server clock past the weekly reset: always on the in-process server (TestEnv::localServer()).
TEST(LeaderboardsIntegration, WeeklyResetStartsANewPeriod) {
  auto alice = newUser(test::TestEnv::instance().localClientOptions());
  ASSERT_TRUE(alice.session);
  auto written = alice.client->leaderboards().writeRecord(kCrewWins, scoreOf(5)).get();
  ASSERT_TRUE(written.ok()) << written.error();
  const Timestamp firstExpiry = written->expiryTime;
  const auto untilReset =
      std::chrono::duration_cast<std::chrono::seconds>(firstExpiry - std::chrono::system_clock::now());

  test::ServerClockShift shift(untilReset + std::chrono::seconds(60));
  // Tokens issued before the shift may have expired on the server's clock: sign in again.
  ASSERT_TRUE(alice.client->authenticateDevice(alice.deviceId).get().ok());
  auto api = alice.client->leaderboards();

  auto current = api.listRecords(kCrewWins, owners({alice.id()})).get();
  ASSERT_TRUE(current.ok()) << current.error();
  EXPECT_TRUE(current->ownerRecords.empty()) << "the reset started an empty period";

  auto previous = owners({alice.id()});
  previous.expiry = firstExpiry;
  auto old = api.listRecords(kCrewWins, previous).get();
  ASSERT_TRUE(old.ok()) << old.error();
  ASSERT_EQ(old->ownerRecords.size(), 1u) << "the previous period is still listable";
  EXPECT_EQ(old->ownerRecords[0].score, 5);

  auto fresh = api.writeRecord(kCrewWins, scoreOf(1)).get();
  ASSERT_TRUE(fresh.ok()) << fresh.error();
  EXPECT_EQ(fresh->score, 1) << "incr starts from zero in the new period";
  EXPECT_EQ(fresh->numScore, 1);
  EXPECT_EQ(fresh->expiryTime, firstExpiry + std::chrono::hours(24 * 7));

  // best_time never resets.
  auto best = api.writeRecord(kBestTime, scoreOf(1234)).get();
  ASSERT_TRUE(best.ok()) << best.error();
  EXPECT_EQ(best->expiryTime, Timestamp{});
}

// Equal score and subscore: the owner id decides, descending on a descending board and ascending on
// an ascending one; every tied record has its own rank.
TEST(LeaderboardsIntegration, TiesAreOrderedByOwnerId) {
  for (const bool descending : {false, true}) {
    SCOPED_TRACE(descending ? "descending weekly_crew_wins" : "ascending best_time");
    const char* board = descending ? kCrewWins : kBestTime;
    const std::int64_t score = randomBase();
    std::vector<TestUser> users;
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
      users.push_back(newUser());
      ASSERT_TRUE(users.back().session);
      ids.push_back(users.back().id());
      auto written = users.back().client->leaderboards().writeRecord(board, scoreOf(score, 7)).get();
      ASSERT_TRUE(written.ok()) << written.error();
    }
    auto api = users[0].client->leaderboards();
    auto list = api.listRecords(board, owners(ids)).get();
    ASSERT_TRUE(list.ok()) << list.error();
    ASSERT_EQ(list->ownerRecords.size(), 3u);
    std::vector<LeaderboardRecord> byRank = list->ownerRecords;
    std::sort(byRank.begin(), byRank.end(), [](const auto& a, const auto& b) { return a.rank < b.rank; });
    std::vector<std::string> expected = ids;
    std::sort(expected.begin(), expected.end());
    if (descending) std::reverse(expected.begin(), expected.end());
    EXPECT_EQ(ownersOf(byRank), expected);
    EXPECT_EQ(byRank[1].rank, byRank[0].rank + 1);
    EXPECT_EQ(byRank[2].rank, byRank[1].rank + 1);

    // A listing around the middle one shows the same order.
    LeaderboardAroundOwnerOptions around;
    around.limit = 3;
    auto window = api.listRecordsAroundOwner(board, expected[1], around).get();
    ASSERT_TRUE(window.ok()) << window.error();
    EXPECT_EQ(ownersOf(window->records), expected);
    ASSERT_EQ(window->records.size(), 3u);
    EXPECT_EQ(window->records[0].rank, byRank[0].rank);
  }
}

// An even limit puts limit/2-1 records above the owner and limit/2 below; next_cursor pages upwards
// and prev_cursor downwards (their names are swapped in 3.15). A page read upwards lists its records in
// rank order but its ranks in reverse (3.15.0 flips the records, not the ranks).
TEST(LeaderboardsIntegration, AroundOwnerWindowAndCursors) {
  auto users = rankedUsers(kCrewWins, true, 9);
  ASSERT_EQ(users.size(), 9u);
  std::vector<std::string> ids;
  for (const auto& u : users) ids.push_back(u.id());
  auto api = users[0].client->leaderboards();

  LeaderboardAroundOwnerOptions even;
  even.limit = 4;
  auto window = api.listRecordsAroundOwner(kCrewWins, ids[5], even).get();
  ASSERT_TRUE(window.ok()) << window.error();
  ASSERT_EQ(ownersOf(window->records), std::vector<std::string>(ids.begin() + 4, ids.begin() + 8));
  const std::int64_t rank4 = window->records[0].rank;  // users[i] holds rank rank4 + i - 4
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(window->records[i].rank, rank4 + static_cast<std::int64_t>(i));
  EXPECT_EQ(window->records[1].score, window->records[0].score - 1);
  ASSERT_FALSE(window->nextCursor.empty()) << "five records are above the owner";
  ASSERT_FALSE(window->prevCursor.empty()) << "three records are below the owner";

  LeaderboardAroundOwnerOptions odd;
  odd.limit = 5;
  auto oddWindow = api.listRecordsAroundOwner(kCrewWins, ids[5], odd).get();
  ASSERT_TRUE(oddWindow.ok()) << oddWindow.error();
  EXPECT_EQ(ownersOf(oddWindow->records), std::vector<std::string>(ids.begin() + 3, ids.begin() + 8));

  // prev_cursor continues below the window.
  LeaderboardAroundOwnerOptions down = even;
  down.cursor = window->prevCursor;
  auto below = api.listRecordsAroundOwner(kCrewWins, ids[5], down).get();
  ASSERT_TRUE(below.ok()) << below.error();
  ASSERT_FALSE(below->records.empty());
  EXPECT_EQ(below->records[0].ownerId, ids[8]);
  EXPECT_EQ(below->records[0].rank, rank4 + 4);

  // next_cursor continues above it: the four records above, ranks reversed.
  LeaderboardAroundOwnerOptions up = even;
  up.cursor = window->nextCursor;
  auto above = api.listRecordsAroundOwner(kCrewWins, ids[5], up).get();
  ASSERT_TRUE(above.ok()) << above.error();
  ASSERT_EQ(ownersOf(above->records), std::vector<std::string>(ids.begin(), ids.begin() + 4));
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(above->records[i].rank, rank4 - 1 - static_cast<std::int64_t>(i)) << "3.15.0 lists them reversed";
  }
  EXPECT_FALSE(above->nextCursor.empty()) << "the page ends with a cursor back down";

  // The same upward page through the plain listing.
  LeaderboardListOptions plain;
  plain.limit = 4;
  plain.cursor = window->nextCursor;
  auto listed = api.listRecords(kCrewWins, plain).get();
  ASSERT_TRUE(listed.ok()) << listed.error();
  EXPECT_EQ(ownersOf(listed->records), ownersOf(above->records));

  // A cursor that is not one: a listing says 400, the around-owner listing 500.
  plain.cursor = "bm90IGEgY3Vyc29y";
  expectServerError(api.listRecords(kCrewWins, plain).get(), 400, GrpcCode::kInvalidArgument,
                    "Cursor is invalid or expired.");
  up.cursor = plain.cursor;
  CallOptions once;
  once.idempotent = false;  // no retries of the 500
  expectServerError(api.listRecordsAroundOwner(kCrewWins, ids[5], up, once).get(), 500, GrpcCode::kInternal,
                    "Error querying records from leaderboard.");
}

// "best" keeps the better score and the better subscore, each on its own.
TEST(LeaderboardsIntegration, BestTakesScoreAndSubscoreSeparately) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->leaderboards();
  ASSERT_TRUE(api.writeRecord(kCrewWins, scoreOf(10, 5)).get().ok());
  auto mixed = api.writeRecord(kCrewWins, scoreOf(8, 9, {}, LeaderboardOperator::kBest)).get();
  ASSERT_TRUE(mixed.ok()) << mixed.error();
  EXPECT_EQ(mixed->score, 10);
  EXPECT_EQ(mixed->subscore, 9);
  EXPECT_EQ(mixed->numScore, 2);
  auto neither = api.writeRecord(kCrewWins, scoreOf(9, 8, {}, LeaderboardOperator::kBest)).get();
  ASSERT_TRUE(neither.ok()) << neither.error();
  EXPECT_EQ(neither->score, 10);
  EXPECT_EQ(neither->subscore, 9);
  EXPECT_EQ(neither->numScore, 2) << "improving neither field changes nothing";

  // Lower is better on the ascending board.
  ASSERT_TRUE(api.writeRecord(kBestTime, scoreOf(10, 5)).get().ok());
  auto asc = api.writeRecord(kBestTime, scoreOf(12, 3)).get();
  ASSERT_TRUE(asc.ok()) << asc.error();
  EXPECT_EQ(asc->score, 10);
  EXPECT_EQ(asc->subscore, 3);
  EXPECT_EQ(asc->numScore, 2);
}

// Writes that change no value (incr/decr by 0, set to the same values) leave the record alone:
// num_score, metadata (even when new metadata is sent) and update time.
TEST(LeaderboardsIntegration, WritesThatChangeNothingLeaveTheRecordAlone) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->leaderboards();
  auto first = api.writeRecord(kCrewWins, scoreOf(5, 2, R"({"round":1})")).get();
  ASSERT_TRUE(first.ok()) << first.error();
  ASSERT_NO_FATAL_FAILURE(waitForServerTimeAfter(alice, first->updateTime));

  for (const auto& write :
       {scoreOf(0, 0, R"({"round":2})"), scoreOf(0, 0, R"({"round":3})", LeaderboardOperator::kDecrement),
        scoreOf(5, 2, R"({"round":4})", LeaderboardOperator::kSet)}) {
    auto same = api.writeRecord(kCrewWins, write).get();
    ASSERT_TRUE(same.ok()) << same.error();
    EXPECT_EQ(same->score, 5);
    EXPECT_EQ(same->subscore, 2);
    EXPECT_EQ(same->numScore, 1);
    EXPECT_EQ(same->metadata, R"({"round": 1})");
    EXPECT_EQ(same->updateTime, first->updateTime);
    EXPECT_GE(same->rank, 1) << "still ranked";
  }

  auto changed = api.writeRecord(kCrewWins, scoreOf(0, 1, R"({"round":5})")).get();
  ASSERT_TRUE(changed.ok()) << changed.error();
  EXPECT_EQ(changed->subscore, 3);
  EXPECT_EQ(changed->numScore, 2);
  EXPECT_EQ(changed->metadata, R"({"round": 5})");
  EXPECT_GT(changed->updateTime, first->updateTime);
}

// Records carry the username of the session token that wrote them: renaming the account does not
// change what an older token writes, until the client authenticates again.
TEST(LeaderboardsIntegration, UsernameComesFromTheSessionToken) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  const Session oldSession = *alice.session;
  const std::string oldName = oldSession.username();
  const std::string newName = test::uniqueId("renamed-");
  AccountUpdate rename;
  rename.username = newName;
  ASSERT_TRUE(alice.client->account().update(rename).get().ok());
  auto api = alice.client->leaderboards();

  auto stale = api.writeRecord(kCrewWins, scoreOf(1)).get();
  ASSERT_TRUE(stale.ok()) << stale.error();
  EXPECT_EQ(stale->username, oldName) << "the old token still says the old name";

  auto fresh = alice.client->authenticateDevice(alice.deviceId).get();
  ASSERT_TRUE(fresh.ok()) << fresh.error();
  ASSERT_EQ(fresh->username(), newName);
  auto unchanged = api.writeRecord(kCrewWins, scoreOf(0)).get();
  ASSERT_TRUE(unchanged.ok()) << unchanged.error();
  EXPECT_EQ(unchanged->username, oldName) << "a write that changes nothing keeps the stored name";
  auto renamed = api.writeRecord(kCrewWins, scoreOf(1)).get();
  ASSERT_TRUE(renamed.ok()) << renamed.error();
  EXPECT_EQ(renamed->username, newName);

  alice.client->setSession(oldSession);
  auto again = api.writeRecord(kCrewWins, scoreOf(1)).get();
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->username, oldName);
  auto listed = api.listRecords(kCrewWins, owners({alice.id()})).get();
  ASSERT_TRUE(listed.ok()) << listed.error();
  ASSERT_EQ(listed->ownerRecords.size(), 1u);
  EXPECT_EQ(listed->ownerRecords[0].username, oldName);
}

TEST(LeaderboardsIntegration, Errors) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->leaderboards();
  const std::string unknown = test::uniqueId("no_such_board_");
  expectServerError(api.writeRecord(unknown, scoreOf(1)).get(), 404, GrpcCode::kNotFound, "Leaderboard not found.");
  expectServerError(api.listRecords(unknown).get(), 404, GrpcCode::kNotFound, "Leaderboard not found.");
  expectServerError(api.writeRecord(kImposterWins, scoreOf(1, 0, "not json")).get(), 400, GrpcCode::kInvalidArgument,
                    "Metadata value must be JSON, if provided.");
  LeaderboardListOptions tooMany;
  tooMany.limit = 101;
  expectServerError(api.listRecords(kImposterWins, tooMany).get(), 400, GrpcCode::kInvalidArgument);
  EXPECT_EQ(api.writeRecord("", scoreOf(1)).get().error().kind, ErrorKind::kInvalidArgument);
}

}  // namespace
}  // namespace nakama
