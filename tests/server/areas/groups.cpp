// Groups: /v2/group and /v2/user/{user_id}/group, as Nakama 3.15 does them (api_group.go, core_group.go).
// The rules, with the server's texts, are listed in tests/server/README.md ("Friends and groups"); in short:
//
// * States: 0 superadmin, 1 admin, 2 member, 3 join request, 4 banned. edge_count counts states 0..2;
//   whenever it changes, and on update, the group's update_time changes too.
// * join: the full check comes first (even for closed groups and current members); then members,
//   requesters and banned users are left as they are; a closed group records a join request (admins get
//   notification -5), an open one a member.
// * leave: no-op when not in the group or banned; the last superadmin cannot leave.
// * add/kick/ban/promote/demote need an admin or superadmin caller (404 otherwise) and skip the caller.
//   add: any unknown user fails the whole call; new users and join requests become members (notification
//   -4 {"group_id","name"}); members and banned users are left alone. kick: a superadmin removes anyone,
//   an admin members, requests and bans (kicking a ban lifts it). ban: the same targets as kick, then
//   banned; 3.15 writes the ban rows of one call with one position, so only the first user of a call
//   stays banned, the others are just removed. promote: states 1..2 above the caller's go one up
//   (requests untouched). demote: the caller's own state and below, down to member.
// * Membership events go to the group channel (RtServices::groupChannelEvent: 3 join, 4 add, 5 leave,
//   6 kick, 7 promote, 8 ban, 9 demote) only for members (not requests or bans), except leave, which is
//   recorded whatever the state; users leaving, kicked or banned as members leave the channel
//   (Hooks::leaveGroupChannel).
// * A banned user has no edge of their own: their bans never appear in ListUserGroups.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <tuple>

#include "areas/rt_shared.h"
#include "core/server_api.h"

namespace nakama::testserver {

namespace {

struct Member {
  int state = 2;
  std::uint64_t position = 0;  // listing order within a state (join, request, add; a ban renews it)
};

struct Group {
  std::string id;
  std::string creatorId;
  std::string name;
  std::string description;
  std::string langTag = "en";
  std::string metadata = "{}";
  std::string avatarUrl;
  bool open = false;
  int maxCount = 100;
  std::int64_t createTime = 0;
  std::int64_t updateMicros = 0;          // update_time, microseconds like PostgreSQL's now()
  std::map<std::string, Member> members;  // user id -> membership (all states)

  int edgeCount() const {
    int n = 0;
    for (const auto& [id, m] : members) n += m.state <= 2 ? 1 : 0;
    return n;
  }
  int superadminsOtherThan(const std::string& userId) const {
    int n = 0;
    for (const auto& [id, m] : members) n += m.state == 0 && id != userId ? 1 : 0;
    return n;
  }
  Member* member(const std::string& userId) {
    auto it = members.find(userId);
    return it == members.end() ? nullptr : &it->second;
  }
  const Member* member(const std::string& userId) const { return const_cast<Group*>(this)->member(userId); }
};

struct GroupsState {
  std::map<std::string, Group> groups;  // by id
  std::uint64_t nextPosition = 1;
  std::int64_t lastStamp = 0;

