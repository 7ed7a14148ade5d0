// Authentication (docs/PROTOCOL.md §5.2, §7 tokens): device, email, custom, and the social
// providers answering as a real server without provider credentials does.
#include "areas/identity.h"
#include "core/server_api.h"

namespace nakama::testserver {

namespace {

Json sessionJson(const IssuedSession& s, bool created) {
  Json out = Json::object();
  if (created) out["created"] = true;
  out["token"] = s.token;
  out["refresh_token"] = s.refreshToken;
  return out;
}

void checkNotBanned(const Account& a) {
  if (a.disableTime != 0) throw ApiError(GrpcCode::kPermissionDenied, "User account banned.");
}

// Common tail of every authenticate: find or create, then issue tokens.
// `find` returns the existing account; `attach` links the identity to a new account.
template <typename Find, typename Attach>
Json findOrCreate(AreaContext& ctx, Request& req, const std::map<std::string, std::string>& vars, Find find,
                  Attach attach) {
  std::string username = identity::usernameOrGenerated(ctx, req.queryValue("username").value_or(""));
  bool create = req.queryBool("create").value_or(true);
  if (Account* existing = find()) {
    checkNotBanned(*existing);
    return sessionJson(ctx.tokens.issue(existing->id, existing->username, vars), false);
  }
  if (!create) throw ApiError(GrpcCode::kNotFound, "User account not found.");
  if (ctx.accounts.byUsername(username)) throw ApiError(GrpcCode::kAlreadyExists, "Username is already in use.");
  Account& a = ctx.accounts.create(username);
  attach(a);
  return sessionJson(ctx.tokens.issue(a.id, a.username, vars), true);
}

// A provider whose credentials would be checked with a remote service the test server cannot reach:
// validates like the real server, then fails the way it does when that check fails.
void addUnverifiableProvider(AreaContext& ctx, const std::string& path, const char* tokenField,
                             const std::string& requiredMessage, const std::string& failMessage) {
  ctx.router.add("POST", path, Auth::kServerKey, [&ctx, tokenField, requiredMessage, failMessage](Request& req) {
    const Json& body = req.json();
    std::string token = getString(body, tokenField);
    getStringMap(body, "vars");
    optBool(body, "sync");
    if (token.empty()) throw ApiError(GrpcCode::kInvalidArgument, requiredMessage);
    identity::usernameOrGenerated(ctx, req.queryValue("username").value_or(""));
    req.queryBool("create");
    throw ApiError(GrpcCode::kUnauthenticated, failMessage);
    return Json();
  });
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(auth) {
  ctx.router.add("POST", "/v2/account/authenticate/device", Auth::kServerKey, [&ctx](Request& req) {
    const Json& body = req.json();
    std::string id = getString(body, "id");
    auto vars = getStringMap(body, "vars");
    identity::validateDeviceId(id);
    return findOrCreate(
        ctx, req, vars, [&] { return ctx.accounts.byDevice(id); },
        [&](Account& a) {
          a.devices.push_back(Device{id, {}});
        });
  });

  ctx.router.add("POST", "/v2/account/authenticate/custom", Auth::kServerKey, [&ctx](Request& req) {
    const Json& body = req.json();
    std::string id = getString(body, "id");
    auto vars = getStringMap(body, "vars");
    identity::validateCustomId(id);
    return findOrCreate(
        ctx, req, vars, [&] { return ctx.accounts.byCustomId(id); }, [&](Account& a) { a.customId = id; });
  });

  ctx.router.add("POST", "/v2/account/authenticate/email", Auth::kServerKey, [&ctx](Request& req) {
    const Json& body = req.json();
    std::string email = getString(body, "email");
    std::string password = getString(body, "password");
    auto vars = getStringMap(body, "vars");
    bool byUsername = email.empty();  // password but no email: sign in with ?username=
    if (!byUsername) {
      if (identity::hasSpaceOrControl(email))
        throw ApiError(GrpcCode::kInvalidArgument, "Invalid email address, no spaces or control characters allowed.");
      if (!identity::looksLikeEmail(email)) throw ApiError(GrpcCode::kInvalidArgument, "Invalid email address format.");
      if (email.size() < 10 || email.size() > 255)
        throw ApiError(GrpcCode::kInvalidArgument, "Invalid email address, must be 10-255 bytes.");
    }
    if (password.size() < 8) throw ApiError(GrpcCode::kInvalidArgument, "Password must be at least 8 characters long.");
    if (byUsername) {
      std::string username = req.queryValue("username").value_or("");
      if (username.empty())
        throw ApiError(GrpcCode::kInvalidArgument, "Username is required when email address is not supplied.");
      identity::usernameOrGenerated(ctx, username);
      req.queryBool("create");
      Account* a = ctx.accounts.byUsername(username);
      if (!a) throw ApiError(GrpcCode::kNotFound, "User account not found.");
      checkNotBanned(*a);
      if (a->password.empty() || a->password != password)
        throw ApiError(GrpcCode::kUnauthenticated, "Invalid credentials.");
      return sessionJson(ctx.tokens.issue(a->id, a->username, vars), false);
    }
    std::string clean = identity::toLower(email);
    return findOrCreate(
        ctx, req, vars,
        [&] {
          Account* a = ctx.accounts.byEmail(clean);
          if (a) {
            checkNotBanned(*a);
            if (a->password != password) throw ApiError(GrpcCode::kUnauthenticated, "Invalid credentials.");
          }
          return a;
        },
        [&](Account& a) {
          a.email = clean;
          a.password = password;
        });
  });

  // No provider credentials are configured on the reference servers.
  ctx.router.add("POST", "/v2/account/authenticate/apple", Auth::kServerKey, [](Request& req) {
    req.json();
    throw ApiError(GrpcCode::kFailedPrecondition, "Apple authentication is not configured.");
    return Json();
  });
  ctx.router.add("POST", "/v2/account/authenticate/steam", Auth::kServerKey, [](Request& req) {
    req.json();
    throw ApiError(GrpcCode::kFailedPrecondition, "Steam authentication is not configured.");
    return Json();
  });
  addUnverifiableProvider(ctx, "/v2/account/authenticate/facebook", "token", "Facebook access token is required.",
                          "Could not authenticate Facebook profile.");
  addUnverifiableProvider(ctx, "/v2/account/authenticate/google", "token", "Google access token is required.",
                          "Could not authenticate Google profile.");
  addUnverifiableProvider(ctx, "/v2/account/authenticate/facebookinstantgame", "signed_player_info",
                          "Signed Player Info for a Facebook Instant Game is required.",
                          "Could not authenticate Facebook Instant Game profile.");

  ctx.router.add("POST", "/v2/account/authenticate/gamecenter", Auth::kServerKey, [&ctx](Request& req) {
    const Json& body = req.json();
    std::string bundleId = getString(body, "bundle_id");
    std::string playerId = getString(body, "player_id");
    std::string publicKeyUrl = getString(body, "public_key_url");
    std::string salt = getString(body, "salt");
    std::string signature = getString(body, "signature");
    std::int64_t timestamp = getInt64(body, "timestamp_seconds");
    getStringMap(body, "vars");
    if (bundleId.empty()) throw ApiError(GrpcCode::kInvalidArgument, "GameCenter bundle ID is required.");
    if (playerId.empty()) throw ApiError(GrpcCode::kInvalidArgument, "GameCenter player ID is required.");
    if (publicKeyUrl.empty()) throw ApiError(GrpcCode::kInvalidArgument, "GameCenter public key URL is required.");
    if (salt.empty()) throw ApiError(GrpcCode::kInvalidArgument, "GameCenter salt is required.");
    if (signature.empty()) throw ApiError(GrpcCode::kInvalidArgument, "GameCenter signature is required.");
    if (timestamp == 0) throw ApiError(GrpcCode::kInvalidArgument, "GameCenter timestamp is required.");
    identity::usernameOrGenerated(ctx, req.queryValue("username").value_or(""));
    req.queryBool("create");
    throw ApiError(GrpcCode::kUnauthenticated, "Could not authenticate GameCenter profile.");
    return Json();
  });

  // Refresh: Basic auth; returns a new session token and echoes the refresh token.
  ctx.router.add("POST", "/v2/account/session/refresh", Auth::kServerKey, [&ctx](Request& req) {
    const Json& body = req.json();
    std::string token = getString(body, "token");
    const Json* varsField = field(body, "vars");
    auto vars = getStringMap(body, "vars");
    if (token.empty()) throw ApiError(GrpcCode::kInvalidArgument, "Refresh token is required.");
    auto claims = ctx.tokens.verifyRefresh(token);
    if (!claims) throw ApiError(GrpcCode::kUnauthenticated, "Refresh token invalid or expired.");
    Account* a = ctx.accounts.byId(claims->userId);
    if (!a) throw ApiError(GrpcCode::kUnauthenticated, "Refresh token invalid or expired.");
    checkNotBanned(*a);
    // Omitted vars keep the refresh token's vars; given vars replace them in the new session token.
    std::string newToken = ctx.tokens.refresh(*claims, a->username, varsField ? vars : claims->vars);
    Json out = Json::object();
    out["token"] = newToken;
    out["refresh_token"] = token;
    return out;
  });

  // Logout: revokes the given tokens of the caller, or every session when both are empty.
  ctx.router.add("POST", "/v2/session/logout", Auth::kSession, [&ctx](Request& req) {
    const Json& body = req.json();
    std::string token = getString(body, "token");
    std::string refreshToken = getString(body, "refresh_token");
    const std::string& userId = req.user.userId;
    if (token.empty() && refreshToken.empty()) {
      ctx.tokens.revokeUser(userId);
      return Json::object();
    }
    std::optional<TokenClaims> session, refresh;
    if (!token.empty()) {
      session = ctx.tokens.parseSession(token);
      if (!session || session->userId != userId) throw ApiError(GrpcCode::kInvalidArgument, "Session token invalid.");
    }
    if (!refreshToken.empty()) {
      refresh = ctx.tokens.parseRefresh(refreshToken);
      if (!refresh || refresh->userId != userId) throw ApiError(GrpcCode::kInvalidArgument, "Refresh token invalid.");
    }
    if (session) ctx.tokens.revokeSession(userId, session->tokenId);
    if (refresh) ctx.tokens.revokeRefresh(userId, refresh->tokenId);
    return Json::object();
  });
}

}  // namespace nakama::testserver
