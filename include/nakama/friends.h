#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/types.h"
#include "nakama/users.h"

namespace nakama {

/// The state of a friend relationship, from the signed-in user's point of view.
/// Unknown numbers sent by a newer server are kept as they are.
enum class FriendState : std::int32_t {
  kFriend = 0,          ///< Mutual friends.
  kInviteSent = 1,      ///< I asked; they have not accepted yet.
  kInviteReceived = 2,  ///< They asked; add them back to accept.
  kBlocked = 3,         ///< I blocked them.
};

struct Friend {
  User user;
  FriendState state = FriendState::kFriend;
  Timestamp updateTime{};
};

/// One page of friends. An empty `cursor` means this is the last page.
struct FriendList {
  std::vector<Friend> friends;
  std::string cursor;
};

/// Friends of the signed-in user. Users are named by id and/or username; both lists may be combined.
class NAKAMA_API FriendsApi {
 public:
  explicit FriendsApi(std::shared_ptr<internal::ClientCore> core);

  /// Sends friend requests, or accepts the requests these users sent me. Adding oneself fails with
  /// kServerError code 3 "Cannot add self as friend.". The server sends the other user a notification
  /// (NotificationCode::kFriendRequest, or kFriendAccepted when accepting; see nakama/notification.h).
  /// Unknown usernames are dropped; when only usernames were given and none exists, the call fails with
  /// code 3 "No valid ID or username was provided.". Well-formed ids of unknown users are silently ignored.
  Future<void> add(const std::vector<std::string>& ids, const std::vector<std::string>& usernames = {},
                   const CallOptions& call = {});
  /// Removes friends, cancels or rejects requests, and unblocks users. Unknown users are ignored.
  Future<void> remove(const std::vector<std::string>& ids, const std::vector<std::string>& usernames = {},
                      const CallOptions& call = {});
  /// Blocks users (replacing any friendship or request with them). Like `add`, only unknown usernames
  /// fail with code 3 "No valid ID or username was provided."; unknown ids are ignored.
  Future<void> block(const std::vector<std::string>& ids, const std::vector<std::string>& usernames = {},
                     const CallOptions& call = {});

  /// One page of friends, optionally only those in `state`. `limit` is 1..1000 (server default 1000).
  Future<FriendList> list(std::optional<FriendState> state = std::nullopt, std::optional<std::int32_t> limit = std::nullopt,
                          const std::string& cursor = {}, const CallOptions& call = {});
  /// Every page of `list` (1000 per request).
  Future<std::vector<Friend>> listAll(std::optional<FriendState> state = std::nullopt, const CallOptions& call = {});

 private:
  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
