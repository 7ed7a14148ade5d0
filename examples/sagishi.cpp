// Sagi-shi: the flows of Heroic Labs' "Sagi-shi" guide (an Among-Us-like game), end to end, with two
// players on one machine. Runs against NAKAMA_HOST:NAKAMA_PORT (default 127.0.0.1:7350) with the
// server key NAKAMA_SERVER_KEY (default "defaultkey"); the server needs the fixtures of the README
// (leaderboards, the weekly_votes tournament, the RPCs). `scripts/demo.sh` starts the project's test
// server and runs this program against it.
//
// Each step blocks on Future::get() to read top to bottom; a game would use then() or poll() instead
// (see examples/game_loop.cpp).

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nakama/account.h>
#include <nakama/chat.h>
#include <nakama/client.h>
#include <nakama/events.h>
#include <nakama/friends.h>
#include <nakama/groups.h>
#include <nakama/leaderboards.h>
#include <nakama/matches.h>
#include <nakama/notifications.h>
#include <nakama/rpc.h>
#include <nakama/rt_socket.h>
#include <nakama/storage.h>
#include <nakama/tournaments.h>
#include <nakama/users.h>

using namespace nakama;

namespace {

std::string env(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

/// Unwraps a result or stops the demo with the SDK's description of the error.
template <class T>
T check(Result<T> result, const std::string& step) {
  if (!result.ok()) {
    std::cerr << "FAILED: " << step << ": " << result.error() << '\n';
    std::exit(1);
  }
  std::cout << "  ok  " << step << '\n';
  if constexpr (!std::is_void_v<T>) return std::move(result).value();
}

void check(Result<void> result, const std::string& step) {
  if (!result.ok()) {
    std::cerr << "FAILED: " << step << ": " << result.error() << '\n';
    std::exit(1);
  }
  std::cout << "  ok  " << step << '\n';
}

/// Waits (up to 10 s) for an event delivered to a socket handler.
template <class T>
class Inbox {
 public:
  void put(const T& value) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      items_.push_back(value);
    }
    cv_.notify_all();
  }
  T take(const std::string& what) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!cv_.wait_for(lock, std::chrono::seconds(10), [&] { return !items_.empty(); })) {
      std::cerr << "FAILED: no " << what << " within 10 s\n";
      std::exit(1);
    }
    T value = items_.front();
    items_.erase(items_.begin());
    std::cout << "  ok  received " << what << '\n';
    return value;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<T> items_;
};

std::string randomSuffix() {
  std::mt19937_64 rng{std::random_device{}()};
  return std::to_string(rng() % 1000000000);
}

struct Player {
  std::string name;
  std::unique_ptr<Client> client;
  Session session;
  RtSocket socket;
};

ClientOptions serverOptions() {
  ClientOptions options;
  options.host = env("NAKAMA_HOST", "127.0.0.1");
  options.port = static_cast<std::uint16_t>(std::stoi(env("NAKAMA_PORT", "7350")));
  options.serverKey = env("NAKAMA_SERVER_KEY", "defaultkey");
  options.ssl = env("NAKAMA_SSL", "0") == "1";
  return options;
}

Player signIn(const std::string& name, const std::string& suffix) {
  std::cout << "\n== " << name << " signs in (device authentication)\n";
  auto options = serverOptions();
  // Save the session whenever it changes (authenticate, refresh) so the next launch can restore it.
  options.onSessionChanged = [name](const std::optional<Session>& session) {
    if (session) std::cout << "  ..  " << name << "'s session saved (" << session->serialize().size() << " bytes)\n";
  };
  auto client = std::make_unique<Client>(options);
  AuthOptions auth;
  auth.username = name + "_" + suffix;
  auth.vars = {{"platform", "linux"}};
  Session session = check(client->authenticateDevice("sagishi-device-" + name + "-" + suffix, auth).get(),
                          "authenticateDevice as " + auth.username);
  return Player{name, std::move(client), session, RtSocket()};
}

}  // namespace

