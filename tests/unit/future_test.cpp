#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/executors.h"
#include "nakama/future.h"

namespace nakama {
namespace {

using internal::PolledExecutor;
using internal::SdkThreadExecutor;

std::shared_ptr<SdkThreadExecutor> sdkThread() {
  return std::make_shared<SdkThreadExecutor>([](std::exception_ptr) {});
}

TEST(Future, CompletesExactlyOnceFirstResultWins) {
  internal::Promise<int> promise(sdkThread());
  EXPECT_TRUE(promise.complete(1));
  EXPECT_FALSE(promise.complete(2));
  EXPECT_FALSE(promise.complete(Error{ErrorKind::kTimeout, "late"}));
  auto result = promise.future().get();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, 1);
}

TEST(Future, GetBlocksUntilAnotherThreadCompletes) {
  internal::Promise<std::string> promise(sdkThread());
  std::thread producer([promise] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    promise.complete(std::string("done"));
  });
  auto result = promise.future().get();
  producer.join();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, "done");
}

TEST(Future, ThenRunsEveryContinuationOnceEvenWhenAddedAfterCompletion) {
  auto executor = sdkThread();
  internal::Promise<int> promise(executor);
  std::atomic<int> calls{0};
  promise.future().then([&](const Result<int>& r) { calls += *r; });
  promise.complete(5);
  promise.future().then([&](const Result<int>& r) { calls += *r; });
  executor->shutdown();  // drains the queue
  EXPECT_EQ(calls.load(), 10);
}

TEST(Future, ContinuationsAddedBeforeCompletionRunInOrderOnceEachAndReleaseWhatTheyHold) {
  auto executor = std::make_shared<PolledExecutor>();
  internal::Promise<int> promise(executor);
  std::vector<int> order;
  auto held = std::make_shared<int>(0);
  for (int i = 0; i < 4; ++i) {  // the first is kept in the state itself, the others in its list
    promise.future().then([&order, i, held](const Result<int>& r) { order.push_back(i * 10 + *r); });
  }
  EXPECT_EQ(held.use_count(), 5);
  promise.complete(1);
  EXPECT_TRUE(order.empty());  // queued for poll(), not run by the completing thread
  EXPECT_EQ(executor->poll(), 4u);
  EXPECT_EQ(order, (std::vector<int>{1, 11, 21, 31}));
  EXPECT_EQ(held.use_count(), 1);  // each continuation went with the task that ran it
  EXPECT_EQ(executor->poll(), 0u);
}

TEST(Future, MoveOnlyContinuationsAndCancellersAreAccepted) {
  auto executor = std::make_shared<PolledExecutor>();
  internal::Promise<int> promise(executor);
  bool aborted = false;
  promise.setCanceller([flag = std::make_unique<bool*>(&aborted)] { **flag = true; });
  auto doubled = promise.future().then([factor = std::make_unique<int>(2)](int v) { return v * *factor; });
  doubled.cancel();  // cancels the step in flight: the source, whose canceller runs
  EXPECT_TRUE(aborted);
  executor->poll();
  auto result = doubled.get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kCancelled);
}

TEST(Future, ContinuationsOnAnotherThreadWhileMoreAreCompletedStayExactlyOnce) {
  auto executor = sdkThread();
  std::atomic<int> calls{0};
  for (int round = 0; round < 200; ++round) {
    internal::Promise<int> promise(executor);
    for (int i = 0; i < 3; ++i) promise.future().then([&calls](int v) { calls += v; });
    std::thread completer([promise] { promise.complete(1); });
    promise.future().then([&calls](int v) { calls += v; });  // before or after completion, whichever comes
    completer.join();
  }
  executor->shutdown();
  EXPECT_EQ(calls.load(), 800);
}

TEST(Future, PolledContinuationsRunOnlyInPollOnThePollingThread) {
  auto executor = std::make_shared<PolledExecutor>();
  internal::Promise<int> promise(executor);
  std::thread::id ranOn;
  bool ran = false;
  promise.future().then([&](const Result<int>&) {
    ran = true;
    ranOn = std::this_thread::get_id();
  });
  std::thread producer([promise] { promise.complete(7); });
  producer.join();
  EXPECT_FALSE(ran);
  EXPECT_EQ(executor->poll(), 1u);
  EXPECT_TRUE(ran);
  EXPECT_EQ(ranOn, std::this_thread::get_id());
}

TEST(Future, GetOnThePollingThreadDoesNotNeedPoll) {
  auto executor = std::make_shared<PolledExecutor>();
  internal::Promise<int> promise(executor);
  promise.future().then([](const Result<int>&) {});  // queued for poll(), must not block get()
  std::thread producer([promise] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    promise.complete(3);
  });
  auto result = promise.future().get();  // the game thread, which never polled
  producer.join();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, 3);
  EXPECT_EQ(executor->poll(), 1u);
}

