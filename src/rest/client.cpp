// nakama::Client: authentication, session lifecycle and healthcheck. Feature areas live in src/api/.

#include "nakama/client.h"

#include "core/json.h"
#include "rest/client_core.h"
#include "rest/session_manager.h"

namespace nakama {

using internal::AuthKind;
using internal::ClientCore;
using internal::Json;
using internal::RestRequest;

namespace {

Error invalidArgument(std::string message) { return Error{ErrorKind::kInvalidArgument, std::move(message)}; }

Json varsJson(const StringMap& vars) {
  Json out = Json::object();
  for (const auto& [key, value] : vars) out[key] = value;
  return out;
}

/// `POST /v2/account/authenticate/<provider>` with the Session answer adopted by the client.
Future<Session> authenticate(const std::shared_ptr<ClientCore>& core, const std::string& provider, Json body,
                             const AuthOptions& options, bool withSync, const CallOptions& call) {
  if (!options.vars.empty()) body["vars"] = varsJson(options.vars);
  RestRequest request;
  request.method = "POST";
  request.path = "/v2/account/authenticate/" + provider;
  request.auth = AuthKind::kServerKey;
  request.query.add("create", options.create);
  request.query.addNonEmpty("username", options.username);
  if (withSync) request.query.addOptional("sync", options.importFriends);
  request.json = std::move(body);
  request.options = call;
  std::weak_ptr<internal::SessionManager> sessions = core->sessions();
  return core->call<Session>(std::move(request), [sessions](const internal::JsonValue& j) {
    auto session = internal::sessionFromJson(j);
    if (!session.ok()) throw internal::DecodeError(session.error().message);
    if (auto manager = sessions.lock()) manager->set(*session);
    return *session;
  });
}

Future<Session> authenticateWithToken(const std::shared_ptr<ClientCore>& core, const std::string& provider,
                                      const std::string& tokenField, const std::string& token,
                                      const AuthOptions& options, bool withSync, const CallOptions& call) {
  if (token.empty()) return core->fail<Session>(invalidArgument(provider + " authentication needs a non-empty token"));
  return authenticate(core, provider, Json{{tokenField, token}}, options, withSync, call);
}

}  // namespace

Client::Client(ClientOptions options) : core_(ClientCore::create(std::move(options))) {}
Client::~Client() {
  if (core_) core_->shutdown();
}
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&& other) noexcept {
  if (this != &other) {
    if (core_) core_->shutdown();
    core_ = std::move(other.core_);
  }
  return *this;
}

const ClientOptions& Client::options() const { return core_->options(); }
std::optional<Session> Client::session() const { return core_->sessions()->current(); }
void Client::setSession(const Session& session) { core_->sessions()->set(session); }
void Client::clearSession() { core_->sessions()->set(std::nullopt); }
std::size_t Client::poll() { return core_->poll(); }

Future<Session> Client::authenticateDevice(const std::string& deviceId, const AuthOptions& options,
                                           const CallOptions& call) {
  if (deviceId.empty()) return core_->fail<Session>(invalidArgument("device id must not be empty"));
  return authenticate(core_, "device", Json{{"id", deviceId}}, options, false, call);
}

Future<Session> Client::authenticateEmail(const std::string& email, const std::string& password,
                                          const AuthOptions& options, const CallOptions& call) {
  if (email.empty() && options.username.empty()) {
    return core_->fail<Session>(
        invalidArgument("an email (or, to sign in by username, AuthOptions::username) is required"));
  }
  Json body{{"password", password}};
  if (!email.empty()) body["email"] = email;
  return authenticate(core_, "email", std::move(body), options, false, call);
}

Future<Session> Client::authenticateCustom(const std::string& customId, const AuthOptions& options,
                                           const CallOptions& call) {
  if (customId.empty()) return core_->fail<Session>(invalidArgument("custom id must not be empty"));
  return authenticate(core_, "custom", Json{{"id", customId}}, options, false, call);
}

Future<Session> Client::authenticateApple(const std::string& identityToken, const AuthOptions& options,
                                          const CallOptions& call) {
  return authenticateWithToken(core_, "apple", "token", identityToken, options, false, call);
}

Future<Session> Client::authenticateFacebook(const std::string& accessToken, const AuthOptions& options,
                                             const CallOptions& call) {
  return authenticateWithToken(core_, "facebook", "token", accessToken, options, true, call);
}

Future<Session> Client::authenticateFacebookInstantGame(const std::string& signedPlayerInfo, const AuthOptions& options,
                                                        const CallOptions& call) {
  return authenticateWithToken(core_, "facebookinstantgame", "signed_player_info", signedPlayerInfo, options, false,
                               call);
}

Future<Session> Client::authenticateGameCenter(const GameCenterCredentials& credentials, const AuthOptions& options,
                                               const CallOptions& call) {
  if (credentials.playerId.empty())
    return core_->fail<Session>(invalidArgument("Game Center player id must not be empty"));
  Json body{{"player_id", credentials.playerId},
            {"bundle_id", credentials.bundleId},
            {"timestamp_seconds", std::to_string(credentials.timestampSeconds)},
            {"salt", credentials.salt},
            {"signature", credentials.signature},
            {"public_key_url", credentials.publicKeyUrl}};
  return authenticate(core_, "gamecenter", std::move(body), options, false, call);
}

Future<Session> Client::authenticateGoogle(const std::string& idToken, const AuthOptions& options,
                                           const CallOptions& call) {
  return authenticateWithToken(core_, "google", "token", idToken, options, false, call);
}

Future<Session> Client::authenticateSteam(const std::string& token, const AuthOptions& options,
                                          const CallOptions& call) {
  return authenticateWithToken(core_, "steam", "token", token, options, true, call);
}

Future<Session> Client::refreshSession(std::optional<StringMap> vars, const CallOptions& call) {
  internal::Promise<Session> promise(core_->executor());
  auto future = promise.future();
  core_->sessions()->refresh(std::move(vars), call,
                             [promise](Result<Session> result) { promise.complete(std::move(result)); });
  return future;
}

Future<void> Client::logout(const CallOptions& call) {
  auto session = core_->sessions()->current();
  if (!session) return core_->failVoid(invalidArgument("the client has no session to log out"));
  RestRequest request;
  request.method = "POST";
  request.path = "/v2/session/logout";
  request.json = Json{{"token", session->token()}, {"refresh_token", session->refreshToken()}};
  request.options = call;
  // Forget the session whatever the server says: a failed logout must not leave a half-dead session behind.
  auto sessions = core_->sessions();
  sessions->set(std::nullopt);
  request.auth = AuthKind::kNone;
  request.authorization = internal::SessionManager::bearerHeader(session->token());
  return core_->callVoid(std::move(request));
}

Future<void> Client::healthcheck(const CallOptions& call) {
  RestRequest request;
  request.path = "/healthcheck";
  request.auth = AuthKind::kNone;
  request.options = call;
  return core_->callVoid(std::move(request));
}

}  // namespace nakama
