// GroupsApi against the test server (or a real Nakama 3.15). Group names are unique per test; listings
// filter by those names so other groups of a long-lived server never matter.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/server_api.h"  // newUuid, and the in-process router for the one request the SDK never sends
#include "nakama/channel_message.h"
#include "nakama/chat.h"
#include "nakama/client.h"
#include "nakama/groups.h"
#include "nakama/notifications.h"
#include "rt_test_util.h"
#include "test_env.h"
#include "test_helpers.h"

namespace nakama {
namespace {

using test::expectServerError;
using test::newUser;
using test::newUsers;
using test::TestEnv;
using test::TestUser;
using test::uniqueId;

CreateGroupRequest groupNamed(const std::string& name, bool open, std::optional<std::int32_t> maxCount = std::nullopt) {
  CreateGroupRequest request;
  request.name = name;
  request.description = "A test group.";
  request.langTag = "en";
  request.open = open;
  request.maxCount = maxCount;
  return request;
}

Group create(const TestUser& owner, const CreateGroupRequest& request) {
  auto group = owner.client->groups().create(request).get();
  EXPECT_TRUE(group.ok()) << group.error();
  return group.ok() ? *group : Group{};
}

// user id -> state, from the full member listing (optionally one state).
std::map<std::string, GroupMemberState> members(const TestUser& viewer, const std::string& groupId,
                                                std::optional<GroupMemberState> state = std::nullopt) {
  std::map<std::string, GroupMemberState> out;
  auto all = viewer.client->groups().listAllUsers(groupId, {state}).get();
  EXPECT_TRUE(all.ok()) << all.error();
  if (all.ok()) {
    for (const auto& gu : *all) out[gu.user.id] = gu.state;
  }
  return out;
}

std::optional<Group> byName(const TestUser& viewer, const std::string& name) {
  GroupListOptions options;
  options.name = name;
  options.limit = 10;
  auto list = viewer.client->groups().list(options).get();
  EXPECT_TRUE(list.ok()) << list.error();
  if (!list.ok() || list->groups.empty()) return std::nullopt;
  return list->groups.front();
}

std::size_t notificationsWithCode(const TestUser& user, std::int32_t code) {
  auto list = user.client->notifications().list({100}).get();
  EXPECT_TRUE(list.ok()) << list.error();
  if (!list.ok()) return 0;
  return static_cast<std::size_t>(std::count_if(list->notifications.begin(), list->notifications.end(),
                                                [code](const Notification& n) { return n.code == code; }));
}

// (sender, code) of every message in a group's channel history.
std::multiset<std::pair<std::string, std::int32_t>> channelEvents(const TestUser& viewer, const std::string& groupId) {
  ChannelMessageListOptions options;
  options.limit = 100;
  auto history = viewer.client->chat().listMessages(GroupsApi::channelId(groupId), options).get();
  EXPECT_TRUE(history.ok()) << history.error();
  std::multiset<std::pair<std::string, std::int32_t>> out;
  if (history.ok()) {
    for (const auto& m : history->messages) out.emplace(m.senderId, m.code);
  }
  return out;
}

// Our groups, in the order a full listing with `options` returns them (other groups of a shared server
// may come in between).
std::vector<std::string> orderOf(const TestUser& viewer, const std::vector<Group>& ours, GroupListOptions options) {
  std::vector<std::string> out;
  auto all = viewer.client->groups().listAll(options).get();
  EXPECT_TRUE(all.ok()) << all.error();
  if (!all.ok()) return out;
  for (const auto& g : *all) {
    for (const auto& mine : ours) {
      if (g.id == mine.id && std::find(out.begin(), out.end(), g.name) == out.end()) out.push_back(g.name);
    }
  }
  return out;
}

std::set<std::string> namesMatching(const TestUser& viewer, const std::string& pattern) {
  GroupListOptions options;
  options.name = pattern;
  std::set<std::string> out;
  auto all = viewer.client->groups().listAll(options).get();
  EXPECT_TRUE(all.ok()) << all.error();
  if (all.ok()) {
    for (const auto& g : *all) out.insert(g.name);
  }
  return out;
}

TEST(GroupsIntegration, CreateAndUpdate) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  const std::string name = uniqueId("hunters_");
  CreateGroupRequest request = groupNamed(name, true, 50);
  request.avatarUrl = "https://example.com/g.png";
  auto group = create(alice, request);
  EXPECT_FALSE(group.id.empty());
  EXPECT_EQ(group.creatorId, alice.id());
  EXPECT_EQ(group.name, name);
  EXPECT_EQ(group.description, "A test group.");
  EXPECT_EQ(group.langTag, "en");
  EXPECT_EQ(group.avatarUrl, "https://example.com/g.png");
  EXPECT_EQ(group.metadata, "{}");
  EXPECT_TRUE(group.open);
  EXPECT_EQ(group.edgeCount, 1);
  EXPECT_EQ(group.maxCount, 50);
  EXPECT_NE(group.createTime, Timestamp{});

  // Defaults.
  CreateGroupRequest minimal;
  minimal.name = uniqueId("minimal_");
  auto plain = create(alice, minimal);
  EXPECT_EQ(plain.maxCount, 100);
  EXPECT_EQ(plain.langTag, "en");
  EXPECT_FALSE(plain.open);

