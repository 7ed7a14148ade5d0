// The REST pipeline (auth -> retry -> http) against a fake transport: errors, retries, timeouts,
// cancellation, session refresh.

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "fake_http_transport.h"
#include "rest/client_core.h"
#include "rest/idempotency.h"
#include "transcripts.h"

namespace nakama {
namespace {

using internal::AuthKind;
using internal::ClientCore;
using internal::RestRequest;
using test::FakeHttpTransport;
using test::healthcheck;
using test::httpResponse;

ClientOptions fastOptions() {
  ClientOptions options;
  options.retry.baseDelay = std::chrono::milliseconds(1);
  options.retry.maxDelay = std::chrono::milliseconds(5);
  options.timeout = std::chrono::milliseconds(2000);
  return options;
}

RestRequest getAccount() {
  RestRequest request;
  request.path = "/v2/account";
  return request;
}

Session sessionExpiringIn(std::int64_t sessionSeconds, std::int64_t refreshSeconds, const std::string& tag = "") {
  auto body = internal::Json::parse(test::sessionBody("user-1", sessionSeconds, refreshSeconds, tag));
  return *Session::restore(body["token"], body["refresh_token"]);
}

TEST(RestPipeline, ServerErrorsCarryStatusCodeAndMessage) {
  const auto& t = test::transcript("get_users_invalid_id");
  auto transport = std::make_shared<FakeHttpTransport>(
      [&](const auto&, auto done) { done(httpResponse(t.status, t.responseBody)); });
  auto core = ClientCore::create(fastOptions(), transport);
  auto result = core->callVoid(healthcheck()).get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kServerError);
  EXPECT_EQ(result.error().httpStatus, 400);
  EXPECT_EQ(result.error().grpcCode, GrpcCode::kInvalidArgument);
  EXPECT_EQ(result.error().message, "ID 'not-a-uuid' is not a valid system ID.");
  EXPECT_EQ(transport->requests().size(), 1u) << "a 400 is not retried";
}

TEST(RestPipeline, RpcErrorBodiesAreMappedToo) {
  const auto& t = test::transcript("rpc_unknown");
  auto transport = std::make_shared<FakeHttpTransport>(
      [&](const auto&, auto done) { done(httpResponse(t.status, t.responseBody)); });
  auto result = ClientCore::create(fastOptions(), transport)->callVoid(healthcheck()).get();
  EXPECT_EQ(result.error().grpcCode, GrpcCode::kNotFound);
  EXPECT_EQ(result.error().message, "RPC function not found");
}

TEST(RestPipeline, NonJsonErrorBodiesStillGiveAnError) {
  auto transport =
      std::make_shared<FakeHttpTransport>([](const auto&, auto done) { done(httpResponse(404, "Not Found\n")); });
  auto result = ClientCore::create(fastOptions(), transport)->callVoid(healthcheck()).get();
  EXPECT_EQ(result.error().kind, ErrorKind::kServerError);
  EXPECT_EQ(result.error().httpStatus, 404);
  EXPECT_FALSE(result.error().grpcCode.has_value());
  EXPECT_EQ(result.error().message, "Not Found");
}

TEST(RestPipeline, ConnectionFailureIsNotAServerErrorAndIsRetried) {
  std::atomic<int> attempts{0};
  auto transport = std::make_shared<FakeHttpTransport>([&](const auto&, auto done) {
    ++attempts;
    done(Error{ErrorKind::kConnectionFailed, "connection refused"});
  });
  std::atomic<int> retries{0};
  auto options = fastOptions();
  options.onRetry = [&](const RetryAttempt&) { ++retries; };
  auto result = ClientCore::create(options, transport)->callVoid(healthcheck()).get();
  EXPECT_EQ(result.error().kind, ErrorKind::kConnectionFailed);
  EXPECT_FALSE(result.error().httpStatus.has_value());
  EXPECT_EQ(attempts.load(), 3);
  EXPECT_EQ(retries.load(), 2);
}

TEST(RestPipeline, TransientStatusesAreRetriedUntilSuccess) {
  std::atomic<int> attempts{0};
  auto transport = std::make_shared<FakeHttpTransport>([&](const auto&, auto done) {
    const int n = ++attempts;
    done(n == 1 ? httpResponse(503, "{}") : n == 2 ? httpResponse(429, "{}") : httpResponse(200, "{}"));
  });
  auto result = ClientCore::create(fastOptions(), transport)->callVoid(healthcheck()).get();
  EXPECT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(attempts.load(), 3);
}

TEST(RestPipeline, NonIdempotentCallsAreNotRetriedUnlessTheCallerOptsIn) {
  std::atomic<int> attempts{0};
  auto transport = std::make_shared<FakeHttpTransport>([&](const auto&, auto done) {
    ++attempts;
    done(httpResponse(503, "{}"));
  });
  auto core = ClientCore::create(fastOptions(), transport);
  auto request = healthcheck();
  request.method = "POST";
  request.path = "/v2/event";  // in the table of calls that are not idempotent
  EXPECT_FALSE(core->callVoid(request).get().ok());
  EXPECT_EQ(attempts.load(), 1);
  request.options.idempotent = true;
  EXPECT_FALSE(core->callVoid(request).get().ok());
  EXPECT_EQ(attempts.load(), 4);
}

TEST(RestPipeline, IdempotencyTableMatchesPathSegments) {
  EXPECT_FALSE(internal::isIdempotent("POST", "/v2/rpc/some_fn"));
  EXPECT_TRUE(internal::isIdempotent("GET", "/v2/rpc/some_fn"));
  EXPECT_FALSE(internal::isIdempotent("POST", "/v2/group"));
  EXPECT_TRUE(internal::isIdempotent("GET", "/v2/group"));
  EXPECT_FALSE(internal::isIdempotent("DELETE", "/v2/group/abc"));
  EXPECT_FALSE(internal::isIdempotent("POST", "/v2/group/abc/promote"));
  EXPECT_TRUE(internal::isIdempotent("POST", "/v2/group/abc/join"));
  EXPECT_TRUE(internal::isIdempotent("POST", "/v2/group//promote")) << "an empty segment is not an id";
  EXPECT_FALSE(internal::isIdempotent("PUT", "/v2/tournament/t1"));
  EXPECT_TRUE(internal::isIdempotent("POST", "/v2/tournament/t1/join"));
  EXPECT_TRUE(internal::isIdempotent("PUT", "/v2/storage"));
}

TEST(RestPipeline, PerCallRetryOverride) {
  std::atomic<int> attempts{0};
  auto transport = std::make_shared<FakeHttpTransport>([&](const auto&, auto done) {
    ++attempts;
    done(httpResponse(500, "{}"));
  });
  auto request = healthcheck();
  request.options.retry = RetryPolicy::none();
  EXPECT_FALSE(ClientCore::create(fastOptions(), transport)->callVoid(request).get().ok());
  EXPECT_EQ(attempts.load(), 1);
}

TEST(RestPipeline, BackoffGrowsAndIsCapped) {
  RetryPolicy policy;
  policy.baseDelay = std::chrono::milliseconds(100);
  policy.maxDelay = std::chrono::milliseconds(350);
  EXPECT_EQ(internal::backoffDelay(policy, 1).count(), 100);
  EXPECT_EQ(internal::backoffDelay(policy, 2).count(), 200);
  EXPECT_EQ(internal::backoffDelay(policy, 3).count(), 350);
  EXPECT_EQ(internal::backoffDelay(policy, 30).count(), 350);
}

TEST(RestPipeline, RetryAfterHeaderIsParsed) {
  EXPECT_EQ(internal::parseRetryAfter(httpResponse(429, "", {{"retry-after", "2"}}))->count(), 2000);
  EXPECT_FALSE(internal::parseRetryAfter(httpResponse(429, "", {{"retry-after", "Wed, 21 Oct 2015"}})));
  EXPECT_FALSE(internal::parseRetryAfter(httpResponse(429, "")));
}

TEST(RestPipeline, TimeoutWhenTheServerNeverAnswers) {
  auto transport = std::make_shared<FakeHttpTransport>([](const auto&, auto) {});
  auto request = healthcheck();
  request.options.timeout = std::chrono::milliseconds(50);
  request.options.retry = RetryPolicy::none();
  auto result = ClientCore::create(fastOptions(), transport)->callVoid(request).get();
  EXPECT_EQ(result.error().kind, ErrorKind::kTimeout);
  EXPECT_EQ(transport->aborts(), 1);
}

TEST(RestPipeline, CancelAbortsTheRequest) {
  auto transport = std::make_shared<FakeHttpTransport>([](const auto&, auto) {});
  auto core = ClientCore::create(fastOptions(), transport);
  auto future = core->callVoid(healthcheck());
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  future.cancel();
  EXPECT_EQ(future.get().error().kind, ErrorKind::kCancelled);
  EXPECT_EQ(transport->aborts(), 1);
}

TEST(RestPipeline, ShutdownCompletesOutstandingRequests) {
  auto transport = std::make_shared<FakeHttpTransport>([](const auto&, auto) {});
  auto core = ClientCore::create(fastOptions(), transport);
  auto future = core->callVoid(healthcheck());
  core->shutdown();
  EXPECT_EQ(future.get().error().kind, ErrorKind::kCancelled);
  EXPECT_EQ(core->callVoid(healthcheck()).get().error().kind, ErrorKind::kCancelled);
}

// The client keeps its unanswered calls in a list: answered ones leave it from anywhere in it (first, middle,
// last), and a shutdown cancels exactly those still in it.
TEST(RestPipeline, ShutdownCancelsOnlyTheCallsStillUnanswered) {
  std::mutex mutex;
  std::vector<test::FakeHttpTransport::Done> pending;
  auto transport = std::make_shared<test::FakeHttpTransport>([&](const auto&, auto done) {
    std::lock_guard<std::mutex> lock(mutex);
    pending.push_back(std::move(done));
  });
  auto core = ClientCore::create(fastOptions(), transport);
  std::vector<Future<void>> futures;
  for (int i = 0; i < 6; ++i) futures.push_back(core->callVoid(healthcheck()));
  const auto answer = [&](std::size_t index) {
    test::FakeHttpTransport::Done done;
    {
      std::lock_guard<std::mutex> lock(mutex);
      done = pending.at(index);
    }
    done(test::httpResponse(200, "{}"));
  };
  ASSERT_EQ(pending.size(), 6u);
  for (const std::size_t index : {0u, 5u, 2u}) answer(index);  // the oldest, the newest, one in the middle
  for (const std::size_t index : {0u, 5u, 2u}) EXPECT_TRUE(futures[index].get().ok());
  core->shutdown();
  for (const std::size_t index : {1u, 3u, 4u}) EXPECT_EQ(futures[index].get().error().kind, ErrorKind::kCancelled);
  answer(3);  // a late answer after the shutdown changes nothing
  EXPECT_EQ(futures[3].get().error().kind, ErrorKind::kCancelled);
}

TEST(RestPipeline, UndecodableAnswerIsABadResponse) {
  auto transport = std::make_shared<FakeHttpTransport>(
      [](const auto&, auto done) { done(httpResponse(200, "<html>proxy</html>")); });
  auto core = ClientCore::create(fastOptions(), transport);
  auto result = core->call<int>(healthcheck(), [](const internal::JsonValue&) { return 1; }).get();
  EXPECT_EQ(result.error().kind, ErrorKind::kBadResponse);
}

TEST(RestPipeline, CallsWithoutASessionFailBeforeAnyIo) {
  auto transport = std::make_shared<FakeHttpTransport>([](const auto&, auto done) { done(httpResponse(200, "{}")); });
  auto result = ClientCore::create(fastOptions(), transport)->callVoid(getAccount()).get();
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(transport->requests().empty());
}

TEST(RestPipeline, BearerTokenAndServerKeyHeaders) {
  auto transport = std::make_shared<FakeHttpTransport>([](const auto&, auto done) { done(httpResponse(200, "{}")); });
  auto options = fastOptions();
  options.serverKey = "mykey";
  auto core = ClientCore::create(options, transport);
  auto session = sessionExpiringIn(3600, 7200);
  core->sessions()->set(session);
  ASSERT_TRUE(core->callVoid(getAccount()).get().ok());
  auto basic = healthcheck();
  basic.auth = AuthKind::kServerKey;
  ASSERT_TRUE(core->callVoid(basic).get().ok());
  auto requests = transport->requests();
  EXPECT_EQ(test::header(requests[0], "Authorization"), "Bearer " + session.token());
  EXPECT_EQ(test::header(requests[1], "Authorization"), "Basic bXlrZXk6");  // base64("mykey:")
}

TEST(RestPipeline, RefreshesBeforeExpiryOnceForConcurrentCalls) {
  std::atomic<int> refreshes{0};
  auto transport = std::make_shared<FakeHttpTransport>([&](const internal::HttpRequest& request, auto done) {
    if (request.target == "/v2/account/session/refresh") {
      ++refreshes;
      std::thread([done] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        done(httpResponse(200, test::sessionBody("user-1", 3600, 7200, "fresh")));
      }).detach();
      return;
    }
    done(httpResponse(200, "{}"));
  });
  auto options = fastOptions();
  std::atomic<int> changes{0};
  options.onSessionChanged = [&](const std::optional<Session>&) { ++changes; };
  auto core = ClientCore::create(options, transport);
  core->sessions()->set(sessionExpiringIn(60, 7200));  // inside the 5-minute window
  std::vector<Future<void>> calls;
  for (int i = 0; i < 5; ++i) calls.push_back(core->callVoid(getAccount()));
  for (auto& call : calls) EXPECT_TRUE(call.get().ok());
  EXPECT_EQ(refreshes.load(), 1);
  EXPECT_EQ(core->sessions()->current()->vars().at("tag"), "fresh");
  for (const auto& request : transport->requests()) {
    if (request.target == "/v2/account") {
      EXPECT_EQ(test::header(request, "Authorization"), "Bearer " + core->sessions()->current()->token());
    }
  }
  core->shutdown();              // drains the callback queue
  EXPECT_EQ(changes.load(), 2);  // set + refresh
}

