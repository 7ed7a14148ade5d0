// The extension API for feature areas of the test server. An area is one .cpp file under
// tests/server/areas/ that registers routes, realtime handlers and RPCs:
//
//   #include "core/server_api.h"
//   namespace nakama::testserver {
//   NAKAMA_TEST_SERVER_AREA(storage) {
//     auto state = std::make_shared<StorageState>();   // private per-server state
//     ctx.router.add("GET", "/v2/storage/{collection}", Auth::kSession, [state, &ctx](Request& req) {
//       ...; return Json::object();
//     });
//   }
//   }
//
// Everything (HTTP handlers, realtime handlers, hooks, timers) runs on the server's single I/O thread:
// no locks are needed. See tests/server/README.md.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/accounts.h"
#include "core/errors.h"
#include "core/http.h"
#include "core/json_util.h"
#include "core/notifications.h"
#include "core/realtime.h"
#include "core/tokens.h"
#include "core/util.h"
#include "test_server.h"

namespace nakama::testserver {

// ---- RPC functions (REST /v2/rpc/{id} and the socket `rpc` message) ----
struct RpcCall {
  std::string id;       // lowercase
  std::string payload;  // the payload string ("" when none)
  std::string userId;   // empty for http_key calls
  std::string username;
  std::string sessionId;  // socket session id (socket calls only)
  std::map<std::string, std::string> vars;
  std::map<std::string, std::vector<std::string>> query;  // HTTP query params (HTTP calls only)
};
// Returns the response payload. Throw ApiError(code, message) for a runtime error: REST answers
// with the status of `code`, the socket with error code 7 (RUNTIME_FUNCTION_EXCEPTION).
using RpcFn = std::function<std::string(RpcCall&)>;

class Rpcs {
 public:
  void add(const std::string& id, RpcFn fn);  // id is matched case-insensitively
  const RpcFn* find(const std::string& id) const;

 private:
  std::map<std::string, RpcFn> fns_;
};

// ---- timers on the I/O thread ----
class TimerHandle {
 public:
  TimerHandle() = default;
  explicit TimerHandle(std::shared_ptr<bool> cancelled) : cancelled_(std::move(cancelled)) {}
  void cancel() {
    if (cancelled_) *cancelled_ = true;
  }
  bool active() const { return cancelled_ && !*cancelled_; }

 private:
  std::shared_ptr<bool> cancelled_;
};

class Scheduler {
 public:
  // Runs fn once after `delay`.
  TimerHandle after(std::chrono::milliseconds delay, std::function<void()> fn);
  // Runs fn every `period` until cancelled.
  TimerHandle every(std::chrono::milliseconds period, std::function<void()> fn);

  // Set by the core glue: schedule a callback on the I/O thread.
  std::function<void(std::chrono::milliseconds, std::function<void()>)> post;
};

// ---- cross-area hooks (one owner sets each; callers check for empty) ----
struct Hooks {
  // Set by the matches area: creates an authoritative match running handler `module` (e.g. "lobby")
  // with `params`; returns the match id. Used by the create_lobby_match fixture RPC.
  std::function<std::string(const std::string& module, const Json& params)> createAuthoritativeMatch;
  // Set by the status area: whether a user is online (User.online).
  std::function<bool(const std::string& userId)> isOnline;
  // Set by the chat area: a user stopped being a member of a group (left, kicked, banned), so their
  // presences leave the group's chat channel (others get a leave event).
  std::function<void(const std::string& groupId, const std::string& userId)> leaveGroupChannel;
};

// What an area gets at registration. References stay valid for the server's lifetime.
struct AreaContext {
  const ServerConfig& config;
  Clock& clock;
  Router& router;
  Realtime& realtime;
  Accounts& accounts;
  Tokens& tokens;
  Notifications& notifications;
  Rpcs& rpcs;
  Scheduler& scheduler;
  Hooks& hooks;

  // Writes a line to stderr when config.log is set.
  void log(const std::string& line) const;
};

// ---- area registration ----
using AreaFn = void (*)(AreaContext&);
struct AreaRegistrar {
  AreaRegistrar(const char* name, AreaFn fn);
};
// All registered areas, sorted by name when the server starts.
std::vector<std::pair<std::string, AreaFn>>& areaRegistry();

#define NAKAMA_TEST_SERVER_AREA(name)                                                                                  \
  static void nakamaTestServerArea_##name(::nakama::testserver::AreaContext& ctx);                                     \
  static const ::nakama::testserver::AreaRegistrar nakamaTestServerAreaRegistrar_##name(#name,                         \
                                                                                        &nakamaTestServerArea_##name); \
  static void nakamaTestServerArea_##name(::nakama::testserver::AreaContext& ctx)

}  // namespace nakama::testserver
