#include "core/realtime.h"

#include <iostream>

namespace nakama::testserver {

namespace {

// "statusUpdate" -> "status_update" (the socket accepts lowerCamel variant keys).
std::string toSnake(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c >= 'A' && c <= 'Z') {
      out += '_';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

Json withCid(const std::optional<std::string>& cid, const Json& body) {
  Json env = Json::object();
  if (cid) env["cid"] = *cid;
  for (auto it = body.begin(); it != body.end(); ++it) env[it.key()] = *it;
  return env;
}

}  // namespace

Json userPresence(const RtSession& s) {
  Json p = Json::object();
  p["user_id"] = s.userId;
  p["session_id"] = s.sessionId;
  p["username"] = s.username;
  return p;
}

void allowOnlyFields(const Json& payload, std::initializer_list<const char*> snakeNames) {
  if (!payload.is_object()) throw ProtocolViolation("payload is not an object");
  for (auto it = payload.begin(); it != payload.end(); ++it) {
    bool known = false;
    for (const char* name : snakeNames) {
      if (it.key() == name || it.key() == lowerCamel(name)) known = true;
    }
    if (!known) throw ProtocolViolation("unknown field \"" + it.key() + "\"");
  }
}

void RealtimeCall::reply(const Json& envelopeBody) {
  replied_ = true;
  sink_.sendText(protoJson(withCid(cid, envelopeBody)));
}

void Realtime::on(const std::string& key, RtHandler handler) { handlers_[key] = std::move(handler); }

bool Realtime::send(const std::string& sessionId, const Json& envelope) {
  auto it = sessions_.find(sessionId);
  if (it == sessions_.end() || it->second.leaving) return false;
  std::string text = protoJson(envelope);
  if (log) std::cerr << "[ws " << sessionId.substr(0, 8) << "] -> " << text << "\n";
  it->second.sink->sendText(text);
  return true;
}

void Realtime::sendToUser(const std::string& userId, const Json& envelope) {
  for (const RtSession* s : sessionsOf(userId)) send(s->sessionId, envelope);
}

const RtSession* Realtime::session(const std::string& sessionId) const {
  auto it = sessions_.find(sessionId);
  return it == sessions_.end() || it->second.leaving ? nullptr : &it->second.session;
}

std::vector<const RtSession*> Realtime::sessionsOf(const std::string& userId) const {
  std::vector<const RtSession*> out;
  for (const auto& [id, e] : sessions_) {
    if (!e.leaving && e.session.userId == userId) out.push_back(&e.session);
  }
  return out;
}

std::vector<const RtSession*> Realtime::all() const {
  std::vector<const RtSession*> out;
  for (const auto& [id, e] : sessions_) {
    if (!e.leaving) out.push_back(&e.session);
  }
  return out;
}

void Realtime::close(const std::string& sessionId, int code, const std::string& reason) {
  auto it = sessions_.find(sessionId);
  if (it != sessions_.end()) it->second.sink->close(code, reason);
}

void Realtime::connected(const RtSession& session, std::shared_ptr<SocketSink> sink) {
  sessions_[session.sessionId] = Entry{session, std::move(sink), false};
  for (auto& hook : connectHooks_) {
    try {
      hook(session);
    } catch (const std::exception& e) {
      std::cerr << "nakama-test-server: connect hook failed: " << e.what() << "\n";
    }
  }
}

void Realtime::disconnected(const std::string& sessionId) {
  auto it = sessions_.find(sessionId);
  if (it == sessions_.end()) return;
  it->second.leaving = true;
  RtSession copy = it->second.session;
  for (auto& hook : disconnectHooks_) {
    try {
      hook(copy);
    } catch (const std::exception& e) {
      std::cerr << "nakama-test-server: disconnect hook failed: " << e.what() << "\n";
    }
  }
  sessions_.erase(sessionId);
}

bool Realtime::dispatch(const std::string& sessionId, const std::string& text) {
  auto it = sessions_.find(sessionId);
  if (it == sessions_.end() || it->second.leaving) return false;
  if (log) std::cerr << "[ws " << sessionId.substr(0, 8) << "] <- " << text << "\n";
  // Anything the real server cannot unmarshal into an Envelope closes the socket (docs/PROTOCOL.md §8.2, §8.10).
  Json env = Json::parse(text, nullptr, false);
  if (!env.is_object()) return false;
  std::optional<std::string> cid;
  std::string key;
  const Json* payload = nullptr;
  for (auto m = env.begin(); m != env.end(); ++m) {
    if (m.key() == "cid") {
      if (m->is_null()) continue;
      if (!m->is_string()) return false;
      cid = m->get<std::string>();
      continue;
    }
    // protojson ignores a known variant set to null (it is then absent); an unknown key closes.
    if (m->is_null() && handlers_.count(toSnake(m.key()))) continue;
    if (!key.empty()) return false;  // two variants
    key = toSnake(m.key());
    payload = &*m;
  }
  Entry& entry = it->second;
  std::shared_ptr<SocketSink> sink = entry.sink;  // keep alive if the handler closes the session
  if (key.empty()) {
    // No variant: Nakama queues this error (MISSING_PAYLOAD), then closes the socket.
    Json err = Json::object();
    if (cid) err["cid"] = *cid;
    err["error"] = Json{{"code", static_cast<int>(RtCode::kMissingPayload)}, {"message", "Missing message."}};
    sink->sendText(protoJson(err));
    return false;
  }
  if (!payload || !payload->is_object()) return false;
  auto h = handlers_.find(key);
  if (h == handlers_.end()) {
    if (log) std::cerr << "[ws] no handler for '" << key << "': closing\n";
    return false;
  }
  RtSession session = entry.session;
  RealtimeCall call(session, cid, key, *payload, *sink);
  auto sendError = [&](int code, const std::string& message, bool includeCid) {
    Json err = Json::object();
    if (includeCid && cid) err["cid"] = *cid;
    Json body = Json::object();
    setIfNotZero(body, "code", code);  // RUNTIME_EXCEPTION (0) is omitted like any proto default
    body["message"] = message;
    err["error"] = body;
    std::string out = protoJson(err);
    if (log) std::cerr << "[ws " << sessionId.substr(0, 8) << "] -> " << out << "\n";
    sink->sendText(out);
  };
  try {
    h->second(call);
  } catch (const RealtimeError& e) {
    sendError(static_cast<int>(e.code), e.what(), e.withCid);
  } catch (const ProtocolViolation&) {
    return false;
  } catch (const JsonTypeError&) {
    return false;
  } catch (const ApiError& e) {
    sendError(static_cast<int>(RtCode::kBadInput), e.what(), true);
  } catch (const std::exception& e) {
    std::cerr << "nakama-test-server: realtime handler '" << key << "' failed: " << e.what() << "\n";
    sendError(static_cast<int>(RtCode::kRuntimeException), e.what(), true);
  }
  return true;
}

}  // namespace nakama::testserver
