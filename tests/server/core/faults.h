// Core-internal: the state behind TestServer::faults(), consulted by the transport.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "test_server.h"

namespace nakama::testserver {

struct HttpFault {
  enum class Kind { kStatus, kDrop, kDelay, kCorrupt };
  Kind kind = Kind::kStatus;
  int status = 503;
  std::optional<std::chrono::seconds> retryAfter;
  std::chrono::milliseconds delay{0};
  BodyFault body = BodyFault::kMalformed;
};

struct Faults::State {
  std::atomic<bool> refuse{false};
  std::atomic<bool> ignorePings{false};

  void add(const HttpFault& fault, int count, const std::string& pathPrefix);
  // The first rule matching `path` with uses left, used once.
  std::optional<HttpFault> take(const std::string& path);
  int pending() const;
  void clear();

 private:
  struct Rule {
    HttpFault fault;
    std::string prefix;
    int remaining = 0;
  };
  mutable std::mutex mutex_;
  std::vector<Rule> rules_;
};

// The spoiled body for BodyFault `fault` given the real one.
std::string corruptBody(const std::string& body, BodyFault fault);
// The body of a kStatus fault's answer, in the gateway's error format.
std::string faultStatusBody(int status);
// True for a realtime `ping` envelope (what Faults::ignorePings swallows).
bool isPingEnvelope(const std::string& text);

}  // namespace nakama::testserver
