// The HTTP transport a Client uses when none is injected: the one ClientOptions::httpTransport names.

#include "transport/http_transport.h"

namespace nakama::internal {

std::shared_ptr<HttpTransport> makeHttpTransport(const ClientOptions& options, IoRuntime& runtime,
                                                 const std::string& baseUrl) {
  HttpTransportConfig config;
  config.baseUrl = baseUrl;
  config.tls = TlsSettings::from(options);
  config.maxResponseBytes = options.maxResponseBytes;
  switch (options.httpTransport) {
    case HttpTransportKind::kBeast: return makeBeastHttpTransport(runtime, config);
    case HttpTransportKind::kCppRest: return makeCppRestHttpTransport(config);  // its own thread pool
  }
  return makeBeastHttpTransport(runtime, config);
}

}  // namespace nakama::internal
