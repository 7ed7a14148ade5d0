#pragma once

// Small helpers shared by the guide's programs (examples/guide/NN_*.cpp): stop with a clear message on the
// first failure, make names unique per run, and run a game's frame loop until something arrives (with a deadline).

#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

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

}  // namespace guide
