#pragma once

// Helpers shared by the integration tests: server-error expectations, record lookup, weekly resets,
// and shifting the in-process server's clock.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "nakama/error.h"
#include "nakama/result.h"
#include "nakama/types.h"

namespace nakama::test {

/// The next Monday 00:00 UTC strictly after `now`: the next reset of a `0 0 * * 1` schedule.
inline Timestamp nextMondayUtc(Timestamp now) {
  using namespace std::chrono;
  const auto secs = duration_cast<seconds>(now.time_since_epoch()).count();
  const std::int64_t day = 86400;
  const std::int64_t days = secs / day;
  const std::int64_t weekday = (days + 3) % 7;  // 1970-01-01 was a Thursday; 0 = Monday
  return Timestamp(seconds((days - weekday + 7) * day));
}

/// Expects a server error with this HTTP status and gRPC code (and message, when given).
template <class R>
void expectServerError(const R& result, int httpStatus, GrpcCode code, const std::string& message = {}) {
  ASSERT_FALSE(result.ok()) << "expected HTTP " << httpStatus;
  EXPECT_EQ(result.error().kind, ErrorKind::kServerError) << result.error();
  EXPECT_EQ(result.error().httpStatus, httpStatus) << result.error();
  EXPECT_EQ(result.error().grpcCode, code) << result.error();
  if (!message.empty()) {
    EXPECT_EQ(result.error().message, message);
  }
}

/// The record of `ownerId` in `records`, or nullptr.
template <class Record>
const Record* findOwner(const std::vector<Record>& records, const std::string& ownerId) {
  for (const auto& record : records) {
    if (record.ownerId == ownerId) return &record;
  }
  return nullptr;
}

}  // namespace nakama::test

#include "test_env.h"
#include "test_server.h"

namespace nakama::test {

/// Shifts the clock of `TestEnv::localServer()` for the lifetime of the object (create the test's users
/// with `TestEnv::instance().localClientOptions()`). Sessions issued before the shift may expire.
class ServerClockShift {
 public:
  explicit ServerClockShift(std::chrono::seconds offset) { TestEnv::instance().localServer().setClockOffset(offset); }
  ~ServerClockShift() { TestEnv::instance().localServer().setClockOffset(std::chrono::seconds(0)); }
  ServerClockShift(const ServerClockShift&) = delete;
  ServerClockShift& operator=(const ServerClockShift&) = delete;
};

}  // namespace nakama::test
