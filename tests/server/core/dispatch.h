// Core-internal: the parts of request handling that do not depend on the transport.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/http.h"
#include "core/realtime.h"

namespace nakama::testserver {

struct AreaContext;

// One plain HTTP request -> response (routing, auth, errors, common headers).
Response dispatchHttp(AreaContext& ctx, const std::string& method, const std::string& target,
                      const std::map<std::string, std::string>& headers, const std::string& body);

// WebSocket upgrade check. On success returns the session to register; otherwise fills `reject`
// with the plain-text HTTP error the real server answers with.
std::optional<RtSession> authorizeSocket(AreaContext& ctx, const std::string& target,
                                         const std::map<std::string, std::string>& headers, Response& reject);

// "a=1&b=x%20y" -> {"a":["1"], "b":["x y"]}.
std::map<std::string, std::vector<std::string>> parseQuery(const std::string& query);

}  // namespace nakama::testserver
