// Realtime chat channels (room, direct message, group) with two to three connected users, against the
// test server or a real Nakama 3.15. Messages sent within the same second may come back from the
// history in any order on a real server (docs/PROTOCOL.md §11.13), so order-sensitive sends are spaced.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>

#include "nakama/account.h"
#include "nakama/chat.h"
#include "nakama/groups.h"
#include "rt_test_util.h"

namespace nakama {
namespace {

using namespace test::rt;
using test::uniqueId;

nlohmann::json parsed(const std::string& text) { return nlohmann::json::parse(text, nullptr, false); }

TEST(RtChannels, RoomPresenceMessagesUpdateRemoveAndLeave) {
  auto a = connectPeer();
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  const std::string room = uniqueId("room-");

  auto ca = a->socket.joinChat(room, ChannelType::kRoom, true).get();
  ASSERT_TRUE(ca.ok()) << ca.error();
  EXPECT_EQ(ca->id, "2..." + room);
  EXPECT_EQ(ca->roomName, room);
  EXPECT_TRUE(ca->groupId.empty());
  EXPECT_TRUE(ca->presences.empty());
  EXPECT_EQ(ca->self.userId, a->id());
  EXPECT_EQ(ca->self.username, a->username());
  EXPECT_FALSE(ca->self.sessionId.empty());
  EXPECT_TRUE(ca->self.persistence);
  auto selfJoin = a->ev->channelPresence.take([&](const ChannelPresenceEvent& e) { return hasUser(e.joins, a->id()); });
  ASSERT_TRUE(selfJoin);
  EXPECT_EQ(selfJoin->channelId, ca->id);
  EXPECT_EQ(selfJoin->roomName, room);

  auto cb = b->socket.joinChat(room, ChannelType::kRoom, true).get();
  ASSERT_TRUE(cb.ok()) << cb.error();
  EXPECT_EQ(cb->id, ca->id);
  ASSERT_EQ(cb->presences.size(), 1u);
  EXPECT_EQ(cb->presences[0].userId, a->id());
  EXPECT_EQ(cb->presences[0].sessionId, ca->self.sessionId);
  EXPECT_EQ(cb->self.userId, b->id());
  auto bJoinSeenByA =
      a->ev->channelPresence.take([&](const ChannelPresenceEvent& e) { return hasUser(e.joins, b->id()); });
  ASSERT_TRUE(bJoinSeenByA);
  EXPECT_EQ(bJoinSeenByA->joins[0].sessionId, cb->self.sessionId);
  EXPECT_TRUE(bJoinSeenByA->joins[0].persistence);
  EXPECT_TRUE(b->ev->channelPresence.take([&](const ChannelPresenceEvent& e) { return hasUser(e.joins, b->id()); }));

  // Send: both receive the message (the sender too), then the sender gets the ack.
  auto ack = b->socket.writeChatMessage(ca->id, R"({"text":"hi from b"})").get();
  ASSERT_TRUE(ack.ok()) << ack.error();
  EXPECT_EQ(ack->channelId, ca->id);
  EXPECT_FALSE(ack->messageId.empty());
  EXPECT_EQ(ack->code, ChannelMessageCode::kChat);
  EXPECT_EQ(ack->username, b->username());
  EXPECT_TRUE(ack->persistent);
  EXPECT_EQ(ack->roomName, room);
  EXPECT_NE(ack->createTime, Timestamp{});
  for (auto* peer : {a.get(), b.get()}) {
    auto m = peer->ev->messages.take([&](const ChannelMessage& x) { return x.messageId == ack->messageId; });
    ASSERT_TRUE(m) << "message not received by " << peer->username();
    EXPECT_EQ(m->channelId, ca->id);
    EXPECT_EQ(m->code, ChannelMessageCode::kChat);
    EXPECT_EQ(m->senderId, b->id());
    EXPECT_EQ(m->username, b->username());
    EXPECT_EQ(parsed(m->content), parsed(R"({"text":"hi from b"})"));
    EXPECT_TRUE(m->persistent);
    EXPECT_EQ(m->roomName, room);
    EXPECT_EQ(m->createTime, ack->createTime);
  }

  // Update and remove: broadcast with codes 1 and 2.
  auto upd = b->socket.updateChatMessage(ca->id, ack->messageId, R"({"text":"edited"})").get();
  ASSERT_TRUE(upd.ok()) << upd.error();
  EXPECT_EQ(upd->code, ChannelMessageCode::kUpdate);
  EXPECT_EQ(upd->messageId, ack->messageId);
  auto edited = a->ev->messages.take([&](const ChannelMessage& x) { return x.code == ChannelMessageCode::kUpdate; });
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->messageId, ack->messageId);
  EXPECT_EQ(parsed(edited->content), parsed(R"({"text":"edited"})"));
  EXPECT_EQ(edited->senderId, b->id());

