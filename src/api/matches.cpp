#include "nakama/matches.h"

#include "core/json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

void from_json(const internal::Json& j, MatchSummary& out) {
  using internal::read;
  read(j, "match_id", out.matchId);
  read(j, "authoritative", out.authoritative);
  read(j, "label", out.label);
  read(j, "size", out.size);
  read(j, "tick_rate", out.tickRate);
  read(j, "handler_name", out.handlerName);
}

void from_json(const internal::Json& j, MatchList& out) { internal::read(j, "matches", out.matches); }

MatchesApi Client::matches() const { return MatchesApi(core_); }

MatchesApi::MatchesApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

Future<MatchList> MatchesApi::list(const MatchListOptions& options, const CallOptions& call) {
  internal::RestRequest request;
  request.method = "GET";
  request.path = "/v2/match";
  request.query.addOptional("limit", options.limit);
  request.query.addOptional("authoritative", options.authoritative);
  request.query.addOptional("label", options.label);
  request.query.addOptional("min_size", options.minSize);
  request.query.addOptional("max_size", options.maxSize);
  request.query.addOptional("query", options.query);
  request.options = call;
  return core_->call<MatchList>(std::move(request));
}

}  // namespace nakama
