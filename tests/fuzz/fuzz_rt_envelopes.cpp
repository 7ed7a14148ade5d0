// Realtime envelopes (src/realtime/rt_json.cpp): the input is an envelope as the server sends it; its
// payload goes through the decoder of its key, as RtSocketImpl::onMessage does, and through every reply
// and event decoder (the key is attacker-chosen too).

#include "fuzz_common.h"
#include "nakama/rt_events.h"
#include "realtime/rt_json.h"

namespace {

template <class Model>
void decodeEvent(const nakama::internal::JsonValue& payload) {
  try {
    auto models = nakama::internal::decodeEvents<Model>(payload);
    (void)models;
  } catch (const std::exception&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nakama;
  const std::string input = fuzz::text(data, size);
  const auto document = internal::tryParseJson(input);  // parsed the way the SDK parses frames
  if (!document) return 0;
  for (const auto& member : document->root().members()) {
    const internal::JsonValue payload = member.value;
    if (member.key == "error") {
      try {
        (void)internal::decodeRealtimeError(payload);
      } catch (const std::exception&) {
      }
    }
#define NAKAMA_FUZZ_EVENT(Name, Model, wireKey) decodeEvent<Model>(payload);
    NAKAMA_RT_SERVER_EVENTS(NAKAMA_FUZZ_EVENT)
#undef NAKAMA_FUZZ_EVENT
    fuzz::decode<Rpc>(payload);
    fuzz::decode<Status>(payload);
    fuzz::decode<Channel>(payload);
    fuzz::decode<ChannelMessageAck>(payload);
    fuzz::decode<Match>(payload);
    fuzz::decode<MatchmakerTicket>(payload);
  }
  return 0;
}