  Group* find(const std::string& id) {
    auto it = groups.find(id);
    return it == groups.end() ? nullptr : &it->second;
  }
  Group* byName(const std::string& name) {
    for (auto& [id, g] : groups) {
      if (g.name == name) return &g;
    }
    return nullptr;
  }
  // Sets update_time to now (strictly increasing, so listings by update time follow the call order).
  void touch(Group& g, const Clock& clock) {
    const auto now = std::chrono::duration_cast<std::chrono::microseconds>(clock.now().time_since_epoch()).count();
    lastStamp = std::max<std::int64_t>(now, lastStamp + 1);
    g.updateMicros = lastStamp;
  }
};

std::string lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Json groupJson(const Group& g) {
  Json out = Json::object();
  out["id"] = g.id;
  setIfNotEmpty(out, "creator_id", g.creatorId);
  out["name"] = g.name;
  setIfNotEmpty(out, "description", g.description);
  setIfNotEmpty(out, "lang_tag", g.langTag);
  out["metadata"] = g.metadata;
  setIfNotEmpty(out, "avatar_url", g.avatarUrl);
  out["open"] = g.open;  // BoolValue: emitted even when false
  setIfNotZero(out, "edge_count", g.edgeCount());
  setIfNotZero(out, "max_count", g.maxCount);
  out["create_time"] = rfc3339(g.createTime);
  out["update_time"] = rfc3339(g.updateMicros / 1000000);
  return out;
}

// "Group ID must be set." / "Group ID must be a valid ID." (code 3).
std::string groupIdParam(Request& req) {
  const std::string& id = req.param("group_id");
  if (id.empty()) throw ApiError(GrpcCode::kInvalidArgument, "Group ID must be set.");
  if (!isUuid(id)) throw ApiError(GrpcCode::kInvalidArgument, "Group ID must be a valid ID.");
  return lowercase(id);
}

// user_ids of add/kick/ban/promote/demote, lowercase, duplicates dropped (a repeat changes nothing).
std::vector<std::string> userIdsParam(Request& req) {
  std::vector<std::string> out;
  for (const auto& id : req.queryAll("user_ids")) {
    if (!isUuid(id) || id == kNilUuid) throw ApiError(GrpcCode::kInvalidArgument, "User ID must be a valid ID.");
    std::string lower = lowercase(id);
    if (std::find(out.begin(), out.end(), lower) == out.end()) out.push_back(lower);
  }
  return out;
}

// The caller's state when it is an admin or superadmin of an existing group; throws 404 otherwise.
std::pair<Group*, int> requireAdmin(GroupsState& state, const std::string& groupId, const std::string& caller) {
  Group* g = state.find(groupId);
  const Member* m = g ? g->member(caller) : nullptr;
  if (!m || m->state > 1) throw ApiError(GrpcCode::kNotFound, "Group not found or permission denied.");
  return {g, m->state};
}

int limitParam(Request& req, int def) {
  if (auto l = req.queryInt32("limit")) {
    if (*l < 1 || *l > 100)
      throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 100.");
    return *l;
  }
  return def;
}

std::optional<int> memberStateParam(Request& req) {
  if (auto s = req.queryInt32("state")) {
    if (*s < 0 || *s > 4) throw ApiError(GrpcCode::kInvalidArgument, "Invalid state - state must be between 0 and 4.");
    return *s;
  }
  return std::nullopt;
}

// ---- member listings: ordered by (state, position); the cursor names the first row of the next page.
struct EdgeCursor {
  int state = 0;
  std::uint64_t position = 0;
};

std::string encodeEdgeCursor(int state, std::uint64_t position) {
  return base64Encode(Json{{"s", state}, {"p", position}}.dump());
}

std::optional<EdgeCursor> edgeCursorParam(Request& req, const std::optional<int>& stateFilter) {
  auto text = req.queryValue("cursor");
  if (!text || text->empty()) return std::nullopt;
  auto raw = base64Decode(*text);
  Json c = raw ? Json::parse(*raw, nullptr, false) : Json();
  if (!c.is_object() || !c.contains("s") || !c["s"].is_number_integer() || !c.contains("p") ||
      !c["p"].is_number_unsigned()) {
    throw ApiError(GrpcCode::kInvalidArgument, "Cursor is invalid.");
  }
  EdgeCursor cursor{c["s"].get<int>(), c["p"].get<std::uint64_t>()};
  // A cursor made for another state filter.
  if (stateFilter && *stateFilter != cursor.state) throw ApiError(GrpcCode::kInvalidArgument, "Cursor is invalid.");
  return cursor;
}

// Rows of (state, position, item) sorted and cut into one page.
template <class T>
Json edgePage(std::vector<std::tuple<int, std::uint64_t, T>> rows, int limit, const char* listKey,
              const std::function<Json(const T&, int)>& render) {
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
  });
  const std::size_t n = std::min(rows.size(), static_cast<std::size_t>(limit));
  Json list = Json::array();
  for (std::size_t i = 0; i < n; ++i) list.push_back(render(std::get<2>(rows[i]), std::get<0>(rows[i])));
  Json out = Json::object();
  setIfNotEmpty(out, listKey, list);
  if (rows.size() > n) out["cursor"] = encodeEdgeCursor(std::get<0>(rows[n]), std::get<1>(rows[n]));
  return out;
}

bool afterCursor(const std::optional<EdgeCursor>& c, int state, std::uint64_t position) {
  return !c || std::make_pair(state, position) >= std::make_pair(c->state, c->position);
}

