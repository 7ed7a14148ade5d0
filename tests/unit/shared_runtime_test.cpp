// Clients sharing one nakama::Runtime: the same two threads for all of them, each client still with its
// own timeouts, retries, callbacks and shutdown.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>

#include "fake_http_transport.h"
#include "nakama/runtime.h"
#include "rest/client_core.h"

namespace nakama {
namespace {

using internal::ClientCore;
using test::answering;
using test::FakeHttpTransport;
using test::healthcheck;
using test::httpResponse;
using test::silent;
using namespace std::chrono_literals;

ClientOptions sharedOptions(std::shared_ptr<Runtime> runtime) {
  ClientOptions options;
  options.runtime = std::move(runtime);
  options.retry.baseDelay = 1ms;
  options.retry.maxDelay = 5ms;
  return options;
}

// The thread a client's callbacks run on, and the thread its I/O runs on.
std::pair<std::thread::id, std::thread::id> threadsOf(const std::shared_ptr<ClientCore>& core) {
  std::promise<std::thread::id> callback;
  core->callVoid(healthcheck()).then([&](const Result<void>&) { callback.set_value(std::this_thread::get_id()); });
  std::promise<std::thread::id> io;
  core->runtime()->post([&] { io.set_value(std::this_thread::get_id()); });
  return {callback.get_future().get(), io.get_future().get()};
}

TEST(SharedRuntime, ManyClientsUseTheSameTwoThreads) {
  auto runtime = Runtime::create();
  std::vector<std::shared_ptr<ClientCore>> cores;
  std::set<std::thread::id> threads;
  for (int i = 0; i < 8; ++i) {
    cores.push_back(ClientCore::create(sharedOptions(runtime), answering(200)));
    auto [callback, io] = threadsOf(cores.back());
    threads.insert(callback);
    threads.insert(io);
  }
  EXPECT_EQ(threads.size(), 2u) << "one callback thread and one I/O thread for all the clients";
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 0u);

