// The Beast HTTP transport against a tiny blocking HTTP/1.1 server on loopback (one thread per
// connection, so handlers may block to hold a request in flight).

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <mutex>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "core/runtime.h"
#include "transport/http_transport.h"

namespace nakama::internal {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr auto kDeadline = std::chrono::seconds(10);

class TinyHttpServer {
 public:
  using Request = http::request<http::string_body>;
  struct Reply {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool closeAfter = false;  // close the connection after answering, without telling the client
    // When set, the answer's bytes exactly as written, a short pause after each piece (status and body unused).
    std::vector<std::string> rawPieces;
  };
  using Handler = std::function<Reply(const Request&)>;

  explicit TinyHttpServer(Handler handler)
      : handler_(std::move(handler)), acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    acceptThread_ = std::thread([this] { acceptLoop(); });
  }

  ~TinyHttpServer() {
    stopping_ = true;
    {  // wake the blocking accept
      tcp::socket wake(io_);
      boost::system::error_code ignored;
      wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ignored);
      acceptThread_.join();
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto& socket : sockets_) {
        boost::system::error_code ignored;
        socket->shutdown(tcp::socket::shutdown_both, ignored);
      }
    }
    for (auto& thread : threads_) thread.join();
  }

  std::uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int connections() const { return accepted_; }
  int closedConnections() const { return closed_; }

 private:
  void acceptLoop() {
    for (;;) {
      auto socket = std::make_shared<tcp::socket>(io_);
      boost::system::error_code error;
      acceptor_.accept(*socket, error);
      if (stopping_) return;
      if (error) continue;
      ++accepted_;
      std::lock_guard<std::mutex> lock(mutex_);
      sockets_.push_back(socket);
      threads_.emplace_back([this, socket] { serve(*socket); });
    }
  }

  void serve(tcp::socket& socket) {
    boost::beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(64 * 1024 * 1024);
      boost::system::error_code error;
      http::read(socket, buffer, parser, error);
      if (error) break;
      Request request = parser.release();
      Reply reply = handler_(request);
      if (!reply.rawPieces.empty()) {
        for (const auto& piece : reply.rawPieces) {
          asio::write(socket, asio::buffer(piece), error);
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (error || reply.closeAfter) break;
        continue;
      }
      http::response<http::string_body> response{static_cast<http::status>(reply.status), 11};
      for (const auto& [name, value] : reply.headers) response.insert(name, value);
      response.body() = std::move(reply.body);
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      http::write(socket, response, error);
      if (error || reply.closeAfter || !request.keep_alive()) break;
    }
    {  // the destructor may be shutting the same socket down
      std::lock_guard<std::mutex> lock(mutex_);
      boost::system::error_code ignored;
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
    }
    ++closed_;
  }

  Handler handler_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::atomic<int> closed_{0};
  std::mutex mutex_;
  std::list<std::shared_ptr<tcp::socket>> sockets_;
  std::list<std::thread> threads_;
  std::thread acceptThread_;
};

// A latch the server's handlers wait on (with a deadline, so a broken test fails instead of hanging).
class Gate {
 public:
  void open() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  void arrive() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++arrived_;
    changed_.notify_all();
  }
  bool waitOpen() {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, kDeadline, [this] { return open_; });
  }
  bool waitArrived(int count) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, kDeadline, [this, count] { return arrived_ >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
  int arrived_ = 0;
};

// One request's completion: the first result, and how often `done` ran.
struct Call {
  std::promise<Result<HttpResponse>> promise;
  std::future<Result<HttpResponse>> future = promise.get_future();
  std::atomic<int> calls{0};
  AbortFn abort;

  Result<HttpResponse> wait() {
    if (future.wait_for(kDeadline) != std::future_status::ready) return Error{ErrorKind::kTimeout, "no completion"};
    return future.get();
  }
};

HttpRequest get(const std::string& target) {
  HttpRequest request;
  request.method = "GET";
  request.target = target;
  return request;
}

class BeastHttpTransportTest : public ::testing::Test {
 protected:
  std::shared_ptr<Call> send(HttpTransport& transport, HttpRequest request) {
    auto call = std::make_shared<Call>();
    call->abort = transport.send(std::move(request), [call](Result<HttpResponse> result) {
      if (call->calls.fetch_add(1) == 0) call->promise.set_value(std::move(result));
    });
    return call;
  }

  std::shared_ptr<HttpTransport> transport(const std::string& url, std::size_t maxConnections = 8) {
    HttpTransportConfig config;
    config.baseUrl = url;
    config.maxConnections = maxConnections;
    config.tls.verify = false;
    transport_ = makeBeastHttpTransport(runtime_, config);
    return transport_;
  }

