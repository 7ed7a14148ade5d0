#pragma once

// The one JSON mapping of the SDK (Nakama's protojson rules, docs/PROTOCOL.md §3):
// * responses use snake_case keys; absent keys mean the default value;
// * int64/uint64 arrive as strings (numbers are accepted too) and are sent as strings;
// * timestamps are RFC 3339 strings; enums are numbers (unknown values are kept, not rejected);
// * "JSON in a string" fields (metadata, payloads, storage values) stay std::string.
// Each model has `from_json(const Json&, Model&)` (and `to_json` where it is sent) next to its facade;
// they are written with `read()`/`write*()` below so every model follows the same rules.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/codec.h"
#include "nakama/result.h"
#include "nakama/types.h"

namespace nakama::internal {

using Json = nlohmann::json;

/// Thrown by decoders on a malformed answer; becomes ErrorKind::kBadResponse.
class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void decodeValue(const Json& v, std::string& out);
void decodeValue(const Json& v, bool& out);
void decodeValue(const Json& v, std::int32_t& out);
void decodeValue(const Json& v, std::uint32_t& out);
void decodeValue(const Json& v, std::int64_t& out);
void decodeValue(const Json& v, std::uint64_t& out);
void decodeValue(const Json& v, double& out);
void decodeValue(const Json& v, Timestamp& out);

template <class T>
void decodeValue(const Json& v, std::optional<T>& out);
template <class T>
void decodeValue(const Json& v, std::vector<T>& out);
template <class T>
void decodeValue(const Json& v, std::map<std::string, T>& out);

/// Enums (tolerant: any integer is kept) and models (via their ADL `from_json`).
template <class T>
void decodeValue(const Json& v, T& out) {
  if constexpr (std::is_enum_v<T>) {
    std::int64_t raw = 0;
    decodeValue(v, raw);
    out = static_cast<T>(raw);
  } else {
    if (!v.is_object()) throw DecodeError("expected a JSON object");
    from_json(v, out);
  }
}

template <class T>
void decodeValue(const Json& v, std::optional<T>& out) {
  T value{};
  decodeValue(v, value);
  out = std::move(value);
}

template <class T>
void decodeValue(const Json& v, std::vector<T>& out) {
  if (!v.is_array()) throw DecodeError("expected a JSON array");
  out.clear();
  out.reserve(v.size());
  for (const auto& item : v) {
    T value{};
    decodeValue(item, value);
    out.push_back(std::move(value));
  }
}

template <class T>
void decodeValue(const Json& v, std::map<std::string, T>& out) {
  if (!v.is_object()) throw DecodeError("expected a JSON object");
  out.clear();
  for (auto it = v.begin(); it != v.end(); ++it) {
    T value{};
    decodeValue(it.value(), value);
    out.emplace(it.key(), std::move(value));
  }
}

/// A key looked up in a document's object without building a std::string. It orders like the object's own keys
/// (bytes as unsigned char, then length) but settles on the first byte inline, where most comparisons of a lookup
/// end: a model's decoder looks up every field it knows, a few comparisons each.
struct KeyView {
  std::string_view text;
};
inline bool keyLess(std::string_view a, std::string_view b) {
  if (!a.empty() && !b.empty() && a.front() != b.front())
    return static_cast<unsigned char>(a.front()) < static_cast<unsigned char>(b.front());
  return a < b;
}
inline bool operator<(const std::string& a, KeyView b) { return keyLess(a, b.text); }
inline bool operator<(KeyView a, const std::string& b) { return keyLess(a.text, b); }

/// The member `key` of `j`; nullptr when `j` is not an object or has no such member.
inline const Json* findMember(const Json& j, std::string_view key) {
  const auto* members = j.get_ptr<const Json::object_t*>();
  if (members == nullptr) return nullptr;
  const auto it = members->find(KeyView{key});
  return it == members->end() ? nullptr : &it->second;
}

/// Reads `j[key]` into `out` when the key is present and not null; otherwise leaves `out` untouched.
template <class T>
void read(const Json& j, std::string_view key, T& out) {
  const Json* value = findMember(j, key);
  if (value == nullptr || value->is_null()) return;
  try {
    decodeValue(*value, out);
  } catch (const DecodeError& e) {
    throw DecodeError("field '" + std::string(key) + "': " + e.what());
  }
}

/// Decodes a whole document (a response body) into T.
template <class T>
T decodeAs(const Json& j) {
  T value{};
  decodeValue(j, value);
  return value;
}

/// Parses text as JSON (src/core/json_parse.cpp: what nlohmann::json::parse accepts, faster, nesting up to 128
/// levels); nullopt when it is not JSON.
std::optional<Json> tryParseJson(std::string_view text);
/// The same, throwing DecodeError when the text is not JSON.
Json parseJson(std::string_view text);

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
