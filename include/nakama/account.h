#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nakama/client.h"
#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/types.h"
#include "nakama/users.h"

namespace nakama {

/// A device id linked to the account.
struct AccountDevice {
  /// The device id.
  std::string id;
  /// Vars stored with the device id.
  StringMap vars;
};

/// The signed-in user's own account (`GET /v2/account`).
struct Account {
  /// The user's public profile.
  User user;
  std::string wallet;                  ///< JSON object as a string ("{}" when empty).
  std::string email;                   ///< Empty when no email is linked.
  std::vector<AccountDevice> devices;  ///< Linked device ids.
  std::string customId;                ///< Empty when no custom id is linked.
  Timestamp verifyTime{};              ///< When the email was verified; the epoch when never.
  Timestamp disableTime{};             ///< When the account was banned/disabled; the epoch when not.
};

/// Fields to change with `AccountApi::update`. Unset fields are left unchanged; a field set to ""
/// clears it on the server (except the username, which cannot be empty). At least one field must be set.
struct AccountUpdate {
  /// New username (unique; cannot be cleared).
  std::optional<std::string> username;
  /// New display name.
  std::optional<std::string> displayName;
  /// New avatar URL.
  std::optional<std::string> avatarUrl;
  /// New language tag (e.g. "en").
  std::optional<std::string> langTag;
  /// New location.
  std::optional<std::string> location;
  /// New timezone.
  std::optional<std::string> timezone;

  /// True when no field is set.
  bool empty() const { return !username && !displayName && !avatarUrl && !langTag && !location && !timezone; }
};

/// The signed-in user's account: profile, linked identities, deletion.
///
/// Identity providers that need server-side configuration (Apple, Facebook, Facebook Instant Games,
/// Game Center, Google, Steam) answer with the server's error when it is not configured, for example
/// kServerError code 9 "Steam authentication is not configured.".
class NAKAMA_API AccountApi {
 public:
  /// `GET /v2/account`: the signed-in user's account.
  Future<Account> get(const CallOptions& call = {});
  /// `PUT /v2/account`. An update with no field set fails with kInvalidArgument before any I/O.
  /// A username taken by someone else: kServerError, code 3 (InvalidArgument), "Username is already in use.".
  Future<void> update(const AccountUpdate& update, const CallOptions& call = {});
  /// Deletes the account; the session becomes invalid. Not retried automatically (a repeat would fail).
  Future<void> deleteAccount(const CallOptions& call = {});

  // Linking adds a sign-in method to this account (kServerError code 6 when it belongs to another
  // account). Unlinking removes one; removing the last one fails with code 7 (PermissionDenied).
  /// Links a device id (at least 10 bytes).
  Future<void> linkDevice(const std::string& deviceId, const CallOptions& call = {});
  /// Unlinks a device id.
  Future<void> unlinkDevice(const std::string& deviceId, const CallOptions& call = {});
  /// Links an email address and password.
  Future<void> linkEmail(const std::string& email, const std::string& password, const CallOptions& call = {});
  /// Unlinks an email address; the password is not checked by the server when unlinking.
  Future<void> unlinkEmail(const std::string& email, const std::string& password = {}, const CallOptions& call = {});
  /// Links a custom id (an id from your own identity system).
  Future<void> linkCustom(const std::string& customId, const CallOptions& call = {});
  /// Unlinks a custom id.
  Future<void> unlinkCustom(const std::string& customId, const CallOptions& call = {});
  /// Links a Sign in with Apple identity token.
  Future<void> linkApple(const std::string& identityToken, const CallOptions& call = {});
  /// Unlinks an Apple identity.
  Future<void> unlinkApple(const std::string& identityToken, const CallOptions& call = {});
  /// Links a Facebook account. `importFriends` (the `sync` flag): import the player's Facebook friends (server default
  /// when unset).
  Future<void> linkFacebook(const std::string& accessToken, std::optional<bool> importFriends = std::nullopt,
                            const CallOptions& call = {});
  /// Unlinks a Facebook account.
  Future<void> unlinkFacebook(const std::string& accessToken, const CallOptions& call = {});
  /// Links a Facebook Instant Games player (signed player info).
  Future<void> linkFacebookInstantGame(const std::string& signedPlayerInfo, const CallOptions& call = {});
  /// Unlinks a Facebook Instant Games player.
  Future<void> unlinkFacebookInstantGame(const std::string& signedPlayerInfo, const CallOptions& call = {});
  /// Links an Apple Game Center identity.
  Future<void> linkGameCenter(const GameCenterCredentials& credentials, const CallOptions& call = {});
  /// Unlinks an Apple Game Center identity.
  Future<void> unlinkGameCenter(const GameCenterCredentials& credentials, const CallOptions& call = {});
  /// Links a Google account (ID token).
  Future<void> linkGoogle(const std::string& idToken, const CallOptions& call = {});
  /// Unlinks a Google account.
  Future<void> unlinkGoogle(const std::string& idToken, const CallOptions& call = {});
  /// Links a Steam account. `importFriends` (the `sync` flag): import the player's Steam friends (server default when
  /// unset).
  Future<void> linkSteam(const std::string& token, std::optional<bool> importFriends = std::nullopt,
                         const CallOptions& call = {});
  /// Unlinks a Steam account.
  Future<void> unlinkSteam(const std::string& token, const CallOptions& call = {});

  /// Imports the player's Facebook friends as Nakama friends. `reset` first removes previously
  /// imported friends (server default when unset).
  Future<void> importFacebookFriends(const std::string& accessToken, std::optional<bool> reset = std::nullopt,
                                     const CallOptions& call = {});
  /// Imports the player's Steam friends. `reset` as for Facebook.
  Future<void> importSteamFriends(const std::string& token, std::optional<bool> reset = std::nullopt,
                                  const CallOptions& call = {});

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit AccountApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
