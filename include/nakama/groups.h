#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nakama/client_options.h"
#include "nakama/export.h"
#include "nakama/future.h"
#include "nakama/types.h"
#include "nakama/users.h"

namespace nakama {

/// A user's role in a group. Unknown numbers sent by a newer server are kept as they are.
enum class GroupMemberState : std::int32_t {
  /// Created the group, or was promoted from admin: full control.
  kSuperadmin = 0,
  /// Manages members and the group's settings.
  kAdmin = 1,
  /// An ordinary member.
  kMember = 2,
  kJoinRequest = 3,  ///< Asked to join a closed group; not a member yet.
  kBanned = 4,       ///< Listed among a group's users only when filtering on this state; never in listUserGroups.
};

/// A group (`api.Group`).
struct Group {
  /// The group's id.
  std::string id;
  /// The user id of its creator.
  std::string creatorId;
  /// Unique name.
  std::string name;
  /// Description.
  std::string description;
  /// Language tag.
  std::string langTag;
  std::string metadata;  ///< JSON object as a string; written by server code only.
  /// Avatar URL.
  std::string avatarUrl;
  bool open = false;           ///< Anyone may join; closed groups turn joins into join requests.
  std::int32_t edgeCount = 0;  ///< Number of members (join requests and bans not included).
  std::int32_t maxCount = 0;   ///< Maximum number of members.
  /// When the group was created.
  Timestamp createTime{};
  /// When the group or its membership last changed.
  Timestamp updateTime{};
};

/// One page of groups. An empty `cursor` means this is the last page.
struct GroupList {
  /// The groups of this page.
  std::vector<Group> groups;
  /// The next page's cursor; empty on the last page.
  std::string cursor;
};

/// A member of a group (or a join request or ban), as listed by `GroupsApi::listUsers`.
struct GroupUser {
  /// The user's public profile.
  User user;
  /// The user's role in the group.
  GroupMemberState state = GroupMemberState::kSuperadmin;
};

/// One page of a group's members.
struct GroupUserList {
  /// The members of this page.
  std::vector<GroupUser> groupUsers;
  /// The next page's cursor; empty on the last page.
  std::string cursor;
};

/// A group a user belongs to, as listed by `GroupsApi::listUserGroups`.
struct UserGroup {
  /// The group.
  Group group;
  /// The user's role in it.
  GroupMemberState state = GroupMemberState::kSuperadmin;
};

/// One page of the groups a user belongs to.
struct UserGroupList {
  /// The groups of this page.
  std::vector<UserGroup> userGroups;
  /// The next page's cursor; empty on the last page.
  std::string cursor;
};

/// `GroupsApi::create`. Only `name` is required.
struct CreateGroupRequest {
  std::string name;  ///< Unique among groups.
  /// Description.
  std::string description;
  std::string langTag;  ///< Server default "en".
  /// Avatar URL.
  std::string avatarUrl;
  /// Anyone may join; a closed group turns joins into join requests.
  bool open = false;
  std::optional<std::int32_t> maxCount;  ///< >= 1; server default 100.
};

/// `GroupsApi::update`: unset fields are left unchanged. At least one field must be set.
struct GroupUpdate {
  /// New unique name.
  std::optional<std::string> name;
  /// New description.
  std::optional<std::string> description;
  /// New language tag.
  std::optional<std::string> langTag;
  /// New avatar URL.
  std::optional<std::string> avatarUrl;
  /// Open or close the group.
  std::optional<bool> open;

  /// True when no field is set.
  bool empty() const { return !name && !description && !langTag && !avatarUrl && !open; }
};

/// Which page `GroupsApi::listUsers` and `listUserGroups` return, e.g. `listUsers(id, {GroupMemberState::kAdmin})`.
struct MembershipListOptions {
  std::optional<GroupMemberState> state;  ///< Only memberships in this state; all (but bans) when unset.
  std::optional<std::int32_t> limit;      ///< 1..100; the server's default is 100.
  std::string cursor;                     ///< From a previous page; empty = the first page.
};

/// Filters for `GroupsApi::list`. `name` cannot be combined with the other filters (the server rejects
/// it with code 3). Without filters groups come by last update (oldest first; a join or any membership
/// change counts as an update); with `members`, most members first, then the most recently updated.
struct GroupListOptions {
  /// A case-insensitive SQL LIKE pattern: `%` matches any run of characters and `_` one character,
  /// anywhere in the pattern. Leading `%` and spaces are dropped first, so "%clan%" means "starts with
  /// clan"; a name of only `%` and spaces lists like no name at all. Names listed with a cursor come in
  /// no set order on Nakama 3.15, so pages may overlap or skip groups: prefer one large page.
  std::string name;
  /// Only groups with this language tag.
  std::string langTag;
  /// Groups with at most this many members; a negative value is ignored (no filter).
  std::optional<std::int32_t> members;
  std::optional<bool> open;           ///< Nakama 3.15 applies this filter inverted (open=true lists closed groups).
  std::optional<std::int32_t> limit;  ///< 1..100; the server's default is 1.
  /// From a previous page; empty = the first page.
  std::string cursor;
};

/// User groups (clans, guilds): creation, membership, roles and listings.
///
/// Permission failures are reported as the server reports them, which is not uniform: updating a group
/// or kicking/adding/promoting without being an admin gives code 5 (NotFound); deleting a group without
/// being a superadmin, or leaving as the last superadmin, gives code 3 (InvalidArgument).
class NAKAMA_API GroupsApi {
 public:
  /// Creates a group with the caller as its superadmin. Not retried automatically.
  Future<Group> create(const CreateGroupRequest& request, const CallOptions& call = {});
  /// Updates a group; admins and superadmins only. An update with no field set fails with kInvalidArgument before any
  /// I/O.
  Future<void> update(const std::string& groupId, const GroupUpdate& update, const CallOptions& call = {});
  /// Deletes a group; superadmins only. Not retried automatically.
  Future<void> remove(const std::string& groupId, const CallOptions& call = {});

