#pragma once

// Serializes request bodies of the areas whose strings come straight from the game (RPC payloads,
// metadata, event properties): text that is not valid UTF-8 cannot be sent as JSON and becomes a
// kInvalidArgument error instead of an exception.

#include <string>

#include "core/json.h"
#include "nakama/result.h"

namespace nakama::internal {

inline Result<std::string> encodeBody(const Json& body) {
  try {
    return body.dump();
  } catch (const Json::exception& e) {
    return Error{ErrorKind::kInvalidArgument, std::string("the request cannot be encoded as JSON: ") + e.what()};
  }
}

}  // namespace nakama::internal
