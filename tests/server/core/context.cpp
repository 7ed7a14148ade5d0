// Area registry, RPC registry, scheduler and context helpers.
#include <algorithm>
#include <cctype>
#include <iostream>

#include "core/server_api.h"

namespace nakama::testserver {

std::vector<std::pair<std::string, AreaFn>>& areaRegistry() {
  static std::vector<std::pair<std::string, AreaFn>> registry;
  return registry;
}

AreaRegistrar::AreaRegistrar(const char* name, AreaFn fn) { areaRegistry().emplace_back(name, fn); }

namespace {
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}
}  // namespace

void Rpcs::add(const std::string& id, RpcFn fn) { fns_[lower(id)] = std::move(fn); }

const RpcFn* Rpcs::find(const std::string& id) const {
  auto it = fns_.find(lower(id));
  return it == fns_.end() ? nullptr : &it->second;
}

TimerHandle Scheduler::after(std::chrono::milliseconds delay, std::function<void()> fn) {
  auto cancelled = std::make_shared<bool>(false);
  post(delay, [cancelled, fn = std::move(fn)] {
    if (!*cancelled) {
      *cancelled = true;
      fn();
    }
  });
  return TimerHandle(cancelled);
}

TimerHandle Scheduler::every(std::chrono::milliseconds period, std::function<void()> fn) {
  auto cancelled = std::make_shared<bool>(false);
  auto tick = std::make_shared<std::function<void()>>();
  std::weak_ptr<std::function<void()>> weakTick = tick;
  // The posted callback holds the only strong reference to `tick`; it re-posts itself each period.
  *tick = [this, cancelled, period, fn = std::move(fn), weakTick] {
    if (*cancelled) return;
    fn();
    if (*cancelled) return;
    if (auto self = weakTick.lock()) post(period, [self] { (*self)(); });
  };
  post(period, [tick] { (*tick)(); });
  return TimerHandle(cancelled);
}

void AreaContext::log(const std::string& line) const {
  if (config.log) std::cerr << "[nakama-test-server] " << line << "\n";
}

}  // namespace nakama::testserver
