// Numbers from the wire into integer fields: every conversion is range-checked before it happens
// (a double that does not fit an integer type is undefined behaviour to convert).
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/json.h"
#include "json_test_util.h"

namespace nakama::internal {
namespace {

template <class Int>
bool decodes(const Json& value, Int expected) {
  Int out{};
  decodeFromJson(value, out);
  return out == expected;
}

template <class Int>
void expectRejected(const Json& value) {
  Int out{};
  EXPECT_THROW(decodeFromJson(value, out), DecodeError) << value.dump();
}

TEST(JsonNumbers, FloatsThatAreNotIntegersAreRejected) {
  // (NaN and infinities cannot be written as JSON numbers: a text cannot bring them.)
  for (const double d : {0.5, -1.5, 1e300, -1e300, 2.5e-300}) {
    SCOPED_TRACE(d);
    expectRejected<std::int32_t>(Json(d));
    expectRejected<std::uint32_t>(Json(d));
    expectRejected<std::int64_t>(Json(d));
    expectRejected<std::uint64_t>(Json(d));
  }
}

TEST(JsonNumbers, FloatsAtTheEdgesOfEachRange) {
  const double two31 = std::ldexp(1.0, 31), two32 = std::ldexp(1.0, 32);
  const double two63 = std::ldexp(1.0, 63), two64 = std::ldexp(1.0, 64);
  EXPECT_TRUE(decodes<std::int32_t>(Json(-two31), std::numeric_limits<std::int32_t>::min()));
  EXPECT_TRUE(decodes<std::int32_t>(Json(two31 - 1), std::numeric_limits<std::int32_t>::max()));
  expectRejected<std::int32_t>(Json(two31));
  expectRejected<std::int32_t>(Json(-two31 - 1));
  EXPECT_TRUE(decodes<std::uint32_t>(Json(two32 - 1), std::numeric_limits<std::uint32_t>::max()));
  expectRejected<std::uint32_t>(Json(two32));
  expectRejected<std::uint32_t>(Json(-1.0));
  EXPECT_TRUE(decodes<std::int64_t>(Json(-two63), std::numeric_limits<std::int64_t>::min()));
  expectRejected<std::int64_t>(Json(two63));  // INT64_MAX is not a double: 2^63 is the first value above it
  EXPECT_TRUE(decodes<std::int64_t>(Json(std::nextafter(two63, 0.0)), std::int64_t{9223372036854774784}));
  expectRejected<std::uint64_t>(Json(two64));
  EXPECT_TRUE(decodes<std::uint64_t>(Json(std::nextafter(two64, 0.0)), std::uint64_t{18446744073709549568u}));
  EXPECT_TRUE(decodes<std::uint64_t>(Json(-0.0), std::uint64_t{0}));
  EXPECT_TRUE(decodes<std::int64_t>(Json(42.0), std::int64_t{42}));
}

TEST(JsonNumbers, IntegersAndStringsOutOfRangeAreRejected) {
  EXPECT_TRUE(decodes<std::int64_t>(Json("9223372036854775807"), std::numeric_limits<std::int64_t>::max()));
  expectRejected<std::int64_t>(Json("9223372036854775808"));
  expectRejected<std::int64_t>(Json(std::numeric_limits<std::uint64_t>::max()));
  EXPECT_TRUE(decodes<std::uint64_t>(Json("18446744073709551615"), std::numeric_limits<std::uint64_t>::max()));
  expectRejected<std::uint64_t>(Json("18446744073709551616"));
  expectRejected<std::uint64_t>(Json("-1"));
  expectRejected<std::uint32_t>(Json(-1));
  expectRejected<std::int32_t>(Json(std::int64_t{1} << 31));
  expectRejected<std::int32_t>(Json("2147483648"));
  expectRejected<std::int32_t>(Json("12abc"));
  expectRejected<std::uint64_t>(Json(" -5"));  // a negative value after white space is still negative
  expectRejected<std::int64_t>(
      Json(std::string("5\0"
                       "7",
                       3)));
  expectRejected<std::int64_t>(Json("5 "));
  expectRejected<std::int64_t>(Json(""));
  expectRejected<std::int64_t>(Json("+"));
  EXPECT_TRUE(decodes<std::int64_t>(Json("+7"), std::int64_t{7}));
  EXPECT_TRUE(decodes<std::int64_t>(Json(" -7"), std::int64_t{-7}));
}

TEST(JsonNumbers, DoublesAcceptProtojsonSpecialValues) {
  double out = 0;
  decodeFromJson(Json("NaN"), out);
  EXPECT_TRUE(std::isnan(out));
  decodeFromJson(Json("-Infinity"), out);
  EXPECT_TRUE(std::isinf(out) && out < 0);
  EXPECT_THROW(decodeFromJson(Json("1.5"), out), DecodeError);
}

}  // namespace
}  // namespace nakama::internal

namespace nakama::internal {
namespace {

// An object's members are found by key whatever bytes the keys hold; a repeated key gives its last value.
TEST(JsonMembers, FindReturnsWhatNlohmannKeeps) {
  const std::vector<std::string> keys = {"",  "a",    "ab",           "abc",      "b",        "ba", "id", "ids",
                                         "i", "\x7F", "\xE2\x82\xAC", "\xC3\xA9", "\xC3\xA8", "Z",  "_",  "user_id"};
  Json object = Json::object();
  for (std::size_t i = 0; i < keys.size(); i += 2) object[keys[i]] = static_cast<int>(i);
  const std::string text = object.dump();
  const auto document = parseJson(text);
  for (const auto& key : keys) {
    const auto found = document.root().find(key);
    const auto expected = object.find(key);
    if (expected == object.end()) {
      EXPECT_FALSE(found.has_value()) << "key '" << key << "'";
    } else {
      ASSERT_TRUE(found.has_value()) << "key '" << key << "'";
      EXPECT_EQ(toNlohmann(*found), *expected) << "key '" << key << "'";
    }
  }
  const auto repeated = parseJson(R"({"a":1,"b":2,"a":3})");
  ASSERT_TRUE(repeated.root().find("a").has_value());
  EXPECT_EQ(repeated.root().find("a")->asUnsigned(), 3u);
  EXPECT_FALSE(parseJson("[1,2]").root().find("a").has_value());
  EXPECT_FALSE(parseJson(R"("text")").root().find("a").has_value());
  EXPECT_FALSE(JsonValue().find("a").has_value());
}

}  // namespace
}  // namespace nakama::internal
