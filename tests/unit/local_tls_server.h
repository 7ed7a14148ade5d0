#pragma once

// A small HTTP + WebSocket server on loopback for the TLS and size-limit tests: plain or TLS (with the
// certificate in tests/fixtures/tls), one thread per connection. HTTP: `GET /big/<n>` answers n bytes,
// anything else `{}`. WebSocket (any path): "big:<n>" is answered with an n-byte message, anything else echoed.

#include <atomic>
#include <fstream>
#include <list>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>

namespace nakama::test {

inline std::string readFixture(const std::string& relative) {
  std::ifstream in(std::string(NAKAMA_FIXTURES_DIR) + "/" + relative, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string fixturePath(const std::string& relative) {
  return std::string(NAKAMA_FIXTURES_DIR) + "/" + relative;
}

// A plain connection as a stream whose WebSocket teardown only shuts the socket down. Beast's own teardown
// closes it, racing with ~LocalServer shutting it down from another thread; closing is left to the server,
// once every serving thread has ended.
struct PlainStream {
  using Socket = boost::asio::ip::tcp::socket;
  using executor_type = Socket::executor_type;
  Socket& socket;

  executor_type get_executor() { return socket.get_executor(); }
  template <class Buffers>
  std::size_t read_some(const Buffers& buffers) {
    return socket.read_some(buffers);
  }
  template <class Buffers>
  std::size_t read_some(const Buffers& buffers, boost::system::error_code& error) {
    return socket.read_some(buffers, error);
  }
  template <class Buffers>
  std::size_t write_some(const Buffers& buffers) {
    return socket.write_some(buffers);
  }
  template <class Buffers>
  std::size_t write_some(const Buffers& buffers, boost::system::error_code& error) {
    return socket.write_some(buffers, error);
  }
  friend void teardown(boost::beast::role_type, PlainStream& stream, boost::system::error_code& error) {
    stream.socket.shutdown(Socket::shutdown_both, error);
  }
};

class LocalServer {
 public:
  explicit LocalServer(bool tls) : tls_(tls), acceptor_(io_) {
    namespace ssl = boost::asio::ssl;
    if (tls_) {
      const std::string certificate = readFixture("tls/localhost.pem");
      const std::string key = readFixture("tls/localhost.key");
      context_.use_certificate_chain(boost::asio::buffer(certificate));
      context_.use_private_key(boost::asio::buffer(key), ssl::context::pem);
    }
    const boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { acceptLoop(); });
  }

  ~LocalServer() {
    stopping_ = true;
    boost::system::error_code ignored;
    {  // wake the blocking accept
      boost::asio::ip::tcp::socket wake(io_);
      wake.connect(acceptor_.local_endpoint(), ignored);
    }
    thread_.join();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto& socket : sockets_) socket->shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    }
    for (auto& thread : threads_) thread.join();
  }

  std::uint16_t port() const { return port_; }
  /// Requests answered over HTTP (TLS handshakes the client refused never get that far).
  int httpRequests() const { return httpRequests_; }
  /// Connections whose TLS handshake failed (the client refused the certificate).
  int failedHandshakes() const { return failedHandshakes_; }
  /// The close code of the last WebSocket connection that ended (0 while none has).
  int lastCloseCode() const { return lastCloseCode_; }

 private:
  using tcp = boost::asio::ip::tcp;

  void acceptLoop() {
    for (;;) {
      auto socket = std::make_shared<tcp::socket>(io_);
      boost::system::error_code error;
      acceptor_.accept(*socket, error);
      if (stopping_) return;
      if (error) continue;
      std::lock_guard<std::mutex> lock(mutex_);
      sockets_.push_back(socket);
      threads_.emplace_back([this, socket] { serve(socket); });
    }
  }

  void serve(const std::shared_ptr<tcp::socket>& socket) {
    boost::system::error_code error;
    if (!tls_) {
      PlainStream plain{*socket};
      serveStream(plain);
      return;
    }
    boost::asio::ssl::stream<tcp::socket&> stream(*socket, context_);
    stream.handshake(boost::asio::ssl::stream_base::server, error);
    if (error) {
      ++failedHandshakes_;
      return;
    }
    serveStream(stream);
  }

  template <class Stream>
  void serveStream(Stream& stream) {
    namespace http = boost::beast::http;
    boost::beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> request;
      boost::system::error_code error;
      http::read(stream, buffer, request, error);
      if (error) return;
      if (boost::beast::websocket::is_upgrade(request)) return serveWebSocket(stream, request);
      ++httpRequests_;
      http::response<http::string_body> response{http::status::ok, 11};
      const std::string target(request.target());
      response.body() = target.rfind("/big/", 0) == 0 ? std::string(std::stoul(target.substr(5)), 'x') : "{}";
      response.set(http::field::content_type, "application/json");
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      http::write(stream, response, error);
      if (error || !request.keep_alive()) return;
    }
  }

  template <class Stream, class Request>
  void serveWebSocket(Stream& stream, const Request& request) {
    namespace websocket = boost::beast::websocket;
    websocket::stream<Stream&> ws(stream);
    boost::system::error_code error;
    ws.read_message_max(0);
    ws.accept(request, error);
    if (error) return;
    for (;;) {
      boost::beast::flat_buffer buffer;
      ws.read(buffer, error);
      if (error) {
        lastCloseCode_ = error == websocket::error::closed ? static_cast<int>(ws.reason().code) : -1;
        return;
      }
      std::string text = boost::beast::buffers_to_string(buffer.data());
      if (text.rfind("big:", 0) == 0) text = std::string(std::stoul(text.substr(4)), 'y');
      ws.text(true);
      ws.write(boost::asio::buffer(text), error);
      if (error) return;
    }
  }

  bool tls_;
  boost::asio::io_context io_;
  boost::asio::ssl::context context_{boost::asio::ssl::context::tls_server};
  tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> httpRequests_{0};
  std::atomic<int> failedHandshakes_{0};
  std::atomic<int> lastCloseCode_{0};
  std::mutex mutex_;
  std::list<std::shared_ptr<tcp::socket>> sockets_;
  std::list<std::thread> threads_;
  std::thread thread_;
};

}  // namespace nakama::test
