// Friends: /v2/friend list, add, delete, block, as Nakama 3.15 does them (api_friend.go, core_friend.go).
//
// Each relationship is a pair of directed edges, as in Nakama's user_edge table. The state of the edge
// from A to B is what A sees: 0 friend, 1 invite sent, 2 invite received, 3 blocked (A blocked B).
// * Targets: ids must be valid UUIDs (unknown users are skipped silently); usernames must not be empty
//   and unknown ones are dropped. Add and block with neither ids nor usernames left answer 400 "No valid
//   ID or username was provided."; delete answers 200. Nothing given at all: 200 for all three.
// * add A->B: no edge -> A:1 / B:2 and B gets notification -2 (friend request); A:2 (B asked first) ->
//   both 0 and B gets -3 (accepted); already 0/1 -> nothing; B blocked A -> nothing; A blocked B -> the
//   edges stay, yet B still gets a -2 notification (3.15 only skips the edge insert).
// * block A->B: A's edge becomes 3; B's edge to A is removed unless B blocked A too.
// * delete A->B: A's edge is removed (any state: unfriend, cancel, reject, unblock); B's edge is removed
//   unless it is a block.
// * User.edge_count counts a user's outgoing edges.
// * list: ordered by state, then by when the relationship was formed; cursor only when more follow.
#include <algorithm>
#include <map>

#include "core/server_api.h"

namespace nakama::testserver {

namespace {

struct Edge {
  int state = 0;
  std::uint64_t position = 0;  // creation order of the relationship
  std::int64_t updateTime = 0;
};

struct FriendsState {
  std::map<std::string, std::map<std::string, Edge>> edges;  // source -> destination -> edge
  std::uint64_t nextPosition = 1;

  Edge* find(const std::string& from, const std::string& to) {
    auto it = edges.find(from);
    if (it == edges.end()) return nullptr;
    auto e = it->second.find(to);
    return e == it->second.end() ? nullptr : &e->second;
  }
  bool erase(const std::string& from, const std::string& to) {
    auto it = edges.find(from);
    if (it == edges.end()) return false;
    return it->second.erase(to) > 0;
  }
};

void adjustEdgeCount(Accounts& accounts, const std::string& userId, int delta) {
  if (Account* a = accounts.byId(userId)) a->edgeCount = std::max(0, a->edgeCount + delta);
}

std::string lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Resolves ids (validated, kept whether or not the user exists) and usernames (unknown ones dropped),
// rejecting the caller. With `rejectNoneLeft` (add, block), usernames alone that all turn out unknown are
// refused with 400, as the server counts the ids given plus the usernames found.
std::vector<std::string> targets(Request& req, Accounts& accounts, const char* selfMessage, bool rejectNoneLeft) {
  auto ids = req.queryAll("ids");
  auto usernames = req.queryAll("usernames");
  std::vector<std::string> out;
  if (ids.empty() && usernames.empty()) return out;
  for (const auto& id : ids) {
    if (lowercase(id) == req.user.userId) throw ApiError(GrpcCode::kInvalidArgument, selfMessage);
    if (!isUuid(id) || id == kNilUuid) throw ApiError(GrpcCode::kInvalidArgument, "Invalid user ID '" + id + "'.");
  }
  for (const auto& name : usernames) {
    if (name.empty()) throw ApiError(GrpcCode::kInvalidArgument, "Username must not be empty.");
    if (name == req.user.username) throw ApiError(GrpcCode::kInvalidArgument, selfMessage);
  }
  std::size_t found = 0;
  for (const auto& name : usernames) {
    if (Account* a = accounts.byUsername(name)) {
      out.push_back(a->id);
      ++found;
    }
  }
  if (ids.empty() && found == 0 && rejectNoneLeft) {
    throw ApiError(GrpcCode::kInvalidArgument, "No valid ID or username was provided.");
  }
  for (const auto& id : ids) {
    std::string lower = lowercase(id);
    if (accounts.byId(lower)) out.push_back(lower);  // an unknown id changes nothing
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove(out.begin(), out.end(), req.user.userId), out.end());
  return out;
}

std::string encodeCursor(int state, std::uint64_t position) {
  Json c = Json::object();
  c["s"] = state;
  c["p"] = position;
  return base64Encode(c.dump());
}

std::pair<int, std::uint64_t> decodeCursor(const std::string& text) {
  auto raw = base64Decode(text);
  Json c = raw ? Json::parse(*raw, nullptr, false) : Json();
  if (!c.is_object() || !c.contains("s") || !c["s"].is_number_integer() || !c.contains("p") ||
      !c["p"].is_number_unsigned()) {
    throw ApiError(GrpcCode::kInvalidArgument, "Cursor is invalid.");
  }
  return {c["s"].get<int>(), c["p"].get<std::uint64_t>()};
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(friends) {
  auto state = std::make_shared<FriendsState>();

  // ListFriends.
  ctx.router.add("GET", "/v2/friend", Auth::kSession, [state, &ctx](Request& req) {
    int limit = 1000;
    if (auto l = req.queryInt32("limit")) {
      if (*l < 1 || *l > 1000)
        throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 1000.");
      limit = *l;
    }
    std::optional<int> stateFilter;
    if (auto s = req.queryInt32("state")) {
      if (*s < 0 || *s > 3)
        throw ApiError(GrpcCode::kInvalidArgument, "Invalid state - state must be between 0 and 3.");
      stateFilter = *s;
    }
    std::optional<std::pair<int, std::uint64_t>> after;
    if (auto c = req.queryValue("cursor"); c && !c->empty()) after = decodeCursor(*c);

    struct Row {
      const Account* user;
      const Edge* edge;
    };
    std::vector<Row> rows;
    auto it = state->edges.find(req.user.userId);
    if (it != state->edges.end()) {
      for (const auto& [otherId, edge] : it->second) {
        if (stateFilter && edge.state != *stateFilter) continue;
        if (after && std::make_pair(edge.state, edge.position) <= *after) continue;
        if (const Account* other = ctx.accounts.byId(otherId)) rows.push_back({other, &edge});
      }
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      return std::make_pair(a.edge->state, a.edge->position) < std::make_pair(b.edge->state, b.edge->position);
    });
    Json friends = Json::array();
    for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(limit); ++i) {
      Json f = Json::object();
      f["user"] = ctx.accounts.userJson(*rows[i].user);
      f["user"].erase("edge_count");     // Nakama's friend listing does not read it (GET /v2/user and groups do)
      f["state"] = rows[i].edge->state;  // a wrapper: emitted even when 0
      f["update_time"] = rfc3339(rows[i].edge->updateTime);
      friends.push_back(std::move(f));
    }
    Json out = Json::object();
    setIfNotEmpty(out, "friends", friends);
    if (rows.size() > static_cast<std::size_t>(limit)) {
      const Edge* last = rows[static_cast<std::size_t>(limit) - 1].edge;
      out["cursor"] = encodeCursor(last->state, last->position);
    }
    return out;
  });

