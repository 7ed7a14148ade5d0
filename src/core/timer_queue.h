#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "nakama/internal/move_function.h"

namespace nakama::internal {

class TimerHandle;

/// Every delayed call of one I/O thread (request timeouts, retry back-off, heartbeats) on a single asio
/// timer, armed for the earliest one. Scheduling a call later than that one (a request timeout, nearly
/// always) costs a push on a binary heap, and cancelling one (an answered request) only marks it and drops its
/// task, without the queue's lock: it leaves the heap when it comes due or when the heap is compacted (once
/// it has doubled in size since the last time). No asio timer per call, so no timerfd update and no
/// cancelled-wait handler per request.
///
/// schedule() and cancellations may come from any thread; the asio timer is only touched on the I/O thread.
/// The queue belongs to the I/O loop (it must be destroyed before the io_context and only used while it
/// runs or is polled).
class TimerQueue {
 public:
  explicit TimerQueue(boost::asio::io_context& context);
  TimerQueue(const TimerQueue&) = delete;
  TimerQueue& operator=(const TimerQueue&) = delete;

  std::shared_ptr<TimerHandle> schedule(std::chrono::milliseconds delay, MoveFunction<void()> task);
  /// Drops every pending call without running it, and those scheduled later (the I/O thread has stopped).
  void close();

  struct Entry;
  using Clock = std::chrono::steady_clock;
  using Key = std::pair<Clock::time_point, std::uint64_t>;  // deadline, then scheduling order

  struct Scheduled {
    Key key;
    std::shared_ptr<Entry> entry;
  };

 private:
  // Heap order: the earliest key on top.
  static bool later(const Scheduled& a, const Scheduled& b) { return a.key > b.key; }
  void compact();                        // mutex_ held: drops the cancelled entries
  std::shared_ptr<Entry> popEarliest();  // mutex_ held, heap_ not empty
  void arm();                            // I/O thread: waits for the earliest pending deadline
  void expire(const boost::system::error_code& error);

  static constexpr std::size_t kCompactAtLeast = 64;

  boost::asio::io_context& context_;
  boost::asio::steady_timer timer_;
  std::mutex mutex_;
  std::vector<Scheduled> heap_;                         // cancelled entries stay until due or compacted
  std::size_t compactAt_ = kCompactAtLeast;             // heap size that triggers the next compaction
  Clock::time_point armed_ = Clock::time_point::max();  // what the asio timer waits for (max: nothing)
  std::uint64_t nextId_ = 0;
  bool closed_ = false;
};

}  // namespace nakama::internal
