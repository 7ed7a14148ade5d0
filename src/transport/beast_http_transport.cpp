// The default HTTP transport: HTTP/1.1 over keep-alive connections (Asio sockets, Beast's TLS stream, requests
// written and answers read by the SDK's own code), all driven by the client's I/O thread. Every member of Pool,
// Connection and Exchange is touched only on that thread; send() and the abort functions post there.

#include <algorithm>
#include <cstring>
#include <deque>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "core/runtime.h"
#include "transport/http_response_parser.h"
#include "transport/http_transport.h"
#include "transport/tls_stream.h"

namespace nakama::internal {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;
// A plain socket bound to the io_context's own executor: beast::tcp_stream's timeouts are not needed (HttpLayer
// times requests out) and its bookkeeping, like a type-erased executor, costs on every operation.
using Socket = asio::basic_stream_socket<tcp, asio::io_context::executor_type>;

// Bounds only a broken or hostile server (the body's limit is ClientOptions::maxResponseBytes).
constexpr std::size_t kHeaderLimit = 1024 * 1024;
// The room a read of an answer offers: small at first (a connection keeps its buffer, and thousands of clients
// may each hold one), doubled after each read that fills it, so that large answers come in large reads.
constexpr std::size_t kFirstReadSize = 512;
constexpr std::size_t kMaxReadSize = 64 * 1024;

// Whether `url` starts with `scheme` ("http://"), in any case.
bool hasScheme(const std::string& url, std::string_view scheme) {
  return url.size() >= scheme.size() && beast::iequals(beast::string_view(url.data(), scheme.size()),
                                                       beast::string_view(scheme.data(), scheme.size()));
}

// Text that would end a line (and so inject a header or a request) has no place in a request line or a field value.
bool fitsOnALine(std::string_view text) {
  if (text.empty()) return true;  // an empty view may have no data at all: memchr must not see a null pointer
  for (const char c : {'\r', '\n', '\0'}) {
    if (std::memchr(text.data(), c, text.size())) return false;
  }
  return true;
}

struct Endpoint {
  bool tls = false;
  std::string host;        // without brackets
  std::string port;        // digits
  std::string hostHeader;  // host (bracketed when IPv6) and port
};

// "http://host:port" or "https://host:port"; an IPv6 literal comes in brackets (an unbracketed one is
// accepted too: the last colon then separates the port).
Endpoint parseBaseUrl(const std::string& url) {
  Endpoint out;
  std::string rest;
  if (hasScheme(url, "https://")) {
    out.tls = true;
    rest = url.substr(8);
  } else if (hasScheme(url, "http://")) {
    rest = url.substr(7);
  } else {
    throw std::invalid_argument("the server URL must start with http:// or https://: " + url);
  }
  rest = rest.substr(0, rest.find('/'));
  std::string portText;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string::npos) throw std::invalid_argument("unterminated IPv6 literal in " + url);
    out.host = rest.substr(1, close - 1);
    const std::string after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw std::invalid_argument("unexpected text after the host in " + url);
      portText = after.substr(1);
    }
  } else if (const auto colon = rest.rfind(':'); colon != std::string::npos) {
    out.host = rest.substr(0, colon);
    portText = rest.substr(colon + 1);
  } else {
    out.host = rest;
  }
  if (out.host.empty()) throw std::invalid_argument("no host in " + url);
  if (portText.empty()) portText = out.tls ? "443" : "80";
  if (!std::all_of(portText.begin(), portText.end(), [](unsigned char c) { return std::isdigit(c); }))
    throw std::invalid_argument("invalid port in " + url);
  out.port = portText;
  const bool v6 = out.host.find(':') != std::string::npos;
  out.hostHeader = (v6 ? "[" + out.host + "]" : out.host) + ":" + out.port;
  if (!fitsOnALine(out.hostHeader)) throw std::invalid_argument("invalid character in the host of " + url);
  return out;
}

struct Settings {
  Endpoint endpoint;
  bool verify = true;
  std::size_t maxConnections = 8;
  std::size_t maxResponseBytes = 0;   // 0 = no limit
  std::shared_ptr<ssl::context> tls;  // shared with the client's sockets (tls_context.h); null for http://
};

