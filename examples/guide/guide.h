#pragma once

// Small helpers shared by the guide's programs (examples/guide/NN_*.cpp): stop with a clear message on the
// first failure, make names unique per run, and run a game's frame loop until something arrives (with a deadline).

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include <nakama/client.h>
#include <nakama/result.h>
#include <nakama/rt_socket.h>

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

/// The game's frame loop for a client in CallbackMode::kPolled: calls `client.poll()` (which runs the
/// socket handlers and then() steps that are due) once per frame until `done()` is true, for up to `limit`.
/// Stops the program when it is not.
inline void pollUntil(nakama::Client& client, const std::function<bool()>& done, const std::string& what,
                      std::chrono::seconds limit = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    client.poll();
    if (done()) break;
    if (std::chrono::steady_clock::now() > deadline) fail(what, "not within " + std::to_string(limit.count()) + " s");
    std::this_thread::sleep_for(std::chrono::milliseconds(16));  // the rest of the frame
  }
  std::cout << "  ok  " << what << '\n';
}

// ---- Parts 8-14: several players with sockets, in the default callback mode ----------------------------

/// The value of a successful result without printing anything (for requests repeated in a loop), or stops
/// the program.
template <class T>
T unwrap(nakama::Result<T> result, const std::string& step) {
  if (!result.ok()) {
    std::ostringstream error;
    error << result.error();
    fail(step, error.str());
  }
  if constexpr (!std::is_void_v<T>) return std::move(result).value();
}

/// The player's realtime socket, connected. Declare it after the Player: a socket must be destroyed before
/// its client.
inline nakama::RtSocket connectSocket(const Player& player) {
  nakama::RtSocket socket = player.client->createSocket();
  check(socket.connect().get(), player.username() + " connects");
  return socket;
}

/// Socket events handed from the SDK's callback thread to the main thread, which waits for the one it
/// wants. Events it does not ask for stay queued: a real server may send more than the program expects.
///   guide::Inbox<nakama::ChannelMessage> messages;
///   auto subscription = socket.onChannelMessage(messages.handler());
template <class T>
class Inbox {
 public:
  /// The handler to register on the socket (the Inbox must outlive the subscription).
  std::function<void(const T&)> handler() {
    return [this](const T& item) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        items_.push_back(item);
      }
      ready_.notify_all();
    };
  }

  /// Removes and returns the first event that `wanted` accepts, waiting up to `limit`; stops the program
  /// when none arrives.
  T take(const std::string& what, const std::function<bool(const T&)>& wanted = nullptr,
         std::chrono::seconds limit = std::chrono::seconds(10)) {
    std::unique_lock<std::mutex> lock(mutex_);
    auto found = items_.end();
    auto arrived = [&] {
      found = std::find_if(items_.begin(), items_.end(), [&](const T& item) { return !wanted || wanted(item); });
      return found != items_.end();
    };
    if (!ready_.wait_for(lock, limit, arrived)) fail(what, "nothing within " + std::to_string(limit.count()) + " s");
    T item = std::move(*found);
    items_.erase(found);
    std::cout << "  ok  " << what << '\n';
    return item;
  }

  /// Removes and returns the first `count` events that `wanted` accepts, in arrival order, waiting up to
  /// `limit` for all of them (one line for the lot); stops the program when fewer arrive.
  std::vector<T> takeMany(std::size_t count, const std::string& what, const std::function<bool(const T&)>& wanted,
                          std::chrono::seconds limit = std::chrono::seconds(10)) {
    std::unique_lock<std::mutex> lock(mutex_);
    auto enough = [&] { return std::size_t(std::count_if(items_.begin(), items_.end(), wanted)) >= count; };
    if (!ready_.wait_for(lock, limit, enough)) fail(what, "not within " + std::to_string(limit.count()) + " s");
    std::vector<T> taken;
    for (auto it = items_.begin(); it != items_.end() && taken.size() < count;) {
      if (wanted(*it)) {
        taken.push_back(std::move(*it));
        it = items_.erase(it);
      } else {
        ++it;
      }
    }
    std::cout << "  ok  " << what << '\n';
    return taken;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<T> items_;
};

/// Calls `attempt` every 250 ms until it returns true, for up to `limit`, or stops the program. For server
/// state that is eventually consistent, such as the match listing.
inline void retryUntil(const std::string& what, std::chrono::seconds limit, const std::function<bool()>& attempt) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!attempt()) {
    if (std::chrono::steady_clock::now() > deadline) {
      fail(what, "not within " + std::to_string(limit.count()) + " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  std::cout << "  ok  " << what << '\n';
}

/// The value of a string field of a small flat JSON object without escapes, e.g. `{"match_id":"..."}`
/// (a game would use its JSON library); "" when absent.
inline std::string jsonString(const std::string& json, const std::string& key) {
  const std::string marker = "\"" + key + "\":\"";
  const auto start = json.find(marker);
  if (start == std::string::npos) return {};
  const auto from = start + marker.size();
  const auto end = json.find('"', from);
  return end == std::string::npos ? std::string() : json.substr(from, end - from);
}

}  // namespace guide