  // Echoes the target once `count` requests have arrived at `gate` (500 "not concurrent" if they never do).
  static TinyHttpServer::Handler echoOnceArrived(Gate& gate, int count) {
    return [&gate, count](const TinyHttpServer::Request& request) {
      gate.arrive();
      if (!gate.waitArrived(count)) return TinyHttpServer::Reply{500, {}, "not concurrent", false};
      return ok(std::string(request.target()));
    };
  }

  static TinyHttpServer::Reply ok(std::string body) {
    TinyHttpServer::Reply reply;
    reply.body = std::move(body);
    return reply;
  }

  IoRuntime runtime_;
  std::shared_ptr<HttpTransport> transport_;  // destroyed before the runtime
};

TEST_F(BeastHttpTransportTest, SequentialRequestsReuseOneConnection) {
  TinyHttpServer server([](const TinyHttpServer::Request& request) { return ok(std::string(request.target())); });
  auto http = transport(server.url());
  auto first = send(*http, get("/one"))->wait();
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first->body, "/one");
  auto second = send(*http, get("/two"))->wait();
  ASSERT_TRUE(second.ok()) << second.error();
  EXPECT_EQ(second->body, "/two");
  EXPECT_EQ(server.connections(), 1);
}

TEST_F(BeastHttpTransportTest, ConcurrentRequestsRunOnSeparateConnections) {
  Gate gate;
  // Each answer waits until all three requests arrived: they can only succeed if they run together.
  TinyHttpServer server(echoOnceArrived(gate, 3));
  auto http = transport(server.url());
  auto a = send(*http, get("/a"));
  auto b = send(*http, get("/b"));
  auto c = send(*http, get("/c"));
  for (auto& [call, target] : {std::pair{a, "/a"}, std::pair{b, "/b"}, std::pair{c, "/c"}}) {
    auto result = call->wait();
    ASSERT_TRUE(result.ok()) << result.error();
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->body, target);
  }
  EXPECT_EQ(server.connections(), 3);
}

TEST_F(BeastHttpTransportTest, RequestsBeyondTheConnectionLimitWaitForAFreeConnection) {
  TinyHttpServer server([](const TinyHttpServer::Request& request) { return ok(std::string(request.target())); });
  auto http = transport(server.url(), 2);
  std::vector<std::shared_ptr<Call>> calls;
  for (int i = 0; i < 6; ++i) calls.push_back(send(*http, get("/" + std::to_string(i))));
  for (int i = 0; i < 6; ++i) {
    auto result = calls[i]->wait();
    ASSERT_TRUE(result.ok()) << result.error();
    EXPECT_EQ(result->body, "/" + std::to_string(i));
  }
  EXPECT_LE(server.connections(), 2);
}

TEST_F(BeastHttpTransportTest, ClientOptionsSetTheConnectionLimit) {
  Gate gate;
  // The first three answers wait until three requests arrived: those hold their connections while the other
  // six are queued, so only the limit keeps the pool from opening more.
  TinyHttpServer server(echoOnceArrived(gate, 3));
  ClientOptions options;
  options.maxHttpConnections = 3;
  transport_ = makeHttpTransport(options, runtime_, server.url());
  std::vector<std::shared_ptr<Call>> calls;
  for (int i = 0; i < 9; ++i) calls.push_back(send(*transport_, get("/" + std::to_string(i))));
  for (auto& call : calls) {
    auto result = call->wait();
    ASSERT_TRUE(result.ok()) << result.error();
  }
  EXPECT_EQ(server.connections(), 3);
}

TEST_F(BeastHttpTransportTest, IdleConnectionClosedByTheServerIsReplaced) {
  std::atomic<int> served{0};
  TinyHttpServer server([&](const TinyHttpServer::Request&) {
    auto reply = ok("served " + std::to_string(++served));
    reply.closeAfter = served == 1;  // no "Connection: close": the client keeps the connection
    return reply;
  });
  auto http = transport(server.url());
  auto first = send(*http, get("/"))->wait();
  ASSERT_TRUE(first.ok()) << first.error();
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (server.closedConnections() < 1 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  ASSERT_EQ(server.closedConnections(), 1);

  auto second = send(*http, get("/"))->wait();
  ASSERT_TRUE(second.ok()) << second.error();
  EXPECT_EQ(second->body, "served 2");
  EXPECT_EQ(server.connections(), 2);
}

TEST_F(BeastHttpTransportTest, RefusedConnectionIsAConnectionFailure) {
  std::uint16_t port = 0;
  {  // a port nobody listens on any more
    asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    port = acceptor.local_endpoint().port();
  }
  auto http = transport("http://127.0.0.1:" + std::to_string(port));
  auto result = send(*http, get("/"))->wait();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kConnectionFailed) << result.error();
}