  // Only the sender may change a message.
  auto foreign = a->socket.updateChatMessage(ca->id, ack->messageId, R"({"text":"hijack"})").get();
  expectRtError(foreign, RealtimeCode::kBadInput);

  auto rem = b->socket.removeChatMessage(ca->id, ack->messageId).get();
  ASSERT_TRUE(rem.ok()) << rem.error();
  EXPECT_EQ(rem->code, ChannelMessageCode::kRemove);
  auto removed = a->ev->messages.take([&](const ChannelMessage& x) { return x.code == ChannelMessageCode::kRemove; });
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->messageId, ack->messageId);
  EXPECT_EQ(parsed(removed->content), nlohmann::json::object());

  // Content must be a JSON object.
  auto bad = b->socket.writeChatMessage(ca->id, "not json").get();
  expectRtError(bad, RealtimeCode::kBadInput);
  if (!bad.ok()) {
    EXPECT_EQ(bad.error().message, "Message content must be a valid JSON object");
  }
  expectRtError(b->socket.writeChatMessage(ca->id, "[1,2]").get(), RealtimeCode::kBadInput);

  // Leave: ack, then the others see the leave.
  auto left = b->socket.leaveChat(ca->id).get();
  ASSERT_TRUE(left.ok()) << left.error();
  auto leave = a->ev->channelPresence.take([&](const ChannelPresenceEvent& e) { return hasUser(e.leaves, b->id()); });
  ASSERT_TRUE(leave);
  EXPECT_EQ(leave->leaves[0].sessionId, cb->self.sessionId);
  EXPECT_EQ(leave->channelId, ca->id);

  // Sending to a channel you are not in is refused.
  expectRtError(b->socket.writeChatMessage(ca->id, R"({"x":1})").get(), RealtimeCode::kBadInput);
}

TEST(RtChannels, NonPersistentMessagesAndHiddenPresences) {
  auto a = connectPeer();
  auto b = connectPeer();
  auto c = connectPeer();
  ASSERT_TRUE(a && b && c);
  const std::string room = uniqueId("hidden-room-");

  auto ca = a->socket.joinChat(room, ChannelType::kRoom, false).get();
  ASSERT_TRUE(ca.ok()) << ca.error();
  EXPECT_FALSE(ca->self.persistence);

  // b joins hidden: nobody is told, and b is not listed.
  auto cb = b->socket.joinChat(room, ChannelType::kRoom, false, true).get();
  ASSERT_TRUE(cb.ok()) << cb.error();
  EXPECT_TRUE(hasUser(cb->presences, a->id()));
  auto cc = c->socket.joinChat(room, ChannelType::kRoom, false).get();
  ASSERT_TRUE(cc.ok()) << cc.error();
  EXPECT_TRUE(hasUser(cc->presences, a->id()));
  EXPECT_FALSE(hasUser(cc->presences, b->id()));
  ASSERT_TRUE(a->ev->channelPresence.take([&](const ChannelPresenceEvent& e) { return hasUser(e.joins, c->id()); }));
  EXPECT_TRUE(a->ev->channelPresence.none([&](const ChannelPresenceEvent& e) { return hasUser(e.joins, b->id()); }));

  // The hidden member still receives messages; non-persistent messages are not stored.
  auto ack = a->socket.writeChatMessage(ca->id, R"({"text":"not stored"})").get();
  ASSERT_TRUE(ack.ok()) << ack.error();
  EXPECT_FALSE(ack->persistent);
  auto got = b->ev->messages.take([&](const ChannelMessage& m) { return m.messageId == ack->messageId; });
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->persistent);
  ChannelMessageListOptions options;
  options.limit = 10;
  options.forward = true;
  auto history = a->user.client->chat().listMessages(ca->id, options).get();
  ASSERT_TRUE(history.ok()) << history.error();
  EXPECT_TRUE(history->messages.empty());

  // A hidden member leaving is not announced either.
  ASSERT_TRUE(b->socket.leaveChat(cb->id).get().ok());
  EXPECT_TRUE(a->ev->channelPresence.none([&](const ChannelPresenceEvent& e) { return hasUser(e.leaves, b->id()); }));
  // A disconnected member leaves its channels.
  c->socket.close();
  auto leave = a->ev->channelPresence.take([&](const ChannelPresenceEvent& e) { return hasUser(e.leaves, c->id()); });
  ASSERT_TRUE(leave);
  EXPECT_EQ(leave->leaves[0].sessionId, cc->self.sessionId);
}

