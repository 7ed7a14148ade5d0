#include <gtest/gtest.h>

#include "core/json.h"
#include "fake_http_transport.h"
#include "nakama/session.h"
#include "transcripts.h"

namespace nakama {
namespace {

using test::makeJwt;

TEST(Session, ParsesTheRealServersTokens) {
  const auto body = internal::Json::parse(test::transcript("authenticate_device_create_alice").responseBody);
  auto session = Session::restore(body["token"], body["refresh_token"], body.value("created", false));
  ASSERT_TRUE(session.ok()) << session.error();
  EXPECT_EQ(session->userId(), "d7346e3a-aba1-4b6f-90ea-5b7826a1d8a7");
  EXPECT_EQ(session->username(), "alice_1795464486");
  EXPECT_TRUE(session->created());
  EXPECT_EQ(session->expireTime(), Timestamp(std::chrono::seconds(1795471686)));
  EXPECT_EQ(session->refreshExpireTime(), Timestamp(std::chrono::seconds(1795550886)));
  EXPECT_TRUE(session->vars().empty());
}

TEST(Session, ReadsVars) {
  auto session = Session::restore(makeJwt("u1", "name", 2000000000, {{"k", "v"}, {"lang", "fr"}}), "");
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->vars().at("k"), "v");
  EXPECT_EQ(session->vars().at("lang"), "fr");
  EXPECT_FALSE(session->canRefresh());
}

TEST(Session, ExpiryChecks) {
  auto session = Session::restore(makeJwt("u", "n", 1000), makeJwt("u", "n", 2000));
  ASSERT_TRUE(session.ok());
  const Timestamp at900(std::chrono::seconds(900));
  EXPECT_FALSE(session->isExpired(at900));
  EXPECT_TRUE(session->isExpired(Timestamp(std::chrono::seconds(1000))));
  EXPECT_TRUE(session->expiresWithin(std::chrono::seconds(100), at900));
  EXPECT_FALSE(session->expiresWithin(std::chrono::seconds(99), at900));
  EXPECT_TRUE(session->canRefresh(Timestamp(std::chrono::seconds(1500))));
  EXPECT_FALSE(session->canRefresh(Timestamp(std::chrono::seconds(2000))));
}

TEST(Session, MalformedTokensGiveClearErrors) {
  for (const std::string token : {"", "abc", "a.b", "a.b.c.d", "a.!!!.c", "a.bm90IGpzb24.c"}) {
    auto session = Session::restore(token, "");
    ASSERT_FALSE(session.ok()) << token;
    EXPECT_EQ(session.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_NE(session.error().message.find("session token"), std::string::npos);
  }
  auto badRefresh = Session::restore(makeJwt("u", "n", 1000), "x.y.z");
  ASSERT_FALSE(badRefresh.ok());
  EXPECT_NE(badRefresh.error().message.find("refresh token"), std::string::npos);
}

TEST(Session, RejectsTokensWithoutExpiryOrWithWrongClaimTypes) {
  EXPECT_FALSE(Session::restore(makeJwt("u", "n", 0), "").ok());
  // "uid" as a number is not a user id.
  const std::string payload = "eyJ1aWQiOjEsImV4cCI6MTAwMH0";  // {"uid":1,"exp":1000}
  EXPECT_FALSE(Session::restore("e30." + payload + ".c2ln", "").ok());
}

TEST(Session, SerializeRoundTrip) {
  auto session = Session::restore(makeJwt("u", "n", 1000, {{"a", "b"}}), makeJwt("u", "n", 2000), true);
  ASSERT_TRUE(session.ok());
  auto restored = Session::deserialize(session->serialize());
  ASSERT_TRUE(restored.ok()) << restored.error();
  EXPECT_EQ(*restored, *session);
  EXPECT_TRUE(restored->created());
  EXPECT_EQ(restored->vars(), session->vars());
}

TEST(Session, DeserializeRejectsGarbage) {
  for (const std::string data :
       {"", "{}", "[]", "not json", R"({"v":"nakama-session-v1","token":5})", R"({"v":"other","token":"a.b.c"})",
        R"({"v":5,"token":"a.b.c"})", R"({"v":null})", R"("nakama-session-v1")"}) {
    auto restored = Session::deserialize(data);
    ASSERT_FALSE(restored.ok()) << data;
    EXPECT_EQ(restored.error().kind, ErrorKind::kInvalidArgument);
  }
}

}  // namespace
}  // namespace nakama