TEST_F(BeastHttpTransportTest, AbortMidRequestReportsCancelledOnce) {
  Gate received;
  Gate release;
  TinyHttpServer server([&](const TinyHttpServer::Request& request) {
    if (request.target() == "/slow") {
      received.arrive();
      release.waitOpen();
    }
    return ok("done");
  });
  auto http = transport(server.url());
  auto slow = send(*http, get("/slow"));
  ASSERT_TRUE(received.waitArrived(1));
  slow->abort();
  slow->abort();
  auto result = slow->wait();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kCancelled);
  release.open();

  // Later completions go through the same I/O thread: once this one ran, a second `done` would have too.
  auto next = send(*http, get("/next"))->wait();
  ASSERT_TRUE(next.ok()) << next.error();
  EXPECT_EQ(slow->calls, 1);
}

TEST_F(BeastHttpTransportTest, AbortAfterCompletionChangesNothing) {
  TinyHttpServer server([](const TinyHttpServer::Request&) { return ok("fine"); });
  auto http = transport(server.url());
  auto call = send(*http, get("/"));
  auto result = call->wait();
  ASSERT_TRUE(result.ok()) << result.error();
  call->abort();
  auto next = send(*http, get("/"))->wait();
  ASSERT_TRUE(next.ok()) << next.error();
  EXPECT_EQ(call->calls, 1);
  EXPECT_EQ(server.connections(), 1);
}

TEST_F(BeastHttpTransportTest, LargeBodiesTravelWhole) {
  std::string big(20 * 1024 * 1024, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
  TinyHttpServer server([&](const TinyHttpServer::Request& request) {
    return ok(request.body() == big.substr(0, request.body().size()) ? big : "request body corrupted");
  });
  auto http = transport(server.url());
  HttpRequest request;
  request.method = "POST";
  request.target = "/big";
  request.body = big.substr(0, 3 * 1024 * 1024);
  request.hasBody = true;
  auto result = send(*http, request)->wait();
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->body.size(), big.size());
  EXPECT_TRUE(result->body == big);
}

// The header's read may bring all of the body, part of it, or none: each answer arrives in pieces that cut it
// elsewhere (inside the body, inside a chunk header), and all share one kept-alive connection.
TEST_F(BeastHttpTransportTest, AnswersSplitAnywhereArriveWhole) {
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
  const std::map<std::string, std::vector<std::string>> answers = {
      {"/whole", {head + "Content-Length: 11\r\n\r\n{\"a\":\"one\"}"}},
      {"/split-body", {head + "Content-Length: 11\r\n\r\n{\"a\"", ":\"two\"}"}},
      {"/header-only", {head + "Content-Length: 13\r\n\r\n", "{\"a\":\"three\"}"}},
      {"/chunked", {head + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n", "7\r\n\"four\"}\r\n0\r", "\n\r\n"}},
  };
  TinyHttpServer server([&](const TinyHttpServer::Request& request) {
    TinyHttpServer::Reply reply;
    auto it = answers.find(std::string(request.target()));
    if (it != answers.end()) reply.rawPieces = it->second;
    return reply;
  });
  auto http = transport(server.url(), 1);
  const std::vector<std::pair<std::string, std::string>> expected = {{"/whole", "{\"a\":\"one\"}"},
                                                                     {"/split-body", "{\"a\":\"two\"}"},
                                                                     {"/header-only", "{\"a\":\"three\"}"},
                                                                     {"/chunked", "{\"a\":\"four\"}"},
                                                                     {"/whole", "{\"a\":\"one\"}"}};
  for (const auto& [target, body] : expected) {
    auto result = send(*http, get(target))->wait();
    ASSERT_TRUE(result.ok()) << target << ": " << result.error();
    EXPECT_EQ(result->status, 200) << target;
    EXPECT_EQ(result->body, body) << target;
  }
  EXPECT_EQ(server.connections(), 1);
}

// Answers in raw bytes, each followed by the end of the connection: one whose body runs to that end, one that is
// not HTTP, one cut short.
TEST_F(BeastHttpTransportTest, AnswersEndedByTheConnectionMalformedOrCutShort) {
  const std::map<std::string, std::vector<std::string>> answers = {
      {"/to-end", {"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nread to ", "the end"}},
      {"/malformed", {"HTTP/1.1 200 OK\r\nNo colon\r\n\r\n"}},
      {"/cut", {"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"}},
  };
  TinyHttpServer server([&](const TinyHttpServer::Request& request) {
    TinyHttpServer::Reply reply;
    reply.rawPieces = answers.at(std::string(request.target()));
    reply.closeAfter = true;
    return reply;
  });
  auto http = transport(server.url(), 1);
  auto toEnd = send(*http, get("/to-end"))->wait();
  ASSERT_TRUE(toEnd.ok()) << toEnd.error();
  EXPECT_EQ(toEnd->body, "read to the end");
  auto malformed = send(*http, get("/malformed"))->wait();
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().kind, ErrorKind::kConnectionFailed);
  EXPECT_NE(malformed.error().message.find("is not valid HTTP/1.1: a header line without a colon"), std::string::npos)
      << malformed.error();
  auto cut = send(*http, get("/cut"))->wait();
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().kind, ErrorKind::kConnectionFailed);
  EXPECT_NE(cut.error().message.find("could not read the answer"), std::string::npos) << cut.error();
  EXPECT_EQ(server.connections(), 3);  // none of them left a connection to reuse
}