TEST(RtChannels, PersistentHistoryPagesInBothDirections) {
  auto a = connectPeer();
  ASSERT_TRUE(a);
  const std::string room = uniqueId("history-");
  auto ch = a->socket.joinChat(room, ChannelType::kRoom, true).get();
  ASSERT_TRUE(ch.ok()) << ch.error();

  // One second apart: a real server orders the history by whole-second timestamps.
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    if (i > 0) std::this_thread::sleep_for(1100ms);
    auto ack = a->socket.writeChatMessage(ch->id, "{\"n\":" + std::to_string(i) + "}").get();
    ASSERT_TRUE(ack.ok()) << ack.error();
    ids.push_back(ack->messageId);
  }
  auto chat = a->user.client->chat();

  ChannelMessageListOptions first;
  first.limit = 2;
  first.forward = true;
  auto page1 = chat.listMessages(ch->id, first).get();
  ASSERT_TRUE(page1.ok()) << page1.error();
  ASSERT_EQ(page1->messages.size(), 2u);
  EXPECT_EQ(page1->messages[0].messageId, ids[0]);
  EXPECT_EQ(page1->messages[1].messageId, ids[1]);
  EXPECT_EQ(parsed(page1->messages[0].content), parsed(R"({"n":0})"));
  EXPECT_EQ(page1->messages[0].channelId, ch->id);
  EXPECT_EQ(page1->messages[0].senderId, a->id());
  EXPECT_EQ(page1->messages[0].username, a->username());
  EXPECT_TRUE(page1->messages[0].persistent);
  EXPECT_EQ(page1->messages[0].roomName, room);
  ASSERT_FALSE(page1->nextCursor.empty());
  EXPECT_FALSE(page1->cacheableCursor.empty());

  ChannelMessageListOptions next = first;
  next.cursor = page1->nextCursor;
  auto page2 = chat.listMessages(ch->id, next).get();
  ASSERT_TRUE(page2.ok()) << page2.error();
  ASSERT_EQ(page2->messages.size(), 1u);
  EXPECT_EQ(page2->messages[0].messageId, ids[2]);
  EXPECT_TRUE(page2->nextCursor.empty());

  ChannelMessageListOptions newest;
  newest.limit = 1;
  newest.forward = false;
  auto latest = chat.listMessages(ch->id, newest).get();
  ASSERT_TRUE(latest.ok()) << latest.error();
  ASSERT_EQ(latest->messages.size(), 1u);
  EXPECT_EQ(latest->messages[0].messageId, ids[2]);
  EXPECT_FALSE(latest->nextCursor.empty());

  // Updates are stored; removed messages leave the history.
  ASSERT_TRUE(a->socket.updateChatMessage(ch->id, ids[0], R"({"n":"zero"})").get().ok());
  ASSERT_TRUE(a->socket.removeChatMessage(ch->id, ids[1]).get().ok());
  ChannelMessageListOptions all;
  all.limit = 100;
  all.forward = true;
  auto after = chat.listMessages(ch->id, all).get();
  ASSERT_TRUE(after.ok()) << after.error();
  ASSERT_EQ(after->messages.size(), 2u);
  EXPECT_EQ(after->messages[0].messageId, ids[0]);
  EXPECT_EQ(parsed(after->messages[0].content), parsed(R"({"n":"zero"})"));
  EXPECT_EQ(after->messages[1].messageId, ids[2]);

  // Limits are checked.
  ChannelMessageListOptions tooMany;
  tooMany.limit = 101;
  auto refused = chat.listMessages(ch->id, tooMany).get();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().httpStatus, 400);
}

