// AccountApi and UsersApi-visible account changes against the test server (or a real Nakama 3.15).

#include <gtest/gtest.h>

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
using test::uniqueId;

TEST(AccountIntegration, GetDescribesTheNewAccount) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto account = alice.client->account().get().get();
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(account->user.id, alice.id());
  EXPECT_EQ(account->user.username, alice.username());
  EXPECT_EQ(account->user.langTag, "en");
  EXPECT_EQ(account->user.metadata, "{}");
  EXPECT_FALSE(account->user.online);
  EXPECT_NE(account->user.createTime, Timestamp{});
  EXPECT_GE(account->user.updateTime, account->user.createTime);
  EXPECT_EQ(account->wallet, "{}");
  ASSERT_EQ(account->devices.size(), 1u);
  EXPECT_EQ(account->devices[0].id, alice.deviceId);
  EXPECT_EQ(account->email, "");
  EXPECT_EQ(account->customId, "");
  EXPECT_EQ(account->verifyTime, Timestamp{});
  EXPECT_EQ(account->disableTime, Timestamp{});
}

TEST(AccountIntegration, UpdateChangesOnlyTheFieldsSet) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->account();

  AccountUpdate update;
  update.displayName = "Alice the Detective \xF0\x9F\x95\xB5 <&>";
  update.avatarUrl = "https://example.com/a.png";
  update.langTag = "fr";
  update.location = "Z\xC3\xBCrich";
  update.timezone = "Europe/Zurich";
  auto updated = api.update(update).get();
  ASSERT_TRUE(updated.ok()) << updated.error();

  auto account = api.get().get();
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(account->user.displayName, *update.displayName);
  EXPECT_EQ(account->user.avatarUrl, *update.avatarUrl);
  EXPECT_EQ(account->user.langTag, "fr");
  EXPECT_EQ(account->user.location, *update.location);
  EXPECT_EQ(account->user.timezone, "Europe/Zurich");
  EXPECT_EQ(account->user.username, alice.username());

  // Only the location is sent: "" clears it, everything else stays.
  AccountUpdate clear;
  clear.location = "";
  ASSERT_TRUE(api.update(clear).get().ok());
  account = api.get().get();
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(account->user.location, "");
  EXPECT_EQ(account->user.displayName, *update.displayName);
  EXPECT_EQ(account->user.timezone, "Europe/Zurich");
}

TEST(AccountIntegration, UpdateUsername) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));

  AccountUpdate rename;
  rename.username = uniqueId("renamed_");
  ASSERT_TRUE(alice.client->account().update(rename).get().ok());
  auto account = alice.client->account().get().get();
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(account->user.username, *rename.username);

  // A taken username is a 400 code 3 on update (409 applies to authenticate only).
  AccountUpdate taken;
  taken.username = bob.username();
  expectServerError(alice.client->account().update(taken).get(), 400, GrpcCode::kInvalidArgument,
                    "Username is already in use.");
}

TEST(AccountIntegration, UpdateWithoutFieldsIsRejectedBeforeSending) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto result = alice.client->account().update(AccountUpdate{}).get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
}

TEST(AccountIntegration, LinkAndUnlinkCustomEmailAndDevice) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->account();
  const std::string customId = uniqueId("custom-");
  const std::string email = uniqueId("alice") + "@example.com";
  const std::string device = uniqueId("device2-");

  ASSERT_TRUE(api.linkCustom(customId).get().ok());
  ASSERT_TRUE(api.linkEmail(email, "password-1234").get().ok());
  ASSERT_TRUE(api.linkDevice(device).get().ok());
  auto linked = api.get().get();
  ASSERT_TRUE(linked.ok()) << linked.error();
  EXPECT_EQ(linked->customId, customId);
  EXPECT_EQ(linked->email, email);
  EXPECT_EQ(linked->devices.size(), 2u);

  // The linked identities sign in to the same account.
  Client other(test::TestEnv::instance().clientOptions());
  AuthOptions noCreate;
  noCreate.create = false;
  auto viaCustom = other.authenticateCustom(customId, noCreate).get();
  ASSERT_TRUE(viaCustom.ok()) << viaCustom.error();
  EXPECT_EQ(viaCustom->userId(), alice.id());
  auto viaEmail = other.authenticateEmail(email, "password-1234", noCreate).get();
  ASSERT_TRUE(viaEmail.ok()) << viaEmail.error();
  EXPECT_EQ(viaEmail->userId(), alice.id());

  ASSERT_TRUE(api.unlinkCustom(customId).get().ok());
  ASSERT_TRUE(api.unlinkEmail(email, "password-1234").get().ok());
  ASSERT_TRUE(api.unlinkDevice(device).get().ok());
  auto unlinked = api.get().get();
  ASSERT_TRUE(unlinked.ok()) << unlinked.error();
  EXPECT_EQ(unlinked->customId, "");
  EXPECT_EQ(unlinked->email, "");
  ASSERT_EQ(unlinked->devices.size(), 1u);
  EXPECT_EQ(unlinked->devices[0].id, alice.deviceId);
}

