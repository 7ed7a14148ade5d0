#include <sstream>

#include "core/http.h"
#include "core/util.h"

namespace nakama::testserver {

int httpStatusFor(GrpcCode code) {
  switch (code) {
    case GrpcCode::kOk: return 200;
    case GrpcCode::kCanceled: return 408;
    case GrpcCode::kUnknown: return 500;
    case GrpcCode::kInvalidArgument: return 400;
    case GrpcCode::kDeadlineExceeded: return 504;
    case GrpcCode::kNotFound: return 404;
    case GrpcCode::kAlreadyExists: return 409;
    case GrpcCode::kPermissionDenied: return 403;
    case GrpcCode::kResourceExhausted: return 429;
    case GrpcCode::kFailedPrecondition: return 400;
    case GrpcCode::kAborted: return 409;
    case GrpcCode::kOutOfRange: return 400;
    case GrpcCode::kUnimplemented: return 501;
    case GrpcCode::kInternal: return 500;
    case GrpcCode::kUnavailable: return 503;
    case GrpcCode::kDataLoss: return 500;
    case GrpcCode::kUnauthenticated: return 401;
  }
  return 500;
}

Response errorResponse(GrpcCode code, const std::string& message) {
  Response r;
  r.status = httpStatusFor(code);
  Json body = Json::object();
  body["code"] = static_cast<int>(code);
  body["message"] = message;
  r.body = protoJson(body);
  return r;
}

// ---- Request ----

const std::string& Request::param(const std::string& name) const {
  static const std::string empty;
  auto it = params.find(name);
  return it == params.end() ? empty : it->second;
}

std::string Request::header(const std::string& lowerName) const {
  auto it = headers.find(lowerName);
  return it == headers.end() ? std::string() : it->second;
}

std::vector<std::string> Request::queryAll(const std::string& name) const {
  std::vector<std::string> out;
  for (const std::string& key : {name, lowerCamel(name)}) {
    auto it = query.find(key);
    if (it != query.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    if (key == lowerCamel(name)) break;
  }
  return out;
}

std::optional<std::string> Request::queryValue(const std::string& name) const {
  auto all = queryAll(name);
  if (all.empty()) return std::nullopt;
  return all.back();
}

namespace {
[[noreturn]] void badQuery(const std::string& name, const std::string& fn, const std::string& value) {
  throw ApiError(GrpcCode::kInvalidArgument,
                 "parsing field \"" + name + "\": strconv." + fn + ": parsing \"" + value + "\": invalid syntax");
}
}  // namespace

std::optional<bool> Request::queryBool(const std::string& name) const {
  auto v = queryValue(name);
  if (!v) return std::nullopt;
  auto b = parseGoBool(*v);
  if (!b) badQuery(name, "ParseBool", *v);
  return b;
}

std::optional<std::int64_t> Request::queryInt64(const std::string& name) const {
  auto v = queryValue(name);
  if (!v) return std::nullopt;
  try {
    std::size_t used = 0;
    long long x = std::stoll(*v, &used, 10);
    if (used == v->size()) return x;
  } catch (const std::exception&) {
  }
  badQuery(name, "ParseInt", *v);
}

std::optional<std::int32_t> Request::queryInt32(const std::string& name) const {
  auto v = queryValue(name);
  if (!v) return std::nullopt;
  try {
    std::size_t used = 0;
    long long x = std::stoll(*v, &used, 10);
    if (used == v->size() && x >= INT32_MIN && x <= INT32_MAX) return static_cast<std::int32_t>(x);
  } catch (const std::exception&) {
  }
  badQuery(name, "ParseInt", *v);
}

std::optional<std::uint32_t> Request::queryUInt32(const std::string& name) const {
  auto v = queryValue(name);
  if (!v) return std::nullopt;
  try {
    std::size_t used = 0;
    if (!v->empty() && (*v)[0] != '-') {
      unsigned long long x = std::stoull(*v, &used, 10);
      if (used == v->size() && x <= UINT32_MAX) return static_cast<std::uint32_t>(x);
    }
  } catch (const std::exception&) {
  }
  badQuery(name, "ParseUint", *v);
}

const Json& Request::json() const {
  if (parsed_) return *parsed_;
  std::size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) {
    parsed_ = Json::object();
    return *parsed_;
  }
  try {
    parsed_ = Json::parse(body);
  } catch (const Json::parse_error& e) {
    // Go's encoding/json wording for the two common cases.
    if (e.byte >= body.size()) throw ApiError(GrpcCode::kInvalidArgument, "unexpected EOF");
    char c = body[e.byte > 0 ? e.byte - 1 : 0];
    std::string shown = c == '\'' ? "'\\''" : std::string("'") + c + "'";
    throw ApiError(GrpcCode::kInvalidArgument, "invalid character " + shown + " looking for beginning of value");
  }
  if (!parsed_->is_object()) {
    Json v = *parsed_;
    parsed_.reset();
    throw ApiError(GrpcCode::kInvalidArgument, "proto:\u00a0syntax error (line 1:1): unexpected token " +
                                                   (v.is_array() ? std::string("[") : v.dump()));
  }
  return *parsed_;
}

// ---- Router ----

namespace {
std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 1; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += path[i];
    }
  }
  return out;
}
}  // namespace

void Router::add(const std::string& method, const std::string& pathTemplate, Auth auth, JsonHandler handler) {
  addRaw(method, pathTemplate, auth, [handler = std::move(handler)](Request& req) {
    Response r;
    r.body = protoJson(handler(req));
    return r;
  });
}

void Router::addRaw(const std::string& method, const std::string& pathTemplate, Auth auth, RawHandler handler) {
  Route r;
  r.method = method;
  r.segments = split(pathTemplate);
  r.auth = auth;
  r.handler = std::move(handler);
  for (const auto& s : r.segments) {
    if (s.empty() || s.front() != '{') ++r.literalCount;
  }
  routes_.push_back(std::move(r));
}

const Router::Route* Router::match(const std::string& method, const std::string& path,
                                   std::map<std::string, std::string>& params, bool& pathKnown) const {
  pathKnown = false;
  std::vector<std::string> segs = split(path);
  const Route* best = nullptr;
  std::map<std::string, std::string> bestParams;
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    std::map<std::string, std::string> p;
    bool ok = true;
    for (std::size_t i = 0; i < segs.size() && ok; ++i) {
      const std::string& t = r.segments[i];
      if (!t.empty() && t.front() == '{' && t.back() == '}') {
        if (segs[i].empty())
          ok = false;
        else
          p[t.substr(1, t.size() - 2)] = percentDecode(segs[i], false);
      } else {
        ok = t == segs[i];
      }
    }
    if (!ok) continue;
    pathKnown = true;
    if (r.method != method) continue;
    if (!best || r.literalCount > best->literalCount) {
      best = &r;
      bestParams = std::move(p);
    }
  }
  if (best) params = std::move(bestParams);
  return best;
}

}  // namespace nakama::testserver
