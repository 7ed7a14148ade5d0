// Shared engine of the leaderboards and tournaments areas (see leaderboard_store.h).
#include "areas/leaderboard_store.h"

#include <algorithm>
#include <sstream>

#include "core/util.h"

namespace nakama::testserver::lb {

// ---- Cron ----------------------------------------------------------------------------------------

namespace {

// Parses one cron field into `bits` (values lo..hi). Returns false on a malformed field.
template <std::size_t N>
bool parseField(const std::string& text, int lo, int hi, std::bitset<N>& bits, bool& restricted) {
  restricted = text != "*";
  std::stringstream parts(text);
  std::string part;
  while (std::getline(parts, part, ',')) {
    if (part.empty()) return false;
    int step = 1;
    auto slash = part.find('/');
    std::string range = part.substr(0, slash);
    if (slash != std::string::npos) {
      try {
        step = std::stoi(part.substr(slash + 1));
      } catch (const std::exception&) {
        return false;
      }
      if (step < 1) return false;
    }
    int from = lo;
    int to = hi;
    if (range != "*") {
      auto dash = range.find('-');
      try {
        from = std::stoi(range.substr(0, dash));
        to = dash == std::string::npos ? (slash == std::string::npos ? from : hi) : std::stoi(range.substr(dash + 1));
      } catch (const std::exception&) {
        return false;
      }
    }
    if (from < lo || to > hi || from > to) return false;
    for (int v = from; v <= to; v += step) bits.set(static_cast<std::size_t>(v));
  }
  return true;
}

}  // namespace

std::optional<Cron> Cron::parse(const std::string& expression) {
  std::stringstream in(expression);
  std::vector<std::string> fields;
  std::string f;
  while (in >> f) fields.push_back(f);
  if (fields.size() != 5) return std::nullopt;
  Cron cron;
  cron.expression_ = expression;
  bool ignored = false;
  if (!parseField(fields[0], 0, 59, cron.minutes_, ignored)) return std::nullopt;
  if (!parseField(fields[1], 0, 23, cron.hours_, ignored)) return std::nullopt;
  if (!parseField(fields[2], 1, 31, cron.daysOfMonth_, cron.domRestricted_)) return std::nullopt;
  if (!parseField(fields[3], 1, 12, cron.months_, ignored)) return std::nullopt;
  std::bitset<8> dow;
  if (!parseField(fields[4], 0, 7, dow, cron.dowRestricted_)) return std::nullopt;
  for (int d = 0; d < 7; ++d) cron.daysOfWeek_[d] = dow[d];
  if (dow[7]) cron.daysOfWeek_[0] = true;  // 7 = Sunday too
  return cron;
}

bool Cron::dayMatches(int dayOfMonth, int month, int dayOfWeek) const {
  if (!months_[static_cast<std::size_t>(month)]) return false;
  const bool dom = daysOfMonth_[static_cast<std::size_t>(dayOfMonth)];
  const bool dow = daysOfWeek_[static_cast<std::size_t>(dayOfWeek)];
  if (domRestricted_ && dowRestricted_) return dom || dow;  // classic cron: either
  return dom && dow;
}

std::int64_t Cron::next(std::int64_t unixSeconds) const {
  std::int64_t t = (unixSeconds / 60 + 1) * 60;  // the next whole minute, strictly after
  const std::int64_t limit = t + 5LL * 366 * 86400;
  while (t < limit) {
    const UtcTime utc = utcFromUnix(t);
    if (!dayMatches(utc.day, utc.month, utc.weekday)) {
      t = (t / 86400 + 1) * 86400;  // next day 00:00
      continue;
    }
    if (!hours_[static_cast<std::size_t>(utc.hour)]) {
      t = (t / 3600 + 1) * 3600;
      continue;
    }
    if (!minutes_[static_cast<std::size_t>(utc.minute)]) {
      t += 60;
      continue;
    }
    return t;
  }
  return 0;
}

std::int64_t Cron::prev(std::int64_t unixSeconds) const {
  std::int64_t t = (unixSeconds / 60) * 60;
  const std::int64_t limit = t - 5LL * 366 * 86400;
  while (t > limit) {
    const UtcTime utc = utcFromUnix(t);
    if (!dayMatches(utc.day, utc.month, utc.weekday)) {
      t = (t / 86400) * 86400 - 60;  // previous day 23:59
      continue;
    }
    if (!hours_[static_cast<std::size_t>(utc.hour)]) {
      t = (t / 3600) * 3600 - 60;
      continue;
    }
    if (!minutes_[static_cast<std::size_t>(utc.minute)]) {
      t -= 60;
      continue;
    }
    return t;
  }
  return 0;
}

// ---- Board ---------------------------------------------------------------------------------------

bool Board::before(const Record& a, const Record& b) const {
  if (a.score != b.score) return descending ? a.score > b.score : a.score < b.score;
  if (a.subscore != b.subscore) return descending ? a.subscore > b.subscore : a.subscore < b.subscore;
  return descending ? a.ownerId > b.ownerId : a.ownerId < b.ownerId;
}

std::vector<const Record*> Board::ranked(std::int64_t expiry) const {
  std::vector<const Record*> out;
  auto it = periods.find(expiry);
  if (it == periods.end()) return out;
  out.reserve(it->second.size());
  for (const auto& [owner, record] : it->second) out.push_back(&record);
  std::sort(out.begin(), out.end(), [this](const Record* a, const Record* b) { return before(*a, *b); });
  return out;
}

std::int64_t Board::rankOf(std::int64_t expiry, const std::string& ownerId) const {
  auto records = ranked(expiry);
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (records[i]->ownerId == ownerId) return static_cast<std::int64_t>(i + 1);
  }
  return 0;
}

