// The HTTP transport a Client uses when none is injected: the one ClientOptions::httpTransport names.

#include "transport/http_transport.h"

namespace nakama::internal {

std::shared_ptr<HttpTransport> makeHttpTransport(const ClientOptions& options, IoRuntime& runtime,
                                                 const std::string& baseUrl) {
  (void)runtime;  // the cpprestsdk transport runs on its own thread pool
  switch (options.httpTransport) {
    case HttpTransportKind::kCppRest:
      return makeCppRestHttpTransport(HttpTransportConfig{baseUrl, options.verifyTlsCertificates});
  }
  return makeCppRestHttpTransport(HttpTransportConfig{baseUrl, options.verifyTlsCertificates});
}

}  // namespace nakama::internal
