// Notifications: every notification transcript replayed through NotificationsApi, and the shared
// Notification decoder.

#include <gtest/gtest.h>

#include "api_handles.h"
#include "core/notification_json.h"
#include "nakama/notifications.h"
#include "transcript_replay.h"

namespace nakama {
namespace {

using test::expectSameRequest;
using test::replay;
using test::transcript;

TEST(Notifications, ListPageByPageWithCacheableCursor) {
  const auto& p1 = transcript("notifications_list_limit1_page1");
  auto r1 = replay(p1);
  auto first = makeHandle<NotificationsApi>(r1.core).list({1}).get();
  expectSameRequest(r1.onlyRequest(), p1);
  ASSERT_TRUE(first.ok()) << first.error();
  ASSERT_EQ(first->notifications.size(), 1u);
  const auto& n = first->notifications[0];
  EXPECT_EQ(n.id, "b0d07865-f510-4887-8a49-7ea982f9d800");
  EXPECT_EQ(n.subject, "bob_1795464486 accepted your friend request");
  EXPECT_EQ(n.content, "{\"username\": \"bob_1795464486\"}");
  EXPECT_EQ(n.code, NotificationCode::kFriendAccepted);
  EXPECT_EQ(n.senderId, "7e8ab7fb-b22d-4aca-8242-d1c311ce174a");
  EXPECT_EQ(formatTimestamp(n.createTime), "2026-11-23T20:08:08Z");
  EXPECT_TRUE(n.persistent);
  EXPECT_FALSE(first->cacheableCursor.empty());

  const auto& p2 = transcript("notifications_list_limit1_page2");
  EXPECT_EQ(p2.request.at("query").at("cacheable_cursor").get<std::string>(), first->cacheableCursor);
  auto r2 = replay(p2);
  auto second = makeHandle<NotificationsApi>(r2.core).list({1, first->cacheableCursor}).get();
  expectSameRequest(r2.onlyRequest(), p2);
  ASSERT_TRUE(second.ok()) << second.error();
  ASSERT_EQ(second->notifications.size(), 1u);
  EXPECT_EQ(second->notifications[0].code, NotificationCode::kGroupJoinRequest);
  EXPECT_NE(second->cacheableCursor, first->cacheableCursor);
}

TEST(Notifications, RuntimeNotificationsWithoutSender) {
  const auto& t = transcript("notifications_list_limit100");
  auto r = replay(t);
  auto list = makeHandle<NotificationsApi>(r.core).list({100}).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->notifications.size(), 4u);
  const auto& reward = list->notifications[2];
  EXPECT_EQ(reward.subject, "You won the weekly tournament!");
  EXPECT_EQ(reward.content, "{\"reward\": 100, \"currency\": \"coins\"}");
  EXPECT_EQ(reward.code, 100);
  EXPECT_TRUE(reward.senderId.empty()) << "runtime notifications with an empty sender carry no sender_id";
  EXPECT_EQ(formatTimestamp(reward.createTime), "2026-11-23T20:08:09Z");
}

TEST(Notifications, NothingNewStillReturnsTheCursor) {
  const auto& t = transcript("notifications_list_with_cacheable_cursor_nothing_new");
  auto r = replay(t);
  const std::string cursor = t.request.at("query").at("cacheable_cursor").get<std::string>();
  auto list = makeHandle<NotificationsApi>(r.core).list({100, cursor}).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  EXPECT_TRUE(list->notifications.empty());
  EXPECT_EQ(list->cacheableCursor, cursor);
}

TEST(Notifications, OtherUsersCodes) {
  const auto& t = transcript("notifications_list_bob");
  auto r = replay(t);
  auto list = makeHandle<NotificationsApi>(r.core).list({100}).get();
  expectSameRequest(r.onlyRequest(), t);
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->notifications.size(), 2u);
  EXPECT_EQ(list->notifications[0].code, NotificationCode::kFriendRequest);
  EXPECT_EQ(list->notifications[1].code, NotificationCode::kGroupAdd);
  EXPECT_EQ(list->notifications[1].content,
            "{\"name\": \"imposter_council_1795464486\", \"group_id\": \"667d7dac-3457-48c5-93ee-8056537e17b0\"}");
}

TEST(Notifications, DeleteThenList) {
  {
    const auto& t = transcript("notifications_delete");
    auto r = replay(t);
    auto result = makeHandle<NotificationsApi>(r.core)
                      .remove({"b0d07865-f510-4887-8a49-7ea982f9d800", "4b2f5633-d0ca-48e5-827f-44bd290a8773"})
                      .get();
    expectSameRequest(r.onlyRequest(), t);
    EXPECT_TRUE(result.ok()) << result.error();
  }
  {
    const auto& t = transcript("notifications_list_after_delete");
    auto r = replay(t);
    auto list = makeHandle<NotificationsApi>(r.core).list({100}).get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(list.ok()) << list.error();
    ASSERT_EQ(list->notifications.size(), 2u);
    EXPECT_EQ(list->notifications[0].id, "c56f7015-cef2-475c-a541-5a69a42b0154");
  }
}

TEST(Notifications, DefaultListSendsNoParameters) {
  auto r = test::replayResponse(200, "{}");
  auto list = makeHandle<NotificationsApi>(r.core).list().get();
  ASSERT_TRUE(list.ok()) << list.error();
  EXPECT_TRUE(list->notifications.empty());
  EXPECT_TRUE(list->cacheableCursor.empty());
  EXPECT_EQ(r.onlyRequest().target, "/v2/notification");
  EXPECT_EQ(r.onlyRequest().method, "GET");
}

TEST(Notifications, SharedDecoderReadsSocketPushes) {
  // The realtime `notifications` push (docs/PROTOCOL.md §9) uses the same message.
  auto j = internal::parseJson(
      R"({"id":"1855031a-8f45-4cd2-80e3-4881e74b34b4", "subject":"ref_b_776151621 wants to chat", )"
      R"("content":"{\"username\":\"ref_b_776151621\"}", "code":-1, "sender_id":"80359edc-4621-41d2-a84d-77cfd2c68b4f", )"
      R"("create_time":"2026-11-23T19:40:59Z", "persistent":true})");
  auto n = internal::decodeAs<Notification>(j);
  EXPECT_EQ(n.code, NotificationCode::kDmRequest);
  EXPECT_EQ(n.senderId, "80359edc-4621-41d2-a84d-77cfd2c68b4f");
  EXPECT_TRUE(n.persistent);
  auto empty = internal::decodeAs<Notification>(internal::parseJson("{}"));
  EXPECT_EQ(empty.code, 0);
  EXPECT_FALSE(empty.persistent);
  EXPECT_THROW(internal::decodeAs<Notification>(internal::parseJson(R"({"code":"x"})")), internal::DecodeError);
}

}  // namespace
}  // namespace nakama
