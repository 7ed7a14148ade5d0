// Parties: party_create / _join / _leave / _promote / _accept / _remove / _close / _join_request_list /
// _matchmaker_add / _matchmaker_remove / _data_send and every party push, as Nakama 3.15.0 does them (see
// tests/server/README.md, "Realtime: chat, status, parties, socket").
//
// * Party ids are "<uuid>.<node>" ("<uuid>.nakama1" here). max_size must be 0-256 ("Invalid party max
//   size, must be 1-256"; 0 passes the check and makes a party that is already full). The creator is the
//   leader and gets the `party` reply plus its own party_presence_event join.
// * Errors from the party itself are code 3 "Error <operation>: <reason>" (kJoin... below; removing a
//   matchmaker ticket reuses "Error closing party: "). Request checks ("Invalid party ID", "Invalid
//   presence", matchmaker counts, "Invalid matchmaker ticket") come first and have no prefix.
// * Open party: party_join makes you a member: the members get a party_presence_event join, you get the
//   ack, then `party`, then the join event. Closed party: the leader gets party_join_request with your
//   presence. Requests are not de-duplicated (members may ask too) and at most max_size are pending
//   ("party join requests full"); they stay after the asker leaves or disconnects. The leader's party_accept
//   makes the asker a member ("party could not accept request" when its socket is gone); party_remove rejects.
// * A join that finds you already a member changes nothing but keeps a place reserved, as 3.15 does
//   ("joins in progress" count against max_size until the party ends).
// * Leader only ("party leader only"): promote, accept, remove, close, join_request_list,
//   matchmaker_add/remove. Promote pushes party_leader to every member before the ack; close pushes
//   party_close to every member before the ack; a removed member receives party_close.
// * A member leaving (or disconnecting) sends a leave event to the others; when the leader leaves the
//   oldest remaining member becomes leader (party_leader); the last one out ends the party.
// * party_data_send relays to the other members (not the sender). party_matchmaker_add makes a ticket for
//   all current members (rt_matchmaker): the leader gets the reply, the other members the same message
//   pushed. Membership changes drop the party's tickets.
#include <algorithm>

#include "areas/rt_shared.h"

namespace nakama::testserver {

namespace {

// The operation prefixes of party errors.
constexpr const char* kJoin = "Error joining party: ";
constexpr const char* kPromote = "Error promoting new party leader: ";
constexpr const char* kAccept = "Error accepting party join request: ";
constexpr const char* kRemove = "Error removing party member or join request: ";
constexpr const char* kClose = "Error closing party: ";
constexpr const char* kList = "Error listing party join requests: ";
constexpr const char* kMatchmakerAdd = "Error adding party to matchmaker: ";
constexpr const char* kMatchmakerRemove = "Error closing party: ";  // sic: 3.15 reuses the close prefix
constexpr const char* kDataSend = "Error sending party data: ";

[[noreturn]] void fail(const char* operation, const std::string& reason) {
  throw RealtimeError(RtCode::kBadInput, operation + reason);
}

struct PartyEntry {
  std::string uuid;  // canonical, the key in PartiesState::parties
  std::string id;    // "<uuid>.<node>"
  bool open = false;
  int maxSize = 0;
  PresenceRef leader;
  std::vector<PresenceRef> members;          // join order, leader included
  std::vector<PresenceRef> requests;         // closed party: pending join requests (duplicates allowed)
  std::vector<std::string> joinsInProgress;  // sessions admitted but not (newly) joined: see the header

