#pragma once

// Unit tests build the SDK's public handles (feature APIs, RtSocket) straight from a fake core.

#include <utility>

#include "core/api_access.h"

namespace nakama {

template <class Handle, class Part>
Handle makeHandle(Part&& part) {
  return internal::ApiAccess::make<Handle>(std::forward<Part>(part));
}

}  // namespace nakama