  expectServerError(bob.client->groups().create(groupNamed(name, false)).get(), 409, GrpcCode::kAlreadyExists,
                    "Group name is in use.");
  auto noName = bob.client->groups().create(CreateGroupRequest{}).get();
  ASSERT_FALSE(noName.ok());
  EXPECT_EQ(noName.error().kind, ErrorKind::kInvalidArgument);

  GroupUpdate update;
  update.description = "Every night.";
  update.avatarUrl = "https://example.com/g2.png";
  ASSERT_TRUE(alice.client->groups().update(group.id, update).get().ok());
  auto updated = byName(bob, name);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->description, "Every night.");
  EXPECT_EQ(updated->avatarUrl, "https://example.com/g2.png");
  EXPECT_EQ(updated->langTag, "en");
  EXPECT_TRUE(updated->open);

  GroupUpdate hijack;
  hijack.description = "hijacked";
  expectServerError(bob.client->groups().update(group.id, hijack).get(), 404, GrpcCode::kNotFound,
                    "Group not found or you're not allowed to update.");
}

TEST(GroupsIntegration, OpenGroupMembership) {
  TestUser alice, bob, carol;
  ASSERT_TRUE(newUsers(alice, bob, carol));
  auto group = create(alice, groupNamed(uniqueId("open_"), true));

  ASSERT_TRUE(bob.client->groups().join(group.id).get().ok());
  ASSERT_TRUE(bob.client->groups().join(group.id).get().ok());  // already a member: no change
  ASSERT_TRUE(carol.client->groups().join(group.id).get().ok());
  auto list = members(alice, group.id);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[alice.id()], GroupMemberState::kSuperadmin);
  EXPECT_EQ(list[bob.id()], GroupMemberState::kMember);
  EXPECT_EQ(list[carol.id()], GroupMemberState::kMember);
  EXPECT_EQ(byName(carol, group.name)->edgeCount, 3);

  // Paging through members one at a time.
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = bob.client->groups().listUsers(group.id, {std::nullopt, 1, cursor}).get();
    ASSERT_TRUE(page.ok()) << page.error();
    ASSERT_EQ(page->groupUsers.size(), 1u);
    if (pages == 0) {
      EXPECT_EQ(page->groupUsers[0].user.id, alice.id());  // superadmin first
    }
    seen.push_back(page->groupUsers[0].user.id);
    cursor = page->cursor;
    ASSERT_LT(++pages, 10);
  } while (!cursor.empty());
  EXPECT_EQ(seen.size(), 3u);

  ASSERT_TRUE(carol.client->groups().leave(group.id).get().ok());
  EXPECT_EQ(members(alice, group.id).count(carol.id()), 0u);
  EXPECT_EQ(byName(carol, group.name)->edgeCount, 2);

  expectServerError(alice.client->groups().leave(group.id).get(), 400, GrpcCode::kInvalidArgument,
                    "Cannot leave group when you are the last superadmin.");
}

TEST(GroupsIntegration, ClosedGroupJoinRequests) {
  TestUser alice, bob, carol;
  ASSERT_TRUE(newUsers(alice, bob, carol));
  auto group = create(alice, groupNamed(uniqueId("council_"), false, 10));

  ASSERT_TRUE(carol.client->groups().join(group.id).get().ok());
  auto requests = members(alice, group.id, GroupMemberState::kJoinRequest);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests.count(carol.id()), 1u);
  EXPECT_EQ(byName(alice, group.name)->edgeCount, 1);  // a request is not a member
  EXPECT_EQ(notificationsWithCode(alice, NotificationCode::kGroupJoinRequest), 1u);

  // Adding accepts the request; adding a stranger makes them a member directly.
  ASSERT_TRUE(alice.client->groups().addUsers(group.id, {carol.id(), bob.id()}).get().ok());
  auto list = members(alice, group.id);
  EXPECT_EQ(list[carol.id()], GroupMemberState::kMember);
  EXPECT_EQ(list[bob.id()], GroupMemberState::kMember);
  EXPECT_EQ(byName(alice, group.name)->edgeCount, 3);
  EXPECT_EQ(notificationsWithCode(bob, NotificationCode::kGroupAdd), 1u);

  // A member cannot add or kick.
  auto dave = newUser();
  ASSERT_TRUE(dave.session);
  expectServerError(bob.client->groups().addUsers(group.id, {dave.id()}).get(), 404, GrpcCode::kNotFound,
                    "Group not found or permission denied.");
  expectServerError(bob.client->groups().kickUsers(group.id, {carol.id()}).get(), 404, GrpcCode::kNotFound,
                    "Group not found or permission denied.");

  // Kick rejects a pending request too.
  ASSERT_TRUE(dave.client->groups().join(group.id).get().ok());
  ASSERT_TRUE(alice.client->groups().kickUsers(group.id, {dave.id(), carol.id()}).get().ok());
  list = members(alice, group.id);
  EXPECT_EQ(list.size(), 2u);
  EXPECT_EQ(list.count(dave.id()), 0u);
  EXPECT_EQ(list.count(carol.id()), 0u);
  EXPECT_TRUE(members(alice, group.id, GroupMemberState::kJoinRequest).empty());
}

