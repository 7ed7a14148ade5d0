#include "core/runtime.h"
#include "core/timer_queue.h"

#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace nakama::internal {

struct IoRuntime::Loop {
  boost::asio::io_context context{1};
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{context.get_executor()};
  TimerQueue timers{context};  // after the context: destroyed before it
  std::thread thread;
  std::thread::id threadId;
};

IoRuntime::IoRuntime() : loop_(std::make_shared<Loop>()), stopped_(std::make_shared<std::atomic<bool>>(false)) {
  // The thread owns a reference so that stopping from the I/O thread itself (detach) stays safe.
  loop_->thread = std::thread([loop = loop_] { loop->context.run(); });
  loop_->threadId = loop_->thread.get_id();
}

IoRuntime::IoRuntime(Handle, std::shared_ptr<Loop> loop)
    : loop_(std::move(loop)), owner_(false), stopped_(std::make_shared<std::atomic<bool>>(false)) {}

IoRuntime::~IoRuntime() { stop(); }

std::shared_ptr<IoRuntime> IoRuntime::share() const {
  return std::shared_ptr<IoRuntime>(new IoRuntime(Handle{}, loop_));
}

void IoRuntime::post(MoveFunction<void()> task) {
  if (owner_) {
    boost::asio::post(loop_->context, std::move(task));
    return;
  }
  if (stopped_->load()) return;
  boost::asio::post(loop_->context, [stopped = stopped_, task = std::move(task)]() mutable {
    if (!stopped->load()) task();
  });
}

struct IoRuntime::HandlerScope::State {
  std::vector<Deferred> tasks;
  std::vector<Kept> released;
};

namespace {
// The outermost HandlerScope running on this thread, if any.
thread_local IoRuntime::HandlerScope::State* tScope = nullptr;
// The lists of the last scope that ended, kept for the next one: a handler then allocates none.
thread_local std::unique_ptr<IoRuntime::HandlerScope::State> tSpareScope;
}  // namespace

IoRuntime::HandlerScope::HandlerScope() {
  if (tScope) return;  // an inner scope: the outermost one runs the tasks
  state_ = tSpareScope ? std::move(tSpareScope) : std::make_unique<State>();
  tScope = state_.get();
}

IoRuntime::HandlerScope::~HandlerScope() {
  if (!state_) return;
  tScope = nullptr;  // what the tasks defer in turn is posted (and what they release, destroyed at once)
  for (auto& deferred : state_->tasks) {
    if (!deferred.stopped->load()) deferred.task();
  }
  state_->tasks.clear();
  state_->released.clear();
  if (!tSpareScope) tSpareScope = std::move(state_);
}

bool IoRuntime::HandlerScope::active() { return tScope != nullptr; }

void IoRuntime::HandlerScope::keep(Kept value) { tScope->released.push_back(std::move(value)); }

void IoRuntime::postAfterHandler(MoveFunction<void()> task) {
  if (!tScope || !onIoThread()) return post(std::move(task));
  tScope->tasks.push_back(HandlerScope::Deferred{stopped_, std::move(task)});
}

std::shared_ptr<TimerHandle> IoRuntime::schedule(std::chrono::milliseconds delay, MoveFunction<void()> task) {
  if (owner_) return loop_->timers.schedule(delay, std::move(task));
  // A shared handle's timers check its flag: a stopped client's timer must not fire on the shared thread.
  return loop_->timers.schedule(delay, [stopped = stopped_, task = std::move(task)]() mutable {
    if (!stopped->load()) task();
  });
}

boost::asio::io_context& IoRuntime::context() { return loop_->context; }

bool IoRuntime::onIoThread() const { return std::this_thread::get_id() == loop_->threadId; }

bool IoRuntime::stopped() const { return stopped_->load(); }

void IoRuntime::stop() {
  stopped_->store(true);
  if (!owner_) return;
  loop_->work.reset();
  loop_->context.stop();
  if (!loop_->thread.joinable()) return;
  if (onIoThread()) {
    loop_->timers.close();
    loop_->thread.detach();
    return;
  }
  loop_->thread.join();
  loop_->timers.close();
  // Run what is already queued (timer cancellations, aborted waits) so the handlers release what they
  // captured: a handler left in the queue would keep the request chain, and so this runtime, alive.
  loop_->context.restart();
  loop_->context.poll();
}

}  // namespace nakama::internal

namespace nakama {

std::shared_ptr<internal::SdkThreadExecutor> Runtime::Impl::callbackThread() {
  std::lock_guard<std::mutex> lock(mutex_);
  // Each client wraps this thread with its own exception handler, so none is needed here.
  if (!callbacks_) callbacks_ = std::make_shared<internal::SdkThreadExecutor>(nullptr);
  return callbacks_;
}

void Runtime::Impl::stop() {
  io->stop();
  std::shared_ptr<internal::SdkThreadExecutor> callbacks;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    callbacks = callbacks_;
  }
  if (callbacks) callbacks->shutdown();
}

Runtime::Runtime() : impl_(std::make_unique<Impl>()) { impl_->io = std::make_shared<internal::IoRuntime>(); }

Runtime::~Runtime() { impl_->stop(); }

std::shared_ptr<Runtime> Runtime::create() { return std::make_shared<Runtime>(); }

}  // namespace nakama