TEST(Future, GetInsideAContinuationOnTheSdkThreadDoesNotDeadlock) {
  auto executor = sdkThread();
  internal::Promise<int> first(executor);
  internal::Promise<int> second(executor);
  std::promise<int> observed;
  first.future().then([&, second](const Result<int>&) { observed.set_value(*second.future().get()); });
  first.complete(1);
  std::thread producer([second] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    second.complete(2);
  });
  EXPECT_EQ(observed.get_future().get(), 2);
  producer.join();
}

TEST(Future, CancelCompletesWithCancelledAndAbortsTheOperation) {
  internal::Promise<int> promise(sdkThread());
  bool aborted = false;
  promise.setCanceller([&] { aborted = true; });
  auto future = promise.future();
  future.cancel();
  EXPECT_TRUE(aborted);
  EXPECT_EQ(future.get().error().kind, ErrorKind::kCancelled);
  EXPECT_FALSE(promise.complete(1));
}

TEST(Future, CancelAfterCompletionChangesNothing) {
  internal::Promise<int> promise(sdkThread());
  bool aborted = false;
  promise.setCanceller([&] { aborted = true; });
  promise.complete(4);
  promise.future().cancel();
  EXPECT_FALSE(aborted);
  EXPECT_EQ(*promise.future().get(), 4);
}

TEST(Future, CancellerRegisteredAfterCancelRunsAtOnce) {
  internal::Promise<int> promise(sdkThread());
  promise.future().cancel();
  bool aborted = false;
  promise.setCanceller([&] { aborted = true; });
  EXPECT_TRUE(aborted);
}

// completeWith() builds the result in the state, without the state's lock: only the first completion builds it,
// a cancel or another completion meanwhile changes nothing, and a builder that throws still completes the future.
TEST(Future, CompleteWithBuildsOnlyForTheFirstCompletion) {
  internal::Promise<std::string> promise(sdkThread());
  auto future = promise.future();
  bool aborted = false;
  promise.setCanceller([&] { aborted = true; });
  int built = 0;
  EXPECT_TRUE(promise.completeWith([&] {
    ++built;
    EXPECT_FALSE(future.ready());  // not visible before it is built (and ready() does not block)
    future.cancel();               // too late: this completion has begun
    EXPECT_FALSE(promise.complete(std::string("other")));
    return Result<std::string>(std::string(40, 'x'));
  }));
  EXPECT_FALSE(promise.completeWith([&] {
    ++built;
    return Result<std::string>(std::string("late"));
  }));
  EXPECT_EQ(built, 1);
  EXPECT_FALSE(aborted);
  ASSERT_TRUE(future.get().ok());
  EXPECT_EQ(*future.get(), std::string(40, 'x'));

  internal::Promise<int> cancelled(sdkThread());
  cancelled.future().cancel();
  EXPECT_FALSE(cancelled.completeWith([&] {
    ++built;
    return Result<int>(1);
  }));
  EXPECT_EQ(built, 1);

  internal::Promise<int> throwing(sdkThread());
  EXPECT_TRUE(throwing.completeWith([]() -> Result<int> { throw std::runtime_error("no memory"); }));
  const auto result = throwing.future().get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kBadResponse);
  EXPECT_NE(result.error().message.find("no memory"), std::string::npos);
}

TEST(Future, WaitersAndContinuationsOnOtherThreadsSeeWhatCompleteWithBuilt) {
  for (int round = 0; round < 200; ++round) {
    internal::Promise<std::vector<int>> promise(sdkThread());
    auto future = promise.future();
    std::promise<std::size_t> seen;
    future.then([&seen](const std::vector<int>& values) { seen.set_value(values.size()); });
    std::thread producer(
        [promise] { promise.completeWith([] { return Result<std::vector<int>>(std::vector<int>(100, 7)); }); });
    std::thread canceller([future] { future.cancel(); });
    const auto result = future.get();
    producer.join();
    canceller.join();
    if (result.ok()) {
      EXPECT_EQ(result->size(), 100u);
      EXPECT_EQ(seen.get_future().get(), 100u);
    } else {
      EXPECT_EQ(result.error().kind, ErrorKind::kCancelled);
    }
  }
}

TEST(Future, AbandonedPromiseCompletesTheFuture) {
  Future<int> future;
  {
    internal::Promise<int> promise(sdkThread());
    future = promise.future();
  }
  auto result = future.get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kCancelled);
}

