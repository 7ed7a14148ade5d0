#include "core/executors.h"

#include "core/log.h"
#include "core/runtime.h"

namespace nakama {
CallbackExecutor::~CallbackExecutor() = default;
}

namespace nakama::internal {

namespace {
void reportException(const std::function<void(std::exception_ptr)>& handler, std::exception_ptr error) {
  if (handler) {
    try {
      handler(error);
      return;
    } catch (...) {
    }
  }
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    log(LogLevel::kError, std::string("an exception escaped a callback: ") + e.what());
  } catch (...) {
    log(LogLevel::kError, "an unknown exception escaped a callback");
  }
}

void runReporting(MoveFunction<void()>& task, const std::function<void(std::exception_ptr)>& onException) {
  try {
    task();
  } catch (...) {
    reportException(onException, std::current_exception());
  }
}
}  // namespace

struct SdkThreadExecutor::Shared {
  std::mutex mutex;
  std::condition_variable cv;
  std::deque<MoveFunction<void()>> queue;
  bool stopping = false;
  std::thread::id threadId;
  std::function<void(std::exception_ptr)> onException;

  void run() {
    std::deque<MoveFunction<void()>> batch;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex);
        cv.wait(lock, [this] { return stopping || !queue.empty(); });
        if (queue.empty()) return;  // stopping and drained
        batch.swap(queue);          // one lock per batch, not per task: posts keep flowing while it runs
      }
      for (; !batch.empty(); batch.pop_front()) runReporting(batch.front(), onException);
    }
  }
};

SdkThreadExecutor::SdkThreadExecutor(std::function<void(std::exception_ptr)> onException)
    : shared_(std::make_shared<Shared>()) {
  shared_->onException = std::move(onException);
  auto shared = shared_;
  thread_ = std::thread([shared] { shared->run(); });
  std::lock_guard<std::mutex> lock(shared_->mutex);
  shared_->threadId = thread_.get_id();
}

SdkThreadExecutor::~SdkThreadExecutor() { shutdown(); }

void SdkThreadExecutor::post(MoveFunction<void()> task) {
  {
    std::unique_lock<std::mutex> lock(shared_->mutex);
    if (!shared_->stopping) {
      const bool wasEmpty = shared_->queue.empty();
      shared_->queue.push_back(std::move(task));
      lock.unlock();
      // Only an empty queue can have the thread asleep; waking it outside the lock spares it blocking on
      // the mutex at once.
      if (wasEmpty) shared_->cv.notify_one();
      return;
    }
  }
  runReporting(task, shared_->onException);
}

bool SdkThreadExecutor::onExecutorThread() const {
  std::lock_guard<std::mutex> lock(shared_->mutex);
  return shared_->threadId == std::this_thread::get_id();
}

void SdkThreadExecutor::shutdown() {
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    shared_->stopping = true;
  }
  shared_->cv.notify_all();
  if (!thread_.joinable()) return;
  if (thread_.get_id() == std::this_thread::get_id()) {
    thread_.detach();  // shut down from one of its own callbacks: it drains and exits by itself
  } else {
    thread_.join();
  }
}

struct SharedThreadExecutor::State {
  std::mutex mutex;
  std::condition_variable idle;
  std::size_t queued = 0;
  std::function<void(std::exception_ptr)> onException;
};

SharedThreadExecutor::SharedThreadExecutor(std::shared_ptr<SdkThreadExecutor> thread,
                                           std::function<void(std::exception_ptr)> onException)
    : thread_(std::move(thread)), state_(std::make_shared<State>()) {
  state_->onException = std::move(onException);
}

SharedThreadExecutor::~SharedThreadExecutor() { shutdown(); }

void SharedThreadExecutor::post(MoveFunction<void()> task) {
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    ++state_->queued;
  }
  thread_->post([state = state_, task = std::move(task)]() mutable {
    runReporting(task, state->onException);
    std::lock_guard<std::mutex> lock(state->mutex);
    if (--state->queued == 0) state->idle.notify_all();
  });
}

void SharedThreadExecutor::shutdown() {
  if (thread_->onExecutorThread()) return;  // from one of the callbacks: the rest run after it returns
  std::unique_lock<std::mutex> lock(state_->mutex);
  state_->idle.wait(lock, [this] { return state_->queued == 0; });
}

