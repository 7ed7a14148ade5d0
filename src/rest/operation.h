#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>

namespace nakama::internal {

/// The cancellation state of one request across its attempts (or of one HTTP exchange): whatever is in flight
/// right now (an HTTP exchange, a back-off timer, a refresh wait) registers how to abort it, and cancel() runs
/// that once, also when the abort is registered after the cancellation.
class Operation {
 public:
  void setAbort(std::function<void()> abort) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!cancelled_) {
        abort_ = std::move(abort);
        return;
      }
    }
    if (abort) abort();
  }

  void cancel() {
    std::function<void()> abort;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (cancelled_) return;
      cancelled_ = true;
      abort.swap(abort_);
    }
    if (abort) abort();
  }

  bool cancelled() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return cancelled_;
  }

 private:
  mutable std::mutex mutex_;
  bool cancelled_ = false;
  std::function<void()> abort_;
};

/// Wraps a callback so that only its first invocation runs (timeouts race with answers).
template <class... Args>
std::function<void(Args...)> runOnce(std::function<void(Args...)> callback) {
  auto flag = std::make_shared<std::atomic<bool>>(false);
  return [flag, callback = std::move(callback)](Args... args) {
    if (!flag->exchange(true)) callback(std::forward<Args>(args)...);
  };
}

}  // namespace nakama::internal
