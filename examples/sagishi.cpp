// Sagi-shi: the flows of Heroic Labs' "Sagi-shi" guide (an Among-Us-like game), end to end, with two
// players on one machine. Runs against NAKAMA_HOST:NAKAMA_PORT (default 127.0.0.1:7350) with the
// server key NAKAMA_SERVER_KEY (default "defaultkey"), over TLS when NAKAMA_SSL=1. The server needs the
// fixtures of tests/nakama/ (leaderboards, the weekly_votes tournament, the RPCs, the `lobby` match
// handler): the project's test server has them, and `scripts/demo.sh` starts it and runs this program.
//
// Each step blocks on Future::get() to read top to bottom; a game would use then() or poll() instead
// (see examples/game_loop.cpp). Only the main thread prints: socket events and session changes arrive on
// the SDK's callback thread, which just hands them over (Inbox).

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
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

#include "example_server.h"

using namespace nakama;

namespace {

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

/// Hands events from the SDK's callback thread (put) to the main thread (take), which waits for the first
/// one it wants. Other events stay queued: a real server may send some the test server does not.
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
  T take(const std::string& what, const std::function<bool(const T&)>& wanted = nullptr,
         std::chrono::seconds limit = std::chrono::seconds(10)) {
    std::unique_lock<std::mutex> lock(mutex_);
    auto found = items_.end();
    auto ready = [&] {
      found = std::find_if(items_.begin(), items_.end(), [&](const T& item) { return !wanted || wanted(item); });
      return found != items_.end();
    };
    if (!cv_.wait_for(lock, limit, ready)) {
      std::cerr << "FAILED: no " << what << " within " << limit.count() << " s\n";
      std::exit(1);
    }
    T value = *found;
    items_.erase(found);
    std::cout << "  ok  received " << what << '\n';
    return value;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<T> items_;
};

bool hasUser(const std::vector<UserPresence>& presences, const std::string& userId) {
  return std::any_of(presences.begin(), presences.end(), [&](const UserPresence& p) { return p.userId == userId; });
}

std::string randomSuffix() {
  std::mt19937_64 rng{std::random_device{}()};
  return std::to_string(rng() % 1000000000);
}

struct Player {
  std::string name;
  std::unique_ptr<Client> client;
  Session session;
  RtSocket socket;
  // What the game would write to disk: the serialized session, or "" once logged out.
  std::shared_ptr<Inbox<std::string>> savedSessions;
};

Player signIn(const ClientOptions& server, const std::string& name, const std::string& suffix) {
  std::cout << "\n== " << name << " signs in (device authentication)\n";
  ClientOptions options = server;
  // Save the session whenever it changes (authenticate, refresh, logout) so the next launch can restore
  // it. This runs on the SDK's callback thread, possibly after get() below has returned.
  auto saved = std::make_shared<Inbox<std::string>>();
  options.onSessionChanged = [saved](const std::optional<Session>& session) {
    saved->put(session ? session->serialize() : std::string());
  };
  auto client = std::make_unique<Client>(options);
  AuthOptions auth;
  auth.username = name + "_" + suffix;
  auth.vars = {{"platform", "linux"}};
  Session session = check(client->authenticateDevice("sagishi-device-" + name + "-" + suffix, auth).get(),
                          "authenticateDevice as " + auth.username);
  return Player{name, std::move(client), session, RtSocket(), saved};
}

/// The value of a string field of a small JSON object such as `{"match_id":"..."}` (no escapes in it).
std::string stringField(const std::string& json, const std::string& key) {
  const std::string marker = "\"" + key + "\":\"";
  const auto start = json.find(marker);
  if (start == std::string::npos) return {};
  const auto from = start + marker.size();
  return json.substr(from, json.find('"', from) - from);
}

/// Matchmaking and match listing take a while on a real server: say so, then wait.
void waitingFor(const std::string& what) { std::cout << "  ..  waiting for " << what << '\n'; }

/// Lists authoritative matches with `query` until `matchId` shows up (a real server indexes new matches
/// about once a second), for up to 10 s.
MatchSummary findListedMatch(Client& client, const std::string& query, const std::string& matchId) {
  MatchListOptions options;
  options.authoritative = true;
  options.query = query;
  options.limit = 10;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    Result<MatchList> list = client.matches().list(options).get();
    if (!list.ok()) {
      std::cerr << "FAILED: list matches " << query << ": " << list.error() << '\n';
      std::exit(1);
    }
    for (const auto& m : list.value().matches) {
      if (m.matchId == matchId) {
        std::cout << "  ok  list matches " << query << '\n';
        return m;
      }
    }
    if (std::chrono::steady_clock::now() > deadline) {
      std::cerr << "FAILED: match " << matchId << " not listed within 10 s\n";
      std::exit(1);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = randomSuffix();
  Player alice = signIn(server, "alice", suffix);
  std::string aliceSaved = alice.savedSessions->take("alice's session to save");
  std::cout << "  ..  alice's session saved (" << aliceSaved.size() << " bytes)\n";
  Player bob = signIn(server, "bob", suffix);
  std::string bobSaved = bob.savedSessions->take("bob's session to save");
  std::cout << "  ..  bob's session saved (" << bobSaved.size() << " bytes)\n";

  std::cout << "\n== Restoring a saved session on the next launch\n";
  {
    Client relaunched(server);
    Session restored = check(Session::deserialize(aliceSaved), "Session::deserialize");
    relaunched.setSession(restored);
    std::cout << "  ..  restored " << restored.username() << ", expires in "
              << std::chrono::duration_cast<std::chrono::minutes>(restored.expireTime() -
                                                                  std::chrono::system_clock::now())
                     .count()
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
  Inbox<MatchData> aliceMatchData, bobMatchData;
  Inbox<MatchmakerMatched> aliceMatched, bobMatched;
  Inbox<StatusPresenceEvent> aliceStatus;
  Inbox<PartyPresenceEvent> alicePartyPresence;
  Inbox<PartyData> bobPartyData;
  alice.socket = alice.client->createSocket();
  bob.socket = bob.client->createSocket();
  auto s1 = bob.socket.onNotification([&](const Notification& n) { bobNotifications.put(n); });
  auto s2 = bob.socket.onChannelMessage([&](const ChannelMessage& m) { bobMessages.put(m); });
  auto s3 = alice.socket.onMatchData([&](const MatchData& d) { aliceMatchData.put(d); });
  auto s4 = bob.socket.onMatchData([&](const MatchData& d) { bobMatchData.put(d); });
  auto s5 = alice.socket.onMatchmakerMatched([&](const MatchmakerMatched& m) { aliceMatched.put(m); });
  auto s6 = bob.socket.onMatchmakerMatched([&](const MatchmakerMatched& m) { bobMatched.put(m); });
  auto s7 = alice.socket.onStatusPresence([&](const StatusPresenceEvent& e) { aliceStatus.put(e); });
  auto s8 = alice.socket.onPartyPresence([&](const PartyPresenceEvent& e) { alicePartyPresence.put(e); });
  auto s9 = bob.socket.onPartyData([&](const PartyData& d) { bobPartyData.put(d); });
  check(alice.socket.connect().get(), "alice connects");
  check(bob.socket.connect().get(), "bob connects");
  const std::string aliceId = alice.session.userId();
  const std::string bobId = bob.session.userId();

  std::cout << "\n== Friends and status\n";
  check(alice.client->friends().add({bobId}).get(), "alice sends bob a friend request");
  Notification request = bobNotifications.take("bob's friend-request notification", [](const Notification& n) {
    return n.code == NotificationCode::kFriendRequest;
  });
  std::cout << "  ..  \"" << request.subject << "\" (code " << request.code << ")\n";
  check(bob.client->friends().add({aliceId}).get(), "bob accepts by adding alice back");
  FriendList friends = check(alice.client->friends().list().get(), "alice lists her friends");
  for (const auto& f : friends.friends) std::cout << "  ..  " << f.user.username << " state " << int(f.state) << '\n';
  check(alice.socket.followUsers({bobId}).get(), "alice follows bob's status");
  const std::string bobStatus = "Hunting impostors";
  check(bob.socket.updateStatus(bobStatus).get(), "bob updates his status");
  aliceStatus.take("bob's status update", [&](const StatusPresenceEvent& e) {
    return std::any_of(e.joins.begin(), e.joins.end(),
                       [&](const UserPresence& p) { return p.userId == bobId && p.status == bobStatus; });
  });
  std::cout << "  ..  bob is \"" << bobStatus << "\"\n";

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
  StorageObjects seen =
      check(bob.client->storage().read({{"Unlocks", "Hats", aliceId}}).get(), "bob reads alice's public hats");
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
  ChannelMessage message = bobMessages.take("alice's clan message", [&](const ChannelMessage& m) {
    return m.channelId == aliceClanChat.id && m.senderId == aliceId;
  });
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
  // Nakama's matchmaker runs every 15 s, and a ticket may wait two rounds (more when min and max differ).
  waitingFor("the matchmaker (a real Nakama forms matches every 15 s)");
  MatchmakerMatched matchedAlice = aliceMatched.take("alice's matchmaker result", nullptr, std::chrono::seconds(40));
  MatchmakerMatched matchedBob = bobMatched.take("bob's matchmaker result", nullptr, std::chrono::seconds(40));
  Match match = check(alice.socket.joinMatchByToken(matchedAlice.token).get(), "alice joins with her token");
  check(bob.socket.joinMatchByToken(matchedBob.token).get(), "bob joins with his token");
  constexpr std::int64_t kOpPosition = 1;
  check(bob.socket.sendMatchData(match.matchId, kOpPosition, R"({"x":4.5,"y":-2})").get(), "bob sends his position");
  MatchData position = aliceMatchData.take(
      "bob's position", [&](const MatchData& d) { return d.matchId == match.matchId && d.opCode == kOpPosition; });
  std::cout << "  ..  op " << position.opCode << ": " << position.data << '\n';
  check(alice.socket.leaveMatch(match.matchId).get(), "alice leaves the match");
  check(bob.socket.leaveMatch(match.matchId).get(), "bob leaves the match");

  std::cout << "\n== A server-run lobby (authoritative match via RPC)\n";
  // A mode of this run only, so that lobbies of other players on a shared server do not get in the way.
  const std::string mode = "classic_" + suffix;
  std::string created = check(alice.client->rpc().call("create_lobby_match", R"({"mode":")" + mode + R"("})").get(),
                              "RPC create_lobby_match");
  std::cout << "  ..  " << created << '\n';
  const std::string lobbyId = stringField(created, "match_id");
  if (lobbyId.empty()) {
    std::cerr << "FAILED: no match_id in " << created << '\n';
    return 1;
  }
  waitingFor("the lobby to be listed (a real Nakama indexes new matches every second)");
  MatchSummary listed = findListedMatch(*bob.client, "+label.mode:" + mode, lobbyId);
  std::cout << "  ..  " << listed.handlerName << " match, " << listed.size << " player(s), label " << listed.label
            << '\n';
  check(alice.socket.joinMatch(lobbyId).get(), "alice joins the lobby");
  Match lobby = check(bob.socket.joinMatch(lobbyId).get(), "bob joins the lobby");
  std::cout << "  ..  label now " << lobby.label << '\n';
  constexpr std::int64_t kOpVote = 2;
  check(bob.socket.sendMatchData(lobbyId, kOpVote, "red").get(), "bob votes");
  // The lobby broadcasts every message to everyone, the sender included.
  auto isVote = [&](const MatchData& d) { return d.matchId == lobbyId && d.opCode == kOpVote; };
  MatchData vote = aliceMatchData.take("bob's vote, relayed by the lobby", isVote);
  std::cout << "  ..  from " << (vote.presence ? vote.presence->username : "the server") << ": " << vote.data << '\n';
  bobMatchData.take("bob's own vote back", isVote);
  check(alice.socket.leaveMatch(lobbyId).get(), "alice leaves the lobby");
  check(bob.socket.leaveMatch(lobbyId).get(), "bob leaves the lobby");

  std::cout << "\n== A party\n";
  Party party = check(alice.socket.createParty(true, 4).get(), "alice opens a party");
  check(bob.socket.joinParty(party.partyId).get(), "bob joins the party");
  alicePartyPresence.take("bob joining the party", [&](const PartyPresenceEvent& e) {
    return e.partyId == party.partyId && hasUser(e.joins, bobId);
  });
  check(alice.socket.sendPartyData(party.partyId, 7, "ready?").get(), "alice pings the party");
  PartyData partyData = bobPartyData.take(
      "alice's party data", [&](const PartyData& d) { return d.partyId == party.partyId && d.opCode == 7; });
  std::cout << "  ..  op " << partyData.opCode << ": " << partyData.data << '\n';
  check(alice.socket.closeParty(party.partyId).get(), "alice closes the party");

  std::cout << "\n== Leaderboards and the weekly tournament\n";
  LeaderboardRecordWrite win;
  win.score = 1;
  check(alice.client->leaderboards().writeRecord("weekly_imposter_wins", win).get(), "alice records an impostor win");
  LeaderboardRecordList around =
      check(alice.client->leaderboards().listRecordsAroundOwner("weekly_imposter_wins", aliceId).get(),
            "records around alice");
  for (const auto& r : around.records) std::cout << "  ..  #" << r.rank << " " << r.username << " " << r.score << '\n';
  check(bob.client->tournaments().join("weekly_votes").get(), "bob joins the weekly votes tournament");
  LeaderboardRecordWrite votes;
  votes.score = 3;  // no subscore: Nakama 3.15 mishandles subscores on join-required incr tournaments
  check(bob.client->tournaments().writeRecord("weekly_votes", votes).get(), "bob records 3 correct votes");

  std::cout << "\n== Rewards and notifications\n";
  check(bob.client->rpc().call("send_reward_notification").get(), "RPC send_reward_notification");
  Notification reward =
      bobNotifications.take("bob's reward notification", [](const Notification& n) { return n.code == 100; });
  std::cout << "  ..  \"" << reward.subject << "\" " << reward.content << '\n';
  NotificationList inbox = check(bob.client->notifications().list({10}).get(), "bob lists his notifications");
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
  alice.savedSessions->take("alice's saved session cleared", [](const std::string& s) { return s.empty(); });
  bob.savedSessions->take("bob's saved session cleared", [](const std::string& s) { return s.empty(); });
  std::cout << "\nSagi-shi demo finished.\n";
  return 0;
}
