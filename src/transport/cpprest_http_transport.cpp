
#include <cpprest/http_client.h>
#include <pplx/pplxtasks.h>

#include "transport/http_transport.h"

namespace nakama::internal {

namespace {

using utility::conversions::to_string_t;
using utility::conversions::to_utf8string;

class CppRestHttpTransport final : public HttpTransport {
 public:
  explicit CppRestHttpTransport(const HttpTransportConfig& config)
      : client_(makeClient(config)), maxResponseBytes_(config.maxResponseBytes) {}

  AbortFn send(HttpRequest request, HttpCallback callback) override {
    pplx::cancellation_token_source cancellation;
    auto done = sharedCopy(std::move(callback));  // pplx copies its continuations
    try {
      // cpprestsdk's strings are utility::string_t (UTF-16 on Windows): convert at the boundary.
      web::http::http_request message(web::http::method(to_string_t(request.method)));
      message.set_request_uri(web::uri(to_string_t(request.target)));
      message.headers().add(to_string_t("Accept"), to_string_t("application/json"));
      if (const auto authorization = request.authorizationValue(); !authorization.empty())
        message.headers().add(to_string_t("Authorization"), to_string_t(std::string(authorization)));
      for (const auto& [name, value] : request.headers) message.headers().add(to_string_t(name), to_string_t(value));
      if (request.hasBody) message.set_body(request.body, "application/json");
      client_.request(message, cancellation.get_token())
          .then([](const web::http::http_response& response) {
            return response.extract_utf8string(true).then([response](const std::string& body) {
              HttpResponse out;
              out.status = response.status_code();
              for (const auto& [name, value] : response.headers())
                out.addHeader(to_utf8string(name), to_utf8string(value));
              out.body = body;
              return out;
            });
          })
          .then([done, limit = maxResponseBytes_](const pplx::task<HttpResponse>& task) {
            Result<HttpResponse> result = [&]() -> Result<HttpResponse> {
              try {
                HttpResponse response = task.get();
                // cpprestsdk reads the whole body before the SDK sees it: the limit is checked afterwards.
                if (limit > 0 && response.body.size() > limit) {
                  return Error{ErrorKind::kBadResponse, "the answer is larger than ClientOptions::maxResponseBytes (" +
                                                            std::to_string(limit) + " bytes)"};
                }
                return response;
              } catch (const pplx::task_canceled&) {
                return Error{ErrorKind::kCancelled, "request aborted"};
              } catch (const std::exception& e) {
                return Error{ErrorKind::kConnectionFailed, e.what()};
              }
            }();
            done(std::move(result));
          });
    } catch (const std::exception& e) {
      done(Error{ErrorKind::kInvalidArgument, std::string("could not build the HTTP request: ") + e.what()});
    }
    return [cancellation]() mutable { cancellation.cancel(); };
  }

 private:
  static web::http::client::http_client makeClient(const HttpTransportConfig& config) {
    web::http::client::http_client_config clientConfig;
    // Per-request timeouts are enforced above the transport; this only bounds a stuck connection.
    clientConfig.set_timeout(std::chrono::seconds(600));
    clientConfig.set_validate_certificates(config.tls.verify);
#if !defined(_WIN32)
    // cpprestsdk verifies with Asio here (system roots, chain and host name): add the SDK's CA bundle to its
    // context. On Windows it uses WinHTTP and the system store, and a CA bundle is not supported.
    if (config.tls.verify && (!config.tls.caBundlePem.empty() || !config.tls.caBundleFile.empty())) {
      const TlsSettings tls = config.tls;
      clientConfig.set_ssl_context_callback(
          [tls](boost::asio::ssl::context& context) { configureTlsClient(context, tls); });
    }
#endif
    return web::http::client::http_client(web::uri(to_string_t(config.baseUrl)), clientConfig);
  }

  web::http::client::http_client client_;
  std::size_t maxResponseBytes_ = 0;
};

}  // namespace

std::shared_ptr<HttpTransport> makeCppRestHttpTransport(const HttpTransportConfig& config) {
  return std::make_shared<CppRestHttpTransport>(config);
}

}  // namespace nakama::internal
