// Matchmaker: matchmaker_add / matchmaker_remove, matchmaker_matched pushes, and the party tickets the
// parties area adds through RtServices (reference §3.2, §3.3, §5, §6, capture §3.5d).
//
// * Parameters: min_count >= 2, max_count >= min_count, count_multiple >= 1 dividing both (see
//   readMatchmakerParams); at most 3 tickets per session or party.
// * Queries: a small subset of Nakama's Bleve query strings, enough for the tests: `*`, and terms
//   `[+|-]properties.<name>:<value>` with a plain or "quoted" value, or a numeric comparison
//   (`>=10`, `<5`...). `+` terms must match, `-` terms must not; without `+` terms at least one plain
//   term must match. Two tickets match when each one's query accepts the other's properties.
// * The matcher runs every second (a real server: every 15 s). A group is formed as soon as it reaches
//   the smallest max_count of its tickets; after 2 intervals a group of at least every ticket's
//   min_count is accepted. The group size is a multiple of every count_multiple. A session is never
//   matched with itself.
// * Each matched presence receives `matchmaker_matched` with its own ticket, a token (JWT
//   {"exp": now+30, "mid": "<uuid>."} signed with the session encryption key, accepted by match_join),
//   every matched user (presence, party_id, string/numeric properties) and itself. Matched tickets are
//   removed; tickets of a disconnected socket too.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "areas/rt_shared.h"

namespace nakama::testserver {

namespace {

constexpr auto kInterval = std::chrono::milliseconds(1000);
constexpr int kMaxIntervals = 2;
constexpr std::size_t kMaxTickets = 3;

struct Ticket {
  std::string id;
  std::string sessionId;  // session tickets
  std::string partyId;    // party tickets
  std::vector<PresenceRef> presences;
  MatchmakerParams params;
  int intervals = 0;
  std::uint64_t seq = 0;

