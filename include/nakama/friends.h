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

/// A user in the signed-in user's friend list, with the relationship's state.
struct Friend {
  /// The friend's public profile.
  User user;
  /// The relationship's state.
  FriendState state = FriendState::kFriend;
  /// When the relationship last changed.
  Timestamp updateTime{};
};

/// Which page of friends `FriendsApi::list` returns.
struct FriendListOptions {
  std::optional<FriendState> state;   ///< Only friends in this state; all when unset.
  std::optional<std::int32_t> limit;  ///< 1..1000; the server's default is 1000.
  std::string cursor;                 ///< From a previous page; empty = the first page.
};

/// One page of friends. An empty `cursor` means this is the last page.
struct FriendList {
  /// The friends of this page.
  std::vector<Friend> friends;
  /// The next page's cursor; empty on the last page.
  std::string cursor;
};

/// Friends of the signed-in user. Users are named by id and/or username; both lists may be combined.
class NAKAMA_API FriendsApi {
 public:
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

  /// One page of friends (`list({FriendState::kFriend})`, `list({std::nullopt, 50, cursor})`).
  Future<FriendList> list(const FriendListOptions& options = {}, const CallOptions& call = {});
  /// Every page of `list` (1000 per request unless `options.limit` is set), starting at `options.cursor`.
  Future<std::vector<Friend>> listAll(const FriendListOptions& options = {}, const CallOptions& call = {});

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit FriendsApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
