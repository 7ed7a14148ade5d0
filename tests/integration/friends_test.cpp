// FriendsApi against the test server (or a real Nakama 3.15).

#include <gtest/gtest.h>

#include <algorithm>

#include "core/util.h"  // newUuid: a well-formed id nobody has
#include "nakama/client.h"
#include "nakama/friends.h"
#include "nakama/notifications.h"
#include "nakama/users.h"
#include "rt_test_util.h"
#include "test_env.h"
#include "test_helpers.h"

namespace nakama {
namespace {

using test::expectServerError;
using test::newUser;
using test::newUsers;
using test::TestUser;

std::vector<Friend> friendsOf(const TestUser& user, std::optional<FriendState> state = std::nullopt) {
  auto list = user.client->friends().list({state}).get();
  EXPECT_TRUE(list.ok()) << list.error();
  return list.ok() ? list->friends : std::vector<Friend>{};
}

const Friend* find(const std::vector<Friend>& friends, const std::string& id) {
  auto it = std::find_if(friends.begin(), friends.end(), [&](const Friend& f) { return f.user.id == id; });
  return it == friends.end() ? nullptr : &*it;
}

std::vector<Notification> notificationsWithCode(const TestUser& user, std::int32_t code) {
  std::vector<Notification> out;
  auto list = user.client->notifications().list({100}).get();
  EXPECT_TRUE(list.ok()) << list.error();
  if (!list.ok()) return out;
  for (const auto& n : list->notifications) {
    if (n.code == code) out.push_back(n);
  }
  return out;
}

std::int32_t edgeCount(const TestUser& viewer, const std::string& userId) {
  auto users = viewer.client->users().getByIds({userId}).get();
  EXPECT_TRUE(users.ok()) << users.error();
  return users.ok() && !users->users.empty() ? users->users[0].edgeCount : -1;
}

TEST(FriendsIntegration, RequestAndAccept) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));

  ASSERT_TRUE(alice.client->friends().add({bob.id()}).get().ok());
  auto sent = friendsOf(alice);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].user.id, bob.id());
  EXPECT_EQ(sent[0].user.username, bob.username());
  EXPECT_EQ(sent[0].state, FriendState::kInviteSent);
  EXPECT_NE(sent[0].updateTime, Timestamp{});
  auto received = friendsOf(bob, FriendState::kInviteReceived);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].user.id, alice.id());
  EXPECT_TRUE(friendsOf(bob, FriendState::kFriend).empty());

  // Bob was told about the request.
  auto requests = notificationsWithCode(bob, NotificationCode::kFriendRequest);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_TRUE(requests[0].persistent);
  EXPECT_NE(requests[0].content.find(alice.username()), std::string::npos);

  // Repeating the request changes nothing.
  ASSERT_TRUE(alice.client->friends().add({bob.id()}).get().ok());
  EXPECT_EQ(friendsOf(alice, FriendState::kInviteSent).size(), 1u);

  // Adding back accepts (by username this time).
  ASSERT_TRUE(bob.client->friends().add({}, {alice.username()}).get().ok());
  auto aliceFriends = friendsOf(alice, FriendState::kFriend);
  ASSERT_EQ(aliceFriends.size(), 1u);
  EXPECT_EQ(aliceFriends[0].user.id, bob.id());
  EXPECT_EQ(aliceFriends[0].state, FriendState::kFriend);
  auto bobFriends = friendsOf(bob);
  ASSERT_EQ(bobFriends.size(), 1u);
  EXPECT_EQ(bobFriends[0].state, FriendState::kFriend);
  EXPECT_EQ(notificationsWithCode(alice, NotificationCode::kFriendAccepted).size(), 1u);

  EXPECT_EQ(edgeCount(alice, alice.id()), 1);
  EXPECT_EQ(edgeCount(alice, bob.id()), 1);
  EXPECT_EQ(aliceFriends[0].user.edgeCount, 0) << "the friend listing does not report edge counts";
}

