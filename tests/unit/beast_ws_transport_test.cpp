// The Boost.Beast WebSocket transport against a small Beast server on loopback (ephemeral port): the
// transport's contract (ws_transport.h) on a real socket.

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "core/runtime.h"
#include "realtime/ws_transport.h"

namespace nakama::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using namespace std::chrono_literals;

constexpr auto kWait = 10s;  // only bounds a wait for something that must happen

// What the test server saw, read by the test thread.
struct ServerLog {
  std::mutex mutex;
  std::condition_variable changed;
  std::string target;
  std::string testHeader;
  std::optional<websocket::close_reason> clientClose;
  std::vector<std::string> received;            // every text frame, in order
  std::optional<error_code> serverCloseResult;  // how the closing handshake "close-me" started ended

  template <class Predicate>
  bool waitUntil(Predicate predicate) {
    std::unique_lock<std::mutex> lock(mutex);
    return changed.wait_for(lock, kWait, [&] { return predicate(); });
  }
};

// One server connection. It reads the upgrade request itself (to log it, or to refuse it), then echoes
// text frames, except for a few commands: "close-me" (close frame 4001 "bye now"), "raw-close" (close frame
// 4002 "gone", then TCP close), "raw-empty-close" (close frame without a code, then TCP close), "drop" (TCP
// close without a close frame), "burst" (20 frames "burst-0".."burst-19"), "stall" (reads nothing for 300 ms).
class ServerSession : public std::enable_shared_from_this<ServerSession> {
 public:
  ServerSession(tcp::socket socket, bool refuse, ServerLog& log) : ws_(std::move(socket)), refuse_(refuse), log_(log) {}

  void start() {
    auto self = shared_from_this();
    http::async_read(ws_.next_layer(), buffer_, request_, [self](error_code ec, std::size_t) {
      if (ec) return;
      {
        std::lock_guard<std::mutex> lock(self->log_.mutex);
        self->log_.target = std::string(self->request_.target());
        self->log_.testHeader = std::string(self->request_["X-Test"]);
      }
      self->log_.changed.notify_all();
      if (self->refuse_) return self->refuse();
      self->ws_.read_message_max(0);
      self->ws_.async_accept(self->request_, [self](error_code ec2) {
        if (!ec2) self->read();
      });
    });
  }

 private:
  void refuse() {
    auto self = shared_from_this();
    response_.result(http::status::unauthorized);
    response_.body() = "unauthorized token\n";
    response_.prepare_payload();
    http::async_write(ws_.next_layer(), response_, [self](error_code, std::size_t) {
      error_code ignored;
      self->ws_.next_layer().shutdown(tcp::socket::shutdown_both, ignored);
    });
  }

  void read() {
    auto self = shared_from_this();
    buffer_.consume(buffer_.size());
    ws_.async_read(buffer_, [self](error_code ec, std::size_t) {
      if (ec == websocket::error::closed) {
        {
          std::lock_guard<std::mutex> lock(self->log_.mutex);
          self->log_.clientClose = self->ws_.reason();
        }
        self->log_.changed.notify_all();
      }
      if (ec) return;
      {
        std::lock_guard<std::mutex> lock(self->log_.mutex);
        self->log_.received.push_back(beast::buffers_to_string(self->buffer_.data()));
      }
      self->handle(beast::buffers_to_string(self->buffer_.data()));
    });
  }

  void handle(const std::string& message) {
    auto self = shared_from_this();
    if (message == "close-me") {
      websocket::close_reason frame;
      frame.code = 4001;
      frame.reason = "bye now";
      ws_.async_close(frame, [self](error_code ec) {
        {
          std::lock_guard<std::mutex> lock(self->log_.mutex);
          self->log_.serverCloseResult = ec;
        }
        self->log_.changed.notify_all();
      });
    } else if (message == "raw-close" || message == "raw-empty-close") {
      // A close frame written by hand, then the TCP connection dropped at once (as Nakama does), without
      // waiting for the client's answer.
      const std::string frame =
          message == "raw-close" ? std::string("\x88\x06\x0f\xa2gone", 8) : std::string("\x88\x00", 2);
      error_code ignored;
      asio::write(ws_.next_layer(), asio::buffer(frame), ignored);
      ws_.next_layer().close(ignored);
    } else if (message == "drop") {
      error_code ignored;
      ws_.next_layer().close(ignored);
    } else if (message == "stall") {
      std::this_thread::sleep_for(300ms);  // reads nothing meanwhile: the client's socket buffers fill up
      read();
    } else if (message == "burst") {
      for (int i = 0; i < 20; ++i) pending_.push_back("burst-" + std::to_string(i));
      writeNext();
    } else {
      pending_.push_back(message);
      writeNext();
    }
  }

