// Bad input never escapes: every public request method of Client, the feature areas and RtSocket, given
// text that is not UTF-8, embedded NULs, empty or huge (1 MB) strings, out-of-range numbers and non-JSON
// where JSON is expected, completes its future (no exception, no hang) and leaves the client and its socket
// usable. Text that is not UTF-8 is refused by the SDK before anything is sent: exactly kInvalidArgument.
// Anything else is the server's to judge (a real Nakama and the test server may differ), so such a call
// may succeed or fail, but must fail with an Error that says something.

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "nakama/account.h"
#include "nakama/chat.h"
#include "nakama/client.h"
#include "nakama/events.h"
#include "nakama/friends.h"
#include "nakama/groups.h"
#include "nakama/leaderboards.h"
#include "nakama/matches.h"
#include "nakama/notifications.h"
#include "nakama/purchases.h"
#include "nakama/rpc.h"
#include "nakama/rt_socket.h"
#include "nakama/storage.h"
#include "nakama/tournaments.h"
#include "nakama/users.h"
#include "rt_test_util.h"
#include "test_env.h"

namespace nakama {
namespace {

using namespace std::chrono_literals;
using test::TestEnv;

/// A call's outcome: whether its future completed in time and, if it failed, the error.
struct Outcome {
  bool completed = false;
  std::optional<Error> error;
};

constexpr auto kCallDeadline = 60s;  // far above the client's timeouts: reaching it means a hang

template <class T>
Outcome settle(const Future<T>& future) {
  Outcome outcome;
  outcome.completed = future.waitFor(kCallDeadline);
  if (!outcome.completed) return outcome;
  auto result = future.get();
  if (!result.ok()) outcome.error = result.error();
  return outcome;
}

/// What the calls need: the client under test (with a session), a client without one (for the
/// authenticate calls, so that the main session is never replaced) and a connected socket.
struct Ctx {
  Client& client;
  Client& anonymous;
  Client& spare;  // a second user for refreshSession: a huge vars map makes its token unusable, rightly
  RtSocket& socket;
};

struct Case {
  const char* name;
  std::function<Outcome(Ctx&, const std::string&)> call;
  bool binary = false;  // the input is carried as bytes (base64 or a raw body): any byte is fine
};

UserPresence presence(const std::string& s) { return UserPresence{s, s, s, false, std::nullopt}; }

MatchmakerQuery matchmakerQuery(const std::string& s) {
  MatchmakerQuery q;
  q.minCount = 7;  // a count no other test asks for: this ticket is never matched with theirs
  q.maxCount = 7;
  q.query = "+properties.bad_input:" + std::string("nowhere");
  q.stringProperties = {{"bad_input", s}};
  return q;
}

std::vector<Case> restCases() {
  return {
      // Client
      {"authenticateDevice", [](Ctx& c, const std::string& s) { return settle(c.anonymous.authenticateDevice(s)); }},
      {"authenticateEmail",
       [](Ctx& c, const std::string& s) { return settle(c.anonymous.authenticateEmail(s + "@x.io", s)); }},
      {"authenticateEmail.username",
       [](Ctx& c, const std::string& s) {
         AuthOptions o;
         o.username = s;
         return settle(c.anonymous.authenticateEmail("", "password1", o));
       }},
      {"authenticateCustom", [](Ctx& c, const std::string& s) { return settle(c.anonymous.authenticateCustom(s)); }},
      {"authenticateApple", [](Ctx& c, const std::string& s) { return settle(c.anonymous.authenticateApple(s)); }},
      {"authenticateFacebook",
       [](Ctx& c, const std::string& s) { return settle(c.anonymous.authenticateFacebook(s)); }},
      {"authenticateFacebookInstantGame",
       [](Ctx& c, const std::string& s) { return settle(c.anonymous.authenticateFacebookInstantGame(s)); }},
      {"authenticateGameCenter",
       [](Ctx& c, const std::string& s) {
         return settle(c.anonymous.authenticateGameCenter(GameCenterCredentials{s, s, 1, s, s, s}));
       }},
      {"authenticateGoogle", [](Ctx& c, const std::string& s) { return settle(c.anonymous.authenticateGoogle(s)); }},
      {"authenticateSteam", [](Ctx& c, const std::string& s) { return settle(c.anonymous.authenticateSteam(s)); }},
      {"authenticate.vars",
       [](Ctx& c, const std::string& s) {
         AuthOptions o;
         o.vars = {{"k", s}, {s, "v"}};
         return settle(c.anonymous.authenticateDevice(test::uniqueId("bad-input-dev"), o));
       }},
      {"refreshSession.vars",
       [](Ctx& c, const std::string& s) {
         return settle(c.spare.refreshSession(StringMap{{"k", s}}));
       }},
      // Account
      {"account.update",
       [](Ctx& c, const std::string& s) {
         AccountUpdate u;
         u.displayName = s;
         u.avatarUrl = s;
         u.langTag = s;
         u.location = s;
         u.timezone = s;
         return settle(c.client.account().update(u));
       }},
      {"account.update.username",
       [](Ctx& c, const std::string& s) {
         AccountUpdate u;
         u.username = s;
         return settle(c.client.account().update(u));
       }},
      {"linkDevice", [](Ctx& c, const std::string& s) { return settle(c.client.account().linkDevice(s)); }},
      {"unlinkDevice", [](Ctx& c, const std::string& s) { return settle(c.client.account().unlinkDevice(s)); }},
      {"linkEmail", [](Ctx& c, const std::string& s) { return settle(c.client.account().linkEmail(s, s)); }},
      {"unlinkEmail", [](Ctx& c, const std::string& s) { return settle(c.client.account().unlinkEmail(s, s)); }},
      {"linkCustom", [](Ctx& c, const std::string& s) { return settle(c.client.account().linkCustom(s)); }},
      {"unlinkCustom", [](Ctx& c, const std::string& s) { return settle(c.client.account().unlinkCustom(s)); }},
      {"linkApple", [](Ctx& c, const std::string& s) { return settle(c.client.account().linkApple(s)); }},
      {"unlinkApple", [](Ctx& c, const std::string& s) { return settle(c.client.account().unlinkApple(s)); }},
      {"linkFacebook", [](Ctx& c, const std::string& s) { return settle(c.client.account().linkFacebook(s)); }},
      {"unlinkFacebook", [](Ctx& c, const std::string& s) { return settle(c.client.account().unlinkFacebook(s)); }},
      {"linkFacebookInstantGame",
       [](Ctx& c, const std::string& s) { return settle(c.client.account().linkFacebookInstantGame(s)); }},
      {"unlinkFacebookInstantGame",
       [](Ctx& c, const std::string& s) { return settle(c.client.account().unlinkFacebookInstantGame(s)); }},
      {"linkGameCenter",
       [](Ctx& c, const std::string& s) {
         return settle(c.client.account().linkGameCenter(GameCenterCredentials{s, s, 1, s, s, s}));
       }},
      {"unlinkGameCenter",
       [](Ctx& c, const std::string& s) {
         return settle(c.client.account().unlinkGameCenter(GameCenterCredentials{s, s, 1, s, s, s}));
       }},
      {"linkGoogle", [](Ctx& c, const std::string& s) { return settle(c.client.account().linkGoogle(s)); }},
      {"unlinkGoogle", [](Ctx& c, const std::string& s) { return settle(c.client.account().unlinkGoogle(s)); }},
      {"linkSteam", [](Ctx& c, const std::string& s) { return settle(c.client.account().linkSteam(s)); }},
      {"unlinkSteam", [](Ctx& c, const std::string& s) { return settle(c.client.account().unlinkSteam(s)); }},
      {"importFacebookFriends",
       [](Ctx& c, const std::string& s) { return settle(c.client.account().importFacebookFriends(s)); }},
      {"importSteamFriends",
       [](Ctx& c, const std::string& s) { return settle(c.client.account().importSteamFriends(s)); }},
      // Users and friends
      {"users.get", [](Ctx& c, const std::string& s) { return settle(c.client.users().get({s}, {s}, {s})); }},
      {"users.getByUsernames",
       [](Ctx& c, const std::string& s) { return settle(c.client.users().getByUsernames({s})); }},
      {"friends.add", [](Ctx& c, const std::string& s) { return settle(c.client.friends().add({s}, {s})); }},
      {"friends.remove", [](Ctx& c, const std::string& s) { return settle(c.client.friends().remove({s}, {s})); }},
      {"friends.block", [](Ctx& c, const std::string& s) { return settle(c.client.friends().block({s}, {s})); }},
      {"friends.list",
       [](Ctx& c, const std::string& s) {
         FriendListOptions o;
         o.cursor = s;
         return settle(c.client.friends().list(o));
       }},
      // Groups
      {"groups.create",
       [](Ctx& c, const std::string& s) {
         CreateGroupRequest r;
         r.name = s;
         r.description = s;
         r.langTag = s;
         r.avatarUrl = s;
         return settle(c.client.groups().create(r));
       }},
      {"groups.update",
       [](Ctx& c, const std::string& s) {
         GroupUpdate u;
         u.name = s;
         u.description = s;
         return settle(c.client.groups().update(s, u));
       }},
      {"groups.remove", [](Ctx& c, const std::string& s) { return settle(c.client.groups().remove(s)); }},
      {"groups.list",
       [](Ctx& c, const std::string& s) {
         GroupListOptions o;
         o.name = s;
         o.langTag = s;
         o.cursor = s;
         return settle(c.client.groups().list(o));
       }},
      {"groups.join", [](Ctx& c, const std::string& s) { return settle(c.client.groups().join(s)); }},
      {"groups.leave", [](Ctx& c, const std::string& s) { return settle(c.client.groups().leave(s)); }},
      {"groups.addUsers", [](Ctx& c, const std::string& s) { return settle(c.client.groups().addUsers(s, {s})); }},
      {"groups.kickUsers", [](Ctx& c, const std::string& s) { return settle(c.client.groups().kickUsers(s, {s})); }},
      {"groups.banUsers", [](Ctx& c, const std::string& s) { return settle(c.client.groups().banUsers(s, {s})); }},
      {"groups.promoteUsers",
       [](Ctx& c, const std::string& s) { return settle(c.client.groups().promoteUsers(s, {s})); }},
      {"groups.demoteUsers",
       [](Ctx& c, const std::string& s) { return settle(c.client.groups().demoteUsers(s, {s})); }},
      {"groups.listUsers",
       [](Ctx& c, const std::string& s) {
         MembershipListOptions o;
         o.cursor = s;
         return settle(c.client.groups().listUsers(s, o));
       }},
      {"groups.listUserGroups",
       [](Ctx& c, const std::string& s) {
         MembershipListOptions o;
         o.cursor = s;
         return settle(c.client.groups().listUserGroups(s, o));
       }},
      // Storage (the value must be a JSON object: anything else is the server's to refuse)
      {"storage.read",
       [](Ctx& c, const std::string& s) {
         return settle(c.client.storage().read({StorageObjectId{s, s, s}}));
       }},
      {"storage.write.ids",
       [](Ctx& c, const std::string& s) {
         WriteStorageObject o;
         o.collection = s;
         o.key = s;
         o.value = R"({"ok":1})";
         return settle(c.client.storage().write({o}));
       }},
      {"storage.write.value",
       [](Ctx& c, const std::string& s) {
         WriteStorageObject o;
         o.collection = "bad_input";
         o.key = "value";
         o.value = s;
         return settle(c.client.storage().write({o}));
       }},
      {"storage.remove",
       [](Ctx& c, const std::string& s) {
         return settle(c.client.storage().remove({DeleteStorageObjectId{s, s, s}}));
       }},
      {"storage.listOwn",
       [](Ctx& c, const std::string& s) {
         StorageListOptions o;
         o.cursor = s;
         return settle(c.client.storage().listOwn(s, o));
       }},
      {"storage.listUser", [](Ctx& c, const std::string& s) { return settle(c.client.storage().listUser(s, s)); }},
      {"storage.listPublic", [](Ctx& c, const std::string& s) { return settle(c.client.storage().listPublic(s)); }},
      {"storage.listAll", [](Ctx& c, const std::string& s) { return settle(c.client.storage().listAll(s, s)); }},
      // Leaderboards and tournaments
      {"leaderboards.writeRecord",
       [](Ctx& c, const std::string& s) {
         LeaderboardRecordWrite w;
         w.metadata = s;
         return settle(c.client.leaderboards().writeRecord(s, w));
       }},
      {"leaderboards.listRecords",
       [](Ctx& c, const std::string& s) {
         LeaderboardListOptions o;
         o.ownerIds = {s};
         o.cursor = s;
         return settle(c.client.leaderboards().listRecords(s, o));
       }},
      {"leaderboards.listRecordsAroundOwner",
       [](Ctx& c, const std::string& s) { return settle(c.client.leaderboards().listRecordsAroundOwner(s, s)); }},
      {"leaderboards.deleteRecord",
       [](Ctx& c, const std::string& s) { return settle(c.client.leaderboards().deleteRecord(s)); }},
      {"tournaments.list",
       [](Ctx& c, const std::string& s) {
         TournamentListOptions o;
         o.cursor = s;
         return settle(c.client.tournaments().list(o));
       }},
      {"tournaments.join", [](Ctx& c, const std::string& s) { return settle(c.client.tournaments().join(s)); }},
      {"tournaments.writeRecord",
       [](Ctx& c, const std::string& s) {
         LeaderboardRecordWrite w;
         w.metadata = s;
         return settle(c.client.tournaments().writeRecord(s, w));
       }},
      {"tournaments.listRecords",
       [](Ctx& c, const std::string& s) {
         LeaderboardListOptions o;
         o.ownerIds = {s};
         o.cursor = s;
         return settle(c.client.tournaments().listRecords(s, o));
       }},
      {"tournaments.listRecordsAroundOwner",
       [](Ctx& c, const std::string& s) { return settle(c.client.tournaments().listRecordsAroundOwner(s, s)); }},
      // Notifications, chat history, matches
      {"notifications.list",
       [](Ctx& c, const std::string& s) {
         NotificationListOptions o;
         o.cacheableCursor = s;
         return settle(c.client.notifications().list(o));
       }},
      {"notifications.remove",
       [](Ctx& c, const std::string& s) { return settle(c.client.notifications().remove({s})); }},
      {"chat.listMessages",
       [](Ctx& c, const std::string& s) {
         ChannelMessageListOptions o;
         o.cursor = s;
         return settle(c.client.chat().listMessages(s, o));
       }},
      {"matches.list",
       [](Ctx& c, const std::string& s) {
         MatchListOptions o;
         o.label = s;
         o.query = s;
         return settle(c.client.matches().list(o));
       }},
      // RPC (the payload is JSON-encoded text; unwrapped, it is the raw body)
      {"rpc.call.id", [](Ctx& c, const std::string& s) { return settle(c.client.rpc().call(s, "{}")); }},
      {"rpc.call.payload", [](Ctx& c, const std::string& s) { return settle(c.client.rpc().call("echo", s)); }},
      {"rpc.call.query",
       [](Ctx& c, const std::string& s) {
         RpcOptions o;
         o.query = {{"q", s}};
         return settle(c.client.rpc().call("echo", "{}", o));
       }},
      {"rpc.call.unwrapped",
       [](Ctx& c, const std::string& s) {
         RpcOptions o;
         o.unwrap = true;
         return settle(c.client.rpc().call("echo", s, o));
       },
       true},
      {"rpc.callWithHttpKey",
       [](Ctx& c, const std::string& s) { return settle(c.anonymous.rpc().callWithHttpKey(s, "echo", s)); }},
      // Events and purchases
      {"events.send",
       [](Ctx& c, const std::string& s) {
         Event e;
         e.name = s;
         e.properties = {{"k", s}, {s, "v"}};
         return settle(c.client.events().send(e));
       }},
      {"purchases.validateApple",
       [](Ctx& c, const std::string& s) { return settle(c.client.purchases().validateApple(s)); }},
      {"purchases.validateGoogle",
       [](Ctx& c, const std::string& s) { return settle(c.client.purchases().validateGoogle(s)); }},
      {"purchases.validateHuawei",
       [](Ctx& c, const std::string& s) { return settle(c.client.purchases().validateHuawei(s, s)); }},
      {"purchases.validateFacebookInstant",
       [](Ctx& c, const std::string& s) { return settle(c.client.purchases().validateFacebookInstant(s)); }},
      {"purchases.validateSubscriptionApple",
       [](Ctx& c, const std::string& s) { return settle(c.client.purchases().validateSubscriptionApple(s)); }},
      {"purchases.validateSubscriptionGoogle",
       [](Ctx& c, const std::string& s) { return settle(c.client.purchases().validateSubscriptionGoogle(s)); }},
      {"purchases.getSubscription",
       [](Ctx& c, const std::string& s) { return settle(c.client.purchases().getSubscription(s)); }},
      {"purchases.listSubscriptions",
       [](Ctx& c, const std::string& s) {
         SubscriptionListOptions o;
         o.cursor = s;
         return settle(c.client.purchases().listSubscriptions(o));
       }},
  };
}

std::vector<Case> socketCases() {
  return {
      {"rt.rpc.id", [](Ctx& c, const std::string& s) { return settle(c.socket.rpc(s, "{}")); }},
      {"rt.rpc.payload", [](Ctx& c, const std::string& s) { return settle(c.socket.rpc("echo", s)); }},
      {"rt.followUsers", [](Ctx& c, const std::string& s) { return settle(c.socket.followUsers({s}, {s})); }},
      {"rt.unfollowUsers", [](Ctx& c, const std::string& s) { return settle(c.socket.unfollowUsers({s})); }},
      {"rt.updateStatus", [](Ctx& c, const std::string& s) { return settle(c.socket.updateStatus(s)); }},
      {"rt.joinChat", [](Ctx& c, const std::string& s) { return settle(c.socket.joinChat(s, ChannelType::kRoom)); }},
      {"rt.leaveChat", [](Ctx& c, const std::string& s) { return settle(c.socket.leaveChat(s)); }},
      {"rt.writeChatMessage", [](Ctx& c, const std::string& s) { return settle(c.socket.writeChatMessage(s, s)); }},
      {"rt.updateChatMessage",
       [](Ctx& c, const std::string& s) { return settle(c.socket.updateChatMessage(s, s, s)); }},
      {"rt.removeChatMessage", [](Ctx& c, const std::string& s) { return settle(c.socket.removeChatMessage(s, s)); }},
      {"rt.createMatch", [](Ctx& c, const std::string& s) { return settle(c.socket.createMatch(s)); }},
      {"rt.joinMatch",
       [](Ctx& c, const std::string& s) {
         return settle(c.socket.joinMatch(s, {{"k", s}}));
       }},
      {"rt.joinMatchByToken",
       [](Ctx& c, const std::string& s) {
         return settle(c.socket.joinMatchByToken(s, {{s, "v"}}));
       }},
      {"rt.leaveMatch", [](Ctx& c, const std::string& s) { return settle(c.socket.leaveMatch(s)); }},
      {"rt.sendMatchData.matchId",
       [](Ctx& c, const std::string& s) { return settle(c.socket.sendMatchData(s, 1, "x", {presence(s)})); }},
      {"rt.sendMatchData.data",
       [](Ctx& c, const std::string& s) { return settle(c.socket.sendMatchData("no-such-match.", 1, s)); }, true},
      {"rt.addMatchmaker",
       [](Ctx& c, const std::string& s) {
         auto ticket = c.socket.addMatchmaker(matchmakerQuery(s));
         auto outcome = settle(ticket);
         if (outcome.completed && !outcome.error) settle(c.socket.removeMatchmaker(ticket.get()->ticket));
         return outcome;
       }},
      {"rt.addMatchmaker.query",
       [](Ctx& c, const std::string& s) {
         auto q = matchmakerQuery("x");
         q.query = s;
         auto ticket = c.socket.addMatchmaker(q);
         auto outcome = settle(ticket);
         if (outcome.completed && !outcome.error) settle(c.socket.removeMatchmaker(ticket.get()->ticket));
         return outcome;
       }},
      {"rt.removeMatchmaker", [](Ctx& c, const std::string& s) { return settle(c.socket.removeMatchmaker(s)); }},
      {"rt.joinParty", [](Ctx& c, const std::string& s) { return settle(c.socket.joinParty(s)); }},
      {"rt.leaveParty", [](Ctx& c, const std::string& s) { return settle(c.socket.leaveParty(s)); }},
      {"rt.promotePartyMember",
       [](Ctx& c, const std::string& s) { return settle(c.socket.promotePartyMember(s, presence(s))); }},
      {"rt.acceptPartyMember",
       [](Ctx& c, const std::string& s) { return settle(c.socket.acceptPartyMember(s, presence(s))); }},
      {"rt.removePartyMember",
       [](Ctx& c, const std::string& s) { return settle(c.socket.removePartyMember(s, presence(s))); }},
      {"rt.closeParty", [](Ctx& c, const std::string& s) { return settle(c.socket.closeParty(s)); }},
      {"rt.listPartyJoinRequests",
       [](Ctx& c, const std::string& s) { return settle(c.socket.listPartyJoinRequests(s)); }},
      {"rt.addMatchmakerParty",
       [](Ctx& c, const std::string& s) { return settle(c.socket.addMatchmakerParty(s, matchmakerQuery(s))); }},
      {"rt.removeMatchmakerParty",
       [](Ctx& c, const std::string& s) { return settle(c.socket.removeMatchmakerParty(s, s)); }},
      {"rt.sendPartyData.partyId",
       [](Ctx& c, const std::string& s) { return settle(c.socket.sendPartyData(s, 1, "x")); }},
      {"rt.sendPartyData.data",
       [](Ctx& c, const std::string& s) {
         return settle(c.socket.sendPartyData("00000000-0000-0000-0000-000000000000.", 1, s));
       },
       true},
  };
}

struct Input {
  const char* name;
  std::string text;
  bool utf8;
};

std::vector<Input> inputs() {
  return {
      {"0xFF", "\xFF", false},
      {"lone trailing 0xC3", "name\xC3", false},
      {"overlong slash", "a\xC0\xAF", false},
      {"embedded NUL", std::string("a\0b", 3), true},
      {"empty", "", true},
      {"1 MB", std::string(1 << 20, 'x'), true},
  };
}

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    user = test::newUser();
    ASSERT_TRUE(user.session);
    spare = test::newUser();
    ASSERT_TRUE(spare.session);
    anonymous = std::make_unique<Client>(TestEnv::instance().clientOptions());
    socket = user.client->createSocket();
    auto connected = socket.connect().get();
    ASSERT_TRUE(connected.ok()) << connected.error();
  }
  void TearDown() override { socket.close(); }

