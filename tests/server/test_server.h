// In-process Nakama 3.15 test server: REST gateway + realtime socket on one port.
// No boost/nlohmann here; area code uses core/server_api.h.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
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
class TestServer;

// How a corrupted HTTP answer's body is spoiled (Faults::corruptNextHttp).
enum class BodyFault {
  kMalformed,   // malformed JSON, unrelated to the real body
  kTruncated,   // the real body cut in half (Content-Length matches the cut body)
  kWrongTypes,  // the real body with every string turned into a number and every number into a string
  kHuge,        // the real body plus a member padded to Faults::kHugeBodyBytes
};

// Fault injection, switchable per test (README "Fault injection"). Thread-safe; every setting stays
// until it is used up or reset() is called. HTTP rules apply, in the order they were added, to the next
// requests whose path starts with `pathPrefix` ("" = any path); WebSocket upgrades never consume them.
class Faults {
 public:
  static constexpr std::size_t kHugeBodyBytes = 8 * 1024 * 1024;

  // Every new TCP connection (HTTP or WebSocket) is reset right after accept; idle keep-alive
  // connections are closed too, so the next request has to connect.
  void refuseConnections(bool refuse);
  // Answer `status` (e.g. 503, or 429 with `Retry-After: <retryAfter seconds>`) without running the request.
  void failNextHttp(int count, int status, const std::string& pathPrefix = "",
                    std::optional<std::chrono::seconds> retryAfter = std::nullopt);
  // Run the request, send the headers and half of the body, then close the connection.
  void dropNextHttp(int count, const std::string& pathPrefix = "");
  // Run the request, hold the answer back for `delay`.
  void delayNextHttp(int count, std::chrono::milliseconds delay, const std::string& pathPrefix = "");
  // Run the request, spoil the answer's body (status and headers unchanged).
  void corruptNextHttp(int count, BodyFault fault, const std::string& pathPrefix = "");
  // HTTP fault uses not yet consumed (summed over all rules).
  int pendingHttp() const;

  // Close every WebSocket without a close frame: a TCP reset (`reset`) or a plain TCP close.
  void closeSocketsAbruptly(bool reset = true);
  // Close every WebSocket with a close frame carrying `code` (0 = no status code) and `reason`.
  void closeSockets(int code, const std::string& reason = "");
  // Stop answering realtime `ping` envelopes (the SDK's keep-alive probe); WebSocket PING control
  // frames are still answered by the WebSocket layer.
  void ignorePings(bool ignore);

  // A restart as the clients see it: every session and refresh token issued so far becomes invalid (new
  // signing keys, empty session cache), every WebSocket is closed (1001) and every idle HTTP connection
  // dropped. Data (accounts, storage, ...) survives, like a database would.
  void restart();

  // Clears every rule and flag above.
  void reset();

  struct State;  // core/faults.h

 private:
  friend class TestServer;
  explicit Faults(TestServer& server);
  TestServer& server_;
  std::shared_ptr<State> state_;
};

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
  // Fault injection (see Faults).
  Faults& faults();

  struct Impl;  // core/server_impl.h

 private:
  friend class Faults;
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<Faults> faults_;
};

}  // namespace nakama::testserver
