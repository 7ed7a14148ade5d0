// Authentication, sessions (refresh, logout, automatic refresh), healthcheck and the client's
// error model, end to end against the server.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "nakama/account.h"
#include "test_env.h"

namespace nakama {
namespace {

using test::TestEnv;
using test::uniqueId;

ClientOptions options() { return TestEnv::instance().clientOptions(); }

TEST(Auth, Healthcheck) {
  Client client(options());
  auto result = client.healthcheck().get();
  EXPECT_TRUE(result.ok()) << result.error();
}

TEST(Auth, DeviceCreatesThenSignsIn) {
  Client client(options());
  const auto device = uniqueId("device-");
  const auto username = uniqueId("u");
  AuthOptions auth;
  auth.username = username;
  auto created = client.authenticateDevice(device, auth).get();
  ASSERT_TRUE(created.ok()) << created.error();
  EXPECT_TRUE(created->created());
  EXPECT_EQ(created->username(), username);
  EXPECT_FALSE(created->userId().empty());
  EXPECT_FALSE(created->isExpired());
  EXPECT_TRUE(created->canRefresh());
  ASSERT_TRUE(client.session().has_value());
  EXPECT_EQ(*client.session(), *created);

  auto again = client.authenticateDevice(device).get();
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_FALSE(again->created());
  EXPECT_EQ(again->userId(), created->userId());
}

TEST(Auth, CreateFalseForAnUnknownDeviceIsNotFound) {
  Client client(options());
  AuthOptions auth;
  auth.create = false;
  auto result = client.authenticateDevice(uniqueId("device-"), auth).get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kServerError);
  EXPECT_EQ(result.error().httpStatus, 404);
  EXPECT_EQ(result.error().grpcCode, GrpcCode::kNotFound);
  EXPECT_EQ(result.error().message, "User account not found.");
  EXPECT_FALSE(client.session().has_value());
}

TEST(Auth, ValidationErrorsCarryTheServersMessage) {
  Client client(options());
  auto shortId = client.authenticateDevice("short").get();
  EXPECT_EQ(shortId.error().httpStatus, 400);
  EXPECT_EQ(shortId.error().grpcCode, GrpcCode::kInvalidArgument);
  EXPECT_EQ(shortId.error().message, "Device ID invalid, must be 10-128 bytes.");

  auto badEmail = client.authenticateEmail("not-an-email", "password123").get();
  EXPECT_EQ(badEmail.error().message, "Invalid email address format.");
  auto shortPassword = client.authenticateEmail(uniqueId("e") + "@example.com", "short").get();
  EXPECT_EQ(shortPassword.error().message, "Password must be at least 8 characters long.");
}

TEST(Auth, EmptyIdsAreRejectedBeforeAnyRequest) {
  Client client(options());
  EXPECT_EQ(client.authenticateDevice("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(client.authenticateCustom("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(client.authenticateEmail("", "password123").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(client.authenticateSteam("").get().error().kind, ErrorKind::kInvalidArgument);
}

TEST(Auth, WrongServerKeyIsUnauthenticated) {
  auto opts = options();
  opts.serverKey = "not-the-key";
  Client client(opts);
  auto result = client.authenticateDevice(uniqueId("device-")).get();
  EXPECT_EQ(result.error().httpStatus, 401);
  EXPECT_EQ(result.error().grpcCode, GrpcCode::kUnauthenticated);
  EXPECT_EQ(result.error().message, "Server key invalid");
}

TEST(Auth, EmailCreateSignInAndSignInByUsername) {
  Client client(options());
  const auto email = uniqueId("mail") + "@example.com";
  const auto username = uniqueId("u");
  AuthOptions auth;
  auth.username = username;
  auto created = client.authenticateEmail(email, "correct-horse", auth).get();
  ASSERT_TRUE(created.ok()) << created.error();
  EXPECT_TRUE(created->created());

  auto wrong = client.authenticateEmail(email, "wrong-password").get();
  EXPECT_EQ(wrong.error().httpStatus, 401);
  EXPECT_EQ(wrong.error().message, "Invalid credentials.");

  AuthOptions byName;
  byName.username = username;
  byName.create = false;
  auto signedIn = client.authenticateEmail("", "correct-horse", byName).get();
  ASSERT_TRUE(signedIn.ok()) << signedIn.error();
  EXPECT_EQ(signedIn->userId(), created->userId());
}

TEST(Auth, CustomIdAndUsernameConflict) {
  Client client(options());
  const auto username = uniqueId("u");
  AuthOptions auth;
  auth.username = username;
  ASSERT_TRUE(client.authenticateCustom(uniqueId("custom-"), auth).get().ok());
  auto conflict = client.authenticateCustom(uniqueId("custom-"), auth).get();
  EXPECT_EQ(conflict.error().httpStatus, 409);
  EXPECT_EQ(conflict.error().grpcCode, GrpcCode::kAlreadyExists);
  EXPECT_EQ(conflict.error().message, "Username is already in use.");
}

TEST(Auth, VarsAreCarriedInTheToken) {
  Client client(options());
  AuthOptions auth;
  auth.vars = {{"platform", "linux"}, {"build", "42"}};
  auto session = client.authenticateDevice(uniqueId("device-"), auth).get();
  ASSERT_TRUE(session.ok()) << session.error();
  EXPECT_EQ(session->vars(), auth.vars);
}

TEST(Auth, ProvidersWithoutServerCredentialsAnswerWithAServerError) {
  Client client(options());
  for (auto result : {client.authenticateSteam("steam-token").get(), client.authenticateGoogle("google-token").get(),
                      client.authenticateApple("apple-token").get(), client.authenticateFacebook("fb-token").get(),
                      client.authenticateFacebookInstantGame("signed.info").get()}) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, ErrorKind::kServerError) << result.error();
    EXPECT_TRUE(result.error().httpStatus.has_value());
  }
  GameCenterCredentials gameCenter{"player", "com.example", 1700000000, "c2FsdA==", "c2ln", "https://example.com/key"};
  auto gc = client.authenticateGameCenter(gameCenter).get();
  ASSERT_FALSE(gc.ok());
  EXPECT_EQ(gc.error().kind, ErrorKind::kServerError) << gc.error();
}

TEST(Session, ExplicitRefreshKeepsTheUserAndCanReplaceVars) {
  Client client(options());
  AuthOptions auth;
  auth.vars = {{"a", "1"}};
  auto session = client.authenticateDevice(uniqueId("device-"), auth).get();
  ASSERT_TRUE(session.ok()) << session.error();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // tokens are deterministic to the second

  auto refreshed = client.refreshSession().get();
  ASSERT_TRUE(refreshed.ok()) << refreshed.error();
  EXPECT_EQ(refreshed->userId(), session->userId());
  EXPECT_NE(refreshed->token(), session->token());
  EXPECT_EQ(refreshed->vars(), auth.vars);
  EXPECT_EQ(*client.session(), *refreshed);

  auto withVars = client.refreshSession(StringMap{{"b", "2"}}).get();
  ASSERT_TRUE(withVars.ok()) << withVars.error();
  EXPECT_EQ(withVars->vars(), (StringMap{{"b", "2"}}));
}

TEST(Session, AutomaticRefreshBeforeExpiryTellsTheGame) {
  auto opts = options();
  opts.refreshWindow = std::chrono::hours(24 * 365);  // every token is "about to expire"
  std::atomic<int> changes{0};
  opts.onSessionChanged = [&](const std::optional<Session>& s) {
    if (s) ++changes;
  };
  auto user = test::newUser(opts);
  ASSERT_TRUE(user.session);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto account = user.client->account().get().get();  // a session call refreshes first
  ASSERT_TRUE(account.ok()) << account.error();
  for (int i = 0; i < 50 && changes.load() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_GE(changes.load(), 2);
  EXPECT_NE(user.client->session()->token(), user.session->token());
}

TEST(Session, RejectedTokenIsRefreshedAndTheCallRetried) {
  auto user = test::newUser();
  ASSERT_TRUE(user.session);
  // Same claims, broken signature: the server answers 401 and the client must recover.
  const std::string token = user.session->token();
  const std::string forged = token.substr(0, token.rfind('.') + 1) + "Zm9yZ2Vk";
  auto restored = Session::restore(forged, user.session->refreshToken());
  ASSERT_TRUE(restored.ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  user.client->setSession(*restored);
  auto account = user.client->account().get().get();  // 401 -> refresh -> one retry
  ASSERT_TRUE(account.ok()) << account.error();
  EXPECT_EQ(account->user.id, user.id());
  EXPECT_NE(user.client->session()->token(), forged);
}

TEST(Session, LogoutRevokesTheSession) {
  auto user = test::newUser();
  ASSERT_TRUE(user.session);
  ASSERT_TRUE(user.client->logout().get().ok());
  EXPECT_FALSE(user.client->session().has_value());
  user.client->setSession(*user.session);
  auto refreshed = user.client->refreshSession().get();
  ASSERT_FALSE(refreshed.ok());
  EXPECT_EQ(refreshed.error().kind, ErrorKind::kSessionExpired);
  EXPECT_EQ(refreshed.error().httpStatus, 401);
}

TEST(Session, SavedSessionRestoresOnANewClient) {
  auto user = test::newUser();
  ASSERT_TRUE(user.session);
  const std::string saved = user.session->serialize();
  Client next(options());
  auto restored = Session::deserialize(saved);
  ASSERT_TRUE(restored.ok()) << restored.error();
  next.setSession(*restored);
  EXPECT_EQ(next.session()->userId(), user.id());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_TRUE(next.refreshSession().get().ok());
}

TEST(ClientErrors, UnreachableServerIsAConnectionFailure) {
  auto opts = options();
  opts.host = "127.0.0.1";
  opts.port = 1;  // nothing listens there
  opts.retry = RetryPolicy::none();
  Client client(opts);
  auto result = client.healthcheck().get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kConnectionFailed) << result.error();
  EXPECT_FALSE(result.error().httpStatus.has_value());
}

TEST(ClientErrors, PolledModeRunsCallbacksInPollOnly) {
  auto opts = options();
  opts.callbackMode = CallbackMode::kPolled;
  Client client(opts);
  std::atomic<bool> called{false};
  auto future = client.healthcheck();
  future.then([&](const Result<void>&) { called = true; });
  ASSERT_TRUE(future.get().ok());  // get() never needs poll()
  EXPECT_FALSE(called.load());
  EXPECT_EQ(client.poll(), 1u);
  EXPECT_TRUE(called.load());
}

TEST(ClientErrors, DestroyingTheClientCompletesOutstandingRequests) {
  Future<void> future;
  {
    Client client(options());
    future = client.healthcheck();
  }
  ASSERT_TRUE(future.ready());
}

}  // namespace
}  // namespace nakama