  /// Runs every case with every input and checks the contract; then checks that the client still works.
  void walk(const std::vector<Case>& cases) {
    Ctx ctx{*user.client, *anonymous, *spare.client, socket};
    for (const auto& input : inputs()) {
      for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name) + " with " + input.name);
        Outcome outcome;
        try {
          outcome = c.call(ctx, input.text);
        } catch (const std::exception& e) {
          ADD_FAILURE() << "threw " << e.what();
          continue;
        } catch (...) {
          ADD_FAILURE() << "threw a non-standard exception";
          continue;
        }
        ASSERT_TRUE(outcome.completed) << "the future did not complete";
        if (!input.utf8 && !c.binary) {
          ASSERT_TRUE(outcome.error.has_value()) << "text that is not UTF-8 was accepted";
          EXPECT_EQ(outcome.error->kind, ErrorKind::kInvalidArgument) << *outcome.error;
          EXPECT_NE(outcome.error->message.find("UTF-8"), std::string::npos) << *outcome.error;
        } else if (outcome.error) {
          EXPECT_FALSE(outcome.error->message.empty()) << *outcome.error;
        }
      }
      expectUsable(input.name);
    }
  }

  void expectUsable(const std::string& after) {
    SCOPED_TRACE("still usable after " + after);
    auto account = user.client->account().get().get();
    EXPECT_TRUE(account.ok()) << account.error();
    if (!socket.isConnected()) {  // a server may close on some input; the socket must still reconnect
      auto again = socket.connect().get();
      EXPECT_TRUE(again.ok()) << again.error();
    }
    auto pong = socket.ping().get();
    EXPECT_TRUE(pong.ok()) << pong.error();
  }

  test::TestUser user;
  test::TestUser spare;
  std::unique_ptr<Client> anonymous;
  RtSocket socket;
};

