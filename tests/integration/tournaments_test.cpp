// Tournaments against the test server (or a real Nakama 3.15 with the `weekly_votes` fixture).
// Never send a non-zero subscore to weekly_votes (a 3.15.0 defect updates every record then).

#include <gtest/gtest.h>

#include <random>

#include "nakama/account.h"
#include "nakama/client.h"
#include "nakama/tournaments.h"
#include "test_env.h"
#include "test_helpers.h"

namespace nakama {
namespace {

using test::expectServerError;
using test::findOwner;
using test::newUser;
using test::newUsers;
using test::TestUser;

constexpr const char* kWeeklyVotes = "weekly_votes";

LeaderboardRecordWrite scoreOf(std::int64_t score, std::string metadata = {}) {
  LeaderboardRecordWrite write;
  write.score = score;  // subscore stays 0: see the file comment
  write.metadata = std::move(metadata);
  return write;
}

const Tournament* findTournament(const TournamentList& list, const std::string& id) {
  for (const auto& t : list.tournaments) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

TEST(TournamentsIntegration, ListShowsTheFixture) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  TournamentListOptions options;
  options.categoryStart = 100;
  options.categoryEnd = 127;
  options.limit = 10;
  const auto now = std::chrono::system_clock::now();
  auto list = alice.client->tournaments().list(options).get();
  ASSERT_TRUE(list.ok()) << list.error();
  const Tournament* t = findTournament(*list, kWeeklyVotes);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->title, "Weekly imposter votes");
  EXPECT_EQ(t->description, "Most correct imposter votes this week");
  EXPECT_EQ(t->category, 100u);
  EXPECT_EQ(t->sortOrder, LeaderboardSortOrder::kDescending);
  EXPECT_EQ(t->scoreOperator, LeaderboardOperator::kIncrement);
  EXPECT_EQ(t->maxSize, 1000u);
  EXPECT_EQ(t->maxNumScore, 1000000u);
  EXPECT_EQ(t->duration, 604800u);
  EXPECT_EQ(t->metadata, "{\"game\": \"sagishi\"}");
  EXPECT_FALSE(t->authoritative);
  EXPECT_TRUE(t->canEnter);
  EXPECT_EQ(t->nextReset, test::nextMondayUtc(now)) << formatTimestamp(t->nextReset);
  EXPECT_LE(t->startActive, now + std::chrono::seconds(1));
  EXPECT_GT(t->endActive, now);
  EXPECT_LE(t->endActive, t->nextReset);
  EXPECT_LE(t->startTime, now + std::chrono::seconds(1));
  EXPECT_NE(t->createTime, Timestamp{});
  EXPECT_EQ(t->endTime, Timestamp{}) << "the fixture never ends";

  // The default listing (categories 0-127) includes it too; a range without category 100 does not.
  auto all = alice.client->tournaments().list().get();
  ASSERT_TRUE(all.ok()) << all.error();
  EXPECT_NE(findTournament(*all, kWeeklyVotes), nullptr);
  TournamentListOptions low;
  low.categoryStart = 0;
  low.categoryEnd = 99;
  auto others = alice.client->tournaments().list(low).get();
  ASSERT_TRUE(others.ok()) << others.error();
  EXPECT_EQ(findTournament(*others, kWeeklyVotes), nullptr);
}

TEST(TournamentsIntegration, ListValidation) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->tournaments();
  TournamentListOptions options;
  options.categoryStart = 100;
  options.categoryEnd = 199;
  options.limit = 10;
  expectServerError(api.list(options).get(), 400, GrpcCode::kInvalidArgument,
                    "Tournament category end must be >=0 and <128.");
  options.categoryStart = 50;
  options.categoryEnd = 10;
  expectServerError(api.list(options).get(), 400, GrpcCode::kInvalidArgument,
                    "Tournament category end must be greater than category start.");
  for (const std::int32_t limit : {0, 101}) {
    TournamentListOptions badLimit;
    badLimit.limit = limit;
    expectServerError(api.list(badLimit).get(), 400, GrpcCode::kInvalidArgument, "Limit must be between 1 and 100.");
  }
  const auto now = std::chrono::system_clock::now();
  TournamentListOptions times;
  times.startTime = Timestamp(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()));
  times.endTime = *times.startTime - std::chrono::hours(1);
  expectServerError(api.list(times).get(), 400, GrpcCode::kInvalidArgument,
                    "Tournament end time must be greater than start time.");

  // category_start alone is not range-checked: it just selects nothing below it.
  TournamentListOptions high;
  high.categoryStart = 200;
  auto none = api.list(high).get();
  ASSERT_TRUE(none.ok()) << none.error();
  EXPECT_EQ(findTournament(*none, kWeeklyVotes), nullptr);
}

