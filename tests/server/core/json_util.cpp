#include "core/json_util.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nakama::testserver {

JsonTypeError::JsonTypeError(std::string field, std::string expectedType, std::string valueText)
    : std::runtime_error("invalid value for " + expectedType + " type: " + valueText),
      field(std::move(field)),
      expectedType(std::move(expectedType)),
      valueText(std::move(valueText)) {}

std::string lowerCamel(std::string_view snake) {
  std::string out;
  bool upper = false;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

namespace {

// Member and the name it was found under.
std::pair<const Json*, std::string> member(const Json& obj, std::string_view name) {
  if (!obj.is_object()) return {nullptr, ""};
  auto it = obj.find(std::string(name));
  if (it != obj.end()) return {&*it, std::string(name)};
  std::string camel = lowerCamel(name);
  it = obj.find(camel);
  if (it != obj.end()) return {&*it, camel};
  return {nullptr, ""};
}

// Token text protojson quotes in its errors: `{`/`[` for containers, the literal otherwise.
std::string tokenText(const Json& v) {
  if (v.is_object()) return "{";
  if (v.is_array()) return "[";
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

template <typename T>
std::optional<T> readInteger(const Json& obj, std::string_view name, const char* typeName) {
  const auto found = member(obj, name);  // (not a structured binding: C++17 lambdas cannot capture those)
  const auto& v = found.first;
  const auto& key = found.second;
  if (!v || v->is_null()) return std::nullopt;
  auto fail = [&]() -> std::optional<T> { throw JsonTypeError(key, typeName, tokenText(*v)); };
  if (v->is_number_integer()) {
    if (v->is_number_unsigned()) {
      auto u = v->get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) return fail();
      return static_cast<T>(u);
    }
    auto i = v->get<std::int64_t>();
    if (i < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
        (i > 0 && static_cast<std::uint64_t>(i) > static_cast<std::uint64_t>(std::numeric_limits<T>::max())))
      return fail();
    return static_cast<T>(i);
  }
  if (v->is_number_float()) {
    double d = v->get<double>();
    if (std::floor(d) != d || d < static_cast<double>(std::numeric_limits<T>::min()) ||
        d > static_cast<double>(std::numeric_limits<T>::max()))
      return fail();
    return static_cast<T>(d);
  }
  if (v->is_string()) {
    const std::string& s = v->get_ref<const std::string&>();
    if (s.empty()) return fail();
    try {
      std::size_t used = 0;
      if (std::numeric_limits<T>::is_signed) {
        long long x = std::stoll(s, &used, 10);
        if (used != s.size() || x < static_cast<long long>(std::numeric_limits<T>::min()) ||
            x > static_cast<long long>(std::numeric_limits<T>::max()))
          return fail();
        return static_cast<T>(x);
      }
      if (s[0] == '-') return fail();
      unsigned long long x = std::stoull(s, &used, 10);
      if (used != s.size() || x > static_cast<unsigned long long>(std::numeric_limits<T>::max())) return fail();
      return static_cast<T>(x);
    } catch (const std::exception&) {
      return fail();
    }
  }
  return fail();
}

}  // namespace

const Json* field(const Json& obj, std::string_view snakeName) {
  auto [v, key] = member(obj, snakeName);
  if (!v || v->is_null()) return nullptr;
  return v;
}

std::optional<std::string> optString(const Json& obj, std::string_view name) {
  auto [v, key] = member(obj, name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) throw JsonTypeError(key, "string", tokenText(*v));
  return v->get<std::string>();
}

std::optional<bool> optBool(const Json& obj, std::string_view name) {
  auto [v, key] = member(obj, name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_boolean()) throw JsonTypeError(key, "bool", tokenText(*v));
  return v->get<bool>();
}

std::optional<std::int64_t> optInt64(const Json& obj, std::string_view name) {
  return readInteger<std::int64_t>(obj, name, "int64");
}
std::optional<std::int32_t> optInt32(const Json& obj, std::string_view name) {
  return readInteger<std::int32_t>(obj, name, "int32");
}
std::optional<std::uint32_t> optUInt32(const Json& obj, std::string_view name) {
  return readInteger<std::uint32_t>(obj, name, "uint32");
}

std::optional<double> optDouble(const Json& obj, std::string_view name) {
  auto [v, key] = member(obj, name);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_number()) return v->get<double>();
  if (v->is_string()) {
    const std::string& s = v->get_ref<const std::string&>();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    try {
      std::size_t used = 0;
      double d = std::stod(s, &used);
      if (used == s.size()) return d;
    } catch (const std::exception&) {
    }
  }
  throw JsonTypeError(key, "double", tokenText(*v));
}

