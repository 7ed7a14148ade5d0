// Shared engine of the leaderboards and tournaments areas: score records per reset period, the write
// operators, ranking, cursors and the two listings (reference §1, §6; test-fixtures.md).
// Not an area itself: leaderboards.cpp and tournaments.cpp each own their boards.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/server_api.h"

namespace nakama::testserver::lb {

// A 5-field cron expression ("minute hour day-of-month month day-of-week", UTC) with `*`, numbers,
// lists, ranges and steps — enough for reset schedules such as `0 0 * * 1` (Mondays 00:00).
class Cron {
 public:
  static std::optional<Cron> parse(const std::string& expression);
  // The first matching minute strictly after `unixSeconds`.
  std::int64_t next(std::int64_t unixSeconds) const;
  // The last matching minute at or before `unixSeconds`.
  std::int64_t prev(std::int64_t unixSeconds) const;
  const std::string& expression() const { return expression_; }

 private:
  bool dayMatches(int dayOfMonth, int month, int dayOfWeek) const;
  std::string expression_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> daysOfMonth_;
  std::bitset<13> months_;
  std::bitset<7> daysOfWeek_;
  bool domRestricted_ = false;
  bool dowRestricted_ = false;
};

// api.Operator.
enum Operator : int { kNoOverride = 0, kBest = 1, kSet = 2, kIncrement = 3, kDecrement = 4 };

struct Record {
  std::string ownerId;
  std::string username;
  std::int64_t score = 0;
  std::int64_t subscore = 0;
  std::int32_t numScore = 0;
  std::string metadata = "{}";  // JSONB text
  std::int64_t createTime = 0;  // unix seconds
  std::int64_t updateTime = 0;
  std::int64_t expiryTime = 0;  // 0 = never
};

struct Board {
  std::string id;
  bool descending = true;
  int op = kBest;
  std::optional<Cron> reset;
  std::string metadata = "{}";
  bool authoritative = false;
  std::uint32_t maxNumScore = 1000000;
  std::int64_t createTime = 0;
  // expiry time of the period (0 = no reset) -> owner id -> record
  std::map<std::int64_t, std::map<std::string, Record>> periods;

  // Records of a period in rank order (best first).
  std::vector<const Record*> ranked(std::int64_t expiry) const;
  // 1-based rank of `ownerId` in the period; 0 when absent.
  std::int64_t rankOf(std::int64_t expiry, const std::string& ownerId) const;
  // True when `a` ranks before `b`.
  bool before(const Record& a, const Record& b) const;
  // Deletes every record of `ownerId` (account deletion).
  void removeOwner(const std::string& ownerId);
};

// A parsed LeaderboardRecordWrite / TournamentRecordWrite body.
struct WriteInput {
  std::int64_t score = 0;
  std::int64_t subscore = 0;
  std::optional<std::string> metadata;  // JSONB text, when given
  int op = kNoOverride;
};
// Reads and validates the write body ({"score", "subscore", "metadata", "operator"}); throws ApiError.
WriteInput parseWrite(const Json& body);

// Applies a write with the board's operator (or the override) to the owner's record of the period,
// creating it. A "best" write that does not improve leaves the record untouched. Throws ApiError when
// the owner has used up max_num_score submissions.
const Record& applyWrite(Board& board, std::int64_t expiry, const std::string& ownerId, const std::string& username,
                         const WriteInput& input, std::int64_t now);

// api.LeaderboardRecord.
Json recordJson(const Board& board, const Record& record, std::int64_t rank);

// Validated listing parameters.
struct ListQuery {
  std::vector<std::string> ownerIds;
  std::optional<int> limit;  // nullopt = no page (owner records only)
  std::string cursor;
  std::optional<std::int64_t> expiry;  // the `expiry` override (> 0)
};
// Reads owner_ids/limit/cursor/expiry. `defaultLimit` applies when no limit is given, except that
// leaderboards (`ownerOnlyWithoutLimit`) list only the owners' records when owner ids come without a
// cursor and a limit.
ListQuery readListQuery(const Request& req, int defaultLimit, bool ownerOnlyWithoutLimit);
// LeaderboardRecordList: a page of `query.limit` records from the cursor, and the owners' records.
Json listRecords(const Board& board, std::int64_t expiry, const ListQuery& query);

// Around-owner parameters: limit (default `defaultLimit`), owner id, expiry, cursor.
struct AroundQuery {
  std::string ownerId;
  int limit = 1;
  std::string cursor;
  std::optional<std::int64_t> expiry;
};
AroundQuery readAroundQuery(const Request& req, int defaultLimit);
// The window of `limit` records around the owner (the owner included); `{}` when the owner has no
// record. With a cursor it pages like listRecords.
Json listAroundOwner(const Board& board, std::int64_t expiry, const AroundQuery& query);

}  // namespace nakama::testserver::lb
