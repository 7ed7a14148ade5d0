#pragma once

// Internal: the shared state behind nakama::Future and the producer side (Promise). Not part of the
// public API; games use nakama/future.h.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "nakama/internal/move_function.h"
#include "nakama/result.h"

namespace nakama {

/// Runs request continuations. The SDK provides the implementations selected by `CallbackMode`.
class NAKAMA_API CallbackExecutor {
 public:
  virtual ~CallbackExecutor();
  virtual void post(internal::MoveFunction<void()> task) = 0;
  /// True when the calling thread is the one that completes this executor's requests (the I/O thread of
  /// CallbackMode::kIoThread): blocking there on an unfinished request would wait forever.
  virtual bool waitingWouldDeadlock() const { return false; }
};

template <class T>
class Future;

namespace internal {

template <class T>
class FutureState : public std::enable_shared_from_this<FutureState<T>> {
 public:
  using Callback = MoveFunction<void(const Result<T>&)>;

  explicit FutureState(std::shared_ptr<CallbackExecutor> executor) : executor_(std::move(executor)) {}

  const std::shared_ptr<CallbackExecutor>& executor() const { return executor_; }

  /// Stores the result unless one is already stored; the first completion wins.
  bool complete(Result<T>&& result) {  // by reference: a large T is moved once, into the state
    if (!claim()) return false;
    result_.emplace(std::move(result));
    publish();
    return true;
  }

  /// Like complete(), with the result that `make()` returns built in the state itself instead of moved there (a
  /// decoded answer: a model of a dozen strings costs hundreds of instructions per move). `make` runs only for the
  /// first completion, without the state's lock (waiters and then() are not held up meanwhile), and must not throw.
  template <class Make>
  bool completeWith(Make&& make) {
    if (!claim()) return false;
    try {
      result_.emplace(Built<Make>{make});
    } catch (const std::exception& e) {
      result_.emplace(Error{ErrorKind::kBadResponse, std::string("could not build the result: ") + e.what()});
    }
    publish();
    return true;
  }

  void cancel() {
    if (!claim()) return;
    result_.emplace(Error{ErrorKind::kCancelled, "request cancelled"});
    if (auto canceller = publish(/*cancelled=*/true)) canceller();  // the operation is aborted once the result is out
  }

