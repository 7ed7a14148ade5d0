// The SDK under server faults, injected by the in-process test server (TestServer::faults()): refused
// and dropped connections, transient statuses, slow and spoiled answers, sockets that die or go silent,
// and a restart. These tests always use localServer() (or a private server), never an external one.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

#include "nakama/account.h"
#include "nakama/client.h"
#include "nakama/events.h"
#include "rt_test_util.h"
#include "test_env.h"
#include "test_server.h"

namespace nakama::test {
namespace {

using namespace std::chrono_literals;
using rt::connectPeer;
using rt::eventually;
using Clock = std::chrono::steady_clock;

class Faults : public ::testing::Test {
 protected:
  testserver::TestServer& server() { return TestEnv::instance().localServer(); }
  testserver::Faults& faults() { return server().faults(); }
  void TearDown() override { faults().reset(); }

  // Fast, deterministic retries; every retry is recorded.
  ClientOptions options() {
    ClientOptions o = TestEnv::instance().localClientOptions();
    o.retry.maxAttempts = 3;
    o.retry.baseDelay = 10ms;
    o.retry.jitter = false;
    o.onRetry = [retries = retries_](const RetryAttempt& attempt) {
      std::lock_guard<std::mutex> lock(retries->mutex);
      retries->attempts.push_back(attempt);
    };
    return o;
  }
  std::vector<RetryAttempt> retries() const {
    std::lock_guard<std::mutex> lock(retries_->mutex);
    return retries_->attempts;
  }
  static CallOptions noRetry(std::chrono::milliseconds timeout = 5000ms) {
    CallOptions call;
    call.timeout = timeout;
    call.retry = RetryPolicy::none();
    return call;
  }

