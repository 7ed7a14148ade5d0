#pragma once

// JSON mapping of the realtime messages (docs/PROTOCOL.md §8): decoders for everything the server sends,
// encoders for what the client sends. Same rules as the REST mapping (src/core/json.h).

#include "core/channel_message_json.h"
#include "core/json.h"
#include "core/notification_json.h"
#include "nakama/error.h"
#include "nakama/rt_models.h"

namespace nakama {

void from_json(const internal::JsonValue& j, UserPresence& out);
void from_json(const internal::JsonValue& j, Channel& out);
void from_json(const internal::JsonValue& j, ChannelMessageAck& out);
void from_json(const internal::JsonValue& j, ChannelPresenceEvent& out);
void from_json(const internal::JsonValue& j, Match& out);
void from_json(const internal::JsonValue& j, MatchData& out);
void from_json(const internal::JsonValue& j, MatchPresenceEvent& out);
void from_json(const internal::JsonValue& j, MatchmakerTicket& out);
void from_json(const internal::JsonValue& j, MatchmakerUser& out);
void from_json(const internal::JsonValue& j, MatchmakerMatched& out);
void from_json(const internal::JsonValue& j, Party& out);
void from_json(const internal::JsonValue& j, PartyPresenceEvent& out);
void from_json(const internal::JsonValue& j, PartyLeader& out);
void from_json(const internal::JsonValue& j, PartyJoinRequest& out);
void from_json(const internal::JsonValue& j, PartyData& out);
void from_json(const internal::JsonValue& j, PartyMatchmakerTicket& out);
void from_json(const internal::JsonValue& j, PartyClose& out);
void from_json(const internal::JsonValue& j, Status& out);
void from_json(const internal::JsonValue& j, StatusPresenceEvent& out);
void from_json(const internal::JsonValue& j, Stream& out);
void from_json(const internal::JsonValue& j, StreamData& out);
void from_json(const internal::JsonValue& j, StreamPresenceEvent& out);
void from_json(const internal::JsonValue& j, Rpc& out);

}  // namespace nakama

namespace nakama::internal {

/// The `notifications` push: `{"notifications":[...]}`.
std::vector<Notification> decodeNotifications(const JsonValue& j);

/// The models a server event carries: one, except for notifications, which come in batches.
template <class Model>
std::vector<Model> decodeEvents(const JsonValue& j) {
  return {decodeAs<Model>(j)};
}
template <>
inline std::vector<Notification> decodeEvents<Notification>(const JsonValue& j) {
  return decodeNotifications(j);
}

/// An `error` envelope payload (`{"code":3,"message":"...","context":{...}}`) as kServerError.
Error decodeRealtimeError(const JsonValue& j);

/// `{"user_id","session_id","username"}` (the fields the server matches presences on).
Json encodePresence(const UserPresence& presence);
Json encodePresences(const std::vector<UserPresence>& presences);
/// Fields of matchmaker_add / party_matchmaker_add.
void encodeMatchmakerQuery(Json& j, const MatchmakerQuery& query);

}  // namespace nakama::internal