  /// Registers how to abort the underlying operation; runs at once if the request was already cancelled.
  void setCanceller(MoveFunction<void()> canceller) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!cancelled_) {
        if (!ready_) canceller_ = std::move(canceller);  // kept until the state completes
        return;
      }
    }
    if (canceller) canceller();
  }

  /// Counts the Promise copies that may still complete this state; when the last one goes without having
  /// completed it, the Future completes as abandoned (no request can hang because its producer was lost).
  void addProducer() { producers_.fetch_add(1, std::memory_order_relaxed); }
  void releaseProducer() {
    if (producers_.fetch_sub(1, std::memory_order_acq_rel) == 1 && !claimed_.load(std::memory_order_acquire))
      complete(Error{ErrorKind::kCancelled, "request abandoned before completion"});
  }

  /// A continuation of the game's: runs through the executor (where the client's CallbackMode says).
  void addContinuation(Callback callback) { add(std::move(callback), false); }

  /// An SDK-internal hand-off (chaining, flattening): runs on the completing thread, right away. Must
  /// not run game code and must not throw.
  void addInlineCallback(Callback callback) { add(std::move(callback), true); }

  bool ready() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return ready_;
  }

  const Result<T>& wait() const {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [this] { return ready_; });
    return *result_;
  }

  template <class Rep, class Period>
  bool waitFor(const std::chrono::duration<Rep, Period>& timeout) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, timeout, [this] { return ready_; });
  }

 private:
  struct Entry {
    Callback callback;
    bool inlined = false;
  };

  // Converts to the Result that `make` returns, so that the state's optional constructs it in place.
  template <class Make>
  struct Built {
    Make& make;
    operator Result<T>() { return make(); }  // NOLINT: implicit by design
  };

  // The one completion that may write result_: the first to claim the state.
  bool claim() { return !claimed_.exchange(true, std::memory_order_acq_rel); }

  // After a claim and result_ written: makes the result visible, then hands it to the callbacks. Returns the
  // canceller registered so far (to run when `cancelled`; otherwise only released, outside the lock, as it may hold
  // the last reference to other states).
  MoveFunction<void()> publish(bool cancelled = false) {
    MoveFunction<void()> canceller;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ready_ = true;
      cancelled_ = cancelled;  // with ready_: a canceller registered later runs at once (setCanceller)
      canceller = std::move(canceller_);
    }
    // The callbacks registered so far stay where they are: once the result is set nothing adds to them, so each
    // is reached from here (inline ones) or from the one task posted for it. Continuations for an executor are
    // queued before waiters wake, so that once get() has returned, a poll() on the game thread finds them;
    // inline ones run after, as they may take long.
    if (executor_)
      forEachEntry([this](Entry& entry) {
        if (!entry.inlined) post(entry);
      });
    cv_.notify_all();
    forEachEntry([this](Entry& entry) {
      if (entry.inlined || !executor_) runHere(std::move(entry.callback), entry.inlined);
    });
    return canceller;
  }

  void add(Callback callback, bool inlined) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!ready_) {
        // The first callback (nearly always the only one) is kept in the state itself.
        if (registered_++ == 0) {
          first_ = Entry{std::move(callback), inlined};
        } else {
          more_.push_back(Entry{std::move(callback), inlined});
        }
        return;
      }
    }
    // Already complete: nothing else reaches this callback, so the task owns it.
    if (inlined || !executor_) {
      runHere(std::move(callback), inlined);
      return;
    }
    executor_->post(
        [self = this->shared_from_this(), callback = std::move(callback)]() mutable { callback(*self->result_); });
  }

  // Only after completion, when nothing is added any more. (A posted task may be emptying an entry's callback on
  // another thread meanwhile: entries are told apart by count, never by whether their callback is still there.)
  template <class F>
  void forEachEntry(F&& f) {
    if (registered_ == 0) return;
    f(first_);
    for (auto& entry : more_) f(entry);
  }

  // Each registered entry is handed to exactly one task or run exactly once here; the result is immutable by then.
  void post(Entry& entry) {
    executor_->post([self = this->shared_from_this(), entry = &entry] {
      auto callback = std::move(entry->callback);  // what it holds goes with this task
      callback(*self->result_);
    });
  }

  void runHere(Callback callback, bool inlined) {
    if (inlined) {
      callback(*result_);
      return;
    }
    // No executor (futures made by the SDK's internals or by a coroutine): run here. A throwing
    // continuation has already completed the Future that then() returned with the error.
    try {
      callback(*result_);
    } catch (...) {
    }
  }

  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  std::atomic<bool> claimed_{false};  // a completion has begun: it alone writes result_
  std::optional<Result<T>> result_;   // written once, by the claimant, before ready_; immutable afterwards
  bool ready_ = false;                // (under the lock) result_ is written: waiters and callbacks may read it
  bool cancelled_ = false;
  std::size_t registered_ = 0;  // callbacks added before completion: first_, then more_
  Entry first_;
  std::vector<Entry> more_;
  MoveFunction<void()> canceller_;
  std::shared_ptr<CallbackExecutor> executor_;
  std::atomic<int> producers_{0};
};

/// Builds Futures from states and reaches a Future's state; only the SDK's internals use it.
struct FutureAccess {
  template <class T>
  static Future<T> make(std::shared_ptr<FutureState<T>> state) {
    return Future<T>(std::move(state));
  }
  template <class T>
  static const std::shared_ptr<FutureState<T>>& state(const Future<T>& future) {
    return future.state_;
  }
};

/// The producing side of a Future. When the last copy of a Promise goes away without completing,
/// the Future completes with an error, so no request can hang because its producer was lost.
template <class T>
class Promise {
 public:
  explicit Promise(std::shared_ptr<CallbackExecutor> executor)
      : state_(std::make_shared<FutureState<T>>(std::move(executor))) {
    state_->addProducer();
  }
  Promise(const Promise& other) : state_(other.state_) {
    if (state_) state_->addProducer();
  }
  Promise(Promise&& other) noexcept : state_(std::move(other.state_)) {}
  Promise& operator=(Promise other) noexcept {
    std::swap(state_, other.state_);
    return *this;
  }
  ~Promise() {
    if (state_) state_->releaseProducer();
  }

  Future<T> future() const { return FutureAccess::make<T>(state_); }
  bool complete(Result<T>&& result) const { return state_->complete(std::move(result)); }
  /// complete() with the result built in place by `make` (FutureState::completeWith).
  template <class Make>
  bool completeWith(Make&& make) const {
    return state_->completeWith(std::forward<Make>(make));
  }
  void setCanceller(MoveFunction<void()> canceller) const { state_->setCanceller(std::move(canceller)); }
  /// What an operation is handed to register its cancel function with this promise (setCanceller).
  MoveFunction<void(MoveFunction<void()>)> cancelBinder() const {
    return [promise = *this](MoveFunction<void()> cancel) { promise.setCanceller(std::move(cancel)); };
  }
  bool completed() const { return state_->ready(); }

