#pragma once

// The REST pipeline, as decorators over one interface:
//   AuthLayer (server key / http key, or the bearer token, refresh before expiry, refresh-and-retry-once on 401)
//     -> RetryLayer (transient failures, back-off with jitter, Retry-After, deadline)
//       -> HttpLayer (URL, headers, per-attempt timeout, HTTP status -> Error)
//         -> HttpTransport (cpprestsdk, or a fake in unit tests)

#include <chrono>
#include <functional>
#include <memory>
#include <random>

#include "core/runtime.h"
#include "nakama/internal/move_function.h"
#include "rest/operation.h"
#include "rest/rest_request.h"

namespace nakama::internal {

using OutcomeCallback = MoveFunction<void(RestOutcome)>;

/// A request travels down the pipeline by pointer, never copied: the layers below the auth layer only read it, and
/// the auth layer writes it only while no attempt is in flight (before the first, and before the one repeat a
/// rejected token calls for).
using RestRequestPtr = std::shared_ptr<RestRequest>;

class RestLayer {
 public:
  virtual ~RestLayer() = default;
  /// Calls `done` exactly once (possibly on another thread).
  virtual void send(RestRequestPtr request, std::shared_ptr<Operation> op, OutcomeCallback done) = 0;
};

/// kInvalidArgument when a path segment or a query parameter is not valid UTF-8 (checked before sending).
std::optional<Error> checkRequestText(const RestRequest& request);

/// Maps a non-2xx HTTP answer to an Error: Nakama's `{"code":N,"message":"..."}` body when present.
Error errorFromHttpResponse(const HttpResponse& response);

class HttpLayer final : public RestLayer {
 public:
  HttpLayer(std::shared_ptr<HttpTransport> transport, std::shared_ptr<IoRuntime> runtime,
            std::chrono::milliseconds defaultTimeout);
  void send(RestRequestPtr request, std::shared_ptr<Operation> op, OutcomeCallback done) override;

 private:
  std::shared_ptr<HttpTransport> transport_;
  std::shared_ptr<IoRuntime> runtime_;
  std::chrono::milliseconds defaultTimeout_;
};

/// The delay before retry number `attempt` (1-based: the delay after the first failure), before jitter.
std::chrono::milliseconds backoffDelay(const RetryPolicy& policy, int attempt);
/// Parses a Retry-After header given in seconds; nullopt when absent or not a number of seconds.
std::optional<std::chrono::milliseconds> parseRetryAfter(const std::optional<HttpResponse>& response);

class RetryLayer final : public RestLayer {
 public:
  RetryLayer(std::shared_ptr<RestLayer> next, std::shared_ptr<IoRuntime> runtime, RetryPolicy defaultPolicy,
             std::function<void(const RetryAttempt&)> onRetry);
  void send(RestRequestPtr request, std::shared_ptr<Operation> op, OutcomeCallback done) override;

 private:
  struct Attempt;
  void attempt(std::shared_ptr<Attempt> state);
  std::chrono::milliseconds jittered(std::chrono::milliseconds delay, bool jitter);

  std::shared_ptr<RestLayer> next_;
  std::shared_ptr<IoRuntime> runtime_;
  RetryPolicy defaultPolicy_;
  std::function<void(const RetryAttempt&)> onRetry_;
  std::mutex rngMutex_;
  std::mt19937_64 rng_{std::random_device{}()};
};

class SessionManager;

/// Adds the credentials the request needs. For session calls: the bearer token (refreshing it first when it is about to
/// expire) and, when the server rejects the token with 401, refreshes once and repeats the call once.
class AuthLayer final : public RestLayer {
 public:
  AuthLayer(std::shared_ptr<RestLayer> next, std::shared_ptr<SessionManager> sessions);
  void send(RestRequestPtr request, std::shared_ptr<Operation> op, OutcomeCallback done) override;

 private:
  std::shared_ptr<RestLayer> next_;
  std::shared_ptr<SessionManager> sessions_;
  SharedText basicAuthorization_;  // the session manager's: one text per client
};

/// The error for "the server no longer accepts this session and it cannot be refreshed".
Error sessionExpired(const Error& cause);

}  // namespace nakama::internal
