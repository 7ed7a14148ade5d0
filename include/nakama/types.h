#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "nakama/export.h"

namespace nakama {

/// Server timestamps (UTC). A default-constructed Timestamp (the epoch) means "not set".
using Timestamp = std::chrono::system_clock::time_point;

/// String-to-string maps: session vars, event properties, matchmaker string properties, ...
using StringMap = std::map<std::string, std::string>;

/// Formats a Timestamp as RFC 3339 UTC (`2026-11-23T19:37:08Z`, fractional seconds only when non-zero).
NAKAMA_API std::string formatTimestamp(Timestamp time);

}  // namespace nakama
