#include "realtime/rt_json.h"

#include "core/codec.h"

namespace nakama {

using internal::DecodeError;
using internal::Json;
using internal::JsonValue;
using internal::read;

namespace {
// Binary fields: standard base64 on output; both alphabets, padded or not, accepted.
void readBytes(const JsonValue& j, const char* key, std::string& out) {
  std::string encoded;
  read(j, key, encoded);
  auto decoded = internal::base64Decode(encoded);
  if (!decoded) throw DecodeError(std::string("field '") + key + "': invalid base64");
  out = std::move(*decoded);
}
}  // namespace

void from_json(const JsonValue& j, UserPresence& out) {
  read(j, "user_id", out.userId);
  read(j, "session_id", out.sessionId);
  read(j, "username", out.username);
  read(j, "persistence", out.persistence);
  read(j, "status", out.status);
}

void from_json(const JsonValue& j, Channel& out) {
  read(j, "id", out.id);
  read(j, "presences", out.presences);
  read(j, "self", out.self);
  internal::readChannelTarget(j, out);
}

void from_json(const JsonValue& j, ChannelMessageAck& out) {
  read(j, "channel_id", out.channelId);
  read(j, "message_id", out.messageId);
  read(j, "code", out.code);
  read(j, "username", out.username);
  read(j, "create_time", out.createTime);
  read(j, "update_time", out.updateTime);
  read(j, "persistent", out.persistent);
  internal::readChannelTarget(j, out);
}

void from_json(const JsonValue& j, ChannelPresenceEvent& out) {
  read(j, "channel_id", out.channelId);
  read(j, "joins", out.joins);
  read(j, "leaves", out.leaves);
  internal::readChannelTarget(j, out);
}

void from_json(const JsonValue& j, Match& out) {
  read(j, "match_id", out.matchId);
  read(j, "authoritative", out.authoritative);
  read(j, "label", out.label);
  read(j, "size", out.size);
  read(j, "presences", out.presences);
  read(j, "self", out.self);
}

void from_json(const JsonValue& j, MatchData& out) {
  read(j, "match_id", out.matchId);
  read(j, "presence", out.presence);
  read(j, "op_code", out.opCode);
  readBytes(j, "data", out.data);
  read(j, "reliable", out.reliable);
}

void from_json(const JsonValue& j, MatchPresenceEvent& out) {
  read(j, "match_id", out.matchId);
  read(j, "joins", out.joins);
  read(j, "leaves", out.leaves);
}

void from_json(const JsonValue& j, MatchmakerTicket& out) { read(j, "ticket", out.ticket); }

void from_json(const JsonValue& j, MatchmakerUser& out) {
  read(j, "presence", out.presence);
  read(j, "party_id", out.partyId);
  read(j, "string_properties", out.stringProperties);
  read(j, "numeric_properties", out.numericProperties);
}

void from_json(const JsonValue& j, MatchmakerMatched& out) {
  read(j, "ticket", out.ticket);
  read(j, "match_id", out.matchId);
  read(j, "token", out.token);
  read(j, "users", out.users);
  read(j, "self", out.self);
}

void from_json(const JsonValue& j, Party& out) {
  read(j, "party_id", out.partyId);
  read(j, "open", out.open);
  read(j, "max_size", out.maxSize);
  read(j, "self", out.self);
  read(j, "leader", out.leader);
  read(j, "presences", out.presences);
}

void from_json(const JsonValue& j, PartyPresenceEvent& out) {
  read(j, "party_id", out.partyId);
  read(j, "joins", out.joins);
  read(j, "leaves", out.leaves);
}

void from_json(const JsonValue& j, PartyLeader& out) {
  read(j, "party_id", out.partyId);
  read(j, "presence", out.presence);
}

void from_json(const JsonValue& j, PartyJoinRequest& out) {
  read(j, "party_id", out.partyId);
  read(j, "presences", out.presences);
}

void from_json(const JsonValue& j, PartyData& out) {
  read(j, "party_id", out.partyId);
  read(j, "presence", out.presence);
  read(j, "op_code", out.opCode);
  readBytes(j, "data", out.data);
}

void from_json(const JsonValue& j, PartyMatchmakerTicket& out) {
  read(j, "party_id", out.partyId);
  read(j, "ticket", out.ticket);
}

void from_json(const JsonValue& j, PartyClose& out) { read(j, "party_id", out.partyId); }

void from_json(const JsonValue& j, Status& out) { read(j, "presences", out.presences); }

void from_json(const JsonValue& j, StatusPresenceEvent& out) {
  read(j, "joins", out.joins);
  read(j, "leaves", out.leaves);
}

void from_json(const JsonValue& j, Stream& out) {
  read(j, "mode", out.mode);
  read(j, "subject", out.subject);
  read(j, "subcontext", out.subcontext);
  read(j, "label", out.label);
}

void from_json(const JsonValue& j, StreamData& out) {
  read(j, "stream", out.stream);
  read(j, "sender", out.sender);
  read(j, "data", out.data);
  read(j, "reliable", out.reliable);
}

void from_json(const JsonValue& j, StreamPresenceEvent& out) {
  read(j, "stream", out.stream);
  read(j, "joins", out.joins);
  read(j, "leaves", out.leaves);
}

void from_json(const JsonValue& j, Rpc& out) {
  read(j, "id", out.id);
  read(j, "payload", out.payload);
}

}  // namespace nakama

namespace nakama::internal {

std::vector<Notification> decodeNotifications(const JsonValue& j) {
  if (!j.isObject()) throw DecodeError("expected a JSON object");
  std::vector<Notification> out;
  read(j, "notifications", out);
  return out;
}

Error decodeRealtimeError(const JsonValue& j) {
  if (!j.isObject()) throw DecodeError("expected a JSON object");
  std::int32_t code = 0;
  std::string message;
  StringMap context;
  read(j, "code", code);
  read(j, "message", message);
  read(j, "context", context);
  Error error{ErrorKind::kServerError, message};
  error.realtimeCode = static_cast<RealtimeCode>(code);
  error.context = std::move(context);
  return error;
}

Json encodePresence(const UserPresence& presence) {
  Json j = Json::object();
  writeNonEmpty(j, "user_id", presence.userId);
  writeNonEmpty(j, "session_id", presence.sessionId);
  writeNonEmpty(j, "username", presence.username);
  return j;
}

Json encodePresences(const std::vector<UserPresence>& presences) {
  Json list = Json::array();
  for (const auto& presence : presences) list.push_back(encodePresence(presence));
  return list;
}

void encodeMatchmakerQuery(Json& j, const MatchmakerQuery& query) {
  j["min_count"] = query.minCount;
  j["max_count"] = query.maxCount;
  j["query"] = query.query;
  if (!query.stringProperties.empty()) j["string_properties"] = query.stringProperties;
  if (!query.numericProperties.empty()) j["numeric_properties"] = query.numericProperties;
  if (query.countMultiple) j["count_multiple"] = *query.countMultiple;
}

}  // namespace nakama::internal
