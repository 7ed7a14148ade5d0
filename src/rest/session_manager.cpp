#include "rest/session_manager.h"

#include "core/codec.h"
#include "core/json.h"
#include "core/log.h"

namespace nakama::internal {

Result<Session> sessionFromJson(const JsonValue& body) {
  try {
    std::string token, refreshToken;
    bool created = false;
    read(body, "token", token);
    read(body, "refresh_token", refreshToken);
    read(body, "created", created);
    auto session = Session::restore(token, refreshToken, created);
    if (!session.ok())
      return Error{ErrorKind::kBadResponse, "the server sent an unusable session: " + session.error().message};
    return session;
  } catch (const std::exception& e) {
    return Error{ErrorKind::kBadResponse, "could not decode the session: " + redactSecrets(e.what())};
  }
}

Result<Session> sessionFromResponse(const HttpResponse& response) {
  const auto body = tryParseJson(response.body);
  if (!body) return Error{ErrorKind::kBadResponse, "could not decode the session: the answer is not JSON"};
  return sessionFromJson(body->root());
}

SessionManager::SessionManager(std::shared_ptr<RestLayer> pipeline, const std::string& serverKey, bool autoRefresh,
                               std::chrono::seconds refreshWindow, ChangeCallback onChange,
                               ReauthenticateFn reauthenticate)
    : pipeline_(std::move(pipeline)),
      basicAuthorization_(shareText("Basic " + base64Encode(serverKey + ":"))),
      autoRefresh_(autoRefresh),
      refreshWindow_(refreshWindow),
      onChange_(std::move(onChange)),
      reauthenticate_(std::move(reauthenticate)) {}

std::optional<Session> SessionManager::current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return session_;
}

void SessionManager::set(std::optional<Session> session) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (session_ == session) return;
    adoptLocked(session);
  }
  if (onChange_) onChange_(session);
}

namespace {
Error noSession() {
  return Error{ErrorKind::kInvalidArgument, "the client has no session: authenticate or restore a session first"};
}
}  // namespace

void SessionManager::adoptLocked(std::optional<Session> session) {
  session_ = std::move(session);
  bearer_ = session_ ? bearerHeader(session_->token()) : nullptr;
}

bool SessionManager::wantsRefreshLocked() const {
  return autoRefresh_ && session_->expiresWithin(refreshWindow_) && session_->canRefresh() &&
         session_->refreshToken() != rejectedRefreshToken_;
}

bool SessionManager::bearerWithoutRefresh(SharedText& header) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!session_ || wantsRefreshLocked()) return false;
  header = bearer_;
  return true;
}

void SessionManager::acquireToken(TokenCallback done) {
  // Callbacks never run under the lock: a synchronous transport may re-enter the manager.
  std::string token;
  bool hasSession = false;
  bool wantsRefresh = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    hasSession = session_.has_value();
    if (hasSession) {
      token = session_->token();
      wantsRefresh = wantsRefreshLocked();
    }
  }
  if (!hasSession) {
    done(noSession());
    return;
  }
  if (!wantsRefresh) {
    // Not refreshable: send the token anyway and let the server decide (its clock is the one that counts).
    done(std::move(token));
    return;
  }
  startSharedRefresh([done, token](Result<Session> refreshed) {
    if (refreshed.ok()) {
      done(refreshed->token());
      return;
    }
    // The refresh failed, but a token that has not expired yet is still worth using.
    auto stillValid = Session::restore(token, "");
    if (stillValid.ok() && !stillValid->isExpired()) {
      done(token);
    } else {
      done(refreshed.error());
    }
  });
}

void SessionManager::recoverFromRejection(const std::string& rejectedToken, TokenCallback done) {
  std::optional<Result<std::string>> immediate;
  bool dead = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!session_) {
      immediate = Result<std::string>(noSession());
    } else if (session_->token() != rejectedToken) {  // somebody refreshed meanwhile
      immediate = Result<std::string>(session_->token());
    } else if (!session_->canRefresh() || session_->refreshToken() == rejectedRefreshToken_) {
      dead = true;
    }
  }
  if (immediate) {
    done(std::move(*immediate));
    return;
  }
  auto giveToken = [done](Result<Session> session) {
    if (session.ok()) {
      done(session->token());
    } else {
      done(session.error());
    }
  };
  if (dead) {
    reauthenticateOr(sessionExpired(Error{ErrorKind::kServerError, "the server rejected the session token"}),
                     {std::move(giveToken)});
    return;
  }
  startSharedRefresh(std::move(giveToken));
}

void SessionManager::refresh(std::optional<StringMap> vars, CallOptions options, SessionCallback done) {
  auto session = current();
  if (!session) {
    done(noSession());
    return;
  }
  if (session->refreshToken().empty()) {
    done(Error{ErrorKind::kInvalidArgument, "the session has no refresh token"});
    return;
  }
  const std::string refreshToken = session->refreshToken();
  auto self = shared_from_this();
  sendRefresh(refreshToken, vars, options, [self, refreshToken, done](Result<Session> result) {
    self->finishRefresh(refreshToken, result, {done});
  });
}

