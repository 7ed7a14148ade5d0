// The SDK's JSON reader against nlohmann::json::parse on arbitrary bytes: both accept or both refuse, and an
// accepted text gives the same document (number types are compared by the unit test JsonParse.*). Nesting deeper
// than the reader's limit is the one allowed difference.

#include <cstdlib>

#include "../unit/json_test_util.h"
#include "fuzz_common.h"

namespace {
bool deeperThanTheReaderAllows(const std::string& text) {
  int depth = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (c == '\\') ++i;
      if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > 128) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = nakama::fuzz::text(data, size);
  const auto expected = nakama::internal::Json::parse(text, nullptr, false);
  const auto actual = nakama::internal::tryParseJson(text);
  if (expected.is_discarded() != !actual.has_value()) {
    if (!actual && deeperThanTheReaderAllows(text)) return 0;
    std::abort();  // one accepts what the other refuses
  }
  if (actual) {
    const auto converted = nakama::internal::toNlohmann(actual->root());
    if (converted != expected || converted.dump() != expected.dump()) std::abort();
  }
  return 0;
}