TEST(GroupsIntegration, PromoteDemoteAndRoles) {
  TestUser alice, bob, carol;
  ASSERT_TRUE(newUsers(alice, bob, carol));
  auto group = create(alice, groupNamed(uniqueId("roles_"), true));
  ASSERT_TRUE(bob.client->groups().join(group.id).get().ok());
  ASSERT_TRUE(carol.client->groups().join(group.id).get().ok());

  ASSERT_TRUE(alice.client->groups().promoteUsers(group.id, {bob.id()}).get().ok());
  auto list = members(carol, group.id);
  EXPECT_EQ(list[bob.id()], GroupMemberState::kAdmin);

  // An admin may update the group and kick members, but not delete the group.
  GroupUpdate update;
  update.description = "Run by admins.";
  ASSERT_TRUE(bob.client->groups().update(group.id, update).get().ok());
  expectServerError(bob.client->groups().remove(group.id).get(), 400, GrpcCode::kInvalidArgument,
                    "Group not found or you're not allowed to delete.");

  ASSERT_TRUE(alice.client->groups().demoteUsers(group.id, {bob.id()}).get().ok());
  EXPECT_EQ(members(carol, group.id)[bob.id()], GroupMemberState::kMember);

  // Two superadmins: then one of them may leave.
  ASSERT_TRUE(alice.client->groups().promoteUsers(group.id, {carol.id()}).get().ok());
  ASSERT_TRUE(alice.client->groups().promoteUsers(group.id, {carol.id()}).get().ok());
  EXPECT_EQ(members(bob, group.id)[carol.id()], GroupMemberState::kSuperadmin);
  ASSERT_TRUE(alice.client->groups().leave(group.id).get().ok());
  list = members(bob, group.id);
  EXPECT_EQ(list.count(alice.id()), 0u);
  EXPECT_EQ(list[carol.id()], GroupMemberState::kSuperadmin);

  // Members cannot promote.
  expectServerError(bob.client->groups().promoteUsers(group.id, {bob.id()}).get(), 404, GrpcCode::kNotFound,
                    "Group not found or permission denied.");
}

TEST(GroupsIntegration, BanHidesAndKeepsTheUserOut) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  auto group = create(alice, groupNamed(uniqueId("ban_"), true));
  ASSERT_TRUE(bob.client->groups().join(group.id).get().ok());

  ASSERT_TRUE(alice.client->groups().banUsers(group.id, {bob.id()}).get().ok());
  auto list = members(alice, group.id);
  EXPECT_EQ(list.size(), 1u);  // banned users are hidden...
  auto banned = members(alice, group.id, GroupMemberState::kBanned);
  ASSERT_EQ(banned.size(), 1u);  // ...unless asked for
  EXPECT_EQ(banned[bob.id()], GroupMemberState::kBanned);
  EXPECT_EQ(byName(alice, group.name)->edgeCount, 1);

  // Joining again is accepted but changes nothing.
  ASSERT_TRUE(bob.client->groups().join(group.id).get().ok());
  EXPECT_EQ(members(alice, group.id, GroupMemberState::kBanned).size(), 1u);
  EXPECT_EQ(members(alice, group.id).count(bob.id()), 0u);
}

TEST(GroupsIntegration, DeleteGroup) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  auto group = create(alice, groupNamed(uniqueId("doomed_"), true));
  ASSERT_TRUE(bob.client->groups().join(group.id).get().ok());
  expectServerError(bob.client->groups().remove(group.id).get(), 400, GrpcCode::kInvalidArgument,
                    "Group not found or you're not allowed to delete.");
  ASSERT_TRUE(alice.client->groups().remove(group.id).get().ok());
  expectServerError(bob.client->groups().join(group.id).get(), 404, GrpcCode::kNotFound, "Group not found.");
  EXPECT_FALSE(byName(bob, group.name));
  auto bobGroups = bob.client->groups().listAllUserGroups(bob.id()).get();
  ASSERT_TRUE(bobGroups.ok()) << bobGroups.error();
  EXPECT_TRUE(bobGroups->empty());
}

TEST(GroupsIntegration, FullGroup) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  auto group = create(alice, groupNamed(uniqueId("tiny_"), true, 1));
  expectServerError(bob.client->groups().join(group.id).get(), 400, GrpcCode::kInvalidArgument, "Group is full.");
}

TEST(GroupsIntegration, ListGroups) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  const std::string prefix = uniqueId("lg_");
  std::vector<std::string> names = {prefix + "_a", prefix + "_b", prefix + "_c"};
  for (std::size_t i = 0; i < names.size(); ++i) create(alice, groupNamed(names[i], i != 1));

  // Exact name.
  auto exact = byName(bob, names[1]);
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->name, names[1]);
  EXPECT_FALSE(exact->open);

  // Prefix wildcard, one per page: pages may overlap on a 3.15 server, so compare the union.
  std::set<std::string> seen;
  GroupListOptions options;
  options.name = prefix + "%";
  options.limit = 1;
  for (int page = 0; page < 10; ++page) {
    auto list = bob.client->groups().list(options).get();
    ASSERT_TRUE(list.ok()) << list.error();
    for (const auto& g : list->groups) seen.insert(g.name);
    if (list->cursor.empty()) break;
    options.cursor = list->cursor;
  }
  EXPECT_EQ(seen, std::set<std::string>(names.begin(), names.end()));

  GroupListOptions all;
  all.name = prefix + "%";
  auto everything = bob.client->groups().listAll(all).get();
  ASSERT_TRUE(everything.ok()) << everything.error();
  EXPECT_EQ(everything->size(), 3u);

  GroupListOptions combined;
  combined.name = prefix + "%";
  combined.open = true;
  expectServerError(bob.client->groups().list(combined).get(), 400, GrpcCode::kInvalidArgument,
                    "name filter cannot be combined with any other filter");
  GroupListOptions badLimit;
  badLimit.limit = 101;
  expectServerError(bob.client->groups().list(badLimit).get(), 400, GrpcCode::kInvalidArgument);
}

