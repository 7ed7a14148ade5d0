#include "core/notifications.h"

#include <algorithm>

namespace nakama::testserver {

Notification Notifications::notify(const std::string& userId, std::int32_t code, const std::string& subject,
                                   const Json& content, const std::string& senderId, bool persistent) {
  Notification n;
  n.id = newUuid();
  n.userId = userId;
  n.subject = subject;
  n.content = goJson(content.is_null() ? Json::object() : content);
  n.code = code;
  n.senderId = senderId;
  n.createTime = clock_.unix();
  n.persistent = persistent;
  n.seq = nextSeq_++;
  if (persistent) stored_.push_back(n);
  Json push = Json::object();
  push["notifications"]["notifications"] = Json::array({toJson(n, false)});
  realtime_.sendToUser(userId, push);
  return n;
}

Json Notifications::toJson(const Notification& n, bool stored) {
  Json j = Json::object();
  j["id"] = n.id;
  setIfNotEmpty(j, "subject", n.subject);
  setIfNotEmpty(j, "content", stored ? jsonbTextOf(n.content) : n.content);
  setIfNotZero(j, "code", n.code);
  setIfNotEmpty(j, "sender_id", n.senderId);
  j["create_time"] = rfc3339(n.createTime);
  setIfTrue(j, "persistent", n.persistent);
  return j;
}

std::vector<const Notification*> Notifications::list(const std::string& userId, std::uint64_t afterSeq,
                                                     std::size_t limit) const {
  std::vector<const Notification*> out;
  for (const auto& n : stored_) {
    if (n.userId == userId && n.seq > afterSeq) {
      out.push_back(&n);
      if (out.size() >= limit) break;
    }
  }
  return out;
}

void Notifications::remove(const std::string& userId, const std::vector<std::string>& ids) {
  stored_.erase(std::remove_if(stored_.begin(), stored_.end(),
                               [&](const Notification& n) {
                                 return n.userId == userId && std::find(ids.begin(), ids.end(), n.id) != ids.end();
                               }),
                stored_.end());
}

void Notifications::removeUser(const std::string& userId) {
  stored_.erase(
      std::remove_if(stored_.begin(), stored_.end(), [&](const Notification& n) { return n.userId == userId; }),
      stored_.end());
}

}  // namespace nakama::testserver
