#pragma once

// Test support for the realtime socket: a scriptable WsTransport (the test plays the server), a factory
// that records every transport the socket creates, and a fixture that builds a socket on a ClientCore
// with a session (CallbackMode::kPolled: events run inside `poll()` on the test's thread).

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api_handles.h"
#include "fake_http_transport.h"
#include "nakama/rt_socket.h"
#include "realtime/rt_socket_impl.h"
#include "realtime/ws_transport.h"
#include "rest/client_core.h"

namespace nakama::test {

using namespace std::chrono_literals;

/// Waits until `condition` holds, checking every millisecond (calling `poll` first when given).
inline bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 3000ms,
                       const std::function<void()>& poll = nullptr) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (poll) poll();
    if (condition()) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
}

/// The result of `future`, failing the test (instead of hanging) when it does not complete in time.
template <class T>
Result<T> await(const Future<T>& future, std::chrono::milliseconds timeout = 3000ms) {
  if (!future.waitFor(timeout)) {
    ADD_FAILURE() << "the future did not complete within " << timeout.count() << " ms";
    return Error{ErrorKind::kTimeout, "test wait expired"};
  }
  return future.get();
}

class FakeWs : public internal::WsTransport {
 public:
  void connect(const std::string& url, const internal::WsHeaders& headers, Handlers handlers) override {
    std::lock_guard<std::mutex> lock(mutex_);
    url_ = url;
    headers_ = headers;
    handlers_ = std::move(handlers);
    connected_ = true;
    cv_.notify_all();
  }
  void send(std::string text) override {
    std::lock_guard<std::mutex> lock(mutex_);
    sent_.push_back(std::move(text));
    cv_.notify_all();
  }
  void close(int code, const std::string& reason) override {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    closeCode_ = code;
    closeReason_ = reason;
    cv_.notify_all();
  }

  // ---- The server's side ----
  void open() { handlers().onOpen(); }
  void receive(const std::string& text) { handlers().onMessage(text); }
  void serverClose(int code = 1005, const std::string& reason = "") { handlers().onClose(code, reason); }
  void fail(internal::WsFailure failure) { handlers().onFail(std::move(failure)); }

  std::string url() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return url_;
  }
  bool wasConnected() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return connected_;
  }
  bool closed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return closed_;
  }
  int closeCode() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return closeCode_;
  }
  std::vector<std::string> sent() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sent_;
  }
  std::size_t sentCount() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sent_.size();
  }
  /// The `index`-th frame sent (waiting for it), parsed.
  nlohmann::json sentJson(std::size_t index, std::chrono::milliseconds timeout = 3000ms) const {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!cv_.wait_for(lock, timeout, [&] { return sent_.size() > index; })) {
      ADD_FAILURE() << "frame " << index << " was never sent";
      return nlohmann::json();
    }
    return nlohmann::json::parse(sent_[index]);
  }
  /// The cid of the `index`-th frame sent.
  std::string cid(std::size_t index) const {
    auto j = sentJson(index);
    return j.is_object() && j.contains("cid") ? j["cid"].get<std::string>() : std::string();
  }
  /// Answers the `index`-th frame sent with `frame`, whose `"cid":"..."` is replaced by that frame's cid
  /// (so captured frames can be replayed as they are).
  void reply(std::size_t index, const std::string& frame) { receive(withCid(frame, cid(index))); }

  static std::string withCid(const std::string& frame, const std::string& cid) {
    static const std::regex kCid(R"re("cid"\s*:\s*"[^"]*")re");
    return std::regex_replace(frame, kCid, "\"cid\":\"" + cid + "\"", std::regex_constants::format_first_only);
  }

 private:
  Handlers handlers() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return handlers_;
  }

  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  std::string url_;
  internal::WsHeaders headers_;
  Handlers handlers_;
  bool connected_ = false;
  std::vector<std::string> sent_;
  bool closed_ = false;
  int closeCode_ = 0;
  std::string closeReason_;
};

