// RPC: every /v2/rpc transcript replayed through RpcApi (session and HTTP-key auth, wrapped and
// unwrapped payloads, errors).

#include <gtest/gtest.h>

#include "api_handles.h"
#include "nakama/rpc.h"
#include "transcript_replay.h"

namespace nakama {
namespace {

using test::expectRecordedError;
using test::expectSameRequest;
using test::replay;
using test::transcript;

/// The payload the transcript sent: the JSON string body (wrapped mode) or the raw JSON (unwrap).
std::string sentPayload(const test::Transcript& t) {
  const auto& body = t.request.at("body");
  return body.is_string() ? body.get<std::string>() : body.dump();
}

TEST(Rpc, EchoWithSession) {
  const auto& t = transcript("rpc_echo_session");
  auto r = replay(t);
  auto payload = makeHandle<RpcApi>(r.core).call("echo", sentPayload(t)).get();
  const auto sent = r.onlyRequest();
  expectSameRequest(sent, t);
  EXPECT_EQ(sent.body, "\"{\\\"hello\\\":\\\"world\\\",\\\"n\\\":1}\"") << "the body is a JSON string";
  EXPECT_EQ(test::header(sent, "Authorization").rfind("Bearer ", 0), 0u);
  ASSERT_TRUE(payload.ok()) << payload.error();
  EXPECT_EQ(*payload, "{\"hello\":\"world\",\"n\":1}");
}

TEST(Rpc, EchoWithHttpKeyUsesNoSession) {
  const auto& t = transcript("rpc_echo_http_key");
  auto r = replay(t);
  auto payload = makeHandle<RpcApi>(r.core).callWithHttpKey("defaulthttpkey", "echo", sentPayload(t)).get();
  const auto sent = r.onlyRequest();
  expectSameRequest(sent, t);
  EXPECT_EQ(test::parseTarget(sent.target).values("http_key"), std::vector<std::string>{"defaulthttpkey"});
  EXPECT_TRUE(test::header(sent, "Authorization").empty()) << "no bearer token with the HTTP key";
  ASSERT_TRUE(payload.ok()) << payload.error();
  EXPECT_EQ(*payload, "{\"from\":\"server-to-server\"}");
}

TEST(Rpc, EmptyPayloadIsSentAsEmptyJsonString) {
  const auto& t = transcript("rpc_send_reward_notification_again");  // recorded body: ""
  auto r = replay(t);
  auto payload = makeHandle<RpcApi>(r.core).call("send_reward_notification").get();
  expectSameRequest(r.onlyRequest(), t);
  EXPECT_EQ(r.onlyRequest().body, "\"\"");
  ASSERT_TRUE(payload.ok()) << payload.error();
  EXPECT_EQ(*payload, "{\"sent\":true}");

  const auto& t2 = transcript("rpc_send_reward_notification");
  auto r2 = replay(t2);
  ASSERT_TRUE(makeHandle<RpcApi>(r2.core).call("send_reward_notification", "{}").get().ok());
  expectSameRequest(r2.onlyRequest(), t2);
}

TEST(Rpc, GetAnswerWithEmptyPayloadDecodes) {
  // rpc_echo_get_http_key: {"payload":""} (the SDK always POSTs; the answer shape is what matters).
  auto r = replay(transcript("rpc_echo_get_http_key"));
  auto payload = makeHandle<RpcApi>(r.core).callWithHttpKey("k", "echo").get();
  ASSERT_TRUE(payload.ok()) << payload.error();
  EXPECT_EQ(*payload, "");
  auto none = test::replayResponse(200, "{}");
  EXPECT_EQ(makeHandle<RpcApi>(none.core).call("echo").get().value(), "") << "a missing payload is an empty one";
}

TEST(Rpc, UnwrapSendsAndReturnsRawBodies) {
  {
    const auto& t = transcript("rpc_echo_unwrap_session");
    auto r = replay(t);
    RpcOptions options;
    options.unwrap = true;
    auto payload = makeHandle<RpcApi>(r.core).call("echo", "{\"hello\":\"world\",\"n\":1}", options).get();
    expectSameRequest(r.onlyRequest(), t);
    EXPECT_EQ(r.onlyRequest().body, "{\"hello\":\"world\",\"n\":1}");
    ASSERT_TRUE(payload.ok()) << payload.error();
    EXPECT_EQ(*payload, t.responseBody);
  }
  {
    const auto& t = transcript("rpc_echo_unwrap_http_key");
    auto r = replay(t);
    RpcOptions options;
    options.unwrap = true;
    auto payload =
        makeHandle<RpcApi>(r.core).callWithHttpKey("defaulthttpkey", "echo", "{\"raw\":true}", options).get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(payload.ok()) << payload.error();
    EXPECT_EQ(*payload, "{\"raw\":true}");
  }
  {
    auto r = test::replayResponse(200, "not json at all");
    RpcOptions options;
    options.unwrap = true;
    auto payload = makeHandle<RpcApi>(r.core).call("echo", "plain text", options).get();
    ASSERT_TRUE(payload.ok()) << payload.error();
    EXPECT_EQ(*payload, "not json at all") << "unwrapped answers are not parsed";
  }
}

TEST(Rpc, UppercaseIdAndEscapedPayloads) {
  {
    const auto& t = transcript("rpc_echo_uppercase_id");
    auto r = replay(t);
    auto payload = makeHandle<RpcApi>(r.core).call("ECHO", "{\"x\":1}").get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(payload.ok());
    EXPECT_EQ(*payload, "{\"x\":1}");
  }
  {
    const auto& t = transcript("rpc_echo_html_and_unicode");
    auto r = replay(t);
    auto payload = makeHandle<RpcApi>(r.core).call("echo", sentPayload(t)).get();
    expectSameRequest(r.onlyRequest(), t);
    ASSERT_TRUE(payload.ok()) << payload.error();
    EXPECT_EQ(*payload, sentPayload(t)) << "\\u003c escapes decode back to the text sent";
    EXPECT_NE(payload->find("<b>Tom & Jerry</b>"), std::string::npos);
    EXPECT_NE(payload->find("ねこ"), std::string::npos);
  }
}

TEST(Rpc, RecordedErrors) {
  // Requests the SDK cannot produce (empty or object bodies): only the error mapping is checked.
  for (const char* name : {"rpc_echo_empty_body_rejected", "rpc_echo_object_body_not_string"}) {
    const auto& t = transcript(name);
    auto r = replay(t);
    expectRecordedError(makeHandle<RpcApi>(r.core).call("echo", "x").get(), t);
  }
  {
    const auto& t = transcript("rpc_unknown");
    auto r = replay(t);
    auto result = makeHandle<RpcApi>(r.core).call("no_such_rpc_1795464486", "{}").get();
    expectSameRequest(r.onlyRequest(), t);
    expectRecordedError(result, t);
  }
  {
    const auto& t = transcript("rpc_fail");  // {"code":13,"error":{},"message":"boom from rpc"}
    auto r = replay(t);
    auto result = makeHandle<RpcApi>(r.core).call("fail", "{}").get();
    expectSameRequest(r.onlyRequest(), t);
    expectRecordedError(result, t);
    EXPECT_EQ(r.transport->requests().size(), 1u) << "an RPC is not retried by default, even on a 500";
  }
  {
    const auto& t = transcript("rpc_wrong_http_key");
    auto r = replay(t);
    auto result = makeHandle<RpcApi>(r.core).callWithHttpKey("wrong", "echo", "{}").get();
    expectSameRequest(r.onlyRequest(), t);
    expectRecordedError(result, t);
  }
  {
    const auto& t = transcript("rpc_no_auth");
    auto r = replay(t);
    expectRecordedError(makeHandle<RpcApi>(r.core).callWithHttpKey("k", "echo", "{}").get(), t);
  }
}

TEST(Rpc, IdempotentOptionAllowsRetries) {
  auto r = replay(transcript("rpc_fail"));
  CallOptions call;
  call.idempotent = true;
  call.retry = RetryPolicy{};
  call.retry->baseDelay = std::chrono::milliseconds(1);
  EXPECT_FALSE(makeHandle<RpcApi>(r.core).call("fail", "{}", {}, call).get().ok());
  EXPECT_EQ(r.transport->requests().size(), 3u);
}

TEST(Rpc, ExtraQueryParametersAndArgumentErrors) {
  auto r = test::replayResponse(200, "{\"payload\":\"ok\"}");
  RpcOptions options;
  options.query = {{"a b", "c&d"}};
  EXPECT_EQ(makeHandle<RpcApi>(r.core).call("hook/1", "", options).get().value(), "ok");
  EXPECT_EQ(r.onlyRequest().target, "/v2/rpc/hook%2F1?a%20b=c%26d");

  auto none = test::replayResponse(200, "{}");
  auto api = makeHandle<RpcApi>(none.core);
  EXPECT_EQ(api.call("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.callWithHttpKey("", "echo").get().error().kind, ErrorKind::kInvalidArgument);
  RpcOptions reserved;
  reserved.query = {{"http_key", "x"}};
  EXPECT_EQ(api.call("echo", "", reserved).get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(api.call("echo", "\xc3\x28").get().error().kind, ErrorKind::kInvalidArgument) << "invalid UTF-8";
  EXPECT_TRUE(none.transport->requests().empty());
}

}  // namespace
}  // namespace nakama
