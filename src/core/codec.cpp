#include "core/codec.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>

namespace nakama::internal {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// One byte of `bytes` as an unsigned value (char may be signed).
std::uint32_t byteAt(std::string_view bytes, std::size_t i) { return static_cast<unsigned char>(bytes[i]); }

int base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

int digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Calendar arithmetic on 64-bit day counts (Howard Hinnant's civil-from-days algorithms), so that no
// platform time function is needed (the usual UTC conversions are POSIX-only) and no 32-bit time_t can truncate.

bool isLeapYear(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

unsigned daysInMonth(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeapYear(y) ? 29u : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (m in [1, 12], d in [1, 31]).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  if (m <= 2) --y;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);  // [0, 399]
  const unsigned mp = m > 2 ? m - 3 : m + 9;              // March-based month [0, 11]
  const unsigned doy = (153 * mp + 2) / 5 + d - 1;        // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct CivilDate {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

// The inverse of daysFromCivil.
CivilDate civilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);                    // [0, 146096]
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const unsigned mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

// Whole seconds the Timestamp type can hold, whatever the clock's period (nanoseconds with libstdc++,
// 100 ns with MSVC, microseconds with libc++): conversions outside this range would overflow.
constexpr std::int64_t kMaxTimestampSeconds =
    std::chrono::duration_cast<std::chrono::seconds>(Timestamp::duration::max()).count() - 1;
constexpr std::int64_t kMinTimestampSeconds =
    std::chrono::duration_cast<std::chrono::seconds>(Timestamp::duration::min()).count() + 1;

std::optional<Timestamp> timestampFrom(std::int64_t seconds, std::int64_t nanos) {
  // A valid date the clock cannot hold (e.g. year 9999 with a nanosecond clock) saturates at the clock's
  // ends rather than failing the whole answer it is part of; the fraction is dropped there.
  if (seconds < kMinTimestampSeconds || seconds > kMaxTimestampSeconds) return fromUnixSeconds(seconds);
  // Converted separately: the sum in nanoseconds could overflow where the clock's period is coarser.
  return Timestamp(std::chrono::duration_cast<Timestamp::duration>(std::chrono::seconds(seconds)) +
                   std::chrono::duration_cast<Timestamp::duration>(std::chrono::nanoseconds(nanos)));
}

}  // namespace

std::string base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t n = (byteAt(bytes, i) << 16) | (byteAt(bytes, i + 1) << 8) | byteAt(bytes, i + 2);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t n = byteAt(bytes, i) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (rest == 2) {
    const std::uint32_t n = (byteAt(bytes, i) << 16) | (byteAt(bytes, i + 1) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::optional<std::string> base64Decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int v = base64Value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::optional<Timestamp> parseTimestamp(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
  const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  const int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 60)
    return std::nullopt;
  if (static_cast<unsigned>(day) > daysInMonth(year, static_cast<unsigned>(month))) return std::nullopt;
  if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text[13] != ':' ||
      text[16] != ':')
    return std::nullopt;
  std::size_t pos = 19;
  std::int64_t nanos = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int count = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (count < 9) nanos = nanos * 10 + (text[pos] - '0');
      ++count;
      ++pos;
    }
    if (count == 0) return std::nullopt;
    for (int i = count; i < 9; ++i) nanos *= 10;
  }
  int offsetSeconds = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int oh = digits(text, pos + 1, 2), om = digits(text, pos + 4, 2);
    if (oh < 0 || om < 0 || pos + 3 >= text.size() || text[pos + 3] != ':') return std::nullopt;
    offsetSeconds = (oh * 3600 + om * 60) * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const std::int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  return timestampFrom(seconds, nanos);
}

std::string percentEncode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace nakama::internal

namespace nakama {

std::string formatTimestamp(Timestamp time) {
  // Split the raw tick count (chrono's floor would overflow near the representable minimum); times before 1970
  // round towards the earlier second. A tick is 1 ns (libstdc++), 1 us (libc++) or 100 ns (MSVC).
  using Period = Timestamp::period;
  static_assert(Period::num == 1 && 1000000000 % Period::den == 0, "clock ticks divide a second into nanoseconds");
  constexpr std::int64_t ticksPerSecond = Period::den;
  const std::int64_t count = time.time_since_epoch().count();
  std::int64_t total = count / ticksPerSecond;
  std::int64_t ticks = count % ticksPerSecond;
  if (ticks < 0) {
    ticks += ticksPerSecond;
    total -= 1;
  }
  const std::int64_t nanos = ticks * (1000000000 / ticksPerSecond);  // [0, 1e9)
  const std::int64_t days = (total >= 0 ? total : total - 86399) / 86400;
  const std::int64_t secondOfDay = total - days * 86400;  // [0, 86399]
  const internal::CivilDate date = internal::civilFromDays(days);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(date.year), date.month,
                date.day, static_cast<int>(secondOfDay / 3600), static_cast<int>(secondOfDay / 60 % 60),
                static_cast<int>(secondOfDay % 60));
  std::string out(buffer);
  if (nanos != 0) {
    char fraction[16];
    if (nanos % 1000000 == 0) {
      std::snprintf(fraction, sizeof fraction, ".%03lld", static_cast<long long>(nanos / 1000000));
    } else if (nanos % 1000 == 0) {
      std::snprintf(fraction, sizeof fraction, ".%06lld", static_cast<long long>(nanos / 1000));
    } else {
      std::snprintf(fraction, sizeof fraction, ".%09lld", static_cast<long long>(nanos));
    }
    out += fraction;
  }
  out += 'Z';
  return out;
}

}  // namespace nakama

namespace nakama::internal {

std::int64_t unixSeconds(Timestamp time) {
  return std::chrono::floor<std::chrono::seconds>(time.time_since_epoch()).count();
}

Timestamp fromUnixSeconds(std::int64_t seconds) {
  // Clamped: the wire's int64 could hold values the clock's representation cannot.
  const std::int64_t clamped = std::clamp(seconds, kMinTimestampSeconds, kMaxTimestampSeconds);
  return Timestamp(std::chrono::duration_cast<Timestamp::duration>(std::chrono::seconds(clamped)));
}

}  // namespace nakama::internal
