// Healthcheck and analytics events.
#include "core/server_api.h"

namespace nakama::testserver {

NAKAMA_TEST_SERVER_AREA(misc) {
  ctx.router.add("GET", "/healthcheck", Auth::kNone, [](Request&) { return Json::object(); });

  // Events are only handed to runtime hooks; validate like protojson and answer {}.
  ctx.router.add("POST", "/v2/event", Auth::kSession, [](Request& req) {
    const Json& body = req.json();
    optString(body, "name");
    getStringMap(body, "properties");
    optBool(body, "external");
    if (auto ts = optString(body, "timestamp"); ts && !parseRfc3339(*ts)) {
      throw JsonTypeError("timestamp", "timestamp", "\"" + *ts + "\"");
    }
    return Json::object();
  });
}

}  // namespace nakama::testserver
