#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/session.h"
#include "nakama/types.h"

namespace nakama {

namespace internal {
class ClientCore;
struct ApiAccess;
}  // namespace internal

class AccountApi;
class UsersApi;
class FriendsApi;
class GroupsApi;
class StorageApi;
class LeaderboardsApi;
class TournamentsApi;
class NotificationsApi;
class ChatApi;
class MatchesApi;
class RpcApi;
class EventsApi;
class PurchasesApi;
class RtSocket;
struct RtSocketOptions;

/// Options shared by every authenticate call.
struct AuthOptions {
  bool create = true;    ///< Create the account when it does not exist (Nakama's default).
  std::string username;  ///< Username for a new account; empty lets the server pick one.
  StringMap vars;        ///< Session variables, stored in the session token.
  /// Facebook and Steam only: import the player's friends (server default when unset).
  std::optional<bool> importFriends;
};

/// Game Center identity verification data (all fields required by the server).
struct GameCenterCredentials {
  std::string playerId;
  std::string bundleId;
  std::int64_t timestampSeconds = 0;
  std::string salt;
  std::string signature;
  std::string publicKeyUrl;
};

/// The REST client. Authenticating (or `setSession`) gives the client a session that every other call
/// uses; the client refreshes it before it expires (see ClientOptions) and tells the game through
/// `ClientOptions::onSessionChanged`. Feature areas hang off accessors: `client.storage().write(...)`.
///
/// Thread-safe. Destroying the client cancels its outstanding requests (their futures complete with
/// kCancelled) and runs the callbacks still queued.
class NAKAMA_API Client {
 public:
  explicit Client(ClientOptions options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;

  const ClientOptions& options() const;

  /// The current session, if any.
  std::optional<Session> session() const;
  /// Adopts a session, for example one restored with `Session::deserialize()` on a new launch.
  void setSession(const Session& session);
  /// Forgets the session locally (use `logout()` to revoke it on the server too).
  void clearSession();

  // Authentication. On success the returned session becomes the client's session.
  Future<Session> authenticateDevice(const std::string& deviceId, const AuthOptions& options = {},
                                     const CallOptions& call = {});
  /// Email and password. With an empty `email` and `options.username` set, signs in by username.
  Future<Session> authenticateEmail(const std::string& email, const std::string& password,
                                    const AuthOptions& options = {}, const CallOptions& call = {});
  Future<Session> authenticateCustom(const std::string& customId, const AuthOptions& options = {},
                                     const CallOptions& call = {});
  Future<Session> authenticateApple(const std::string& identityToken, const AuthOptions& options = {},
                                    const CallOptions& call = {});
  Future<Session> authenticateFacebook(const std::string& accessToken, const AuthOptions& options = {},
                                       const CallOptions& call = {});
  Future<Session> authenticateFacebookInstantGame(const std::string& signedPlayerInfo, const AuthOptions& options = {},
                                                  const CallOptions& call = {});
  Future<Session> authenticateGameCenter(const GameCenterCredentials& credentials, const AuthOptions& options = {},
                                         const CallOptions& call = {});
  Future<Session> authenticateGoogle(const std::string& idToken, const AuthOptions& options = {},
                                     const CallOptions& call = {});
  Future<Session> authenticateSteam(const std::string& token, const AuthOptions& options = {},
                                    const CallOptions& call = {});

  /// Refreshes the session now. `vars`, when given, replace the session vars in the new token.
  Future<Session> refreshSession(std::optional<StringMap> vars = std::nullopt, const CallOptions& call = {});
  /// Revokes this session's token and refresh token on the server, then forgets the session.
  Future<void> logout(const CallOptions& call = {});
  /// `GET /healthcheck`: succeeds when the server is up.
  Future<void> healthcheck(const CallOptions& call = {});

  /// Runs the callbacks queued for this client and its sockets (CallbackMode::kPolled) and returns
  /// how many ran. Does nothing in kSdkThread mode.
  std::size_t poll();

  // Feature areas.
  AccountApi account() const;
  UsersApi users() const;
  FriendsApi friends() const;
  GroupsApi groups() const;
  StorageApi storage() const;
  LeaderboardsApi leaderboards() const;
  TournamentsApi tournaments() const;
  NotificationsApi notifications() const;
  ChatApi chat() const;
  MatchesApi matches() const;
  RpcApi rpc() const;
  EventsApi events() const;
  PurchasesApi purchases() const;

  /// A realtime socket that authenticates with this client's session (not connected yet).
  RtSocket createSocket(const RtSocketOptions& options) const;
  RtSocket createSocket() const;

 private:
  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
