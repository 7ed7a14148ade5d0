// Matches on the socket: match_create / match_join / match_leave / match_data_send, match_presence_event
// and match_data pushes, plus the authoritative `lobby` match of the test fixtures and the
// Hooks::createAuthoritativeMatch function the create_lobby_match RPC calls.
//
// Relayed matches ("<uuid>."):
// * match_create makes a new match (size 1, yourself), or with `name` the match UUIDv5(DNS, name): two
//   clients creating the same name meet in the same match, and the reply's size counts every member
//   (the creator included) with the others as presences.
// * A relayed match exists while it has members: joining an empty or unknown one gives error 4 "Match not
//   found", except with a matchmaker token (the first player of a matched group creates it). The reply
//   lists the other members (and yourself when you were already in), its size is their number, and its
//   match_id is the id as given.
// * match_data_send is relayed to the other members, never back to the sender, unless `presences` lists
//   recipients (user_id + session_id), which may include the sender. No reply; a bad match id gives an
//   error without cid. Senders that are not in the match are ignored.
// Authoritative `lobby` matches ("<uuid>.nakama1", tick rate 10): accept every join; the label is
// {"mode":"<mode>","open":true,"players":<n>} (updated as players join/leave); every message received is
// broadcast at the next tick to all presences, the sender included, with the sender's presence.
// Both kinds: match_presence_event joins go to every member (the joiner included), leaves to the
// remaining members; a disconnected socket leaves its matches. Running matches are published to the
// MatchRegistry read by GET /v2/match (authoritative labels reach its index in batches).
#include <algorithm>

#include "areas/match_registry.h"
#include "areas/rt_shared.h"

namespace nakama::testserver {

namespace {

struct PendingData {
  PresenceRef sender;
  std::int64_t opCode = 0;
  std::string data;
  bool reliable = false;
};

struct MatchEntry {
  std::string id;
  bool authoritative = false;
  std::string handler;  // "lobby"
  std::string mode;     // lobby label
  std::vector<PresenceRef> members;
  std::vector<PendingData> queue;  // authoritative: messages waiting for the next tick
  bool tickScheduled = false;