// ---- group listing ----------------------------------------------------------------------------------
// SQL ILIKE: `%` any run, `_` one character, `\` escapes; case-insensitive (ASCII letters).
std::vector<std::uint32_t> foldedCodePoints(const std::string& s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    std::uint32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    if (cp < 0x80) cp = static_cast<std::uint32_t>(std::tolower(static_cast<int>(cp)));
    out.push_back(cp);
    i += n;
  }
  return out;
}

bool ilike(const std::string& text, const std::string& pattern) {
  struct Token {
    int kind;  // 0 literal, 1 one character, 2 any run
    std::uint32_t cp;
  };
  std::vector<Token> p;
  const auto pc = foldedCodePoints(pattern);
  for (std::size_t i = 0; i < pc.size(); ++i) {
    if (pc[i] == '\\') {
      // PostgreSQL: "LIKE pattern must not end with escape character", which the server reports as 500.
      if (i + 1 == pc.size()) throw ApiError(GrpcCode::kInternal, "Error while trying to list groups.");
      p.push_back({0, pc[++i]});
    } else {
      p.push_back({pc[i] == '%' ? 2 : pc[i] == '_' ? 1 : 0, pc[i]});
    }
  }
  const auto t = foldedCodePoints(text);
  std::size_t ti = 0, pi = 0, starP = SIZE_MAX, starT = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi].kind != 2 && (p[pi].kind == 1 || p[pi].cp == t[ti])) {
      ++ti;
      ++pi;
    } else if (pi < p.size() && p[pi].kind == 2) {
      starP = pi++;
      starT = ti;
    } else if (starP != SIZE_MAX) {
      pi = starP + 1;
      ti = ++starT;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi].kind == 2) ++pi;
  return pi == p.size();
}

// Which query of ListGroups runs, by the filters given (core_group.go ListGroups).
enum class Listing {
  kName,         // name ILIKE; cursor: name after the last one (3.15 has no ORDER BY; sorted by name here)
  kAll,          // no filter: update_time, edge_count, id ascending
  kMembers,      // members only: edge_count, update_time, id descending
  kOpenMembers,  // open + members: edge_count, lang_tag, id descending
  kLangMembers,  // lang_tag + members (+ open): lang_tag, edge_count, id descending
  kLang,         // lang_tag and/or open without members: no ORDER BY in 3.15; key order (lang_tag, edge_count, id)
};

// The cursor carries what every listing needs, like Nakama's groupListCursor.
Json groupCursorFields(const Group& g) {
  return Json{{"n", g.name}, {"u", g.updateMicros}, {"e", g.edgeCount()}, {"l", g.langTag}, {"i", g.id}};
}

Json listingKey(Listing listing, const Json& c) {
  switch (listing) {
    case Listing::kName: return Json::array({c["n"]});
    case Listing::kAll: return Json::array({c["u"], c["e"], c["i"]});
    case Listing::kMembers: return Json::array({c["e"], c["u"], c["i"]});
    case Listing::kOpenMembers: return Json::array({c["e"], c["l"], c["i"]});
    default: return Json::array({c["l"], c["e"], c["i"]});
  }
}

bool descending(Listing listing) {
  return listing == Listing::kMembers || listing == Listing::kOpenMembers || listing == Listing::kLangMembers;
}

