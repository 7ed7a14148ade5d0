#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "nakama/error.h"
#include "nakama/future.h"
#include "nakama/runtime.h"
#include "nakama/session.h"

namespace nakama {

/// Where the SDK runs the callbacks given to `Future::then()` and the socket's event handlers.
enum class CallbackMode {
  /// On one SDK-owned callback thread, one at a time, in completion order. Callbacks may block
  /// (even on `Future::get()`) without stalling network I/O, which runs on other threads.
  kSdkThread,
  /// Queued until the game calls `Client::poll()`, and run on that thread: the game-loop pattern.
  kPolled,
  /// On the client's network I/O thread (its Runtime's, when shared), in completion order, right after the
  /// I/O that completes them: no thread hand-off, so the least latency and CPU per call, and no callback
  /// thread at all. For load-test bots, tools and server-side code, not for game code: a callback must be
  /// short and must never block, as no network I/O of the client (or of its Runtime) progresses while it
  /// runs; `Future::get()` on an unfinished request there fails at once with kInvalidArgument.
  kIoThread,
};

/// The HTTP implementation REST calls go through.
enum class HttpTransportKind {
  kBeast,    ///< Boost.Beast on the client's I/O thread (default).
  kCppRest,  ///< cpprestsdk's http_client (its own thread pool).
};

/// The WebSocket implementation realtime sockets use.
enum class WebSocketTransportKind {
  kBeast,        ///< Boost.Beast on the client's I/O thread (default).
  kWebsocketpp,  ///< websocketpp on the client's I/O thread.
};

/// Retry policy for transient failures (connection failures, timeouts, HTTP 429/500/502/503/504).
/// Delays grow exponentially from `baseDelay` up to `maxDelay`; with `jitter` each delay is drawn
/// uniformly from [0, delay] ("full jitter"). A 429/503 `Retry-After` header is honoured when present.
struct RetryPolicy {
  int maxAttempts = 3;  ///< Total attempts, the first one included; 1 = no retry.
  /// Delay before the first retry; doubled for each further one.
  std::chrono::milliseconds baseDelay{200};
  /// Upper bound of a retry delay.
  std::chrono::milliseconds maxDelay{5000};
  /// Draw each delay uniformly from [0, delay] ("full jitter").
  bool jitter = true;
  std::chrono::milliseconds deadline{30000};  ///< No new attempt starts after this much time overall.

  /// A policy that never retries.
  static RetryPolicy none() {
    RetryPolicy policy;
    policy.maxAttempts = 1;
    return policy;
  }
};

/// Reported to `ClientOptions::onRetry` before each retry.
struct RetryAttempt {
  std::string operation;               ///< e.g. "GET /v2/account"
  int attempt = 0;                     ///< The attempt that failed (1 = the first).
  std::chrono::milliseconds delay{0};  ///< Wait before the next attempt.
  Error error;                         ///< Why the attempt failed.
};

/// Client configuration. Every field has a usable default for a local Nakama.
struct ClientOptions {
  /// The server's host name or IP address.
  std::string host = "127.0.0.1";
  /// The server's HTTP/WebSocket port.
  std::uint16_t port = 7350;
  bool ssl = false;  ///< https:// and wss://
  /// Check the server's certificate chain and host name on https:// and wss:// (every transport). Turn off
  /// only for local servers with self-signed certificates; prefer `caBundlePem` for those.
  bool verifyTlsCertificates = true;
  /// Certificate authorities trusted in addition to the platform's root certificates, for REST and realtime
  /// alike (README "TLS and certificates"). iOS and Android have no roots the SDK's OpenSSL can read: games
  /// there ship a bundle. Either or both may be set; a bundle that cannot be read fails every TLS request
  /// with kInvalidArgument.
  std::string caBundlePem;   ///< PEM text of one or more CA certificates ("-----BEGIN CERTIFICATE-----...").
  std::string caBundleFile;  ///< Path of a PEM file of CA certificates.
  /// Sent as Basic auth to the authenticate and session refresh endpoints only, never elsewhere.
  std::string serverKey = "defaultkey";

