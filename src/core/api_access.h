#pragma once

// Builds the SDK's public handles (the feature APIs, RtSocket) from their internal parts. Their
// constructors are private so that games get them only from Client; the SDK's own tests use this.

#include <utility>

namespace nakama::internal {

struct ApiAccess {
  template <class Handle, class Part>
  static Handle make(Part&& part) {
    return Handle(std::forward<Part>(part));
  }
};

}  // namespace nakama::internal