TEST(RtChannels, DirectMessagesNotifyTheOtherUser) {
  auto a = connectPeer();
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  const std::string lo = std::min(a->id(), b->id());
  const std::string hi = std::max(a->id(), b->id());

  auto ca = a->socket.joinChat(b->id(), ChannelType::kDirectMessage).get();
  ASSERT_TRUE(ca.ok()) << ca.error();
  EXPECT_EQ(ca->id, "4." + lo + "." + hi + ".");
  EXPECT_EQ(ca->userIdOne, lo);
  EXPECT_EQ(ca->userIdTwo, hi);
  EXPECT_TRUE(ca->roomName.empty());

  // b is not in the channel: b is invited with notification -1.
  auto invite = b->ev->notifications.take([](const Notification& n) { return n.code == NotificationCode::kDmRequest; });
  ASSERT_TRUE(invite);
  EXPECT_EQ(invite->subject, a->username() + " wants to chat");
  EXPECT_EQ(invite->senderId, a->id());
  EXPECT_EQ(parsed(invite->content), (nlohmann::json{{"username", a->username()}}));
  EXPECT_TRUE(invite->persistent);

  auto cb = b->socket.joinChat(a->id(), ChannelType::kDirectMessage).get();
  ASSERT_TRUE(cb.ok()) << cb.error();
  EXPECT_EQ(cb->id, ca->id);
  EXPECT_TRUE(hasUser(cb->presences, a->id()));
  ASSERT_TRUE(a->ev->channelPresence.take([&](const ChannelPresenceEvent& e) { return hasUser(e.joins, b->id()); }));
  // a was present: no invitation for a.
  EXPECT_TRUE(a->ev->notifications.none([](const Notification& n) { return n.code == NotificationCode::kDmRequest; }));

  auto ack = b->socket.writeChatMessage(cb->id, R"({"text":"psst"})").get();
  ASSERT_TRUE(ack.ok()) << ack.error();
  EXPECT_EQ(ack->userIdOne, lo);
  EXPECT_EQ(ack->userIdTwo, hi);
  auto got = a->ev->messages.take([&](const ChannelMessage& m) { return m.messageId == ack->messageId; });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->userIdOne, lo);
  EXPECT_EQ(got->userIdTwo, hi);
  EXPECT_EQ(got->senderId, b->id());

  // Invalid targets.
  auto malformed = a->socket.joinChat("not-a-user-id", ChannelType::kDirectMessage).get();
  expectRtError(malformed, RealtimeCode::kBadInput);
  if (!malformed.ok()) {
    EXPECT_EQ(malformed.error().message, "Invalid user ID in direct message join: Invalid channel target");
  }
  auto unknown = a->socket.joinChat("3f0e3f5a-4b1e-4c8e-9b3e-2f1d5c6a7b8c", ChannelType::kDirectMessage).get();
  expectRtError(unknown, RealtimeCode::kBadInput);
  if (!unknown.ok()) {
    EXPECT_EQ(unknown.error().message, "User ID not found: Invalid channel target");
  }
}

TEST(RtChannels, DirectMessageWithYourself) {
  auto a = connectPeer();
  ASSERT_TRUE(a);
  auto self = a->socket.joinChat(a->id(), ChannelType::kDirectMessage).get();
  ASSERT_TRUE(self.ok()) << self.error();
  EXPECT_EQ(self->id, "4." + a->id() + "." + a->id() + ".");
  EXPECT_EQ(self->userIdOne, a->id());
  EXPECT_EQ(self->userIdTwo, a->id());
  EXPECT_TRUE(self->presences.empty());
  EXPECT_EQ(self->self.userId, a->id());
  auto join = a->ev->channelPresence.take([&](const ChannelPresenceEvent& e) { return e.channelId == self->id; });
  ASSERT_TRUE(join);
  ASSERT_EQ(join->joins.size(), 1u);
  EXPECT_EQ(join->joins[0].sessionId, self->self.sessionId);
  EXPECT_EQ(join->userIdOne, a->id());

  // You are present yourself: no invitation.
  EXPECT_TRUE(a->ev->notifications.none([](const Notification& n) { return n.code == NotificationCode::kDmRequest; }));
  auto ack = a->socket.writeChatMessage(self->id, R"({"note":"to self"})").get();
  ASSERT_TRUE(ack.ok()) << ack.error();
  EXPECT_EQ(ack->userIdOne, a->id());
  EXPECT_TRUE(a->ev->messages.take([&](const ChannelMessage& m) { return m.messageId == ack->messageId; }));
}