TEST(RestPipeline, UnauthorizedTriggersOneRefreshAndOneRetry) {
  std::atomic<int> accountCalls{0};
  auto transport = std::make_shared<FakeHttpTransport>([&](const internal::HttpRequest& request, auto done) {
    if (request.target == "/v2/account/session/refresh") {
      done(httpResponse(200, test::sessionBody("user-1", 3600, 7200, "fresh")));
    } else if (++accountCalls == 1) {
      done(httpResponse(401, R"({"code":16, "message":"Auth token invalid"})"));
    } else {
      done(httpResponse(200, "{}"));
    }
  });
  auto core = ClientCore::create(fastOptions(), transport);
  core->sessions()->set(sessionExpiringIn(3600, 7200));
  EXPECT_TRUE(core->callVoid(getAccount()).get().ok());
  EXPECT_EQ(accountCalls.load(), 2);
}

TEST(RestPipeline, DeadRefreshTokenAsksForReauthentication) {
  auto transport = std::make_shared<FakeHttpTransport>([&](const internal::HttpRequest& request, auto done) {
    if (request.target == "/v2/account/session/refresh") {
      done(httpResponse(401, R"({"code":16, "message":"Refresh token invalid or expired."})"));
    } else {
      done(httpResponse(401, R"({"code":16, "message":"Auth token invalid"})"));
    }
  });
  auto core = ClientCore::create(fastOptions(), transport);
  core->sessions()->set(sessionExpiringIn(3600, 7200));
  auto result = core->callVoid(getAccount()).get();
  EXPECT_EQ(result.error().kind, ErrorKind::kSessionExpired);
  // The refresh token is not tried again.
  const auto before = transport->requests().size();
  EXPECT_EQ(core->callVoid(getAccount()).get().error().kind, ErrorKind::kSessionExpired);
  EXPECT_EQ(transport->requests().size(), before + 1);
}

