// Socket basics that are not a feature area: application-level ping/pong.
#include "core/server_api.h"

namespace nakama::testserver {

NAKAMA_TEST_SERVER_AREA(socket) {
  ctx.realtime.on("ping", [](RealtimeCall& call) {
    allowOnlyFields(call.payload, {});
    call.reply(Json{{"pong", Json::object()}});
  });
  // The client answering a ping: nothing to send.
  ctx.realtime.on("pong", [](RealtimeCall& call) { allowOnlyFields(call.payload, {}); });
}

}  // namespace nakama::testserver
