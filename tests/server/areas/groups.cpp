// Groups: /v2/group and /v2/user/{user_id}/group (reference §1, §6, addenda 5, 9, 14, 15).
//
// Membership states: 0 superadmin, 1 admin, 2 member, 3 join request, 4 banned. edge_count counts
// states 0..2. Permission rules of Nakama 3.15 for client calls:
// * create: the caller becomes superadmin. Name required and unique (409 "Group name is in use.").
// * update: admins and superadmins; otherwise 404 "Group not found or you're not allowed to update.".
// * delete: superadmins; otherwise 400 "Group not found or you're not allowed to delete.".
// * join: open group -> member (400 "Group is full." when full); closed -> join request and the group's
//   admins get notification -5; already in the group or banned -> nothing happens (200).
// * leave: the last superadmin cannot leave (400); banned users stay banned.
// * add/kick/ban/promote/demote: admins and superadmins (others: 404 "Group not found or permission
//   denied."); a caller only acts on users with a lower role than its own (higher state number), never
//   on itself. Add accepts join requests (and unbans), notifying the user (-4); kick removes members
//   and rejects requests; ban sets state 4; promote raises one role (a join request becomes a member);
//   demote lowers one role down to member, never removing the last superadmin.
// * list groups: limit 1..100 (default 1); `name` (exact, or prefix with a trailing %) cannot be
//   combined with lang_tag/members/open; `open` is applied correctly here (3.15 inverts it);
//   `members` keeps groups with at most that many members.
// * list members / a user's groups: limit 1..100 (default 100), state filter 0..4; banned users are
//   listed only with the state-4 filter.
// * membership changes are recorded in the group's chat channel ("3.<group id>..", addendum 7) through
//   RtServices::groupChannelEvent of the chat area: join 3, add 4, leave 5, kick 6, promote 7, ban 8,
//   demote 9 (a join request records nothing until it is accepted).
#include <algorithm>
#include <map>

#include "areas/rt_shared.h"
#include "core/server_api.h"

namespace nakama::testserver {

namespace {

struct Member {
  int state = 2;
  std::uint64_t position = 0;  // when the user entered the group (join, request, add)
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
  std::int64_t updateTime = 0;
  std::map<std::string, Member> members;  // user id -> membership (all states)

