#pragma once

// The SDK's side of nakama/log.h: every diagnostic goes through log(), and every text that may carry a
// credential (server answers, decoder messages) through redactSecrets() before it is logged or put in an Error.

#include <string>
#include <string_view>

#include "nakama/log.h"

namespace nakama::internal {

/// True when a line at `level` would reach the sink (to skip building it otherwise).
bool logEnabled(LogLevel level);
/// Sends `message`, redacted, to the sink when `level` is enabled.
void log(LogLevel level, std::string_view message);

/// `text` with credentials replaced by "[redacted]": Bearer and Basic credentials, JSON string fields and
/// query parameters whose name is a secret (token, refresh_token, password, server_key, http_key, ...),
/// and anything shaped like a JWT (even cut short).
std::string redactSecrets(std::string_view text);

}  // namespace nakama::internal
