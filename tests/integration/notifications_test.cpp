// Notifications against the test server (or a real Nakama 3.15 with the fixture RPCs): persistent
// notifications created by the `send_reward_notification` RPC and by friend requests.

#include <gtest/gtest.h>

#include "nakama/client.h"
#include "nakama/friends.h"
#include "nakama/notifications.h"
#include "nakama/rpc.h"
#include "test_env.h"
#include "test_helpers.h"

namespace nakama {
namespace {

using test::expectServerError;
using test::newUser;
using test::newUsers;
using test::TestUser;

void sendReward(test::TestUser& user) {
  auto result = user.client->rpc().call("send_reward_notification", "{}").get();
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(*result, "{\"sent\":true}");
}

TEST(NotificationsIntegration, RuntimeNotificationsAreListedAndPaged) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->notifications();

  auto empty = api.list({100}).get();
  ASSERT_TRUE(empty.ok()) << empty.error();
  EXPECT_TRUE(empty->notifications.empty()) << "a new user has no notifications";

  ASSERT_NO_FATAL_FAILURE(sendReward(alice));
  ASSERT_NO_FATAL_FAILURE(sendReward(alice));

  auto all = api.list({100}).get();
  ASSERT_TRUE(all.ok()) << all.error();
  ASSERT_EQ(all->notifications.size(), 2u);
  for (const auto& n : all->notifications) {
    EXPECT_FALSE(n.id.empty());
    EXPECT_EQ(n.subject, "You won the weekly tournament!");
    EXPECT_EQ(n.content, "{\"reward\": 100, \"currency\": \"coins\"}");
    EXPECT_EQ(n.code, 100);
    EXPECT_TRUE(n.senderId.empty()) << "sent by runtime code without a sender";
    EXPECT_TRUE(n.persistent);
    EXPECT_NE(n.createTime, Timestamp{});
  }
  EXPECT_NE(all->notifications[0].id, all->notifications[1].id);
  EXPECT_FALSE(all->cacheableCursor.empty());

  // One at a time with the cacheable cursor.
  auto page1 = api.list({1}).get();
  ASSERT_TRUE(page1.ok()) << page1.error();
  ASSERT_EQ(page1->notifications.size(), 1u);
  EXPECT_EQ(page1->notifications[0].id, all->notifications[0].id);
  auto page2 = api.list({1, page1->cacheableCursor}).get();
  ASSERT_TRUE(page2.ok()) << page2.error();
  ASSERT_EQ(page2->notifications.size(), 1u);
  EXPECT_EQ(page2->notifications[0].id, all->notifications[1].id);

  // Nothing new after the last cursor; the cursor stays usable.
  auto nothing = api.list({100, all->cacheableCursor}).get();
  ASSERT_TRUE(nothing.ok()) << nothing.error();
  EXPECT_TRUE(nothing->notifications.empty());
  EXPECT_FALSE(nothing->cacheableCursor.empty());

  // A new notification shows up after the stored cursor.
  ASSERT_NO_FATAL_FAILURE(sendReward(alice));
  auto fresh = api.list({100, all->cacheableCursor}).get();
  ASSERT_TRUE(fresh.ok()) << fresh.error();
  ASSERT_EQ(fresh->notifications.size(), 1u);
  EXPECT_EQ(fresh->notifications[0].code, 100);

  // The default page size is one.
  auto defaults = api.list().get();
  ASSERT_TRUE(defaults.ok()) << defaults.error();
  EXPECT_EQ(defaults->notifications.size(), 1u);
}

TEST(NotificationsIntegration, DeleteByIds) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  ASSERT_NO_FATAL_FAILURE(sendReward(alice));
  ASSERT_NO_FATAL_FAILURE(sendReward(alice));
  auto api = alice.client->notifications();
  auto all = api.list({100}).get();
  ASSERT_TRUE(all.ok()) << all.error();
  ASSERT_EQ(all->notifications.size(), 2u);

  auto removed = api.remove({all->notifications[0].id}).get();
  ASSERT_TRUE(removed.ok()) << removed.error();
  auto after = api.list({100}).get();
  ASSERT_TRUE(after.ok()) << after.error();
  ASSERT_EQ(after->notifications.size(), 1u);
  EXPECT_EQ(after->notifications[0].id, all->notifications[1].id);

  // Deleting again, or ids of nobody's notifications, changes nothing.
  EXPECT_TRUE(api.remove({all->notifications[0].id}).get().ok());
  ASSERT_TRUE(api.remove({all->notifications[1].id}).get().ok());
  auto none = api.list({100}).get();
  ASSERT_TRUE(none.ok()) << none.error();
  EXPECT_TRUE(none->notifications.empty());
}

TEST(NotificationsIntegration, UsersOnlySeeTheirOwn) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  ASSERT_NO_FATAL_FAILURE(sendReward(alice));
  auto alices = alice.client->notifications().list({100}).get();
  ASSERT_TRUE(alices.ok()) << alices.error();
  ASSERT_EQ(alices->notifications.size(), 1u);

  auto bobs = bob.client->notifications().list({100}).get();
  ASSERT_TRUE(bobs.ok()) << bobs.error();
  EXPECT_TRUE(bobs->notifications.empty());

  // Bob cannot delete Alice's notification.
  ASSERT_TRUE(bob.client->notifications().remove({alices->notifications[0].id}).get().ok());
  auto still = alice.client->notifications().list({100}).get();
  ASSERT_TRUE(still.ok()) << still.error();
  EXPECT_EQ(still->notifications.size(), 1u);
}

TEST(NotificationsIntegration, FriendRequestCarriesTheSender) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  ASSERT_TRUE(bob.client->friends().add({alice.id()}).get().ok());
  auto list = alice.client->notifications().list({100}).get();
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->notifications.size(), 1u);
  const auto& n = list->notifications[0];
  EXPECT_EQ(n.code, NotificationCode::kFriendRequest);
  EXPECT_EQ(n.senderId, bob.id());
  EXPECT_TRUE(n.persistent);
  EXPECT_NE(n.content.find(bob.username()), std::string::npos) << n.content;
}

TEST(NotificationsIntegration, Errors) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->notifications();
  expectServerError(api.list({0}).get(), 400, GrpcCode::kInvalidArgument);
  expectServerError(api.list({101}).get(), 400, GrpcCode::kInvalidArgument);
  expectServerError(api.list({10, "not a cursor!"}).get(), 400, GrpcCode::kInvalidArgument);
  // The ids go to the database as UUIDs: one that is not fails the whole delete.
  expectServerError(api.remove({"not-a-uuid"}).get(), 500, GrpcCode::kInternal, "Error while deleting notifications.");
}

}  // namespace
}  // namespace nakama
