#pragma once

// JSON mapping of the tournaments area (records share the leaderboard mapping).

#include "core/json.h"
#include "nakama/tournaments.h"

namespace nakama {

void from_json(const internal::JsonValue& j, Tournament& out);
void from_json(const internal::JsonValue& j, TournamentList& out);

}  // namespace nakama
