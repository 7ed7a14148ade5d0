#pragma once

// Replays an SDK call against a recorded exchange: the request the SDK sends must be equivalent to the
// recorded one (field spelling and number formatting aside), and the recorded answer is decoded.

#include <cctype>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "transcript_replay.h"

namespace nakama::test {

/// "permissionRead" -> "permission_read" (the server accepts both spellings; the SDK sends snake_case).
inline std::string snakeCase(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

/// Object keys to snake_case; `false` booleans dropped (proto3: an unset bool and false are the same).
inline nlohmann::json canonicalBody(const nlohmann::json& j) {
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it->is_boolean() && !it->get<bool>()) continue;
      out[snakeCase(it.key())] = canonicalBody(it.value());
    }
    return out;
  }
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : j) out.push_back(canonicalBody(item));
    return out;
  }
  return j;
}

/// Like expectSameRequest, with both bodies canonicalized (camelCase keys in a recording, `"open":false`
/// sent by the SDK but omitted in the recording).
inline void expectEquivalentRequest(internal::HttpRequest sent, const Transcript& recorded) {
  Transcript t = recorded;
  if (!t.request.at("body").is_null()) t.request["body"] = canonicalBody(t.request.at("body"));
  if (sent.hasBody && !sent.body.empty()) {
    auto body = nlohmann::json::parse(sent.body, nullptr, false);
    if (!body.is_discarded()) sent.body = canonicalBody(body).dump();
  }
  expectSameRequest(sent, t);
}

/// Replays transcript `name`: `invoke(core)` must send exactly the recorded request; returns its result.
template <class Invoke>
auto replayCall(const std::string& name, Invoke invoke) {
  const Transcript& t = transcript(name);
  Replay r = replay(t);
  auto result = invoke(r.core).get();
  expectEquivalentRequest(r.onlyRequest(), t);
  return result;
}

}  // namespace nakama::test