TEST_F(BeastHttpTransportTest, ForwardsTheRequestAndReadsResponseHeadersInAnyCase) {
  std::string host;  // set before the request is sent
  TinyHttpServer server([&](const TinyHttpServer::Request& request) {
    const bool expected = request.method() == http::verb::post && request.target() == "/v2/rpc/echo?unwrap=true" &&
                          request[http::field::authorization] == "Bearer token" &&
                          request[http::field::accept] == "application/json" &&
                          request[http::field::content_type] == "application/json" && request.body() == "{\"a\":1}" &&
                          request[http::field::host] == host;
    TinyHttpServer::Reply reply;
    reply.status = 404;
    reply.headers = {{"X-Custom-Header", "Value"}, {"Retry-After", "3"}, {"X-Repeated", "a"}, {"x-repeated", "b"}};
    reply.body = expected ? "{\"message\":\"not found\"}" : "unexpected request";
    return reply;
  });
  host = "127.0.0.1:" + std::to_string(server.port());
  auto http = transport(server.url());
  HttpRequest request;
  request.method = "POST";
  request.target = "/v2/rpc/echo?unwrap=true";
  request.authorization = shareText("Bearer token");
  request.body = "{\"a\":1}";
  request.hasBody = true;
  auto result = send(*http, request)->wait();
  ASSERT_TRUE(result.ok()) << result.error();  // any HTTP answer is a response, whatever its status
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(result->body, "{\"message\":\"not found\"}");
  EXPECT_EQ(result->header("x-custom-header"), "Value");
  EXPECT_EQ(result->header("X-CUSTOM-HEADER"), "Value");  // names match in any case
  EXPECT_EQ(result->header("retry-after"), "3");
  EXPECT_EQ(result->header("x-missing"), std::nullopt);
  EXPECT_EQ(result->header("x-repeated"), "a, b");  // a repeated header is one comma-separated list
}

// Text that would end a line in the request (a header or a second request smuggled in) is refused before any I/O.
TEST_F(BeastHttpTransportTest, RequestsThatCannotBeWrittenAsTheyAreAreRefused) {
  TinyHttpServer server([](const TinyHttpServer::Request&) { return ok("{}"); });
  auto http = transport(server.url());
  auto refused = [&](HttpRequest request) {
    auto result = send(*http, request)->wait();
    return !result.ok() && result.error().kind == ErrorKind::kInvalidArgument;
  };
  HttpRequest injected = get("/v2/account");
  injected.authorization = shareText("Bearer token\r\nX-Evil: 1");
  EXPECT_TRUE(refused(injected));
  HttpRequest badMethod = get("/v2/account");
  badMethod.method = "GET /x HTTP/1.1\r\n";
  EXPECT_TRUE(refused(badMethod));
  HttpRequest badTarget = get("/v2/account\nHost: elsewhere");
  EXPECT_TRUE(refused(badTarget));
  HttpRequest badHeader = get("/v2/account");
  badHeader.headers = {{"X-Name", "value\r\n\r\nGET / HTTP/1.1"}};
  EXPECT_TRUE(refused(badHeader));
  EXPECT_EQ(server.connections(), 0);                         // nothing was sent
  EXPECT_TRUE(send(*http, get("/v2/account"))->wait().ok());  // the transport still works
}

// The Host header comes from the server URL: checked once, when the transport is made; each request then fails.
TEST_F(BeastHttpTransportTest, AHostThatCannotBeWrittenOnALineFailsEveryRequest) {
  auto http = transport("http://127.0.0.1\r\nX-Evil: 1:7350");
  auto result = send(*http, get("/v2/account"))->wait();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_NE(result.error().message.find("invalid character in the host"), std::string::npos) << result.error();
}

TEST_F(BeastHttpTransportTest, TlsHandshakeWithAPlainServerIsAConnectionFailure) {
  TinyHttpServer server([](const TinyHttpServer::Request&) { return ok("plain"); });
  auto http = transport("https://127.0.0.1:" + std::to_string(server.port()));
  auto result = send(*http, get("/"))->wait();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kConnectionFailed) << result.error();
}

TEST_F(BeastHttpTransportTest, InvalidBaseUrlIsReportedPerRequest) {
  auto http = transport("ftp://example.com");
  auto result = send(*http, get("/"))->wait();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument) << result.error();
}

}  // namespace
}  // namespace nakama::internal
