#pragma once

#include <memory>

#include "nakama/export.h"

namespace nakama {

namespace internal {
class ClientCore;
}

/// Threads that many Clients can share: one network I/O thread (timers, HTTP with the default Beast
/// transport, WebSocket connections) and one callback thread (CallbackMode::kSdkThread). Without it each
/// Client starts its own pair, which is the simplest choice for a game with one Client; a process that
/// simulates many players (load-test bots, a server-side tool) passes one Runtime to all of them through
/// `ClientOptions::runtime` and uses two threads in total.
///
/// A Client on a shared Runtime behaves exactly as one on its own: destroying it cancels its requests
/// and waits for its queued callbacks, while the other Clients carry on. Every Client keeps the Runtime
/// alive (shared ownership); the threads stop when the last owner releases it. Callbacks of all the
/// Clients run one at a time on the one callback thread, so a callback that blocks delays the others.
/// kPolled Clients keep their own queue, run by their own `Client::poll()`; kIoThread Clients run theirs
/// on the shared I/O thread (with no kSdkThread Client the callback thread never starts: one thread for any
/// number of bots).
class NAKAMA_API Runtime {
 public:
  /// Starts the I/O thread; the callback thread starts with the first kSdkThread Client.
  Runtime();
  /// Stops the threads (joined, unless this runs on one of them).
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  /// Convenience: `std::make_shared<Runtime>()`.
  static std::shared_ptr<Runtime> create();

 private:
  friend class internal::ClientCore;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nakama
