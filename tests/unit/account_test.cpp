// AccountApi against the recorded Nakama 3.15 answers (/v2/account, link/unlink, friend import).

#include <gtest/gtest.h>

#include "api/account_json.h"
#include "api_handles.h"
#include "core/codec.h"
#include "nakama/account.h"
#include "request_replay.h"

namespace nakama::test {
namespace {

Timestamp ts(const char* text) { return *internal::parseTimestamp(text); }

Result<Account> getAccount(const std::string& name) {
  return replayCall(name, [](auto core) { return makeHandle<AccountApi>(core).get(); });
}

TEST(AccountTranscripts, GetAccountWithDevice) {
  auto account = getAccount("get_account_alice");
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(account->user.id, "d7346e3a-aba1-4b6f-90ea-5b7826a1d8a7");
  EXPECT_EQ(account->user.username, "alice_1795464486");
  EXPECT_EQ(account->user.langTag, "en");
  EXPECT_EQ(account->user.metadata, "{}");
  EXPECT_EQ(account->user.createTime, ts("2026-11-23T20:08:06Z"));
  EXPECT_EQ(account->wallet, "{}");
  ASSERT_EQ(account->devices.size(), 1u);
  EXPECT_EQ(account->devices[0].id, "device-alice-1795464486");
  EXPECT_TRUE(account->devices[0].vars.empty());
  EXPECT_EQ(account->email, "");
  EXPECT_EQ(account->customId, "");
  EXPECT_EQ(account->verifyTime, Timestamp{});
  EXPECT_EQ(account->disableTime, Timestamp{});
}

TEST(AccountTranscripts, GetAccountWithEmail) {
  auto account = getAccount("get_account_bob");
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(account->email, "bob_1795464486@example.com");
  EXPECT_TRUE(account->devices.empty());
}

TEST(AccountTranscripts, GetAccountWithCustomId) {
  auto account = getAccount("get_account_carol");
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(account->customId, "custom-carol-1795464486");
}

TEST(AccountTranscripts, GetAccountAfterUpdates) {
  auto alice = getAccount("get_account_alice_after_update");
  ASSERT_TRUE(alice.ok()) << alice.error();
  EXPECT_EQ(alice->user.displayName, "Alice the Detective");
  EXPECT_EQ(alice->user.avatarUrl, "https://example.com/avatars/alice.png");
  EXPECT_EQ(alice->user.location, "Tokyo");
  EXPECT_EQ(alice->user.timezone, "Asia/Tokyo");
  EXPECT_EQ(alice->user.updateTime, ts("2026-11-23T20:08:08Z"));

  auto carol = getAccount("get_account_carol_after_unicode_update");
  ASSERT_TRUE(carol.ok()) << carol.error();
  EXPECT_EQ(carol->user.displayName,
            "\xE3\x82\xAD\xE3\x83\xA3\xE3\x83\xAD\xE3\x83\xAB \xF0\x9F\x95\xB5\xEF\xB8\x8F \"C\" <crew> & co");
  EXPECT_EQ(carol->user.location, "Z\xC3\xBCrich");
}

TEST(AccountTranscripts, GetAccountLinkedAndUnlinked) {
  auto linked = getAccount("get_account_alice_linked");
  ASSERT_TRUE(linked.ok()) << linked.error();
  EXPECT_EQ(linked->email, "alice_1795464486@example.com");
  EXPECT_EQ(linked->customId, "custom-alice-1795464486");
  EXPECT_EQ(linked->devices.size(), 1u);

  auto unlinked = getAccount("get_account_alice_unlinked");
  ASSERT_TRUE(unlinked.ok()) << unlinked.error();
  EXPECT_EQ(unlinked->email, "");
  EXPECT_EQ(unlinked->customId, "");
  EXPECT_EQ(unlinked->devices.size(), 1u);
}

TEST(AccountTranscripts, Update) {
  auto result = replayCall("update_account_alice", [](auto core) {
    AccountUpdate update;
    update.displayName = "Alice the Detective";
    update.avatarUrl = "https://example.com/avatars/alice.png";
    update.langTag = "en";
    update.location = "Tokyo";
    update.timezone = "Asia/Tokyo";
    return makeHandle<AccountApi>(core).update(update);
  });
  EXPECT_TRUE(result.ok()) << result.error();
}

TEST(AccountTranscripts, UpdateSendsOnlyTheFieldsSet) {
  // Recorded with camelCase keys; the SDK sends the snake_case names (both accepted).
  auto result = replayCall("update_account_bob_camelcase", [](auto core) {
    AccountUpdate update;
    update.displayName = "Bob";
    update.langTag = "fr";
    update.timezone = "Europe/Paris";
    return makeHandle<AccountApi>(core).update(update);
  });
  EXPECT_TRUE(result.ok()) << result.error();
}

TEST(AccountTranscripts, UpdateUnicode) {
  auto result = replayCall("update_account_carol_unicode", [](auto core) {
    AccountUpdate update;
    update.displayName =
        "\xE3\x82\xAD\xE3\x83\xA3\xE3\x83\xAD\xE3\x83\xAB \xF0\x9F\x95\xB5\xEF\xB8\x8F \"C\" <crew> & co";
    update.location = "Z\xC3\xBCrich";
    return makeHandle<AccountApi>(core).update(update);
  });
  EXPECT_TRUE(result.ok()) << result.error();
}

TEST(AccountTranscripts, UpdateTakenUsername) {
  auto result = replayCall("update_account_username_taken", [](auto core) {
    AccountUpdate update;
    update.username = "alice_1795464486";
    return makeHandle<AccountApi>(core).update(update);
  });
  expectRecordedError(result, transcript("update_account_username_taken"));
}

TEST(AccountTranscripts, UpdateWithNoFieldIsRejectedBeforeSending) {
  // The server answers update_account_no_fields with 400 "No fields to update."; the SDK does not send it.
  EXPECT_EQ(transcript("update_account_no_fields").status, 400);
  Replay r = replay(transcript("update_account_no_fields"));
  auto result = makeHandle<AccountApi>(r.core).update(AccountUpdate{}).get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(r.transport->requests().empty());
}

TEST(AccountTranscripts, UpdateWithEmptyStringClearsTheField) {
  Replay r = replayResponse(200, "{}");
  AccountUpdate update;
  update.location = "";
  ASSERT_TRUE(makeHandle<AccountApi>(r.core).update(update).get().ok());
  EXPECT_EQ(nlohmann::json::parse(r.onlyRequest().body), nlohmann::json::parse(R"({"location":""})"));
}

TEST(AccountTranscripts, LinkAndUnlinkCustomAndEmail) {
  EXPECT_TRUE(replayCall("link_custom_alice", [](auto core) {
                return makeHandle<AccountApi>(core).linkCustom("custom-alice-1795464486");
              }).ok());
  EXPECT_TRUE(replayCall("link_email_alice", [](auto core) {
                return makeHandle<AccountApi>(core).linkEmail("alice_1795464486@example.com",
                                                              "password-alice-1795464486");
              }).ok());
  EXPECT_TRUE(replayCall("unlink_custom_alice", [](auto core) {
                return makeHandle<AccountApi>(core).unlinkCustom("custom-alice-1795464486");
              }).ok());
  EXPECT_TRUE(replayCall("unlink_email_alice", [](auto core) {
                return makeHandle<AccountApi>(core).unlinkEmail("alice_1795464486@example.com",
                                                                "password-alice-1795464486");
              }).ok());
}

TEST(AccountTranscripts, LinkAndUnlinkDevice) {
  EXPECT_TRUE(replayCall("link_device_carol", [](auto core) {
                return makeHandle<AccountApi>(core).linkDevice("device-carol-1795464486");
              }).ok());
  EXPECT_TRUE(replayCall("unlink_device_carol", [](auto core) {
                return makeHandle<AccountApi>(core).unlinkDevice("device-carol-1795464486");
              }).ok());
}

TEST(AccountTranscripts, LinkConflicts) {
  auto device = replayCall("link_device_used_by_other_account", [](auto core) {
    return makeHandle<AccountApi>(core).linkDevice("device-alice-1795464486");
  });
  expectRecordedError(device, transcript("link_device_used_by_other_account"));
  EXPECT_EQ(device.error().grpcCode, GrpcCode::kAlreadyExists);

  auto custom = replayCall("link_custom_used_by_other_account", [](auto core) {
    return makeHandle<AccountApi>(core).linkCustom("custom-carol-1795464486");
  });
  expectRecordedError(custom, transcript("link_custom_used_by_other_account"));
}

TEST(AccountTranscripts, UnlinkLastIdentifierIsPermissionDenied) {
  auto result = replayCall("unlink_last_identifier_carol", [](auto core) {
    return makeHandle<AccountApi>(core).unlinkCustom("custom-carol-1795464486");
  });
  expectRecordedError(result, transcript("unlink_last_identifier_carol"));
  EXPECT_EQ(result.error().grpcCode, GrpcCode::kPermissionDenied);
}

TEST(AccountTranscripts, LinkSteamSendsTheLinkSteamRequestBody) {
  auto result = replayCall("link_steam_not_configured",
                           [](auto core) { return makeHandle<AccountApi>(core).linkSteam("steam-token", false); });
  expectRecordedError(result, transcript("link_steam_not_configured"));
  EXPECT_EQ(result.error().grpcCode, GrpcCode::kFailedPrecondition);
}

TEST(AccountTranscripts, DeleteAccount) {
  auto result =
      replayCall("delete_account_dave", [](auto core) { return makeHandle<AccountApi>(core).deleteAccount(); });
  EXPECT_TRUE(result.ok()) << result.error();
}

TEST(AccountTranscripts, RejectedTokensFailTheCall) {
  // 401 answers (logged out, missing, Basic instead of Bearer, garbage, deleted account): the client
  // tries to refresh once, the refresh is refused as well, and the call fails.
  for (const char* name : {"get_account_with_logged_out_token", "get_account_no_auth", "get_account_basic_auth",
                           "get_account_garbage_token", "get_account_after_delete"}) {
    SCOPED_TRACE(name);
    const Transcript& t = transcript(name);
    EXPECT_EQ(t.status, 401);
    Replay r = replay(t);
    auto result = makeHandle<AccountApi>(r.core).get().get();
    ASSERT_FALSE(result.ok());
    const Error& error = result.error();
    EXPECT_TRUE(error.kind == ErrorKind::kSessionExpired ||
                (error.kind == ErrorKind::kServerError && error.httpStatus == 401))
        << error;
    auto requests = r.transport->requests();
    ASSERT_FALSE(requests.empty());
    EXPECT_EQ(requests.front().method, "GET");
    EXPECT_EQ(parseTarget(requests.front().target).path, "/v2/account");
  }
}

// The remaining providers are not configured on the recording server; check what the SDK sends.
struct SentRequest {
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  nlohmann::json body;
};

template <class Invoke>
SentRequest sent(Invoke invoke) {
  Replay r = replayResponse(200, "{}");
  auto result = invoke(makeHandle<AccountApi>(r.core)).get();
  EXPECT_TRUE(result.ok()) << result.error();
  auto request = r.onlyRequest();
  auto target = parseTarget(request.target);
  return {request.method, target.path, target.query,
          request.body.empty() ? nlohmann::json() : nlohmann::json::parse(request.body)};
}

using Query = std::vector<std::pair<std::string, std::string>>;

TEST(Account, ProviderLinkBodies) {
  auto apple = sent([](AccountApi api) { return api.linkApple("apple-token"); });
  EXPECT_EQ(apple.path, "/v2/account/link/apple");
  EXPECT_EQ(apple.body, nlohmann::json::parse(R"({"token":"apple-token"})"));

  auto facebook = sent([](AccountApi api) { return api.linkFacebook("fb-token", true); });
  EXPECT_EQ(facebook.path, "/v2/account/link/facebook");
  EXPECT_EQ(facebook.query, (Query{{"sync", "true"}}));
  EXPECT_EQ(facebook.body, nlohmann::json::parse(R"({"token":"fb-token"})"));

  auto facebookDefault = sent([](AccountApi api) { return api.linkFacebook("fb-token"); });
  EXPECT_TRUE(facebookDefault.query.empty());

  auto instant = sent([](AccountApi api) { return api.linkFacebookInstantGame("signed-info"); });
  EXPECT_EQ(instant.path, "/v2/account/link/facebookinstantgame");
  EXPECT_EQ(instant.body, nlohmann::json::parse(R"({"signed_player_info":"signed-info"})"));

  GameCenterCredentials gc;
  gc.playerId = "p";
  gc.bundleId = "b";
  gc.timestampSeconds = 1795464486;
  gc.salt = "s";
  gc.signature = "sig";
  gc.publicKeyUrl = "https://example.com/key";
  auto gameCenter = sent([gc](AccountApi api) { return api.linkGameCenter(gc); });
  EXPECT_EQ(gameCenter.path, "/v2/account/link/gamecenter");
  EXPECT_EQ(gameCenter.body, nlohmann::json::parse(R"({"player_id":"p","bundle_id":"b","timestamp_seconds":"1795464486",
      "salt":"s","signature":"sig","public_key_url":"https://example.com/key"})"));

  auto google = sent([](AccountApi api) { return api.linkGoogle("g-token"); });
  EXPECT_EQ(google.path, "/v2/account/link/google");
  EXPECT_EQ(google.body, nlohmann::json::parse(R"({"token":"g-token"})"));

  auto steam = sent([](AccountApi api) { return api.linkSteam("steam-token"); });
  EXPECT_EQ(steam.body, nlohmann::json::parse(R"({"account":{"token":"steam-token"}})"));
}

TEST(Account, ProviderUnlinkBodies) {
  EXPECT_EQ(sent([](AccountApi api) { return api.unlinkApple("t"); }).path, "/v2/account/unlink/apple");
  auto fb = sent([](AccountApi api) { return api.unlinkFacebook("t"); });
  EXPECT_EQ(fb.path, "/v2/account/unlink/facebook");
  EXPECT_EQ(fb.body, nlohmann::json::parse(R"({"token":"t"})"));
  EXPECT_EQ(sent([](AccountApi api) { return api.unlinkFacebookInstantGame("t"); }).path,
            "/v2/account/unlink/facebookinstantgame");
  EXPECT_EQ(sent([](AccountApi api) { return api.unlinkGameCenter(GameCenterCredentials{}); }).path,
            "/v2/account/unlink/gamecenter");
  EXPECT_EQ(sent([](AccountApi api) { return api.unlinkGoogle("t"); }).path, "/v2/account/unlink/google");
  auto steam = sent([](AccountApi api) { return api.unlinkSteam("t"); });
  EXPECT_EQ(steam.path, "/v2/account/unlink/steam");
  EXPECT_EQ(steam.body, nlohmann::json::parse(R"({"token":"t"})"));
  auto email = sent([](AccountApi api) { return api.unlinkEmail("a@example.com"); });
  EXPECT_EQ(email.body, nlohmann::json::parse(R"({"email":"a@example.com"})"));
}

TEST(Account, ImportFriends) {
  auto facebook = sent([](AccountApi api) { return api.importFacebookFriends("fb-token", true); });
  EXPECT_EQ(facebook.method, "POST");
  EXPECT_EQ(facebook.path, "/v2/friend/facebook");
  EXPECT_EQ(facebook.query, (Query{{"reset", "true"}}));
  EXPECT_EQ(facebook.body, nlohmann::json::parse(R"({"token":"fb-token"})"));

  auto steam = sent([](AccountApi api) { return api.importSteamFriends("steam-token"); });
  EXPECT_EQ(steam.path, "/v2/friend/steam");
  EXPECT_TRUE(steam.query.empty());
  EXPECT_EQ(steam.body, nlohmann::json::parse(R"({"token":"steam-token"})"));
}

TEST(Account, DeleteIsNotRetried) {
  std::atomic<int> attempts{0};
  auto transport = std::make_shared<FakeHttpTransport>([&attempts](const auto&, auto done) {
    ++attempts;
    done(httpResponse(503, R"({"code":14,"message":"unavailable"})"));
  });
  ClientOptions options;
  options.retry.maxAttempts = 3;
  options.retry.baseDelay = std::chrono::milliseconds(1);
  options.retry.jitter = false;
  auto core = internal::ClientCore::create(options, transport);
  auto session = nlohmann::json::parse(sessionBody("d7346e3a-aba1-4b6f-90ea-5b7826a1d8a7", 3600, 7200));
  core->sessions()->set(*Session::restore(session["token"], session["refresh_token"]));
  auto result = makeHandle<AccountApi>(core).deleteAccount().get();
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(attempts.load(), 1);
  // ...while get() is.
  attempts = 0;
  EXPECT_FALSE(makeHandle<AccountApi>(core).get().get().ok());
  EXPECT_EQ(attempts.load(), 3);
}

TEST(Account, DecodesVerifyAndDisableTimesAndDeviceVars) {
  auto account = internal::decodeAs<Account>(internal::parseJson(
      R"({"user":{"id":"u"},"devices":[{"id":"d","vars":{"k":"v"}}],"verify_time":"2026-11-23T20:08:06Z",
          "disable_time":"2026-11-24T00:00:00Z"})"));
  EXPECT_EQ(account.verifyTime, ts("2026-11-23T20:08:06Z"));
  EXPECT_EQ(account.disableTime, ts("2026-11-24T00:00:00Z"));
  ASSERT_EQ(account.devices.size(), 1u);
  EXPECT_EQ(account.devices[0].vars.at("k"), "v");
}

}  // namespace
}  // namespace nakama::test
