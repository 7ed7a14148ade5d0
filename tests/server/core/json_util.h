// JSON helpers shared by the core and the areas: reading request fields the way protojson does
// (snake_case or lowerCamelCase names, int64 as string or number, strict types) and writing output the
// way the real server does (protojson for the gateway and the socket, Go encoding/json for /v2/rpc,
// PostgreSQL JSONB text for stored JSON).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace nakama::testserver {

// Insertion-ordered so responses keep proto field order, like the real server.
using Json = nlohmann::ordered_json;

// A request field has the wrong JSON type. REST turns it into 400 code 3 with protojson's message
// ("proto: (line L:C): invalid value for string type: 3"); the socket closes the connection, as a real
// server does for a payload it cannot unmarshal.
class JsonTypeError : public std::runtime_error {
 public:
  JsonTypeError(std::string field, std::string expectedType, std::string valueText);
  const std::string field;         // JSON key as written in the request
  const std::string expectedType;  // protobuf kind: "string", "bool", "int64", "int32", "double", ...
  const std::string valueText;     // the offending value, compact JSON
};

// "user_id" -> "userId".
std::string lowerCamel(std::string_view snake);

// Member `snakeName` of `obj`, or its lowerCamel spelling. nullptr when absent, when `obj` is not an
// object, or when the value is JSON null (protojson treats null as "not set").
const Json* field(const Json& obj, std::string_view snakeName);

// Typed optional readers. Absent/null -> nullopt; present with a wrong type -> JsonTypeError.
// A wrapper field (google.protobuf.*Value) is read the same way: protojson takes the plain value only.
std::optional<std::string> optString(const Json& obj, std::string_view name);
std::optional<bool> optBool(const Json& obj, std::string_view name);
std::optional<std::int64_t> optInt64(const Json& obj, std::string_view name);  // "42" or 42
std::optional<std::int32_t> optInt32(const Json& obj, std::string_view name);  // 42 or "42"
std::optional<std::uint32_t> optUInt32(const Json& obj, std::string_view name);
std::optional<double> optDouble(const Json& obj, std::string_view name);
// Convenience: value or default.
std::string getString(const Json& obj, std::string_view name, std::string def = "");
bool getBool(const Json& obj, std::string_view name, bool def = false);
std::int64_t getInt64(const Json& obj, std::string_view name, std::int64_t def = 0);
// map<string,string> (vars, properties, string_properties). Absent -> empty map.
std::map<std::string, std::string> getStringMap(const Json& obj, std::string_view name);
// repeated string. Absent -> empty.
std::vector<std::string> getStringList(const Json& obj, std::string_view name);
// Object member (message field). Absent/null -> nullptr; not an object -> JsonTypeError.
const Json* getObject(const Json& obj, std::string_view name);

// ---- output -------------------------------------------------------------------------------------
// protojson-style text as the gateway/socket write it: `{"a":1, "b":"x"}` (", " between members),
// UTF-8 kept raw.
std::string protoJson(const Json& value);
// Go encoding/json text (used by /v2/rpc): compact, `<`, `>`, `&` escaped as \u003c, \u003e, \u0026.
std::string goJson(const Json& value);
// PostgreSQL JSONB text form: keys sorted by (length, bytes), `": "` and `", "` separators. This is how
// stored JSON (storage values, notification content, metadata) comes back from a real server.
std::string jsonbText(const Json& value);
// Parses `text` and re-renders it as JSONB text; returns `text` unchanged if it is not valid JSON.
std::string jsonbTextOf(const std::string& text);

// int64 fields are JSON strings in output.
inline std::string int64String(std::int64_t v) { return std::to_string(v); }

// Sets obj[key] only when the value is not the proto default (empty string / 0 / false / empty list),
// mirroring EmitUnpopulated=false. Use plain assignment for wrapper fields that must always appear.
void setIfNotEmpty(Json& obj, const char* key, const std::string& v);
void setIfNotZero(Json& obj, const char* key, std::int64_t v);       // emitted as number
void setInt64IfNotZero(Json& obj, const char* key, std::int64_t v);  // emitted as string
void setIfTrue(Json& obj, const char* key, bool v);
void setIfNotEmpty(Json& obj, const char* key, const Json& arrayOrObject);

// Go strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE false False.
std::optional<bool> parseGoBool(const std::string& s);

// Line and column (1-based, as protojson reports them) of the value of the first member named
// `key` whose value renders as `valueText`; {1,1} if not found. Used to build protojson errors.
std::pair<int, int> locateValue(const std::string& raw, const std::string& key, const std::string& valueText);

}  // namespace nakama::testserver
