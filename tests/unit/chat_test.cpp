// Chat: every channel-history transcript replayed through ChatApi, and the shared ChannelMessage decoder.

#include <gtest/gtest.h>

#include "api_handles.h"
#include "core/channel_message_json.h"
#include "nakama/chat.h"
#include "transcript_replay.h"

namespace nakama {
namespace {

using test::expectRecordedError;
using test::expectSameRequest;
using test::replay;
using test::transcript;

const std::string kChannel = "3.667d7dac-3457-48c5-93ee-8056537e17b0..";
const std::string kGroup = "667d7dac-3457-48c5-93ee-8056537e17b0";

ChannelMessageListOptions options(std::optional<std::int32_t> limit, std::optional<bool> forward,
                                  std::string cursor = {}) {
  ChannelMessageListOptions o;
  o.limit = limit;
  o.forward = forward;
  o.cursor = std::move(cursor);
  return o;
}

TEST(Chat, GroupHistoryForward) {
  const auto& t = transcript("group_channel_messages_list");
  auto r = replay(t);
  auto list = makeHandle<ChatApi>(r.core).listMessages(kChannel, options(10, true)).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->messages.size(), 6u);
  const auto& m = list->messages[0];
  EXPECT_EQ(m.channelId, kChannel);
  EXPECT_EQ(m.messageId, "0d25bb1a-d6d9-4478-befe-92f880b0d69d");
  EXPECT_EQ(m.code, ChannelMessageCode::kGroupKick);
  EXPECT_EQ(m.senderId, "69b275f9-7699-46ff-84ca-c1302ac4b086");
  EXPECT_EQ(m.username, "carol_1795464486");
  EXPECT_EQ(m.content, "{}");
  EXPECT_EQ(formatTimestamp(m.createTime), "2026-11-23T20:08:08Z");
  EXPECT_EQ(formatTimestamp(m.updateTime), "2026-11-23T20:08:08Z");
  EXPECT_TRUE(m.persistent);
  EXPECT_EQ(m.groupId, kGroup);
  EXPECT_TRUE(m.roomName.empty());
  EXPECT_TRUE(m.userIdOne.empty());
  std::vector<std::int32_t> codes;
  for (const auto& message : list->messages) codes.push_back(message.code);
  EXPECT_EQ(codes, (std::vector<std::int32_t>{6, 7, 4, 8, 4, 9}));
  EXPECT_TRUE(list->nextCursor.empty());
  EXPECT_TRUE(list->prevCursor.empty());
  EXPECT_FALSE(list->cacheableCursor.empty());
}

TEST(Chat, PagesWithNextCursor) {
  const auto& p1 = transcript("group_channel_messages_limit2_page1");
  auto r1 = replay(p1);
  auto first = makeHandle<ChatApi>(r1.core).listMessages(kChannel, options(2, true)).get();
  expectSameRequest(r1.onlyRequest(), p1);
  ASSERT_TRUE(first.ok()) << first.error();
  ASSERT_EQ(first->messages.size(), 2u);
  EXPECT_FALSE(first->nextCursor.empty());
  EXPECT_TRUE(first->prevCursor.empty());

  const auto& p2 = transcript("group_channel_messages_limit2_page2");
  auto r2 = replay(p2);
  auto second = makeHandle<ChatApi>(r2.core).listMessages(kChannel, options(2, true, first->nextCursor)).get();
  expectSameRequest(r2.onlyRequest(), p2);  // '/', '+' and '=' of the cursor are percent-encoded
  ASSERT_TRUE(second.ok()) << second.error();
  ASSERT_EQ(second->messages.size(), 2u);
  EXPECT_EQ(second->messages[0].messageId, "6e313112-5c36-46e0-ba6b-7233c4d8660f");
  EXPECT_FALSE(second->nextCursor.empty());
  EXPECT_FALSE(second->prevCursor.empty());
  EXPECT_FALSE(second->cacheableCursor.empty());
}

TEST(Chat, DefaultsAreNotSent) {
  const auto& t = transcript("group_channel_messages_backward_default_limit");
  auto r = replay(t);
  auto list = makeHandle<ChatApi>(r.core).listMessages(kChannel).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->messages.size(), 1u) << "server default limit 1";
  EXPECT_FALSE(list->nextCursor.empty());
}