  int count() const { return static_cast<int>(presences.size()); }
};

struct MatchmakerState {
  std::vector<Ticket> tickets;  // in creation order
  std::uint64_t nextSeq = 1;
  bool timerRunning = false;
};

// ---- queries ----

struct Term {
  enum Kind { kShould, kMust, kMustNot } kind = kShould;
  bool all = false;        // `*`
  std::string field;       // property name (without "properties.")
  std::string value;
  std::string op;          // "", ">", ">=", "<", "<="
  bool known = true;       // a field this server understands
};

std::vector<std::string> splitQuery(const std::string& q) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : q) {
    if (c == '"') quoted = !quoted;
    if (!quoted && std::isspace(static_cast<unsigned char>(c))) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::vector<Term> parseQuery(const std::string& q) {
  std::vector<Term> terms;
  for (std::string tok : splitQuery(q)) {
    Term t;
    if (tok[0] == '+') {
      t.kind = Term::kMust;
      tok.erase(0, 1);
    } else if (tok[0] == '-') {
      t.kind = Term::kMustNot;
      tok.erase(0, 1);
    }
    if (tok.empty()) continue;
    if (tok == "*") {
      t.all = true;
      terms.push_back(t);
      continue;
    }
    std::size_t colon = tok.find(':');
    if (colon == std::string::npos) {
      t.known = false;
      terms.push_back(t);
      continue;
    }
    std::string fieldName = tok.substr(0, colon);
    std::string value = tok.substr(colon + 1);
    if (fieldName.rfind("properties.", 0) == 0) {
      t.field = fieldName.substr(11);
    } else {
      t.known = false;
    }
    if (auto caret = value.rfind('^'); caret != std::string::npos && value.find('"') == std::string::npos) {
      value.erase(caret);  // boost
    }
    for (const char* op : {">=", "<=", ">", "<"}) {
      if (value.rfind(op, 0) == 0) {
        t.op = op;
        value.erase(0, std::string(op).size());
        break;
      }
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    t.value = value;
    terms.push_back(t);
  }
  return terms;
}

std::optional<double> toNumber(const std::string& s) {
  if (s.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    double d = std::stod(s, &used);
    if (used == s.size()) return d;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

bool termMatches(const Term& t, const MatchmakerParams& props) {
  if (t.all) return true;
  if (!t.known) return false;
  auto num = props.numericProperties.find(t.field);
  auto str = props.stringProperties.find(t.field);
  std::optional<double> have;
  if (num != props.numericProperties.end()) have = num->second;
  else if (str != props.stringProperties.end()) have = toNumber(str->second);
  if (!t.op.empty()) {
    auto want = toNumber(t.value);
    if (!want || !have) return false;
    if (t.op == ">") return *have > *want;
    if (t.op == ">=") return *have >= *want;
    if (t.op == "<") return *have < *want;
    return *have <= *want;
  }
  if (str != props.stringProperties.end() && str->second == t.value) return true;
  if (num != props.numericProperties.end()) {
    auto want = toNumber(t.value);
    return want && *want == num->second;
  }
  return false;
}

bool queryMatches(const std::string& query, const MatchmakerParams& props) {
  bool anyMust = false, anyShould = false, shouldHit = false;
  for (const Term& t : parseQuery(query)) {
    const bool hit = termMatches(t, props);
    switch (t.kind) {
      case Term::kMust:
        anyMust = true;
        if (!hit) return false;
        break;
      case Term::kMustNot:
        if (hit) return false;
        break;
      case Term::kShould:
        anyShould = true;
        shouldHit = shouldHit || hit;
        break;
    }
  }
  return anyMust || !anyShould || shouldHit;
}

bool compatible(const Ticket& a, const Ticket& b) {
  if (!a.partyId.empty() && a.partyId == b.partyId) return false;
  for (const auto& p : a.presences) {
    for (const auto& q : b.presences) {
      if (p.sessionId == q.sessionId) return false;
    }
  }
  return queryMatches(a.params.query, b.params) && queryMatches(b.params.query, a.params);
}

Json userJson(const Ticket& t, const PresenceRef& p) {
  Json u = Json::object();
  u["presence"] = presenceJson(p);
  setIfNotEmpty(u, "party_id", t.partyId);
  if (!t.params.stringProperties.empty()) {
    Json s = Json::object();
    for (const auto& [k, v] : t.params.stringProperties) s[k] = v;
    u["string_properties"] = s;
  }
  if (!t.params.numericProperties.empty()) {
    Json n = Json::object();
    for (const auto& [k, v] : t.params.numericProperties) n[k] = doubleJson(v);
    u["numeric_properties"] = n;
  }
  return u;
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(rt_matchmaker) {
  auto state = std::make_shared<MatchmakerState>();
  auto services = perServer<RtServices>(ctx);

  // Sends matchmaker_matched to every presence of the group and drops its tickets.
  auto emit = [state, &ctx](const std::vector<Ticket>& group) {
    Json claims = Json::object();
    claims["exp"] = ctx.clock.unix() + 30;
    claims["mid"] = newUuid() + ".";
    const std::string token = signJwt(goJson(claims), ctx.config.encryptionKey);
    Json users = Json::array();
    for (const auto& t : group) {
      for (const auto& p : t.presences) users.push_back(userJson(t, p));
    }
    for (const auto& t : group) {
      for (const auto& p : t.presences) {
        Json m = Json::object();
        m["ticket"] = t.id;
        m["token"] = token;
        m["users"] = users;
        m["self"] = userJson(t, p);
        ctx.realtime.send(p.sessionId, Json{{"matchmaker_matched", m}});
      }
    }
    for (const auto& t : group) {
      state->tickets.erase(std::remove_if(state->tickets.begin(), state->tickets.end(),
                                          [&](const Ticket& x) { return x.id == t.id; }),
                           state->tickets.end());
    }
  };

  auto process = [state, emit] {
    std::vector<std::string> matched;
    auto isMatched = [&matched](const std::string& id) {
      return std::find(matched.begin(), matched.end(), id) != matched.end();
    };
    std::vector<std::vector<Ticket>> groups;
    for (auto& t : state->tickets) ++t.intervals;
    const std::vector<Ticket> tickets = state->tickets;
    for (const Ticket& t : tickets) {
      if (isMatched(t.id)) continue;
      std::vector<Ticket> group{t};
      int count = t.count();
      int maxAllowed = t.params.maxCount;
      for (const Ticket& c : tickets) {
        if (c.id == t.id || isMatched(c.id)) continue;
        if (count + c.count() > std::min(maxAllowed, c.params.maxCount)) continue;
        bool ok = std::all_of(group.begin(), group.end(), [&](const Ticket& g) { return compatible(g, c); });
        if (!ok) continue;
        group.push_back(c);
        count += c.count();
        maxAllowed = std::min(maxAllowed, c.params.maxCount);
      }
      // Largest prefix of the group that satisfies everyone's min count and count multiple.
      auto acceptable = [](const std::vector<Ticket>& g, std::size_t n, int& size) {
        size = 0;
        int minRequired = 0, multiple = 1, maxCap = INT32_MAX;
        for (std::size_t i = 0; i < n; ++i) {
          size += g[i].count();
          minRequired = std::max(minRequired, g[i].params.minCount);
          maxCap = std::min(maxCap, g[i].params.maxCount);
          if (g[i].params.countMultiple) multiple = std::lcm(multiple, *g[i].params.countMultiple);
        }
        return size >= minRequired && size <= maxCap && size % multiple == 0;
      };
      int size = 0;
      std::size_t take = 0;
      if (acceptable(group, group.size(), size) && size == maxAllowed) {
        take = group.size();
      } else if (t.intervals >= kMaxIntervals) {
        for (std::size_t n = group.size(); n >= 2; --n) {
          if (acceptable(group, n, size)) {
            take = n;
            break;
          }
        }
      }
      if (take >= 2) {
        group.resize(take);
        for (const auto& g : group) matched.push_back(g.id);
        groups.push_back(group);
      }
    }
    for (const auto& g : groups) emit(g);
  };

  auto ensureTimer = [state, &ctx, process] {
    if (state->timerRunning) return;
    state->timerRunning = true;
    std::weak_ptr<MatchmakerState> weak = state;
    auto handle = std::make_shared<TimerHandle>();
    *handle = ctx.scheduler.every(kInterval, [weak, process, handle] {
      auto s = weak.lock();
      if (!s) return;
      process();
      if (s->tickets.empty()) {
        s->timerRunning = false;
        handle->cancel();
      }
    });
  };

  auto addTicket = [state, ensureTimer](Ticket t) {
    t.id = newUuid();
    t.seq = state->nextSeq++;
    std::string id = t.id;
    state->tickets.push_back(std::move(t));
    ensureTimer();
    return id;
  };

  ctx.realtime.on("matchmaker_add", [state, addTicket](RealtimeCall& call) {
    allowOnlyFields(call.payload,
                    {"min_count", "max_count", "query", "string_properties", "numeric_properties", "count_multiple"});
    MatchmakerParams params = readMatchmakerParams(call.payload);
    std::size_t mine = std::count_if(state->tickets.begin(), state->tickets.end(), [&](const Ticket& t) {
      return t.partyId.empty() && t.sessionId == call.session.sessionId;
    });
    if (mine >= kMaxTickets) throw RealtimeError(RtCode::kBadInput, "Too many matchmaker tickets");
    Ticket t;
    t.sessionId = call.session.sessionId;
    t.presences = {presenceOf(call.session)};
    t.params = std::move(params);
    const std::string id = addTicket(std::move(t));
    call.reply(Json{{"matchmaker_ticket", Json{{"ticket", id}}}});
  });

  ctx.realtime.on("matchmaker_remove", [state](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"ticket"});
    const std::string ticket = getString(call.payload, "ticket");
    if (ticket.empty()) throw RealtimeError(RtCode::kBadInput, "Invalid matchmaker ticket");
    auto it = std::find_if(state->tickets.begin(), state->tickets.end(), [&](const Ticket& t) {
      return t.id == ticket && t.partyId.empty() && t.sessionId == call.session.sessionId;
    });
    if (it == state->tickets.end()) throw RealtimeError(RtCode::kBadInput, "Matchmaker ticket not found");
    state->tickets.erase(it);
    call.reply();
  });

  services->addPartyTicket = [state, addTicket](const std::string& partyId, const std::vector<PresenceRef>& members,
                                               const MatchmakerParams& params) {
    std::size_t existing = std::count_if(state->tickets.begin(), state->tickets.end(),
                                         [&](const Ticket& t) { return t.partyId == partyId; });
    if (existing >= kMaxTickets) throw RealtimeError(RtCode::kBadInput, "Too many matchmaker tickets");
    Ticket t;
    t.partyId = partyId;
    t.presences = members;
    t.params = params;
    return addTicket(std::move(t));
  };
  services->removePartyTicket = [state](const std::string& partyId, const std::string& ticket) {
    auto it = std::find_if(state->tickets.begin(), state->tickets.end(),
                           [&](const Ticket& t) { return t.id == ticket && t.partyId == partyId; });
    if (it == state->tickets.end()) return false;
    state->tickets.erase(it);
    return true;
  };
  services->removePartyTickets = [state](const std::string& partyId) {
    state->tickets.erase(std::remove_if(state->tickets.begin(), state->tickets.end(),
                                        [&](const Ticket& t) { return t.partyId == partyId; }),
                         state->tickets.end());
  };

  ctx.realtime.onDisconnect([state](const RtSession& s) {
    state->tickets.erase(std::remove_if(state->tickets.begin(), state->tickets.end(),
                                        [&](const Ticket& t) { return t.partyId.empty() && t.sessionId == s.sessionId; }),
                         state->tickets.end());
  });
}

}  // namespace nakama::testserver
