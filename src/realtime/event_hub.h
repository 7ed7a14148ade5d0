#pragma once

// A list of event handlers that can change while it is being dispatched: handlers added or removed
// from inside a handler (their own included) take effect at once, without deadlock.

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "nakama/rt_socket.h"

namespace nakama::internal {

class EventHubBase {
 public:
  virtual ~EventHubBase() = default;
  virtual void remove(std::uint64_t id) = 0;
};

template <class... Args>
class EventHub final : public EventHubBase {
 public:
  using Handler = std::function<void(const Args&...)>;

  std::uint64_t add(Handler handler) {
    auto entry = std::make_shared<Entry>();
    entry->handler = std::move(handler);
    std::lock_guard<std::mutex> lock(mutex_);
    entry->id = ++nextId_;
    auto entries = std::make_shared<Entries>(*entries_);
    entries->push_back(entry);
    entries_ = std::move(entries);
    return entry->id;
  }

  void remove(std::uint64_t id) override {
    std::shared_ptr<const Entries> previous;  // released outside the lock (it may own captured objects)
    std::lock_guard<std::mutex> lock(mutex_);
    auto entries = std::make_shared<Entries>();
    entries->reserve(entries_->size());
    for (const auto& entry : *entries_) {
      if (entry->id == id) {
        entry->active = false;
      } else {
        entries->push_back(entry);
      }
    }
    previous = std::exchange(entries_, std::move(entries));
  }

  /// Calls every handler still registered. When handlers throw, the others still run and the first
  /// exception is rethrown at the end (the executor reports it).
  void emit(const Args&... args) const {
    std::shared_ptr<const Entries> snapshot;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      snapshot = entries_;
    }
    std::exception_ptr firstError;
    for (const auto& entry : *snapshot) {
      if (!entry->active) continue;
      try {
        entry->handler(args...);
      } catch (...) {
        if (!firstError) firstError = std::current_exception();
      }
    }
    if (firstError) std::rethrow_exception(firstError);
  }

 private:
  struct Entry {
    std::uint64_t id = 0;
    Handler handler;
    std::atomic<bool> active{true};
  };

  using Entries = std::vector<std::shared_ptr<Entry>>;

  mutable std::mutex mutex_;
  std::uint64_t nextId_ = 0;
  // Copied on change, shared by emit(): dispatching an event costs no allocation.
  std::shared_ptr<const Entries> entries_ = std::make_shared<const Entries>();
};

/// Registers `handler` on `hub` and returns the Subscription that removes it.
template <class... Args>
Subscription subscribe(const std::shared_ptr<EventHub<Args...>>& hub, typename EventHub<Args...>::Handler handler) {
  if (!handler) return Subscription();
  const auto id = hub->add(std::move(handler));
  std::weak_ptr<EventHubBase> weak = hub;
  return Subscription([weak, id] {
    if (auto h = weak.lock()) h->remove(id);
  });
}

}  // namespace nakama::internal
