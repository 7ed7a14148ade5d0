// Matches: every match-listing transcript replayed through MatchesApi.

#include <gtest/gtest.h>

#include "api_handles.h"
#include "nakama/matches.h"
#include "transcript_replay.h"

namespace nakama {
namespace {

using test::expectRecordedError;
using test::expectSameRequest;
using test::replay;
using test::transcript;

const std::string kLabel = "{\"mode\":\"imposter_1795464486\",\"open\":true,\"players\":0}";

void expectLobby(const MatchSummary& m) {
  EXPECT_EQ(m.matchId, "29b43a00-a78e-41ce-99b7-20c3ea69aa46.nakama1");
  EXPECT_TRUE(m.authoritative);
  EXPECT_EQ(m.label, kLabel);
  EXPECT_EQ(m.size, 0) << "absent size is zero";
  EXPECT_EQ(m.tickRate, 10);
  EXPECT_EQ(m.handlerName, "lobby");
}

TEST(Matches, ListByLabel) {
  const auto& t = transcript("match_list_authoritative_with_label");
  auto r = replay(t);
  MatchListOptions options;
  options.authoritative = true;
  options.label = kLabel;
  options.limit = 10;
  auto list = makeHandle<MatchesApi>(r.core).list(options).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->matches.size(), 1u);
  expectLobby(list->matches[0]);
}

TEST(Matches, ListByQuery) {
  for (const char* name : {"match_list_authoritative_with_query", "match_list_query_min_max_size"}) {
    const auto& t = transcript(name);
    auto r = replay(t);
    MatchListOptions options;
    options.authoritative = true;
    options.query = "+label.mode:imposter_1795464486";  // '+' must be percent-encoded, not sent as a space
    options.limit = 10;
    if (t.request.at("query").contains("min_size")) {
      options.minSize = 0;
      options.maxSize = 10;
    }
    auto list = makeHandle<MatchesApi>(r.core).list(options).get();
    expectSameRequest(r.onlyRequest(), t);
    EXPECT_NE(r.onlyRequest().target.find("query=%2Blabel.mode%3Aimposter_1795464486"), std::string::npos)
        << r.onlyRequest().target;
    ASSERT_TRUE(list.ok()) << list.error();
    ASSERT_EQ(list->matches.size(), 1u);
    expectLobby(list->matches[0]);
  }
}

TEST(Matches, EmptyResults) {
  {
    const auto& t = transcript("match_list_label_min_max_size_excludes");
    auto r = replay(t);
    MatchListOptions options;
    options.authoritative = true;
    options.label = kLabel;
    options.minSize = 1;
    options.maxSize = 4;
    auto list = makeHandle<MatchesApi>(r.core).list(options).get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(list.ok()) << list.error();
    EXPECT_TRUE(list->matches.empty());
  }
  {
    const auto& t = transcript("match_list_relayed");
    auto r = replay(t);
    MatchListOptions options;
    options.authoritative = false;
    options.limit = 10;
    auto list = makeHandle<MatchesApi>(r.core).list(options).get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(list.ok()) << list.error();
    EXPECT_TRUE(list->matches.empty());
  }
}

TEST(Matches, Errors) {
  {
    const auto& t = transcript("match_list_relayed_with_label_rejected");
    auto r = replay(t);
    MatchListOptions options;
    options.authoritative = false;
    options.label = kLabel;
    auto list = makeHandle<MatchesApi>(r.core).list(options).get();
    expectSameRequest(r.onlyRequest(), t);
    expectRecordedError(list, t);
  }
  {
    const auto& t = transcript("match_list_invalid_size_range");
    auto r = replay(t);
    MatchListOptions options;
    options.minSize = 5;
    options.maxSize = 2;
    auto list = makeHandle<MatchesApi>(r.core).list(options).get();
    expectSameRequest(r.onlyRequest(), t);
    expectRecordedError(list, t);
  }
}

TEST(Matches, RelayedMatchModel) {
  auto r = test::replayResponse(200, R"({"matches":[{"match_id":"c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.", "size":2}]})");
  auto list = makeHandle<MatchesApi>(r.core).list().get();
  ASSERT_TRUE(list.ok()) << list.error();
  EXPECT_EQ(r.onlyRequest().target, "/v2/match");
  ASSERT_EQ(list->matches.size(), 1u);
  EXPECT_FALSE(list->matches[0].authoritative);
  EXPECT_EQ(list->matches[0].size, 2);
  EXPECT_TRUE(list->matches[0].label.empty());
  EXPECT_TRUE(list->matches[0].handlerName.empty());
}

TEST(Matches, EmptyLabelIsStillSent) {
  auto r = test::replayResponse(200, "{}");
  MatchListOptions options;
  options.authoritative = true;
  options.label = "";
  ASSERT_TRUE(makeHandle<MatchesApi>(r.core).list(options).get().ok());
  EXPECT_EQ(r.onlyRequest().target, "/v2/match?authoritative=true&label=");
}

}  // namespace
}  // namespace nakama
