// nakama-microbench: the SDK's JSON codecs on large answers (100 leaderboard records, 100 storage
// objects, 100 users) and on realtime envelopes, through the same internal decoders the SDK uses; the SDK's
// JSON reader next to nlohmann::json::parse on the same text (parsing alone); and the Beast transport's HTTP answer
// parser next to Beast's own response parser.

#include <benchmark/benchmark.h>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>

#include "api/leaderboard_json.h"
#include "api/storage_json.h"
#include "api/users_json.h"
#include "core/codec.h"
#include "core/json.h"
#include "realtime/rt_json.h"
#include "transport/http_response_parser.h"

namespace {

using nakama::internal::Json;

std::string uuid(int i) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "3f0c2a9e-%04x-4b7d-9c1e-%012d", i & 0xffff, i);
  return buffer;
}

const char* kTime = "2026-12-04T21:50:21Z";

std::string leaderboardRecords(int n) {
  Json records = Json::array();
  for (int i = 0; i < n; ++i) {
    records.push_back({{"leaderboard_id", "weekly_high_scores"},
                       {"owner_id", uuid(i)},
                       {"username", "player" + std::to_string(i)},
                       {"score", std::to_string(100000 - i * 37)},
                       {"subscore", std::to_string(i % 7)},
                       {"num_score", 3},
                       {"metadata", R"({"class":"mage","level":42})"},
                       {"create_time", kTime},
                       {"update_time", kTime},
                       {"expiry_time", kTime},
                       {"rank", std::to_string(i + 1)},
                       {"max_num_score", 1000000}});
  }
  return Json{{"records", records}, {"next_cursor", "Cf+BAwEBEmxlYWRlcmJvYXJkQ3Vyc29yAf+CAAEC"}}.dump();
}

std::string storageObjects(int n) {
  Json objects = Json::array();
  for (int i = 0; i < n; ++i) {
    objects.push_back({{"collection", "saves"},
                       {"key", "slot" + std::to_string(i)},
                       {"user_id", uuid(i)},
                       {"value", R"({"level":12,"skins":["red","blue"],"coins":1500,"quests":[1,2,3]})"},
                       {"version", "c9a2b0e1d4f5a6b7c8d9e0f1a2b3c4d5"},
                       {"permission_read", 1},
                       {"permission_write", 1},
                       {"create_time", kTime},
                       {"update_time", kTime}});
  }
  return Json{{"objects", objects}}.dump();
}

std::string users(int n) {
  Json list = Json::array();
  for (int i = 0; i < n; ++i) {
    list.push_back({{"id", uuid(i)},
                    {"username", "player" + std::to_string(i)},
                    {"display_name", "Player " + std::to_string(i)},
                    {"avatar_url", "https://example.com/a/" + std::to_string(i) + ".png"},
                    {"lang_tag", "en"},
                    {"location", "Berlin"},
                    {"timezone", "Europe/Berlin"},
                    {"metadata", R"({"title":"champion"})"},
                    {"edge_count", i % 50},
                    {"create_time", kTime},
                    {"update_time", kTime},
                    {"online", i % 2 == 0}});
  }
  return Json{{"users", list}}.dump();
}

// Parses the answer text and decodes it into the model, as the REST layer does.
template <class Model>
void decodeBody(benchmark::State& state, const std::string& body) {
  for (auto _ : state) {
    Model model = nakama::internal::decodeAs<Model>(nakama::internal::parseJson(body));
    benchmark::DoNotOptimize(model);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(body.size()));
}

void BM_Decode100LeaderboardRecords(benchmark::State& state) {
  decodeBody<nakama::LeaderboardRecordList>(state, leaderboardRecords(100));
}
void BM_Decode100StorageObjects(benchmark::State& state) {
  decodeBody<nakama::StorageObjects>(state, storageObjects(100));
}
void BM_Decode100Users(benchmark::State& state) { decodeBody<nakama::Users>(state, users(100)); }

// Text -> document only, for 100 leaderboard records: the SDK's reader, then nlohmann's parser.
void BM_Parse100LeaderboardRecordsSdkReader(benchmark::State& state) {
  const std::string body = leaderboardRecords(100);
  for (auto _ : state) benchmark::DoNotOptimize(nakama::internal::tryParseJson(body));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(body.size()));
}
void BM_Parse100LeaderboardRecordsNlohmann(benchmark::State& state) {
  const std::string body = leaderboardRecords(100);
  for (auto _ : state) benchmark::DoNotOptimize(Json::parse(body, nullptr, false));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(body.size()));
}

