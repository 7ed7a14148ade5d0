#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

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
  detail::Promise<int> promise(sdkThread());
  EXPECT_TRUE(promise.complete(1));
  EXPECT_FALSE(promise.complete(2));
  EXPECT_FALSE(promise.complete(Error{ErrorKind::kTimeout, "late"}));
  auto result = promise.future().get();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, 1);
}

TEST(Future, GetBlocksUntilAnotherThreadCompletes) {
  detail::Promise<std::string> promise(sdkThread());
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
  detail::Promise<int> promise(executor);
  std::atomic<int> calls{0};
  promise.future().then([&](const Result<int>& r) { calls += *r; });
  promise.complete(5);
  promise.future().then([&](const Result<int>& r) { calls += *r; });
  executor->shutdown();  // drains the queue
  EXPECT_EQ(calls.load(), 10);
}

TEST(Future, PolledContinuationsRunOnlyInPollOnThePollingThread) {
  auto executor = std::make_shared<PolledExecutor>();
  detail::Promise<int> promise(executor);
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
  detail::Promise<int> promise(executor);
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
  detail::Promise<int> first(executor);
  detail::Promise<int> second(executor);
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
  detail::Promise<int> promise(sdkThread());
  bool aborted = false;
  promise.setCanceller([&] { aborted = true; });
  auto future = promise.future();
  future.cancel();
  EXPECT_TRUE(aborted);
  EXPECT_EQ(future.get().error().kind, ErrorKind::kCancelled);
  EXPECT_FALSE(promise.complete(1));
}

TEST(Future, CancelAfterCompletionChangesNothing) {
  detail::Promise<int> promise(sdkThread());
  bool aborted = false;
  promise.setCanceller([&] { aborted = true; });
  promise.complete(4);
  promise.future().cancel();
  EXPECT_FALSE(aborted);
  EXPECT_EQ(*promise.future().get(), 4);
}

TEST(Future, CancellerRegisteredAfterCancelRunsAtOnce) {
  detail::Promise<int> promise(sdkThread());
  promise.future().cancel();
  bool aborted = false;
  promise.setCanceller([&] { aborted = true; });
  EXPECT_TRUE(aborted);
}

TEST(Future, AbandonedPromiseCompletesTheFuture) {
  Future<int> future;
  {
    detail::Promise<int> promise(sdkThread());
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
  future.then([](const Result<int>&) {});
}

TEST(Future, VoidFutures) {
  detail::Promise<void> promise(sdkThread());
  promise.complete(Result<void>());
  EXPECT_TRUE(promise.future().get().ok());
  EXPECT_TRUE(promise.future().waitFor(std::chrono::milliseconds(0)));
}

TEST(Future, ThrowingCallbackIsReportedAndLaterCallbacksStillRun) {
  std::atomic<int> reported{0};
  auto executor = std::make_shared<SdkThreadExecutor>([&](std::exception_ptr) { ++reported; });
  detail::Promise<int> promise(executor);
  std::atomic<bool> secondRan{false};
  promise.future().then([](const Result<int>&) { throw std::runtime_error("boom"); });
  promise.future().then([&](const Result<int>&) { secondRan = true; });
  promise.complete(1);
  executor->shutdown();
  EXPECT_EQ(reported.load(), 1);
  EXPECT_TRUE(secondRan.load());
}

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
