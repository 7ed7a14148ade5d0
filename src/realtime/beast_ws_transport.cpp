// The default WebSocket transport, on Boost.Beast, running on the SDK's I/O thread.
// With the stream layer under it (realtime/coalescing_stream.h), the only realtime code that includes Beast.

#include <atomic>
#include <deque>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "core/log.h"
#include "core/runtime.h"
#include "realtime/coalescing_stream.h"
#include "realtime/ws_transport.h"
#include "transport/tls_stream.h"

namespace nakama::internal {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr int kNoStatusClose = 1005;
constexpr int kAbnormalClose = 1006;

// The parts of a ws:// or wss:// URL a connection needs.
struct WsUrl {
  bool secure = false;
  std::string host;        // without the brackets of an IPv6 literal: what the resolver and TLS see
  std::string hostHeader;  // the Host header: host (bracketed if IPv6) and the port when it is not the default
  std::string port;
  std::string target;  // path and query
  std::string name;    // scheme://host:port/path, for messages (never the query: it holds the session token)
};

std::optional<WsUrl> parseWsUrl(const std::string& url, std::string& error) {
  WsUrl out;
  const auto schemeEnd = url.find("://");
  const std::string scheme = schemeEnd == std::string::npos ? "" : url.substr(0, schemeEnd);
  if (scheme == "wss") {
    out.secure = true;
  } else if (scheme != "ws") {
    error = "the scheme must be ws:// or wss://";
    return std::nullopt;
  }
  const auto authorityStart = schemeEnd + 3;
  const auto authorityEnd = url.find_first_of("/?#", authorityStart);
  const std::string authority = url.substr(authorityStart, authorityEnd - authorityStart);
  std::string portText;
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    const auto close = authority.find(']');
    if (close == std::string::npos) {
      error = "unterminated IPv6 address";
      return std::nullopt;
    }
    out.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') {
        error = "unexpected characters after the IPv6 address";
        return std::nullopt;
      }
      portText = authority.substr(close + 2);
    }
  } else {
    const auto colon = authority.find(':');
    out.host = authority.substr(0, colon);
    if (colon != std::string::npos) portText = authority.substr(colon + 1);
  }
  if (out.host.empty()) {
    error = "no host";
    return std::nullopt;
  }
  const char* defaultPort = out.secure ? "443" : "80";
  if (portText.empty()) portText = defaultPort;
  if (portText.size() > 5 || portText.find_first_not_of("0123456789") != std::string::npos || std::stoi(portText) < 1 ||
      std::stoi(portText) > 65535) {
    error = "invalid port '" + portText + "'";
    return std::nullopt;
  }
  out.port = portText;
  const std::string bracketed = out.host.find(':') != std::string::npos ? "[" + out.host + "]" : out.host;
  out.hostHeader = portText == defaultPort ? bracketed : bracketed + ":" + portText;

  std::string rest = authorityEnd == std::string::npos ? "" : url.substr(authorityEnd);
  rest = rest.substr(0, rest.find('#'));
  if (rest.empty() || rest.front() != '/') rest.insert(0, "/");
  out.target = rest;
  out.name = scheme + "://" + bracketed + ":" + portText + rest.substr(0, rest.find('?'));
  return out;
}

// One connection attempt. Every Beast call happens on the io_context's thread (posted there), so the
// members below need no lock, except closeRequested_, which close() sets from any thread so that nothing is
// reported once it has returned. Each pending operation owns a reference to this object.
template <bool kSecure>
class BeastWsTransport final : public WsTransport, public std::enable_shared_from_this<BeastWsTransport<kSecure>> {
 public:
  using Stream = CoalescingStream<std::conditional_t<kSecure, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>>;

  BeastWsTransport(asio::io_context& io, WsTransportConfig config)
      : io_(io),
        config_(config),
        tls_(makeTlsContext(config_, configError_)),
        resolver_(io),
        deadline_(io),
        ws_(makeStream()) {}

