#pragma once

// What the benchmark needs from the operating system. platform_linux.cpp implements it with POSIX and
// /proc; platform_other.cpp is the portable fallback (no CPU split, no RSS, no child processes).

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

/// What a program run to its end printed and used.
struct ProgramRun {
  int exitCode = -1;      ///< -1 when it did not exit normally
  std::string output;     ///< its standard output
  double cpuSeconds = 0;  ///< user + system time it used
};
/// Runs `argv[0]` (looked up in PATH when it has no '/') with the arguments to its end; nullopt when it cannot be
/// started (not installed) or programs cannot be run here.
std::optional<ProgramRun> runProgram(const std::vector<std::string>& argv);

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