void Board::removeOwner(const std::string& ownerId) {
  for (auto& [expiry, records] : periods) records.erase(ownerId);
}

// ---- writes --------------------------------------------------------------------------------------

WriteInput parseWrite(const Json& body) {
  WriteInput in;
  in.score = optInt64(body, "score").value_or(0);
  in.subscore = optInt64(body, "subscore").value_or(0);
  if (auto metadata = optString(body, "metadata"); metadata && !metadata->empty()) {
    Json parsed = Json::parse(*metadata, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      throw ApiError(GrpcCode::kInvalidArgument, "Metadata value must be JSON, if provided.");
    }
    in.metadata = jsonbText(parsed);
  }
  if (const Json* op = field(body, "operator")) {
    // protojson accepts an enum by number (any number: proto3 enums are open) or by name.
    if (op->is_number_integer()) {
      in.op = op->get<int>();
    } else if (op->is_string()) {
      static const std::map<std::string, int> names = {{"NO_OVERRIDE", kNoOverride},
                                                       {"BEST", kBest},
                                                       {"SET", kSet},
                                                       {"INCREMENT", kIncrement},
                                                       {"DECREMENT", kDecrement}};
      auto it = names.find(op->get<std::string>());
      if (it == names.end()) throw JsonTypeError("operator", "enum", op->dump());
      in.op = it->second;
    } else {
      throw JsonTypeError("operator", "enum", op->dump());
    }
  }
  return in;
}