Json groupCursorParam(Request& req) {
  auto text = req.queryValue("cursor");
  if (!text || text->empty()) return Json();
  auto raw = base64Decode(*text);
  Json c = raw ? Json::parse(*raw, nullptr, false) : Json();
  const bool valid = c.is_object() && c.contains("n") && c["n"].is_string() && c.contains("u") &&
                     c["u"].is_number_integer() && c.contains("e") && c["e"].is_number_integer() && c.contains("l") &&
                     c["l"].is_string() && c.contains("i") && c["i"].is_string();
  // 3.15 builds "Malformed cursor was used." as a plain gRPC error, which ListGroups reports as internal.
  if (!valid) throw ApiError(GrpcCode::kInternal, "Error while trying to list groups.");
  return c;
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(groups) {
  auto state = std::make_shared<GroupsState>();
  auto services = perServer<RtServices>(ctx);
  auto channelEvent = [services](const Group& g, const std::string& userId, int code) {
    if (services->groupChannelEvent) services->groupChannelEvent(g.id, userId, code);
  };
  // After the events of a call went out: the removed members' sockets leave the group channel.
  auto leaveChannel = [&ctx](const Group& g, const std::vector<std::string>& userIds) {
    if (!ctx.hooks.leaveGroupChannel) return;
    for (const auto& userId : userIds) ctx.hooks.leaveGroupChannel(g.id, userId);
  };

  // CreateGroup.
  ctx.router.add("POST", "/v2/group", Auth::kSession, [state, &ctx](Request& req) {
    const Json& body = req.json();
    Group g;
    g.name = getString(body, "name");
    if (g.name.empty()) throw ApiError(GrpcCode::kInvalidArgument, "Group name must be set.");
    const auto maxCount = optInt32(body, "max_count").value_or(0);
    if (maxCount < 0) throw ApiError(GrpcCode::kInvalidArgument, "Group max count must be >= 1 when set.");
    if (state->byName(g.name)) throw ApiError(GrpcCode::kAlreadyExists, "Group name is in use.");
    g.id = newUuid();
    g.creatorId = req.user.userId;
    g.description = getString(body, "description");
    g.langTag = getString(body, "lang_tag");
    if (g.langTag.empty()) g.langTag = "en";
    g.avatarUrl = getString(body, "avatar_url");
    g.open = getBool(body, "open");
    g.maxCount = maxCount == 0 ? 100 : maxCount;
    g.createTime = ctx.clock.unix();
    state->touch(g, ctx.clock);
    g.members[req.user.userId] = Member{0, state->nextPosition++};
    Group& stored = state->groups[g.id] = std::move(g);
    return groupJson(stored);
  });

  // UpdateGroup: admins and superadmins.
  ctx.router.add("PUT", "/v2/group/{group_id}", Auth::kSession, [state, &ctx](Request& req) {
    const std::string groupId = groupIdParam(req);
    const Json& body = req.json();
    auto name = optString(body, "name");
    auto description = optString(body, "description");
    auto langTag = optString(body, "lang_tag");
    auto avatarUrl = optString(body, "avatar_url");
    auto open = optBool(body, "open");
    if (name && name->empty()) throw ApiError(GrpcCode::kInvalidArgument, "Group name cannot be empty.");
    if (langTag && langTag->empty()) throw ApiError(GrpcCode::kInvalidArgument, "Group language cannot be empty.");
    Group* g = state->find(groupId);
    const Member* m = g ? g->member(req.user.userId) : nullptr;
    if (!m || m->state > 1) throw ApiError(GrpcCode::kNotFound, "Group not found or you're not allowed to update.");
    if (!name && !description && !langTag && !avatarUrl && !open) {
      throw ApiError(GrpcCode::kInvalidArgument, "Specify at least one field to update.");
    }
    if (name) {
      const Group* other = state->byName(*name);
      if (other && other != g) throw ApiError(GrpcCode::kInvalidArgument, "Group name is in use.");
    }
    if (name) g->name = *name;
    if (description) g->description = *description;
    if (langTag) g->langTag = *langTag;
    if (avatarUrl) g->avatarUrl = *avatarUrl;
    if (open) g->open = *open;
    state->touch(*g, ctx.clock);
    return Json::object();
  });

  // DeleteGroup: superadmins.
  ctx.router.add("DELETE", "/v2/group/{group_id}", Auth::kSession, [state](Request& req) {
    const std::string groupId = groupIdParam(req);
    Group* g = state->find(groupId);
    const Member* m = g ? g->member(req.user.userId) : nullptr;
    if (!m || m->state != 0) {
      throw ApiError(GrpcCode::kInvalidArgument, "Group not found or you're not allowed to delete.");
    }
    state->groups.erase(groupId);
    return Json::object();
  });

  // ListGroups.
  ctx.router.add("GET", "/v2/group", Auth::kSession, [state](Request& req) {
    const int limit = limitParam(req, 1);
    std::string name = req.queryValue("name").value_or("");
    const std::string langTag = req.queryValue("lang_tag").value_or("");
    const int members = req.queryInt32("members").value_or(-1);  // negative: no members filter
    const auto open = req.queryBool("open");
    if (!name.empty() && (!langTag.empty() || open || members > -1)) {
      throw ApiError(GrpcCode::kInvalidArgument, "name filter cannot be combined with any other filter");
    }
    name.erase(0, name.find_first_not_of("% "));  // leading wildcards and spaces are dropped
    const Json cursor = groupCursorParam(req);

    Listing listing = Listing::kAll;
    if (!name.empty()) {
      listing = Listing::kName;
    } else if (members > -1) {
      listing = !langTag.empty() ? Listing::kLangMembers : open ? Listing::kOpenMembers : Listing::kMembers;
    } else if (!langTag.empty() || open) {
      listing = Listing::kLang;
    }
    // `open` is applied as documented; 3.15 inverts it, so tests never rely on it against a real server.
    const bool desc = descending(listing);
    std::vector<std::pair<Json, const Group*>> rows;
    const Json after = cursor.is_null() ? Json() : listingKey(listing, cursor);
    for (const auto& [id, g] : state->groups) {
      if (listing == Listing::kName && !ilike(g.name, name)) continue;
      if (!langTag.empty() && g.langTag != langTag) continue;
      if (members > -1 && g.edgeCount() > members) continue;
      if (open && g.open != *open) continue;
      Json key = listingKey(listing, groupCursorFields(g));
      if (!after.is_null() && (desc ? !(key < after) : !(after < key))) continue;
      rows.emplace_back(std::move(key), &g);
    }
    std::sort(rows.begin(), rows.end(),
              [desc](const auto& a, const auto& b) { return desc ? b.first < a.first : a.first < b.first; });
    Json groups = Json::array();
    for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(limit); ++i) {
      groups.push_back(groupJson(*rows[i].second));
    }
    Json out = Json::object();
    setIfNotEmpty(out, "groups", groups);
    if (rows.size() > static_cast<std::size_t>(limit)) {
      const Group& last = *rows[static_cast<std::size_t>(limit) - 1].second;
      out["cursor"] = base64Encode(groupCursorFields(last).dump(), true, false);
    }
    return out;
  });

  // JoinGroup.
  ctx.router.add("POST", "/v2/group/{group_id}/join", Auth::kSession, [state, &ctx, channelEvent](Request& req) {
    const std::string groupId = groupIdParam(req);
    Group* g = state->find(groupId);
    if (!g) throw ApiError(GrpcCode::kNotFound, "Group not found.");
    if (g->edgeCount() >= g->maxCount) throw ApiError(GrpcCode::kInvalidArgument, "Group is full.");
    if (g->member(req.user.userId)) return Json::object();  // member, pending request, or banned: no change
    if (!g->open) {
      g->members[req.user.userId] = Member{3, state->nextPosition++};
      Json content = Json::object();
      content["group_id"] = g->id;
      content["username"] = req.user.username;
      for (const auto& [userId, m] : g->members) {
        if (m.state <= 1) {
          ctx.notifications.notify(userId, notification_code::kGroupJoinRequest,
                                   "User " + req.user.username + " wants to join your group", content, req.user.userId);
        }
      }
      return Json::object();
    }
    g->members[req.user.userId] = Member{2, state->nextPosition++};
    state->touch(*g, ctx.clock);
    channelEvent(*g, req.user.userId, 3);
    return Json::object();
  });

  // LeaveGroup (also withdraws a join request).
  ctx.router.add("POST", "/v2/group/{group_id}/leave", Auth::kSession,
                 [state, &ctx, channelEvent, leaveChannel](Request& req) {
                   const std::string groupId = groupIdParam(req);
                   Group* g = state->find(groupId);
                   const Member* m = g ? g->member(req.user.userId) : nullptr;
                   if (!m || m->state == 4) return Json::object();
                   if (m->state == 0 && g->superadminsOtherThan(req.user.userId) == 0) {
                     throw ApiError(GrpcCode::kInvalidArgument, "Cannot leave group when you are the last superadmin.");
                   }
                   const bool wasMember = m->state <= 2;
                   g->members.erase(req.user.userId);
                   if (wasMember) state->touch(*g, ctx.clock);
                   channelEvent(*g, req.user.userId, 5);
                   leaveChannel(*g, {req.user.userId});
                   return Json::object();
                 });

  // AddGroupUsers: all or nothing.
  ctx.router.add("POST", "/v2/group/{group_id}/add", Auth::kSession, [state, &ctx, channelEvent](Request& req) {
    const std::string groupId = groupIdParam(req);
    const auto userIds = userIdsParam(req);
    if (userIds.empty()) return Json::object();
    auto [g, myState] = requireAdmin(*state, groupId, req.user.userId);
    (void)myState;
    std::vector<std::string> added;
    int count = g->edgeCount();
    for (const auto& userId : userIds) {
      if (userId == req.user.userId) continue;
      if (!ctx.accounts.byId(userId)) throw ApiError(GrpcCode::kInvalidArgument, "One or more users not found.");
      const Member* m = g->member(userId);
      if (m && m->state != 3) continue;  // already a member, or banned
      if (++count > g->maxCount) throw ApiError(GrpcCode::kInvalidArgument, "Group is full.");
      added.push_back(userId);
    }
    Json content = Json::object();
    content["group_id"] = g->id;
    content["name"] = g->name;
    for (const auto& userId : added) {
      if (Member* m = g->member(userId)) {
        m->state = 2;  // a join request accepted: keeps its position
      } else {
        g->members[userId] = Member{2, state->nextPosition++};
      }
      state->touch(*g, ctx.clock);
      channelEvent(*g, userId, 4);
    }
    for (const auto& userId : added) {
      ctx.notifications.notify(userId, notification_code::kGroupAdd, "You've been added to group " + g->name, content,
                               req.user.userId);
    }
    return Json::object();
  });

  // Kick and ban remove the same users: a superadmin anyone, an admin members, requests and bans.
  auto removable = [](int callerState, const Member& target) { return callerState == 0 || target.state > 1; };

  // KickGroupUsers: removes members, rejects join requests, lifts bans.
  ctx.router.add("POST", "/v2/group/{group_id}/kick", Auth::kSession,
                 [state, &ctx, channelEvent, leaveChannel, removable](Request& req) {
                   const std::string groupId = groupIdParam(req);
                   const auto userIds = userIdsParam(req);
                   if (userIds.empty()) return Json::object();
                   auto [g, myState] = requireAdmin(*state, groupId, req.user.userId);
                   std::vector<std::string> removed;
                   for (const auto& userId : userIds) {
                     const Member* m = g->member(userId);
                     if (userId == req.user.userId || !m || !removable(myState, *m)) continue;
                     const bool wasMember = m->state <= 2;
                     g->members.erase(userId);
                     if (!wasMember) continue;  // a request or a ban: nothing recorded
                     state->touch(*g, ctx.clock);
                     channelEvent(*g, userId, 6);
                     removed.push_back(userId);
                   }
                   leaveChannel(*g, removed);
                   return Json::object();
                 });

  // BanGroupUsers.
  ctx.router.add("POST", "/v2/group/{group_id}/ban", Auth::kSession,
                 [state, &ctx, channelEvent, leaveChannel, removable](Request& req) {
                   const std::string groupId = groupIdParam(req);
                   const auto userIds = userIdsParam(req);
                   if (userIds.empty()) return Json::object();
                   auto [g, myState] = requireAdmin(*state, groupId, req.user.userId);
                   const std::uint64_t position = state->nextPosition++;  // one position for the whole call, as in 3.15
                   bool banWritten = false;
                   std::vector<std::string> removed;
                   for (const auto& userId : userIds) {
                     Member* m = g->member(userId);
                     if (userId == req.user.userId || !m || !removable(myState, *m)) continue;  // non-members: nothing
                     const bool wasMember = m->state <= 2;
                     if (!banWritten) {
                       *m = Member{4, position};
                       banWritten = true;
                     } else {
                       g->members.erase(userId);  // the ban row collides with the first one of this call
                     }
                     if (!wasMember) continue;
                     state->touch(*g, ctx.clock);
                     channelEvent(*g, userId, 8);
                     removed.push_back(userId);
                   }
                   leaveChannel(*g, removed);
                   return Json::object();
                 });

  // PromoteGroupUsers: members and admins ranked below the caller go one role up.
  ctx.router.add("POST", "/v2/group/{group_id}/promote", Auth::kSession, [state, channelEvent](Request& req) {
    const std::string groupId = groupIdParam(req);
    const auto userIds = userIdsParam(req);
    if (userIds.empty()) return Json::object();
    auto [g, myState] = requireAdmin(*state, groupId, req.user.userId);
    for (const auto& userId : userIds) {
      Member* m = g->member(userId);
      if (userId == req.user.userId || !m || m->state <= myState || m->state == 0 || m->state > 2) continue;
      m->state -= 1;
      channelEvent(*g, userId, 7);
    }
    return Json::object();
  });

  // DemoteGroupUsers: admins (and, for a superadmin caller, superadmins) go one role down.
  ctx.router.add("POST", "/v2/group/{group_id}/demote", Auth::kSession, [state, channelEvent](Request& req) {
    const std::string groupId = groupIdParam(req);
    if (req.queryAll("user_ids").empty()) throw ApiError(GrpcCode::kInvalidArgument, "User IDs must be set.");
    const auto userIds = userIdsParam(req);
    auto [g, myState] = requireAdmin(*state, groupId, req.user.userId);
    for (const auto& userId : userIds) {
      Member* m = g->member(userId);
      if (userId == req.user.userId || !m || m->state < myState || m->state >= 2) continue;
      if (myState == 0 && g->superadminsOtherThan(userId) == 0) continue;
      m->state += 1;
      channelEvent(*g, userId, 9);
    }
    return Json::object();
  });

  // ListGroupUsers: banned users only with the state-4 filter; an unknown group lists nobody.
  ctx.router.add("GET", "/v2/group/{group_id}/user", Auth::kSession, [state, &ctx](Request& req) {
    const std::string groupId = groupIdParam(req);
    const int limit = limitParam(req, 100);
    const auto stateFilter = memberStateParam(req);
    const auto cursor = edgeCursorParam(req, stateFilter);
    std::vector<std::tuple<int, std::uint64_t, const Account*>> rows;
    if (const Group* g = state->find(groupId)) {
      for (const auto& [userId, m] : g->members) {
        if (stateFilter ? m.state != *stateFilter : m.state > 3) continue;
        if (!afterCursor(cursor, m.state, m.position)) continue;
        if (const Account* a = ctx.accounts.byId(userId)) rows.emplace_back(m.state, m.position, a);
      }
    }
    return edgePage<const Account*>(std::move(rows), limit, "group_users", [&ctx](const Account* a, int s) {
      Json item = Json::object();
      item["user"] = ctx.accounts.userJson(*a);
      item["state"] = s;
      return item;
    });
  });

  // ListUserGroups: states 0..3 (a ban is recorded on the group's side only).
  ctx.router.add("GET", "/v2/user/{user_id}/group", Auth::kSession, [state](Request& req) {
    const std::string& rawUserId = req.param("user_id");
    if (rawUserId.empty()) throw ApiError(GrpcCode::kInvalidArgument, "User ID must be set.");
    if (!isUuid(rawUserId)) throw ApiError(GrpcCode::kInvalidArgument, "Group ID must be a valid ID.");  // sic
    const std::string userId = lowercase(rawUserId);
    const int limit = limitParam(req, 100);
    const auto stateFilter = memberStateParam(req);
    const auto cursor = edgeCursorParam(req, stateFilter);
    std::vector<std::tuple<int, std::uint64_t, const Group*>> rows;
    for (auto& [groupId, g] : state->groups) {
      const Member* m = g.member(userId);
      if (!m || m->state > 3 || (stateFilter && m->state != *stateFilter)) continue;
      if (afterCursor(cursor, m->state, m->position)) rows.emplace_back(m->state, m->position, &g);
    }
    return edgePage<const Group*>(std::move(rows), limit, "user_groups", [](const Group* g, int s) {
      Json item = Json::object();
      item["group"] = groupJson(*g);
      item["state"] = s;
      return item;
    });
  });

  // Deleting an account (GroupDeleteAll): groups it was the only superadmin of go with it.
  ctx.accounts.onDelete([state, &ctx](const Account& account) {
    for (auto it = state->groups.begin(); it != state->groups.end();) {
      Group& g = it->second;
      const Member* m = g.member(account.id);
      if (m && m->state == 0 && (g.edgeCount() == 1 || g.superadminsOtherThan(account.id) == 0)) {
        it = state->groups.erase(it);
        continue;
      }
      if (m) {
        const bool wasMember = m->state <= 2;
        g.members.erase(account.id);
        if (wasMember) state->touch(g, ctx.clock);
      }
      ++it;
    }
  });
}

}  // namespace nakama::testserver
