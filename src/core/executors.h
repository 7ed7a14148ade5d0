#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "nakama/client_options.h"
#include "nakama/future.h"

namespace nakama::internal {

class IoRuntime;

/// A CallbackExecutor that can be shut down. After shutdown, posted tasks run inline on the posting
/// thread, so a late completion is still delivered instead of being lost.
class ShutdownExecutor : public CallbackExecutor {
 public:
  virtual void shutdown() = 0;
};

/// Runs callbacks one at a time on a dedicated thread (CallbackMode::kSdkThread).
class SdkThreadExecutor final : public ShutdownExecutor {
 public:
  explicit SdkThreadExecutor(std::function<void(std::exception_ptr)> onException);
  ~SdkThreadExecutor() override;
  void post(MoveFunction<void()> task) override;
  /// Runs what is queued, then stops the thread. Safe to call from a callback on that thread.
  void shutdown() override;
  bool onExecutorThread() const;

 private:
  struct Shared;
  std::shared_ptr<Shared> shared_;
  std::thread thread_;
};

/// One client's callbacks on the callback thread of a shared nakama::Runtime: the client's own
/// exception handler, and a shutdown() that waits for this client's queued callbacks only. Callbacks
/// posted after shutdown still go to the shared thread, which outlives the client.
class SharedThreadExecutor final : public ShutdownExecutor {
 public:
  SharedThreadExecutor(std::shared_ptr<SdkThreadExecutor> thread, std::function<void(std::exception_ptr)> onException);
  ~SharedThreadExecutor() override;
  void post(MoveFunction<void()> task) override;
  /// Waits until this client's queued callbacks ran (unless called from one of them).
  void shutdown() override;

 private:
  struct State;
  std::shared_ptr<SdkThreadExecutor> thread_;
  std::shared_ptr<State> state_;
};

/// Queues callbacks until `poll()` runs them on the caller's thread (CallbackMode::kPolled).
class PolledExecutor final : public ShutdownExecutor {
 public:
  void post(MoveFunction<void()> task) override;
  /// Runs the callbacks queued so far (not ones they queue themselves) and returns how many ran.
  /// An exception thrown by a callback propagates; the callbacks after it stay queued.
  std::size_t poll();
  /// Runs everything still queued on the calling thread; later posts run inline.
  void shutdown() override;

 private:
  std::mutex mutex_;
  std::deque<MoveFunction<void()>> queue_;
  bool shutdown_ = false;
};

/// Runs callbacks on the client's I/O thread (CallbackMode::kIoThread), one at a time, in posting order. They
/// run after the I/O handler that posts them, never inside its work (the SDK may post while its own state is
/// mid-update): at the end of its IoRuntime::HandlerScope when it has one, else in a later round of the loop.
class IoThreadExecutor final : public ShutdownExecutor {
 public:
  IoThreadExecutor(std::shared_ptr<IoRuntime> io, std::function<void(std::exception_ptr)> onException);
  ~IoThreadExecutor() override;
  void post(MoveFunction<void()> task) override;
  bool waitingWouldDeadlock() const override;
  /// Runs what is still queued on the calling thread (after a batch in progress on the I/O thread ends,
  /// unless called from that thread); later posts run inline.
  void shutdown() override;

 private:
  struct State;
  // Weak: the I/O queue may hold handlers that own this executor (through a Future), and the client owns the
  // runtime anyway until it has shut this executor down.
  std::weak_ptr<IoRuntime> io_;
  std::shared_ptr<State> state_;
};

/// The executor for `mode`; `io` is the client's I/O runtime (kIoThread runs callbacks there).
std::shared_ptr<ShutdownExecutor> makeExecutor(CallbackMode mode, std::function<void(std::exception_ptr)> onException,
                                               const std::shared_ptr<IoRuntime>& io);

}  // namespace nakama::internal