// The username in presences, messages and the history is the one in the session token: a renamed user
// keeps the old name until it authenticates again.
TEST(RtChannels, UsernamesComeFromTheSessionToken) {
  auto a = connectPeer();
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  const std::string room = uniqueId("rename-room-");
  auto ca = a->socket.joinChat(room, ChannelType::kRoom).get();
  ASSERT_TRUE(ca.ok()) << ca.error();
  ASSERT_TRUE(b->socket.joinChat(room, ChannelType::kRoom).get().ok());
  const std::string oldName = a->username();
  const std::string newName = uniqueId("renamed");
  AccountUpdate rename;
  rename.username = newName;
  ASSERT_TRUE(a->user.client->account().update(rename).get().ok());

  // The connected socket, and a new one with the same session, still say the old name.
  auto first = a->socket.writeChatMessage(ca->id, R"({"n":1})").get();
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first->username, oldName);
  auto seen = b->ev->messages.take([&](const ChannelMessage& m) { return m.messageId == first->messageId; });
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->username, oldName);
  auto second = a->user.client->createSocket();
  ASSERT_TRUE(second.connect().get().ok());
  auto c2 = second.joinChat(room, ChannelType::kRoom).get();
  ASSERT_TRUE(c2.ok()) << c2.error();
  EXPECT_EQ(c2->self.username, oldName);
  auto join2 = b->ev->channelPresence.take(
      [&](const ChannelPresenceEvent& e) { return !e.joins.empty() && e.joins[0].sessionId == c2->self.sessionId; });
  ASSERT_TRUE(join2);
  EXPECT_EQ(join2->joins[0].username, oldName);
  second.close();

  // After authenticating again the new name is used, and an update stores the updater's name.
  auto again = a->user.client->authenticateDevice(a->user.deviceId).get();
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->username(), newName);
  auto third = a->user.client->createSocket();
  ASSERT_TRUE(third.connect().get().ok());
  auto c3 = third.joinChat(room, ChannelType::kRoom).get();
  ASSERT_TRUE(c3.ok()) << c3.error();
  EXPECT_EQ(c3->self.username, newName);
  auto later = third.writeChatMessage(ca->id, R"({"n":2})").get();
  ASSERT_TRUE(later.ok()) << later.error();
  EXPECT_EQ(later->username, newName);

  ChannelMessageListOptions all;
  all.limit = 100;
  all.forward = true;
  auto history = b->user.client->chat().listMessages(ca->id, all).get();
  ASSERT_TRUE(history.ok()) << history.error();
  std::map<std::string, std::string> nameById;
  for (const auto& m : history->messages) nameById[m.messageId] = m.username;
  EXPECT_EQ(nameById[first->messageId], oldName);
  EXPECT_EQ(nameById[later->messageId], newName);

  ASSERT_TRUE(third.updateChatMessage(ca->id, first->messageId, R"({"n":"1b"})").get().ok());
  history = b->user.client->chat().listMessages(ca->id, all).get();
  ASSERT_TRUE(history.ok()) << history.error();
  for (const auto& m : history->messages) nameById[m.messageId] = m.username;
  EXPECT_EQ(nameById[first->messageId], newName);
  third.close();
}

