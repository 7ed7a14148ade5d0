// The session token parser (Session::restore: JWT, base64url, claims), saved sessions
// (Session::deserialize), and the text codecs they use (base64, RFC 3339 timestamps).

#include "core/codec.h"
#include "fuzz_common.h"
#include "nakama/session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nakama;
  const std::string input = fuzz::text(data, size);
  // "token\nrefresh token" (the refresh token is optional).
  const auto newline = input.find('\n');
  const std::string token = input.substr(0, newline);
  const std::string refresh = newline == std::string::npos ? std::string() : input.substr(newline + 1);
  auto session = Session::restore(token, refresh);
  if (session.ok()) {
    (void)session->isExpired();
    auto again = Session::deserialize(session->serialize());
    (void)again;
  }
  (void)Session::deserialize(input);
  (void)internal::base64Decode(input);
  (void)internal::parseTimestamp(input);
  return 0;
}
