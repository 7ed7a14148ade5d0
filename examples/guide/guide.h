#pragma once

// Small helpers shared by the guide's programs, so that each program shows the SDK and little else:
// stop with a clear message on the first failure, make names unique per run, and wait (with a deadline)
// for what arrives on the socket or shows up on the server later.

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

/// Prints the step that failed and why, then ends the program with exit code 1.
[[noreturn]] inline void fail(const std::string& step, const std::string& why) {
  std::cerr << "FAILED: " << step << ": " << why << '\n';
  std::exit(1);
}

/// The value of a successful result; otherwise fails `step` with the SDK's description of the error.
template <class T>
T unwrap(nakama::Result<T> result, const std::string& step) {
  if (!result.ok()) {
    std::ostringstream error;
    error << result.error();
    fail(step, error.str());
  }
  if constexpr (!std::is_void_v<T>) return std::move(result).value();
}

/// unwrap(), printing "ok <step>" on success.
template <class T>
T check(nakama::Result<T> result, const std::string& step) {
  if constexpr (std::is_void_v<T>) {
    unwrap(std::move(result), step);
    std::cout << "  ok  " << step << '\n';
  } else {
    T value = unwrap(std::move(result), step);
    std::cout << "  ok  " << step << '\n';
    return value;
  }
}

/// Fails `step` unless `condition` holds.
inline void expect(bool condition, const std::string& step, const std::string& why) {
  if (!condition) fail(step, why);
  std::cout << "  ok  " << step << '\n';
}

/// A random suffix for device ids, usernames and group names, so that runs against a long-lived server
/// never collide with earlier ones.
inline std::string uniqueSuffix() {
  std::mt19937_64 rng{std::random_device{}()};
  return std::to_string(rng() % 1000000000);
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

  /// Removes and returns the first event that `wanted` accepts, waiting up to `limit`; fails otherwise.
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

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<T> items_;
};

/// Calls `attempt` every 250 ms until it returns true, for up to `limit`; fails `what` otherwise. For
/// server state that is eventually consistent, such as the match listing.
inline void pollUntil(const std::string& what, std::chrono::seconds limit, const std::function<bool()>& attempt) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!attempt()) {
    if (std::chrono::steady_clock::now() > deadline) {
      fail(what, "not done within " + std::to_string(limit.count()) + " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  std::cout << "  ok  " << what << '\n';
}

/// One simulated player: a client signed in with its own device, and its realtime socket. The socket is
/// declared after the client, so it is destroyed first (sockets must not outlive their client).
struct Player {
  std::string username;
  std::string id;
  std::unique_ptr<nakama::Client> client;
  nakama::RtSocket socket;
};

/// Signs a new player in (device authentication as `<name>_<suffix>`) and connects its socket.
inline Player signIn(const nakama::ClientOptions& server, const std::string& name, const std::string& suffix,
                     bool connectSocket = true) {
  Player player;
  player.client = std::make_unique<nakama::Client>(server);
  nakama::AuthOptions auth;
  auth.username = name + "_" + suffix;
  nakama::Session session =
      check(player.client->authenticateDevice("guide-device-" + auth.username, auth).get(), name + " signs in");
  player.username = session.username();
  player.id = session.userId();
  if (connectSocket) {
    player.socket = player.client->createSocket();
    check(player.socket.connect().get(), name + " connects the socket");
  }
  return player;
}

}  // namespace guide
