// Tournaments: ListTournaments, JoinTournament, WriteTournamentRecord, ListTournamentRecords and
// ListTournamentRecordsAroundOwner, with the `weekly_votes` fixture active from server start. A
// tournament is a leaderboard (leaderboard_store.h) with a schedule, a size limit and optional
// mandatory joining. Semantics: tests/server/README.md.
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
  std::uint32_t duration = 0;  // seconds of each active period
  std::uint32_t maxSize = 0;   // 0 = unlimited (and then `size` is not counted)
  bool joinRequired = false;
  std::int64_t startTime = 0;  // unix seconds
  std::int64_t endTime = 0;    // 0 = never ends
  // Who counts towards `size`, per period (expiry): joins, or first writes when joining is not
  // required. Deleting an account does not shrink it, as on a real server.
  std::map<std::int64_t, std::set<std::string>> participants;
};

struct TournamentsState {
  std::map<std::string, Tournament> tournaments;  // by id (also the listing order)
};

// The real server's calculateTournamentDeadlines: the active window and the expiry of records
// written at `now`.
struct Deadlines {
  std::int64_t startActive = 0;
  std::int64_t endActive = 0;
  std::int64_t expiry = 0;  // also the `next_reset` of api.Tournament
};

Deadlines deadlines(const Tournament& t, std::int64_t now) {
  Deadlines d;
  if (!t.board.reset) {
    d.startActive = t.startTime;
    d.endActive = t.startTime + t.duration;
    d.expiry = t.endTime;
    if (t.endTime > 0 && d.endActive > t.endTime) d.endActive = t.endTime;
    return d;
  }
  const lb::Cron& cron = *t.board.reset;
  const std::int64_t at = std::max(now, t.startTime);
  d.startActive = cron.prev(at);  // the last reset at or before `at`
  d.expiry = cron.next(at);
  d.endActive = std::min(d.startActive + t.duration, d.expiry);
  if (t.startTime > d.endActive) {
    // Starts after this period's active window: the first window after the start.
    d.startActive = cron.next(t.startTime);
    d.expiry = cron.next(d.startActive);
    d.endActive = std::min(d.startActive + t.duration, d.expiry);
  } else if (t.startTime > d.startActive) {
    d.startActive = t.startTime;
  }
  if (t.endTime > 0 && d.expiry > t.endTime) {
    d.expiry = t.endTime;
    d.endActive = std::min(d.endActive, d.expiry);
  }
  return d;
}

// calculatePrevReset: one schedule period before the next reset, or 0 if that is before the start.
std::int64_t prevReset(const Tournament& t, std::int64_t now) {
  if (!t.board.reset) return 0;
  const std::int64_t t1 = t.board.reset->next(now);
  const std::int64_t prev = t1 - (t.board.reset->next(t1) - t1);
  return prev < t.startTime ? 0 : prev;
}

std::uint32_t sizeOf(const Tournament& t, std::int64_t expiry) {
  if (t.maxSize == 0) return 0;
  auto it = t.participants.find(expiry);
  return it == t.participants.end() ? 0 : static_cast<std::uint32_t>(it->second.size());
}

