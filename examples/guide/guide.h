#pragma once

// Small helpers shared by the guide's programs (examples/guide/NN_*.cpp): stop with a clear message on the
// first failure, make names unique per run, and wait for socket events with a deadline.

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <nakama/client.h>
#include <nakama/result.h>

namespace guide {

/// Stops the program: prints the failing step and exits with status 1.
[[noreturn]] inline void fail(const std::string& step, const std::string& why) {
  std::cerr << "FAILED: " << step << ": " << why << '\n';
  std::exit(1);
}

/// The value of a successful result (and a line saying the step worked), or stops the program.
template <class T>
T check(nakama::Result<T> result, const std::string& step) {
  if (!result.ok()) {
    std::cerr << "FAILED: " << step << ": " << result.error() << '\n';
    std::exit(1);
  }
  std::cout << "  ok  " << step << '\n';
  if constexpr (!std::is_void_v<T>) return std::move(result).value();
}

/// Stops the program unless `condition` holds.
inline void expect(bool condition, const std::string& step, const std::string& why = "unexpected result") {
  if (!condition) fail(step, why);
  std::cout << "  ok  " << step << '\n';
}

/// A random 9-digit suffix for device ids, usernames and group names, so that runs against a long-lived
/// server never collide (fixed width: no suffix is the prefix of another).
inline std::string uniqueSuffix() {
  std::mt19937_64 rng{std::random_device{}()};
  return std::to_string(100000000 + rng() % 900000000);
}

/// One simulated player: their own client (a client holds one session) and that session.
struct Player {
  std::unique_ptr<nakama::Client> client;
  nakama::Session session;
  const std::string& id() const { return session.userId(); }
  const std::string& username() const { return session.username(); }
};

/// Signs a new player in with a device id; the username is `name_<suffix>`.
inline Player newPlayer(const nakama::ClientOptions& server, const std::string& name, const std::string& suffix) {
  auto client = std::make_unique<nakama::Client>(server);
  nakama::AuthOptions auth;
  auth.username = name + "_" + suffix;
  nakama::Session session =
      check(client->authenticateDevice("guide-" + name + "-" + suffix, auth).get(), auth.username + " signs in");
  return Player{std::move(client), std::move(session)};
}

/// Hands values (socket events) from the SDK's callback thread (`put`) to the main thread, which waits
/// for the first one it wants (`take`). Others stay queued: a real server may send events a test does not
/// expect.
template <class T>
class Inbox {
 public:
  void put(const T& value) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      items_.push_back(value);
    }
    cv_.notify_all();
  }

  /// The first value `wanted` accepts, waiting up to `limit`; stops the program when none comes.
  T take(const std::string& what, const std::function<bool(const T&)>& wanted = nullptr,
         std::chrono::seconds limit = std::chrono::seconds(10)) {
    std::unique_lock<std::mutex> lock(mutex_);
    auto found = items_.end();
    auto ready = [&] {
      found = std::find_if(items_.begin(), items_.end(), [&](const T& item) { return !wanted || wanted(item); });
      return found != items_.end();
    };
    if (!cv_.wait_for(lock, limit, ready)) fail(what, "nothing within " + std::to_string(limit.count()) + " s");
    T value = *found;
    items_.erase(found);
    std::cout << "  ok  " << what << '\n';
    return value;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<T> items_;
};

}  // namespace guide
