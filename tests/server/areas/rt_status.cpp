// Realtime status: status_follow / status_unfollow / status_update and status_presence_event
// as Nakama 3.15.0 does them (see tests/server/README.md, "Realtime: chat, status, parties, socket").
//
// * Every socket follows its own user on connect. With `status=true` it appears online at once (status
//   "") and receives its own join.
// * A socket that appears online is a presence on its user's status stream; followers of that user (every
//   socket following it, the user's own sockets included) receive joins and leaves. A status change is a
//   join with the new status plus a leave with the old one, in one event.
// * status_update without `status` appears offline (a leave); `{"status":""}` is online without a status.
// * status_follow replies with the current presences (status included) of the followed users that are
//   online; the caller itself and unknown users are skipped. User ids may be in any UUID spelling.
// * status_update: at most 2048 bytes (UTF-8), "Status must be 2048 characters or less" otherwise.
// * Presences carry the session token's username.
// * User.online (GET /v2/user, friends, groups) is true while one of the user's sockets appears online.
#include <set>

#include "areas/rt_shared.h"

namespace nakama::testserver {

namespace {

struct OnlineSession {
  PresenceRef presence;
  std::string status;
};

struct StatusState {
  std::map<std::string, std::map<std::string, OnlineSession>> online;  // user id -> session id -> presence
  std::map<std::string, std::set<std::string>> follows;                // session id -> followed user ids
  std::map<std::string, std::set<std::string>> followers;              // user id -> following session ids

