// IoRuntime::HandlerScope: what an I/O handler defers with postAfterHandler() runs when the handler's scope ends,
// in order, once; elsewhere postAfterHandler() is a plain post().

#include <atomic>
#include <future>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/runtime.h"

namespace nakama::internal {
namespace {

// Runs `body` on the runtime's I/O thread and waits for it (and for what it posted or deferred) to end.
template <class F>
void onIoThread(IoRuntime& io, F body) {
  std::promise<void> done;
  io.post([&] {
    body();
    io.post([&] { done.set_value(); });  // behind whatever the body posted
  });
  done.get_future().wait();
}

TEST(HandlerScope, DeferredTasksRunWhenTheScopeEndsInOrder) {
  IoRuntime io;
  std::vector<std::string> trace;
  onIoThread(io, [&] {
    {
      const IoRuntime::HandlerScope scope;
      io.postAfterHandler([&] { trace.push_back("first"); });
      io.postAfterHandler([&] { trace.push_back("second"); });
      trace.push_back("handler");
    }
    trace.push_back("after the scope");
  });
  EXPECT_EQ(trace, (std::vector<std::string>{"handler", "first", "second", "after the scope"}));
}

TEST(HandlerScope, AnInnerScopeLeavesTheTasksToTheOutermost) {
  IoRuntime io;
  std::vector<std::string> trace;
  onIoThread(io, [&] {
    {
      const IoRuntime::HandlerScope outer;
      {
        const IoRuntime::HandlerScope inner;
        io.postAfterHandler([&] { trace.push_back("deferred"); });
      }
      trace.push_back("inner ended");
    }
    trace.push_back("outer ended");
  });
  EXPECT_EQ(trace, (std::vector<std::string>{"inner ended", "deferred", "outer ended"}));
}

TEST(HandlerScope, WithoutAScopeOrFromAnotherThreadTheTaskIsPosted) {
  IoRuntime io;
  std::vector<std::string> trace;
  onIoThread(io, [&] {
    io.postAfterHandler([&] { trace.push_back("posted"); });
    trace.push_back("handler");
  });
  EXPECT_EQ(trace, (std::vector<std::string>{"handler", "posted"}));

  // A scope on this (non-I/O) thread does not capture tasks meant for the runtime's thread.
  std::promise<bool> ranOnIoThread;
  {
    const IoRuntime::HandlerScope scope;
    io.postAfterHandler([&] { ranOnIoThread.set_value(io.onIoThread()); });
  }
  EXPECT_TRUE(ranOnIoThread.get_future().get());
}

TEST(HandlerScope, TasksDeferredWhileTheScopeRunsItsTasksArePosted) {
  IoRuntime io;
  std::vector<std::string> trace;
  onIoThread(io, [&] {
    {
      const IoRuntime::HandlerScope scope;
      io.postAfterHandler([&] {
        trace.push_back("deferred");
        io.postAfterHandler([&] { trace.push_back("posted by the deferred task"); });
      });
    }
    trace.push_back("after the scope");
  });
  EXPECT_EQ(trace, (std::vector<std::string>{"deferred", "after the scope", "posted by the deferred task"}));
}

TEST(HandlerScope, AStoppedSharedHandleDropsItsDeferredTasks) {
  IoRuntime io;
  auto client = io.share();
  std::atomic<int> ran{0};
  onIoThread(io, [&] {
    const IoRuntime::HandlerScope scope;
    client->postAfterHandler([&] { ++ran; });
    io.postAfterHandler([&] { ++ran; });
    client->stop();  // the client went away before the handler ended
  });
  EXPECT_EQ(ran.load(), 1);
}

// Records when it is destroyed.
struct Tracer {
  std::vector<std::string>* trace;
  std::string name;
  Tracer(std::vector<std::string>* trace, std::string name) : trace(trace), name(std::move(name)) {}
  Tracer(Tracer&& other) noexcept : trace(std::exchange(other.trace, nullptr)), name(std::move(other.name)) {}
  ~Tracer() {
    if (trace) trace->push_back(name + " destroyed");
  }
};

TEST(HandlerScope, ReleasedValuesAreDestroyedAfterTheDeferredTasks) {
  IoRuntime io;
  std::vector<std::string> trace;
  onIoThread(io, [&] {
    {
      const IoRuntime::HandlerScope scope;
      IoRuntime::HandlerScope::releaseLater(Tracer(&trace, "value"));
      IoRuntime::HandlerScope::releaseLater(std::make_shared<Tracer>(&trace, "shared"));
      io.postAfterHandler([&] { trace.push_back("deferred"); });
      trace.push_back("handler");
    }
    trace.push_back("after the scope");
  });
  EXPECT_EQ(trace, (std::vector<std::string>{"handler", "deferred", "value destroyed", "shared destroyed",
                                             "after the scope"}));
}

TEST(HandlerScope, WithoutAScopeAReleasedValueIsDestroyedAtOnce) {
  std::vector<std::string> trace;
  IoRuntime::HandlerScope::releaseLater(Tracer(&trace, "value"));
  trace.push_back("after");
  EXPECT_EQ(trace, (std::vector<std::string>{"value destroyed", "after"}));

  // Nor does a scope that has ended keep anything for a later one.
  trace.clear();
  { const IoRuntime::HandlerScope scope; }
  IoRuntime::HandlerScope::releaseLater(std::make_shared<Tracer>(&trace, "shared"));
  trace.push_back("after");
  EXPECT_EQ(trace, (std::vector<std::string>{"shared destroyed", "after"}));
}

TEST(HandlerScope, WhatATaskReleasesWhileTheScopeEndsIsDestroyedAtOnce) {
  IoRuntime io;
  std::vector<std::string> trace;
  onIoThread(io, [&] {
    {
      const IoRuntime::HandlerScope scope;
      io.postAfterHandler([&] {
        IoRuntime::HandlerScope::releaseLater(Tracer(&trace, "value"));
        trace.push_back("deferred");
      });
    }
    trace.push_back("after the scope");
  });
  EXPECT_EQ(trace, (std::vector<std::string>{"value destroyed", "deferred", "after the scope"}));
}

}  // namespace
}  // namespace nakama::internal
