// GET /v2/match (ListMatches) over the MatchRegistry the realtime matches area keeps up to date, the way
// Nakama 3.15 answers it:
// * With `query` (search_query.h; "" matches everything) or `label` (the exact label text), only
//   authoritative matches, from the label index: best score first (query), then newest first. An
//   unparsable query is 500 code 13 "Error listing matches.".
// * Without them: authoritative matches newest first (unless authoritative=false), then the running
//   relayed matches (only when `authoritative` is not set, or false).
// * min_size / max_size filter on the live size; at most `limit` results (default 10).
#include <algorithm>

#include "areas/match_registry.h"
#include "areas/search_query.h"
#include "core/server_api.h"

namespace nakama::testserver {

namespace {

struct Hit {
  const IndexedMatch* match;
  double score;
};

// Indexed matches that pass `accept`, best score first, then newest first.
template <class Accept>
std::vector<Hit> searchIndex(const MatchRegistry& registry, Accept accept) {
  std::vector<Hit> hits;
  for (const IndexedMatch* m : registry.indexed()) {
    if (auto score = accept(*m)) hits.push_back(Hit{m, *score});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.match->createTime != b.match->createTime) return a.match->createTime > b.match->createTime;
    return a.match->seq > b.match->seq;
  });
  return hits;
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(matches_list) {
  auto registry = MatchRegistry::shared(ctx);
  ctx.router.add("GET", "/v2/match", Auth::kSession, [registry](Request& req) {
    int limit = 10;
    if (auto v = req.queryInt32("limit")) {
      if (*v < 1 || *v > 100)
        throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 100.");
      limit = *v;
    }
    const auto authoritative = req.queryBool("authoritative");
    const auto label = req.queryValue("label");
    const auto query = req.queryValue("query");
    const auto minSize = req.queryInt32("min_size");
    const auto maxSize = req.queryInt32("max_size");
    if (label && authoritative && !*authoritative) {
      throw ApiError(GrpcCode::kInvalidArgument, "Label filtering is not supported for non-authoritative matches.");
    }
    if (query && authoritative && !*authoritative) {
      throw ApiError(GrpcCode::kInvalidArgument, "Query filtering is not supported for non-authoritative matches.");
    }
    if (minSize && *minSize < 0) throw ApiError(GrpcCode::kInvalidArgument, "Minimum size must be 0 or above.");
    if (maxSize && *maxSize < 0) throw ApiError(GrpcCode::kInvalidArgument, "Maximum size must be 0 or above.");
    if (minSize && maxSize && *minSize > *maxSize) {
      throw ApiError(GrpcCode::kInvalidArgument,
                     "Maximum size must be greater than or equal to minimum size when both are specified.");
    }

    std::vector<Hit> hits;
    if (query) {
      try {
        const SearchQuery q = query->empty() ? SearchQuery::matchAll() : SearchQuery::parse(*query);
        q.checkRunnable();
        hits = searchIndex(*registry, [&q](const IndexedMatch& m) { return q.score(m.doc); });
      } catch (const SearchQueryError&) {
        throw ApiError(GrpcCode::kInternal, "Error listing matches.");
      }
    } else if (label) {
      hits = searchIndex(*registry, [&label](const IndexedMatch& m) {
        return m.label == *label ? std::optional<double>(1) : std::nullopt;
      });
    } else if (!authoritative || *authoritative) {
      hits = searchIndex(*registry, [](const IndexedMatch&) { return std::optional<double>(1); });
    }
    const bool allowRelayed = !query && !label && (!authoritative || !*authoritative);
    // Without size filters the index search returns `limit` hits, filtered afterwards.
    if (!minSize && !maxSize && static_cast<int>(hits.size()) > limit) hits.resize(limit);
    auto sizeOk = [&](std::int32_t size) { return (!minSize || size >= *minSize) && (!maxSize || size <= *maxSize); };

    Json matches = Json::array();
    for (const Hit& hit : hits) {
      if (static_cast<int>(matches.size()) >= limit) break;
      const ListedMatch* running = registry->find(hit.match->matchId);
      if (!running || !sizeOk(running->size)) continue;
      ListedMatch out;
      out.matchId = hit.match->matchId;
      out.authoritative = true;
      out.label = hit.match->label;
      out.size = running->size;
      out.tickRate = hit.match->tickRate;
      out.handlerName = hit.match->handlerName;
      matches.push_back(MatchRegistry::toJson(out));
    }
    if (allowRelayed) {
      for (const ListedMatch* m : registry->relayed()) {
        if (static_cast<int>(matches.size()) >= limit) break;
        if (sizeOk(m->size)) matches.push_back(MatchRegistry::toJson(*m));
      }
    }
    Json out = Json::object();
    setIfNotEmpty(out, "matches", matches);
    return out;
  });
}

}  // namespace nakama::testserver
