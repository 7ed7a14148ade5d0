// The production WebSocket transport, on websocketpp + Boost.Asio, running on the SDK's I/O thread.
// This is the only file that includes websocketpp (its headers are heavy).

#include <memory>
#include <string>

#include <openssl/x509_vfy.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_client.hpp>

#include "core/log.h"
#include "core/runtime.h"
#include "realtime/ws_transport.h"
#include "transport/tls_context.h"

namespace nakama::internal {

namespace {

// One connection attempt. Every websocketpp call happens on the io_context's thread (posted there),
// so the members below need no lock. The connection's handlers own a reference to this object (and
// therefore to the endpoint the connection points into) until the connection itself is gone.
template <class Config, bool kSecure>
class WsppTransport final : public WsTransport, public std::enable_shared_from_this<WsppTransport<Config, kSecure>> {
 public:
  using Endpoint = websocketpp::client<Config>;
  using ConnectionPtr = typename Endpoint::connection_ptr;
  using MessagePtr = typename Endpoint::message_ptr;

  WsppTransport(boost::asio::io_context& io, WsTransportConfig config) : io_(io), config_(config) {
    endpoint_.clear_access_channels(websocketpp::log::alevel::all);
    endpoint_.clear_error_channels(websocketpp::log::elevel::all);
    websocketpp::lib::error_code ec;
    endpoint_.init_asio(&io_, ec);
    initError_ = ec;
    endpoint_.set_user_agent("nakama-cpp-sdk");
  }

  void connect(const std::string& url, const WsHeaders& headers, Handlers handlers) override {
    auto self = this->shared_from_this();
    boost::asio::post(io_, [self, url, headers, handlers = std::move(handlers)]() mutable {
      self->doConnect(url, headers, std::move(handlers));
    });
  }

  void send(std::string text) override {
    auto self = this->shared_from_this();
    boost::asio::post(io_, [self, text = std::move(text)] {
      auto con = self->connection_.lock();
      if (!con || !self->opened_) return;
      con->send(text, websocketpp::frame::opcode::text);  // returns an error code; a failure shows up as the close
    });
  }

  void close(int code, const std::string& reason) override {
    auto self = this->shared_from_this();
    boost::asio::post(io_, [self, code, reason] { self->doClose(code, reason); });
  }

 private:
  void doConnect(const std::string& url, const WsHeaders& headers, Handlers handlers) {
    handlers_ = std::move(handlers);
    endpointName_ = url.substr(0, url.find('?'));  // never the query: it holds the session token
    if (closed_) return;
    if (initError_) {
      fail(WsFailure{std::nullopt, "could not initialise the WebSocket client: " + initError_.message(), false});
      return;
    }
    auto self = this->shared_from_this();
    if constexpr (kSecure) {
      // One context per attempt (websocketpp sets the host check on the context), configured like every
      // other TLS connection of the SDK (tls_context.h).
      auto context = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_client);
      const std::string trustError = configureTlsClient(*context, config_.tls);
      if (!trustError.empty()) {
        fail(WsFailure{std::nullopt, trustError, false});
        return;
      }
      const bool verify = config_.tls.verify;
      // `this` outlives the handler: the connection that calls it keeps this transport alive.
      endpoint_.set_tls_init_handler([this, context, verify, url](websocketpp::connection_hdl) {
        if (verify) {
          websocketpp::uri uri(url);
          boost::asio::ssl::host_name_verification checkHost(uri.get_host());
          context->set_verify_callback([this, checkHost](bool preverified, boost::asio::ssl::verify_context& ctx) {
            const bool ok = checkHost(preverified, ctx);
            if (!ok && tlsError_.empty()) {
              tlsError_ = preverified ? std::string("the certificate does not match the host name")
                                      : X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.native_handle()));
            }
            return ok;
          });
        }
        return context;
      });
    }

    websocketpp::lib::error_code ec;
    ConnectionPtr con = endpoint_.get_connection(url, ec);
    if (ec || !con) {
      fail(WsFailure{std::nullopt, "invalid WebSocket URL: " + ec.message(), false});
      return;
    }
    for (const auto& [name, value] : headers) con->append_header(name, value);
    con->set_open_handshake_timeout(static_cast<long>(config_.connectTimeout.count()));
    // A larger message makes websocketpp close the connection with 1009 (message too big).
    if (config_.maxFrameBytes > 0) con->set_max_message_size(config_.maxFrameBytes);

