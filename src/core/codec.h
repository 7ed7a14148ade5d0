#pragma once

// Text codecs used on the wire: base64 (standard and URL-safe), RFC 3339 timestamps, percent-encoding.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "nakama/types.h"

namespace nakama::internal {

/// Standard alphabet, padded: what Nakama emits and accepts.
std::string base64Encode(std::string_view bytes);
/// Accepts the standard and URL-safe alphabets, with or without padding. nullopt on invalid input.
std::optional<std::string> base64Decode(std::string_view text);

/// RFC 3339 (`2026-11-23T19:37:08Z`, `...08.123456Z`, `...08+02:00`). nullopt when malformed.
std::optional<Timestamp> parseTimestamp(std::string_view text);

/// Whole seconds since the Unix epoch (what the server's uint32/int64 "unix time" fields carry).
std::int64_t unixSeconds(Timestamp time);
/// The inverse of unixSeconds().
Timestamp fromUnixSeconds(std::int64_t seconds);

/// Percent-encodes everything except RFC 3986 unreserved characters (so '/', '?', '&', '+' and ' ' are escaped).
std::string percentEncode(std::string_view text);

}  // namespace nakama::internal
