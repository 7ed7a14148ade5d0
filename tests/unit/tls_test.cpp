// The TLS trust model (transport/tls_context.h) against a local HTTPS/WSS server whose certificate, for
// "localhost" only, is signed by the test CA in tests/fixtures/tls: both Beast transports, and the Client.

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <string>

#include "core/runtime.h"
#include "local_tls_server.h"
#include "nakama/client.h"
#include "realtime/ws_transport.h"
#include "transport/http_transport.h"

namespace nakama::test {
namespace {

using namespace std::chrono_literals;
constexpr auto kWait = 10s;  // bounds a wait for something that must happen

internal::TlsSettings withCa() {
  internal::TlsSettings tls;
  tls.caBundlePem = readFixture("tls/ca.pem");
  return tls;
}

internal::TlsSettings verifyOff() {
  internal::TlsSettings tls;
  tls.verify = false;
  return tls;
}

class TlsTest : public ::testing::Test {
 protected:
  std::string base(const std::string& host) const { return host + ":" + std::to_string(server_.port()); }

  Result<internal::HttpResponse> get(const std::string& url, const internal::TlsSettings& tls) {
    internal::HttpTransportConfig config;
    config.baseUrl = url;
    config.tls = tls;
    auto transport = internal::makeBeastHttpTransport(runtime_, config);
    auto done = std::make_shared<std::promise<Result<internal::HttpResponse>>>();
    internal::HttpRequest request;
    request.method = "GET";
    request.target = "/healthcheck";
    transport->send(request, [done](Result<internal::HttpResponse> result) { done->set_value(std::move(result)); });
    auto future = done->get_future();
    if (future.wait_for(kWait) != std::future_status::ready) return Error{ErrorKind::kTimeout, "the test timed out"};
    return future.get();
  }

  // Connects a WebSocket; the failure message when it does not open.
  std::optional<internal::WsFailure> connectWs(const std::string& url, const internal::TlsSettings& tls) {
    internal::WsTransportConfig config;
    config.secure = true;
    config.tls = tls;
    auto transport = internal::makeBeastWsTransport(runtime_, config);
    auto outcome = std::make_shared<std::promise<std::optional<internal::WsFailure>>>();
    internal::WsTransport::Handlers handlers;
    handlers.onOpen = [outcome] { outcome->set_value(std::nullopt); };
    handlers.onFail = [outcome](internal::WsFailure failure) { outcome->set_value(std::move(failure)); };
    transport->connect(url, {}, std::move(handlers));
    auto future = outcome->get_future();
    if (future.wait_for(kWait) != std::future_status::ready)
      return internal::WsFailure{std::nullopt, "the test timed out", true};
    auto result = future.get();
    transport->close(1000, "");
    return result;
  }

  LocalServer server_{true};
  internal::IoRuntime runtime_;
};

TEST_F(TlsTest, HttpsAcceptedWithTheCaBundle) {
  auto result = get("https://" + base("localhost"), withCa());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 200);
}

TEST_F(TlsTest, HttpsAcceptedWithTheCaBundleFile) {
  internal::TlsSettings tls;
  tls.caBundleFile = fixturePath("tls/ca.pem");
  auto result = get("https://" + base("localhost"), tls);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 200);
}

TEST_F(TlsTest, HttpsRefusedWithoutTheCa) {
  auto result = get("https://" + base("localhost"), internal::TlsSettings{});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kConnectionFailed);
  EXPECT_FALSE(result.error().httpStatus.has_value());
  EXPECT_NE(result.error().message.find("certificate verification failed"), std::string::npos)
      << result.error().message;
  EXPECT_EQ(server_.httpRequests(), 0);
}

TEST_F(TlsTest, HttpsRefusedForAWrongHostName) {
  // The certificate names "localhost", not "127.0.0.1".
  auto result = get("https://" + base("127.0.0.1"), withCa());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kConnectionFailed);
  EXPECT_FALSE(result.error().httpStatus.has_value());
  EXPECT_NE(result.error().message.find("does not match the host name"), std::string::npos) << result.error().message;
  EXPECT_EQ(server_.httpRequests(), 0);
}

