#pragma once

// The engine behind nakama::Client and every feature-area facade: options, the callback executor,
// the I/O runtime, the REST pipeline (auth -> retry -> http -> transport) and the session manager.
// Facades build a RestRequest and call `call<T>()`; nothing else in the SDK talks HTTP.

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "core/executors.h"
#include "core/json.h"
#include "core/log.h"
#include "core/runtime.h"
#include "nakama/client_options.h"
#include "nakama/future.h"
#include "rest/rest_layers.h"
#include "rest/rest_request.h"
#include "rest/session_manager.h"

namespace nakama::internal {

class ClientCore : public std::enable_shared_from_this<ClientCore> {
 public:
  /// `transport` replaces the cpprestsdk transport (unit tests inject fakes).
  static std::shared_ptr<ClientCore> create(ClientOptions options, std::shared_ptr<HttpTransport> transport = nullptr);
  ~ClientCore();

  const ClientOptions& options() const { return options_; }
  const std::shared_ptr<ShutdownExecutor>& executor() const { return executor_; }
  const std::shared_ptr<IoRuntime>& runtime() const { return runtime_; }
  const std::shared_ptr<SessionManager>& sessions() const { return sessions_; }

  /// Sends a request and decodes a 2xx body with `decode` (an exception from it becomes kBadResponse).
  template <class T>
  Future<T> call(RestRequest request, std::function<T(const JsonValue&)> decode) {
    return callDecoding<T>(std::move(request),
                           [decode = std::move(decode)](const JsonValue& j) -> Result<T> { return decode(j); });
  }

  /// Sends a request and decodes the body as T with the model's `from_json`.
  template <class T>
  Future<T> call(RestRequest request) {
    return callDecoding<T>(std::move(request), [](const JsonValue& j) {
      Result<T> result{T{}};
      decodeValue(j, *result);  // in place: returned and stored in the future's state without a move
      return result;
    });
  }

  /// Sends a request whose answer carries nothing the caller needs.
  Future<void> callVoid(RestRequest request);

  /// A future that already failed: argument errors found before any I/O.
  template <class T>
  Future<T> fail(Error error) const {
    return internal::makeReadyFuture<T>(executor_, Result<T>(std::move(error)));
  }
  Future<void> failVoid(Error error) const;

  /// Sends a request through the pipeline (the request is moved into the call's state). `done` runs exactly once,
  /// on an internal thread.
  /// `bindCancel` receives the function that aborts the request (for the caller's future).
  void send(RestRequest&& request, HttpCallback done, MoveFunction<void(MoveFunction<void()>)> bindCancel);

  std::size_t poll();
  /// Cancels every outstanding request and stops the threads. Called by ~Client.
  void shutdown();
  /// Runs `hook` once when the client shuts down, before its I/O thread stops (a socket cancels its pending
  /// requests). Returns an id for removeShutdownHook(), or 0 when the client has already shut down.
  std::uint64_t addShutdownHook(std::function<void()> hook);
  void removeShutdownHook(std::uint64_t id);

 private:
  ClientCore(ClientOptions options, std::shared_ptr<HttpTransport> transport);

  // `decode(root)` gives the Result the future will hold, built where the future keeps it (a model of a dozen
  // strings costs a few hundred instructions per move).
  template <class T, class Decode>
  Future<T> callDecoding(RestRequest request, Decode decode) {
    internal::Promise<T> promise(executor_);
    auto future = promise.future();
    send(
        std::move(request),
        [promise, decode = std::move(decode)](Result<HttpResponse> response) {
          if (!response.ok()) {
            promise.complete(response.error());
            return;
          }
          promise.completeWith([&] { return decodeBody<T>(response.value(), decode); });
        },
        promise.cancelBinder());
    return future;
  }

  template <class T, class Decode>
  static Result<T> decodeBody(const HttpResponse& response, const Decode& decode) {
    try {
      // An empty body is an empty message (proto3 omits every default field).
      const auto body = parseJson(response.body.empty() ? std::string_view("{}") : std::string_view(response.body));
      return decode(body.root());
    } catch (const std::exception& e) {
      // A decoder's message may quote the answer, which may hold a token.
      return Error{ErrorKind::kBadResponse, "could not decode the server's answer: " + redactSecrets(e.what())};
    }
  }

  ClientOptions options_;
  std::shared_ptr<ShutdownExecutor> executor_;
  std::shared_ptr<IoRuntime> runtime_;
  std::shared_ptr<RestLayer> pipeline_;
  std::shared_ptr<SessionManager> sessions_;

  struct PendingCall;
  void link(const std::shared_ptr<PendingCall>& call);  // pendingMutex_ held
  void unlink(PendingCall& call);                       // pendingMutex_ held
  mutable std::mutex pendingMutex_;
  std::atomic<std::uint64_t> nextId_{0};
  bool shutDown_ = false;
  std::shared_ptr<PendingCall> pendingCalls_;  // a linked list, answered kCancelled on shutdown
  std::map<std::uint64_t, std::function<void()>> shutdownHooks_;
};

}  // namespace nakama::internal
