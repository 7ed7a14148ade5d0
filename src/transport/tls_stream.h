#pragma once

// Per-connection TLS setup shared by the Beast transports: SNI and host-name verification.

#include <memory>
#include <string>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/asio/ssl/verify_context.hpp>
#include <boost/asio/ssl/verify_mode.hpp>

#include "transport/tls_context.h"

namespace nakama::internal {

/// Prepares a TLS stream for the handshake with `host`: sends SNI (host names only, never address literals)
/// and, when `verify`, checks the chain and that the certificate names `host`, recording why it refused
/// in `report`. Returns false when SNI could not be set.
template <class SslStream>
bool prepareTlsClientStream(SslStream& stream, const std::string& host, bool verify,
                            const std::shared_ptr<TlsVerifyReport>& report) {
  boost::system::error_code notAddress;
  boost::asio::ip::make_address(host, notAddress);
  if (notAddress && !SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) return false;
  if (!verify) {
    stream.set_verify_mode(boost::asio::ssl::verify_none);
    return true;
  }
  stream.set_verify_mode(boost::asio::ssl::verify_peer);
  boost::asio::ssl::host_name_verification checkHost(host);
  stream.set_verify_callback([checkHost, report](bool preverified, boost::asio::ssl::verify_context& ctx) {
    const bool ok = checkHost(preverified, ctx);
    if (!ok && report->reason.empty()) {
      report->reason = preverified ? std::string("the certificate does not match the host name")
                                   : X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.native_handle()));
    }
    return ok;
  });
  return true;
}

}  // namespace nakama::internal
