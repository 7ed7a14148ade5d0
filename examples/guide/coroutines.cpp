// Sagi-shi's first launch as a C++20 coroutine: requests read top to bottom, like the guide's
// `nakama.sync(function() ... end)` flows, yet nothing blocks the game. The client runs in polled mode,
// so the coroutine resumes inside Client::poll(), on the game thread, between frames.

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nakama/account.h>
#include <nakama/client.h>
#include <nakama/storage.h>

#include "example_server.h"

using namespace nakama;

namespace {

WriteStorageObject cosmeticsUnlock() {
  WriteStorageObject object;
  object.collection = "unlocks";
  object.key = "cosmetics";
  object.value = R"({"hats":["party_hat"]})";
  return object;
}

// Each co_await gives a Result; the first error ends the flow and becomes the flow's own result.
// Every request is started in its own statement and then awaited: GCC 12 destroys the temporaries of a
// call inside a co_await expression (its default arguments included) twice, so never write
// `co_await client.account().get()` for GCC 12; Clang and later GCCs accept both forms.
Future<std::string> firstLaunch(Client& client, std::string deviceId) {
  Future<Session> signIn = client.authenticateDevice(deviceId);
  Result<Session> session = co_await signIn;
  if (!session) co_return session.error();
  std::cout << "signed in as " << session->username() << '\n';

  AccountUpdate update;
  update.displayName = "Red Crewmate";
  Future<void> rename = client.account().update(update);
  if (Result<void> renamed = co_await rename; !renamed) co_return renamed.error();

  Future<StorageObjectAcks> unlock = client.storage().write({cosmeticsUnlock()});
  if (auto written = co_await unlock; !written) co_return written.error();

  Future<StorageObjectList> listing = client.storage().listOwn("unlocks", {10});
  Result<StorageObjectList> mine = co_await listing;
  if (!mine) co_return mine.error();

  Future<Account> fetch = client.account().get();
  Result<Account> account = co_await fetch;
  if (!account) co_return account.error();
  co_return account->user.displayName + " owns " + std::to_string(mine->objects.size()) + " unlock record(s)";
}

}  // namespace

int main(int argc, char** argv) {
  ClientOptions options = examples::serverOptions(argc, argv);
  options.callbackMode = CallbackMode::kPolled;
  Client client(options);

  Future<std::string> flow = firstLaunch(client, "coroutine-device-" + std::to_string(std::random_device{}()));

  // The game's frame loop: the coroutine advances inside poll().
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  int frames = 0;
  while (!flow.ready() && std::chrono::steady_clock::now() < deadline) {
    client.poll();
    ++frames;
    std::this_thread::sleep_for(std::chrono::milliseconds(16));
  }
  if (!flow.ready()) {
    std::cerr << "timed out\n";
    return 1;
  }
  Result<std::string> outcome = flow.get();
  if (!outcome) {
    std::cerr << "first launch failed: " << outcome.error() << '\n';
    return 1;
  }
  std::cout << *outcome << " (after " << frames << " frames)\n";
  return 0;
}
