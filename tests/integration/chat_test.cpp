// Channel history over REST against the test server (or a real Nakama 3.15): group channels record
// membership events, room messages are sent with the realtime socket. A real server orders messages sent
// within the same second by their random ids, so such messages are compared as sets.

#include <gtest/gtest.h>

#include <set>

#include "nakama/chat.h"
#include "nakama/client.h"
#include "nakama/groups.h"
#include "nakama/rt_socket.h"
#include "test_env.h"
#include "test_helpers.h"

namespace nakama {
namespace {

using test::expectServerError;
using test::newUser;
using test::newUsers;
using test::TestUser;

ChannelMessageListOptions page(std::optional<std::int32_t> limit, std::optional<bool> forward,
                               std::string cursor = {}) {
  ChannelMessageListOptions options;
  options.limit = limit;
  options.forward = forward;
  options.cursor = std::move(cursor);
  return options;
}

std::string groupChannel(const std::string& groupId) { return "3." + groupId + ".."; }

TEST(ChatIntegration, GroupChannelRecordsMembershipEvents) {
  TestUser alice, bob, carol;
  ASSERT_TRUE(newUsers(alice, bob, carol));
  CreateGroupRequest create;
  create.name = test::uniqueId("chat_group_");
  create.open = true;
  auto group = alice.client->groups().create(create).get();
  ASSERT_TRUE(group.ok()) << group.error();
  ASSERT_TRUE(bob.client->groups().join(group->id).get().ok());
  ASSERT_TRUE(alice.client->groups().addUsers(group->id, {carol.id()}).get().ok());

  const std::string channel = groupChannel(group->id);
  auto history = alice.client->chat().listMessages(channel, page(10, true)).get();
  ASSERT_TRUE(history.ok()) << history.error();
  ASSERT_EQ(history->messages.size(), 2u);
  std::map<std::string, std::int32_t> codeBySender;
  for (const auto& m : history->messages) {
    EXPECT_EQ(m.channelId, channel);
    EXPECT_FALSE(m.messageId.empty());
    EXPECT_EQ(m.content, "{}");
    EXPECT_TRUE(m.persistent);
    EXPECT_EQ(m.groupId, group->id);
    EXPECT_TRUE(m.roomName.empty());
    EXPECT_NE(m.createTime, Timestamp{});
    codeBySender[m.senderId] = m.code;
  }
  EXPECT_EQ(codeBySender[bob.id()], ChannelMessageCode::kGroupJoin);
  EXPECT_EQ(codeBySender[carol.id()], ChannelMessageCode::kGroupAdd);
  EXPECT_TRUE(history->nextCursor.empty());
  EXPECT_FALSE(history->cacheableCursor.empty());

  // One message per page, forward, with the next cursor.
  auto first = alice.client->chat().listMessages(channel, page(1, true)).get();
  ASSERT_TRUE(first.ok()) << first.error();
  ASSERT_EQ(first->messages.size(), 1u);
  ASSERT_FALSE(first->nextCursor.empty());
  auto second = alice.client->chat().listMessages(channel, page(1, true, first->nextCursor)).get();
  ASSERT_TRUE(second.ok()) << second.error();
  ASSERT_EQ(second->messages.size(), 1u);
  EXPECT_NE(second->messages[0].messageId, first->messages[0].messageId);
  std::set<std::string> seen = {first->messages[0].messageId, second->messages[0].messageId};
  std::set<std::string> all;
  for (const auto& m : history->messages) all.insert(m.messageId);
  EXPECT_EQ(seen, all);

  // The default listing (newest first, one message) works for members.
  auto latest = bob.client->chat().listMessages(channel).get();
  ASSERT_TRUE(latest.ok()) << latest.error();
  EXPECT_EQ(latest->messages.size(), 1u);
}

TEST(ChatIntegration, RoomMessagesSentOnTheSocket) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto socket = alice.client->createSocket();
  auto connected = socket.connect().get();
  ASSERT_TRUE(connected.ok()) << connected.error();
  const std::string room = test::uniqueId("room_");
  auto channel = socket.joinChat(room, ChannelType::kRoom, true).get();
  ASSERT_TRUE(channel.ok()) << channel.error();
  auto a = socket.writeChatMessage(channel->id, "{\"text\":\"one\"}").get();
  auto b = socket.writeChatMessage(channel->id, "{\"text\":\"two\"}").get();
  ASSERT_TRUE(a.ok() && b.ok());

  auto history = alice.client->chat().listMessages(channel->id, page(10, true)).get();
  ASSERT_TRUE(history.ok()) << history.error();
  ASSERT_EQ(history->messages.size(), 2u);
  std::set<std::string> contents;
  std::set<std::string> ids;
  for (const auto& m : history->messages) {
    EXPECT_EQ(m.channelId, channel->id);
    EXPECT_EQ(m.code, ChannelMessageCode::kChat);
    EXPECT_EQ(m.senderId, alice.id());
    EXPECT_EQ(m.username, alice.username());
    EXPECT_EQ(m.roomName, room);
    EXPECT_TRUE(m.persistent);
    contents.insert(m.content);
    ids.insert(m.messageId);
  }
  EXPECT_EQ(contents, (std::set<std::string>{"{\"text\": \"one\"}", "{\"text\": \"two\"}"}));
  EXPECT_EQ(ids, (std::set<std::string>{a->messageId, b->messageId}));

  // Backwards (newest first) returns the same messages.
  auto backwards = alice.client->chat().listMessages(channel->id, page(10, false)).get();
  ASSERT_TRUE(backwards.ok()) << backwards.error();
  EXPECT_EQ(backwards->messages.size(), 2u);
  socket.close();
}

TEST(ChatIntegration, Errors) {
  TestUser alice, outsider;
  ASSERT_TRUE(newUsers(alice, outsider));
  CreateGroupRequest create;
  create.name = test::uniqueId("private_group_");
  auto group = alice.client->groups().create(create).get();
  ASSERT_TRUE(group.ok()) << group.error();

  auto empty = alice.client->chat().listMessages(groupChannel(group->id), page(10, {})).get();
  ASSERT_TRUE(empty.ok()) << empty.error();
  EXPECT_TRUE(empty->messages.empty()) << "creating a group records nothing";

  expectServerError(outsider.client->chat().listMessages(groupChannel(group->id)).get(), 400,
                    GrpcCode::kInvalidArgument, "Group not found.");
  expectServerError(alice.client->chat().listMessages("not-a-channel").get(), 400, GrpcCode::kInvalidArgument,
                    "Invalid channel ID.");
  expectServerError(alice.client->chat().listMessages(groupChannel(group->id), page(101, {})).get(), 400,
                    GrpcCode::kInvalidArgument);
  EXPECT_EQ(alice.client->chat().listMessages("").get().error().kind, ErrorKind::kInvalidArgument);
}

}  // namespace
}  // namespace nakama