// The HTTP/1.1 request text (RFC 9112): request line, fields, an empty line, the body. Written by hand: Beast's
// message would hold each field in an allocation of its own and its serializer costs more than the whole text.
// nullopt when a part cannot be sent as is (`error` says which).
std::optional<std::string> serializeRequest(const HttpRequest& request, const std::string& hostHeader,
                                            std::string& error) {
  if (!isHttpToken(request.method)) {
    error = "invalid HTTP method '" + request.method + "'";
    return std::nullopt;
  }
  if (request.target.empty() || request.target.find(' ') != std::string::npos || !fitsOnALine(request.target)) {
    error = "invalid request target";
    return std::nullopt;
  }
  bool customContentType = false;
  for (const auto& [name, value] : request.headers) {
    if (!isHttpToken(name) || !fitsOnALine(value)) {
      error = "invalid request header '" + name + "'";
      return std::nullopt;
    }
    customContentType = customContentType || beast::iequals(name, "content-type");
  }
  const std::string_view authorization = request.authorizationValue();
  if (!fitsOnALine(authorization)) {  // (the host was checked once, with the URL)
    error = "invalid character in the Authorization header";
    return std::nullopt;
  }
  // As Beast's prepare_payload: a length for any body, and for the methods that expect one even when empty.
  const std::string_view method = request.method;
  const bool sendsLength =
      request.hasBody || method == "POST" || method == "PUT" || method == "PATCH" || method == "OPTIONS";
  using namespace std::string_view_literals;  // appended as views: no strlen per piece
  std::string text;
  text.reserve(160 + request.target.size() + authorization.size() + request.body.size());
  text.append(method).append(" "sv).append(request.target).append(" HTTP/1.1\r\nHost: "sv);
  text.append(hostHeader).append("\r\nUser-Agent: nakama-cpp-sdk\r\nAccept: application/json\r\n"sv);
  if (!authorization.empty()) text.append("Authorization: "sv).append(authorization).append("\r\n"sv);
  for (const auto& [name, value] : request.headers) text.append(name).append(": "sv).append(value).append("\r\n"sv);
  if (request.hasBody && !customContentType) text.append("Content-Type: application/json\r\n"sv);
  if (sendsLength) text.append("Content-Length: "sv).append(std::to_string(request.body.size())).append("\r\n"sv);
  text.append("\r\n"sv).append(request.body);
  return text;
}

class Connection;

// One request: queued in the pool, then run on a connection. `done` runs at most once (finish()).
struct Exchange {
  std::string request;  // the request's text, ready to write (a resend on a fresh connection writes it again)
  bool head = false;    // a HEAD request: its answer has no body whatever its header says
  HttpCallback done;
  std::weak_ptr<Connection> connection;
  bool finished = false;
  bool retried = false;  // already resent after a stale keep-alive connection

  void finish(Result<HttpResponse> result) {
    if (finished) return;
    finished = true;
    auto callback = std::move(done);
    done = nullptr;
    callback(std::move(result));
    // What the request chain holds is freed once the callbacks it completed have run.
    IoRuntime::HandlerScope::releaseLater(std::move(callback));
  }
  void abort();
};

class Pool;

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& io, std::shared_ptr<const Settings> settings, std::weak_ptr<Pool> pool)
      : settings_(std::move(settings)), pool_(std::move(pool)), resolver_(io) {
    if (settings_->tls) {
      tls_.emplace(io, *settings_->tls);
    } else {
      plain_.emplace(io);
    }
  }

  void open(std::shared_ptr<Exchange> exchange);
  void run(std::shared_ptr<Exchange> exchange, bool reused);
  // Cancels whatever is pending and leaves the pool; the handlers then only release the connection.
  void close();
  // Leaves the pool's count without touching the socket (the pool reuses the slot).
  void detach() { retired_ = true; }

 private:
  Socket& socket() { return tls_ ? tls_->next_layer() : *plain_; }
  template <class F>
  void withStream(F&& f) {
    if (tls_) {
      f(*tls_);
    } else {
      f(*plain_);
    }
  }
  void connect(const tcp::resolver::results_type& endpoints);
  void handshake();
  void write();
  void read();
  void receive();
  // Parses what arrived; `error`: the read's (eof ends an answer that runs to the end of the connection).
  void received(const error_code& error);
  void onResponse();
  void fail(const std::string& what, const error_code& error);
  // The answer cannot be used: fails the request with `error` and closes the connection.
  void refuseAnswer(Error error);
  void writeFailed(const error_code& error) {
    fail("could not send the request to " + settings_->endpoint.hostHeader, error);
  }
  void readFailed(const error_code& error) {
    fail("could not read the answer from " + settings_->endpoint.hostHeader, error);
  }
  void retire();

  std::shared_ptr<const Settings> settings_;
  std::weak_ptr<Pool> pool_;
  tcp::resolver resolver_;
  std::optional<Socket> plain_;
  std::optional<beast::ssl_stream<Socket>> tls_;
  beast::flat_buffer buffer_;
  std::size_t readSize_ = kFirstReadSize;
  std::optional<HttpResponseParser> parser_;
  std::shared_ptr<TlsVerifyReport> tlsReport_ = std::make_shared<TlsVerifyReport>();
  std::shared_ptr<Exchange> current_;
  bool reused_ = false;
  bool closed_ = false;
  bool retired_ = false;
};

