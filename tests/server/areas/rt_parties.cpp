// Parties: party_create / _join / _leave / _promote / _accept / _remove / _close / _join_request_list /
// _matchmaker_add / _matchmaker_remove / _data_send and every party push (reference §3.2, §3.3, §6,
// capture §3.5d, addendum 18).
//
// * Party ids are "<uuid>.nakama1". max_size must be 0-256 ("Invalid party max size, must be 1-256";
//   0 passes the check and makes a party that is already full). The creator is the leader and gets the
//   `party` reply plus its own party_presence_event join.
// * Open party: party_join makes you a member: the members get a party_presence_event join, you get the
//   ack, then `party`, then the join event. Closed party: the leader gets party_join_request with your
//   presence; the leader's party_accept makes you a member (same events as above), party_remove rejects.
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

struct PartyEntry {
  std::string id;
  bool open = false;
  int maxSize = 0;
  PresenceRef leader;
  std::vector<PresenceRef> members;   // join order, leader included
  std::vector<PresenceRef> requests;  // closed party: pending join requests

  PresenceRef* member(const std::string& sessionId) {
    for (auto& m : members) {
      if (m.sessionId == sessionId) return &m;
    }
    return nullptr;
  }
};

struct PartiesState {
  std::map<std::string, PartyEntry> parties;
};

Json presenceList(const std::vector<PresenceRef>& list) {
  Json out = Json::array();
  for (const auto& p : list) out.push_back(presenceJson(p));
  return out;
}

