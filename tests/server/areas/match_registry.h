// The matches a server currently runs, as `GET /v2/match` lists them (api.Match). Written by the
// realtime matches area (areas/rt_matches.cpp): relayed matches while they have members, authoritative
// ones (`lobby`) while they run. Read by the listing area (areas/matches_list.cpp).
//
//   MatchRegistry& registry = MatchRegistry::of(ctx);   // per server; look it up when handling a request
//   for (const ListedMatch& m : registry.list()) ...
//
// Everything runs on the server's I/O thread: no locks needed (except inside `of`).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/server_api.h"

namespace nakama::testserver {

struct ListedMatch {
  std::string matchId;       // "<uuid>." (relayed) or "<uuid>.<node>" (authoritative)
  bool authoritative = false;
  std::string label;         // authoritative only (the handler's label, often JSON text)
  std::int32_t size = 0;     // current number of presences
  std::int32_t tickRate = 0;    // authoritative only
  std::string handlerName;   // authoritative only ("lobby")
  std::uint64_t seq = 0;     // creation order (set by the registry)
};

class MatchRegistry {
 public:
  // The registry of the server `ctx` belongs to (created on first use, freed with the server).
  static MatchRegistry& of(AreaContext& ctx);
  // The same, for areas that keep it in their handlers and hooks (which may run during shutdown).
  static std::shared_ptr<MatchRegistry> shared(AreaContext& ctx);

  // Adds or replaces a match (keeps its creation order when replacing).
  void upsert(ListedMatch match);
  void remove(const std::string& matchId);
  const ListedMatch* find(const std::string& matchId) const;
  // Every running match, in creation order.
  std::vector<ListedMatch> list() const;

  // api.Match JSON in proto field order: match_id, authoritative, label, size, tick_rate, handler_name
  // (defaults omitted; an authoritative match's label is a wrapper field and always written).
  static Json toJson(const ListedMatch& match);

 private:
  std::map<std::string, ListedMatch> matches_;
  std::uint64_t nextSeq_ = 1;
};

}  // namespace nakama::testserver
