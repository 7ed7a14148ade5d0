#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/codec.h"
#include "core/json.h"
#include "nakama/client_options.h"
#include "transport/http_transport.h"

namespace nakama::internal {

enum class AuthKind {
  kNone,       // healthcheck
  kServerKey,  // Basic <server key>: authenticate, session refresh
  kSession,    // Bearer <session token>
  kHttpKey,    // ?http_key=<runtime http key>: server-to-server RPC
};

/// Query parameters in order; repeated keys are sent as repeats (`?ids=a&ids=b`).
class QueryParams {
 public:
  QueryParams& add(const std::string& key, const std::string& value) {
    params_.emplace_back(key, value);
    return *this;
  }
  QueryParams& add(const std::string& key, bool value) { return add(key, std::string(value ? "true" : "false")); }
  QueryParams& add(const std::string& key, const char* value) { return add(key, std::string(value)); }
  template <class Int, class = std::enable_if_t<std::is_integral_v<Int>>>
  QueryParams& add(const std::string& key, Int value) {
    return add(key, std::to_string(value));
  }
  template <class T>
  QueryParams& addOptional(const std::string& key, const std::optional<T>& value) {
    if (value) add(key, *value);
    return *this;
  }
  QueryParams& addNonEmpty(const std::string& key, const std::string& value) {
    if (!value.empty()) add(key, value);
    return *this;
  }
  QueryParams& addAll(const std::string& key, const std::vector<std::string>& values) {
    for (const auto& value : values) add(key, value);
    return *this;
  }

  bool empty() const { return params_.empty(); }
  const std::vector<std::pair<std::string, std::string>>& params() const { return params_; }
  std::string encode() const {
    std::string out;
    for (const auto& [key, value] : params_) {
      out += out.empty() ? '?' : '&';
      out += percentEncode(key);
      out += '=';
      out += percentEncode(value);
    }
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

/// One REST call, before authentication and retries are applied.
struct RestRequest {
  std::string method = "GET";
  std::string path;  // percent-encoded; build dynamic segments with percentEncode()
  QueryParams query;
  std::optional<Json> json;         // a JSON body, encoded by the HTTP layer (invalid UTF-8: kInvalidArgument)
  std::optional<std::string> body;  // a body sent as is (takes precedence over `json`)
  AuthKind auth = AuthKind::kSession;
  std::string httpKey;       // for AuthKind::kHttpKey
  SharedText authorization;  // Authorization header value, filled in by the auth layers
  CallOptions options;

  std::string operation() const { return method + " " + path; }
};

/// What a REST attempt produced: the HTTP answer when there was one, and an error when it failed
/// (transport failure, timeout, or a non-2xx status already mapped to an Error).
struct RestOutcome {
  std::optional<HttpResponse> response;
  std::optional<Error> error;
};

}  // namespace nakama::internal
