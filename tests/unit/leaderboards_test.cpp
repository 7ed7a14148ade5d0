// Leaderboards: every leaderboard transcript replayed through LeaderboardsApi (request built as
// recorded, response decoded).

#include <gtest/gtest.h>

#include "api_handles.h"
#include "nakama/leaderboards.h"
#include "transcript_replay.h"

namespace nakama {
namespace {

using test::expectRecordedError;
using test::expectSameRequest;
using test::replay;
using test::transcript;

const std::string kAlice = "d7346e3a-aba1-4b6f-90ea-5b7826a1d8a7";
const std::string kBob = "7e8ab7fb-b22d-4aca-8242-d1c311ce174a";
const std::string kCarol = "69b275f9-7699-46ff-84ca-c1302ac4b086";

LeaderboardRecordWrite scoreOf(std::int64_t score, std::int64_t subscore = 0) {
  LeaderboardRecordWrite write;
  write.score = score;
  write.subscore = subscore;
  return write;
}

TEST(Leaderboards, WriteDecodesTheFullRecord) {
  const auto& t = transcript("leaderboard_write_alice");
  auto r = replay(t);
  LeaderboardRecordWrite write;
  write.score = 3;
  write.subscore = 1;
  write.metadata = "{\"map\": \"mansion\"}";
  auto record = makeHandle<LeaderboardsApi>(r.core).writeRecord("weekly_imposter_wins", write).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(record.ok()) << record.error();
  EXPECT_EQ(record->leaderboardId, "weekly_imposter_wins");
  EXPECT_EQ(record->ownerId, kAlice);
  EXPECT_EQ(record->username, "alice_1795464486");
  EXPECT_EQ(record->score, 3);
  EXPECT_EQ(record->subscore, 1);
  EXPECT_EQ(record->numScore, 1);
  EXPECT_EQ(record->metadata, "{\"map\": \"mansion\"}");
  EXPECT_EQ(formatTimestamp(record->createTime), "2026-11-23T20:08:08Z");
  EXPECT_EQ(formatTimestamp(record->updateTime), "2026-11-23T20:08:08Z");
  EXPECT_EQ(formatTimestamp(record->expiryTime), "2026-11-30T00:00:00Z");
  EXPECT_EQ(record->rank, 1);
  EXPECT_EQ(record->maxNumScore, 1000000u);
}

TEST(Leaderboards, WriteWithoutSubscoreOrMetadata) {
  for (const char* name : {"leaderboard_write_bob", "leaderboard_write_carol", "leaderboard_write_alice_increment"}) {
    const auto& t = transcript(name);
    auto r = replay(t);
    LeaderboardRecordWrite write;
    const auto& body = t.request.at("body");
    write.score = body.at("score").is_string() ? std::stoll(body.at("score").get<std::string>())
                                               : body.at("score").get<std::int64_t>();
    if (body.contains("subscore")) write.subscore = body.at("subscore").get<std::int64_t>();
    if (body.contains("metadata")) write.metadata = body.at("metadata").get<std::string>();
    auto record = makeHandle<LeaderboardsApi>(r.core).writeRecord("weekly_imposter_wins", write).get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(record.ok()) << record.error();
  }
  auto r = replay(transcript("leaderboard_write_carol"));
  auto carol = makeHandle<LeaderboardsApi>(r.core).writeRecord("weekly_imposter_wins", scoreOf(1)).get();
  ASSERT_TRUE(carol.ok());
  EXPECT_EQ(carol->subscore, 0) << "absent subscore is zero";
  EXPECT_EQ(carol->metadata, "{}");
  EXPECT_EQ(carol->rank, 4);

  auto inc = replay(transcript("leaderboard_write_alice_increment"));
  auto alice = makeHandle<LeaderboardsApi>(inc.core).writeRecord("weekly_imposter_wins", scoreOf(4, 2)).get();
  ASSERT_TRUE(alice.ok());
  EXPECT_EQ(alice->score, 7);
  EXPECT_EQ(alice->subscore, 3);
  EXPECT_EQ(alice->numScore, 2);
}

TEST(Leaderboards, OperatorOverrideIsSentAsNumber) {
  const auto& t = transcript("leaderboard_crew_wins_write_bob_operator");  // recorded as "operator":"SET"
  auto r = replay(t);
  LeaderboardRecordWrite write;
  write.score = 2;
  write.operatorOverride = LeaderboardOperator::kSet;
  auto record = makeHandle<LeaderboardsApi>(r.core).writeRecord("weekly_crew_wins", write).get();
  ASSERT_TRUE(record.ok()) << record.error();
  auto sent = nlohmann::json::parse(r.onlyRequest().body);
  EXPECT_EQ(sent, (nlohmann::json{{"score", "2"}, {"operator", 2}}));
  EXPECT_EQ(test::parseTarget(r.onlyRequest().target).path, "/v2/leaderboard/weekly_crew_wins");
  EXPECT_EQ(record->score, 2);
  EXPECT_EQ(record->ownerId, kBob);
}

TEST(Leaderboards, WriteIsNotRetriedByDefault) {
  auto r = test::replayResponse(503, "{\"code\":14,\"message\":\"unavailable\"}");
  CallOptions call;
  call.retry = RetryPolicy{};
  call.retry->baseDelay = std::chrono::milliseconds(1);
  auto record = makeHandle<LeaderboardsApi>(r.core).writeRecord("weekly_imposter_wins", scoreOf(1), call).get();
  EXPECT_FALSE(record.ok());
  EXPECT_EQ(r.transport->requests().size(), 1u);

  auto idem = test::replayResponse(503, "{\"code\":14,\"message\":\"unavailable\"}");
  call.idempotent = true;
  LeaderboardRecordWrite best;
  best.score = 1;
  best.operatorOverride = LeaderboardOperator::kBest;
  EXPECT_FALSE(makeHandle<LeaderboardsApi>(idem.core).writeRecord("best_time", best, call).get().ok());
  EXPECT_EQ(idem.transport->requests().size(), 3u) << "CallOptions::idempotent allows retries";
}

TEST(Leaderboards, WriteErrors) {
  {
    const auto& t = transcript("leaderboard_write_invalid_metadata");
    auto r = replay(t);
    LeaderboardRecordWrite write;
    write.score = 1;
    write.metadata = "not json";
    auto result = makeHandle<LeaderboardsApi>(r.core).writeRecord("weekly_imposter_wins", write).get();
    expectSameRequest(r.onlyRequest(), t);
    expectRecordedError(result, t);
  }
  {
    const auto& t = transcript("leaderboard_write_unknown");
    auto r = replay(t);
    auto result = makeHandle<LeaderboardsApi>(r.core).writeRecord("no_such_board_1795464486", scoreOf(1)).get();
    expectSameRequest(r.onlyRequest(), t);
    expectRecordedError(result, t);
    EXPECT_EQ(result.error().grpcCode, GrpcCode::kNotFound);
  }
}

TEST(Leaderboards, ListPagesWithCursor) {
  const auto& page1 = transcript("leaderboard_list_limit2_page1");
  auto r1 = replay(page1);
  LeaderboardListOptions options;
  options.limit = 2;
  auto first = makeHandle<LeaderboardsApi>(r1.core).listRecords("weekly_imposter_wins", options).get();
  expectSameRequest(r1.onlyRequest(), page1);
  ASSERT_TRUE(first.ok()) << first.error();
  ASSERT_EQ(first->records.size(), 2u);
  EXPECT_EQ(first->records[0].ownerId, kAlice);
  EXPECT_EQ(first->records[0].rank, 1);
  EXPECT_EQ(first->records[1].ownerId, kBob);
  EXPECT_EQ(first->records[1].rank, 2);
  EXPECT_EQ(first->records[1].subscore, 0);
  EXPECT_TRUE(first->ownerRecords.empty());
  EXPECT_FALSE(first->nextCursor.empty());
  EXPECT_TRUE(first->prevCursor.empty());

  const auto& page2 = transcript("leaderboard_list_limit2_page2");
  EXPECT_EQ(page2.request.at("query").at("cursor").get<std::string>(), first->nextCursor);
  auto r2 = replay(page2);
  options.cursor = first->nextCursor;
  auto second = makeHandle<LeaderboardsApi>(r2.core).listRecords("weekly_imposter_wins", options).get();
  expectSameRequest(r2.onlyRequest(), page2);  // the cursor ('_', '-' and '=' included) survives encoding
  ASSERT_TRUE(second.ok()) << second.error();
  ASSERT_FALSE(second->records.empty());
  EXPECT_EQ(second->records[0].rank, 3);
  EXPECT_FALSE(second->prevCursor.empty());
}

TEST(Leaderboards, ListByOwnerIds) {
  const auto& t = transcript("leaderboard_list_by_owner_ids");
  auto r = replay(t);
  LeaderboardListOptions options;
  options.ownerIds = {kAlice, kBob, kCarol};
  options.limit = 100;
  auto list = makeHandle<LeaderboardsApi>(r.core).listRecords("weekly_imposter_wins", options).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  EXPECT_FALSE(list->records.empty());
  ASSERT_EQ(list->ownerRecords.size(), 3u);
  std::map<std::string, std::int64_t> scores;
  for (const auto& record : list->ownerRecords) scores[record.ownerId] = record.score;
  EXPECT_EQ(scores[kAlice], 7);
  EXPECT_EQ(scores[kBob], 5);
  EXPECT_EQ(scores[kCarol], 1);
}

TEST(Leaderboards, ListByOwnerIdsWithoutLimitReturnsOnlyOwnerRecords) {
  const auto& t = transcript("leaderboard_list_by_owner_ids_no_limit");
  auto r = replay(t);
  LeaderboardListOptions options;
  options.ownerIds = {kCarol};
  auto list = makeHandle<LeaderboardsApi>(r.core).listRecords("weekly_imposter_wins", options).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  EXPECT_TRUE(list->records.empty());
  ASSERT_EQ(list->ownerRecords.size(), 1u);
  EXPECT_EQ(list->ownerRecords[0].ownerId, kCarol);
  EXPECT_EQ(list->ownerRecords[0].rank, 4);
  EXPECT_TRUE(list->nextCursor.empty());
}

TEST(Leaderboards, CamelCaseOwnerIdsAnswerDecodes) {
  const auto& t = transcript("leaderboard_list_owner_ids_camelcase_param");
  auto r = replay(t);
  LeaderboardListOptions options;
  options.ownerIds = {kBob};
  options.limit = 1;
  auto list = makeHandle<LeaderboardsApi>(r.core).listRecords("weekly_imposter_wins", options).get();
  ASSERT_TRUE(list.ok()) << list.error();
  EXPECT_EQ(test::parseTarget(r.onlyRequest().target).values("owner_ids"), std::vector<std::string>{kBob})
      << "the SDK sends the proto name";
  ASSERT_EQ(list->records.size(), 1u);
  EXPECT_EQ(list->records[0].ownerId, kAlice);
  ASSERT_EQ(list->ownerRecords.size(), 1u);
  EXPECT_EQ(list->ownerRecords[0].ownerId, kBob);
  EXPECT_FALSE(list->nextCursor.empty());
}

TEST(Leaderboards, AroundOwner) {
  const auto& t = transcript("leaderboard_list_around_owner");
  auto r = replay(t);
  LeaderboardAroundOwnerOptions options;
  options.limit = 3;
  auto list = makeHandle<LeaderboardsApi>(r.core).listRecordsAroundOwner("weekly_imposter_wins", kCarol, options).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->records.size(), 3u);
  EXPECT_EQ(list->records[0].rank, 2);
  EXPECT_EQ(list->records[1].rank, 3);
  EXPECT_EQ(list->records[1].subscore, 21);
  EXPECT_EQ(list->records[1].numScore, 4);
  EXPECT_EQ(formatTimestamp(list->records[1].updateTime), "2026-11-23T20:04:44Z");
  EXPECT_EQ(list->records[2].ownerId, kCarol);
  EXPECT_EQ(list->records[2].rank, 4);
}

TEST(Leaderboards, BestOperatorLeaderboardHasNoExpiry) {
  for (const char* name : {"leaderboard_best_time_write_alice", "leaderboard_best_time_write_alice_worse"}) {
    const auto& t = transcript(name);
    auto r = replay(t);
    LeaderboardRecordWrite write;
    write.score = t.request.at("body").at("score").get<std::int64_t>();
    auto record = makeHandle<LeaderboardsApi>(r.core).writeRecord("best_time", write).get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(record.ok()) << record.error();
    EXPECT_EQ(record->score, 95000) << "best keeps the lower time";
    EXPECT_EQ(record->expiryTime, Timestamp{}) << "no reset: no expiry";
  }
  const auto& t = transcript("leaderboard_best_time_around_owner");
  auto r = replay(t);
  LeaderboardAroundOwnerOptions options;
  options.limit = 1;
  auto list = makeHandle<LeaderboardsApi>(r.core).listRecordsAroundOwner("best_time", kAlice, options).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->records.size(), 1u);
  EXPECT_EQ(list->records[0].rank, 3);
}

