// The Beast transport's HTTP/1.1 answer parser, fed whole and in every split a network could make.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "transport/http_response_parser.h"

namespace nakama::internal {
namespace {

using State = HttpResponseParser::State;

struct Options {
  std::uint64_t maxBody = 0;
  bool head = false;
  std::size_t maxHeader = 1024;
  bool endOfStream = false;  // the connection ends after the last byte
};

struct Parsed {
  State state = State::kIncomplete;
  std::string error;
  int status = 0;
  std::string body;
  std::optional<std::string> contentType;
  std::optional<std::string> custom;
  bool keepAlive = false;
  std::size_t consumed = 0;
};

// Feeds `text` cut at `cuts` (ascending offsets) the way the transport does: the bytes not consumed stay in front
// of those that arrive next.
Parsed parseInPieces(std::string_view text, const std::vector<std::size_t>& cuts, const Options& options = {}) {
  HttpResponseParser parser(options.maxBody, options.head, options.maxHeader);
  Parsed out;
  std::string buffered;
  std::size_t from = 0;
  auto pieces = cuts;
  pieces.push_back(text.size());
  for (const std::size_t to : pieces) {
    buffered.append(text.substr(from, to - from));
    from = to;
    const std::size_t used = parser.parse(buffered);
    buffered.erase(0, used);
    out.consumed += used;
    if (parser.state() != State::kIncomplete) break;
  }
  if (options.endOfStream) parser.endOfStream();
  out.state = parser.state();
  out.error = parser.error();
  out.keepAlive = parser.keepAlive();
  const HttpResponse response = parser.take();
  out.status = response.status;
  out.body = response.body;
  out.contentType = response.header("content-type");
  out.custom = response.header("X-Custom");
  return out;
}

Parsed parse(std::string_view text, const Options& options = {}) { return parseInPieces(text, {}, options); }

void expectSame(const Parsed& a, const Parsed& b, const std::string& context) {
  EXPECT_EQ(a.state, b.state) << context;
  EXPECT_EQ(a.error, b.error) << context;
  EXPECT_EQ(a.status, b.status) << context;
  EXPECT_EQ(a.body, b.body) << context;
  EXPECT_EQ(a.contentType, b.contentType) << context;
  EXPECT_EQ(a.custom, b.custom) << context;
  EXPECT_EQ(a.keepAlive, b.keepAlive) << context;
  EXPECT_EQ(a.consumed, b.consumed) << context;
}

const std::string kSimple =
    "HTTP/1.1 200 OK\r\nContent-Type:  application/json \r\nX-Custom: a\r\nContent-Length: 13\r\n"
    "x-custom:b\r\n\r\n{\"user\":\"x\"}\n";
const std::string kChunked =
    "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
    "5;name=value\r\nhello\r\n1\r\n \r\n0005\r\nworld\r\n0\r\nTrailer-Field: ignored\r\n\r\n";
const std::string kInterim =
    "HTTP/1.1 100 Continue\r\nX-Custom: interim\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
const std::string kToEnd = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end";

TEST(HttpResponseParser, ReadsStatusFieldsAndABodyOfKnownLength) {
  const auto parsed = parse(kSimple);
  EXPECT_EQ(parsed.state, State::kComplete) << parsed.error;
  EXPECT_EQ(parsed.status, 200);
  EXPECT_EQ(parsed.body, "{\"user\":\"x\"}\n");
  EXPECT_EQ(parsed.contentType, "application/json");  // any case, spaces around the value dropped
  EXPECT_EQ(parsed.custom, "a, b");                   // a repeated field's values joined
  EXPECT_TRUE(parsed.keepAlive);
  EXPECT_EQ(parsed.consumed, kSimple.size());
}

TEST(HttpResponseParser, ReadsChunkedBodiesIgnoringExtensionsAndTrailers) {
  const auto parsed = parse(kChunked);
  EXPECT_EQ(parsed.state, State::kComplete) << parsed.error;
  EXPECT_EQ(parsed.status, 201);
  EXPECT_EQ(parsed.body, "hello world");
  EXPECT_EQ(parsed.contentType, "text/plain");
  EXPECT_TRUE(parsed.keepAlive);
  EXPECT_EQ(parsed.consumed, kChunked.size());
}

TEST(HttpResponseParser, SkipsInterimAnswers) {
  const auto parsed = parse(kInterim);
  EXPECT_EQ(parsed.state, State::kComplete) << parsed.error;
  EXPECT_EQ(parsed.status, 200);
  EXPECT_EQ(parsed.body, "ok");
  EXPECT_EQ(parsed.custom, std::nullopt);  // the interim answer's fields are not the answer's
}

TEST(HttpResponseParser, ABodyWithoutLengthEndsWithTheConnection) {
  const auto open = parse(kToEnd);
  EXPECT_EQ(open.state, State::kIncomplete);
  const auto closed = parse(kToEnd, {0, false, 1024, true});
  EXPECT_EQ(closed.state, State::kComplete);
  EXPECT_EQ(closed.body, "until the end");
  EXPECT_FALSE(closed.keepAlive);
  // The end of the connection completes no other answer.
  EXPECT_EQ(parse(kSimple.substr(0, kSimple.size() - 1), {0, false, 1024, true}).state, State::kIncomplete);
  EXPECT_EQ(parse(kChunked.substr(0, kChunked.size() - 2), {0, false, 1024, true}).state, State::kIncomplete);
}

TEST(HttpResponseParser, EverySplitReadsTheSameAnswer) {
  for (const auto& text : {kSimple, kChunked, kInterim, kToEnd}) {
    const Options options{0, false, 1024, true};
    const auto whole = parse(text, options);
    ASSERT_EQ(whole.state, State::kComplete) << text;
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
      expectSame(whole, parseInPieces(text, {cut}, options), text + " cut at " + std::to_string(cut));
    }
    std::vector<std::size_t> everyByte;
    for (std::size_t i = 1; i < text.size(); ++i) everyByte.push_back(i);
    expectSame(whole, parseInPieces(text, everyByte, options), text + " a byte at a time");
  }
}

TEST(HttpResponseParser, StopsAtTheEndOfTheAnswer) {
  const auto twice = kSimple + kSimple;
  const auto parsed = parse(twice);
  EXPECT_EQ(parsed.state, State::kComplete);
  EXPECT_EQ(parsed.consumed, kSimple.size());  // the rest is left to the caller (who does not reuse the connection)
}

TEST(HttpResponseParser, AnswersWithoutBodies) {
  const std::string withLength = "HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n";
  const auto head = parse(withLength, {0, true, 1024, false});
  EXPECT_EQ(head.state, State::kComplete);
  EXPECT_EQ(head.body, "");
  EXPECT_TRUE(head.keepAlive);
  for (const char* status : {"204 No Content", "304 Not Modified"}) {
    const auto parsed = parse(std::string("HTTP/1.1 ") + status + "\r\nContent-Length: 42\r\n\r\n");
    EXPECT_EQ(parsed.state, State::kComplete) << status;
    EXPECT_EQ(parsed.body, "") << status;
  }
  const auto empty = parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(empty.state, State::kComplete);
  EXPECT_TRUE(empty.keepAlive);
  const auto noFields = parse("HTTP/1.1 404\r\n\r\n", {0, false, 1024, true});  // no reason phrase either
  EXPECT_EQ(noFields.state, State::kComplete) << noFields.error;
  EXPECT_EQ(noFields.status, 404);
}

TEST(HttpResponseParser, KeepAliveFollowsTheVersionAndTheConnectionField) {
  const auto keepAlive = [](const std::string& head) {
    const auto parsed = parse(head + "Content-Length: 0\r\n\r\n");
    EXPECT_EQ(parsed.state, State::kComplete) << head << parsed.error;
    return parsed.keepAlive;
  };
  EXPECT_TRUE(keepAlive("HTTP/1.1 200 OK\r\n"));
  EXPECT_FALSE(keepAlive("HTTP/1.1 200 OK\r\nConnection: close\r\n"));
  EXPECT_FALSE(keepAlive("HTTP/1.1 200 OK\r\nConnection: Upgrade, CLOSE\r\n"));
  EXPECT_FALSE(keepAlive("HTTP/1.0 200 OK\r\n"));
  EXPECT_TRUE(keepAlive("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n"));
  EXPECT_FALSE(keepAlive("HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\n"));
  // Both framings (chunked wins): the connection is not trusted with another request.
  const auto both =
      parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n");
  EXPECT_EQ(both.state, State::kComplete);
  EXPECT_EQ(both.body, "ab");
  EXPECT_FALSE(both.keepAlive);
}

TEST(HttpResponseParser, RepeatedEqualLengthsAreAccepted) {
  const auto parsed = parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok");
  EXPECT_EQ(parsed.state, State::kComplete);
  EXPECT_EQ(parsed.body, "ok");
}

TEST(HttpResponseParser, FieldValuesMayHoldTabsAndBytesAboveAscii) {
  for (std::size_t at = 0; at < 20; ++at) {
    std::string value(20, 'v');
    value[at] = '\t';
    value[19 - at] = '\xE9';
    const auto parsed = parse("HTTP/1.1 200 OK\r\nX-Custom: " + value + "\r\nContent-Length: 0\r\n\r\n");
    EXPECT_EQ(parsed.state, State::kComplete) << at << parsed.error;
  }
}

TEST(HttpResponseParser, ControlBytesInAFieldValueAreRefusedWhereverTheyAre) {
  for (const char bad : {'\x01', '\x1F', '\x7F', '\0', '\r', '\n'}) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string value(20, 'v');
      value[at] = bad;
      const auto parsed = parse("HTTP/1.1 200 OK\r\nX-Custom: " + value + "\r\nContent-Length: 0\r\n\r\n");
      EXPECT_EQ(parsed.state, State::kMalformed) << static_cast<int>(bad) << " at " << at;
    }
  }
}

