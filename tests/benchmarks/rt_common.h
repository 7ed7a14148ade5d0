#pragma once

// The realtime echo shared by the SDK and websocketpp series: 16-byte payloads carrying a sequence number.

#include <cstdio>
#include <cstdlib>
#include <string>

namespace nakama::bench {

inline constexpr int kRtWindow = 32;  // messages in flight

inline std::string echoPayload(int index) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "echo-%011d", index);
  return buffer;
}

inline int echoIndex(const std::string& payload) { return payload.size() == 16 ? std::atoi(payload.c_str() + 5) : -1; }

}  // namespace nakama::bench
