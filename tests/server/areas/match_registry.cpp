// The match registry (see match_registry.h): one per server, through perServer (rt_shared.h).
#include "areas/match_registry.h"

#include <algorithm>

#include "areas/rt_shared.h"

namespace nakama::testserver {

MatchRegistry& MatchRegistry::of(AreaContext& ctx) { return *perServer<MatchRegistry>(ctx); }

std::shared_ptr<MatchRegistry> MatchRegistry::shared(AreaContext& ctx) { return perServer<MatchRegistry>(ctx); }

void MatchRegistry::upsert(ListedMatch match) {
  auto it = matches_.find(match.matchId);
  match.seq = it == matches_.end() ? nextSeq_++ : it->second.seq;
  std::string id = match.matchId;
  matches_[id] = std::move(match);
}

void MatchRegistry::remove(const std::string& matchId) { matches_.erase(matchId); }

const ListedMatch* MatchRegistry::find(const std::string& matchId) const {
  auto it = matches_.find(matchId);
  return it == matches_.end() ? nullptr : &it->second;
}

std::vector<ListedMatch> MatchRegistry::list() const {
  std::vector<ListedMatch> out;
  for (const auto& [id, m] : matches_) out.push_back(m);
  std::sort(out.begin(), out.end(), [](const ListedMatch& a, const ListedMatch& b) { return a.seq < b.seq; });
  return out;
}

Json MatchRegistry::toJson(const ListedMatch& m) {
  Json out = Json::object();
  out["match_id"] = m.matchId;
  setIfTrue(out, "authoritative", m.authoritative);
  if (m.authoritative) out["label"] = m.label;  // StringValue: present for authoritative matches
  setIfNotZero(out, "size", m.size);
  setIfNotZero(out, "tick_rate", m.tickRate);
  setIfNotEmpty(out, "handler_name", m.handlerName);
  return out;
}

}  // namespace nakama::testserver
