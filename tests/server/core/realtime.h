// Realtime side of the extension API: connected sessions, envelope dispatch, pushes.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/json_util.h"

namespace nakama::testserver {

// One connected socket (a "session" in Nakama terms).
struct RtSession {
  std::string sessionId;  // new UUID per socket
  std::string userId;
  std::string username;  // at connect time
  std::string tokenId;
  std::map<std::string, std::string> vars;
  std::string lang = "en";
  bool status = false;  // `status=true` query param: appear online at connect
};

// realtime UserPresence {user_id, session_id, username} of a session (add "persistence"/"status"
// yourself where the message carries them).
Json userPresence(const RtSession& session);

// What the core needs from a socket; implemented by the transport (core/ws_conn.cpp).
class SocketSink {
 public:
  virtual ~SocketSink() = default;
  virtual void sendText(const std::string& text) = 0;
  // code 0 = empty close frame (no status code), like the real server's own closes.
  virtual void close(int code, const std::string& reason) = 0;
};

// One inbound request envelope being handled.
class RealtimeCall {
 public:
  RealtimeCall(const RtSession& session, std::optional<std::string> cid, std::string key, const Json& payload,
               SocketSink& sink)
      : session(session), cid(std::move(cid)), key(std::move(key)), payload(payload), sink_(sink) {}

  const RtSession& session;
  const std::optional<std::string> cid;
  const std::string key;  // the variant key, snake_case ("channel_join")
  const Json& payload;    // the variant body ({"target":..})

  // Sends the direct reply: `envelopeBody` is e.g. {"channel":{...}}; the cid is put first.
  // reply() with no argument sends the cid-only ack `{"cid":"5"}` (or `{}` without cid).
  void reply(const Json& envelopeBody = Json::object());
  bool replied() const { return replied_; }

 private:
  SocketSink& sink_;
  bool replied_ = false;
};

using RtHandler = std::function<void(RealtimeCall&)>;

// The socket rejects unknown payload fields (protojson DiscardUnknown=false): throws ProtocolViolation
// (socket closed) when `payload` has a member that is not one of `snakeNames` (or its lowerCamel form).
void allowOnlyFields(const Json& payload, std::initializer_list<const char*> snakeNames);

class Realtime {
 public:
  // Registers the handler for an envelope key (snake_case; camelCase keys are normalized). A handler
  // replies with call.reply(...), throws RealtimeError for an error envelope, or ProtocolViolation /
  // JsonTypeError to drop the socket. Unregistered keys close the socket like unknown variants.
  void on(const std::string& key, RtHandler handler);

  // Pushes (no cid). Return false if the session is gone.
  bool send(const std::string& sessionId, const Json& envelope);
  void sendToUser(const std::string& userId, const Json& envelope);

  const RtSession* session(const std::string& sessionId) const;
  std::vector<const RtSession*> sessionsOf(const std::string& userId) const;
  std::vector<const RtSession*> all() const;
  std::size_t count() const { return sessions_.size(); }

  // Area hooks, run on connect (after the session is registered) and on disconnect (before it is
  // removed; sends to the leaving session are dropped).
  void onConnect(std::function<void(const RtSession&)> hook) { connectHooks_.push_back(std::move(hook)); }
  void onDisconnect(std::function<void(const RtSession&)> hook) { disconnectHooks_.push_back(std::move(hook)); }

  // Server-side close. code 0 = empty close frame.
  void close(const std::string& sessionId, int code = 0, const std::string& reason = "");

  // ---- used by the core glue ----
  void connected(const RtSession& session, std::shared_ptr<SocketSink> sink);
  void disconnected(const std::string& sessionId);
  // Parses and dispatches one text frame. Returns false when the socket must be closed.
  bool dispatch(const std::string& sessionId, const std::string& text);
  bool log = false;

 private:
  struct Entry {
    RtSession session;
    std::shared_ptr<SocketSink> sink;
    bool leaving = false;
  };
  std::map<std::string, Entry> sessions_;
  std::map<std::string, RtHandler> handlers_;
  std::vector<std::function<void(const RtSession&)>> connectHooks_;
  std::vector<std::function<void(const RtSession&)>> disconnectHooks_;
};

}  // namespace nakama::testserver
