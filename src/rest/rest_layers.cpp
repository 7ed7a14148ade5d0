#include "rest/rest_layers.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <mutex>

#include "core/json.h"
#include "core/log.h"
#include "rest/idempotency.h"
#include "rest/session_manager.h"

namespace nakama::internal {

Error errorFromHttpResponse(const HttpResponse& response) {
  Error error{ErrorKind::kServerError, ""};
  error.httpStatus = response.status;
  if (const auto body = tryParseJson(response.body)) {
    const auto code = body->root().find("code");
    if (code && code->type() == JsonValue::Type::kInteger)
      error.grpcCode = static_cast<GrpcCode>(static_cast<int>(code->asInteger()));
    else if (code && code->type() == JsonValue::Type::kUnsigned)
      error.grpcCode = static_cast<GrpcCode>(static_cast<int>(code->asUnsigned()));
    error.message = stringMember(body->root(), "message");
  }
  if (error.message.empty()) {
    std::string text = response.body.substr(0, 200);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    error.message = text.empty() ? "HTTP " + std::to_string(response.status) : text;
  }
  error.message = redactSecrets(error.message);  // the server's text may echo what it was sent
  return error;
}

namespace {
int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percentDecode(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 && hexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}
}  // namespace

std::optional<Error> checkRequestText(const RestRequest& request) {
  // Path segments and query values reach the server percent-encoded, but the server decodes them as UTF-8
  // text: bytes that are not UTF-8 would be stored or compared as garbage, so they are the caller's mistake.
  // Plain ASCII without escapes (nearly every path) is valid as it stands: nothing to decode.
  const bool plain =
      std::all_of(request.path.begin(), request.path.end(), [](unsigned char c) { return c < 0x80 && c != '%'; });
  if (!plain && !isValidUtf8(percentDecode(request.path))) {
    return Error{ErrorKind::kInvalidArgument,
                 "an identifier in the request path (" + request.operation() + ") is not valid UTF-8"};
  }
  for (const auto& [key, value] : request.query.params()) {
    if (!isValidUtf8(key) || !isValidUtf8(value))
      return Error{ErrorKind::kInvalidArgument, "the query parameter '" + key + "' is not valid UTF-8"};
  }
  return std::nullopt;
}

HttpLayer::HttpLayer(std::shared_ptr<HttpTransport> transport, std::shared_ptr<IoRuntime> runtime,
                     std::chrono::milliseconds defaultTimeout)
    : transport_(std::move(transport)), runtime_(std::move(runtime)), defaultTimeout_(defaultTimeout) {}

namespace {
// One HTTP exchange, answered once: by the transport or by the timeout, whichever comes first.
struct HttpAttempt {
  explicit HttpAttempt(OutcomeCallback done) : done(std::move(done)) {}

  /// False when the attempt was already answered.
  bool answer(RestOutcome outcome) {
    if (!claim()) return false;
    deliver(std::move(outcome));
    return true;
  }
  /// True for the one caller that may deliver the answer.
  bool claim() { return !answered.exchange(true); }
  void deliver(RestOutcome outcome) {
    auto callback = std::move(done);
    callback(std::move(outcome));
    // The request's chain of callbacks is freed once the callbacks it completed have run.
    IoRuntime::HandlerScope::releaseLater(std::move(callback));
  }

