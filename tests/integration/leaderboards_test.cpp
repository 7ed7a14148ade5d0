// Leaderboards against the test server (or a real Nakama 3.15 with the fixtures of test-fixtures.md).
// The leaderboards are shared by every user of a long-lived server: assertions only look at this
// test's own users (owner ids), and ranks are compared between them, never as absolute values.

#include <gtest/gtest.h>

#include "areas2_util.h"
#include "nakama/client.h"
#include "nakama/leaderboards.h"
#include "test_env.h"

namespace nakama {
namespace {

using testing::expectServerError;
using testing::findOwner;
using testing::newUser;

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
  EXPECT_EQ(first->expiryTime, testing::nextMondayUtc(before)) << formatTimestamp(first->expiryTime);

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
  auto alice = newUser();
  auto bob = newUser();
  auto carol = newUser();
  ASSERT_TRUE(alice.session && bob.session && carol.session);
  ASSERT_TRUE(alice.client->leaderboards().writeRecord(kImposterWins, scoreOf(7, 3)).get().ok());
  ASSERT_TRUE(bob.client->leaderboards().writeRecord(kImposterWins, scoreOf(5)).get().ok());
  ASSERT_TRUE(carol.client->leaderboards().writeRecord(kImposterWins, scoreOf(1)).get().ok());

  auto list = alice.client->leaderboards()
                  .listRecords(kImposterWins, owners({alice.id(), bob.id(), carol.id()}, 100))
                  .get();
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
  auto alice = newUser();
  auto bob = newUser();
  ASSERT_TRUE(alice.session && bob.session);
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
  auto alice = newUser();
  auto bob = newUser();
  auto carol = newUser();
  ASSERT_TRUE(alice.session && bob.session && carol.session);
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
  auto alice = newUser(testing::TestEnv::instance().localClientOptions());
  ASSERT_TRUE(alice.session);
  auto written = alice.client->leaderboards().writeRecord(kCrewWins, scoreOf(5)).get();
  ASSERT_TRUE(written.ok()) << written.error();
  const Timestamp firstExpiry = written->expiryTime;
  const auto untilReset = std::chrono::duration_cast<std::chrono::seconds>(firstExpiry - std::chrono::system_clock::now());

  testing::ServerClockShift shift(untilReset + std::chrono::seconds(60));
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

TEST(LeaderboardsIntegration, Errors) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->leaderboards();
  const std::string unknown = testing::uniqueId("no_such_board_");
  expectServerError(api.writeRecord(unknown, scoreOf(1)).get(), 404, GrpcCode::kNotFound, "Leaderboard not found.");
  expectServerError(api.listRecords(unknown).get(), 404, GrpcCode::kNotFound, "Leaderboard not found.");
  expectServerError(api.writeRecord(kImposterWins, scoreOf(1, 0, "not json")).get(), 400,
                    GrpcCode::kInvalidArgument, "Metadata value must be JSON, if provided.");
  LeaderboardListOptions tooMany;
  tooMany.limit = 101;
  expectServerError(api.listRecords(kImposterWins, tooMany).get(), 400, GrpcCode::kInvalidArgument);
  EXPECT_EQ(api.writeRecord("", scoreOf(1)).get().error().kind, ErrorKind::kInvalidArgument);
}

}  // namespace
}  // namespace nakama
