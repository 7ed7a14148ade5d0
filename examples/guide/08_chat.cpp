// Sagi-shi guide, part 8: chat. A clan's persistent group chat (a message, an emote, an edit), a direct
// conversation with its history, a room that lives as long as a match, and reading only the new clan
// messages on the next launch with a cacheable cursor kept in a settings file.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <nakama/chat.h>
#include <nakama/groups.h>

#include "example_server.h"
#include "guide.h"

using namespace nakama;
using guide::check;

namespace {

// [guide:settings]
// The game's settings file: one `key=value` per line.
std::string loadSetting(const std::filesystem::path& file, const std::string& key) {
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  }
  return {};
}

void saveSetting(const std::filesystem::path& file, const std::string& key, const std::string& value) {
  std::ofstream(file) << key << '=' << value << '\n';
}
// [/guide:settings]

// [guide:catch-up]
// One launch of the game: read the clan messages not seen yet, page by page, then keep the cacheable
// cursor so that the next launch starts after the last message read.
std::vector<ChannelMessage> readNewClanMessages(Client& client, const std::string& channelId,
                                                const std::filesystem::path& settings) {
  ChannelMessageListOptions page;
  page.limit = 2;
  page.forward = true;  // oldest first
  page.cursor = loadSetting(settings, "clan_chat_cursor");
  std::vector<ChannelMessage> unread;
  for (;;) {
    ChannelMessageList list = check(client.chat().listMessages(channelId, page).get(), "list a page");
    for (const ChannelMessage& m : list.messages) {
      std::cout << "  ..  " << m.username << " (code " << m.code << "): " << m.content << '\n';
      unread.push_back(m);
    }
    if (!list.cacheableCursor.empty()) saveSetting(settings, "clan_chat_cursor", list.cacheableCursor);
    if (list.nextCursor.empty()) break;
    page.cursor = list.nextCursor;
  }
  return unread;
}
// [/guide:catch-up]

}  // namespace

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  guide::Player alice = guide::newPlayer(server, "alice", suffix);
  RtSocket aliceSocket = guide::connectSocket(alice);
  guide::Player bob = guide::newPlayer(server, "bob", suffix);
  RtSocket bobSocket = guide::connectSocket(bob);
  guide::Inbox<ChannelMessage> bobMessages, aliceMessages;
  guide::Inbox<Notification> bobNotifications;
  auto s1 = aliceSocket.onChannelMessage(aliceMessages.handler());
  auto s2 = bobSocket.onNotification(bobNotifications.handler());
  // [guide:receive]
  auto onMessage = bobSocket.onChannelMessage(bobMessages.handler());
  // [/guide:receive]

  std::cout << "\n== Clan chat (a group channel)\n";
  CreateGroupRequest clan;
  clan.name = "Sagi-shi Sleuths " + suffix;
  clan.open = true;
  Group group = check(alice.client->groups().create(clan).get(), "alice creates a clan");
  check(bob.client->groups().join(group.id).get(), "bob joins the clan");
  // [guide:join-group]
  Channel clanChat = check(aliceSocket.joinChat(group.id, ChannelType::kGroup, /*persistence*/ true).get(),
                           "alice joins the clan chat");
  // [/guide:join-group]
  check(bobSocket.joinChat(group.id, ChannelType::kGroup, true).get(), "bob joins the clan chat");

  // [guide:send]
  const std::string accusation = R"({"message":"I think Red is the imposter!"})";
  ChannelMessageAck sent = check(aliceSocket.writeChatMessage(clanChat.id, accusation).get(), "alice accuses");
  const std::string emote = R"({"emote":"point","emoteTarget":")" + bob.id() + R"("})";
  check(aliceSocket.writeChatMessage(clanChat.id, emote).get(), "alice points at bob");
  // [/guide:send]
  // [guide:take]
  ChannelMessage message = bobMessages.take("bob receives alice's message", [&](const ChannelMessage& m) {
    return m.messageId == sent.messageId && m.code == ChannelMessageCode::kChat;
  });
  std::cout << "  ..  " << message.username << ": " << message.content << '\n';
  // [/guide:take]
  bobMessages.take("bob receives the emote", [&](const ChannelMessage& m) {
    return m.channelId == clanChat.id && m.content.find("emoteTarget") != std::string::npos;
  });

  // [guide:update]
  const std::string correction = R"({"message":"I think Red is the imposter! Blue too"})";
  check(aliceSocket.updateChatMessage(clanChat.id, sent.messageId, correction).get(), "alice edits it");
  ChannelMessage edited = bobMessages.take("bob receives the edit", [&](const ChannelMessage& m) {
    return m.messageId == sent.messageId && m.code == ChannelMessageCode::kUpdate;
  });
  // [/guide:update]
  std::cout << "  ..  now: " << edited.content << '\n';

  std::cout << "\n== Clan history, read by two launches of the game\n";
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("sagishi-guide-" + suffix);
  std::filesystem::create_directories(dir);
  const std::filesystem::path settings = dir / "settings.txt";
  std::cout << "first launch (no saved cursor): the whole history\n";
  const std::vector<ChannelMessage> firstRead = readNewClanMessages(*bob.client, clanChat.id, settings);
  guide::expect(firstRead.size() >= 2 && !loadSetting(settings, "clan_chat_cursor").empty(),
                "the history is read and its cursor saved", "no message or no cacheable cursor");

  // Nakama orders the history by whole seconds, so a message written in the second of the last one read
  // could sort before it and be missed by the cursor. Launches are minutes apart; here, wait for the next
  // second after that message (at most 2 s, should the clocks disagree).
  const Timestamp nextSecond = firstRead.back().createTime + std::chrono::seconds(1);
  std::this_thread::sleep_until(std::min(nextSecond, std::chrono::system_clock::now() + std::chrono::seconds(2)));
  ChannelMessageAck later = check(
      aliceSocket.writeChatMessage(clanChat.id, R"({"message":"Vote Red next round"})").get(), "alice posts again");
  std::cout << "second launch (saved cursor): only what is new\n";
  const std::vector<ChannelMessage> secondRead = readNewClanMessages(*bob.client, clanChat.id, settings);
  guide::expect(secondRead.size() == 1 && secondRead[0].messageId == later.messageId,
                "the second launch reads only alice's new message",
                std::to_string(secondRead.size()) + " message(s) read");
  std::filesystem::remove_all(dir);

  std::cout << "\n== A direct conversation\n";
  // [guide:direct]
  Channel conversation =
      check(aliceSocket.joinChat(bob.id(), ChannelType::kDirectMessage).get(), "alice opens a chat with bob");
  Notification invite = bobNotifications.take(
      "bob is invited to chat", [](const Notification& n) { return n.code == NotificationCode::kDmRequest; });
  std::cout << "  ..  " << invite.subject << '\n';
  check(bobSocket.joinChat(alice.id(), ChannelType::kDirectMessage).get(), "bob opens the chat with alice");
  // [/guide:direct]
  ChannelMessageAck hi = check(
      aliceSocket.writeChatMessage(conversation.id, R"({"message":"Meet me in Electrical"})").get(), "alice writes");
  bobMessages.take("bob reads it", [&](const ChannelMessage& m) { return m.messageId == hi.messageId; });
  ChannelMessageAck reply =
      check(bobSocket.writeChatMessage(conversation.id, R"({"message":"On my way"})").get(), "bob replies");
  aliceMessages.take("alice reads the reply", [&](const ChannelMessage& m) { return m.messageId == reply.messageId; });
  // [guide:history]
  ChannelMessageListOptions recent;
  recent.limit = 20;
  recent.forward = false;  // newest first
  ChannelMessageList history =
      check(bob.client->chat().listMessages(conversation.id, recent).get(), "bob loads the conversation");
  // [/guide:history]
  guide::expect(history.messages.size() == 2, "the conversation holds both messages",
                std::to_string(history.messages.size()) + " message(s)");

  std::cout << "\n== A room for the length of a match\n";
  Match match = check(aliceSocket.createMatch().get(), "alice creates a match");
  check(bobSocket.joinMatch(match.matchId).get(), "bob joins the match");
  // [guide:room]
  const std::string roomName = "match_" + match.matchId;
  Channel room = check(aliceSocket.joinChat(roomName, ChannelType::kRoom, /*persistence*/ false).get(),
                       "alice joins the match's room");
  // [/guide:room]
  check(bobSocket.joinChat(roomName, ChannelType::kRoom, false).get(), "bob joins the match's room");
  ChannelMessageAck quick = check(aliceSocket.writeChatMessage(room.id, R"({"message":"gg"})").get(), "alice says gg");
  bobMessages.take("bob sees it", [&](const ChannelMessage& m) { return m.messageId == quick.messageId; });
  check(aliceSocket.leaveChat(room.id).get(), "alice leaves the room");
  check(aliceSocket.leaveMatch(match.matchId).get(), "alice leaves the match");

  std::cout << "\nChat done.\n";
  return 0;
}
