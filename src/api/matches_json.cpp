#include "api/matches_json.h"

namespace nakama {

void from_json(const internal::JsonValue& j, MatchSummary& out) {
  using internal::read;
  read(j, "match_id", out.matchId);
  read(j, "authoritative", out.authoritative);
  read(j, "label", out.label);
  read(j, "size", out.size);
  read(j, "tick_rate", out.tickRate);
  read(j, "handler_name", out.handlerName);
}

void from_json(const internal::JsonValue& j, MatchList& out) { internal::read(j, "matches", out.matches); }
}  // namespace nakama