TEST(HttpResponseParser, MalformedAnswersAreRefusedWithAReason) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"HTTP/2 200 OK\r\n\r\n", "a malformed status line"},
      {"HTTP/1.1 20 OK\r\n\r\n", "a malformed status line"},
      {"HTTP/1.1 200OK\r\n\r\n", "a malformed status line"},
      {"HTTP/1.1 099 Low\r\n\r\n", "a malformed status line"},
      {"ICY 200 OK\r\n\r\n", "a malformed status line"},
      {"\r\n\r\n", "a malformed status line"},
      {"HTTP/1.1 101 Switching Protocols\r\n\r\n", "an unexpected 101 Switching Protocols"},
      {"HTTP/1.1 200 OK\r\nX-Custom: a\r\n  folded\r\n\r\n", "obsolete line folding in the header"},
      {"HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "a header line without a colon"},
      {"HTTP/1.1 200 OK\r\nX-Custom : a\r\n\r\n", "an invalid header field"},
      {"HTTP/1.1 200 OK\r\n: a\r\n\r\n", "an invalid header field"},
      {"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n", "an invalid Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "an invalid Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 1 2\r\n\r\n", "an invalid Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n", "an invalid Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "an invalid Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "conflicting Content-Length fields"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "a transfer coding other than chunked"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "a transfer coding other than chunked"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
       "a transfer coding other than chunked"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", "a malformed chunk size"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5x\r\n", "a malformed chunk size"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "a chunk is longer than its size"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n", "a chunk size is too large"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nbad trailer\r\n\r\n",
       "an invalid trailer field"},
  };
  for (const auto& [text, reason] : cases) {
    const auto parsed = parse(text);
    EXPECT_EQ(parsed.state, State::kMalformed) << text;
    EXPECT_EQ(parsed.error, reason) << text;
  }
  // A line ended by LF alone never ends the header: the connection's end then fails the request.
  EXPECT_EQ(parse("HTTP/1.1 200 OK\nContent-Length: 0\n\n", {0, false, 1024, true}).state, State::kIncomplete);
}

