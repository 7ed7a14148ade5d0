#pragma once

// Where the example programs find their Nakama: NAKAMA_HOST and NAKAMA_PORT (default 127.0.0.1:7350),
// the server key NAKAMA_SERVER_KEY (default "defaultkey"), TLS when NAKAMA_SSL=1.

#include <cstdint>
#include <cstdlib>
#include <string>

#include <nakama/client_options.h>

namespace examples {

inline std::string envOr(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

inline nakama::ClientOptions serverOptions() {
  nakama::ClientOptions options;
  options.host = envOr("NAKAMA_HOST", "127.0.0.1");
  options.port = static_cast<std::uint16_t>(std::stoi(envOr("NAKAMA_PORT", "7350")));
  options.serverKey = envOr("NAKAMA_SERVER_KEY", "defaultkey");
  options.ssl = envOr("NAKAMA_SSL", "0") == "1";
  return options;
}

}  // namespace examples