// The connections to the one host: at most `maxConnections` exist (idle or busy); requests beyond
// that wait in FIFO order for one to come free.
class Pool : public std::enable_shared_from_this<Pool> {
 public:
  Pool(asio::io_context& io, std::shared_ptr<const Settings> settings) : io_(io), settings_(std::move(settings)) {}

  asio::io_context& io() { return io_; }

  void submit(const std::shared_ptr<Exchange>& exchange) {
    if (exchange->finished) return;
    if (closing_) {
      exchange->finish(Error{ErrorKind::kCancelled, "the HTTP transport was destroyed"});
      return;
    }
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      connection->run(exchange, true);
      return;
    }
    if (open_ < settings_->maxConnections) {
      openConnection(exchange);
      return;
    }
    waiting_.push_back(exchange);
  }

  // A connection finished its exchange and may serve the next one.
  void release(std::shared_ptr<Connection> connection) {
    if (closing_) {
      connection->close();
      return;
    }
    idle_.push_back(std::move(connection));
    pump();
  }

  // A connection closed: its slot is free.
  void gone(const Connection* connection) {
    idle_.erase(std::remove_if(idle_.begin(), idle_.end(), [&](const auto& c) { return c.get() == connection; }),
                idle_.end());
    --open_;
    pump();
  }

  // A reused connection turned out stale: resend on a fresh connection in the same slot.
  void resendFresh(Connection& stale, const std::shared_ptr<Exchange>& exchange) {
    stale.detach();
    --open_;
    openConnection(exchange);
  }

  void shutdown() {
    closing_ = true;
    auto waiting = std::move(waiting_);
    for (auto& exchange : waiting) exchange->finish(Error{ErrorKind::kCancelled, "the HTTP transport was destroyed"});
    auto idle = std::move(idle_);
    for (auto& connection : idle) connection->close();
  }

 private:
  void openConnection(const std::shared_ptr<Exchange>& exchange) {
    ++open_;
    auto connection = std::make_shared<Connection>(io_, settings_, weak_from_this());
    connection->open(exchange);
  }

  void pump() {
    while (!waiting_.empty() && !closing_ && (!idle_.empty() || open_ < settings_->maxConnections)) {
      auto exchange = std::move(waiting_.front());
      waiting_.pop_front();
      submit(exchange);
    }
  }

  asio::io_context& io_;
  std::shared_ptr<const Settings> settings_;
  std::vector<std::shared_ptr<Connection>> idle_;
  std::deque<std::shared_ptr<Exchange>> waiting_;
  std::size_t open_ = 0;
  bool closing_ = false;
};

void Exchange::abort() {
  if (finished) return;
  finish(Error{ErrorKind::kCancelled, "request aborted"});
  if (auto c = connection.lock()) c->close();
}

void Connection::open(std::shared_ptr<Exchange> exchange) {
  current_ = std::move(exchange);
  current_->connection = weak_from_this();
  reused_ = false;
  const auto& endpoint = settings_->endpoint;
  error_code error;
  const auto address = asio::ip::make_address(endpoint.host, error);
  if (!error) {
    // A literal address needs no resolver (whose lookups run on asio's internal resolver thread).
    const auto port = static_cast<unsigned short>(std::stoul(endpoint.port));
    connect(tcp::resolver::results_type::create(tcp::endpoint(address, port), endpoint.host, endpoint.port));
    return;
  }
  resolver_.async_resolve(endpoint.host, endpoint.port,
                          [self = shared_from_this()](const error_code& error, tcp::resolver::results_type results) {
                            if (self->closed_) return self->retire();
                            if (error) return self->fail("could not resolve " + self->settings_->endpoint.host, error);
                            self->connect(results);
                          });
}

