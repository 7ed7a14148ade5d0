// ClientOptions' transport kinds in builds with and without the optional transports (NAKAMA_WITH_CPPREST,
// NAKAMA_WITH_WEBSOCKETPP): a transport the build left out fails with kInvalidArgument, never silently.

#include <gtest/gtest.h>

#include <stdexcept>

#include "realtime/ws_transport.h"
#include "rest/client_core.h"

namespace nakama {
namespace {

using internal::AuthKind;
using internal::ClientCore;
using internal::RestRequest;

TEST(TransportSelection, CppRestHttpTransport) {
  ClientOptions options;
  options.host = "127.0.0.1";
  options.port = 1;  // nothing listens there
  options.retry.maxAttempts = 1;
  options.httpTransport = HttpTransportKind::kCppRest;
  RestRequest request;
  request.path = "/healthcheck";
  request.auth = AuthKind::kNone;
  auto result = ClientCore::create(options)->callVoid(request).get();
  ASSERT_FALSE(result.ok());
#if NAKAMA_HAS_CPPREST
  EXPECT_EQ(result.error().kind, ErrorKind::kConnectionFailed) << result.error().message;
#else
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_NE(result.error().message.find("NAKAMA_WITH_CPPREST=OFF"), std::string::npos) << result.error().message;
#endif
}

TEST(TransportSelection, WebsocketppTransport) {
  auto core = ClientCore::create(ClientOptions{});
  auto factory = internal::makeWsTransportFactory(WebSocketTransportKind::kWebsocketpp, *core->runtime(),
                                                  internal::WsTransportConfig{});
#if NAKAMA_HAS_WEBSOCKETPP
  EXPECT_NE(factory(), nullptr);
#else
  EXPECT_THROW(factory(), std::invalid_argument);  // the socket reports it as kInvalidArgument
#endif
}

}  // namespace
}  // namespace nakama
