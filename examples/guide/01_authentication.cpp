// Guide part 1, authentication: sign in with a device id (choosing a username and session vars), with an
// email and password, with a custom id, with Facebook (only with --facebook-token TOKEN), then link a
// second sign-in method to the device account. Each method runs on a fresh client, like a fresh install.

#include <iostream>
#include <string>
#include <vector>

#include <nakama/account.h>
#include <nakama/client.h>

#include "example_server.h"
#include "guide.h"

using namespace nakama;
using guide::check;

int main(int argc, char** argv) {
  std::vector<std::string> rest;
  const ClientOptions server = examples::serverOptions(argc, argv, &rest);
  std::string facebookToken;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == "--facebook-token" && i + 1 < rest.size()) {
      facebookToken = rest[++i];
    } else {
      std::cerr << "usage: " << argv[0] << " [server flags] [--facebook-token TOKEN]\n";
      return 2;
    }
  }
  const std::string suffix = guide::uniqueSuffix();
  const std::string deviceId = "sagishi-device-" + suffix;  // a game stores one per install (10-128 bytes)

  std::cout << "== Device\n";
  std::string deviceUserId;
  {
    Client client(server);
    // [guide:device]
    AuthOptions auth;
    auth.username = "crewmate_" + suffix;  // for a new account; the server picks one when empty
    auth.vars = {{"platform", "desktop"}, {"appVersion", "1.0.0"}};
    Session session = check(client.authenticateDevice(deviceId, auth).get(), "authenticate with a device id");
    std::cout << "  ..  " << session.username() << " (" << session.userId() << ")"
              << (session.created() ? ", new account" : "") << ", platform " << session.vars().at("platform") << '\n';
    // [/guide:device]
    deviceUserId = session.userId();
    guide::expect(session.created() && session.username() == auth.username, "the account is new, named as asked");
  }

  std::cout << "\n== Email\n";
  {
    Client client(server);
    // [guide:email]
    AuthOptions auth;
    auth.username = "sleuth_" + suffix;
    Session session =
        check(client.authenticateEmail("sleuth_" + suffix + "@example.com", "password-" + suffix, auth).get(),
              "authenticate with an email and password");
    // [/guide:email]
    std::cout << "  ..  " << session.username() << '\n';
  }

  std::cout << "\n== Custom id\n";
  {
    Client client(server);
    // [guide:custom]
    // A custom id comes from the game's own account system (6-128 bytes).
    Session session =
        check(client.authenticateCustom("sagishi-custom-" + suffix).get(), "authenticate with a custom id");
    // [/guide:custom]
    std::cout << "  ..  " << session.username() << " (a name the server picked)\n";
  }

  std::cout << "\n== Facebook\n";
  if (facebookToken.empty()) {
    std::cout << "  ..  skipped: Facebook needs a player's access token (--facebook-token TOKEN)\n";
  } else {
    Client client(server);
    // [guide:facebook]
    AuthOptions auth;
    auth.importFriends = true;  // the player's Facebook friends who play become Nakama friends
    Session session = check(client.authenticateFacebook(facebookToken, auth).get(), "authenticate with Facebook");
    // [/guide:facebook]
    std::cout << "  ..  " << session.username() << '\n';
  }

  std::cout << "\n== Linking a second method to the device account\n";
  const std::string linkedEmail = "crewmate_" + suffix + "@example.com";
  const std::string linkedPassword = "password-" + suffix;
  {
    Client client(server);
    check(client.authenticateDevice(deviceId).get(), "sign in with the device id again");
    // [guide:link]
    check(client.account().linkEmail(linkedEmail, linkedPassword).get(), "link an email to the account");
    Account account = check(client.account().get().get(), "get the account");
    std::cout << "  ..  " << account.user.username << ": " << account.devices.size() << " device(s), email "
              << account.email << '\n';
    // [/guide:link]
  }
  {
    // On another machine the player now signs in with the email; create = false: never make a new account.
    Client client(server);
    // [guide:linked-sign-in]
    AuthOptions auth;
    auth.create = false;
    Session session =
        check(client.authenticateEmail(linkedEmail, linkedPassword, auth).get(), "sign in with the linked email");
    // [/guide:linked-sign-in]
    guide::expect(session.userId() == deviceUserId, "the email signs in to the device account");
  }
  std::cout << "\nPart 1 done.\n";
  return 0;
}
