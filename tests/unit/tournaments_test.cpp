// Tournaments: every tournament transcript replayed through TournamentsApi.

#include <gtest/gtest.h>

#include "api_handles.h"
#include "nakama/tournaments.h"
#include "transcript_replay.h"

namespace nakama {
namespace {

using test::expectRecordedError;
using test::expectSameRequest;
using test::replay;
using test::transcript;

const std::string kAlice = "d7346e3a-aba1-4b6f-90ea-5b7826a1d8a7";
const std::string kBob = "7e8ab7fb-b22d-4aca-8242-d1c311ce174a";

LeaderboardRecordWrite scoreOf(std::int64_t score) {
  LeaderboardRecordWrite write;
  write.score = score;
  return write;
}

Timestamp unix(std::int64_t seconds) { return Timestamp(std::chrono::seconds(seconds)); }

void expectWeeklyVotes(const Tournament& t) {
  EXPECT_EQ(t.id, "weekly_votes");
  EXPECT_EQ(t.title, "Weekly imposter votes");
  EXPECT_EQ(t.description, "Most correct imposter votes this week");
  EXPECT_EQ(t.category, 100u);
  EXPECT_EQ(t.sortOrder, LeaderboardSortOrder::kDescending);
  EXPECT_EQ(t.size, 10u);
  EXPECT_EQ(t.maxSize, 1000u);
  EXPECT_EQ(t.maxNumScore, 1000000u);
  EXPECT_TRUE(t.canEnter);
  EXPECT_EQ(t.endActive, unix(1795996800));
  EXPECT_EQ(t.nextReset, unix(1795996800));
  EXPECT_EQ(formatTimestamp(t.endActive), "2026-11-30T00:00:00Z");
  EXPECT_EQ(t.metadata, "{\"game\": \"sagishi\"}");
  EXPECT_EQ(formatTimestamp(t.createTime), "2026-11-23T20:00:54Z");
  EXPECT_EQ(formatTimestamp(t.startTime), "2026-11-23T20:00:54Z");
  EXPECT_EQ(t.endTime, Timestamp{}) << "no end time";
  EXPECT_EQ(t.duration, 604800u);
  EXPECT_EQ(t.startActive, unix(1795464054));
  EXPECT_EQ(t.prevReset, Timestamp{}) << "absent: not set";
  EXPECT_EQ(t.scoreOperator, LeaderboardOperator::kIncrement);
  EXPECT_FALSE(t.authoritative);
  EXPECT_FALSE(t.joinRequired) << "3.15 does not report join_required";
}

TEST(Tournaments, ListByCategory) {
  const auto& t = transcript("tournament_list_category_100_127");
  auto r = replay(t);
  TournamentListOptions options;
  options.categoryStart = 100;
  options.categoryEnd = 127;
  options.limit = 10;
  auto list = makeHandle<TournamentsApi>(r.core).list(options).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->tournaments.size(), 1u);
  expectWeeklyVotes(list->tournaments[0]);
  EXPECT_TRUE(list->cursor.empty());
}

TEST(Tournaments, ListDefault) {
  const auto& t = transcript("tournament_list_default");
  auto r = replay(t);
  auto list = makeHandle<TournamentsApi>(r.core).list().get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->tournaments.size(), 1u);
  expectWeeklyVotes(list->tournaments[0]);
}

TEST(Tournaments, ListCategoryOutOfRange) {
  const auto& t = transcript("tournament_list_category_100_199");
  auto r = replay(t);
  TournamentListOptions options;
  options.categoryStart = 100;
  options.categoryEnd = 199;
  options.limit = 10;
  auto list = makeHandle<TournamentsApi>(r.core).list(options).get();
  expectSameRequest(r.onlyRequest(), t);
  expectRecordedError(list, t);
}