TEST(Future, EmptyFutureAnswersInsteadOfCrashing) {
  Future<int> future;
  EXPECT_FALSE(future.valid());
  EXPECT_EQ(future.get().error().kind, ErrorKind::kInvalidArgument);
  future.cancel();
  auto chained = future.then([](const Result<int>&) {});
  EXPECT_EQ(chained.get().error().kind, ErrorKind::kInvalidArgument);
}

TEST(Future, VoidFutures) {
  internal::Promise<void> promise(sdkThread());
  promise.complete(Result<void>());
  EXPECT_TRUE(promise.future().get().ok());
  EXPECT_TRUE(promise.future().waitFor(std::chrono::milliseconds(0)));
}

TEST(Future, ThrowingCallbackIsReportedFailsItsChainAndLaterCallbacksStillRun) {
  std::atomic<int> reported{0};
  auto executor = std::make_shared<SdkThreadExecutor>([&](std::exception_ptr) { ++reported; });
  internal::Promise<int> promise(executor);
  std::atomic<bool> secondRan{false};
  auto failed = promise.future().then([](const Result<int>&) { throw std::runtime_error("boom"); });
  promise.future().then([&](const Result<int>&) { secondRan = true; });
  promise.complete(1);
  auto result = failed.get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kCallbackFailed);
  EXPECT_NE(result.error().message.find("boom"), std::string::npos);
  executor->shutdown();
  EXPECT_EQ(reported.load(), 1);
  EXPECT_TRUE(secondRan.load());
}

TEST(FutureChain, ValueContinuationsChainAndChangeType) {
  auto executor = sdkThread();
  internal::Promise<int> promise(executor);
  auto chained = promise.future()
                     .then([](int value) { return value * 2; })                     // Future<int>
                     .then([](const int& value) { return std::to_string(value); })  // Future<std::string>
                     .then([](const std::string& text) { return text + "!"; });     // Future<std::string>
  static_assert(std::is_same_v<decltype(chained), Future<std::string>>);
  promise.complete(21);
  auto result = chained.get();
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(*result, "42!");
}

TEST(FutureChain, ErrorsSkipValueContinuationsUntilOneTakesTheResult) {
  auto executor = sdkThread();
  internal::Promise<int> promise(executor);
  std::atomic<int> valueSteps{0};
  auto chained = promise.future()
                     .then([&](int v) {
                       ++valueSteps;
                       return v;
                     })
                     .then([&](int) { ++valueSteps; })
                     .then([](const Result<void>& r) { return r.ok() ? std::string("ok") : r.error().message; });
  promise.complete(Error{ErrorKind::kTimeout, "too slow"});
  auto result = chained.get();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, "too slow");
  EXPECT_EQ(valueSteps.load(), 0);
}

TEST(FutureChain, ResultReturningContinuationsCanFailTheChain) {
  auto executor = sdkThread();
  internal::Promise<int> promise(executor);
  auto chained = promise.future().then([](int v) -> Result<std::string> {
    if (v < 0) return Error{ErrorKind::kInvalidArgument, "negative"};
    return std::string("fine");
  });
  promise.complete(-1);
  auto result = chained.get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(result.error().message, "negative");
}

TEST(FutureChain, FutureReturningContinuationsAreFlattened) {
  auto executor = sdkThread();
  internal::Promise<int> first(executor);
  internal::Promise<std::string> second(executor);
  std::atomic<int> seen{0};
  auto chained = first.future().then([&, second](int v) {
    seen = v;
    return second.future();
  });
  static_assert(std::is_same_v<decltype(chained), Future<std::string>>);
  first.complete(7);
  EXPECT_FALSE(chained.waitFor(std::chrono::milliseconds(30)));
  second.complete(std::string("second"));
  auto result = chained.get();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, "second");
  EXPECT_EQ(seen.load(), 7);
}

TEST(FutureChain, VoidFuturesChainWithNoArgumentContinuations) {
  auto executor = sdkThread();
  internal::Promise<void> promise(executor);
  auto chained = promise.future().then([] { return 5; });
  static_assert(std::is_same_v<decltype(chained), Future<int>>);
  promise.complete(Result<void>());
  EXPECT_EQ(*chained.get(), 5);
}

TEST(FutureChain, CancellingTheChainCancelsTheStepInFlight) {
  auto executor = sdkThread();
  internal::Promise<int> first(executor);
  bool firstAborted = false;
  first.setCanceller([&] { firstAborted = true; });
  auto chained = first.future().then([](int v) { return v + 1; });
  chained.cancel();
  EXPECT_TRUE(firstAborted);
  EXPECT_EQ(chained.get().error().kind, ErrorKind::kCancelled);
  EXPECT_EQ(first.future().get().error().kind, ErrorKind::kCancelled);
}

