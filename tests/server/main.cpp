// Standalone test server: nakama-test-server [--host H] [--port P] [--server-key K] [--http-key K]
//                                             [--token-expiry SECONDS] [--log]
//                                             [--ping-interval-ms MS] [--pong-timeout-ms MS]
//                                             [--matchmaker-interval-ms MS] [--match-label-interval-ms MS]
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "test_server.h"

namespace {
volatile std::sig_atomic_t g_stop = 0;
void onSignal(int) { g_stop = 1; }

[[noreturn]] void usage(int code) {
  std::cerr << "usage: nakama-test-server [--host HOST] [--port PORT] [--server-key KEY] [--http-key KEY]\n"
               "                          [--token-expiry SECONDS] [--log]\n"
               "                          [--ping-interval-ms MS] [--pong-timeout-ms MS]\n"
               "                          [--matchmaker-interval-ms MS] [--match-label-interval-ms MS]\n";
  std::exit(code);
}
}  // namespace

int main(int argc, char** argv) {
  nakama::testserver::ServerConfig config;
  config.port = 7350;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(2);
      return argv[++i];
    };
    try {
      if (arg == "--host")
        config.host = value();
      else if (arg == "--port")
        config.port = static_cast<std::uint16_t>(std::stoul(value()));
      else if (arg == "--server-key")
        config.serverKey = value();
      else if (arg == "--http-key")
        config.httpKey = value();
      else if (arg == "--token-expiry")
        config.tokenExpiry = std::chrono::seconds(std::stol(value()));
      else if (arg == "--log")
        config.log = true;
      else if (arg == "--ping-interval-ms")
        config.pingInterval = std::chrono::milliseconds(std::stol(value()));
      else if (arg == "--pong-timeout-ms")
        config.pongTimeout = std::chrono::milliseconds(std::stol(value()));
      else if (arg == "--matchmaker-interval-ms")
        config.matchmakerInterval = std::chrono::milliseconds(std::stol(value()));
      else if (arg == "--match-label-interval-ms")
        config.matchLabelUpdateInterval = std::chrono::milliseconds(std::stol(value()));
      else if (arg == "--help" || arg == "-h")
        usage(0);
      else
        usage(2);
    } catch (const std::exception&) {
      usage(2);
    }
  }

  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  nakama::testserver::TestServer server(config);
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  std::cout << "nakama-test-server listening on " << config.host << ":" << server.port() << std::endl;
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server.stop();
  return 0;
}
