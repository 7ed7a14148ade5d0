// The WebSocket transport a socket uses when none is injected: the one ClientOptions::webSocketTransport names.

#include <stdexcept>

#include "realtime/ws_transport.h"

namespace nakama::internal {

WsTransportFactory makeWsTransportFactory(WebSocketTransportKind kind, IoRuntime& runtime,
                                          const WsTransportConfig& config) {
  IoRuntime* io = &runtime;
  switch (kind) {
    case WebSocketTransportKind::kWebsocketpp:
#if NAKAMA_HAS_WEBSOCKETPP
      return [io, config] { return makeWebsocketppTransport(*io, config); };
#else
      // A transport this build left out: each connection attempt fails with kInvalidArgument (no retries).
      return []() -> std::shared_ptr<WsTransport> {
        throw std::invalid_argument(
            "WebSocketTransportKind::kWebsocketpp is not available: this SDK was built with "
            "NAKAMA_WITH_WEBSOCKETPP=OFF");
      };
#endif
    case WebSocketTransportKind::kBeast: break;
  }
  return [io, config] { return makeBeastWsTransport(*io, config); };
}

}  // namespace nakama::internal
