// Notification service: stores persistent notifications for GET /v2/notification and pushes them to
// the user's connected sessions as {"notifications":{"notifications":[...]}}.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/json_util.h"
#include "core/realtime.h"
#include "core/util.h"

namespace nakama::testserver {

struct Notification {
  std::string id;
  std::string userId;  // recipient
  std::string subject;
  std::string content;  // JSON text as pushed (compact)
  std::int32_t code = 0;
  std::string senderId;         // empty: no sender_id key at all (runtime notifications)
  std::int64_t createTime = 0;  // unix seconds
  bool persistent = true;
  std::uint64_t seq = 0;  // creation order, for the cacheable cursor
};

// System notification codes (docs/PROTOCOL.md §9).
namespace notification_code {
constexpr std::int32_t kDmRequest = -1;
constexpr std::int32_t kFriendRequest = -2;
constexpr std::int32_t kFriendAccept = -3;
constexpr std::int32_t kGroupAdd = -4;
constexpr std::int32_t kGroupJoinRequest = -5;
constexpr std::int32_t kFriendJoinGame = -6;
constexpr std::int32_t kSingleSocket = -7;
}  // namespace notification_code

class Notifications {
 public:
  Notifications(Realtime& realtime, const Clock& clock) : realtime_(realtime), clock_(clock) {}

  // Sends one notification: pushed to every connected session of `userId`, and stored when
  // `persistent`. `content` should be a JSON object.
  Notification notify(const std::string& userId, std::int32_t code, const std::string& subject, const Json& content,
                      const std::string& senderId = "", bool persistent = true);

  // api.Notification JSON. `stored=true` renders content as the database returns it (JSONB text).
  static Json toJson(const Notification& n, bool stored);

  // Stored notifications of the user with seq > afterSeq, oldest first, at most `limit`.
  std::vector<const Notification*> list(const std::string& userId, std::uint64_t afterSeq, std::size_t limit) const;
  std::uint64_t lastSeq() const { return nextSeq_ - 1; }
  void remove(const std::string& userId, const std::vector<std::string>& ids);
  void removeUser(const std::string& userId);

 private:
  Realtime& realtime_;
  const Clock& clock_;
  std::vector<Notification> stored_;
  std::uint64_t nextSeq_ = 1;
};

}  // namespace nakama::testserver
