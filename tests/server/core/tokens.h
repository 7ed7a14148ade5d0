// Session and refresh tokens: HS256 JWTs plus the in-memory whitelist a real server keeps
// (LocalSessionCache). A token is valid when its signature checks, it has not expired and it is still
// in the whitelist (not logged out, not issued by a previous server instance).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "core/util.h"
#include "test_server.h"

namespace nakama::testserver {

struct TokenClaims {
  std::string tokenId;                      // `tid`: one per login; the refresh token shares it with its first session
  std::string userId;                       // `uid`
  std::string username;                     // `usn`
  std::map<std::string, std::string> vars;  // `vrs`
  std::int64_t expiresAt = 0;               // `exp`
  std::int64_t issuedAt = 0;                // `iat`
};

struct IssuedSession {
  std::string token;
  std::string refreshToken;
  TokenClaims claims;
};

// HS256 JWT helpers (base64url without padding).
std::string signJwt(const std::string& payloadJson, const std::string& key);
// Returns the payload JSON text when the signature is valid for `key`.
std::optional<std::string> verifyJwt(const std::string& token, const std::string& key);

class Tokens {
 public:
  Tokens(const ServerConfig& config, const Clock& clock) : config_(config), clock_(clock) {}

  // Login: a new token id, a session token and a refresh token, both whitelisted.
  IssuedSession issue(const std::string& userId, const std::string& username,
                      const std::map<std::string, std::string>& vars);
  // Refresh: a new session token (new token id) for an already verified refresh token.
  std::string refresh(const TokenClaims& refreshClaims, const std::string& username,
                      const std::map<std::string, std::string>& vars);

  // Signature + expiry + whitelist.
  std::optional<TokenClaims> verifySession(const std::string& token) const;
  std::optional<TokenClaims> verifyRefresh(const std::string& token) const;
  // Signature only (logout accepts expired tokens of the caller).
  std::optional<TokenClaims> parseSession(const std::string& token) const;
  std::optional<TokenClaims> parseRefresh(const std::string& token) const;

  void revokeSession(const std::string& userId, const std::string& tokenId);
  void revokeRefresh(const std::string& userId, const std::string& tokenId);
  void revokeUser(const std::string& userId);  // every session and refresh token of the user
  void revokeAll();                            // like a server restart
  // Fault injection's restart: revokeAll() and new signing keys, so old tokens fail their signature too.
  void rotateKeys();

 private:
  std::string sessionKey() const;
  std::string refreshKey() const;
  std::string make(const TokenClaims& claims, const std::string& key) const;
  std::optional<TokenClaims> parse(const std::string& token, const std::string& key) const;

  const ServerConfig& config_;
  const Clock& clock_;
  std::set<std::pair<std::string, std::string>> sessions_;   // (userId, tokenId)
  std::set<std::pair<std::string, std::string>> refreshes_;  // (userId, tokenId)
  int keyEpoch_ = 0;
};

}  // namespace nakama::testserver