  PresenceRef* member(const std::string& sessionId) {
    for (auto& m : members) {
      if (m.sessionId == sessionId) return &m;
    }
    return nullptr;
  }
  bool full() const { return members.size() + joinsInProgress.size() >= static_cast<std::size_t>(maxSize); }
  bool isLeader(const RtSession& s) const { return leader.sessionId == s.sessionId; }
};

struct PartiesState {
  std::map<std::string, PartyEntry> parties;  // by canonical party UUID
};

Json presenceList(const std::vector<PresenceRef>& list) {
  Json out = Json::array();
  for (const auto& p : list) out.push_back(presenceJson(p));
  return out;
}

// Parties compare presences by user id, session id and username.
bool samePresence(const PresenceRef& a, const PresenceRef& b) {
  return a.userId == b.userId && a.sessionId == b.sessionId && a.username == b.username;
}

// The `presence` of promote/accept/remove: all three ids are required.
PresenceRef requirePresence(const Json& payload) {
  const Json* presence = getObject(payload, "presence");
  PresenceRef p = presence ? readPresence(*presence) : PresenceRef{};
  if (p.userId.empty() || p.sessionId.empty() || p.username.empty())
    throw RealtimeError(RtCode::kBadInput, "Invalid presence");
  return p;
}

// "<uuid>.<node>": the canonical UUID and the node (anything after the first dot, possibly empty).
std::pair<std::string, std::string> requirePartyId(const Json& payload) {
  const std::string id = getString(payload, "party_id");
  const std::size_t dot = id.find('.');
  auto uuid = dot == std::string::npos ? std::nullopt : parseUuid(id.substr(0, dot));
  if (!uuid) throw RealtimeError(RtCode::kBadInput, "Invalid party ID");
  return {*uuid, id.substr(dot + 1)};
}

// What the matchmaker says when it refuses a party ticket (the runtime error text 3.15 puts after the
// prefix); rt_matchmaker reports its own refusals with matchmaker_add's wording.
std::string matchmakerReason(const std::string& message) {
  if (message == "Too many matchmaker tickets") return "matchmaker too many tickets";
  return message;
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(rt_parties) {
  auto state = std::make_shared<PartiesState>();
  auto services = perServer<RtServices>(ctx);

  auto send = [&ctx](const std::vector<PresenceRef>& to, const Json& env, const std::string& exceptSession = "") {
    const std::vector<PresenceRef> targets = to;
    for (const auto& p : targets) {
      if (p.sessionId != exceptSession) ctx.realtime.send(p.sessionId, env);
    }
  };

  auto partyJson = [](const PartyEntry& p, const PresenceRef& self) {
    Json out = Json::object();
    out["party_id"] = p.id;
    setIfTrue(out, "open", p.open);
    setIfNotZero(out, "max_size", p.maxSize);
    out["self"] = presenceJson(self);
    out["leader"] = presenceJson(p.leader);
    setIfNotEmpty(out, "presences", presenceList(p.members));
    return out;
  };

  auto presenceEvent = [](const PartyEntry& p, const std::vector<PresenceRef>& joins,
                          const std::vector<PresenceRef>& leaves) {
    Json ev = Json::object();
    ev["party_id"] = p.id;
    setIfNotEmpty(ev, "joins", presenceList(joins));
    setIfNotEmpty(ev, "leaves", presenceList(leaves));
    return Json{{"party_presence_event", ev}};
  };

  auto leaderEvent = [](const PartyEntry& p) {
    Json l = Json::object();
    l["party_id"] = p.id;
    l["presence"] = presenceJson(p.leader);
    return Json{{"party_leader", l}};
  };

  auto dropTickets = [services](const std::string& partyId) {
    if (services->removePartyTickets) services->removePartyTickets(partyId);
  };

  // The party named by the payload's party_id; errors like the server (`operation` prefixes "party not
  // found"; the leader check when `leaderOnly`).
  auto findParty = [state](const Json& payload, const char* operation, const RtSession& caller,
                           bool leaderOnly) -> PartyEntry& {
    auto [uuid, node] = requirePartyId(payload);
    auto it = node == kNodeName ? state->parties.find(uuid) : state->parties.end();
    if (it == state->parties.end()) fail(operation, "party not found");
    if (leaderOnly && !it->second.isLeader(caller)) fail(operation, "party leader only");
    return it->second;
  };

  // Makes `who` a member (its place was reserved in joinsInProgress) and sends the join notifications;
  // the caller's ack goes out through `ack` at the right moment. Someone already a member keeps the
  // reservation and nothing else happens, like 3.15.
  auto admit = [&ctx, send, partyJson, presenceEvent, dropTickets](PartyEntry& p, const PresenceRef& who,
                                                                   const std::function<void()>& ack) {
    p.joinsInProgress.push_back(who.sessionId);
    if (p.member(who.sessionId)) {
      ack();
      return;
    }
    p.joinsInProgress.erase(std::find(p.joinsInProgress.begin(), p.joinsInProgress.end(), who.sessionId));
    const std::vector<PresenceRef> before = p.members;
    p.members.push_back(who);
    dropTickets(p.id);
    const Json ev = presenceEvent(p, {who}, {});
    send(before, ev);
    ack();
    ctx.realtime.send(who.sessionId, Json{{"party", partyJson(p, who)}});
    ctx.realtime.send(who.sessionId, ev);
  };

  // Removes a member (leave, kick, disconnect). Join requests are not touched.
  auto removeMember = [state, send, presenceEvent, leaderEvent, dropTickets](const std::string& uuid,
                                                                             const std::string& sessionId) {
    auto it = state->parties.find(uuid);
    if (it == state->parties.end()) return;
    PartyEntry& p = it->second;
    auto m = std::find_if(p.members.begin(), p.members.end(),
                          [&](const PresenceRef& x) { return x.sessionId == sessionId; });
    if (m == p.members.end()) return;
    PresenceRef gone = *m;
    p.members.erase(m);
    dropTickets(p.id);
    if (p.members.empty()) {
      state->parties.erase(it);
      return;
    }
    send(p.members, presenceEvent(p, {}, {gone}));
    if (p.leader.sessionId == gone.sessionId) {
      p.leader = p.members.front();
      send(p.members, leaderEvent(p));
    }
  };

  ctx.realtime.on("party_create", [state, &ctx, partyJson, presenceEvent](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"open", "max_size"});
    const bool open = optBool(call.payload, "open").value_or(false);
    const int maxSize = optInt32(call.payload, "max_size").value_or(0);
    if (maxSize < 0 || maxSize > 256) throw RealtimeError(RtCode::kBadInput, "Invalid party max size, must be 1-256");
    const std::string uuid = newUuid();
    PartyEntry& p = state->parties[uuid];
    p.uuid = uuid;
    p.id = uuid + "." + kNodeName;
    p.open = open;
    p.maxSize = maxSize;
    p.leader = presenceOf(call.session);
    p.members = {p.leader};
    call.reply(Json{{"party", partyJson(p, p.leader)}});
    ctx.realtime.send(call.session.sessionId, presenceEvent(p, {p.leader}, {}));
  });

