// CallbackMode::kIoThread: continuations run on the client's I/O thread (its own, or its shared Runtime's),
// in order, never two at a time; get() there answers instead of deadlocking; shutdown loses no callback.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>
#include <vector>

#include "fake_http_transport.h"
#include "nakama/runtime.h"
#include "rest/client_core.h"

namespace nakama {
namespace {

using internal::ClientCore;
using test::answering;
using test::healthcheck;
using test::silent;
using namespace std::chrono_literals;

ClientOptions ioThreadOptions(std::shared_ptr<Runtime> runtime = nullptr) {
  ClientOptions options;
  options.callbackMode = CallbackMode::kIoThread;
  options.runtime = std::move(runtime);
  options.retry = RetryPolicy::none();
  return options;
}

std::thread::id ioThreadOf(const std::shared_ptr<ClientCore>& core) {
  std::promise<std::thread::id> io;
  core->runtime()->post([&] { io.set_value(std::this_thread::get_id()); });
  return io.get_future().get();
}

TEST(IoThreadCallbacks, ContinuationsRunOnTheIoThreadInCompletionOrder) {
  auto core = ClientCore::create(ioThreadOptions(), answering(200));
  const auto io = ioThreadOf(core);
  ASSERT_NE(io, std::this_thread::get_id());

  std::mutex mutex;
  std::vector<int> order;
  std::set<std::thread::id> threads;
  std::vector<Future<void>> chained;
  for (int i = 0; i < 20; ++i) {
    chained.push_back(core->callVoid(healthcheck()).then([&, i] {
      std::lock_guard<std::mutex> lock(mutex);
      order.push_back(i);
      threads.insert(std::this_thread::get_id());
    }));
  }
  for (auto& future : chained) ASSERT_TRUE(future.get().ok());
  std::lock_guard<std::mutex> lock(mutex);
  EXPECT_EQ(threads, std::set<std::thread::id>{io});
  ASSERT_EQ(order.size(), 20u);
  // The fake transport answers each request at once, in call order: the callbacks keep that order.
  for (int i = 0; i < 20; ++i) EXPECT_EQ(order[static_cast<std::size_t>(i)], i);
}

TEST(IoThreadCallbacks, GetOnTheIoThreadAnswersInsteadOfWaitingForever) {
  auto core = ClientCore::create(ioThreadOptions(), silent());
  auto ready = core->fail<int>(Error{ErrorKind::kTimeout, "already there"});
  std::promise<std::pair<ErrorKind, ErrorKind>> seen;
  auto unanswered = core->callVoid(healthcheck());
  core->runtime()->post([&] {
    // An unfinished request would need this very thread to complete: refused at once.
    const auto blocked = unanswered.get();
    // A finished one is simply read.
    const auto finished = ready.get();
    seen.set_value({blocked.ok() ? ErrorKind::kServerError : blocked.error().kind,
                    finished.ok() ? ErrorKind::kServerError : finished.error().kind});
  });
  auto kinds = seen.get_future();
  ASSERT_EQ(kinds.wait_for(5s), std::future_status::ready) << "get() on the I/O thread blocked";
  const auto [blocked, finished] = kinds.get();
  EXPECT_EQ(blocked, ErrorKind::kInvalidArgument);
  EXPECT_EQ(finished, ErrorKind::kTimeout);
  EXPECT_FALSE(unanswered.ready()) << "the refused get() leaves the request running";
  unanswered.cancel();
  EXPECT_EQ(unanswered.get().error().kind, ErrorKind::kCancelled);  // off the I/O thread get() waits as usual
}

TEST(IoThreadCallbacks, ClientsOnASharedRuntimeUseOneThreadForEverything) {
  auto runtime = Runtime::create();
  std::vector<std::shared_ptr<ClientCore>> cores;
  std::set<std::thread::id> threads;
  for (int i = 0; i < 4; ++i) {
    cores.push_back(ClientCore::create(ioThreadOptions(runtime), answering(200)));
    std::promise<std::thread::id> callback;
    cores.back()->callVoid(healthcheck()).then([&] { callback.set_value(std::this_thread::get_id()); });
    threads.insert(callback.get_future().get());
    threads.insert(ioThreadOf(cores.back()));
  }
  EXPECT_EQ(threads.size(), 1u) << "callbacks and I/O of every client on the one I/O thread";
}

TEST(IoThreadCallbacks, ExceptionsGoToTheClientsHandler) {
  std::promise<std::string> caught;
  auto options = ioThreadOptions();
  options.onCallbackException = [&](std::exception_ptr error) {
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      caught.set_value(e.what());
    }
  };
  auto core = ClientCore::create(options, answering(200));
  auto failed = core->callVoid(healthcheck()).then([] { throw std::runtime_error("bot bug"); }).get();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, ErrorKind::kCallbackFailed);
  EXPECT_EQ(caught.get_future().get(), "bot bug");
  // The I/O thread survived it.
  EXPECT_TRUE(core->callVoid(healthcheck()).get().ok());
}

TEST(IoThreadCallbacks, ShutdownWaitsForARunningCallbackAndRunsTheQueuedOnes) {
  auto runtime = Runtime::create();
  auto core = ClientCore::create(ioThreadOptions(runtime), silent());
  std::promise<void> started;
  std::atomic<bool> slowDone{false};
  std::atomic<int> cancelledSeen{0};
  auto first = core->fail<int>(Error{ErrorKind::kTimeout, "x"});
  first.then([&](const Result<int>&) {
    started.set_value();
    std::this_thread::sleep_for(30ms);  // still running when the shutdown starts
    slowDone = true;
  });
  std::vector<Future<void>> pending;
  for (int i = 0; i < 5; ++i) {
    pending.push_back(core->callVoid(healthcheck()).then([&](const Result<void>& r) {
      EXPECT_TRUE(slowDone.load()) << "callbacks never overlap";
      if (!r.ok() && r.error().kind == ErrorKind::kCancelled) ++cancelledSeen;
    }));
  }
  started.get_future().wait();
  core->shutdown();
  EXPECT_TRUE(slowDone.load()) << "the running callback finished before shutdown returned";
  EXPECT_EQ(cancelledSeen.load(), 5) << "every cancelled request's callback ran";
  // After shutdown a completion still reaches its callback (inline).
  bool late = false;
  core->fail<int>(Error{ErrorKind::kTimeout, "late"}).then([&](const Result<int>&) { late = true; });
  EXPECT_TRUE(late);
}

TEST(IoThreadCallbacks, ACallbackMayDestroyItsOwnClient) {
  for (auto runtime : {std::shared_ptr<Runtime>(), Runtime::create()}) {
    auto core = ClientCore::create(ioThreadOptions(runtime), answering(200));
    std::promise<void> done;
    std::atomic<int> after{0};
    core->callVoid(healthcheck()).then([&] {
      core->shutdown();  // on its own I/O thread: must not wait for itself
      core.reset();
      done.set_value();
    });
    ASSERT_EQ(done.get_future().wait_for(5s), std::future_status::ready);
    if (runtime) {
      auto other = ClientCore::create(ioThreadOptions(runtime), answering(200));
      EXPECT_TRUE(other->callVoid(healthcheck()).then([&] { ++after; }).get().ok());
      EXPECT_EQ(after.load(), 1) << "the shared runtime carries on";
    }
  }
}

}  // namespace
}  // namespace nakama
