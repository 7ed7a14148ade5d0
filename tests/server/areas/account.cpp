// GET/PUT/DELETE /v2/account.
#include "areas/identity.h"
#include "core/server_api.h"

namespace nakama::testserver {

namespace {
Account& caller(AreaContext& ctx, const Request& req) {
  Account* a = ctx.accounts.byId(req.user.userId);
  if (!a) throw ApiError(GrpcCode::kNotFound, "Account not found.");
  return *a;
}
}  // namespace

NAKAMA_TEST_SERVER_AREA(account) {
  ctx.router.add("GET", "/v2/account", Auth::kSession,
                 [&ctx](Request& req) { return ctx.accounts.accountJson(caller(ctx, req)); });

  // Wrapper fields: absent = unchanged, "" = cleared. A taken username is 400 here (docs/PROTOCOL.md §11.2).
  ctx.router.add("PUT", "/v2/account", Auth::kSession, [&ctx](Request& req) {
    const Json& body = req.json();
    auto username = optString(body, "username");
    auto displayName = optString(body, "display_name");
    auto avatarUrl = optString(body, "avatar_url");
    auto langTag = optString(body, "lang_tag");
    auto location = optString(body, "location");
    auto timezone = optString(body, "timezone");
    Account& a = caller(ctx, req);
    if (username) {
      if (username->empty() || username->size() > 128)
        throw ApiError(GrpcCode::kInvalidArgument, "Username invalid, must be 1-128 bytes.");
      if (identity::hasUsernameInvalidChars(*username))
        throw ApiError(GrpcCode::kInvalidArgument, "Username invalid, no spaces or control characters allowed.");
    }
    if (!username && !displayName && !avatarUrl && !langTag && !location && !timezone)
      throw ApiError(GrpcCode::kInvalidArgument, "No fields to update.");
    if (username) {
      Account* other = ctx.accounts.byUsername(*username);
      if (other && other != &a) throw ApiError(GrpcCode::kInvalidArgument, "Username is already in use.");
      ctx.accounts.rename(a, *username);
    }
    if (displayName) a.displayName = *displayName;
    if (avatarUrl) a.avatarUrl = *avatarUrl;
    if (langTag) a.langTag = *langTag;
    if (location) a.location = *location;
    if (timezone) a.timezone = *timezone;
    a.updateTime = ctx.clock.unix();
    return Json::object();
  });

  // Deletes the user: data of every area (onDelete hooks), tokens, notifications and open sockets.
  ctx.router.add("DELETE", "/v2/account", Auth::kSession, [&ctx](Request& req) {
    std::string userId = caller(ctx, req).id;
    ctx.tokens.revokeUser(userId);
    ctx.notifications.removeUser(userId);
    for (const RtSession* s : ctx.realtime.sessionsOf(userId)) ctx.realtime.close(s->sessionId);
    ctx.accounts.remove(userId);
    return Json::object();
  });
}

}  // namespace nakama::testserver
