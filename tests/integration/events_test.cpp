// Events against the test server (or a real Nakama 3.15).

#include <gtest/gtest.h>

#include "nakama/client.h"
#include "nakama/events.h"
#include "test_env.h"
#include "test_helpers.h"

namespace nakama {
namespace {

using test::newUser;

TEST(EventsIntegration, SendEvents) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  Event full;
  full.name = "match_end";
  full.properties = {{"winner", "crew"}, {"rounds", "5"}};
  full.timestamp = std::chrono::system_clock::now() - std::chrono::minutes(5);
  full.external = true;
  auto sent = alice.client->events().send(full).get();
  EXPECT_TRUE(sent.ok()) << sent.error();

  Event minimal;
  minimal.name = "vote_cast";
  auto minimalSent = alice.client->events().send(minimal).get();
  EXPECT_TRUE(minimalSent.ok()) << minimalSent.error();

  Event unicode;
  unicode.name = "チャット";
  unicode.properties = {{"text", "<b>&</b>"}};
  unicode.timestamp = std::chrono::system_clock::now();  // fractional seconds
  EXPECT_TRUE(alice.client->events().send(unicode).get().ok());
}

TEST(EventsIntegration, ArgumentErrorsAndNoSession) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  EXPECT_EQ(alice.client->events().send(Event{}).get().error().kind, ErrorKind::kInvalidArgument);

  Client anonymous(test::TestEnv::instance().clientOptions());
  Event event;
  event.name = "x";
  auto result = anonymous.events().send(event).get();
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().kind, ErrorKind::kServerError) << "no session: nothing is sent";
}

}  // namespace
}  // namespace nakama
