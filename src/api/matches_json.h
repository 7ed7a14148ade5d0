#pragma once

// JSON mapping of the match listing.

#include "core/json.h"
#include "nakama/matches.h"

namespace nakama {

void from_json(const internal::JsonValue& j, MatchSummary& out);
void from_json(const internal::JsonValue& j, MatchList& out);

}  // namespace nakama
