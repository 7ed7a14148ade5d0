#pragma once

// JSON mapping of the realtime messages (docs/PROTOCOL.md §8): decoders for everything the server sends,
// encoders for what the client sends. Same rules as the REST mapping (src/core/json.h).

#include "core/channel_message_json.h"
#include "core/json.h"
#include "core/notification_json.h"
#include "nakama/error.h"
#include "nakama/rt_models.h"

namespace nakama {

void from_json(const internal::Json& j, UserPresence& out);
void from_json(const internal::Json& j, Channel& out);
void from_json(const internal::Json& j, ChannelMessageAck& out);
void from_json(const internal::Json& j, ChannelPresenceEvent& out);
void from_json(const internal::Json& j, Match& out);
void from_json(const internal::Json& j, MatchData& out);
void from_json(const internal::Json& j, MatchPresenceEvent& out);
void from_json(const internal::Json& j, MatchmakerTicket& out);
void from_json(const internal::Json& j, MatchmakerUser& out);
void from_json(const internal::Json& j, MatchmakerMatched& out);
void from_json(const internal::Json& j, Party& out);
void from_json(const internal::Json& j, PartyPresenceEvent& out);
void from_json(const internal::Json& j, PartyLeader& out);
void from_json(const internal::Json& j, PartyJoinRequest& out);
void from_json(const internal::Json& j, PartyData& out);
void from_json(const internal::Json& j, PartyMatchmakerTicket& out);
void from_json(const internal::Json& j, PartyClose& out);
void from_json(const internal::Json& j, Status& out);
void from_json(const internal::Json& j, StatusPresenceEvent& out);
void from_json(const internal::Json& j, Stream& out);
void from_json(const internal::Json& j, StreamData& out);
void from_json(const internal::Json& j, StreamPresenceEvent& out);
void from_json(const internal::Json& j, Rpc& out);

}  // namespace nakama

namespace nakama::internal {

/// The `notifications` push: `{"notifications":[...]}`.
std::vector<Notification> decodeNotifications(const Json& j);

/// The models a server event carries: one, except for notifications, which come in batches.
template <class Model>
std::vector<Model> decodeEvents(const Json& j) {
  return {decodeAs<Model>(j)};
}
template <>
inline std::vector<Notification> decodeEvents<Notification>(const Json& j) {
  return decodeNotifications(j);
}

/// An `error` envelope payload (`{"code":3,"message":"...","context":{...}}`) as kServerError.
Error decodeRealtimeError(const Json& j);

/// `{"user_id","session_id","username"}` (the fields the server matches presences on).
Json encodePresence(const UserPresence& presence);
Json encodePresences(const std::vector<UserPresence>& presences);
/// Fields of matchmaker_add / party_matchmaker_add.
void encodeMatchmakerQuery(Json& j, const MatchmakerQuery& query);

}  // namespace nakama::internal