// A member who joined without persistence changes messages without the server looking them up: any id
// is acknowledged and broadcast, and the stored history is left alone. The acknowledgement of an update
// or removal carries the time of the change as its create_time.
TEST(RtChannels, UpdatesWithoutPersistenceAreNotLookedUp) {
  auto a = connectPeer();
  auto b = connectPeer();
  ASSERT_TRUE(a && b);
  const std::string room = uniqueId("ephemeral-edit-");
  auto ca = a->socket.joinChat(room, ChannelType::kRoom, true).get();
  ASSERT_TRUE(ca.ok()) << ca.error();
  auto cb = b->socket.joinChat(room, ChannelType::kRoom, false).get();
  ASSERT_TRUE(cb.ok()) << cb.error();
  auto sent = a->socket.writeChatMessage(ca->id, R"({"text":"original"})").get();
  ASSERT_TRUE(sent.ok()) << sent.error();

  // b edits a's message: acknowledged and broadcast as b's, not persistent.
  auto edit = b->socket.updateChatMessage(ca->id, sent->messageId, R"({"text":"b was here"})").get();
  ASSERT_TRUE(edit.ok()) << edit.error();
  EXPECT_EQ(edit->code, ChannelMessageCode::kUpdate);
  EXPECT_EQ(edit->messageId, sent->messageId);
  EXPECT_EQ(edit->username, b->username());
  EXPECT_FALSE(edit->persistent);
  EXPECT_EQ(edit->createTime, edit->updateTime);
  auto edited = a->ev->messages.take([&](const ChannelMessage& m) { return m.code == ChannelMessageCode::kUpdate; });
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->messageId, sent->messageId);
  EXPECT_EQ(edited->senderId, b->id());
  EXPECT_FALSE(edited->persistent);
  auto removed = b->socket.removeChatMessage(ca->id, sent->messageId).get();
  ASSERT_TRUE(removed.ok()) << removed.error();
  EXPECT_EQ(removed->code, ChannelMessageCode::kRemove);
  EXPECT_TRUE(a->ev->messages.take([&](const ChannelMessage& m) { return m.code == ChannelMessageCode::kRemove; }));

  // An id that was never sent is just as fine for b; a (with persistence) must name a message of its own.
  const std::string neverSent = "6c0e7d1a-5b2f-4d3c-8e9f-0a1b2c3d4e5f";
  EXPECT_TRUE(b->socket.updateChatMessage(ca->id, neverSent, R"({"x":1})").get().ok());
  EXPECT_TRUE(b->socket.removeChatMessage(ca->id, neverSent).get().ok());
  auto missing = a->socket.updateChatMessage(ca->id, neverSent, R"({"x":1})").get();
  expectRtError(missing, RealtimeCode::kBadInput);
  if (!missing.ok()) {
    EXPECT_EQ(missing.error().message, "Could not find message to update in channel history");
  }

  // The stored message is untouched.
  ChannelMessageListOptions all;
  all.limit = 100;
  all.forward = true;
  auto history = a->user.client->chat().listMessages(ca->id, all).get();
  ASSERT_TRUE(history.ok()) << history.error();
  ASSERT_EQ(history->messages.size(), 1u);
  EXPECT_EQ(history->messages[0].messageId, sent->messageId);
  EXPECT_EQ(parsed(history->messages[0].content), parsed(R"({"text":"original"})"));

  // The ack of an update says when the update happened (poll into a later second than the send).
  std::optional<ChannelMessageAck> late;
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto again = b->socket.updateChatMessage(ca->id, sent->messageId, R"({"text":"later"})").get();
    ASSERT_TRUE(again.ok()) << again.error();
    EXPECT_EQ(again->createTime, again->updateTime);
    if (again->updateTime > sent->createTime) {
      late = *again;
      break;
    }
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_TRUE(late) << "no update in a later second";
  EXPECT_GT(late->createTime, sent->createTime);

  // With persistence the broadcast keeps the stored create time, the ack says "now".
  auto own = a->socket.updateChatMessage(ca->id, sent->messageId, R"({"text":"mine"})").get();
  ASSERT_TRUE(own.ok()) << own.error();
  EXPECT_TRUE(own->persistent);
  EXPECT_EQ(own->createTime, own->updateTime);
  EXPECT_GT(own->createTime, sent->createTime);
  auto ownSeen = a->ev->messages.take(
      [&](const ChannelMessage& m) { return m.code == ChannelMessageCode::kUpdate && m.senderId == a->id(); });
  ASSERT_TRUE(ownSeen);
  EXPECT_EQ(ownSeen->createTime, sent->createTime);
  EXPECT_EQ(ownSeen->updateTime, own->updateTime);
}

