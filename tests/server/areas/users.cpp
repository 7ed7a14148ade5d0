// GET /v2/user: users by ids, usernames and facebook ids.
#include <algorithm>
#include <cctype>

#include "core/server_api.h"

namespace nakama::testserver {

NAKAMA_TEST_SERVER_AREA(users) {
  ctx.router.add("GET", "/v2/user", Auth::kSession, [&ctx](Request& req) {
    auto ids = req.queryAll("ids");
    auto usernames = req.queryAll("usernames");
    auto facebookIds = req.queryAll("facebook_ids");
    for (auto& id : ids) {
      if (!isUuid(id)) throw ApiError(GrpcCode::kInvalidArgument, "ID '" + id + "' is not a valid system ID.");
      for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    Json users = Json::array();
    for (Account* a : ctx.accounts.all()) {
      bool wanted = std::find(ids.begin(), ids.end(), a->id) != ids.end() ||
                    std::find(usernames.begin(), usernames.end(), a->username) != usernames.end() ||
                    (!a->facebookId.empty() &&
                     std::find(facebookIds.begin(), facebookIds.end(), a->facebookId) != facebookIds.end());
      if (wanted) users.push_back(ctx.accounts.userJson(*a));
    }
    const Account& system = ctx.accounts.systemUser();
    if (std::find(ids.begin(), ids.end(), system.id) != ids.end() ||
        std::find(usernames.begin(), usernames.end(), system.username) != usernames.end()) {
      users.push_back(ctx.accounts.userJson(system));
    }
    Json out = Json::object();
    setIfNotEmpty(out, "users", users);
    return out;
  });
}

}  // namespace nakama::testserver
