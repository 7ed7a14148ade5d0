#include "nakama/users.h"

#include "api/users_json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

void from_json(const internal::Json& j, User& out) {
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

void from_json(const internal::Json& j, Users& out) { internal::read(j, "users", out.users); }

UsersApi::UsersApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

UsersApi Client::users() const { return UsersApi(core_); }

Future<Users> UsersApi::get(const std::vector<std::string>& ids, const std::vector<std::string>& usernames,
                            const std::vector<std::string>& facebookIds, const CallOptions& call) {
  if (ids.empty() && usernames.empty() && facebookIds.empty()) {
    return internal::makeReadyFuture<Users>(core_->executor(), Users{});
  }
  internal::RestRequest request;
  request.method = "GET";
  request.path = "/v2/user";
  request.query.addAll("ids", ids).addAll("usernames", usernames).addAll("facebook_ids", facebookIds);
  request.options = call;
  return core_->call<Users>(std::move(request));
}

Future<Users> UsersApi::getByIds(const std::vector<std::string>& ids, const CallOptions& call) {
  return get(ids, {}, {}, call);
}

Future<Users> UsersApi::getByUsernames(const std::vector<std::string>& usernames, const CallOptions& call) {
  return get({}, usernames, {}, call);
}

Future<Users> UsersApi::getByFacebookIds(const std::vector<std::string>& facebookIds, const CallOptions& call) {
  return get({}, {}, facebookIds, call);
}

}  // namespace nakama
