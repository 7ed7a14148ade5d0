#pragma once

// JSON mapping of nakama::User, shared by the account, users, friends and groups areas.

#include "core/json.h"
#include "nakama/users.h"

namespace nakama {

void from_json(const internal::JsonValue& j, User& out);
void from_json(const internal::JsonValue& j, Users& out);

}  // namespace nakama