std::string getString(const Json& obj, std::string_view name, std::string def) {
  auto v = optString(obj, name);
  return v ? *v : def;
}
bool getBool(const Json& obj, std::string_view name, bool def) {
  auto v = optBool(obj, name);
  return v ? *v : def;
}
std::int64_t getInt64(const Json& obj, std::string_view name, std::int64_t def) {
  auto v = optInt64(obj, name);
  return v ? *v : def;
}

std::map<std::string, std::string> getStringMap(const Json& obj, std::string_view name) {
  std::map<std::string, std::string> out;
  auto [v, key] = member(obj, name);
  if (!v || v->is_null()) return out;
  if (!v->is_object()) throw JsonTypeError(key, "object", tokenText(*v));
  for (auto it = v->begin(); it != v->end(); ++it) {
    if (!it->is_string()) throw JsonTypeError(it.key(), "string", tokenText(*it));
    out[it.key()] = it->get<std::string>();
  }
  return out;
}

std::vector<std::string> getStringList(const Json& obj, std::string_view name) {
  std::vector<std::string> out;
  auto [v, key] = member(obj, name);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) throw JsonTypeError(key, "array", tokenText(*v));
  for (const auto& e : *v) {
    if (!e.is_string()) throw JsonTypeError(key, "string", tokenText(e));
    out.push_back(e.get<std::string>());
  }
  return out;
}

const Json* getObject(const Json& obj, std::string_view name) {
  auto [v, key] = member(obj, name);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_object()) throw JsonTypeError(key, "object", tokenText(*v));
  return v;
}

// ---- output ----