  // Sends pending_ one frame at a time, then reads the next message.
  void writeNext() {
    if (pending_.empty()) return read();
    auto self = shared_from_this();
    ws_.text(true);
    ws_.async_write(asio::buffer(pending_.front()), [self](error_code ec, std::size_t) {
      if (ec) return;
      self->pending_.erase(self->pending_.begin());
      self->writeNext();
    });
  }

  websocket::stream<tcp::socket> ws_;
  bool refuse_;
  ServerLog& log_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  std::vector<std::string> pending_;
};

class TestWsServer {
 public:
  enum class Mode {
    kWebSocket,  ///< accepts upgrades
    kRefuse401,  ///< answers every upgrade request with 401
    kSilent,     ///< listens but never accepts: connections hang before the handshake
  };

  explicit TestWsServer(Mode mode) : mode_(mode) {
    if (mode_ != Mode::kSilent) accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~TestWsServer() {
    io_.stop();
    thread_.join();
  }

  int port() const { return acceptor_.local_endpoint().port(); }
  ServerLog& log() { return log_; }

 private:
  void accept() {
    acceptor_.async_accept([this](error_code ec, tcp::socket socket) {
      if (ec) return;
      std::make_shared<ServerSession>(std::move(socket), mode_ == Mode::kRefuse401, log_)->start();
      accept();
    });
  }

  Mode mode_;
  ServerLog log_;
  asio::io_context io_;
  tcp::acceptor acceptor_{io_, tcp::endpoint(asio::ip::address_v4::loopback(), 0)};
  std::thread thread_;
};

// What the transport reported, in order.
struct Event {
  enum Kind { kOpen, kMessage, kClose, kFail } kind;
  std::string text;  // message, close reason or failure message
  int code = 0;
  internal::WsFailure failure;
};

class Recorder {
 public:
  internal::WsTransport::Handlers handlers() {
    internal::WsTransport::Handlers h;
    h.onOpen = [this] { add(Event{Event::kOpen, "", 0, {}}); };
    h.onMessage = [this](std::string text) {
      if (onMessage) onMessage(text);
      add(Event{Event::kMessage, std::move(text), 0, {}});
    };
    h.onClose = [this](int code, std::string reason) { add(Event{Event::kClose, std::move(reason), code, {}}); };
    h.onFail = [this](internal::WsFailure failure) { add(Event{Event::kFail, failure.message, 0, failure}); };
    return h;
  }

  /// The first `count` events, once there are that many (fails the test if they do not come).
  std::vector<Event> waitFor(std::size_t count) {
    std::unique_lock<std::mutex> lock(mutex_);
    EXPECT_TRUE(changed_.wait_for(lock, kWait, [&] { return events_.size() >= count; }))
        << "only " << events_.size() << " of " << count << " transport events came";
    return events_;
  }

  std::vector<Event> events() {
    std::lock_guard<std::mutex> lock(mutex_);
    return events_;
  }

  std::function<void(const std::string&)> onMessage;  // runs on the I/O thread before the event is recorded

 private:
  void add(Event event) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      events_.push_back(std::move(event));
    }
    changed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Event> events_;
};

class BeastWsTransportTest : public ::testing::Test {
 protected:
  std::shared_ptr<internal::WsTransport> makeTransport(std::chrono::milliseconds connectTimeout = 10s) {
    internal::WsTransportConfig config;
    config.connectTimeout = connectTimeout;
    return internal::makeBeastWsTransport(runtime_, config);
  }