TEST(TournamentsIntegration, JoinRequiredThenWriteAndIncrement) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));

  expectServerError(alice.client->tournaments().writeRecord(kWeeklyVotes, scoreOf(1)).get(), 400,
                    GrpcCode::kFailedPrecondition, "Must join tournament before attempting to write value.");

  ASSERT_TRUE(alice.client->tournaments().join(kWeeklyVotes).get().ok());
  auto again = alice.client->tournaments().join(kWeeklyVotes).get();
  EXPECT_TRUE(again.ok()) << "joining twice is fine: " << again.error();
  ASSERT_TRUE(bob.client->tournaments().join(kWeeklyVotes).get().ok());

  const auto now = std::chrono::system_clock::now();
  auto first = alice.client->tournaments().writeRecord(kWeeklyVotes, scoreOf(2, "{\"votes\": [\"bob\"]}")).get();
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first->leaderboardId, kWeeklyVotes);
  EXPECT_EQ(first->ownerId, alice.id());
  EXPECT_EQ(first->username, alice.username());
  EXPECT_EQ(first->score, 2);
  EXPECT_EQ(first->subscore, 0);
  EXPECT_EQ(first->numScore, 1);
  EXPECT_EQ(first->metadata, "{\"votes\": [\"bob\"]}");
  EXPECT_EQ(first->maxNumScore, 1000000u);
  EXPECT_EQ(first->expiryTime, test::nextMondayUtc(now));

  auto second = alice.client->tournaments().writeRecord(kWeeklyVotes, scoreOf(1)).get();
  ASSERT_TRUE(second.ok()) << second.error();
  EXPECT_EQ(second->score, 3) << "incr";
  EXPECT_EQ(second->numScore, 2);
  EXPECT_EQ(second->metadata, "{\"votes\": [\"bob\"]}");

  auto bobs = bob.client->tournaments().writeRecord(kWeeklyVotes, scoreOf(1)).get();
  ASSERT_TRUE(bobs.ok()) << bobs.error();
  EXPECT_GT(bobs->rank, second->rank);

  // Listing by owners.
  LeaderboardListOptions options;
  options.ownerIds = {alice.id(), bob.id()};
  auto list = bob.client->tournaments().listRecords(kWeeklyVotes, options).get();
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->ownerRecords.size(), 2u);
  const auto* a = findOwner(list->ownerRecords, alice.id());
  const auto* b = findOwner(list->ownerRecords, bob.id());
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->score, 3);
  EXPECT_EQ(b->score, 1);
  EXPECT_LT(a->rank, b->rank);

  // Around the owner.
  LeaderboardAroundOwnerOptions around;
  around.limit = 5;
  auto window = alice.client->tournaments().listRecordsAroundOwner(kWeeklyVotes, alice.id(), around).get();
  ASSERT_TRUE(window.ok()) << window.error();
  EXPECT_LE(window->records.size(), 5u);
  const auto* mine = findOwner(window->records, alice.id());
  ASSERT_NE(mine, nullptr);
  EXPECT_EQ(mine->score, 3);

  // A plain page of records.
  LeaderboardListOptions page;
  page.limit = 10;
  auto top = alice.client->tournaments().listRecords(kWeeklyVotes, page).get();
  ASSERT_TRUE(top.ok()) << top.error();
  ASSERT_FALSE(top->records.empty());
  EXPECT_LE(top->records.size(), 10u);
  EXPECT_EQ(top->records[0].rank, 1);
  for (std::size_t i = 1; i < top->records.size(); ++i) {
    EXPECT_GE(top->records[i - 1].score, top->records[i].score) << "descending";
  }
}

