// ClientOptions::reauthenticate against a fake transport: a dead session (token and refresh token refused)
// is replaced by the hook's session once, shared by concurrent calls, and each call is repeated once.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "fake_http_transport.h"
#include "rest/client_core.h"

namespace nakama {
namespace {

using namespace std::chrono_literals;

Session makeSession(const std::string& tag) {
  auto body = internal::Json::parse(test::sessionBody("user-1", 3600, 7200, tag));
  return *Session::restore(body["token"], body["refresh_token"]);
}

internal::RestRequest getAccount() {
  internal::RestRequest request;
  request.path = "/v2/account";
  return request;
}

// A server that accepts only `live`'s token and refuses every refresh, counting the refused calls.
struct DeadSessionServer {
  std::mutex mutex;
  std::condition_variable changed;
  std::string liveToken;
  int refused = 0;
  int accepted = 0;

  std::shared_ptr<test::FakeHttpTransport> transport() {
    return std::make_shared<test::FakeHttpTransport>([this](const internal::HttpRequest& request, auto done) {
      if (request.target.rfind("/v2/account/session/refresh", 0) == 0) {
        done(test::httpResponse(401, R"({"code":16,"message":"Refresh token invalid or expired."})"));
        return;
      }
      bool ok = false;
      {
        std::lock_guard<std::mutex> lock(mutex);
        ok = test::header(request, "Authorization") == "Bearer " + liveToken;
        ++(ok ? accepted : refused);
      }
      changed.notify_all();
      done(ok ? test::httpResponse(200, "{}")
              : test::httpResponse(401, R"({"code":16,"message":"Auth token invalid"})"));
    });
  }
  bool waitRefused(int count) {
    std::unique_lock<std::mutex> lock(mutex);
    return changed.wait_for(lock, 10s, [&] { return refused >= count; });
  }
};

ClientOptions options() {
  ClientOptions options;
  options.retry = RetryPolicy::none();
  options.timeout = 5s;
  return options;
}

TEST(Reauthenticate, ConcurrentCallsShareOneReauthenticationAndAreRepeatedOnce) {
  DeadSessionServer server;
  const Session fresh = makeSession("reauth");
  server.liveToken = fresh.token();
  internal::Promise<Session> pending(nullptr);
  std::atomic<int> hookCalls{0};
  std::atomic<int> changes{0};
  std::optional<Session> lastChange;
  std::mutex changeMutex;
  auto opts = options();
  opts.reauthenticate = [&] {
    ++hookCalls;
    return pending.future();
  };
  opts.onSessionChanged = [&](const std::optional<Session>& session) {
    std::lock_guard<std::mutex> lock(changeMutex);
    ++changes;
    lastChange = session;
  };
  auto core = internal::ClientCore::create(opts, server.transport());
  core->sessions()->set(makeSession("old"));

  constexpr int kCalls = 5;
  std::vector<Future<void>> calls;
  std::vector<std::thread> threads;
  std::mutex callsMutex;
  for (int i = 0; i < kCalls; ++i) {
    threads.emplace_back([&] {
      auto call = core->callVoid(getAccount());
      std::lock_guard<std::mutex> lock(callsMutex);
      calls.push_back(call);
    });
  }
  for (auto& thread : threads) thread.join();
  // Every call met the dead session before the hook's session arrives: they all wait for the same one.
  ASSERT_TRUE(server.waitRefused(kCalls));
  pending.complete(fresh);
  for (auto& call : calls) {
    auto result = call.get();
    EXPECT_TRUE(result.ok()) << result.error().message;
  }
  EXPECT_EQ(hookCalls.load(), 1);
  EXPECT_EQ(server.accepted, kCalls);  // each call repeated once, with the new token
  EXPECT_EQ(core->sessions()->current()->token(), fresh.token());
  core->shutdown();  // runs the queued onSessionChanged calls
  std::lock_guard<std::mutex> lock(changeMutex);
  EXPECT_EQ(changes.load(), 2);  // set + re-authentication
  ASSERT_TRUE(lastChange.has_value());
  EXPECT_EQ(lastChange->token(), fresh.token());
}

TEST(Reauthenticate, AFailingHookGivesSessionExpired) {
  DeadSessionServer server;
  auto opts = options();
  std::atomic<int> hookCalls{0};
  opts.reauthenticate = [&] {
    ++hookCalls;
    return internal::makeReadyFuture<Session>(nullptr,
                                              Result<Session>(Error{ErrorKind::kServerError, "the account is banned"}));
  };
  auto core = internal::ClientCore::create(opts, server.transport());
  core->sessions()->set(makeSession("old"));
  auto result = core->callVoid(getAccount()).get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kSessionExpired);
  EXPECT_NE(result.error().message.find("re-authentication failed: the account is banned"), std::string::npos)
      << result.error().message;
  EXPECT_EQ(hookCalls.load(), 1);
}

TEST(Reauthenticate, ASessionRefusedAgainIsNotRetriedForever) {
  DeadSessionServer server;  // accepts no token at all
  auto opts = options();
  std::atomic<int> hookCalls{0};
  opts.reauthenticate = [&] {
    ++hookCalls;
    return internal::makeReadyFuture<Session>(nullptr, Result<Session>(makeSession("also-dead")));
  };
  auto core = internal::ClientCore::create(opts, server.transport());
  core->sessions()->set(makeSession("old"));
  auto result = core->callVoid(getAccount()).get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kSessionExpired);
  EXPECT_EQ(hookCalls.load(), 1);
  EXPECT_EQ(server.refused, 2);  // the call and its one repetition
}

TEST(Reauthenticate, AHookThatThrowsGivesSessionExpired) {
  DeadSessionServer server;
  auto opts = options();
  opts.reauthenticate = []() -> Future<Session> { throw std::runtime_error("no device id"); };
  auto core = internal::ClientCore::create(opts, server.transport());
  core->sessions()->set(makeSession("old"));
  auto result = core->callVoid(getAccount()).get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kSessionExpired);
  EXPECT_NE(result.error().message.find("no device id"), std::string::npos) << result.error().message;
}

TEST(Reauthenticate, AnExpiredRefreshTokenGoesStraightToTheHook) {
  DeadSessionServer server;
  const Session fresh = makeSession("reauth");
  server.liveToken = fresh.token();
  auto opts = options();
  opts.reauthenticate = [&] { return internal::makeReadyFuture<Session>(nullptr, Result<Session>(fresh)); };
  auto transport = server.transport();
  auto core = internal::ClientCore::create(opts, transport);
  auto body = internal::Json::parse(test::sessionBody("user-1", -20, -10));
  core->sessions()->set(*Session::restore(body["token"], body["refresh_token"]));
  auto result = core->callVoid(getAccount()).get();
  EXPECT_TRUE(result.ok()) << result.error().message;
  for (const auto& request : transport->requests()) {
    EXPECT_NE(request.target, "/v2/account/session/refresh");  // an expired refresh token is not sent
  }
}

}  // namespace
}  // namespace nakama
