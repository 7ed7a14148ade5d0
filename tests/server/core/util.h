// Small shared helpers: ids, base64, time formatting, the server clock.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nakama::testserver {

// ---- ids ----
std::string newUuid();  // random UUIDv4, lowercase
inline const char* kNilUuid = "00000000-0000-0000-0000-000000000000";
// Node name in authoritative match ids and party ids ("<uuid>.nakama1"), as on the recorded server.
inline const char* kNodeName = "nakama1";
bool isUuid(std::string_view s);  // canonical 8-4-4-4-12 hex form (any case)
std::string randomString(std::size_t n, std::string_view alphabet);
std::string uuidV5Dns(std::string_view name);  // UUIDv5 in the DNS namespace (named relayed matches)

// ---- base64 ----
std::string base64Encode(std::string_view data, bool urlSafe = false, bool pad = true);
// Accepts standard or URL-safe alphabet, padded or not (like the server's bytes fields).
std::optional<std::string> base64Decode(std::string_view text);

// ---- time ----
using TimePoint = std::chrono::system_clock::time_point;
// "2026-11-23T19:37:08Z"; fractional digits (3, 6 or 9) only when non-zero, like protojson.
std::string rfc3339(TimePoint t);
std::string rfc3339(std::int64_t unixSeconds);
std::optional<TimePoint> parseRfc3339(std::string_view s);

// Calendar fields of a Unix time in UTC, by arithmetic on days (the usual UTC conversions are POSIX-only, and a
// 32-bit time_t would end in 2038). Written apart from the SDK's own calendar code on purpose: the server must
// not share the client's mistakes, or the tests could not see them.
struct UtcTime {
  std::int64_t year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
  int hour = 0, minute = 0, second = 0;
  int weekday = 4;  // 0 = Sunday
};
UtcTime utcFromUnix(std::int64_t unixSeconds);
std::int64_t unixFromUtc(std::int64_t year, int month, int day, int hour, int minute, int second);

// The server's clock. Everything time-dependent (token expiry, create_time, resets) reads it, so a
// test can move time forward with TestServer::setClockOffset instead of sleeping.
class Clock {
 public:
  TimePoint now() const { return std::chrono::system_clock::now() + std::chrono::seconds(offset_.load()); }
  std::int64_t unix() const {
    return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
  }
  std::int64_t unixMillis() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count();
  }
  void setOffset(std::chrono::seconds offset) { offset_ = offset.count(); }

 private:
  std::atomic<std::int64_t> offset_{0};
};

// Percent-decoding for paths and query strings (`+` is a space only in queries).
std::string percentDecode(std::string_view s, bool plusIsSpace);
std::string percentEncode(std::string_view s);

}  // namespace nakama::testserver