  int edgeCount() const {
    int n = 0;
    for (const auto& [id, m] : members) n += m.state <= 2 ? 1 : 0;
    return n;
  }
  int superadmins() const {
    int n = 0;
    for (const auto& [id, m] : members) n += m.state == 0 ? 1 : 0;
    return n;
  }
  const Member* member(const std::string& userId) const {
    auto it = members.find(userId);
    return it == members.end() ? nullptr : &it->second;
  }
};

struct GroupsState {
  std::map<std::string, Group> groups;  // by id
  std::uint64_t nextPosition = 1;

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
  out["update_time"] = rfc3339(g.updateTime);
  return out;
}

// "Group ID must be set." / "Group ID must be a valid ID." (code 3).
std::string groupIdParam(Request& req) {
  const std::string& id = req.param("group_id");
  if (id.empty()) throw ApiError(GrpcCode::kInvalidArgument, "Group ID must be set.");
  if (!isUuid(id)) throw ApiError(GrpcCode::kInvalidArgument, "Group ID must be a valid ID.");
  return lowercase(id);
}

std::vector<std::string> userIdsParam(Request& req) {
  std::vector<std::string> out;
  for (const auto& id : req.queryAll("user_ids")) {
    if (!isUuid(id) || id == kNilUuid) throw ApiError(GrpcCode::kInvalidArgument, "Invalid user ID - make sure user ID is a valid UUID.");
    std::string lower = lowercase(id);
    if (std::find(out.begin(), out.end(), lower) == out.end()) out.push_back(lower);
  }
  return out;
}

const char* kPermissionDenied = "Group not found or permission denied.";

// The caller's state when it is an admin or superadmin of an existing group; throws 404 otherwise.
std::pair<Group*, int> requireAdmin(GroupsState& state, const std::string& groupId, const std::string& caller) {
  Group* g = state.find(groupId);
  const Member* m = g ? g->member(caller) : nullptr;
  if (!m || m->state > 1) throw ApiError(GrpcCode::kNotFound, kPermissionDenied);
  return {g, m->state};
}

std::optional<int> limitParam(Request& req, int def) {
  if (auto l = req.queryInt32("limit")) {
    if (*l < 1 || *l > 100) throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 100.");
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

// Cursors: base64 of the JSON sort key of the last item returned.
std::string encodeCursor(const Json& key) { return base64Encode(key.dump()); }

Json decodeCursor(const std::string& text) {
  auto raw = base64Decode(text);
  Json c = raw ? Json::parse(*raw, nullptr, false) : Json();
  if (!c.is_array()) throw ApiError(GrpcCode::kInvalidArgument, "Invalid cursor.");
  return c;
}

Json edgeKey(int state, std::uint64_t position, const std::string& id) { return Json::array({state, position, id}); }

bool edgeKeyAfter(const Json& key, int state, std::uint64_t position, const std::string& id) {
  try {
    return std::make_tuple(state, position, id) >
           std::make_tuple(key.at(0).get<int>(), key.at(1).get<std::uint64_t>(), key.at(2).get<std::string>());
  } catch (const std::exception&) {
    throw ApiError(GrpcCode::kInvalidArgument, "Invalid cursor.");
  }
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(groups) {
  auto state = std::make_shared<GroupsState>();
  auto services = perServer<RtServices>(ctx);
  auto channelEvent = [services](const Group& g, const std::string& userId, int code) {
    if (services->groupChannelEvent) services->groupChannelEvent(g.id, userId, code);
  };

  auto notifyAdded = [&ctx](const Group& g, const std::string& userId, const std::string& sender) {
    Json content = Json::object();
    content["name"] = g.name;
    ctx.notifications.notify(userId, notification_code::kGroupAdd, "You've been added to group " + g.name, content,
                             sender);
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
    g.createTime = g.updateTime = ctx.clock.unix();
    g.members[req.user.userId] = Member{0, state->nextPosition++};
    Group& stored = state->groups[g.id] = std::move(g);
    return groupJson(stored);
  });

  // UpdateGroup.
  ctx.router.add("PUT", "/v2/group/{group_id}", Auth::kSession, [state, &ctx](Request& req) {
    const std::string groupId = groupIdParam(req);
    const Json& body = req.json();
    auto name = optString(body, "name");
    auto description = optString(body, "description");
    auto langTag = optString(body, "lang_tag");
    auto avatarUrl = optString(body, "avatar_url");
    auto open = optBool(body, "open");
    if (name && name->empty()) throw ApiError(GrpcCode::kInvalidArgument, "Group name cannot be empty.");
    Group* g = state->find(groupId);
    const Member* m = g ? g->member(req.user.userId) : nullptr;
    if (!m || m->state > 1) throw ApiError(GrpcCode::kNotFound, "Group not found or you're not allowed to update.");
    if (!name && !description && !langTag && !avatarUrl && !open) {
      throw ApiError(GrpcCode::kInvalidArgument, "No fields to update.");
    }
    if (name && *name != g->name && state->byName(*name)) {
      throw ApiError(GrpcCode::kInvalidArgument, "Group name is in use.");
    }
    if (name) g->name = *name;
    if (description) g->description = *description;
    if (langTag) g->langTag = *langTag;
    if (avatarUrl) g->avatarUrl = *avatarUrl;
    if (open) g->open = *open;
    g->updateTime = ctx.clock.unix();
    return Json::object();
  });

  // DeleteGroup.
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
    const int limit = *limitParam(req, 1);
    const std::string name = req.queryValue("name").value_or("");
    const std::string langTag = req.queryValue("lang_tag").value_or("");
    auto members = req.queryInt32("members");
    auto open = req.queryBool("open");
    if (!name.empty() && (!langTag.empty() || members || open)) {
      throw ApiError(GrpcCode::kInvalidArgument, "name filter cannot be combined with any other filter");
    }
    if (members && *members < 0) throw ApiError(GrpcCode::kInvalidArgument, "Invalid members - must be >= 0.");
    std::optional<Json> after;
    if (auto c = req.queryValue("cursor"); c && !c->empty()) after = decodeCursor(*c);

    const bool prefix = !name.empty() && name.back() == '%';
    const std::string stem = prefix ? name.substr(0, name.size() - 1) : name;
    std::vector<const Group*> rows;
    for (const auto& [id, g] : state->groups) {
      if (!name.empty()) {
        if (prefix ? g.name.compare(0, stem.size(), stem) != 0 : g.name != name) continue;
      }
      if (!langTag.empty() && g.langTag != langTag) continue;
      if (members && g.edgeCount() > *members) continue;
      if (open && g.open != *open) continue;
      if (after) {
        try {
          if (std::make_pair(g.name, g.id) <= std::make_pair(after->at(0).get<std::string>(), after->at(1).get<std::string>())) {
            continue;
          }
        } catch (const std::exception&) {
          throw ApiError(GrpcCode::kInvalidArgument, "Invalid cursor.");
        }
      }
      rows.push_back(&g);
    }
    std::sort(rows.begin(), rows.end(), [](const Group* a, const Group* b) {
      return std::tie(a->name, a->id) < std::tie(b->name, b->id);
    });
    Json groups = Json::array();
    for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(limit); ++i) groups.push_back(groupJson(*rows[i]));
    Json out = Json::object();
    setIfNotEmpty(out, "groups", groups);
    if (rows.size() > static_cast<std::size_t>(limit)) {
      const Group* last = rows[static_cast<std::size_t>(limit) - 1];
      out["cursor"] = encodeCursor(Json::array({last->name, last->id}));
    }
    return out;
  });

