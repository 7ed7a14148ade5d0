#pragma once

// JSON mapping of nakama::Notification, shared by the REST notifications area and the realtime socket.

#include "core/json.h"
#include "nakama/notification.h"

namespace nakama {

void from_json(const internal::JsonValue& j, Notification& out);

}  // namespace nakama
