// Chat channels: channel_join / channel_leave / channel_message_send / _update / _remove on the socket,
// channel_presence_event and channel_message pushes, and the persistent history behind
// GET /v2/channel/{channel_id}. Behaviour of Nakama 3.15.0 (see tests/server/README.md, "Realtime: chat,
// status, parties, socket").
//
// * Channel ids: room "2...<name>", group "3.<group id>..", direct message "4.<lower id>.<higher id>."
//   (a direct message with yourself is "4.<you>.<you>."). Ids sent by the client are parsed like the
//   server does (ids in any UUID spelling; a DM id is not reordered) and echoed unchanged in messages.
// * Join errors are code 3 "<reason>: Invalid channel target" (an empty target: just "Invalid channel
//   target"); an unknown type is "Invalid channel type". Joining again with the same socket changes
//   nothing (the reply then lists yourself among the presences).
// * The username in presences and messages is the session token's, not the account's current one.
// * Messages are broadcast to every member (sender included) before the sender's ack; they are stored when
//   the sender joined with persistence. Update/remove by a member who joined with persistence look the
//   message up by id among the caller's stored messages; without persistence nothing is looked up. The ack
//   carries the time of the update/remove as create_time; the broadcast carries the stored create time.
// * History: oldest first with forward=true (default), newest first otherwise; limit 1-100, default 1;
//   next/prev cursors as in 3.15. Unlike 3.15 messages keep their send order within a second.
#include <algorithm>
#include <set>

#include "areas/rt_shared.h"

namespace nakama::testserver {

namespace {

// A channel's presence stream: what 3.15 compares channels by.
struct ChannelKey {
  int mode = 0;  // 2 room, 3 group, 4 direct message
  std::string roomName;
  std::string groupId;    // canonical, "" for the nil UUID
  std::string userIdOne;  // direct message: the stream's subject
  std::string userIdTwo;  // direct message: the stream's subcontext

  // The canonical channel id.
  std::string id() const {
    switch (mode) {
      case 2: return "2..." + roomName;
      case 3: return "3." + groupId + "..";
      default: return "4." + userIdOne + "." + userIdTwo + ".";
    }
  }
  // The channel fields every channel message/event repeats.
  void write(Json& out) const {
    setIfNotEmpty(out, "room_name", roomName);
    setIfNotEmpty(out, "group_id", groupId);
    setIfNotEmpty(out, "user_id_one", userIdOne);
    setIfNotEmpty(out, "user_id_two", userIdTwo);
  }
};

constexpr const char* kNilUuidText = "00000000-0000-0000-0000-000000000000";

// An optional UUID component of a channel id: "" stays "", the nil UUID becomes "".
bool readIdPart(const std::string& part, std::string& out) {
  if (part.empty()) {
    out.clear();
    return true;
  }
  auto id = parseUuid(part);
  if (!id) return false;
  out = *id == kNilUuidText ? std::string() : *id;
  return true;
}

// "<mode>.<subject>.<subcontext>.<label>" (the label is everything after the third dot).
std::optional<ChannelKey> parseChannelId(const std::string& id) {
  std::size_t d1 = id.find('.');
  if (d1 == std::string::npos) return std::nullopt;
  std::size_t d2 = id.find('.', d1 + 1);
  if (d2 == std::string::npos) return std::nullopt;
  std::size_t d3 = id.find('.', d2 + 1);
  if (d3 == std::string::npos) return std::nullopt;
  const std::string mode = id.substr(0, d1);
  const std::string subject = id.substr(d1 + 1, d2 - d1 - 1);
  const std::string subcontext = id.substr(d2 + 1, d3 - d2 - 1);
  const std::string label = id.substr(d3 + 1);
  ChannelKey key;
  if (mode == "2") {
    if (!subject.empty() || !subcontext.empty() || label.empty() || label.size() > 64) return std::nullopt;
    key.mode = 2;
    key.roomName = label;
  } else if (mode == "3") {
    if (!subcontext.empty() || !label.empty() || !readIdPart(subject, key.groupId)) return std::nullopt;
    key.mode = 3;
  } else if (mode == "4") {
    if (!label.empty() || !readIdPart(subject, key.userIdOne) || !readIdPart(subcontext, key.userIdTwo))
      return std::nullopt;
    key.mode = 4;
  } else {
    return std::nullopt;
  }
  return key;
}

// Go's utf8.ValidString: no overlong forms, surrogates or code points above U+10FFFF.
bool validUtf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    unsigned lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const unsigned b = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return false;
    }
    i += extra + 1;
  }
  return true;
}

