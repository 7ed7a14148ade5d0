#pragma once

#include <string>

namespace nakama::internal {

/// Whether a REST call may be repeated automatically after a transient failure (the retry layer's
/// default; CallOptions::idempotent overrides it). `path` is the request path without its query.
/// The calls that may not are listed in one table in idempotency.cpp.
bool isIdempotent(const std::string& method, const std::string& path);

}  // namespace nakama::internal
