// Leaderboards (reference §1 ListLeaderboardRecords / WriteLeaderboardRecord / DeleteLeaderboardRecord /
// ListLeaderboardRecordsAroundOwner) with the fixtures of test-fixtures.md created at server start.
#include <memory>

#include "areas/leaderboard_store.h"
#include "core/server_api.h"

namespace nakama::testserver {

namespace {

struct LeaderboardsState {
  std::map<std::string, lb::Board> boards;
};

lb::Board makeBoard(const std::string& id, bool descending, int op, const std::string& reset, const std::string& metadata,
                    std::int64_t now) {
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
    const lb::Board& board = boardOf(*state, req.param("leaderboard_id"));
    const auto query = lb::readListQuery(req, 1, true);
    return lb::listRecords(board, query.expiry.value_or(currentExpiry(board, ctx.clock.unix())), query);
  });

  ctx.router.add("POST", "/v2/leaderboard/{leaderboard_id}", Auth::kSession, [state, &ctx](Request& req) {
    lb::Board& board = boardOf(*state, req.param("leaderboard_id"));
    if (board.authoritative) throw ApiError(GrpcCode::kPermissionDenied, "Write to leaderboard not allowed.");
    const Json& body = req.json();
    const lb::WriteInput input = lb::parseWrite(body);
    const std::int64_t now = ctx.clock.unix();
    const std::int64_t expiry = currentExpiry(board, now);
    const Account* account = ctx.accounts.byId(req.user.userId);
    const std::string username = account ? account->username : req.user.username;
    const lb::Record& record = lb::applyWrite(board, expiry, req.user.userId, username, input, now);
    return lb::recordJson(board, record, board.rankOf(expiry, record.ownerId));
  });

  ctx.router.add("DELETE", "/v2/leaderboard/{leaderboard_id}", Auth::kSession, [state, &ctx](Request& req) {
    lb::Board& board = boardOf(*state, req.param("leaderboard_id"));
    if (board.authoritative) throw ApiError(GrpcCode::kPermissionDenied, "Delete from leaderboard not allowed.");
    auto period = board.periods.find(currentExpiry(board, ctx.clock.unix()));
    if (period != board.periods.end()) period->second.erase(req.user.userId);
    return Json::object();
  });

  ctx.router.add("GET", "/v2/leaderboard/{leaderboard_id}/owner/{owner_id}", Auth::kSession,
                 [state, &ctx](Request& req) {
                   const lb::Board& board = boardOf(*state, req.param("leaderboard_id"));
                   const auto query = lb::readAroundQuery(req, 1);
                   return lb::listAroundOwner(board, query.expiry.value_or(currentExpiry(board, ctx.clock.unix())),
                                              query);
                 });

  // Deleting an account deletes its records.
  ctx.accounts.onDelete([state](const Account& account) {
    for (auto& [id, board] : state->boards) board.removeOwner(account.id);
  });
}

}  // namespace nakama::testserver
