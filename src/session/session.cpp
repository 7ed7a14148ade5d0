#include "nakama/session.h"

#include "core/codec.h"
#include "core/json.h"
#include "core/log.h"

namespace nakama {

namespace {

struct Claims {
  std::string userId;
  std::string username;
  StringMap vars;
  Timestamp expires{};
};

Result<Claims> parseJwt(const std::string& token, const char* what) {
  const auto first = token.find('.');
  const auto second = first == std::string::npos ? std::string::npos : token.find('.', first + 1);
  if (first == std::string::npos || second == std::string::npos || token.find('.', second + 1) != std::string::npos) {
    return Error{ErrorKind::kInvalidArgument, std::string(what) + " is not a JWT (expected three dot-separated parts)"};
  }
  // A JWT is base64url text: anything else (other bytes, invalid UTF-8) is refused here, so that a restored
  // session can always be serialized and sent.
  for (const char c : token) {  // compared with ASCII only: the sign of char does not matter
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && c != '-' && c != '_' && c != '.' && c != '=')
      return Error{ErrorKind::kInvalidArgument, std::string(what) + " contains characters a JWT cannot contain"};
  }
  auto payload = internal::base64Decode(std::string_view(token).substr(first + 1, second - first - 1));
  if (!payload) return Error{ErrorKind::kInvalidArgument, std::string(what) + " has a payload that is not base64url"};
  const auto document = internal::tryParseJson(*payload);
  const internal::JsonValue json = document ? document->root() : internal::JsonValue();
  if (!json.isObject())
    return Error{ErrorKind::kInvalidArgument, std::string(what) + " has a payload that is not a JSON object"};
  Claims claims;
  try {
    std::int64_t exp = 0;
    internal::read(json, "uid", claims.userId);
    internal::read(json, "usn", claims.username);
    internal::read(json, "vrs", claims.vars);
    internal::read(json, "exp", exp);
    if (exp <= 0) return Error{ErrorKind::kInvalidArgument, std::string(what) + " has no expiry (exp claim)"};
    claims.expires = internal::fromUnixSeconds(exp);  // saturates instead of overflowing the clock
  } catch (const std::exception& e) {
    return Error{ErrorKind::kInvalidArgument,
                 std::string(what) + " has malformed claims: " + internal::redactSecrets(e.what())};
  }
  return claims;
}

constexpr char kSerializedPrefix[] = "nakama-session-v1";

}  // namespace

Result<Session> Session::restore(const std::string& token, const std::string& refreshToken, bool created) {
  auto claims = parseJwt(token, "the session token");
  if (!claims.ok()) return claims.error();
  Session session;
  session.token_ = token;
  session.userId_ = claims->userId;
  session.username_ = claims->username;
  session.vars_ = claims->vars;
  session.expireTime_ = claims->expires;
  session.created_ = created;
  if (!refreshToken.empty()) {
    auto refresh = parseJwt(refreshToken, "the refresh token");
    if (!refresh.ok()) return refresh.error();
    session.refreshToken_ = refreshToken;
    session.refreshExpireTime_ = refresh->expires;
  }
  return session;
}

std::string Session::serialize() const {
  internal::Json json = {{"v", kSerializedPrefix}, {"token", token_}, {"refresh_token", refreshToken_}};
  if (created_) json["created"] = true;
  return json.dump(-1, ' ', false, internal::Json::error_handler_t::replace);  // never throws
}

Result<Session> Session::deserialize(const std::string& data) {
  const auto document = internal::tryParseJson(data);
  const internal::JsonValue json = document ? document->root() : internal::JsonValue();
  if (internal::stringMember(json, "v") != kSerializedPrefix) {
    return Error{ErrorKind::kInvalidArgument, "not a serialized nakama session"};
  }
  std::string token, refreshToken;
  bool created = false;
  try {
    internal::read(json, "token", token);
    internal::read(json, "refresh_token", refreshToken);
    internal::read(json, "created", created);
  } catch (const std::exception& e) {
    return Error{ErrorKind::kInvalidArgument,
                 std::string("malformed serialized session: ") + internal::redactSecrets(e.what())};
  }
  return restore(token, refreshToken, created);
}

bool Session::isExpired(Timestamp now) const { return now >= expireTime_; }

bool Session::isRefreshExpired(Timestamp now) const { return refreshToken_.empty() || now >= refreshExpireTime_; }

bool Session::expiresWithin(std::chrono::seconds window, Timestamp now) const { return now + window >= expireTime_; }

bool Session::canRefresh(Timestamp now) const { return !isRefreshExpired(now); }

}  // namespace nakama
