#pragma once

// JSON mapping of the chat history listing (messages share the realtime mapping).

#include "core/channel_message_json.h"
#include "nakama/chat.h"

namespace nakama {

void from_json(const internal::JsonValue& j, ChannelMessageList& out);

}  // namespace nakama