  void connect(const std::string& url, const WsHeaders& headers, Handlers handlers) override {
    auto self = this->shared_from_this();
    asio::post(io_, [self, url, headers, handlers = std::move(handlers)]() mutable {
      self->doConnect(url, headers, std::move(handlers));
    });
  }

  void send(std::string text) override {
    // dispatch: on the I/O thread (a kIoThread handler, a timer) it runs at once, sparing a post per message.
    auto self = this->shared_from_this();
    asio::dispatch(io_, [self, text = std::move(text)]() mutable { self->enqueue(std::move(text)); });
  }

  void close(int code, const std::string& reason) override {
    closeRequested_ = true;
    auto self = this->shared_from_this();
    asio::post(io_, [self, code, reason] { self->doClose(code, reason); });
  }

 private:
  // The context shared with the client's other TLS connections; a bundle that cannot be used is reported
  // by doConnect() (the stream still needs a context, which then never handshakes).
  static std::shared_ptr<asio::ssl::context> makeTlsContext(const WsTransportConfig& config, std::string& error) {
    std::shared_ptr<asio::ssl::context> context;
    if (kSecure) context = sharedTlsClientContext(config.tls, error);
    return context ? context : std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
  }

  Stream makeStream() {
    if constexpr (kSecure) {
      return Stream(io_, *tls_);
    } else {
      return Stream(io_);
    }
  }

  tcp::socket& socket() { return beast::get_lowest_layer(ws_).socket(); }

  void enqueue(std::string text) {
    if (!opened_ || finished_ || closed_) return;
    outgoing_.push_back(std::move(text));
    if (!writing_) writeNext();
  }

  bool silenced() const { return closed_ || closeRequested_; }

