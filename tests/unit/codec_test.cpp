// RFC 3339 timestamps: civil-date arithmetic (no platform time functions), dates before 1970 and after
// 2038, leap years, and the limits of the clock's representation.
#include <chrono>
#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "core/codec.h"

namespace nakama {
namespace {

using namespace std::chrono_literals;
using internal::fromUnixSeconds;
using internal::parseTimestamp;
using internal::unixSeconds;

// Whether the clock's representation (its period differs between standard libraries) holds this second.
bool representable(std::int64_t seconds) {
  using std::chrono::duration_cast;
  return seconds < duration_cast<std::chrono::seconds>(Timestamp::duration::max()).count() &&
         seconds > duration_cast<std::chrono::seconds>(Timestamp::duration::min()).count();
}

struct KnownDate {
  const char* text;
  std::int64_t unixSeconds;
};

// Values checked against an independent implementation (Python's calendar.timegm).
constexpr KnownDate kKnownDates[] = {
    {"1970-01-01T00:00:00Z", 0},
    {"1969-12-31T23:59:59Z", -1},
    {"1900-01-01T00:00:00Z", -2208988800},   // 1900: not a leap year
    {"2000-02-29T00:00:00Z", 951782400},     // 2000: leap year (divisible by 400)
    {"2038-01-19T03:14:08Z", 2147483648},    // one second past a 32-bit time_t
    {"2100-03-01T00:00:00Z", 4107542400},    // 2100: not a leap year
    {"2262-04-11T23:47:16Z", 9223372036},    // near the end of a nanosecond clock's range
    {"1677-09-21T00:12:44Z", -9223372036},   // near its start
    {"1600-02-29T12:00:00Z", -11670955200},  // only where the clock is coarser than nanoseconds
    {"9999-12-31T23:59:59Z", 253402300799},
};

TEST(Codec, KnownDatesParseFormatAndRoundTrip) {
  for (const auto& date : kKnownDates) {
    SCOPED_TRACE(date.text);
    const auto parsed = parseTimestamp(date.text);
    if (!representable(date.unixSeconds)) {
      ASSERT_TRUE(parsed) << "out of the clock's range: saturated rather than overflowed or rejected";
      EXPECT_EQ(*parsed, fromUnixSeconds(date.unixSeconds));
      continue;
    }
    ASSERT_TRUE(parsed);
    EXPECT_EQ(unixSeconds(*parsed), date.unixSeconds);
    EXPECT_EQ(formatTimestamp(*parsed), date.text);
    EXPECT_EQ(formatTimestamp(fromUnixSeconds(date.unixSeconds)), date.text);
  }
}

TEST(Codec, LeapDaysAreValidatedPerYear) {
  EXPECT_TRUE(parseTimestamp("2024-02-29T00:00:00Z"));
  EXPECT_TRUE(parseTimestamp("2000-02-29T00:00:00Z"));
  EXPECT_FALSE(parseTimestamp("2023-02-29T00:00:00Z"));
  EXPECT_FALSE(parseTimestamp("2100-02-29T00:00:00Z"));
  EXPECT_FALSE(parseTimestamp("2024-04-31T00:00:00Z"));
  EXPECT_FALSE(parseTimestamp("2024-13-01T00:00:00Z"));
  EXPECT_EQ(formatTimestamp(*parseTimestamp("2024-02-28T00:00:00Z") + 24h), "2024-02-29T00:00:00Z");
  EXPECT_EQ(formatTimestamp(*parseTimestamp("2023-02-28T00:00:00Z") + 24h), "2023-03-01T00:00:00Z");
  EXPECT_EQ(formatTimestamp(*parseTimestamp("2024-12-31T23:59:59Z") + 1s), "2025-01-01T00:00:00Z");
}

TEST(Codec, EveryDayOfFourHundredYearsRoundTrips) {
  // One full Gregorian cycle, 1800..2199 (representable with every standard library's clock).
  const Timestamp start = *parseTimestamp("1800-01-01T00:00:00Z");
  const Timestamp end = *parseTimestamp("2200-01-01T00:00:00Z");
  int days = 0;
  for (Timestamp t = start; t < end; t += 24h, ++days) {
    const std::string text = formatTimestamp(t);
    const auto back = parseTimestamp(text);
    ASSERT_TRUE(back) << text;
    ASSERT_EQ(*back, t) << text;
  }
  EXPECT_EQ(days, 146097);  // days in 400 Gregorian years
}

TEST(Codec, FractionsAndOffsets) {
  EXPECT_EQ(formatTimestamp(*parseTimestamp("2026-11-23T21:37:08+02:00")), "2026-11-23T19:37:08Z");
  EXPECT_EQ(formatTimestamp(*parseTimestamp("2026-11-23T19:37:08-00:30")), "2026-11-23T20:07:08Z");
  EXPECT_EQ(formatTimestamp(*parseTimestamp("2026-11-23T19:37:08.250Z")), "2026-11-23T19:37:08.250Z");
  EXPECT_EQ(formatTimestamp(*parseTimestamp("2026-11-23T19:37:08.000001Z")), "2026-11-23T19:37:08.000001Z");
  EXPECT_FALSE(parseTimestamp("2026-11-23T19:37:08"));
  EXPECT_FALSE(parseTimestamp("2026-11-23T19:37:08.Z"));
  EXPECT_FALSE(parseTimestamp("2026-11-23"));
}

TEST(Codec, TimesBeforeTheEpochRoundDown) {
  const Timestamp t = fromUnixSeconds(-1) + 250ms;
  EXPECT_EQ(formatTimestamp(t), "1969-12-31T23:59:59.250Z");
  EXPECT_EQ(unixSeconds(t), -1);
  EXPECT_EQ(*parseTimestamp("1969-12-31T23:59:59.250Z"), t);
  EXPECT_EQ(formatTimestamp(fromUnixSeconds(-86400)), "1969-12-31T00:00:00Z");
}

TEST(Codec, UnixSecondsOutOfRangeAreClamped) {
  const Timestamp high = fromUnixSeconds(std::numeric_limits<std::int64_t>::max());
  const Timestamp low = fromUnixSeconds(std::numeric_limits<std::int64_t>::min());
  EXPECT_GE(unixSeconds(high), 9223372035);  // at least the nanosecond clock's range
  EXPECT_LE(unixSeconds(low), -9223372035);
}

}  // namespace
}  // namespace nakama