    con->set_open_handler([self](websocketpp::connection_hdl) {
      self->opened_ = true;
      if (self->closed_) {  // closed while connecting: finish the handshake and go
        if (auto c = self->connection_.lock()) {
          websocketpp::lib::error_code ignored;
          c->close(websocketpp::close::status::normal, "", ignored);
        }
        return;
      }
      if (self->handlers_.onOpen) self->handlers_.onOpen();
    });
    con->set_message_handler([self](websocketpp::connection_hdl, MessagePtr message) {
      if (self->closed_ || self->finished_) return;
      if (self->handlers_.onMessage) self->handlers_.onMessage(message->get_payload());
    });
    // Nakama drops connections that do not answer its PING control frames: always answer them.
    con->set_ping_handler([](websocketpp::connection_hdl, std::string) { return true; });
    con->set_fail_handler([self](websocketpp::connection_hdl hdl) {
      WsFailure failure;
      if (auto c = self->endpoint_.get_con_from_hdl(hdl)) {
        const int status = static_cast<int>(c->get_response_code());
        const auto error = c->get_ec();
        if (status != 0 && status != 101) {
          failure.httpStatus = status;
          failure.message = "the server refused the WebSocket upgrade with HTTP " + std::to_string(status);
          const std::string& body = c->get_response().get_body();
          if (!body.empty()) failure.message += ": " + redactSecrets(body.substr(0, 200));
          while (!failure.message.empty() && (failure.message.back() == '\n' || failure.message.back() == '\r'))
            failure.message.pop_back();
        } else {
          // Prefer the most specific reason: TLS verification, then the socket error, then websocketpp's own.
          const auto transportError = c->get_transport_ec();
          failure.message = !self->tlsError_.empty() ? "TLS certificate verification failed: " + self->tlsError_
                            : transportError         ? transportError.message()
                            : error                  ? error.message()
                                                     : std::string("the WebSocket connection failed");
          failure.message = "could not connect to " + self->endpointName_ + ": " + failure.message;
          failure.timedOut =
              error == websocketpp::error::make_error_code(websocketpp::error::open_handshake_timeout) ||
              error == websocketpp::transport::error::make_error_code(websocketpp::transport::error::timeout);
        }
      } else {
        failure.message = "the WebSocket connection failed";
      }
      self->fail(std::move(failure));
    });
    con->set_close_handler([self](websocketpp::connection_hdl hdl) {
      if (self->finished_) return;
      self->finished_ = true;
      int code = websocketpp::close::status::abnormal_close;
      std::string reason;
      if (auto c = self->endpoint_.get_con_from_hdl(hdl)) {
        code = static_cast<int>(c->get_remote_close_code());
        reason = c->get_remote_close_reason();
        if (code == websocketpp::close::status::blank) code = websocketpp::close::status::abnormal_close;
        if (c->get_local_close_code() == websocketpp::close::status::message_too_big) {  // we closed it: too large
          code = websocketpp::close::status::message_too_big;
          reason = "the server sent a message larger than ClientOptions::maxFrameBytes (" +
                   std::to_string(self->config_.maxFrameBytes) + " bytes)";
        }
      }
      if (!self->closed_ && self->handlers_.onClose) self->handlers_.onClose(code, reason);
    });

    connection_ = con;
    endpoint_.connect(con);
  }

  void fail(WsFailure failure) {
    if (finished_) return;
    finished_ = true;
    if (!closed_ && handlers_.onFail) handlers_.onFail(std::move(failure));
  }

  void doClose(int code, const std::string& reason) {
    if (closed_) return;
    closed_ = true;
    auto con = connection_.lock();
    if (!con || finished_) return;
    websocketpp::lib::error_code ec;
    if (opened_) {
      con->close(static_cast<websocketpp::close::status::value>(code), reason, ec);
      if (!ec) return;
    }
    // Still connecting (or the close frame could not be sent): abort the socket; websocketpp then fails
    // the attempt, which is no longer reported.
    boost::system::error_code ignored;
    con->get_raw_socket().close(ignored);
  }

  boost::asio::io_context& io_;
  WsTransportConfig config_;
  Endpoint endpoint_;
  websocketpp::lib::error_code initError_;
  std::string tlsError_;      // why the server certificate was rejected
  std::string endpointName_;  // scheme://host:port/path, for messages
  std::weak_ptr<typename Endpoint::connection_type> connection_;
  Handlers handlers_;
  bool opened_ = false;
  bool finished_ = false;  // onFail or onClose happened
  bool closed_ = false;    // close() was called: report nothing more
};

using PlainTransport = WsppTransport<websocketpp::config::asio_client, false>;
using TlsTransport = WsppTransport<websocketpp::config::asio_tls_client, true>;

}  // namespace

std::shared_ptr<WsTransport> makeWebsocketppTransport(IoRuntime& runtime, const WsTransportConfig& config) {
  if (config.secure) return std::make_shared<TlsTransport>(runtime.context(), config);
  return std::make_shared<PlainTransport>(runtime.context(), config);
}

}  // namespace nakama::internal
