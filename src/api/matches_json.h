#pragma once

// JSON mapping of the match listing.

#include "core/json.h"
#include "nakama/matches.h"

namespace nakama {

void from_json(const internal::Json& j, MatchSummary& out);
void from_json(const internal::Json& j, MatchList& out);

}  // namespace nakama
