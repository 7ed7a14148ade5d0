// Text -> Json for everything the SDK receives (REST bodies, realtime envelopes, session tokens).
//
// nlohmann::json's own parser spends about 70 instructions per byte in its lexer (it records every character for
// its diagnostics and appends string characters one call at a time); answers are parsed on the I/O thread, once
// per call or event, so this reader builds the same Json document directly. It accepts and rejects what
// nlohmann::json::parse does (strict RFC 8259: UTF-8 only, no control characters in strings, no lone surrogates,
// a leading byte-order mark skipped, a NUL byte after the document read as its end, the last of repeated keys kept,
// integers as int64 when negative and uint64 otherwise), with one limit of its own: nesting deeper than kMaxDepth is
// refused, as the reader is recursive. Numbers with a fraction or an exponent, and integers out of range, are converted
// by nlohmann itself.

#include <charconv>
#include <cstdint>
#include <cstring>

#include "core/json.h"

namespace nakama::internal {

namespace {

// Nakama's documents nest a few levels (JSON held in strings is not parsed here); this bounds the stack.
constexpr int kMaxDepth = 128;

class Reader {
 public:
  explicit Reader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  bool document(Json& out) {
    if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;
    skipSpace();
    if (!value(out, 0)) return false;
    skipSpace();
    return p_ == end_ || *p_ == '\0';  // like nlohmann, which reads a NUL byte as the end of the input
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

  bool value(Json& out, int depth) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{': return object(out, depth + 1);
      case '[': return array(out, depth + 1);
      case '"':
        out = Json::value_t::string;  // read into the document's own string
        return string(*out.get_ptr<Json::string_t*>());
      case 't': return literal("true", out, true);
      case 'f': return literal("false", out, false);
      case 'n': return literal("null", out, nullptr);
      default: return number(out);
    }
  }

  template <class T>
  bool literal(const char* word, Json& out, T v) {
    const std::size_t length = std::strlen(word);
    if (static_cast<std::size_t>(end_ - p_) < length || std::memcmp(p_, word, length) != 0) return false;
    p_ += length;
    out = v;
    return true;
  }

  bool object(Json& out, int depth) {
    if (depth > kMaxDepth) return false;
    ++p_;  // '{'
    out = Json::value_t::object;
    auto& members = *out.get_ptr<Json::object_t*>();
    skipSpace();
    if (consume('}')) return true;
    for (;;) {
      std::string key;
      if (p_ == end_ || *p_ != '"' || !string(key)) return false;
      skipSpace();
      if (!consume(':')) return false;
      skipSpace();
      // A repeated key keeps the last value, as nlohmann does.
      if (!value(members[std::move(key)], depth)) return false;
      skipSpace();
      if (consume('}')) return true;
      if (!consume(',')) return false;
      skipSpace();
    }
  }

  bool array(Json& out, int depth) {
    if (depth > kMaxDepth) return false;
    ++p_;  // '['
    out = Json::value_t::array;
    auto& items = *out.get_ptr<Json::array_t*>();
    skipSpace();
    if (consume(']')) return true;
    for (;;) {
      items.emplace_back();
      if (!value(items.back(), depth)) return false;
      skipSpace();
      if (consume(']')) return true;
      if (!consume(',')) return false;
      skipSpace();
    }
  }

  // From the opening quote; runs of plain characters are copied at once.
  bool string(std::string& out) {
    ++p_;
    const char* run = p_;
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out.append(run, static_cast<std::size_t>(p_ - run));
        ++p_;
        return true;
      }
      if (c == '\\') {
        out.append(run, static_cast<std::size_t>(p_ - run));
        if (!escape(out)) return false;
        run = p_;
      } else if (c < 0x20) {
        return false;  // control characters must be escaped
      } else if (c < 0x80) {
        ++p_;
      } else {
        const std::size_t length = utf8SequenceLength(std::string_view(p_, static_cast<std::size_t>(end_ - p_)));
        if (length == 0) return false;
        p_ += length;
      }
    }
    return false;  // unterminated
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
  bool number(Json& out) {
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
          out = v;
          return true;
        }
      } else {
        std::uint64_t v = 0;
        if (std::from_chars(start, p_, v).ec == std::errc()) {
          out = v;
          return true;
        }
      }
    }
    Json converted = Json::parse(start, p_, nullptr, false);  // a double (an overflowing one is refused)
    if (converted.is_discarded()) return false;
    out = std::move(converted);
    return true;
  }

  const char* p_;
  const char* end_;
};

}  // namespace

std::optional<Json> tryParseJson(std::string_view text) {
  Json out;
  if (!Reader(text).document(out)) return std::nullopt;
  return out;
}

Json parseJson(std::string_view text) {
  auto parsed = tryParseJson(text);
  if (!parsed) throw DecodeError("not valid JSON: " + std::string(text.substr(0, 200)));
  return std::move(*parsed);
}

}  // namespace nakama::internal
