#include "api/users_json.h"

namespace nakama {

void from_json(const internal::JsonValue& j, User& out) {
  using internal::read;
  read(j, "id", out.id);
  read(j, "username", out.username);
  read(j, "display_name", out.displayName);
  read(j, "avatar_url", out.avatarUrl);
  read(j, "lang_tag", out.langTag);
  read(j, "location", out.location);
  read(j, "timezone", out.timezone);
  read(j, "metadata", out.metadata);
  read(j, "facebook_id", out.facebookId);
  read(j, "google_id", out.googleId);
  read(j, "gamecenter_id", out.gameCenterId);
  read(j, "steam_id", out.steamId);
  read(j, "online", out.online);
  read(j, "edge_count", out.edgeCount);
  read(j, "create_time", out.createTime);
  read(j, "update_time", out.updateTime);
  read(j, "facebook_instant_game_id", out.facebookInstantGameId);
  read(j, "apple_id", out.appleId);
}

void from_json(const internal::JsonValue& j, Users& out) { internal::read(j, "users", out.users); }

}  // namespace nakama