void Connection::connect(const tcp::resolver::results_type& endpoints) {
  asio::async_connect(socket(), endpoints, [self = shared_from_this()](const error_code& error, const tcp::endpoint&) {
    if (self->closed_) return self->retire();
    if (error) return self->fail("could not connect to " + self->settings_->endpoint.hostHeader, error);
    error_code ignored;
    self->socket().set_option(tcp::no_delay(true), ignored);
    if (self->tls_) return self->handshake();
    self->write();
  });
}

void Connection::handshake() {
  if (!prepareTlsClientStream(*tls_, settings_->endpoint.host, settings_->verify, tlsReport_))
    return fail("could not set the TLS server name", asio::error::invalid_argument);
  tls_->async_handshake(ssl::stream_base::client, [self = shared_from_this()](const error_code& error) {
    if (self->closed_) return self->retire();
    if (error) {
      const auto& reason = self->tlsReport_->reason;
      return self->fail("TLS handshake with " + self->settings_->endpoint.hostHeader + " failed" +
                            (reason.empty() ? "" : ": certificate verification failed (" + reason + ")"),
                        error);
    }
    self->write();
  });
}

void Connection::run(std::shared_ptr<Exchange> exchange, bool reused) {
  current_ = std::move(exchange);
  current_->connection = weak_from_this();
  reused_ = reused;
  write();
}

void Connection::write() {
  auto text = asio::buffer(current_->request);
  if (plain_) {
    // A request fits the socket's send buffer: written at once, the answer is awaited without the loop round an
    // asynchronous write's completion takes. What does not fit is written asynchronously.
    error_code error;
    if (!plain_->non_blocking()) plain_->non_blocking(true, error);  // a system call: once per connection
    const std::size_t written = error ? 0 : plain_->write_some(text, error);
    if (!error && written == text.size()) return read();
    if (error && error != asio::error::would_block && error != asio::error::try_again) return writeFailed(error);
    text += written;
  }
  withStream([this, text](auto& stream) {
    asio::async_write(stream, text, [self = shared_from_this()](const error_code& error, std::size_t) {
      if (self->closed_) return self->retire();
      if (error) return self->writeFailed(error);
      self->read();
    });
  });
}

void Connection::read() {
  parser_.emplace(settings_->maxResponseBytes, current_->head, kHeaderLimit);
  receive();
}

void Connection::receive() {
  withStream([this](auto& stream) {
    stream.async_read_some(buffer_.prepare(readSize_),
                           [self = shared_from_this()](const error_code& error, std::size_t received) {
                             const IoRuntime::HandlerScope scope;  // callbacks of kIoThread clients run at its end
                             if (self->closed_) return self->retire();
                             self->buffer_.commit(received);
                             if (received == self->readSize_) self->readSize_ = std::min(2 * received, kMaxReadSize);
                             self->received(error);
                           });
  });
}

void Connection::received(const error_code& error) {
  auto& parser = *parser_;
  const auto bytes = buffer_.data();
  buffer_.consume(parser.parse(std::string_view(static_cast<const char*>(bytes.data()), bytes.size())));
  if (error == asio::error::eof) parser.endOfStream();
  switch (parser.state()) {
    case HttpResponseParser::State::kComplete: return onResponse();
    case HttpResponseParser::State::kBodyTooLarge:  // not transient: the same answer would come again
      return refuseAnswer(Error{ErrorKind::kBadResponse, "the answer from " + settings_->endpoint.hostHeader +
                                                             " is larger than ClientOptions::maxResponseBytes (" +
                                                             std::to_string(settings_->maxResponseBytes) + " bytes)"});
    case HttpResponseParser::State::kMalformed:
      return refuseAnswer(Error{ErrorKind::kConnectionFailed, "the answer from " + settings_->endpoint.hostHeader +
                                                                  " is not valid HTTP/1.1: " + parser.error()});
    case HttpResponseParser::State::kIncomplete: break;
  }
  if (error) return readFailed(error);
  receive();
}

