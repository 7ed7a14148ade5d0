#include "core/tokens.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/json_util.h"

namespace nakama::testserver {

namespace {

const char* kJwtHeader = R"({"alg":"HS256","typ":"JWT"})";

std::string hmacSha256(const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

}  // namespace

std::string signJwt(const std::string& payloadJson, const std::string& key) {
  std::string signingInput = base64Encode(kJwtHeader, true, false) + "." + base64Encode(payloadJson, true, false);
  return signingInput + "." + base64Encode(hmacSha256(key, signingInput), true, false);
}

std::optional<std::string> verifyJwt(const std::string& token, const std::string& key) {
  auto dot1 = token.find('.');
  if (dot1 == std::string::npos) return std::nullopt;
  auto dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos) return std::nullopt;
  auto header = base64Decode(token.substr(0, dot1));
  auto payload = base64Decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = base64Decode(token.substr(dot2 + 1));
  if (!header || !payload || !signature) return std::nullopt;
  Json h = Json::parse(*header, nullptr, false);
  if (!h.is_object() || h.value("alg", "") != "HS256") return std::nullopt;
  std::string expected = hmacSha256(key, token.substr(0, dot2));
  if (expected.size() != signature->size() || CRYPTO_memcmp(expected.data(), signature->data(), expected.size()) != 0)
    return std::nullopt;
  return payload;
}

std::string Tokens::make(const TokenClaims& c, const std::string& key) const {
  // Field order of SessionTokenClaims; Go's json.Marshal sorts the vrs map keys (std::map does too).
  Json claims = Json::object();
  claims["tid"] = c.tokenId;
  claims["uid"] = c.userId;
  if (!c.username.empty()) claims["usn"] = c.username;
  if (!c.vars.empty()) {
    Json vrs = Json::object();
    for (const auto& [k, v] : c.vars) vrs[k] = v;
    claims["vrs"] = vrs;
  }
  claims["exp"] = c.expiresAt;
  claims["iat"] = c.issuedAt;
  return signJwt(goJson(claims), key);
}

std::optional<TokenClaims> Tokens::parse(const std::string& token, const std::string& key) const {
  auto payload = verifyJwt(token, key);
  if (!payload) return std::nullopt;
  Json p = Json::parse(*payload, nullptr, false);
  if (!p.is_object()) return std::nullopt;
  TokenClaims c;
  try {
    c.tokenId = getString(p, "tid");
    c.userId = getString(p, "uid");
    c.username = getString(p, "usn");
    c.vars = getStringMap(p, "vrs");
    c.expiresAt = getInt64(p, "exp");
    c.issuedAt = getInt64(p, "iat");
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (c.userId.empty()) return std::nullopt;
  return c;
}

IssuedSession Tokens::issue(const std::string& userId, const std::string& username,
                            const std::map<std::string, std::string>& vars) {
  IssuedSession out;
  TokenClaims c;
  c.tokenId = newUuid();
  c.userId = userId;
  c.username = username;
  c.vars = vars;
  c.issuedAt = clock_.unix();
  c.expiresAt = c.issuedAt + config_.tokenExpiry.count();
  out.token = make(c, sessionKey());
  out.claims = c;
  TokenClaims r = c;
  r.expiresAt = c.issuedAt + config_.refreshTokenExpiry.count();
  out.refreshToken = make(r, refreshKey());
  sessions_.insert({userId, c.tokenId});
  refreshes_.insert({userId, c.tokenId});
  return out;
}

std::string Tokens::refresh(const TokenClaims& refreshClaims, const std::string& username,
                            const std::map<std::string, std::string>& vars) {
  TokenClaims c;
  c.tokenId = newUuid();
  c.userId = refreshClaims.userId;
  c.username = username;
  c.vars = vars;
  c.issuedAt = clock_.unix();
  c.expiresAt = c.issuedAt + config_.tokenExpiry.count();
  sessions_.insert({c.userId, c.tokenId});
  return make(c, sessionKey());
}

std::optional<TokenClaims> Tokens::parseSession(const std::string& token) const { return parse(token, sessionKey()); }
std::optional<TokenClaims> Tokens::parseRefresh(const std::string& token) const { return parse(token, refreshKey()); }

std::optional<TokenClaims> Tokens::verifySession(const std::string& token) const {
  auto c = parseSession(token);
  if (!c || c->expiresAt <= clock_.unix() || !sessions_.count({c->userId, c->tokenId})) return std::nullopt;
  return c;
}

std::optional<TokenClaims> Tokens::verifyRefresh(const std::string& token) const {
  auto c = parseRefresh(token);
  if (!c || c->expiresAt <= clock_.unix() || !refreshes_.count({c->userId, c->tokenId})) return std::nullopt;
  return c;
}

void Tokens::revokeSession(const std::string& userId, const std::string& tokenId) {
  sessions_.erase({userId, tokenId});
}
void Tokens::revokeRefresh(const std::string& userId, const std::string& tokenId) {
  refreshes_.erase({userId, tokenId});
}

void Tokens::revokeUser(const std::string& userId) {
  for (auto* set : {&sessions_, &refreshes_}) {
    for (auto it = set->begin(); it != set->end();) {
      it = it->first == userId ? set->erase(it) : std::next(it);
    }
  }
}

void Tokens::revokeAll() {
  sessions_.clear();
  refreshes_.clear();
}

void Tokens::rotateKeys() {
  revokeAll();
  ++keyEpoch_;
}

std::string Tokens::sessionKey() const {
  return keyEpoch_ == 0 ? config_.encryptionKey : config_.encryptionKey + "#" + std::to_string(keyEpoch_);
}

std::string Tokens::refreshKey() const {
  return keyEpoch_ == 0 ? config_.refreshEncryptionKey : config_.refreshEncryptionKey + "#" + std::to_string(keyEpoch_);
}

}  // namespace nakama::testserver
