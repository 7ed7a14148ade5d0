#pragma once

// The engine behind nakama::RtSocket: the connection state machine (connect, liveness probe, reconnection
// with back-off), wired to its parts: PendingRequests (replies matched to requests by cid), RejoinTracker
// (what to restore after a reconnection) and RtEvents (handlers, fed by the generated event dispatch).
//
// Threading: public entry points may be called from any thread; transport callbacks and timers arrive
// on the I/O thread (or, with a fake transport, on the test's thread). One mutex guards the state; it
// is never held while calling the transport, completing a promise, or posting to the executor.
// `generation_` identifies the current connection attempt/connection: callbacks and timers carry the
// generation they belong to and are ignored once it has moved on.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/json.h"
#include "core/runtime.h"
#include "nakama/future.h"
#include "nakama/rt_socket.h"
#include "realtime/pending_requests.h"
#include "realtime/rejoin_tracker.h"
#include "realtime/rt_event_hubs.h"
#include "realtime/rt_json.h"
#include "realtime/ws_transport.h"

namespace nakama::internal {

class ClientCore;

class RtSocketImpl : public std::enable_shared_from_this<RtSocketImpl> {
 public:
  /// `factory` makes one transport per connection attempt; null = websocketpp on the client's runtime.
  static std::shared_ptr<RtSocketImpl> create(std::shared_ptr<ClientCore> core, RtSocketOptions options,
                                              WsTransportFactory factory = nullptr);
  ~RtSocketImpl();
  RtSocketImpl(const RtSocketImpl&) = delete;
  RtSocketImpl& operator=(const RtSocketImpl&) = delete;

  const RtSocketOptions& options() const { return options_; }
  ConnectionState state() const;
  RtEvents& events() { return events_; }
  const std::shared_ptr<CallbackExecutor>& executor() const { return executor_; }

  Future<void> connect();
  void close();
  /// The Client was destroyed: the connection is closed and every pending request and connect() fails at
  /// once with kCancelled (nothing could answer them once the Client's I/O thread stops).
  void onClientShutdown();

  /// Sends `{"cid":N, key: body}` and completes with `decode(reply payload)`; the reply must be the
  /// `replyKey` variant.
  template <class T>
  Future<T> request(const char* key, Json body, const char* replyKey, std::function<T(const JsonValue&)> decode) {
    internal::Promise<T> promise(executor_);
    auto future = promise.future();
    startRequest(
        key, std::move(body), replyKey,
        [promise, decode = std::move(decode)](Result<JsonValue> reply) {
          if (!reply.ok()) {
            promise.complete(reply.error());
            return;
          }
          try {
            promise.complete(decode(*reply));
          } catch (const std::exception& e) {
            promise.complete(
                Error{ErrorKind::kBadResponse, std::string("could not decode the server's reply: ") + e.what()});
          }
        },
        options_.requestTimeout, promise.cancelBinder());
    return future;
  }

  /// A request answered by a cid-only envelope.
  Future<void> requestAck(const char* key, Json body);
  /// A message the server does not answer (match_data_send): sent without cid.
  Future<void> sendWithoutReply(const char* key, Json body);
  Future<std::chrono::milliseconds> ping();

  template <class T>
  Future<T> fail(Error error) const {
    return internal::makeReadyFuture<T>(executor_, Result<T>(std::move(error)));
  }

  /// Builds the connection URL (exposed for tests).
  std::string buildUrl(const std::string& token) const;

 private:
  RtSocketImpl(std::shared_ptr<ClientCore> core, RtSocketOptions options, WsTransportFactory factory);

  /// True once the Client's I/O thread has stopped (the Client was destroyed).
  bool clientShutDown() const;
  bool exceedsMaxMessageSize(const std::string& text) const;
  Error messageTooLarge(std::size_t size) const;

  void startRequest(const char* key, Json body, std::string expectKey, PendingRequests::ReplyHandler handler,
                    std::chrono::milliseconds timeout, MoveFunction<void(MoveFunction<void()>)> bindCancel);
  /// Removes `cid` from the pending requests and hands it `result`; false when it was not pending.
  bool completePending(const std::string& cid, Result<JsonValue> result, const std::string& replyKey = {});

  // Connection life cycle (each takes the generation it belongs to).
  void startAttempt(std::uint64_t generation);
  void onToken(std::uint64_t generation, Result<std::string> token);
  void onOpen(std::uint64_t generation);
  void onMessage(std::uint64_t generation, const std::string& text);
  void onTransportFailed(std::uint64_t generation, const WsFailure& failure);
  void attemptFailed(std::uint64_t generation, Error error);
  void onConnectionLost(std::uint64_t generation, int code, const std::string& reason, bool closeTransport);
  void scheduleReconnect(Error lastError);
  void giveUp(Error error);
  /// Fails what is pending and (when `closeTransport`) closes the connection: close() and onClientShutdown().
  void closeWith(const Error& pendingError, const Error& connectError, bool closeTransport);
  void schedulePing(std::uint64_t generation);
  void sendProbe(std::uint64_t generation);
  void rejoin();

  // Inbound frames.
  /// Delivers a server event (see NAKAMA_RT_SERVER_EVENTS); false when `key` is not one.
  bool dispatchEvent(const std::string& key, const JsonValue& payload);
  template <class Model>
  void deliver(const RtEvents::Hub<Model>& hub, const JsonValue& payload) {
    auto models = decodeEvents<Model>(payload);  // all decoded before any is delivered
    for (auto& model : models) {
      tracker_.observe(model);
      post(hub, std::move(model));
    }
  }

  // Events (posted to the executor).
  template <class... A, class... V>
  void post(const std::shared_ptr<EventHub<A...>>& hub, V&&... values) {
    // The values are moved into the task (a decoded model may hold a large payload).
    executor_->post([hub, args = std::make_tuple(std::decay_t<V>(std::forward<V>(values))...)] {
      std::apply([&hub](const auto&... a) { hub->emit(a...); }, args);
    });
  }
  void postState(ConnectionState state) { post(events_.stateChange, state); }
  void postError(Error error) { post(events_.error, std::move(error)); }

  std::shared_ptr<ClientCore> core_;  // first: destroyed last (owns the runtime the transports run on)
  RtSocketOptions options_;
  WsTransportFactory factory_;
  std::shared_ptr<CallbackExecutor> executor_;
  std::shared_ptr<IoRuntime> runtime_;
  RtEvents events_;

  mutable std::mutex mutex_;
  ConnectionState state_ = ConnectionState::kDisconnected;
  std::uint64_t generation_ = 0;
  std::shared_ptr<WsTransport> transport_;
  std::string token_;             // the token of the current attempt
  bool retriedAfter401_ = false;  // one refresh-and-retry per attempt
  std::vector<internal::Promise<void>> connectWaiters_;
  PendingRequests pending_;
  std::shared_ptr<TimerHandle> connectTimer_;
  std::shared_ptr<TimerHandle> pingTimer_;
  std::shared_ptr<TimerHandle> reconnectTimer_;
  int reconnectAttempt_ = 0;
  std::mt19937_64 rng_{std::random_device{}()};

  RejoinTracker tracker_;                // thread-safe on its own
  std::uint64_t shutdownHook_ = 0;       // registered with the core by create()
  std::atomic<bool> clientGone_{false};  // set by onClientShutdown(): nothing can be sent any more
};

/// The delay before reconnection attempt `attempt` (1-based), before jitter.
std::chrono::milliseconds reconnectDelay(const RtSocketOptions& options, int attempt);

}  // namespace nakama::internal
