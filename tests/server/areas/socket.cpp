// Socket basics that are not a feature area: application-level ping/pong, and the envelope variants only
// the server sends. Nakama 3.15.0 unmarshals such an envelope (`{"cid":"1","channel":{}}`), finds no
// handler for it, queues `{"cid":"1","error":{"code":1,"message":"Unrecognized message."}}` and closes
// the socket; a payload with a field its message type does not have cannot be unmarshalled and closes the
// socket without error. (An envelope with no variant at all is handled by the core: code 2 "Missing
// message.", then the close.)
#include <string>
#include <vector>

#include "core/server_api.h"

namespace nakama::testserver {

namespace {

// Server -> client variants of rtapi.Envelope with the fields of their message types.
struct Variant {
  const char* key;
  std::vector<std::string> fields;
};

const std::vector<Variant>& serverOnlyVariants() {
  static const std::vector<Variant> variants = {
      {"channel", {"id", "presences", "self", "room_name", "group_id", "user_id_one", "user_id_two"}},
      {"channel_message",
       {"channel_id", "message_id", "code", "sender_id", "username", "content", "create_time", "update_time",
        "persistent", "room_name", "group_id", "user_id_one", "user_id_two"}},
      {"channel_message_ack",
       {"channel_id", "message_id", "code", "username", "create_time", "update_time", "persistent", "room_name",
        "group_id", "user_id_one", "user_id_two"}},
      {"channel_presence_event",
       {"channel_id", "joins", "leaves", "room_name", "group_id", "user_id_one", "user_id_two"}},
      {"error", {"code", "message", "context"}},
      {"match", {"match_id", "authoritative", "label", "size", "presences", "self"}},
      {"match_data", {"match_id", "presence", "op_code", "data", "reliable"}},
      {"match_presence_event", {"match_id", "joins", "leaves"}},
      {"matchmaker_matched", {"ticket", "match_id", "token", "users", "self"}},
      {"matchmaker_ticket", {"ticket"}},
      {"notifications", {"notifications"}},
      {"status", {"presences"}},
      {"status_presence_event", {"joins", "leaves"}},
      {"stream_data", {"stream", "sender", "data", "reliable"}},
      {"stream_presence_event", {"stream", "joins", "leaves"}},
      {"party", {"party_id", "open", "max_size", "self", "leader", "presences"}},
      {"party_leader", {"party_id", "presence"}},
      {"party_join_request", {"party_id", "presences"}},
      {"party_matchmaker_ticket", {"party_id", "ticket"}},
      {"party_data", {"party_id", "presence", "op_code", "data"}},
      {"party_presence_event", {"party_id", "joins", "leaves"}},
  };
  return variants;
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(socket) {
  ctx.realtime.on("ping", [](RealtimeCall& call) {
    allowOnlyFields(call.payload, {});
    call.reply(Json{{"pong", Json::object()}});
  });
  // The client answering a ping: nothing to send.
  ctx.realtime.on("pong", [](RealtimeCall& call) { allowOnlyFields(call.payload, {}); });

  for (const Variant& variant : serverOnlyVariants()) {
    const std::vector<std::string>* names = &variant.fields;
    ctx.realtime.on(variant.key, [&ctx, names](RealtimeCall& call) {
      // Only the top-level field names are checked (nested values are not validated).
      for (auto it = call.payload.begin(); it != call.payload.end(); ++it) {
        bool known = false;
        for (const auto& name : *names) known = known || it.key() == name || it.key() == lowerCamel(name);
        if (!known) throw ProtocolViolation("unknown field \"" + it.key() + "\"");
      }
      Json error = Json::object();
      error["code"] = static_cast<int>(RtCode::kUnrecognizedPayload);
      error["message"] = "Unrecognized message.";
      call.reply(Json{{"error", error}});
      ctx.realtime.close(call.session.sessionId, 0);
    });
  }
}

}  // namespace nakama::testserver
