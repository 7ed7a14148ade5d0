// The match registry (see match_registry.h): one per server, through perServer (rt_shared.h).
#include "areas/match_registry.h"

#include <algorithm>

#include "areas/rt_shared.h"

namespace nakama::testserver {

std::shared_ptr<MatchRegistry> MatchRegistry::shared(AreaContext& ctx) {
  auto registry = perServer<MatchRegistry>(ctx);
  if (!registry->batch_) registry->attach(ctx);
  return registry;
}

void MatchRegistry::attach(AreaContext& ctx) {
  clock_ = &ctx.clock;
  std::weak_ptr<MatchRegistry> weak = perServer<MatchRegistry>(ctx);
  batch_ = IntervalBatch::create(ctx.scheduler, ctx.config.matchLabelUpdateInterval, [weak] {
    if (auto self = weak.lock()) self->applyPending();
    return false;  // runs again only when a label changes
  });
}

void MatchRegistry::upsert(ListedMatch match) {
  auto it = running_.find(match.matchId);
  if (it == running_.end()) {
    Running r;
    r.createTime = clock_ ? clock_->unixMillis() : 0;
    r.seq = nextSeq_++;
    it = running_.emplace(match.matchId, std::move(r)).first;
  } else if (match.authoritative && it->second.match.label == match.label &&
             it->second.match.tickRate == match.tickRate && it->second.match.handlerName == match.handlerName) {
    it->second.match = std::move(match);  // only the size changed: nothing to index
    return;
  }
  it->second.match = std::move(match);
  if (it->second.match.authoritative) queueIndexUpdate(it->second);
}

void MatchRegistry::remove(const std::string& matchId) {
  auto it = running_.find(matchId);
  if (it == running_.end()) return;
  if (it->second.match.authoritative) {
    pending_[matchId] = std::nullopt;
    if (batch_) batch_->wake();
  }
  running_.erase(it);
}

void MatchRegistry::queueIndexUpdate(const Running& r) {
  IndexedMatch entry;
  entry.matchId = r.match.matchId;
  entry.label = r.match.label;
  entry.tickRate = r.match.tickRate;
  entry.handlerName = r.match.handlerName;
  entry.createTime = r.createTime;
  entry.seq = r.seq;
  entry.doc.addKeyword("_id", entry.matchId);
  entry.doc.addKeyword("node", kNodeName);
  entry.doc.addKeyword("label_string", entry.label);
  entry.doc.addNumber("tick_rate", entry.tickRate);
  entry.doc.addKeyword("handler_name", entry.handlerName);
  entry.doc.addNumber("create_time", static_cast<double>(entry.createTime));
  // Only a label that is a JSON object is searchable field by field.
  const Json label = Json::parse(entry.label, nullptr, false);
  if (label.is_object()) entry.doc.addJson("label", label);
  pending_[entry.matchId] = std::move(entry);
  if (batch_) batch_->wake();
}

void MatchRegistry::applyPending() {
  for (auto& [id, update] : pending_) {
    if (update) {
      index_[id] = std::move(*update);
    } else {
      index_.erase(id);
    }
  }
  pending_.clear();
}

const ListedMatch* MatchRegistry::find(const std::string& matchId) const {
  auto it = running_.find(matchId);
  return it == running_.end() ? nullptr : &it->second.match;
}

std::vector<const ListedMatch*> MatchRegistry::relayed() const {
  std::vector<const Running*> runs;
  for (const auto& [id, r] : running_) {
    if (!r.match.authoritative) runs.push_back(&r);
  }
  std::sort(runs.begin(), runs.end(), [](const Running* a, const Running* b) { return a->seq < b->seq; });
  std::vector<const ListedMatch*> out;
  for (const Running* r : runs) out.push_back(&r->match);
  return out;
}

std::vector<const IndexedMatch*> MatchRegistry::indexed() const {
  std::vector<const IndexedMatch*> out;
  for (const auto& [id, m] : index_) out.push_back(&m);
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
