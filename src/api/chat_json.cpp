#include "api/chat_json.h"

namespace nakama {

void from_json(const internal::JsonValue& j, ChannelMessageList& out) {
  using internal::read;
  read(j, "messages", out.messages);
  read(j, "next_cursor", out.nextCursor);
  read(j, "prev_cursor", out.prevCursor);
  read(j, "cacheable_cursor", out.cacheableCursor);
}
}  // namespace nakama
