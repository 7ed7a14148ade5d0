// Matchmaker: matchmaker_add / matchmaker_remove, matchmaker_matched pushes, and the party tickets the
// parties area adds through RtServices, following Nakama 3.15's matchmaker with its default settings.
//
// * Parameters: min_count >= 2, max_count >= min_count, count_multiple >= 1 dividing both (see
//   readMatchmakerParams). A ticket whose query does not parse (search_query.h), or that would give a
//   session more than 3 tickets (party tickets of its party count too; a party also has at most 3), is
//   refused: code 0 "Error adding to matchmaker" (parties: code 3 "Error adding party to matchmaker:
//   <reason>").
// * Matching runs in batches every ServerConfig::matchmakerInterval (`matchmaker.interval_sec`, 15 s),
//   never on add. In each batch every *active* ticket (oldest first) searches the pool with its own
//   query only (Nakama's `rev_precision` is off): candidates are tickets whose properties match it and
//   whose count range lies inside its own (min_count >= its min, max_count <= its max), best query score
//   first, then oldest. It fills groups with them and matches as soon as a group reaches its max_count;
//   in its last interval (its min and max are equal, or it has searched ServerConfig::matchmakerMaxIntervals
//   times) it settles for at least min_count after looking at every candidate. Count multiples are fixed
//   by dropping the oldest tickets that make up the remainder; every member must accept the final size.
//   A ticket stops searching after its last interval but can still be found by others. Sessions are never
//   matched with themselves, parties never with their own tickets.
// * Each matched presence receives `matchmaker_matched` with its own ticket, a token (JWT
//   {"exp": now+30, "mid": "<uuid>."} signed with the session encryption key, accepted by match_join),
//   every matched user (presence, party_id, string/numeric properties) and itself. Matched tickets are
//   removed; so are the tickets of a disconnected socket (party tickets it is part of included).
#include <algorithm>

#include "areas/interval_batch.h"
#include "areas/rt_shared.h"
#include "areas/search_query.h"

namespace nakama::testserver {

namespace {

constexpr std::size_t kMaxTickets = 3;  // Nakama's matchmaker.max_tickets default

struct Ticket {
  std::string id;
  std::string sessionId;  // owner of a session ticket; empty for party tickets
  std::string partyId;    // party tickets
  std::vector<PresenceRef> presences;
  MatchmakerParams params;
  int countMultiple = 1;
  SearchQuery query;
  SearchDocument doc;          // what other tickets' queries search
  std::int64_t createdAt = 0;  // unix nanoseconds
  std::uint64_t seq = 0;
  int intervals = 0;   // batches this ticket searched in
  bool active = true;  // still searching

  int count() const { return static_cast<int>(presences.size()); }
  bool has(const std::string& sessionId) const {
    return std::any_of(presences.begin(), presences.end(),
                       [&](const PresenceRef& p) { return p.sessionId == sessionId; });
  }
  bool sharesSession(const Ticket& o) const {
    return std::any_of(presences.begin(), presences.end(), [&](const PresenceRef& p) { return o.has(p.sessionId); });
  }
};

struct MatchmakerState {
  std::map<std::uint64_t, Ticket> tickets;  // by creation order
  std::uint64_t nextSeq = 1;
  std::shared_ptr<IntervalBatch> batch;
};

// Why Add refused a ticket (Nakama's runtime.ErrMatchmaker* texts).
struct AddError {
  std::string reason;
};

int entryCount(const std::vector<const Ticket*>& combo) {
  int n = 0;
  for (const Ticket* t : combo) n += t->count();
  return n;
}

// Sets of tickets whose counts sum to exactly `required` (Nakama's groupIndexes), with their average
// creation time.
struct TicketGroup {
  std::vector<const Ticket*> tickets;
  long double avgCreatedAt = 0;
};

std::vector<TicketGroup> groupTickets(const std::vector<const Ticket*>& tickets, std::size_t from, int required) {
  if (from >= tickets.size() || required <= 0) return {};
  const Ticket* current = tickets[from];
  if (current->count() > required) return groupTickets(tickets, from + 1, required);
  std::vector<TicketGroup> results;
  if (current->count() == required) {
    results.push_back(TicketGroup{{current}, static_cast<long double>(current->createdAt)});
  } else {
    for (TicketGroup& fill : groupTickets(tickets, from + 1, required - current->count())) {
      const auto n = static_cast<long double>(fill.tickets.size());
      fill.avgCreatedAt = (fill.avgCreatedAt * n + current->createdAt) / (n + 1);
      fill.tickets.push_back(current);
      results.push_back(std::move(fill));
    }
  }
  for (TicketGroup& other : groupTickets(tickets, from + 1, required)) results.push_back(std::move(other));
  return results;
}

// Adjusts `combo` (without the searching ticket `t`) so that its size plus t's is a multiple of t's
// count multiple, by dropping the oldest group of tickets that makes up the remainder. False if impossible.
bool fixCountMultiple(std::vector<const Ticket*>& combo, const Ticket& t) {
  const int rem = (entryCount(combo) + t.count()) % t.countMultiple;
  if (rem == 0) return true;
  std::vector<const Ticket*> eligible;
  for (const Ticket* c : combo) {
    if (c->count() <= rem) eligible.push_back(c);
  }
  std::vector<TicketGroup> groups = groupTickets(eligible, 0, rem);
  if (groups.empty()) return false;
  const auto oldest = std::min_element(groups.begin(), groups.end(), [](const TicketGroup& a, const TicketGroup& b) {
    return a.avgCreatedAt < b.avgCreatedAt;
  });
  for (const Ticket* drop : oldest->tickets) combo.erase(std::find(combo.begin(), combo.end(), drop));
  return (entryCount(combo) + t.count()) % t.countMultiple == 0;
}

// One search by the active ticket `t`: the group it completes (other tickets first, then t), if any.
std::optional<std::vector<const Ticket*>> search(const MatchmakerState& state, const Ticket& t, bool lastInterval,
                                                 int maxIntervals) {
  try {
    t.query.checkRunnable();
  } catch (const SearchQueryError&) {
    return std::nullopt;  // Nakama logs the failed search and moves on
  }
  struct Hit {
    const Ticket* ticket;
    double score;
  };
  std::vector<Hit> hits;
  for (const auto& [seq, h] : state.tickets) {
    if (seq == t.seq || h.params.minCount < t.params.minCount || h.params.maxCount > t.params.maxCount) continue;
    if (!t.partyId.empty() && h.partyId == t.partyId) continue;
    if (auto score = t.query.score(h.doc)) hits.push_back(Hit{&h, *score});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.ticket->createdAt != b.ticket->createdAt) return a.ticket->createdAt < b.ticket->createdAt;
    return a.ticket->seq < b.ticket->seq;
  });

