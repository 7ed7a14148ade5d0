// Chat channels: channel_join / channel_leave / channel_message_send / _update / _remove on the socket,
// channel_presence_event and channel_message pushes, and the persistent history behind
// GET /v2/channel/{channel_id} (reference §3.2, §3.3, §6, captures §3.5a/c, addenda 7 and 16).
//
// * Channel ids: room "2...<name>", group "3.<group id>..", direct message "4.<lower id>.<higher id>.".
// * Join: type 0/1 room (name 1-64 bytes, valid UTF-8, no control characters), 2 direct message (an
//   existing user other than yourself who has not blocked you; the other user gets notification -1
//   "<you> wants to chat" when none of their sockets is in the channel), 3 group (you must be a member,
//   state <= 2). persistence defaults to true, hidden to false. The reply lists the other visible
//   presences; a channel_presence_event with the join goes to every member (the joiner included) unless
//   the joiner is hidden.
// * Messages are broadcast to every member (sender included) before the sender's ack; they are stored
//   when the sender joined with persistence. Update/remove act on your own messages (code 1 / 2; a removed
//   message is broadcast with content "{}" and leaves the history).
// * History: oldest first with forward=true (default), newest first otherwise; limit 1-100, default 1;
//   next_cursor while more messages follow, prev_cursor after a cursor was used, cacheable_cursor to poll
//   for newer messages. Unlike 3.15 (addendum 16) messages keep their send order within a second.
#include <algorithm>
#include <set>

#include "areas/rt_shared.h"

namespace nakama::testserver {

namespace {

struct ChannelKey {
  int mode = 0;  // 2 room, 3 group, 4 direct message
  std::string roomName;
  std::string groupId;
  std::string userIdOne;
  std::string userIdTwo;

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

std::string lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
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
    if (!isUuid(subject) || !subcontext.empty() || !label.empty()) return std::nullopt;
    key.mode = 3;
    key.groupId = lowercase(subject);
  } else if (mode == "4") {
    if (!isUuid(subject) || !isUuid(subcontext) || !label.empty()) return std::nullopt;
    key.mode = 4;
    key.userIdOne = lowercase(subject);
    key.userIdTwo = lowercase(subcontext);
    if (key.userIdOne >= key.userIdTwo) return std::nullopt;
  } else {
    return std::nullopt;
  }
  return key;
}

bool validUtf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if ((c >> 5) == 0x6) {
      extra = 1;
    } else if ((c >> 4) == 0xE) {
      extra = 2;
    } else if ((c >> 3) == 0x1E) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= s.size() && extra > 0) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

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
  std::string channelId;
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
  std::map<std::string, Channel> channels;               // live channels by id
  std::map<std::string, std::vector<Message>> history;   // persistent messages by channel id, send order
  std::map<std::string, Message> recent;                 // non-persistent messages by id (for update/remove)
  std::uint64_t nextSeq = 1;

  Message* stored(const std::string& channelId, const std::string& messageId) {
    auto it = history.find(channelId);
    if (it == history.end()) return nullptr;
    for (auto& m : it->second) {
      if (m.id == messageId) return &m;
    }
    return nullptr;
  }
};