  static std::string url(int port) { return "ws://127.0.0.1:" + std::to_string(port) + "/ws?token=secret&lang=en"; }

  /// Sends `sent` in one go from the I/O thread (as handlers do, so the frames are written together), then
  /// expects each echo, whole and in order, after the open event.
  void sendFromTheIoThreadAndExpectEchoes(const std::shared_ptr<internal::WsTransport>& transport,
                                          const std::vector<std::string>& sent) {
    runtime_.post([transport, sent] {
      for (const auto& text : sent) transport->send(text);
    });
    auto events = recorder_.waitFor(1 + sent.size());
    ASSERT_EQ(events.size(), 1 + sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i) {
      EXPECT_EQ(events[1 + i].kind, Event::kMessage);
      EXPECT_TRUE(events[1 + i].text == sent[i]) << "echo " << i << " differs";
    }
  }

  /// A transport connected to `server` (its open event recorded), or null when it did not open.
  std::shared_ptr<internal::WsTransport> openedTransport(TestWsServer& server) {
    auto transport = makeTransport();
    transport->connect(url(server.port()), {}, recorder_.handlers());
    const auto events = recorder_.waitFor(1);
    if (events.empty() || events[0].kind != Event::kOpen) return nullptr;
    return transport;
  }

  /// Drops the test's reference and waits until the transport's pending operations have all ended.
  static void waitUntilGone(std::shared_ptr<internal::WsTransport>& transport) {
    std::weak_ptr<internal::WsTransport> weak = transport;
    transport.reset();
    const auto deadline = std::chrono::steady_clock::now() + kWait;
    while (!weak.expired() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
    EXPECT_TRUE(weak.expired()) << "the transport still has operations in flight";
  }

  Recorder recorder_;  // outlives the runtime, whose last queued handlers may still report to it
  internal::IoRuntime runtime_;
};

TEST_F(BeastWsTransportTest, OpensSendsTheRequestAndEchoes) {
  TestWsServer server(TestWsServer::Mode::kWebSocket);
  auto transport = makeTransport();
  transport->connect(url(server.port()), {{"X-Test", "yes"}}, recorder_.handlers());
  ASSERT_EQ(recorder_.waitFor(1)[0].kind, Event::kOpen);
  {
    std::lock_guard<std::mutex> lock(server.log().mutex);
    EXPECT_EQ(server.log().target, "/ws?token=secret&lang=en");
    EXPECT_EQ(server.log().testHeader, "yes");
  }
  transport->send("hello");
  transport->send("world");
  auto events = recorder_.waitFor(3);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].kind, Event::kMessage);
  EXPECT_EQ(events[1].text, "hello");
  EXPECT_EQ(events[2].text, "world");
  transport->close(1000, "");
  waitUntilGone(transport);
}

// A frame is handed over inside a HandlerScope, as a REST answer is: the callbacks it completes for a kIoThread
// client run when the read handler ends, not a loop round later.
TEST_F(BeastWsTransportTest, MessagesAreHandledInsideAHandlerScope) {
  TestWsServer server(TestWsServer::Mode::kWebSocket);
  std::mutex mutex;
  std::vector<std::string> order;
  const auto record = [&](const std::string& what) {
    std::lock_guard<std::mutex> lock(mutex);
    order.push_back(what);
  };
  recorder_.onMessage = [&](const std::string& text) {
    runtime_.post([&record, text] { record("posted after " + text); });
    runtime_.postAfterHandler([&record, text] { record("deferred after " + text); });
  };
  auto transport = openedTransport(server);
  ASSERT_TRUE(transport);
  sendFromTheIoThreadAndExpectEchoes(transport, {"one"});
  transport->close(1000, "");
  waitUntilGone(transport);
  std::lock_guard<std::mutex> lock(mutex);
  EXPECT_EQ(order, (std::vector<std::string>{"deferred after one", "posted after one"}));
}