TEST(Tournaments, ListSendsTimesAsUnixSecondsAndCursor) {
  auto r = test::replayResponse(200, "{}");
  TournamentListOptions options;
  options.startTime = unix(1795464054);
  options.endTime = Timestamp{};
  options.cursor = "c/1";
  auto list = makeHandle<TournamentsApi>(r.core).list(options).get();
  ASSERT_TRUE(list.ok()) << list.error();
  EXPECT_TRUE(list->tournaments.empty());
  EXPECT_EQ(r.onlyRequest().target, "/v2/tournament?start_time=1795464054&end_time=0&cursor=c%2F1");
}

TEST(Tournaments, FullModelDecodes) {
  auto r = test::replayResponse(
      200,
      R"({"tournaments":[{"id":"t","end_time":"2026-12-01T00:00:00Z","prev_reset":1795392000,"authoritative":true,)"
      R"("operator":7,"sort_order":0,"can_enter":false,"join_required":true}],"cursor":"next"})");
  auto list = makeHandle<TournamentsApi>(r.core).list().get();
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->tournaments.size(), 1u);
  const auto& t = list->tournaments[0];
  EXPECT_EQ(formatTimestamp(t.endTime), "2026-12-01T00:00:00Z");
  EXPECT_EQ(t.prevReset, unix(1795392000));
  EXPECT_TRUE(t.authoritative);
  EXPECT_EQ(static_cast<int>(t.scoreOperator), 7) << "unknown enum numbers are kept";
  EXPECT_EQ(t.sortOrder, LeaderboardSortOrder::kAscending);
  EXPECT_TRUE(t.joinRequired) << "newer servers report join_required";
  EXPECT_EQ(list->cursor, "next");
}

TEST(Tournaments, WriteBeforeJoin) {
  const auto& t = transcript("tournament_write_before_join");
  auto r = replay(t);
  auto result = makeHandle<TournamentsApi>(r.core).writeRecord("weekly_votes", scoreOf(1)).get();
  expectRecordedError(result, t);
  EXPECT_EQ(result.error().grpcCode, GrpcCode::kFailedPrecondition);
  const auto sent = r.onlyRequest();
  EXPECT_EQ(sent.method, "PUT") << "the SDK uses the canonical PUT binding (POST was recorded; both are accepted)";
  EXPECT_EQ(sent.target, "/v2/tournament/weekly_votes");
  EXPECT_EQ(nlohmann::json::parse(sent.body), (nlohmann::json{{"score", "1"}}));
}

TEST(Tournaments, Join) {
  for (const char* name : {"tournament_join_alice", "tournament_join_bob", "tournament_join_again_alice"}) {
    const auto& t = transcript(name);
    auto r = replay(t);
    auto result = makeHandle<TournamentsApi>(r.core).join("weekly_votes").get();
    expectSameRequest(r.onlyRequest(), t);
    EXPECT_TRUE(result.ok()) << result.error();
  }
  const auto& t = transcript("tournament_join_unknown");
  auto r = replay(t);
  auto result = makeHandle<TournamentsApi>(r.core).join("no_such_tournament_1795464486").get();
  expectSameRequest(r.onlyRequest(), t);
  expectRecordedError(result, t);
}

TEST(Tournaments, WriteRecords) {
  {
    const auto& t = transcript("tournament_write_alice_put");
    auto r = replay(t);
    LeaderboardRecordWrite write = scoreOf(2);
    write.metadata = "{\"votes\": [\"bob\", \"carol\"]}";
    auto record = makeHandle<TournamentsApi>(r.core).writeRecord("weekly_votes", write).get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(record.ok()) << record.error();
    EXPECT_EQ(record->leaderboardId, "weekly_votes");
    EXPECT_EQ(record->ownerId, kAlice);
    EXPECT_EQ(record->score, 2);
    EXPECT_EQ(record->numScore, 1);
    EXPECT_EQ(record->metadata, write.metadata);
    EXPECT_EQ(formatTimestamp(record->expiryTime), "2026-11-30T00:00:00Z");
    EXPECT_EQ(record->rank, 1);
  }
  {
    const auto& t = transcript("tournament_write_bob_post");
    auto r = replay(t);
    LeaderboardRecordWrite write = scoreOf(1);
    write.metadata = "{\"votes\": [\"alice\"]}";
    auto record = makeHandle<TournamentsApi>(r.core).writeRecord("weekly_votes", write).get();
    ASSERT_TRUE(record.ok()) << record.error();
    const auto sent = r.onlyRequest();
    EXPECT_EQ(sent.method, "PUT");
    EXPECT_EQ(test::normalizeNumbers(nlohmann::json::parse(sent.body)), test::normalizeNumbers(t.request.at("body")));
    EXPECT_EQ(record->ownerId, kBob);
    EXPECT_EQ(record->rank, 2);
  }
  {
    const auto& t = transcript("tournament_write_alice_again");
    auto r = replay(t);
    auto record = makeHandle<TournamentsApi>(r.core).writeRecord("weekly_votes", scoreOf(1)).get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(record.ok()) << record.error();
    EXPECT_EQ(record->score, 3) << "incr";
    EXPECT_EQ(record->numScore, 2);
    EXPECT_EQ(record->metadata, "{\"votes\": [\"bob\", \"carol\"]}") << "metadata kept when not sent";
  }
}

