#include "nakama/friends.h"

#include "api/friends_json.h"
#include "api/users_json.h"
#include "nakama/client.h"
#include "nakama/pagination.h"
#include "rest/client_core.h"

namespace nakama {

void from_json(const internal::Json& j, Friend& out) {
  internal::read(j, "user", out.user);
  internal::read(j, "state", out.state);
  internal::read(j, "update_time", out.updateTime);
}

void from_json(const internal::Json& j, FriendList& out) {
  internal::read(j, "friends", out.friends);
  internal::read(j, "cursor", out.cursor);
}

namespace {

internal::RestRequest friendsRequest(const char* method, const char* path, const std::vector<std::string>& ids,
                                     const std::vector<std::string>& usernames, const CallOptions& call) {
  internal::RestRequest request;
  request.method = method;
  request.path = path;
  request.query.addAll("ids", ids).addAll("usernames", usernames);
  request.options = call;
  return request;
}

}  // namespace

FriendsApi::FriendsApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

FriendsApi Client::friends() const { return FriendsApi(core_); }

Future<void> FriendsApi::add(const std::vector<std::string>& ids, const std::vector<std::string>& usernames,
                             const CallOptions& call) {
  // Repeating an add changes nothing: a pending request stays pending, a friendship stays a friendship.
  return core_->callVoid(friendsRequest("POST", "/v2/friend", ids, usernames, call));
}

Future<void> FriendsApi::remove(const std::vector<std::string>& ids, const std::vector<std::string>& usernames,
                                const CallOptions& call) {
  return core_->callVoid(friendsRequest("DELETE", "/v2/friend", ids, usernames, call));
}

Future<void> FriendsApi::block(const std::vector<std::string>& ids, const std::vector<std::string>& usernames,
                               const CallOptions& call) {
  return core_->callVoid(friendsRequest("POST", "/v2/friend/block", ids, usernames, call));
}

Future<FriendList> FriendsApi::list(std::optional<FriendState> state, std::optional<std::int32_t> limit,
                                    const std::string& cursor, const CallOptions& call) {
  internal::RestRequest request;
  request.method = "GET";
  request.path = "/v2/friend";
  request.query.addOptional("limit", limit);
  if (state) request.query.add("state", static_cast<std::int32_t>(*state));
  request.query.addNonEmpty("cursor", cursor);
  request.options = call;
  return core_->call<FriendList>(std::move(request));
}

Future<std::vector<Friend>> FriendsApi::listAll(std::optional<FriendState> state, const CallOptions& call) {
  FriendsApi self = *this;
  PaginationOptions options;
  options.executor = core_->executor();
  return collectAllPages(
      [self, state, call](const std::string& cursor) mutable { return self.list(state, 1000, cursor, call); },
      &FriendList::friends, options);
}

}  // namespace nakama
