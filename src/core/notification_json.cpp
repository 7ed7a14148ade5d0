#include "core/notification_json.h"

namespace nakama {

void from_json(const internal::JsonValue& j, Notification& out) {
  using internal::read;
  read(j, "id", out.id);
  read(j, "subject", out.subject);
  read(j, "content", out.content);
  read(j, "code", out.code);
  read(j, "sender_id", out.senderId);
  read(j, "create_time", out.createTime);
  read(j, "persistent", out.persistent);
}

}  // namespace nakama
