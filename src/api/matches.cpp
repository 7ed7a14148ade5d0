#include "nakama/matches.h"

#include "api/matches_json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

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
