// Guide part 6, status and presence: follow players, receive their status changes through the socket,
// and publish one's own status, with the id of the match one is playing in for friends to join.

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

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
  guide::Player red = guide::newPlayer(server, "red", suffix);
  guide::Player blue = guide::newPlayer(server, "blue", suffix);
  guide::Player green = guide::newPlayer(server, "green", suffix);

  // [guide:receive]
  // Handlers run on the SDK's callback thread: hand the events over to the game thread.
  guide::Inbox<StatusPresenceEvent> statusChanges;
  RtSocket socket = red.client->createSocket();
  Subscription onStatus = socket.onStatusPresence([&](const StatusPresenceEvent& event) { statusChanges.put(event); });
  check(socket.connect().get(), "red connects");
  // [/guide:receive]
  RtSocket blueSocket = blue.client->createSocket();
  RtSocket greenSocket = green.client->createSocket();
  check(blueSocket.connect().get(), "blue connects");
  check(greenSocket.connect().get(), "green connects");

  std::cout << "\n== Red follows blue and green\n";
  // [guide:follow]
  Status online = check(socket.followUsers({blue.id()}, {green.username()}).get(), "follow by id and by username");
  for (const UserPresence& p : online.presences) std::cout << "  ..  " << p.username << " is online\n";
  // [/guide:follow]

  std::cout << "\n== Blue's status\n";
  check(blueSocket.updateStatus("Looking for a game").get(), "blue updates the status");
  // [guide:status-event]
  StatusPresenceEvent event = statusChanges.take("red sees blue's new status", [&](const StatusPresenceEvent& e) {
    return hasStatus(e.joins, blue.id(), "Looking for a game");
  });
  for (const UserPresence& p : event.joins)
    std::cout << "  ..  " << p.username << ": " << p.status.value_or("") << '\n';
  // [/guide:status-event]

  std::cout << "\n== Green plays a match and says so\n";
  // [guide:status-match]
  Match match = check(greenSocket.createMatch().get(), "green creates a match");
  const std::string status = R"({"status":"Playing a match","matchId":")" + match.matchId + R"("})";
  check(greenSocket.updateStatus(status).get(), "green's status names the match");
  // [/guide:status-match]
  statusChanges.take("red sees green's match",
                     [&](const StatusPresenceEvent& e) { return hasStatus(e.joins, green.id(), status); });
  std::cout << "  ..  green's status: " << status << '\n';

  std::cout << "\n== Blue goes offline\n";
  check(blueSocket.appearOffline().get(), "blue appears offline");
  statusChanges.take("red sees blue leave", [&](const StatusPresenceEvent& e) {
    return std::any_of(e.leaves.begin(), e.leaves.end(), [&](const UserPresence& p) { return p.userId == blue.id(); });
  });
  std::cout << "\nPart 6 done.\n";
  return 0;
}
