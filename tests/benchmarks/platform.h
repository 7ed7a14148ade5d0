#pragma once

// What the benchmark needs from the operating system. platform_linux.cpp implements it with POSIX and
// /proc; platform_other.cpp is the portable fallback (no CPU split, no RSS, no child process).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nakama::bench::platform {

/// CPU time (user + system) this process has used, in seconds.
std::optional<double> processCpuSeconds();
/// Resident set size of this process, in KiB.
std::optional<long> residentKb();
/// Number of threads of this process.
std::optional<int> threadCount();
/// Raises the open-file limit as far as allowed (thousands of sockets).
void raiseFileLimit();

/// A server started as its own process; stopped (and reaped) by the destructor.
class ChildProcess {
 public:
  /// Starts `argv[0]` with the arguments; returns nullopt when processes cannot be started here.
  static std::optional<ChildProcess> start(const std::vector<std::string>& argv);
  ChildProcess(ChildProcess&& other) noexcept : pid_(other.pid_) { other.pid_ = -1; }
  ChildProcess& operator=(ChildProcess&&) = delete;
  ~ChildProcess();

 private:
  explicit ChildProcess(long pid) : pid_(pid) {}
  long pid_ = -1;
};

}  // namespace nakama::bench::platform
