#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/executors.h"
#include "nakama/internal/move_function.h"
#include "nakama/runtime.h"

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
/// heartbeats), HTTP (Beast) and the WebSocket connections. User callbacks run here only in
/// CallbackMode::kIoThread, queued through IoThreadExecutor.
///
/// A client either owns its IoRuntime (the thread ends with it) or holds a handle from `share()` on the
/// thread of a nakama::Runtime: stopping a handle only drops that client's pending posts and timers,
/// the thread carries on for the others.
class IoRuntime {
 public:
  IoRuntime();
  ~IoRuntime();
  IoRuntime(const IoRuntime&) = delete;
  IoRuntime& operator=(const IoRuntime&) = delete;

  /// A handle on this runtime's thread for one client; its stop() leaves the thread running.
  std::shared_ptr<IoRuntime> share() const;

  void post(MoveFunction<void()> task);
  /// Like post(), but from inside a HandlerScope on this runtime's thread the task runs when the scope ends, before
  /// the loop polls the sockets again (which a posted task would wait for).
  void postAfterHandler(MoveFunction<void()> task);
  std::shared_ptr<TimerHandle> schedule(std::chrono::milliseconds delay, MoveFunction<void()> task);
  boost::asio::io_context& context();
  bool onIoThread() const;
  /// Stops the thread (a shared handle: this client's use of it); pending posts and timers are dropped.
  /// Safe to call from the I/O thread itself.
  void stop();
  /// Whether stop() ran: nothing posted or scheduled through this runtime runs any more.
  bool stopped() const;

  /// Marks the body of an I/O completion handler (the outermost one on this thread): tasks given to
  /// postAfterHandler() during it run when it ends, its own work done; what releaseLater() was given is destroyed
  /// after them.
  class HandlerScope {
   public:
    HandlerScope();
    ~HandlerScope();
    HandlerScope(const HandlerScope&) = delete;
    HandlerScope& operator=(const HandlerScope&) = delete;

    /// Keeps `value` until the deferred tasks of the scope running on this thread have run, then destroys it:
    /// freeing what a finished exchange used need not delay the callbacks it completes (a caller that starts the
    /// next request from its callback gets it on the wire sooner). Without a scope, `value` is destroyed at once.
    template <class T>
    static void releaseLater(T value) {
      if (active()) keep(Holder<T>{std::move(value)});
    }

    /// What releaseLater() keeps: a pipeline callback (a MoveFunction, 64 bytes) fits in place, without an
    /// allocation.
    using Kept = MoveFunction<void(), 96>;

    struct Deferred {
      std::shared_ptr<std::atomic<bool>> stopped;
      MoveFunction<void()> task;
    };
    struct State;

   private:
    template <class T>
    struct Holder {
      T value;
      void operator()() {}  // never called: the value only waits to be destroyed
    };
    static bool active();
    static void keep(Kept value);

    std::unique_ptr<State> state_;  // only in the outermost scope
  };

 private:
  struct Loop;
  struct Handle {};
  IoRuntime(Handle, std::shared_ptr<Loop> loop);

  std::shared_ptr<Loop> loop_;
  bool owner_ = true;
  std::shared_ptr<std::atomic<bool>> stopped_;
};

}  // namespace nakama::internal

namespace nakama {

/// The threads behind the public nakama::Runtime, which ClientCore picks up.
struct Runtime::Impl {
  std::shared_ptr<internal::IoRuntime> io;

  /// The callback thread, started by the first kSdkThread client (kIoThread and kPolled clients need none).
  std::shared_ptr<internal::SdkThreadExecutor> callbackThread();
  /// Stops both threads.
  void stop();

 private:
  std::mutex mutex_;
  std::shared_ptr<internal::SdkThreadExecutor> callbacks_;
};

}  // namespace nakama
