#include "core/channel_message_json.h"

namespace nakama {

void from_json(const internal::JsonValue& j, ChannelMessage& out) {
  using internal::read;
  read(j, "channel_id", out.channelId);
  read(j, "message_id", out.messageId);
  read(j, "code", out.code);
  read(j, "sender_id", out.senderId);
  read(j, "username", out.username);
  read(j, "content", out.content);
  read(j, "create_time", out.createTime);
  read(j, "update_time", out.updateTime);
  read(j, "persistent", out.persistent);
  internal::readChannelTarget(j, out);
}

}  // namespace nakama
