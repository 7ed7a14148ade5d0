// Bad input never escapes as an exception: the encoders (UTF-8 check naming the field, path and query
// text), decoders given out-of-range numbers and far-away times, the session token parser, and the socket's
// pending requests when the socket or its Client goes away.

#include <cstdint>
#include <limits>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api_handles.h"
#include "core/codec.h"
#include "core/json.h"
#include "fake_http_transport.h"
#include "json_test_util.h"
#include "nakama/storage.h"
#include "rest/client_core.h"
#include "rest/rest_layers.h"
#include "rt_captured_frames.h"
#include "rt_fake_ws.h"

namespace nakama::test {
namespace {

using internal::Json;
using ::testing::HasSubstr;

// ---- UTF-8 -----------------------------------------------------------------------------------------

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(internal::isValidUtf8(""));
  EXPECT_TRUE(internal::isValidUtf8("plain ascii"));
  EXPECT_TRUE(internal::isValidUtf8(std::string("nul\0inside", 10)));
  EXPECT_TRUE(internal::isValidUtf8("\xC3\xA9t\xC3\xA9"));  // été
  EXPECT_TRUE(internal::isValidUtf8("\xE2\x82\xAC"));       // €
  EXPECT_TRUE(internal::isValidUtf8("\xF0\x9F\x8E\xAE"));   // 🎮
  EXPECT_TRUE(internal::isValidUtf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  EXPECT_TRUE(internal::isValidUtf8("\xED\x9F\xBF"));       // U+D7FF, just below the surrogates
}

TEST(Utf8, RejectsMalformedText) {
  for (const char* bad : {"\xFF", "name\xC3", "\x80", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80",
                          "\xF0\x80\x80\xAF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xE2\x82", "\xC3\x28"}) {
    EXPECT_FALSE(internal::isValidUtf8(bad)) << testing::PrintToString(std::string(bad));
  }
}

// ---- Encoding request bodies ------------------------------------------------------------------------

TEST(EncodeBody, InvalidUtf8IsAnInvalidArgumentNamingTheField) {
  Json body = {{"objects", Json::array({{{"collection", "ok"}}, {{"collection", "bad\xFF"}}})}};
  auto encoded = internal::encodeBody(body, "the request body");
  ASSERT_FALSE(encoded.ok());
  EXPECT_EQ(encoded.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_THAT(encoded.error().message, HasSubstr("objects[1].collection"));
  EXPECT_THAT(encoded.error().message, HasSubstr("UTF-8"));
}

TEST(EncodeBody, InvalidKeysAndTopLevelStringsAreNamedToo) {
  Json vars = {{"vars", {{"ok", "1"}, {"k\xC3", "2"}}}};
  auto encoded = internal::encodeBody(vars);
  ASSERT_FALSE(encoded.ok());
  EXPECT_THAT(encoded.error().message, HasSubstr("'vars.<key>'"));

  auto payload = internal::encodeBody(Json("\xFF"), "the 'rpc' message");
  ASSERT_FALSE(payload.ok());
  EXPECT_THAT(payload.error().message, HasSubstr("the 'rpc' message"));
}

TEST(EncodeBody, ValidTextNulsAndHugeStringsEncode) {
  const std::string huge(1 << 20, 'x');
  auto encoded =
      internal::encodeBody(Json{{"nul", std::string("a\0b", 3)}, {"huge", huge}, {"emoji", "\xF0\x9F\x8E\xAE"}});
  ASSERT_TRUE(encoded.ok()) << encoded.error();
  EXPECT_THAT(*encoded, HasSubstr("a\\u0000b"));
  EXPECT_EQ(Json::parse(*encoded)["huge"].get<std::string>().size(), huge.size());
}

// ---- Path segments and query values ----------------------------------------------------------------

TEST(RequestText, PathSegmentsAndQueryValuesMustBeUtf8) {
  internal::RestRequest request;
  request.path = "/v2/storage/" + internal::percentEncode("caf\xC3\xA9");
  request.query.add("cursor", std::string("\xE2\x82\xAC"));
  EXPECT_FALSE(internal::checkRequestText(request).has_value());

  request.path = "/v2/storage/" + internal::percentEncode("bad\xFF");
  auto pathError = internal::checkRequestText(request);
  ASSERT_TRUE(pathError.has_value());
  EXPECT_EQ(pathError->kind, ErrorKind::kInvalidArgument);
  EXPECT_THAT(pathError->message, HasSubstr("path"));

  request.path = "/v2/storage/bad\xFF";  // a raw byte, not escaped: checked too
  ASSERT_TRUE(internal::checkRequestText(request).has_value());
  request.path = "/v2/storage/caf\xC3\xA9";
  EXPECT_FALSE(internal::checkRequestText(request).has_value());

  request.path = "/v2/storage";
  request.query.add("username", std::string("x\xC3"));
  auto queryError = internal::checkRequestText(request);
  ASSERT_TRUE(queryError.has_value());
  EXPECT_THAT(queryError->message, HasSubstr("'username'"));
}

TEST(RequestText, TheClientAnswersWithoutSendingAndStaysUsable) {
  auto transport = std::make_shared<FakeHttpTransport>([](const internal::HttpRequest&, FakeHttpTransport::Done done) {
    done(httpResponse(200, R"({"acks":[{"collection":"c","key":"k","user_id":"u","version":"v"}]})"));
  });
  ClientOptions options;
  options.callbackMode = CallbackMode::kPolled;
  auto core = internal::ClientCore::create(options, transport);
  core->sessions()->set(*Session::restore(makeJwt("user-1", "alice", nowSeconds() + 7200), ""));
  auto storage = makeHandle<StorageApi>(core);

  WriteStorageObject bad;
  bad.collection = "saves\xFF";
  bad.key = "slot";
  bad.value = R"({"hp":1})";
  auto failed = await(storage.write({bad}));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_THAT(failed.error().message, HasSubstr("objects[0].collection"));
  EXPECT_TRUE(transport->requests().empty());

  WriteStorageObject good = bad;
  good.collection = "saves";
  auto written = await(storage.write({good}));
  ASSERT_TRUE(written.ok()) << written.error();
  EXPECT_EQ(transport->requests().size(), 1u);
  core->shutdown();
}

TEST(RetryAfter, HugeValuesDoNotOverflow) {
  auto response = httpResponse(503, "", {{"retry-after", std::string(40, '9')}});
  auto delay = internal::parseRetryAfter(response);
  ASSERT_TRUE(delay.has_value());
  EXPECT_GE(*delay, std::chrono::hours(24 * 365));
}

// ---- Decoders: numbers and times out of range ------------------------------------------------------

TEST(DecodeNumbers, OutOfRangeFloatsAreDecodeErrors) {
  for (const char* text : {"1e300", "-1e300", "9223372036854775808.0", "1.5", "NaN"}) {
    Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded()) continue;  // NaN is not JSON
    std::int64_t out = 0;
    EXPECT_THROW(internal::decodeFromJson(j, out), internal::DecodeError) << text;
  }
  std::int32_t small = 0;
  EXPECT_THROW(internal::decodeFromJson(Json(2147483648.0), small), internal::DecodeError);
  std::uint64_t unsignedOut = 0;
  EXPECT_THROW(internal::decodeFromJson(Json(-1.0), unsignedOut), internal::DecodeError);
  EXPECT_THROW(internal::decodeFromJson(Json(1.8446744073709552e19), unsignedOut), internal::DecodeError);
  std::int64_t exact = 0;
  internal::decodeFromJson(Json(-9223372036854775808.0), exact);
  EXPECT_EQ(exact, std::numeric_limits<std::int64_t>::min());
  internal::decodeFromJson(Json(42.0), exact);
  EXPECT_EQ(exact, 42);
}

TEST(DecodeTimes, FarAwayTimesSaturateInsteadOfOverflowing) {
  auto far = internal::parseTimestamp("9999-12-31T23:59:59.999Z");
  ASSERT_TRUE(far.has_value());
  EXPECT_GT(*far, internal::fromUnixSeconds(4102444800));  // after 2100
  auto early = internal::parseTimestamp("0000-01-01T00:00:00Z");
  ASSERT_TRUE(early.has_value());
  EXPECT_LT(*early, Timestamp{});
  EXPECT_GT(internal::fromUnixSeconds(std::numeric_limits<std::int64_t>::max()), *far - std::chrono::hours(1));
  // Year 0 is beyond the clock's range too: it saturates to the same instant as the smallest int64.
  EXPECT_EQ(internal::fromUnixSeconds(std::numeric_limits<std::int64_t>::min()), *early);
}

// ---- The session token parser ------------------------------------------------------------------------

TEST(SessionTokens, HugeExpiryAndForeignBytesNeverThrow) {
  auto far = Session::restore(makeJwt("u", "n", std::numeric_limits<std::int64_t>::max()), "");
  ASSERT_TRUE(far.ok()) << far.error();
  EXPECT_FALSE(far->isExpired());

  const std::string valid = makeJwt("u", "n", nowSeconds() + 60);
  auto foreign = Session::restore("\xFF" + valid, "");
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().kind, ErrorKind::kInvalidArgument);
  auto badRefresh = Session::restore(valid, valid + "\xC3");
  ASSERT_FALSE(badRefresh.ok());
  EXPECT_EQ(badRefresh.error().kind, ErrorKind::kInvalidArgument);

