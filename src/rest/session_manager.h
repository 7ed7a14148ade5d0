#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_value.h"
#include "nakama/future.h"
#include "nakama/session.h"
#include "rest/rest_layers.h"

namespace nakama::internal {

/// Owns the client's current session and is the one place where it is refreshed. Concurrent
/// requests that need a refresh share a single refresh request. When the server refuses the refresh token
/// too (a restarted server) and the game gave a re-authentication hook (ClientOptions::reauthenticate), the
/// manager calls it, once for all the requests that meet the dead session together, and installs its session.
class SessionManager : public std::enable_shared_from_this<SessionManager> {
 public:
  using TokenCallback = std::function<void(Result<std::string>)>;
  using SessionCallback = std::function<void(Result<Session>)>;
  using ChangeCallback = std::function<void(const std::optional<Session>&)>;
  using ReauthenticateFn = std::function<Future<Session>()>;

  /// `pipeline` sends the refresh request (retries, no session auth); `onChange` is told of every change;
  /// `reauthenticate` (may be null) gives a new session when the refresh token is refused.
  SessionManager(std::shared_ptr<RestLayer> pipeline, const std::string& serverKey, bool autoRefresh,
                 std::chrono::seconds refreshWindow, ChangeCallback onChange,
                 ReauthenticateFn reauthenticate = nullptr);

  std::optional<Session> current() const;
  void set(std::optional<Session> session);

  /// A token to call the server with, refreshed first when it expires within the refresh window.
  void acquireToken(TokenCallback done);
  /// What an Authorization header puts before a session token.
  static constexpr std::string_view kBearerPrefix = "Bearer ";
  /// The Authorization header's value for `token`.
  static SharedText bearerHeader(std::string_view token) {
    std::string header;
    header.reserve(kBearerPrefix.size() + token.size());
    return shareText(std::move(header.append(kBearerPrefix).append(token)));
  }
  /// The common case of acquireToken(), without a callback: when there is a session that needs no refresh first,
  /// sets `header` to kBearerPrefix followed by its token (one text kept per session) and returns true.
  bool bearerWithoutRefresh(SharedText& header) const;
  /// The Authorization header's value for calls made with the server key ("Basic ..."), made once.
  const SharedText& basicAuthorization() const { return basicAuthorization_; }
  /// The server rejected `rejectedToken`: refresh (unless another call already did) and give the new token.
  void recoverFromRejection(const std::string& rejectedToken, TokenCallback done);
  /// Explicit refresh; `vars` replace the session vars of the new token when given.
  void refresh(std::optional<StringMap> vars, CallOptions options, SessionCallback done);

 private:
  bool wantsRefreshLocked() const;                   // mutex_ held, session_ set
  void adoptLocked(std::optional<Session> session);  // mutex_ held: session_ and its bearer_ together
  void startSharedRefresh(SessionCallback done);
  void sendRefresh(const std::string& refreshToken, const std::optional<StringMap>& vars, const CallOptions& options,
                   SessionCallback done);
  void finishRefresh(const std::string& refreshToken, Result<Session> result, std::vector<SessionCallback> waiters);
  /// The session is dead (`expired`): re-authenticate through the hook, sharing a run already under way, and
  /// give `waiters` the new session, or the error when there is no hook or it fails.
  void reauthenticateOr(const Error& expired, std::vector<SessionCallback> waiters);
  void finishReauthentication(const Result<Session>& result);

  std::shared_ptr<RestLayer> pipeline_;
  SharedText basicAuthorization_;  // basicAuthorization() of the server key: the refresh request's header
  bool autoRefresh_;
  std::chrono::seconds refreshWindow_;
  ChangeCallback onChange_;
  ReauthenticateFn reauthenticate_;

  mutable std::mutex mutex_;
  std::optional<Session> session_;
  SharedText bearer_;  // bearerHeader() of session_'s token, made when the session is set
  bool refreshing_ = false;
  std::vector<SessionCallback> waiters_;
  std::string rejectedRefreshToken_;  // a refresh token the server refused: do not ask again
  bool reauthenticating_ = false;
  std::vector<SessionCallback> reauthWaiters_;
};

/// Decodes Nakama's Session message (`{"token":..,"refresh_token":..,"created":true}`).
Result<Session> sessionFromResponse(const HttpResponse& response);
/// The same from a parsed answer.
Result<Session> sessionFromJson(const JsonValue& body);

}  // namespace nakama::internal
