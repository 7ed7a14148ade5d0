#include "core/dispatch.h"

#include <iostream>
#include <vector>

#include "core/server_api.h"

namespace nakama::testserver {

namespace {

// gorilla/mux cleanPath: collapses "//", "/./" and "/../"; keeps a trailing slash.
std::string cleanPath(const std::string& p) {
  if (p.empty()) return "/";
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= p.size()) {
    std::size_t j = p.find('/', i);
    if (j == std::string::npos) j = p.size();
    std::string seg = p.substr(i, j - i);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& s : parts) out += "/" + s;
  if (out.empty()) out = "/";
  if (p.size() > 1 && p.back() == '/' && out != "/") out += "/";
  return out;
}

std::string basicAuthUser(const std::string& header, bool& ok) {
  ok = false;
  if (header.size() < 6 || (header.compare(0, 6, "Basic ") != 0 && header.compare(0, 6, "basic ") != 0)) return "";
  auto decoded = base64Decode(header.substr(6));
  if (!decoded) return "";
  auto colon = decoded->find(':');
  if (colon == std::string::npos) return "";
  ok = true;
  return decoded->substr(0, colon);
}

std::optional<std::string> bearerToken(const std::string& header) {
  if (header.size() < 7 || (header.compare(0, 7, "Bearer ") != 0 && header.compare(0, 7, "bearer ") != 0))
    return std::nullopt;
  return header.substr(7);
}

Response rpcAuthError(const std::string& message) {
  Response r;
  r.status = 401;
  Json body = Json::object();
  body["error"] = message;
  body["message"] = message;
  body["code"] = 16;
  r.body = goJson(body);
  return r;
}

// Applies the route's auth mode; returns an error response when the caller is not allowed.
std::optional<Response> authenticate(AreaContext& ctx, Auth mode, Request& req) {
  const std::string auth = req.header("authorization");
  switch (mode) {
    case Auth::kNone: return std::nullopt;
    case Auth::kServerKey: {
      if (auth.empty()) return errorResponse(GrpcCode::kUnauthenticated, "Server key required");
      bool ok = false;
      std::string key = basicAuthUser(auth, ok);
      if (!ok || key != ctx.config.serverKey) return errorResponse(GrpcCode::kUnauthenticated, "Server key invalid");
      return std::nullopt;
    }
    case Auth::kSession: {
      if (auth.empty()) {
        Response r = errorResponse(GrpcCode::kUnauthenticated, "Auth token required");
        r.headers["Www-Authenticate"] = "Auth token required";
        return r;
      }
      auto token = bearerToken(auth);
      auto claims = token ? ctx.tokens.verifySession(*token) : std::nullopt;
      if (!claims) return errorResponse(GrpcCode::kUnauthenticated, "Auth token invalid");
      req.user = AuthUser{claims->userId, claims->username, claims->tokenId, claims->vars, claims->expiresAt, false};
      return std::nullopt;
    }
    case Auth::kSessionOrHttpKey: {
      // RpcFuncHttp: ?http_key= first, then Authorization (Basic <http key> or Bearer <token>).
      if (auto key = req.queryValue("http_key"); key && !key->empty()) {
        if (*key != ctx.config.httpKey) return rpcAuthError("HTTP key invalid");
        req.user.viaHttpKey = true;
        return std::nullopt;
      }
      if (auth.empty()) return rpcAuthError("Auth token or HTTP key required");
      bool basic = false;
      std::string key = basicAuthUser(auth, basic);
      if (basic) {
        if (key != ctx.config.httpKey) return rpcAuthError("HTTP key invalid");
        req.user.viaHttpKey = true;
        return std::nullopt;
      }
      auto token = bearerToken(auth);
      auto claims = token ? ctx.tokens.verifySession(*token) : std::nullopt;
      if (!claims) return rpcAuthError("Auth token invalid");
      req.user = AuthUser{claims->userId, claims->username, claims->tokenId, claims->vars, claims->expiresAt, false};
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::string protojsonTypeMessage(const JsonTypeError& e, const std::string& raw) {
  auto [line, col] = locateValue(raw, e.field, e.valueText);
  // protojson separates "proto:" with U+00A0 on the recorded server (its detrand choice).
  std::string where = "proto:\u00a0(line " + std::to_string(line) + ":" + std::to_string(col) + "): ";
  if (e.expectedType == "object" || e.expectedType == "array") return where + "unexpected token " + e.valueText;
  if (e.expectedType == "timestamp") return where + "invalid google.protobuf.Timestamp value " + e.valueText;
  return where + "invalid value for " + e.expectedType + " type: " + e.valueText;
}

void addCommonHeaders(Response& r) {
  r.headers["Cache-Control"] = "no-store, no-cache, must-revalidate";
  r.headers["Access-Control-Allow-Origin"] = "*";
  r.headers["Vary"] = "Origin";
}

}  // namespace

std::map<std::string, std::vector<std::string>> parseQuery(const std::string& query) {
  std::map<std::string, std::vector<std::string>> out;
  std::size_t i = 0;
  while (i < query.size()) {
    std::size_t amp = query.find('&', i);
    if (amp == std::string::npos) amp = query.size();
    std::string pair = query.substr(i, amp - i);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      std::string k = percentDecode(pair.substr(0, eq), true);
      std::string v = eq == std::string::npos ? "" : percentDecode(pair.substr(eq + 1), true);
      out[k].push_back(v);
    }
    i = amp + 1;
  }
  return out;
}

Response dispatchHttp(AreaContext& ctx, const std::string& method, const std::string& target,
                      const std::map<std::string, std::string>& headers, const std::string& body) {
  std::size_t q = target.find('?');
  std::string rawPath = target.substr(0, q);
  std::string rawQuery = q == std::string::npos ? "" : target.substr(q + 1);
  Response r;

  std::string cleaned = cleanPath(rawPath);
  if (cleaned != rawPath) {
    r.status = 301;
    r.contentType.clear();
    r.headers["Location"] = cleaned + (q == std::string::npos ? "" : "?" + rawQuery);
    return r;
  }
  if (method == "OPTIONS") {  // CORS preflight
    r.status = 200;
    r.contentType.clear();
    r.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, User-Agent";
    r.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, PUT, DELETE";
    addCommonHeaders(r);
    return r;
  }

  Request req;
  req.method = method;
  req.path = percentDecode(rawPath, false);
  req.headers = headers;
  req.query = parseQuery(rawQuery);
  req.body = body;

  bool pathKnown = false;
  const Router::Route* route = ctx.router.match(method, rawPath, req.params, pathKnown);
  if (!route) {
    r = pathKnown ? errorResponse(GrpcCode::kUnimplemented, "Method Not Allowed")
                  : errorResponse(GrpcCode::kNotFound, "Not Found");
  } else if (body.size() > ctx.config.maxRequestSize) {
    r = errorResponse(GrpcCode::kInvalidArgument, "http: request body too large");
  } else if (auto denied = authenticate(ctx, route->auth, req)) {
    r = *denied;
  } else {
    try {
      r = route->handler(req);
    } catch (const ApiError& e) {
      r = errorResponse(e.code, e.what());
    } catch (const JsonTypeError& e) {
      r = errorResponse(GrpcCode::kInvalidArgument, protojsonTypeMessage(e, body));
    } catch (const std::exception& e) {
      std::cerr << "nakama-test-server: " << method << " " << req.path << " failed: " << e.what() << "\n";
      r = errorResponse(GrpcCode::kInternal, std::string("Internal error: ") + e.what());
    }
  }
  addCommonHeaders(r);
  if (ctx.config.log) std::cerr << "[http] " << method << " " << target << " -> " << r.status << " " << r.body << "\n";
  return r;
}

std::optional<RtSession> authorizeSocket(AreaContext& ctx, const std::string& target,
                                         const std::map<std::string, std::string>& headers, Response& reject) {
  reject.contentType = "text/plain; charset=utf-8";
  std::size_t q = target.find('?');
  std::string path = target.substr(0, q);
  auto query = parseQuery(q == std::string::npos ? "" : target.substr(q + 1));
  auto first = [&](const std::string& k) -> std::string {
    auto it = query.find(k);
    return it == query.end() || it->second.empty() ? "" : it->second.front();
  };
  if (path != "/ws") {
    reject.status = 404;
    reject.body = "404 page not found\n";
    return std::nullopt;
  }
  // Like Nakama: the format first, then the token (header "Bearer <token>", exactly so spelled, or
  // else ?token=).
  std::string format = first("format");
  if (format == "protobuf") {
    reject.status = 400;
    reject.body = "Protobuf format is not supported by the test server\n";
    return std::nullopt;
  }
  if (!format.empty() && format != "json") {
    reject.status = 400;
    reject.body = "Invalid format parameter\n";
    return std::nullopt;
  }
  std::string token;
  auto auth = headers.find("authorization");
  if (auth != headers.end()) {
    if (auth->second.compare(0, 7, "Bearer ") == 0) token = auth->second.substr(7);
  } else {
    token = first("token");
  }
  auto claims = token.empty() ? std::nullopt : ctx.tokens.verifySession(token);
  if (!claims) {
    reject.status = 401;
    reject.body = "Missing or invalid token\n";
    return std::nullopt;
  }
  RtSession s;
  s.sessionId = newUuid();
  s.userId = claims->userId;
  // Like Nakama, presences carry the username of the token (`usn`), even after the account renamed.
  s.username = claims->username;
  s.tokenId = claims->tokenId;
  s.vars = claims->vars;
  std::string lang = first("lang");
  s.lang = lang.empty() ? "en" : lang;
  s.status = parseGoBool(first("status")).value_or(false);
  return s;
}

}  // namespace nakama::testserver
