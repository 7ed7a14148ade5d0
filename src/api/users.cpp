#include "nakama/users.h"

#include "api/users_json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

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