  /// One page of groups matching the filters.
  Future<GroupList> list(const GroupListOptions& options = {}, const CallOptions& call = {});
  /// Every page of `list` (100 per request unless `options.limit` is set), starting at `options.cursor`.
  Future<std::vector<Group>> listAll(const GroupListOptions& options = {}, const CallOptions& call = {});

  /// Joins an open group, or asks to join a closed one (state kJoinRequest; the group's admins get
  /// NotificationCode::kGroupJoinRequest). A full group answers code 3 "Group is full." first, closed or
  /// not, even to its members. Members, pending requesters and banned users are left as they are (no error).
  Future<void> join(const std::string& groupId, const CallOptions& call = {});
  /// Leaves a group (or withdraws a join request); the user's sockets leave the group's chat channel.
  /// The last superadmin cannot leave (code 3). Not being in the group, or being banned, is no error.
  Future<void> leave(const std::string& groupId, const CallOptions& call = {});

  /// Admins: adds users as members (accepting their join requests when they made one); each one gets
  /// NotificationCode::kGroupAdd with content {"group_id", "name"}. Current members and banned users are
  /// skipped (a ban stays). One unknown user id fails the whole call with code 3 "One or more users not
  /// found.", as does going over the group's maximum ("Group is full."): then nobody is added.
  Future<void> addUsers(const std::string& groupId, const std::vector<std::string>& userIds,
                        const CallOptions& call = {});
  /// Admins: removes members, rejects join requests and lifts bans (the only way to unban). Superadmins
  /// may kick anyone, other superadmins included; admins only members, requests and banned users.
  /// Removed members leave the group's chat channel; requests and bans leave no chat message.
  Future<void> kickUsers(const std::string& groupId, const std::vector<std::string>& userIds,
                         const CallOptions& call = {});
  /// Admins: removes users and prevents them from joining again (they are listed with kBanned). The same
  /// users as kickUsers can be banned, including join requests; users not in the group are not affected.
  /// Nakama 3.15 keeps only the first ban of one call (later users of the same call are just removed):
  /// ban one user per call when that matters.
  Future<void> banUsers(const std::string& groupId, const std::vector<std::string>& userIds,
                        const CallOptions& call = {});
  /// Admins: raises each user ranked below the caller one role (member -> admin -> superadmin). Join
  /// requests are not affected (accept them with addUsers). Not retried automatically.
  Future<void> promoteUsers(const std::string& groupId, const std::vector<std::string>& userIds,
                            const CallOptions& call = {});
  /// Admins: lowers each user one role (superadmin -> admin -> member): admins may demote admins,
  /// superadmins anyone but themselves. An empty `userIds` fails with code 3 "User IDs must be set.".
  /// Not retried automatically.
  Future<void> demoteUsers(const std::string& groupId, const std::vector<std::string>& userIds,
                           const CallOptions& call = {});

  /// One page of a group's members (banned users are listed only with `state` kBanned).
  Future<GroupUserList> listUsers(const std::string& groupId, const MembershipListOptions& options = {},
                                  const CallOptions& call = {});
  /// Every page of `listUsers` (100 per request unless `options.limit` is set), from `options.cursor`.
  Future<std::vector<GroupUser>> listAllUsers(const std::string& groupId, const MembershipListOptions& options = {},
                                              const CallOptions& call = {});

  /// One page of the groups `userId` belongs to, with their role.
  Future<UserGroupList> listUserGroups(const std::string& userId, const MembershipListOptions& options = {},
                                       const CallOptions& call = {});
  /// Every page of `listUserGroups` (100 per request unless `options.limit` is set), from `options.cursor`.
  Future<std::vector<UserGroup>> listAllUserGroups(const std::string& userId, const MembershipListOptions& options = {},
                                                   const CallOptions& call = {});

  /// The id of a group's chat channel ("3.<group id>.."), for ChatApi and the socket.
  static std::string channelId(const std::string& groupId);

 private:
  friend class Client;
  friend struct internal::ApiAccess;
  explicit GroupsApi(std::shared_ptr<internal::ClientCore> core);

  std::shared_ptr<internal::ClientCore> core_;
};

}  // namespace nakama
