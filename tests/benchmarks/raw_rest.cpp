// The REST baseline: the same GET /v2/account through a minimal hand-written Boost.Beast client on one
// thread (keep-alive connections where the server allows, one request in flight per connection). The raw_rest_*
// series do not decode the body; the raw_rest_json_* series parse it with nlohmann::json, the least any client
// that uses the answer must do (the SDK also turns it into an Account). raw_rest_work5_seq_rps: the raw client
// busy for 5 us on each answer before it sends the next request, one call at a time: what a few microseconds of
// client work per call cost on the machine (the SDK's decoding and bookkeeping sit on that same path).

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "bench.h"
#include "platform.h"

namespace nakama::bench {

namespace {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// One connection that sends the request again as soon as the answer arrived, reconnecting first when the
// server closed it ("Connection: close", as the test server does after each answer).
struct Connection : std::enable_shared_from_this<Connection> {
  Connection(asio::io_context& io, const tcp::resolver::results_type& endpoints,
             const http::request<http::empty_body>& request, bool parseJson, Clock::duration work, int& remaining,
             int& failures)
      : socket(io),
        endpoints(endpoints),
        request(request),
        parseJson(parseJson),
        work(work),
        remaining(remaining),
        failures(failures) {}

  void next() {
    if (remaining <= 0) return;
    --remaining;
    t0 = Clock::now();
    if (socket.is_open()) return send();
    asio::async_connect(socket, endpoints, [self = shared_from_this()](beast::error_code error, const tcp::endpoint&) {
      if (error) return self->fail(error);
      self->socket.set_option(tcp::no_delay(true));
      self->send();
    });
  }
  void send() {
    response = {};
    http::async_write(socket, request, [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) return self->fail(error);
      http::async_read(self->socket, self->buffer, self->response, [self](beast::error_code error, std::size_t) {
        if (error) return self->fail(error);
        if (self->response.result_int() != 200) ++self->failures;
        if (self->parseJson && !nlohmann::json::parse(self->response.body(), nullptr, false).is_object())
          ++self->failures;
        if (self->work > Clock::duration::zero()) {
          const auto until = Clock::now() + self->work;
          while (Clock::now() < until) {
          }
        }
        self->latencies.push_back(millis(Clock::now() - self->t0));
        if (!self->response.keep_alive()) {
          beast::error_code ignored;
          self->socket.shutdown(tcp::socket::shutdown_both, ignored);
          self->socket.close(ignored);
          self->buffer.clear();
        }
        self->next();
      });
    });
  }
  void fail(const beast::error_code& error) {
    ++failures;
    std::cerr << "  raw REST: " << error.message() << "\n";
  }

  tcp::socket socket;
  const tcp::resolver::results_type& endpoints;
  const http::request<http::empty_body>& request;
  const bool parseJson;
  const Clock::duration work;  // busy time on each answer
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  Clock::time_point t0;
  std::vector<double> latencies;
  int& remaining;
  int& failures;
};

struct Series {
  double seconds = 0;
  std::vector<double> latencies;  // ms, one per call
};

// Runs `total` requests over `connections` connections.
Series run(const Settings& settings, const http::request<http::empty_body>& request, bool parseJson, int total,
           int connections, int& failures, Clock::duration work = Clock::duration::zero()) {
  asio::io_context io(1);
  tcp::resolver resolver(io);
  const auto endpoints = resolver.resolve(settings.options.host, std::to_string(settings.options.port));
  int remaining = total;
  std::vector<std::shared_ptr<Connection>> pool;
  for (int i = 0; i < connections; ++i) {
    pool.push_back(std::make_shared<Connection>(io, endpoints, request, parseJson, work, remaining, failures));
  }
  const auto start = Clock::now();
  for (auto& connection : pool) connection->next();
  io.run();
  Series series;
  series.seconds = seconds(Clock::now() - start);
  for (const auto& connection : pool) {
    series.latencies.insert(series.latencies.end(), connection->latencies.begin(), connection->latencies.end());
  }
  return series;
}
}  // namespace

void runRawRest(const Settings& settings, const std::string& token, Figures& figures) {
  const char* names[] = {"raw_rest_seq_rps",       "raw_rest_c16_rps",      "raw_rest_cpu_us_per_call",
                         "raw_rest_json_seq_rps",  "raw_rest_json_c16_rps", "raw_rest_json_cpu_us_per_call",
                         "raw_rest_work5_seq_rps", "raw_rest_c16_p50_ms",   "raw_rest_c16_p99_ms"};
  if (settings.options.ssl) {  // the baseline speaks plain HTTP only
    for (const char* name : names) figures.add(name, std::nullopt);
    return;
  }
  http::request<http::empty_body> request(http::verb::get, "/v2/account", 11);
  request.set(http::field::host, settings.options.host + ":" + std::to_string(settings.options.port));
  request.set(http::field::authorization, "Bearer " + token);
  request.set(http::field::accept, "application/json");
  request.keep_alive(true);

  int failures = 0;
  run(settings, request, false, 50, 16, failures);  // warm-up

  std::vector<double> c16Latencies;  // of the series without decoding
  for (const bool parseJson : {false, true}) {
    const auto cpu0 = platform::processCpuSeconds();
    const double seqSeconds = run(settings, request, parseJson, settings.restCalls, 1, failures).seconds;
    Series c16 = run(settings, request, parseJson, settings.restCalls, 16, failures);
    const auto cpu1 = platform::processCpuSeconds();
    const int first = parseJson ? 3 : 0;
    figures.add(names[first], settings.restCalls / seqSeconds);
    figures.add(names[first + 1], settings.restCalls / c16.seconds);
    figures.add(names[first + 2], cpu0 && cpu1
                                      ? std::optional<double>((*cpu1 - *cpu0) * 1e6 / (2.0 * settings.restCalls))
                                      : std::nullopt);
    if (!parseJson) c16Latencies = std::move(c16.latencies);
  }
  const double workSeconds =
      run(settings, request, false, settings.restCalls, 1, failures, std::chrono::microseconds(5)).seconds;
  figures.add(names[6], settings.restCalls / workSeconds);
  figures.add(names[7], quantile(c16Latencies, 0.5));
  figures.add(names[8], quantile(c16Latencies, 0.99));
  if (failures > 0) std::cerr << "  " << failures << " raw REST calls failed\n";
}

}  // namespace nakama::bench
