// The WebSocket transport a socket uses when none is injected: the one ClientOptions::webSocketTransport names.

#include "realtime/ws_transport.h"

namespace nakama::internal {

WsTransportFactory makeWsTransportFactory(WebSocketTransportKind kind, IoRuntime& runtime,
                                          const WsTransportConfig& config) {
  IoRuntime* io = &runtime;
  switch (kind) {
    case WebSocketTransportKind::kWebsocketpp: return [io, config] { return makeWebsocketppTransport(*io, config); };
    case WebSocketTransportKind::kBeast: break;
  }
  return [io, config] { return makeBeastWsTransport(*io, config); };
}

}  // namespace nakama::internal
