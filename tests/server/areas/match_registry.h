// The matches a server currently runs, as `GET /v2/match` lists them (api.Match). Written by the
// realtime matches area (areas/rt_matches.cpp): relayed matches while they have members, authoritative
// ones (`lobby`) while they run. Read by the listing area (areas/matches_list.cpp).
//
//   auto registry = MatchRegistry::shared(ctx);   // per server; keep it in handlers and hooks
//   registry->upsert(match);                      // live state: size, label
//   for (const IndexedMatch* m : registry->indexed()) ...
//
// Like Nakama, the listing sees authoritative matches through a label index that is updated in batches
// every ServerConfig::matchLabelUpdateInterval (`match.label_update_interval_ms`): a new match, or a
// changed label, shows up in listings only at the next batch. Sizes and relayed matches are live.
// Everything runs on the server's I/O thread: no locks needed.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "areas/interval_batch.h"
#include "areas/search_query.h"
#include "core/server_api.h"

namespace nakama::testserver {

struct ListedMatch {
  std::string matchId;  // "<uuid>." (relayed) or "<uuid>.<node>" (authoritative)
  bool authoritative = false;
  std::string label;          // authoritative only (the handler's label, often JSON text)
  std::int32_t size = 0;      // current number of presences
  std::int32_t tickRate = 0;  // authoritative only
  std::string handlerName;    // authoritative only ("lobby")
};

// An authoritative match as the label index last saw it.
struct IndexedMatch {
  std::string matchId;
  std::string label;
  std::int32_t tickRate = 0;
  std::string handlerName;
  std::int64_t createTime = 0;  // unix milliseconds (the index's `create_time`)
  std::uint64_t seq = 0;        // creation order, for equal create times
  SearchDocument doc;           // _id, node, label_string, tick_rate, handler_name, create_time, label.*
};

class MatchRegistry {
 public:
  // The registry of the server `ctx` belongs to (created on first use, freed with the server).
  static std::shared_ptr<MatchRegistry> shared(AreaContext& ctx);

  // Adds or replaces a running match. An authoritative match's first label, and every label change,
  // reach the index at the next label batch.
  void upsert(ListedMatch match);
  void remove(const std::string& matchId);
  const ListedMatch* find(const std::string& matchId) const;
  // Running relayed matches, in creation order.
  std::vector<const ListedMatch*> relayed() const;
  // The label index (authoritative matches), in no particular order.
  std::vector<const IndexedMatch*> indexed() const;

  // api.Match JSON in proto field order: match_id, authoritative, label, size, tick_rate, handler_name
  // (defaults omitted; an authoritative match's label is a wrapper field and always written).
  static Json toJson(const ListedMatch& match);

 private:
  struct Running {
    ListedMatch match;
    std::int64_t createTime = 0;
    std::uint64_t seq = 0;
  };

  void attach(AreaContext& ctx);
  void queueIndexUpdate(const Running& running);
  void applyPending();

  std::map<std::string, Running> running_;
  std::map<std::string, IndexedMatch> index_;
  std::map<std::string, std::optional<IndexedMatch>> pending_;  // nullopt: remove from the index
  std::uint64_t nextSeq_ = 1;
  const Clock* clock_ = nullptr;
  std::shared_ptr<IntervalBatch> batch_;
};

}  // namespace nakama::testserver
