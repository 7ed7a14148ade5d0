// Guide part 5, friends: send friend requests by username and by id, accept every pending request, and
// list mutual friends.

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <nakama/client.h>
#include <nakama/friends.h>

#include "example_server.h"
#include "guide.h"

using namespace nakama;
using guide::check;

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  guide::Player red = guide::newPlayer(server, "red", suffix);
  guide::Player blue = guide::newPlayer(server, "blue", suffix);
  guide::Player green = guide::newPlayer(server, "green", suffix);
  guide::Player pink = guide::newPlayer(server, "pink", suffix);
  guide::Player white = guide::newPlayer(server, "white", suffix);
  Client& client = *red.client;

  std::cout << "\n== Red sends friend requests\n";
  // [guide:add]
  check(client.friends().add({}, {blue.username()}).get(), "add a friend by username");
  check(client.friends().add({green.id()}).get(), "add a friend by id");
  // [/guide:add]
  check(blue.client->friends().add({red.id()}).get(), "blue accepts (adds red back)");
  check(green.client->friends().add({red.id()}).get(), "green accepts");

  std::cout << "\n== Others send red requests\n";
  check(pink.client->friends().add({red.id()}).get(), "pink asks red");
  check(white.client->friends().add({}, {red.username()}).get(), "white asks red");

  std::cout << "\n== Red accepts every pending request\n";
  // [guide:accept]
  FriendListOptions pending;
  pending.state = FriendState::kInviteReceived;
  std::vector<Friend> requests = check(client.friends().listAll(pending).get(), "list every incoming request");
  std::vector<std::string> ids;
  for (const Friend& request : requests) ids.push_back(request.user.id);
  if (!ids.empty()) check(client.friends().add(ids).get(), "accept them all (add them back)");
  // [/guide:accept]
  guide::expect(ids.size() == 2, "pink's and white's requests accepted", std::to_string(ids.size()) + " requests");

  std::cout << "\n== Red's friends\n";
  // [guide:list]
  FriendListOptions mutual;
  mutual.state = FriendState::kFriend;
  mutual.limit = 20;
  FriendList page = check(client.friends().list(mutual).get(), "list up to 20 mutual friends");
  // The server lists the oldest friendships first: show the newest first.
  std::sort(page.friends.begin(), page.friends.end(),
            [](const Friend& a, const Friend& b) { return a.updateTime > b.updateTime; });
  for (const Friend& f : page.friends) std::cout << "  ..  " << f.user.username << '\n';
  // [/guide:list]
  guide::expect(page.friends.size() == 4, "4 mutual friends", std::to_string(page.friends.size()) + " listed");
  std::cout << "\nPart 5 done.\n";
  return 0;
}