  OutcomeCallback done;
  std::atomic<bool> answered{false};
  // Holds the transport's abort function, which arrives when send() returns: possibly after the timeout fired.
  Operation exchange;
  std::shared_ptr<TimerHandle> timer;
};
}  // namespace

void HttpLayer::send(RestRequestPtr request, std::shared_ptr<Operation> op, OutcomeCallback done) {
  if (auto invalid = checkRequestText(*request)) {  // answered without I/O (and not retried)
    done(RestOutcome{std::nullopt, std::move(*invalid)});
    return;
  }
  HttpRequest http;
  http.method = request->method;
  http.target = request->query.empty() ? request->path : request->path + request->query.encode();
  http.authorization = request->authorization;
  if (request->body) {
    http.body = *request->body;
    http.hasBody = true;
  } else if (request->json) {
    auto encoded = encodeBody(*request->json, "the request body of " + request->operation());
    if (!encoded.ok()) {  // not valid UTF-8: the caller's mistake, answered without I/O (and not retried)
      done(RestOutcome{std::nullopt, encoded.error()});
      return;
    }
    http.body = std::move(encoded).value();
    http.hasBody = true;
  }

  auto attempt = std::make_shared<HttpAttempt>(std::move(done));
  const auto timeout = request->options.timeout.value_or(defaultTimeout_);
  attempt->timer = runtime_->schedule(timeout, [attempt, timeout] {
    if (!attempt->claim()) return;
    // The exchange is aborted before the answer goes out: once answered, the caller may destroy the client and its
    // transport.
    attempt->exchange.cancel();
    attempt->deliver(RestOutcome{
        std::nullopt, Error{ErrorKind::kTimeout, "no answer within " + std::to_string(timeout.count()) + " ms"}});
  });
  // Registered before sending and cleared on completion: a finished attempt must not keep its callbacks alive
  // through the Operation (they reference the retry layer's state, which owns the Operation).
  op->setAbort([attempt] {
    attempt->timer->cancel();
    attempt->exchange.cancel();
  });
  auto abort = transport_->send(std::move(http), [attempt, op](Result<HttpResponse> result) {
    op->setAbort(nullptr);
    attempt->timer->cancel();
    RestOutcome outcome;
    if (!result.ok()) {
      outcome.error = result.error();
    } else {
      if (result->status < 200 || result->status >= 300) outcome.error = errorFromHttpResponse(*result);
      outcome.response = std::move(result).value();
    }
    attempt->answer(std::move(outcome));
    // Nothing is left to abort. The transport's abort function may hold this callback, which holds the attempt:
    // keeping it would make a cycle.
    attempt->exchange.setAbort(nullptr);
  });
  attempt->exchange.setAbort(std::move(abort));
  if (attempt->answered) attempt->exchange.setAbort(nullptr);  // answered before send() returned (the same cycle)
}

std::chrono::milliseconds backoffDelay(const RetryPolicy& policy, int attempt) {
  const auto base = (std::max)(std::int64_t{0}, static_cast<std::int64_t>(policy.baseDelay.count()));
  const auto cap = (std::max)(std::int64_t{0}, static_cast<std::int64_t>(policy.maxDelay.count()));
  std::int64_t delay = base;
  for (int i = 1; i < attempt && delay < cap; ++i) delay *= 2;
  return std::chrono::milliseconds((std::min)(delay, cap));
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const std::optional<HttpResponse>& response) {
  if (!response) return std::nullopt;
  const auto value = response->header("retry-after");
  if (!value || value->empty()) return std::nullopt;
  const std::string& text = *value;
  if (!std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) return std::nullopt;
  // Long digit strings would overflow: anything beyond a billion seconds is as good as forever.
  if (text.size() > 9) return std::chrono::milliseconds(std::int64_t{999999999} * 1000);
  return std::chrono::milliseconds(std::strtoll(text.c_str(), nullptr, 10) * 1000);
}

struct RetryLayer::Attempt {
  RestRequestPtr request;
  std::shared_ptr<Operation> op;
  OutcomeCallback done;
  RetryPolicy policy;
  bool idempotent = true;
  int number = 1;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
};

RetryLayer::RetryLayer(std::shared_ptr<RestLayer> next, std::shared_ptr<IoRuntime> runtime, RetryPolicy defaultPolicy,
                       std::function<void(const RetryAttempt&)> onRetry)
    : next_(std::move(next)),
      runtime_(std::move(runtime)),
      defaultPolicy_(defaultPolicy),
      onRetry_(std::move(onRetry)) {}

void RetryLayer::send(RestRequestPtr request, std::shared_ptr<Operation> op, OutcomeCallback done) {
  auto state = std::make_shared<Attempt>();
  state->policy = request->options.retry.value_or(defaultPolicy_);
  // Whether a repeat is safe only matters when one may happen.
  state->idempotent = state->policy.maxAttempts > 1 &&
                      request->options.idempotent.value_or(isIdempotent(request->method, request->path));
  state->request = std::move(request);
  state->op = std::move(op);
  state->done = std::move(done);
  attempt(std::move(state));
}

std::chrono::milliseconds RetryLayer::jittered(std::chrono::milliseconds delay, bool jitter) {
  if (!jitter || delay.count() <= 0) return delay;
  std::lock_guard<std::mutex> lock(rngMutex_);
  std::uniform_int_distribution<std::int64_t> pick(0, delay.count());
  return std::chrono::milliseconds(pick(rng_));
}

void RetryLayer::attempt(std::shared_ptr<Attempt> state) {
  next_->send(state->request, state->op, [this, state](RestOutcome outcome) {
    const bool retryable = outcome.error && state->idempotent && outcome.error->isTransient() &&
                           !state->op->cancelled() && state->number < state->policy.maxAttempts;
    if (!retryable) {
      state->done(std::move(outcome));
      return;
    }
    auto delay = jittered(backoffDelay(state->policy, state->number), state->policy.jitter);
    if (auto retryAfter = parseRetryAfter(outcome.response)) delay = (std::max)(delay, *retryAfter);
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - state->start);
    if (elapsed + delay > state->policy.deadline) {
      state->done(std::move(outcome));
      return;
    }
    if (onRetry_) {
      RetryAttempt report{state->request->operation(), state->number, delay, *outcome.error};
      try {
        onRetry_(report);
      } catch (...) {  // a listener must not break the request
      }
    }
    ++state->number;
    auto timer = runtime_->schedule(delay, [this, state] { attempt(state); });
    state->op->setAbort([timer] { timer->cancel(); });
  });
}

