#pragma once

// The WebSocket seen by RtSocketImpl: one object per connection attempt. The production implementations run on
// the IoRuntime's io_context: Boost.Beast (the default, beast_ws_transport.cpp) and websocketpp
// (wspp_transport.cpp); unit tests inject fakes.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nakama/client_options.h"
#include "transport/tls_context.h"

namespace nakama::internal {

class IoRuntime;

/// Why a connection attempt failed before the WebSocket opened.
struct WsFailure {
  std::optional<int> httpStatus;  ///< The server answered the upgrade request with this status.
  std::string message;
  bool timedOut = false;
};

using WsHeaders = std::vector<std::pair<std::string, std::string>>;

class WsTransport {
 public:
  struct Handlers {
    std::function<void()> onOpen;
    std::function<void(std::string text)> onMessage;            ///< A text frame.
    std::function<void(int code, std::string reason)> onClose;  ///< After onOpen: the connection ended.
    std::function<void(WsFailure failure)> onFail;              ///< Before onOpen: the attempt failed.
  };

  virtual ~WsTransport() = default;

  /// Starts connecting. Exactly one of onFail, or onOpen followed (eventually) by onClose, is reported,
  /// unless close() was called first, after which nothing more needs to be reported. Handlers are
  /// called one at a time, never from inside connect()/send()/close().
  virtual void connect(const std::string& url, const WsHeaders& headers, Handlers handlers) = 0;
  /// Queues a text frame (dropped when the connection is not open; its loss shows up as onClose).
  virtual void send(std::string text) = 0;
  /// Closes the connection (or aborts the attempt). Nothing needs to be reported afterwards.
  virtual void close(int code, const std::string& reason) = 0;
};

using WsTransportFactory = std::function<std::shared_ptr<WsTransport>()>;

struct WsTransportConfig {
  bool secure = false;  ///< wss:// (TLS)
  TlsSettings tls;      ///< for wss://
  std::chrono::milliseconds connectTimeout{10000};
  std::size_t maxFrameBytes = 0;  ///< a larger incoming message closes the connection with 1009; 0 = no limit
};

/// Boost.Beast transport (ws://, or wss:// when `config.secure`), running on `runtime`'s io_context.
/// The runtime must outlive the transport.
std::shared_ptr<WsTransport> makeBeastWsTransport(IoRuntime& runtime, const WsTransportConfig& config);

/// websocketpp transport (ws://, or wss:// when `config.secure`), running on `runtime`'s io_context.
/// The runtime must outlive the transport.
std::shared_ptr<WsTransport> makeWebsocketppTransport(IoRuntime& runtime, const WsTransportConfig& config);

/// Makes the transports `kind` names, one per connection attempt, on `runtime` (which must outlive them).
WsTransportFactory makeWsTransportFactory(WebSocketTransportKind kind, IoRuntime& runtime,
                                          const WsTransportConfig& config);

}  // namespace nakama::internal
