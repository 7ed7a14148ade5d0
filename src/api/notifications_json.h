#pragma once

// JSON mapping of the notification listing (notifications share the realtime mapping).

#include "core/notification_json.h"
#include "nakama/notifications.h"

namespace nakama {

void from_json(const internal::JsonValue& j, NotificationList& out);

}  // namespace nakama