 private:
  struct Retries {
    std::mutex mutex;
    std::vector<RetryAttempt> attempts;
  };
  std::shared_ptr<Retries> retries_ = std::make_shared<Retries>();
};

// ---- connections ----

TEST_F(Faults, RefusedConnectionsAreTransportErrors) {
  auto user = newUser(options());
  ASSERT_TRUE(user.session);
  faults().refuseConnections(true);
  auto account = user.client->account().get(noRetry()).get();
  ASSERT_FALSE(account.ok());
  EXPECT_EQ(account.error().kind, ErrorKind::kConnectionFailed) << account.error();
  EXPECT_FALSE(account.error().httpStatus);
  RtSocketOptions socketOptions;
  socketOptions.pingInterval = 0ms;
  auto socket = user.client->createSocket(socketOptions);
  auto connected = socket.connect().get();
  ASSERT_FALSE(connected.ok());
  EXPECT_EQ(connected.error().kind, ErrorKind::kConnectionFailed) << connected.error();

  faults().refuseConnections(false);
  EXPECT_TRUE(user.client->account().get(noRetry()).get().ok());
  EXPECT_TRUE(socket.connect().get().ok());
  socket.close();
}

TEST_F(Faults, ConnectionDroppedMidResponse) {
  auto user = newUser(options());
  ASSERT_TRUE(user.session);
  faults().dropNextHttp(1, "/v2/account");
  auto account = user.client->account().get(noRetry()).get();
  ASSERT_FALSE(account.ok());
  EXPECT_EQ(account.error().kind, ErrorKind::kConnectionFailed) << account.error();
  EXPECT_FALSE(account.error().httpStatus);

  // A read is repeated under the retry policy; an event is not (the server may have recorded it).
  faults().dropNextHttp(1, "/v2/account");
  auto retried = user.client->account().get().get();
  ASSERT_TRUE(retried.ok()) << retried.error();
  EXPECT_EQ(retried->user.id, user.id());
  ASSERT_EQ(retries().size(), 1u);
  EXPECT_EQ(retries()[0].error.kind, ErrorKind::kConnectionFailed);
  faults().dropNextHttp(2, "/v2/event");
  auto event = user.client->events().send(Event{"fault-test", {}, std::nullopt, false}).get();
  ASSERT_FALSE(event.ok());
  EXPECT_EQ(event.error().kind, ErrorKind::kConnectionFailed);
  EXPECT_EQ(faults().pendingHttp(), 1);
  EXPECT_EQ(retries().size(), 1u);
}

// ---- transient statuses and the retry policy ----

TEST_F(Faults, Status503IsRetriedWithinThePolicy) {
  auto user = newUser(options());
  ASSERT_TRUE(user.session);
  faults().failNextHttp(2, 503, "/v2/account");
  auto account = user.client->account().get().get();
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(faults().pendingHttp(), 0);
  ASSERT_EQ(retries().size(), 2u);
  EXPECT_EQ(retries()[0].error.httpStatus, 503);

  // More failures than attempts: three attempts, then the last 503 is the answer.
  faults().failNextHttp(5, 503, "/v2/account");
  account = user.client->account().get().get();
  ASSERT_FALSE(account.ok());
  EXPECT_EQ(account.error().kind, ErrorKind::kServerError);
  EXPECT_EQ(account.error().httpStatus, 503);
  EXPECT_EQ(faults().pendingHttp(), 2);
  EXPECT_EQ(retries().size(), 4u);
}

TEST_F(Faults, Status429HonoursRetryAfter) {
  auto user = newUser(options());
  ASSERT_TRUE(user.session);
  faults().failNextHttp(1, 429, "/v2/account", 1s);
  auto start = Clock::now();
  auto account = user.client->account().get().get();
  auto elapsed = Clock::now() - start;
  ASSERT_TRUE(account.ok()) << account.error();
  ASSERT_EQ(retries().size(), 1u);
  EXPECT_EQ(retries()[0].error.httpStatus, 429);
  EXPECT_GE(retries()[0].delay, 1000ms);
  EXPECT_GE(elapsed, 1000ms);
}

TEST_F(Faults, NonIdempotentCallsAreNotRetried) {
  auto user = newUser(options());
  ASSERT_TRUE(user.session);
  faults().failNextHttp(3, 503, "/v2/event");
  auto event = user.client->events().send(Event{"fault-test", {}, std::nullopt, false}).get();
  ASSERT_FALSE(event.ok());
  EXPECT_EQ(event.error().httpStatus, 503);
  EXPECT_EQ(faults().pendingHttp(), 2);
  EXPECT_TRUE(retries().empty());
  // The caller may declare a call safe to repeat.
  CallOptions idempotent;
  idempotent.idempotent = true;
  event = user.client->events().send(Event{"fault-test", {}, std::nullopt, false}, idempotent).get();
  ASSERT_TRUE(event.ok()) << event.error();
  EXPECT_EQ(faults().pendingHttp(), 0);
}

// ---- slow and spoiled answers ----

TEST_F(Faults, DelayedAnswerTimesOut) {
  auto user = newUser(options());
  ASSERT_TRUE(user.session);
  faults().delayNextHttp(1, 3000ms, "/v2/account");
  auto start = Clock::now();
  auto account = user.client->account().get(noRetry(300ms)).get();
  ASSERT_FALSE(account.ok());
  EXPECT_EQ(account.error().kind, ErrorKind::kTimeout) << account.error();
  EXPECT_LT(Clock::now() - start, 2500ms);
  // The client is still usable.
  EXPECT_TRUE(user.client->account().get(noRetry()).get().ok());
}

TEST_F(Faults, SpoiledBodiesAreDecodeErrors) {
  auto user = newUser(options());
  ASSERT_TRUE(user.session);
  for (auto kind :
       {testserver::BodyFault::kMalformed, testserver::BodyFault::kTruncated, testserver::BodyFault::kWrongTypes}) {
    SCOPED_TRACE(static_cast<int>(kind));
    faults().corruptNextHttp(1, kind, "/v2/account");
    auto account = user.client->account().get(noRetry()).get();
    ASSERT_FALSE(account.ok());
    EXPECT_EQ(account.error().kind, ErrorKind::kBadResponse) << account.error();
    EXPECT_FALSE(account.error().message.empty());
  }
  // A huge but valid body (an unknown padded member) is refused above ClientOptions::maxResponseBytes ...
  faults().corruptNextHttp(1, testserver::BodyFault::kHuge, "/v2/account");
  auto refused = user.client->account().get(noRetry()).get();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kBadResponse) << refused.error();
  // ... and decodes like the plain one where the limit allows it.
  auto unlimitedOptions = options();
  unlimitedOptions.maxResponseBytes = 0;
  auto unlimited = newUser(unlimitedOptions);
  ASSERT_TRUE(unlimited.session);
  faults().corruptNextHttp(1, testserver::BodyFault::kHuge, "/v2/account");
  auto account = unlimited.client->account().get(noRetry()).get();
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(account->user.id, unlimited.id());
  EXPECT_EQ(faults().pendingHttp(), 0);
}

// ---- sockets ----

RtSocketOptions quietSocket() {
  RtSocketOptions options;
  options.pingInterval = 0ms;  // the probe off: only the test's own requests are in flight
  options.requestTimeout = 10000ms;
  return options;
}

TEST_F(Faults, AbruptSocketCloseFailsPendingRequestsAtOnce) {
  for (bool reset : {true, false}) {
    SCOPED_TRACE(reset ? "reset" : "close");
    auto a = connectPeer(quietSocket(), options());
    ASSERT_TRUE(a);
    ASSERT_TRUE(a->socket.ping().get().ok());
    faults().ignorePings(true);
    auto pending = a->socket.ping();  // never answered
    auto start = Clock::now();
    faults().closeSocketsAbruptly(reset);
    auto info = a->ev->disconnects.take(5s);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->code, 1006);
    EXPECT_FALSE(info->requested);
    ASSERT_TRUE(pending.waitFor(5s));
    auto result = pending.get();
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, ErrorKind::kDisconnected) << result.error();
    EXPECT_LT(Clock::now() - start, 5000ms);
    EXPECT_EQ(a->socket.state(), ConnectionState::kDisconnected);
    EXPECT_TRUE(a->ev->disconnects.none(200ms));  // reported once
    faults().ignorePings(false);
  }
}

