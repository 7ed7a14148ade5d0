#include "core/timer_queue.h"

#include <algorithm>
#include <vector>

#include <boost/asio/dispatch.hpp>

#include "core/runtime.h"

namespace nakama::internal {

// One scheduled call, and its handle. `done` decides between running and cancelling, whichever comes first: only
// the winner touches `task`.
struct TimerQueue::Entry final : TimerHandle {
  MoveFunction<void()> task;
  std::atomic<bool> done{false};

  void cancel() override {
    if (done.exchange(true)) return;
    task = nullptr;  // what it holds goes now, though the entry waits in the heap until due or compacted
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

TimerQueue::TimerQueue(boost::asio::io_context& context) : context_(context), timer_(context) {}

std::shared_ptr<TimerHandle> TimerQueue::schedule(std::chrono::milliseconds delay, MoveFunction<void()> task) {
  auto entry = std::make_shared<Entry>();
  entry->task = std::move(task);
  bool earliest = false;
  MoveFunction<void()> rejected;  // released outside the lock: what a task holds may cancel other timers
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) {  // nothing would ever run it
      entry->done = true;
      rejected = std::move(entry->task);
      return entry;
    }
    if (heap_.size() >= compactAt_) compact();
    const Key key{deadlineAfter(delay), nextId_++};
    heap_.push_back(Scheduled{key, entry});
    std::push_heap(heap_.begin(), heap_.end(), later);
    if (key.first < armed_) {
      armed_ = key.first;
      earliest = true;
    }
  }
  if (earliest) boost::asio::dispatch(context_, [this] { arm(); });
  return entry;
}

void TimerQueue::compact() {
  heap_.erase(std::remove_if(heap_.begin(), heap_.end(), [](const Scheduled& s) { return s.entry->done.load(); }),
              heap_.end());
  std::make_heap(heap_.begin(), heap_.end(), later);
  compactAt_ = (std::max)(kCompactAtLeast, heap_.size() * 2);
}

std::shared_ptr<TimerQueue::Entry> TimerQueue::popEarliest() {
  std::pop_heap(heap_.begin(), heap_.end(), later);
  auto entry = std::move(heap_.back().entry);
  heap_.pop_back();
  return entry;
}

void TimerQueue::arm() {
  Clock::time_point deadline;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // Cancelled entries on top would only wake the thread for nothing.
    while (!heap_.empty() && heap_.front().entry->done.load()) popEarliest();
    if (heap_.empty()) {
      armed_ = Clock::time_point::max();
      return;  // a wait still pending finds nothing due
    }
    deadline = heap_.front().key.first;
    armed_ = deadline;
  }
  timer_.expires_at(deadline);  // cancels the wait in progress, if any
  timer_.async_wait([this](const boost::system::error_code& error) { expire(error); });
}

void TimerQueue::expire(const boost::system::error_code& error) {
  if (error == boost::asio::error::operation_aborted) return;  // re-armed (or the loop is going)
  std::vector<std::shared_ptr<Entry>> due;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = Clock::now();
    while (!heap_.empty() && heap_.front().key.first <= now) due.push_back(popEarliest());
    armed_ = Clock::time_point::max();  // arm() sets it again when something is left
  }
  arm();
  for (auto& entry : due) {
    // Cancelled meanwhile, perhaps by a task run before it.
    if (entry->done.exchange(true)) continue;
    auto task = std::move(entry->task);
    task();
  }
}

void TimerQueue::close() {
  std::vector<Scheduled> dropped;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    dropped.swap(heap_);
    closed_ = true;
    armed_ = Clock::time_point::max();
  }
  for (auto& scheduled : dropped) {
    // A handle may outlive the queue: it must not keep what the task holds.
    if (!scheduled.entry->done.exchange(true)) scheduled.entry->task = nullptr;
  }
}

}  // namespace nakama::internal
