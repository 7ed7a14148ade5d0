// Text -> JsonDocument for everything the SDK receives (REST bodies, realtime envelopes, session tokens), and the
// accessors of JsonValue.
//
// The reader accepts and rejects what nlohmann::json::parse does (strict RFC 8259: UTF-8 only, no control
// characters in strings, no lone surrogates, a leading byte-order mark skipped, a NUL byte after the document read
// as its end, integers as int64 when negative and uint64 otherwise), with one limit of its own: nesting deeper than
// kMaxDepth is refused, as the reader is recursive. Numbers with a fraction or an exponent, and integers out of
// range, are converted by nlohmann itself, so that every number reads as nlohmann would read it. Strings without
// escapes stay in the text; the others are decoded into the document's own buffer.

#include <charconv>
#include <cstdint>
#include <cstring>

#include <algorithm>
#include <limits>

#include "core/json.h"

// SSE2 is part of every x86-64 CPU; other targets use the eight-byte word tests alone.
#if defined(__SSE2__) || defined(_M_X64) || defined(_M_AMD64)
#define NAKAMA_JSON_SSE2 1
#include <emmintrin.h>
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#endif
#else
#define NAKAMA_JSON_SSE2 0
#endif

// The reader's rare paths are kept out of its common ones, so that those stay small.
#if defined(_MSC_VER)
#define NAKAMA_NOINLINE __declspec(noinline)
#elif defined(__GNUC__)
#define NAKAMA_NOINLINE __attribute__((noinline))
#else
#define NAKAMA_NOINLINE
#endif

namespace nakama::internal {

namespace {
// Nakama's documents nest a few levels (JSON held in strings is not parsed here); this bounds the stack.
constexpr int kMaxDepth = 128;
// How many of an object's keys whose bit was taken are compared with the keys before them: past that the object is
// taken to repeat a key (lookups then scan it whole), so reading a large object stays linear in its size.
constexpr std::uint32_t kRepeatChecks = 32;

// The bytes a string holds as they are: printable ASCII other than '"' and '\\'.
struct PlainBytes {
  bool table[256] = {};
  constexpr PlainBytes() {
    for (int c = 0x20; c < 0x80; ++c) table[c] = c != '"' && c != '\\';
  }
  constexpr bool operator[](unsigned char c) const { return table[c]; }
};
constexpr PlainBytes kPlain;

// The 8 bytes at `p` tested at once for what is not plain (kPlain): '"', '\\', below 0x20 or above 0x7F. Each such
// byte gets its high bit set in the result (0: all eight are plain); the flag of the first one in memory order is
// exact, those after it may be false (the word tests borrow across bytes).
std::uint64_t specialBytes(const char* p) {
  constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
  std::uint64_t w = 0;
  std::memcpy(&w, p, sizeof w);
  const auto anyZeroByte = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  return anyZeroByte(w ^ (kOnes * std::uint64_t{'"'})) | anyZeroByte(w ^ (kOnes * std::uint64_t{'\\'})) |
         ((w - kOnes * 0x20) & ~w & kHigh) | (w & kHigh);
}

#if NAKAMA_JSON_SSE2
// specialBytes() for the 16 bytes at `p`, one bit per byte (bit i: byte i), exact for each byte. A signed compare
// below 0x20 catches the control bytes and, as negative numbers, the bytes above 0x7F.
unsigned specialBytes16(const char* p) {
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'));
  const __m128i notPrintable = _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), notPrintable)));
}

// The index of the lowest set bit of a non-zero value.
unsigned lowestSetBit(unsigned value) {
#if defined(_MSC_VER) && !defined(__clang__)
  unsigned long index = 0;
  _BitScanForward(&index, value);
  return static_cast<unsigned>(index);
#else
  return static_cast<unsigned>(__builtin_ctz(value));
#endif
}
#endif

// Whether the first byte in memory is a word's least significant one (folded to a constant by the compiler).
bool littleEndian() {
  const std::uint16_t one = 1;
  unsigned char first = 0;
  std::memcpy(&first, &one, 1);
  return first == 1;
}

// The index (0-7) of the first flagged byte of a non-zero specialBytes() result, on a little-endian machine: the
// lowest flag, isolated and moved to its byte's lowest bit, times a constant whose top byte then holds the index.
unsigned firstFlaggedByte(std::uint64_t special) {
  const std::uint64_t lowest = special & (~special + 1);
  return static_cast<unsigned>(((lowest >> 7) * 0x0001020304050607u) >> 56);
}

