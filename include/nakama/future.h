#pragma once

#include <chrono>
#include <memory>
#include <type_traits>
#include <utility>

#include "nakama/internal/future_state.h"
#include "nakama/result.h"

#if defined(__cpp_impl_coroutine) && __cpp_impl_coroutine >= 201902L && __has_include(<coroutine>)
#include <coroutine>
#define NAKAMA_HAS_COROUTINES 1
#else
#define NAKAMA_HAS_COROUTINES 0
#endif

namespace nakama {

#if NAKAMA_HAS_COROUTINES
namespace internal {
template <class T>
struct FutureCoroutine;
}
#endif

/// The handle every SDK request returns. It completes exactly once with a value or an `Error`
/// (including timeout and cancellation), whether or not anybody waits for it.
///
/// * `get()` blocks until the result is there. It never needs `poll()` to be called, so it is safe on the
///   game thread, on an SDK callback, or anywhere else, except inside a CallbackMode::kIoThread callback
///   (where it answers kInvalidArgument rather than wait forever).
/// * `then(f)` runs `f` once the result is there, where the client's `CallbackMode` says (on the SDK
///   callback thread, inside `Client::poll()`, or on the I/O thread), and returns a new Future for what `f` returns, so
///   that steps chain:
///   ```
///   client.authenticateDevice(id)
///       .then([&](const Session&) { return client.account().get(); })        // Future<Account>: flattened
///       .then([](const Account& account) { return account.user.username; })  // Future<std::string>
///       .then([](const Result<std::string>& name) { if (!name) report(name.error()); });
///   ```
///   `f` takes either the value (`const T&`, or nothing for `Future<void>`), and then runs only on
///   success (an error skips it and flows down the chain), or the whole `const Result<T>&`, and then
///   always runs. It may return nothing (`Future<void>`), a value `U`, a `Result<U>` or a `Future<U>`
///   (all giving `Future<U>`). If `f` throws, the returned Future completes with `kCallbackFailed` and
///   the exception is also reported like any callback exception (ClientOptions::onCallbackException, or
///   out of `Client::poll()`); an exception escaping a coroutine completes its Future the same way. Several `then()` on
///   one Future each get the result. `f` need not be copyable (it may own a `std::unique_ptr`): it is moved once
///   into the Future and destroyed once it has run.
/// * `cancel()` completes the Future with `ErrorKind::kCancelled` (if it has not completed yet) and
///   aborts the underlying I/O. Cancelling a Future returned by `then()` cancels the step in flight.
/// * Under C++20 a Future is awaitable: `Result<T> r = co_await future;` resumes where `then()` would
///   run (so a polled game resumes inside `poll()`), and a coroutine may return `Future<T>` (see
///   examples/guide/coroutines.cpp). With GCC 12, start the request in its own statement and await the
///   variable (`auto f = api.call(); auto r = co_await f;`): that compiler destroys the temporaries of a
///   call written inside a co_await expression twice.
template <class T>
class Future {
 public:
  /// The type of the value the Future completes with.
  using ValueType = T;

  /// An empty Future (`valid()` is false); `get()` on it fails with kInvalidArgument.
  Future() = default;

  /// False for a default-constructed Future.
  bool valid() const noexcept { return state_ != nullptr; }
  /// True once the result is available (`get()` then returns at once).
  bool ready() const { return state_ && state_->ready(); }

  /// Blocks until the request completes and returns its result. On the I/O thread of a
  /// CallbackMode::kIoThread client (inside its callbacks), an unfinished request fails at once with
  /// kInvalidArgument instead: that thread is the one that would complete it.
  Result<T> get() const {
    if (!state_) return Error{ErrorKind::kInvalidArgument, "get() on an empty Future"};
    if (!state_->ready() && state_->executor() && state_->executor()->waitingWouldDeadlock()) {
      return Error{ErrorKind::kInvalidArgument,
                   "get() on the I/O thread that must complete the request (CallbackMode::kIoThread) would wait "
                   "forever: use then() or co_await"};
    }
    return state_->wait();
  }

  /// Waits up to `timeout`; true when the result is available.
  template <class Rep, class Period>
  bool waitFor(const std::chrono::duration<Rep, Period>& timeout) const {
    return state_ && state_->waitFor(timeout);
  }

  /// Adds a continuation and returns the Future of its outcome (see the class comment).
  template <class F>
  Future<internal::ThenValueType<T, std::decay_t<F>>> then(F&& continuation) const {
    using U = internal::ThenValueType<T, std::decay_t<F>>;
    if (!state_) {
      return internal::makeReadyFuture<U>(nullptr, Error{ErrorKind::kInvalidArgument, "then() on an empty Future"});
    }
    internal::Promise<U> next(state_->executor());
    std::weak_ptr<internal::FutureState<T>> source = state_;
    next.setCanceller([source] {
      if (auto state = source.lock()) state->cancel();
    });
    state_->addContinuation([f = std::forward<F>(continuation), next](const Result<T>& result) mutable {
      internal::runContinuation<T, U>(f, result, next);
    });
    return next.future();
  }

  /// Cancels the request (see the class comment); no effect once completed.
  void cancel() const {
    if (state_) state_->cancel();
  }

#if NAKAMA_HAS_COROUTINES
  /// Lets a C++20 coroutine return `Future<T>` (`co_return` completes it).
  using promise_type = internal::FutureCoroutine<T>;

  /// `co_await future` gives the `Result<T>`.
  auto operator co_await() const {
    struct Awaiter {
      Future future;
      bool await_ready() const { return !future.state_ || future.state_->ready(); }
      void await_suspend(std::coroutine_handle<> handle) const {
        future.state_->addContinuation([handle](const Result<T>&) { handle.resume(); });
      }
      Result<T> await_resume() const { return future.get(); }
    };
    return Awaiter{*this};
  }
#endif

 private:
  friend struct internal::FutureAccess;
  explicit Future(std::shared_ptr<internal::FutureState<T>> state) : state_(std::move(state)) {}

  std::shared_ptr<internal::FutureState<T>> state_;
};

#if NAKAMA_HAS_COROUTINES
namespace internal {

template <class T>
struct FutureCoroutineBase {
  Promise<T> promise{nullptr};

  Future<T> get_return_object() { return promise.future(); }
  std::suspend_never initial_suspend() noexcept { return {}; }
  std::suspend_never final_suspend() noexcept { return {}; }
  // The exception ends up in the Future. (Rethrowing here would leave the frame suspended forever.)
  void unhandled_exception() { promise.complete(errorFromException(std::current_exception())); }
};

/// A coroutine returning Future<T> completes it with `co_return value_or_result;`.
template <class T>
struct FutureCoroutine : FutureCoroutineBase<T> {
  template <class U>
  void return_value(U&& value) {
    this->promise.complete(Result<T>(std::forward<U>(value)));
  }
};

template <>
struct FutureCoroutine<void> : FutureCoroutineBase<void> {
  void return_void() { this->promise.complete(Result<void>()); }
};

}  // namespace internal
#endif

}  // namespace nakama
