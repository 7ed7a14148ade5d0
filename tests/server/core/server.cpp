// TestServer: the websocketpp glue. One asio I/O thread runs HTTP, WebSocket and every area handler.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <deque>
#include <future>
#include <iostream>
#include <numeric>
#include <stdexcept>
#include <thread>

#include <vector>
#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>

#include "core/dispatch.h"
#include "core/server_api.h"
#include "test_server.h"

namespace nakama::testserver {

namespace {
using WsServer = websocketpp::server<websocketpp::config::asio>;
using Hdl = websocketpp::connection_hdl;

std::map<std::string, std::string> lowerHeaders(const websocketpp::http::parser::header_list& in) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : in) {
    std::string key = k;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out[key] = v;
  }
  return out;
}
}  // namespace

struct TestServer::Impl {
  explicit Impl(ServerConfig cfg)
      : config(std::move(cfg)),
        accounts(clock),
        tokens(config, clock),
        notifications(realtime, clock),
        ctx{config, clock, router, realtime, accounts, tokens, notifications, rpcs, scheduler, hooks} {
    accounts.onlineCheck = [this](const std::string& id) { return hooks.isOnline && hooks.isOnline(id); };
    realtime.log = config.log;
  }

  // Per-socket connection state; also the SocketSink areas send through.
  struct Socket : SocketSink {
    Impl* impl = nullptr;
    Hdl hdl;
    RtSession session;
    bool opened = false;
    bool closing = false;
    int received = 0;
    WsServer::timer_ptr pingTimer;
    WsServer::timer_ptr deadlineTimer;
    std::deque<std::size_t> pending;  // sizes of messages websocketpp may still be writing

    WsServer::connection_ptr con() {
      websocketpp::lib::error_code ec;
      auto c = impl->ws->get_con_from_hdl(hdl, ec);
      return ec ? nullptr : c;
    }
    void sendText(const std::string& text) override {
      auto c = con();
      if (!c || closing || c->get_state() != websocketpp::session::state::open) return;
      // Outgoing queue limit: count messages not yet written (websocketpp only reports bytes).
      std::size_t buffered = c->get_buffered_amount();
      std::size_t sum = std::accumulate(pending.begin(), pending.end(), std::size_t{0});
      while (!pending.empty() && sum > buffered) {
        sum -= pending.front();
        pending.pop_front();
      }
      if (pending.size() >= impl->config.outgoingQueueSize) {
        if (impl->config.log) std::cerr << "[ws] session outgoing queue full: closing " << session.sessionId << "\n";
        close(0, "");
        return;
      }
      if (!c->send(text, websocketpp::frame::opcode::text)) pending.push_back(text.size());
    }
    void close(int code, const std::string& reason) override {
      auto c = con();
      if (!c || closing) return;
      closing = true;
      stopTimers();
      websocketpp::lib::error_code ec;
      c->close(static_cast<websocketpp::close::status::value>(code), code == 0 ? "" : reason, ec);
      if (ec) c->terminate(ec);
      // The session ends now, not when the peer acknowledges the close: unregister it right after the
      // current handler returns (deferred so area code never sees its state change mid-handler).
      if (opened) {
        std::string id = session.sessionId;
        Impl* owner = impl;
        impl->ws->get_io_service().post([owner, id] { owner->realtime.disconnected(id); });
      }
    }
    void stopTimers() {
      if (pingTimer) pingTimer->cancel();
      if (deadlineTimer) deadlineTimer->cancel();
    }
    // Ping every pingInterval; drop the socket when no pong arrives within pongTimeout.
    void armPing() {
      if (pingTimer) pingTimer->cancel();
      std::weak_ptr<SocketSink> weak = impl->socketPtr(hdl);
      pingTimer =
          impl->ws->set_timer(impl->config.pingInterval.count(), [this, weak](const websocketpp::lib::error_code& ec) {
            if (ec || weak.expired() || closing) return;
            if (auto c = con()) {
              websocketpp::lib::error_code pec;
              c->ping("", pec);
            }
            armPing();
          });
    }
    void armDeadline() {
      if (deadlineTimer) deadlineTimer->cancel();
      std::weak_ptr<SocketSink> weak = impl->socketPtr(hdl);
      deadlineTimer =
          impl->ws->set_timer(impl->config.pongTimeout.count(), [this, weak](const websocketpp::lib::error_code& ec) {
            if (ec || weak.expired() || closing) return;
            if (impl->config.log) std::cerr << "[ws] no pong: closing " << session.sessionId << "\n";
            close(0, "");
          });
    }
  };

