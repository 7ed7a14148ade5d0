// Leaderboards: ListLeaderboardRecords, WriteLeaderboardRecord, DeleteLeaderboardRecord and
// ListLeaderboardRecordsAroundOwner, with the fixture boards (weekly_imposter_wins, weekly_crew_wins,
// best_time) created at server start. Semantics: tests/server/README.md.
#include <memory>

#include "areas/leaderboard_store.h"
#include "core/server_api.h"

namespace nakama::testserver {

namespace {

struct LeaderboardsState {
  std::map<std::string, lb::Board> boards;
};

lb::Board makeBoard(const std::string& id, bool descending, int op, const std::string& reset,
                    const std::string& metadata, std::int64_t now) {
  lb::Board board;
  board.id = id;
  board.descending = descending;
  board.op = op;
  if (!reset.empty()) board.reset = lb::Cron::parse(reset);
  board.metadata = jsonbTextOf(metadata);
  board.createTime = now;
  return board;
}

// The expiry time of the current reset period (0 when the board never resets).
std::int64_t currentExpiry(const lb::Board& board, std::int64_t now) {
  return board.reset ? board.reset->next(now) : 0;
}

// The period a listing reads: the `expiry` override, or the current one.
std::int64_t listExpiry(const lb::Board& board, std::int64_t expiryOverride, std::int64_t now) {
  return expiryOverride != 0 ? expiryOverride : currentExpiry(board, now);
}

lb::Board& boardOf(LeaderboardsState& state, const std::string& id) {
  auto it = state.boards.find(id);
  if (it == state.boards.end()) throw ApiError(GrpcCode::kNotFound, "Leaderboard not found.");
  return it->second;
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(leaderboards) {
  auto state = std::make_shared<LeaderboardsState>();
  const std::int64_t now = ctx.clock.unix();
  for (auto board : {makeBoard("weekly_imposter_wins", true, lb::kIncrement, "0 0 * * 1", R"({"game":"sagishi"})", now),
                     makeBoard("weekly_crew_wins", true, lb::kIncrement, "0 0 * * 1", R"({"game":"sagishi"})", now),
                     makeBoard("best_time", false, lb::kBest, "", "{}", now)}) {
    state->boards.emplace(board.id, std::move(board));
  }

  ctx.router.add("GET", "/v2/leaderboard/{leaderboard_id}", Auth::kSession, [state, &ctx](Request& req) {
    const auto query = lb::readListQuery(req, false);
    // No limit: one record, except that owner ids without a cursor list only the owners' records.
    std::optional<int> limit = query.limit;
    if (!limit && (query.ownerIds.empty() || !query.cursor.empty())) limit = 1;
    const lb::Board& board = boardOf(*state, req.param("leaderboard_id"));
    const std::int64_t now = ctx.clock.unix();
    return lb::listRecords(board, listExpiry(board, query.expiry, now), query, limit, now);
  });

  ctx.router.add("POST", "/v2/leaderboard/{leaderboard_id}", Auth::kSession, [state, &ctx](Request& req) {
    const lb::WriteInput input = lb::parseWrite(req.json());
    lb::Board& board = boardOf(*state, req.param("leaderboard_id"));
    if (board.authoritative) {
      throw ApiError(GrpcCode::kPermissionDenied, "Leaderboard only allows authoritative score submissions.");
    }
    if (!lb::validOperator(input.op)) throw ApiError(GrpcCode::kInternal, "Error writing score to leaderboard.");
    const std::int64_t now = ctx.clock.unix();
    const std::int64_t expiry = currentExpiry(board, now);
    auto& period = board.periods[expiry];
    auto it = period.find(req.user.userId);
    // The username written is the token's `usn` claim, not the account's current username.
    auto written = lb::applyWrite(board, it == period.end() ? nullptr : &it->second, req.user.userId, req.user.username,
                                  input, now, expiry);
    if (written) period[req.user.userId] = std::move(*written);
    return lb::recordJson(board, period.at(req.user.userId), board.rankOf(expiry, req.user.userId));
  });

  ctx.router.add("DELETE", "/v2/leaderboard/{leaderboard_id}", Auth::kSession, [state, &ctx](Request& req) {
    lb::Board& board = boardOf(*state, req.param("leaderboard_id"));
    if (board.authoritative) {
      throw ApiError(GrpcCode::kPermissionDenied, "Leaderboard only allows authoritative score deletions.");
    }
    auto period = board.periods.find(currentExpiry(board, ctx.clock.unix()));
    if (period != board.periods.end()) period->second.erase(req.user.userId);
    return Json::object();
  });

  ctx.router.add("GET", "/v2/leaderboard/{leaderboard_id}/owner/{owner_id}", Auth::kSession,
                 [state, &ctx](Request& req) {
                   const auto query = lb::readAroundQuery(req, 1);
                   const lb::Board& board = boardOf(*state, req.param("leaderboard_id"));
                   const std::int64_t now = ctx.clock.unix();
                   return lb::listAroundOwner(board, listExpiry(board, query.expiry, now), query, now);
                 });

  // Deleting an account deletes its records.
  ctx.accounts.onDelete([state](const Account& account) {
    for (auto& [id, board] : state->boards) board.removeOwner(account.id);
  });
}

}  // namespace nakama::testserver
