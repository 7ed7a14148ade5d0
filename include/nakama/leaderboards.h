#pragma once

// Leaderboards: submit scores, list the top records, the records of given owners, or the records
// around one owner, and delete your own record.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/types.h"

namespace nakama {

namespace internal {
class ClientCore;
struct ApiAccess;
}

/// How a submitted score combines with the stored one (`api.Operator`). Unknown numbers are kept.
enum class LeaderboardOperator : std::int32_t {
  kNoOverride = 0,  ///< Write: use the leaderboard's own operator.
  kBest = 1,        ///< Keep the better of the stored and the submitted score (per the sort order).
  kSet = 2,         ///< Replace the stored score.
  kIncrement = 3,   ///< Add the submitted score (and subscore) to the stored one.
  kDecrement = 4,   ///< Subtract the submitted score (and subscore) from the stored one.
};

/// Rank order of a leaderboard or tournament. Unknown numbers are kept.
enum class LeaderboardSortOrder : std::uint32_t {
  kAscending = 0,   ///< Lower scores rank first (for example best times).
  kDescending = 1,  ///< Higher scores rank first.
};

/// One owner's record in a leaderboard or tournament (`api.LeaderboardRecord`).
struct LeaderboardRecord {
  std::string leaderboardId;       ///< The leaderboard (or tournament) id.
  std::string ownerId;             ///< Usually a user id.
  std::string username;            ///< The owner's username when the owner is a user.
  std::int64_t score = 0;
  std::int64_t subscore = 0;       ///< Breaks ties between equal scores.
  std::int32_t numScore = 0;       ///< How many times the owner submitted to this record.
  std::string metadata;            ///< JSON text; "{}" when none was given.
  Timestamp createTime{};
  Timestamp updateTime{};
  Timestamp expiryTime{};          ///< When the record expires (next reset); the epoch = never.
  std::int64_t rank = 0;           ///< 1-based rank in the leaderboard.
  std::uint32_t maxNumScore = 0;   ///< The maximum number of submissions allowed.
};

/// A page of records (`api.LeaderboardRecordList`, also used for tournaments).
struct LeaderboardRecordList {
  std::vector<LeaderboardRecord> records;       ///< The page, in rank order.
  std::vector<LeaderboardRecord> ownerRecords;  ///< The records of the owners asked for by id.
  std::string nextCursor;                       ///< Empty when there is no next page.
  std::string prevCursor;                       ///< Empty when there is no previous page.
};

/// A score submission (`LeaderboardRecordWrite`, also used for tournaments).
struct LeaderboardRecordWrite {
  std::int64_t score = 0;
  std::int64_t subscore = 0;
  /// JSON text stored with the record (the server rejects non-JSON); empty = none/unchanged.
  std::string metadata;
  /// Overrides the leaderboard's operator for this write; kNoOverride uses the leaderboard's own.
  LeaderboardOperator operatorOverride = LeaderboardOperator::kNoOverride;
};

/// Options of a record listing (leaderboards and tournaments).
struct LeaderboardListOptions {
  /// Also return the records of these owners (in `ownerRecords`), wherever they rank.
  std::vector<std::string> ownerIds;
  /// Page size 1-100. Server defaults: leaderboards 1 (or all owners when `ownerIds` is given without a
  /// cursor), tournaments 10.
  std::optional<std::int32_t> limit;
  std::string cursor;              ///< A `nextCursor`/`prevCursor` of an earlier page.
  /// List the records of the period that expires at this time (a past reset period) instead of the current one.
  std::optional<Timestamp> expiry;
};

/// Options of a listing around an owner (leaderboards and tournaments).
struct LeaderboardAroundOwnerOptions {
  /// How many records, the owner's included (1-100). Server defaults: leaderboards 1, tournaments 100.
  std::optional<std::uint32_t> limit;
  std::optional<Timestamp> expiry;  ///< As in LeaderboardListOptions.
  std::string cursor;               ///< Continue from an earlier page's cursor.
};

/// `client.leaderboards()`: leaderboard records.
class NAKAMA_API LeaderboardsApi {
 public:
  /// Submits a score for the session's user. Returns the record as stored (with its new rank).
  /// Not retried automatically (a repeated write counts twice) unless `call.idempotent` is set.
  Future<LeaderboardRecord> writeRecord(const std::string& leaderboardId, const LeaderboardRecordWrite& record,
                                        const CallOptions& call = {});

  /// Lists records in rank order, and the records of `options.ownerIds`.
  Future<LeaderboardRecordList> listRecords(const std::string& leaderboardId,
                                            const LeaderboardListOptions& options = {},
                                            const CallOptions& call = {});

  /// Lists the records ranked around `ownerId` (the owner's record included).
  Future<LeaderboardRecordList> listRecordsAroundOwner(const std::string& leaderboardId, const std::string& ownerId,
                                                       const LeaderboardAroundOwnerOptions& options = {},
                                                       const CallOptions& call = {});

  /// Deletes the session user's record in this leaderboard.
  Future<void> deleteRecord(const std::string& leaderboardId, const CallOptions& call = {});

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit LeaderboardsApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
