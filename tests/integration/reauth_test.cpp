// ClientOptions::reauthenticate against a server that forgot every session (the in-process server's restart
// fault: new signing keys, every socket closed, as after a real Nakama restart): REST calls and a reconnecting
// socket re-authenticate once through the hook and carry on; the socket rejoins its channel.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "nakama/account.h"
#include "rt_test_util.h"
#include "test_server.h"

namespace nakama {
namespace {

using namespace test::rt;
using test::TestEnv;
using namespace std::chrono_literals;

// The hook needs the Client, which exists only after the options are made: it reads it from here.
struct ReauthHook {
  std::atomic<Client*> client{nullptr};
  std::string deviceId;
  std::atomic<int> calls{0};
  std::mutex mutex;
  std::vector<std::string> changedTokens;  // onSessionChanged

  ClientOptions install(ClientOptions options) {
    options.reauthenticate = [this] {
      ++calls;
      return client.load()->authenticateDevice(deviceId);
    };
    options.onSessionChanged = [this](const std::optional<Session>& session) {
      std::lock_guard<std::mutex> lock(mutex);
      if (session) changedTokens.push_back(session->token());
    };
    return options;
  }
  void attach(const test::TestUser& user) {
    deviceId = user.deviceId;
    client = user.client.get();
  }
  bool sawToken(const std::string& token) {
    std::lock_guard<std::mutex> lock(mutex);
    return std::find(changedTokens.begin(), changedTokens.end(), token) != changedTokens.end();
  }
};

TEST(Reauthenticate, RestCallsSurviveAServerThatForgotTheSession) {
  auto& server = TestEnv::instance().localServer();
  ReauthHook hook;
  auto user = test::newUser(hook.install(TestEnv::instance().localClientOptions()));
  ASSERT_TRUE(user.session);
  hook.attach(user);
  ASSERT_TRUE(user.client->account().get().get().ok());

  server.faults().restart();  // token and refresh token are now refused
  auto account = user.client->account().get().get();
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(account->user.id, user.id());  // the same account, by the same device id
  EXPECT_EQ(hook.calls.load(), 1);
  const auto session = user.client->session();
  ASSERT_TRUE(session);
  EXPECT_NE(session->token(), user.session->token());
  EXPECT_TRUE(eventually([&] { return hook.sawToken(session->token()); })) << "onSessionChanged did not fire";

  // Concurrent calls meeting the dead session share one re-authentication.
  server.faults().restart();
  std::vector<Future<Account>> calls;
  for (int i = 0; i < 4; ++i) calls.push_back(user.client->account().get());
  for (auto& call : calls) EXPECT_TRUE(call.get().ok());
  EXPECT_EQ(hook.calls.load(), 2);
}

TEST(Reauthenticate, WithoutTheHookTheCallReportsSessionExpired) {
  auto& server = TestEnv::instance().localServer();
  auto user = test::newUser(TestEnv::instance().localClientOptions());
  ASSERT_TRUE(user.session);
  server.faults().restart();
  auto account = user.client->account().get().get();
  ASSERT_FALSE(account.ok());
  EXPECT_EQ(account.error().kind, ErrorKind::kSessionExpired);
}

TEST(Reauthenticate, AReconnectingSocketReauthenticatesAndRejoins) {
  auto& server = TestEnv::instance().localServer();
  RtSocketOptions options;
  options.reconnect = true;
  options.reconnectBaseDelay = 50ms;
  options.reconnectJitter = false;
  ReauthHook hook;
  auto a = connectPeer(options, hook.install(TestEnv::instance().localClientOptions()));
  ASSERT_TRUE(a);
  hook.attach(a->user);
  const std::string room = test::uniqueId("reauth-");
  auto channel = a->socket.joinChat(room, ChannelType::kRoom).get();
  ASSERT_TRUE(channel.ok()) << channel.error();
  ASSERT_TRUE(a->socket.ping().get().ok());  // the server has registered the socket

  server.faults().restart();  // every session forgotten, every socket closed
  ASSERT_TRUE(a->ev->disconnects.take());
  // (The connects inbox may still hold the first connection's event: wait for the state instead.)
  ASSERT_TRUE(eventually([&] { return hook.calls.load() == 1 && a->socket.isConnected(); }, 15s))
      << "no reconnection through the hook (hook calls: " << hook.calls.load() << ")";
  EXPECT_NE(a->user.client->session()->token(), a->user.session->token());
  // Rejoined: only a member of the room may write to it.
  auto sent = a->socket.writeChatMessage(channel->id, R"({"after":"restart"})").get();
  EXPECT_TRUE(sent.ok()) << sent.error();
}

}  // namespace
}  // namespace nakama
