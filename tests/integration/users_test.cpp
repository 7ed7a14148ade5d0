// UsersApi (GET /v2/user) against the test server (or a real Nakama 3.15).

#include <gtest/gtest.h>

#include <algorithm>

#include "nakama/account.h"
#include "nakama/client.h"
#include "nakama/users.h"
#include "test_env.h"
#include "test_helpers.h"

namespace nakama {
namespace {

using test::expectServerError;
using test::newUser;
using test::newUsers;
using test::TestUser;

const User* findUser(const Users& users, const std::string& id) {
  auto it = std::find_if(users.users.begin(), users.users.end(), [&](const User& u) { return u.id == id; });
  return it == users.users.end() ? nullptr : &*it;
}

TEST(UsersIntegration, GetByIdsUsernamesAndBoth) {
  TestUser alice, bob, carol;
  ASSERT_TRUE(newUsers(alice, bob, carol));
  AccountUpdate update;
  update.displayName = "Bob";
  update.timezone = "Europe/Paris";
  ASSERT_TRUE(bob.client->account().update(update).get().ok());

  auto api = alice.client->users();
  auto byIds = api.getByIds({bob.id(), carol.id()}).get();
  ASSERT_TRUE(byIds.ok()) << byIds.error();
  ASSERT_EQ(byIds->users.size(), 2u);
  const User* b = findUser(*byIds, bob.id());
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->username, bob.username());
  EXPECT_EQ(b->displayName, "Bob");
  EXPECT_EQ(b->timezone, "Europe/Paris");
  EXPECT_EQ(b->metadata, "{}");
  EXPECT_NE(b->createTime, Timestamp{});
  EXPECT_NE(findUser(*byIds, carol.id()), nullptr);

  auto byNames = api.getByUsernames({alice.username(), carol.username()}).get();
  ASSERT_TRUE(byNames.ok()) << byNames.error();
  ASSERT_EQ(byNames->users.size(), 2u);
  EXPECT_NE(findUser(*byNames, alice.id()), nullptr);
  EXPECT_NE(findUser(*byNames, carol.id()), nullptr);

  // The same user by id and by username is listed once.
  auto both = api.get({alice.id(), bob.id()}, {bob.username()}).get();
  ASSERT_TRUE(both.ok()) << both.error();
  EXPECT_EQ(both->users.size(), 2u);
}

TEST(UsersIntegration, UnknownUsersAreLeftOut) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->users();
  auto unknown =
      api.get({"00000000-0000-0000-0000-000000000001"}, {test::uniqueId("nobody_")}, {test::uniqueId("fb")}).get();
  ASSERT_TRUE(unknown.ok()) << unknown.error();
  EXPECT_TRUE(unknown->users.empty());

  auto mixed = api.get({alice.id()}, {test::uniqueId("nobody_")}).get();
  ASSERT_TRUE(mixed.ok()) << mixed.error();
  ASSERT_EQ(mixed->users.size(), 1u);
  EXPECT_EQ(mixed->users[0].id, alice.id());

  auto nothing = api.get({}).get();
  ASSERT_TRUE(nothing.ok()) << nothing.error();
  EXPECT_TRUE(nothing->users.empty());
}

// Nakama creates a system user with its database: the nil id and an empty username, no other profile.
TEST(UsersIntegration, SystemUserIsFoundByTheNilIdAndTheEmptyUsername) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  const std::string nilId = "00000000-0000-0000-0000-000000000000";
  auto api = alice.client->users();
  for (const auto& found : {api.getByIds({nilId}).get(), api.getByUsernames({""}).get()}) {
    ASSERT_TRUE(found.ok()) << found.error();
    ASSERT_EQ(found->users.size(), 1u);
    const User& system = found->users[0];
    EXPECT_EQ(system.id, nilId);
    EXPECT_EQ(system.username, "");
    EXPECT_EQ(system.displayName, "");
    EXPECT_EQ(system.langTag, "en");
    EXPECT_EQ(system.metadata, "{}");
    EXPECT_NE(system.createTime, Timestamp{});
  }
}

TEST(UsersIntegration, InvalidIdIsRejected) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  expectServerError(alice.client->users().getByIds({"not-a-uuid"}).get(), 400, GrpcCode::kInvalidArgument,
                    "ID 'not-a-uuid' is not a valid system ID.");
}

}  // namespace
}  // namespace nakama