// Whether two keys with the same signature (length, first and last byte) are equal. Keys are short: up to 16 bytes
// they are compared in two overlapping loads a side instead of a call to memcmp.
bool sameKey(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  const auto differ = [&](auto word, std::size_t at) {
    decltype(word) wx = 0, wy = 0;
    std::memcpy(&wx, x + at, sizeof word);
    std::memcpy(&wy, y + at, sizeof word);
    return wx ^ wy;
  };
  if (n >= 8 && n <= 16) return (differ(std::uint64_t{}, 0) | differ(std::uint64_t{}, n - 8)) == 0;
  if (n >= 4 && n < 8) return (differ(std::uint32_t{}, 0) | differ(std::uint32_t{}, n - 4)) == 0;
  if (n < 4) return n < 3 || x[1] == y[1];  // the signature compared the first and the last byte
  return std::memcmp(x, y, n) == 0;
}
}  // namespace

class JsonReader {
 public:
  using Node = JsonDocument::Node;
  using Type = JsonValue::Type;

  JsonReader(std::string_view text, JsonDocument& out)
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), out_(out) {
    out_.text_ = text;
    // About one node per 8 bytes in Nakama's answers: reserved up front, within a bound (large texts grow it).
    out_.nodes_.reserve(std::min<std::size_t>(text.size() / 8 + 4, 4096));
  }

  bool document() {
    // String lengths and node indexes are 32 bits.
    if (static_cast<std::size_t>(end_ - begin_) > std::numeric_limits<std::uint32_t>::max()) return false;
    if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;
    skipSpace();
    if (!value(0)) return false;
    skipSpace();
    return p_ == end_ || *p_ == '\0';  // like nlohmann, which reads a NUL byte as the end of the input
  }

  // The first of an object's keys from `from` (walked key to key) up to `end` that has `signature` and reads `key`;
  // `end` when there is none. Lookups (JsonValue::find) and the repeated-key check of the reader both use it.
  static std::uint32_t nextKeyMatch(const JsonDocument& document, std::uint32_t from, std::uint32_t end,
                                    std::uint32_t signature, std::string_view key) {
    const auto& nodes = document.nodes_;
    for (std::uint32_t k = from; k != end; k = nodes[k + 1].next) {
      if (nodes[k].signature == signature && sameKey(document.stringAt(k), key)) return k;
    }
    return end;
  }

 private:
  void skipSpace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool consume(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  // Appends a node and returns its index; `next` is set for scalars, and by the caller for containers.
  std::uint32_t add(Type type) {
    const auto index = static_cast<std::uint32_t>(out_.nodes_.size());
    out_.nodes_.emplace_back();
    Node& node = out_.nodes_.back();
    node.type = type;
    node.next = index + 1;
    return index;
  }

  bool value(int depth) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{': return object(depth + 1);
      case '[': return array(depth + 1);
      case '"': return string();
      case 't': return literal("true", Type::kBool, true);
      case 'f': return literal("false", Type::kBool, false);
      case 'n': return literal("null", Type::kNull, false);
      default: return number();
    }
  }

  bool literal(const char* word, Type type, bool value) {
    const std::size_t length = std::strlen(word);
    if (static_cast<std::size_t>(end_ - p_) < length || std::memcmp(p_, word, length) != 0) return false;
    p_ += length;
    out_.nodes_[add(type)].boolean = value;
    return true;
  }

  bool object(int depth) {
    if (depth > kMaxDepth) return false;
    ++p_;  // '{'
    const std::uint32_t index = add(Type::kObject);
    std::uint64_t keyMask = 0;
    bool repeatedKey = false;
    std::uint32_t checks = 0;
    const bool read = children(index, '}', [&] {
      const auto key = static_cast<std::uint32_t>(out_.nodes_.size());
      if (p_ == end_ || *p_ != '"' || !string()) return false;
      const std::uint32_t signature = JsonDocument::keySignature(out_.stringAt(key));
      out_.nodes_[key].signature = signature;
      const std::uint64_t bit = JsonDocument::keyBit(signature);
      // A key whose bit is taken may repeat an earlier one: only then are the earlier keys compared.
      if ((keyMask & bit) != 0 && !repeatedKey) repeatedKey = ++checks > kRepeatChecks || repeatsEarlierKey(index, key);
      keyMask |= bit;
      skipSpace();
      if (!consume(':')) return false;
      skipSpace();
      return value(depth);
    });
    out_.nodes_[index].keyMask = keyMask;
    out_.nodes_[index].repeatedKey = repeatedKey;
    return read;
  }

  // Whether the key at `key` equals one read before it in the object at `object`.
  bool repeatsEarlierKey(std::uint32_t object, std::uint32_t key) const {
    return nextKeyMatch(out_, object + 1, key, out_.nodes_[key].signature, out_.stringAt(key)) != key;
  }

  bool array(int depth) {
    if (depth > kMaxDepth) return false;
    ++p_;  // '['
    return children(add(Type::kArray), ']', [&] { return value(depth); });
  }

  // The comma-separated children of the container at `index` up to `closing` (its opening bracket read), each
  // read by `child`; then the container's count and extent.
  template <class Child>
  bool children(std::uint32_t index, char closing, Child&& child) {
    std::uint32_t count = 0;
    skipSpace();
    if (!consume(closing)) {
      for (;;) {
        if (!child()) return false;
        ++count;
        skipSpace();
        if (consume(closing)) break;
        if (!consume(',')) return false;
        skipSpace();
      }
    }
    Node& node = out_.nodes_[index];
    node.length = count;
    node.next = static_cast<std::uint32_t>(out_.nodes_.size());
    return true;
  }

  // From the opening quote. A string without escapes is left in the text; one with escapes is decoded into the
  // document's buffer, its plain runs copied at once.
  bool string() {
    ++p_;
    const char* start = p_;
    const std::uint32_t index = add(Type::kString);
    skipPlain();
    if (p_ != end_ && *p_ == '"') {  // nearly every string: plain ASCII up to its closing quote
      Node& node = out_.nodes_[index];
      node.offset = static_cast<std::uint64_t>(start - begin_);
      node.length = static_cast<std::uint32_t>(p_ - start);
      ++p_;
      return true;
    }
    return escapedString(index, start);
  }

  // string() past the plain run at its start (`start`), which stopped at an escape, a UTF-8 sequence or the end.
  // Out of line: the plain case above stays small.
  NAKAMA_NOINLINE bool escapedString(std::uint32_t index, const char* start) {
    std::string* decoded = nullptr;
    std::size_t decodedStart = 0;
    const char* run = start;
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        Node& node = out_.nodes_[index];
        if (decoded == nullptr) {
          node.offset = static_cast<std::uint64_t>(start - begin_);
          node.length = static_cast<std::uint32_t>(p_ - start);
        } else {
          decoded->append(run, static_cast<std::size_t>(p_ - run));
          node.unescaped = true;
          node.offset = decodedStart;
          node.length = static_cast<std::uint32_t>(decoded->size() - decodedStart);
        }
        ++p_;
        return true;
      }
      if (c == '\\') {
        if (decoded == nullptr) {
          decoded = &out_.unescaped_;
          decodedStart = decoded->size();
        }
        decoded->append(run, static_cast<std::size_t>(p_ - run));
        if (!escape(*decoded)) return false;
        run = p_;
      } else if (c < 0x20) {
        return false;  // control characters must be escaped
      } else {         // not plain ASCII: a UTF-8 sequence
        const std::size_t length = utf8SequenceLength(std::string_view(p_, static_cast<std::size_t>(end_ - p_)));
        if (length == 0) return false;
        p_ += length;
      }
      skipPlain();
    }
    return false;  // unterminated
  }

  // Advances past plain bytes: sixteen at a time with SSE2 (every x86-64 CPU), then eight at a time while the text
  // has eight left, then one test a byte.
  void skipPlain() {
#if NAKAMA_JSON_SSE2
    while (end_ - p_ >= 16) {
      const unsigned special = specialBytes16(p_);
      if (special != 0) {
        p_ += lowestSetBit(special);
        return;
      }
      p_ += 16;
    }
#endif
    while (end_ - p_ >= 8) {
      const std::uint64_t special = specialBytes(p_);
      if (special != 0) {
        if (littleEndian()) p_ += firstFlaggedByte(special);  // elsewhere the byte loop finds it
        break;
      }
      p_ += 8;
    }
    while (p_ != end_ && kPlain[static_cast<unsigned char>(*p_)]) ++p_;
  }

  bool escape(std::string& out) {
    ++p_;  // '\'
    if (p_ == end_) return false;
    switch (*p_++) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    std::uint32_t code = 0;
    if (!hex4(code)) return false;
    if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a low surrogate alone
    if (code >= 0xD800 && code <= 0xDBFF) {              // a high surrogate needs its low half next
      std::uint32_t low = 0;
      if (!consume('\\') || !consume('u') || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    appendUtf8(out, code);
    return true;
  }

  bool hex4(std::uint32_t& out) {
    if (end_ - p_ < 4) return false;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      std::uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
      out = out * 16 + digit;
    }
    return true;
  }

  static void appendUtf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  bool digits() {
    const char* start = p_;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    return p_ != start;
  }

  // RFC 8259's number grammar; integers that fit are read here, the rest by nlohmann.
  bool number() {
    const char* start = p_;
    const bool negative = consume('-');
    if (consume('0')) {
      // a leading zero stands alone
    } else if (p_ == end_ || *p_ < '1' || *p_ > '9' || !digits()) {
      return false;
    }
    bool integer = true;
    if (consume('.')) {
      integer = false;
      if (!digits()) return false;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      integer = false;
      ++p_;
      if (!consume('+')) consume('-');
      if (!digits()) return false;
    }
    if (integer) {
      if (negative) {
        std::int64_t v = 0;
        if (std::from_chars(start, p_, v).ec == std::errc()) {
          out_.nodes_[add(Type::kInteger)].integer = v;
          return true;
        }
      } else {
        std::uint64_t v = 0;
        if (std::from_chars(start, p_, v).ec == std::errc()) {
          out_.nodes_[add(Type::kUnsigned)].unsignedInteger = v;
          return true;
        }
      }
    }
    // A double, read as nlohmann reads it (locale-independent; one that overflows is refused).
    const Json converted = Json::parse(start, p_, nullptr, false);
    if (!converted.is_number()) return false;
    out_.nodes_[add(Type::kFloat)].floating = converted.get<double>();
    return true;
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  JsonDocument& out_;
};

std::optional<JsonValue> JsonValue::findMember(std::string_view key, std::uint32_t signature) const {
  const auto& nodes = document_->nodes_;
  const std::uint32_t end = nodes[index_].next;
  const auto matchFrom = [&](std::uint32_t from) {
    return JsonReader::nextKeyMatch(*document_, from, end, signature, key);
  };
  std::uint32_t found = matchFrom(index_ + 1);
  if (found == end) return std::nullopt;
  // In an object that repeats a key, the last one counts.
  if (nodes[index_].repeatedKey) {
    for (std::uint32_t later = matchFrom(nodes[found + 1].next); later != end; later = matchFrom(nodes[later + 1].next))
      found = later;
  }
  return JsonValue(document_, found + 1);
}

// ---- JsonValue ------------------------------------------------------------------------------------

bool JsonValue::isNumber() const {
  const Type t = type();
  return t == Type::kInteger || t == Type::kUnsigned || t == Type::kFloat;
}

bool JsonValue::asBool() const { return document_->nodes_[index_].boolean; }
std::int64_t JsonValue::asInteger() const { return document_->nodes_[index_].integer; }
std::uint64_t JsonValue::asUnsigned() const { return document_->nodes_[index_].unsignedInteger; }

double JsonValue::asDouble() const {
  const auto& node = document_->nodes_[index_];
  switch (node.type) {
    case Type::kInteger: return static_cast<double>(node.integer);
    case Type::kUnsigned: return static_cast<double>(node.unsignedInteger);
    default: return node.floating;
  }
}

std::string_view JsonValue::asString() const { return document_->stringAt(index_); }

std::size_t JsonValue::size() const { return isArray() || isObject() ? document_->nodes_[index_].length : 0; }

JsonValue::Children<JsonValue> JsonValue::elements() const {
  if (!isArray()) return {nullptr, 0, 0};
  return {document_, index_ + 1, document_->nodes_[index_].next};
}

JsonValue::Children<JsonValue::Member> JsonValue::members() const {
  if (!isObject()) return {nullptr, 0, 0};
  return {document_, index_ + 1, document_->nodes_[index_].next};
}

std::optional<JsonDocument> tryParseJson(std::string_view text) {
  JsonDocument document;
  if (!JsonReader(text, document).document()) return std::nullopt;
  return document;
}

JsonDocument parseJson(std::string_view text) {
  auto parsed = tryParseJson(text);
  if (!parsed) throw DecodeError("not valid JSON: " + std::string(text.substr(0, 200)));
  return std::move(*parsed);
}

}  // namespace nakama::internal