TEST_F(BadInput, EveryRestMethodCompletesWithAnErrorOrSuccess) { walk(restCases()); }

TEST_F(BadInput, EverySocketMethodCompletesWithAnErrorOrSuccess) { walk(socketCases()); }

TEST_F(BadInput, OutOfRangeNumbersAreTheServersToJudge) {
  constexpr auto i32min = std::numeric_limits<std::int32_t>::min();
  constexpr auto i32max = std::numeric_limits<std::int32_t>::max();
  constexpr auto i64min = std::numeric_limits<std::int64_t>::min();
  constexpr auto i64max = std::numeric_limits<std::int64_t>::max();
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  const auto inf = std::numeric_limits<double>::infinity();
  Client& client = *user.client;
  std::vector<std::pair<const char*, std::function<Outcome()>>> calls = {
      {"friends.list limit -1",
       [&] {
         FriendListOptions o;
         o.limit = -1;
         return settle(client.friends().list(o));
       }},
      {"groups.list limit max",
       [&] {
         GroupListOptions o;
         o.limit = i32max;
         o.members = i32min;
         return settle(client.groups().list(o));
       }},
      {"groups.create maxCount -1",
       [&] {
         CreateGroupRequest r;
         r.name = test::uniqueId("bad-input-group");
         r.maxCount = -1;
         return settle(client.groups().create(r));
       }},
      {"storage.listOwn limit min",
       [&] {
         StorageListOptions o;
         o.limit = i32min;
         return settle(client.storage().listOwn("bad_input", o));
       }},
      {"leaderboards.writeRecord extremes",
       [&] {
         LeaderboardRecordWrite w;
         w.score = i64min;
         w.subscore = i64max;
         w.operatorOverride = static_cast<LeaderboardOperator>(i32max);
         return settle(client.leaderboards().writeRecord("bad_input_board", w));
       }},
      {"leaderboards.listRecords expiry extremes",
       [&] {
         LeaderboardListOptions o;
         o.limit = 0;
         o.expiry = Timestamp::max();
         return settle(client.leaderboards().listRecords("bad_input_board", o));
       }},
      {"tournaments.list extremes",
       [&] {
         TournamentListOptions o;
         o.categoryStart = std::numeric_limits<std::uint32_t>::max();
         o.categoryEnd = 0;
         o.startTime = Timestamp::min();
         o.endTime = Timestamp::max();
         o.limit = -7;
         return settle(client.tournaments().list(o));
       }},
      {"notifications.list limit 0",
       [&] {
         NotificationListOptions o;
         o.limit = 0;
         return settle(client.notifications().list(o));
       }},
      {"matches.list sizes",
       [&] {
         MatchListOptions o;
         o.limit = i32max;
         o.minSize = i32max;
         o.maxSize = i32min;
         return settle(client.matches().list(o));
       }},
      {"events.send timestamp extremes",
       [&] {
         Event e;
         e.name = "bad_input";
         e.timestamp = Timestamp::max();
         auto late = settle(client.events().send(e));
         e.timestamp = Timestamp::min();
         return late.completed ? settle(client.events().send(e)) : late;
       }},
      {"gameCenter timestamp min",
       [&] {
         return settle(client.account().linkGameCenter(GameCenterCredentials{"p", "b", i64min, "s", "s", "u"}));
       }},
      {"rt.createParty sizes",
       [&] {
         auto small = settle(socket.createParty(true, -1));
         return small.completed ? settle(socket.createParty(false, i32max)) : small;
       }},
      {"rt.sendMatchData opCode min", [&] { return settle(socket.sendMatchData("no-such-match.", i64min, "x")); }},
      {"rt.addMatchmaker counts and NaN",
       [&] {
         MatchmakerQuery q = matchmakerQuery("x");
         q.minCount = i32min;
         q.maxCount = -1;
         q.countMultiple = 0;
         q.numericProperties = {{"nan", nan}, {"inf", inf}, {"ninf", -inf}};
         auto ticket = socket.addMatchmaker(q);
         auto outcome = settle(ticket);
         if (outcome.completed && !outcome.error) settle(socket.removeMatchmaker(ticket.get()->ticket));
         return outcome;
       }},
  };
  for (auto& [name, call] : calls) {
    SCOPED_TRACE(name);
    Outcome outcome;
    try {
      outcome = call();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "threw " << e.what();
      continue;
    }
    ASSERT_TRUE(outcome.completed) << "the future did not complete";
    if (outcome.error) {
      EXPECT_FALSE(outcome.error->message.empty());
    }
  }
  expectUsable("out-of-range numbers");
}

}  // namespace
}  // namespace nakama