TEST(RtChannels, GroupChannelsRequireMembership) {
  auto a = connectPeer();
  auto b = connectPeer();
  auto c = connectPeer();
  ASSERT_TRUE(a && b && c);
  CreateGroupRequest request;
  request.name = uniqueId("rt-group-");
  request.open = true;
  auto group = a->user.client->groups().create(request).get();
  ASSERT_TRUE(group.ok()) << group.error();

  // b is not a member yet.
  auto notMember = b->socket.joinChat(group->id, ChannelType::kGroup).get();
  expectRtError(notMember, RealtimeCode::kBadInput);
  if (!notMember.ok()) {
    EXPECT_EQ(notMember.error().message, "Group not found: Invalid channel target");
  }
  auto notGroup = b->socket.joinChat("not-a-group", ChannelType::kGroup).get();
  expectRtError(notGroup, RealtimeCode::kBadInput);
  if (!notGroup.ok()) {
    EXPECT_EQ(notGroup.error().message, "Invalid group ID in group channel join: Invalid channel target");
  }

  ASSERT_TRUE(b->user.client->groups().join(group->id).get().ok());
  auto ca = a->socket.joinChat(group->id, ChannelType::kGroup).get();
  ASSERT_TRUE(ca.ok()) << ca.error();
  EXPECT_EQ(ca->id, "3." + group->id + "..");
  EXPECT_EQ(ca->groupId, group->id);
  auto cb = b->socket.joinChat(group->id, ChannelType::kGroup).get();
  ASSERT_TRUE(cb.ok()) << cb.error();
  EXPECT_EQ(cb->id, ca->id);
  EXPECT_TRUE(hasUser(cb->presences, a->id()));

  auto ack = b->socket.writeChatMessage(cb->id, R"({"text":"hello group"})").get();
  ASSERT_TRUE(ack.ok()) << ack.error();
  EXPECT_EQ(ack->groupId, group->id);
  auto got = a->ev->messages.take([&](const ChannelMessage& m) { return m.messageId == ack->messageId; });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->groupId, group->id);

  // Members read the history (a real server also stores membership events there: look for the chat message).
  ChannelMessageListOptions options;
  options.limit = 100;
  options.forward = true;
  auto history = a->user.client->chat().listMessages(ca->id, options).get();
  ASSERT_TRUE(history.ok()) << history.error();
  bool found = false;
  for (const auto& m : history->messages) found = found || m.messageId == ack->messageId;
  EXPECT_TRUE(found);
  // Non-members cannot.
  auto refused = c->user.client->chat().listMessages(ca->id, options).get();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().httpStatus, 400);
}

TEST(RtChannels, JoinValidation) {
  auto a = connectPeer();
  ASSERT_TRUE(a);
  auto badType = a->socket.joinChat("room", static_cast<ChannelType>(7)).get();
  expectRtError(badType, RealtimeCode::kBadInput);
  if (!badType.ok()) {
    EXPECT_EQ(badType.error().message, "Invalid channel type");
  }
  auto empty = a->socket.joinChat("", ChannelType::kRoom).get();  // refused by the SDK before sending
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().kind, ErrorKind::kInvalidArgument);
  auto control = a->socket.joinChat("bad\nname", ChannelType::kRoom).get();
  expectRtError(control, RealtimeCode::kBadInput);
  if (!control.ok()) {
    EXPECT_EQ(control.error().message, "Channel name must not contain control chars: Invalid channel target");
  }
  auto tooLong = a->socket.joinChat(std::string(65, 'r'), ChannelType::kRoom).get();
  expectRtError(tooLong, RealtimeCode::kBadInput);
  if (!tooLong.ok()) {
    EXPECT_EQ(tooLong.error().message, "Channel name is required and must be 1-64 chars: Invalid channel target");
  }
  // The limit counts bytes: 32 two-byte characters fit, 33 do not.
  std::string twoByte;
  for (int i = 0; i < 32; ++i) twoByte += "\xc3\xa9";
  EXPECT_TRUE(a->socket.joinChat(twoByte, ChannelType::kRoom).get().ok());
  expectRtError(a->socket.joinChat(twoByte + "\xc3\xa9", ChannelType::kRoom).get(), RealtimeCode::kBadInput);
  // Type 0 is a room.
  const std::string room = uniqueId("unspecified-");
  auto ch = a->socket.joinChat(room, ChannelType::kUnspecified).get();
  ASSERT_TRUE(ch.ok()) << ch.error();
  EXPECT_EQ(ch->id, "2..." + room);
  // Errors do not close the socket.
  EXPECT_TRUE(a->socket.isConnected());
  EXPECT_TRUE(a->socket.ping().get().ok());
}

}  // namespace
}  // namespace nakama
