// RPC over HTTP against the test server (or a real Nakama 3.15 with the fixture functions `echo` and
// `fail`): with the session, with the runtime HTTP key (no session), wrapped and unwrapped.

#include <gtest/gtest.h>

#include "nakama/client.h"
#include "nakama/rpc.h"
#include "test_env.h"
#include "test_helpers.h"

namespace nakama {
namespace {

using test::expectServerError;
using test::newUser;
using test::TestEnv;

TEST(RpcIntegration, EchoWithSession) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->rpc();
  auto echoed = api.call("echo", "{\"hello\":\"world\",\"n\":1}").get();
  ASSERT_TRUE(echoed.ok()) << echoed.error();
  EXPECT_EQ(*echoed, "{\"hello\":\"world\",\"n\":1}");

  const std::string tricky =
      "{\"msg\": \"<b>Tom & Jerry</b>\", \"jp\": \"ねこ\", \"e\": \"🕵\", \"q\": \"\\\"x\\\"\"}";
  auto escaped = api.call("echo", tricky).get();
  ASSERT_TRUE(escaped.ok()) << escaped.error();
  EXPECT_EQ(*escaped, tricky) << "HTML escapes and UTF-8 survive the round trip";

  auto empty = api.call("echo").get();
  ASSERT_TRUE(empty.ok()) << "an empty payload is sent as \"\": " << empty.error();
  EXPECT_EQ(*empty, "");

  auto notJson = api.call("echo", "plain text payload").get();
  ASSERT_TRUE(notJson.ok()) << notJson.error();
  EXPECT_EQ(*notJson, "plain text payload");

  auto upper = api.call("ECHO", "{\"x\":1}").get();
  ASSERT_TRUE(upper.ok()) << "ids are case-insensitive: " << upper.error();
  EXPECT_EQ(*upper, "{\"x\":1}");
}

TEST(RpcIntegration, EchoWithHttpKeyNeedsNoSession) {
  Client server(TestEnv::instance().clientOptions());  // never authenticated
  auto api = server.rpc();
  auto echoed = api.callWithHttpKey(TestEnv::instance().httpKey(), "echo", "{\"from\":\"server-to-server\"}").get();
  ASSERT_TRUE(echoed.ok()) << echoed.error();
  EXPECT_EQ(*echoed, "{\"from\":\"server-to-server\"}");

  expectServerError(api.callWithHttpKey("wrong-http-key", "echo", "{}").get(), 401, GrpcCode::kUnauthenticated,
                    "HTTP key invalid");
  // Without a session, a session call fails before any request.
  EXPECT_FALSE(api.call("echo", "{}").get().ok());
}

TEST(RpcIntegration, Unwrap) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  RpcOptions unwrap;
  unwrap.unwrap = true;
  auto raw = alice.client->rpc().call("echo", "{\"hello\":\"world\",\"n\":1}", unwrap).get();
  ASSERT_TRUE(raw.ok()) << raw.error();
  EXPECT_EQ(*raw, "{\"hello\":\"world\",\"n\":1}");

  Client server(TestEnv::instance().clientOptions());
  auto viaKey = server.rpc().callWithHttpKey(TestEnv::instance().httpKey(), "echo", "{\"raw\":true}", unwrap).get();
  ASSERT_TRUE(viaKey.ok()) << viaKey.error();
  EXPECT_EQ(*viaKey, "{\"raw\":true}");
}

TEST(RpcIntegration, Errors) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  auto api = alice.client->rpc();
  expectServerError(api.call(test::uniqueId("no_such_rpc_"), "{}").get(), 404, GrpcCode::kNotFound,
                    "RPC function not found");

  auto failed = api.call("fail", "{}").get();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, ErrorKind::kServerError) << failed.error();
  EXPECT_GE(failed.error().httpStatus.value_or(0), 400);
  EXPECT_TRUE(failed.error().grpcCode.has_value());
  EXPECT_FALSE(failed.error().message.empty());

  EXPECT_EQ(api.call("").get().error().kind, ErrorKind::kInvalidArgument);
}

TEST(RpcIntegration, NotRetriedUnlessIdempotent) {
  auto alice = newUser();
  ASSERT_TRUE(alice.session);
  int retries = 0;
  auto options = TestEnv::instance().clientOptions();
  options.retry.baseDelay = std::chrono::milliseconds(1);
  options.onRetry = [&retries](const RetryAttempt&) { ++retries; };
  Client client(options);
  client.setSession(*alice.session);
  // `fail` answers with a server error; whether it is transient depends on the code the runtime gave.
  EXPECT_FALSE(client.rpc().call("fail", "{}").get().ok());
  EXPECT_EQ(retries, 0) << "RPCs are not retried by default";

  CallOptions idempotent;
  idempotent.idempotent = true;
  EXPECT_FALSE(client.rpc().call("fail", "{}", {}, idempotent).get().ok());
  EXPECT_EQ(retries, 2) << "with CallOptions::idempotent the 500 answers are retried (3 attempts)";
}

}  // namespace
}  // namespace nakama