TEST(GroupsIntegration, ListGroupsByOpenLangAndMembers) {
  // Nakama 3.15 inverts the `open` filter, so this always runs on the in-process server.
  auto alice = newUser(test::TestEnv::instance().localClientOptions());
  ASSERT_TRUE(alice.session);
  const std::string lang = "x-" + uniqueId("").substr(0, 8);
  CreateGroupRequest open = groupNamed(uniqueId("f_open_"), true);
  open.langTag = lang;
  CreateGroupRequest closed = groupNamed(uniqueId("f_closed_"), false);
  closed.langTag = lang;
  create(alice, open);
  create(alice, closed);

  auto names = [&](std::optional<bool> isOpen, std::optional<std::int32_t> maxMembers) {
    GroupListOptions options;
    options.langTag = lang;
    options.open = isOpen;
    options.members = maxMembers;
    auto list = alice.client->groups().listAll(options).get();
    EXPECT_TRUE(list.ok()) << list.error();
    std::set<std::string> out;
    if (list.ok()) {
      for (const auto& g : *list) out.insert(g.name);
    }
    return out;
  };
  EXPECT_EQ(names(true, std::nullopt), std::set<std::string>{open.name});
  EXPECT_EQ(names(false, std::nullopt), std::set<std::string>{closed.name});
  EXPECT_EQ(names(std::nullopt, std::nullopt), (std::set<std::string>{open.name, closed.name}));
  EXPECT_EQ(names(std::nullopt, 1).size(), 2u);
  EXPECT_TRUE(names(std::nullopt, 0).empty());
}

TEST(GroupsIntegration, ListUserGroups) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  auto mine = create(alice, groupNamed(uniqueId("mine_"), true));
  auto theirs = create(bob, groupNamed(uniqueId("theirs_"), true));
  auto closed = create(bob, groupNamed(uniqueId("closed_"), false));
  ASSERT_TRUE(alice.client->groups().join(theirs.id).get().ok());
  ASSERT_TRUE(alice.client->groups().join(closed.id).get().ok());

  auto all = bob.client->groups().listAllUserGroups(alice.id()).get();
  ASSERT_TRUE(all.ok()) << all.error();
  std::map<std::string, GroupMemberState> states;
  for (const auto& ug : *all) states[ug.group.id] = ug.state;
  EXPECT_EQ(states.size(), 3u);
  EXPECT_EQ(states[mine.id], GroupMemberState::kSuperadmin);
  EXPECT_EQ(states[theirs.id], GroupMemberState::kMember);
  EXPECT_EQ(states[closed.id], GroupMemberState::kJoinRequest);

  auto supers = alice.client->groups().listUserGroups(alice.id(), {GroupMemberState::kSuperadmin}).get();
  ASSERT_TRUE(supers.ok()) << supers.error();
  ASSERT_EQ(supers->userGroups.size(), 1u);
  EXPECT_EQ(supers->userGroups[0].group.id, mine.id);
  EXPECT_EQ(supers->userGroups[0].group.name, mine.name);

  auto page = alice.client->groups().listUserGroups(alice.id(), {std::nullopt, 1}).get();
  ASSERT_TRUE(page.ok()) << page.error();
  EXPECT_EQ(page->userGroups.size(), 1u);
  EXPECT_FALSE(page->cursor.empty());

  expectServerError(alice.client->groups().listUserGroups(alice.id(), {static_cast<GroupMemberState>(5)}).get(), 400,
                    GrpcCode::kInvalidArgument);
  expectServerError(alice.client->groups().listUsers(mine.id, {std::nullopt, 0}).get(), 400,
                    GrpcCode::kInvalidArgument);
}

TEST(GroupsIntegration, AdminsCannotActOnHigherRoles) {
  TestUser alice, bob, carol;
  ASSERT_TRUE(newUsers(alice, bob, carol));
  auto group = create(alice, groupNamed(uniqueId("ranks_"), true));
  ASSERT_TRUE(bob.client->groups().join(group.id).get().ok());
  ASSERT_TRUE(carol.client->groups().join(group.id).get().ok());
  ASSERT_TRUE(alice.client->groups().promoteUsers(group.id, {bob.id()}).get().ok());

  // Bob (admin) may kick Carol (member) but not Alice (superadmin): that part is skipped silently.
  ASSERT_TRUE(bob.client->groups().kickUsers(group.id, {alice.id(), carol.id()}).get().ok());
  auto list = members(alice, group.id);
  EXPECT_EQ(list.size(), 2u);
  EXPECT_EQ(list[alice.id()], GroupMemberState::kSuperadmin);
  EXPECT_EQ(list.count(carol.id()), 0u);
  // Nor promote himself to superadmin.
  ASSERT_TRUE(bob.client->groups().promoteUsers(group.id, {bob.id()}).get().ok());
  EXPECT_EQ(members(alice, group.id)[bob.id()], GroupMemberState::kAdmin);
}