TEST_F(TlsTest, HttpsAcceptedWithVerificationOff) {
  auto result = get("https://" + base("127.0.0.1"), verifyOff());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 200);
}

TEST_F(TlsTest, AnUnusableCaBundleIsAnInvalidArgument) {
  internal::TlsSettings tls;
  tls.caBundlePem = "not a certificate";
  auto result = get("https://" + base("localhost"), tls);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_NE(result.error().message.find("caBundlePem"), std::string::npos) << result.error().message;

  internal::TlsSettings missing;
  missing.caBundleFile = fixturePath("tls/no-such-file.pem");
  result = get("https://" + base("localhost"), missing);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
}

TEST_F(TlsTest, WssAcceptedWithTheCaBundle) {
  auto failure = connectWs("wss://" + base("localhost") + "/ws", withCa());
  EXPECT_FALSE(failure.has_value()) << failure->message;
}

TEST_F(TlsTest, WssRefusedWithoutTheCa) {
  auto failure = connectWs("wss://" + base("localhost") + "/ws", internal::TlsSettings{});
  ASSERT_TRUE(failure.has_value());
  EXPECT_FALSE(failure->httpStatus.has_value());
  EXPECT_FALSE(failure->timedOut);
  EXPECT_NE(failure->message.find("TLS certificate verification failed"), std::string::npos) << failure->message;
}

TEST_F(TlsTest, WssRefusedForAWrongHostName) {
  auto failure = connectWs("wss://" + base("127.0.0.1") + "/ws", withCa());
  ASSERT_TRUE(failure.has_value());
  EXPECT_FALSE(failure->httpStatus.has_value());
  EXPECT_NE(failure->message.find("does not match the host name"), std::string::npos) << failure->message;
}

TEST_F(TlsTest, WssAcceptedWithVerificationOff) {
  auto failure = connectWs("wss://" + base("127.0.0.1") + "/ws", verifyOff());
  EXPECT_FALSE(failure.has_value()) << failure->message;
}

TEST_F(TlsTest, WebsocketppTransportFollowsTheSameTrust) {
  auto connect = [&](const std::string& host, const internal::TlsSettings& tls) {
    internal::WsTransportConfig config;
    config.secure = true;
    config.tls = tls;
    auto transport = internal::makeWebsocketppTransport(runtime_, config);
    auto outcome = std::make_shared<std::promise<std::optional<std::string>>>();
    internal::WsTransport::Handlers handlers;
    handlers.onOpen = [outcome] { outcome->set_value(std::nullopt); };
    handlers.onFail = [outcome](internal::WsFailure failure) { outcome->set_value(failure.message); };
    transport->connect("wss://" + base(host) + "/ws", {}, std::move(handlers));
    auto future = outcome->get_future();
    if (future.wait_for(kWait) != std::future_status::ready) return std::optional<std::string>("the test timed out");
    auto result = future.get();
    transport->close(1000, "");
    return result;
  };
  auto accepted = connect("localhost", withCa());
  EXPECT_FALSE(accepted.has_value()) << *accepted;
  EXPECT_TRUE(connect("localhost", internal::TlsSettings{}).has_value());
  EXPECT_TRUE(connect("127.0.0.1", withCa()).has_value());
}

// The ClientOptions fields reach the transport: a whole client against the local server.
TEST_F(TlsTest, ClientOptionsCaBundle) {
  ClientOptions options;
  options.host = "localhost";
  options.port = server_.port();
  options.ssl = true;
  options.retry = RetryPolicy::none();
  {
    Client client(options);
    auto refused = client.healthcheck().get();
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::kConnectionFailed);
  }
  options.caBundlePem = readFixture("tls/ca.pem");
  Client client(options);
  auto accepted = client.healthcheck().get();
  EXPECT_TRUE(accepted.ok()) << accepted.error().message;
}

}  // namespace
}  // namespace nakama::test
