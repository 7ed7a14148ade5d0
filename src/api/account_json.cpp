#include "api/account_json.h"

#include "api/users_json.h"

namespace nakama {

void from_json(const internal::JsonValue& j, AccountDevice& out) {
  internal::read(j, "id", out.id);
  internal::read(j, "vars", out.vars);
}

void from_json(const internal::JsonValue& j, Account& out) {
  using internal::read;
  read(j, "user", out.user);
  read(j, "wallet", out.wallet);
  read(j, "email", out.email);
  read(j, "devices", out.devices);
  read(j, "custom_id", out.customId);
  read(j, "verify_time", out.verifyTime);
  read(j, "disable_time", out.disableTime);
}

namespace internal {

Json accountUpdateBody(const AccountUpdate& update) {
  Json body = Json::object();
  writeOptional(body, "username", update.username);
  writeOptional(body, "display_name", update.displayName);
  writeOptional(body, "avatar_url", update.avatarUrl);
  writeOptional(body, "lang_tag", update.langTag);
  writeOptional(body, "location", update.location);
  writeOptional(body, "timezone", update.timezone);
  return body;
}

Json gameCenterBody(const GameCenterCredentials& credentials) {
  Json body = Json::object();
  body["player_id"] = credentials.playerId;
  body["bundle_id"] = credentials.bundleId;
  body["timestamp_seconds"] = int64String(credentials.timestampSeconds);
  body["salt"] = credentials.salt;
  body["signature"] = credentials.signature;
  body["public_key_url"] = credentials.publicKeyUrl;
  return body;
}

}  // namespace internal

}  // namespace nakama
