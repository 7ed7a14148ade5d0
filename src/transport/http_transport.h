#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nakama/client_options.h"
#include "nakama/internal/move_function.h"
#include "nakama/result.h"
#include "transport/tls_context.h"

namespace nakama::internal {

/// Text shared by reference between the calls that send it: a session's "Bearer <token>" is the same for all of
/// them, so a call copies a pointer instead of the token's bytes (twice: into the REST request and into this one).
using SharedText = std::shared_ptr<const std::string>;
inline SharedText shareText(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

/// What the transports send. Every request carries `Accept: application/json` (and a body `Content-Type:
/// application/json` unless `headers` names another), `Host` and `User-Agent`.
struct HttpRequest {
  std::string method;                                        // "GET", "POST", ...
  std::string target;                                        // path and query, already percent-encoded
  SharedText authorization;                                  // the Authorization header's value; null: none
  std::vector<std::pair<std::string, std::string>> headers;  // any others
  std::string body;
  bool hasBody = false;

  /// The Authorization header's value; empty: send none.
  std::string_view authorizationValue() const { return authorization ? *authorization : std::string_view(); }
};

/// HTTP's optional whitespace: a space or a tab.
inline bool isHttpSpace(char c) { return c == ' ' || c == '\t'; }

/// `text` without the spaces and tabs around it.
inline std::string_view trimHttpSpace(std::string_view text) {
  while (!text.empty() && isHttpSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isHttpSpace(text.back())) text.remove_suffix(1);
  return text;
}

/// Whether two ASCII texts are equal in any case (field names, header values such as "close").
inline bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

struct HttpResponse {
  int status = 0;
  std::string body;

  /// Records a header as received (a repeated name is recorded again).
  void addHeader(std::string_view name, std::string_view value) {
    if (headers_.empty()) headers_.reserve(512);  // a typical answer's headers, without growing step by step
    headers_.append(name.data(), name.size()).append(": ").append(value.data(), value.size()).append("\r\n");
  }
  /// Records header lines as they arrived, each "name: value" and CRLF (checked by the caller).
  void addHeaderLines(std::string_view lines) { headers_.append(lines.data(), lines.size()); }

  /// The value of the header `name` (names match in any case); the values of a repeated header joined with ", ";
  /// nullopt when the answer has none.
  std::optional<std::string> header(std::string_view name) const {
    std::optional<std::string> found;
    std::string_view rest(headers_);
    while (!rest.empty()) {
      const std::size_t end = rest.find("\r\n");
      const std::string_view line = rest.substr(0, end);
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 2);
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos || !equalsIgnoringCase(line.substr(0, colon), name)) continue;
      if (found) {
        found->append(", ");
      } else {
        found.emplace();
      }
      found->append(trimHttpSpace(line.substr(colon + 1)));
    }
    return found;
  }

 private:
  // The header lines in the order received ("name: value" and CRLF each): one string for all of them.
  std::string headers_;
};

/// Aborts an in-flight request; the completion then reports kCancelled (or never runs if it already did).
using AbortFn = MoveFunction<void()>;
/// Receives what one request produced.
using HttpCallback = MoveFunction<void(Result<HttpResponse>)>;

/// Sends HTTP requests. Implementations report a transport failure (TLS refusals and bytes that are not an HTTP
/// answer included) as kConnectionFailed, an answer larger than the configured limit as kBadResponse, and any
/// other HTTP answer (whatever its status) as an HttpResponse; they call `done` exactly once, on any thread.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual AbortFn send(HttpRequest request, HttpCallback done) = 0;
};

struct HttpTransportConfig {
  std::string baseUrl;               // "http://host:port", "https://host:port", IPv6 literals in brackets
  TlsSettings tls;                   // for https://
  std::size_t maxConnections = 8;    // keep-alive connections to the host, idle or in use
  std::size_t maxResponseBytes = 0;  // larger answer bodies fail with kBadResponse; 0 = no limit
};

/// The transport on cpprestsdk's http_client.
std::shared_ptr<HttpTransport> makeCppRestHttpTransport(const HttpTransportConfig& config);

class IoRuntime;
/// The transport on Boost.Beast: HTTP/1.1 keep-alive connections driven by `runtime`'s I/O thread,
/// which must outlive it. Requests beyond `maxConnections` wait for a connection to come free.
std::shared_ptr<HttpTransport> makeBeastHttpTransport(IoRuntime& runtime, const HttpTransportConfig& config);

/// The transport `options.httpTransport` selects, for the server at `baseUrl`; those that do their I/O on
/// the client's I/O thread use `runtime`, which must outlive them.
std::shared_ptr<HttpTransport> makeHttpTransport(const ClientOptions& options, IoRuntime& runtime,
                                                 const std::string& baseUrl);

}  // namespace nakama::internal
