#pragma once

#include "core/json.h"
#include "nakama/groups.h"
#include "rest/rest_request.h"

namespace nakama {

void from_json(const internal::Json& j, Group& out);
void from_json(const internal::Json& j, GroupList& out);
void from_json(const internal::Json& j, GroupUser& out);
void from_json(const internal::Json& j, GroupUserList& out);
void from_json(const internal::Json& j, UserGroup& out);
void from_json(const internal::Json& j, UserGroupList& out);

namespace internal {

/// `CreateGroupRequest`.
Json createGroupBody(const CreateGroupRequest& request);
/// `UpdateGroupRequest` without the group id (it is in the path): only the fields that are set.
Json updateGroupBody(const GroupUpdate& update);
/// name, cursor, limit, lang_tag, members, open.
void addListGroupsQuery(QueryParams& query, const GroupListOptions& options);

}  // namespace internal
}  // namespace nakama
