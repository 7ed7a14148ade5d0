#pragma once

#include <mutex>
#include <utility>

#include "nakama/internal/move_function.h"

namespace nakama::internal {

/// The cancellation state of one request across its attempts (or of one HTTP exchange): whatever is in flight
/// right now (an HTTP exchange, a back-off timer, a refresh wait) registers how to abort it, and cancel() runs
/// that once, also when the abort is registered after the cancellation.
class Operation {
 public:
  void setAbort(MoveFunction<void()> abort) {
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
    MoveFunction<void()> abort;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (cancelled_) return;
      cancelled_ = true;
      abort = std::move(abort_);
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
  MoveFunction<void()> abort_;
};

}  // namespace nakama::internal