  std::shared_ptr<Socket> socketPtr(Hdl hdl) {
    auto it = sockets.find(hdl);
    return it == sockets.end() ? nullptr : it->second;
  }

  void setupHandlers();
  void onHttp(Hdl hdl);
  bool onValidate(Hdl hdl);
  void onOpen(Hdl hdl);
  void onClosed(Hdl hdl);
  void onMessage(Hdl hdl, WsServer::message_ptr msg);

  ServerConfig config;
  Clock clock;
  Router router;
  Realtime realtime;
  Accounts accounts;
  Tokens tokens;
  Notifications notifications;
  Rpcs rpcs;
  Scheduler scheduler;
  Hooks hooks;
  AreaContext ctx;

  std::unique_ptr<WsServer> ws;
  std::thread thread;
  std::thread::id ioThreadId;
  std::atomic<bool> running{false};
  std::atomic<bool> accepting{true};
  bool areasLoaded = false;
  std::uint16_t boundPort = 0;
  std::map<Hdl, std::shared_ptr<Socket>, std::owner_less<Hdl>> sockets;

  /// A copy to iterate over: closing a socket may erase it from `sockets` at once.
  std::vector<std::shared_ptr<Socket>> socketSnapshot() const {
    std::vector<std::shared_ptr<Socket>> out;
    out.reserve(sockets.size());
    for (const auto& entry : sockets) out.push_back(entry.second);
    return out;
  }
};

void TestServer::Impl::onHttp(Hdl hdl) {
  auto con = ws->get_con_from_hdl(hdl);
  const auto& req = con->get_request();
  auto headers = lowerHeaders(req.get_headers());
  std::string target = req.get_uri();
  Response r;
  if (target.compare(0, 3, "/ws") == 0 && (target.size() == 3 || target[3] == '?')) {
    // A plain GET on the socket endpoint: token checks first, then the upgrade failure.
    if (!authorizeSocket(ctx, target, headers, r)) {
    } else {
      r.status = 400;
      r.contentType = "text/plain; charset=utf-8";
      r.body = "Bad Request\n";
    }
  } else {
    r = dispatchHttp(ctx, req.get_method(), target, headers, req.get_body());
  }
  con->set_status(static_cast<websocketpp::http::status_code::value>(r.status));
  con->set_body(r.body);
  if (!r.contentType.empty()) con->replace_header("Content-Type", r.contentType);
  for (const auto& [k, v] : r.headers) con->replace_header(k, v);
  // websocketpp closes plain HTTP connections after each response; say so, so clients do not reuse them.
  con->replace_header("Connection", "close");
}

bool TestServer::Impl::onValidate(Hdl hdl) {
  auto con = ws->get_con_from_hdl(hdl);
  if (!accepting) {
    con->set_status(websocketpp::http::status_code::service_unavailable);
    con->set_body("Service Unavailable\n");
    con->replace_header("Content-Type", "text/plain; charset=utf-8");
    return false;
  }
  Response reject;
  auto headers = lowerHeaders(con->get_request().get_headers());
  auto session = authorizeSocket(ctx, con->get_resource(), headers, reject);
  if (!session) {
    con->set_status(static_cast<websocketpp::http::status_code::value>(reject.status));
    con->set_body(reject.body);
    con->replace_header("Content-Type", reject.contentType);
    if (config.log) std::cerr << "[ws] upgrade rejected " << reject.status << " " << reject.body;
    return false;
  }
  auto s = std::make_shared<Socket>();
  s->impl = this;
  s->hdl = hdl;
  s->session = *session;
  sockets[hdl] = s;
  return true;
}