  // AddFriends: send requests / accept them.
  ctx.router.add("POST", "/v2/friend", Auth::kSession, [state, &ctx](Request& req) {
    const std::string me = req.user.userId;
    for (const std::string& other : targets(req, ctx.accounts, "Cannot add self as friend.", true)) {
      Edge* mine = state->find(me, other);
      Edge* theirs = state->find(other, me);
      const std::int64_t now = ctx.clock.unix();
      Json content = Json::object();
      content["username"] = req.user.username;
      if (mine && mine->state == 2 && theirs && theirs->state == 1) {
        mine->state = 0;
        mine->updateTime = now;
        theirs->state = 0;
        theirs->updateTime = now;
        ctx.notifications.notify(other, notification_code::kFriendAccept,
                                 req.user.username + " accepted your friend request", content, me);
        continue;
      }
      if (mine && mine->state == 3) {
        // I blocked them: no edge changes, but the request notification still goes out.
        ctx.notifications.notify(other, notification_code::kFriendRequest,
                                 req.user.username + " wants to add you as a friend", content, me);
        continue;
      }
      if (mine || theirs) continue;  // pending, friends, or they blocked me
      const std::uint64_t position = state->nextPosition++;
      state->edges[me][other] = Edge{1, position, now};
      state->edges[other][me] = Edge{2, position, now};
      adjustEdgeCount(ctx.accounts, me, 1);
      adjustEdgeCount(ctx.accounts, other, 1);
      ctx.notifications.notify(other, notification_code::kFriendRequest,
                               req.user.username + " wants to add you as a friend", content, me);
    }
    return Json::object();
  });

  // DeleteFriends: unfriend, cancel or reject a request, unblock.
  ctx.router.add("DELETE", "/v2/friend", Auth::kSession, [state, &ctx](Request& req) {
    const std::string me = req.user.userId;
    for (const std::string& other : targets(req, ctx.accounts, "Cannot delete self.", false)) {
      if (state->erase(me, other)) adjustEdgeCount(ctx.accounts, me, -1);
      Edge* theirs = state->find(other, me);
      if (theirs && theirs->state != 3) {
        state->erase(other, me);
        adjustEdgeCount(ctx.accounts, other, -1);
      }
    }
    return Json::object();
  });

  // BlockFriends.
  ctx.router.add("POST", "/v2/friend/block", Auth::kSession, [state, &ctx](Request& req) {
    const std::string me = req.user.userId;
    for (const std::string& other : targets(req, ctx.accounts, "Cannot block self.", true)) {
      const std::int64_t now = ctx.clock.unix();
      if (Edge* mine = state->find(me, other)) {
        mine->state = 3;
        mine->updateTime = now;
      } else {
        state->edges[me][other] = Edge{3, state->nextPosition++, now};
        adjustEdgeCount(ctx.accounts, me, 1);
      }
      Edge* theirs = state->find(other, me);
      if (theirs && theirs->state != 3) {
        state->erase(other, me);
        adjustEdgeCount(ctx.accounts, other, -1);
      }
    }
    return Json::object();
  });

  ctx.accounts.onDelete([state, &ctx](const Account& account) {
    auto it = state->edges.find(account.id);
    if (it != state->edges.end()) {
      for (const auto& [otherId, edge] : it->second) {
        if (state->erase(otherId, account.id)) adjustEdgeCount(ctx.accounts, otherId, -1);
      }
      state->edges.erase(it);
    }
    for (auto& [source, out] : state->edges) {
      if (out.erase(account.id) > 0) adjustEdgeCount(ctx.accounts, source, -1);
    }
  });
}

}  // namespace nakama::testserver