  // JoinGroup.
  ctx.router.add("POST", "/v2/group/{group_id}/join", Auth::kSession, [state, &ctx, channelEvent](Request& req) {
    const std::string groupId = groupIdParam(req);
    Group* g = state->find(groupId);
    if (!g) throw ApiError(GrpcCode::kNotFound, "Group not found.");
    if (g->member(req.user.userId)) return Json::object();  // member, pending request, or banned: no change
    if (!g->open) {
      g->members[req.user.userId] = Member{3, state->nextPosition++};
      Json content = Json::object();
      content["group_id"] = g->id;
      content["username"] = req.user.username;
      for (const auto& [userId, m] : g->members) {
        if (m.state <= 1) {
          ctx.notifications.notify(userId, notification_code::kGroupJoinRequest,
                                   "User " + req.user.username + " wants to join your group", content,
                                   req.user.userId);
        }
      }
      return Json::object();
    }
    if (g->edgeCount() >= g->maxCount) throw ApiError(GrpcCode::kInvalidArgument, "Group is full.");
    g->members[req.user.userId] = Member{2, state->nextPosition++};
    channelEvent(*g, req.user.userId, 3);
    return Json::object();
  });

  // LeaveGroup.
  ctx.router.add("POST", "/v2/group/{group_id}/leave", Auth::kSession, [state, channelEvent](Request& req) {
    const std::string groupId = groupIdParam(req);
    Group* g = state->find(groupId);
    if (!g) throw ApiError(GrpcCode::kNotFound, "Group not found.");
    const Member* m = g->member(req.user.userId);
    if (!m || m->state == 4) return Json::object();
    if (m->state == 0 && g->superadmins() <= 1) {
      throw ApiError(GrpcCode::kInvalidArgument, "Cannot leave group when you are the last superadmin.");
    }
    const bool wasPending = m->state == 3;
    g->members.erase(req.user.userId);
    if (!wasPending) channelEvent(*g, req.user.userId, 5);
    return Json::object();
  });

