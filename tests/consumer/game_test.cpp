// A game's own test, as a game would write it: its Nakama code runs against the SDK's in-process test
// server (find_package(nakama-sdk COMPONENTS testserver), target nakama::testserver), with no Nakama
// installed and no network beyond loopback.
#include <iostream>
#include <string>

#include <nakama/client.h>
#include <nakama/rt_socket.h>
#include <nakama/storage.h>
#include <nakama/testserver/test_server.h>

namespace {

// The game code under test: saves the player's loadout and reads it back.
nakama::Result<std::string> saveAndLoadLoadout(nakama::Client& client, const std::string& loadout) {
  nakama::WriteStorageObject object;
  object.collection = "loadouts";
  object.key = "current";
  object.value = loadout;
  auto written = client.storage().write({object}).get();
  if (!written) return written.error();
  auto read = client.storage().read({{"loadouts", "current", client.session()->userId()}}).get();
  if (!read) return read.error();
  if (read->objects.empty()) return nakama::Error{nakama::ErrorKind::kBadResponse, "loadout not stored"};
  return read->objects.front().value;
}

int fail(const std::string& what) {
  std::cerr << "game test failed: " << what << '\n';
  return 1;
}

}  // namespace

int main() {
  nakama::testserver::TestServer server;  // port 0: any free port
  server.start();

  nakama::ClientOptions options;
  options.port = server.port();
  nakama::Client client(options);
  auto session = client.authenticateDevice("game-test-device-0001").get();
  if (!session) return fail("authenticate: " + session.error().toString());

  auto loadout = saveAndLoadLoadout(client, R"({"hat":"crown"})");
  if (!loadout) return fail("loadout: " + loadout.error().toString());
  if (loadout->find("crown") == std::string::npos) return fail("unexpected loadout " + *loadout);

  nakama::RtSocket socket = client.createSocket();
  if (auto connected = socket.connect().get(); !connected) return fail("connect: " + connected.error().toString());
  auto room = socket.joinChat("lobby", nakama::ChannelType::kRoom).get();
  if (!room) return fail("join chat: " + room.error().toString());

  std::cout << "game test passed against the in-process test server on port " << server.port() << '\n';
  return 0;
}
