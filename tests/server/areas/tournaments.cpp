// Tournaments (reference §1 ListTournaments / JoinTournament / WriteTournamentRecord /
// ListTournamentRecords / ListTournamentRecordsAroundOwner) with the `weekly_votes` fixture of
// test-fixtures.md, active from server start. A tournament is a leaderboard (leaderboard_store.h) with
// a schedule, a size limit and optional mandatory joining.
#include <algorithm>
#include <memory>
#include <set>

#include "areas/leaderboard_store.h"
#include "core/server_api.h"

namespace nakama::testserver {

namespace {

struct Tournament {
  lb::Board board;
  std::string title;
  std::string description;
  std::uint32_t category = 0;
  std::uint32_t duration = 0;      // seconds of each active period
  std::uint32_t maxSize = 0;       // 0 = unlimited
  bool joinRequired = false;
  std::int64_t startTime = 0;      // unix seconds
  std::int64_t endTime = 0;        // 0 = never ends
  // Participants per period (expiry): joins, or first writes when joining is not required. Deleting an
  // account does not shrink it (reference §8.11).
  std::map<std::int64_t, std::set<std::string>> participants;
};

struct TournamentsState {
  std::map<std::string, Tournament> tournaments;  // by id (also the listing order)
};

// The computed schedule of a tournament at `now` (the real server's calculateTournamentDeadlines).
struct Deadlines {
  std::int64_t startActive = 0;
  std::int64_t endActive = 0;
  std::int64_t nextReset = 0;
  std::int64_t prevReset = 0;
  std::int64_t expiry = 0;  // expiry_time of records written now
};

Deadlines deadlines(const Tournament& t, std::int64_t now) {
  Deadlines d;
  if (t.board.reset) {
    const lb::Cron& cron = *t.board.reset;
    const std::int64_t from = std::max(now, t.startTime);
    const std::int64_t lastSchedule = cron.prev(from);
    d.nextReset = cron.next(from);
    d.startActive = std::max(lastSchedule, t.startTime);
    d.prevReset = lastSchedule >= t.startTime ? lastSchedule : 0;
    d.endActive = t.duration > 0 ? std::min<std::int64_t>(d.startActive + t.duration, d.nextReset) : d.nextReset;
    d.expiry = d.nextReset;
  } else {
    d.startActive = t.startTime;
    d.endActive = t.duration > 0 ? t.startTime + t.duration : t.endTime;
    d.expiry = t.endTime;
  }
  if (t.endTime > 0) {
    d.endActive = d.endActive > 0 ? std::min(d.endActive, t.endTime) : t.endTime;
    if (d.expiry == 0 || d.expiry > t.endTime) d.expiry = t.endTime;
  }
  return d;
}

bool isActive(const Tournament& t, const Deadlines& d, std::int64_t now) {
  return now >= d.startActive && (d.endActive == 0 || now < d.endActive) && (t.endTime == 0 || now < t.endTime);
}

std::uint32_t sizeOf(const Tournament& t, const Deadlines& d) {
  auto it = t.participants.find(d.expiry);
  return it == t.participants.end() ? 0 : static_cast<std::uint32_t>(it->second.size());
}

// api.Tournament, in proto field order.
Json tournamentJson(const Tournament& t, std::int64_t now) {
  const Deadlines d = deadlines(t, now);
  const std::uint32_t size = sizeOf(t, d);
  Json out = Json::object();
  out["id"] = t.board.id;
  setIfNotEmpty(out, "title", t.title);
  setIfNotEmpty(out, "description", t.description);
  setIfNotZero(out, "category", t.category);
  setIfNotZero(out, "sort_order", t.board.descending ? 1 : 0);
  setIfNotZero(out, "size", size);
  setIfNotZero(out, "max_size", t.maxSize);
  setIfNotZero(out, "max_num_score", t.board.maxNumScore);
  setIfTrue(out, "can_enter", isActive(t, d, now) && (t.maxSize == 0 || size < t.maxSize));
  setIfNotZero(out, "end_active", d.endActive);
  setIfNotZero(out, "next_reset", d.nextReset);
  setIfNotEmpty(out, "metadata", t.board.metadata);
  out["create_time"] = rfc3339(t.board.createTime);
  out["start_time"] = rfc3339(t.startTime);
  if (t.endTime > 0) out["end_time"] = rfc3339(t.endTime);
  setIfNotZero(out, "duration", t.duration);
  setIfNotZero(out, "start_active", d.startActive);
  setIfNotZero(out, "prev_reset", d.prevReset);
  setIfNotZero(out, "operator", t.board.op);
  setIfTrue(out, "authoritative", t.board.authoritative);
  return out;
}

Tournament& tournamentOf(TournamentsState& state, const std::string& id) {
  auto it = state.tournaments.find(id);
  if (it == state.tournaments.end()) throw ApiError(GrpcCode::kNotFound, "Tournament not found.");
  return it->second;
}

std::string encodeListCursor(const std::string& lastId) { return base64Encode("tl:" + lastId, true, true); }

std::string decodeListCursor(const std::string& cursor) {
  auto raw = base64Decode(cursor);
  if (!raw || raw->compare(0, 3, "tl:") != 0) throw ApiError(GrpcCode::kInvalidArgument, "Cursor is invalid or expired.");
  return raw->substr(3);
}

std::string usernameOf(AreaContext& ctx, const Request& req) {
  const Account* account = ctx.accounts.byId(req.user.userId);
  return account ? account->username : req.user.username;
}

// The record period a listing reads: the `expiry` override, or the current period.
std::int64_t listExpiry(const Tournament& t, const std::optional<std::int64_t>& expiry, std::int64_t now) {
  return expiry ? *expiry : deadlines(t, now).expiry;
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(tournaments) {
  auto state = std::make_shared<TournamentsState>();
  {
    Tournament t;
    t.board.id = "weekly_votes";
    t.board.descending = true;
    t.board.op = lb::kIncrement;
    t.board.reset = lb::Cron::parse("0 0 * * 1");
    t.board.metadata = jsonbTextOf(R"({"game":"sagishi"})");
    t.board.maxNumScore = 1000000;
    t.board.createTime = ctx.clock.unix();
    t.title = "Weekly imposter votes";
    t.description = "Most correct imposter votes this week";
    t.category = 100;
    t.duration = 604800;
    t.maxSize = 1000;
    t.joinRequired = true;
    t.startTime = t.board.createTime;  // active from server start
    state->tournaments.emplace(t.board.id, std::move(t));
  }

  ctx.router.add("GET", "/v2/tournament", Auth::kSession, [state, &ctx](Request& req) {
    std::int64_t categoryStart = 0;
    std::int64_t categoryEnd = 127;
    if (auto v = req.queryUInt32("category_start")) {
      if (*v >= 128) throw ApiError(GrpcCode::kInvalidArgument, "Tournament category start must be >=0 and <128.");
      categoryStart = *v;
    }
    if (auto v = req.queryUInt32("category_end")) {
      if (*v >= 128) throw ApiError(GrpcCode::kInvalidArgument, "Tournament category end must be >=0 and <128.");
      categoryEnd = *v;
    }
    if (categoryStart > categoryEnd) {
      throw ApiError(GrpcCode::kInvalidArgument, "Tournament category end must be >= category start.");
    }
    const auto startTime = req.queryUInt32("start_time");
    const auto endTime = req.queryUInt32("end_time");
    if (startTime && endTime && *endTime > 0 && *startTime > *endTime) {
      throw ApiError(GrpcCode::kInvalidArgument, "Tournament end time must be >= start time.");
    }
    int limit = 100;
    if (auto v = req.queryInt32("limit")) {
      if (*v < 1 || *v > 100) throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 100.");
      limit = *v;
    }
    std::string after;
    if (auto cursor = req.queryValue("cursor"); cursor && !cursor->empty()) after = decodeListCursor(*cursor);

    const std::int64_t now = ctx.clock.unix();
    Json items = Json::array();
    std::string last;
    bool more = false;
    for (const auto& [id, t] : state->tournaments) {
      if (!after.empty() && id <= after) continue;
      if (t.category < categoryStart || t.category > categoryEnd) continue;
      if (startTime && t.startTime < *startTime) continue;
      if (endTime) {
        if (*endTime == 0 ? t.endTime != 0 : (t.endTime == 0 || t.endTime > *endTime)) continue;
      } else if (t.endTime != 0 && t.endTime <= now) {
        continue;  // ended tournaments are not listed by default
      }
      if (static_cast<int>(items.size()) == limit) {
        more = true;
        break;
      }
      items.push_back(tournamentJson(t, now));
      last = id;
    }
    Json out = Json::object();
    setIfNotEmpty(out, "tournaments", items);
    if (more) out["cursor"] = encodeListCursor(last);
    return out;
  });

  ctx.router.add("POST", "/v2/tournament/{tournament_id}/join", Auth::kSession, [state, &ctx](Request& req) {
    Tournament& t = tournamentOf(*state, req.param("tournament_id"));
    const std::int64_t now = ctx.clock.unix();
    const Deadlines d = deadlines(t, now);
    if (!isActive(t, d, now)) throw ApiError(GrpcCode::kInvalidArgument, "Tournament is not active and cannot accept new joins.");
    auto& joined = t.participants[d.expiry];
    if (joined.count(req.user.userId)) return Json::object();  // joining again is a no-op
    if (t.maxSize > 0 && joined.size() >= t.maxSize) {
      throw ApiError(GrpcCode::kInvalidArgument, "Tournament cannot be joined as it has reached its max size.");
    }
    joined.insert(req.user.userId);
    // Joining creates an empty record (score 0, no submissions yet).
    auto& period = t.board.periods[d.expiry];
    if (!period.count(req.user.userId)) {
      lb::Record record;
      record.ownerId = req.user.userId;
      record.username = usernameOf(ctx, req);
      record.numScore = 0;
      record.createTime = now;
      record.updateTime = now;
      record.expiryTime = d.expiry;
      period.emplace(record.ownerId, std::move(record));
    }
    return Json::object();
  });

  auto write = [state, &ctx](Request& req) {
    Tournament& t = tournamentOf(*state, req.param("tournament_id"));
    if (t.board.authoritative) throw ApiError(GrpcCode::kPermissionDenied, "Write to tournament not allowed.");
    const lb::WriteInput input = lb::parseWrite(req.json());
    const std::int64_t now = ctx.clock.unix();
    const Deadlines d = deadlines(t, now);
    if (!isActive(t, d, now)) throw ApiError(GrpcCode::kInvalidArgument, "Tournament is not active and cannot accept new scores.");
    auto& participants = t.participants[d.expiry];
    if (!participants.count(req.user.userId)) {
      if (t.joinRequired) {
        throw ApiError(GrpcCode::kFailedPrecondition, "Must join tournament before attempting to write value.");
      }
      if (t.maxSize > 0 && participants.size() >= t.maxSize) {
        throw ApiError(GrpcCode::kInvalidArgument, "Tournament has reached max size.");
      }
      participants.insert(req.user.userId);
    }
    const lb::Record& record = lb::applyWrite(t.board, d.expiry, req.user.userId, usernameOf(ctx, req), input, now);
    return lb::recordJson(t.board, record, t.board.rankOf(d.expiry, record.ownerId));
  };
  ctx.router.add("PUT", "/v2/tournament/{tournament_id}", Auth::kSession, write);
  ctx.router.add("POST", "/v2/tournament/{tournament_id}", Auth::kSession, write);

  ctx.router.add("GET", "/v2/tournament/{tournament_id}", Auth::kSession, [state, &ctx](Request& req) {
    const Tournament& t = tournamentOf(*state, req.param("tournament_id"));
    const auto query = lb::readListQuery(req, 10, false);
    return lb::listRecords(t.board, listExpiry(t, query.expiry, ctx.clock.unix()), query);
  });

  ctx.router.add("GET", "/v2/tournament/{tournament_id}/owner/{owner_id}", Auth::kSession, [state, &ctx](Request& req) {
    const Tournament& t = tournamentOf(*state, req.param("tournament_id"));
    const auto query = lb::readAroundQuery(req, 100);
    return lb::listAroundOwner(t.board, listExpiry(t, query.expiry, ctx.clock.unix()), query);
  });

  // Deleting an account deletes its records; the tournament size is not decreased (reference §8.11).
  ctx.accounts.onDelete([state](const Account& account) {
    for (auto& [id, t] : state->tournaments) t.board.removeOwner(account.id);
  });
}

}  // namespace nakama::testserver