TEST(TournamentsIntegration, JoiningCountsTowardsTheSize) {
  auto carol = newUser();
  ASSERT_TRUE(carol.session);
  auto before = carol.client->tournaments().list().get();
  ASSERT_TRUE(before.ok()) << before.error();
  const auto* t0 = findTournament(*before, kWeeklyVotes);
  ASSERT_NE(t0, nullptr);
  ASSERT_TRUE(carol.client->tournaments().join(kWeeklyVotes).get().ok());
  auto after = carol.client->tournaments().list().get();
  ASSERT_TRUE(after.ok()) << after.error();
  const auto* t1 = findTournament(*after, kWeeklyVotes);
  ASSERT_NE(t1, nullptr);
  EXPECT_GT(t1->size, t0->size) << "(other users may join concurrently, so only growth is asserted)";
}

// Moves the server clock past the weekly reset: always on the in-process server (TestEnv::localServer()).
TEST(TournamentsIntegration, ResetRequiresJoiningAgain) {
  auto alice = newUser(test::TestEnv::instance().localClientOptions());
  ASSERT_TRUE(alice.session);
  ASSERT_TRUE(alice.client->tournaments().join(kWeeklyVotes).get().ok());
  auto written = alice.client->tournaments().writeRecord(kWeeklyVotes, scoreOf(4)).get();
  ASSERT_TRUE(written.ok()) << written.error();
  const Timestamp firstExpiry = written->expiryTime;
  const auto untilReset =
      std::chrono::duration_cast<std::chrono::seconds>(firstExpiry - std::chrono::system_clock::now());

  test::ServerClockShift shift(untilReset + std::chrono::seconds(60));
  ASSERT_TRUE(alice.client->authenticateDevice(alice.deviceId).get().ok());
  auto api = alice.client->tournaments();

  auto list = api.list().get();
  ASSERT_TRUE(list.ok()) << list.error();
  const Tournament* t = findTournament(*list, kWeeklyVotes);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->nextReset, firstExpiry + std::chrono::hours(24 * 7));
  EXPECT_EQ(t->prevReset, firstExpiry);
  EXPECT_EQ(t->startActive, firstExpiry);
  EXPECT_EQ(t->endActive, t->nextReset);
  EXPECT_TRUE(t->canEnter);

  expectServerError(api.writeRecord(kWeeklyVotes, scoreOf(1)).get(), 400, GrpcCode::kFailedPrecondition,
                    "Must join tournament before attempting to write value.");
  ASSERT_TRUE(api.join(kWeeklyVotes).get().ok());
  auto fresh = api.writeRecord(kWeeklyVotes, scoreOf(1)).get();
  ASSERT_TRUE(fresh.ok()) << fresh.error();
  EXPECT_EQ(fresh->score, 1);
  EXPECT_EQ(fresh->expiryTime, t->nextReset);

  LeaderboardListOptions previous;
  previous.ownerIds = {alice.id()};
  previous.expiry = firstExpiry;
  auto old = api.listRecords(kWeeklyVotes, previous).get();
  ASSERT_TRUE(old.ok()) << old.error();
  ASSERT_EQ(old->ownerRecords.size(), 1u);
  EXPECT_EQ(old->ownerRecords[0].score, 4);
}

