// JsonDocument and JsonValue, the read-only view decoders read answers through: what each accessor gives for each
// kind of value, and that the views survive the document being moved before they are taken.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/json.h"

namespace nakama::internal {
namespace {

TEST(JsonValue, DefaultIsNullAndHasNoChildren) {
  const JsonValue value;
  EXPECT_TRUE(value.isNull());
  EXPECT_FALSE(value.isObject());
  EXPECT_EQ(value.size(), 0u);
  EXPECT_FALSE(value.find("a").has_value());
  EXPECT_FALSE(value.elements().begin() != value.elements().end());
  EXPECT_FALSE(value.members().begin() != value.members().end());
}

TEST(JsonValue, ScalarsReadAsTheirTypes) {
  const std::string text = R"([null,true,false,-3,18446744073709551615,2.5,"x\ty",""])";
  const auto document = parseJson(text);
  std::vector<JsonValue> items;
  for (const JsonValue item : document.root().elements()) items.push_back(item);
  ASSERT_EQ(items.size(), 8u);
  EXPECT_EQ(document.root().size(), 8u);
  EXPECT_TRUE(items[0].isNull());
  EXPECT_TRUE(items[1].isBool() && items[1].asBool());
  EXPECT_TRUE(items[2].isBool() && !items[2].asBool());
  EXPECT_EQ(items[3].type(), JsonValue::Type::kInteger);
  EXPECT_EQ(items[3].asInteger(), -3);
  EXPECT_DOUBLE_EQ(items[3].asDouble(), -3.0);
  EXPECT_EQ(items[4].type(), JsonValue::Type::kUnsigned);
  EXPECT_EQ(items[4].asUnsigned(), 18446744073709551615u);
  EXPECT_EQ(items[5].type(), JsonValue::Type::kFloat);
  EXPECT_TRUE(items[5].isNumber());
  EXPECT_DOUBLE_EQ(items[5].asDouble(), 2.5);
  EXPECT_EQ(items[6].asString(), "x\ty");  // escapes decoded
  EXPECT_TRUE(items[7].isString());
  EXPECT_EQ(items[7].asString(), "");
  for (const auto& item : items) {
    EXPECT_EQ(item.size(), 0u);  // scalars have no children
    EXPECT_FALSE(item.elements().begin() != item.elements().end());
  }
}

TEST(JsonValue, MembersInTextOrderWithDecodedKeys) {
  const std::string text = R"({"b":{"c":[1,{"d":2}]},"a\u0062":"\u00e9","":0,"b":3})";
  const auto document = parseJson(text);
  const JsonValue root = document.root();
  EXPECT_EQ(root.size(), 4u);  // a repeated key counted each time
  std::vector<std::string> keys;
  for (const auto& member : root.members()) keys.emplace_back(member.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"b", "ab", "", "b"}));
  EXPECT_FALSE(root.elements().begin() != root.elements().end());  // an object has no elements
  ASSERT_TRUE(root.find("ab").has_value());
  EXPECT_EQ(root.find("ab")->asString(), "\xC3\xA9");
  ASSERT_TRUE(root.find("").has_value());
  EXPECT_EQ(root.find("")->asUnsigned(), 0u);
  ASSERT_TRUE(root.find("b").has_value());
  EXPECT_EQ(root.find("b")->asUnsigned(), 3u);  // the last of the repeated key
  // The first "b" is still reachable by iterating; its subtree is skipped correctly by the next member.
  const JsonValue nested = (*root.members().begin()).value;
  ASSERT_TRUE(nested.isObject());
  const auto array = nested.find("c");
  ASSERT_TRUE(array && array->isArray());
  EXPECT_EQ(array->size(), 2u);
  std::vector<JsonValue> items;
  for (const JsonValue item : array->elements()) items.push_back(item);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].find("d")->asUnsigned(), 2u);
  EXPECT_FALSE(root.find("a").has_value());
  EXPECT_FALSE(root.find("abc").has_value());
}