  bool has(const std::string& sessionId) const {
    return std::any_of(members.begin(), members.end(), [&](const PresenceRef& p) { return p.sessionId == sessionId; });
  }
  std::string label() const {
    if (!authoritative) return "";
    Json l = Json::object();
    l["mode"] = mode;
    l["open"] = true;
    l["players"] = members.size();
    return goJson(l);
  }
};

struct MatchesState {
  std::map<std::string, MatchEntry> matches;
};

struct MatchId {
  std::string id;    // canonical: lowercase uuid + "." + node
  std::string node;  // empty for relayed matches
};

std::optional<MatchId> parseMatchId(const std::string& text) {
  std::size_t dot = text.find('.');
  if (dot == std::string::npos) return std::nullopt;
  std::string uuid = text.substr(0, dot);
  if (!isUuid(uuid)) return std::nullopt;
  for (char& c : uuid) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  MatchId out;
  out.node = text.substr(dot + 1);
  out.id = uuid + "." + out.node;
  return out;
}

Json presenceList(const std::vector<PresenceRef>& list) {
  Json out = Json::array();
  for (const auto& p : list) out.push_back(presenceJson(p));
  return out;
}

constexpr int kLobbyTickRate = 10;

}  // namespace

NAKAMA_TEST_SERVER_AREA(rt_matches) {
  auto state = std::make_shared<MatchesState>();
  auto registry = MatchRegistry::shared(ctx);

  auto publish = [registry](const MatchEntry& m) {
    ListedMatch l;
    l.matchId = m.id;
    l.authoritative = m.authoritative;
    l.label = m.label();
    l.size = static_cast<std::int32_t>(m.members.size());
    if (m.authoritative) {
      l.tickRate = kLobbyTickRate;
      l.handlerName = m.handler;
    }
    registry->upsert(std::move(l));
  };

  auto presenceEvent = [&ctx](const MatchEntry& m, const std::vector<PresenceRef>& joins,
                              const std::vector<PresenceRef>& leaves) {
    Json ev = Json::object();
    ev["match_id"] = m.id;
    setIfNotEmpty(ev, "joins", presenceList(joins));
    setIfNotEmpty(ev, "leaves", presenceList(leaves));
    const Json env{{"match_presence_event", ev}};
    const std::vector<PresenceRef> members = m.members;
    for (const auto& p : members) ctx.realtime.send(p.sessionId, env);
  };

  // Removes a session from a match; relayed matches end with their last member.
  auto leave = [state, registry, publish, presenceEvent](const std::string& matchId, const std::string& sessionId) {
    auto it = state->matches.find(matchId);
    if (it == state->matches.end()) return;
    MatchEntry& m = it->second;
    auto p = std::find_if(m.members.begin(), m.members.end(),
                          [&](const PresenceRef& x) { return x.sessionId == sessionId; });
    if (p == m.members.end()) return;
    PresenceRef gone = *p;
    m.members.erase(p);
    if (!m.authoritative && m.members.empty()) {
      registry->remove(matchId);
      state->matches.erase(it);
      return;
    }
    presenceEvent(m, {}, {gone});
    publish(m);
  };

  // rtapi.Match for `self`: `presences` are the members, without yourself when you just joined.
  auto matchJson = [](const MatchEntry& m, const std::string& matchId, const PresenceRef& self, bool isNew,
                      std::int64_t size) {
    Json out = Json::object();
    out["match_id"] = matchId;
    setIfTrue(out, "authoritative", m.authoritative);
    if (m.authoritative) out["label"] = m.label();
    std::vector<PresenceRef> listed;
    for (const auto& p : m.members) {
      if (!isNew || p.sessionId != self.sessionId) listed.push_back(p);
    }
    setIfNotZero(out, "size", size < 0 ? static_cast<std::int64_t>(listed.size()) : size);
    setIfNotEmpty(out, "presences", presenceList(listed));
    out["self"] = presenceJson(self);
    return out;
  };

  // Authoritative tick: the lobby broadcasts what it received to everyone, the sender included.
  auto flush = std::make_shared<std::function<void(const std::string&)>>();
  std::weak_ptr<std::function<void(const std::string&)>> weakFlush = flush;
  *flush = [state, &ctx](const std::string& matchId) {
    auto it = state->matches.find(matchId);
    if (it == state->matches.end()) return;
    MatchEntry& m = it->second;
    m.tickScheduled = false;
    std::vector<PendingData> queue;
    queue.swap(m.queue);
    const std::vector<PresenceRef> members = m.members;
    for (const auto& d : queue) {
      Json data = Json::object();
      data["match_id"] = m.id;
      data["presence"] = presenceJson(d.sender);
      data["op_code"] = int64String(d.opCode);
      setIfNotEmpty(data, "data", base64Encode(d.data));
      setIfTrue(data, "reliable", d.reliable);
      const Json env{{"match_data", data}};
      for (const auto& p : members) ctx.realtime.send(p.sessionId, env);
    }
  };

  ctx.hooks.createAuthoritativeMatch = [state, publish](const std::string& module, const Json& params) -> std::string {
    if (module != "lobby") throw ApiError(GrpcCode::kNotFound, "Match handler not found.");
    MatchEntry m;
    m.id = newUuid() + "." + kNodeName;
    m.authoritative = true;
    m.handler = module;
    m.mode = "lobby";
    if (params.is_object()) {
      if (auto it = params.find("mode"); it != params.end() && it->is_string() && !it->get<std::string>().empty())
        m.mode = it->get<std::string>();
    }
    const std::string id = m.id;
    publish(m);
    state->matches[id] = std::move(m);
    return id;
  };

  // ---- match_create ----
  ctx.realtime.on("match_create", [state, publish, presenceEvent, matchJson](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"name"});
    const std::string name = getString(call.payload, "name");
    const std::string id = (name.empty() ? newUuid() : uuidV5Dns(name)) + ".";
    MatchEntry& m = state->matches[id];
    m.id = id;
    const PresenceRef self = presenceOf(call.session);
    const bool isNew = !m.has(self.sessionId);
    if (isNew) m.members.push_back(self);
    // Unnamed: a new match of one. Named: everyone in it counts, the creator included.
    Json reply = name.empty() ? matchJson(MatchEntry{}, id, self, isNew, 1)
                              : matchJson(m, id, self, isNew, static_cast<std::int64_t>(m.members.size()));
    call.reply(Json{{"match", reply}});
    if (isNew) presenceEvent(m, {self}, {});
    publish(m);
  });

  // ---- match_join ----
  ctx.realtime.on("match_join", [state, &ctx, publish, presenceEvent, matchJson](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"match_id", "token", "metadata"});
    const auto matchIdText = optString(call.payload, "match_id");
    const auto token = optString(call.payload, "token");
    getStringMap(call.payload, "metadata");
    std::string idText;
    bool viaToken = false;
    if (matchIdText && !matchIdText->empty()) {
      idText = *matchIdText;
    } else if (token && !token->empty()) {
      auto payload = verifyJwt(*token, ctx.config.encryptionKey);
      Json claims = payload ? Json::parse(*payload, nullptr, false) : Json();
      if (!claims.is_object() || !claims.contains("mid") || !claims["mid"].is_string() || !claims.contains("exp") ||
          !claims["exp"].is_number() || claims["exp"].get<std::int64_t>() <= ctx.clock.unix()) {
        throw RealtimeError(RtCode::kBadInput, "Invalid match token");
      }
      idText = claims["mid"].get<std::string>();
      viaToken = true;
    } else {
      throw RealtimeError(RtCode::kBadInput, "No match ID or token found");
    }
    auto id = parseMatchId(idText);
    if (!id) throw RealtimeError(RtCode::kBadInput, "Invalid match ID");

    auto it = state->matches.find(id->id);
    if (id->node.empty()) {
      if (!viaToken && (it == state->matches.end() || it->second.members.empty()))
        throw RealtimeError(RtCode::kMatchNotFound, "Match not found");
      if (it == state->matches.end()) {
        it = state->matches.emplace(id->id, MatchEntry{}).first;
        it->second.id = id->id;
      }
    } else if (id->node != kNodeName || it == state->matches.end() || !it->second.authoritative) {
      throw RealtimeError(RtCode::kMatchNotFound, "Match not found");
    }
    MatchEntry& m = it->second;
    const PresenceRef self = presenceOf(call.session);
    const bool isNew = !m.has(self.sessionId);
    if (isNew) m.members.push_back(self);
    Json reply = matchJson(m, idText, self, isNew, -1);  // the label after the join
    call.reply(Json{{"match", reply}});
    if (isNew) presenceEvent(m, {self}, {});
    publish(m);
  });

  // ---- match_leave ----
  ctx.realtime.on("match_leave", [leave](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"match_id"});
    auto id = parseMatchId(getString(call.payload, "match_id"));
    if (!id) throw RealtimeError(RtCode::kBadInput, "Invalid match ID");
    call.reply();
    leave(id->id, call.session.sessionId);
  });

  // ---- match_data_send ----
  ctx.realtime.on("match_data_send", [state, &ctx, weakFlush](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"match_id", "op_code", "data", "presences", "reliable"});
    const std::string matchIdText = getString(call.payload, "match_id");
    const std::int64_t opCode = optInt64(call.payload, "op_code").value_or(0);
    const std::string dataText = getString(call.payload, "data");
    const bool reliable = optBool(call.payload, "reliable").value_or(false);
    std::vector<PresenceRef> filters;
    if (const Json* list = field(call.payload, "presences")) {
      if (!list->is_array()) throw JsonTypeError("presences", "message", list->dump());
      for (const auto& p : *list) filters.push_back(readPresence(p));
    }
    auto data = base64Decode(dataText);
    if (!data) throw ProtocolViolation("data is not base64");
    auto id = parseMatchId(matchIdText);
    if (!id) throw RealtimeError(RtCode::kBadInput, "Invalid match ID", false);

    auto it = state->matches.find(id->id);
    if (it == state->matches.end() || !it->second.has(call.session.sessionId)) return;
    MatchEntry& m = it->second;
    const PresenceRef sender = presenceOf(call.session);
    if (m.authoritative) {
      m.queue.push_back(PendingData{sender, opCode, *data, reliable});
      if (!m.tickScheduled) {
        m.tickScheduled = true;
        const std::string matchId = m.id;
        ctx.scheduler.after(std::chrono::milliseconds(1000 / kLobbyTickRate), [weakFlush, matchId] {
          if (auto f = weakFlush.lock()) (*f)(matchId);
        });
      }
      return;
    }
    std::vector<PresenceRef> recipients;
    for (const auto& p : m.members) {
      if (filters.empty()) {
        if (p.sessionId != sender.sessionId) recipients.push_back(p);
      } else if (std::any_of(filters.begin(), filters.end(), [&](const PresenceRef& f) {
                   return f.sessionId == p.sessionId && f.userId == p.userId;
                 })) {
        recipients.push_back(p);
      }
    }
    Json out = Json::object();
    out["match_id"] = m.id;
    out["presence"] = presenceJson(sender);
    out["op_code"] = int64String(opCode);
    setIfNotEmpty(out, "data", base64Encode(*data));
    setIfTrue(out, "reliable", reliable);
    const Json env{{"match_data", out}};
    for (const auto& p : recipients) ctx.realtime.send(p.sessionId, env);
  });

  // The flush function lives as long as the area's handlers (captured weakly by timers).
  ctx.realtime.onDisconnect([state, leave, flush](const RtSession& s) {
    std::vector<std::string> ids;
    for (const auto& [id, m] : state->matches) {
      if (m.has(s.sessionId)) ids.push_back(id);
    }
    for (const auto& id : ids) leave(id, s.sessionId);
  });
}

}  // namespace nakama::testserver
