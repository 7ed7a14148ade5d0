#include "core/json.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace nakama::internal {

namespace {

template <class Int>
Int parseIntegerString(std::string_view text) {
  if (text.empty()) throw DecodeError("empty integer string");
  // Like strtoll/strtoull, which this replaced: leading white space and a '+' are accepted.
  std::size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  if (start < text.size() && text[start] == '+') ++start;
  if (start < text.size() && text[start] == '-' && std::is_unsigned_v<Int>)
    throw DecodeError("negative value for an unsigned integer '" + std::string(text) + "'");
  using Wide = std::conditional_t<std::is_signed_v<Int>, long long, unsigned long long>;
  Wide value = 0;
  const char* first = text.data() + start;
  const char* last = text.data() + text.size();
  const auto [end, error] = std::from_chars(first, last, value, 10);
  if (error == std::errc::result_out_of_range) throw DecodeError("integer out of range '" + std::string(text) + "'");
  if (error != std::errc() || end != last || first == last)
    throw DecodeError("invalid integer '" + std::string(text) + "'");
  if (value < std::numeric_limits<Int>::min() || value > std::numeric_limits<Int>::max())
    throw DecodeError("integer out of range '" + std::string(text) + "'");
  return static_cast<Int>(value);
}

template <class Int>
Int decodeInteger(const JsonValue& v) {
  if (v.isString()) return parseIntegerString<Int>(v.asString());
  if (v.type() == JsonValue::Type::kUnsigned) {
    const auto u = v.asUnsigned();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) throw DecodeError("integer out of range");
    return static_cast<Int>(u);
  }
  if (v.type() == JsonValue::Type::kInteger) {
    const auto s = v.asInteger();
    if constexpr (std::is_unsigned_v<Int>) {
      throw DecodeError("negative value for an unsigned integer");
    } else {
      if (s < std::numeric_limits<Int>::min() || s > std::numeric_limits<Int>::max())
        throw DecodeError("integer out of range");
      return static_cast<Int>(s);
    }
  }
  if (v.type() == JsonValue::Type::kFloat) {
    // Range first: converting an out-of-range double to an integer is undefined behaviour. The bounds are
    // powers of two, exact in a double: [-2^digits, 2^digits) for signed types, [0, 2^digits) for unsigned.
    const double d = v.asDouble();
    const double upper = std::ldexp(1.0, std::numeric_limits<Int>::digits);
    const double lower = std::is_signed_v<Int> ? -upper : 0.0;
    if (!(d >= lower && d < upper) || d != std::trunc(d)) throw DecodeError("expected an integer");
    return static_cast<Int>(d);
  }
  throw DecodeError("expected an integer");
}

}  // namespace

void decodeValue(const JsonValue& v, std::string& out) {
  if (!v.isString()) throw DecodeError("expected a string");
  const std::string_view text = v.asString();
  out.clear();  // then append: assign's general case allows a source inside `out`, which a document never is
  out.append(text.data(), text.size());
}

void decodeValue(const JsonValue& v, bool& out) {
  if (!v.isBool()) throw DecodeError("expected a boolean");
  out = v.asBool();
}

void decodeValue(const JsonValue& v, std::int32_t& out) { out = decodeInteger<std::int32_t>(v); }
void decodeValue(const JsonValue& v, std::uint32_t& out) { out = decodeInteger<std::uint32_t>(v); }
void decodeValue(const JsonValue& v, std::int64_t& out) { out = decodeInteger<std::int64_t>(v); }
void decodeValue(const JsonValue& v, std::uint64_t& out) { out = decodeInteger<std::uint64_t>(v); }

void decodeValue(const JsonValue& v, double& out) {
  if (v.isNumber()) {
    out = v.asDouble();
    return;
  }
  if (v.isString()) {  // protojson writes NaN/Infinity as strings
    const auto s = v.asString();
    if (s == "NaN")
      out = std::numeric_limits<double>::quiet_NaN();
    else if (s == "Infinity")
      out = std::numeric_limits<double>::infinity();
    else if (s == "-Infinity")
      out = -std::numeric_limits<double>::infinity();
    else
      throw DecodeError("expected a number");
    return;
  }
  throw DecodeError("expected a number");
}

void decodeValue(const JsonValue& v, Timestamp& out) {
  if (!v.isString()) throw DecodeError("expected an RFC 3339 timestamp string");
  auto parsed = parseTimestamp(v.asString());
  if (!parsed) throw DecodeError("invalid timestamp '" + std::string(v.asString()) + "'");
  out = *parsed;
}

std::string stringMember(const JsonValue& j, std::string_view key) {
  const auto value = j.find(key);
  return value && value->isString() ? std::string(value->asString()) : std::string();
}

std::size_t utf8SequenceLength(std::string_view text) {
  if (text.empty()) return 0;
  const auto c = static_cast<unsigned char>(text[0]);
  if (c < 0x80) return 1;
  std::size_t length = 0;
  std::uint32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
    cp = c & 0x1Fu;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    cp = c & 0x0Fu;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    cp = c & 0x07u;
  } else {
    return 0;  // a continuation byte, an overlong lead (0xC0, 0xC1) or beyond U+10FFFF (0xF5..)
  }
  if (text.size() < length) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[k]);
    if ((next & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (next & 0x3Fu);
  }
  if ((length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return length;
}

bool isValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8SequenceLength(text.substr(i));
    if (length == 0) return false;
    i += length;
  }
  return true;
}

namespace {
std::optional<std::string> findInvalidUtf8At(const Json& j, const std::string& path) {
  if (j.is_string()) {
    if (!isValidUtf8(j.get_ref<const std::string&>())) return path;
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string child = path.empty() ? it.key() : path + "." + it.key();
      if (!isValidUtf8(it.key())) return (path.empty() ? std::string() : path + ".") + "<key>";
      if (auto found = findInvalidUtf8At(it.value(), child)) return found;
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      if (auto found = findInvalidUtf8At(j[i], path + "[" + std::to_string(i) + "]")) return found;
    }
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::string> findInvalidUtf8(const Json& j) { return findInvalidUtf8At(j, ""); }

Result<std::string> encodeBody(const Json& body, const std::string& what) {
  // Checked first so that the error names the field; dump() would only say where in the text it failed.
  if (auto field = findInvalidUtf8(body)) {
    return Error{ErrorKind::kInvalidArgument, what + ": field '" + (field->empty() ? std::string("value") : *field) +
                                                  "' is not valid UTF-8 (JSON text must be UTF-8)"};
  }
  try {
    return body.dump();
  } catch (const std::exception& e) {  // not expected after the check: still an error, never an exception
    return Error{ErrorKind::kInvalidArgument, what + " cannot be encoded as JSON: " + e.what()};
  }
}

}  // namespace nakama::internal
