#pragma once

// A stream layer under Beast's WebSocket stream that gathers the frames of a burst into one socket write.
//
// Beast reads and writes one message per operation, each a round of the event loop, so without this layer
// every message sent is a system call of its own, even when a dozen go out in answer to a dozen that came in
// together. Here a written frame is copied into a buffer (the write completes, as a socket write completes once
// the kernel holds the bytes) and the buffer goes to the socket a round later, or later still while the owner
// reports that messages keep arriving (`deferWhile`): the answers to a burst then leave in one write, as
// websocketpp sends its queued frames. Bounded: after kMaxDeferrals rounds, or once kFlushBytes are buffered,
// the buffer is sent regardless; above kHighWater a write waits for the socket, so a peer that reads slowly
// holds the sender back instead of growing the buffer.
//
// A failed socket write fails the next write; the read loop sees the broken connection too. Used on the
// connection's I/O thread only, like the Beast stream above it.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include <boost/asio/async_result.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/websocket/teardown.hpp>

namespace nakama::internal {

template <class Next>
class CoalescingStream {
 public:
  using executor_type = typename Next::executor_type;
  using next_layer_type = Next;
  static constexpr int kMaxDeferrals = 16;
  static constexpr std::size_t kFlushBytes = 64 * 1024;
  static constexpr std::size_t kHighWater = 256 * 1024;

  // Builds the layer below from `args` (never taken for a copy or a move of this layer).
  template <class... Args, class = std::enable_if_t<std::is_constructible_v<Next, Args&&...>>>
  explicit CoalescingStream(Args&&... args) : next_(std::forward<Args>(args)...) {}

  /// `owner` (the object that owns this stream) is kept alive by every pending socket write and flush;
  /// while `deferWhile()` answers true (more input is being handled), buffered frames wait another round.
  void configure(std::weak_ptr<void> owner, std::function<bool()> deferWhile) {
    owner_ = std::move(owner);
    deferWhile_ = std::move(deferWhile);
  }

  executor_type get_executor() noexcept { return next_.get_executor(); }
  Next& next_layer() noexcept { return next_; }
  const Next& next_layer() const noexcept { return next_; }

  template <class MutableBuffers, class Token>
  auto async_read_some(const MutableBuffers& buffers, Token&& token) {
    return next_.async_read_some(buffers, std::forward<Token>(token));
  }

  template <class ConstBuffers, class Token>
  auto async_write_some(const ConstBuffers& buffers, Token&& token) {
    return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
        [this](auto handler, const ConstBuffers& data) { this->write(std::move(handler), data); }, token, buffers);
  }

  /// Sends what is buffered now, then runs `then` once every byte has gone to the socket.
  void whenFlushed(std::function<void()> then) {
    if (!flushing_ && !pending_.empty() && !error_) flush();
    if (!flushing_) {
      boost::asio::post(get_executor(), std::move(then));
      return;
    }
    flushed_ = std::move(then);
  }

 private:
  template <class Handler, class ConstBuffers>
  void write(Handler handler, const ConstBuffers& data) {
    if (error_) {
      boost::asio::post(get_executor(), boost::beast::bind_front_handler(std::move(handler), error_, std::size_t{0}));
      return;
    }
    if (flushing_ && pending_.size() >= kHighWater) {  // wait for the socket (Beast writes one frame at a time)
      auto held = std::make_shared<Handler>(std::move(handler));
      waiting_ = [this, held, data] { write(std::move(*held), data); };
      return;
    }
    const auto size = boost::asio::buffer_size(data);
    const auto offset = pending_.size();
    pending_.resize(offset + size);
    boost::asio::buffer_copy(boost::asio::buffer(&pending_[offset], size), data);
    if (!flushing_ && !flushScheduled_) scheduleFlush();
    boost::asio::post(get_executor(), boost::beast::bind_front_handler(std::move(handler), error_, size));
  }

  void scheduleFlush() {
    flushScheduled_ = true;
    boost::asio::post(get_executor(), [this, keep = owner_.lock()] {
      flushScheduled_ = false;
      if (flushing_ || pending_.empty() || error_) return;
      if (pending_.size() < kFlushBytes && deferrals_ < kMaxDeferrals && deferWhile_ && deferWhile_()) {
        ++deferrals_;
        scheduleFlush();
        return;
      }
      flush();
    });
  }

  void flush() {
    deferrals_ = 0;
    flushing_ = true;
    inflight_.swap(pending_);
    pending_.clear();
    boost::asio::async_write(next_, boost::asio::buffer(inflight_),
                             [this, keep = owner_.lock()](const boost::system::error_code& ec, std::size_t) {
                               flushing_ = false;
                               inflight_.clear();
                               if (ec) {
                                 error_ = ec;
                                 pending_.clear();
                               }
                               if (waiting_) std::exchange(waiting_, nullptr)();
                               if (flushed_) {  // a teardown waits: what is left goes now
                                 whenFlushed(std::exchange(flushed_, nullptr));
                               } else if (!flushing_ && !pending_.empty() && !error_ && !flushScheduled_) {
                                 scheduleFlush();
                               }
                             });
  }

  Next next_;
  std::weak_ptr<void> owner_;
  std::function<bool()> deferWhile_;
  std::string pending_;   // written since the socket write in flight started
  std::string inflight_;  // what the socket write in flight sends
  bool flushing_ = false;
  bool flushScheduled_ = false;
  int deferrals_ = 0;
  boost::system::error_code error_;  // a socket write failed: every later write fails with it
  std::function<void()> waiting_;    // a write held back above kHighWater
  std::function<void()> flushed_;    // the teardown, waiting for the buffered bytes
};

// The WebSocket closing handshake ends with a teardown of the layer below: the buffered bytes (the close
// frame among them) go first.
template <class Next, class Handler>
void async_teardown(boost::beast::role_type role, CoalescingStream<Next>& stream, Handler&& handler) {
  auto held = std::make_shared<std::decay_t<Handler>>(std::forward<Handler>(handler));
  stream.whenFlushed([role, &stream, held] {
    using boost::beast::websocket::async_teardown;
    async_teardown(role, stream.next_layer(), std::move(*held));
  });
}

template <class Next>
void teardown(boost::beast::role_type role, CoalescingStream<Next>& stream, boost::system::error_code& ec) {
  using boost::beast::websocket::teardown;
  teardown(role, stream.next_layer(), ec);
}

}  // namespace nakama::internal
