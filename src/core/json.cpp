#include "core/json.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace nakama::internal {

namespace {

template <class Int>
Int parseIntegerString(const std::string& text) {
  if (text.empty()) throw DecodeError("empty integer string");
  errno = 0;
  char* end = nullptr;
  if constexpr (std::is_signed_v<Int>) {
    const long long value = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || *end != '\0') throw DecodeError("invalid integer '" + text + "'");
    if (value < std::numeric_limits<Int>::min() || value > std::numeric_limits<Int>::max())
      throw DecodeError("integer out of range '" + text + "'");
    return static_cast<Int>(value);
  } else {
    if (text[0] == '-') throw DecodeError("negative value for an unsigned integer '" + text + "'");
    const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (errno != 0 || *end != '\0') throw DecodeError("invalid integer '" + text + "'");
    if (value > std::numeric_limits<Int>::max()) throw DecodeError("integer out of range '" + text + "'");
    return static_cast<Int>(value);
  }
}

template <class Int>
Int decodeInteger(const Json& v) {
  if (v.is_string()) return parseIntegerString<Int>(v.get<std::string>());
  if (v.is_number_integer()) {
    if constexpr (std::is_signed_v<Int>) {
      if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) throw DecodeError("integer out of range");
        return static_cast<Int>(u);
      }
      const auto s = v.get<std::int64_t>();
      if (s < std::numeric_limits<Int>::min() || s > std::numeric_limits<Int>::max())
        throw DecodeError("integer out of range");
      return static_cast<Int>(s);
    } else {
      if (!v.is_number_unsigned()) throw DecodeError("negative value for an unsigned integer");
      const auto u = v.get<std::uint64_t>();
      if (u > std::numeric_limits<Int>::max()) throw DecodeError("integer out of range");
      return static_cast<Int>(u);
    }
  }
  if (v.is_number_float()) {
    // Range first: converting a double that does not fit (or NaN, or infinity) to an integer is undefined.
    // Int's range is [-2^digits, 2^digits) for signed types and [0, 2^digits) for unsigned ones; powers of
    // two are exact in a double, unlike Int's maximum.
    const double d = v.get<double>();
    const double limit = std::ldexp(1.0, std::numeric_limits<Int>::digits);
    const double lowest = std::is_signed_v<Int> ? -limit : 0.0;
    if (!std::isfinite(d) || d < lowest || d >= limit || std::trunc(d) != d) throw DecodeError("expected an integer");
    return static_cast<Int>(d);
  }
  throw DecodeError("expected an integer");
}

}  // namespace

void decodeValue(const Json& v, std::string& out) {
  if (!v.is_string()) throw DecodeError("expected a string");
  out = v.get<std::string>();
}

void decodeValue(const Json& v, bool& out) {
  if (!v.is_boolean()) throw DecodeError("expected a boolean");
  out = v.get<bool>();
}

void decodeValue(const Json& v, std::int32_t& out) { out = decodeInteger<std::int32_t>(v); }
void decodeValue(const Json& v, std::uint32_t& out) { out = decodeInteger<std::uint32_t>(v); }
void decodeValue(const Json& v, std::int64_t& out) { out = decodeInteger<std::int64_t>(v); }
void decodeValue(const Json& v, std::uint64_t& out) { out = decodeInteger<std::uint64_t>(v); }

void decodeValue(const Json& v, double& out) {
  if (v.is_number()) {
    out = v.get<double>();
    return;
  }
  if (v.is_string()) {  // protojson writes NaN/Infinity as strings
    const auto& s = v.get_ref<const std::string&>();
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

void decodeValue(const Json& v, Timestamp& out) {
  if (!v.is_string()) throw DecodeError("expected an RFC 3339 timestamp string");
  auto parsed = parseTimestamp(v.get_ref<const std::string&>());
  if (!parsed) throw DecodeError("invalid timestamp '" + v.get<std::string>() + "'");
  out = *parsed;
}

Json parseJson(const std::string& text) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    throw DecodeError("not valid JSON: " + text.substr(0, 200));
  }
  return j;
}

Result<std::string> encodeBody(const Json& body) {
  try {
    return body.dump();
  } catch (const Json::exception& e) {
    return Error{ErrorKind::kInvalidArgument, std::string("the request cannot be encoded as JSON: ") + e.what()};
  }
}

}  // namespace nakama::internal