TEST(RestPipeline, ExpiredRefreshTokenIsNotSent) {
  auto transport = std::make_shared<FakeHttpTransport>(
      [](const auto&, auto done) { done(httpResponse(401, R"({"code":16, "message":"Auth token invalid"})")); });
  auto core = ClientCore::create(fastOptions(), transport);
  core->sessions()->set(sessionExpiringIn(-10, -5));
  EXPECT_EQ(core->callVoid(getAccount()).get().error().kind, ErrorKind::kSessionExpired);
  for (const auto& request : transport->requests()) EXPECT_NE(request.target, "/v2/account/session/refresh");
}

TEST(RestPipeline, QueryValuesArePercentEncodedAndRepeated) {
  auto transport = std::make_shared<FakeHttpTransport>([](const auto&, auto done) { done(httpResponse(200, "{}")); });
  auto request = healthcheck();
  request.path = "/v2/storage/" + internal::percentEncode("a b/c");
  request.query.addAll("ids", {"x&y", "z"}).add("cursor", std::string("a+b=="));
  ASSERT_TRUE(ClientCore::create(fastOptions(), transport)->callVoid(request).get().ok());
  EXPECT_EQ(transport->requests()[0].target, "/v2/storage/a%20b%2Fc?ids=x%26y&ids=z&cursor=a%2Bb%3D%3D");
}

TEST(RestPipeline, PolledModeDeliversSessionChangesInPoll) {
  auto transport = std::make_shared<FakeHttpTransport>([](const auto&, auto done) { done(httpResponse(200, "{}")); });
  auto options = fastOptions();
  options.callbackMode = CallbackMode::kPolled;
  int changes = 0;
  options.onSessionChanged = [&](const std::optional<Session>&) { ++changes; };
  auto core = ClientCore::create(options, transport);
  core->sessions()->set(sessionExpiringIn(3600, 7200));
  EXPECT_EQ(changes, 0);
  EXPECT_EQ(core->poll(), 1u);
  EXPECT_EQ(changes, 1);
}

}  // namespace
}  // namespace nakama