// POSIX [[:cntrl:]] as Go's regexp reads it: ASCII control characters only.
bool hasControlChars(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

bool isJsonObject(const std::string& text) {
  Json parsed = Json::parse(text, nullptr, false);
  return !parsed.is_discarded() && parsed.is_object();
}

struct Member {
  PresenceRef presence;
  bool persistence = true;
  bool hidden = false;
};

struct Channel {
  ChannelKey key;
  std::vector<Member> members;  // join order

  Member* find(const std::string& sessionId) {
    for (auto& m : members) {
      if (m.presence.sessionId == sessionId) return &m;
    }
    return nullptr;
  }
};

struct Message {
  std::string id;
  std::string channelId;  // as the client wrote it (pushes), or canonical (stored)
  ChannelKey key;
  std::int32_t code = 0;
  std::string senderId;
  std::string username;
  std::string content;
  std::int64_t createTime = 0;
  std::int64_t updateTime = 0;
  bool persistent = false;
  std::uint64_t seq = 0;
};

struct ChannelsState {
  std::map<std::string, Channel> channels;              // live channels by canonical id
  std::map<std::string, std::vector<Message>> history;  // stored messages by canonical id, send order
  std::uint64_t nextSeq = 1;

  // A stored message by id and sender, in any channel (3.15 does not check the channel).
  Message* stored(const std::string& messageId, const std::string& senderId, std::string* channelId = nullptr) {
    for (auto& [id, list] : history) {
      for (auto& m : list) {
        if (m.id == messageId && m.senderId == senderId) {
          if (channelId) *channelId = id;
          return &m;
        }
      }
    }
    return nullptr;
  }
};

// api.ChannelMessage. `stored`: as the history returns it (content re-rendered like JSONB).
Json messageJson(const Message& m, bool stored, const std::string& channelId) {
  Json out = Json::object();
  out["channel_id"] = channelId;
  out["message_id"] = m.id;
  out["code"] = m.code;  // Int32Value: always written
  out["sender_id"] = m.senderId;
  out["username"] = m.username;
  out["content"] = stored ? jsonbTextOf(m.content) : m.content;
  out["create_time"] = rfc3339(m.createTime);
  out["update_time"] = rfc3339(m.updateTime);
  out["persistent"] = m.persistent;  // BoolValue: always written
  m.key.write(out);
  return out;
}

Json ackJson(const Message& m, std::int64_t createTime, std::int64_t updateTime) {
  Json out = Json::object();
  out["channel_id"] = m.channelId;
  out["message_id"] = m.id;
  out["code"] = m.code;
  out["username"] = m.username;
  out["create_time"] = rfc3339(createTime);
  out["update_time"] = rfc3339(updateTime);
  out["persistent"] = m.persistent;
  m.key.write(out);
  return out;
}

// History cursors: base64 of {"c": canonical channel id, "s": boundary seq, "f": forward, "n": next page}.
struct Cursor {
  std::string channelId;
  std::uint64_t seq = 0;
  bool forward = true;
  bool next = true;
};

std::string encodeCursor(const Cursor& cursor) {
  Json c = Json::object();
  c["c"] = cursor.channelId;
  c["s"] = cursor.seq;
  c["f"] = cursor.forward;
  c["n"] = cursor.next;
  return base64Encode(c.dump());
}

std::optional<Cursor> decodeCursor(const std::string& text) {
  auto raw = base64Decode(text);
  Json c = raw ? Json::parse(*raw, nullptr, false) : Json();
  if (!c.is_object() || !c.contains("c") || !c["c"].is_string() || !c.contains("s") || !c["s"].is_number_unsigned() ||
      !c.contains("f") || !c["f"].is_boolean() || !c.contains("n") || !c["n"].is_boolean()) {
    return std::nullopt;
  }
  return Cursor{c["c"].get<std::string>(), c["s"].get<std::uint64_t>(), c["f"].get<bool>(), c["n"].get<bool>()};
}

[[noreturn]] void invalidTarget(const std::string& reason) {
  throw RealtimeError(RtCode::kBadInput, reason + ": Invalid channel target");
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(rt_channels) {
  auto state = std::make_shared<ChannelsState>();

  auto presenceEvent = [](const Channel& ch, const Json& joins, const Json& leaves) {
    Json ev = Json::object();
    ev["channel_id"] = ch.key.id();
    setIfNotEmpty(ev, "joins", joins);
    setIfNotEmpty(ev, "leaves", leaves);
    ch.key.write(ev);
    return Json{{"channel_presence_event", ev}};
  };

  auto broadcast = [&ctx](const Channel& ch, const Json& envelope) {
    const std::vector<Member> members = ch.members;
    for (const auto& m : members) ctx.realtime.send(m.presence.sessionId, envelope);
  };

  // Removes a session from a channel (leave event to the others when it was visible).
  auto leave = [state, presenceEvent, broadcast](const std::string& channelId, const std::string& sessionId) {
    auto it = state->channels.find(channelId);
    if (it == state->channels.end()) return;
    Channel& ch = it->second;
    auto m = std::find_if(ch.members.begin(), ch.members.end(),
                          [&](const Member& x) { return x.presence.sessionId == sessionId; });
    if (m == ch.members.end()) return;
    Member gone = *m;
    ch.members.erase(m);
    if (!gone.hidden && !ch.members.empty()) {
      broadcast(ch, presenceEvent(ch, Json(), Json::array({presenceJson(gone.presence, gone.persistence)})));
    }
    if (ch.members.empty()) state->channels.erase(it);
  };

  auto requireChannelId = [](const Json& payload) {
    auto key = parseChannelId(getString(payload, "channel_id"));
    if (!key) throw RealtimeError(RtCode::kBadInput, "Invalid channel identifier");
    return *key;
  };

  // The caller's membership, or nullptr.
  auto memberOf = [state](const ChannelKey& key, const std::string& sessionId) -> Member* {
    auto it = state->channels.find(key.id());
    return it == state->channels.end() ? nullptr : it->second.find(sessionId);
  };

  // ---- channel_join ----
  ctx.realtime.on("channel_join", [state, &ctx, presenceEvent, broadcast](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"target", "type", "persistence", "hidden"});
    const std::string target = getString(call.payload, "target");
    const int type = optInt32(call.payload, "type").value_or(0);
    const bool persistence = optBool(call.payload, "persistence").value_or(true);
    const bool hidden = optBool(call.payload, "hidden").value_or(false);
    const RtSession& s = call.session;

    if (target.empty()) throw RealtimeError(RtCode::kBadInput, "Invalid channel target");
    ChannelKey key;
    switch (type) {
      case 0:
      case 1:
        if (target.size() > 64) invalidTarget("Channel name is required and must be 1-64 chars");
        if (hasControlChars(target)) invalidTarget("Channel name must not contain control chars");
        if (!validUtf8(target)) invalidTarget("Channel name must only contain valid UTF-8 bytes");
        key.mode = 2;
        key.roomName = target;
        break;
      case 2: {
        auto other = parseUuid(target);
        if (!other || *other == kNilUuidText) invalidTarget("Invalid user ID in direct message join");
        // The other user must exist and must not have blocked the caller (yourself is allowed).
        if (!ctx.accounts.byId(*other) || (*other != s.userId && hasBlocked(ctx, *other, s.userId)))
          invalidTarget("User ID not found");
        key.mode = 4;
        key.userIdOne = std::min(*other, s.userId);
        key.userIdTwo = std::max(*other, s.userId);
        break;
      }
      case 3: {
        auto groupId = parseUuid(target);
        if (!groupId) invalidTarget("Invalid group ID in group channel join");
        auto membership = groupMembership(ctx, s.userId, *groupId);
        if (!membership || *membership > 2) invalidTarget("Group not found");
        key.mode = 3;
        key.groupId = *groupId;
        break;
      }
      default: throw RealtimeError(RtCode::kBadInput, "Invalid channel type");
    }

    const std::string channelId = key.id();
    Channel& ch = state->channels[channelId];
    ch.key = key;
    // Joining again keeps the first join's persistence and hidden flags.
    const bool isNew = ch.find(s.sessionId) == nullptr;
    if (isNew) ch.members.push_back(Member{presenceOf(s), persistence, hidden});
    const Member self = *ch.find(s.sessionId);

    if (isNew && !self.hidden) {
      broadcast(ch, presenceEvent(ch, Json::array({presenceJson(self.presence, self.persistence)}), Json()));
    }
    // A new member of a DM invites the other user unless that user is visibly in the channel.
    if (isNew && key.mode == 4) {
      const std::string other = key.userIdOne == s.userId ? key.userIdTwo : key.userIdOne;
      const bool otherPresent = std::any_of(ch.members.begin(), ch.members.end(),
                                            [&](const Member& m) { return !m.hidden && m.presence.userId == other; });
      if (!otherPresent) {
        Json content = Json::object();
        content["username"] = s.username;
        ctx.notifications.notify(other, notification_code::kDmRequest, s.username + " wants to chat", content, s.userId,
                                 true);
      }
    }

    Json out = Json::object();
    out["id"] = channelId;
    Json presences = Json::array();
    for (const auto& m : ch.members) {
      if (m.hidden || (isNew && m.presence.sessionId == s.sessionId)) continue;
      presences.push_back(presenceJson(m.presence, m.persistence));
    }
    setIfNotEmpty(out, "presences", presences);
    out["self"] = presenceJson(presenceOf(s), persistence);
    key.write(out);
    call.reply(Json{{"channel", out}});
  });

  // ---- channel_leave ----
  ctx.realtime.on("channel_leave", [leave, requireChannelId](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"channel_id"});
    ChannelKey key = requireChannelId(call.payload);
    call.reply();
    leave(key.id(), call.session.sessionId);
  });

  // ---- channel_message_send ----
  ctx.realtime.on("channel_message_send", [state, &ctx, broadcast, requireChannelId, memberOf](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"channel_id", "content"});
    ChannelKey key = requireChannelId(call.payload);
    const std::string content = getString(call.payload, "content");
    if (!isJsonObject(content)) throw RealtimeError(RtCode::kBadInput, "Message content must be a valid JSON object");
    Member* me = memberOf(key, call.session.sessionId);
    if (!me) throw RealtimeError(RtCode::kBadInput, "Must join channel before sending messages");

    Message m;
    m.id = newUuid();
    m.channelId = getString(call.payload, "channel_id");
    m.key = key;
    m.code = 0;
    m.senderId = call.session.userId;
    m.username = call.session.username;
    m.content = content;
    m.createTime = m.updateTime = ctx.clock.unix();
    m.persistent = me->persistence;
    m.seq = state->nextSeq++;
    if (m.persistent) {
      Message stored = m;
      stored.channelId = key.id();
      state->history[key.id()].push_back(stored);
    }
    broadcast(state->channels[key.id()], Json{{"channel_message", messageJson(m, false, m.channelId)}});
    call.reply(Json{{"channel_message_ack", ackJson(m, m.createTime, m.updateTime)}});
  });

  // Shared by update (code 1) and remove (code 2).
  auto changeMessage = [state, &ctx, broadcast, requireChannelId, memberOf](RealtimeCall& call, bool remove) {
    if (remove) {
      allowOnlyFields(call.payload, {"channel_id", "message_id"});
    } else {
      allowOnlyFields(call.payload, {"channel_id", "message_id", "content"});
    }
    const std::string rawMessageId = getString(call.payload, "message_id");
    auto messageId = parseUuid(rawMessageId);
    if (!messageId) throw RealtimeError(RtCode::kBadInput, "Invalid message identifier");
    ChannelKey key = requireChannelId(call.payload);
    std::string content = "{}";
    if (!remove) {
      content = getString(call.payload, "content");
      if (!isJsonObject(content)) throw RealtimeError(RtCode::kBadInput, "Message content must be a valid JSON object");
    }
    Member* me = memberOf(key, call.session.sessionId);
    if (!me) {
      throw RealtimeError(RtCode::kBadInput, remove ? "Must join channel before removing messages"
                                                    : "Must join channel before updating messages");
    }
    const std::int64_t now = ctx.clock.unix();
    Message m;
    m.id = rawMessageId;
    m.channelId = getString(call.payload, "channel_id");
    m.key = key;
    m.code = remove ? 2 : 1;
    m.senderId = call.session.userId;
    m.username = call.session.username;
    m.content = content;
    m.createTime = m.updateTime = now;
    m.persistent = me->persistence;
    if (m.persistent) {
      std::string storedIn;
      Message* stored = state->stored(*messageId, call.session.userId, &storedIn);
      if (!stored) {
        throw RealtimeError(RtCode::kBadInput, remove ? "Could not find message to remove in channel history"
                                                      : "Could not find message to update in channel history");
      }
      m.createTime = stored->createTime;
      if (remove) {
        auto& list = state->history[storedIn];
        list.erase(std::remove_if(list.begin(), list.end(), [&](const Message& x) { return x.id == *messageId; }),
                   list.end());
      } else {
        stored->updateTime = now;
        stored->username = call.session.username;
        stored->content = content;
      }
    }
    broadcast(state->channels[key.id()], Json{{"channel_message", messageJson(m, false, m.channelId)}});
    call.reply(Json{{"channel_message_ack", ackJson(m, now, now)}});
  };
  ctx.realtime.on("channel_message_update", [changeMessage](RealtimeCall& call) { changeMessage(call, false); });
  ctx.realtime.on("channel_message_remove", [changeMessage](RealtimeCall& call) { changeMessage(call, true); });

  // ---- history ----
  ctx.router.add("GET", "/v2/channel/{channel_id}", Auth::kSession, [state, &ctx](Request& req) {
    const std::string channelId = req.param("channel_id");
    if (channelId.empty()) throw ApiError(GrpcCode::kInvalidArgument, "Invalid channel ID.");
    int limit = 1;
    if (auto l = req.queryInt32("limit")) {
      if (*l < 1 || *l > 100)
        throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 100.");
      limit = *l;
    }
    const bool forward = req.queryBool("forward").value_or(true);
    auto key = parseChannelId(channelId);
    if (!key) throw ApiError(GrpcCode::kInvalidArgument, "Invalid channel ID.");
    std::optional<Cursor> cursor;
    if (auto c = req.queryValue("cursor"); c && !c->empty()) {
      cursor = decodeCursor(*c);
      if (!cursor || cursor->forward != forward || cursor->channelId != key->id())
        throw ApiError(GrpcCode::kInvalidArgument, "Cursor is invalid or expired.");
    }
    // Only group channels check the caller (3.15 lets anyone read a direct message history).
    if (key->mode == 3) {
      auto membership = groupMembership(ctx, req.user.userId, key->groupId);
      if (!membership || *membership > 2) throw ApiError(GrpcCode::kInvalidArgument, "Group not found.");
    }

    // The rows the query would return, in its order: ascending after/from the start, or descending.
    std::vector<const Message*> rows;
    if (auto it = state->history.find(key->id()); it != state->history.end()) {
      for (const auto& m : it->second) rows.push_back(&m);
    }
    bool ascending = forward;
    if (cursor) {
      ascending = forward == cursor->next;
      const std::uint64_t bound = cursor->seq;
      rows.erase(std::remove_if(rows.begin(), rows.end(),
                                [&](const Message* m) { return ascending ? m->seq <= bound : m->seq >= bound; }),
                 rows.end());
    }
    if (!ascending) std::reverse(rows.begin(), rows.end());

    std::vector<const Message*> page;
    std::optional<Cursor> next, prev;
    for (const Message* m : rows) {
      if (page.size() >= static_cast<std::size_t>(limit)) {
        next = Cursor{key->id(), page.back()->seq, forward, true};
        break;
      }
      page.push_back(m);
      if (cursor && !prev) prev = Cursor{key->id(), m->seq, forward, false};
    }
    if (cursor && !cursor->next) {
      // A previous-page listing: back to listing order, cursors swapped.
      std::swap(next, prev);
      if (next) next->next = true;
      if (prev) prev->next = false;
      std::reverse(page.begin(), page.end());
    }
    std::optional<Cursor> cacheable;
    if (!page.empty()) {
      cacheable = Cursor{key->id(), page.back()->seq, true, true};
    } else if (cursor) {
      cacheable = *cursor;
      if (!forward) cacheable->forward = cacheable->next = true;
    }

    Json out = Json::object();
    Json messages = Json::array();
    for (const Message* m : page) messages.push_back(messageJson(*m, true, channelId));
    setIfNotEmpty(out, "messages", messages);
    if (next) out["next_cursor"] = encodeCursor(*next);
    if (prev) out["prev_cursor"] = encodeCursor(*prev);
    if (cacheable) out["cacheable_cursor"] = encodeCursor(*cacheable);
    return out;
  });

  // Group membership events, for the groups area (see RtServices::groupChannelEvent).
  perServer<RtServices>(ctx)->groupChannelEvent = [state, &ctx, broadcast](const std::string& groupId,
                                                                           const std::string& userId, int code) {
    ChannelKey key;
    key.mode = 3;
    key.groupId = groupId;
    Message m;
    m.id = newUuid();
    m.channelId = key.id();
    m.key = key;
    m.code = code;
    m.senderId = userId;
    if (const Account* a = ctx.accounts.byId(userId)) m.username = a->username;
    m.content = "{}";
    m.createTime = m.updateTime = ctx.clock.unix();
    m.persistent = true;
    m.seq = state->nextSeq++;
    state->history[m.channelId].push_back(m);
    if (auto it = state->channels.find(m.channelId); it != state->channels.end()) {
      broadcast(it->second, Json{{"channel_message", messageJson(m, false, m.channelId)}});
    }
  };

  // A user stopped being a member of a group (left, kicked, banned): every socket of theirs leaves the
  // group channel, and the others present get the presence leave.
  ctx.hooks.leaveGroupChannel = [state, leave](const std::string& groupId, const std::string& userId) {
    ChannelKey key;
    key.mode = 3;
    key.groupId = groupId;
    auto it = state->channels.find(key.id());
    if (it == state->channels.end()) return;
    std::vector<std::string> sessions;
    for (const auto& m : it->second.members) {
      if (m.presence.userId == userId) sessions.push_back(m.presence.sessionId);
    }
    for (const auto& sessionId : sessions) leave(key.id(), sessionId);
  };

  ctx.realtime.onDisconnect([state, leave](const RtSession& s) {
    std::vector<std::string> ids;
    for (auto& [id, ch] : state->channels) {
      if (ch.find(s.sessionId)) ids.push_back(id);
    }
    for (const auto& id : ids) leave(id, s.sessionId);
  });

  ctx.accounts.onDelete([state](const Account& a) {
    for (auto& [id, list] : state->history) {
      list.erase(std::remove_if(list.begin(), list.end(), [&](const Message& m) { return m.senderId == a.id; }),
                 list.end());
    }
  });
}

}  // namespace nakama::testserver