  // A client without a runtime keeps its own pair.
  auto own = ClientCore::create(ClientOptions{}, answering(200));
  auto [callback, io] = threadsOf(own);
  EXPECT_EQ(threads.count(callback), 0u);
  EXPECT_EQ(threads.count(io), 0u);
  EXPECT_NE(callback, io);
}

TEST(SharedRuntime, DestroyingOneClientLeavesTheOthersWorking) {
  auto runtime = Runtime::create();
  auto leaving = ClientCore::create(sharedOptions(runtime), silent());
  auto staying = ClientCore::create(sharedOptions(runtime), answering(200));
  auto pending = leaving->callVoid(healthcheck());

  leaving->shutdown();
  auto cancelled = pending.get();
  ASSERT_FALSE(cancelled.ok());
  EXPECT_EQ(cancelled.error().kind, ErrorKind::kCancelled);
  leaving.reset();

  EXPECT_TRUE(staying->callVoid(healthcheck()).get().ok());
  // Its timers still run on the shared I/O thread: a request nobody answers times out.
  auto slowOptions = sharedOptions(runtime);
  slowOptions.timeout = 50ms;
  slowOptions.retry = RetryPolicy::none();
  auto slow = ClientCore::create(slowOptions, silent());
  auto timedOut = slow->callVoid(healthcheck()).get();
  ASSERT_FALSE(timedOut.ok());
  EXPECT_EQ(timedOut.error().kind, ErrorKind::kTimeout);
}

TEST(SharedRuntime, RetriesRunOnTheSharedThread) {
  auto runtime = Runtime::create();
  std::atomic<int> attempts{0};
  auto transport = std::make_shared<FakeHttpTransport>(
      [&](const auto&, auto done) { done(httpResponse(++attempts < 3 ? 503 : 200, "{}")); });
  auto core = ClientCore::create(sharedOptions(runtime), transport);
  EXPECT_TRUE(core->callVoid(healthcheck()).get().ok());
  EXPECT_EQ(attempts.load(), 3);
}

TEST(SharedRuntime, ShutdownWaitsForTheClientsQueuedCallbacksOnly) {
  auto runtime = Runtime::create();
  auto blocked = ClientCore::create(sharedOptions(runtime), answering(200));
  auto core = ClientCore::create(sharedOptions(runtime), answering(200));
  std::atomic<bool> ran{false};
  std::promise<void> started;
  core->callVoid(healthcheck()).then([&](const Result<void>&) {
    started.set_value();
    std::this_thread::sleep_for(20ms);  // a slow callback the shutdown must wait for
    ran = true;
  });
  started.get_future().wait();
  core->shutdown();
  EXPECT_TRUE(ran.load()) << "the client's callback finished before its shutdown returned";
  EXPECT_TRUE(blocked->callVoid(healthcheck()).get().ok());
}

TEST(SharedRuntime, ACallbackMayDestroyItsOwnClient) {
  auto runtime = Runtime::create();
  auto core = ClientCore::create(sharedOptions(runtime), answering(200));
  std::promise<void> done;
  core->callVoid(healthcheck()).then([&](const Result<void>&) {
    core->shutdown();  // on the shared callback thread: must not wait for itself
    core.reset();
    done.set_value();
  });
  ASSERT_EQ(done.get_future().wait_for(5s), std::future_status::ready);
  auto other = ClientCore::create(sharedOptions(runtime), answering(200));
  EXPECT_TRUE(other->callVoid(healthcheck()).get().ok());
}

TEST(SharedRuntime, ExceptionsGoToEachClientsOwnHandler) {
  auto runtime = Runtime::create();
  std::promise<std::string> first, second;
  auto optionsA = sharedOptions(runtime);
  optionsA.onCallbackException = [&](std::exception_ptr) { first.set_value("a"); };
  auto optionsB = sharedOptions(runtime);
  optionsB.onCallbackException = [&](std::exception_ptr) { second.set_value("b"); };
  auto a = ClientCore::create(optionsA, answering(200));
  auto b = ClientCore::create(optionsB, answering(200));
  a->callVoid(healthcheck()).then([](const Result<void>&) { throw std::runtime_error("a"); });
  EXPECT_EQ(first.get_future().get(), "a");
  b->callVoid(healthcheck()).then([](const Result<void>&) { throw std::runtime_error("b"); });
  EXPECT_EQ(second.get_future().get(), "b");
}

TEST(SharedRuntime, PolledClientsKeepTheirOwnQueue) {
  auto runtime = Runtime::create();
  auto polledOptions = sharedOptions(runtime);
  polledOptions.callbackMode = CallbackMode::kPolled;
  auto polled = ClientCore::create(polledOptions, answering(200));
  auto threaded = ClientCore::create(sharedOptions(runtime), answering(200));

  std::atomic<bool> polledRan{false};
  std::thread::id polledThread;
  auto future = polled->callVoid(healthcheck());
  future.then([&](const Result<void>&) {
    polledThread = std::this_thread::get_id();
    polledRan = true;
  });
  EXPECT_TRUE(threaded->callVoid(healthcheck()).get().ok());  // the shared thread does not run polled work
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!polledRan && std::chrono::steady_clock::now() < deadline) {
    polled->poll();
    std::this_thread::yield();
  }
  ASSERT_TRUE(polledRan.load());
  EXPECT_EQ(polledThread, std::this_thread::get_id());
}

TEST(SharedRuntime, TheClientsKeepTheRuntimeAlive) {
  auto runtime = Runtime::create();
  std::weak_ptr<Runtime> weak = runtime;
  auto core = ClientCore::create(sharedOptions(runtime), answering(200));
  runtime.reset();
  ASSERT_FALSE(weak.expired());
  EXPECT_TRUE(core->callVoid(healthcheck()).get().ok());
  core->shutdown();
  core.reset();
  EXPECT_TRUE(weak.expired()) << "the last client released the runtime";
}

}  // namespace
}  // namespace nakama
