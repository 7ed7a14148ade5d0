#pragma once

#include <chrono>
#include <string>

#include "nakama/export.h"
#include "nakama/result.h"
#include "nakama/types.h"

namespace nakama {

/// An authenticated user's session: the session token, the refresh token and what they say.
/// A plain value type: copy it, save it (`serialize()`), restore it on the next launch (`deserialize()`).
class NAKAMA_API Session {
 public:
  /// Parses a token pair (for example saved by the game). The refresh token may be empty
  /// (then the session cannot be refreshed). Fails with kInvalidArgument on a malformed token.
  static Result<Session> restore(const std::string& token, const std::string& refreshToken, bool created = false);

  /// Restores a session written by `serialize()`.
  static Result<Session> deserialize(const std::string& data);

  /// A compact, versioned text form of the session, safe to write to a file.
  std::string serialize() const;

  /// The session token (a JWT), sent with every call.
  const std::string& token() const { return token_; }
  /// The refresh token (a JWT); empty when there is none.
  const std::string& refreshToken() const { return refreshToken_; }
  /// The user's id (from the token).
  const std::string& userId() const { return userId_; }
  /// The user's username when the token was issued.
  const std::string& username() const { return username_; }
  /// The session variables (the `vrs` claim of the session token).
  const StringMap& vars() const { return vars_; }
  /// True when the authenticate call that produced this session created the account.
  bool created() const { return created_; }

  /// Expiry of the session token.
  Timestamp expireTime() const { return expireTime_; }
  /// Expiry of the refresh token; the epoch when there is no refresh token.
  Timestamp refreshExpireTime() const { return refreshExpireTime_; }

  /// True when the session token has expired at `now`.
  bool isExpired(Timestamp now = std::chrono::system_clock::now()) const;
  /// True when there is no refresh token or it has expired at `now`.
  bool isRefreshExpired(Timestamp now = std::chrono::system_clock::now()) const;
  /// True when the session token expires within `window` of `now` (or has already expired).
  bool expiresWithin(std::chrono::seconds window, Timestamp now = std::chrono::system_clock::now()) const;
  /// True when the session can still be refreshed at `now` (the opposite of isRefreshExpired()).
  bool canRefresh(Timestamp now = std::chrono::system_clock::now()) const;

  /// Same token and refresh token.
  friend bool operator==(const Session& a, const Session& b) {
    return a.token_ == b.token_ && a.refreshToken_ == b.refreshToken_;
  }
  /// Not the same token and refresh token.
  friend bool operator!=(const Session& a, const Session& b) { return !(a == b); }

 private:
  Session() = default;

  std::string token_;
  std::string refreshToken_;
  std::string userId_;
  std::string username_;
  StringMap vars_;
  bool created_ = false;
  Timestamp expireTime_{};
  Timestamp refreshExpireTime_{};
};

}  // namespace nakama
