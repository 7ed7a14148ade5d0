#include "nakama/friends.h"

#include "api/friends_json.h"
#include "api/list_all.h"
#include "api/users_json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

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

Future<FriendList> FriendsApi::list(const FriendListOptions& options, const CallOptions& call) {
  internal::RestRequest request;
  request.method = "GET";
  request.path = "/v2/friend";
  request.query.addOptional("limit", options.limit);
  if (options.state) request.query.add("state", static_cast<std::int32_t>(*options.state));
  request.query.addNonEmpty("cursor", options.cursor);
  request.options = call;
  return core_->call<FriendList>(std::move(request));
}

Future<std::vector<Friend>> FriendsApi::listAll(const FriendListOptions& options, const CallOptions& call) {
  return internal::listAllPages(
      core_->executor(), options, 1000,
      [self = *this, call](const FriendListOptions& page) mutable { return self.list(page, call); },
      &FriendList::friends);
}

}  // namespace nakama
