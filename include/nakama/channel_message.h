#pragma once

// A chat message (`api.ChannelMessage`). Shared by `ChatApi` (REST channel history) and the realtime
// socket (`channel_message` pushes).

#include <cstdint>
#include <string>

#include "nakama/types.h"

namespace nakama {

/// Values of ChannelMessage::code (other values are kept as they arrive).
namespace ChannelMessageCode {
constexpr std::int32_t kChat = 0;          ///< A message sent by a user.
constexpr std::int32_t kUpdate = 1;        ///< A message edited by its sender.
constexpr std::int32_t kRemove = 2;        ///< A message removed by its sender (content "{}").
constexpr std::int32_t kGroupJoin = 3;     ///< Group channels: the sender joined the group.
constexpr std::int32_t kGroupAdd = 4;      ///< Group channels: the sender was added.
constexpr std::int32_t kGroupLeave = 5;    ///< Group channels: the sender left.
constexpr std::int32_t kGroupKick = 6;     ///< Group channels: the sender was kicked.
constexpr std::int32_t kGroupPromote = 7;  ///< Group channels: the sender was promoted.
constexpr std::int32_t kGroupBan = 8;      ///< Group channels: the sender was banned.
constexpr std::int32_t kGroupDemote = 9;   ///< Group channels: the sender was demoted.
}  // namespace ChannelMessageCode

/// A chat message (`api.ChannelMessage`): from the channel history or pushed on the realtime socket.
struct ChannelMessage {
  /// `"2...<room>"` (room), `"3.<group id>.."` (group), `"4.<user id>.<user id>."` (direct message).
  std::string channelId;
  /// The message's id.
  std::string messageId;
  std::int32_t code = 0;  ///< See ChannelMessageCode.
  /// The sender's user id.
  std::string senderId;
  std::string username;  ///< The sender's username.
  std::string content;   ///< JSON text (an object).
  /// When the message was sent.
  Timestamp createTime{};
  /// When the message was last edited (equal to createTime when never).
  Timestamp updateTime{};
  bool persistent = false;  ///< Stored in the channel history.
  std::string roomName;     ///< Room channels.
  std::string groupId;      ///< Group channels.
  std::string userIdOne;    ///< Direct-message channels: the lower user id.
  std::string userIdTwo;    ///< Direct-message channels: the higher user id.
};

}  // namespace nakama