void Connection::onResponse() {
  HttpResponse response = parser_->take();
  const bool keepAlive = parser_->keepAlive();
  parser_.reset();
  auto exchange = std::move(current_);
  // Unread bytes after a complete answer would be a protocol error: don't reuse such a connection.
  if (keepAlive && buffer_.size() == 0) {
    if (auto pool = pool_.lock()) {
      pool->release(shared_from_this());
    } else {
      close();
    }
  } else {
    close();
  }
  exchange->finish(std::move(response));
}

void Connection::fail(const std::string& what, const error_code& error) {
  // A kept-alive connection the server closed while idle fails before any byte of the answer: send the
  // request once more on a fresh connection.
  const bool nothingRead = buffer_.size() == 0 && (!parser_ || !parser_->gotSome());
  if (current_ && reused_ && nothingRead && !current_->retried && !current_->finished) {
    if (auto pool = pool_.lock()) {
      auto exchange = std::move(current_);
      exchange->retried = true;
      closed_ = true;
      error_code ignored;
      socket().close(ignored);
      pool->resendFresh(*this, exchange);
      return;
    }
  }
  refuseAnswer(Error{ErrorKind::kConnectionFailed, what + ": " + error.message()});
}

void Connection::refuseAnswer(Error error) {
  auto exchange = std::move(current_);
  close();
  if (exchange) exchange->finish(std::move(error));
}

void Connection::close() {
  if (!closed_) {
    closed_ = true;
    resolver_.cancel();
    error_code ignored;
    socket().close(ignored);
  }
  retire();
}

void Connection::retire() {
  if (retired_) return;
  retired_ = true;
  if (auto pool = pool_.lock()) pool->gone(this);
}

class BeastHttpTransport final : public HttpTransport {
 public:
  BeastHttpTransport(IoRuntime& runtime, const HttpTransportConfig& config) {
    auto settings = std::make_shared<Settings>();
    try {
      settings->endpoint = parseBaseUrl(config.baseUrl);
    } catch (const std::exception& e) {
      configError_ = e.what();
    }
    settings->verify = config.tls.verify;
    settings->maxConnections = (std::max)(std::size_t{1}, config.maxConnections);
    settings->maxResponseBytes = config.maxResponseBytes;
    if (settings->endpoint.tls && configError_.empty()) {
      settings->tls = sharedTlsClientContext(config.tls, configError_);
    }
    hostHeader_ = settings->endpoint.hostHeader;
    pool_ = std::make_shared<Pool>(runtime.context(), std::move(settings));
  }

  // The runtime outlives the transport: close the idle connections on its thread.
  ~BeastHttpTransport() override {
    asio::post(pool_->io(), [pool = pool_] { pool->shutdown(); });
  }

  AbortFn send(HttpRequest request, HttpCallback done) override {
    auto exchange = std::make_shared<Exchange>();
    exchange->done = std::move(done);
    auto& io = pool_->io();
    if (!configError_.empty()) {
      asio::post(io, [exchange, error = configError_] { exchange->finish(Error{ErrorKind::kInvalidArgument, error}); });
      return [] {};
    }
    std::string invalid;
    auto text = serializeRequest(request, hostHeader_, invalid);
    if (!text) {  // the caller's mistake: answered without I/O
      asio::post(io, [exchange, error = std::move(invalid)] {
        exchange->finish(Error{ErrorKind::kInvalidArgument, "cannot send the request: " + error});
      });
      return [] {};
    }
    exchange->request = std::move(*text);
    exchange->head = std::string_view(request.method) == "HEAD";
    // dispatch: on the I/O thread (a kIoThread callback, a retry timer) it submits at once, without a post.
    asio::dispatch(io, [pool = pool_, exchange] { pool->submit(exchange); });
    std::weak_ptr<Exchange> weak = exchange;
    return [weak, executor = io.get_executor()] {
      // Once the exchange is gone (finished and released) there is nothing left to abort.
      if (weak.expired()) return;
      asio::post(executor, [weak] {
        if (auto exchange = weak.lock()) exchange->abort();
      });
    };
  }

 private:
  std::shared_ptr<Pool> pool_;
  std::string configError_;
  std::string hostHeader_;
};

}  // namespace

std::shared_ptr<HttpTransport> makeBeastHttpTransport(IoRuntime& runtime, const HttpTransportConfig& config) {
  return std::make_shared<BeastHttpTransport>(runtime, config);
}

}  // namespace nakama::internal
