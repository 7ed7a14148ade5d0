// IntervalBatch (see interval_batch.h).
#include "areas/interval_batch.h"

#include <algorithm>

namespace nakama::testserver {

std::shared_ptr<IntervalBatch> IntervalBatch::create(Scheduler& scheduler, std::chrono::milliseconds period,
                                                     std::function<bool()> job) {
  return std::make_shared<IntervalBatch>(scheduler, period, std::move(job));
}

IntervalBatch::IntervalBatch(Scheduler& scheduler, std::chrono::milliseconds period, std::function<bool()> job)
    : scheduler_(scheduler), period_(std::max(period, std::chrono::milliseconds(1))), job_(std::move(job)) {}

void IntervalBatch::wake() {
  if (!started_) {
    started_ = true;
    epoch_ = std::chrono::steady_clock::now();
  }
  ++generation_;
  arm();
}

// Schedules the current chain's next run at the first period boundary still ahead.
void IntervalBatch::arm() {
  const auto now = std::chrono::steady_clock::now();
  const std::int64_t index = std::max<std::int64_t>((now - epoch_) / period_ + 1, lastIndex_ + 1);
  const auto delay = std::chrono::ceil<std::chrono::milliseconds>(epoch_ + index * period_ - now);
  std::weak_ptr<IntervalBatch> weak = shared_from_this();
  const std::uint64_t generation = generation_;
  scheduler_.after(std::max(delay, std::chrono::milliseconds(0)), [weak, generation, index] {
    if (auto self = weak.lock()) self->tick(generation, index);
  });
}

void IntervalBatch::tick(std::uint64_t generation, std::int64_t index) {
  if (generation != generation_ || index <= lastIndex_) return;
  lastIndex_ = index;
  if (job_()) arm();
}

}  // namespace nakama::testserver
