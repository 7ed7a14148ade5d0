// Fault injection: the rule bookkeeping and body spoilers, plus the public Faults methods.
#include "core/faults.h"

#include "core/json_util.h"
#include "core/server_impl.h"

namespace nakama::testserver {

void Faults::State::add(const HttpFault& fault, int count, const std::string& pathPrefix) {
  if (count <= 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  rules_.push_back(Rule{fault, pathPrefix, count});
}

std::optional<HttpFault> Faults::State::take(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    if (path.compare(0, it->prefix.size(), it->prefix) != 0) continue;
    HttpFault fault = it->fault;
    if (--it->remaining == 0) rules_.erase(it);
    return fault;
  }
  return std::nullopt;
}

int Faults::State::pending() const {
  std::lock_guard<std::mutex> lock(mutex_);
  int n = 0;
  for (const auto& rule : rules_) n += rule.remaining;
  return n;
}

void Faults::State::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  rules_.clear();
  refuse = false;
  ignorePings = false;
}

namespace {
// Strings become numbers and numbers strings, recursively: a body that parses but fails every decoder.
Json swapTypes(const Json& in) {
  if (in.is_object()) {
    Json out = Json::object();
    for (auto it = in.begin(); it != in.end(); ++it) out[it.key()] = swapTypes(*it);
    return out;
  }
  if (in.is_array()) {
    Json out = Json::array();
    for (const auto& v : in) out.push_back(swapTypes(v));
    return out;
  }
  if (in.is_string()) return Json(12345);
  if (in.is_number() || in.is_boolean()) return Json(in.dump());
  return in;
}
}  // namespace

std::string corruptBody(const std::string& body, BodyFault fault) {
  switch (fault) {
    case BodyFault::kMalformed: return "{\"malformed\": [1, 2,, }";
    case BodyFault::kTruncated: return body.size() < 2 ? std::string("{") : body.substr(0, body.size() / 2);
    case BodyFault::kWrongTypes: {
      Json parsed = Json::parse(body, nullptr, false);
      if (parsed.is_discarded()) return body;
      return swapTypes(parsed).dump();
    }
    case BodyFault::kHuge: {
      Json parsed = Json::parse(body, nullptr, false);
      if (!parsed.is_object()) return body + std::string(Faults::kHugeBodyBytes, ' ');
      parsed["padding"] = std::string(Faults::kHugeBodyBytes, 'x');
      return parsed.dump();
    }
  }
  return body;
}

std::string faultStatusBody(int status) {
  // gRPC codes the gateway uses: 14 Unavailable, 8 ResourceExhausted, 2 Unknown.
  int code = status == 503 ? 14 : status == 429 ? 8 : 2;
  std::string message = status == 503 ? "Service Unavailable" : status == 429 ? "Too Many Requests" : "Fault";
  return "{\"code\":" + std::to_string(code) + ",\"message\":\"" + message + "\"}";
}

bool isPingEnvelope(const std::string& text) {
  Json env = Json::parse(text, nullptr, false);
  return env.is_object() && env.contains("ping");
}

// ---- public API ----

Faults::Faults(TestServer& server) : server_(server), state_(std::make_shared<State>()) {}

void Faults::refuseConnections(bool refuse) {
  state_->refuse = refuse;
  if (refuse) server_.impl_->runOnIo([impl = server_.impl_.get()] { impl->closeIdleHttp(); });
}

void Faults::failNextHttp(int count, int status, const std::string& pathPrefix,
                          std::optional<std::chrono::seconds> retryAfter) {
  HttpFault fault;
  fault.kind = HttpFault::Kind::kStatus;
  fault.status = status;
  fault.retryAfter = retryAfter;
  state_->add(fault, count, pathPrefix);
}

void Faults::dropNextHttp(int count, const std::string& pathPrefix) {
  HttpFault fault;
  fault.kind = HttpFault::Kind::kDrop;
  state_->add(fault, count, pathPrefix);
}

void Faults::delayNextHttp(int count, std::chrono::milliseconds delay, const std::string& pathPrefix) {
  HttpFault fault;
  fault.kind = HttpFault::Kind::kDelay;
  fault.delay = delay;
  state_->add(fault, count, pathPrefix);
}

void Faults::corruptNextHttp(int count, BodyFault body, const std::string& pathPrefix) {
  HttpFault fault;
  fault.kind = HttpFault::Kind::kCorrupt;
  fault.body = body;
  state_->add(fault, count, pathPrefix);
}

int Faults::pendingHttp() const { return state_->pending(); }

void Faults::closeSocketsAbruptly(bool reset) {
  server_.impl_->runOnIo([impl = server_.impl_.get(), reset] {
    for (auto& s : impl->socketSnapshot()) s->abort(reset);
  });
}

void Faults::closeSockets(int code, const std::string& reason) { server_.closeAllSockets(code, reason); }

void Faults::ignorePings(bool ignore) { state_->ignorePings = ignore; }

void Faults::restart() {
  server_.impl_->runOnIo([impl = server_.impl_.get()] {
    impl->tokens.rotateKeys();
    for (auto& s : impl->socketSnapshot()) s->close(1001, "");
    impl->closeIdleHttp();
  });
}

void Faults::reset() { state_->clear(); }

}  // namespace nakama::testserver