TEST(JsonValue, KeysThatShareLengthAndEndsAreToldApart) {
  // Same length, first and last byte: equal signatures, so the bytes decide.
  const std::string text = R"({"axxb":1,"ayyb":2,"azzb":3})";
  const auto document = parseJson(text);
  EXPECT_EQ(document.root().find("axxb")->asUnsigned(), 1u);
  EXPECT_EQ(document.root().find("ayyb")->asUnsigned(), 2u);
  EXPECT_EQ(document.root().find("azzb")->asUnsigned(), 3u);
  EXPECT_FALSE(document.root().find("awwb").has_value());
}

TEST(JsonValue, KeysOfEveryLengthDifferingAtEveryInnerByte) {
  // Keys are compared by length-dependent word loads: each length up to past the longest such compare, each inner
  // byte changed in turn (the signature covers the first and the last).
  for (std::size_t length = 3; length <= 20; ++length) {
    const std::string key = "k" + std::string(length - 2, 'm') + "z";
    for (std::size_t at = 1; at + 1 < length; ++at) {
      std::string other = key;
      other[at] = 'n';
      const std::string text = "{\"" + other + "\":1,\"" + key + "\":2}";
      const auto document = parseJson(text);
      EXPECT_EQ(document.root().find(key)->asUnsigned(), 2u) << text;
      EXPECT_EQ(document.root().find(other)->asUnsigned(), 1u) << text;
      std::string absent = key;
      absent[at] = 'o';
      EXPECT_FALSE(document.root().find(absent).has_value()) << text;
    }
  }
}

TEST(JsonValue, ARepeatedKeyGivesItsLastValueWhereverItIs) {
  // A lookup stops at the first match unless the object repeats a key; spelled with an escape it is the same key.
  const std::string text = R"({"id":1,"axxb":2,"name":3,"ayyb":4,"\u0069d":5,"z":6})";
  const auto document = parseJson(text);
  EXPECT_EQ(document.root().find("id")->asUnsigned(), 5u);
  EXPECT_EQ(document.root().find("axxb")->asUnsigned(), 2u);
  EXPECT_EQ(document.root().find("ayyb")->asUnsigned(), 4u);
  EXPECT_EQ(document.root().find("z")->asUnsigned(), 6u);
  // No key repeats here, though "axxb" and "ayyb" look alike to the quick tests.
  const auto distinct = parseJson(R"({"axxb":1,"ayyb":2,"azzb":3,"axxb2":4})");
  EXPECT_EQ(distinct.root().find("axxb")->asUnsigned(), 1u);
  EXPECT_EQ(distinct.root().find("azzb")->asUnsigned(), 3u);
}

TEST(JsonValue, ViewsTakenAfterTheDocumentMoved) {
  const std::string text = R"({"key":"va\"lue","n":[1,2,3]})";  // one string with an escape, one without
  auto parsed = tryParseJson(text);
  ASSERT_TRUE(parsed.has_value());
  JsonDocument moved = std::move(*parsed);
  EXPECT_EQ(moved.root().find("key")->asString(), "va\"lue");
  EXPECT_EQ(moved.root().find("n")->size(), 3u);
}

TEST(JsonValue, LargeObjectsAndArraysGrowTheDocument) {
  std::string text = "{";
  for (int i = 0; i < 5000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":[" + std::to_string(i) + "]";
  text += ",\"k0\":[5000]}";  // the first key again, last
  const auto document = parseJson(text);
  EXPECT_EQ(document.root().size(), 5001u);
  EXPECT_EQ((*document.root().find("k4999")->elements().begin()).asUnsigned(), 4999u);
  EXPECT_EQ((*document.root().find("k0")->elements().begin()).asUnsigned(), 5000u);
  EXPECT_EQ((*document.root().find("k1")->elements().begin()).asUnsigned(), 1u);
  EXPECT_FALSE(document.root().find("k5000").has_value());
}

}  // namespace
}  // namespace nakama::internal
