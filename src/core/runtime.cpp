#include "core/runtime.h"

#include <atomic>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace nakama::internal {

namespace {
// The pending wait handler owns the asio timer (the usual asio ownership pattern), so no timer can
// outlive the io_context; the handle only keeps weak references for cancel().
class AsioTimer final : public TimerHandle {
 public:
  AsioTimer(std::weak_ptr<boost::asio::steady_timer> timer, std::shared_ptr<std::atomic<bool>> done)
      : timer_(std::move(timer)), done_(std::move(done)) {}

  void cancel() override {
    if (done_->exchange(true)) return;
    if (auto timer = timer_.lock()) {
      boost::asio::post(timer->get_executor(), [weak = timer_] {
        if (auto t = weak.lock()) t->cancel();
      });
    }
  }

 private:
  std::weak_ptr<boost::asio::steady_timer> timer_;
  std::shared_ptr<std::atomic<bool>> done_;
};
}  // namespace

struct IoRuntime::Impl {
  boost::asio::io_context context{1};
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{context.get_executor()};
  std::thread thread;
  std::thread::id threadId;
};

IoRuntime::IoRuntime() : impl_(std::make_shared<Impl>()) {
  // The thread owns a reference so that stopping from the I/O thread itself (detach) stays safe.
  impl_->thread = std::thread([impl = impl_] { impl->context.run(); });
  impl_->threadId = impl_->thread.get_id();
}

IoRuntime::~IoRuntime() { stop(); }

void IoRuntime::post(std::function<void()> task) { boost::asio::post(impl_->context, std::move(task)); }

std::shared_ptr<TimerHandle> IoRuntime::schedule(std::chrono::milliseconds delay, std::function<void()> task) {
  auto timer = std::make_shared<boost::asio::steady_timer>(impl_->context, delay);
  auto done = std::make_shared<std::atomic<bool>>(false);
  timer->async_wait([timer, done, task = std::move(task)](const boost::system::error_code& error) {
    if (error || done->exchange(true)) return;
    task();
  });
  return std::make_shared<AsioTimer>(timer, done);
}

boost::asio::io_context& IoRuntime::context() { return impl_->context; }

bool IoRuntime::onIoThread() const { return std::this_thread::get_id() == impl_->threadId; }

void IoRuntime::stop() {
  impl_->work.reset();
  impl_->context.stop();
  if (!impl_->thread.joinable()) return;
  if (onIoThread()) {
    impl_->thread.detach();
    return;
  }
  impl_->thread.join();
  // Run what is already queued (timer cancellations, aborted waits) so the handlers release what they
  // captured: a handler left in the queue would keep the request chain, and so this runtime, alive.
  impl_->context.restart();
  impl_->context.poll();
}

}  // namespace nakama::internal
