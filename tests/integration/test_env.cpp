#include "test_env.h"

#include <gtest/gtest.h>
#include <openssl/crypto.h>

#include <cstdlib>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>

#include "test_server.h"

namespace nakama::test {
namespace {
std::string envOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : fallback;
}

// The in-process server behaves like Nakama's defaults except that its matchmaker runs every second
// (Nakama: 15 s), so matchmaking tests finish quickly; they still wait long enough for a real server.
testserver::ServerConfig inProcessConfig(const std::string& serverKey, const std::string& httpKey) {
  testserver::ServerConfig config;
  config.serverKey = serverKey;
  config.httpKey = httpKey;
  config.matchmakerInterval = std::chrono::milliseconds(1000);
  return config;
}
}  // namespace

TestEnv& TestEnv::instance() {
  static TestEnv env;
  return env;
}

TestEnv::TestEnv() {
  // Servers started later by this static object use OpenSSL on their threads; initialising it now makes its
  // exit-time cleanup run after our destructor has joined them (see TestServer's constructor).
  OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, nullptr);  // (options 0 would do nothing)
  serverKey_ = envOr("NAKAMA_TEST_SERVER_KEY", "defaultkey");
  httpKey_ = envOr("NAKAMA_TEST_HTTP_KEY", "defaulthttpkey");
  const std::string externalHost = envOr("NAKAMA_TEST_HOST", "");
  if (!externalHost.empty()) {
    host_ = externalHost;
    port_ = static_cast<std::uint16_t>(std::stoi(envOr("NAKAMA_TEST_PORT", "7350")));
    ssl_ = envOr("NAKAMA_TEST_SSL", "0") == "1";
    return;
  }
  server_ = std::make_shared<testserver::TestServer>(inProcessConfig(serverKey_, httpKey_));
  server_->start();
  host_ = "127.0.0.1";
  port_ = server_->port();
}

testserver::TestServer& TestEnv::localServer() {
  if (server_) return *server_;
  std::lock_guard<std::mutex> lock(privateServerMutex_);
  if (!privateServer_) {
    privateServer_ = std::make_shared<testserver::TestServer>(inProcessConfig("defaultkey", "defaulthttpkey"));
    privateServer_->start();
  }
  return *privateServer_;
}

ClientOptions TestEnv::localClientOptions() {
  auto& server = localServer();
  ClientOptions options = clientOptions();
  options.host = "127.0.0.1";
  options.port = server.port();
  options.ssl = false;
  options.serverKey = server.config().serverKey;
  return options;
}

ClientOptions TestEnv::clientOptions() const {
  ClientOptions options;
  options.host = host_;
  options.port = port_;
  options.ssl = ssl_;
  options.serverKey = serverKey_;
  options.timeout = std::chrono::seconds(10);
  // NAKAMA_TEST_HTTP_TRANSPORT / NAKAMA_TEST_WS_TRANSPORT run the suite through a non-default transport.
  if (auto http = envOr("NAKAMA_TEST_HTTP_TRANSPORT", ""); http == "beast") {
    options.httpTransport = HttpTransportKind::kBeast;
  } else if (http == "cpprest") {
    options.httpTransport = HttpTransportKind::kCppRest;
  } else if (!http.empty()) {
    // A typo must not silently test the default transport.
    throw std::invalid_argument("NAKAMA_TEST_HTTP_TRANSPORT must be \"beast\" or \"cpprest\", not \"" + http + "\"");
  }
  if (auto ws = envOr("NAKAMA_TEST_WS_TRANSPORT", ""); ws == "beast") {
    options.webSocketTransport = WebSocketTransportKind::kBeast;
  } else if (ws == "websocketpp") {
    options.webSocketTransport = WebSocketTransportKind::kWebsocketpp;
  } else if (!ws.empty()) {
    throw std::invalid_argument("NAKAMA_TEST_WS_TRANSPORT must be beast or websocketpp, not '" + ws + "'");
  }
  return options;
}

std::string uniqueId(const std::string& prefix) {
  static std::mt19937_64 rng{std::random_device{}()};
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  std::ostringstream out;
  out << prefix << std::hex << rng();
  return out.str();
}

TestUser newUser(ClientOptions options) {
  TestUser user;
  user.client = std::make_unique<Client>(std::move(options));
  user.deviceId = uniqueId("device-");
  auto session = user.client->authenticateDevice(user.deviceId).get();
  EXPECT_TRUE(session.ok()) << session.error();
  if (session.ok()) user.session = *session;
  return user;
}

TestUser newUser() { return newUser(TestEnv::instance().clientOptions()); }

}  // namespace nakama::test