std::optional<Record> applyWrite(const Board& board, const Record* existing, const std::string& ownerId,
                                 const std::string& username, const WriteInput& input, std::int64_t now,
                                 std::int64_t expiry) {
  const int op = input.op != kNoOverride ? input.op : board.op;
  if (!existing) {
    Record record;
    record.ownerId = ownerId;
    record.username = username;
    record.score = op == kDecrement ? 0 : input.score;  // a first decrement stores 0/0
    record.subscore = op == kDecrement ? 0 : input.subscore;
    record.numScore = 1;
    record.maxNumScore = board.maxNumScore;
    record.metadata = input.metadata.value_or("{}");
    record.createTime = now;
    record.updateTime = now;
    record.expiryTime = expiry;
    return record;
  }
  Record record = *existing;
  switch (op) {
    case kIncrement:
      if (input.score == 0 && input.subscore == 0) return std::nullopt;
      record.score += input.score;
      record.subscore += input.subscore;
      break;
    case kDecrement:
      if (input.score == 0 && input.subscore == 0) return std::nullopt;
      record.score = std::max<std::int64_t>(record.score - input.score, 0);
      record.subscore = std::max<std::int64_t>(record.subscore - input.subscore, 0);
      break;
    case kSet:
      if (record.score == input.score && record.subscore == input.subscore) return std::nullopt;
      record.score = input.score;
      record.subscore = input.subscore;
      break;
    default:  // best: each field on its own
      if (board.descending) {
        if (!(record.score < input.score || record.subscore < input.subscore)) return std::nullopt;
        record.score = std::max(record.score, input.score);
        record.subscore = std::max(record.subscore, input.subscore);
      } else {
        if (!(record.score > input.score || record.subscore > input.subscore)) return std::nullopt;
        record.score = std::min(record.score, input.score);
        record.subscore = std::min(record.subscore, input.subscore);
      }
      break;
  }
  record.numScore += 1;
  if (input.metadata) record.metadata = *input.metadata;
  if (!username.empty()) record.username = username;
  record.updateTime = now;
  return record;
}

Json recordJson(const Board& board, const Record& record, std::int64_t rank) {
  Json out = Json::object();
  out["leaderboard_id"] = board.id;
  out["owner_id"] = record.ownerId;
  setIfNotEmpty(out, "username", record.username);
  setInt64IfNotZero(out, "score", record.score);
  setInt64IfNotZero(out, "subscore", record.subscore);
  setIfNotZero(out, "num_score", record.numScore);
  setIfNotEmpty(out, "metadata", record.metadata);
  out["create_time"] = rfc3339(record.createTime);
  out["update_time"] = rfc3339(record.updateTime);
  if (record.expiryTime != 0) out["expiry_time"] = rfc3339(record.expiryTime);
  setInt64IfNotZero(out, "rank", rank);
  setIfNotZero(out, "max_num_score", record.maxNumScore);
  return out;
}

// ---- listings ------------------------------------------------------------------------------------