AuthLayer::AuthLayer(std::shared_ptr<RestLayer> next, std::shared_ptr<SessionManager> sessions)
    : next_(std::move(next)), sessions_(std::move(sessions)), basicAuthorization_(sessions_->basicAuthorization()) {}

Error sessionExpired(const Error& cause) {
  Error error{ErrorKind::kSessionExpired,
              "the session is no longer valid and could not be refreshed (" + cause.message + "): authenticate again"};
  error.httpStatus = cause.httpStatus;
  error.grpcCode = cause.grpcCode;
  return error;
}

namespace {
bool isUnauthenticated(const RestOutcome& outcome) {
  return outcome.error && outcome.error->kind == ErrorKind::kServerError && outcome.error->httpStatus == 401;
}

// One session call through the auth layer: sent with the current token, and repeated once with a refreshed one when
// the server rejects that token.
struct SessionCall {
  std::shared_ptr<RestLayer> next;
  std::shared_ptr<SessionManager> sessions;
  RestRequestPtr request;
  std::shared_ptr<Operation> op;
  OutcomeCallback done;

  static void send(const std::shared_ptr<SessionCall>& call) {
    call->next->send(call->request, call->op, [call](RestOutcome outcome) {
      if (!isUnauthenticated(outcome) || call->op->cancelled()) {
        call->done(std::move(outcome));
        return;
      }
      // The attempt has answered: nothing below reads the request now.
      const std::string rejected = call->request->authorization->substr(SessionManager::kBearerPrefix.size());
      call->sessions->recoverFromRejection(rejected, [call](Result<std::string> fresh) {
        if (!fresh.ok()) {
          call->done(RestOutcome{std::nullopt, fresh.error()});
          return;
        }
        call->request->authorization = SessionManager::bearerHeader(*fresh);
        call->next->send(call->request, call->op, [call](RestOutcome retried) {
          if (isUnauthenticated(retried)) retried.error = sessionExpired(*retried.error);
          call->done(std::move(retried));
        });
      });
    });
  }
};
}  // namespace

void AuthLayer::send(RestRequestPtr request, std::shared_ptr<Operation> op, OutcomeCallback done) {
  switch (request->auth) {
    case AuthKind::kNone: next_->send(std::move(request), std::move(op), std::move(done)); return;
    case AuthKind::kServerKey:
      request->authorization = basicAuthorization_;
      next_->send(std::move(request), std::move(op), std::move(done));
      return;
    case AuthKind::kHttpKey:
      request->query.add("http_key", request->httpKey);
      next_->send(std::move(request), std::move(op), std::move(done));
      return;
    case AuthKind::kSession: break;
  }
  auto call =
      std::make_shared<SessionCall>(SessionCall{next_, sessions_, std::move(request), std::move(op), std::move(done)});
  // Nearly always the token is good for a while: no callback to wait for.
  if (sessions_->bearerWithoutRefresh(call->request->authorization)) return SessionCall::send(call);
  sessions_->acquireToken([call](Result<std::string> token) {
    if (!token.ok()) {
      call->done(RestOutcome{std::nullopt, token.error()});
      return;
    }
    call->request->authorization = SessionManager::bearerHeader(*token);
    SessionCall::send(call);
  });
}

}  // namespace nakama::internal