  void doConnect(const std::string& url, const WsHeaders& headers, Handlers handlers) {
    handlers_ = std::move(handlers);
    if (closed_) return;
    std::string error;
    auto parsed = parseWsUrl(url, error);
    if (parsed && parsed->secure != kSecure) error = kSecure ? "expected a wss:// URL" : "expected a ws:// URL";
    if (!error.empty()) {
      fail(WsFailure{std::nullopt, "invalid WebSocket URL: " + error, false});
      return;
    }
    if (!configError_.empty()) {
      fail(WsFailure{std::nullopt, configError_, false});
      return;
    }
    url_ = std::move(*parsed);
    // Frames sent while received messages are still being handled leave together (the stream is ours: `this`
    // outlives it).
    ws_.next_layer().configure(this->shared_from_this(), [this] { return std::exchange(receivedSinceFlush_, 0) > 0; });

    ws_.set_option(websocket::stream_base::decorator([headers](websocket::request_type& request) {
      request.set(beast::http::field::user_agent, "nakama-cpp-sdk");
      for (const auto& [name, value] : headers) request.set(name, value);
    }));
    // The closing handshake gets the connect timeout too; a live connection has no idle timeout (the
    // socket's own heartbeat decides when a silent server is gone).
    websocket::stream_base::timeout timeouts;
    timeouts.handshake_timeout = config_.connectTimeout;
    timeouts.idle_timeout = websocket::stream_base::none();
    timeouts.keep_alive_pings = false;
    ws_.set_option(timeouts);
    ws_.read_message_max(config_.maxFrameBytes);  // 0 = no limit
    ws_.auto_fragment(false);
    ws_.text(true);
    // A server that drops the TCP connection right after its close frame makes Beast's teardown fail: the
    // frame's code must still be reported. (`this` outlives the callback: the read that calls it holds it.)
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::close) peerClosed_ = true;
    });
    // Nakama drops connections that do not answer its PING control frames: Beast answers them itself.

    auto self = this->shared_from_this();
    deadline_.expires_after(config_.connectTimeout);
    deadline_.async_wait([self](const error_code& ec) {
      if (ec || self->opened_ || self->finished_) return;
      self->timedOut_ = true;
      self->abort();
    });
    resolver_.async_resolve(url_.host, url_.port, [self](const error_code& ec, tcp::resolver::results_type results) {
      if (ec) return self->connectFailed(ec);
      beast::get_lowest_layer(self->ws_).async_connect(results, [self](const error_code& ec2, const tcp::endpoint&) {
        if (ec2) return self->connectFailed(ec2);
        self->afterTcpConnect();
      });
    });
  }

  void afterTcpConnect() {
    if (closed_) return;
    auto self = this->shared_from_this();
    if constexpr (kSecure) {
      auto& tls = ws_.next_layer().next_layer();
      if (!prepareTlsClientStream(tls, url_.host, config_.tls.verify, tlsReport_)) {
        return fail(WsFailure{std::nullopt, "could not connect to " + url_.name + ": could not set the TLS server name",
                              false});
      }
      tls.async_handshake(asio::ssl::stream_base::client, [self](const error_code& ec) {
        if (ec) return self->connectFailed(ec);
        self->upgrade();
      });
    } else {
      upgrade();
    }
  }

  void upgrade() {
    if (closed_) return;
    auto self = this->shared_from_this();
    ws_.async_handshake(response_, url_.hostHeader, url_.target, [self](const error_code& ec) {
      if (ec) return self->connectFailed(ec);
      self->opened();
    });
  }

  void opened() {
    deadline_.cancel();
    opened_ = true;
    if (closed_) return;  // close() came as the handshake finished: the socket is already shut
    if (!silenced() && handlers_.onOpen) handlers_.onOpen();
    readNext();
  }

  void connectFailed(const error_code& ec) {
    WsFailure failure;
    const int status = static_cast<int>(response_.result_int());  // 200 until a response was read
    if (ec == websocket::error::upgrade_declined) {
      failure.httpStatus = status;
      failure.message = "the server refused the WebSocket upgrade with HTTP " + std::to_string(status);
      const std::string& body = response_.body();
      if (!body.empty()) failure.message += ": " + redactSecrets(body.substr(0, 200));
      while (!failure.message.empty() && (failure.message.back() == '\n' || failure.message.back() == '\r'))
        failure.message.pop_back();
    } else {
      failure.timedOut = timedOut_ || ec == beast::error::timeout;
      // Prefer the most specific reason: the timeout, TLS verification, then the error itself.
      const std::string reason = failure.timedOut ? std::string("timed out")
                                 : !tlsReport_->reason.empty()
                                     ? "TLS certificate verification failed: " + tlsReport_->reason
                                     : ec.message();
      failure.message = "could not connect to " + url_.name + ": " + reason;
    }
    fail(std::move(failure));
  }

  void fail(WsFailure failure) {
    deadline_.cancel();
    if (finished_) return;
    finished_ = true;
    if (!silenced() && handlers_.onFail) handlers_.onFail(std::move(failure));
  }

  void readNext() {
    auto self = this->shared_from_this();
    ws_.async_read(incoming_, [self](const error_code& ec, std::size_t) {
      const IoRuntime::HandlerScope scope;  // callbacks of kIoThread clients run at its end, as REST answers' do
      if (ec) return self->ended(ec);
      std::string text = beast::buffers_to_string(self->incoming_.data());
      self->incoming_.consume(self->incoming_.size());
      if (self->finished_) return;
      ++self->receivedSinceFlush_;
      if (!self->silenced() && self->handlers_.onMessage) self->handlers_.onMessage(std::move(text));
      self->readNext();
    });
  }

  void writeNext() {
    writing_ = true;
    auto self = this->shared_from_this();
    ws_.async_write(asio::buffer(outgoing_.front()), [self](const error_code& ec, std::size_t) {
      self->writing_ = false;
      self->outgoing_.pop_front();
      if (ec) {
        // The connection is broken: make the pending read see it too, so that the close is reported.
        if (self->dropReason_.empty()) self->dropReason_ = ec.message();
        self->abort();
        return;
      }
      if (self->pendingClose_) {
        auto [code, reason] = *self->pendingClose_;
        self->pendingClose_.reset();
        self->sendClose(code, reason);
      } else if (!self->outgoing_.empty() && !self->closed_) {
        self->writeNext();
      }
    });
  }

  // The read loop ended: the peer's close frame, or a broken connection.
  void ended(const error_code& ec) {
    if (finished_) return;
    finished_ = true;
    int code = kAbnormalClose;
    std::string reason;
    if (ec == websocket::error::message_too_big) {  // Beast has sent the server a 1009 close frame
      code = static_cast<int>(websocket::close_code::too_big);
      reason = "the server sent a message larger than ClientOptions::maxFrameBytes (" +
               std::to_string(config_.maxFrameBytes) + " bytes)";
      abort();
    } else if (ec == websocket::error::closed || peerClosed_) {  // the close frame came, even if the teardown failed
      code = ws_.reason().code == websocket::close_code::none ? kNoStatusClose : static_cast<int>(ws_.reason().code);
      reason = std::string(ws_.reason().reason.data(), ws_.reason().reason.size());
    } else {
      reason = !dropReason_.empty() ? dropReason_ : ec.message();
      abort();
    }
    if (!silenced() && handlers_.onClose) handlers_.onClose(code, reason);
  }

  void doClose(int code, const std::string& reason) {
    if (closed_) return;
    closed_ = true;
    // Unsent messages are dropped, but not the one being written: the write still reads its buffer, and
    // its completion removes it.
    if (writing_ && !outgoing_.empty()) {
      outgoing_.erase(std::next(outgoing_.begin()), outgoing_.end());
    } else {
      outgoing_.clear();
    }
    if (finished_) return;
    if (!opened_) {
      abort();  // still connecting: the pending step fails, and that is no longer reported
      return;
    }
    if (writing_) {
      pendingClose_ = std::make_pair(code, reason);  // one write at a time: the close frame goes next
      return;
    }
    sendClose(code, reason);
  }

  void sendClose(int code, const std::string& reason) {
    auto self = this->shared_from_this();
    websocket::close_reason frame;
    frame.code = static_cast<std::uint16_t>(code);
    frame.reason = reason.substr(0, 123);  // the most a close frame carries
    // Beast waits for the server's close frame (within the handshake timeout), then shuts the socket down.
    ws_.async_close(frame, [self](const error_code& ec) {
      if (ec) self->abort();
    });
  }

  // Stops whatever is in flight: pending operations complete with an error.
  void abort() {
    deadline_.cancel();
    resolver_.cancel();
    error_code ignored;
    socket().shutdown(tcp::socket::shutdown_both, ignored);
    socket().close(ignored);
  }

  asio::io_context& io_;
  WsTransportConfig config_;
  std::string configError_;                  // the CA bundle could not be used
  std::shared_ptr<asio::ssl::context> tls_;  // unused by plain connections
  tcp::resolver resolver_;
  asio::steady_timer deadline_;
  websocket::stream<Stream> ws_;
  websocket::response_type response_;
  beast::flat_buffer incoming_;
  std::deque<std::string> outgoing_;
  std::optional<std::pair<int, std::string>> pendingClose_;
  WsUrl url_;
  Handlers handlers_;
  std::shared_ptr<TlsVerifyReport> tlsReport_ = std::make_shared<TlsVerifyReport>();
  std::string dropReason_;  // why a write failed
  std::atomic<bool> closeRequested_{false};
  std::size_t receivedSinceFlush_ = 0;  // messages read since the stream layer last asked
  bool peerClosed_ = false;             // the server's close frame arrived
  bool writing_ = false;
  bool timedOut_ = false;
  bool opened_ = false;
  bool finished_ = false;  // onFail or onClose happened
  bool closed_ = false;    // close() reached the I/O thread: report nothing more
};

}  // namespace

std::shared_ptr<WsTransport> makeBeastWsTransport(IoRuntime& runtime, const WsTransportConfig& config) {
  if (config.secure) return std::make_shared<BeastWsTransport<true>>(runtime.context(), config);
  return std::make_shared<BeastWsTransport<false>>(runtime.context(), config);
}

}  // namespace nakama::internal