TEST(Leaderboards, DeleteAndListAfterDelete) {
  {
    const auto& t = transcript("leaderboard_delete_record");
    auto r = replay(t);
    auto result = makeHandle<LeaderboardsApi>(r.core).deleteRecord("weekly_imposter_wins").get();
    expectSameRequest(r.onlyRequest(), t);
    EXPECT_TRUE(result.ok()) << result.error();
  }
  {
    const auto& t = transcript("leaderboard_list_by_owner_after_delete");
    auto r = replay(t);
    LeaderboardListOptions options;
    options.ownerIds = {kCarol};
    auto list = makeHandle<LeaderboardsApi>(r.core).listRecords("weekly_imposter_wins", options).get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(list.ok()) << list.error();
    EXPECT_TRUE(list->records.empty());
    EXPECT_TRUE(list->ownerRecords.empty());
  }
}

TEST(Leaderboards, ListUnknownLeaderboard) {
  const auto& t = transcript("leaderboard_list_unknown");
  auto r = replay(t);
  auto result = makeHandle<LeaderboardsApi>(r.core).listRecords("no_such_board_1795464486").get();
  expectSameRequest(r.onlyRequest(), t);
  expectRecordedError(result, t);
}

TEST(Leaderboards, ExpiryAndCursorOfAroundOwnerAreSent) {
  auto r = test::replayResponse(200, "{}");
  LeaderboardAroundOwnerOptions options;
  options.limit = 5;
  options.expiry = internal::parseTimestamp("2026-11-30T00:00:00Z").value();
  options.cursor = "a/b+c=";
  auto list = makeHandle<LeaderboardsApi>(r.core).listRecordsAroundOwner("weekly votes/x", "owner?1", options).get();
  ASSERT_TRUE(list.ok()) << list.error();
  EXPECT_TRUE(list->records.empty());
  const auto sent = r.onlyRequest();
  EXPECT_EQ(sent.target,
            "/v2/leaderboard/weekly%20votes%2Fx/owner/owner%3F1?limit=5&expiry=1795996800&cursor=a%2Fb%2Bc%3D");
}

