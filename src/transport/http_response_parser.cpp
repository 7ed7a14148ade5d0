#include "transport/http_response_parser.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace nakama::internal {

namespace {
// A chunk's size line, extensions and CRLF included, may not be longer.
constexpr std::size_t kMaxChunkLine = 4096;
// Room reserved up front for a body of known length (a larger one grows as it arrives).
constexpr std::uint64_t kMaxBodyReserve = 64 * 1024;
constexpr std::uint64_t kMaxUint64 = std::numeric_limits<std::uint64_t>::max();

// RFC 9110 tchar: what a field name or a transfer coding is made of.
struct TokenChars {
  bool table[256] = {};
  constexpr TokenChars() {
    for (int c = '0'; c <= '9'; ++c) table[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
    for (const char c : "!#$%&'*+-.^_`|~") table[static_cast<unsigned char>(c)] = c != '\0';
  }
};
constexpr TokenChars kTokenChars;

bool isFieldByte(unsigned char c) { return c == '\t' || (c >= 0x20 && c != 0x7F); }

// A field value, a reason phrase or a chunk extension: tabs, spaces, visible ASCII and bytes above 0x7F. Eight
// bytes are tested at once for a control byte or DEL (a tab among them sends the eight to the byte test).
bool isFieldText(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
  const char* p = text.data();
  const char* const end = p + text.size();
  for (; end - p >= 8; p += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, sizeof w);
    const std::uint64_t del = w ^ (kOnes * 0x7F);
    if ((((w - kOnes * 0x20) & ~w) | ((del - kOnes) & ~del)) & kHigh) {
      if (!std::all_of(p, p + 8, [](char c) { return isFieldByte(static_cast<unsigned char>(c)); })) return false;
    }
  }
  return std::all_of(p, end, [](char c) { return isFieldByte(static_cast<unsigned char>(c)); });
}

// Calls `each` with the elements of a comma-separated list, spaces around them removed and empty ones skipped.
template <class Each>
void forEachElement(std::string_view list, Each&& each) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view element = trimHttpSpace(list.substr(0, comma));
    if (!element.empty()) each(element);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

bool isHttpToken(std::string_view text) {
  bool token = !text.empty();
  for (const char c : text) token &= kTokenChars.table[static_cast<unsigned char>(c)];  // no branch per byte
  return token;
}

HttpResponseParser::HttpResponseParser(std::uint64_t maxBodyBytes, bool headRequest, std::size_t maxHeaderBytes)
    : maxBody_(maxBodyBytes), head_(headRequest), maxHeader_(maxHeaderBytes) {}

std::size_t HttpResponseParser::parse(std::string_view bytes) {
  std::size_t used = 0;
  while (state_ == State::kIncomplete) {
    const std::string_view rest = bytes.substr(used);
    const Part before = part_;
    std::size_t n = 0;
    switch (part_) {
      case Part::kHeader: n = header(rest); break;
      case Part::kBody: n = sizedBody(rest, Part::kDone); break;
      case Part::kChunkSize: n = chunkSize(rest); break;
      case Part::kChunkData: n = sizedBody(rest, Part::kChunkEnd); break;
      case Part::kChunkEnd:
        if (rest.size() < 2) break;
        if (rest.substr(0, 2) != "\r\n") {
          fail("a chunk is longer than its size");
          break;
        }
        n = 2;
        part_ = Part::kChunkSize;
        break;
      case Part::kTrailer: n = trailer(rest); break;
      case Part::kBodyToEnd: n = body(rest, rest.size()); break;
      case Part::kDone: break;
    }
    used += n;
    if (part_ == Part::kDone && state_ == State::kIncomplete) state_ = State::kComplete;
    if (n == 0 && part_ == before) break;  // needs more bytes
  }
  return used;
}

void HttpResponseParser::endOfStream() {
  if (state_ == State::kIncomplete && part_ == Part::kBodyToEnd) {
    part_ = Part::kDone;
    state_ = State::kComplete;
  }
}

std::size_t HttpResponseParser::lineEnd(std::string_view bytes, std::string_view terminator, std::size_t limit,
                                        const char* tooLong) {
  // A terminator may straddle the bytes searched before and those that came since.
  const std::size_t from = scanned_ >= terminator.size() ? scanned_ - (terminator.size() - 1) : 0;
  const std::size_t end = bytes.find(terminator, from);
  scanned_ = end == std::string_view::npos ? bytes.size() : 0;
  if ((end == std::string_view::npos ? bytes.size() : end + terminator.size()) > limit) {
    fail(tooLong);
    return std::string_view::npos;
  }
  return end;
}

std::size_t HttpResponseParser::header(std::string_view bytes) {
  const std::size_t end = lineEnd(bytes, "\r\n\r\n", maxHeader_, "the header is too large");
  if (end == std::string_view::npos) return 0;
  gotSome_ = true;
  const std::string_view block = bytes.substr(0, end + 2);  // each line with its CRLF
  const std::size_t statusEnd = block.find("\r\n");
  if (!statusLine(block.substr(0, statusEnd))) return 0;
  const std::string_view fields = block.substr(statusEnd + 2);
  const bool interim = response_.status < 200;
  for (std::string_view rest = fields; !rest.empty();) {
    const std::size_t crlf = rest.find("\r\n");
    const std::string_view line = rest.substr(0, crlf);
    rest.remove_prefix(crlf + 2);
    if (isHttpSpace(line.front())) {
      fail("obsolete line folding in the header");
      return 0;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      fail("a header line without a colon");
      return 0;
    }
    const std::string_view name = line.substr(0, colon), value = line.substr(colon + 1);
    if (!isHttpToken(name) || !isFieldText(value)) {
      fail("an invalid header field");
      return 0;
    }
    if (!interim && !field(name, trimHttpSpace(value))) return 0;
  }
  if (interim) {  // 100 Continue, 103 Early Hints: the answer follows
    response_.status = 0;
    return end + 4;
  }
  response_.addHeaderLines(fields);
  keepAlive_ = !sawClose_ && (minorVersion_ >= 1 || sawKeepAlive_);
  if (head_ || response_.status == 204 || response_.status == 304) {
    part_ = Part::kDone;
  } else if (chunked_) {
    if (hasLength_) keepAlive_ = false;  // both framings: possibly a smuggling attempt, the coding wins
    part_ = Part::kChunkSize;
  } else if (hasLength_) {
    if (maxBody_ > 0 && length_ > maxBody_) {
      state_ = State::kBodyTooLarge;
      return 0;
    }
    response_.body.reserve(static_cast<std::size_t>(std::min(length_, kMaxBodyReserve)));
    part_ = length_ > 0 ? Part::kBody : Part::kDone;
  } else {
    keepAlive_ = false;  // the end of the connection ends the body
    part_ = Part::kBodyToEnd;
  }
  return end + 4;
}

bool HttpResponseParser::statusLine(std::string_view line) {
  // "HTTP/1.x NNN reason": the reason (and the space before it) may be missing.
  const auto digit = [&line](std::size_t i) { return line[i] >= '0' && line[i] <= '9'; };
  if (line.size() < 12 || line.substr(0, 7) != "HTTP/1." || !digit(7) || line[8] != ' ' || line[9] < '1' || !digit(9) ||
      !digit(10) || !digit(11) || (line.size() > 12 && line[12] != ' ') || !isFieldText(line.substr(12)))
    return fail("a malformed status line");
  minorVersion_ = line[7] - '0';
  response_.status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
  if (response_.status == 101) return fail("an unexpected 101 Switching Protocols");
  return true;
}

bool HttpResponseParser::field(std::string_view name, std::string_view value) {
  if (equalsIgnoringCase(name, "content-length")) {
    if (value.empty()) return fail("an invalid Content-Length");
    std::uint64_t length = 0;
    for (const char c : value) {
      if (c < '0' || c > '9' || length > (kMaxUint64 - 9) / 10) return fail("an invalid Content-Length");
      length = length * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (hasLength_ && length != length_) return fail("conflicting Content-Length fields");
    hasLength_ = true;
    length_ = length;
  } else if (equalsIgnoringCase(name, "transfer-encoding")) {
    bool ok = true;
    forEachElement(value, [&](std::string_view coding) {
      coding = trimHttpSpace(coding.substr(0, coding.find(';')));
      // Only "chunked", once and last: the SDK asks for no other coding.
      ok = ok && !chunked_ && equalsIgnoringCase(coding, "chunked");
      chunked_ = true;
    });
    if (!ok) return fail("a transfer coding other than chunked");
  } else if (equalsIgnoringCase(name, "connection")) {
    forEachElement(value, [&](std::string_view option) {
      sawClose_ = sawClose_ || equalsIgnoringCase(option, "close");
      sawKeepAlive_ = sawKeepAlive_ || equalsIgnoringCase(option, "keep-alive");
    });
  }
  return true;
}

std::size_t HttpResponseParser::chunkSize(std::string_view bytes) {
  const std::size_t end = lineEnd(bytes, "\r\n", kMaxChunkLine, "a chunk size line is too long");
  if (end == std::string_view::npos) return 0;
  const std::string_view line = bytes.substr(0, end);
  std::uint64_t size = 0;
  std::size_t digits = 0;
  for (; digits < line.size() && hexValue(line[digits]) >= 0; ++digits) {
    if (size > (kMaxUint64 >> 4)) {
      fail("a chunk size is too large");
      return 0;
    }
    size = size * 16 + static_cast<std::uint64_t>(hexValue(line[digits]));
  }
  const std::string_view extension = line.substr(digits);  // ";name=value...", read and ignored
  if (digits == 0 || (!extension.empty() && extension.front() != ';' && !isHttpSpace(extension.front())) ||
      !isFieldText(extension)) {
    fail("a malformed chunk size");
    return 0;
  }
  if (size == 0) {
    part_ = Part::kTrailer;
  } else {
    length_ = size;
    part_ = Part::kChunkData;
  }
  return end + 2;
}

std::size_t HttpResponseParser::trailer(std::string_view bytes) {
  const std::size_t end = lineEnd(bytes, "\r\n", maxHeader_ - trailerBytes_, "the trailer is too large");
  if (end == std::string_view::npos) return 0;
  if (end == 0) {  // the empty line that ends the answer
    part_ = Part::kDone;
    return 2;
  }
  trailerBytes_ += end + 2;
  const std::string_view line = bytes.substr(0, end);
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || !isHttpToken(line.substr(0, colon)) || !isFieldText(line.substr(colon + 1))) {
    fail("an invalid trailer field");
    return 0;
  }
  return end + 2;  // trailer fields are not kept
}

std::size_t HttpResponseParser::sizedBody(std::string_view bytes, Part next) {
  const std::size_t n = body(bytes, length_);
  length_ -= n;
  if (length_ == 0) part_ = next;
  return n;
}

std::size_t HttpResponseParser::body(std::string_view bytes, std::uint64_t most) {
  const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(bytes.size(), most));
  if (maxBody_ > 0 && response_.body.size() + n > maxBody_) {
    state_ = State::kBodyTooLarge;
    return 0;
  }
  response_.body.append(bytes.data(), n);
  return n;
}

bool HttpResponseParser::fail(const char* why) {
  state_ = State::kMalformed;
  error_ = why;
  return false;
}

}  // namespace nakama::internal