  std::vector<std::vector<const Ticket*>> combos;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const Ticket& h = *hits[i].ticket;
    if (t.params.maxCount < h.params.maxCount && h.intervals <= maxIntervals) continue;
    if (t.sharesSession(h)) continue;
    // Add the candidate to the first group with room for it (and no shared session), else start one.
    std::size_t found = combos.size();
    bool conflict = false;
    for (std::size_t c = 0; c < combos.size() && !conflict; ++c) {
      if (entryCount(combos[c]) + h.count() + t.count() > t.params.maxCount) continue;
      conflict = std::any_of(combos[c].begin(), combos[c].end(), [&](const Ticket* x) { return x->sharesSession(h); });
      if (!conflict) {
        combos[c].push_back(&h);
        found = c;
        break;
      }
    }
    if (found == combos.size()) combos.push_back({&h});
    std::vector<const Ticket*>& combo = combos[found];

    const int size = entryCount(combo) + t.count();
    const bool full = size == t.params.maxCount;
    const bool settle = lastInterval && size >= t.params.minCount && size <= t.params.maxCount && i + 1 >= hits.size();
    if (!full && !settle) continue;
    if (!fixCountMultiple(combo, t)) continue;
    const int total = entryCount(combo) + t.count();
    const bool everyoneAgrees = std::all_of(combo.begin(), combo.end(), [total](const Ticket* x) {
      return x->params.minCount <= total && x->params.maxCount >= total && total % x->countMultiple == 0;
    });
    if (!everyoneAgrees) continue;
    std::vector<const Ticket*> group = combo;
    group.push_back(&t);
    return group;
  }
  return std::nullopt;
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
  const int maxIntervals = ctx.config.matchmakerMaxIntervals;

  // Sends matchmaker_matched to every presence of a matched group.
  auto emit = [&ctx](const std::vector<Ticket>& group) {
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
  };

  // One batch: every active ticket searches once, oldest first; matched tickets leave the pool at once.
  // Returns whether tickets are still searching.
  auto process = [emit, maxIntervals](MatchmakerState& state) {
    std::vector<std::uint64_t> active;
    for (const auto& [seq, t] : state.tickets) {
      if (t.active) active.push_back(seq);
    }
    std::vector<std::vector<Ticket>> matched;
    for (std::uint64_t seq : active) {
      auto it = state.tickets.find(seq);
      if (it == state.tickets.end()) continue;  // matched earlier in this batch
      Ticket& t = it->second;
      ++t.intervals;
      const bool lastInterval = t.intervals >= maxIntervals || t.params.minCount == t.params.maxCount;
      if (lastInterval) t.active = false;
      auto group = search(state, t, lastInterval, maxIntervals);
      if (!group) continue;
      std::vector<Ticket> tickets;
      for (const Ticket* g : *group) tickets.push_back(*g);
      for (const Ticket& g : tickets) state.tickets.erase(g.seq);
      matched.push_back(std::move(tickets));
    }
    for (const auto& g : matched) emit(g);
    return std::any_of(state.tickets.begin(), state.tickets.end(), [](const auto& e) { return e.second.active; });
  };

  std::weak_ptr<MatchmakerState> weakState = state;  // the state owns the batch: no strong capture
  state->batch = IntervalBatch::create(ctx.scheduler, ctx.config.matchmakerInterval, [weakState, process] {
    auto s = weakState.lock();
    return s ? process(*s) : false;
  });

  // Nakama's Matchmaker.Add: throws AddError.
  auto add = [state, &ctx](std::vector<PresenceRef> presences, const std::string& sessionId, const std::string& partyId,
                           const MatchmakerParams& params) {
    Ticket t;
    try {
      t.query = SearchQuery::parse(params.query);
    } catch (const SearchQueryError&) {
      throw AddError{"matchmaker query invalid"};
    }
    for (std::size_t i = 0; i < presences.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (presences[i].sessionId == presences[j].sessionId) throw AddError{"matchmaker duplicate session"};
      }
    }
    auto countTickets = [&](auto pred) {
      return static_cast<std::size_t>(
          std::count_if(state->tickets.begin(), state->tickets.end(), [&](const auto& e) { return pred(e.second); }));
    };
    for (const auto& p : presences) {
      if (countTickets([&](const Ticket& x) { return x.has(p.sessionId); }) >= kMaxTickets)
        throw AddError{"matchmaker too many tickets"};
    }
    if (!partyId.empty() && countTickets([&](const Ticket& x) { return x.partyId == partyId; }) >= kMaxTickets)
      throw AddError{"matchmaker too many tickets"};

    t.id = newUuid();
    t.sessionId = sessionId;
    t.partyId = partyId;
    t.presences = std::move(presences);
    t.params = params;
    t.countMultiple = params.countMultiple.value_or(1);
    t.createdAt = std::chrono::duration_cast<std::chrono::nanoseconds>(ctx.clock.now().time_since_epoch()).count();
    t.seq = state->nextSeq++;
    t.doc.addKeyword("_id", t.id);
    t.doc.addKeyword("ticket", t.id);
    t.doc.addNumber("min_count", params.minCount);
    t.doc.addNumber("max_count", params.maxCount);
    t.doc.addKeyword("party_id", partyId);
    t.doc.addNumber("created_at", static_cast<double>(t.createdAt));
    // Properties merge string and numeric ones; a numeric property wins over a string one of the same name.
    for (const auto& [k, v] : params.stringProperties) {
      if (!params.numericProperties.count(k)) t.doc.addString("properties." + k, v);
    }
    for (const auto& [k, v] : params.numericProperties) t.doc.addNumber("properties." + k, v);
    const std::string id = t.id;
    state->tickets.emplace(t.seq, std::move(t));
    state->batch->wake();
    return id;
  };

  ctx.realtime.on("matchmaker_add", [add](RealtimeCall& call) {
    allowOnlyFields(call.payload,
                    {"min_count", "max_count", "query", "string_properties", "numeric_properties", "count_multiple"});
    MatchmakerParams params = readMatchmakerParams(call.payload);
    std::string id;
    try {
      id = add({presenceOf(call.session)}, call.session.sessionId, "", params);
    } catch (const AddError&) {
      throw RealtimeError(RtCode::kRuntimeException, "Error adding to matchmaker");
    }
    call.reply(Json{{"matchmaker_ticket", Json{{"ticket", id}}}});
  });

  ctx.realtime.on("matchmaker_remove", [state](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"ticket"});
    const std::string ticket = getString(call.payload, "ticket");
    if (ticket.empty()) throw RealtimeError(RtCode::kBadInput, "Invalid matchmaker ticket");
    auto it = std::find_if(state->tickets.begin(), state->tickets.end(), [&](const auto& e) {
      return e.second.id == ticket && e.second.partyId.empty() && e.second.sessionId == call.session.sessionId;
    });
    if (it == state->tickets.end()) throw RealtimeError(RtCode::kBadInput, "Matchmaker ticket not found");
    state->tickets.erase(it);
    call.reply();
  });

  services->addPartyTicket = [add](const std::string& partyId, const std::vector<PresenceRef>& members,
                                   const MatchmakerParams& params) {
    try {
      return add(members, "", partyId, params);
    } catch (const AddError& e) {
      throw RealtimeError(RtCode::kBadInput, "Error adding party to matchmaker: " + e.reason);
    }
  };
  services->removePartyTicket = [state](const std::string& partyId, const std::string& ticket) {
    auto it = std::find_if(state->tickets.begin(), state->tickets.end(), [&](const auto& e) {
      return e.second.id == ticket && e.second.sessionId.empty() && e.second.partyId == partyId;
    });
    if (it == state->tickets.end()) return false;
    state->tickets.erase(it);
    return true;
  };
  auto eraseIf = [state](auto pred) {
    for (auto it = state->tickets.begin(); it != state->tickets.end();) {
      it = pred(it->second) ? state->tickets.erase(it) : std::next(it);
    }
  };
  services->removePartyTickets = [eraseIf](const std::string& partyId) {
    eraseIf([&](const Ticket& t) { return t.partyId == partyId; });
  };

  ctx.realtime.onDisconnect(
      [eraseIf](const RtSession& s) { eraseIf([&](const Ticket& t) { return t.has(s.sessionId); }); });
}

}  // namespace nakama::testserver