  // AddGroupUsers.
  ctx.router.add("POST", "/v2/group/{group_id}/add", Auth::kSession, [state, &ctx, notifyAdded, channelEvent](Request& req) {
    const std::string groupId = groupIdParam(req);
    const auto userIds = userIdsParam(req);
    if (userIds.empty()) return Json::object();
    auto [g, myState] = requireAdmin(*state, groupId, req.user.userId);
    (void)myState;
    std::vector<std::string> added;
    for (const auto& userId : userIds) {
      if (userId == req.user.userId || !ctx.accounts.byId(userId)) continue;
      auto it = g->members.find(userId);
      if (it != g->members.end() && it->second.state <= 2) continue;  // already a member
      added.push_back(userId);
    }
    if (g->edgeCount() + static_cast<int>(added.size()) > g->maxCount) {
      throw ApiError(GrpcCode::kInvalidArgument, "Group is full.");
    }
    for (const auto& userId : added) {
      auto it = g->members.find(userId);
      if (it != g->members.end()) {
        it->second.state = 2;  // a join request accepted (or a ban lifted)
      } else {
        g->members[userId] = Member{2, state->nextPosition++};
      }
      notifyAdded(*g, userId, req.user.userId);
      channelEvent(*g, userId, 4);
    }
    return Json::object();
  });

  // KickGroupUsers: removes members, rejects join requests.
  ctx.router.add("POST", "/v2/group/{group_id}/kick", Auth::kSession, [state, channelEvent](Request& req) {
    const std::string groupId = groupIdParam(req);
    const auto userIds = userIdsParam(req);
    if (userIds.empty()) return Json::object();
    auto [g, myState] = requireAdmin(*state, groupId, req.user.userId);
    for (const auto& userId : userIds) {
      if (userId == req.user.userId) continue;
      auto it = g->members.find(userId);
      if (it == g->members.end() || it->second.state <= myState || it->second.state == 4) continue;
      g->members.erase(it);
      channelEvent(*g, userId, 6);
    }
    return Json::object();
  });

  // BanGroupUsers.
  ctx.router.add("POST", "/v2/group/{group_id}/ban", Auth::kSession, [state, &ctx, channelEvent](Request& req) {
    const std::string groupId = groupIdParam(req);
    const auto userIds = userIdsParam(req);
    if (userIds.empty()) return Json::object();
    auto [g, myState] = requireAdmin(*state, groupId, req.user.userId);
    for (const auto& userId : userIds) {
      if (userId == req.user.userId || !ctx.accounts.byId(userId)) continue;
      auto it = g->members.find(userId);
      if (it == g->members.end()) {
        g->members[userId] = Member{4, state->nextPosition++};
      } else if (it->second.state > myState && it->second.state != 4) {
        it->second.state = 4;
      } else {
        continue;
      }
      channelEvent(*g, userId, 8);
    }
    return Json::object();
  });

  // PromoteGroupUsers: one role up (join request -> member -> admin -> superadmin).
  ctx.router.add("POST", "/v2/group/{group_id}/promote", Auth::kSession,
                 [state, notifyAdded, channelEvent](Request& req) {
    const std::string groupId = groupIdParam(req);
    const auto userIds = userIdsParam(req);
    if (userIds.empty()) return Json::object();
    auto [g, myState] = requireAdmin(*state, groupId, req.user.userId);
    for (const auto& userId : userIds) {
      if (userId == req.user.userId) continue;
      auto it = g->members.find(userId);
      if (it == g->members.end() || it->second.state == 4 || it->second.state <= myState) continue;
      if (it->second.state == 3) {
        if (g->edgeCount() >= g->maxCount) throw ApiError(GrpcCode::kInvalidArgument, "Group is full.");
        it->second.state = 2;
        notifyAdded(*g, userId, req.user.userId);
      } else {
        it->second.state -= 1;
      }
      channelEvent(*g, userId, 7);
    }
    return Json::object();
  });

  // DemoteGroupUsers: one role down (superadmin -> admin -> member), never below member.
  ctx.router.add("POST", "/v2/group/{group_id}/demote", Auth::kSession, [state, channelEvent](Request& req) {
    const std::string groupId = groupIdParam(req);
    const auto userIds = userIdsParam(req);
    if (userIds.empty()) return Json::object();
    auto [g, myState] = requireAdmin(*state, groupId, req.user.userId);
    for (const auto& userId : userIds) {
      if (userId == req.user.userId) continue;
      auto it = g->members.find(userId);
      if (it == g->members.end() || it->second.state >= 2) continue;
      const bool allowed = it->second.state > myState || (myState == 0 && it->second.state == 0);
      if (!allowed) continue;
      if (it->second.state == 0 && g->superadmins() <= 1) continue;
      it->second.state += 1;
      channelEvent(*g, userId, 9);
    }
    return Json::object();
  });