  void follow(const std::string& sessionId, const std::string& userId) {
    follows[sessionId].insert(userId);
    followers[userId].insert(sessionId);
  }
  void unfollow(const std::string& sessionId, const std::string& userId) {
    follows[sessionId].erase(userId);
    auto it = followers.find(userId);
    if (it != followers.end()) {
      it->second.erase(sessionId);
      if (it->second.empty()) followers.erase(it);
    }
  }
  const OnlineSession* onlineSession(const std::string& userId, const std::string& sessionId) const {
    auto u = online.find(userId);
    if (u == online.end()) return nullptr;
    auto s = u->second.find(sessionId);
    return s == u->second.end() ? nullptr : &s->second;
  }
};

}  // namespace

NAKAMA_TEST_SERVER_AREA(rt_status) {
  auto state = std::make_shared<StatusState>();

  // Sends {joins, leaves} about `userId` to every socket following that user.
  auto broadcast = [state, &ctx](const std::string& userId, const std::vector<OnlineSession>& joins,
                                 const std::vector<OnlineSession>& leaves) {
    Json ev = Json::object();
    Json j = Json::array();
    for (const auto& s : joins) j.push_back(presenceJson(s.presence, false, s.status));
    Json l = Json::array();
    for (const auto& s : leaves) l.push_back(presenceJson(s.presence, false, s.status));
    setIfNotEmpty(ev, "joins", j);
    setIfNotEmpty(ev, "leaves", l);
    auto it = state->followers.find(userId);
    if (it == state->followers.end()) return;
    const std::set<std::string> targets = it->second;
    for (const auto& sessionId : targets) ctx.realtime.send(sessionId, Json{{"status_presence_event", ev}});
  };

  // Appear online with `status` (or change it), or go offline when `status` is nullopt.
  auto setStatus = [state, broadcast](const PresenceRef& p, const std::optional<std::string>& status) {
    const OnlineSession* current = state->onlineSession(p.userId, p.sessionId);
    std::optional<OnlineSession> old;
    if (current) old = *current;
    if (!status) {
      if (!old) return;
      auto& sessions = state->online[p.userId];
      sessions.erase(p.sessionId);
      if (sessions.empty()) state->online.erase(p.userId);
      broadcast(p.userId, {}, {*old});
      return;
    }
    OnlineSession now{p, *status};
    state->online[p.userId][p.sessionId] = now;
    if (old) {
      broadcast(p.userId, {now}, {*old});
    } else {
      broadcast(p.userId, {now}, {});
    }
  };

  ctx.hooks.isOnline = [state](const std::string& userId) {
    auto it = state->online.find(userId);
    return it != state->online.end() && !it->second.empty();
  };

  ctx.realtime.onConnect([state, setStatus](const RtSession& s) {
    state->follow(s.sessionId, s.userId);
    if (s.status) setStatus(presenceOf(s), std::string());
  });

  ctx.realtime.onDisconnect([state, broadcast](const RtSession& s) {
    // Unfollow everything first: the leaving socket receives nothing more.
    auto f = state->follows.find(s.sessionId);
    if (f != state->follows.end()) {
      const std::set<std::string> followed = f->second;
      for (const auto& userId : followed) state->unfollow(s.sessionId, userId);
      state->follows.erase(s.sessionId);
    }
    if (const OnlineSession* current = state->onlineSession(s.userId, s.sessionId)) {
      OnlineSession old = *current;
      auto& sessions = state->online[s.userId];
      sessions.erase(s.sessionId);
      if (sessions.empty()) state->online.erase(s.userId);
      broadcast(s.userId, {}, {old});
    }
  });

  ctx.realtime.on("status_follow", [state, &ctx](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"user_ids", "usernames"});
    const auto ids = getStringList(call.payload, "user_ids");
    const auto usernames = getStringList(call.payload, "usernames");
    std::vector<std::string> targets;
    auto add = [&targets](const std::string& id) {
      if (std::find(targets.begin(), targets.end(), id) == targets.end()) targets.push_back(id);
    };
    std::vector<std::string> validIds;
    for (const auto& id : ids) {
      auto uuid = parseUuid(id);
      if (!uuid) throw RealtimeError(RtCode::kBadInput, "Invalid user identifier");
      validIds.push_back(*uuid);
    }
    for (const auto& name : usernames) {
      if (name.empty()) throw RealtimeError(RtCode::kBadInput, "Invalid username");
    }
    // Yourself (by id, by the session's username, or found by username) is skipped, as are unknown users.
    for (const auto& id : validIds) {
      if (id == call.session.userId) continue;
      if (ctx.accounts.byId(id)) add(id);
    }
    for (const auto& name : usernames) {
      if (name == call.session.username) continue;
      const Account* a = ctx.accounts.byUsername(name);
      if (!a || a->id == call.session.userId) continue;
      add(a->id);
    }
    Json presences = Json::array();
    for (const auto& userId : targets) {
      state->follow(call.session.sessionId, userId);
      auto it = state->online.find(userId);
      if (it == state->online.end()) continue;
      for (const auto& [sessionId, s] : it->second) presences.push_back(presenceJson(s.presence, false, s.status));
    }
    Json status = Json::object();
    setIfNotEmpty(status, "presences", presences);
    call.reply(Json{{"status", status}});
  });

  ctx.realtime.on("status_unfollow", [state](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"user_ids"});
    const auto ids = getStringList(call.payload, "user_ids");
    std::vector<std::string> valid;
    for (const auto& id : ids) {
      auto uuid = parseUuid(id);
      if (!uuid) throw RealtimeError(RtCode::kBadInput, "Invalid user identifier");
      valid.push_back(*uuid);
    }
    for (const auto& id : valid) {
      if (id == call.session.userId) continue;  // a socket always follows its own user
      state->unfollow(call.session.sessionId, id);
    }
    call.reply();
  });

  ctx.realtime.on("status_update", [setStatus](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"status"});
    auto status = optString(call.payload, "status");
    // 3.15 counts bytes, although the message says characters.
    if (status && status->size() > 2048) {
      throw RealtimeError(RtCode::kBadInput, "Status must be 2048 characters or less");
    }
    // The ack goes out first, then the presence event.
    call.reply();
    setStatus(presenceOf(call.session), status);
  });
}

}  // namespace nakama::testserver
