#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "nakama/client_options.h"
#include "nakama/result.h"
#include "transport/tls_context.h"

namespace nakama::internal {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query, already percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool hasBody = false;
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

/// Aborts an in-flight request; the completion then reports kCancelled (or never runs if it already did).
using AbortFn = std::function<void()>;

/// Sends HTTP requests. Implementations report a transport failure (TLS refusals included) as kConnectionFailed,
/// an answer larger than the configured limit as kBadResponse, and any other HTTP
/// answer (whatever its status) as an HttpResponse; they call `done` exactly once, on any thread.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual AbortFn send(HttpRequest request, std::function<void(Result<HttpResponse>)> done) = 0;
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