TEST(Leaderboards, ListSendsExpiry) {
  auto r = test::replayResponse(200, "{}");
  LeaderboardListOptions options;
  options.expiry = Timestamp{};
  EXPECT_TRUE(makeHandle<LeaderboardsApi>(r.core).listRecords("best_time", options).get().ok());
  EXPECT_EQ(r.onlyRequest().target, "/v2/leaderboard/best_time?expiry=0");
}

TEST(Leaderboards, EmptyIdsFailWithoutIo) {
  auto r = test::replayResponse(200, "{}");
  auto api = makeHandle<LeaderboardsApi>(r.core);
  EXPECT_EQ(api.writeRecord("", scoreOf(1)).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.listRecords("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.listRecordsAroundOwner("best_time", "").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.listRecordsAroundOwner("", kAlice).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.deleteRecord("").get().error().kind, ErrorKind::kInvalidArgument);
  LeaderboardRecordWrite bad;
  bad.metadata = "\xff\xfe";
  EXPECT_EQ(api.writeRecord("best_time", bad).get().error().kind, ErrorKind::kInvalidArgument)
      << "invalid UTF-8 cannot be sent as JSON";
  EXPECT_TRUE(r.transport->requests().empty());
}

TEST(Leaderboards, Int64AsStringsAndBadNumbers) {
  auto r = test::replayResponse(200, "{\"score\":\"-9007199254740993\",\"rank\":\"12\",\"max_num_score\":7}");
  auto record = makeHandle<LeaderboardsApi>(r.core).writeRecord("best_time", scoreOf(1)).get();
  ASSERT_TRUE(record.ok()) << record.error();
  EXPECT_EQ(record->score, -9007199254740993LL);
  EXPECT_EQ(record->rank, 12);
  EXPECT_EQ(record->maxNumScore, 7u);
  auto bad = test::replayResponse(200, "{\"score\":\"x\"}");
  EXPECT_EQ(makeHandle<LeaderboardsApi>(bad.core).writeRecord("best_time", scoreOf(1)).get().error().kind,
            ErrorKind::kBadResponse);
}

}  // namespace
}  // namespace nakama
