#include "transport/tls_context.h"

#include <iterator>
#include <map>
#include <mutex>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/context.hpp>

namespace nakama::internal {

namespace ssl = boost::asio::ssl;

TlsSettings TlsSettings::from(const ClientOptions& options) {
  TlsSettings settings;
  settings.verify = options.verifyTlsCertificates;
  settings.caBundlePem = options.caBundlePem;
  settings.caBundleFile = options.caBundleFile;
  return settings;
}

#ifndef _WIN32
// Linux distributions, macOS (with a Homebrew or system OpenSSL) and BSDs keep their roots where OpenSSL's
// default paths point. iOS and Android have no such files: games there ship a CA bundle (caBundlePem).
bool addSystemRoots(ssl::context& context) {
  boost::system::error_code error;
  context.set_default_verify_paths(error);
  return !error;
}
#endif

std::string configureTlsClient(ssl::context& context, const TlsSettings& settings) {
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3);
  if (!settings.verify) {
    context.set_verify_mode(ssl::verify_none);
    return {};
  }
  context.set_verify_mode(ssl::verify_peer);
  addSystemRoots(context);  // where there are none, the CA bundle is all there is
  boost::system::error_code error;
  if (!settings.caBundlePem.empty()) {
    context.add_certificate_authority(boost::asio::buffer(settings.caBundlePem), error);
    if (error) return "ClientOptions::caBundlePem holds no usable PEM certificate (" + error.message() + ")";
  }
  if (!settings.caBundleFile.empty()) {
    context.load_verify_file(settings.caBundleFile, error);
    if (error) return "could not load the CA bundle file '" + settings.caBundleFile + "' (" + error.message() + ")";
  }
  return {};
}

std::shared_ptr<ssl::context> sharedTlsClientContext(const TlsSettings& settings, std::string& error) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<ssl::context>> cache;
  const std::string key = settings.verify ? "verify\n" + settings.caBundleFile + "\n" + settings.caBundlePem : "none";
  std::lock_guard<std::mutex> lock(mutex);
  for (auto it = cache.begin(); it != cache.end();) {  // forget the contexts nobody uses any more
    it = it->second.expired() ? cache.erase(it) : std::next(it);
  }
  if (auto found = cache.find(key); found != cache.end()) {
    if (auto context = found->second.lock()) return context;
  }
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  error = configureTlsClient(*context, settings);
  if (!error.empty()) return nullptr;
  cache[key] = context;
  return context;
}

}  // namespace nakama::internal
