// The log sink (nakama/log.h) and the redaction of credentials: typical failing calls, with a sink capturing
// every line, never let a token, refresh token, password, server key or Authorization header through, in
// log lines or in error messages. And the server key goes only to the authenticate and refresh endpoints.

#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "api_handles.h"
#include "core/codec.h"
#include "core/log.h"
#include "fake_http_transport.h"
#include "nakama/account.h"
#include "nakama/log.h"
#include "nakama/rpc.h"
#include "nakama/storage.h"
#include "rest/client_core.h"

namespace nakama {
namespace {

using internal::redactSecrets;

// Captures every log line while alive; restores the default sink afterwards.
class CapturingSink {
 public:
  CapturingSink() {
    setLogSink(
        [this](LogLevel level, std::string_view line) {
          std::lock_guard<std::mutex> lock(mutex_);
          lines_.push_back(std::string(toString(level)) + " " + std::string(line));
        },
        LogLevel::kDebug);
  }
  ~CapturingSink() {
    setLogSink([](LogLevel, std::string_view) {}, LogLevel::kError);
  }
  std::vector<std::string> lines() {
    std::lock_guard<std::mutex> lock(mutex_);
    return lines_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

// The check every call makes before building a debug line follows the sink and its level.
TEST(LogSink, EnabledLevelsFollowTheSink) {
  setLogSink([](LogLevel, std::string_view) {}, LogLevel::kInfo);
  EXPECT_FALSE(internal::logEnabled(LogLevel::kDebug));
  EXPECT_TRUE(internal::logEnabled(LogLevel::kInfo));
  EXPECT_TRUE(internal::logEnabled(LogLevel::kError));
  setLogSink(nullptr, LogLevel::kDebug);  // no sink: nothing is written, whatever the level
  EXPECT_FALSE(internal::logEnabled(LogLevel::kDebug));
  EXPECT_FALSE(internal::logEnabled(LogLevel::kError));
  setLogSink([](LogLevel, std::string_view) {}, LogLevel::kDebug);
  EXPECT_TRUE(internal::logEnabled(LogLevel::kDebug));
  setLogSink([](LogLevel, std::string_view) {}, LogLevel::kError);
  EXPECT_FALSE(internal::logEnabled(LogLevel::kWarn));
}

TEST(Redaction, RemovesCredentialsAndKeepsTheRest) {
  EXPECT_EQ(redactSecrets("Authorization: Bearer abc.def-ghi"), "Authorization: Bearer [redacted]");
  EXPECT_EQ(redactSecrets("basic ZGVmYXVsdGtleTo="), "basic [redacted]");
  EXPECT_EQ(redactSecrets(R"({"token":"abc","refresh_token": "d\"ef","password":"pw","name":"bob"})"),
            R"({"token":"[redacted]","refresh_token": "[redacted]","password":"[redacted]","name":"bob"})");
  EXPECT_EQ(redactSecrets(R"({\"password\":\"hunter2\"})"), R"({\"password\":\"[redacted]\"})");
  EXPECT_EQ(redactSecrets("/ws?lang=en&token=abc.def&status=true"), "/ws?lang=en&token=[redacted]&status=true");
  EXPECT_EQ(redactSecrets("GET /v2/rpc/x?http_key=k1&unwrap=true"), "GET /v2/rpc/x?http_key=[redacted]&unwrap=true");
  EXPECT_EQ(redactSecrets("serverKey=s3cr3t"), "serverKey=[redacted]");
  const std::string jwt = test::makeJwt("user-1", "bob", 2000000000);
  EXPECT_EQ(redactSecrets("rejected " + jwt + " now"), "rejected [redacted] now");
  EXPECT_EQ(redactSecrets("cut " + jwt.substr(0, 40)), "cut [redacted]");
  // Nothing to hide: unchanged.
  const std::string plain = R"(the server refused: {"code":5,"message":"User not found","key":"slot-1"})";
  EXPECT_EQ(redactSecrets(plain), plain);
}

TEST(LogSink, ReceivesLevelsAboveTheMinimumAndCanBeSilenced) {
  std::vector<std::pair<LogLevel, std::string>> got;
  setLogSink([&](LogLevel level, std::string_view line) { got.emplace_back(level, std::string(line)); },
             LogLevel::kWarn);
  internal::log(LogLevel::kInfo, "not shown");
  internal::log(LogLevel::kWarn, "shown with password=hunter2");
  internal::log(LogLevel::kError, "also shown");
  setLogSink(nullptr);
  internal::log(LogLevel::kError, "silenced");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].first, LogLevel::kWarn);
  EXPECT_EQ(got[0].second, "shown with password=[redacted]");
  EXPECT_EQ(got[1].first, LogLevel::kError);
  setLogSink([](LogLevel, std::string_view) {}, LogLevel::kError);
}

ClientOptions quickOptions() {
  ClientOptions options;
  options.serverKey = "s3cr3t-server-key";
  options.retry = RetryPolicy::none();
  options.timeout = std::chrono::milliseconds(2000);
  return options;
}

TEST(LogSink, NoSecretInLogLinesOrErrorsOfFailingCalls) {
  CapturingSink sink;
  const std::string body = test::sessionBody("user-1", 3600, 7200);
  const auto json = internal::Json::parse(body);
  const std::string token = json["token"], refreshToken = json["refresh_token"];
  const std::string password = "hunter2-password";
  const std::string serverKey = quickOptions().serverKey;
  const std::string basic = internal::base64Encode(serverKey + ":");

  // A server that echoes what it was sent in its error messages, and sends a broken session.
  auto transport = std::make_shared<test::FakeHttpTransport>([&](const internal::HttpRequest& request, auto done) {
    const std::string auth = test::header(request, "Authorization");
    if (request.target.rfind("/v2/account/session/refresh", 0) == 0) {
      done(test::httpResponse(401, R"({"code":16,"message":"Refresh token invalid: )" + refreshToken + "\"}"));
    } else if (request.target.rfind("/v2/account/authenticate", 0) == 0) {
      done(test::httpResponse(200, "{\"token\":\"" + token + "\x01\"}"));  // a control character: invalid JSON
    } else if (request.target.rfind("/v2/account/link/email", 0) == 0) {
      internal::Json echo{{"code", 3}, {"message", "bad request " + request.body + " with " + auth}};
      done(test::httpResponse(400, echo.dump()));
    } else {
      done(test::httpResponse(401, "Auth token invalid: " + auth));
    }
  });
  auto core = internal::ClientCore::create(quickOptions(), transport);
  core->sessions()->set(*Session::restore(token, refreshToken));

