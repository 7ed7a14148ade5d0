// Shared engine of the leaderboards and tournaments areas (see leaderboard_store.h).
#include "areas/leaderboard_store.h"

#include <algorithm>
#include <ctime>
#include <sstream>

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

std::tm utc(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return tm;
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
    std::tm tm = utc(t);
    if (!dayMatches(tm.tm_mday, tm.tm_mon + 1, tm.tm_wday)) {
      t = (t / 86400 + 1) * 86400;  // next day 00:00
      continue;
    }
    if (!hours_[static_cast<std::size_t>(tm.tm_hour)]) {
      t = (t / 3600 + 1) * 3600;
      continue;
    }
    if (!minutes_[static_cast<std::size_t>(tm.tm_min)]) {
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
    std::tm tm = utc(t);
    if (!dayMatches(tm.tm_mday, tm.tm_mon + 1, tm.tm_wday)) {
      t = (t / 86400) * 86400 - 60;  // previous day 23:59
      continue;
    }
    if (!hours_[static_cast<std::size_t>(tm.tm_hour)]) {
      t = (t / 3600) * 3600 - 60;
      continue;
    }
    if (!minutes_[static_cast<std::size_t>(tm.tm_min)]) {
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
  if (a.updateTime != b.updateTime) return a.updateTime < b.updateTime;  // the earlier score ranks first
  return a.ownerId < b.ownerId;
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
    // protojson accepts an enum by number or by name.
    if (op->is_number_integer()) {
      in.op = op->get<int>();
    } else if (op->is_string()) {
      static const std::map<std::string, int> names = {
          {"NO_OVERRIDE", kNoOverride}, {"BEST", kBest}, {"SET", kSet}, {"INCREMENT", kIncrement}, {"DECREMENT", kDecrement}};
      auto it = names.find(op->get<std::string>());
      if (it == names.end()) throw JsonTypeError("operator", "enum", op->dump());
      in.op = it->second;
    } else {
      throw JsonTypeError("operator", "enum", op->dump());
    }
    if (in.op < kNoOverride || in.op > kDecrement) throw ApiError(GrpcCode::kInvalidArgument, "Invalid operator.");
  }
  return in;
}

const Record& applyWrite(Board& board, std::int64_t expiry, const std::string& ownerId, const std::string& username,
                         const WriteInput& input, std::int64_t now) {
  auto& period = board.periods[expiry];
  const int op = input.op != kNoOverride ? input.op : board.op;
  auto it = period.find(ownerId);
  if (it == period.end()) {
    Record record;
    record.ownerId = ownerId;
    record.username = username;
    record.score = op == kDecrement ? 0 : input.score;  // decrements never go below zero
    record.subscore = op == kDecrement ? 0 : input.subscore;
    record.numScore = 1;
    record.metadata = input.metadata.value_or("{}");
    record.createTime = now;
    record.updateTime = now;
    record.expiryTime = expiry;
    return period.emplace(ownerId, std::move(record)).first->second;
  }
  Record& record = it->second;
  if (board.maxNumScore > 0 && static_cast<std::uint32_t>(record.numScore) >= board.maxNumScore) {
    throw ApiError(GrpcCode::kInvalidArgument, "Maximum number of score attempts reached.");
  }
  switch (op) {
    case kIncrement:
      record.score += input.score;
      record.subscore += input.subscore;
      break;
    case kDecrement:
      record.score = std::max<std::int64_t>(record.score - input.score, 0);
      record.subscore = std::max<std::int64_t>(record.subscore - input.subscore, 0);
      break;
    case kSet:
      record.score = input.score;
      record.subscore = input.subscore;
      break;
    case kBest:
    default: {
      Record candidate = record;
      candidate.score = input.score;
      candidate.subscore = input.subscore;
      const bool better = board.descending
                              ? (input.score > record.score ||
                                 (input.score == record.score && input.subscore > record.subscore))
                              : (input.score < record.score ||
                                 (input.score == record.score && input.subscore < record.subscore));
      // The real server's upsert filters the update out: nothing changes (num_score included).
      if (!better && record.numScore > 0) return record;
      record.score = input.score;
      record.subscore = input.subscore;
      break;
    }
  }
  record.numScore += 1;
  if (input.metadata) record.metadata = *input.metadata;
  record.username = username;
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
  if (record.expiryTime > 0) out["expiry_time"] = rfc3339(record.expiryTime);
  setInt64IfNotZero(out, "rank", rank);
  setIfNotZero(out, "max_num_score", board.maxNumScore);
  return out;
}

// ---- listings ------------------------------------------------------------------------------------

namespace {

const char* kBadCursor = "Cursor is invalid or expired.";

struct Cursor {
  std::int64_t expiry = 0;
  Record key;      // score, subscore, updateTime, ownerId of the boundary record
  bool next = true;
};

std::string encodeCursor(const Board& board, std::int64_t expiry, const Record& key, bool next) {
  Json c = Json::object();
  c["b"] = board.id;
  c["e"] = expiry;
  c["s"] = key.score;
  c["ss"] = key.subscore;
  c["u"] = key.updateTime;
  c["o"] = key.ownerId;
  c["n"] = next;
  return base64Encode(c.dump(), true, true);
}

Cursor decodeCursor(const Board& board, const std::string& text) {
  auto raw = base64Decode(text);
  if (!raw) throw ApiError(GrpcCode::kInvalidArgument, kBadCursor);
  Json c = Json::parse(*raw, nullptr, false);
  if (c.is_discarded() || !c.is_object() || c.value("b", std::string()) != board.id) {
    throw ApiError(GrpcCode::kInvalidArgument, kBadCursor);
  }
  try {
    Cursor out;
    out.expiry = c.at("e").get<std::int64_t>();
    out.key.score = c.at("s").get<std::int64_t>();
    out.key.subscore = c.at("ss").get<std::int64_t>();
    out.key.updateTime = c.at("u").get<std::int64_t>();
    out.key.ownerId = c.at("o").get<std::string>();
    out.next = c.at("n").get<bool>();
    return out;
  } catch (const std::exception&) {
    throw ApiError(GrpcCode::kInvalidArgument, kBadCursor);
  }
}

// A page [start, end) of `ranked` with its cursors.
void writePage(const Board& board, std::int64_t expiry, const std::vector<const Record*>& ranked, std::size_t start,
               std::size_t end, Json& out) {
  Json records = Json::array();
  for (std::size_t i = start; i < end; ++i) records.push_back(recordJson(board, *ranked[i], static_cast<std::int64_t>(i + 1)));
  setIfNotEmpty(out, "records", records);
  if (end < ranked.size() && end > start) out["next_cursor"] = encodeCursor(board, expiry, *ranked[end - 1], true);
  if (start > 0 && end > start) out["prev_cursor"] = encodeCursor(board, expiry, *ranked[start], false);
}

void writeOwnerRecords(const Board& board, const std::vector<const Record*>& ranked,
                       const std::vector<std::string>& ownerIds, Json& out) {
  Json owners = Json::array();
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    if (std::find(ownerIds.begin(), ownerIds.end(), ranked[i]->ownerId) != ownerIds.end()) {
      owners.push_back(recordJson(board, *ranked[i], static_cast<std::int64_t>(i + 1)));
    }
  }
  setIfNotEmpty(out, "owner_records", owners);
}

// Lists a page of `limit` records, starting at the top or at `cursor`.
void pageFromCursor(const Board& board, std::int64_t expiry, const std::vector<const Record*>& ranked, int limit,
                    const std::string& cursorText, Json& out) {
  const std::size_t n = ranked.size();
  const auto lim = static_cast<std::size_t>(limit);
  if (cursorText.empty()) {
    writePage(board, expiry, ranked, 0, std::min(n, lim), out);
    return;
  }
  const Cursor cursor = decodeCursor(board, cursorText);
  if (cursor.expiry != expiry) throw ApiError(GrpcCode::kInvalidArgument, kBadCursor);
  // Records strictly before the cursor's record in rank order.
  std::size_t before = 0;
  while (before < n && board.before(*ranked[before], cursor.key) && ranked[before]->ownerId != cursor.key.ownerId) ++before;
  if (cursor.next) {
    std::size_t start = before;
    if (start < n && ranked[start]->ownerId == cursor.key.ownerId) ++start;  // skip the boundary record itself
    writePage(board, expiry, ranked, start, std::min(n, start + lim), out);
  } else {
    const std::size_t end = before;
    const std::size_t start = end > lim ? end - lim : 0;
    writePage(board, expiry, ranked, start, end, out);
  }
}

}  // namespace

