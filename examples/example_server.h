#pragma once

// Where the example programs find their Nakama. Command line: --host, --port, --server-key, --ssl.
// Each flag defaults to an environment variable (NAKAMA_HOST, NAKAMA_PORT, NAKAMA_SERVER_KEY, NAKAMA_SSL=1),
// then to a local server: 127.0.0.1:7350, key "defaultkey", no TLS.

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <nakama/client_options.h>

namespace examples {

inline std::string envOr(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

/// The server options, from the command line (the program exits with a usage line on bad flags).
/// Arguments other than the four flags are left in `rest`, for programs that take more.
inline nakama::ClientOptions serverOptions(int argc, char** argv, std::vector<std::string>* rest = nullptr) {
  nakama::ClientOptions options;
  options.host = envOr("NAKAMA_HOST", "127.0.0.1");
  std::string port = envOr("NAKAMA_PORT", "7350");
  options.serverKey = envOr("NAKAMA_SERVER_KEY", "defaultkey");
  options.ssl = envOr("NAKAMA_SSL", "0") == "1";
  const std::string program = argc > 0 ? argv[0] : "example";
  auto usage = [&](const std::string& problem) {
    std::cerr << program << ": " << problem << "\nusage: " << program
              << " [--host HOST] [--port PORT] [--server-key KEY] [--ssl]\n";
    std::exit(2);
  };
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--host") {
      options.host = value();
    } else if (arg == "--port") {
      port = value();
    } else if (arg == "--server-key") {
      options.serverKey = value();
    } else if (arg == "--ssl") {
      options.ssl = true;
    } else if (arg == "--help" || arg == "-h") {
      usage("runs against a Nakama server");
    } else if (rest) {
      rest->push_back(arg);
    } else {
      usage("unknown argument " + arg);
    }
  }
  char* end = nullptr;
  const long number = std::strtol(port.c_str(), &end, 10);
  if (port.empty() || *end != '\0' || number < 1 || number > 65535) usage("bad port " + port);
  options.port = static_cast<std::uint16_t>(number);
  return options;
}

}  // namespace examples