TEST_F(BeastWsTransportTest, ServerCloseFrameReportsItsCodeAndReason) {
  TestWsServer server(TestWsServer::Mode::kWebSocket);
  auto transport = openedTransport(server);
  ASSERT_TRUE(transport);
  transport->send("close-me");
  auto events = recorder_.waitFor(2);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, Event::kClose);
  EXPECT_EQ(events[1].code, 4001);
  EXPECT_EQ(events[1].text, "bye now");
  // The client's answering close frame reached the server before the client shut the connection down.
  ASSERT_TRUE(server.log().waitUntil([&] { return server.log().serverCloseResult.has_value(); }));
  {
    std::lock_guard<std::mutex> lock(server.log().mutex);
    EXPECT_FALSE(*server.log().serverCloseResult) << server.log().serverCloseResult->message();
  }
  waitUntilGone(transport);
  EXPECT_EQ(recorder_.events().size(), 2u);
}

TEST_F(BeastWsTransportTest, CloseFrameFollowedByADroppedConnectionStillReportsItsCode) {
  TestWsServer server(TestWsServer::Mode::kWebSocket);
  auto transport = openedTransport(server);
  ASSERT_TRUE(transport);
  transport->send("raw-close");
  auto events = recorder_.waitFor(2);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, Event::kClose);
  EXPECT_EQ(events[1].code, 4002);
  EXPECT_EQ(events[1].text, "gone");
  waitUntilGone(transport);
}

TEST_F(BeastWsTransportTest, EmptyCloseFrameReportsNoStatus) {
  TestWsServer server(TestWsServer::Mode::kWebSocket);
  auto transport = openedTransport(server);
  ASSERT_TRUE(transport);
  transport->send("raw-empty-close");
  auto events = recorder_.waitFor(2);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, Event::kClose);
  EXPECT_EQ(events[1].code, 1005);
  waitUntilGone(transport);
}

TEST_F(BeastWsTransportTest, DroppedConnectionReportsAbnormalClose) {
  TestWsServer server(TestWsServer::Mode::kWebSocket);
  auto transport = openedTransport(server);
  ASSERT_TRUE(transport);
  transport->send("drop");
  auto events = recorder_.waitFor(2);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, Event::kClose);
  EXPECT_EQ(events[1].code, 1006);
  waitUntilGone(transport);
  EXPECT_EQ(recorder_.events().size(), 2u);
}

// Frames sent together (from the I/O thread, as handlers send) leave in few socket writes: each must still
// arrive whole and in order, whatever its size, and each echo come back.
TEST_F(BeastWsTransportTest, ABurstOfSendsArrivesWholeAndInOrder) {
  TestWsServer server(TestWsServer::Mode::kWebSocket);
  auto transport = openedTransport(server);
  ASSERT_TRUE(transport);
  std::vector<std::string> sent;
  for (int i = 0; i < 300; ++i) sent.push_back(std::to_string(i) + ":" + std::string((i * 997) % 20000, 'a' + i % 26));
  sendFromTheIoThreadAndExpectEchoes(transport, sent);
  transport->close(1000, "");
  waitUntilGone(transport);
}

// A server that stops reading while the client sends 6 MB: the client's buffer stops growing at its limit
// (the writes wait for the socket), and once the server reads again every frame arrives, in order.
TEST_F(BeastWsTransportTest, ASlowReaderHoldsTheSenderBackWithoutLosingFrames) {
  TestWsServer server(TestWsServer::Mode::kWebSocket);
  auto transport = openedTransport(server);
  ASSERT_TRUE(transport);
  transport->send("stall");
  std::vector<std::string> sent;
  for (int i = 0; i < 200; ++i) sent.push_back(std::to_string(i) + std::string(30 * 1024, 'a' + i % 26));
  sendFromTheIoThreadAndExpectEchoes(transport, sent);
  transport->close(1000, "");
  waitUntilGone(transport);
}

