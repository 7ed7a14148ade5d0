#include "nakama/account.h"

#include "api/account_json.h"
#include "api/users_json.h"
#include "rest/client_core.h"

namespace nakama {

namespace {

using internal::Json;

internal::RestRequest post(const std::string& path, const Json& body, const CallOptions& call) {
  internal::RestRequest request;
  request.method = "POST";
  request.path = path;
  request.json = body;
  request.options = call;
  return request;
}

Json withField(const char* key, const std::string& value) {
  Json body = Json::object();
  body[key] = value;
  return body;
}

}  // namespace

AccountApi::AccountApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

AccountApi Client::account() const { return AccountApi(core_); }

Future<Account> AccountApi::get(const CallOptions& call) {
  internal::RestRequest request;
  request.method = "GET";
  request.path = "/v2/account";
  request.options = call;
  return core_->call<Account>(std::move(request));
}

Future<void> AccountApi::update(const AccountUpdate& update, const CallOptions& call) {
  if (update.empty()) {
    return core_->failVoid(Error{ErrorKind::kInvalidArgument, "AccountUpdate has no field set"});
  }
  internal::RestRequest request;
  request.method = "PUT";
  request.path = "/v2/account";
  request.json = internal::accountUpdateBody(update);
  request.options = call;
  return core_->callVoid(std::move(request));
}

Future<void> AccountApi::deleteAccount(const CallOptions& call) {
  internal::RestRequest request;
  request.method = "DELETE";
  request.path = "/v2/account";
  request.options = call;
  return core_->callVoid(std::move(request));
}

Future<void> AccountApi::linkDevice(const std::string& deviceId, const CallOptions& call) {
  return core_->callVoid(post("/v2/account/link/device", withField("id", deviceId), call));
}

Future<void> AccountApi::unlinkDevice(const std::string& deviceId, const CallOptions& call) {
  return core_->callVoid(post("/v2/account/unlink/device", withField("id", deviceId), call));
}

Future<void> AccountApi::linkEmail(const std::string& email, const std::string& password, const CallOptions& call) {
  Json body = withField("email", email);
  body["password"] = password;
  return core_->callVoid(post("/v2/account/link/email", body, call));
}

Future<void> AccountApi::unlinkEmail(const std::string& email, const std::string& password, const CallOptions& call) {
  Json body = withField("email", email);
  internal::writeNonEmpty(body, "password", password);
  return core_->callVoid(post("/v2/account/unlink/email", body, call));
}

Future<void> AccountApi::linkCustom(const std::string& customId, const CallOptions& call) {
  return core_->callVoid(post("/v2/account/link/custom", withField("id", customId), call));
}

Future<void> AccountApi::unlinkCustom(const std::string& customId, const CallOptions& call) {
  return core_->callVoid(post("/v2/account/unlink/custom", withField("id", customId), call));
}

Future<void> AccountApi::linkApple(const std::string& identityToken, const CallOptions& call) {
  return core_->callVoid(post("/v2/account/link/apple", withField("token", identityToken), call));
}

Future<void> AccountApi::unlinkApple(const std::string& identityToken, const CallOptions& call) {
  return core_->callVoid(post("/v2/account/unlink/apple", withField("token", identityToken), call));
}

Future<void> AccountApi::linkFacebook(const std::string& accessToken, std::optional<bool> importFriends,
                                      const CallOptions& call) {
  auto request = post("/v2/account/link/facebook", withField("token", accessToken), call);
  request.query.addOptional("sync", importFriends);
  return core_->callVoid(std::move(request));
}

Future<void> AccountApi::unlinkFacebook(const std::string& accessToken, const CallOptions& call) {
  return core_->callVoid(post("/v2/account/unlink/facebook", withField("token", accessToken), call));
}

Future<void> AccountApi::linkFacebookInstantGame(const std::string& signedPlayerInfo, const CallOptions& call) {
  return core_->callVoid(
      post("/v2/account/link/facebookinstantgame", withField("signed_player_info", signedPlayerInfo), call));
}

Future<void> AccountApi::unlinkFacebookInstantGame(const std::string& signedPlayerInfo, const CallOptions& call) {
  return core_->callVoid(
      post("/v2/account/unlink/facebookinstantgame", withField("signed_player_info", signedPlayerInfo), call));
}

Future<void> AccountApi::linkGameCenter(const GameCenterCredentials& credentials, const CallOptions& call) {
  return core_->callVoid(post("/v2/account/link/gamecenter", internal::gameCenterBody(credentials), call));
}

Future<void> AccountApi::unlinkGameCenter(const GameCenterCredentials& credentials, const CallOptions& call) {
  return core_->callVoid(post("/v2/account/unlink/gamecenter", internal::gameCenterBody(credentials), call));
}

Future<void> AccountApi::linkGoogle(const std::string& idToken, const CallOptions& call) {
  return core_->callVoid(post("/v2/account/link/google", withField("token", idToken), call));
}

Future<void> AccountApi::unlinkGoogle(const std::string& idToken, const CallOptions& call) {
  return core_->callVoid(post("/v2/account/unlink/google", withField("token", idToken), call));
}

Future<void> AccountApi::linkSteam(const std::string& token, std::optional<bool> importFriends,
                                   const CallOptions& call) {
  // Unlike LinkFacebook, the whole LinkSteamRequest is the body: {"account":{...}, "sync":bool}.
  Json body = Json::object();
  body["account"] = withField("token", token);
  internal::writeOptional(body, "sync", importFriends);
  return core_->callVoid(post("/v2/account/link/steam", body, call));
}

Future<void> AccountApi::unlinkSteam(const std::string& token, const CallOptions& call) {
  return core_->callVoid(post("/v2/account/unlink/steam", withField("token", token), call));
}

Future<void> AccountApi::importFacebookFriends(const std::string& accessToken, std::optional<bool> reset,
                                               const CallOptions& call) {
  auto request = post("/v2/friend/facebook", withField("token", accessToken), call);
  request.query.addOptional("reset", reset);
  return core_->callVoid(std::move(request));
}

Future<void> AccountApi::importSteamFriends(const std::string& token, std::optional<bool> reset,
                                            const CallOptions& call) {
  auto request = post("/v2/friend/steam", withField("token", token), call);
  request.query.addOptional("reset", reset);
  return core_->callVoid(std::move(request));
}

}  // namespace nakama