TEST(Tournaments, ListRecords) {
  const auto& t = transcript("tournament_list_records");
  auto r = replay(t);
  LeaderboardListOptions options;
  options.limit = 10;
  auto list = makeHandle<TournamentsApi>(r.core).listRecords("weekly_votes", options).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->records.size(), 2u);
  EXPECT_EQ(list->records[0].ownerId, kAlice);
  EXPECT_EQ(list->records[0].score, 3);
  EXPECT_EQ(list->records[1].ownerId, kBob);
  EXPECT_EQ(list->records[1].rank, 2);
  EXPECT_TRUE(list->ownerRecords.empty());
}

TEST(Tournaments, ListRecordsByOwnerIds) {
  const auto& t = transcript("tournament_list_records_by_owner_ids");
  auto r = replay(t);
  LeaderboardListOptions options;
  options.ownerIds = {kAlice, kBob};
  auto list = makeHandle<TournamentsApi>(r.core).listRecords("weekly_votes", options).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  EXPECT_EQ(list->records.size(), 2u);
  ASSERT_EQ(list->ownerRecords.size(), 2u);
  EXPECT_EQ(list->ownerRecords[0].ownerId, kBob);
  EXPECT_EQ(list->ownerRecords[1].ownerId, kAlice);
}

TEST(Tournaments, AroundOwner) {
  const auto& t = transcript("tournament_list_records_around_owner");
  auto r = replay(t);
  LeaderboardAroundOwnerOptions options;
  options.limit = 5;
  auto list = makeHandle<TournamentsApi>(r.core).listRecordsAroundOwner("weekly_votes", kAlice, options).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->records.size(), 2u);
  EXPECT_EQ(list->records[0].rank, 1);
  EXPECT_EQ(list->records[1].rank, 2);
}

TEST(Tournaments, WriteIsNotRetriedButJoinIs) {
  CallOptions call;
  call.retry = RetryPolicy{};
  call.retry->baseDelay = std::chrono::milliseconds(1);
  auto w = test::replayResponse(500, "{\"code\":13,\"message\":\"boom\"}");
  EXPECT_FALSE(makeHandle<TournamentsApi>(w.core).writeRecord("weekly_votes", scoreOf(1), call).get().ok());
  EXPECT_EQ(w.transport->requests().size(), 1u);
  auto j = test::replayResponse(500, "{\"code\":13,\"message\":\"boom\"}");
  EXPECT_FALSE(makeHandle<TournamentsApi>(j.core).join("weekly_votes", call).get().ok());
  EXPECT_EQ(j.transport->requests().size(), 3u);
}

TEST(Tournaments, EmptyIdsFailWithoutIo) {
  auto r = test::replayResponse(200, "{}");
  auto api = makeHandle<TournamentsApi>(r.core);
  EXPECT_EQ(api.join("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.writeRecord("", scoreOf(1)).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.listRecords("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.listRecordsAroundOwner("weekly_votes", "").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(r.transport->requests().empty());
}

}  // namespace
}  // namespace nakama
