#include "api/notifications_json.h"

namespace nakama {

void from_json(const internal::JsonValue& j, NotificationList& out) {
  internal::read(j, "notifications", out.notifications);
  internal::read(j, "cacheable_cursor", out.cacheableCursor);
}
}  // namespace nakama