TEST(FutureChain, CancellingAfterTheFirstStepCancelsTheInnerFuture) {
  auto executor = sdkThread();
  internal::Promise<int> first(executor);
  internal::Promise<int> inner(executor);
  std::atomic<bool> innerAborted{false};
  inner.setCanceller([&] { innerAborted = true; });
  std::promise<void> stepRan;
  auto chained = first.future().then([&, inner](int) {
    stepRan.set_value();
    return inner.future();
  });
  first.complete(1);
  stepRan.get_future().wait();
  // The flattening hand-off is registered right after the step returns; give it that moment.
  for (int i = 0; i < 100 && !innerAborted; ++i) {
    chained.cancel();
    if (!innerAborted) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(chained.get().error().kind, ErrorKind::kCancelled);
  EXPECT_TRUE(innerAborted.load());
}

TEST(FutureChain, PolledChainsRunOnlyInsidePoll) {
  auto executor = std::make_shared<PolledExecutor>();
  internal::Promise<int> promise(executor);
  std::vector<std::thread::id> ranOn;
  auto chained = promise.future()
                     .then([&](int v) {
                       ranOn.push_back(std::this_thread::get_id());
                       return v + 1;
                     })
                     .then([&](int v) {
                       ranOn.push_back(std::this_thread::get_id());
                       return v + 1;
                     });
  std::thread producer([promise] { promise.complete(1); });
  producer.join();
  EXPECT_TRUE(ranOn.empty());
  while (!chained.ready()) executor->poll();
  ASSERT_EQ(ranOn.size(), 2u);
  EXPECT_EQ(ranOn[0], std::this_thread::get_id());
  EXPECT_EQ(ranOn[1], std::this_thread::get_id());
  EXPECT_EQ(*chained.get(), 3);
}

#if NAKAMA_HAS_COROUTINES
Future<int> addOneLater(Future<int> input) {
  Result<int> value = co_await input;
  if (!value) co_return value.error();
  co_return *value + 1;
}

Future<void> throwsInside(Future<int> input) {
  (void)co_await input;
  throw std::runtime_error("coroutine failed");
}

TEST(FutureCoroutine, AwaitsAndReturnsAFuture) {
  auto executor = sdkThread();
  internal::Promise<int> promise(executor);
  Future<int> result = addOneLater(promise.future());
  EXPECT_FALSE(result.ready());
  promise.complete(41);
  ASSERT_TRUE(result.get().ok());
  EXPECT_EQ(*result.get(), 42);
}

TEST(FutureCoroutine, ErrorsReachTheAwaiter) {
  auto executor = sdkThread();
  internal::Promise<int> promise(executor);
  Future<int> result = addOneLater(promise.future());
  promise.complete(Error{ErrorKind::kDisconnected, "gone"});
  EXPECT_EQ(result.get().error().kind, ErrorKind::kDisconnected);
}

TEST(FutureCoroutine, PolledCoroutinesResumeInsidePoll) {
  auto executor = std::make_shared<PolledExecutor>();
  internal::Promise<int> promise(executor);
  Future<int> result = addOneLater(promise.future());
  std::thread producer([promise] { promise.complete(1); });
  producer.join();
  EXPECT_FALSE(result.ready());
  EXPECT_EQ(executor->poll(), 1u);
  EXPECT_TRUE(result.ready());
  EXPECT_EQ(*result.get(), 2);
}

TEST(FutureCoroutine, ExceptionsCompleteTheCoroutinesFuture) {
  auto executor = sdkThread();
  internal::Promise<int> promise(executor);
  Future<void> result = throwsInside(promise.future());
  promise.complete(1);
  ASSERT_FALSE(result.get().ok());
  EXPECT_EQ(result.get().error().kind, ErrorKind::kCallbackFailed);
}

TEST(FutureCoroutine, ReadyFuturesDoNotSuspend) {
  Future<int> result = addOneLater(internal::makeReadyFuture<int>(nullptr, 9));
  ASSERT_TRUE(result.ready());
  EXPECT_EQ(*result.get(), 10);
}
#endif

TEST(Result, ValueOnErrorThrowsWithTheError) {
  Result<int> result(Error{ErrorKind::kTimeout, "slow"});
  try {
    (void)result.value();
    FAIL() << "expected BadResultAccess";
  } catch (const BadResultAccess& e) {
    EXPECT_EQ(e.error().kind, ErrorKind::kTimeout);
  }
  EXPECT_EQ(result.valueOr(9), 9);
}

}  // namespace
}  // namespace nakama