// api.ChannelMessage. `stored`: as the history returns it (content re-rendered like JSONB).
Json messageJson(const Message& m, bool stored) {
  Json out = Json::object();
  out["channel_id"] = m.channelId;
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

// History cursors: base64 of {"s": boundary seq, "f": forward, "n": true for a next-page cursor}.
std::string encodeCursor(std::uint64_t seq, bool forward, bool next) {
  Json c = Json::object();
  c["s"] = seq;
  c["f"] = forward;
  c["n"] = next;
  return base64Encode(c.dump(), true, false);
}

struct Cursor {
  std::uint64_t seq = 0;
  bool forward = true;
  bool next = true;
};

Cursor decodeCursor(const std::string& text) {
  auto raw = base64Decode(text);
  Json c = raw ? Json::parse(*raw, nullptr, false) : Json();
  if (!c.is_object() || !c.contains("s") || !c["s"].is_number_unsigned() || !c.contains("f") || !c["f"].is_boolean() ||
      !c.contains("n") || !c["n"].is_boolean()) {
    throw ApiError(GrpcCode::kInvalidArgument, "Cursor is invalid or expired.");
  }
  return Cursor{c["s"].get<std::uint64_t>(), c["f"].get<bool>(), c["n"].get<bool>()};
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
    const std::string id = getString(payload, "channel_id");
    auto key = parseChannelId(id);
    if (!key) throw RealtimeError(RtCode::kBadInput, "Invalid channel identifier");
    return *key;
  };

  // ---- channel_join ----
  ctx.realtime.on("channel_join", [state, &ctx, presenceEvent, broadcast](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"target", "type", "persistence", "hidden"});
    const std::string target = getString(call.payload, "target");
    const int type = optInt32(call.payload, "type").value_or(0);
    const bool persistence = optBool(call.payload, "persistence").value_or(true);
    const bool hidden = optBool(call.payload, "hidden").value_or(false);
    const RtSession& s = call.session;

    ChannelKey key;
    switch (type) {
      case 0:
      case 1:
        if (target.empty() || target.size() > 64)
          throw RealtimeError(RtCode::kBadInput, "Channel name is required and must be 1-64 chars");
        if (hasControlChars(target)) throw RealtimeError(RtCode::kBadInput, "Channel name must not contain control chars");
        if (!validUtf8(target)) throw RealtimeError(RtCode::kBadInput, "Channel name must only contain valid UTF-8 bytes");
        key.mode = 2;
        key.roomName = target;
        break;
      case 2: {
        if (!isUuid(target)) throw RealtimeError(RtCode::kBadInput, "Invalid user ID in direct message join");
        const std::string other = lowercase(target);
        if (other == s.userId) throw RealtimeError(RtCode::kBadInput, "Cannot open direct message channel with self");
        if (!ctx.accounts.byId(other) || hasBlocked(ctx, other, s.userId))
          throw RealtimeError(RtCode::kBadInput, "User ID not found");
        key.mode = 4;
        key.userIdOne = std::min(other, s.userId);
        key.userIdTwo = std::max(other, s.userId);
        break;
      }
      case 3: {
        if (!isUuid(target)) throw RealtimeError(RtCode::kBadInput, "Invalid group ID in group channel join");
        const std::string groupId = lowercase(target);
        auto membership = groupMembership(ctx, s.userId, groupId);
        if (!membership || *membership > 2) throw RealtimeError(RtCode::kBadInput, "Group not found");
        key.mode = 3;
        key.groupId = groupId;
        break;
      }
      default:
        throw RealtimeError(RtCode::kBadInput, "Invalid channel type");
    }

    const std::string channelId = key.id();
    Channel& ch = state->channels[channelId];
    ch.key = key;
    Member* existing = ch.find(s.sessionId);
    const bool isNew = existing == nullptr;
    if (isNew) ch.members.push_back(Member{presenceOf(s), persistence, hidden});
    const Member self = *ch.find(s.sessionId);

    if (isNew && !self.hidden) {
      broadcast(ch, presenceEvent(ch, Json::array({presenceJson(self.presence, self.persistence)}), Json()));
    }
    if (key.mode == 4) {
      const std::string other = key.userIdOne == s.userId ? key.userIdTwo : key.userIdOne;
      bool otherPresent = false;
      for (const auto& m : ch.members) otherPresent = otherPresent || m.presence.userId == other;
      if (!otherPresent) {
        Json content = Json::object();
        content["username"] = s.username;
        ctx.notifications.notify(other, notification_code::kDmRequest, s.username + " wants to chat", content,
                                 s.userId, true);
      }
    }

    Json out = Json::object();
    out["id"] = channelId;
    Json presences = Json::array();
    for (const auto& m : ch.members) {
      if (m.presence.sessionId == s.sessionId || m.hidden) continue;
      presences.push_back(presenceJson(m.presence, m.persistence));
    }
    setIfNotEmpty(out, "presences", presences);
    out["self"] = presenceJson(self.presence, self.persistence);
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
  ctx.realtime.on("channel_message_send", [state, &ctx, broadcast, requireChannelId](RealtimeCall& call) {
    allowOnlyFields(call.payload, {"channel_id", "content"});
    ChannelKey key = requireChannelId(call.payload);
    const std::string content = getString(call.payload, "content");
    if (!isJsonObject(content)) throw RealtimeError(RtCode::kBadInput, "Message content must be a valid JSON object");
    const std::string channelId = key.id();
    auto it = state->channels.find(channelId);
    Member* me = it == state->channels.end() ? nullptr : it->second.find(call.session.sessionId);
    if (!me) throw RealtimeError(RtCode::kBadInput, "Must join channel before sending messages");

    Message m;
    m.id = newUuid();
    m.channelId = channelId;
    m.key = key;
    m.code = 0;
    m.senderId = call.session.userId;
    m.username = call.session.username;
    m.content = content;
    m.createTime = m.updateTime = ctx.clock.unix();
    m.persistent = me->persistence;
    m.seq = state->nextSeq++;
    if (m.persistent) {
      state->history[channelId].push_back(m);
    } else {
      state->recent[m.id] = m;
      if (state->recent.size() > 10000) state->recent.clear();
    }
    broadcast(it->second, Json{{"channel_message", messageJson(m, false)}});
    call.reply(Json{{"channel_message_ack", ackJson(m, m.createTime, m.updateTime)}});
  });

  // Shared by update (code 1) and remove (code 2).
  auto changeMessage = [state, &ctx, broadcast, requireChannelId](RealtimeCall& call, bool remove) {
    if (remove) {
      allowOnlyFields(call.payload, {"channel_id", "message_id"});
    } else {
      allowOnlyFields(call.payload, {"channel_id", "message_id", "content"});
    }
    ChannelKey key = requireChannelId(call.payload);
    const std::string messageId = lowercase(getString(call.payload, "message_id"));
    if (!isUuid(messageId)) throw RealtimeError(RtCode::kBadInput, "Invalid message identifier");
    std::string content = "{}";
    if (!remove) {
      content = getString(call.payload, "content");
      if (!isJsonObject(content)) throw RealtimeError(RtCode::kBadInput, "Message content must be a valid JSON object");
    }
    const std::string channelId = key.id();
    auto it = state->channels.find(channelId);
    Member* me = it == state->channels.end() ? nullptr : it->second.find(call.session.sessionId);
    if (!me) {
      throw RealtimeError(RtCode::kBadInput,
                          remove ? "Must join channel before removing messages" : "Must join channel before updating messages");
    }
    const char* notFound = remove ? "Could not find message to remove in channel history"
                                  : "Could not find message to update in channel history";
    const std::int64_t now = ctx.clock.unix();
    Message m;
    if (Message* stored = state->stored(channelId, messageId)) {
      if (stored->senderId != call.session.userId) throw RealtimeError(RtCode::kBadInput, notFound);
      stored->updateTime = now;
      if (!remove) stored->content = content;
      m = *stored;
      if (remove) {
        auto& list = state->history[channelId];
        list.erase(std::remove_if(list.begin(), list.end(), [&](const Message& x) { return x.id == messageId; }),
                   list.end());
      }
    } else if (auto r = state->recent.find(messageId);
               r != state->recent.end() && r->second.channelId == channelId && r->second.senderId == call.session.userId) {
      r->second.updateTime = now;
      if (!remove) r->second.content = content;
      m = r->second;
      if (remove) state->recent.erase(r);
    } else {
      throw RealtimeError(RtCode::kBadInput, notFound);
    }
    m.code = remove ? 2 : 1;
    m.content = content;
    m.username = call.session.username;
    broadcast(it->second, Json{{"channel_message", messageJson(m, false)}});
    call.reply(Json{{"channel_message_ack", ackJson(m, remove ? now : m.createTime, now)}});
  };
  ctx.realtime.on("channel_message_update", [changeMessage](RealtimeCall& call) { changeMessage(call, false); });
  ctx.realtime.on("channel_message_remove", [changeMessage](RealtimeCall& call) { changeMessage(call, true); });

  // ---- history ----
  ctx.router.add("GET", "/v2/channel/{channel_id}", Auth::kSession, [state, &ctx](Request& req) {
    auto key = parseChannelId(req.param("channel_id"));
    if (!key) throw ApiError(GrpcCode::kInvalidArgument, "Invalid channel ID.");
    int limit = 1;
    if (auto l = req.queryInt32("limit")) {
      if (*l < 1 || *l > 100) throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 100.");
      limit = *l;
    }
    bool forward = req.queryBool("forward").value_or(true);
    std::optional<Cursor> cursor;
    if (auto c = req.queryValue("cursor"); c && !c->empty()) cursor = decodeCursor(*c);
    if (key->mode == 3) {
      auto membership = groupMembership(ctx, req.user.userId, key->groupId);
      if (!membership || *membership > 2) throw ApiError(GrpcCode::kInvalidArgument, "Group not found.");
    } else if (key->mode == 4) {
      if (req.user.userId != key->userIdOne && req.user.userId != key->userIdTwo)
        throw ApiError(GrpcCode::kInvalidArgument, "Invalid channel ID.");
    }
    if (cursor) forward = cursor->forward;

    std::vector<const Message*> all;  // send order
    if (auto it = state->history.find(key->id()); it != state->history.end()) {
      for (const auto& m : it->second) all.push_back(&m);
    }
    // Ordered in listing direction.
    if (!forward) std::reverse(all.begin(), all.end());
    auto before = [forward](std::uint64_t a, std::uint64_t b) { return forward ? a < b : a > b; };

    std::vector<const Message*> page;
    bool moreAfter = false;   // more messages beyond the page in listing direction
    bool moreBefore = false;  // messages before the page
    if (!cursor || cursor->next) {
      std::vector<const Message*> rest;
      for (const Message* m : all) {
        if (!cursor || before(cursor->seq, m->seq)) rest.push_back(m);
      }
      moreBefore = cursor.has_value();
      for (std::size_t i = 0; i < rest.size(); ++i) {
        if (i < static_cast<std::size_t>(limit)) page.push_back(rest[i]);
      }
      moreAfter = rest.size() > static_cast<std::size_t>(limit);
    } else {
      std::vector<const Message*> prior;
      for (const Message* m : all) {
        if (before(m->seq, cursor->seq)) prior.push_back(m);
      }
      std::size_t start = prior.size() > static_cast<std::size_t>(limit) ? prior.size() - static_cast<std::size_t>(limit) : 0;
      for (std::size_t i = start; i < prior.size(); ++i) page.push_back(prior[i]);
      moreBefore = start > 0;
      moreAfter = true;
    }

    Json out = Json::object();
    Json messages = Json::array();
    for (const Message* m : page) messages.push_back(messageJson(*m, true));
    setIfNotEmpty(out, "messages", messages);
    if (!page.empty()) {
      if (moreAfter) out["next_cursor"] = encodeCursor(page.back()->seq, forward, true);
      if (moreBefore) out["prev_cursor"] = encodeCursor(page.front()->seq, forward, false);
      std::uint64_t newest = 0;
      for (const Message* m : page) newest = std::max(newest, m->seq);
      out["cacheable_cursor"] = encodeCursor(newest, true, true);
    }
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
      broadcast(it->second, Json{{"channel_message", messageJson(m, false)}});
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
