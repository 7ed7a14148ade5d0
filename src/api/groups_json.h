#pragma once

#include "core/json.h"
#include "nakama/groups.h"
#include "rest/rest_request.h"

namespace nakama {

void from_json(const internal::JsonValue& j, Group& out);
void from_json(const internal::JsonValue& j, GroupList& out);
void from_json(const internal::JsonValue& j, GroupUser& out);
void from_json(const internal::JsonValue& j, GroupUserList& out);
void from_json(const internal::JsonValue& j, UserGroup& out);
void from_json(const internal::JsonValue& j, UserGroupList& out);

namespace internal {

/// `CreateGroupRequest`.
Json createGroupBody(const CreateGroupRequest& request);
/// `UpdateGroupRequest` without the group id (it is in the path): only the fields that are set.
Json updateGroupBody(const GroupUpdate& update);
/// name, cursor, limit, lang_tag, members, open.
void addListGroupsQuery(QueryParams& query, const GroupListOptions& options);

}  // namespace internal
}  // namespace nakama