TEST(HttpResponseParser, TheHeaderAndChunkLinesAreBounded) {
  const std::string field = "X-Custom: " + std::string(2000, 'x') + "\r\n";
  const auto endless = parse("HTTP/1.1 200 OK\r\n" + field);  // no end in sight, past the limit
  EXPECT_EQ(endless.state, State::kMalformed);
  EXPECT_EQ(endless.error, "the header is too large");
  const auto whole = parse("HTTP/1.1 200 OK\r\n" + field + "\r\n");
  EXPECT_EQ(whole.state, State::kMalformed);
  EXPECT_EQ(whole.error, "the header is too large");
  const auto chunkLine = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + std::string(5000, 'e'));
  EXPECT_EQ(chunkLine.state, State::kMalformed);
  EXPECT_EQ(chunkLine.error, "a chunk size line is too long");
  const auto trailer =
      parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + field + field, {0, false, 1024, false});
  EXPECT_EQ(trailer.state, State::kMalformed);
  EXPECT_EQ(trailer.error, "the trailer is too large");
}

TEST(HttpResponseParser, BodiesBeyondTheLimitAreRefused) {
  const Options limit{4, false, 1024, true};
  EXPECT_EQ(parse("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd", limit).state, State::kComplete);
  // Known in advance: refused before any of the body arrives.
  EXPECT_EQ(parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", limit).state, State::kBodyTooLarge);
  EXPECT_EQ(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n2\r\nab\r\n0\r\n\r\n", limit).state,
            State::kComplete);
  EXPECT_EQ(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n3\r\nabc\r\n0\r\n\r\n", limit).state,
            State::kBodyTooLarge);
  EXPECT_EQ(parse("HTTP/1.1 200 OK\r\n\r\nabcde", limit).state, State::kBodyTooLarge);
}

}  // namespace
}  // namespace nakama::internal