void SessionManager::startSharedRefresh(SessionCallback done) {
  std::string refreshToken;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    waiters_.push_back(std::move(done));
    if (refreshing_) return;
    refreshing_ = true;
    refreshToken = session_ ? session_->refreshToken() : std::string();
  }
  auto self = shared_from_this();
  sendRefresh(refreshToken, std::nullopt, CallOptions{}, [self, refreshToken](Result<Session> result) {
    std::vector<SessionCallback> waiters;
    {
      std::lock_guard<std::mutex> lock(self->mutex_);
      self->refreshing_ = false;
      waiters.swap(self->waiters_);
    }
    if (!result.ok() && result.error().kind == ErrorKind::kSessionExpired && self->reauthenticate_) {
      self->finishRefresh(refreshToken, result, {});  // remembers the refused refresh token
      self->reauthenticateOr(result.error(), std::move(waiters));
      return;
    }
    self->finishRefresh(refreshToken, std::move(result), std::move(waiters));
  });
}

void SessionManager::sendRefresh(const std::string& refreshToken, const std::optional<StringMap>& vars,
                                 const CallOptions& options, SessionCallback done) {
  auto parsed = Session::restore(refreshToken, "");
  if (!parsed.ok() || parsed->isExpired()) {
    done(sessionExpired(Error{ErrorKind::kInvalidArgument, "the refresh token has expired"}));
    return;
  }
  RestRequest request;
  request.method = "POST";
  request.path = "/v2/account/session/refresh";
  request.auth = AuthKind::kServerKey;
  request.authorization = basicAuthorization_;
  request.options = options;
  Json body = {{"token", refreshToken}};
  if (vars) body["vars"] = *vars;
  request.json = std::move(body);
  pipeline_->send(
      std::make_shared<RestRequest>(std::move(request)), std::make_shared<Operation>(), [done](RestOutcome outcome) {
        if (outcome.error) {
          const bool rejected = outcome.error->kind == ErrorKind::kServerError && outcome.error->httpStatus == 401;
          done(rejected ? sessionExpired(*outcome.error) : *outcome.error);
          return;
        }
        done(sessionFromResponse(*outcome.response));
      });
}

void SessionManager::finishRefresh(const std::string& refreshToken, Result<Session> result,
                                   std::vector<SessionCallback> waiters) {
  bool changed = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (result.ok()) {
      // Keep the newest session: only replace the one this refresh started from.
      if (session_ && session_->refreshToken() == refreshToken) {
        changed = !(session_ == *result);
        adoptLocked(*result);
      }
    } else if (result.error().kind == ErrorKind::kSessionExpired) {
      rejectedRefreshToken_ = refreshToken;
    }
  }
  if (changed) log(LogLevel::kInfo, "the session was refreshed");
  if (!result.ok()) log(LogLevel::kWarn, "refreshing the session failed: " + result.error().message);
  if (changed && onChange_) onChange_(*result);
  for (auto& waiter : waiters) waiter(result);
}

void SessionManager::reauthenticateOr(const Error& expired, std::vector<SessionCallback> waiters) {
  if (!reauthenticate_) {
    for (auto& waiter : waiters) waiter(expired);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& waiter : waiters) reauthWaiters_.push_back(std::move(waiter));
    if (reauthenticating_) return;  // joins the run under way
    reauthenticating_ = true;
  }
  log(LogLevel::kInfo, "the server refused the session and its refresh token: re-authenticating");
  Future<Session> future;
  try {
    future = reauthenticate_();
  } catch (const std::exception& e) {
    finishReauthentication(Error{ErrorKind::kCallbackFailed, std::string("the hook threw: ") + e.what()});
    return;
  } catch (...) {
    finishReauthentication(Error{ErrorKind::kCallbackFailed, "the hook threw"});
    return;
  }
  if (!future.valid()) {
    finishReauthentication(Error{ErrorKind::kInvalidArgument, "the hook returned an empty Future"});
    return;
  }
  // Inline: the new session must not wait for the game's poll() (a polled game may be blocked in get()).
  std::weak_ptr<SessionManager> weak = weak_from_this();
  FutureAccess::state(future)->addInlineCallback([weak](const Result<Session>& result) {
    if (auto self = weak.lock()) self->finishReauthentication(result);
  });
}

void SessionManager::finishReauthentication(const Result<Session>& result) {
  std::vector<SessionCallback> waiters;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    reauthenticating_ = false;
    waiters.swap(reauthWaiters_);
  }
  Result<Session> outcome = result;
  if (result.ok()) {
    log(LogLevel::kInfo, "re-authenticated");
    set(*result);  // a no-op when the hook authenticated through this client (which already adopted it)
  } else {
    Error error = result.error();
    error.message = "re-authentication failed: " + error.message;
    log(LogLevel::kWarn, error.message);
    // A transient failure (or a cancelled client) is reported as such: a reconnecting socket keeps trying.
    if (!error.isTransient() && error.kind != ErrorKind::kCancelled) error = sessionExpired(error);
    outcome = std::move(error);
  }
  for (auto& waiter : waiters) waiter(outcome);
}

}  // namespace nakama::internal
