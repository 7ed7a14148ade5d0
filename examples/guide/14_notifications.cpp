// Sagi-shi guide, part 14: notifications. The server rewards the weekly tournament's winner with a
// notification (code 100): it arrives live on the socket, stays stored, and the game deletes it once
// the reward is shown.

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <nakama/notifications.h>
#include <nakama/rpc.h>

#include "example_server.h"
#include "guide.h"

using namespace nakama;
using guide::check;

// The game's own notification code for tournament rewards (the server uses negative codes).
constexpr std::int32_t kRewardCode = 100;

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  guide::Player alice = guide::newPlayer(server, "alice", suffix);
  RtSocket aliceSocket = guide::connectSocket(alice);
  Client& client = *alice.client;
  guide::Inbox<Notification> notifications;
  // [guide:live]
  auto onNotification = aliceSocket.onNotification(notifications.handler());
  // [/guide:live]

  std::cout << "\n== A reward arrives\n";
  check(client.rpc().call("send_reward_notification").get(), "the server sends a reward");
  // [guide:reward]
  Notification reward = notifications.take("alice is notified of her reward",
                                           [](const Notification& n) { return n.code == kRewardCode; });
  std::cout << "  ..  \"" << reward.subject << "\" " << reward.content << '\n';
  // [/guide:reward]

  std::cout << "\n== Stored notifications\n";
  // [guide:list]
  NotificationListOptions page;
  page.limit = 100;
  NotificationList stored = check(client.notifications().list(page).get(), "list stored notifications");
  std::vector<std::string> ids;
  for (const Notification& n : stored.notifications) {
    std::cout << "  ..  code " << n.code << ": " << n.subject << '\n';
    ids.push_back(n.id);
  }
  // [/guide:list]
  guide::expect(std::find(ids.begin(), ids.end(), reward.id) != ids.end(), "the reward is stored", "not listed");

  // [guide:delete]
  check(client.notifications().remove(ids).get(), "delete them once shown");
  // [/guide:delete]
  NotificationList after = check(client.notifications().list(page).get(), "list again");
  guide::expect(after.notifications.empty(), "nothing is left",
                std::to_string(after.notifications.size()) + " notification(s) left");

  std::cout << "\nNotifications done.\n";
  return 0;
}
