#pragma once

// The handler lists of one realtime socket: the connection's own events, then one hub per server event
// (generated from NAKAMA_RT_SERVER_EVENTS, member `on<Name>`).

#include <memory>
#include <string>

#include "nakama/rt_events.h"
#include "realtime/event_hub.h"

namespace nakama::internal {

struct RtEvents {
  template <class... A>
  using Hub = std::shared_ptr<EventHub<A...>>;
  template <class... A>
  static Hub<A...> make() {
    return std::make_shared<EventHub<A...>>();
  }

  Hub<> connect = make<>();
  Hub<DisconnectInfo> disconnect = make<DisconnectInfo>();
  Hub<ConnectionState> stateChange = make<ConnectionState>();
  Hub<Error> error = make<Error>();
  Hub<std::string> matchLost = make<std::string>();

#define NAKAMA_RT_HUB(Name, Model, wireKey) Hub<Model> on##Name = make<Model>();
  NAKAMA_RT_SERVER_EVENTS(NAKAMA_RT_HUB)
#undef NAKAMA_RT_HUB
};

}  // namespace nakama::internal
