#include "api/groups_json.h"

#include "api/users_json.h"

namespace nakama {

void from_json(const internal::JsonValue& j, Group& out) {
  using internal::read;
  read(j, "id", out.id);
  read(j, "creator_id", out.creatorId);
  read(j, "name", out.name);
  read(j, "description", out.description);
  read(j, "lang_tag", out.langTag);
  read(j, "metadata", out.metadata);
  read(j, "avatar_url", out.avatarUrl);
  read(j, "open", out.open);
  read(j, "edge_count", out.edgeCount);
  read(j, "max_count", out.maxCount);
  read(j, "create_time", out.createTime);
  read(j, "update_time", out.updateTime);
}

void from_json(const internal::JsonValue& j, GroupList& out) {
  internal::read(j, "groups", out.groups);
  internal::read(j, "cursor", out.cursor);
}

void from_json(const internal::JsonValue& j, GroupUser& out) {
  internal::read(j, "user", out.user);
  internal::read(j, "state", out.state);
}

void from_json(const internal::JsonValue& j, GroupUserList& out) {
  internal::read(j, "group_users", out.groupUsers);
  internal::read(j, "cursor", out.cursor);
}

void from_json(const internal::JsonValue& j, UserGroup& out) {
  internal::read(j, "group", out.group);
  internal::read(j, "state", out.state);
}

void from_json(const internal::JsonValue& j, UserGroupList& out) {
  internal::read(j, "user_groups", out.userGroups);
  internal::read(j, "cursor", out.cursor);
}

namespace internal {

Json createGroupBody(const CreateGroupRequest& request) {
  Json body = Json::object();
  body["name"] = request.name;
  writeNonEmpty(body, "description", request.description);
  writeNonEmpty(body, "lang_tag", request.langTag);
  writeNonEmpty(body, "avatar_url", request.avatarUrl);
  body["open"] = request.open;
  writeOptional(body, "max_count", request.maxCount);
  return body;
}

Json updateGroupBody(const GroupUpdate& update) {
  Json body = Json::object();
  writeOptional(body, "name", update.name);
  writeOptional(body, "description", update.description);
  writeOptional(body, "lang_tag", update.langTag);
  writeOptional(body, "avatar_url", update.avatarUrl);
  writeOptional(body, "open", update.open);
  return body;
}

void addListGroupsQuery(QueryParams& query, const GroupListOptions& options) {
  query.addNonEmpty("name", options.name);
  query.addNonEmpty("cursor", options.cursor);
  query.addOptional("limit", options.limit);
  query.addNonEmpty("lang_tag", options.langTag);
  query.addOptional("members", options.members);
  query.addOptional("open", options.open);
}

}  // namespace internal

}  // namespace nakama