namespace {

const char* kBadCursor = "Cursor is invalid or expired.";

// The real server's record list cursor: a boundary record's sort key, the rank it was listed with,
// and the direction to page in.
struct Cursor {
  bool isNext = true;
  std::int64_t expiry = 0;
  Record key;  // score, subscore, ownerId
  std::int64_t rank = 0;
};

std::string encodeCursor(const Board& board, const Cursor& cursor) {
  Json c = Json::object();
  c["b"] = board.id;
  c["e"] = cursor.expiry;
  c["s"] = cursor.key.score;
  c["ss"] = cursor.key.subscore;
  c["o"] = cursor.key.ownerId;
  c["r"] = cursor.rank;
  c["n"] = cursor.isNext;
  return base64Encode(c.dump(), true, true);
}

Cursor decodeCursor(const Board& board, std::int64_t expiry, const std::string& text) {
  auto raw = base64Decode(text);
  if (!raw) throw ApiError(GrpcCode::kInvalidArgument, kBadCursor);
  Json c = Json::parse(*raw, nullptr, false);
  if (c.is_discarded() || !c.is_object() || c.value("b", std::string()) != board.id) {
    throw ApiError(GrpcCode::kInvalidArgument, kBadCursor);
  }
  Cursor out;
  try {
    out.expiry = c.at("e").get<std::int64_t>();
    out.key.score = c.at("s").get<std::int64_t>();
    out.key.subscore = c.at("ss").get<std::int64_t>();
    out.key.ownerId = c.at("o").get<std::string>();
    out.rank = c.at("r").get<std::int64_t>();
    out.isNext = c.at("n").get<bool>();
  } catch (const std::exception&) {
    throw ApiError(GrpcCode::kInvalidArgument, kBadCursor);
  }
  if (out.expiry != expiry) throw ApiError(GrpcCode::kInvalidArgument, kBadCursor);  // the period rolled over
  return out;
}

Cursor cursorAt(std::int64_t expiry, const Record& record, std::int64_t rank, bool isNext) {
  Cursor c;
  c.isNext = isNext;
  c.expiry = expiry;
  c.key = record;
  c.rank = rank;
  return c;
}

// One page of LeaderboardRecordsList. Ranks are counted from the cursor's rank, and a previous page
// is read nearest-first and then flipped. The flip in 3.15.0 swaps the records but leaves each rank
// at its position (and swaps the two cursors' ranks with them), so a previous page lists its ranks
// in reverse order; this mirrors that.
void writePage(const Board& board, std::int64_t expiry, int limit, const std::string& cursorText, Json& out) {
  std::optional<Cursor> incoming;
  if (!cursorText.empty()) incoming = decodeCursor(board, expiry, cursorText);
  const bool backwards = incoming && !incoming->isNext;
  const auto ranked = board.ranked(expiry);

  std::vector<const Record*> rows;  // in the order the page reads them
  if (!incoming) {
    rows = ranked;
  } else if (!backwards) {
    for (const Record* r : ranked) {
      if (board.before(incoming->key, *r)) rows.push_back(r);
    }
  } else {
    for (auto it = ranked.rbegin(); it != ranked.rend(); ++it) {
      if (board.before(**it, incoming->key)) rows.push_back(*it);
    }
  }

  std::int64_t rank = incoming ? incoming->rank : 0;
  std::vector<std::pair<const Record*, std::int64_t>> page;
  std::optional<Cursor> next;
  std::optional<Cursor> prev;
  for (const Record* r : rows) {
    if (static_cast<int>(page.size()) >= limit) {
      next = cursorAt(expiry, *page.back().first, rank, true);
      break;
    }
    rank += backwards ? -1 : 1;
    page.emplace_back(r, rank);
    if (incoming && !prev) prev = cursorAt(expiry, *r, rank, false);
  }

  if (backwards) {
    if (next && prev) {
      std::swap(next, prev);
      next->isNext = true;
      prev->isNext = false;
      std::swap(next->rank, prev->rank);
    } else if (prev) {
      next = prev;
      prev.reset();
      next->isNext = true;
    }
    // Records reversed, ranks left in place.
    std::vector<std::int64_t> ranks;
    for (const auto& entry : page) ranks.push_back(entry.second);
    std::reverse(page.begin(), page.end());
    for (std::size_t i = 0; i < page.size(); ++i) page[i].second = ranks[i];
  }

  Json records = Json::array();
  for (const auto& [record, r] : page) records.push_back(recordJson(board, *record, r));
  setIfNotEmpty(out, "records", records);
  if (next) out["next_cursor"] = encodeCursor(board, *next);
  if (prev) out["prev_cursor"] = encodeCursor(board, *prev);
}

// The rank the real server's rank cache gives the record at `index`: the cache drops a period once
// it has expired, so records of past periods come without a rank there.
std::int64_t cachedRank(std::int64_t expiry, std::int64_t now, std::size_t index) {
  return expiry == 0 || expiry > now ? static_cast<std::int64_t>(index + 1) : 0;
}

int readLimit(const Request& req) {
  auto limit = req.queryInt32("limit");
  if (limit && (*limit < 1 || *limit > 100)) {
    throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 100.");
  }
  return limit ? *limit : 0;
}

}  // namespace

ListQuery readListQuery(const Request& req, bool ownerIdsFirst) {
  ListQuery q;
  q.ownerIds = req.queryAll("owner_ids");
  const auto checkOwners = [&q] {
    for (const auto& id : q.ownerIds) {
      if (!isUuid(id)) throw ApiError(GrpcCode::kInvalidArgument, "One or more owner IDs are invalid.");
    }
  };
  if (ownerIdsFirst) checkOwners();
  if (int limit = readLimit(req)) q.limit = limit;
  if (!ownerIdsFirst) checkOwners();
  q.cursor = req.queryValue("cursor").value_or("");
  q.expiry = req.queryInt64("expiry").value_or(0);
  return q;
}