TEST(FriendsIntegration, AddErrorsAndNoOps) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->friends();
  expectServerError(api.add({alice.id()}).get(), 400, GrpcCode::kInvalidArgument, "Cannot add self as friend.");
  expectServerError(api.add({}, {alice.username()}).get(), 400, GrpcCode::kInvalidArgument,
                    "Cannot add self as friend.");
  expectServerError(api.add({"not-a-uuid"}).get(), 400, GrpcCode::kInvalidArgument);
  // Nothing to add: 200.
  EXPECT_TRUE(api.add({}).get().ok());
  // Only unknown usernames: nothing valid is left.
  expectServerError(api.add({}, {test::uniqueId("nobody_")}).get(), 400, GrpcCode::kInvalidArgument,
                    "No valid ID or username was provided.");
  // A well-formed id counts even when no such user exists: 200, and nothing happens.
  EXPECT_TRUE(api.add({testserver::newUuid()}, {test::uniqueId("nobody_")}).get().ok());
  EXPECT_TRUE(friendsOf(alice).empty());
  EXPECT_EQ(edgeCount(alice, alice.id()), 0);
}

TEST(FriendsIntegration, BlockAndDeleteUnknownUsers) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->friends();
  expectServerError(api.block({}, {test::uniqueId("nobody_")}).get(), 400, GrpcCode::kInvalidArgument,
                    "No valid ID or username was provided.");
  EXPECT_TRUE(api.block({testserver::newUuid()}).get().ok());
  EXPECT_TRUE(api.block({}).get().ok());
  // Deleting is lenient: unknown usernames alone are not an error.
  EXPECT_TRUE(api.remove({}, {test::uniqueId("nobody_")}).get().ok());
  EXPECT_TRUE(api.remove({testserver::newUuid()}).get().ok());
  EXPECT_TRUE(friendsOf(alice).empty());
  EXPECT_EQ(edgeCount(alice, alice.id()), 0);
}

TEST(FriendsIntegration, AddingSomeoneIBlockedOnlyNotifiesThem) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  ASSERT_TRUE(alice.client->friends().block({bob.id()}).get().ok());
  ASSERT_TRUE(alice.client->friends().add({bob.id()}).get().ok());
  // The block stays, Bob has no edge, yet 3.15 sends him the friend request notification.
  auto mine = friendsOf(alice);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].state, FriendState::kBlocked);
  EXPECT_TRUE(friendsOf(bob).empty());
  auto requests = notificationsWithCode(bob, NotificationCode::kFriendRequest);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].senderId, alice.id());
}

TEST(FriendsIntegration, BlockRemovesTheBlockerFromTheOtherList) {
  TestUser alice, carol;
  ASSERT_TRUE(newUsers(alice, carol));
  ASSERT_TRUE(alice.client->friends().add({carol.id()}).get().ok());
  ASSERT_EQ(friendsOf(carol, FriendState::kInviteReceived).size(), 1u);

  ASSERT_TRUE(carol.client->friends().block({alice.id()}).get().ok());
  auto blocked = friendsOf(carol, FriendState::kBlocked);
  ASSERT_EQ(blocked.size(), 1u);
  EXPECT_EQ(blocked[0].user.id, alice.id());
  EXPECT_EQ(blocked[0].state, FriendState::kBlocked);
  EXPECT_EQ(friendsOf(carol).size(), 1u);
  EXPECT_TRUE(friendsOf(alice).empty());

  // A blocked user's request goes nowhere.
  ASSERT_TRUE(alice.client->friends().add({carol.id()}).get().ok());
  EXPECT_TRUE(friendsOf(alice).empty());
  EXPECT_EQ(friendsOf(carol, FriendState::kBlocked).size(), 1u);

  // Deleting unblocks.
  ASSERT_TRUE(carol.client->friends().remove({}, {alice.username()}).get().ok());
  EXPECT_TRUE(friendsOf(carol).empty());
  ASSERT_TRUE(alice.client->friends().add({carol.id()}).get().ok());
  EXPECT_EQ(friendsOf(carol, FriendState::kInviteReceived).size(), 1u);
}

