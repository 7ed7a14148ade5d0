// Guide part 2, sessions: keep the session in a file so that the next launch signs in without
// authenticating, refresh it when it expires within a day, and authenticate again when it cannot be
// restored or refreshed. The program plays four launches of the game in one run, each with a new client.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>

#include <nakama/account.h>
#include <nakama/client.h>

#include "example_server.h"
#include "guide.h"

using namespace nakama;
using guide::check;
namespace fs = std::filesystem;

namespace {

std::optional<std::string> readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// [guide:save]
// Every new session (authenticate, refresh) is written to the file; logging out deletes it.
ClientOptions savingSessions(ClientOptions options, const fs::path& file) {
  options.onSessionChanged = [file](const std::optional<Session>& session) {
    if (session) {
      writeFile(file, session->serialize());
    } else {
      std::error_code ignored;
      fs::remove(file, ignored);
    }
  };
  return options;
}
// [/guide:save]

// [guide:restore]
// The saved session if it is still good for a day, else refreshed; else a new one. `how` says which.
Result<Session> startSession(Client& client, const fs::path& file, const std::string& deviceId, std::string& how) {
  if (std::optional<std::string> saved = readFile(file)) {
    if (Result<Session> restored = Session::deserialize(*saved)) {
      client.setSession(*restored);
      how = "restored";
      if (!restored->expiresWithin(std::chrono::hours(24))) return restored;
      how = "refreshed";
      Result<Session> refreshed = client.refreshSession().get();
      if (refreshed) return refreshed;
      std::cout << "  ..  refresh failed (" << refreshed.error() << ")\n";
    }
  }
  how = "authenticated";
  return client.authenticateDevice(deviceId).get();
}
// [/guide:restore]

/// One launch of the game: start a session, then make the first call with it.
std::string launch(const ClientOptions& server, const fs::path& file, const std::string& deviceId) {
  Client client(savingSessions(server, file));
  std::string how;
  Session session = check(startSession(client, file, deviceId, how), "start a session");
  const auto minutes =
      std::chrono::duration_cast<std::chrono::minutes>(session.expireTime() - std::chrono::system_clock::now());
  std::cout << "  ..  " << how << " " << session.username() << ", expires in " << minutes.count() << " min\n";
  // [guide:expired]
  Result<Account> account = client.account().get().get();
  if (!account && account.error().kind == ErrorKind::kSessionExpired) {
    // Revoked since it was saved (logged out elsewhere, server restarted): sign in again and retry.
    check(client.authenticateDevice(deviceId).get(), "authenticate again");
    how = "authenticated";
    account = client.account().get().get();
  }
  // [/guide:expired]
  check(account, "first call of the launch: get the account");
  // Leaving destroys the client, which first runs the callbacks still queued: the file is up to date.
  return how;
}

}  // namespace

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  const std::string deviceId = "sagishi-sessions-" + suffix;
  const fs::path dir = fs::temp_directory_path() / ("sagishi-guide-" + suffix);
  fs::create_directories(dir);
  const fs::path file = dir / "session.txt";

  std::cout << "== Launch 1: nothing saved yet\n";
  std::string how = launch(server, file, deviceId);
  guide::expect(how == "authenticated" && fs::exists(file), "authenticated and saved to " + file.string());

  std::cout << "\n== Launch 2: the saved session\n";
  how = launch(server, file, deviceId);
  guide::expect(how == "restored" || how == "refreshed", "signed in without authenticating");

  std::cout << "\n== Launch 3: the saved session was revoked meanwhile (the player logged out elsewhere)\n";
  {
    Client elsewhere(server);
    elsewhere.setSession(check(Session::deserialize(*readFile(file)), "read the saved session"));
    check(elsewhere.logout().get(), "log the saved session out on the server");
  }
  how = launch(server, file, deviceId);
  guide::expect(how == "authenticated", "fell back to authentication");

  std::cout << "\n== Launch 4: the file is damaged\n";
  writeFile(file, "not a session");
  how = launch(server, file, deviceId);
  guide::expect(how == "authenticated", "fell back to authentication");

  fs::remove_all(dir);
  std::cout << "\nPart 2 done.\n";
  return 0;
}
