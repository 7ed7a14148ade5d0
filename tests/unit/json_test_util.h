#pragma once

// Tests' bridges between the SDK's read-only JsonDocument and nlohmann::json, which tests use to write and to
// compare documents.

#include <string>

#include "core/json.h"

namespace nakama::internal {

/// The nlohmann::json equal to `value`: integers as int64 when negative and uint64 otherwise, other numbers as
/// double, and a repeated key keeping its last value (what nlohmann::json::parse makes of the same text).
inline Json toNlohmann(const JsonValue& value) {
  switch (value.type()) {
    case JsonValue::Type::kNull: return nullptr;
    case JsonValue::Type::kBool: return value.asBool();
    case JsonValue::Type::kInteger: return value.asInteger();
    case JsonValue::Type::kUnsigned: return value.asUnsigned();
    case JsonValue::Type::kFloat: return value.asDouble();
    case JsonValue::Type::kString: return std::string(value.asString());
    case JsonValue::Type::kArray: {
      Json array = Json::array();
      for (const JsonValue item : value.elements()) array.push_back(toNlohmann(item));
      return array;
    }
    case JsonValue::Type::kObject: {
      Json object = Json::object();
      for (const auto& member : value.members()) object[std::string(member.key)] = toNlohmann(member.value);
      return object;
    }
  }
  return nullptr;
}

/// Decodes `value` the way an answer is decoded: written out as text, parsed into a JsonDocument, read into `out`.
template <class T>
void decodeFromJson(const Json& value, T& out) {
  const std::string text = value.dump();
  decodeValue(parseJson(text).root(), out);
}

}  // namespace nakama::internal
