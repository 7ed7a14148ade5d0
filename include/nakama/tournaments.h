#pragma once

// Tournaments: leaderboards with a schedule, a size limit and (optionally) mandatory joining.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/leaderboards.h"
#include "nakama/types.h"

namespace nakama {

namespace internal {
class ClientCore;
struct ApiAccess;
}  // namespace internal

/// A tournament (`api.Tournament`). Times given by the server as unix seconds are Timestamps here;
/// the epoch means "not set" (for example no reset schedule, or no end).
struct Tournament {
  /// The tournament's id.
  std::string id;
  /// Title.
  std::string title;
  /// Description.
  std::string description;
  std::uint32_t category = 0;  ///< 0-127, game-defined.
  /// Whether higher (descending) or lower (ascending) scores rank first.
  LeaderboardSortOrder sortOrder = LeaderboardSortOrder::kAscending;
  std::uint32_t size = 0;         ///< Current number of participants.
  std::uint32_t maxSize = 0;      ///< Maximum number of participants.
  std::uint32_t maxNumScore = 0;  ///< Maximum submissions per participant and period.
  /// Active now and not full (3.15 also reports false for every tournament without a max size).
  bool canEnter = false;
  Timestamp endActive{};  ///< When the current active period ends.
  Timestamp nextReset{};  ///< When the next period starts (records reset).
  std::string metadata;   ///< JSON text.
  /// When the tournament was created.
  Timestamp createTime{};
  Timestamp startTime{};       ///< When the tournament starts.
  Timestamp endTime{};         ///< When the tournament ends for good; the epoch = never.
  std::uint32_t duration = 0;  ///< Length of each active period, in seconds.
  Timestamp startActive{};     ///< When the current (or next) active period starts.
  Timestamp prevReset{};       ///< When the previous period ended.
  LeaderboardOperator scoreOperator = LeaderboardOperator::kNoOverride;  ///< How submissions combine.
  bool authoritative = false;                                            ///< Only the server may submit scores.
  /// Players must `join()` before writing. Sent by servers newer than 3.15 only (3.15 does not report
  /// it, so it reads false there; a write without joining then fails with kFailedPrecondition).
  bool joinRequired = false;
};

/// A page of tournaments (`api.TournamentList`).
struct TournamentList {
  /// The tournaments of this page.
  std::vector<Tournament> tournaments;
  std::string cursor;  ///< Empty when there is no next page.
};

/// Records of a tournament: the same shape as a leaderboard's.
using TournamentRecordList = LeaderboardRecordList;

/// Filters of `TournamentsApi::list()`. Unset filters are not sent (the server's defaults apply).
struct TournamentListOptions {
  std::optional<std::uint32_t> categoryStart;  ///< Server default 0; not range-checked by the server.
  /// Server default 127. When set it must be < 128 ("Tournament category end must be >=0 and <128.")
  /// and >= categoryStart ("Tournament category end must be greater than category start.").
  std::optional<std::uint32_t> categoryEnd;
  std::optional<Timestamp> startTime;  ///< Only tournaments starting at or after this time.
  /// Only tournaments ending at or before this time; the epoch selects tournaments that never end.
  /// Otherwise it must not be before `startTime` ("Tournament end time must be greater than start time.").
  std::optional<Timestamp> endTime;
  std::optional<std::int32_t> limit;  ///< 1-100 ("Limit must be between 1 and 100."), default 100.
  /// From a previous page; empty = the first page.
  std::string cursor;
};

/// `client.tournaments()`.
class NAKAMA_API TournamentsApi {
 public:
  /// Lists tournaments matching the filters.
  Future<TournamentList> list(const TournamentListOptions& options = {}, const CallOptions& call = {});

  /// Joins a tournament (needed before writing when the tournament requires joining): creates an empty
  /// record (num_score 0) under the session token's username. Joining again is a no-op.
  Future<void> join(const std::string& tournamentId, const CallOptions& call = {});

  /// Submits a score. Not retried automatically unless `call.idempotent` is set.
  Future<LeaderboardRecord> writeRecord(const std::string& tournamentId, const LeaderboardRecordWrite& record,
                                        const CallOptions& call = {});

  /// Lists records in rank order, and the records of `options.ownerIds` (see LeaderboardsApi::listRecords).
  Future<TournamentRecordList> listRecords(const std::string& tournamentId, const LeaderboardListOptions& options = {},
                                           const CallOptions& call = {});

  /// Lists the records ranked around `ownerId` (the owner's record included).
  Future<TournamentRecordList> listRecordsAroundOwner(const std::string& tournamentId, const std::string& ownerId,
                                                      const LeaderboardAroundOwnerOptions& options = {},
                                                      const CallOptions& call = {});

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit TournamentsApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
