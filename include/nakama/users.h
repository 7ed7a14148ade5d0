#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/types.h"

namespace nakama {

namespace internal {
class ClientCore;
struct ApiAccess;
}  // namespace internal

/// A user's public profile (Nakama's `User` message).
struct User {
  /// The user's id (a UUID).
  std::string id;
  /// Unique username.
  std::string username;
  /// Display name.
  std::string displayName;
  /// Avatar URL.
  std::string avatarUrl;
  /// Language tag (e.g. "en").
  std::string langTag;
  /// Location.
  std::string location;
  /// Timezone.
  std::string timezone;
  std::string metadata;  ///< JSON object as a string ("{}" when empty); written by server code only.
  /// Linked Facebook id; empty when none.
  std::string facebookId;
  /// Linked Google id; empty when none.
  std::string googleId;
  /// Linked Game Center id; empty when none.
  std::string gameCenterId;
  /// Linked Steam id; empty when none.
  std::string steamId;
  /// Linked Facebook Instant Games id; empty when none.
  std::string facebookInstantGameId;
  /// Linked Apple id; empty when none.
  std::string appleId;
  bool online = false;  ///< Connected to a realtime socket with status on.
  /// Number of friend relationships (of any state). Friend listings leave it at 0: the server does not read it
  /// there (UsersApi and group member listings have it).
  std::int32_t edgeCount = 0;
  /// When the account was created.
  Timestamp createTime{};
  /// When the profile last changed.
  Timestamp updateTime{};
};

/// The answer of `UsersApi::get`: the users found (unknown ids/usernames are left out, in no set order).
struct Users {
  /// The users found.
  std::vector<User> users;
};

/// `GET /v2/user`: look users up by id, username or Facebook id.
class NAKAMA_API UsersApi {
 public:
  /// Users matching any of the ids, usernames or Facebook ids (all lists may be combined). With all
  /// three empty the answer is an empty list, without a request. An id that is not a UUID fails with
  /// kServerError (code 3, "ID '...' is not a valid system ID.").
  Future<Users> get(const std::vector<std::string>& ids, const std::vector<std::string>& usernames = {},
                    const std::vector<std::string>& facebookIds = {}, const CallOptions& call = {});
  /// `get()` by ids only.
  Future<Users> getByIds(const std::vector<std::string>& ids, const CallOptions& call = {});
  /// `get()` by usernames only.
  Future<Users> getByUsernames(const std::vector<std::string>& usernames, const CallOptions& call = {});
  /// `get()` by Facebook ids only.
  Future<Users> getByFacebookIds(const std::vector<std::string>& facebookIds, const CallOptions& call = {});

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit UsersApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