TEST(AccountIntegration, LinkingAnotherUsersIdentityConflicts) {
  TestUser alice, bob;
  ASSERT_TRUE(newUsers(alice, bob));
  expectServerError(bob.client->account().linkDevice(alice.deviceId).get(), 409, GrpcCode::kAlreadyExists,
                    "Device ID already in use.");
  const std::string customId = uniqueId("custom-");
  ASSERT_TRUE(alice.client->account().linkCustom(customId).get().ok());
  expectServerError(bob.client->account().linkCustom(customId).get(), 409, GrpcCode::kAlreadyExists,
                    "Custom ID is already in use.");
}

TEST(AccountIntegration, InvalidIdentitiesAreRejected) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  expectServerError(alice.client->account().linkDevice("short").get(), 400, GrpcCode::kInvalidArgument);
  expectServerError(alice.client->account().linkCustom("abc").get(), 400, GrpcCode::kInvalidArgument);
  expectServerError(alice.client->account().linkEmail("not-an-email", "password-1234").get(), 400,
                    GrpcCode::kInvalidArgument);
}

TEST(AccountIntegration, UnlinkingTheLastIdentityIsDenied) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  expectServerError(alice.client->account().unlinkDevice(alice.deviceId).get(), 403, GrpcCode::kPermissionDenied,
                    "Cannot unlink last account identifier. Check profile exists and is not last link.");
  auto account = alice.client->account().get().get();
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(account->devices.size(), 1u);
}

TEST(AccountIntegration, ProvidersWithoutServerCredentialsFail) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->account();
  expectServerError(api.linkSteam("steam-token", false).get(), 400, GrpcCode::kFailedPrecondition,
                    "Steam authentication is not configured.");
  expectServerError(api.importSteamFriends("steam-token").get(), 400, GrpcCode::kFailedPrecondition,
                    "Steam authentication is not configured.");
  // Tokens the server cannot verify: whatever the provider's error, the call fails and nothing is linked.
  CallOptions quick;
  quick.retry = RetryPolicy::none();
  EXPECT_FALSE(api.linkApple("not-a-token", quick).get().ok());
  EXPECT_FALSE(api.linkGoogle("not-a-token", quick).get().ok());
  EXPECT_FALSE(api.linkFacebook("not-a-token", true, quick).get().ok());
  EXPECT_FALSE(api.linkFacebookInstantGame("not.signed", quick).get().ok());
  EXPECT_FALSE(api.importFacebookFriends("not-a-token", true, quick).get().ok());
  GameCenterCredentials incomplete;
  incomplete.playerId = "player";
  expectServerError(api.linkGameCenter(incomplete, quick).get(), 400, GrpcCode::kInvalidArgument);
  auto account = api.get().get();
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(account->user.appleId, "");
  EXPECT_EQ(account->user.googleId, "");
  EXPECT_EQ(account->user.facebookId, "");
  EXPECT_EQ(account->user.steamId, "");
}

TEST(AccountIntegration, DeleteAccount) {
  TestUser dave, alice;
  ASSERT_TRUE(newUsers(dave, alice));
  auto deleted = dave.client->account().deleteAccount().get();
  ASSERT_TRUE(deleted.ok()) << deleted.error();

  // The session no longer works, and the user is gone for everybody.
  CallOptions once;
  once.retry = RetryPolicy::none();
  auto after = dave.client->account().get(once).get();
  ASSERT_FALSE(after.ok());
  auto users = alice.client->users().getByIds({dave.id()}).get();
  ASSERT_TRUE(users.ok()) << users.error();
  EXPECT_TRUE(users->users.empty());
}

}  // namespace
}  // namespace nakama