TEST(FriendsIntegration, DeleteRemovesBothSides) {
  TestUser alice, bob, carol;
  ASSERT_TRUE(newUsers(alice, bob, carol));
  ASSERT_TRUE(alice.client->friends().add({bob.id(), carol.id()}).get().ok());
  ASSERT_TRUE(bob.client->friends().add({alice.id()}).get().ok());
  ASSERT_EQ(friendsOf(alice).size(), 2u);

  ASSERT_TRUE(alice.client->friends().remove({bob.id()}).get().ok());
  EXPECT_TRUE(friendsOf(bob).empty());
  auto rest = friendsOf(alice);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].user.id, carol.id());
  // Rejecting a request.
  ASSERT_TRUE(carol.client->friends().remove({alice.id()}).get().ok());
  EXPECT_TRUE(friendsOf(alice).empty());
  EXPECT_TRUE(friendsOf(carol).empty());
  EXPECT_EQ(edgeCount(alice, alice.id()), 0);
}

TEST(FriendsIntegration, ListPagesAndListAll) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  std::vector<TestUser> others;
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    others.push_back(newUser());
    ASSERT_TRUE(others.back().session);
    ids.push_back(others.back().id());
  }
  ASSERT_TRUE(alice.client->friends().add(ids).get().ok());
  ASSERT_TRUE(others[0].client->friends().add({alice.id()}).get().ok());  // one mutual friend

  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = alice.client->friends().list({std::nullopt, 1, cursor}).get();
    ASSERT_TRUE(page.ok()) << page.error();
    ASSERT_EQ(page->friends.size(), 1u);
    seen.push_back(page->friends[0].user.id);
    if (pages == 0) {
      EXPECT_EQ(page->friends[0].state, FriendState::kFriend);  // ordered by state
    }
    cursor = page->cursor;
    ASSERT_LT(++pages, 10);
  } while (!cursor.empty());
  EXPECT_EQ(pages, 3);
  std::sort(seen.begin(), seen.end());
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(seen, ids);

  auto all = alice.client->friends().listAll().get();
  ASSERT_TRUE(all.ok()) << all.error();
  EXPECT_EQ(all->size(), 3u);
  auto invites = alice.client->friends().listAll({FriendState::kInviteSent}).get();
  ASSERT_TRUE(invites.ok()) << invites.error();
  EXPECT_EQ(invites->size(), 2u);
  EXPECT_EQ(find(*all, others[0].id())->state, FriendState::kFriend);
}

TEST(FriendsIntegration, ListErrors) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->friends();
  expectServerError(api.list({static_cast<FriendState>(7)}).get(), 400, GrpcCode::kInvalidArgument,
                    "Invalid state - state must be between 0 and 3.");
  expectServerError(api.list({std::nullopt, 0}).get(), 400, GrpcCode::kInvalidArgument);
  expectServerError(api.list({std::nullopt, 1001}).get(), 400, GrpcCode::kInvalidArgument);
  auto empty = api.list().get();
  ASSERT_TRUE(empty.ok()) << empty.error();
  EXPECT_TRUE(empty->friends.empty());
  EXPECT_TRUE(empty->cursor.empty());
}

TEST(FriendsIntegration, LiveNotificationsOnRequestAndAccept) {
  auto alice = test::rt::connectPeer();
  auto bob = test::rt::connectPeer();
  ASSERT_TRUE(alice && bob);

  ASSERT_TRUE(alice->user.client->friends().add({bob->id()}).get().ok());
  auto request =
      bob->ev->notifications.take([](const Notification& n) { return n.code == NotificationCode::kFriendRequest; });
  ASSERT_TRUE(request) << "no friend request notification";
  EXPECT_EQ(request->senderId, alice->id());
  EXPECT_TRUE(request->persistent);
  EXPECT_NE(request->content.find(alice->username()), std::string::npos);
  EXPECT_FALSE(request->subject.empty());

  ASSERT_TRUE(bob->user.client->friends().add({alice->id()}).get().ok());
  auto accepted =
      alice->ev->notifications.take([](const Notification& n) { return n.code == NotificationCode::kFriendAccepted; });
  ASSERT_TRUE(accepted) << "no friend accepted notification";
  EXPECT_EQ(accepted->senderId, bob->id());
  EXPECT_NE(accepted->content.find(bob->username()), std::string::npos);
  // Nobody is told twice.
  EXPECT_TRUE(bob->ev->notifications.none());
}

}  // namespace
}  // namespace nakama
