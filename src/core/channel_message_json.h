#pragma once

// JSON mapping of nakama::ChannelMessage, shared by the REST chat area and the realtime socket.

#include "core/json.h"
#include "nakama/channel_message.h"

namespace nakama {

void from_json(const internal::Json& j, ChannelMessage& out);

}  // namespace nakama