ListQuery readListQuery(const Request& req, int defaultLimit, bool ownerOnlyWithoutLimit) {
  ListQuery q;
  q.ownerIds = req.queryAll("owner_ids");
  for (const auto& id : q.ownerIds) {
    if (!isUuid(id)) throw ApiError(GrpcCode::kInvalidArgument, "One or more owner IDs are invalid.");
  }
  q.cursor = req.queryValue("cursor").value_or("");
  if (auto limit = req.queryInt32("limit")) {
    if (*limit < 1 || *limit > 100) {
      throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 100.");
    }
    q.limit = *limit;
  } else if (!(ownerOnlyWithoutLimit && !q.ownerIds.empty() && q.cursor.empty())) {
    q.limit = defaultLimit;
  }
  if (auto expiry = req.queryInt64("expiry")) {
    if (*expiry < 0) throw ApiError(GrpcCode::kInvalidArgument, "Expiry time must be >=0.");
    if (*expiry > 0) q.expiry = *expiry;
  }
  return q;
}

Json listRecords(const Board& board, std::int64_t expiry, const ListQuery& query) {
  Json out = Json::object();
  const auto ranked = board.ranked(expiry);
  if (query.limit) pageFromCursor(board, expiry, ranked, *query.limit, query.cursor, out);
  if (!query.ownerIds.empty()) {
    // Keep the proto field order: records, owner_records, next_cursor, prev_cursor.
    Json ordered = Json::object();
    if (out.contains("records")) ordered["records"] = out["records"];
    writeOwnerRecords(board, ranked, query.ownerIds, ordered);
    if (out.contains("next_cursor")) ordered["next_cursor"] = out["next_cursor"];
    if (out.contains("prev_cursor")) ordered["prev_cursor"] = out["prev_cursor"];
    return ordered;
  }
  return out;
}

