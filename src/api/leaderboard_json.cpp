#include "api/leaderboard_json.h"

#include <chrono>

namespace nakama {

void from_json(const internal::JsonValue& j, LeaderboardRecord& out) {
  using internal::read;
  read(j, "leaderboard_id", out.leaderboardId);
  read(j, "owner_id", out.ownerId);
  read(j, "username", out.username);
  read(j, "score", out.score);
  read(j, "subscore", out.subscore);
  read(j, "num_score", out.numScore);
  read(j, "metadata", out.metadata);
  read(j, "create_time", out.createTime);
  read(j, "update_time", out.updateTime);
  read(j, "expiry_time", out.expiryTime);
  read(j, "rank", out.rank);
  read(j, "max_num_score", out.maxNumScore);
}

void from_json(const internal::JsonValue& j, LeaderboardRecordList& out) {
  using internal::read;
  read(j, "records", out.records);
  read(j, "owner_records", out.ownerRecords);
  read(j, "next_cursor", out.nextCursor);
  read(j, "prev_cursor", out.prevCursor);
}

namespace internal {

Json recordWriteBody(const LeaderboardRecordWrite& record) {
  Json body = Json::object();
  body["score"] = int64String(record.score);
  if (record.subscore != 0) body["subscore"] = int64String(record.subscore);
  writeNonEmpty(body, "metadata", record.metadata);
  if (record.operatorOverride != LeaderboardOperator::kNoOverride) {
    body["operator"] = static_cast<std::int32_t>(record.operatorOverride);
  }
  return body;
}

void addRecordListQuery(QueryParams& query, const LeaderboardListOptions& options) {
  query.addAll("owner_ids", options.ownerIds);
  query.addOptional("limit", options.limit);
  query.addNonEmpty("cursor", options.cursor);
  if (options.expiry) query.add("expiry", unixSeconds(*options.expiry));
}

void addAroundOwnerQuery(QueryParams& query, const LeaderboardAroundOwnerOptions& options) {
  query.addOptional("limit", options.limit);
  if (options.expiry) query.add("expiry", unixSeconds(*options.expiry));
  query.addNonEmpty("cursor", options.cursor);
}

}  // namespace internal
}  // namespace nakama
