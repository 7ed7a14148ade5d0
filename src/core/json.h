#pragma once

// The one JSON mapping of the SDK (Nakama's protojson rules, docs/PROTOCOL.md §3):
// * responses use snake_case keys; absent keys mean the default value;
// * int64/uint64 arrive as strings (numbers are accepted too) and are sent as strings;
// * timestamps are RFC 3339 strings; enums are numbers (unknown values are kept, not rejected);
// * "JSON in a string" fields (metadata, payloads, storage values) stay std::string.
// Each model has `from_json(const JsonValue&, Model&)` (and a body builder where it is sent) next to its facade;
// they are written with `read()`/`write*()` below so every model follows the same rules. What the SDK receives is
// read from a JsonDocument (core/json_value.h); what it sends is built as a nlohmann::json (`Json`).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/codec.h"
#include "core/json_value.h"
#include "nakama/result.h"
#include "nakama/types.h"

namespace nakama::internal {

using Json = nlohmann::json;

/// Thrown by decoders on a malformed answer; becomes ErrorKind::kBadResponse.
class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void decodeValue(const JsonValue& v, std::string& out);
void decodeValue(const JsonValue& v, bool& out);
void decodeValue(const JsonValue& v, std::int32_t& out);
void decodeValue(const JsonValue& v, std::uint32_t& out);
void decodeValue(const JsonValue& v, std::int64_t& out);
void decodeValue(const JsonValue& v, std::uint64_t& out);
void decodeValue(const JsonValue& v, double& out);
void decodeValue(const JsonValue& v, Timestamp& out);

template <class T>
void decodeValue(const JsonValue& v, std::optional<T>& out);
template <class T>
void decodeValue(const JsonValue& v, std::vector<T>& out);
template <class T>
void decodeValue(const JsonValue& v, std::map<std::string, T>& out);

/// Enums (tolerant: any integer is kept) and models (via their ADL `from_json`).
template <class T>
void decodeValue(const JsonValue& v, T& out) {
  if constexpr (std::is_enum_v<T>) {
    std::int64_t raw = 0;
    decodeValue(v, raw);
    out = static_cast<T>(raw);
  } else {
    if (!v.isObject()) throw DecodeError("expected a JSON object");
    from_json(v, out);
  }
}

template <class T>
void decodeValue(const JsonValue& v, std::optional<T>& out) {
  T value{};
  decodeValue(v, value);
  out = std::move(value);
}

template <class T>
void decodeValue(const JsonValue& v, std::vector<T>& out) {
  if (!v.isArray()) throw DecodeError("expected a JSON array");
  out.clear();
  out.reserve(v.size());
  for (const JsonValue item : v.elements()) {
    T value{};
    decodeValue(item, value);
    out.push_back(std::move(value));
  }
}

template <class T>
void decodeValue(const JsonValue& v, std::map<std::string, T>& out) {
  if (!v.isObject()) throw DecodeError("expected a JSON object");
  out.clear();
  for (const auto& member : v.members()) {
    T value{};
    decodeValue(member.value, value);
    out.insert_or_assign(std::string(member.key), std::move(value));  // a repeated key: the last one counts
  }
}

/// Decodes the value of member `key` into `out`; a DecodeError names the field.
template <class T>
void decodeField(const JsonValue& value, std::string_view key, T& out) {
  try {
    decodeValue(value, out);
  } catch (const DecodeError& e) {
    throw DecodeError("field '" + std::string(key) + "': " + e.what());
  }
}

/// Reads `j[key]` into `out` when the key is present and not null; otherwise leaves `out` untouched. Small enough to
/// be inlined: an absent field then costs a test of the object's key mask (JsonValue::find).
template <class T>
inline void read(const JsonValue& j, std::string_view key, T& out) {
  const auto value = j.find(key);
  if (value && !value->isNull()) decodeField(*value, key, out);
}

/// Decodes a whole document (a response body) into T.
template <class T>
T decodeAs(const JsonValue& j) {
  T value{};
  decodeValue(j, value);
  return value;
}
template <class T>
T decodeAs(const JsonDocument& document) {
  return decodeAs<T>(document.root());
}

/// Parses `text` as what nlohmann::json::parse accepts (strict RFC 8259, UTF-8 only, a leading byte-order mark
/// skipped, a NUL byte after the document read as its end), with nesting limited to 128 levels; nullopt when it is
/// not JSON. The text must outlive the document.
std::optional<JsonDocument> tryParseJson(std::string_view text);
/// The same, throwing DecodeError when the text is not JSON.
JsonDocument parseJson(std::string_view text);

/// A string member of an object, or "" when it is absent or not a string (for lenient reads of optional fields).
std::string stringMember(const JsonValue& j, std::string_view key);

// Writing request bodies.
inline std::string int64String(std::int64_t v) { return std::to_string(v); }

template <class T>
void writeOptional(Json& j, const char* key, const std::optional<T>& value) {
  if (!value) return;
  if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::uint64_t>) {
    j[key] = std::to_string(*value);
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    j[key] = formatTimestamp(*value);
  } else if constexpr (std::is_enum_v<T>) {
    j[key] = static_cast<std::int64_t>(*value);
  } else {
    j[key] = *value;
  }
}

/// Writes a string only when it is not empty (proto3 omits empty strings anyway).
inline void writeNonEmpty(Json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

/// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool isValidUtf8(std::string_view text);
/// The length of the well-formed UTF-8 sequence that `text` starts with (1 for ASCII); 0 when there is none.
std::size_t utf8SequenceLength(std::string_view text);

/// The path (`objects[0].collection`, `vars.<key>`) of the first string or key in `j` that is not valid
/// UTF-8; nullopt when there is none.
std::optional<std::string> findInvalidUtf8(const Json& j);

/// Serializes a request body or realtime message. Strings from the game (names, metadata, payloads) may not
/// be valid UTF-8, which JSON cannot carry: that is a kInvalidArgument error naming the field, never an
/// exception. `what` names the message in the error ("the request body", "the 'rpc' message").
Result<std::string> encodeBody(const Json& body, const std::string& what = "the request body");

}  // namespace nakama::internal