Json listRecords(const Board& board, std::int64_t expiry, const ListQuery& query, std::optional<int> limit,
                 std::int64_t now) {
  Json page = Json::object();
  if (limit) writePage(board, expiry, *limit, query.cursor, page);
  Json out = Json::object();  // proto field order: records, owner_records, next_cursor, prev_cursor
  if (page.contains("records")) out["records"] = page["records"];
  if (!query.ownerIds.empty()) {
    const auto ranked = board.ranked(expiry);
    Json owners = Json::array();
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      if (std::find(query.ownerIds.begin(), query.ownerIds.end(), ranked[i]->ownerId) != query.ownerIds.end()) {
        owners.push_back(recordJson(board, *ranked[i], cachedRank(expiry, now, i)));
      }
    }
    setIfNotEmpty(out, "owner_records", owners);
  }
  if (page.contains("next_cursor")) out["next_cursor"] = page["next_cursor"];
  if (page.contains("prev_cursor")) out["prev_cursor"] = page["prev_cursor"];
  return out;
}

AroundQuery readAroundQuery(const Request& req, int defaultLimit) {
  AroundQuery q;
  const int limit = readLimit(req);
  q.limit = limit ? limit : defaultLimit;
  q.ownerId = req.param("owner_id");
  if (q.ownerId.empty()) throw ApiError(GrpcCode::kInvalidArgument, "Owner ID must be provided for a haystack query.");
  if (!isUuid(q.ownerId)) throw ApiError(GrpcCode::kInvalidArgument, "Invalid owner ID provided.");
  q.cursor = req.queryValue("cursor").value_or("");
  q.expiry = req.queryInt64("expiry").value_or(0);
  return q;
}

Json listAroundOwner(const Board& board, std::int64_t expiry, const AroundQuery& query, std::int64_t now) {
  if (!query.cursor.empty()) {
    ListQuery list;
    list.cursor = query.cursor;
    try {
      return listRecords(board, expiry, list, query.limit, now);
    } catch (const ApiError&) {
      throw ApiError(GrpcCode::kInternal, "Error querying records from leaderboard.");  // any failure is a 500 here
    }
  }
  const auto ranked = board.ranked(expiry);
  const auto owner =
      std::find_if(ranked.begin(), ranked.end(), [&](const Record* r) { return r->ownerId == query.ownerId; });
  if (owner == ranked.end()) return Json::object();
  const auto idx = static_cast<std::size_t>(owner - ranked.begin());
  const auto rankAt = [&](std::size_t i) { return cachedRank(expiry, now, i); };
  Json out = Json::object();
  if (query.limit == 1) {
    out["records"] = Json::array({recordJson(board, **owner, rankAt(idx))});
    return out;
  }
  // Up to `limit` records above the owner (one more tells whether there are more), then enough below
  // to fill half the window, or the rest of it when few are above.
  const auto limit = static_cast<std::size_t>(query.limit);
  const bool moreAbove = idx > limit;
  const std::size_t above = std::min(idx, limit);
  std::size_t belowLimit = limit / 2;
  if (above < belowLimit) belowLimit = limit - above;
  const std::size_t available = ranked.size() - idx - 1;
  const bool moreBelow = available > belowLimit;
  const std::size_t below = std::min(available, belowLimit);
  // The fetched run is ranked[idx - above, idx + below]; keep its last `limit` records, or its first
  // ones when fewer than limit/2 are above.
  const std::size_t first = idx - above;
  const std::size_t count = above + 1 + below;
  std::size_t start = count > limit && above >= limit / 2 ? count - limit : 0;
  const std::size_t end = std::min(start + limit, count);

  Json records = Json::array();
  for (std::size_t i = first + start; i < first + end; ++i) records.push_back(recordJson(board, *ranked[i], rankAt(i)));
  out["records"] = records;
  // 3.15.0 names these the other way round: next_cursor pages upwards, prev_cursor downwards.
  if (moreAbove) {
    const std::size_t top = first + start;
    out["next_cursor"] = encodeCursor(board, cursorAt(expiry, *ranked[top], rankAt(top), false));
  }
  if (moreBelow) {
    const std::size_t bottom = first + end - 1;
    out["prev_cursor"] = encodeCursor(board, cursorAt(expiry, *ranked[bottom], rankAt(bottom), true));
  }
  return out;
}

}  // namespace nakama::testserver::lb
