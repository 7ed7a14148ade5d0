#pragma once

// The one TLS trust model of the SDK, shared by every transport (REST and realtime, Beast, websocketpp and,
// where it allows, cpprestsdk): verify the server's certificate chain and host name unless the game turned
// verification off; trust the platform's root certificates plus the CA bundle of ClientOptions.

#include <memory>
#include <string>

#include "nakama/client_options.h"

namespace boost::asio::ssl {
class context;
}

namespace nakama::internal {

/// What a TLS connection trusts (taken from ClientOptions).
struct TlsSettings {
  bool verify = true;        ///< Check the certificate chain and the host name.
  std::string caBundlePem;   ///< PEM certificates trusted in addition to the system roots.
  std::string caBundleFile;  ///< A PEM file of certificates trusted in addition to the system roots.

  static TlsSettings from(const ClientOptions& options);
};

/// Sets `context` up as a TLS client per `settings`: no SSLv2/v3, peer verification when `settings.verify`,
/// the platform's roots and the CA bundle. Returns why the CA bundle could not be used (empty on success).
std::string configureTlsClient(boost::asio::ssl::context& context, const TlsSettings& settings);

/// A client context for `settings`, built once and shared while anybody holds it (REST and realtime of a
/// client use the same one; building it may load the whole system store). Null, with `error` set, when the
/// CA bundle cannot be used.
std::shared_ptr<boost::asio::ssl::context> sharedTlsClientContext(const TlsSettings& settings, std::string& error);

/// Adds the platform's root certificates to `context`: OpenSSL's default paths, or on Windows the system
/// "ROOT" store (tls_context_windows.cpp). False when the platform has none OpenSSL can use.
bool addSystemRoots(boost::asio::ssl::context& context);

/// Why the server certificate was refused, filled in by the verify callback that prepareTlsClientStream installs.
struct TlsVerifyReport {
  std::string reason;
};

}  // namespace nakama::internal
