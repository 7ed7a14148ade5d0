// Guide part 6, status and presence: follow players, receive their status changes through the socket,
// and publish one's own status, with the id of the match one is playing in for friends to join.
// Red's client runs like a game's: in polled mode, its socket events handled inside the frame loop.

#include <algorithm>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <nakama/account.h>
#include <nakama/client.h>
#include <nakama/rt_socket.h>

#include "example_server.h"
#include "guide.h"

using namespace nakama;
using guide::check;

namespace {
bool hasStatus(const std::vector<UserPresence>& presences, const std::string& userId, const std::string& status) {
  return std::any_of(presences.begin(), presences.end(),
                     [&](const UserPresence& p) { return p.userId == userId && p.status == status; });
}
}  // namespace

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  // [guide:polled]
  ClientOptions options = server;
  options.callbackMode = CallbackMode::kPolled;  // handlers and then() steps run inside client.poll()
  // [/guide:polled]
  guide::Player red = guide::newPlayer(options, "red", suffix);
  guide::Player blue = guide::newPlayer(server, "blue", suffix);
  guide::Player green = guide::newPlayer(server, "green", suffix);
  Client& client = *red.client;

  // [guide:receive]
  std::vector<StatusPresenceEvent> statusChanges;  // only touched on the game thread, in poll()
  RtSocketOptions socketOptions;
  socketOptions.reconnect = true;  // after a lost connection: reconnect, follow again, restore the status
  RtSocket socket = client.createSocket(socketOptions);
  Subscription onStatus = socket.onStatusPresence([&](const StatusPresenceEvent& e) { statusChanges.push_back(e); });
  check(socket.connect().get(), "red connects");
  // [/guide:receive]
  RtSocket blueSocket = blue.client->createSocket();
  RtSocket greenSocket = green.client->createSocket();
  check(blueSocket.connect().get(), "blue connects");
  check(greenSocket.connect().get(), "green connects");
  // Red's frame loop until an event matching `wanted` has been handled.
  auto awaitStatus = [&](const std::string& what, const std::function<bool(const StatusPresenceEvent&)>& wanted) {
    guide::pollUntil(
        client, [&] { return std::any_of(statusChanges.begin(), statusChanges.end(), wanted); }, what);
  };

  // [guide:then]
  // Chain instead of blocking: the step runs on the game thread, in the frame whose poll() finds it due.
  std::string shownName;
  client.account().get().then([&](const Account& account) { shownName = account.user.username; });
  // [/guide:then]
  guide::pollUntil(
      client, [&] { return !shownName.empty(); }, "red's name arrives in a frame");

  std::cout << "\n== Red follows blue and green\n";
  // [guide:follow]
  Status online = check(socket.followUsers({blue.id()}, {green.username()}).get(), "follow by id and by username");
  for (const UserPresence& p : online.presences) std::cout << "  ..  " << p.username << " is online\n";
  // [/guide:follow]

  std::cout << "\n== Blue's status\n";
  // [guide:update-status]
  check(blueSocket.updateStatus("Looking for a game").get(), "blue updates the status");
  // [/guide:update-status]
  awaitStatus("red sees blue's new status",
              [&](const StatusPresenceEvent& e) { return hasStatus(e.joins, blue.id(), "Looking for a game"); });
  // [guide:status-event]
  for (const StatusPresenceEvent& event : statusChanges) {
    for (const UserPresence& p : event.joins)
      std::cout << "  ..  " << p.username << ": " << p.status.value_or("") << '\n';
    for (const UserPresence& p : event.leaves)
      std::cout << "  ..  " << p.username << " left \"" << p.status.value_or("") << "\"\n";
  }
  statusChanges.clear();
  // [/guide:status-event]

  std::cout << "\n== Green plays a match and says so\n";
  // [guide:status-match]
  Match match = check(greenSocket.createMatch().get(), "green creates a match");
  const std::string status = R"({"status":"Playing a match","matchId":")" + match.matchId + R"("})";
  check(greenSocket.updateStatus(status).get(), "green's status names the match");
  // [/guide:status-match]
  awaitStatus("red sees green's match",
              [&](const StatusPresenceEvent& e) { return hasStatus(e.joins, green.id(), status); });
  std::cout << "  ..  green: " << status << '\n';

  std::cout << "\n== Blue goes offline\n";
  check(blueSocket.appearOffline().get(), "blue appears offline");
  awaitStatus("red sees blue leave", [&](const StatusPresenceEvent& e) {
    return std::any_of(e.leaves.begin(), e.leaves.end(), [&](const UserPresence& p) { return p.userId == blue.id(); });
  });
  std::cout << "\nPart 6 done.\n";
  return 0;
}
