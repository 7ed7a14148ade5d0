#include "nakama/groups.h"

#include "api/groups_json.h"
#include "api/list_all.h"
#include "api/users_json.h"
#include "nakama/client.h"
#include "rest/client_core.h"

namespace nakama {

namespace {

std::string groupPath(const std::string& groupId, const char* suffix = "") {
  return "/v2/group/" + internal::percentEncode(groupId) + suffix;
}

Error emptyId(const char* what) {
  return Error{ErrorKind::kInvalidArgument, std::string("the ") + what + " must not be empty"};
}

}  // namespace

GroupsApi::GroupsApi(std::shared_ptr<internal::ClientCore> core) : core_(std::move(core)) {}

GroupsApi Client::groups() const { return GroupsApi(core_); }

std::string GroupsApi::channelId(const std::string& groupId) { return "3." + groupId + ".."; }

Future<Group> GroupsApi::create(const CreateGroupRequest& group, const CallOptions& call) {
  if (group.name.empty()) return core_->fail<Group>(emptyId("group name"));
  internal::RestRequest request;
  request.method = "POST";
  request.path = "/v2/group";
  request.json = internal::createGroupBody(group);
  request.options = call;
  return core_->call<Group>(std::move(request));
}

Future<void> GroupsApi::update(const std::string& groupId, const GroupUpdate& update, const CallOptions& call) {
  if (groupId.empty()) return core_->failVoid(emptyId("group id"));
  if (update.empty()) return core_->failVoid(Error{ErrorKind::kInvalidArgument, "GroupUpdate has no field set"});
  internal::RestRequest request;
  request.method = "PUT";
  request.path = groupPath(groupId);
  request.json = internal::updateGroupBody(update);
  request.options = call;
  return core_->callVoid(std::move(request));
}

Future<void> GroupsApi::remove(const std::string& groupId, const CallOptions& call) {
  if (groupId.empty()) return core_->failVoid(emptyId("group id"));
  internal::RestRequest request;
  request.method = "DELETE";
  request.path = groupPath(groupId);
  request.options = call;
  return core_->callVoid(std::move(request));
}

Future<GroupList> GroupsApi::list(const GroupListOptions& options, const CallOptions& call) {
  internal::RestRequest request;
  request.method = "GET";
  request.path = "/v2/group";
  internal::addListGroupsQuery(request.query, options);
  request.options = call;
  return core_->call<GroupList>(std::move(request));
}

Future<std::vector<Group>> GroupsApi::listAll(const GroupListOptions& options, const CallOptions& call) {
  return internal::listAllPages(
      core_->executor(), options, 100,
      [self = *this, call](const GroupListOptions& page) mutable { return self.list(page, call); }, &GroupList::groups);
}

namespace {

internal::RestRequest membershipRequest(const std::string& groupId, const char* action,
                                        const std::vector<std::string>& userIds, const CallOptions& call) {
  internal::RestRequest request;
  request.method = "POST";
  request.path = groupPath(groupId, action);
  request.query.addAll("user_ids", userIds);
  request.options = call;
  return request;
}

}  // namespace

Future<void> GroupsApi::join(const std::string& groupId, const CallOptions& call) {
  if (groupId.empty()) return core_->failVoid(emptyId("group id"));
  return core_->callVoid(membershipRequest(groupId, "/join", {}, call));
}

Future<void> GroupsApi::leave(const std::string& groupId, const CallOptions& call) {
  if (groupId.empty()) return core_->failVoid(emptyId("group id"));
  return core_->callVoid(membershipRequest(groupId, "/leave", {}, call));
}

Future<void> GroupsApi::addUsers(const std::string& groupId, const std::vector<std::string>& userIds,
                                 const CallOptions& call) {
  if (groupId.empty()) return core_->failVoid(emptyId("group id"));
  return core_->callVoid(membershipRequest(groupId, "/add", userIds, call));
}

Future<void> GroupsApi::kickUsers(const std::string& groupId, const std::vector<std::string>& userIds,
                                  const CallOptions& call) {
  if (groupId.empty()) return core_->failVoid(emptyId("group id"));
  return core_->callVoid(membershipRequest(groupId, "/kick", userIds, call));
}

Future<void> GroupsApi::banUsers(const std::string& groupId, const std::vector<std::string>& userIds,
                                 const CallOptions& call) {
  if (groupId.empty()) return core_->failVoid(emptyId("group id"));
  return core_->callVoid(membershipRequest(groupId, "/ban", userIds, call));
}

Future<void> GroupsApi::promoteUsers(const std::string& groupId, const std::vector<std::string>& userIds,
                                     const CallOptions& call) {
  if (groupId.empty()) return core_->failVoid(emptyId("group id"));
  auto request = membershipRequest(groupId, "/promote", userIds, call);
  return core_->callVoid(std::move(request));
}

Future<void> GroupsApi::demoteUsers(const std::string& groupId, const std::vector<std::string>& userIds,
                                    const CallOptions& call) {
  if (groupId.empty()) return core_->failVoid(emptyId("group id"));
  auto request = membershipRequest(groupId, "/demote", userIds, call);
  return core_->callVoid(std::move(request));
}

namespace {
// GET <path>?limit=&state=&cursor= (group members and a user's groups share the query shape).
internal::RestRequest membershipListRequest(std::string path, const MembershipListOptions& options,
                                            const CallOptions& call) {
  internal::RestRequest request;
  request.method = "GET";
  request.path = std::move(path);
  request.query.addOptional("limit", options.limit);
  if (options.state) request.query.add("state", static_cast<std::int32_t>(*options.state));
  request.query.addNonEmpty("cursor", options.cursor);
  request.options = call;
  return request;
}
}  // namespace

Future<GroupUserList> GroupsApi::listUsers(const std::string& groupId, const MembershipListOptions& options,
                                           const CallOptions& call) {
  if (groupId.empty()) return core_->fail<GroupUserList>(emptyId("group id"));
  return core_->call<GroupUserList>(membershipListRequest(groupPath(groupId, "/user"), options, call));
}

Future<std::vector<GroupUser>> GroupsApi::listAllUsers(const std::string& groupId, const MembershipListOptions& options,
                                                       const CallOptions& call) {
  if (groupId.empty()) return core_->fail<std::vector<GroupUser>>(emptyId("group id"));
  return internal::listAllPages(
      core_->executor(), options, 100,
      [self = *this, groupId, call](const MembershipListOptions& page) mutable {
        return self.listUsers(groupId, page, call);
      },
      &GroupUserList::groupUsers);
}

Future<UserGroupList> GroupsApi::listUserGroups(const std::string& userId, const MembershipListOptions& options,
                                                const CallOptions& call) {
  if (userId.empty()) return core_->fail<UserGroupList>(emptyId("user id"));
  return core_->call<UserGroupList>(
      membershipListRequest("/v2/user/" + internal::percentEncode(userId) + "/group", options, call));
}

Future<std::vector<UserGroup>> GroupsApi::listAllUserGroups(const std::string& userId,
                                                            const MembershipListOptions& options,
                                                            const CallOptions& call) {
  if (userId.empty()) return core_->fail<std::vector<UserGroup>>(emptyId("user id"));
  return internal::listAllPages(
      core_->executor(), options, 100,
      [self = *this, userId, call](const MembershipListOptions& page) mutable {
        return self.listUserGroups(userId, page, call);
      },
      &UserGroupList::userGroups);
}

}  // namespace nakama
