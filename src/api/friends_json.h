#pragma once

#include "core/json.h"
#include "nakama/friends.h"

namespace nakama {

void from_json(const internal::JsonValue& j, Friend& out);
void from_json(const internal::JsonValue& j, FriendList& out);

}  // namespace nakama
