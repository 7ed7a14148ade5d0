#include "api/friends_json.h"

#include "api/users_json.h"

namespace nakama {

void from_json(const internal::JsonValue& j, Friend& out) {
  internal::read(j, "user", out.user);
  internal::read(j, "state", out.state);
  internal::read(j, "update_time", out.updateTime);
}

void from_json(const internal::JsonValue& j, FriendList& out) {
  internal::read(j, "friends", out.friends);
  internal::read(j, "cursor", out.cursor);
}

}  // namespace nakama