 private:
  std::shared_ptr<FutureState<T>> state_;
};

/// A Future that is already complete (for example an argument error detected before any I/O).
template <class T>
Future<T> makeReadyFuture(std::shared_ptr<CallbackExecutor> executor, Result<T> result) {
  Promise<T> promise(std::move(executor));
  promise.complete(std::move(result));
  return promise.future();
}

/// The Error a Future carries when a continuation or a coroutine threw.
inline Error errorFromException(std::exception_ptr exception) {
  try {
    std::rethrow_exception(exception);
  } catch (const std::exception& e) {
    return Error{ErrorKind::kCallbackFailed, std::string("a continuation threw: ") + e.what()};
  } catch (...) {
    return Error{ErrorKind::kCallbackFailed, "a continuation threw a non-standard exception"};
  }
}

// ---- what Future<T>::then(f) returns, from what f returns ----

template <class R>
struct ThenValue {  // f returns U: Future<U>
  using type = R;
};
template <>
struct ThenValue<void> {
  using type = void;
};
template <class U>
struct ThenValue<Result<U>> {  // f returns Result<U>: Future<U>
  using type = U;
};
template <class U>
struct ThenValue<Future<U>> {  // f returns Future<U>: Future<U>, flattened
  using type = U;
};

/// Completes `next` with what a continuation returned.
template <class U, class R>
void deliver(const Promise<U>& next, R&& returned) {
  using Returned = std::decay_t<R>;
  if constexpr (std::is_same_v<Returned, Future<U>>) {
    const auto& inner = FutureAccess::state(returned);
    if (!inner) {
      next.complete(Error{ErrorKind::kInvalidArgument, "a continuation returned an empty Future"});
      return;
    }
    std::weak_ptr<FutureState<U>> weakInner = inner;
    next.setCanceller([weakInner] {
      if (auto state = weakInner.lock()) state->cancel();
    });
    inner->addInlineCallback([next](const Result<U>& result) { next.complete(Result<U>(result)); });
  } else {
    next.complete(Result<U>(std::forward<R>(returned)));
  }
}

/// Runs continuation `f` for `result` and completes `next`: with f's value, or with the error when f
/// takes a value and `result` is an error (errors short-circuit), or with kCallbackFailed when f throws
/// (the exception is then rethrown so that the executor reports it like any callback exception).
template <class T, class U, class F>
void runContinuation(F& f, const Result<T>& result, const Promise<U>& next) {
  try {
    if constexpr (std::is_invocable_v<F&, const Result<T>&>) {
      using R = std::invoke_result_t<F&, const Result<T>&>;
      if constexpr (std::is_void_v<R>) {
        f(result);
        next.complete(Result<void>());
      } else {
        deliver(next, f(result));
      }
    } else {
      if (!result.ok()) {
        next.complete(result.error());
        return;
      }
      if constexpr (std::is_void_v<T>) {
        using R = std::invoke_result_t<F&>;
        if constexpr (std::is_void_v<R>) {
          f();
          next.complete(Result<void>());
        } else {
          deliver(next, f());
        }
      } else {
        using R = std::invoke_result_t<F&, const T&>;
        if constexpr (std::is_void_v<R>) {
          f(result.value());
          next.complete(Result<void>());
        } else {
          deliver(next, f(result.value()));
        }
      }
    }
  } catch (...) {
    next.complete(errorFromException(std::current_exception()));
    throw;
  }
}

template <class T, class F, class = void>
struct ContinuationResult;
template <class T, class F>
struct ContinuationResult<T, F, std::enable_if_t<std::is_invocable_v<F&, const Result<T>&>>> {
  using type = std::invoke_result_t<F&, const Result<T>&>;
};
template <class T, class F>
struct ContinuationResult<
    T, F,
    std::enable_if_t<!std::is_invocable_v<F&, const Result<T>&> && std::is_void_v<T> && std::is_invocable_v<F&>>> {
  using type = std::invoke_result_t<F&>;
};
template <class T, class F>
struct ContinuationResult<
    T, F,
    std::enable_if_t<!std::is_invocable_v<F&, const Result<T>&> && !std::is_void_v<T> &&
                     std::is_invocable_v<F&, const std::conditional_t<std::is_void_v<T>, int, T>&>>> {
  using type = std::invoke_result_t<F&, const std::conditional_t<std::is_void_v<T>, int, T>&>;
};

/// The value type of the Future that `Future<T>::then(F)` returns.
template <class T, class F>
using ThenValueType = typename ThenValue<std::decay_t<typename ContinuationResult<T, F>::type>>::type;

}  // namespace internal
}  // namespace nakama