/// Makes FakeWs transports and remembers them.
class FakeWsFactory {
 public:
  internal::WsTransportFactory factory() {
    return [this] {
      auto ws = std::make_shared<FakeWs>();
      std::lock_guard<std::mutex> lock(mutex_);
      created_.push_back(ws);
      cv_.notify_all();
      return ws;
    };
  }
  std::size_t count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return created_.size();
  }
  /// The `index`-th transport, once it was asked to connect.
  std::shared_ptr<FakeWs> wait(std::size_t index, std::chrono::milliseconds timeout = 3000ms) const {
    std::shared_ptr<FakeWs> ws;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      if (!cv_.wait_for(lock, timeout, [&] { return created_.size() > index; })) return nullptr;
      ws = created_[index];
    }
    if (!eventually([&] { return ws->wasConnected(); }, timeout)) return nullptr;
    return ws;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  std::vector<std::shared_ptr<FakeWs>> created_;
};

/// Collects the values an event handler receives (thread-safe).
template <class T>
class Recorder {
 public:
  std::function<void(const T&)> handler() {
    return [this](const T& value) {
      std::lock_guard<std::mutex> lock(mutex_);
      values_.push_back(value);
    };
  }
  std::vector<T> values() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return values_;
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return values_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<T> values_;
};

inline std::shared_ptr<FakeHttpTransport> failingHttp() {
  return std::make_shared<FakeHttpTransport>([](const internal::HttpRequest&, FakeHttpTransport::Done done) {
    done(Error{ErrorKind::kConnectionFailed, "no HTTP in realtime unit tests"});
  });
}

inline std::int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

/// Options without the liveness probe (tests that want it turn it on).
inline RtSocketOptions quietOptions() {
  RtSocketOptions options;
  options.pingInterval = 0ms;
  options.requestTimeout = 3000ms;
  return options;
}

class RtSocketFixture : public ::testing::Test {
 protected:
  void SetUp() override { build(quietOptions()); }

  void build(RtSocketOptions options, std::shared_ptr<internal::HttpTransport> http = nullptr, bool withSession = true,
             const std::string& refreshToken = "") {
    socket = RtSocket();
    if (core) core->shutdown();
    ClientOptions clientOptions;
    clientOptions.callbackMode = CallbackMode::kPolled;
    clientOptions.retry = RetryPolicy::none();
    core = internal::ClientCore::create(clientOptions, http ? http : failingHttp());
    if (withSession) {
      token = makeJwt("user-1", "alice", nowSeconds() + 7200);
      auto session = Session::restore(token, refreshToken);
      ASSERT_TRUE(session.ok()) << session.error();
      core->sessions()->set(*session);
    }
    factory = std::make_unique<FakeWsFactory>();
    impl = internal::RtSocketImpl::create(core, options, factory->factory());
    socket = makeHandle<RtSocket>(impl);
  }

  void TearDown() override {
    socket = RtSocket();
    impl.reset();
    if (core) core->shutdown();
  }

  /// Connects and returns the transport playing the server.
  std::shared_ptr<FakeWs> connect(std::size_t transportIndex = 0) {
    auto future = socket.connect();
    auto ws = factory->wait(transportIndex);
    if (!ws) {
      ADD_FAILURE() << "no transport was created";
      return nullptr;
    }
    ws->open();
    auto result = await(future);
    EXPECT_TRUE(result.ok()) << result.error();
    poll();  // deliver the connection events now, before the test registers its handlers
    return ws;
  }

  std::size_t poll() { return core->poll(); }
  bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 3000ms) {
    return test::eventually(condition, timeout, [this] { poll(); });
  }

  std::shared_ptr<internal::ClientCore> core;
  std::unique_ptr<FakeWsFactory> factory;
  std::shared_ptr<internal::RtSocketImpl> impl;
  RtSocket socket;
  std::string token;
};

}  // namespace nakama::test
