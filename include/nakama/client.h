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

/// The Nakama client SDK: nakama::Client (REST and sessions), nakama::RtSocket (realtime), and the
/// models, options and results they use.
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
  /// The Game Center player id.
  std::string playerId;
  /// The game's bundle id.
  std::string bundleId;
  /// Time of the signature, in seconds since the epoch.
  std::int64_t timestampSeconds = 0;
  /// The signature's salt (base64).
  std::string salt;
  /// The verification signature (base64).
  std::string signature;
  /// URL of Apple's public key that verifies the signature.
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
  /// A client for the server `options` names. No I/O happens until the first request.
  explicit Client(ClientOptions options = {});
  /// Cancels the outstanding requests (kCancelled) and stops the client's threads.
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  /// Moves the client; the moved-from client must not be used again.
  Client(Client&&) noexcept;
  /// Moves the client; the moved-from client must not be used again.
  Client& operator=(Client&&) noexcept;

  /// The options the client was created with.
  const ClientOptions& options() const;

  /// The current session, if any.
  std::optional<Session> session() const;
  /// Adopts a session, for example one restored with `Session::deserialize()` on a new launch.
  void setSession(const Session& session);
  /// Forgets the session locally (use `logout()` to revoke it on the server too).
  void clearSession();

  // Authentication. On success the returned session becomes the client's session.
  /// Device id (10-128 bytes), e.g. a generated id stored on the device.
  Future<Session> authenticateDevice(const std::string& deviceId, const AuthOptions& options = {},
                                     const CallOptions& call = {});
  /// Email and password. With an empty `email` and `options.username` set, signs in by username.
  Future<Session> authenticateEmail(const std::string& email, const std::string& password,
                                    const AuthOptions& options = {}, const CallOptions& call = {});
  /// Custom id (6-128 bytes) from your own identity system.
  Future<Session> authenticateCustom(const std::string& customId, const AuthOptions& options = {},
                                     const CallOptions& call = {});
  /// Sign in with Apple identity token.
  Future<Session> authenticateApple(const std::string& identityToken, const AuthOptions& options = {},
                                    const CallOptions& call = {});
  /// Facebook access token; `options.importFriends` imports the player's Facebook friends.
  Future<Session> authenticateFacebook(const std::string& accessToken, const AuthOptions& options = {},
                                       const CallOptions& call = {});
  /// Facebook Instant Games signed player info.
  Future<Session> authenticateFacebookInstantGame(const std::string& signedPlayerInfo, const AuthOptions& options = {},
                                                  const CallOptions& call = {});
  /// Apple Game Center identity verification data.
  Future<Session> authenticateGameCenter(const GameCenterCredentials& credentials, const AuthOptions& options = {},
                                         const CallOptions& call = {});
  /// Google ID token.
  Future<Session> authenticateGoogle(const std::string& idToken, const AuthOptions& options = {},
                                     const CallOptions& call = {});
  /// Steam session ticket; `options.importFriends` imports the player's Steam friends.
  Future<Session> authenticateSteam(const std::string& token, const AuthOptions& options = {},
                                    const CallOptions& call = {});

  /// Refreshes the session now. `vars`, when given, replace the session vars in the new token.
  Future<Session> refreshSession(std::optional<StringMap> vars = std::nullopt, const CallOptions& call = {});
  /// Revokes this session's token and refresh token on the server, then forgets the session.
  Future<void> logout(const CallOptions& call = {});
  /// `GET /healthcheck`: succeeds when the server is up.
  Future<void> healthcheck(const CallOptions& call = {});

  /// Runs the callbacks queued for this client and its sockets (CallbackMode::kPolled) and returns
  /// how many ran. Does nothing in the other modes.
  std::size_t poll();

  // Feature areas.
  /// The signed-in user's account.
  AccountApi account() const;
  /// Users' public profiles.
  UsersApi users() const;
  /// Friends.
  FriendsApi friends() const;
  /// Groups (clans, guilds).
  GroupsApi groups() const;
  /// Storage objects.
  StorageApi storage() const;
  /// Leaderboards.
  LeaderboardsApi leaderboards() const;
  /// Tournaments.
  TournamentsApi tournaments() const;
  /// Stored notifications.
  NotificationsApi notifications() const;
  /// Chat history.
  ChatApi chat() const;
  /// Match listing.
  MatchesApi matches() const;
  /// Server runtime functions (RPCs).
  RpcApi rpc() const;
  /// Analytics events.
  EventsApi events() const;
  /// In-app purchase and subscription validation.
  PurchasesApi purchases() const;

  /// A realtime socket that authenticates with this client's session (not connected yet).
  RtSocket createSocket(const RtSocketOptions& options) const;
  /// A realtime socket with default RtSocketOptions (not connected yet).
  RtSocket createSocket() const;

 private:
  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
