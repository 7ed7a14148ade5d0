#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "nakama/result.h"

namespace nakama {

/// Runs request continuations. The SDK provides the two implementations selected by `CallbackMode`.
class NAKAMA_API CallbackExecutor {
 public:
  virtual ~CallbackExecutor();
  virtual void post(std::function<void()> task) = 0;
};

namespace detail {

template <class T>
class FutureState : public std::enable_shared_from_this<FutureState<T>> {
 public:
  using Continuation = std::function<void(const Result<T>&)>;

  explicit FutureState(std::shared_ptr<CallbackExecutor> executor) : executor_(std::move(executor)) {}

  /// Stores the result unless one is already stored; the first completion wins.
  bool complete(Result<T> result) {
    std::vector<Continuation> continuations;
    std::function<void()> canceller;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (result_) return false;
      result_.emplace(std::move(result));
      continuations.swap(continuations_);
      canceller.swap(canceller_);
    }
    cv_.notify_all();
    for (auto& continuation : continuations) dispatch(std::move(continuation));
    return true;
  }

  void cancel() {
    std::function<void()> canceller;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (result_) return;
      canceller = canceller_;
      cancelled_ = true;
    }
    if (complete(Error{ErrorKind::kCancelled, "request cancelled"}) && canceller) canceller();
  }

  /// Registers how to abort the underlying operation; runs at once if the request was already cancelled.
  void setCanceller(std::function<void()> canceller) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!result_) {
        canceller_ = std::move(canceller);
        return;
      }
      if (!cancelled_) return;
    }
    if (canceller) canceller();
  }

  void addContinuation(Continuation continuation) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!result_) {
        continuations_.push_back(std::move(continuation));
        return;
      }
    }
    dispatch(std::move(continuation));
  }

  bool ready() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return result_.has_value();
  }

  const Result<T>& wait() const {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [this] { return result_.has_value(); });
    return *result_;
  }

  template <class Rep, class Period>
  bool waitFor(const std::chrono::duration<Rep, Period>& timeout) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, timeout, [this] { return result_.has_value(); });
  }

 private:
  void dispatch(Continuation continuation) {
    auto self = this->shared_from_this();
    auto task = [self, continuation = std::move(continuation)] { continuation(*self->result_); };
    if (executor_) {
      executor_->post(std::move(task));
    } else {
      task();
    }
  }

  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  std::optional<Result<T>> result_;  // written once under the lock, immutable afterwards
  bool cancelled_ = false;
  std::vector<Continuation> continuations_;
  std::function<void()> canceller_;
  std::shared_ptr<CallbackExecutor> executor_;
};

}  // namespace detail

/// The handle every SDK request returns. It completes exactly once with a value or an `Error`
/// (including timeout and cancellation), whether or not anybody waits for it.
///
/// * `get()` blocks until the result is there. It never needs `poll()` to be called, so it is safe on the
///   game thread, on an SDK callback, or anywhere else.
/// * `then(cb)` runs `cb(result)` where the client's `CallbackMode` says: on the SDK callback thread, or
///   on the thread that calls `Client::poll()`. Several continuations may be added; each runs once.
/// * `cancel()` completes the request with `ErrorKind::kCancelled` (if it has not completed yet) and
///   aborts the underlying I/O.
template <class T>
class Future {
 public:
  using ValueType = T;

  Future() = default;
  explicit Future(std::shared_ptr<detail::FutureState<T>> state) : state_(std::move(state)) {}

  /// False for a default-constructed Future.
  bool valid() const noexcept { return state_ != nullptr; }
  bool ready() const { return state_ && state_->ready(); }

  /// Blocks until the request completes and returns its result.
  Result<T> get() const {
    if (!state_) return Error{ErrorKind::kInvalidArgument, "get() on an empty Future"};
    return state_->wait();
  }

  /// Waits up to `timeout`; true when the result is available.
  template <class Rep, class Period>
  bool waitFor(const std::chrono::duration<Rep, Period>& timeout) const {
    return state_ && state_->waitFor(timeout);
  }

  /// Adds a continuation. Returns *this so that several can be chained on one line.
  const Future& then(std::function<void(const Result<T>&)> callback) const {
    if (state_ && callback) state_->addContinuation(std::move(callback));
    return *this;
  }

  void cancel() const {
    if (state_) state_->cancel();
  }

 private:
  std::shared_ptr<detail::FutureState<T>> state_;
};

namespace detail {

/// The producing side of a Future. When the last copy of a Promise goes away without completing,
/// the Future completes with an error, so no request can hang because its producer was lost.
template <class T>
class Promise {
 public:
  explicit Promise(std::shared_ptr<CallbackExecutor> executor)
      : guard_(std::make_shared<Guard>(std::make_shared<FutureState<T>>(std::move(executor)))) {}

  Future<T> future() const { return Future<T>(guard_->state); }
  bool complete(Result<T> result) const { return guard_->state->complete(std::move(result)); }
  void setCanceller(std::function<void()> canceller) const { guard_->state->setCanceller(std::move(canceller)); }
  bool completed() const { return guard_->state->ready(); }

 private:
  struct Guard {
    explicit Guard(std::shared_ptr<FutureState<T>> s) : state(std::move(s)) {}
    ~Guard() { state->complete(Error{ErrorKind::kCancelled, "request abandoned before completion"}); }
    std::shared_ptr<FutureState<T>> state;
  };
  std::shared_ptr<Guard> guard_;
};

}  // namespace detail

namespace detail {
/// A Future that is already complete (for example an argument error detected before any I/O).
template <class T>
Future<T> makeReadyFuture(std::shared_ptr<CallbackExecutor> executor, Result<T> result) {
  detail::Promise<T> promise(std::move(executor));
  promise.complete(std::move(result));
  return promise.future();
}
}  // namespace detail

}  // namespace nakama