TEST(GroupsIntegration, LiveNotificationsForJoinRequestsAndAdds) {
  auto alice = test::rt::connectPeer();
  auto bob = test::rt::connectPeer();
  ASSERT_TRUE(alice && bob);
  auto group = create(alice->user, groupNamed(uniqueId("notify_"), false));

  ASSERT_TRUE(bob->user.client->groups().join(group.id).get().ok());
  auto request = alice->ev->notifications.take(
      [](const Notification& n) { return n.code == NotificationCode::kGroupJoinRequest; });
  ASSERT_TRUE(request) << "no join request notification";
  EXPECT_TRUE(request->persistent);
  EXPECT_NE(request->content.find(bob->username()), std::string::npos);

  ASSERT_TRUE(alice->user.client->groups().addUsers(group.id, {bob->id()}).get().ok());
  auto added = bob->ev->notifications.take([](const Notification& n) { return n.code == NotificationCode::kGroupAdd; });
  ASSERT_TRUE(added) << "no group add notification";
  EXPECT_NE(added->content.find(group.name), std::string::npos);
}

TEST(GroupsIntegration, MembershipEventsInTheGroupChannel) {
  TestUser alice, bob, carol, dave;
  ASSERT_TRUE(newUsers(alice, bob, carol, dave));
  auto group = create(alice, groupNamed(uniqueId("events_"), true));
  auto groups = alice.client->groups();
  ASSERT_TRUE(bob.client->groups().join(group.id).get().ok());        // 3 join
  ASSERT_TRUE(groups.addUsers(group.id, {carol.id()}).get().ok());    // 4 add
  ASSERT_TRUE(groups.promoteUsers(group.id, {bob.id()}).get().ok());  // 7 promote
  ASSERT_TRUE(groups.demoteUsers(group.id, {bob.id()}).get().ok());   // 9 demote
  ASSERT_TRUE(groups.kickUsers(group.id, {carol.id()}).get().ok());   // 6 kick
  ASSERT_TRUE(dave.client->groups().join(group.id).get().ok());       // 3 join
  ASSERT_TRUE(dave.client->groups().leave(group.id).get().ok());      // 5 leave
  ASSERT_TRUE(groups.banUsers(group.id, {bob.id()}).get().ok());      // 8 ban

  ChannelMessageListOptions options;
  options.limit = 100;
  options.forward = true;
  auto history = alice.client->chat().listMessages(GroupsApi::channelId(group.id), options).get();
  ASSERT_TRUE(history.ok()) << history.error();
  // Messages of the same second may come back in any order on 3.15: compare as a multiset.
  std::multiset<std::pair<std::string, std::int32_t>> events;
  for (const auto& m : history->messages) {
    EXPECT_EQ(m.content, "{}");
    EXPECT_EQ(m.groupId, group.id);
    events.emplace(m.senderId, m.code);
  }
  const std::multiset<std::pair<std::string, std::int32_t>> expected = {
      {bob.id(), ChannelMessageCode::kGroupJoin},    {carol.id(), ChannelMessageCode::kGroupAdd},
      {bob.id(), ChannelMessageCode::kGroupPromote}, {bob.id(), ChannelMessageCode::kGroupDemote},
      {carol.id(), ChannelMessageCode::kGroupKick},  {dave.id(), ChannelMessageCode::kGroupJoin},
      {dave.id(), ChannelMessageCode::kGroupLeave},  {bob.id(), ChannelMessageCode::kGroupBan}};
  EXPECT_EQ(events, expected);
}

TEST(GroupsIntegration, AddNotificationCarriesGroupIdAndName) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  auto group = create(alice, groupNamed(uniqueId("addnote_"), false));
  ASSERT_TRUE(alice.client->groups().addUsers(group.id, {bob.id()}).get().ok());

  auto list = bob.client->notifications().list({100}).get();
  ASSERT_TRUE(list.ok()) << list.error();
  auto added = std::find_if(list->notifications.begin(), list->notifications.end(),
                            [](const Notification& n) { return n.code == NotificationCode::kGroupAdd; });
  ASSERT_NE(added, list->notifications.end());
  EXPECT_EQ(added->senderId, alice.id());
  EXPECT_EQ(added->subject, "You've been added to group " + group.name);
  auto content = nlohmann::json::parse(added->content, nullptr, false);
  ASSERT_TRUE(content.is_object()) << added->content;
  EXPECT_EQ(content, (nlohmann::json{{"group_id", group.id}, {"name", group.name}}));
}

TEST(GroupsIntegration, RemovedMembersLeaveTheGroupChannel) {
  auto alice = test::rt::connectPeer();
  auto bob = test::rt::connectPeer();
  auto carol = test::rt::connectPeer();
  auto dave = test::rt::connectPeer();
  ASSERT_TRUE(alice && bob && carol && dave);
  auto group = create(alice->user, groupNamed(uniqueId("chatters_"), true));
  const std::string channel = GroupsApi::channelId(group.id);
  for (auto* peer : {alice.get(), bob.get(), carol.get(), dave.get()}) {
    if (peer != alice.get()) {
      ASSERT_TRUE(peer->user.client->groups().join(group.id).get().ok());
    }
    auto joined = peer->socket.joinChat(group.id, ChannelType::kGroup).get();
    ASSERT_TRUE(joined.ok()) << joined.error();
  }

  // Each way out of the group: alice sees the user's presence leave, and the user can no longer send.
  auto expectGone = [&](test::rt::Peer& gone) {
    auto left = alice->ev->channelPresence.take([&](const ChannelPresenceEvent& e) {
      return e.channelId == channel && test::rt::hasUser(e.leaves, gone.id());
    });
    EXPECT_TRUE(left) << "no presence leave for " << gone.username();
    test::rt::expectServerRefusal(gone.socket.writeChatMessage(channel, R"({"text":"still here?"})").get(),
                                  "Must join channel before sending messages");
  };
  ASSERT_TRUE(bob->user.client->groups().leave(group.id).get().ok());
  expectGone(*bob);
  ASSERT_TRUE(alice->user.client->groups().kickUsers(group.id, {carol->id()}).get().ok());
  expectGone(*carol);
  ASSERT_TRUE(alice->user.client->groups().banUsers(group.id, {dave->id()}).get().ok());
  expectGone(*dave);
  EXPECT_TRUE(alice->socket.writeChatMessage(channel, R"({"text":"alone"})").get().ok());
}

