#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
}

namespace nakama::internal {

/// A scheduled call that can be cancelled. Cancelling after it ran (or twice) does nothing.
class TimerHandle {
 public:
  virtual ~TimerHandle() = default;
  virtual void cancel() = 0;
};

/// The SDK's network I/O thread: an asio io_context that runs timers (timeouts, retry back-off,
/// heartbeats) and the WebSocket connections. User callbacks never run here.
class IoRuntime {
 public:
  IoRuntime();
  ~IoRuntime();
  IoRuntime(const IoRuntime&) = delete;
  IoRuntime& operator=(const IoRuntime&) = delete;

  void post(std::function<void()> task);
  std::shared_ptr<TimerHandle> schedule(std::chrono::milliseconds delay, std::function<void()> task);
  boost::asio::io_context& context();
  bool onIoThread() const;
  /// Stops the thread; pending timers are dropped. Safe to call from the I/O thread itself.
  void stop();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace nakama::internal
