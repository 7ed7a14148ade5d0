// Events: every /v2/event transcript replayed through EventsApi.

#include <gtest/gtest.h>

#include "api_handles.h"
#include "nakama/events.h"
#include "transcript_replay.h"

namespace nakama {
namespace {

using test::expectRecordedError;
using test::expectSameRequest;
using test::replay;
using test::transcript;

TEST(Events, FullEvent) {
  const auto& t = transcript("event_with_timestamp");
  auto r = replay(t);
  Event event;
  event.name = "match_end";
  event.properties = {{"winner", "crew"}, {"rounds", "5"}};
  event.timestamp = internal::parseTimestamp("2024-01-15T12:30:00Z");
  event.external = true;
  auto result = makeHandle<EventsApi>(r.core).send(event).get();
  expectSameRequest(r.onlyRequest(), t);
  EXPECT_TRUE(result.ok()) << result.error();
}

TEST(Events, MinimalEventSendsOnlyTheName) {
  const auto& t = transcript("event_minimal");
  auto r = replay(t);
  Event event;
  event.name = "vote_cast";
  auto result = makeHandle<EventsApi>(r.core).send(event).get();
  expectSameRequest(r.onlyRequest(), t);
  EXPECT_EQ(r.onlyRequest().body, "{\"name\":\"vote_cast\"}");
  EXPECT_TRUE(result.ok()) << result.error();
}

TEST(Events, ServerRejection) {
  const auto& t = transcript("event_bad_timestamp");  // a timestamp the SDK cannot produce: error mapping only
  auto r = replay(t);
  Event event;
  event.name = "x";
  expectRecordedError(makeHandle<EventsApi>(r.core).send(event).get(), t);
}

TEST(Events, FractionalTimestamp) {
  auto r = test::replayResponse(200, "{}");
  Event event;
  event.name = "x";
  event.timestamp = internal::parseTimestamp("2024-01-15T12:30:00.250Z");
  ASSERT_TRUE(makeHandle<EventsApi>(r.core).send(event).get().ok());
  EXPECT_EQ(nlohmann::json::parse(r.onlyRequest().body).at("timestamp"), "2024-01-15T12:30:00.250Z");
}

TEST(Events, NotRetriedByDefault) {
  auto r = test::replayResponse(503, "{\"code\":14,\"message\":\"unavailable\"}");
  CallOptions call;
  call.retry = RetryPolicy{};
  call.retry->baseDelay = std::chrono::milliseconds(1);
  Event event;
  event.name = "x";
  EXPECT_FALSE(makeHandle<EventsApi>(r.core).send(event, call).get().ok());
  EXPECT_EQ(r.transport->requests().size(), 1u);
}

TEST(Events, ArgumentErrors) {
  auto r = test::replayResponse(200, "{}");
  auto api = makeHandle<EventsApi>(r.core);
  EXPECT_EQ(api.send(Event{}).get().error().kind, ErrorKind::kInvalidArgument);
  Event bad;
  bad.name = "x";
  bad.properties = {{"k", "\xff"}};
  EXPECT_EQ(api.send(bad).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(r.transport->requests().empty());
}

}  // namespace
}  // namespace nakama