TEST(GroupsIntegration, KickRules) {
  TestUser alice, bob, carol, dave;
  ASSERT_TRUE(newUsers(alice, bob, carol, dave));
  auto groups = alice.client->groups();
  auto group = create(alice, groupNamed(uniqueId("kicks_"), true));
  ASSERT_TRUE(bob.client->groups().join(group.id).get().ok());
  ASSERT_TRUE(carol.client->groups().join(group.id).get().ok());

  // A superadmin may kick another superadmin.
  ASSERT_TRUE(groups.promoteUsers(group.id, {bob.id()}).get().ok());
  ASSERT_TRUE(groups.promoteUsers(group.id, {bob.id()}).get().ok());
  ASSERT_EQ(members(alice, group.id)[bob.id()], GroupMemberState::kSuperadmin);
  ASSERT_TRUE(groups.kickUsers(group.id, {bob.id()}).get().ok());
  EXPECT_EQ(members(alice, group.id).count(bob.id()), 0u);

  // Kicking a banned user lifts the ban: they may join again.
  ASSERT_TRUE(groups.banUsers(group.id, {carol.id()}).get().ok());
  ASSERT_EQ(members(alice, group.id, GroupMemberState::kBanned).size(), 1u);
  ASSERT_TRUE(groups.kickUsers(group.id, {carol.id()}).get().ok());
  EXPECT_TRUE(members(alice, group.id, GroupMemberState::kBanned).empty());
  ASSERT_TRUE(carol.client->groups().join(group.id).get().ok());
  EXPECT_EQ(members(alice, group.id)[carol.id()], GroupMemberState::kMember);
  auto events = channelEvents(alice, group.id);
  // join, ban, (the kick of a ban records nothing), join again.
  EXPECT_EQ(events.count({carol.id(), ChannelMessageCode::kGroupJoin}), 2u);
  EXPECT_EQ(events.count({carol.id(), ChannelMessageCode::kGroupBan}), 1u);
  EXPECT_EQ(events.count({carol.id(), ChannelMessageCode::kGroupKick}), 0u);
  EXPECT_EQ(events.count({bob.id(), ChannelMessageCode::kGroupKick}), 1u);

  // Rejecting a join request posts nothing in the channel.
  auto closed = create(alice, groupNamed(uniqueId("kickreq_"), false));
  ASSERT_TRUE(dave.client->groups().join(closed.id).get().ok());
  ASSERT_EQ(members(alice, closed.id, GroupMemberState::kJoinRequest).size(), 1u);
  ASSERT_TRUE(groups.kickUsers(closed.id, {dave.id()}).get().ok());
  EXPECT_TRUE(members(alice, closed.id, GroupMemberState::kJoinRequest).empty());
  EXPECT_TRUE(channelEvents(alice, closed.id).empty());
}

TEST(GroupsIntegration, AddRules) {
  TestUser alice, bob, carol;
  ASSERT_TRUE(newUsers(alice, bob, carol));
  auto groups = alice.client->groups();
  auto group = create(alice, groupNamed(uniqueId("adds_"), false));

  // One unknown user fails the whole call.
  expectServerError(groups.addUsers(group.id, {bob.id(), testserver::newUuid()}).get(), 400, GrpcCode::kInvalidArgument,
                    "One or more users not found.");
  EXPECT_EQ(members(alice, group.id).count(bob.id()), 0u);

  // A banned user is not re-admitted (and not told anything).
  ASSERT_TRUE(groups.addUsers(group.id, {bob.id()}).get().ok());
  ASSERT_TRUE(groups.banUsers(group.id, {bob.id()}).get().ok());
  ASSERT_TRUE(groups.addUsers(group.id, {bob.id()}).get().ok());
  EXPECT_EQ(members(alice, group.id, GroupMemberState::kBanned).count(bob.id()), 1u);
  EXPECT_EQ(members(alice, group.id).count(bob.id()), 0u);
  EXPECT_EQ(notificationsWithCode(bob, NotificationCode::kGroupAdd), 1u);

  // A join request is accepted.
  ASSERT_TRUE(carol.client->groups().join(group.id).get().ok());
  ASSERT_TRUE(groups.addUsers(group.id, {carol.id()}).get().ok());
  EXPECT_EQ(members(alice, group.id)[carol.id()], GroupMemberState::kMember);
  EXPECT_EQ(byName(alice, group.name)->edgeCount, 2);
}

