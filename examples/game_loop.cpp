// The game-loop pattern: CallbackMode::kPolled queues every callback and socket event until the game
// calls Client::poll() once per frame, so game state is only touched on the game thread. Nothing
// blocks: requests are chained with then().

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <thread>

#include <nakama/account.h>
#include <nakama/client.h>
#include <nakama/rt_socket.h>

#include "example_server.h"

using namespace nakama;

namespace {
struct Game {
  bool running = true;
  int exitCode = 0;
  std::string status = "signing in";
  void fail(const std::string& step, const Error& error) {
    std::cerr << step << " failed: " << error << '\n';
    exitCode = 1;
    running = false;
  }
};
}  // namespace

int main(int argc, char** argv) {
  ClientOptions options = examples::serverOptions(argc, argv);
  options.callbackMode = CallbackMode::kPolled;
  Client client(options);
  RtSocket socket = client.createSocket();
  Game game;  // touched only from callbacks, which all run inside poll() on this thread

  auto onConnect = socket.onConnect([&] { game.status = "connected"; });
  // Each step runs inside poll() once the previous one succeeded; the first error skips the remaining
  // value steps and lands in the last step, which takes the whole Result.
  std::string failedStep = "authenticate";
  client.authenticateDevice("game-loop-device-" + std::to_string(std::random_device{}()))
      .then([&](const Session& session) {
        game.status = "authenticated as " + session.username();
        failedStep = "connect";
        return socket.connect();
      })
      .then([&] {
        failedStep = "ping";
        return socket.ping();
      })
      .then([&](std::chrono::milliseconds rtt) {
        std::cout << "socket round trip: " << rtt.count() << " ms\n";
        failedStep = "account";
        return client.account().get();
      })
      .then([&](const Result<Account>& account) {
        if (!account.ok()) return game.fail(failedStep, account.error());
        std::cout << "account " << account->user.username << " created " << formatTimestamp(account->user.createTime)
                  << '\n';
        game.running = false;
      });

  // The frame loop: ~60 frames per second, callbacks delivered between frames.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string lastStatus;
  int frames = 0;
  while (game.running && std::chrono::steady_clock::now() < deadline) {
    client.poll();
    if (game.status != lastStatus) {
      std::cout << "frame " << frames << ": " << game.status << '\n';
      lastStatus = game.status;
    }
    ++frames;
    std::this_thread::sleep_for(std::chrono::milliseconds(16));
  }
  if (game.running) {
    std::cerr << "timed out\n";
    return 1;
  }
  socket.close();
  return game.exitCode;
}
