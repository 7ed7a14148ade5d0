#include "core/timer_queue.h"

#include <vector>

#include <boost/asio/dispatch.hpp>

#include "core/runtime.h"

namespace nakama::internal {

// One scheduled call, and its handle. `done` decides between running and cancelling, whichever comes first.
struct TimerQueue::Entry final : TimerHandle {
  std::weak_ptr<Pending> pending;
  Key key;
  MoveFunction<void()> task;
  std::atomic<bool> done{false};

  void cancel() override {
    if (done.exchange(true)) return;
    auto queue = pending.lock();
    if (!queue) return;
    MoveFunction<void()> dropped;  // released outside the lock: what the task holds may cancel other timers
    {
      std::lock_guard<std::mutex> lock(queue->mutex);
      auto it = queue->entries.find(key);
      if (it == queue->entries.end()) return;  // being expired: expire() sees `done` and skips it
      queue->entries.erase(it);
      dropped = std::move(task);  // out of the map, so no other thread touches it
    }
  }
};

namespace {
// now + delay, saturated: a "practically never" delay (milliseconds::max()) must not wrap into the past.
TimerQueue::Clock::time_point deadlineAfter(std::chrono::milliseconds delay) {
  const auto now = TimerQueue::Clock::now();
  const auto room = std::chrono::duration_cast<std::chrono::milliseconds>(TimerQueue::Clock::time_point::max() - now);
  return delay >= room ? TimerQueue::Clock::time_point::max() : now + delay;
}
}  // namespace

TimerQueue::TimerQueue(boost::asio::io_context& context)
    : context_(context), timer_(context), pending_(std::make_shared<Pending>()) {}

std::shared_ptr<TimerHandle> TimerQueue::schedule(std::chrono::milliseconds delay, MoveFunction<void()> task) {
  auto entry = std::make_shared<Entry>();
  entry->pending = pending_;
  entry->task = std::move(task);
  bool earliest = false;
  MoveFunction<void()> rejected;  // released outside the lock, like a cancelled task
  {
    std::lock_guard<std::mutex> lock(pending_->mutex);
    if (pending_->closed) {  // nothing would ever run it
      entry->done = true;
      rejected = std::move(entry->task);
      return entry;
    }
    entry->key = Key{deadlineAfter(delay), pending_->nextId++};
    pending_->entries.emplace(entry->key, entry);
    if (entry->key.first < pending_->armed) {
      pending_->armed = entry->key.first;
      earliest = true;
    }
  }
  if (earliest) boost::asio::dispatch(context_, [this] { arm(); });
  return entry;
}

void TimerQueue::arm() {
  Clock::time_point deadline;
  {
    std::lock_guard<std::mutex> lock(pending_->mutex);
    if (pending_->entries.empty()) {
      pending_->armed = Clock::time_point::max();
      return;  // a wait still pending finds nothing due
    }
    deadline = pending_->entries.begin()->first.first;
    pending_->armed = deadline;
  }
  timer_.expires_at(deadline);  // cancels the wait in progress, if any
  timer_.async_wait([this](const boost::system::error_code& error) { expire(error); });
}

void TimerQueue::expire(const boost::system::error_code& error) {
  if (error == boost::asio::error::operation_aborted) return;  // re-armed (or the loop is going)
  std::vector<std::shared_ptr<Entry>> due;
  {
    std::lock_guard<std::mutex> lock(pending_->mutex);
    const auto now = Clock::now();
    auto& entries = pending_->entries;
    while (!entries.empty() && entries.begin()->first.first <= now) {
      due.push_back(std::move(entries.begin()->second));
      entries.erase(entries.begin());
    }
    pending_->armed = Clock::time_point::max();  // arm() sets it again when something is left
  }
  arm();
  for (auto& entry : due) {
    // A task run before it may have cancelled this one.
    if (entry->done.exchange(true)) continue;
    auto task = std::move(entry->task);
    task();
  }
}

void TimerQueue::close() {
  std::map<Key, std::shared_ptr<Entry>> dropped;
  {
    std::lock_guard<std::mutex> lock(pending_->mutex);
    dropped.swap(pending_->entries);
    pending_->closed = true;
    pending_->armed = Clock::time_point::max();
  }
  for (auto& [key, entry] : dropped) {
    entry->done = true;
    entry->task = nullptr;  // a handle may outlive the queue: it must not keep what the task holds
  }
}

}  // namespace nakama::internal
