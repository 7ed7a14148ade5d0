#pragma once

// Replays recorded transcripts (transcripts.h) through a feature-area facade: a fake transport answers
// with the recorded response, and the request the SDK sent can be compared with the recorded request.
// Used by the leaderboards/tournaments/notifications/chat/matches/rpc/events/purchases unit tests.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fake_http_transport.h"
#include "rest/client_core.h"
#include "transcripts.h"

namespace nakama::test {

/// A ClientCore with a signed-in session whose transport answers every request with one response.
struct Replay {
  std::shared_ptr<FakeHttpTransport> transport;
  std::shared_ptr<internal::ClientCore> core;

  /// The single request sent so far (fails the test when there is not exactly one).
  internal::HttpRequest onlyRequest() const {
    auto requests = transport->requests();
    EXPECT_EQ(requests.size(), 1u);
    return requests.empty() ? internal::HttpRequest{} : requests.front();
  }
};

inline Replay replayResponse(int status, std::string body) {
  Replay replay;
  replay.transport =
      std::make_shared<FakeHttpTransport>([status, body](const auto&, auto done) { done(httpResponse(status, body)); });
  ClientOptions options;
  options.retry = RetryPolicy::none();
  options.timeout = std::chrono::milliseconds(5000);
  replay.core = internal::ClientCore::create(options, replay.transport);
  auto session = nlohmann::json::parse(sessionBody("d7346e3a-aba1-4b6f-90ea-5b7826a1d8a7", 3600, 7200));
  replay.core->sessions()->set(*Session::restore(session["token"], session["refresh_token"]));
  return replay;
}

inline Replay replay(const Transcript& t) { return replayResponse(t.status, t.responseBody); }

inline std::string percentDecode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (text[i] == '+') {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

/// A request target split into its decoded path and decoded query parameters (in order).
struct Target {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;

  std::vector<std::string> values(const std::string& key) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : query) {
      if (k == key) out.push_back(v);
    }
    return out;
  }
};

inline Target parseTarget(const std::string& target) {
  Target out;
  const auto q = target.find('?');
  out.path = percentDecode(target.substr(0, q));
  if (q == std::string::npos) return out;
  std::string rest = target.substr(q + 1);
  std::size_t start = 0;
  while (start <= rest.size()) {
    auto end = rest.find('&', start);
    if (end == std::string::npos) end = rest.size();
    const std::string pair = rest.substr(start, end - start);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      out.query.emplace_back(percentDecode(pair.substr(0, eq)),
                             eq == std::string::npos ? std::string() : percentDecode(pair.substr(eq + 1)));
    }
    start = end + 1;
  }
  return out;
}

/// Numbers become their decimal text, so that `{"score":3}` (recorded) equals `{"score":"3"}` (the SDK
/// sends int64 as strings; the server accepts both).
inline nlohmann::json normalizeNumbers(const nlohmann::json& j) {
  if (j.is_number()) return j.dump();
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = normalizeNumbers(it.value());
    return out;
  }
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : j) out.push_back(normalizeNumbers(item));
    return out;
  }
  return j;
}

/// Expects the SDK's request to be the recorded one: method, path, query parameters (the http_key
/// placeholder is only checked for presence) and body (compared as JSON, numbers as text).
inline void expectSameRequest(const internal::HttpRequest& sent, const Transcript& t) {
  SCOPED_TRACE("transcript " + t.name);
  EXPECT_EQ(sent.method, t.request.at("method").get<std::string>());
  const Target target = parseTarget(sent.target);
  EXPECT_EQ(target.path, t.request.at("path").get<std::string>());

  std::vector<std::pair<std::string, std::string>> expected;
  for (auto it = t.request.at("query").begin(); it != t.request.at("query").end(); ++it) {
    if (it->is_array()) {
      for (const auto& v : *it) expected.emplace_back(it.key(), v.get<std::string>());
    } else {
      expected.emplace_back(it.key(), it->get<std::string>());
    }
  }
  // The recorded http_key is a placeholder ("<http key>", "<wrong http key>"): only its presence counts.
  std::string keyPlaceholder;
  for (const auto& [k, v] : expected) {
    if (k == "http_key") keyPlaceholder = v;
  }
  auto sentQuery = target.query;
  for (auto& [k, v] : sentQuery) {
    if (k == "http_key") v = keyPlaceholder;
  }
  std::sort(expected.begin(), expected.end());
  std::sort(sentQuery.begin(), sentQuery.end());
  EXPECT_EQ(sentQuery, expected);

  const auto& body = t.request.at("body");
  if (body.is_null()) {
    EXPECT_FALSE(sent.hasBody && !sent.body.empty()) << "unexpected body: " << sent.body;
  } else {
    ASSERT_TRUE(sent.hasBody);
    auto sentBody = nlohmann::json::parse(sent.body, nullptr, false);
    ASSERT_FALSE(sentBody.is_discarded()) << "not JSON: " << sent.body;
    EXPECT_EQ(normalizeNumbers(sentBody), normalizeNumbers(body)) << "sent " << sent.body;
  }
}

/// Expects a failed result carrying the recorded error.
template <class R>
void expectRecordedError(const R& result, const Transcript& t) {
  SCOPED_TRACE("transcript " + t.name);
  ASSERT_FALSE(result.ok());
  auto recorded = nlohmann::json::parse(t.responseBody);
  EXPECT_EQ(result.error().kind, ErrorKind::kServerError);
  EXPECT_EQ(result.error().httpStatus, t.status);
  EXPECT_EQ(static_cast<int>(result.error().grpcCode.value_or(GrpcCode::kOk)), recorded.at("code").get<int>());
  EXPECT_EQ(result.error().message, recorded.at("message").get<std::string>());
}

}  // namespace nakama::test
