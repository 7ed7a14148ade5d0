// UsersApi against the recorded Nakama 3.15 answers (GET /v2/user).

#include <gtest/gtest.h>

#include "api/users_json.h"
#include "api_handles.h"
#include "core/codec.h"
#include "nakama/users.h"
#include "request_replay.h"

namespace nakama::test {
namespace {

Timestamp ts(const char* text) { return *internal::parseTimestamp(text); }

TEST(UsersTranscripts, GetByIds) {
  auto result = replayCall("get_users_by_ids", [](auto core) {
    return makeHandle<UsersApi>(core).getByIds(
        {"7e8ab7fb-b22d-4aca-8242-d1c311ce174a", "69b275f9-7699-46ff-84ca-c1302ac4b086"});
  });
  ASSERT_TRUE(result.ok()) << result.error();
  ASSERT_EQ(result->users.size(), 2u);
  const User& bob = result->users[0];
  EXPECT_EQ(bob.id, "7e8ab7fb-b22d-4aca-8242-d1c311ce174a");
  EXPECT_EQ(bob.username, "bob_1795464486");
  EXPECT_EQ(bob.displayName, "Bob");
  EXPECT_EQ(bob.langTag, "fr");
  EXPECT_EQ(bob.timezone, "Europe/Paris");
  EXPECT_EQ(bob.metadata, "{}");
  EXPECT_EQ(bob.location, "");
  EXPECT_FALSE(bob.online);
  EXPECT_EQ(bob.edgeCount, 0);
  EXPECT_EQ(bob.createTime, ts("2026-11-23T20:08:06Z"));
  EXPECT_EQ(bob.updateTime, ts("2026-11-23T20:08:08Z"));
  const User& carol = result->users[1];
  EXPECT_EQ(carol.displayName,
            "\xE3\x82\xAD\xE3\x83\xA3\xE3\x83\xAD\xE3\x83\xAB \xF0\x9F\x95\xB5\xEF\xB8\x8F \"C\" <crew> & co");
  EXPECT_EQ(carol.location, "Z\xC3\xBCrich");
}

TEST(UsersTranscripts, GetByUsernames) {
  auto result = replayCall("get_users_by_usernames", [](auto core) {
    return makeHandle<UsersApi>(core).getByUsernames({"alice_1795464486", "bob_1795464486"});
  });
  ASSERT_TRUE(result.ok()) << result.error();
  ASSERT_EQ(result->users.size(), 2u);
  EXPECT_EQ(result->users[1].avatarUrl, "https://example.com/avatars/alice.png");
}

TEST(UsersTranscripts, GetByIdsAndUsernames) {
  auto result = replayCall("get_users_by_ids_and_usernames", [](auto core) {
    return makeHandle<UsersApi>(core).get({"d7346e3a-aba1-4b6f-90ea-5b7826a1d8a7"}, {"carol_1795464486"});
  });
  ASSERT_TRUE(result.ok()) << result.error();
  ASSERT_EQ(result->users.size(), 2u);
  EXPECT_EQ(result->users[0].username, "carol_1795464486");
  EXPECT_EQ(result->users[1].username, "alice_1795464486");
}

TEST(UsersTranscripts, UnknownIdGivesAnEmptyList) {
  auto result = replayCall("get_users_unknown_id", [](auto core) {
    return makeHandle<UsersApi>(core).getByIds({"00000000-0000-0000-0000-000000000001"});
  });
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_TRUE(result->users.empty());
}

TEST(UsersTranscripts, InvalidIdIsAServerError) {
  auto result =
      replayCall("get_users_invalid_id", [](auto core) { return makeHandle<UsersApi>(core).getByIds({"not-a-uuid"}); });
  expectRecordedError(result, transcript("get_users_invalid_id"));
}

TEST(Users, FacebookIdsAreSentAsRepeatedParams) {
  Replay r = replayResponse(200, "{}");
  auto result = makeHandle<UsersApi>(r.core).getByFacebookIds({"fb1", "fb 2"}).get();
  ASSERT_TRUE(result.ok()) << result.error();
  auto target = parseTarget(r.onlyRequest().target);
  EXPECT_EQ(target.path, "/v2/user");
  EXPECT_EQ(target.values("facebook_ids"), (std::vector<std::string>{"fb1", "fb 2"}));
}

TEST(Users, NothingToLookUpSendsNoRequest) {
  Replay r = replayResponse(500, "{}");
  auto result = makeHandle<UsersApi>(r.core).get({}, {}, {}).get();
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_TRUE(result->users.empty());
  EXPECT_TRUE(r.transport->requests().empty());
}

TEST(Users, DecodesEveryUserField) {
  auto j = internal::parseJson(R"({"id":"u","username":"n","display_name":"d","avatar_url":"a","lang_tag":"l",
    "location":"loc","timezone":"tz","metadata":"{\"m\":1}","facebook_id":"f","google_id":"g","gamecenter_id":"gc",
    "steam_id":"s","online":true,"edge_count":7,"create_time":"2026-11-23T20:08:06Z","update_time":"2026-11-23T20:08:07.5Z",
    "facebook_instant_game_id":"fig","apple_id":"ap","unknown_future_field":{"x":1}})");
  auto user = internal::decodeAs<User>(j);
  EXPECT_EQ(user.id, "u");
  EXPECT_EQ(user.username, "n");
  EXPECT_EQ(user.displayName, "d");
  EXPECT_EQ(user.avatarUrl, "a");
  EXPECT_EQ(user.langTag, "l");
  EXPECT_EQ(user.location, "loc");
  EXPECT_EQ(user.timezone, "tz");
  EXPECT_EQ(user.metadata, "{\"m\":1}");
  EXPECT_EQ(user.facebookId, "f");
  EXPECT_EQ(user.googleId, "g");
  EXPECT_EQ(user.gameCenterId, "gc");
  EXPECT_EQ(user.steamId, "s");
  EXPECT_TRUE(user.online);
  EXPECT_EQ(user.edgeCount, 7);
  EXPECT_EQ(user.facebookInstantGameId, "fig");
  EXPECT_EQ(user.appleId, "ap");
  EXPECT_EQ(user.updateTime - user.createTime, std::chrono::milliseconds(1500));
}

TEST(Users, MalformedAnswerIsABadResponse) {
  Replay r = replayResponse(200, R"({"users":[{"id":5}]})");
  auto result = makeHandle<UsersApi>(r.core).getByIds({"x"}).get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kBadResponse);
}

}  // namespace
}  // namespace nakama::test
