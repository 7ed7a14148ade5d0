// A batch job that runs on a fixed period, like the Go tickers behind Nakama's matchmaker
// (`matchmaker.interval_sec`) and match label indexing (`match.label_update_interval_ms`): runs fall on
// the instants first-wake + k * period, whenever work was queued in between.
//
//   auto batch = IntervalBatch::create(ctx.scheduler, ctx.config.matchLabelUpdateInterval,
//                                      [weakState] { ...apply pending work...; return moreWorkLeft; });
//   queue work; batch->wake();
//
// The job runs on the I/O thread and returns whether it must run again next period; once it says no,
// the timer stops until the next wake(). A wake() always re-arms the timer on the same phase, so a
// timer dropped by a server stop() is replaced by the next wake() after start().
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "core/server_api.h"

namespace nakama::testserver {

class IntervalBatch : public std::enable_shared_from_this<IntervalBatch> {
 public:
  static std::shared_ptr<IntervalBatch> create(Scheduler& scheduler, std::chrono::milliseconds period,
                                               std::function<bool()> job);
  void wake();

  IntervalBatch(Scheduler& scheduler, std::chrono::milliseconds period, std::function<bool()> job);

 private:
  void arm();
  void tick(std::uint64_t generation, std::int64_t index);

  Scheduler& scheduler_;
  std::chrono::steady_clock::duration period_;
  std::function<bool()> job_;
  std::chrono::steady_clock::time_point epoch_{};
  bool started_ = false;
  std::uint64_t generation_ = 0;  // only the newest timer chain runs the job
  std::int64_t lastIndex_ = 0;    // the last period boundary the job ran at
};

}  // namespace nakama::testserver