// An HTTP/1.1 answer: the test server's to GET /v2/account (six fields, a 242-byte body), and 100 leaderboard records
// sent in 4 KiB chunks.
std::string accountAnswer() {
  const std::string body =
      R"({"user":{"id":"37df261a-ede7-4780-a893-6e443e7a0ed2", "username":"RzgvtvXVMn", "lang_tag":"en", )"
      R"("metadata":"{}", "create_time":"2026-12-06T16:06:13Z", "update_time":"2026-12-06T16:06:13Z"}, )"
      R"("wallet":"{}", "devices":[{"id":"seq-device-0001"}]})";
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nAccess-Control-Allow-Origin: *\r\n"
         "Cache-Control: no-store, no-cache, must-revalidate\r\nVary: Origin\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}
std::string chunkedRecordsAnswer() {
  const std::string body = leaderboardRecords(100);
  std::string answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  static const char kHex[] = "0123456789abcdef";
  for (std::size_t at = 0; at < body.size(); at += 4096) {
    const std::string piece = body.substr(at, 4096);
    std::string size;
    for (std::size_t n = piece.size(); n > 0; n /= 16) size.insert(size.begin(), kHex[n % 16]);
    answer += size + "\r\n" + piece + "\r\n";
  }
  return answer + "0\r\n\r\n";
}

void parseHttpSdk(benchmark::State& state, const std::string& answer) {
  for (auto _ : state) {
    nakama::internal::HttpResponseParser parser(0, false, 1024 * 1024);
    benchmark::DoNotOptimize(parser.parse(answer));
    if (parser.state() != nakama::internal::HttpResponseParser::State::kComplete) {
      state.SkipWithError("the answer was not read whole");
      break;
    }
    benchmark::DoNotOptimize(parser.take());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(answer.size()));
}
void parseHttpBeast(benchmark::State& state, const std::string& answer) {
  namespace http = boost::beast::http;
  for (auto _ : state) {
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    parser.body_limit(64 * 1024 * 1024);
    boost::system::error_code error;
    benchmark::DoNotOptimize(parser.put(boost::asio::buffer(answer), error));
    if (error || !parser.is_done()) {
      state.SkipWithError("the answer was not read whole");
      break;
    }
    benchmark::DoNotOptimize(parser.release());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(answer.size()));
}
void BM_ParseAccountAnswerSdkHttpParser(benchmark::State& state) { parseHttpSdk(state, accountAnswer()); }
void BM_ParseAccountAnswerBeastHttpParser(benchmark::State& state) { parseHttpBeast(state, accountAnswer()); }
void BM_ParseChunkedAnswerSdkHttpParser(benchmark::State& state) { parseHttpSdk(state, chunkedRecordsAnswer()); }
void BM_ParseChunkedAnswerBeastHttpParser(benchmark::State& state) { parseHttpBeast(state, chunkedRecordsAnswer()); }

const std::string kPayload(64, 'x');  // a typical game-state frame

// The envelope sendMatchData writes.
void BM_EncodeMatchDataEnvelope(benchmark::State& state) {
  int cid = 0;
  for (auto _ : state) {
    Json body = Json::object();
    body["match_id"] = "8b1c2a9e-3f0c-4b7d-9c1e-5a6b7c8d9e0f.";
    body["op_code"] = std::to_string(1);
    body["data"] = nakama::internal::base64Encode(kPayload);
    body["reliable"] = true;
    std::string text = "{\"cid\":\"" + std::to_string(++cid) + "\",\"match_data_send\":" + body.dump() + "}";
    benchmark::DoNotOptimize(text);
  }
}

// A received match_data envelope: parse, find the message, decode it.
void BM_DecodeMatchDataEnvelope(benchmark::State& state) {
  const std::string text = Json{
      {"match_data",
       {{"match_id", "8b1c2a9e-3f0c-4b7d-9c1e-5a6b7c8d9e0f."},
        {"presence", {{"user_id", uuid(1)}, {"session_id", uuid(2)}, {"username", "player1"}}},
        {"op_code", "1"},
        {"data", nakama::internal::base64Encode(kPayload)},
        {"reliable", true}}}}.dump();
  for (auto _ : state) {
    const auto envelope = nakama::internal::parseJson(text);
    auto data = nakama::internal::decodeAs<nakama::MatchData>(*envelope.root().find("match_data"));
    benchmark::DoNotOptimize(data);
  }
}

// A received channel message envelope.
void BM_DecodeChannelMessageEnvelope(benchmark::State& state) {
  const std::string text = Json{{"channel_message",
                                 {{"channel_id", "2...lobby"},
                                  {"message_id", uuid(3)},
                                  {"code", 0},
                                  {"sender_id", uuid(1)},
                                  {"username", "player1"},
                                  {"content", R"({"text":"hello there, how is the raid going?"})"},
                                  {"create_time", kTime},
                                  {"update_time", kTime},
                                  {"persistent", true},
                                  {"room_name", "lobby"}}}}
                               .dump();
  for (auto _ : state) {
    const auto envelope = nakama::internal::parseJson(text);
    auto message = nakama::internal::decodeAs<nakama::ChannelMessage>(*envelope.root().find("channel_message"));
    benchmark::DoNotOptimize(message);
  }
}

}  // namespace

BENCHMARK(BM_Decode100LeaderboardRecords);
BENCHMARK(BM_Decode100StorageObjects);
BENCHMARK(BM_Decode100Users);
BENCHMARK(BM_Parse100LeaderboardRecordsSdkReader);
BENCHMARK(BM_Parse100LeaderboardRecordsNlohmann);
BENCHMARK(BM_EncodeMatchDataEnvelope);
BENCHMARK(BM_DecodeMatchDataEnvelope);
BENCHMARK(BM_DecodeChannelMessageEnvelope);
BENCHMARK(BM_ParseAccountAnswerSdkHttpParser);
BENCHMARK(BM_ParseAccountAnswerBeastHttpParser);
BENCHMARK(BM_ParseChunkedAnswerSdkHttpParser);
BENCHMARK(BM_ParseChunkedAnswerBeastHttpParser);

BENCHMARK_MAIN();
