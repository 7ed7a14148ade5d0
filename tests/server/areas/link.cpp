// Link/unlink identities (device, email, custom; social providers answer as a real server without
// provider credentials) and the Facebook/Steam friend imports.
#include <algorithm>

#include "areas/identity.h"
#include "core/server_api.h"

namespace nakama::testserver {

namespace {

const char* kLastIdentity = "Cannot unlink last account identifier. Check profile exists and is not last link.";

Account& caller(AreaContext& ctx, const Request& req) {
  Account* a = ctx.accounts.byId(req.user.userId);
  if (!a) throw ApiError(GrpcCode::kNotFound, "Account not found.");
  return *a;
}

// Clears one identity unless it is the account's last one.
template <typename Clear>
void unlinkOrDeny(AreaContext& ctx, Account& a, bool present, Clear clear) {
  if (!present || a.identityCount() <= 1) throw ApiError(GrpcCode::kPermissionDenied, kLastIdentity);
  clear();
  a.updateTime = ctx.clock.unix();
}

struct Provider {
  const char* name;             // path segment
  const char* tokenField;       // body field holding the credential
  const char* requiredMessage;  // empty credential
  const char* failMessage;      // credential the server cannot verify (401)
  std::string Account::*id;     // the linked id on the account
};

const Provider kProviders[] = {
    {"facebook", "token", "Facebook access token is required.", "Could not authenticate Facebook profile.",
     &Account::facebookId},
    {"google", "token", "Google access token is required.", "Could not authenticate Google profile.",
     &Account::googleId},
    {"facebookinstantgame", "signed_player_info", "Signed Player Info for a Facebook Instant Game is required.",
     "Could not authenticate Facebook Instant Game profile.", &Account::facebookInstantGameId},
};

void validateGameCenter(const Json& body) {
  if (getString(body, "bundle_id").empty())
    throw ApiError(GrpcCode::kInvalidArgument, "GameCenter bundle ID is required.");
  if (getString(body, "player_id").empty())
    throw ApiError(GrpcCode::kInvalidArgument, "GameCenter player ID is required.");
  if (getString(body, "public_key_url").empty())
    throw ApiError(GrpcCode::kInvalidArgument, "GameCenter public key URL is required.");
  if (getString(body, "salt").empty()) throw ApiError(GrpcCode::kInvalidArgument, "GameCenter salt is required.");
  if (getString(body, "signature").empty())
    throw ApiError(GrpcCode::kInvalidArgument, "GameCenter signature is required.");
  if (getInt64(body, "timestamp_seconds") == 0)
    throw ApiError(GrpcCode::kInvalidArgument, "GameCenter timestamp is required.");
}

void addLinks(AreaContext& ctx) {
  ctx.router.add("POST", "/v2/account/link/device", Auth::kSession, [&ctx](Request& req) {
    const Json& body = req.json();
    std::string id = getString(body, "id");
    getStringMap(body, "vars");
    identity::validateDeviceId(id);
    Account& a = caller(ctx, req);
    Account* owner = ctx.accounts.byDevice(id);
    if (owner && owner != &a) throw ApiError(GrpcCode::kAlreadyExists, "Device ID already in use.");
    if (!owner) a.devices.push_back(Device{id, {}});
    a.updateTime = ctx.clock.unix();
    return Json::object();
  });

  ctx.router.add("POST", "/v2/account/link/custom", Auth::kSession, [&ctx](Request& req) {
    const Json& body = req.json();
    std::string id = getString(body, "id");
    getStringMap(body, "vars");
    if (id.empty()) throw ApiError(GrpcCode::kInvalidArgument, "Custom ID is required.");
    if (identity::hasSpaceOrControl(id))
      throw ApiError(GrpcCode::kInvalidArgument, "Invalid custom ID, no spaces or control characters allowed.");
    if (id.size() < 6 || id.size() > 128)
      throw ApiError(GrpcCode::kInvalidArgument, "Invalid custom ID, must be 6-128 bytes.");
    Account& a = caller(ctx, req);
    Account* owner = ctx.accounts.byCustomId(id);
    if (owner && owner != &a) throw ApiError(GrpcCode::kAlreadyExists, "Custom ID is already in use.");
    a.customId = id;
    a.updateTime = ctx.clock.unix();
    return Json::object();
  });

  ctx.router.add("POST", "/v2/account/link/email", Auth::kSession, [&ctx](Request& req) {
    const Json& body = req.json();
    std::string email = getString(body, "email");
    std::string password = getString(body, "password");
    getStringMap(body, "vars");
    if (email.empty() || password.empty())
      throw ApiError(GrpcCode::kInvalidArgument, "Email address and password is required.");
    if (identity::hasSpaceOrControl(email))
      throw ApiError(GrpcCode::kInvalidArgument, "Invalid email address, no spaces or control characters allowed.");
    if (password.size() < 8) throw ApiError(GrpcCode::kInvalidArgument, "Password must be at least 8 characters long.");
    if (!identity::looksLikeEmail(email)) throw ApiError(GrpcCode::kInvalidArgument, "Invalid email address format.");
    if (email.size() < 10 || email.size() > 255)
      throw ApiError(GrpcCode::kInvalidArgument, "Invalid email address, must be 10-255 bytes.");
    Account& a = caller(ctx, req);
    std::string clean = identity::toLower(email);
    Account* owner = ctx.accounts.byEmail(clean);
    if (owner && owner != &a) throw ApiError(GrpcCode::kAlreadyExists, "Email is already in use.");
    a.email = clean;
    a.password = password;
    a.updateTime = ctx.clock.unix();
    return Json::object();
  });

  ctx.router.add("POST", "/v2/account/link/apple", Auth::kSession, [](Request& req) {
    req.json();
    throw ApiError(GrpcCode::kFailedPrecondition, "Apple authentication is not configured.");
    return Json();
  });
  // LinkSteam's body is LinkSteamRequest{account, sync}.
  ctx.router.add("POST", "/v2/account/link/steam", Auth::kSession, [](Request& req) {
    const Json& body = req.json();
    getObject(body, "account");
    optBool(body, "sync");
    throw ApiError(GrpcCode::kFailedPrecondition, "Steam authentication is not configured.");
    return Json();
  });
  for (const Provider& p : kProviders) {
    ctx.router.add("POST", std::string("/v2/account/link/") + p.name, Auth::kSession, [&p](Request& req) {
      const Json& body = req.json();
      std::string token = getString(body, p.tokenField);
      getStringMap(body, "vars");
      req.queryBool("sync");
      if (token.empty()) throw ApiError(GrpcCode::kInvalidArgument, p.requiredMessage);
      throw ApiError(GrpcCode::kUnauthenticated, p.failMessage);
      return Json();
    });
  }
  ctx.router.add("POST", "/v2/account/link/gamecenter", Auth::kSession, [](Request& req) {
    validateGameCenter(req.json());
    throw ApiError(GrpcCode::kUnauthenticated, "Could not authenticate GameCenter profile.");
    return Json();
  });
}

void addUnlinks(AreaContext& ctx) {
  ctx.router.add("POST", "/v2/account/unlink/device", Auth::kSession, [&ctx](Request& req) {
    const Json& body = req.json();
    std::string id = getString(body, "id");
    getStringMap(body, "vars");
    if (id.empty()) throw ApiError(GrpcCode::kInvalidArgument, "A device ID must be supplied.");
    Account& a = caller(ctx, req);
    unlinkOrDeny(ctx, a, a.hasDevice(id), [&] {
      a.devices.erase(std::remove_if(a.devices.begin(), a.devices.end(), [&](const Device& d) { return d.id == id; }),
                      a.devices.end());
    });
    return Json::object();
  });

  ctx.router.add("POST", "/v2/account/unlink/custom", Auth::kSession, [&ctx](Request& req) {
    const Json& body = req.json();
    std::string id = getString(body, "id");
    getStringMap(body, "vars");
    Account& a = caller(ctx, req);
    bool present = !a.customId.empty() && (id.empty() || id == a.customId);
    unlinkOrDeny(ctx, a, present, [&] { a.customId.clear(); });
    return Json::object();
  });

  ctx.router.add("POST", "/v2/account/unlink/email", Auth::kSession, [&ctx](Request& req) {
    const Json& body = req.json();
    std::string email = identity::toLower(getString(body, "email"));
    getString(body, "password");  // ignored on unlink
    getStringMap(body, "vars");
    Account& a = caller(ctx, req);
    bool present = !a.email.empty() && (email.empty() || email == a.email);
    unlinkOrDeny(ctx, a, present, [&] {
      a.email.clear();
      a.password.clear();
    });
    return Json::object();
  });

  // Social unlinks: a credential cannot be verified (401); without one, the linked id is removed.
  auto social = [&ctx](const std::string& name, const char* tokenField, std::string failMessage,
                       std::string Account::*idField) {
    ctx.router.add("POST", "/v2/account/unlink/" + name, Auth::kSession,
                   [&ctx, tokenField, failMessage, idField](Request& req) {
                     const Json& body = req.json();
                     std::string token = getString(body, tokenField);
                     getStringMap(body, "vars");
                     if (!token.empty()) throw ApiError(GrpcCode::kUnauthenticated, failMessage);
                     Account& a = caller(ctx, req);
                     unlinkOrDeny(ctx, a, !(a.*idField).empty(), [&] { (a.*idField).clear(); });
                     return Json::object();
                   });
  };
  social("apple", "token", "Could not authenticate Apple profile.", &Account::appleId);
  social("steam", "token", "Could not authenticate Steam profile.", &Account::steamId);
  for (const Provider& p : kProviders) social(p.name, p.tokenField, p.failMessage, p.id);

  ctx.router.add("POST", "/v2/account/unlink/gamecenter", Auth::kSession, [&ctx](Request& req) {
    const Json& body = req.json();
    bool complete = !getString(body, "bundle_id").empty() && !getString(body, "player_id").empty() &&
                    !getString(body, "public_key_url").empty() && !getString(body, "salt").empty() &&
                    !getString(body, "signature").empty() && getInt64(body, "timestamp_seconds") != 0;
    if (complete) throw ApiError(GrpcCode::kUnauthenticated, "Could not authenticate GameCenter profile.");
    Account& a = caller(ctx, req);
    unlinkOrDeny(ctx, a, !a.gamecenterId.empty(), [&] { a.gamecenterId.clear(); });
    return Json::object();
  });
}

void addFriendImports(AreaContext& ctx) {
  ctx.router.add("POST", "/v2/friend/facebook", Auth::kSession, [](Request& req) {
    const Json& body = req.json();
    std::string token = getString(body, "token");
    getStringMap(body, "vars");
    req.queryBool("reset");
    if (token.empty()) throw ApiError(GrpcCode::kInvalidArgument, "Facebook token is required.");
    throw ApiError(GrpcCode::kUnauthenticated, "Could not authenticate Facebook profile.");
    return Json();
  });
  ctx.router.add("POST", "/v2/friend/steam", Auth::kSession, [](Request& req) {
    const Json& body = req.json();
    getString(body, "token");
    getStringMap(body, "vars");
    req.queryBool("reset");
    throw ApiError(GrpcCode::kFailedPrecondition, "Steam authentication is not configured.");
    return Json();
  });
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(link) {
  addLinks(ctx);
  addUnlinks(ctx);
  addFriendImports(ctx);
}

}  // namespace nakama::testserver
