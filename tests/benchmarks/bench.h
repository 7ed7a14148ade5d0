#pragma once

// Shared by the parts of nakama-bench: the settings, the figures it prints, and latency statistics.
// Nothing here asserts on timings.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nakama/client_options.h"

namespace nakama::bench {

using Clock = std::chrono::steady_clock;

/// What to run and against which server.
struct Settings {
  ClientOptions options;            ///< host, port, server key, ssl of the server under test
  int restCalls = 2000;             ///< per REST series (sequential, 16 in flight), SDK and raw alike
  int rtMessages = 20000;           ///< echoed match-data messages per realtime series
  int users = 1000;                 ///< N for the users_N figures
  int rounds = 5;                   ///< REST and realtime series are repeated, SDK and raw taking turns
  std::optional<std::string> json;  ///< --json FILE
};

/// The figures in the order they were measured; a missing value prints as "n/a".
class Figures {
 public:
  void add(const std::string& name, std::optional<double> value) { items_.emplace_back(name, value); }
  std::optional<double> get(const std::string& name) const {
    for (const auto& [n, v] : items_) {
      if (n == name) return v;
    }
    return std::nullopt;
  }
  /// Adds `name` = a / b when both exist.
  void ratio(const std::string& name, const std::string& a, const std::string& b) {
    auto x = get(a), y = get(b);
    add(name, x && y && *y > 0 ? std::optional<double>(*x / *y) : std::nullopt);
  }
  const std::vector<std::pair<std::string, std::optional<double>>>& items() const { return items_; }

  /// The figures of `rounds` (each holding the same names in the same order), each the median of its values:
  /// one noisy round on a shared machine then moves no figure.
  static Figures median(const std::vector<Figures>& rounds) {
    Figures out;
    if (rounds.empty()) return out;
    for (const auto& [name, first] : rounds.front().items()) {
      std::vector<double> values;
      for (const auto& round : rounds) {
        if (auto value = round.get(name)) values.push_back(*value);
      }
      if (values.empty()) {
        out.add(name, std::nullopt);
        continue;
      }
      std::sort(values.begin(), values.end());
      const std::size_t mid = values.size() / 2;
      out.add(name, values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2);
    }
    return out;
  }
  /// Appends every figure of `other`.
  void append(const Figures& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }

 private:
  std::vector<std::pair<std::string, std::optional<double>>> items_;
};

inline double millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }
inline double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

/// The p-th quantile (0..1) of `samples` (sorted in place).
inline std::optional<double> quantile(std::vector<double>& samples, double p) {
  if (samples.empty()) return std::nullopt;
  std::sort(samples.begin(), samples.end());
  return samples[static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1))];
}

// The parts of the run; each adds its figures (and leaves no thread or connection behind).
void runSdkRest(const Settings& settings, Figures& figures);
void runRawRest(const Settings& settings, const std::string& token, Figures& figures);
void runWrk(const Settings& settings, const std::string& token, Figures& figures);
void runSdkRealtime(const Settings& settings, Figures& figures);
void runRawRealtime(const Settings& settings, const std::string& tokenA, const std::string& tokenB, Figures& figures);
void runUsers(const Settings& settings, Figures& figures);

}  // namespace nakama::bench
