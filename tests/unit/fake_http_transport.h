#pragma once

// A scriptable HttpTransport: each request is handed to `handler`, which answers at once, later
// (keep the callback), or never (to exercise timeouts and cancellation).

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "rest/rest_request.h"
#include "transport/http_transport.h"

namespace nakama::test {

class FakeHttpTransport : public internal::HttpTransport {
 public:
  using Done = std::function<void(Result<internal::HttpResponse>)>;
  using Handler = std::function<void(const internal::HttpRequest&, Done)>;

  explicit FakeHttpTransport(Handler handler) : handler_(std::move(handler)) {}

  internal::AbortFn send(internal::HttpRequest request, internal::HttpCallback callback) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(request);
    }
    // Handlers keep and copy the callback at will: every copy reaches the SDK's one.
    Done done = internal::sharedCopy(std::move(callback));
    // Nothing of this transport is used once the handler has run: a handler that answers at once lets the caller
    // destroy the client and this transport before send() returns. The abort holds the counter, not the transport.
    auto aborts = aborts_;
    const Handler handler = handler_;
    handler(request, done);
    return [aborts = std::move(aborts), done] {
      ++*aborts;
      done(Error{ErrorKind::kCancelled, "aborted"});
    };
  }

  int aborts() const { return aborts_->load(); }

  std::vector<internal::HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

 private:
  std::shared_ptr<std::atomic<int>> aborts_ = std::make_shared<std::atomic<int>>(0);
  Handler handler_;
  mutable std::mutex mutex_;
  std::vector<internal::HttpRequest> requests_;
};

inline internal::HttpResponse httpResponse(int status, std::string body,
                                           std::vector<std::pair<std::string, std::string>> headers = {}) {
  internal::HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  for (const auto& [name, value] : headers) response.addHeader(name, value);
  return response;
}

inline std::string header(const internal::HttpRequest& request, const std::string& name) {
  if (name == "Authorization") return std::string(request.authorizationValue());
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return {};
}

/// An unsigned JWT with the given claims (the SDK never checks signatures).
std::string makeJwt(const std::string& userId, const std::string& username, std::int64_t expiresEpochSeconds,
                    const std::map<std::string, std::string>& vars = {});

/// A token pair expiring `sessionSeconds` / `refreshSeconds` from now, as a Session answer body.
std::string sessionBody(const std::string& userId, std::int64_t sessionSeconds, std::int64_t refreshSeconds,
                        const std::string& tag = "");

/// `GET /healthcheck` without credentials: the simplest request for pipeline and threading tests.
inline internal::RestRequest healthcheck() {
  internal::RestRequest request;
  request.path = "/healthcheck";
  request.auth = internal::AuthKind::kNone;
  return request;
}

/// A transport answering every request at once, on the calling thread, with `status` and "{}".
inline std::shared_ptr<FakeHttpTransport> answering(int status) {
  return std::make_shared<FakeHttpTransport>([status](const auto&, auto done) { done(httpResponse(status, "{}")); });
}

/// A transport that never answers (timeouts, cancellation, shutdown).
inline std::shared_ptr<FakeHttpTransport> silent() {
  return std::make_shared<FakeHttpTransport>([](const auto&, auto) {});
}

}  // namespace nakama::test
