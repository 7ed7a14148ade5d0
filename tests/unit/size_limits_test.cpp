// ClientOptions::maxResponseBytes and maxFrameBytes, enforced by the transports against a local server that
// sends more than the client accepts.

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include "core/runtime.h"
#include "local_tls_server.h"
#include "realtime/ws_transport.h"
#include "rest/client_core.h"
#include "transport/http_transport.h"

namespace nakama::test {
namespace {

using namespace std::chrono_literals;
constexpr auto kWait = 10s;

class SizeLimitsTest : public ::testing::Test {
 protected:
  std::string httpUrl() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }

  Result<internal::HttpResponse> get(const std::string& target, std::size_t limit) {
    internal::HttpTransportConfig config;
    config.baseUrl = httpUrl();
    config.maxResponseBytes = limit;
    auto transport = internal::makeBeastHttpTransport(runtime_, config);
    auto done = std::make_shared<std::promise<Result<internal::HttpResponse>>>();
    internal::HttpRequest request;
    request.method = "GET";
    request.target = target;
    transport->send(request, [done](Result<internal::HttpResponse> result) { done->set_value(std::move(result)); });
    auto future = done->get_future();
    if (future.wait_for(kWait) != std::future_status::ready) return Error{ErrorKind::kTimeout, "the test timed out"};
    return future.get();
  }

  // Connects, asks the server for a `size`-byte message and reports what came: the message, or the close.
  struct Outcome {
    std::optional<std::string> message;
    std::optional<std::pair<int, std::string>> close;
  };
  Outcome askFor(std::size_t size, std::size_t limit, bool websocketpp) {
    internal::WsTransportConfig config;
    config.maxFrameBytes = limit;
    auto transport = websocketpp ? internal::makeWebsocketppTransport(runtime_, config)
                                 : internal::makeBeastWsTransport(runtime_, config);
    auto opened = std::make_shared<std::promise<bool>>();
    auto outcome = std::make_shared<std::promise<Outcome>>();
    auto reported = std::make_shared<std::atomic<bool>>(false);
    auto report = [outcome, reported](Outcome o) {
      if (!reported->exchange(true)) outcome->set_value(std::move(o));
    };
    internal::WsTransport::Handlers handlers;
    handlers.onOpen = [opened] { opened->set_value(true); };
    handlers.onFail = [opened](internal::WsFailure) { opened->set_value(false); };
    handlers.onMessage = [report](std::string text) { report(Outcome{std::move(text), std::nullopt}); };
    handlers.onClose = [report](int code, std::string reason) {
      report(Outcome{std::nullopt, std::make_pair(code, std::move(reason))});
    };
    transport->connect("ws://127.0.0.1:" + std::to_string(server_.port()) + "/ws", {}, std::move(handlers));
    auto openedFuture = opened->get_future();
    EXPECT_EQ(openedFuture.wait_for(kWait), std::future_status::ready);
    EXPECT_TRUE(openedFuture.get());
    transport->send("big:" + std::to_string(size));
    auto future = outcome->get_future();
    EXPECT_EQ(future.wait_for(kWait), std::future_status::ready);
    auto result = future.get();
    transport->close(1000, "");
    return result;
  }

  bool waitForServerClose(int code) {
    const auto deadline = std::chrono::steady_clock::now() + kWait;
    while (server_.lastCloseCode() != code && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(10ms);  // polling with a deadline
    return server_.lastCloseCode() == code;
  }

  LocalServer server_{false};
  internal::IoRuntime runtime_;
};

TEST_F(SizeLimitsTest, HttpAnswerLargerThanTheLimitFails) {
  auto small = get("/big/1000", 1000);
  ASSERT_TRUE(small.ok()) << small.error().message;
  EXPECT_EQ(small->body.size(), 1000u);
  auto large = get("/big/1001", 1000);
  ASSERT_FALSE(large.ok());
  EXPECT_EQ(large.error().kind, ErrorKind::kBadResponse);
  EXPECT_NE(large.error().message.find("maxResponseBytes (1000 bytes)"), std::string::npos) << large.error().message;
  auto unlimited = get("/big/100000", 0);
  ASSERT_TRUE(unlimited.ok()) << unlimited.error().message;
  EXPECT_EQ(unlimited->body.size(), 100000u);
}

TEST_F(SizeLimitsTest, ClientOptionsLimitFailsTheCallWithoutRetries) {
  ClientOptions options;
  options.host = "127.0.0.1";
  options.port = server_.port();
  options.maxResponseBytes = 2000;
  options.retry.baseDelay = 1ms;  // retries allowed: a too-large answer must still not be retried
  auto core = internal::ClientCore::create(options);
  internal::RestRequest request;
  request.path = "/big/5000";
  request.auth = internal::AuthKind::kNone;
  auto result = core->callVoid(request).get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kBadResponse);
  EXPECT_EQ(server_.httpRequests(), 1);
  request.path = "/big/2000";
  EXPECT_TRUE(core->callVoid(request).get().ok());
  core->shutdown();
}

TEST_F(SizeLimitsTest, BeastWebSocketClosesWith1009OnATooLargeMessage) {
  auto fits = askFor(1000, 1000, false);
  ASSERT_TRUE(fits.message.has_value());
  EXPECT_EQ(fits.message->size(), 1000u);
  auto tooLarge = askFor(1001, 1000, false);
  ASSERT_TRUE(tooLarge.close.has_value());
  EXPECT_EQ(tooLarge.close->first, 1009);
  EXPECT_NE(tooLarge.close->second.find("maxFrameBytes (1000 bytes)"), std::string::npos) << tooLarge.close->second;
  EXPECT_TRUE(waitForServerClose(1009)) << server_.lastCloseCode();
}

TEST_F(SizeLimitsTest, WebsocketppClosesWith1009OnATooLargeMessage) {
  auto fits = askFor(1000, 1000, true);
  ASSERT_TRUE(fits.message.has_value());
  auto tooLarge = askFor(1001, 1000, true);
  ASSERT_TRUE(tooLarge.close.has_value());
  EXPECT_EQ(tooLarge.close->first, 1009);
}

}  // namespace
}  // namespace nakama::test
