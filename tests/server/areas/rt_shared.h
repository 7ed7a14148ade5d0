// Helpers shared by the realtime areas (rt_channels, rt_status, rt_matches, rt_matchmaker, rt_parties):
// per-server shared objects, UserPresence JSON, and the services one realtime area offers another.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <typeinfo>
#include <vector>

#include "core/server_api.h"

namespace nakama::testserver {

// ---- per-server objects -----------------------------------------------------------------------------
// An object of type T shared by the areas of one server: created on first use, owned by that server
// (released when it is destroyed), so a later server at the same address starts afresh.
std::shared_ptr<void> perServerSlot(AreaContext& ctx, const std::type_info& type,
                                    const std::function<std::shared_ptr<void>()>& make);

// Areas keep the returned pointer (captured by their handlers and hooks) instead of looking it up again
// later: hooks may run while the server shuts down.
template <class T>
std::shared_ptr<T> perServer(AreaContext& ctx) {
  auto slot = perServerSlot(ctx, typeid(T), [] { return std::static_pointer_cast<void>(std::make_shared<T>()); });
  return std::static_pointer_cast<T>(slot);
}

// ---- ids --------------------------------------------------------------------------------------------
// A UUID the way Nakama's UUID parser reads it (canonical 8-4-4-4-12, 32 hex digits, either of those in
// braces, or after "urn:uuid:"; hex digits in any case), as canonical lowercase text; nullopt otherwise.
std::optional<std::string> parseUuid(const std::string& text);

// ---- presences --------------------------------------------------------------------------------------
// One session of a user, as it appears in realtime messages.
struct PresenceRef {
  std::string userId;
  std::string sessionId;
  std::string username;

  bool operator==(const PresenceRef& o) const { return sessionId == o.sessionId && userId == o.userId; }
};

inline PresenceRef presenceOf(const RtSession& s) { return PresenceRef{s.userId, s.sessionId, s.username}; }

// rtapi.UserPresence in proto field order; `persistence` omitted when false, `status` written when set.
Json presenceJson(const PresenceRef& p, bool persistence = false,
                  const std::optional<std::string>& status = std::nullopt);

// A UserPresence given by the client (party_promote/accept/remove, match_data_send filters). Unknown
// fields close the socket like any other malformed payload.
PresenceRef readPresence(const Json& obj);

// JSON number the way protojson prints a double (`11`, `10.5`).
Json doubleJson(double v);

// ---- reading other areas' state through their REST routes ------------------------------------------
// Calls the route `method path` of this server as user `userId` (no token involved) and returns the
// parsed response body, or nullopt when there is no such route or it answered with an error. Used to
// read state other areas keep private (group membership, blocked users).
std::optional<Json> callRoute(AreaContext& ctx, const std::string& userId, const std::string& method,
                              const std::string& path, const std::map<std::string, std::string>& query = {});

// The caller's membership state in a group (0 superadmin .. 3 join request), or nullopt when the user is
// not in the group (banned users included), per GET /v2/user/{user_id}/group of the groups area.
std::optional<int> groupMembership(AreaContext& ctx, const std::string& userId, const std::string& groupId);

// Whether `userId` has blocked `otherId` (GET /v2/friend?state=3 of the friends area).
bool hasBlocked(AreaContext& ctx, const std::string& userId, const std::string& otherId);

// ---- matchmaker parameters (matchmaker_add and party_matchmaker_add) ---------------------------------
struct MatchmakerParams {
  int minCount = 0;
  int maxCount = 0;
  std::string query;
  std::map<std::string, std::string> stringProperties;
  std::map<std::string, double> numericProperties;
  std::optional<int> countMultiple;
};

// Reads and validates min_count, max_count, query, string_properties, numeric_properties and
// count_multiple (throws RealtimeError code 3 with the server's messages; an empty query means `*`).
MatchmakerParams readMatchmakerParams(const Json& payload);

// ---- services between the realtime areas -------------------------------------------------------------
struct RtServices {
  // rt_matchmaker: validates the parameters (throws RealtimeError like matchmaker_add) and adds a party
  // ticket for `members` (the party's current presences). Returns the ticket id.
  std::function<std::string(const std::string& partyId, const std::vector<PresenceRef>& members,
                            const MatchmakerParams& params)>
      addPartyTicket;
  // rt_matchmaker: removes one party ticket; false when the party has no such ticket.
  std::function<bool(const std::string& partyId, const std::string& ticket)> removePartyTicket;
  // rt_matchmaker: drops every ticket of a party (membership changed, party closed).
  std::function<void(const std::string& partyId)> removePartyTickets;
  // rt_channels: records a group membership event in the group's channel: a persistent
  // message with `code` (3 join, 4 add, 5 leave, 6 kick, 7 promote, 8 ban, 9 demote), content "{}",
  // sent by the affected user, and broadcast to the channel's members. For the groups area:
  //   auto services = perServer<RtServices>(ctx);   // at registration; capture `services`
  //   if (services->groupChannelEvent) services->groupChannelEvent(groupId, userId, 3);
  std::function<void(const std::string& groupId, const std::string& userId, int code)> groupChannelEvent;
};

}  // namespace nakama::testserver
