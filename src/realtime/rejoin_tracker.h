#pragma once

// What a realtime socket restores after a reconnection: the chat channels, followed users, status and
// party it was in, learnt from the replies to its own requests and from party events. The matches it was
// in are remembered only to report them lost (a match cannot be rejoined). Thread-safe.

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/json.h"
#include "nakama/rt_models.h"

namespace nakama::internal {

class RejoinTracker {
 public:
  /// Whether a successful reply to `requestKey` changes what is restored (the socket then keeps the
  /// request body until the reply arrives).
  static bool tracks(const std::string& requestKey);
  /// A request of a tracked kind succeeded: `request` is its body, `reply` the reply payload (null for an ack).
  void onReply(const std::string& requestKey, const Json& request, const JsonValue& reply);

  /// Party membership also changes through events (joined once the leader accepts; removed or closed).
  void observe(const Party& party);
  void observe(const PartyClose& close);
  template <class Event>
  void observe(const Event&) {}

  /// The matches the socket was in, forgotten.
  std::vector<std::string> takeMatches();

  /// One request that restores part of the state.
  struct Step {
    std::string key;
    Json body;
    std::string replyKey;  // empty: an ack
    std::string description;
  };
  /// The requests to send once reconnected. Channels, follows and the party are forgotten and tracked
  /// again as their requests succeed (a channel may get a new id); the status is kept.
  std::vector<Step> takeRejoinSteps();

  /// Forgets everything (close(), or reconnection gave up).
  void clear();

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Json> channels_;  // channel id -> the channel_join body
  std::set<std::string> matches_;
  std::set<std::string> followedIds_;
  std::set<std::string> followedUsernames_;
  std::optional<std::string> status_;
  std::optional<std::string> partyId_;
};

}  // namespace nakama::internal
