// In-process Nakama 3.15 test server: REST gateway + realtime socket on one port.
// No websocketpp/boost/nlohmann here; area code uses core/server_api.h.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace nakama::testserver {

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0 = ephemeral
  std::string serverKey = "defaultkey";
  std::string httpKey = "defaulthttpkey";
  std::string encryptionKey = "defaultencryptionkey";  // HS256 signing key for session tokens
  std::string refreshEncryptionKey = "defaultrefreshencryptionkey";
  std::chrono::seconds tokenExpiry{7200};
  std::chrono::seconds refreshTokenExpiry{3600 * 24};
  std::chrono::milliseconds pingInterval{15000};  // WebSocket PING control frames
  std::chrono::milliseconds pongTimeout{25000};   // drop the connection when no pong by then
  std::size_t maxMessageSize = 4096;              // inbound realtime message limit (close 1009)
  std::size_t outgoingQueueSize = 64;             // outgoing queue limit per session
  std::size_t maxRequestSize = 262144;            // HTTP body limit (400 "http: request body too large")
  // Nakama forms matchmaker matches in batches, every `matchmaker.interval_sec` (default 15 s); a ticket
  // whose min and max counts differ waits up to `maxIntervals` intervals for max_count before settling.
  std::chrono::milliseconds matchmakerInterval{15000};
  int matchmakerMaxIntervals = 2;
  // Nakama indexes match labels in batches (`match.label_update_interval_ms`): GET /v2/match sees a new
  // match or a changed label only after up to this long.
  std::chrono::milliseconds matchLabelUpdateInterval{1000};
  bool log = false;  // request log to stderr
};

struct AreaContext;  // core/server_api.h

class TestServer {
 public:
  explicit TestServer(ServerConfig config = {});
  ~TestServer();  // stops
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  void start();  // binds, starts the I/O thread; throws std::runtime_error on failure
  void stop();   // closes sockets, joins the I/O thread; idempotent
  bool running() const;
  std::uint16_t port() const;  // the bound port
  const ServerConfig& config() const;

  // Server-side close of every socket, for reconnection tests. code 0 = empty close frame (what a
  // real server sends on its own closes).
  void closeAllSockets(int code = 1000, const std::string& reason = "");
  // false: refuse WebSocket upgrades (503) to simulate an outage. HTTP keeps working.
  void setAcceptingSockets(bool accept);
  // Number of open sockets.
  std::size_t socketCount();
  // Invalidate every issued token, like a server restart does (401 "Auth token invalid").
  void revokeAllTokens();
  // Shift the server clock (token expiry, timestamps) instead of sleeping.
  void setClockOffset(std::chrono::seconds offset);
  // Runs fn on the I/O thread with the area context and waits for it: lets a test inspect or seed
  // server state. Include core/server_api.h to use AreaContext. Rethrows fn's exception.
  void invoke(const std::function<void(AreaContext&)>& fn);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nakama::testserver