  std::vector<std::string> errors;
  auto account = makeHandle<AccountApi>(core);
  auto linked = account.linkEmail("bob@example.com", password).get();
  ASSERT_FALSE(linked.ok());
  errors.push_back(linked.error().message);
  auto got = account.get().get();  // 401, refresh refused: kSessionExpired
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, ErrorKind::kSessionExpired);
  errors.push_back(got.error().message);

  internal::RestRequest authenticate;
  authenticate.method = "POST";
  authenticate.path = "/v2/account/authenticate/device";
  authenticate.auth = internal::AuthKind::kServerKey;
  authenticate.json = internal::Json{{"id", "device-1"}};
  auto session =
      core->call<Session>(authenticate,
                          [](const internal::JsonValue&) -> Session { throw internal::DecodeError("not reached"); })
          .get();
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.error().kind, ErrorKind::kBadResponse);
  errors.push_back(session.error().message);

  auto restored = Session::deserialize("{\"token\":\"" + token + "\x01");
  ASSERT_FALSE(restored.ok());
  errors.push_back(restored.error().message);

  // A game callback that throws with a secret in its message: logged at kError.
  auto thrown = account.get().then([&](const Result<Account>&) { throw std::runtime_error("oops " + token); });
  EXPECT_EQ(thrown.get().error().kind, ErrorKind::kCallbackFailed);
  core->shutdown();  // runs what is queued: the exception has been reported once this returns

  const auto lines = sink.lines();
  ASSERT_FALSE(lines.empty());
  bool sawCallbackError = false;
  for (const auto& line : lines) sawCallbackError = sawCallbackError || line.rfind("error ", 0) == 0;
  EXPECT_TRUE(sawCallbackError);
  std::vector<std::string> all = lines;
  all.insert(all.end(), errors.begin(), errors.end());
  for (const auto& text : all) {
    for (const std::string& secret : {token, refreshToken, password, serverKey, basic}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << "a secret leaked into: " << text;
    }
  }
}

TEST(ServerKey, SentOnlyToAuthenticateAndRefresh) {
  const std::string body = test::sessionBody("user-1", 3600, 7200);
  auto transport = std::make_shared<test::FakeHttpTransport>([&](const internal::HttpRequest& request, auto done) {
    const bool sessionAnswer = request.target.rfind("/v2/account/session/refresh", 0) == 0 ||
                               request.target.rfind("/v2/account/authenticate", 0) == 0;
    done(test::httpResponse(200, sessionAnswer ? body : "{}"));
  });
  auto core = internal::ClientCore::create(quickOptions(), transport);
  auto json = internal::Json::parse(body);
  core->sessions()->set(*Session::restore(json["token"], json["refresh_token"]));

  internal::RestRequest authenticate;
  authenticate.method = "POST";
  authenticate.path = "/v2/account/authenticate/device";
  authenticate.auth = internal::AuthKind::kServerKey;
  authenticate.json = internal::Json{{"id", "device-1"}};
  EXPECT_TRUE(core->callVoid(authenticate).get().ok());
  auto account = makeHandle<AccountApi>(core);
  EXPECT_TRUE(account.get().get().ok());
  EXPECT_TRUE(account.linkDevice("device-2").get().ok());
  EXPECT_TRUE(makeHandle<StorageApi>(core).listOwn("saves").get().ok());
  makeHandle<RpcApi>(core).call("echo", "{}").get();
  makeHandle<RpcApi>(core).callWithHttpKey("http-key", "echo", "{}").get();
  std::promise<Result<Session>> refreshed;
  core->sessions()->refresh(std::nullopt, {}, [&](Result<Session> result) { refreshed.set_value(result); });
  EXPECT_TRUE(refreshed.get_future().get().ok());
  core->shutdown();

  const std::string basic = "Basic " + internal::base64Encode(quickOptions().serverKey + ":");
  int withKey = 0;
  for (const auto& request : transport->requests()) {
    const std::string auth = test::header(request, "Authorization");
    const bool keyEndpoint = request.target.rfind("/v2/account/authenticate/", 0) == 0 ||
                             request.target.rfind("/v2/account/session/refresh", 0) == 0;
    EXPECT_EQ(auth == basic, keyEndpoint) << request.method << " " << request.target << " sent '" << auth << "'";
    EXPECT_EQ(request.target.find(quickOptions().serverKey), std::string::npos) << request.target;
    EXPECT_EQ(request.body.find(quickOptions().serverKey), std::string::npos) << request.target;
    if (auth == basic) ++withKey;
  }
  EXPECT_EQ(withKey, 2);  // authenticate and refresh
  EXPECT_GE(transport->requests().size(), 7u);
}

}  // namespace
}  // namespace nakama
