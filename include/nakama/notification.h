#pragma once

// A notification sent to a user: by the server (friend requests, group events, chat invitations), by
// runtime code, or by another user through runtime code. Shared by `NotificationsApi` (REST listing)
// and the realtime socket (`notifications` pushes).

#include <cstdint>
#include <string>

#include "nakama/types.h"

namespace nakama {

/// Codes the server itself uses (negative); runtime code uses codes >= 0.
namespace NotificationCode {
constexpr std::int32_t kDmRequest = -1;         ///< "X wants to chat" (a direct-message channel was opened).
constexpr std::int32_t kFriendRequest = -2;     ///< Someone wants to add you as a friend.
constexpr std::int32_t kFriendAccepted = -3;    ///< Someone accepted your friend request.
constexpr std::int32_t kGroupAdd = -4;          ///< You were added to a group.
constexpr std::int32_t kGroupJoinRequest = -5;  ///< Someone asked to join a group you administer.
constexpr std::int32_t kFriendJoinedGame = -6;  ///< A Facebook/Steam friend joined the game.
constexpr std::int32_t kSingleSocket = -7;      ///< This session was disconnected by a newer one.
}  // namespace NotificationCode

/// A notification (`api.Notification`).
struct Notification {
  /// The notification's id.
  std::string id;
  /// Short description.
  std::string subject;
  std::string content;    ///< JSON text (an object), e.g. `{"reward": 100}`.
  std::int32_t code = 0;  ///< See NotificationCode for the server's codes; runtime codes are >= 0.
  /// The sending user; `00000000-0000-0000-0000-000000000000` for system notifications, and empty when
  /// runtime code sent it without a sender.
  std::string senderId;
  /// When the notification was created.
  Timestamp createTime{};
  bool persistent = false;  ///< Stored (listable later), not just delivered live.
};

}  // namespace nakama
