#pragma once

// Realtime requests waiting for their reply, by cid. Not thread-safe: the socket guards it with its own
// mutex, takes entries out under that lock and completes them after releasing it.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/json.h"
#include "core/runtime.h"
#include "nakama/result.h"

namespace nakama::internal {

class PendingRequests {
 public:
  /// Gets the reply payload (null for a cid-only ack) or the error. The payload is a view into the frame being
  /// read: valid during the call only.
  using ReplyHandler = std::function<void(Result<JsonValue>)>;

  struct Entry {
    std::string requestKey;
    Json requestBody;       // kept only for requests the rejoin tracker follows
    std::string expectKey;  // the reply variant expected; empty: any (an ack)
    ReplyHandler handler;
    std::shared_ptr<TimerHandle> timer;
  };
  using Map = std::map<std::string, Entry>;

  std::string nextCid() { return std::to_string(++lastCid_); }
  void add(const std::string& cid, Entry entry) { entries_.emplace(cid, std::move(entry)); }
  /// Attaches the timeout timer; false when the request already completed.
  bool setTimer(const std::string& cid, std::shared_ptr<TimerHandle> timer);
  std::optional<Entry> take(const std::string& cid);
  Map takeAll();

  /// The reply's variant must be the one expected: otherwise the request fails with kBadResponse.
  static Result<JsonValue> checkReplyKey(const Entry& entry, Result<JsonValue> result, const std::string& replyKey);
  /// Cancels the timers and hands every entry `error`.
  static void failAll(Map entries, const Error& error);

 private:
  std::uint64_t lastCid_ = 0;
  Map entries_;
};

}  // namespace nakama::internal