// A close right behind a burst: the frames already handed to the socket layer reach the server, in order,
// before the close frame does (close() drops those still queued in the transport).
TEST_F(BeastWsTransportTest, CloseRightAfterABurstSendsTheWrittenFramesFirst) {
  TestWsServer server(TestWsServer::Mode::kWebSocket);
  auto transport = openedTransport(server);
  ASSERT_TRUE(transport);
  runtime_.post([&transport] {
    for (int i = 0; i < 50; ++i) transport->send("m" + std::to_string(i));
    transport->close(1000, "after the burst");
  });
  ASSERT_TRUE(server.log().waitUntil([&] { return server.log().clientClose.has_value(); }));
  {
    std::lock_guard<std::mutex> lock(server.log().mutex);
    EXPECT_EQ(server.log().clientClose->code, 1000);
    const auto& received = server.log().received;
    ASSERT_FALSE(received.empty());
    for (std::size_t i = 0; i < received.size(); ++i) EXPECT_EQ(received[i], "m" + std::to_string(i));
  }
  waitUntilGone(transport);
}

// Sends after the server dropped the connection: the failed socket write ends the connection once, quietly.
TEST_F(BeastWsTransportTest, SendsAfterADroppedConnectionEndItOnce) {
  TestWsServer server(TestWsServer::Mode::kWebSocket);
  auto transport = openedTransport(server);
  ASSERT_TRUE(transport);
  transport->send("drop");
  for (int i = 0; i < 200; ++i) {
    transport->send(std::string(1000, 'x'));
    if (i % 20 == 0) std::this_thread::sleep_for(1ms);
  }
  auto events = recorder_.waitFor(2);
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events.back().kind, Event::kClose);
  EXPECT_EQ(events.back().code, 1006);
  waitUntilGone(transport);
  events = recorder_.events();
  EXPECT_EQ(std::count_if(events.begin(), events.end(), [](const Event& e) { return e.kind == Event::kClose; }), 1);
}

TEST_F(BeastWsTransportTest, RefusedUpgradeReportsTheHttpStatus) {
  TestWsServer server(TestWsServer::Mode::kRefuse401);
  auto transport = makeTransport();
  transport->connect(url(server.port()), {}, recorder_.handlers());
  auto events = recorder_.waitFor(1);
  ASSERT_EQ(events[0].kind, Event::kFail);
  EXPECT_EQ(events[0].failure.httpStatus, 401);
  EXPECT_FALSE(events[0].failure.timedOut);
  EXPECT_NE(events[0].text.find("401"), std::string::npos) << events[0].text;
  EXPECT_NE(events[0].text.find("unauthorized token"), std::string::npos) << events[0].text;
  waitUntilGone(transport);
  EXPECT_EQ(recorder_.events().size(), 1u);
}

TEST_F(BeastWsTransportTest, RefusedConnectionFailsWithoutStatus) {
  int port = 0;
  {
    asio::io_context io;  // a port that was free a moment ago, and is closed now
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
    port = acceptor.local_endpoint().port();
  }
  auto transport = makeTransport();
  transport->connect(url(port), {}, recorder_.handlers());
  auto events = recorder_.waitFor(1);
  ASSERT_EQ(events[0].kind, Event::kFail);
  EXPECT_FALSE(events[0].failure.httpStatus.has_value());
  EXPECT_FALSE(events[0].failure.timedOut);
  EXPECT_NE(events[0].text.find("ws://127.0.0.1:" + std::to_string(port) + "/ws"), std::string::npos) << events[0].text;
  EXPECT_EQ(events[0].text.find("secret"), std::string::npos) << "the token must not appear: " << events[0].text;
  waitUntilGone(transport);
}

TEST_F(BeastWsTransportTest, UnansweredHandshakeTimesOut) {
  TestWsServer server(TestWsServer::Mode::kSilent);
  auto transport = makeTransport(200ms);
  transport->connect(url(server.port()), {}, recorder_.handlers());
  auto events = recorder_.waitFor(1);
  ASSERT_EQ(events[0].kind, Event::kFail);
  EXPECT_TRUE(events[0].failure.timedOut) << events[0].text;
  EXPECT_FALSE(events[0].failure.httpStatus.has_value());
  waitUntilGone(transport);
}

