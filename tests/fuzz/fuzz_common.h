#pragma once

// Shared by the libFuzzer targets: the SDK's decoders may reject any input (DecodeError, or another
// std::exception the SDK turns into kBadResponse), but must never crash, hang, leak or hit undefined
// behaviour. AddressSanitizer and UBSan, linked into every target, report those.

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "core/json.h"

namespace nakama::fuzz {

inline std::string text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// Decodes `j` as T like a REST call or a realtime reply does; a rejection is a normal outcome.
template <class T>
void decode(const internal::JsonValue& j) {
  try {
    T value = internal::decodeAs<T>(j);
    (void)value;
  } catch (const std::exception&) {
  }
}

}  // namespace nakama::fuzz
