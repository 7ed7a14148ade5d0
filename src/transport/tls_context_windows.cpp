// Windows only: the system root certificates come from the CryptoAPI "ROOT" store (OpenSSL has no default
// paths there) and are copied into the OpenSSL context, so that https:// and wss:// trust what the
// platform trusts. Links with crypt32.

#ifdef _WIN32

#ifndef NOMINMAX
#define NOMINMAX
#endif
// windows.h first, in its own block so that include sorting keeps it there: wincrypt.h needs its types.
#include <windows.h>

#include <wincrypt.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <boost/asio/ssl/context.hpp>

#include "transport/tls_context.h"

namespace nakama::internal {

bool addSystemRoots(boost::asio::ssl::context& context) {
  HCERTSTORE store = CertOpenSystemStoreW(0, L"ROOT");
  if (!store) return false;
  X509_STORE* target = SSL_CTX_get_cert_store(context.native_handle());
  bool added = false;
  PCCERT_CONTEXT certificate = nullptr;
  while ((certificate = CertEnumCertificatesInStore(store, certificate)) != nullptr) {
    const unsigned char* der = certificate->pbCertEncoded;
    X509* x509 = d2i_X509(nullptr, &der, static_cast<long>(certificate->cbCertEncoded));
    if (!x509) continue;  // a certificate OpenSSL cannot read is skipped, not fatal
    if (X509_STORE_add_cert(target, x509) == 1) added = true;
    X509_free(x509);
  }
  CertCloseStore(store, 0);
  return added;
}

}  // namespace nakama::internal

#endif  // _WIN32
