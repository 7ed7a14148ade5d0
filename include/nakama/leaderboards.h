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
}  // namespace internal

/// How a submitted score combines with the stored one (`api.Operator`). Unknown numbers are kept.
enum class LeaderboardOperator : std::int32_t {
  kNoOverride = 0,  ///< Write: use the leaderboard's own operator.
  /// Keep the better score and, separately, the better subscore (per the sort order): on a descending
  /// board a stored 10/5 and a submitted 8/9 give 10/9.
  kBest = 1,
  kSet = 2,        ///< Replace the stored score and subscore.
  kIncrement = 3,  ///< Add the submitted score (and subscore) to the stored one.
  kDecrement = 4,  ///< Subtract the submitted score (and subscore) from the stored one, never below 0.
};

/// Rank order of a leaderboard or tournament. Unknown numbers are kept.
enum class LeaderboardSortOrder : std::uint32_t {
  kAscending = 0,   ///< Lower scores rank first (for example best times).
  kDescending = 1,  ///< Higher scores rank first.
};

/// One owner's record in a leaderboard or tournament (`api.LeaderboardRecord`).
struct LeaderboardRecord {
  std::string leaderboardId;  ///< The leaderboard (or tournament) id.
  std::string ownerId;        ///< Usually a user id.
  /// The username in the session token of the last write (or join) that changed the record: after an
  /// account rename, writes with a token issued before it still store the old name.
  std::string username;
  /// The score.
  std::int64_t score = 0;
  std::int64_t subscore = 0;  ///< Breaks ties between equal scores.
  /// How many writes changed this record. A write that changes no value (adding 0, setting the same
  /// values, a "best" that improves neither field) leaves the record as it was, metadata and update
  /// time included.
  std::int32_t numScore = 0;
  std::string metadata;  ///< JSON text; "{}" when none was given.
  /// When the record was created.
  Timestamp createTime{};
  /// When the record last changed.
  Timestamp updateTime{};
  Timestamp expiryTime{};  ///< When the record expires (next reset); the epoch = never.
  /// 1-based rank in the leaderboard. Equal scores and subscores are ordered by owner id (descending
  /// on a descending board, ascending on an ascending one), so every record has its own rank. 0 (absent)
  /// in owner records and around-owner windows of a period that has already expired.
  std::int64_t rank = 0;
  std::uint32_t maxNumScore = 0;  ///< The maximum number of submissions allowed.
};

/// A page of records (`api.LeaderboardRecordList`, also used for tournaments).
///
/// Ranks on a page are counted from the cursor it was listed with. Nakama 3.15 lists a previous page
/// (read upwards) with its records in rank order but their ranks in reverse order.
struct LeaderboardRecordList {
  std::vector<LeaderboardRecord> records;       ///< The page, in rank order.
  std::vector<LeaderboardRecord> ownerRecords;  ///< The records of the owners asked for by id.
  /// Empty when there is no next page. From an around-owner listing (3.15) this one pages upwards,
  /// to the records ranked above the window.
  std::string nextCursor;
  /// Empty when there is no previous page. From an around-owner listing (3.15) this one pages
  /// downwards; a tournament's around-owner listing repeats `nextCursor` here instead.
  std::string prevCursor;
};

/// A score submission (`LeaderboardRecordWrite`, also used for tournaments).
struct LeaderboardRecordWrite {
  /// The score (how it combines with the stored one depends on the operator).
  std::int64_t score = 0;
  /// The subscore, which breaks ties between equal scores.
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
  /// Page size 1-100. Server defaults: leaderboards 1 (but only the owners' records when `ownerIds` is
  /// given without a cursor), tournaments 10 (but only the owners' records when `ownerIds` is given
  /// with a cursor).
  std::optional<std::int32_t> limit;
  std::string cursor;  ///< A `nextCursor`/`prevCursor` of an earlier page.
  /// List the records of the period that expires at this time (a past reset period) instead of the current one.
  std::optional<Timestamp> expiry;
};

/// Options of a listing around an owner (leaderboards and tournaments).
struct LeaderboardAroundOwnerOptions {
  /// How many records, the owner's included (1-100). Server defaults: leaderboards 1, tournaments 100.
  /// The window holds limit/2 records below the owner and the rest above (limit/2-1 for an even
  /// limit), shifted when one side runs out.
  std::optional<std::uint32_t> limit;
  std::optional<Timestamp> expiry;  ///< As in LeaderboardListOptions.
  /// Continue from an earlier page's cursor (then it is a plain page of `limit` records; a cursor the
  /// server cannot read fails with HTTP 500 here, 400 in listRecords).
  std::string cursor;
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
                                            const LeaderboardListOptions& options = {}, const CallOptions& call = {});

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