TEST(GroupsIntegration, BanRules) {
  TestUser alice, bob, carol, erin;
  ASSERT_TRUE(newUsers(alice, bob, carol, erin));
  auto groups = alice.client->groups();
  auto group = create(alice, groupNamed(uniqueId("bans_"), true));

  // Banning someone who is not in the group does nothing.
  ASSERT_TRUE(groups.banUsers(group.id, {erin.id()}).get().ok());
  EXPECT_TRUE(members(alice, group.id, GroupMemberState::kBanned).empty());
  ASSERT_TRUE(erin.client->groups().join(group.id).get().ok());
  EXPECT_EQ(members(alice, group.id)[erin.id()], GroupMemberState::kMember);

  // A superadmin may ban another superadmin.
  ASSERT_TRUE(bob.client->groups().join(group.id).get().ok());
  ASSERT_TRUE(groups.promoteUsers(group.id, {bob.id()}).get().ok());
  ASSERT_TRUE(groups.promoteUsers(group.id, {bob.id()}).get().ok());
  ASSERT_TRUE(groups.banUsers(group.id, {bob.id()}).get().ok());
  EXPECT_EQ(members(alice, group.id, GroupMemberState::kBanned).count(bob.id()), 1u);
  EXPECT_EQ(members(alice, group.id).count(bob.id()), 0u);
  // A ban is kept on the group's side only: it is not among the user's groups, whatever the filter.
  auto bobGroups = bob.client->groups().listAllUserGroups(bob.id(), {GroupMemberState::kBanned}).get();
  ASSERT_TRUE(bobGroups.ok()) << bobGroups.error();
  EXPECT_TRUE(bobGroups->empty());

  // Banning a join request posts nothing in the channel.
  auto closed = create(alice, groupNamed(uniqueId("banreq_"), false));
  ASSERT_TRUE(carol.client->groups().join(closed.id).get().ok());
  ASSERT_TRUE(groups.banUsers(closed.id, {carol.id()}).get().ok());
  EXPECT_EQ(members(alice, closed.id, GroupMemberState::kBanned).count(carol.id()), 1u);
  EXPECT_TRUE(members(alice, closed.id, GroupMemberState::kJoinRequest).empty());
  EXPECT_TRUE(channelEvents(alice, closed.id).empty());
}

TEST(GroupsIntegration, PromoteAndDemoteRules) {
  TestUser alice, bob, carol, dave;
  ASSERT_TRUE(newUsers(alice, bob, carol, dave));
  auto groups = alice.client->groups();
  auto group = create(alice, groupNamed(uniqueId("ranks2_"), false));

  // Promoting a join request does nothing.
  ASSERT_TRUE(bob.client->groups().join(group.id).get().ok());
  ASSERT_TRUE(groups.promoteUsers(group.id, {bob.id()}).get().ok());
  EXPECT_EQ(members(alice, group.id)[bob.id()], GroupMemberState::kJoinRequest);
  EXPECT_TRUE(channelEvents(alice, group.id).empty());

  expectServerError(groups.demoteUsers(group.id, {}).get(), 400, GrpcCode::kInvalidArgument, "User IDs must be set.");

  // An admin may demote another admin, but not a superadmin.
  ASSERT_TRUE(groups.addUsers(group.id, {carol.id(), dave.id()}).get().ok());
  ASSERT_TRUE(groups.promoteUsers(group.id, {carol.id(), dave.id()}).get().ok());
  ASSERT_TRUE(carol.client->groups().demoteUsers(group.id, {dave.id(), alice.id()}).get().ok());
  auto list = members(alice, group.id);
  EXPECT_EQ(list[dave.id()], GroupMemberState::kMember);
  EXPECT_EQ(list[carol.id()], GroupMemberState::kAdmin);
  EXPECT_EQ(list[alice.id()], GroupMemberState::kSuperadmin);
}

TEST(GroupsIntegration, ListGroupsOrder) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  const std::string prefix = uniqueId("order_");
  std::vector<Group> ours;
  for (const char* suffix : {"_a", "_b", "_c"}) ours.push_back(create(alice, groupNamed(prefix + suffix, true)));
  // Joining updates the group: _a becomes the most recently updated, with two members.
  ASSERT_TRUE(bob.client->groups().join(ours[0].id).get().ok());
  const std::string a = ours[0].name, b = ours[1].name, c = ours[2].name;

  // No filter: by update time, oldest first.
  EXPECT_EQ(orderOf(bob, ours, {}), (std::vector<std::string>{b, c, a}));
  // A negative member count is no filter at all (not even combined with a name).
  GroupListOptions negative;
  negative.members = -1;
  EXPECT_EQ(orderOf(bob, ours, negative), (std::vector<std::string>{b, c, a}));
  negative.name = prefix + "%";
  EXPECT_EQ(orderOf(bob, ours, negative).size(), 3u);
  // By member count: most members first, then the most recently updated.
  GroupListOptions byMembers;
  byMembers.members = 2;
  EXPECT_EQ(orderOf(bob, ours, byMembers), (std::vector<std::string>{a, c, b}));
  byMembers.members = 1;
  EXPECT_EQ(orderOf(bob, ours, byMembers), (std::vector<std::string>{c, b}));
}

