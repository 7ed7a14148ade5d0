// REST side of the extension API: requests, responses and the router.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/json_util.h"

namespace nakama::testserver {

// Which credentials a route takes (docs/PROTOCOL.md §2.2).
enum class Auth {
  kNone,              // healthcheck
  kServerKey,         // Basic <server key>: authenticate/*, session refresh
  kSession,           // Bearer <session token>: everything else
  kSessionOrHttpKey,  // RPC: ?http_key= or Bearer; errors use the /v2/rpc body format
};

// The authenticated caller. Empty userId for kNone/kServerKey routes and http_key RPC calls.
struct AuthUser {
  std::string userId;
  std::string username;
  std::string tokenId;  // the session's `tid`
  std::map<std::string, std::string> vars;
  std::int64_t expiresAt = 0;
  bool viaHttpKey = false;
};

struct Request {
  std::string method;
  std::string path;                                       // decoded path, no query
  std::map<std::string, std::string> headers;             // lowercase names
  std::map<std::string, std::string> params;              // path params, percent-decoded
  std::map<std::string, std::vector<std::string>> query;  // percent-decoded, multi-valued
  std::string body;
  AuthUser user;

  // Path parameter (empty if missing).
  const std::string& param(const std::string& name) const;
  // Header by lowercase name (empty if missing).
  std::string header(const std::string& lowerName) const;

  // Query by proto name; the lowerCamel spelling is accepted too. Repeats are all returned.
  std::vector<std::string> queryAll(const std::string& name) const;
  std::optional<std::string> queryValue(const std::string& name) const;  // last value, like the gateway
  bool hasQuery(const std::string& name) const { return queryValue(name).has_value(); }
  // Typed query readers; a bad value throws the gateway's 400
  // (`parsing field "create": strconv.ParseBool: parsing "yes": invalid syntax`).
  std::optional<bool> queryBool(const std::string& name) const;
  std::optional<std::int64_t> queryInt64(const std::string& name) const;
  std::optional<std::int32_t> queryInt32(const std::string& name) const;
  std::optional<std::uint32_t> queryUInt32(const std::string& name) const;

  // The body parsed as JSON. An empty body is `{}` (the gateway ignores EOF); malformed JSON throws
  // 400 code 3 ("unexpected EOF" / "invalid character ..."). Always an object for the gateway.
  const Json& json() const;

 private:
  mutable std::optional<Json> parsed_;
};

struct Response {
  int status = 200;
  std::string body;
  std::string contentType = "application/json";
  std::map<std::string, std::string> headers;
};

// A handler returns the response message; the core renders it as protojson (an empty object is `{}`).
using JsonHandler = std::function<Json(Request&)>;
// A raw handler controls the whole response (used by /v2/rpc, whose bodies are Go encoding/json).
using RawHandler = std::function<Response(Request&)>;

class Router {
 public:
  // `pathTemplate` segments in braces are parameters: "/v2/group/{group_id}/join".
  // Literal segments win over parameters when two templates match the same path.
  void add(const std::string& method, const std::string& pathTemplate, Auth auth, JsonHandler handler);
  void addRaw(const std::string& method, const std::string& pathTemplate, Auth auth, RawHandler handler);

  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Auth auth;
    RawHandler handler;
    int literalCount = 0;
  };
  // Finds the route for method + path. Returns nullptr and sets `pathKnown` when the path matches some
  // route with another method (-> 501 Method Not Allowed).
  const Route* match(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                     bool& pathKnown) const;

 private:
  std::vector<Route> routes_;
};

// Renders an ApiError the way the gateway does: `{"code":3, "message":"..."}`.
Response errorResponse(GrpcCode code, const std::string& message);

}  // namespace nakama::testserver