  ctx.realtime.on("party_join", [&ctx, findParty, admit](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id"});
    PartyEntry& p = findParty(call.payload, kJoin, call.session, false);
    const PresenceRef me = presenceOf(call.session);
    if (p.full()) fail(kJoin, "party full");
    if (p.open) {
      admit(p, me, [&call] { call.reply(); });
      return;
    }
    if (p.requests.size() >= static_cast<std::size_t>(p.maxSize)) fail(kJoin, "party join requests full");
    p.requests.push_back(me);
    Json req = Json::object();
    req["party_id"] = p.id;
    req["presences"] = presenceList({me});
    ctx.realtime.send(p.leader.sessionId, Json{{"party_join_request", req}});
    call.reply();
  });

  ctx.realtime.on("party_leave", [removeMember](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id"});
    auto [uuid, node] = requirePartyId(call.payload);
    call.reply();
    if (node == kNodeName) removeMember(uuid, call.session.sessionId);
  });

  ctx.realtime.on("party_promote", [findParty, send, leaderEvent](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id", "presence"});
    const PresenceRef target = requirePresence(call.payload);
    PartyEntry& p = findParty(call.payload, kPromote, call.session, true);
    auto m =
        std::find_if(p.members.begin(), p.members.end(), [&](const PresenceRef& x) { return samePresence(x, target); });
    if (m == p.members.end()) fail(kPromote, "party member not found");
    p.leader = *m;
    send(p.members, leaderEvent(p));
    call.reply();
  });

  ctx.realtime.on("party_accept", [&ctx, findParty, admit](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id", "presence"});
    const PresenceRef target = requirePresence(call.payload);
    PartyEntry& p = findParty(call.payload, kAccept, call.session, true);
    if (p.full()) fail(kAccept, "party full");
    auto r = std::find_if(p.requests.begin(), p.requests.end(),
                          [&](const PresenceRef& x) { return samePresence(x, target); });
    if (r == p.requests.end()) fail(kAccept, "party join request not found");
    const PresenceRef who = *r;
    p.requests.erase(r);
    // The asker's socket must still be there to join the party.
    if (!ctx.realtime.session(who.sessionId)) fail(kAccept, "party could not accept request");
    admit(p, who, [&call] { call.reply(); });
  });