TEST(GroupsIntegration, ListGroupsNameMatching) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  const std::string prefix = uniqueId("names_");
  const std::string alpha = prefix + "_Alpha", beta = prefix + "_Beta";
  create(alice, groupNamed(alpha, true));
  create(alice, groupNamed(beta, true));
  std::string upper = prefix;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char ch) { return std::toupper(ch); });

  EXPECT_EQ(namesMatching(alice, upper + "_ALPHA"), std::set<std::string>{alpha});   // case-insensitive
  EXPECT_EQ(namesMatching(alice, prefix + "_%ta"), std::set<std::string>{beta});     // % anywhere
  EXPECT_EQ(namesMatching(alice, prefix + "_al_ha"), std::set<std::string>{alpha});  // _ is one character
  EXPECT_EQ(namesMatching(alice, prefix + "%"), (std::set<std::string>{alpha, beta}));
  // Leading % and spaces are dropped: "%<middle>%" is a prefix match on <middle>, which names nothing.
  EXPECT_EQ(namesMatching(alice, "  " + alpha), std::set<std::string>{alpha});
  EXPECT_TRUE(namesMatching(alice, "%" + prefix.substr(3) + "%").empty());
  // Only spaces: nothing is left of the name, so this is the unfiltered listing.
  GroupListOptions spaces;
  spaces.name = "   ";
  auto any = alice.client->groups().list(spaces).get();
  ASSERT_TRUE(any.ok()) << any.error();
  EXPECT_EQ(any->groups.size(), 1u);
}

TEST(GroupsIntegration, UpdateJoinAndArgumentErrors) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  auto groups = alice.client->groups();
  auto group = create(alice, groupNamed(uniqueId("errors_"), false, 1));

  GroupUpdate noLang;
  noLang.langTag = "";
  expectServerError(groups.update(group.id, noLang).get(), 400, GrpcCode::kInvalidArgument,
                    "Group language cannot be empty.");
  GroupUpdate noName;
  noName.name = "";
  expectServerError(groups.update(group.id, noName).get(), 400, GrpcCode::kInvalidArgument,
                    "Group name cannot be empty.");

  // A full group refuses joins before anything else, closed or not, members included.
  expectServerError(bob.client->groups().join(group.id).get(), 400, GrpcCode::kInvalidArgument, "Group is full.");
  EXPECT_TRUE(members(alice, group.id, GroupMemberState::kJoinRequest).empty());
  EXPECT_EQ(notificationsWithCode(alice, NotificationCode::kGroupJoinRequest), 0u);
  expectServerError(groups.join(group.id).get(), 400, GrpcCode::kInvalidArgument, "Group is full.");

  expectServerError(groups.addUsers(group.id, {"not-a-uuid"}).get(), 400, GrpcCode::kInvalidArgument,
                    "User ID must be a valid ID.");
  expectServerError(groups.kickUsers(group.id, {bob.id(), "not-a-uuid"}).get(), 400, GrpcCode::kInvalidArgument,
                    "User ID must be a valid ID.");
  expectServerError(groups.listUsers(group.id, {std::nullopt, std::nullopt, "garbage"}).get(), 400,
                    GrpcCode::kInvalidArgument, "Cursor is invalid.");
  expectServerError(groups.listUserGroups(alice.id(), {std::nullopt, std::nullopt, "garbage"}).get(), 400,
                    GrpcCode::kInvalidArgument, "Cursor is invalid.");
  // A cursor made for another state filter.
  auto open = create(alice, groupNamed(uniqueId("errors_open_"), true));
  ASSERT_TRUE(bob.client->groups().join(open.id).get().ok());
  auto page = groups.listUsers(open.id, {std::nullopt, 1}).get();
  ASSERT_TRUE(page.ok()) << page.error();
  ASSERT_FALSE(page->cursor.empty());
  expectServerError(groups.listUsers(open.id, {GroupMemberState::kSuperadmin, 1, page->cursor}).get(), 400,
                    GrpcCode::kInvalidArgument, "Cursor is invalid.");
  // The group listing reports a bad cursor as an internal error (no retry: it would fail the same way).
  GroupListOptions badCursor;
  badCursor.cursor = "garbage";
  CallOptions once;
  once.retry = RetryPolicy::none();
  expectServerError(groups.list(badCursor, once).get(), 500, GrpcCode::kInternal, "Error while trying to list groups.");
}

TEST(GroupsIntegration, EmptyUpdateIsRefused) {
  // The SDK refuses an update with no field before sending it...
  auto alice = newUser(TestEnv::instance().localClientOptions());
  ASSERT_TRUE(alice.session);
  auto group = create(alice, groupNamed(uniqueId("noop_"), true));
  auto refused = alice.client->groups().update(group.id, GroupUpdate{}).get();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_FALSE(refused.error().httpStatus.has_value());

  // ...so the server's own answer to an empty body is checked on the in-process server.
  int code = -1;
  std::string message;
  TestEnv::instance().localServer().invoke([&](testserver::AreaContext& ctx) {
    testserver::Request request;
    request.method = "PUT";
    request.path = "/v2/group/" + group.id;
    request.user.userId = alice.id();
    bool known = false;
    const auto* route = ctx.router.match(request.method, request.path, request.params, known);
    ASSERT_NE(route, nullptr);
    try {
      route->handler(request);
    } catch (const testserver::ApiError& e) {
      code = static_cast<int>(e.code);
      message = e.what();
    }
  });
  EXPECT_EQ(code, static_cast<int>(GrpcCode::kInvalidArgument));
  EXPECT_EQ(message, "Specify at least one field to update.");
}

TEST(GroupsIntegration, ChannelIdFormat) {
  EXPECT_EQ(GroupsApi::channelId("87e0befe-2dae-4c65-a87b-f12471f4ae31"), "3.87e0befe-2dae-4c65-a87b-f12471f4ae31..");
}

}  // namespace
}  // namespace nakama
