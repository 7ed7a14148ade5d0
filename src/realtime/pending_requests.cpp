#include "realtime/pending_requests.h"

namespace nakama::internal {

bool PendingRequests::setTimer(const std::string& cid, std::shared_ptr<TimerHandle> timer) {
  auto it = entries_.find(cid);
  if (it == entries_.end()) return false;
  it->second.timer = std::move(timer);
  return true;
}

std::optional<PendingRequests::Entry> PendingRequests::take(const std::string& cid) {
  auto it = entries_.find(cid);
  if (it == entries_.end()) return std::nullopt;
  Entry entry = std::move(it->second);
  entries_.erase(it);
  return entry;
}

PendingRequests::Map PendingRequests::takeAll() {
  Map all;
  all.swap(entries_);
  return all;
}

Result<JsonValue> PendingRequests::checkReplyKey(const Entry& entry, Result<JsonValue> result,
                                                 const std::string& replyKey) {
  if (!result.ok() || entry.expectKey.empty() || replyKey == entry.expectKey) return result;
  return Error{ErrorKind::kBadResponse,
               "expected a '" + entry.expectKey + "' reply, got " +
                   (replyKey.empty() ? std::string("an empty acknowledgement") : "'" + replyKey + "'")};
}

void PendingRequests::failAll(Map entries, const Error& error) {
  for (auto& [cid, entry] : entries) {
    if (entry.timer) entry.timer->cancel();
    entry.handler(error);
  }
}

}  // namespace nakama::internal
