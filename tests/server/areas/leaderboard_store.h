// Shared engine of the leaderboards and tournaments areas: score records per reset period, the write
// operators, ranking, cursors and the two listings, as Nakama 3.15 computes them (tests/server/README.md,
// "Leaderboards, tournaments and storage").
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
  std::string username;  // the writer's token `usn` at the last write that changed the record
  std::int64_t score = 0;
  std::int64_t subscore = 0;
  std::int32_t numScore = 0;
  std::uint32_t maxNumScore = 1000000;  // copied from the board when the record is created
  std::string metadata = "{}";          // JSONB text
  std::int64_t createTime = 0;          // unix seconds
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
  // True when `a` ranks before `b`: by score, then subscore, then owner id (all descending on a
  // descending board, all ascending on an ascending one), so ties never share a rank.
  bool before(const Record& a, const Record& b) const;
  // Deletes every record of `ownerId` (account deletion).
  void removeOwner(const std::string& ownerId);
};

// A parsed LeaderboardRecordWrite / TournamentRecordWrite body.
struct WriteInput {
  std::int64_t score = 0;
  std::int64_t subscore = 0;
  std::optional<std::string> metadata;  // JSONB text, when given
  int op = kNoOverride;                 // any number: proto enums are open (see validOperator)
};
// Reads and validates the write body ({"score", "subscore", "metadata", "operator"}); throws ApiError.
WriteInput parseWrite(const Json& body);
// Whether `op` is one of the Operator values (the real server fails other numbers with a 500).
inline bool validOperator(int op) { return op >= kNoOverride && op <= kDecrement; }

// The record after a write, as the real server's upsert computes it: a new record when `existing` is
// null; otherwise the operator applied to it, or nullopt when the write changes nothing (incr/decr
// by 0/0, set to the same values, "best" improving neither field). "best" takes the better score and
// the better subscore separately. A change bumps num_score and update_time and takes the new metadata
// (when given) and `username` (when not empty).
std::optional<Record> applyWrite(const Board& board, const Record* existing, const std::string& ownerId,
                                 const std::string& username, const WriteInput& input, std::int64_t now,
                                 std::int64_t expiry);

// api.LeaderboardRecord.
Json recordJson(const Board& board, const Record& record, std::int64_t rank);

// Validated listing parameters.
struct ListQuery {
  std::vector<std::string> ownerIds;
  std::optional<int> limit;  // as sent; each area applies its own default (or none)
  std::string cursor;
  std::int64_t expiry = 0;  // the `expiry` override; 0 = the current period
};
// Reads owner_ids/limit/cursor/expiry (400 on a bad owner id or a limit outside 1..100; tournaments
// check the owner ids first, leaderboards the limit).
ListQuery readListQuery(const Request& req, bool ownerIdsFirst);
// LeaderboardRecordList: with `limit`, a page from the cursor (ranks counted from the cursor's rank,
// as the real server does); and the owners' records with their ranks (none once the period expired).
Json listRecords(const Board& board, std::int64_t expiry, const ListQuery& query, std::optional<int> limit,
                 std::int64_t now);

// Around-owner parameters: limit (default `defaultLimit`), owner id, expiry, cursor.
struct AroundQuery {
  std::string ownerId;
  int limit = 1;
  std::string cursor;
  std::int64_t expiry = 0;
};
AroundQuery readAroundQuery(const Request& req, int defaultLimit);
// The real server's haystack: `{}` when the owner has no record; a window of `limit` records with
// limit/2 records below the owner where possible; `next_cursor` (pages upwards) and `prev_cursor`
// (pages downwards) when more records exist on that side. With a cursor it pages like listRecords.
Json listAroundOwner(const Board& board, std::int64_t expiry, const AroundQuery& query, std::int64_t now);

}  // namespace nakama::testserver::lb
