// The realtime WebSocket on Boost.Beast: one queued writer (messages, pings, the close frame), a read
// loop, Nakama's ping/pong keep-alive, message size and outgoing queue limits.
#include <algorithm>
#include <iostream>

#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>

#include "core/server_impl.h"

namespace nakama::testserver {

WsConn::WsConn(TestServer::Impl& server, beast::tcp_stream stream, RtSession session)
    : server_(server),
      ws_(std::move(stream)),
      session_(std::move(session)),
      pingTimer_(ws_.get_executor()),
      deadlineTimer_(ws_.get_executor()) {}

void WsConn::start(HttpRequest req) {
  upgradeRequest_ = std::move(req);
  websocket::stream_base::timeout timeouts;
  timeouts.handshake_timeout = std::chrono::seconds(5);    // opening and closing handshakes
  timeouts.idle_timeout = websocket::stream_base::none();  // liveness is the ping/pong below
  timeouts.keep_alive_pings = false;
  ws_.set_option(timeouts);
  // Beast's limit is only a backstop: the exact limit is checked in onMessage so the close frame
  // carries 1009 with an empty reason like the real server's.
  ws_.read_message_max(std::max<std::size_t>(server_.config.maxMessageSize * 4, 1 << 20));
  ws_.auto_fragment(false);
  ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
    if (kind == websocket::frame_type::pong && !closing_) armDeadline();
  });
  ws_.async_accept(upgradeRequest_, [self = shared_from_this()](const error_code& ec) {
    if (ec) return self->finished();
    self->onOpen();
  });
}

void WsConn::onOpen() {
  upgradeRequest_ = {};
  if (closing_) return abort(false);  // closed during the handshake (stop, closeAllSockets)
  opened_ = true;
  if (server_.config.log) std::cerr << "[ws] open " << session_.sessionId << " user " << session_.userId << "\n";
  armPing();
  armDeadline();
  server_.realtime.connected(session_, shared_from_this());
  read();
}

void WsConn::read() {
  ws_.async_read(buffer_, [self = shared_from_this()](const error_code& ec, std::size_t) {
    if (ec) return self->finished();
    std::string payload = beast::buffers_to_string(self->buffer_.data());
    self->buffer_.consume(self->buffer_.size());
    self->onMessage(payload, self->ws_.got_text());
    // While closing, async_close reads up to the peer's close frame itself (a read started now could be
    // left waiting behind it).
    if (!self->closing_) self->read();
  });
}

void WsConn::onMessage(const std::string& payload, bool text) {
  if (closing_) return;
  if (payload.size() > server_.config.maxMessageSize) return close(1009, "");
  // Every ping_backoff_threshold (20) messages the read deadline and ping timer restart, as in Nakama.
  if (++received_ % 20 == 0) {
    armPing();
    armDeadline();
  }
  if (!text) return close(0, "");  // binary frame on a JSON socket
  if (server_.faults->ignorePings && isPingEnvelope(payload)) return;
  if (!server_.realtime.dispatch(session_.sessionId, payload)) close(0, "");
}

void WsConn::sendText(const std::string& text) {
  if (!opened_ || closing_) return;
  if (unsentTexts_ >= server_.config.outgoingQueueSize) {
    if (server_.config.log) std::cerr << "[ws] session outgoing queue full: closing " << session_.sessionId << "\n";
    return close(0, "");
  }
  ++unsentTexts_;
  out_.push_back(Out{Out::Kind::kText, text, {}});
  pump();
}

void WsConn::close(int code, const std::string& reason) {
  if (closing_ || finished_) return;
  closing_ = true;
  stopTimers();
  if (!opened_) return;  // still in the handshake: onOpen drops the connection
  websocket::close_reason cr;
  cr.code = static_cast<websocket::close_code>(code);
  if (code != 0) cr.reason = reason;
  out_.push_back(Out{Out::Kind::kClose, {}, cr});
  pump();
  endSession();
}

void WsConn::abort(bool reset) {
  closing_ = true;
  stopTimers();
  error_code ignored;
  auto& socket = beast::get_lowest_layer(ws_).socket();
  if (reset) socket.set_option(asio::socket_base::linger(true, 0), ignored);
  socket.close(ignored);
  endSession();
}

// The session ends now, not when the peer acknowledges the close: unregister it right after the current
// handler returns (deferred so area code never sees its state change mid-handler).
void WsConn::endSession() {
  if (!opened_) return;
  asio::post(ws_.get_executor(),
             [self = shared_from_this()] { self->server_.realtime.disconnected(self->session_.sessionId); });
}

void WsConn::pump() {
  if (writing_ || out_.empty() || finished_) return;
  Out next = std::move(out_.front());
  out_.pop_front();
  writing_ = true;
  auto done = [self = shared_from_this(), kind = next.kind](const error_code& ec, std::size_t = 0) {
    self->writing_ = false;
    if (kind == Out::Kind::kText) --self->unsentTexts_;
    if (kind == Out::Kind::kClose) return self->finished();
    if (ec) return;
    self->pump();
  };
  switch (next.kind) {
    case Out::Kind::kText:
      writingText_ = std::move(next.text);
      ws_.text(true);
      ws_.async_write(asio::buffer(writingText_), done);
      break;
    case Out::Kind::kPing: ws_.async_ping({}, [done](const error_code& ec) { done(ec); }); break;
    case Out::Kind::kClose: ws_.async_close(next.reason, [done](const error_code& ec) { done(ec); }); break;
  }
}

void WsConn::finished() {
  if (finished_) return;
  finished_ = true;
  closing_ = true;
  stopTimers();
  error_code ignored;
  beast::get_lowest_layer(ws_).socket().close(ignored);
  server_.sockets.erase(this);
  if (opened_) {
    if (server_.config.log) std::cerr << "[ws] closed " << session_.sessionId << "\n";
    server_.realtime.disconnected(session_.sessionId);
  }
}

// Ping every pingInterval; drop the socket when no pong arrives within pongTimeout.
void WsConn::armPing() {
  pingTimer_.expires_after(server_.config.pingInterval);
  pingTimer_.async_wait([weak = weak_from_this()](const error_code& ec) {
    auto self = weak.lock();
    if (ec || !self || self->closing_) return;
    self->out_.push_back(Out{Out::Kind::kPing, {}, {}});
    self->pump();
    self->armPing();
  });
}

void WsConn::armDeadline() {
  deadlineTimer_.expires_after(server_.config.pongTimeout);
  deadlineTimer_.async_wait([weak = weak_from_this()](const error_code& ec) {
    auto self = weak.lock();
    if (ec || !self || self->closing_) return;
    if (self->server_.config.log) std::cerr << "[ws] no pong: closing " << self->session_.sessionId << "\n";
    self->close(0, "");
  });
}

void WsConn::stopTimers() {
  pingTimer_.cancel();
  deadlineTimer_.cancel();
}

}  // namespace nakama::testserver
