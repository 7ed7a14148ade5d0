// Guide part 3, accounts and profiles: read one's own account, change the display name, avatar and
// language, and look other players' public profiles up by id and by username.

#include <iostream>
#include <string>

#include <nakama/account.h>
#include <nakama/client.h>
#include <nakama/users.h>

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
  Client& client = *red.client;

  std::cout << "\n== My account\n";
  // [guide:get-account]
  Account account = check(client.account().get().get(), "get the account");
  std::cout << "  ..  " << account.user.username << " (" << account.user.id << "), wallet " << account.wallet << ", "
            << account.devices.size() << " device(s), created " << formatTimestamp(account.user.createTime) << '\n';
  // [/guide:get-account]

  std::cout << "\n== Updating the profile\n";
  // [guide:update-account]
  AccountUpdate update;  // fields left unset stay as they are
  update.displayName = "Red Crewmate";
  update.avatarUrl = "https://example.com/avatars/red.png";
  update.langTag = "fr";
  check(client.account().update(update).get(), "update display name, avatar and language");
  // [/guide:update-account]
  account = check(client.account().get().get(), "get the account again");
  guide::expect(account.user.displayName == "Red Crewmate" && account.user.langTag == "fr" &&
                    account.user.avatarUrl == *update.avatarUrl,
                "the profile shows the changes");

  std::cout << "\n== Other players\n";
  // [guide:get-users]
  Users byId = check(client.users().getByIds({blue.id()}).get(), "look a player up by id");
  Users byName = check(client.users().getByUsernames({green.username()}).get(), "look a player up by username");
  for (const Users& found : {byId, byName}) {
    for (const User& user : found.users) {
      std::cout << "  ..  " << user.username << " (" << user.id << ")" << (user.online ? " online" : "") << '\n';
    }
  }
  // [/guide:get-users]
  guide::expect(byId.users.size() == 1 && byId.users[0].username == blue.username() && byName.users.size() == 1 &&
                    byName.users[0].id == green.id(),
                "both players found");
  std::cout << "\nPart 3 done.\n";
  return 0;
}