void TestServer::Impl::onOpen(Hdl hdl) {
  auto s = socketPtr(hdl);
  if (!s) return;
  s->opened = true;
  auto con = ws->get_con_from_hdl(hdl);
  // websocketpp's own limit is only a backstop: the exact limit is checked in onMessage so the close
  // frame carries 1009 with an empty reason like the real server's.
  con->set_max_message_size(std::max<std::size_t>(config.maxMessageSize * 4, 1 << 20));
  if (config.log) std::cerr << "[ws] open " << s->session.sessionId << " user " << s->session.userId << "\n";
  s->armPing();
  s->armDeadline();
  realtime.connected(s->session, s);
}

void TestServer::Impl::onClosed(Hdl hdl) {
  auto it = sockets.find(hdl);
  if (it == sockets.end()) return;
  auto s = it->second;
  s->stopTimers();
  s->closing = true;
  sockets.erase(it);
  if (s->opened) {
    if (config.log) std::cerr << "[ws] closed " << s->session.sessionId << "\n";
    realtime.disconnected(s->session.sessionId);
  }
}

void TestServer::Impl::onMessage(Hdl hdl, WsServer::message_ptr msg) {
  auto s = socketPtr(hdl);
  if (!s || s->closing) return;
  const std::string& payload = msg->get_payload();
  if (payload.size() > config.maxMessageSize) {
    s->close(websocketpp::close::status::message_too_big, "");
    return;
  }
  // Every ping_backoff_threshold (20) messages the read deadline and ping timer restart, as in Nakama.
  if (++s->received % 20 == 0) {
    s->armPing();
    s->armDeadline();
  }
  if (msg->get_opcode() != websocketpp::frame::opcode::text) {  // binary frame on a JSON socket
    s->close(0, "");
    return;
  }
  if (!realtime.dispatch(s->session.sessionId, payload)) s->close(0, "");
}

void TestServer::Impl::setupHandlers() {
  ws->clear_access_channels(websocketpp::log::alevel::all);
  ws->clear_error_channels(websocketpp::log::elevel::all);
  if (config.log) ws->set_error_channels(websocketpp::log::elevel::rerror | websocketpp::log::elevel::fatal);
  ws->set_reuse_addr(true);
  ws->set_http_handler([this](Hdl h) { onHttp(h); });
  ws->set_validate_handler([this](Hdl h) { return onValidate(h); });
  ws->set_open_handler([this](Hdl h) { onOpen(h); });
  ws->set_close_handler([this](Hdl h) { onClosed(h); });
  ws->set_fail_handler([this](Hdl h) { onClosed(h); });
  ws->set_message_handler([this](Hdl h, WsServer::message_ptr m) { onMessage(h, m); });
  ws->set_pong_handler([this](Hdl h, std::string) {
    if (auto s = socketPtr(h); s && !s->closing) s->armDeadline();
  });
}

// ---- TestServer ----

TestServer::TestServer(ServerConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}

TestServer::~TestServer() { stop(); }