  auto session = Session::restore(valid, "");
  ASSERT_TRUE(session.ok());
  auto again = Session::deserialize(session->serialize());
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->token(), valid);
}

// ---- Realtime: bad text, and the socket or its Client going away -------------------------------------

class RtReliabilityTest : public RtSocketFixture {};

TEST_F(RtReliabilityTest, InvalidUtf8IsAnInvalidArgumentAndNothingIsSent) {
  auto ws = connect();
  ASSERT_TRUE(ws);
  auto rpc = await(socket.rpc("echo", "\xFF"));
  ASSERT_FALSE(rpc.ok());
  EXPECT_EQ(rpc.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_THAT(rpc.error().message, HasSubstr("payload"));
  auto status = await(socket.updateStatus("away\xC3"));
  EXPECT_EQ(status.error().kind, ErrorKind::kInvalidArgument);
  auto data = await(socket.sendMatchData("match\xFF", 1, "binary \xFF is fine"));
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_THAT(data.error().message, HasSubstr("match_id"));
  EXPECT_EQ(ws->sentCount(), 0u);

  // Still usable: a valid request goes out and is answered.
  auto ping = socket.ping();
  ws->reply(0, frames::kPongReply);
  EXPECT_TRUE(await(ping).ok());
}

TEST_F(RtReliabilityTest, DestroyingTheClientCancelsPendingRequestsAtOnce) {
  auto options = quietOptions();
  options.requestTimeout = std::chrono::minutes(10);  // a completion can only come from the shutdown
  build(options);
  auto ws = connect();
  ASSERT_TRUE(ws);
  auto a = socket.rpc("a");
  auto b = socket.joinChat("room", ChannelType::kRoom);
  ws->sentJson(1);
  core->shutdown();  // what ~Client does
  auto ra = await(a, 1000ms);
  auto rb = await(b, 1000ms);
  ASSERT_FALSE(ra.ok());
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(ra.error().kind, ErrorKind::kCancelled);
  EXPECT_EQ(rb.error().kind, ErrorKind::kCancelled);
  EXPECT_EQ(socket.state(), ConnectionState::kDisconnected);
  EXPECT_EQ(await(socket.rpc("late"), 1000ms).error().kind, ErrorKind::kCancelled);
}

TEST_F(RtReliabilityTest, DestroyingTheClientCancelsAConnectInProgress) {
  auto connecting = socket.connect();
  ASSERT_TRUE(factory->wait(0));
  core->shutdown();
  auto result = await(connecting, 1000ms);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kCancelled);
}

TEST_F(RtReliabilityTest, DestroyingTheSocketCancelsPendingRequestsAtOnce) {
  auto options = quietOptions();
  options.requestTimeout = std::chrono::minutes(10);
  build(options);
  auto ws = connect();
  ASSERT_TRUE(ws);
  auto pending = socket.rpc("a");
  ws->sentJson(0);
  socket = RtSocket();
  impl.reset();
  auto result = await(pending, 1000ms);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kCancelled);
}

}  // namespace
}  // namespace nakama::test
