#pragma once

// What the SDK receives (REST bodies, realtime envelopes, session tokens) is parsed into a JsonDocument: one array
// of nodes over the text, strings left where they are in the text unless they hold escapes. Decoding an answer
// this way costs one or two allocations instead of one per member and string (nlohmann::json's document), and
// freeing it costs nothing more. Request bodies are still built with nlohmann::json (core/json.h).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nakama::internal {

class JsonDocument;
struct JsonMember;
std::optional<JsonDocument> tryParseJson(std::string_view text);

/// A value inside a JsonDocument: valid while the document (and the text it was parsed from) is, and not moved.
/// A default-constructed value is JSON null.
class JsonValue {
 public:
  enum class Type : std::uint8_t { kNull, kBool, kInteger, kUnsigned, kFloat, kString, kArray, kObject };

  JsonValue() = default;

  Type type() const;
  bool isNull() const { return type() == Type::kNull; }
  bool isBool() const { return type() == Type::kBool; }
  bool isString() const { return type() == Type::kString; }
  bool isArray() const { return type() == Type::kArray; }
  bool isObject() const { return type() == Type::kObject; }
  /// A number: type() kInteger (negative) or kUnsigned (non-negative) when it has no fraction or exponent and fits
  /// 64 bits (nlohmann::json's own split), kFloat otherwise.
  bool isNumber() const;

  // Each of these requires the matching type.
  bool asBool() const;
  std::int64_t asInteger() const;
  std::uint64_t asUnsigned() const;
  double asDouble() const;  // any number
  std::string_view asString() const;

  /// Elements of an array or members of an object (a repeated key counted each time); 0 otherwise.
  std::size_t size() const;

  /// The value of member `key` (the last one when the key is repeated, as nlohmann::json keeps); nullopt when
  /// this is not an object or has no such member.
  std::optional<JsonValue> find(std::string_view key) const;

  using Member = JsonMember;

  /// Iterates an array's elements (JsonValue) or an object's members (Member), in the text's order.
  template <class Item>
  class Children {
   public:
    class Iterator {
     public:
      Item operator*() const;
      Iterator& operator++();
      bool operator!=(const Iterator& other) const { return index_ != other.index_; }

     private:
      friend class Children;
      Iterator(const JsonDocument* document, std::uint32_t index) : document_(document), index_(index) {}
      const JsonDocument* document_;
      std::uint32_t index_;
    };
    Iterator begin() const { return {document_, first_}; }
    Iterator end() const { return {document_, last_}; }

   private:
    friend class JsonValue;
    Children(const JsonDocument* document, std::uint32_t first, std::uint32_t last)
        : document_(document), first_(first), last_(last) {}
    const JsonDocument* document_;
    std::uint32_t first_, last_;
  };

  /// An array's elements; empty for anything else.
  Children<JsonValue> elements() const;
  /// An object's members; empty for anything else.
  Children<Member> members() const;

 private:
  friend class JsonDocument;
  JsonValue(const JsonDocument* document, std::uint32_t index) : document_(document), index_(index) {}
  // find() past its key-mask test: the members whose key has `signature`, compared.
  std::optional<JsonValue> findMember(std::string_view key, std::uint32_t signature) const;
  const JsonDocument* document_ = nullptr;
  std::uint32_t index_ = 0;
};

/// A member of an object.
struct JsonMember {
  std::string_view key;
  JsonValue value;
};

/// A parsed JSON text, made by tryParseJson() or parseJson() (core/json.h). It refers to the text it was parsed
/// from, which must outlive it; JsonValues refer to the document by address.
class JsonDocument {
 public:
  JsonDocument(JsonDocument&&) = default;
  JsonDocument& operator=(JsonDocument&&) = default;
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;

  JsonValue root() const { return JsonValue(this, 0); }

 private:
  friend class JsonValue;
  template <class>
  friend class JsonValue::Children;
  friend class JsonReader;
  friend std::optional<JsonDocument> tryParseJson(std::string_view text);
  JsonDocument() = default;

  // Pre-order: a container is followed by its children (an object's by key, value, key, value...).
  struct Node {
    JsonValue::Type type = JsonValue::Type::kNull;
    bool unescaped = false;       // a string whose text is in `unescaped_` (it held escapes), not in `text_`
    bool repeatedKey = false;     // an object in which some key appears more than once
    std::uint32_t length = 0;     // a string's bytes; a container's children (an object's members)
    std::uint32_t next = 0;       // the index just past this node and its children
    std::uint32_t signature = 0;  // a key's keySignature(): keys that differ in it need no byte comparison
    union {
      std::uint64_t offset = 0;  // a string's first byte in `text_` or `unescaped_`
      std::uint64_t keyMask;     // an object's keyBit()s of all its keys: a key without its bit is absent
      std::int64_t integer;
      std::uint64_t unsignedInteger;
      double floating;
      bool boolean;
    };
  };

  static std::uint32_t keySignature(std::string_view key) {
    if (key.empty()) return 0;
    return (static_cast<std::uint32_t>(key.size() & 0xFFFF) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(key.front())) << 8) |
           static_cast<unsigned char>(key.back());
  }

  /// One of 64 bits, picked by a multiplicative hash of the signature.
  static std::uint64_t keyBit(std::uint32_t signature) { return std::uint64_t{1} << ((signature * 0x9E3779B1u) >> 26); }

  std::string_view stringAt(std::uint32_t index) const {
    const Node& node = nodes_[index];
    const char* base = node.unescaped ? unescaped_.data() : text_.data();
    return std::string_view(base + node.offset, node.length);
  }

  std::string_view text_;
  std::string unescaped_;
  std::vector<Node> nodes_;
};

inline JsonValue::Type JsonValue::type() const { return document_ ? document_->nodes_[index_].type : Type::kNull; }

// Inline: a decoder looks up its fields by literal keys, whose signatures and bits the compiler works out, so that
// an absent key (most of a model's optional fields) costs a test of the object's key mask.
inline std::optional<JsonValue> JsonValue::find(std::string_view key) const {
  if (!isObject()) return std::nullopt;
  const std::uint32_t signature = JsonDocument::keySignature(key);
  if ((document_->nodes_[index_].keyMask & JsonDocument::keyBit(signature)) == 0) return std::nullopt;
  return findMember(key, signature);
}

template <>
inline JsonValue JsonValue::Children<JsonValue>::Iterator::operator*() const {
  return JsonValue(document_, index_);
}
template <>
inline JsonValue::Member JsonValue::Children<JsonValue::Member>::Iterator::operator*() const {
  return Member{document_->stringAt(index_), JsonValue(document_, index_ + 1)};
}
template <>
inline JsonValue::Children<JsonValue>::Iterator& JsonValue::Children<JsonValue>::Iterator::operator++() {
  index_ = document_->nodes_[index_].next;
  return *this;
}
template <>
inline JsonValue::Children<JsonValue::Member>::Iterator&
JsonValue::Children<JsonValue::Member>::Iterator::operator++() {
  index_ = document_->nodes_[index_ + 1].next;  // past the key and the value's subtree
  return *this;
}

}  // namespace nakama::internal
