// The HTTP transport a Client uses when none is injected: the one ClientOptions::httpTransport names.

#include "transport/http_transport.h"

namespace nakama::internal {

namespace {

#if !NAKAMA_HAS_CPPREST
// Stands in for a transport this build left out (NAKAMA_WITH_CPPREST=OFF): every request fails at once.
class UnavailableHttpTransport final : public HttpTransport {
 public:
  AbortFn send(HttpRequest, HttpCallback done) override {
    done(Error{ErrorKind::kInvalidArgument,
               "HttpTransportKind::kCppRest is not available: this SDK was built with NAKAMA_WITH_CPPREST=OFF"});
    return [] {};
  }
};
#endif

}  // namespace

std::shared_ptr<HttpTransport> makeHttpTransport(const ClientOptions& options, IoRuntime& runtime,
                                                 const std::string& baseUrl) {
  HttpTransportConfig config;
  config.baseUrl = baseUrl;
  config.tls = TlsSettings::from(options);
  config.maxResponseBytes = options.maxResponseBytes;
  config.maxConnections = options.maxHttpConnections;
  switch (options.httpTransport) {
    case HttpTransportKind::kBeast: return makeBeastHttpTransport(runtime, config);
    case HttpTransportKind::kCppRest:
#if NAKAMA_HAS_CPPREST
      return makeCppRestHttpTransport(config);  // its own thread pool
#else
      return std::make_shared<UnavailableHttpTransport>();
#endif
  }
  return makeBeastHttpTransport(runtime, config);
}

}  // namespace nakama::internal
