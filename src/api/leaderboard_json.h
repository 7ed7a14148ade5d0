#pragma once

// JSON mapping and request helpers shared by the leaderboards and tournaments areas.

#include <cstdint>

#include "core/json.h"
#include "nakama/leaderboards.h"
#include "rest/rest_request.h"

namespace nakama {

void from_json(const internal::JsonValue& j, LeaderboardRecord& out);
void from_json(const internal::JsonValue& j, LeaderboardRecordList& out);

namespace internal {

/// `LeaderboardRecordWrite` / `TournamentRecordWrite` body: score and subscore as int64 strings,
/// metadata and operator only when set.
Json recordWriteBody(const LeaderboardRecordWrite& record);
/// owner_ids, limit, cursor, expiry.
void addRecordListQuery(QueryParams& query, const LeaderboardListOptions& options);
/// limit, expiry, cursor.
void addAroundOwnerQuery(QueryParams& query, const LeaderboardAroundOwnerOptions& options);

}  // namespace internal
}  // namespace nakama
