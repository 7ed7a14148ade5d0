// TestServer: lifecycle, the listener and the I/O thread (transport in http_conn.cpp and ws_conn.cpp).
#include <algorithm>
#include <future>
#include <iostream>
#include <stdexcept>

#include <openssl/crypto.h>
#include <boost/asio/post.hpp>

#include "core/server_impl.h"
#include "test_server.h"

namespace nakama::testserver {

TestServer::Impl::Impl(ServerConfig cfg)
    : config(std::move(cfg)),
      accounts(clock),
      tokens(config, clock),
      notifications(realtime, clock),
      ctx{config, clock, router, realtime, accounts, tokens, notifications, rpcs, scheduler, hooks} {
  accounts.onlineCheck = [this](const std::string& id) { return hooks.isOnline && hooks.isOnline(id); };
  realtime.log = config.log;
}

void TestServer::Impl::accept() {
  acceptor->async_accept([this](const error_code& ec, tcp::socket socket) {
    if (!acceptor || !acceptor->is_open()) return;
    if (!ec) {
      if (faults->refuse) {
        error_code ignored;
        socket.set_option(asio::socket_base::linger(true, 0), ignored);  // a reset, not a polite close
        socket.close(ignored);
      } else {
        std::make_shared<HttpConn>(*this, std::move(socket))->start();
      }
    }
    accept();
  });
}

void TestServer::Impl::closeIdleHttp() {
  std::vector<std::shared_ptr<HttpConn>> conns;
  for (auto& [ptr, weak] : httpConns) {
    if (auto c = weak.lock()) conns.push_back(std::move(c));
  }
  for (auto& c : conns) c->closeIfIdle();
}

void TestServer::Impl::runOnIo(const std::function<void()>& fn) {
  if (!running || std::this_thread::get_id() == ioThreadId) return fn();
  std::promise<void> done;
  auto future = done.get_future();
  asio::post(*io, [&] {
    try {
      fn();
      done.set_value();
    } catch (...) {
      done.set_exception(std::current_exception());
    }
  });
  future.get();
}

std::vector<std::shared_ptr<WsConn>> TestServer::Impl::socketSnapshot() const {
  std::vector<std::shared_ptr<WsConn>> out;
  out.reserve(sockets.size());
  for (const auto& entry : sockets) out.push_back(entry.second);
  return out;
}

// ---- TestServer ----

TestServer::TestServer(ServerConfig config)
    : impl_(std::make_unique<Impl>(std::move(config))), faults_(new Faults(*this)) {
  // OpenSSL registers its exit-time cleanup on first use. Initialising it here, before this server exists, makes
  // that cleanup run after a static server's destructor has joined its thread; the other order leaks the
  // thread's OpenSSL state.
  OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, nullptr);  // (options 0 would do nothing)
  impl_->faults = faults_->state_;
}

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
  m.io = std::make_unique<asio::io_context>(1);
  m.scheduler.post = [&m](std::chrono::milliseconds delay, std::function<void()> fn) {
    if (!m.io || !m.running) return;  // stopped: timers are dropped
    auto timer = std::make_shared<asio::steady_timer>(*m.io, delay);
    timer->async_wait([timer, fn = std::move(fn)](const error_code& ec) {
      if (ec) return;
      try {
        fn();
      } catch (const std::exception& e) {
        std::cerr << "nakama-test-server: timer callback failed: " << e.what() << "\n";
      }
    });
  };
  try {
    tcp::resolver resolver(*m.io);
    std::uint16_t port = m.boundPort ? m.boundPort : m.config.port;
    auto results = resolver.resolve(m.config.host, std::to_string(port));
    if (results.empty()) throw std::runtime_error("no address");
    tcp::endpoint endpoint = results.begin()->endpoint();
    m.acceptor.emplace(*m.io);
    m.acceptor->open(endpoint.protocol());
    m.acceptor->set_option(asio::socket_base::reuse_address(true));
    m.acceptor->bind(endpoint);
    m.acceptor->listen(asio::socket_base::max_listen_connections);
    m.boundPort = m.acceptor->local_endpoint().port();
  } catch (const std::exception& e) {
    m.acceptor.reset();
    m.io.reset();
    throw std::runtime_error(std::string("nakama-test-server: cannot listen on ") + m.config.host + ":" +
                             std::to_string(m.config.port) + ": " + e.what());
  }
  m.accept();
  m.running = true;
  std::promise<void> started;
  auto startedFuture = started.get_future();
  m.thread = std::thread([&m, &started] {
    m.ioThreadId = std::this_thread::get_id();
    started.set_value();
    // An exception escaping a handler must not kill the server thread: log it and keep serving.
    for (;;) {
      try {
        m.io->run();
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
  asio::post(*m.io, [&m] {
    error_code ignored;
    m.acceptor->close(ignored);
    for (auto& s : m.socketSnapshot()) s->close(1001, "");
    m.closeIdleHttp();
    auto timer = std::make_shared<asio::steady_timer>(*m.io, std::chrono::milliseconds(100));
    timer->async_wait([&m, timer](const error_code&) { m.io->stop(); });
  });
  if (m.thread.joinable()) m.thread.join();
  m.ioThreadId = {};
  // Sessions still registered: run the disconnect hooks (no I/O thread any more, so no races).
  for (const RtSession* s : m.realtime.all()) {
    std::string id = s->sessionId;
    m.realtime.disconnected(id);
  }
  m.sockets.clear();
  m.httpConns.clear();
  m.acceptor.reset();
  m.io.reset();  // drops every pending handler, and with them the connections
  // Like a real restart: the session cache is in memory, so every token becomes invalid.
  m.tokens.revokeAll();
}

bool TestServer::running() const { return impl_->running; }
std::uint16_t TestServer::port() const { return impl_->boundPort; }
const ServerConfig& TestServer::config() const { return impl_->config; }

void TestServer::invoke(const std::function<void(AreaContext&)>& fn) {
  Impl& m = *impl_;
  m.runOnIo([&] { fn(m.ctx); });
}

Faults& TestServer::faults() { return *faults_; }

void TestServer::closeAllSockets(int code, const std::string& reason) {
  impl_->runOnIo([this, code, reason] {
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