TEST_F(Faults, SocketClosedWithACode) {
  auto a = connectPeer(quietSocket(), options());
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->socket.ping().get().ok());
  faults().ignorePings(true);
  auto pending = a->socket.ping();
  faults().closeSockets(4000, "maintenance");
  auto info = a->ev->disconnects.take(5s);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->code, 4000);
  EXPECT_EQ(info->reason, "maintenance");
  EXPECT_FALSE(info->requested);
  ASSERT_TRUE(pending.waitFor(5s));
  ASSERT_FALSE(pending.get().ok());
  EXPECT_EQ(pending.get().error().kind, ErrorKind::kDisconnected);
  EXPECT_TRUE(a->ev->disconnects.none(200ms));
}

TEST_F(Faults, UnansweredPingsTripTheKeepAliveProbe) {
  RtSocketOptions socketOptions;
  socketOptions.pingInterval = 200ms;
  socketOptions.pongTimeout = 300ms;
  auto a = connectPeer(socketOptions, options());
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->socket.ping().get().ok());
  faults().ignorePings(true);
  auto info = a->ev->disconnects.take(5s);
  ASSERT_TRUE(info) << "the probe did not notice the missing pong";
  EXPECT_EQ(info->code, 1006);
  EXPECT_FALSE(info->requested);
  EXPECT_EQ(a->socket.state(), ConnectionState::kDisconnected);
}

// ---- restart ----

// A private server: a restart invalidates every token it ever issued, which must not touch the other tests.
TEST_F(Faults, RestartInvalidatesSessionsAndStopsReconnection) {
  testserver::TestServer restarted;
  restarted.start();
  ClientOptions clientOptions = options();
  clientOptions.port = restarted.port();
  RtSocketOptions socketOptions = quietSocket();
  socketOptions.reconnect = true;
  socketOptions.reconnectBaseDelay = 50ms;
  socketOptions.reconnectJitter = false;
  auto a = connectPeer(socketOptions, clientOptions);
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->ev->connects.take());
  ASSERT_TRUE(a->socket.ping().get().ok());

  restarted.faults().restart();
  auto info = a->ev->disconnects.take(5s);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->code, 1001);
  EXPECT_TRUE(info->willReconnect);
  auto error = a->ev->errors.take([](const Error& e) { return e.kind == ErrorKind::kSessionExpired; }, 15s);
  ASSERT_TRUE(error) << "reconnection did not give up on the dead session";
  EXPECT_TRUE(eventually([&] { return a->socket.state() == ConnectionState::kDisconnected; }));
  EXPECT_TRUE(a->ev->connects.none(300ms));

  // REST: the session is refused and the refresh token is dead too.
  auto account = a->user.client->account().get().get();
  ASSERT_FALSE(account.ok());
  EXPECT_EQ(account.error().kind, ErrorKind::kSessionExpired) << account.error();
  auto refreshed = a->user.client->refreshSession().get();
  ASSERT_FALSE(refreshed.ok());
  EXPECT_EQ(refreshed.error().kind, ErrorKind::kSessionExpired) << refreshed.error();
  // Authenticating again works.
  auto again = a->user.client->authenticateDevice(a->user.deviceId).get();
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_TRUE(a->user.client->account().get().get().ok());
}

}  // namespace
}  // namespace nakama::test