bool samePresence(const PresenceRef& a, const PresenceRef& b) {
  return a.userId == b.userId && a.sessionId == b.sessionId && a.username == b.username;
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

  auto dropTickets = [services](const std::string& partyId) {
    if (services->removePartyTickets) services->removePartyTickets(partyId);
  };

  // The party named by the payload's party_id; errors like the server.
  auto findParty = [state](const Json& payload) -> PartyEntry& {
    const std::string id = getString(payload, "party_id");
    std::size_t dot = id.find('.');
    if (dot == std::string::npos || !isUuid(id.substr(0, dot)) || dot + 1 >= id.size())
      throw RealtimeError(RtCode::kBadInput, "Invalid party ID");
    auto it = state->parties.find(id);
    if (it == state->parties.end()) throw RealtimeError(RtCode::kBadInput, "party not found");
    return it->second;
  };
  auto requireLeader = [](const PartyEntry& p, const RtSession& s) {
    if (p.leader.sessionId != s.sessionId) throw RealtimeError(RtCode::kBadInput, "party leader only");
  };

  // Adds a member and sends the join notifications (the ack is sent by `ack` at the right moment).
  auto admit = [&ctx, send, partyJson, presenceEvent, dropTickets](PartyEntry& p, const PresenceRef& who,
                                                                   const std::function<void()>& ack) {
    const std::vector<PresenceRef> before = p.members;
    p.members.push_back(who);
    dropTickets(p.id);
    const Json ev = presenceEvent(p, {who}, {});
    send(before, ev);
    ack();
    ctx.realtime.send(who.sessionId, Json{{"party", partyJson(p, who)}});
    ctx.realtime.send(who.sessionId, ev);
  };

  // Removes a session from a party (leave, kick, disconnect). Returns false when it was not a member.
  auto removeMember = [state, send, presenceEvent, dropTickets](const std::string& partyId, const std::string& sessionId) {
    auto it = state->parties.find(partyId);
    if (it == state->parties.end()) return false;
    PartyEntry& p = it->second;
    p.requests.erase(std::remove_if(p.requests.begin(), p.requests.end(),
                                    [&](const PresenceRef& r) { return r.sessionId == sessionId; }),
                     p.requests.end());
    auto m = std::find_if(p.members.begin(), p.members.end(), [&](const PresenceRef& x) { return x.sessionId == sessionId; });
    if (m == p.members.end()) return false;
    PresenceRef gone = *m;
    p.members.erase(m);
    dropTickets(p.id);
    if (p.members.empty()) {
      state->parties.erase(it);
      return true;
    }
    send(p.members, presenceEvent(p, {}, {gone}));
    if (p.leader.sessionId == gone.sessionId) {
      p.leader = p.members.front();
      Json l = Json::object();
      l["party_id"] = p.id;
      l["presence"] = presenceJson(p.leader);
      send(p.members, Json{{"party_leader", l}});
    }
    return true;
  };

  ctx.realtime.on("party_create", [state, &ctx, partyJson, presenceEvent](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"open", "max_size"});
    const bool open = optBool(call.payload, "open").value_or(false);
    const int maxSize = optInt32(call.payload, "max_size").value_or(0);
    if (maxSize < 0 || maxSize > 256) throw RealtimeError(RtCode::kBadInput, "Invalid party max size, must be 1-256");
    PartyEntry p;
    p.id = newUuid() + "." + kNodeName;
    p.open = open;
    p.maxSize = maxSize;
    p.leader = presenceOf(call.session);
    p.members = {p.leader};
    PartyEntry& stored = state->parties[p.id] = p;
    call.reply(Json{{"party", partyJson(stored, stored.leader)}});
    ctx.realtime.send(call.session.sessionId, presenceEvent(stored, {stored.leader}, {}));
  });

  ctx.realtime.on("party_join", [&ctx, findParty, admit](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id"});
    PartyEntry& p = findParty(call.payload);
    const PresenceRef me = presenceOf(call.session);
    if (p.member(me.sessionId)) {
      call.reply();
      return;
    }
    if (static_cast<int>(p.members.size()) >= p.maxSize) throw RealtimeError(RtCode::kBadInput, "party full");
    if (p.open) {
      admit(p, me, [&call] { call.reply(); });
      return;
    }
    const bool pending = std::any_of(p.requests.begin(), p.requests.end(),
                                     [&](const PresenceRef& r) { return r.sessionId == me.sessionId; });
    call.reply();
    if (pending) return;
    p.requests.push_back(me);
    Json req = Json::object();
    req["party_id"] = p.id;
    req["presences"] = presenceList({me});
    ctx.realtime.send(p.leader.sessionId, Json{{"party_join_request", req}});
  });

  ctx.realtime.on("party_leave", [state, removeMember](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id"});
    const std::string id = getString(call.payload, "party_id");
    std::size_t dot = id.find('.');
    if (dot == std::string::npos || !isUuid(id.substr(0, dot))) throw RealtimeError(RtCode::kBadInput, "Invalid party ID");
    call.reply();
    removeMember(id, call.session.sessionId);
  });

  ctx.realtime.on("party_promote", [findParty, requireLeader, send](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id", "presence"});
    const Json* presence = getObject(call.payload, "presence");
    PresenceRef target = presence ? readPresence(*presence) : PresenceRef{};
    PartyEntry& p = findParty(call.payload);
    requireLeader(p, call.session);
    auto m = std::find_if(p.members.begin(), p.members.end(), [&](const PresenceRef& x) { return samePresence(x, target); });
    if (m == p.members.end()) throw RealtimeError(RtCode::kBadInput, "party member not found");
    p.leader = *m;
    Json l = Json::object();
    l["party_id"] = p.id;
    l["presence"] = presenceJson(p.leader);
    send(p.members, Json{{"party_leader", l}});
    call.reply();
  });

  ctx.realtime.on("party_accept", [findParty, requireLeader, admit](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id", "presence"});
    const Json* presence = getObject(call.payload, "presence");
    PresenceRef target = presence ? readPresence(*presence) : PresenceRef{};
    PartyEntry& p = findParty(call.payload);
    requireLeader(p, call.session);
    auto r = std::find_if(p.requests.begin(), p.requests.end(), [&](const PresenceRef& x) {
      return x.sessionId == target.sessionId && x.userId == target.userId;
    });
    if (r == p.requests.end()) throw RealtimeError(RtCode::kBadInput, "party join request not found");
    if (static_cast<int>(p.members.size()) >= p.maxSize) throw RealtimeError(RtCode::kBadInput, "party full");
    PresenceRef who = *r;
    p.requests.erase(r);
    admit(p, who, [&call] { call.reply(); });
  });

  ctx.realtime.on("party_remove", [&ctx, findParty, requireLeader, removeMember](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id", "presence"});
    const Json* presence = getObject(call.payload, "presence");
    PresenceRef target = presence ? readPresence(*presence) : PresenceRef{};
    PartyEntry& p = findParty(call.payload);
    requireLeader(p, call.session);
    const std::string partyId = p.id;
    auto r = std::find_if(p.requests.begin(), p.requests.end(), [&](const PresenceRef& x) {
      return x.sessionId == target.sessionId && x.userId == target.userId;
    });
    if (r != p.requests.end()) {  // reject a join request
      p.requests.erase(r);
      call.reply();
      return;
    }
    PresenceRef* m = p.member(target.sessionId);
    if (!m || m->userId != target.userId) throw RealtimeError(RtCode::kBadInput, "party member not found");
    if (m->sessionId == call.session.sessionId) throw RealtimeError(RtCode::kBadInput, "cannot remove self");
    const std::string removed = m->sessionId;
    removeMember(partyId, removed);
    Json c = Json::object();
    c["party_id"] = partyId;
    ctx.realtime.send(removed, Json{{"party_close", c}});
    call.reply();
  });

  ctx.realtime.on("party_close", [state, findParty, requireLeader, send, dropTickets](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id"});
    PartyEntry& p = findParty(call.payload);
    requireLeader(p, call.session);
    const std::string id = p.id;
    Json c = Json::object();
    c["party_id"] = id;
    send(p.members, Json{{"party_close", c}});
    dropTickets(id);
    state->parties.erase(id);
    call.reply();
  });

  ctx.realtime.on("party_join_request_list", [findParty, requireLeader](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id"});
    PartyEntry& p = findParty(call.payload);
    requireLeader(p, call.session);
    Json out = Json::object();
    out["party_id"] = p.id;
    setIfNotEmpty(out, "presences", presenceList(p.requests));
    call.reply(Json{{"party_join_request", out}});
  });

  ctx.realtime.on("party_matchmaker_add", [services, findParty, requireLeader, send](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id", "min_count", "max_count", "query", "string_properties",
                                   "numeric_properties", "count_multiple"});
    PartyEntry& p = findParty(call.payload);
    requireLeader(p, call.session);
    MatchmakerParams params = readMatchmakerParams(call.payload);
    if (!services->addPartyTicket) throw RealtimeError(RtCode::kRuntimeException, "Matchmaker unavailable");
    const std::string ticket = services->addPartyTicket(p.id, p.members, params);
    Json out = Json::object();
    out["party_id"] = p.id;
    out["ticket"] = ticket;
    const Json env{{"party_matchmaker_ticket", out}};
    call.reply(env);
    send(p.members, env, call.session.sessionId);
  });

  ctx.realtime.on("party_matchmaker_remove", [services, findParty, requireLeader](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id", "ticket"});
    const std::string ticket = getString(call.payload, "ticket");
    PartyEntry& p = findParty(call.payload);
    requireLeader(p, call.session);
    if (ticket.empty()) throw RealtimeError(RtCode::kBadInput, "Invalid matchmaker ticket");
    if (!services->removePartyTicket || !services->removePartyTicket(p.id, ticket))
      throw RealtimeError(RtCode::kBadInput, "Matchmaker ticket not found");
    call.reply();
  });

  ctx.realtime.on("party_data_send", [findParty, send](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"party_id", "op_code", "data"});
    const std::int64_t opCode = optInt64(call.payload, "op_code").value_or(0);
    auto data = base64Decode(getString(call.payload, "data"));
    if (!data) throw ProtocolViolation("data is not base64");
    PartyEntry& p = findParty(call.payload);
    PresenceRef* me = p.member(call.session.sessionId);
    if (!me) throw RealtimeError(RtCode::kBadInput, "party member not found");
    Json out = Json::object();
    out["party_id"] = p.id;
    out["presence"] = presenceJson(*me);
    out["op_code"] = int64String(opCode);
    setIfNotEmpty(out, "data", base64Encode(*data));
    send(p.members, Json{{"party_data", out}}, call.session.sessionId);
    call.reply();
  });

  ctx.realtime.onDisconnect([state, removeMember](const RtSession& s) {
    std::vector<std::string> ids;
    for (auto& [id, p] : state->parties) {
      bool involved = p.member(s.sessionId) != nullptr ||
                      std::any_of(p.requests.begin(), p.requests.end(), [&](const PresenceRef& r) { return r.sessionId == s.sessionId; });
      if (involved) ids.push_back(id);
    }
    for (const auto& id : ids) removeMember(id, s.sessionId);
  });
}

}  // namespace nakama::testserver
