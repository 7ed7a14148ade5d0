// Portable fallback of platform.h: process CPU from std::clock, no RSS or thread count (printed as
// "n/a"), and no child processes (the benchmark then runs the test server in-process, and has no wrk figures).

#include <ctime>

#include "platform.h"

namespace nakama::bench::platform {

std::optional<double> processCpuSeconds() {
  const std::clock_t c = std::clock();
  if (c == static_cast<std::clock_t>(-1)) return std::nullopt;
  return static_cast<double>(c) / CLOCKS_PER_SEC;
}
std::optional<long> residentKb() { return std::nullopt; }
std::optional<int> threadCount() { return std::nullopt; }
void raiseFileLimit() {}

std::optional<ProgramRun> runProgram(const std::vector<std::string>&) { return std::nullopt; }

std::optional<ChildProcess> ChildProcess::start(const std::vector<std::string>&) { return std::nullopt; }
ChildProcess::~ChildProcess() = default;

}  // namespace nakama::bench::platform
