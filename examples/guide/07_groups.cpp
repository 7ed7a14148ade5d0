// Guide part 7, groups: create a public group, make it private, find groups by a wildcard name page by
// page, list a player's groups and a group's members, and accept every request to join.

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <nakama/client.h>
#include <nakama/groups.h>

#include "example_server.h"
#include "guide.h"

using namespace nakama;
using guide::check;

int main(int argc, char** argv) {
  const ClientOptions server = examples::serverOptions(argc, argv);
  const std::string suffix = guide::uniqueSuffix();
  guide::Player red = guide::newPlayer(server, "red", suffix);
  guide::Player blue = guide::newPlayer(server, "blue", suffix);
  guide::Player green = guide::newPlayer(server, "green", suffix);
  Client& client = *red.client;

  std::cout << "\n== Red creates a group, then makes it private\n";
  // [guide:create]
  CreateGroupRequest request;
  request.name = "Imposters " + suffix;  // unique among all groups
  request.description = "A group for people who love playing the imposter.";
  request.open = true;  // anyone may join
  request.maxCount = 100;
  Group group = check(client.groups().create(request).get(), "create a public group");
  // [/guide:create]
  // [guide:make-private]
  GroupUpdate update;
  update.open = false;  // joining now sends a request that an admin must accept
  check(client.groups().update(group.id, update).get(), "make the group private");
  // [/guide:make-private]
  check(blue.client->groups().create({"Imposters " + suffix + " Reds"}).get(), "blue creates another group");
  check(green.client->groups().create({"Imposters " + suffix + " Greens"}).get(), "green creates another group");

  std::cout << "\n== Finding groups by name\n";
  int listed = 0;
  // [guide:list]
  GroupListOptions search;
  search.name = "imposters " + suffix + "%";  // case-insensitive; % matches any run of characters
  search.limit = 2;
  do {
    GroupList list = check(client.groups().list(search).get(), "list a page of groups");
    for (const Group& g : list.groups) std::cout << "  ..  " << g.name << (g.open ? " (open)" : " (private)") << '\n';
    listed += static_cast<int>(list.groups.size());
    search.cursor = list.cursor;  // empty after the last page
  } while (!search.cursor.empty());
  // [/guide:list]
  // Nakama 3.15 pages a name search in no set order (pages may overlap or skip a group): count on one
  // large page, as a game would when it needs every match.
  search.limit = 100;
  search.cursor.clear();
  GroupList all = check(client.groups().list(search).get(), "list them on one page");
  guide::expect(all.groups.size() == 3 && listed > 0, "the 3 groups found",
                std::to_string(all.groups.size()) + " found");

  std::cout << "\n== Blue and green ask to join; red accepts them all\n";
  check(blue.client->groups().join(group.id).get(), "blue asks to join");
  check(green.client->groups().join(group.id).get(), "green asks to join");
  // [guide:accept]
  MembershipListOptions requests;
  requests.state = GroupMemberState::kJoinRequest;
  std::vector<GroupUser> asking = check(client.groups().listAllUsers(group.id, requests).get(), "list join requests");
  std::vector<std::string> ids;
  for (const GroupUser& member : asking) ids.push_back(member.user.id);
  if (!ids.empty()) check(client.groups().addUsers(group.id, ids).get(), "accept every request");
  // [/guide:accept]
  guide::expect(ids.size() == 2, "2 requests accepted", std::to_string(ids.size()) + " requests");

  std::cout << "\n== Members and memberships\n";
  // [guide:members]
  GroupUserList members = check(client.groups().listUsers(group.id).get(), "list the group's members");
  for (const GroupUser& m : members.groupUsers) {
    std::cout << "  ..  " << m.user.username << " role " << static_cast<int>(m.state) << '\n';  // 0 superadmin
  }
  UserGroupList blueGroups = check(client.groups().listUserGroups(blue.id()).get(), "list blue's groups");
  for (const UserGroup& g : blueGroups.userGroups) {
    std::cout << "  ..  " << g.group.name << " role " << static_cast<int>(g.state) << '\n';
  }
  // [/guide:members]
  guide::expect(members.groupUsers.size() == 3 && blueGroups.userGroups.size() == 2, "3 members; blue is in 2 groups");
  std::cout << "\nPart 7 done.\n";
  return 0;
}