TEST_F(BeastWsTransportTest, InvalidUrlFails) {
  auto transport = makeTransport();
  transport->connect("http://127.0.0.1:1/ws", {}, recorder_.handlers());
  auto events = recorder_.waitFor(1);
  ASSERT_EQ(events[0].kind, Event::kFail);
  EXPECT_NE(events[0].text.find("invalid WebSocket URL"), std::string::npos) << events[0].text;
  waitUntilGone(transport);
}

TEST_F(BeastWsTransportTest, IPv6LiteralUrl) {
  asio::io_context probe;
  error_code noIpv6;
  tcp::acceptor acceptor(probe);
  acceptor.open(tcp::v6(), noIpv6);
  if (!noIpv6) acceptor.bind(tcp::endpoint(asio::ip::address_v6::loopback(), 0), noIpv6);
  // Without an IPv6 loopback the URL still has to parse: the attempt then fails to connect, not to parse.
  const int port = noIpv6 ? 1 : acceptor.local_endpoint().port();
  if (!noIpv6) acceptor.listen();
  auto transport = makeTransport(300ms);
  transport->connect("ws://[::1]:" + std::to_string(port) + "/ws", {}, recorder_.handlers());
  auto events = recorder_.waitFor(1);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].text.find("invalid WebSocket URL"), std::string::npos) << events[0].text;
  if (!noIpv6) {
    // The listener never accepts: the attempt reached it over TCP and then timed out in the handshake.
    EXPECT_TRUE(events[0].failure.timedOut) << events[0].text;
    EXPECT_NE(events[0].text.find("ws://[::1]:" + std::to_string(port) + "/ws"), std::string::npos);
  }
  waitUntilGone(transport);
}

TEST_F(BeastWsTransportTest, CloseFromTheClientReportsNothingMore) {
  TestWsServer server(TestWsServer::Mode::kWebSocket);
  auto transport = makeTransport();
  std::weak_ptr<internal::WsTransport> weak = transport;
  // Close on the first of 20 frames that are already on their way: none of the others may be reported.
  recorder_.onMessage = [weak](const std::string& text) {
    if (text != "burst-0") return;
    if (auto t = weak.lock()) t->close(1000, "client done");
  };
  transport->connect(url(server.port()), {}, recorder_.handlers());
  ASSERT_EQ(recorder_.waitFor(1)[0].kind, Event::kOpen);
  transport->send("burst");
  ASSERT_TRUE(server.log().waitUntil([&] { return server.log().clientClose.has_value(); }));
  {
    std::lock_guard<std::mutex> lock(server.log().mutex);
    EXPECT_EQ(server.log().clientClose->code, 1000);
    EXPECT_EQ(std::string(server.log().clientClose->reason.data(), server.log().clientClose->reason.size()),
              "client done");
  }
  waitUntilGone(transport);
  auto events = recorder_.events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, Event::kMessage);
  EXPECT_EQ(events[1].text, "burst-0");
}

TEST_F(BeastWsTransportTest, CloseWhileConnectingReportsNothing) {
  TestWsServer server(TestWsServer::Mode::kSilent);
  auto transport = makeTransport();
  transport->connect(url(server.port()), {}, recorder_.handlers());
  transport->close(1000, "");
  waitUntilGone(transport);
  EXPECT_TRUE(recorder_.events().empty());
}

TEST_F(BeastWsTransportTest, CarriesFramesLargerThanBeastsDefaultLimit) {
  TestWsServer server(TestWsServer::Mode::kWebSocket);
  auto transport = openedTransport(server);
  ASSERT_TRUE(transport);
  std::string large(20 * 1024 * 1024, 'x');  // Beast's default read limit is 16 MiB
  for (std::size_t i = 0; i < large.size(); i += 4096) large[i] = static_cast<char>('a' + (i / 4096) % 26);
  transport->send(large);
  transport->send("after");
  auto events = recorder_.waitFor(3);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].kind, Event::kMessage);
  EXPECT_TRUE(events[1].text == large) << "the echoed frame differs (" << events[1].text.size() << " bytes)";
  EXPECT_EQ(events[2].text, "after");
  transport->close(1000, "");
  waitUntilGone(transport);
}

}  // namespace
}  // namespace nakama::test
