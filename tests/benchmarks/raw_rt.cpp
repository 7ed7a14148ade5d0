// The realtime baseline: the same match-data echo as sdk_rt.cpp through bare websocketpp on one thread:
// frames built and read with nlohmann::json, nothing else.

#include <boost/asio/io_context.hpp>
#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>

#include <deque>
#include <iostream>

#include <nlohmann/json.hpp>

#include "bench.h"
#include "platform.h"
#include "rt_common.h"

namespace nakama::bench {

namespace {
using WsClient = websocketpp::client<websocketpp::config::asio_client>;
using Json = nlohmann::json;

std::string base64(const std::string& in) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += table[(v >> shift) & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += i + 1 < in.size() ? table[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// A sends, B echoes; both connections on one endpoint and one thread, driven by their handlers.
class Echo {
 public:
  Echo(const Settings& settings, std::string tokenA, std::string tokenB) : settings_(settings) {
    client_.clear_access_channels(websocketpp::log::alevel::all);
    client_.clear_error_channels(websocketpp::log::elevel::all);
    client_.init_asio(&io_);
    client_.set_open_handler([this](websocketpp::connection_hdl) {
      if (++open_ == 2) sendJson(a_, Json{{"cid", "1"}, {"match_create", Json::object()}});
    });
    client_.set_message_handler([this](websocketpp::connection_hdl hdl, WsClient::message_ptr msg) {
      onMessage(isA(hdl), Json::parse(msg->get_payload()));
    });
    client_.set_fail_handler([this](websocketpp::connection_hdl) { fail("a connection failed"); });
    a_ = open(tokenA);
    b_ = open(tokenB);
  }

  /// Runs the echo; returns false when it could not.
  bool run() {
    io_.run();
    return error_.empty() && rtt_.size() == static_cast<std::size_t>(settings_.rtMessages);
  }
  const std::string& error() const { return error_; }
  double elapsedSeconds() const { return seconds(end_ - start_); }
  std::optional<double> cpuSeconds() const {
    return cpu0_ && cpu1_ ? std::optional<double>(*cpu1_ - *cpu0_) : std::nullopt;
  }

 private:
  websocketpp::connection_hdl open(const std::string& token) {
    const std::string url = "ws://" + settings_.options.host + ":" + std::to_string(settings_.options.port) +
                            "/ws?lang=en&status=false&format=json&token=" + token;
    websocketpp::lib::error_code error;
    auto connection = client_.get_connection(url, error);
    if (error) throw std::runtime_error("websocketpp: " + error.message());
    client_.connect(connection);
    return connection->get_handle();
  }
  bool isA(const websocketpp::connection_hdl& hdl) const { return !a_.owner_before(hdl) && !hdl.owner_before(a_); }
  void sendJson(websocketpp::connection_hdl hdl, const Json& json) { sendText(hdl, json.dump()); }
  void sendText(websocketpp::connection_hdl hdl, const std::string& text) {
    websocketpp::lib::error_code error;
    client_.send(hdl, text, websocketpp::frame::opcode::text, error);
    if (error) fail("send: " + error.message());
  }
  std::string dataFrame(const std::string& payloadBase64) const {
    return Json{
        {"match_data_send", {{"match_id", matchId_}, {"op_code", "1"}, {"data", payloadBase64}, {"reliable", true}}}}
        .dump();
  }
  void sendNext() {
    if (sent_ >= settings_.rtMessages) return;
    sentAt_.push_back(Clock::now());  // the relay keeps the order, so answers come back first in, first out
    sendText(a_, dataFrame(base64(echoPayload(sent_++))));
  }
  void fail(const std::string& what) {
    if (error_.empty()) error_ = what;
    io_.stop();
  }

  void onMessage(bool fromA, const Json& frame) {
    if (frame.contains("error")) return fail("server error: " + frame["error"].dump());
    if (const auto data = frame.find("match_data"); data != frame.end()) {
      if (!fromA) {
        sendText(b_, dataFrame((*data)["data"].get<std::string>()));
        return;
      }
      rtt_.push_back(millis(Clock::now() - sentAt_.front()));
      sentAt_.pop_front();
      if (rtt_.size() == static_cast<std::size_t>(settings_.rtMessages)) return finish();
      sendNext();
      return;
    }
    if (const auto match = frame.find("match"); match != frame.end()) {
      if (fromA) {  // created: B joins
        matchId_ = (*match)["match_id"].get<std::string>();
        sendJson(b_, Json{{"cid", "2"}, {"match_join", {{"match_id", matchId_}}}});
      } else {  // joined: start
        cpu0_ = platform::processCpuSeconds();
        start_ = Clock::now();
        for (int i = 0; i < kRtWindow; ++i) sendNext();
      }
    }
  }
  void finish() {
    end_ = Clock::now();
    cpu1_ = platform::processCpuSeconds();
    websocketpp::lib::error_code ignored;
    client_.close(a_, websocketpp::close::status::normal, "", ignored);
    client_.close(b_, websocketpp::close::status::normal, "", ignored);
  }

  const Settings& settings_;
  boost::asio::io_context io_;
  WsClient client_;
  websocketpp::connection_hdl a_, b_;
  int open_ = 0;
  int sent_ = 0;
  std::string matchId_;
  std::deque<Clock::time_point> sentAt_;
  std::vector<double> rtt_;
  Clock::time_point start_, end_;
  std::optional<double> cpu0_, cpu1_;
  std::string error_;
};
}  // namespace

void runRawRealtime(const Settings& settings, const std::string& tokenA, const std::string& tokenB, Figures& figures) {
  const char* names[] = {"raw_rt_echo_w32_msgs_per_s", "raw_rt_cpu_us_per_msg"};
  if (settings.options.ssl) {  // the baseline speaks plain ws:// only
    for (const char* name : names) figures.add(name, std::nullopt);
    return;
  }
  Echo echo(settings, tokenA, tokenB);
  if (!echo.run()) {
    std::cerr << "  the websocketpp echo did not finish: " << echo.error() << "\n";
    for (const char* name : names) figures.add(name, std::nullopt);
    return;
  }
  const auto cpu = echo.cpuSeconds();
  figures.add(names[0], settings.rtMessages / echo.elapsedSeconds());
  figures.add(names[1], cpu ? std::optional<double>(*cpu * 1e6 / settings.rtMessages) : std::nullopt);
}

}  // namespace nakama::bench