// Around-owner on a tournament: the window of a leaderboard, but 3.15.0 sends the upward cursor as
// both next_cursor and prev_cursor. (Few users: every join counts towards the weekly max_size. Scores
// stay below 2^31: 3.15 on PostgreSQL fails larger writes to this tournament.)
TEST(TournamentsIntegration, AroundOwnerCopiesTheNextCursor) {
  static std::mt19937_64 rng{std::random_device{}()};
  const std::int64_t base = 1'000'000'000LL + static_cast<std::int64_t>(rng() % 1'000'000'000ULL);
  std::vector<TestUser> users;  // best first: scores base+4 .. base, consecutive ranks
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    users.push_back(newUser());
    ASSERT_TRUE(users.back().session);
    ids.push_back(users.back().id());
    auto api = users.back().client->tournaments();
    ASSERT_TRUE(api.join(kWeeklyVotes).get().ok());
    auto written = api.writeRecord(kWeeklyVotes, scoreOf(base + 4 - i)).get();
    ASSERT_TRUE(written.ok()) << written.error();
  }
  const auto ownersOf = [](const TournamentRecordList& list) {
    std::vector<std::string> out;
    for (const auto& r : list.records) out.push_back(r.ownerId);
    return out;
  };
  auto api = users[0].client->tournaments();
  LeaderboardAroundOwnerOptions options;
  options.limit = 2;
  auto window = api.listRecordsAroundOwner(kWeeklyVotes, ids[3], options).get();
  ASSERT_TRUE(window.ok()) << window.error();
  ASSERT_EQ(ownersOf(*window), (std::vector<std::string>{ids[3], ids[4]})) << "limit/2-1 above, limit/2 below";
  EXPECT_EQ(window->records[1].rank, window->records[0].rank + 1);
  ASSERT_FALSE(window->nextCursor.empty()) << "three records are above the owner";
  EXPECT_EQ(window->prevCursor, window->nextCursor);

  options.cursor = window->prevCursor;
  auto above = api.listRecordsAroundOwner(kWeeklyVotes, ids[3], options).get();
  ASSERT_TRUE(above.ok()) << above.error();
  ASSERT_EQ(ownersOf(*above), (std::vector<std::string>{ids[1], ids[2]})) << "the page above the window";
  const std::int64_t rank3 = window->records[0].rank;
  EXPECT_EQ(above->records[0].rank, rank3 - 1) << "3.15.0 lists an upward page's ranks reversed";
  EXPECT_EQ(above->records[1].rank, rank3 - 2);
  EXPECT_EQ(above->prevCursor, above->nextCursor);
}

// Like leaderboards, records carry the username of the token used to join or write.
TEST(TournamentsIntegration, UsernameComesFromTheSessionToken) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  const std::string oldName = alice.username();
  const std::string newName = test::uniqueId("renamed-");
  AccountUpdate rename;
  rename.username = newName;
  ASSERT_TRUE(alice.client->account().update(rename).get().ok());
  auto api = alice.client->tournaments();
  ASSERT_TRUE(api.join(kWeeklyVotes).get().ok());

  LeaderboardListOptions mine;
  mine.ownerIds = {alice.id()};
  auto joined = api.listRecords(kWeeklyVotes, mine).get();
  ASSERT_TRUE(joined.ok()) << joined.error();
  ASSERT_EQ(joined->ownerRecords.size(), 1u);
  EXPECT_EQ(joined->ownerRecords[0].username, oldName);
  EXPECT_EQ(joined->ownerRecords[0].numScore, 0) << "joining creates an empty record";

  ASSERT_TRUE(alice.client->authenticateDevice(alice.deviceId).get().ok());
  auto nothing = api.writeRecord(kWeeklyVotes, scoreOf(0)).get();
  ASSERT_TRUE(nothing.ok()) << nothing.error();
  EXPECT_EQ(nothing->username, oldName) << "adding 0 changes nothing";
  EXPECT_EQ(nothing->numScore, 0);
  auto written = api.writeRecord(kWeeklyVotes, scoreOf(2)).get();
  ASSERT_TRUE(written.ok()) << written.error();
  EXPECT_EQ(written->username, newName);
  EXPECT_EQ(written->numScore, 1);
}

TEST(TournamentsIntegration, UnknownTournament) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->tournaments();
  const std::string unknown = test::uniqueId("no_such_tournament_");
  expectServerError(api.join(unknown).get(), 404, GrpcCode::kNotFound, "Tournament not found.");
  EXPECT_FALSE(api.writeRecord(unknown, scoreOf(1)).get().ok());
  EXPECT_EQ(api.join("").get().error().kind, ErrorKind::kInvalidArgument);
}

}  // namespace
}  // namespace nakama
