// Realtime status: follow / unfollow / update / appear offline and status presence events.

#include <gtest/gtest.h>

#include "nakama/users.h"
#include "rt_test_util.h"

namespace nakama {
namespace {

using namespace test::rt;

bool joined(const StatusPresenceEvent& e, const std::string& userId, const std::string& status) {
  const UserPresence* p = findUser(e.joins, userId);
  return p && p->status && *p->status == status;
}
bool left(const StatusPresenceEvent& e, const std::string& userId, const std::string& status) {
  const UserPresence* p = findUser(e.leaves, userId);
  return p && p->status && *p->status == status;
}

std::optional<bool> onlineFlag(Peer& viewer, const std::string& userId) {
  auto users = viewer.user.client->users().getByIds({userId}).get();
  if (!users.ok() || users->users.empty()) return std::nullopt;
  return users->users[0].online;
}

TEST(RtStatus, FollowSeesUpdatesAndAppearOffline) {
  RtSocketOptions online;
  online.appearOnline = true;
  auto a = connectPeer(online);
  auto b = connectPeer();
  ASSERT_TRUE(a && b);

  // Appearing online at connect: the user's own sockets see the join (status "").
  auto own = a->ev->status.take([&](const StatusPresenceEvent& e) { return joined(e, a->id(), ""); });
  ASSERT_TRUE(own);
  EXPECT_TRUE(own->leaves.empty());
  EXPECT_EQ(onlineFlag(*b, a->id()), std::optional<bool>(true));
  // b did not appear online.
  EXPECT_EQ(onlineFlag(*a, b->id()), std::optional<bool>(false));

  auto status = b->socket.followUsers({a->id()}).get();
  ASSERT_TRUE(status.ok()) << status.error();
  ASSERT_EQ(status->presences.size(), 1u);
  EXPECT_EQ(status->presences[0].userId, a->id());
  EXPECT_EQ(status->presences[0].username, a->username());
  EXPECT_FALSE(status->presences[0].sessionId.empty());
  ASSERT_TRUE(status->presences[0].status.has_value());
  EXPECT_EQ(*status->presences[0].status, "");

  // A change is a join with the new status and a leave with the old one.
  ASSERT_TRUE(a->socket.updateStatus("busy").get().ok());
  auto change = b->ev->status.take([&](const StatusPresenceEvent& e) { return joined(e, a->id(), "busy"); });
  ASSERT_TRUE(change);
  EXPECT_TRUE(left(*change, a->id(), ""));
  EXPECT_TRUE(a->ev->status.take([&](const StatusPresenceEvent& e) { return joined(e, a->id(), "busy"); }));

  // Appear offline: a leave with the last status.
  ASSERT_TRUE(a->socket.appearOffline().get().ok());
  auto gone = b->ev->status.take([&](const StatusPresenceEvent& e) { return left(e, a->id(), "busy"); });
  ASSERT_TRUE(gone);
  EXPECT_TRUE(gone->joins.empty());
  EXPECT_EQ(onlineFlag(*b, a->id()), std::optional<bool>(false));
  auto none = b->socket.followUsers({a->id()}).get();
  ASSERT_TRUE(none.ok()) << none.error();
  EXPECT_TRUE(none->presences.empty());

  // Back online from offline: only a join.
  ASSERT_TRUE(a->socket.updateStatus("back").get().ok());
  auto back = b->ev->status.take([&](const StatusPresenceEvent& e) { return joined(e, a->id(), "back"); });
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->leaves.empty());

  // Unfollowed: no more events.
  ASSERT_TRUE(b->socket.unfollowUsers({a->id()}).get().ok());
  ASSERT_TRUE(a->socket.updateStatus("again").get().ok());
  EXPECT_TRUE(b->ev->status.none([&](const StatusPresenceEvent& e) { return joined(e, a->id(), "again"); }));
}

TEST(RtStatus, FollowByUsernameSkipsSelfAndUnknownUsers) {
  RtSocketOptions online;
  online.appearOnline = true;
  auto a = connectPeer(online);
  auto c = connectPeer();
  ASSERT_TRUE(a && c);
  ASSERT_TRUE(a->socket.updateStatus("playing").get().ok());

  auto byName = c->socket.followUsers({}, {a->username()}).get();
  ASSERT_TRUE(byName.ok()) << byName.error();
  ASSERT_EQ(byName->presences.size(), 1u);
  EXPECT_EQ(byName->presences[0].userId, a->id());
  EXPECT_EQ(byName->presences[0].status.value_or("<unset>"), "playing");

  auto self = c->socket.followUsers({c->id()}).get();
  ASSERT_TRUE(self.ok()) << self.error();
  EXPECT_TRUE(self->presences.empty());
  auto unknown = c->socket.followUsers({"0c8f8e1e-0000-4000-8000-00000000abcd"}).get();
  ASSERT_TRUE(unknown.ok()) << unknown.error();
  EXPECT_TRUE(unknown->presences.empty());
  expectRtError(c->socket.followUsers({"not-a-uuid"}).get(), RealtimeCode::kBadInput);

  // Followed by username: later events arrive too; a disconnect is a leave.
  a->socket.close();
  auto gone = c->ev->status.take([&](const StatusPresenceEvent& e) { return left(e, a->id(), "playing"); });
  EXPECT_TRUE(gone);
}

// The limit is 2048 bytes of UTF-8 (the message says characters).
TEST(RtStatus, StatusLengthIsLimited) {
  auto a = connectPeer();
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->socket.updateStatus(std::string(2048, 's')).get().ok());
  expectRtError(a->socket.updateStatus(std::string(2049, 's')).get(), RealtimeCode::kBadInput);
  std::string twoByte;  // 1024 characters, 2048 bytes
  for (int i = 0; i < 1024; ++i) twoByte += "\xc3\xa9";
  ASSERT_TRUE(a->socket.updateStatus(twoByte).get().ok());
  auto over = a->socket.updateStatus(twoByte + "\xc3\xa9").get();  // 1025 characters, 2050 bytes
  expectRtError(over, RealtimeCode::kBadInput);
  if (!over.ok()) {
    EXPECT_EQ(over.error().message, "Status must be 2048 characters or less");
  }
  // Still usable.
  EXPECT_TRUE(a->socket.updateStatus("").get().ok());
  auto own = a->ev->status.take([&](const StatusPresenceEvent& e) { return joined(e, a->id(), ""); });
  EXPECT_TRUE(own);
}

}  // namespace
}  // namespace nakama
