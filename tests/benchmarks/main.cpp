// nakama-bench: REST, realtime and many-users figures of the SDK, next to raw baselines (a minimal
// Beast HTTP client, wrk when installed, bare websocketpp) measured in the same run. Prints one "name value" line per
// figure on stdout (progress goes to stderr); --json FILE also writes them as one JSON object.
//
// The server: NAKAMA_TEST_HOST/PORT/SERVER_KEY/SSL when set; otherwise the project's test server, started
// as its own process (so that the CPU, memory and thread figures are the client's alone), or in-process
// where processes cannot be started.

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "bench.h"
#include "nakama/client.h"
#include "platform.h"
#include "test_server.h"

namespace {

using namespace nakama;
using namespace nakama::bench;
namespace asio = boost::asio;

[[noreturn]] void usage(int code) {
  std::cerr << "usage: nakama-bench [--quick] [--users N] [--rest-calls N] [--rt-messages N] [--rounds N]\n"
               "                    [--json FILE] [--server-binary PATH] [--in-process]\n"
               "  --quick     tiny counts, one round (a smoke test; the figures mean little)\n"
               "  --users N   N clients with a connected socket on one shared Runtime (default 1000; 5000 works)\n"
               "  --rounds N  REST and realtime series run N times, SDK and raw taking turns (which goes first\n"
               "              alternates); each figure is the median of its N values (default 5)\n";
  std::exit(code);
}

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::uint16_t freePort() {
  asio::io_context io;
  asio::ip::tcp::acceptor acceptor(io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

bool waitForListener(const std::string& host, std::uint16_t port, std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    boost::system::error_code error;
    socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address(host), port), error);
    if (!error) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// Device sessions for the raw clients, made through the SDK (authentication is not measured).
std::string deviceToken(const ClientOptions& options, const std::string& prefix) {
  Client client(options);
  auto session = client.authenticateDevice(prefix + std::to_string(std::random_device{}())).get();
  if (!session.ok()) throw std::runtime_error("authentication failed: " + session.error().toString());
  return session->token();
}

// SDK / raw of one round: both measured back to back under the same load.
void addRatios(Figures& figures) {
  figures.ratio("ratio_rest_seq_rps", "rest_seq_rps", "raw_rest_seq_rps");
  figures.ratio("ratio_rest_seq_rps_vs_raw_json", "rest_seq_rps", "raw_rest_json_seq_rps");
  figures.ratio("ratio_raw_rest_work5_seq_rps", "raw_rest_work5_seq_rps", "raw_rest_seq_rps");
  figures.ratio("ratio_rest_c16_rps", "rest_c16_rps", "raw_rest_c16_rps");
  figures.ratio("ratio_rest_c16_p99_ms", "rest_c16_p99_ms", "raw_rest_c16_p99_ms");
  figures.ratio("ratio_rest_cpu_us_per_call", "rest_cpu_us_per_call", "raw_rest_cpu_us_per_call");
  figures.ratio("ratio_rest_cpu_us_per_call_vs_raw_json", "rest_cpu_us_per_call", "raw_rest_json_cpu_us_per_call");
  figures.ratio("ratio_rest_cpu_us_per_call_vs_wrk", "rest_cpu_us_per_call", "wrk_cpu_us_per_call");
  figures.ratio("ratio_rt_echo_w32_msgs_per_s", "rt_echo_w32_msgs_per_s", "raw_rt_echo_w32_msgs_per_s");
  figures.ratio("ratio_rt_cpu_us_per_msg", "rt_cpu_us_per_msg", "raw_rt_cpu_us_per_msg");
  figures.ratio("ratio_sdk_thread_rest_seq_rps", "sdk_thread_rest_seq_rps", "raw_rest_seq_rps");
  figures.ratio("ratio_sdk_thread_rest_c16_rps", "sdk_thread_rest_c16_rps", "raw_rest_c16_rps");
  figures.ratio("ratio_sdk_thread_rest_cpu_us_per_call", "sdk_thread_rest_cpu_us_per_call", "raw_rest_cpu_us_per_call");
  figures.ratio("ratio_sdk_thread_rt_echo_w32_msgs_per_s", "sdk_thread_rt_echo_w32_msgs_per_s",
                "raw_rt_echo_w32_msgs_per_s");
  figures.ratio("ratio_sdk_thread_rt_cpu_us_per_msg", "sdk_thread_rt_cpu_us_per_msg", "raw_rt_cpu_us_per_msg");
}

void print(const Figures& figures, const std::optional<std::string>& jsonPath) {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (const auto& [name, value] : figures.items()) {
    if (value) {
      std::printf("%s %.6g\n", name.c_str(), *value);
      json[name] = *value;
    } else {
      std::printf("%s n/a\n", name.c_str());
      json[name] = nullptr;
    }
  }
  std::fflush(stdout);
  if (jsonPath) {
    std::ofstream out(*jsonPath);
    out << json.dump(2) << '\n';
    if (!out) throw std::runtime_error("could not write " + *jsonPath);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  std::string serverBinary = NAKAMA_BENCH_TEST_SERVER;
  bool inProcess = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(2);
      return argv[++i];
    };
    try {
      if (arg == "--quick") {
        settings.restCalls = 40;
        settings.rtMessages = 200;
        settings.users = 10;
        settings.rounds = 1;
      } else if (arg == "--rounds") {
        settings.rounds = std::stoi(value());
      } else if (arg == "--users") {
        settings.users = std::stoi(value());
      } else if (arg == "--rest-calls") {
        settings.restCalls = std::stoi(value());
      } else if (arg == "--rt-messages") {
        settings.rtMessages = std::stoi(value());
      } else if (arg == "--json") {
        settings.json = value();
      } else if (arg == "--server-binary") {
        serverBinary = value();
      } else if (arg == "--in-process") {
        inProcess = true;
      } else if (arg == "--help" || arg == "-h") {
        usage(0);
      } else {
        usage(2);
      }
    } catch (const std::logic_error&) {
      usage(2);
    }
  }
  if (settings.restCalls < 1 || settings.rtMessages < 32 || settings.users < 1 || settings.rounds < 1) usage(2);
  platform::raiseFileLimit();

  std::unique_ptr<testserver::TestServer> server;
  std::optional<platform::ChildProcess> child;
  auto& options = settings.options;
  if (!env("NAKAMA_TEST_HOST").empty()) {
    options.host = env("NAKAMA_TEST_HOST");
    if (!env("NAKAMA_TEST_PORT").empty()) options.port = static_cast<std::uint16_t>(std::stoi(env("NAKAMA_TEST_PORT")));
    if (!env("NAKAMA_TEST_SERVER_KEY").empty()) options.serverKey = env("NAKAMA_TEST_SERVER_KEY");
    const std::string ssl = env("NAKAMA_TEST_SSL");
    options.ssl = ssl == "1" || ssl == "true";
    std::cerr << "server: " << options.host << ":" << options.port << " (external)\n";
  } else {
    options.host = "127.0.0.1";
    if (!inProcess) {
      options.port = freePort();
      auto started = platform::ChildProcess::start({serverBinary, "--port", std::to_string(options.port)});
      if (started) child.emplace(std::move(*started));
      if (child && !waitForListener(options.host, options.port, std::chrono::seconds(10))) {
        std::cerr << "the test server (" << serverBinary << ") did not start\n";
        return 1;
      }
    }
    if (!child) {
      server = std::make_unique<testserver::TestServer>();
      server->start();
      options.port = server->port();
    }
    std::cerr << "server: test server on port " << options.port << (child ? " (own process)" : " (in-process)") << "\n";
  }

  try {
    // Each round measures the SDK and its raw baseline back to back, so that both see the same load on the machine,
    // and which of the two goes first alternates from round to round: neither always follows the other's series
    // (or the previous round's realtime traffic).
    const std::string restToken = deviceToken(options, "bench-raw-rest-");
    const std::string rtTokenA = deviceToken(options, "bench-raw-rt-a-");
    const std::string rtTokenB = deviceToken(options, "bench-raw-rt-b-");
    std::vector<Figures> rounds;
    for (int round = 1; round <= settings.rounds; ++round) {
      Figures figures;
      const bool sdkFirst = round % 2 == 1;
      const auto inTurn = [&](const char* what, const std::function<void()>& sdk, const std::function<void()>& raw) {
        std::cerr << "round " << round << " of " << settings.rounds << ": " << what << "...\n";
        if (sdkFirst) {
          sdk();
          raw();
        } else {
          raw();
          sdk();
        }
      };
      inTurn(
          "REST, through the SDK and through a raw Beast client and wrk", [&] { runSdkRest(settings, figures); },
          [&] {
            runRawRest(settings, restToken, figures);
            runWrk(settings, restToken, figures);
          });
      inTurn(
          "realtime, through the SDK and through bare websocketpp", [&] { runSdkRealtime(settings, figures); },
          [&] { runRawRealtime(settings, rtTokenA, rtTokenB, figures); });
      addRatios(figures);
      rounds.push_back(std::move(figures));
    }
    Figures figures;
    figures.add("rounds", settings.rounds);
    figures.append(Figures::median(rounds));  // the ratios too: each the median of the rounds' ratios
    std::cerr << settings.users << " users on one shared Runtime...\n";
    runUsers(settings, figures);
    print(figures, settings.json);
  } catch (const std::exception& e) {
    std::cerr << "nakama-bench: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
