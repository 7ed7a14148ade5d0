// The SDK's JSON reader (src/core/json_parse.cpp, into a JsonDocument) against nlohmann::json::parse: the same
// documents accepted, the same values and number types, the same texts refused. Inputs: hand-picked edge cases, every
// body and frame recorded from a real server, and texts generated and then damaged at random (a fixed seed).

#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/json.h"
#include "json_test_util.h"
#include "rt_captured_frames.h"
#include "transcripts.h"

namespace nakama::internal {
namespace {

// Equal values with the same type at every node (nlohmann's == would take 1 (unsigned) for 1 (signed)).
bool sameDocument(const Json& a, const Json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(), jt = b.begin(); it != a.end(); ++it, ++jt) {
      if (it.key() != jt.key() || !sameDocument(it.value(), jt.value())) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!sameDocument(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

// What nlohmann makes of `text`, and whether the SDK's reader agrees.
::testing::AssertionResult agrees(const std::string& text) {
  const Json expected = Json::parse(text, nullptr, false);
  const auto actual = tryParseJson(text);
  if (expected.is_discarded() && !actual) return ::testing::AssertionSuccess();
  if (expected.is_discarded())
    return ::testing::AssertionFailure() << "accepted what nlohmann refuses: " << ::testing::PrintToString(text);
  if (!actual)
    return ::testing::AssertionFailure() << "refused what nlohmann accepts: " << ::testing::PrintToString(text);
  const Json converted = toNlohmann(actual->root());
  if (!sameDocument(expected, converted))
    return ::testing::AssertionFailure() << "different documents for " << ::testing::PrintToString(text) << ": "
                                         << expected.dump() << " vs " << converted.dump();
  return ::testing::AssertionSuccess();
}

TEST(JsonParse, AgreesWithNlohmannOnEdgeCases) {
  const std::vector<std::string> texts = {
      // values and whitespace
      "{}", "[]", " \t\r\n{ } ", "null", "true", "false", "\"\"", "0", "-0", "1", "-1", "[1,2,3]",
      "{\"a\":{\"b\":[{}]}}", "\xEF\xBB\xBF{\"bom\":1}", "{\"a\":1,\"a\":2}", "{\"a\":[1],\"a\":\"x\"}",
      "[null,true,false,\"s\",{},[]]",
      // numbers: integer ranges, floats, exponents, bad forms
      "9223372036854775807", "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
      "18446744073709551616", "1.5", "-0.0", "1e3", "1E+3", "1e-3", "2.5e10", "1e999", "-1e999", "01", "-01", "1.",
      ".5", "-", "+1", "1e", "1e+", "0x10", "1.2.3", "--1", "1 2", "NaN", "Infinity",
      // strings: escapes, unicode, surrogates, control characters, invalid UTF-8
      "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\u0041\\u00e9\\u20AC\"", "\"\\uD83D\\uDE00\"", "\"\\u0000\"", "\"\\uD83D\"",
      "\"\\uDE00\"", "\"\\uD83Dx\"", "\"\\uD83D\\u0041\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\x\"", "\"\\\"",
      "\"tab\there\"", "\"nl\nhere\"", std::string("\"nul\0here\"", 10),
      "\"h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80\"", "\"\xC3\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"",
      "\"\xF4\x90\x80\x80\"", "\"\xFF\"", "\"\x80\"", "\"unterminated",
      // structure errors
      "", " ", "{", "}", "[", "]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[,1]", "{a:1}", "{'a':1}", "{\"a\" 1}",
      "[1 2]", "{\"a\":1 \"b\":2}", "tru", "nul", "falsey", "[true false]", "{}{}", "{} x", "[]]", "\"a\"\"b\"",
      std::string("{\0}", 3), std::string("2\0garbage", 9), std::string("{} \0x", 6), std::string("\0{}", 3),
      "{\"a\":1}\n\n", "/* c */{}", "{} // c"};
  for (const auto& text : texts) EXPECT_TRUE(agrees(text));
}

TEST(JsonParse, AgreesWithNlohmannOnEveryRecordedBodyAndFrame) {
  ASSERT_GT(test::transcripts().size(), 50u);
  for (const auto& [name, transcript] : test::transcripts()) {
    EXPECT_TRUE(agrees(transcript.responseBody)) << name;
    EXPECT_TRUE(agrees(transcript.request.dump())) << name;
  }
  using namespace test;
  for (const char* frame : {frames::kStatusPresenceJoin,
                            frames::kPongReply,
                            frames::kAckReply,
                            frames::kStatusPresenceChange,
                            frames::kMatchCreateReply,
                            frames::kMatchPresenceJoinSelf,
                            frames::kMatchJoinReply,
                            frames::kMatchData,
                            frames::kChannelJoinReply,
                            frames::kChannelPresenceJoin,
                            frames::kChannelJoinReplyWithPresences,
                            frames::kChannelMessage,
                            frames::kChannelMessageAck,
                            frames::kStatusFollowReply,
                            frames::kMatchDataFiltered,
                            frames::kMatchDataSendError,
                            frames::kMatchPresenceLeave,
                            frames::kMatchCreateNamedReply,
                            frames::kMatchNotFoundError,
                            frames::kStatusPresenceLeave,
                            frames::kChannelMessageUpdated,
                            frames::kChannelMessageUpdateAck,
                            frames::kBadContentError,
                            frames::kChannelMessageRemoved,
                            frames::kChannelMessageRemoveAck,
                            frames::kChannelPresenceLeave,
                            frames::kDmChannelPresence,
                            frames::kDmNotification,
                            frames::kDmChannelJoinReply,
                            frames::kRpcEchoReply,
                            frames::kRpcFailureError,
                            frames::kRpcNotFoundError,
                            frames::kStreamPresence,
                            frames::kRuntimeNotification,
                            frames::kStreamData,
                            frames::kPartyCreateReply,
                            frames::kPartyPresenceJoin,
                            frames::kPartyPushed,
                            frames::kPartyData,
                            frames::kEmptyEnvelope,
                            frames::kClosedPartyCreateReply,
                            frames::kPartyJoinRequestPush,
                            frames::kPartyJoinRequestReply,
                            frames::kPartyClose,
                            frames::kPartyMaxSizeError,
                            frames::kMatchmakerTicketReply,
                            frames::kMatchmakerMatched,
                            frames::kMatchmakerTicketNotFoundError,
                            frames::kPartyMatchmakerTicketReply,
                            frames::kPartyMatchmakerTicketPush,
                            frames::kPartyLeader,
                            frames::kMatchDataSendSent,
                            frames::kChannelJoinSent,
                            frames::kPartyDataSendSent,
                            frames::kMatchmakerAddSent,
                            frames::kStatusFollowSent}) {
    EXPECT_TRUE(agrees(frame));
  }
}

// A random document: every JSON type, strings with escapes and non-ASCII text, integers at the type limits.
Json randomDocument(std::mt19937& rng, int depth) {
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const int kind = depth > 4 ? pick(6) : pick(8);
  switch (kind) {
    case 0: return nullptr;
    case 1: return pick(2) == 0;
    case 2: return static_cast<std::int64_t>(rng()) - (std::int64_t{1} << 31) * pick(3);
    case 3: return pick(2) ? std::numeric_limits<std::uint64_t>::max() - rng() % 3 : std::uint64_t{rng()};
    case 4: return (static_cast<double>(rng()) - 2e9) / 1000.0;
    case 5: {
      static const char* pieces[] = {
          "a",   "Z",  "0", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
          "key", "{}", "[]"};
      std::string s;
      for (int i = pick(8); i > 0; --i) s += pieces[pick(16)];
      return s;
    }
    case 6: {
      Json array = Json::array();
      for (int i = pick(5); i > 0; --i) array.push_back(randomDocument(rng, depth + 1));
      return array;
    }
    default: {
      Json object = Json::object();
      for (int i = pick(5); i > 0; --i) object["k" + std::to_string(pick(6))] = randomDocument(rng, depth + 1);
      return object;
    }
  }
}

TEST(JsonParse, AgreesWithNlohmannOnGeneratedAndDamagedTexts) {
  std::mt19937 rng(20261205);
  const char noise[] = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', 'e', '.', 'u', ' ', '\x80', '\xC3', '\0'};
  for (int i = 0; i < 20000; ++i) {
    std::string text = randomDocument(rng, 0).dump(i % 3 == 0 ? 2 : -1);
    if (i % 4 == 0) text = randomDocument(rng, 0).dump(-1, ' ', true);  // \u escapes for all non-ASCII
    ASSERT_TRUE(agrees(text));
    for (int damage = 0; damage < 4 && !text.empty(); ++damage) {
      std::string damaged = text;
      const std::size_t at = rng() % damaged.size();
      switch (rng() % 3) {
        case 0: damaged[at] = noise[rng() % sizeof(noise)]; break;
        case 1: damaged.erase(at, 1); break;
        default: damaged.resize(at); break;
      }
      ASSERT_TRUE(agrees(damaged));
    }
  }
}

// Strings are scanned sixteen bytes at a time (SSE2) and eight at a time: each byte value at each place of a block
// and of a word (and across two blocks), and escapes and UTF-8 sequences that straddle a block's or a word's end.
TEST(JsonParse, EveryByteAtEveryPlaceInAString) {
  for (int byte = 0; byte < 256; ++byte) {
    for (std::size_t place = 0; place < 41; ++place) {
      std::string text = "\"" + std::string(place, 'a') + static_cast<char>(byte) + std::string(40 - place, 'b') + "\"";
      EXPECT_TRUE(agrees(text));
      EXPECT_TRUE(agrees("{" + text + ":" + text + "}"));
    }
  }
  for (const std::string piece : {"\\n", "\\u00e9", "\\ud83d\\ude00", "\xC3\xA9", "\xF0\x9F\x98\x80", "\\\"", "\xC3"}) {
    for (std::size_t place = 0; place < 41; ++place) {
      EXPECT_TRUE(agrees("[\"" + std::string(place, 'a') + piece + std::string(9, 'c') + "\"]"));
    }
  }
}

TEST(JsonParse, NestingIsBoundedWithoutExhaustingTheStack) {
  const auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_TRUE(tryParseJson(nested(128)));
  EXPECT_FALSE(tryParseJson(nested(129)));  // the reader's own limit (nlohmann has none)
  EXPECT_FALSE(tryParseJson(nested(1000000)));
  std::string objects;
  for (int i = 0; i < 1000000; ++i) objects += "{\"a\":";
  EXPECT_FALSE(tryParseJson(objects));
  EXPECT_THROW(parseJson(nested(200)), DecodeError);
}

}  // namespace
}  // namespace nakama::internal