  ctx.realtime.on("party_remove", [&ctx, findParty, removeMember](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id", "presence"});
    const PresenceRef target = requirePresence(call.payload);
    PartyEntry& p = findParty(call.payload, kRemove, call.session, true);
    if (samePresence(p.leader, target)) fail(kRemove, "party cannot remove self");
    const std::string partyId = p.id;
    const std::string uuid = p.uuid;
    if (auto m = std::find_if(p.members.begin(), p.members.end(),
                              [&](const PresenceRef& x) { return samePresence(x, target); });
        m != p.members.end()) {
      const std::string removed = m->sessionId;
      removeMember(uuid, removed);  // `p` may be gone afterwards
      Json c = Json::object();
      c["party_id"] = partyId;
      ctx.realtime.send(removed, Json{{"party_close", c}});
      call.reply();
      return;
    }
    auto r = std::find_if(p.requests.begin(), p.requests.end(),
                          [&](const PresenceRef& x) { return samePresence(x, target); });
    if (r == p.requests.end()) fail(kRemove, "party member not found");
    p.requests.erase(r);  // a rejected join request
    call.reply();
  });

  ctx.realtime.on("party_close", [state, findParty, send, dropTickets](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id"});
    PartyEntry& p = findParty(call.payload, kClose, call.session, true);
    Json c = Json::object();
    c["party_id"] = p.id;
    send(p.members, Json{{"party_close", c}});
    dropTickets(p.id);
    state->parties.erase(p.uuid);  // `p` is gone
    call.reply();
  });

  ctx.realtime.on("party_join_request_list", [findParty](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id"});
    PartyEntry& p = findParty(call.payload, kList, call.session, true);
    Json out = Json::object();
    out["party_id"] = getString(call.payload, "party_id");
    setIfNotEmpty(out, "presences", presenceList(p.requests));
    call.reply(Json{{"party_join_request", out}});
  });

  ctx.realtime.on("party_matchmaker_add", [services, findParty, send](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id", "min_count", "max_count", "query", "string_properties",
                                   "numeric_properties", "count_multiple"});
    const MatchmakerParams params = readMatchmakerParams(call.payload);  // checked before the party id
    PartyEntry& p = findParty(call.payload, kMatchmakerAdd, call.session, true);
    if (!services->addPartyTicket) throw RealtimeError(RtCode::kRuntimeException, "Matchmaker unavailable");
    std::string ticket;
    try {
      ticket = services->addPartyTicket(p.id, p.members, params);
    } catch (const RealtimeError& e) {
      fail(kMatchmakerAdd, matchmakerReason(e.what()));
    }
    Json out = Json::object();
    out["party_id"] = getString(call.payload, "party_id");
    out["ticket"] = ticket;
    const Json env{{"party_matchmaker_ticket", out}};
    call.reply(env);
    send(p.members, env, call.session.sessionId);
  });

  ctx.realtime.on("party_matchmaker_remove", [services, findParty](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id", "ticket"});
    const std::string ticket = getString(call.payload, "ticket");
    if (ticket.empty()) throw RealtimeError(RtCode::kBadInput, "Invalid matchmaker ticket");
    PartyEntry& p = findParty(call.payload, kMatchmakerRemove, call.session, true);
    if (!services->removePartyTicket || !services->removePartyTicket(p.id, ticket))
      fail(kMatchmakerRemove, "matchmaker ticket not found");
    call.reply();
  });

  ctx.realtime.on("party_data_send", [findParty, send](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id", "op_code", "data"});
    const std::int64_t opCode = optInt64(call.payload, "op_code").value_or(0);
    auto data = base64Decode(getString(call.payload, "data"));
    if (!data) throw ProtocolViolation("data is not base64");
    PartyEntry& p = findParty(call.payload, kDataSend, call.session, false);
    PresenceRef* me = p.member(call.session.sessionId);
    if (!me) fail(kDataSend, "party member not found");
    Json out = Json::object();
    out["party_id"] = p.id;
    out["presence"] = presenceJson(*me);
    setInt64IfNotZero(out, "op_code", opCode);
    setIfNotEmpty(out, "data", base64Encode(*data));
    send(p.members, Json{{"party_data", out}}, call.session.sessionId);
    call.reply();
  });

  ctx.realtime.onDisconnect([state, removeMember](const RtSession& s) {
    std::vector<std::string> ids;
    for (auto& [uuid, p] : state->parties) {
      if (p.member(s.sessionId)) ids.push_back(uuid);
    }
    for (const auto& uuid : ids) removeMember(uuid, s.sessionId);
  });
}

}  // namespace nakama::testserver
