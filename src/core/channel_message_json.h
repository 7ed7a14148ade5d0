#pragma once

// JSON mapping of nakama::ChannelMessage, shared by the REST chat area and the realtime socket.

#include "core/json.h"
#include "nakama/channel_message.h"

namespace nakama {

void from_json(const internal::JsonValue& j, ChannelMessage& out);

namespace internal {

/// The fields naming a channel's target, carried by channels, messages, acks and presence events.
template <class Model>
void readChannelTarget(const JsonValue& j, Model& out) {
  read(j, "room_name", out.roomName);
  read(j, "group_id", out.groupId);
  read(j, "user_id_one", out.userIdOne);
  read(j, "user_id_two", out.userIdTwo);
}

}  // namespace internal

}  // namespace nakama
