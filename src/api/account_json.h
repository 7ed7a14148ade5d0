#pragma once

// JSON mapping of the account area: the Account model and the identity bodies sent to link/unlink.

#include "core/json.h"
#include "nakama/account.h"

namespace nakama {

void from_json(const internal::JsonValue& j, AccountDevice& out);
void from_json(const internal::JsonValue& j, Account& out);

namespace internal {

/// `UpdateAccountRequest`: only the fields that are set (wrapper semantics: "" clears).
Json accountUpdateBody(const AccountUpdate& update);
/// `AccountGameCenter` (timestamp_seconds as an int64 string).
Json gameCenterBody(const GameCenterCredentials& credentials);

}  // namespace internal
}  // namespace nakama