// api.Tournament as ListTournaments renders it, in proto field order.
Json tournamentJson(const Tournament& t, std::int64_t now) {
  const Deadlines d = deadlines(t, now);
  const std::uint32_t size = sizeOf(t, d.expiry);
  // Note `endActive < now` and `size >= max_size` (so never with max_size 0), as in 3.15.0.
  const bool canEnter = !(d.startActive > now || d.endActive < now) && size < t.maxSize;
  Json out = Json::object();
  out["id"] = t.board.id;
  setIfNotEmpty(out, "title", t.title);
  setIfNotEmpty(out, "description", t.description);
  setIfNotZero(out, "category", t.category);
  setIfNotZero(out, "sort_order", t.board.descending ? 1 : 0);
  setIfNotZero(out, "size", size);
  setIfNotZero(out, "max_size", t.maxSize);
  setIfNotZero(out, "max_num_score", t.board.maxNumScore);
  setIfTrue(out, "can_enter", canEnter);
  setIfNotZero(out, "end_active", static_cast<std::uint32_t>(d.endActive));
  setIfNotZero(out, "next_reset", static_cast<std::uint32_t>(d.expiry));
  setIfNotEmpty(out, "metadata", t.board.metadata);
  out["create_time"] = rfc3339(t.board.createTime);
  out["start_time"] = rfc3339(t.startTime);
  if (t.endTime > 0) out["end_time"] = rfc3339(t.endTime);
  setIfNotZero(out, "duration", t.duration);
  setIfNotZero(out, "start_active", static_cast<std::uint32_t>(d.startActive));
  setIfNotZero(out, "prev_reset", static_cast<std::uint32_t>(prevReset(t, now)));
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

// A cursor that does not decode is a plain Go error on the real server: code 2, HTTP 500.
std::string decodeListCursor(const std::string& cursor) {
  auto raw = base64Decode(cursor);
  if (!raw || raw->compare(0, 3, "tl:") != 0) throw ApiError(GrpcCode::kUnknown, "leaderboard cursor invalid");
  return raw->substr(3);
}

// The period a record listing reads (calculateExpiryOverride); nullopt when the current one is over.
std::optional<std::int64_t> listExpiry(const Tournament& t, std::int64_t expiryOverride, std::int64_t now) {
  if (expiryOverride != 0) return expiryOverride;
  const std::int64_t expiry = deadlines(t, now).expiry;
  if (expiry != 0 && expiry <= now) return std::nullopt;
  return expiry;
}

Json listTournaments(TournamentsState& state, const Request& req, std::int64_t now) {
  std::string after;
  if (auto cursor = req.queryValue("cursor"); cursor && !cursor->empty()) after = decodeListCursor(*cursor);
  // category_start is not range-checked; category_end only when given.
  const std::int64_t categoryStart = req.queryUInt32("category_start").value_or(0);
  std::int64_t categoryEnd = 127;
  if (auto v = req.queryUInt32("category_end")) {
    categoryEnd = *v;
    if (categoryEnd >= 128) throw ApiError(GrpcCode::kInvalidArgument, "Tournament category end must be >=0 and <128.");
    if (categoryEnd < categoryStart) {
      throw ApiError(GrpcCode::kInvalidArgument, "Tournament category end must be greater than category start.");
    }
  }
  std::int64_t startTime = -1;  // -1: no start time filter
  if (auto v = req.queryUInt32("start_time")) startTime = *v;
  std::int64_t endTime = -1;  // -1: ongoing and future tournaments only
  if (auto v = req.queryUInt32("end_time")) {
    endTime = *v;
    if (endTime != 0 && endTime < startTime) {
      throw ApiError(GrpcCode::kInvalidArgument, "Tournament end time must be greater than start time.");
    }
  }
  int limit = 100;
  if (auto v = req.queryInt32("limit")) {
    if (*v < 1 || *v > 100) throw ApiError(GrpcCode::kInvalidArgument, "Limit must be between 1 and 100.");
    limit = *v;
  }

  Json items = Json::array();
  std::string last;
  bool more = false;
  bool skipping = !after.empty();
  for (const auto& [id, t] : state.tournaments) {
    if (skipping) {
      skipping = id != after;
      continue;
    }
    if (t.category < categoryStart || t.category > categoryEnd || t.startTime < startTime) continue;
    const bool endFiltered = (endTime == 0 && t.endTime != 0) || (endTime == -1 && t.endTime != 0 && t.endTime < now) ||
                             (endTime > 0 && (t.endTime == 0 || t.endTime > endTime));
    if (endFiltered) continue;
    if (static_cast<int>(items.size()) >= limit) {
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
}

// TournamentRecordWrite after the API checks: the join-required path only updates an existing record
// (within max_num_score, silently), the other one upserts and enforces max_num_score and max_size.
const lb::Record& writeRecord(Tournament& t, const Deadlines& d, const Request& req, const lb::WriteInput& input,
                              std::int64_t now) {
  auto& period = t.board.periods[d.expiry];
  auto it = period.find(req.user.userId);
  const lb::Record* existing = it == period.end() ? nullptr : &it->second;
  if (t.joinRequired) {
    if (!existing)
      throw ApiError(GrpcCode::kFailedPrecondition, "Must join tournament before attempting to write value.");
    if (existing->maxNumScore > 0 && static_cast<std::uint32_t>(existing->numScore) >= existing->maxNumScore) {
      return *existing;
    }
  }
  auto written = lb::applyWrite(t.board, existing, req.user.userId, req.user.username, input, now, d.expiry);
  if (!written) return *existing;
  if (!t.joinRequired) {
    if (written->maxNumScore > 0 && static_cast<std::uint32_t>(written->numScore) > written->maxNumScore) {
      throw ApiError(GrpcCode::kFailedPrecondition, "Reached allowed max number of score attempts.");
    }
    if (t.maxSize > 0 && written->numScore <= 1) {
      auto& counted = t.participants[d.expiry];
      if (counted.size() >= t.maxSize)
        throw ApiError(GrpcCode::kFailedPrecondition, "Tournament has reached max size.");
      counted.insert(req.user.userId);
    }
  }
  return period[req.user.userId] = std::move(*written);
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

  ctx.router.add("GET", "/v2/tournament", Auth::kSession,
                 [state, &ctx](Request& req) { return listTournaments(*state, req, ctx.clock.unix()); });

  ctx.router.add("POST", "/v2/tournament/{tournament_id}/join", Auth::kSession, [state, &ctx](Request& req) {
    Tournament& t = tournamentOf(*state, req.param("tournament_id"));
    if (!t.joinRequired) return Json::object();  // nothing to do (no record, no size change)
    const std::int64_t now = ctx.clock.unix();
    const Deadlines d = deadlines(t, now);
    if (d.endActive <= now)
      throw ApiError(GrpcCode::kInvalidArgument, "Tournament is not active and cannot accept new joins.");
    auto& period = t.board.periods[d.expiry];
    if (period.count(req.user.userId)) return Json::object();  // joining again is a no-op
    auto& joined = t.participants[d.expiry];
    if (t.maxSize > 0 && joined.size() >= t.maxSize) {
      throw ApiError(GrpcCode::kInvalidArgument, "Tournament cannot be joined as it has reached its max size.");
    }
    joined.insert(req.user.userId);
    // Joining creates an empty record (score 0, no submissions yet) under the token's username.
    lb::Record record;
    record.ownerId = req.user.userId;
    record.username = req.user.username;
    record.maxNumScore = t.board.maxNumScore;
    record.createTime = now;
    record.updateTime = now;
    record.expiryTime = d.expiry;
    period.emplace(record.ownerId, std::move(record));
    return Json::object();
  });

  auto write = [state, &ctx](Request& req) {
    const lb::WriteInput input = lb::parseWrite(req.json());
    Tournament& t = tournamentOf(*state, req.param("tournament_id"));
    const std::int64_t now = ctx.clock.unix();
    if (t.endTime > 0 && t.endTime <= now) throw ApiError(GrpcCode::kNotFound, "Tournament not found or has ended.");
    if (t.board.authoritative) {
      throw ApiError(GrpcCode::kPermissionDenied, "Tournament only allows authoritative score submissions.");
    }
    const Deadlines d = deadlines(t, now);
    if (d.startActive > now || d.endActive <= now) {
      throw ApiError(GrpcCode::kFailedPrecondition, "Tournament is not active and cannot accept new scores.");
    }
    if (!lb::validOperator(input.op)) throw ApiError(GrpcCode::kInternal, "Error writing score to tournament.");
    const lb::Record& record = writeRecord(t, d, req, input, now);
    return lb::recordJson(t.board, record, t.board.rankOf(d.expiry, record.ownerId));
  };
  ctx.router.add("PUT", "/v2/tournament/{tournament_id}", Auth::kSession, write);
  ctx.router.add("POST", "/v2/tournament/{tournament_id}", Auth::kSession, write);

  ctx.router.add("GET", "/v2/tournament/{tournament_id}", Auth::kSession, [state, &ctx](Request& req) {
    const auto query = lb::readListQuery(req, true);
    // No limit: 10 records, except that owner ids with a cursor list only the owners' records.
    std::optional<int> limit = query.limit;
    if (!limit && (query.ownerIds.empty() || query.cursor.empty())) limit = 10;
    const Tournament& t = tournamentOf(*state, req.param("tournament_id"));
    const std::int64_t now = ctx.clock.unix();
    if (query.expiry == 0 && t.endTime > 0 && t.endTime <= now)
      throw ApiError(GrpcCode::kNotFound, "Tournament has ended.");
    const auto expiry = listExpiry(t, query.expiry, now);
    if (!expiry) return Json::object();
    return lb::listRecords(t.board, *expiry, query, limit, now);
  });

  ctx.router.add("GET", "/v2/tournament/{tournament_id}/owner/{owner_id}", Auth::kSession, [state, &ctx](Request& req) {
    const auto query = lb::readAroundQuery(req, 100);
    const Tournament& t = tournamentOf(*state, req.param("tournament_id"));
    const std::int64_t now = ctx.clock.unix();
    const auto expiry = listExpiry(t, query.expiry, now);
    if (!expiry) return Json::object();
    Json out = lb::listAroundOwner(t.board, *expiry, query, now);
    // 3.15.0 copies the next cursor into the previous one (and drops the real previous cursor).
    out.erase("prev_cursor");
    if (out.contains("next_cursor")) out["prev_cursor"] = out["next_cursor"];
    return out;
  });

  // Deleting an account deletes its records; the tournament size is not decreased.
  ctx.accounts.onDelete([state](const Account& account) {
    for (auto& [id, t] : state->tournaments) t.board.removeOwner(account.id);
  });
}

}  // namespace nakama::testserver
