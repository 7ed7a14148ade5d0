// GroupsApi against the recorded Nakama 3.15 answers (/v2/group, /v2/user/{id}/group).

#include <gtest/gtest.h>

#include "api/groups_json.h"
#include "api_handles.h"
#include "core/codec.h"
#include "nakama/groups.h"
#include "request_replay.h"

namespace nakama::test {
namespace {

const char* kAlice = "d7346e3a-aba1-4b6f-90ea-5b7826a1d8a7";
const char* kBob = "7e8ab7fb-b22d-4aca-8242-d1c311ce174a";
const char* kCarol = "69b275f9-7699-46ff-84ca-c1302ac4b086";
const char* kHunters = "87e0befe-2dae-4c65-a87b-f12471f4ae31";
const char* kCouncil = "667d7dac-3457-48c5-93ee-8056537e17b0";

Timestamp ts(const char* text) { return *internal::parseTimestamp(text); }

TEST(GroupsTranscripts, Create) {
  auto hunters = replayCall("group_create_open", [](auto core) {
    CreateGroupRequest request;
    request.name = "imposter_hunters_1795464486";
    request.description = "We find the imposter.";
    request.langTag = "en";
    request.avatarUrl = "https://example.com/g/hunters.png";
    request.open = true;
    request.maxCount = 50;
    return makeHandle<GroupsApi>(core).create(request);
  });
  ASSERT_TRUE(hunters.ok()) << hunters.error();
  EXPECT_EQ(hunters->id, kHunters);
  EXPECT_EQ(hunters->creatorId, kAlice);
  EXPECT_EQ(hunters->name, "imposter_hunters_1795464486");
  EXPECT_EQ(hunters->description, "We find the imposter.");
  EXPECT_EQ(hunters->langTag, "en");
  EXPECT_EQ(hunters->metadata, "{}");
  EXPECT_EQ(hunters->avatarUrl, "https://example.com/g/hunters.png");
  EXPECT_TRUE(hunters->open);
  EXPECT_EQ(hunters->edgeCount, 1);
  EXPECT_EQ(hunters->maxCount, 50);
  EXPECT_EQ(hunters->createTime, ts("2026-11-23T20:08:08Z"));
  EXPECT_EQ(hunters->updateTime, ts("2026-11-23T20:08:08Z"));

  auto council = replayCall("group_create_closed", [](auto core) {
    CreateGroupRequest request;
    request.name = "imposter_council_1795464486";
    request.description = "Invite only.";
    request.langTag = "en";
    request.maxCount = 10;
    return makeHandle<GroupsApi>(core).create(request);
  });
  ASSERT_TRUE(council.ok()) << council.error();
  EXPECT_FALSE(council->open);
  EXPECT_EQ(council->avatarUrl, "");

  auto lounge = replayCall("group_create_bob_crew_lounge", [](auto core) {
    CreateGroupRequest request;
    request.name = "crew_lounge_1795464486";
    request.open = true;
    return makeHandle<GroupsApi>(core).create(request);
  });
  ASSERT_TRUE(lounge.ok()) << lounge.error();
  EXPECT_EQ(lounge->maxCount, 100);  // server default
  EXPECT_EQ(lounge->langTag, "en");  // server default
}

TEST(GroupsTranscripts, CreateErrors) {
  auto duplicate = replayCall("group_create_duplicate_name", [](auto core) {
    CreateGroupRequest request;
    request.name = "imposter_hunters_1795464486";
    return makeHandle<GroupsApi>(core).create(request);
  });
  expectRecordedError(duplicate, transcript("group_create_duplicate_name"));
  EXPECT_EQ(duplicate.error().grpcCode, GrpcCode::kAlreadyExists);

  // The server answers group_create_missing_name with 400 "Group name must be set."; the SDK checks first.
  Replay r = replay(transcript("group_create_missing_name"));
  CreateGroupRequest noName;
  noName.description = "no name";
  auto missing = makeHandle<GroupsApi>(r.core).create(noName).get();
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(r.transport->requests().empty());
}

TEST(GroupsTranscripts, Update) {
  auto ok = replayCall("group_update", [](auto core) {
    GroupUpdate update;
    update.description = "We find the imposter. Every night.";
    update.avatarUrl = "https://example.com/g/hunters2.png";
    update.langTag = "en";
    return makeHandle<GroupsApi>(core).update(kHunters, update);
  });
  EXPECT_TRUE(ok.ok()) << ok.error();

  auto denied = replayCall("group_update_not_admin", [](auto core) {
    GroupUpdate update;
    update.description = "hijacked";
    return makeHandle<GroupsApi>(core).update(kHunters, update);
  });
  expectRecordedError(denied, transcript("group_update_not_admin"));
  EXPECT_EQ(denied.error().grpcCode, GrpcCode::kNotFound);
}

TEST(GroupsTranscripts, ListByName) {
  auto page1 = replayCall("group_list_name_wildcard_limit1_page1", [](auto core) {
    GroupListOptions options;
    options.name = "imposter%";
    options.limit = 1;
    return makeHandle<GroupsApi>(core).list(options);
  });
  ASSERT_TRUE(page1.ok()) << page1.error();
  ASSERT_EQ(page1->groups.size(), 1u);
  EXPECT_EQ(page1->groups[0].name, "imposter_council_1795464486");
  ASSERT_FALSE(page1->cursor.empty());

  auto page2 = replayCall("group_list_name_wildcard_limit1_page2", [&](auto core) {
    GroupListOptions options;
    options.name = "imposter%";
    options.limit = 1;
    options.cursor = page1->cursor;
    return makeHandle<GroupsApi>(core).list(options);
  });
  ASSERT_TRUE(page2.ok()) << page2.error();
  ASSERT_EQ(page2->groups.size(), 1u);
  EXPECT_EQ(page2->groups[0].name, "imposter_hunters_1795464486");
  EXPECT_TRUE(page2->cursor.empty());

  auto exact = replayCall("group_list_exact_name", [](auto core) {
    GroupListOptions options;
    options.name = "imposter_council_1795464486";
    options.limit = 10;
    return makeHandle<GroupsApi>(core).list(options);
  });
  ASSERT_TRUE(exact.ok()) << exact.error();
  ASSERT_EQ(exact->groups.size(), 1u);
  EXPECT_EQ(exact->groups[0].id, kCouncil);
}

TEST(GroupsTranscripts, ListFilters) {
  auto combined = replayCall("group_list_name_with_other_filter", [](auto core) {
    GroupListOptions options;
    options.name = "imposter%";
    options.open = true;
    return makeHandle<GroupsApi>(core).list(options);
  });
  expectRecordedError(combined, transcript("group_list_name_with_other_filter"));

  auto closedEn = replayCall("group_list_open_false_lang_filter", [](auto core) {
    GroupListOptions options;
    options.open = false;
    options.langTag = "en";
    options.limit = 1;
    return makeHandle<GroupsApi>(core).list(options);
  });
  ASSERT_TRUE(closedEn.ok()) << closedEn.error();
  ASSERT_EQ(closedEn->groups.size(), 1u);  // (3.15 inverts the open filter; the SDK just decodes)
  EXPECT_FALSE(closedEn->cursor.empty());

  auto open = replayCall("group_list_open_true_filter", [](auto core) {
    GroupListOptions options;
    options.open = true;
    options.limit = 1;
    return makeHandle<GroupsApi>(core).list(options);
  });
  ASSERT_TRUE(open.ok()) << open.error();
  EXPECT_EQ(open->groups.size(), 1u);
}

TEST(GroupsTranscripts, JoinAndMembership) {
  EXPECT_TRUE(replayCall("group_join_open", [](auto core) { return makeHandle<GroupsApi>(core).join(kHunters); }).ok());
  EXPECT_TRUE(replayCall("group_join_closed_creates_join_request", [](auto core) {
                return makeHandle<GroupsApi>(core).join(kCouncil);
              }).ok());
  EXPECT_TRUE(
      replayCall("group_join_when_banned", [](auto core) { return makeHandle<GroupsApi>(core).join(kCouncil); }).ok());
  auto deleted = replayCall("group_join_deleted", [](auto core) { return makeHandle<GroupsApi>(core).join(kHunters); });
  expectRecordedError(deleted, transcript("group_join_deleted"));

  EXPECT_TRUE(replayCall("group_add_users_accepts_join_request", [](auto core) {
                return makeHandle<GroupsApi>(core).addUsers(kCouncil, {kCarol});
              }).ok());
  EXPECT_TRUE(replayCall("group_add_users_direct", [](auto core) {
                return makeHandle<GroupsApi>(core).addUsers(kCouncil, {kBob});
              }).ok());
  EXPECT_TRUE(replayCall("group_promote", [](auto core) {
                return makeHandle<GroupsApi>(core).promoteUsers(kCouncil, {kBob});
              }).ok());
  EXPECT_TRUE(replayCall("group_demote", [](auto core) {
                return makeHandle<GroupsApi>(core).demoteUsers(kCouncil, {kBob});
              }).ok());
  EXPECT_TRUE(replayCall("group_kick", [](auto core) {
                return makeHandle<GroupsApi>(core).kickUsers(kCouncil, {kCarol});
              }).ok());
  EXPECT_TRUE(
      replayCall("group_ban", [](auto core) { return makeHandle<GroupsApi>(core).banUsers(kCouncil, {kBob}); }).ok());

  auto kickDenied = replayCall("group_kick_not_admin",
                               [](auto core) { return makeHandle<GroupsApi>(core).kickUsers(kCouncil, {kAlice}); });
  expectRecordedError(kickDenied, transcript("group_kick_not_admin"));
}

TEST(GroupsTranscripts, LeaveAndDelete) {
  EXPECT_TRUE(replayCall("group_leave", [](auto core) { return makeHandle<GroupsApi>(core).leave(kHunters); }).ok());
  auto last =
      replayCall("group_leave_last_superadmin", [](auto core) { return makeHandle<GroupsApi>(core).leave(kCouncil); });
  expectRecordedError(last, transcript("group_leave_last_superadmin"));
  EXPECT_TRUE(replayCall("group_delete", [](auto core) { return makeHandle<GroupsApi>(core).remove(kHunters); }).ok());
  auto denied =
      replayCall("group_delete_not_superadmin", [](auto core) { return makeHandle<GroupsApi>(core).remove(kCouncil); });
  expectRecordedError(denied, transcript("group_delete_not_superadmin"));
}

TEST(GroupsTranscripts, ListUsers) {
  auto requests = replayCall("group_users_list_state3_join_requests", [](auto core) {
    return makeHandle<GroupsApi>(core).listUsers(kCouncil, {GroupMemberState::kJoinRequest});
  });
  ASSERT_TRUE(requests.ok()) << requests.error();
  ASSERT_EQ(requests->groupUsers.size(), 1u);
  EXPECT_EQ(requests->groupUsers[0].user.id, kCarol);
  EXPECT_EQ(requests->groupUsers[0].state, GroupMemberState::kJoinRequest);

  auto afterAdd = replayCall("group_users_list_after_add",
                             [](auto core) { return makeHandle<GroupsApi>(core).listUsers(kCouncil); });
  ASSERT_TRUE(afterAdd.ok()) << afterAdd.error();
  ASSERT_EQ(afterAdd->groupUsers.size(), 3u);
  EXPECT_EQ(afterAdd->groupUsers[0].user.id, kAlice);
  EXPECT_EQ(afterAdd->groupUsers[0].state, GroupMemberState::kSuperadmin);
  EXPECT_EQ(afterAdd->groupUsers[1].state, GroupMemberState::kMember);
  EXPECT_EQ(afterAdd->groupUsers[2].state, GroupMemberState::kMember);

  auto afterPromote = replayCall("group_users_list_after_promote", [](auto core) {
    return makeHandle<GroupsApi>(core).listUsers(kCouncil, {std::nullopt, 10});
  });
  ASSERT_TRUE(afterPromote.ok()) << afterPromote.error();
  ASSERT_EQ(afterPromote->groupUsers.size(), 3u);
  EXPECT_EQ(afterPromote->groupUsers[1].user.id, kBob);
  EXPECT_EQ(afterPromote->groupUsers[1].state, GroupMemberState::kAdmin);

  auto afterBan = replayCall("group_users_list_after_kick_and_ban",
                             [](auto core) { return makeHandle<GroupsApi>(core).listUsers(kCouncil); });
  ASSERT_TRUE(afterBan.ok()) << afterBan.error();
  ASSERT_EQ(afterBan->groupUsers.size(), 1u);  // banned users are hidden without the state-4 filter

  for (const char* name : {"group_users_list_state4_banned", "group_users_list_after_banned_join"}) {
    auto banned = replayCall(
        name, [](auto core) { return makeHandle<GroupsApi>(core).listUsers(kCouncil, {GroupMemberState::kBanned}); });
    ASSERT_TRUE(banned.ok()) << banned.error();
    ASSERT_EQ(banned->groupUsers.size(), 1u);
    EXPECT_EQ(banned->groupUsers[0].user.id, kBob);
    EXPECT_EQ(banned->groupUsers[0].state, GroupMemberState::kBanned);
  }
}

TEST(GroupsTranscripts, ListUserGroups) {
  auto alice = replayCall("user_groups_list_alice",
                          [](auto core) { return makeHandle<GroupsApi>(core).listUserGroups(kAlice); });
  ASSERT_TRUE(alice.ok()) << alice.error();
  ASSERT_EQ(alice->userGroups.size(), 2u);
  EXPECT_EQ(alice->userGroups[0].group.id, kHunters);
  EXPECT_EQ(alice->userGroups[0].group.edgeCount, 2);
  EXPECT_EQ(alice->userGroups[0].state, GroupMemberState::kSuperadmin);
  EXPECT_EQ(alice->userGroups[1].group.id, kCouncil);

  auto bob = replayCall("user_groups_list_bob_limit1", [](auto core) {
    return makeHandle<GroupsApi>(core).listUserGroups(kBob, {std::nullopt, 1});
  });
  ASSERT_TRUE(bob.ok()) << bob.error();
  ASSERT_EQ(bob->userGroups.size(), 1u);
  EXPECT_FALSE(bob->cursor.empty());

  auto bobSuper = replayCall("user_groups_list_bob_state0", [](auto core) {
    return makeHandle<GroupsApi>(core).listUserGroups(kBob, {GroupMemberState::kSuperadmin});
  });
  ASSERT_TRUE(bobSuper.ok()) << bobSuper.error();
  ASSERT_EQ(bobSuper->userGroups.size(), 1u);
  EXPECT_EQ(bobSuper->userGroups[0].group.name, "crew_lounge_1795464486");
}

TEST(Groups, EmptyIdsAreRejectedBeforeSending) {
  // An empty path segment would get a 301 redirect from the real server.
  Replay r = replayResponse(200, "{}");
  auto api = makeHandle<GroupsApi>(r.core);
  GroupUpdate update;
  update.name = "x";
  EXPECT_EQ(api.update("", update).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.update("g", GroupUpdate{}).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.remove("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.join("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.leave("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.addUsers("", {"u"}).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.kickUsers("", {"u"}).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.banUsers("", {"u"}).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.promoteUsers("", {"u"}).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.demoteUsers("", {"u"}).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.listUsers("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.listUserGroups("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.listAllUsers("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.listAllUserGroups("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(r.transport->requests().empty());
}

TEST(Groups, UpdateSendsOnlyTheFieldsSet) {
  Replay r = replayResponse(200, "{}");
  GroupUpdate update;
  update.open = false;
  update.name = "";
  ASSERT_TRUE(makeHandle<GroupsApi>(r.core).update("g/1", update).get().ok());
  auto request = r.onlyRequest();
  EXPECT_EQ(request.method, "PUT");
  EXPECT_EQ(request.target, "/v2/group/g%2F1");
  EXPECT_EQ(nlohmann::json::parse(request.body), nlohmann::json::parse(R"({"name":"","open":false})"));
}

TEST(Groups, ListQueryParameters) {
  Replay r = replayResponse(200, "{}");
  GroupListOptions options;
  options.langTag = "fr";
  options.members = 5;
  options.open = true;
  options.limit = 20;
  options.cursor = "abc";
  ASSERT_TRUE(makeHandle<GroupsApi>(r.core).list(options).get().ok());
  auto target = parseTarget(r.onlyRequest().target);
  EXPECT_EQ(target.path, "/v2/group");
  EXPECT_EQ(target.values("lang_tag"), std::vector<std::string>{"fr"});
  EXPECT_EQ(target.values("members"), std::vector<std::string>{"5"});
  EXPECT_EQ(target.values("open"), std::vector<std::string>{"true"});
  EXPECT_EQ(target.values("limit"), std::vector<std::string>{"20"});
  EXPECT_EQ(target.values("cursor"), std::vector<std::string>{"abc"});
  EXPECT_TRUE(target.values("name").empty());
}

TEST(Groups, PromoteAndDemoteAreNotRetried) {
  std::atomic<int> attempts{0};
  auto transport = std::make_shared<FakeHttpTransport>([&attempts](const auto&, auto done) {
    ++attempts;
    done(httpResponse(503, R"({"code":14,"message":"unavailable"})"));
  });
  ClientOptions options;
  options.retry.maxAttempts = 3;
  options.retry.baseDelay = std::chrono::milliseconds(1);
  options.retry.jitter = false;
  auto core = internal::ClientCore::create(options, transport);
  auto session = nlohmann::json::parse(sessionBody(kAlice, 3600, 7200));
  core->sessions()->set(*Session::restore(session["token"], session["refresh_token"]));
  auto api = makeHandle<GroupsApi>(core);
  EXPECT_FALSE(api.promoteUsers("g", {"u"}).get().ok());
  EXPECT_EQ(attempts.exchange(0), 1);
  EXPECT_FALSE(api.demoteUsers("g", {"u"}).get().ok());
  EXPECT_EQ(attempts.exchange(0), 1);
  CreateGroupRequest create;
  create.name = "n";
  EXPECT_FALSE(api.create(create).get().ok());
  EXPECT_EQ(attempts.exchange(0), 1);
  EXPECT_FALSE(api.remove("g").get().ok());
  EXPECT_EQ(attempts.exchange(0), 1);
  // Safe to repeat: retried.
  EXPECT_FALSE(api.kickUsers("g", {"u"}).get().ok());
  EXPECT_EQ(attempts.exchange(0), 3);
  // ...unless the caller says otherwise.
  CallOptions once;
  once.idempotent = false;
  EXPECT_FALSE(api.join("g", once).get().ok());
  EXPECT_EQ(attempts.exchange(0), 1);
}

TEST(Groups, ChannelId) { EXPECT_EQ(GroupsApi::channelId(kCouncil), std::string("3.") + kCouncil + ".."); }

TEST(Groups, UnknownMemberStateIsKept) {
  auto member = internal::decodeAs<GroupUser>(internal::parseJson(R"({"user":{"id":"u"},"state":12})"));
  EXPECT_EQ(static_cast<int>(member.state), 12);
  auto missing = internal::decodeAs<GroupUser>(internal::parseJson(R"({"user":{"id":"u"}})"));
  EXPECT_EQ(missing.state, GroupMemberState::kSuperadmin);  // absent = 0
}

}  // namespace
}  // namespace nakama::test