AroundQuery readAroundQuery(const Request& req, int defaultLimit) {
  AroundQuery q;
  q.limit = defaultLimit;
  if (auto limit = req.queryInt64("limit")) {
    if (*limit < 1 || *limit > 100) {
      throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 100.");
    }
    q.limit = static_cast<int>(*limit);
  }
  q.ownerId = req.param("owner_id");
  if (q.ownerId.empty()) throw ApiError(GrpcCode::kInvalidArgument, "Owner ID must be provided for a haystack query.");
  if (!isUuid(q.ownerId)) throw ApiError(GrpcCode::kInvalidArgument, "Invalid owner ID provided.");
  q.cursor = req.queryValue("cursor").value_or("");
  if (auto expiry = req.queryInt64("expiry")) {
    if (*expiry < 0) throw ApiError(GrpcCode::kInvalidArgument, "Expiry time must be >=0.");
    if (*expiry > 0) q.expiry = *expiry;
  }
  return q;
}

Json listAroundOwner(const Board& board, std::int64_t expiry, const AroundQuery& query) {
  Json out = Json::object();
  const auto ranked = board.ranked(expiry);
  if (!query.cursor.empty()) {
    pageFromCursor(board, expiry, ranked, query.limit, query.cursor, out);
    return out;
  }
  const std::size_t n = ranked.size();
  std::size_t idx = n;
  for (std::size_t i = 0; i < n; ++i) {
    if (ranked[i]->ownerId == query.ownerId) idx = i;
  }
  if (idx == n) return out;  // the owner has no record
  const auto lim = static_cast<std::size_t>(query.limit);
  std::size_t start = idx > lim / 2 ? idx - lim / 2 : 0;
  if (start + lim > n) start = n > lim ? n - lim : 0;
  const std::size_t end = std::min(n, start + lim);
  Json records = Json::array();
  for (std::size_t i = start; i < end; ++i) records.push_back(recordJson(board, *ranked[i], static_cast<std::int64_t>(i + 1)));
  setIfNotEmpty(out, "records", records);
  return out;
}

}  // namespace nakama::testserver::lb