int main() {
  const std::string suffix = randomSuffix();
  Player alice = signIn("alice", suffix);
  Player bob = signIn("bob", suffix);

  std::cout << "\n== Restoring a saved session on the next launch\n";
  {
    Client relaunched(serverOptions());
    Session restored = check(Session::deserialize(alice.session.serialize()), "Session::deserialize");
    relaunched.setSession(restored);
    std::cout << "  ..  restored " << restored.username() << ", expires in "
              << std::chrono::duration_cast<std::chrono::minutes>(restored.expireTime() -
                                                                  std::chrono::system_clock::now()).count()
              << " min\n";
  }

  std::cout << "\n== Account and profile\n";
  check(alice.client->account().linkCustom("sagishi-custom-alice-" + suffix).get(), "link a custom id");
  AccountUpdate update;
  update.displayName = "Alice the Crewmate";
  update.avatarUrl = "https://example.com/alice.png";
  update.location = "The Skeld";
  check(alice.client->account().update(update).get(), "update display name, avatar, location");
  Account account = check(alice.client->account().get().get(), "get account");
  std::cout << "  ..  " << account.user.displayName << " with " << account.devices.size() << " device(s), wallet "
            << account.wallet << '\n';
  Users users = check(bob.client->users().getByUsernames({alice.session.username()}).get(), "bob looks alice up");
  std::cout << "  ..  found " << users.users.size() << " user(s): " << users.users.at(0).displayName << '\n';

  std::cout << "\n== Realtime sockets\n";
  Inbox<Notification> bobNotifications;
  Inbox<ChannelMessage> bobMessages;
  Inbox<MatchData> aliceMatchData;
  Inbox<MatchmakerMatched> aliceMatched, bobMatched;
  Inbox<StatusPresenceEvent> aliceStatus;
  Inbox<PartyPresenceEvent> alicePartyPresence;
  Inbox<PartyData> bobPartyData;
  alice.socket = alice.client->createSocket();
  bob.socket = bob.client->createSocket();
  auto s1 = bob.socket.onNotification([&](const Notification& n) { bobNotifications.put(n); });
  auto s2 = bob.socket.onChannelMessage([&](const ChannelMessage& m) { bobMessages.put(m); });
  auto s3 = alice.socket.onMatchData([&](const MatchData& d) { aliceMatchData.put(d); });
  auto s4 = alice.socket.onMatchmakerMatched([&](const MatchmakerMatched& m) { aliceMatched.put(m); });
  auto s5 = bob.socket.onMatchmakerMatched([&](const MatchmakerMatched& m) { bobMatched.put(m); });
  auto s6 = alice.socket.onStatusPresence([&](const StatusPresenceEvent& e) { aliceStatus.put(e); });
  auto s7 = alice.socket.onPartyPresence([&](const PartyPresenceEvent& e) { alicePartyPresence.put(e); });
  auto s8 = bob.socket.onPartyData([&](const PartyData& d) { bobPartyData.put(d); });
  check(alice.socket.connect().get(), "alice connects");
  check(bob.socket.connect().get(), "bob connects");

  std::cout << "\n== Friends and status\n";
  check(alice.client->friends().add({bob.session.userId()}).get(), "alice sends bob a friend request");
  Notification request = bobNotifications.take("bob's friend-request notification");
  std::cout << "  ..  \"" << request.subject << "\" (code " << request.code << ")\n";
  check(bob.client->friends().add({alice.session.userId()}).get(), "bob accepts by adding alice back");
  FriendList friends = check(alice.client->friends().list().get(), "alice lists her friends");
  for (const auto& f : friends.friends) std::cout << "  ..  " << f.user.username << " state " << int(f.state) << '\n';
  check(alice.socket.followUsers({bob.session.userId()}).get(), "alice follows bob's status");
  check(bob.socket.updateStatus("Hunting impostors").get(), "bob updates his status");
  StatusPresenceEvent status = aliceStatus.take("bob's status update");
  if (!status.joins.empty()) std::cout << "  ..  bob is \"" << status.joins.front().status.value_or("") << "\"\n";

  std::cout << "\n== Cosmetics in storage\n";
  WriteStorageObject hats;
  hats.collection = "Unlocks";
  hats.key = "Hats";
  hats.value = R"({"hats":["cowboy","alien"]})";
  hats.permissionRead = StoragePermissionRead::kPublicRead;
  StorageObjectAcks acks = check(alice.client->storage().write({hats}).get(), "alice saves her unlocked hats");
  hats.version = acks.acks.at(0).version;  // only overwrite what we read (optimistic concurrency)
  hats.value = R"({"hats":["cowboy","alien","crown"]})";
  check(alice.client->storage().write({hats}).get(), "alice adds a hat with a version check");
  StorageObjects seen = check(bob.client->storage().read({{"Unlocks", "Hats", alice.session.userId()}}).get(),
                              "bob reads alice's public hats");
  std::cout << "  ..  " << seen.objects.at(0).value << '\n';

  std::cout << "\n== A clan (group) and its chat\n";
  CreateGroupRequest clan;
  clan.name = "Sagi-shi Sleuths " + suffix;
  clan.description = "We always find the impostor";
  clan.open = true;
  Group group = check(alice.client->groups().create(clan).get(), "alice creates a clan");
  check(bob.client->groups().join(group.id).get(), "bob joins the clan");
  GroupUserList members = check(alice.client->groups().listUsers(group.id).get(), "list clan members");
  std::cout << "  ..  " << members.groupUsers.size() << " members\n";
  Channel aliceClanChat = check(alice.socket.joinChat(group.id, ChannelType::kGroup).get(), "alice joins clan chat");
  check(bob.socket.joinChat(group.id, ChannelType::kGroup).get(), "bob joins clan chat");
  check(alice.socket.writeChatMessage(aliceClanChat.id, R"({"message":"Red is sus"})").get(), "alice posts");
  ChannelMessage message = bobMessages.take("alice's clan message");
  std::cout << "  ..  " << message.username << ": " << message.content << '\n';
  ChannelMessageList history = check(bob.client->chat().listMessages(aliceClanChat.id).get(), "clan chat history");
  std::cout << "  ..  " << history.messages.size() << " message(s) in history\n";

  std::cout << "\n== Matchmaking into a relayed match\n";
  MatchmakerQuery query;
  query.minCount = 2;
  query.maxCount = 2;
  query.query = "+properties.mode:sabotage_" + suffix;
  query.stringProperties = {{"mode", "sabotage_" + suffix}};
  check(alice.socket.addMatchmaker(query).get(), "alice looks for a match");
  check(bob.socket.addMatchmaker(query).get(), "bob looks for a match");
  MatchmakerMatched matchedAlice = aliceMatched.take("alice's matchmaker result");
  MatchmakerMatched matchedBob = bobMatched.take("bob's matchmaker result");
  Match match = check(alice.socket.joinMatchByToken(matchedAlice.token).get(), "alice joins with her token");
  check(bob.socket.joinMatchByToken(matchedBob.token).get(), "bob joins with his token");
  constexpr std::int64_t kOpPosition = 1;
  check(bob.socket.sendMatchData(match.matchId, kOpPosition, R"({"x":4.5,"y":-2})").get(), "bob sends his position");
  MatchData position = aliceMatchData.take("bob's position");
  std::cout << "  ..  op " << position.opCode << ": " << position.data << '\n';
  check(alice.socket.leaveMatch(match.matchId).get(), "alice leaves the match");
  check(bob.socket.leaveMatch(match.matchId).get(), "bob leaves the match");

  std::cout << "\n== A server-run lobby (authoritative match via RPC)\n";
  std::string created = check(alice.client->rpc().call("create_lobby_match", R"({"mode":"classic"})").get(),
                              "RPC create_lobby_match");
  std::cout << "  ..  " << created << '\n';
  MatchListOptions listOptions;
  listOptions.authoritative = true;
  listOptions.limit = 10;
  MatchList lobbies = check(bob.client->matches().list(listOptions).get(), "list authoritative matches");
  std::cout << "  ..  " << lobbies.matches.size() << " lobby(ies) open\n";

  std::cout << "\n== A party\n";
  Party party = check(alice.socket.createParty(true, 4).get(), "alice opens a party");
  check(bob.socket.joinParty(party.partyId).get(), "bob joins the party");
  alicePartyPresence.take("bob joining the party");
  check(alice.socket.sendPartyData(party.partyId, 7, "ready?").get(), "alice pings the party");
  PartyData partyData = bobPartyData.take("alice's party data");
  std::cout << "  ..  op " << partyData.opCode << ": " << partyData.data << '\n';
  check(alice.socket.closeParty(party.partyId).get(), "alice closes the party");

  std::cout << "\n== Leaderboards and the weekly tournament\n";
  LeaderboardRecordWrite win;
  win.score = 1;
  check(alice.client->leaderboards().writeRecord("weekly_imposter_wins", win).get(), "alice records an impostor win");
  LeaderboardRecordList around =
      check(alice.client->leaderboards().listRecordsAroundOwner("weekly_imposter_wins", alice.session.userId()).get(),
            "records around alice");
  for (const auto& r : around.records) std::cout << "  ..  #" << r.rank << " " << r.username << " " << r.score << '\n';
  check(bob.client->tournaments().join("weekly_votes").get(), "bob joins the weekly votes tournament");
  LeaderboardRecordWrite vote;
  vote.score = 3;
  check(bob.client->tournaments().writeRecord("weekly_votes", vote).get(), "bob records 3 correct votes");

  std::cout << "\n== Rewards and notifications\n";
  check(bob.client->rpc().call("send_reward_notification").get(), "RPC send_reward_notification");
  Notification reward = bobNotifications.take("bob's reward notification");
  std::cout << "  ..  \"" << reward.subject << "\" " << reward.content << '\n';
  NotificationList inbox = check(bob.client->notifications().list(10).get(), "bob lists his notifications");
  std::cout << "  ..  " << inbox.notifications.size() << " stored notification(s)\n";

  std::cout << "\n== Analytics event and sign-out\n";
  Event event;
  event.name = "match_finished";
  event.properties = {{"winner", "crew"}};
  check(alice.client->events().send(event).get(), "send an analytics event");
  alice.socket.close();
  bob.socket.close();
  check(alice.client->logout().get(), "alice logs out");
  check(bob.client->logout().get(), "bob logs out");
  std::cout << "\nSagi-shi demo finished.\n";
  return 0;
}