  // ListGroupUsers.
  ctx.router.add("GET", "/v2/group/{group_id}/user", Auth::kSession, [state, &ctx](Request& req) {
    const std::string groupId = groupIdParam(req);
    const int limit = *limitParam(req, 100);
    const auto stateFilter = memberStateParam(req);
    std::optional<Json> after;
    if (auto c = req.queryValue("cursor"); c && !c->empty()) after = decodeCursor(*c);
    struct Row {
      const Account* user;
      const Member* member;
    };
    std::vector<Row> rows;
    if (const Group* g = state->find(groupId)) {
      for (const auto& [userId, m] : g->members) {
        if (stateFilter ? m.state != *stateFilter : m.state == 4) continue;
        if (after && !edgeKeyAfter(*after, m.state, m.position, userId)) continue;
        if (const Account* a = ctx.accounts.byId(userId)) rows.push_back({a, &m});
      }
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      return std::tie(a.member->state, a.member->position) < std::tie(b.member->state, b.member->position);
    });
    Json list = Json::array();
    for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(limit); ++i) {
      Json item = Json::object();
      item["user"] = ctx.accounts.userJson(*rows[i].user);
      item["state"] = rows[i].member->state;
      list.push_back(std::move(item));
    }
    Json out = Json::object();
    setIfNotEmpty(out, "group_users", list);
    if (rows.size() > static_cast<std::size_t>(limit)) {
      const Row& last = rows[static_cast<std::size_t>(limit) - 1];
      out["cursor"] = encodeCursor(edgeKey(last.member->state, last.member->position, last.user->id));
    }
    return out;
  });

  // ListUserGroups.
  ctx.router.add("GET", "/v2/user/{user_id}/group", Auth::kSession, [state](Request& req) {
    const std::string& rawUserId = req.param("user_id");
    if (rawUserId.empty()) throw ApiError(GrpcCode::kInvalidArgument, "User ID must be set.");
    if (!isUuid(rawUserId)) throw ApiError(GrpcCode::kInvalidArgument, "User ID must be a valid ID.");
    const std::string userId = lowercase(rawUserId);
    const int limit = *limitParam(req, 100);
    const auto stateFilter = memberStateParam(req);
    std::optional<Json> after;
    if (auto c = req.queryValue("cursor"); c && !c->empty()) after = decodeCursor(*c);
    struct Row {
      const Group* group;
      const Member* member;
    };
    std::vector<Row> rows;
    for (const auto& [groupId, g] : state->groups) {
      const Member* m = g.member(userId);
      if (!m) continue;
      if (stateFilter ? m->state != *stateFilter : m->state == 4) continue;
      if (after && !edgeKeyAfter(*after, m->state, m->position, groupId)) continue;
      rows.push_back({&g, m});
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      return std::tie(a.member->state, a.member->position) < std::tie(b.member->state, b.member->position);
    });
    Json list = Json::array();
    for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(limit); ++i) {
      Json item = Json::object();
      item["group"] = groupJson(*rows[i].group);
      item["state"] = rows[i].member->state;
      list.push_back(std::move(item));
    }
    Json out = Json::object();
    setIfNotEmpty(out, "user_groups", list);
    if (rows.size() > static_cast<std::size_t>(limit)) {
      const Row& last = rows[static_cast<std::size_t>(limit) - 1];
      out["cursor"] = encodeCursor(edgeKey(last.member->state, last.member->position, last.group->id));
    }
    return out;
  });

  ctx.accounts.onDelete([state](const Account& account) {
    for (auto& [id, g] : state->groups) g.members.erase(account.id);
  });
}

}  // namespace nakama::testserver