void PolledExecutor::post(MoveFunction<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!shutdown_) {
      queue_.push_back(std::move(task));
      return;
    }
  }
  task();
}

std::size_t PolledExecutor::poll() {
  std::deque<MoveFunction<void()>> batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.swap(queue_);
  }
  std::size_t ran = 0;
  while (!batch.empty()) {
    auto task = std::move(batch.front());
    batch.pop_front();
    try {
      task();
      ++ran;
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto it = batch.rbegin(); it != batch.rend(); ++it) queue_.push_front(std::move(*it));
      throw;
    }
  }
  return ran;
}

void PolledExecutor::shutdown() {
  for (;;) {
    std::deque<MoveFunction<void()>> batch;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (queue_.empty()) {
        shutdown_ = true;
        return;
      }
      batch.swap(queue_);
    }
    for (auto& task : batch) runReporting(task, nullptr);
  }
}

struct IoThreadExecutor::State {
  std::mutex mutex;
  std::condition_variable idle;
  std::deque<MoveFunction<void()>> queue;
  bool scheduled = false;  // a drain is posted to the I/O thread and has not finished
  bool draining = false;   // the I/O thread is running callbacks right now
  bool shutDown = false;
  std::function<void(std::exception_ptr)> onException;

  // One task per lock, not a swapped batch: a shutdown from inside a callback then runs the rest in order.
  void drain() {
    std::unique_lock<std::mutex> lock(mutex);
    draining = true;
    while (!queue.empty() && !shutDown) {
      auto task = std::move(queue.front());
      queue.pop_front();
      lock.unlock();
      runReporting(task, onException);
      task = nullptr;  // what it captured goes before the lock is taken again
      lock.lock();
    }
    scheduled = false;
    draining = false;
    idle.notify_all();
  }
};

IoThreadExecutor::IoThreadExecutor(std::shared_ptr<IoRuntime> io, std::function<void(std::exception_ptr)> onException)
    : io_(std::move(io)), state_(std::make_shared<State>()) {
  state_->onException = std::move(onException);
}

IoThreadExecutor::~IoThreadExecutor() { shutdown(); }

void IoThreadExecutor::post(MoveFunction<void()> task) {
  {
    std::unique_lock<std::mutex> lock(state_->mutex);
    if (!state_->shutDown) {
      state_->queue.push_back(std::move(task));
      if (state_->scheduled) return;
      state_->scheduled = true;
      lock.unlock();
      if (auto io = io_.lock()) {
        // At the end of the I/O handler completing the request, when there is one: not a loop round later.
        io->postAfterHandler([state = state_] { state->drain(); });
      } else {
        state_->drain();  // not reached in practice: the client shuts this executor down before its runtime goes
      }
      return;
    }
  }
  runReporting(task, state_->onException);
}

bool IoThreadExecutor::waitingWouldDeadlock() const {
  auto io = io_.lock();
  return io && io->onIoThread();
}

void IoThreadExecutor::shutdown() {
  std::deque<MoveFunction<void()>> rest;
  {
    std::unique_lock<std::mutex> lock(state_->mutex);
    if (state_->shutDown) return;  // the queue was run then, and later posts run inline
    state_->shutDown = true;
    // On a shared I/O thread a drain may be running: callbacks never run two at a time.
    if (!waitingWouldDeadlock()) state_->idle.wait(lock, [this] { return !state_->draining; });
    rest.swap(state_->queue);
  }
  for (auto& task : rest) runReporting(task, state_->onException);
}

std::shared_ptr<ShutdownExecutor> makeExecutor(CallbackMode mode, std::function<void(std::exception_ptr)> onException,
                                               const std::shared_ptr<IoRuntime>& io) {
  switch (mode) {
    case CallbackMode::kPolled: return std::make_shared<PolledExecutor>();
    case CallbackMode::kIoThread: return std::make_shared<IoThreadExecutor>(io, std::move(onException));
    case CallbackMode::kSdkThread: break;
  }
  return std::make_shared<SdkThreadExecutor>(std::move(onException));
}

}  // namespace nakama::internal
