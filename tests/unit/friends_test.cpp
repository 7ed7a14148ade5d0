// FriendsApi against the recorded Nakama 3.15 answers (/v2/friend).

#include <gtest/gtest.h>

#include "api/friends_json.h"
#include "api_handles.h"
#include "core/codec.h"
#include "nakama/friends.h"
#include "request_replay.h"

namespace nakama::test {
namespace {

const char* kAlice = "d7346e3a-aba1-4b6f-90ea-5b7826a1d8a7";
const char* kBob = "7e8ab7fb-b22d-4aca-8242-d1c311ce174a";
const char* kCarol = "69b275f9-7699-46ff-84ca-c1302ac4b086";

TEST(FriendsTranscripts, Add) {
  EXPECT_TRUE(replayCall("friends_add_by_username", [](auto core) {
                return makeHandle<FriendsApi>(core).add({}, {"bob_1795464486"});
              }).ok());
  EXPECT_TRUE(
      replayCall("friends_add_by_id", [](auto core) { return makeHandle<FriendsApi>(core).add({kCarol}); }).ok());
  EXPECT_TRUE(replayCall("friends_accept_by_adding_back", [](auto core) {
                return makeHandle<FriendsApi>(core).add({kAlice});
              }).ok());
  // Nothing to add: the server answers 200 {}.
  EXPECT_TRUE(replayCall("friends_add_nothing", [](auto core) { return makeHandle<FriendsApi>(core).add({}); }).ok());
}

TEST(FriendsTranscripts, AddSelf) {
  auto result = replayCall("friends_add_self", [](auto core) { return makeHandle<FriendsApi>(core).add({kAlice}); });
  expectRecordedError(result, transcript("friends_add_self"));
}

TEST(FriendsTranscripts, ListByState) {
  auto sent = replayCall("friends_list_state1_invite_sent",
                         [](auto core) { return makeHandle<FriendsApi>(core).list({FriendState::kInviteSent}); });
  ASSERT_TRUE(sent.ok()) << sent.error();
  ASSERT_EQ(sent->friends.size(), 2u);
  EXPECT_EQ(sent->friends[0].user.id, kBob);
  EXPECT_EQ(sent->friends[0].user.displayName, "Bob");
  EXPECT_EQ(sent->friends[0].state, FriendState::kInviteSent);
  EXPECT_EQ(sent->friends[0].updateTime, *internal::parseTimestamp("2026-11-23T20:08:08Z"));
  EXPECT_EQ(sent->friends[1].user.id, kCarol);
  EXPECT_TRUE(sent->cursor.empty());

  auto received = replayCall("friends_list_state2_invite_received", [](auto core) {
    return makeHandle<FriendsApi>(core).list({FriendState::kInviteReceived});
  });
  ASSERT_TRUE(received.ok()) << received.error();
  ASSERT_EQ(received->friends.size(), 1u);
  EXPECT_EQ(received->friends[0].user.id, kAlice);
  EXPECT_EQ(received->friends[0].state, FriendState::kInviteReceived);

  auto mutual = replayCall("friends_list_state0_friends",
                           [](auto core) { return makeHandle<FriendsApi>(core).list({FriendState::kFriend}); });
  ASSERT_TRUE(mutual.ok()) << mutual.error();
  ASSERT_EQ(mutual->friends.size(), 1u);
  // "state":0 is emitted explicitly.
  EXPECT_EQ(mutual->friends[0].state, FriendState::kFriend);

  auto blocked = replayCall("friends_list_state3_blocked",
                            [](auto core) { return makeHandle<FriendsApi>(core).list({FriendState::kBlocked}); });
  ASSERT_TRUE(blocked.ok()) << blocked.error();
  ASSERT_EQ(blocked->friends.size(), 1u);
  EXPECT_EQ(blocked->friends[0].state, FriendState::kBlocked);
}

TEST(FriendsTranscripts, ListPages) {
  auto page1 = replayCall("friends_list_limit1_page1", [](auto core) {
    return makeHandle<FriendsApi>(core).list({std::nullopt, 1});
  });
  ASSERT_TRUE(page1.ok()) << page1.error();
  ASSERT_EQ(page1->friends.size(), 1u);
  ASSERT_FALSE(page1->cursor.empty());
  auto page2 = replayCall("friends_list_limit1_page2", [&](auto core) {
    return makeHandle<FriendsApi>(core).list({std::nullopt, 1, page1->cursor});
  });
  ASSERT_TRUE(page2.ok()) << page2.error();
  ASSERT_EQ(page2->friends.size(), 1u);
  EXPECT_EQ(page2->friends[0].user.id, kCarol);
  EXPECT_EQ(page2->friends[0].state, FriendState::kInviteSent);
  EXPECT_TRUE(page2->cursor.empty());
}

TEST(FriendsTranscripts, ListAllAndEmpty) {
  auto all = replayCall("friends_list_all_after_block", [](auto core) { return makeHandle<FriendsApi>(core).list(); });
  ASSERT_TRUE(all.ok()) << all.error();
  ASSERT_EQ(all->friends.size(), 1u);

  for (const char* name : {"friends_list_after_delete", "friends_list_bob_after_delete"}) {
    auto empty = replayCall(name, [](auto core) { return makeHandle<FriendsApi>(core).list(); });
    ASSERT_TRUE(empty.ok()) << empty.error();
    EXPECT_TRUE(empty->friends.empty());
    EXPECT_TRUE(empty->cursor.empty());
  }
}

TEST(FriendsTranscripts, InvalidState) {
  auto result = replayCall("friends_list_invalid_state",
                           [](auto core) { return makeHandle<FriendsApi>(core).list({static_cast<FriendState>(7)}); });
  expectRecordedError(result, transcript("friends_list_invalid_state"));
}

TEST(FriendsTranscripts, BlockAndDelete) {
  EXPECT_TRUE(replayCall("friends_block", [](auto core) { return makeHandle<FriendsApi>(core).block({kAlice}); }).ok());
  EXPECT_TRUE(replayCall("friends_delete", [](auto core) { return makeHandle<FriendsApi>(core).remove({kBob}); }).ok());
  EXPECT_TRUE(replayCall("friends_delete_unblock", [](auto core) {
                return makeHandle<FriendsApi>(core).remove({}, {"alice_1795464486"});
              }).ok());
}

TEST(Friends, IdsAndUsernamesTogether) {
  Replay r = replayResponse(200, "{}");
  ASSERT_TRUE(makeHandle<FriendsApi>(r.core).block({"a", "b"}, {"c d"}).get().ok());
  auto request = r.onlyRequest();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/v2/friend/block?ids=a&ids=b&usernames=c%20d");
  EXPECT_FALSE(request.hasBody && !request.body.empty());
}

TEST(Friends, ListAllFollowsCursors) {
  std::vector<std::string> bodies = {transcript("friends_list_limit1_page1").responseBody,
                                     transcript("friends_list_limit1_page2").responseBody};
  auto index = std::make_shared<std::atomic<int>>(0);
  auto transport = std::make_shared<FakeHttpTransport>([bodies, index](const auto&, auto done) {
    done(httpResponse(200, bodies.at(static_cast<std::size_t>(index->fetch_add(1)))));
  });
  ClientOptions options;
  options.retry = RetryPolicy::none();
  auto core = internal::ClientCore::create(options, transport);
  auto session = nlohmann::json::parse(sessionBody(kAlice, 3600, 7200));
  core->sessions()->set(*Session::restore(session["token"], session["refresh_token"]));

  auto all = makeHandle<FriendsApi>(core).listAll({FriendState::kFriend}).get();
  ASSERT_TRUE(all.ok()) << all.error();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].user.id, kBob);
  EXPECT_EQ((*all)[1].user.id, kCarol);
  auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 2u);
  auto second = parseTarget(requests[1].target);
  EXPECT_EQ(second.values("state"), std::vector<std::string>{"0"});
  EXPECT_EQ(second.values("limit"), std::vector<std::string>{"1000"});
  EXPECT_EQ(
      second.values("cursor"),
      std::vector<std::string>{transcript("friends_list_limit1_page2").request["query"]["cursor"].get<std::string>()});
}

TEST(Friends, UnknownStateIsKept) {
  auto f = internal::decodeAs<Friend>(internal::parseJson(R"({"state":9})"));
  EXPECT_EQ(static_cast<int>(f.state), 9);
}

}  // namespace
}  // namespace nakama::test
