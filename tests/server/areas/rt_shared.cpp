// Shared realtime helpers (see rt_shared.h).
#include "areas/rt_shared.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <mutex>
#include <typeindex>

namespace nakama::testserver {

std::shared_ptr<void> perServerSlot(AreaContext& ctx, const std::type_info& type,
                                    const std::function<std::shared_ptr<void>()>& make) {
  // Servers run on their own I/O threads, so the index itself needs a lock. The index only holds weak
  // references: the server owns each object through a hook it keeps for its whole life.
  static std::mutex mutex;
  static std::map<std::pair<const AreaContext*, std::type_index>, std::weak_ptr<void>> index;
  std::lock_guard<std::mutex> lock(mutex);
  for (auto it = index.begin(); it != index.end();) {
    it = it->second.expired() ? index.erase(it) : std::next(it);
  }
  auto key = std::make_pair(static_cast<const AreaContext*>(&ctx), std::type_index(type));
  auto found = index.find(key);
  if (found != index.end()) {
    if (auto existing = found->second.lock()) return existing;
  }
  std::shared_ptr<void> created = make();
  // Accounts live exactly as long as the server: its hook list keeps the object alive.
  ctx.accounts.onDelete([created](const Account&) {});
  index[key] = created;
  return created;
}

std::optional<std::string> parseUuid(const std::string& text) {
  std::string body = text;
  if (text.size() == 34 || text.size() == 38) {
    if (text.front() != '{' || text.back() != '}') return std::nullopt;
    body = text.substr(1, text.size() - 2);
  } else if (text.size() == 41 || text.size() == 45) {
    if (text.compare(0, 9, "urn:uuid:") != 0) return std::nullopt;
    body = text.substr(9);
  } else if (text.size() != 32 && text.size() != 36) {
    return std::nullopt;
  }
  std::string hex;
  if (body.size() == 36) {
    if (!isUuid(body)) return std::nullopt;
    for (char c : body) {
      if (c != '-') hex += c;
    }
  } else if (body.size() == 32) {
    hex = body;
  } else {
    return std::nullopt;
  }
  std::string out;
  for (std::size_t i = 0; i < hex.size(); ++i) {
    const char c = hex[i];
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

Json presenceJson(const PresenceRef& p, bool persistence, const std::optional<std::string>& status) {
  Json out = Json::object();
  out["user_id"] = p.userId;
  out["session_id"] = p.sessionId;
  out["username"] = p.username;
  setIfTrue(out, "persistence", persistence);
  if (status) out["status"] = *status;
  return out;
}

PresenceRef readPresence(const Json& obj) {
  allowOnlyFields(obj, {"user_id", "session_id", "username", "persistence", "status"});
  optBool(obj, "persistence");
  optString(obj, "status");
  return PresenceRef{getString(obj, "user_id"), getString(obj, "session_id"), getString(obj, "username")};
}

Json doubleJson(double v) {
  if (std::isfinite(v) && std::floor(v) == v && std::fabs(v) < 1e15) return Json(static_cast<std::int64_t>(v));
  return Json(v);
}

MatchmakerParams readMatchmakerParams(const Json& payload) {
  MatchmakerParams p;
  p.minCount = optInt32(payload, "min_count").value_or(0);
  p.maxCount = optInt32(payload, "max_count").value_or(0);
  p.query = getString(payload, "query");
  p.stringProperties = getStringMap(payload, "string_properties");
  if (const Json* numeric = getObject(payload, "numeric_properties")) {
    for (auto it = numeric->begin(); it != numeric->end(); ++it) {
      if (!it->is_number()) throw JsonTypeError(it.key(), "double", it->dump());
      p.numericProperties[it.key()] = it->get<double>();
    }
  }
  if (auto cm = optInt32(payload, "count_multiple")) p.countMultiple = *cm;
  if (p.minCount < 2) throw RealtimeError(RtCode::kBadInput, "Invalid minimum count, must be >= 2");
  if (p.maxCount < p.minCount)
    throw RealtimeError(RtCode::kBadInput, "Invalid maximum count, must be >= minimum count");
  if (p.countMultiple) {
    if (*p.countMultiple < 1) throw RealtimeError(RtCode::kBadInput, "Invalid count multiple, must be >= 1");
    if (p.minCount % *p.countMultiple != 0)
      throw RealtimeError(RtCode::kBadInput, "Invalid count multiple for minimum count, must divide");
    if (p.maxCount % *p.countMultiple != 0)
      throw RealtimeError(RtCode::kBadInput, "Invalid count multiple for maximum count, must divide");
  }
  if (p.query.empty()) p.query = "*";
  return p;
}

std::optional<Json> callRoute(AreaContext& ctx, const std::string& userId, const std::string& method,
                              const std::string& path, const std::map<std::string, std::string>& query) {
  std::map<std::string, std::string> params;
  bool known = false;
  const Router::Route* route = ctx.router.match(method, path, params, known);
  if (!route) return std::nullopt;
  Request req;
  req.method = method;
  req.path = path;
  req.params = params;
  for (const auto& [k, v] : query) req.query[k] = {v};
  req.user.userId = userId;
  if (const Account* a = ctx.accounts.byId(userId)) req.user.username = a->username;
  try {
    Response r = route->handler(req);
    if (r.status != 200) return std::nullopt;
    Json body = Json::parse(r.body, nullptr, false);
    if (body.is_discarded()) return std::nullopt;
    return body;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<int> groupMembership(AreaContext& ctx, const std::string& userId, const std::string& groupId) {
  std::string cursor;
  for (int page = 0; page < 100; ++page) {
    std::map<std::string, std::string> query{{"limit", "100"}};
    if (!cursor.empty()) query["cursor"] = cursor;
    auto body = callRoute(ctx, userId, "GET", "/v2/user/" + userId + "/group", query);
    if (!body) return std::nullopt;
    if (auto it = body->find("user_groups"); it != body->end() && it->is_array()) {
      for (const auto& ug : *it) {
        if (ug.contains("group") && ug["group"].value("id", "") == groupId) return ug.value("state", 0);
      }
    }
    cursor = body->value("cursor", "");
    if (cursor.empty()) break;
  }
  return std::nullopt;
}

bool hasBlocked(AreaContext& ctx, const std::string& userId, const std::string& otherId) {
  std::string cursor;
  for (int page = 0; page < 100; ++page) {
    std::map<std::string, std::string> query{{"state", "3"}, {"limit", "1000"}};
    if (!cursor.empty()) query["cursor"] = cursor;
    auto body = callRoute(ctx, userId, "GET", "/v2/friend", query);
    if (!body) return false;
    if (auto it = body->find("friends"); it != body->end() && it->is_array()) {
      for (const auto& f : *it) {
        if (f.contains("user") && f["user"].value("id", "") == otherId) return true;
      }
    }
    cursor = body->value("cursor", "");
    if (cursor.empty()) break;
  }
  return false;
}

}  // namespace nakama::testserver