void TestServer::start() {
  Impl& m = *impl_;
  if (m.running) return;
  if (!m.areasLoaded) {
    auto areas = areaRegistry();
    std::sort(areas.begin(), areas.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [name, fn] : areas) {
      m.ctx.log("loading area " + name);
      fn(m.ctx);
    }
    m.areasLoaded = true;
  }
  m.ws = std::make_unique<WsServer>();
  m.scheduler.post = [&m](std::chrono::milliseconds delay, std::function<void()> fn) {
    if (!m.ws || !m.running) return;  // stopped: timers are dropped
    m.ws->set_timer(delay.count(), [fn = std::move(fn)](const websocketpp::lib::error_code& ec) {
      if (ec) return;
      try {
        fn();
      } catch (const std::exception& e) {
        std::cerr << "nakama-test-server: timer callback failed: " << e.what() << "\n";
      }
    });
  };
  try {
    m.ws->init_asio();
    m.setupHandlers();
    websocketpp::lib::asio::ip::tcp::resolver resolver(m.ws->get_io_service());
    std::uint16_t port = m.boundPort ? m.boundPort : m.config.port;
    auto results = resolver.resolve(m.config.host, std::to_string(port));
    m.ws->listen(results->endpoint());
    m.ws->start_accept();
    websocketpp::lib::asio::error_code ec;
    m.boundPort = m.ws->get_local_endpoint(ec).port();
    if (ec) throw std::runtime_error(ec.message());
  } catch (const std::exception& e) {
    m.ws.reset();
    throw std::runtime_error(std::string("nakama-test-server: cannot listen on ") + m.config.host + ":" +
                             std::to_string(m.config.port) + ": " + e.what());
  }
  m.running = true;
  std::promise<void> started;
  auto startedFuture = started.get_future();
  m.thread = std::thread([&m, &started] {
    m.ioThreadId = std::this_thread::get_id();
    started.set_value();
    // An exception escaping a handler must not kill the server thread: log it and keep serving.
    for (;;) {
      try {
        m.ws->run();
        break;
      } catch (const std::exception& e) {
        std::cerr << "nakama-test-server: I/O loop error: " << e.what() << "\n";
      }
    }
  });
  startedFuture.wait();
}

void TestServer::stop() {
  Impl& m = *impl_;
  if (!m.running) return;
  m.running = false;
  // Close sockets on the I/O thread, give close frames a moment to go out, then stop the loop.
  m.ws->get_io_service().post([&m] {
    websocketpp::lib::error_code ec;
    m.ws->stop_listening(ec);
    for (auto& s : m.socketSnapshot()) s->close(websocketpp::close::status::going_away, "");
    m.ws->set_timer(100, [&m](const websocketpp::lib::error_code&) { m.ws->stop(); });
  });
  if (m.thread.joinable()) m.thread.join();
  // Sessions still registered: run the disconnect hooks (no I/O thread any more, so no races).
  for (auto& [hdl, s] : m.sockets) {
    s->closing = true;
    if (s->opened) m.realtime.disconnected(s->session.sessionId);
  }
  m.sockets.clear();
  m.ws.reset();
  // Like a real restart: the session cache is in memory, so every token becomes invalid.
  m.tokens.revokeAll();
}

bool TestServer::running() const { return impl_->running; }
std::uint16_t TestServer::port() const { return impl_->boundPort; }
const ServerConfig& TestServer::config() const { return impl_->config; }

void TestServer::invoke(const std::function<void(AreaContext&)>& fn) {
  Impl& m = *impl_;
  if (!m.running || std::this_thread::get_id() == m.ioThreadId) {
    fn(m.ctx);
    return;
  }
  std::promise<void> done;
  auto future = done.get_future();
  m.ws->get_io_service().post([&] {
    try {
      fn(m.ctx);
      done.set_value();
    } catch (...) {
      done.set_exception(std::current_exception());
    }
  });
  future.get();
}

void TestServer::closeAllSockets(int code, const std::string& reason) {
  invoke([this, code, reason](AreaContext&) {
    for (auto& s : impl_->socketSnapshot()) s->close(code, reason);
  });
}

void TestServer::setAcceptingSockets(bool accept) { impl_->accepting = accept; }

std::size_t TestServer::socketCount() {
  std::size_t n = 0;
  invoke([&n](AreaContext& ctx) { n = ctx.realtime.count(); });
  return n;
}

void TestServer::revokeAllTokens() {
  invoke([](AreaContext& ctx) { ctx.tokens.revokeAll(); });
}

void TestServer::setClockOffset(std::chrono::seconds offset) { impl_->clock.setOffset(offset); }

}  // namespace nakama::testserver