namespace {

struct Style {
  bool spaced = false;      // ", " between members/elements
  bool colonSpace = false;  // ": " (JSONB)
  bool htmlEscape = false;  // Go encoding/json
  bool sortJsonb = false;   // JSONB key order
};

void appendHex4(std::string& out, unsigned v) {
  static const char* hex = "0123456789abcdef";
  out += "\\u";
  out += hex[(v >> 12) & 0xF];
  out += hex[(v >> 8) & 0xF];
  out += hex[(v >> 4) & 0xF];
  out += hex[v & 0xF];
}

void appendString(std::string& out, const std::string& s, const Style& style) {
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b':
        if (style.htmlEscape)
          appendHex4(out, c);
        else
          out += "\\b";
        break;
      case '\f':
        if (style.htmlEscape)
          appendHex4(out, c);
        else
          out += "\\f";
        break;
      case '<':
      case '>':
      case '&':
        if (style.htmlEscape)
          appendHex4(out, c);
        else
          out += static_cast<char>(c);
        break;
      default:
        if (c < 0x20) {
          appendHex4(out, c);
        } else if (style.htmlEscape && c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
          appendHex4(out, static_cast<unsigned char>(s[i + 2]) == 0xA8 ? 0x2028 : 0x2029);
          i += 2;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void appendValue(std::string& out, const Json& v, const Style& style) {
  const char* sep = style.spaced ? ", " : ",";
  const char* colon = style.colonSpace ? ": " : ":";
  if (v.is_object()) {
    out += '{';
    std::vector<std::pair<const std::string*, const Json*>> members;
    for (auto it = v.begin(); it != v.end(); ++it) members.emplace_back(&it.key(), &*it);
    if (style.sortJsonb) {
      std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
        if (a.first->size() != b.first->size()) return a.first->size() < b.first->size();
        return *a.first < *b.first;
      });
    }
    bool first = true;
    for (const auto& [k, val] : members) {
      if (!first) out += sep;
      first = false;
      appendString(out, *k, style);
      out += colon;
      appendValue(out, *val, style);
    }
    out += '}';
  } else if (v.is_array()) {
    out += '[';
    bool first = true;
    for (const auto& e : v) {
      if (!first) out += sep;
      first = false;
      appendValue(out, e, style);
    }
    out += ']';
  } else if (v.is_string()) {
    appendString(out, v.get_ref<const std::string&>(), style);
  } else {
    out += v.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

}  // namespace

std::string protoJson(const Json& value) {
  std::string out;
  Style s;
  s.spaced = true;
  appendValue(out, value, s);
  return out;
}

std::string goJson(const Json& value) {
  std::string out;
  Style s;
  s.htmlEscape = true;
  appendValue(out, value, s);
  return out;
}

std::string jsonbText(const Json& value) {
  std::string out;
  Style s;
  s.spaced = true;
  s.colonSpace = true;
  s.sortJsonb = true;
  appendValue(out, value, s);
  return out;
}

std::string jsonbTextOf(const std::string& text) {
  Json parsed = Json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return text;
  return jsonbText(parsed);
}

void setIfNotEmpty(Json& obj, const char* key, const std::string& v) {
  if (!v.empty()) obj[key] = v;
}
void setIfNotZero(Json& obj, const char* key, std::int64_t v) {
  if (v != 0) obj[key] = v;
}
void setInt64IfNotZero(Json& obj, const char* key, std::int64_t v) {
  if (v != 0) obj[key] = std::to_string(v);
}
void setIfTrue(Json& obj, const char* key, bool v) {
  if (v) obj[key] = true;
}
void setIfNotEmpty(Json& obj, const char* key, const Json& arrayOrObject) {
  if (!arrayOrObject.empty()) obj[key] = arrayOrObject;
}

std::optional<bool> parseGoBool(const std::string& s) {
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") return true;
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") return false;
  return std::nullopt;
}

// Minimal JSON scanner that tracks line/column (in code points, as protojson does).
std::pair<int, int> locateValue(const std::string& raw, const std::string& key, const std::string& valueText) {
  int line = 1;
  int col = 1;
  std::size_t i = 0;
  auto advance = [&](std::size_t n) {
    for (std::size_t k = 0; k < n && i < raw.size(); ++k, ++i) {
      unsigned char c = static_cast<unsigned char>(raw[i]);
      if (c == '\n') {
        ++line;
        col = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++col;
      }
    }
  };
  auto skipWs = [&] {
    while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r')) advance(1);
  };
  auto readString = [&]() -> std::string {  // at '"'; returns the decoded-ish text (escapes kept)
    std::string s;
    advance(1);
    while (i < raw.size() && raw[i] != '"') {
      if (raw[i] == '\\' && i + 1 < raw.size()) {
        s += raw[i];
        s += raw[i + 1];
        advance(2);
      } else {
        s += raw[i];
        advance(1);
      }
    }
    advance(1);
    return s;
  };
  while (i < raw.size()) {
    skipWs();
    if (i >= raw.size()) break;
    if (raw[i] == '"') {
      std::string s = readString();
      skipWs();
      if (i < raw.size() && raw[i] == ':') {
        advance(1);
        skipWs();
        if (s == key || s == lowerCamel(key)) {
          int l = line, c = col;
          std::size_t start = i;
          if (valueText == "{" || valueText == "[") {
            if (raw.compare(start, 1, valueText) == 0) return {l, c};
          } else if (raw.compare(start, valueText.size(), valueText) == 0) {
            return {l, c};
          }
        }
      }
      continue;
    }
    advance(1);
  }
  return {1, 1};
}

}  // namespace nakama::testserver