  /// The HTTP implementation REST calls use.
  HttpTransportKind httpTransport = HttpTransportKind::kBeast;
  /// The WebSocket implementation realtime sockets use.
  WebSocketTransportKind webSocketTransport = WebSocketTransportKind::kBeast;

  /// Keep-alive HTTP connections the Beast transport opens to the server at most (idle or busy); REST calls
  /// beyond that wait for one to come free. A game needs few; a load-test client issuing many concurrent calls
  /// may raise it. cpprestsdk manages its own connections and ignores it. Values below 1 mean 1.
  std::size_t maxHttpConnections = 8;

  std::chrono::milliseconds timeout{10000};  ///< Per-attempt timeout of REST calls.
  /// Retry policy of REST calls; CallOptions::retry overrides it per call.
  RetryPolicy retry;
  /// Where continuations and socket event handlers run.
  CallbackMode callbackMode = CallbackMode::kSdkThread;
  /// Threads shared with other Clients (see nakama::Runtime). Null (the default): this client starts
  /// its own I/O thread and, with kSdkThread, its own callback thread.
  std::shared_ptr<Runtime> runtime;

  /// The largest REST answer body the SDK buffers; a larger one fails the call with kBadResponse (not
  /// retried). 0 = no limit. Bounds the memory a broken or hostile server can make the client use.
  std::size_t maxResponseBytes = 8 * 1024 * 1024;
  /// The largest realtime message a socket accepts from the server; a larger one closes the connection
  /// with code 1009 (reported as a disconnect; the socket reconnects when enabled). 0 = no limit.
  std::size_t maxFrameBytes = 4 * 1024 * 1024;

  /// Refresh the session before a call when its token expires within this window.
  bool autoRefreshSession = true;
  /// How close to expiry a session is refreshed before a call (see autoRefreshSession).
  std::chrono::seconds refreshWindow{300};

  /// Called (where callbacks run) whenever the client's session changes: authenticate, refresh,
  /// restore, logout (with std::nullopt). Save `session->serialize()` here to survive restarts.
  std::function<void(const std::optional<Session>& session)> onSessionChanged;
  /// Optional re-authentication, for when the server no longer accepts the session nor its refresh token
  /// (a restarted server forgets every session). When set, a call that meets such a dead session, and a
  /// reconnecting socket, call it once, install the session its Future gives (onSessionChanged fires), and
  /// carry on: the call is repeated once, the socket connects and rejoins as after any reconnection. Calls
  /// that meet the dead session together share one re-authentication. If it fails, they fail with
  /// kSessionExpired (or its own transient error, such as kConnectionFailed). Typically
  /// `[&client] { return client->authenticateDevice(deviceId); }` with `client` a pointer set once the
  /// Client exists (capture no owning pointer to the Client: that would keep it alive forever). Runs on an
  /// internal thread: start the request and return its Future; never wait on a Future in here.
  std::function<Future<Session>()> reauthenticate;
  /// Called before each retry (on an internal thread: keep it short and thread-safe).
  std::function<void(const RetryAttempt& attempt)> onRetry;
  /// Receives exceptions thrown by callbacks running on an SDK thread (kSdkThread, kIoThread). Without it
  /// they are logged at LogLevel::kError (nakama/log.h). In kPolled mode exceptions propagate out of
  /// `Client::poll()` instead.
  std::function<void(std::exception_ptr)> onCallbackException;
};

/// Per-call overrides. Cancellation is per request: `Future::cancel()`.
struct CallOptions {
  std::optional<std::chrono::milliseconds> timeout;  ///< Per-attempt timeout; default ClientOptions::timeout.
  std::optional<RetryPolicy> retry;                  ///< Default ClientOptions::retry.
  /// Whether repeating the call is safe. By default the SDK decides per endpoint: calls that change
  /// state when repeated (an incrementing leaderboard write, an event, an RPC, creating a group) are
  /// not retried unless this is set to true.
  std::optional<bool> idempotent;
};

}  // namespace nakama
