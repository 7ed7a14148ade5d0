// The wrk baseline: the same GET /v2/account through wrk (https://github.com/wg/wrk, Debian package `wrk`), the
// usual yardstick of raw HTTP, run as its own process with one thread, one connection and then 16, for a second
// each. Its CPU per call (the process's user + system time over its calls, the two series weighted alike as the
// SDK's are) bounds what any HTTP client must spend; the figures print n/a when wrk is not installed.

#include <iostream>
#include <optional>
#include <regex>
#include <string>
#include <utility>

#include "bench.h"
#include "platform.h"

namespace nakama::bench {

namespace {
struct WrkSeries {
  double requestsPerSecond = 0;
  double cpuMicrosPerCall = 0;
};

// One wrk run of `connections` connections for a second; nullopt (with the reason on stderr) when wrk is missing,
// failed, or saw answers other than 2xx.
std::optional<WrkSeries> runSeries(const Settings& settings, const std::string& token, int connections) {
  const auto& options = settings.options;
  const bool ipv6 = options.host.find(':') != std::string::npos;  // a literal address goes in brackets
  const std::string url = std::string(options.ssl ? "https://" : "http://") + (ipv6 ? "[" : "") + options.host +
                          (ipv6 ? "]:" : ":") + std::to_string(options.port) + "/v2/account";
  const auto run = platform::runProgram({"wrk", "-t1", "-c" + std::to_string(connections), "-d1s", "--timeout", "5s",
                                         "-H", "Authorization: Bearer " + token, url});
  if (!run) {
    static bool told = false;  // once, not every round
    if (!std::exchange(told, true)) std::cerr << "  wrk not found: its figures are n/a (Debian: apt install wrk)\n";
    return std::nullopt;
  }
  std::smatch total, rate;
  const bool parsed = std::regex_search(run->output, total, std::regex(R"((\d+) requests in)")) &&
                      std::regex_search(run->output, rate, std::regex(R"(Requests/sec:\s+([0-9.]+))"));
  const bool failed =
      run->output.find("Non-2xx") != std::string::npos || run->output.find("Socket errors") != std::string::npos;
  if (run->exitCode != 0 || !parsed || failed) {
    std::cerr << "  wrk failed (exit " << run->exitCode << "):\n" << run->output;
    return std::nullopt;
  }
  const double calls = std::stod(total[1].str());
  if (calls <= 0) return std::nullopt;
  return WrkSeries{std::stod(rate[1].str()), run->cpuSeconds * 1e6 / calls};
}
}  // namespace

void runWrk(const Settings& settings, const std::string& token, Figures& figures) {
  const auto seq = runSeries(settings, token, 1);
  const auto c16 = seq ? runSeries(settings, token, 16) : std::nullopt;
  figures.add("wrk_seq_rps", seq ? std::optional<double>(seq->requestsPerSecond) : std::nullopt);
  figures.add("wrk_c16_rps", c16 ? std::optional<double>(c16->requestsPerSecond) : std::nullopt);
  figures.add("wrk_cpu_us_per_call",
              seq && c16 ? std::optional<double>((seq->cpuMicrosPerCall + c16->cpuMicrosPerCall) / 2) : std::nullopt);
}

}  // namespace nakama::bench
