// IoRuntime::schedule: every delayed call of an I/O thread shares one asio timer (core/timer_queue.h).

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/runtime.h"

namespace nakama::internal {
namespace {

using namespace std::chrono_literals;
constexpr auto kDeadline = std::chrono::seconds(10);

// The order in which scheduled calls ran, and a way to wait for the n-th.
class Recorder {
 public:
  std::function<void()> note(int id) {
    return [this, id] {
      std::lock_guard<std::mutex> lock(mutex_);
      order_.push_back(id);
      if (order_.size() == expected_) done_.set_value();
    };
  }
  bool waitFor(std::size_t count) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      expected_ = count;
      if (order_.size() >= count) return true;
    }
    return done_.get_future().wait_for(kDeadline) == std::future_status::ready;
  }
  std::vector<int> order() {
    std::lock_guard<std::mutex> lock(mutex_);
    return order_;
  }

 private:
  std::mutex mutex_;
  std::vector<int> order_;
  std::size_t expected_ = 0;
  std::promise<void> done_;
};

TEST(TimerQueue, RunsCallsInDeadlineOrderWhateverTheSchedulingOrder) {
  IoRuntime runtime;
  Recorder recorder;
  // Later first, then earlier ones: each earlier deadline re-arms the shared timer.
  auto a = runtime.schedule(120ms, recorder.note(3));
  auto b = runtime.schedule(60ms, recorder.note(2));
  auto c = runtime.schedule(0ms, recorder.note(1));
  auto d = runtime.schedule(120ms, recorder.note(4));  // same delay as the first: after it
  ASSERT_TRUE(recorder.waitFor(4));
  EXPECT_EQ(recorder.order(), (std::vector<int>{1, 2, 3, 4}));
}

TEST(TimerQueue, CancelledCallsNeverRunAndReleaseWhatTheyHold) {
  IoRuntime runtime;
  Recorder recorder;
  auto held = std::make_shared<int>(0);
  std::weak_ptr<int> watch = held;
  auto cancelled = runtime.schedule(30ms, [held, fn = recorder.note(99)] { fn(); });
  held.reset();
  auto kept = runtime.schedule(60ms, recorder.note(1));
  cancelled->cancel();
  EXPECT_TRUE(watch.expired());  // dropped at cancel(), though the handle is still alive
  cancelled->cancel();           // twice: nothing
  ASSERT_TRUE(recorder.waitFor(1));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(recorder.order(), std::vector<int>{1});
  kept->cancel();  // after it ran: nothing
}

// A cancelled call stays in the queue's heap until it comes due or the heap is compacted: thousands of them (an
// answered request each) neither hold what their tasks captured nor disturb the calls still pending among them.
TEST(TimerQueue, ManyCancelledCallsAmongPendingOnesAreDroppedAndTheOthersStillRunInOrder) {
  IoRuntime runtime;
  Recorder recorder;
  auto held = std::make_shared<int>(0);
  std::vector<std::shared_ptr<TimerHandle>> kept;
  // The kept calls' deadlines are 10 ms apart from one start, however long the loop takes to schedule them (on a busy
  // machine a delay counted from each call's own scheduling let a later call overtake an earlier one).
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 2000; ++i) {
    if (i % 200 == 0) {
      const auto deadline = start + 200ms + std::chrono::milliseconds((2000 - i) / 20);
      const auto delay =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      kept.push_back(runtime.schedule(delay, recorder.note(i)));
    } else {
      runtime.schedule(i % 2 ? 1h : 5ms, [held] {})->cancel();  // some would come due soon, most never
    }
  }
  EXPECT_EQ(held.use_count(), 1);  // every cancelled task was released at once
  ASSERT_TRUE(recorder.waitFor(10));
  // Later deadlines for smaller i: they run from the largest i down.
  EXPECT_EQ(recorder.order(), (std::vector<int>{1800, 1600, 1400, 1200, 1000, 800, 600, 400, 200, 0}));
}

TEST(TimerQueue, ACallDueInTheSameBatchCanStillBeCancelledByAnEarlierOne) {
  IoRuntime runtime;
  Recorder recorder;
  std::shared_ptr<TimerHandle> second;
  std::promise<void> scheduled;
  auto scheduledFuture = scheduled.get_future();
  // Both are due when the I/O thread next looks (it sleeps a little first); the first cancels the second.
  runtime.post([&] {
    auto first = runtime.schedule(0ms, [&second, note = recorder.note(1)] {
      second->cancel();
      note();
    });
    second = runtime.schedule(0ms, recorder.note(2));
    auto third = runtime.schedule(0ms, recorder.note(3));
    std::this_thread::sleep_for(5ms);
    scheduled.set_value();
  });
  ASSERT_EQ(scheduledFuture.wait_for(kDeadline), std::future_status::ready);
  ASSERT_TRUE(recorder.waitFor(2));
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(recorder.order(), (std::vector<int>{1, 3}));
}

TEST(TimerQueue, SchedulingFromManyThreadsRunsEveryCallOnce) {
  IoRuntime runtime;
  constexpr int kThreads = 4;
  constexpr int kPerThread = 200;
  std::atomic<int> ran{0};
  std::promise<void> all;
  std::vector<std::thread> threads;
  std::mutex handlesMutex;
  std::vector<std::shared_ptr<TimerHandle>> handles;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto handle = runtime.schedule(std::chrono::milliseconds((i * 7 + t) % 20), [&] {
          if (ran.fetch_add(1) + 1 == kThreads * kPerThread) all.set_value();
        });
        std::lock_guard<std::mutex> lock(handlesMutex);
        handles.push_back(std::move(handle));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(all.get_future().wait_for(kDeadline), std::future_status::ready);
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(ran.load(), kThreads * kPerThread);
}

TEST(TimerQueue, AFarDeadlineDoesNotWrapAround) {
  IoRuntime runtime;
  Recorder recorder;
  auto never = runtime.schedule(std::chrono::milliseconds::max(), recorder.note(99));
  auto soon = runtime.schedule(10ms, recorder.note(1));
  ASSERT_TRUE(recorder.waitFor(1));
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(recorder.order(), std::vector<int>{1});
  never->cancel();
}

TEST(TimerQueue, StoppingDropsPendingCallsAndRefusesNewOnes) {
  auto held = std::make_shared<int>(0);
  std::weak_ptr<int> watch = held;
  std::atomic<int> ran{0};
  std::shared_ptr<TimerHandle> pending, late;
  {
    IoRuntime runtime;
    pending = runtime.schedule(10s, [held, &ran] { ++ran; });
    held.reset();
    runtime.stop();
    EXPECT_TRUE(watch.expired());  // released at stop, though its handle outlives the runtime
    late = runtime.schedule(0ms, [&ran] { ++ran; });
  }
  pending->cancel();  // the runtime is gone: nothing happens
  late->cancel();
  EXPECT_EQ(ran.load(), 0);
}

TEST(TimerQueue, AStoppedSharedHandleNoLongerRunsItsCallsButOthersDo) {
  IoRuntime owner;
  auto mine = owner.share();
  auto other = owner.share();
  Recorder recorder;
  auto a = mine->schedule(30ms, recorder.note(99));
  auto b = other->schedule(40ms, recorder.note(1));
  mine->stop();
  ASSERT_TRUE(recorder.waitFor(1));
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(recorder.order(), std::vector<int>{1});
}

}  // namespace
}  // namespace nakama::internal
