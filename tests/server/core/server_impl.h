// Core-internal: the transport behind TestServer, on Boost.Beast's server side. One I/O thread runs the
// acceptor, every HTTP connection, every WebSocket and every area handler (so areas need no locks).
// HTTP requests and WebSocket upgrades share one listener, like Nakama's port 7350.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "core/faults.h"
#include "core/server_api.h"

namespace nakama::testserver {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
using HttpRequest = http::request<http::string_body>;

class HttpConn;
class WsConn;

struct TestServer::Impl {
  explicit Impl(ServerConfig cfg);

  void accept();
  void closeIdleHttp();
  // Runs fn on the I/O thread and waits for it (directly when the server is not running).
  void runOnIo(const std::function<void()>& fn);
  // A copy to iterate over: closing a socket may erase it from `sockets` at once.
  std::vector<std::shared_ptr<WsConn>> socketSnapshot() const;

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
  std::shared_ptr<Faults::State> faults;

  std::unique_ptr<asio::io_context> io;
  std::optional<tcp::acceptor> acceptor;
  std::thread thread;
  std::thread::id ioThreadId;
  std::atomic<bool> running{false};
  std::atomic<bool> accepting{true};
  bool areasLoaded = false;
  std::uint16_t boundPort = 0;
  std::map<WsConn*, std::shared_ptr<WsConn>> sockets;      // upgraded, until their connection ends
  std::map<HttpConn*, std::weak_ptr<HttpConn>> httpConns;  // plain HTTP connections alive
};

// One plain HTTP/1.1 connection (keep-alive); hands itself over to a WsConn on an accepted upgrade.
class HttpConn : public std::enable_shared_from_this<HttpConn> {
 public:
  HttpConn(TestServer::Impl& server, tcp::socket socket);
  ~HttpConn();
  void start();
  // Closes the connection if it is waiting for a request (restart, refuse, stop).
  void closeIfIdle();

 private:
  void readRequest();
  void onRequest(HttpRequest req);
  void upgrade(HttpRequest req, const std::map<std::string, std::string>& headers);
  void send(const Response& r, bool keepAlive, unsigned version, const std::optional<HttpFault>& fault);
  void writeDropped(std::shared_ptr<http::response<http::string_body>> res);
  void write(std::shared_ptr<http::response<http::string_body>> res);
  void shutdown();

  TestServer::Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool headRequest_ = false;  // the request being answered is a HEAD: its answer has a header only
  asio::steady_timer delay_;
  bool idle_ = false;
};

// One accepted WebSocket: the SocketSink the realtime core sends through.
class WsConn : public SocketSink, public std::enable_shared_from_this<WsConn> {
 public:
  WsConn(TestServer::Impl& server, beast::tcp_stream stream, RtSession session);
  void start(HttpRequest req);
  void sendText(const std::string& text) override;
  void close(int code, const std::string& reason) override;
  // Drops the TCP connection without a close frame (`reset`: RST instead of FIN).
  void abort(bool reset);

 private:
  struct Out {
    enum class Kind { kText, kPing, kClose } kind;
    std::string text;
    websocket::close_reason reason;
  };
  void onOpen();
  void read();
  void onMessage(const std::string& payload, bool text);
  void pump();
  void finished();
  void endSession();
  void armPing();
  void armDeadline();
  void stopTimers();

  TestServer::Impl& server_;
  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  HttpRequest upgradeRequest_;
  RtSession session_;
  bool opened_ = false;
  bool closing_ = false;
  bool writing_ = false;
  bool finished_ = false;
  int received_ = 0;
  std::deque<Out> out_;
  std::size_t unsentTexts_ = 0;  // text messages queued or being written (the outgoing queue limit)
  std::string writingText_;
  asio::steady_timer pingTimer_;
  asio::steady_timer deadlineTimer_;
};

}  // namespace nakama::testserver