TEST(Chat, OpenGroupAndEmptyHistory) {
  {
    const auto& t = transcript("group_channel_messages_open_group");
    auto r = replay(t);
    auto list =
        makeHandle<ChatApi>(r.core).listMessages("3.87e0befe-2dae-4c65-a87b-f12471f4ae31..", options(10, {})).get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(list.ok()) << list.error();
    ASSERT_EQ(list->messages.size(), 1u);
    EXPECT_EQ(list->messages[0].code, ChannelMessageCode::kGroupJoin);
  }
  {
    const auto& t = transcript("group_channel_messages_no_events");
    auto r = replay(t);
    auto list =
        makeHandle<ChatApi>(r.core).listMessages("3.da23d8c0-4379-4c4d-9bcd-6e3d94c0b391..", options(10, {})).get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(list.ok()) << list.error();
    EXPECT_TRUE(list->messages.empty());
    EXPECT_TRUE(list->cacheableCursor.empty());
  }
}

TEST(Chat, Errors) {
  {
    const auto& t = transcript("group_channel_messages_not_member");
    auto r = replay(t);
    auto list = makeHandle<ChatApi>(r.core).listMessages("3.da23d8c0-4379-4c4d-9bcd-6e3d94c0b391..").get();
    expectSameRequest(r.onlyRequest(), t);
    expectRecordedError(list, t);
  }
  {
    const auto& t = transcript("group_channel_messages_bad_channel_id");
    auto r = replay(t);
    auto list = makeHandle<ChatApi>(r.core).listMessages("not-a-channel").get();
    expectSameRequest(r.onlyRequest(), t);
    expectRecordedError(list, t);
  }
  auto r = test::replayResponse(200, "{}");
  EXPECT_EQ(makeHandle<ChatApi>(r.core).listMessages("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(r.transport->requests().empty());
}

TEST(Chat, RoomAndDirectChannelIdsAreEncodedInThePath) {
  auto r = test::replayResponse(200, "{}");
  makeHandle<ChatApi>(r.core).listMessages("2...my room/1", options({}, false)).get();
  EXPECT_EQ(r.onlyRequest().target, "/v2/channel/2...my%20room%2F1?forward=false");
}

TEST(Chat, SharedDecoderReadsRoomAndDirectMessages) {
  auto room = internal::decodeAs<ChannelMessage>(internal::parseJson(
      R"({"channel_id":"2...ref_room_776151621", "message_id":"34a7e59a-d22a-4c43-b096-4ab013f5d5fe", "code":1, )"
      R"("sender_id":"a44aba12-f041-49fa-8479-083c27a49158", "username":"ref_a_776151621", )"
      R"("content":"{\"text\":\"edited\"}", "create_time":"2026-11-23T19:40:57Z", "update_time":"2026-11-23T19:40:58Z", )"
      R"("persistent":true, "room_name":"ref_room_776151621"})"));
  EXPECT_EQ(room.code, ChannelMessageCode::kUpdate);
  EXPECT_EQ(room.roomName, "ref_room_776151621");
  EXPECT_EQ(room.content, "{\"text\":\"edited\"}");
  EXPECT_EQ(formatTimestamp(room.updateTime), "2026-11-23T19:40:58Z");
  auto dm = internal::decodeAs<ChannelMessage>(
      internal::parseJson(R"({"channel_id":"4.a.b.", "user_id_one":"a", "user_id_two":"b", "persistent":false})"));
  EXPECT_EQ(dm.userIdOne, "a");
  EXPECT_EQ(dm.userIdTwo, "b");
  EXPECT_EQ(dm.code, ChannelMessageCode::kChat);
}

}  // namespace
}  // namespace nakama
