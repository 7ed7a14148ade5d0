// Liveness probe and automatic reconnection (rejoin of channels, status follows, status and party;
// onMatchLost for matches), with the fake transport.

#include <atomic>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rt_captured_frames.h"
#include "rt_fake_ws.h"

namespace nakama::test {
namespace {

using Json = nlohmann::json;

RtSocketOptions reconnectingOptions() {
  auto options = quietOptions();
  options.reconnect = true;
  options.reconnectBaseDelay = 5ms;
  options.reconnectMaxDelay = 20ms;
  options.reconnectJitter = false;
  options.reconnectMaxAttempts = 3;
  return options;
}

/// The frames sent on `ws`, keyed by their message name.
std::map<std::string, Json> sentByKey(const FakeWs& ws) {
  std::map<std::string, Json> out;
  for (const auto& text : ws.sent()) {
    auto frame = Json::parse(text);
    for (auto it = frame.begin(); it != frame.end(); ++it) {
      if (it.key() != "cid") out[it.key()] = frame;
    }
  }
  return out;
}

class RtReconnectTest : public RtSocketFixture {};

TEST_F(RtReconnectTest, PingTimeoutDeclaresTheConnectionDead) {
  auto options = quietOptions();
  options.pingInterval = 30ms;
  options.pongTimeout = 60ms;
  build(options);
  auto ws = connect();
  Recorder<DisconnectInfo> disconnects;
  auto sub = socket.onDisconnect(disconnects.handler());
  auto pending = socket.rpc("never answered");

  // First probe: answered.
  EXPECT_TRUE(eventually([&] { return ws->sentCount() >= 2; }));
  auto probe = ws->sentJson(1);
  ASSERT_TRUE(probe.contains("ping"));
  ws->receive(Json{{"cid", probe["cid"]}, {"pong", Json::object()}}.dump());
  // Second probe: not answered.
  EXPECT_TRUE(eventually([&] { return ws->sentCount() >= 3; }));
  EXPECT_TRUE(ws->sentJson(2).contains("ping"));

  ASSERT_TRUE(eventually([&] { return disconnects.size() == 1; }));
  auto info = disconnects.values()[0];
  EXPECT_EQ(info.code, 1006);
  EXPECT_FALSE(info.requested);
  EXPECT_FALSE(info.willReconnect);
  EXPECT_EQ(await(pending).error().kind, ErrorKind::kDisconnected);
  EXPECT_TRUE(ws->closed());
  EXPECT_EQ(socket.state(), ConnectionState::kDisconnected);
}

TEST_F(RtReconnectTest, AnsweredProbesKeepTheConnection) {
  auto options = quietOptions();
  options.pingInterval = 10ms;
  options.pongTimeout = 200ms;
  build(options);
  auto ws = connect();
  std::size_t answered = 0;
  const auto deadline = std::chrono::steady_clock::now() + 300ms;
  while (std::chrono::steady_clock::now() < deadline) {
    while (answered < ws->sentCount()) {
      auto frame = ws->sentJson(answered++);
      ws->receive(Json{{"cid", frame["cid"]}, {"pong", Json::object()}}.dump());
    }
    std::this_thread::sleep_for(2ms);
  }
  EXPECT_GE(answered, 5u);
  EXPECT_TRUE(socket.isConnected());
}

TEST_F(RtReconnectTest, ReconnectsAndRestoresChannelsFollowsStatusAndPartyButLosesMatches) {
  build(reconnectingOptions());
  auto ws = connect();
  Recorder<ConnectionState> states;
  Recorder<DisconnectInfo> disconnects;
  Recorder<std::string> lost;
  Recorder<Error> errors;
  std::atomic<int> connects{0};
  auto s1 = socket.onStateChange(states.handler());
  auto s2 = socket.onDisconnect(disconnects.handler());
  auto s3 = socket.onMatchLost(lost.handler());
  auto s4 = socket.onError(errors.handler());
  auto s5 = socket.onConnect([&] { ++connects; });

  // Build up state: a room (not persisted), a hidden DM, follows, a status, a party, a match.
  auto room = socket.joinChat("ref_shared_room", ChannelType::kRoom, false);
  ws->reply(0, frames::kChannelJoinReply);
  ASSERT_TRUE(await(room).ok());
  auto dm = socket.joinChat("a44aba12-f041-49fa-8479-083c27a49158", ChannelType::kDirectMessage, true, true);
  ws->reply(1, frames::kDmChannelJoinReply);
  ASSERT_TRUE(await(dm).ok());
  auto follow = socket.followUsers({"a44aba12-f041-49fa-8479-083c27a49158"}, {"carol"});
  ws->reply(2, frames::kStatusFollowReply);
  ASSERT_TRUE(await(follow).ok());
  auto status = socket.updateStatus("ref busy");
  ws->reply(3, frames::kAckReply);
  ASSERT_TRUE(await(status).ok());
  auto party = socket.createParty(true, 4);
  ws->reply(4, frames::kPartyCreateReply);
  ASSERT_TRUE(await(party).ok());
  auto match = socket.createMatch();
  ws->reply(5, frames::kMatchCreateReply);
  ASSERT_TRUE(await(match).ok());
  auto pending = socket.rpc("in flight");
  ws->sentJson(6);

  ws->serverClose(1005, "");
  EXPECT_EQ(await(pending).error().kind, ErrorKind::kDisconnected);
  ASSERT_TRUE(eventually([&] { return disconnects.size() == 1; }));
  EXPECT_TRUE(disconnects.values()[0].willReconnect);
  EXPECT_EQ(await(socket.rpc("while reconnecting"), 100ms).error().kind, ErrorKind::kDisconnected);

  auto next = factory->wait(1);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->url(), ws->url());
  next->open();
  ASSERT_TRUE(eventually([&] { return connects == 1 && lost.size() == 1; }));
  EXPECT_EQ(lost.values()[0], "c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.");
  EXPECT_EQ(socket.state(), ConnectionState::kConnected);
  EXPECT_EQ(states.values(),
            (std::vector<ConnectionState>{ConnectionState::kReconnecting, ConnectionState::kConnected}));

  // Rejoin requests on the new connection.
  ASSERT_TRUE(eventually([&] { return next->sentCount() >= 5; }));
  std::vector<Json> joins;
  for (const auto& text : next->sent()) {
    auto frame = Json::parse(text);
    if (frame.contains("channel_join")) joins.push_back(frame["channel_join"]);
  }
  ASSERT_EQ(joins.size(), 2u);
  std::sort(joins.begin(), joins.end(), [](const Json& a, const Json& b) { return a["type"] < b["type"]; });
  EXPECT_EQ(joins[0], (Json{{"target", "ref_shared_room"}, {"type", 1}, {"persistence", false}, {"hidden", false}}));
  EXPECT_EQ(
      joins[1],
      (Json{{"target", "a44aba12-f041-49fa-8479-083c27a49158"}, {"type", 2}, {"persistence", true}, {"hidden", true}}));
  auto sent = sentByKey(*next);
  ASSERT_TRUE(sent.count("status_follow"));
  EXPECT_EQ(sent["status_follow"]["status_follow"],
            (Json{{"user_ids", {"a44aba12-f041-49fa-8479-083c27a49158"}}, {"usernames", {"carol"}}}));
  ASSERT_TRUE(sent.count("status_update"));
  EXPECT_EQ(sent["status_update"]["status_update"], (Json{{"status", "ref busy"}}));
  ASSERT_TRUE(sent.count("party_join"));
  EXPECT_EQ(sent["party_join"]["party_join"], (Json{{"party_id", "42b5d058-4d0a-4268-acef-ac5550120e50.ref_nk"}}));
  EXPECT_FALSE(sent.count("match_join"));

  // A failed rejoin is reported through onError.
  for (std::size_t i = 0; i < next->sentCount(); ++i) {
    auto frame = next->sentJson(i);
    if (frame.contains("party_join")) {
      next->receive(Json{{"cid", frame["cid"]}, {"error", {{"code", 3}, {"message", "Party not found"}}}}.dump());
    } else if (frame.contains("status_follow")) {
      next->reply(i, frames::kStatusFollowReply);
    } else if (frame.contains("status_update")) {
      next->reply(i, frames::kAckReply);
    } else if (frame.contains("channel_join")) {
      next->reply(i, frame["channel_join"]["type"] == 1 ? frames::kChannelJoinReply : frames::kDmChannelJoinReply);
    }
  }
  ASSERT_TRUE(eventually([&] { return errors.size() == 1; }));
  EXPECT_EQ(errors.values()[0].realtimeCode, RealtimeCode::kBadInput);
  EXPECT_THAT(errors.values()[0].message, ::testing::HasSubstr("Party not found"));

  // The match is not rejoined after a second loss either (it was dropped); channels still are.
  next->serverClose(1006, "");
  auto third = factory->wait(2);
  ASSERT_TRUE(third);
  third->open();
  ASSERT_TRUE(eventually([&] { return connects == 2; }));
  ASSERT_TRUE(eventually([&] { return third->sentCount() >= 4; }));
  auto again = sentByKey(*third);
  EXPECT_TRUE(again.count("channel_join"));
  EXPECT_FALSE(again.count("party_join"));  // the party rejoin failed: forgotten
  EXPECT_EQ(lost.size(), 1u);
}

TEST_F(RtReconnectTest, RequestedCloseDoesNotReconnect) {
  build(reconnectingOptions());
  auto ws = connect();
  socket.close();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(factory->count(), 1u);
  EXPECT_EQ(socket.state(), ConnectionState::kDisconnected);
}

TEST_F(RtReconnectTest, CloseWhileReconnectingStops) {
  auto options = reconnectingOptions();
  options.reconnectBaseDelay = 200ms;
  build(options);
  auto ws = connect();
  ws->serverClose(1005, "");
  EXPECT_EQ(socket.state(), ConnectionState::kReconnecting);
  auto waiter = socket.connect();  // joins the reconnection
  socket.close();
  EXPECT_EQ(await(waiter).error().kind, ErrorKind::kCancelled);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(factory->count(), 1u);
  EXPECT_EQ(socket.state(), ConnectionState::kDisconnected);
}

TEST_F(RtReconnectTest, GivesUpAfterMaxAttempts) {
  build(reconnectingOptions());
  auto ws = connect();
  Recorder<Error> errors;
  Recorder<std::string> lost;
  Recorder<ConnectionState> states;
  auto s1 = socket.onError(errors.handler());
  auto s2 = socket.onMatchLost(lost.handler());
  auto s3 = socket.onStateChange(states.handler());
  auto match = socket.joinMatch("c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.");
  ws->reply(0, frames::kMatchJoinReply);
  ASSERT_TRUE(await(match).ok());

  ws->serverClose(1005, "");
  auto waiter = socket.connect();
  for (std::size_t i = 1; i <= 3; ++i) {
    auto attempt = factory->wait(i);
    ASSERT_TRUE(attempt) << "attempt " << i;
    attempt->fail(internal::WsFailure{std::nullopt, "Connection refused", false});
  }
  auto result = await(waiter);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kConnectionFailed);
  ASSERT_TRUE(eventually([&] { return errors.size() == 1 && lost.size() == 1; }));
  EXPECT_THAT(errors.values()[0].message, ::testing::HasSubstr("gave up reconnecting after 3 attempts"));
  EXPECT_EQ(lost.values()[0], "c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8.");
  EXPECT_EQ(states.values().back(), ConnectionState::kDisconnected);
  EXPECT_EQ(socket.state(), ConnectionState::kDisconnected);
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(factory->count(), 4u);
}

TEST_F(RtReconnectTest, AuthenticationFailureStopsReconnecting) {
  build(reconnectingOptions());
  auto ws = connect();
  Recorder<Error> errors;
  auto sub = socket.onError(errors.handler());
  ws->serverClose(1005, "");
  auto attempt = factory->wait(1);
  ASSERT_TRUE(attempt);
  attempt->fail(internal::WsFailure{401, "HTTP 401", false});  // no refresh token: cannot recover
  ASSERT_TRUE(eventually([&] { return errors.size() == 1; }));
  EXPECT_EQ(errors.values()[0].kind, ErrorKind::kSessionExpired);
  EXPECT_EQ(socket.state(), ConnectionState::kDisconnected);
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(factory->count(), 2u);
}

TEST_F(RtReconnectTest, WithoutReconnectMatchesAreLostRightAfterTheDisconnect) {
  auto ws = connect();
  std::vector<std::string> order;
  auto s1 = socket.onMatchLost([&](const std::string& id) { order.push_back("lost " + id); });
  auto s2 = socket.onDisconnect([&](const DisconnectInfo&) { order.push_back("disconnect"); });
  auto match = socket.createMatch();
  ws->reply(0, frames::kMatchCreateReply);
  ASSERT_TRUE(await(match).ok());
  auto leave = socket.createMatch("ref_named_776151621");
  ws->reply(1, frames::kMatchCreateNamedReply);
  ASSERT_TRUE(await(leave).ok());
  auto left = socket.leaveMatch("84599aab-ff4d-53ae-911b-c4770a4c1057.");
  ws->reply(2, frames::kAckReply);
  ASSERT_TRUE(await(left).ok());
  ws->serverClose(1005, "");
  ASSERT_TRUE(eventually([&] { return order.size() == 2; }));
  EXPECT_EQ(order, (std::vector<std::string>{"disconnect", "lost c95d7e5e-672c-4f2a-bbdc-f54223cdf0f8."}));
}

TEST_F(RtReconnectTest, JitteredDelaysStayWithinTheBackoff) {
  auto options = reconnectingOptions();
  options.reconnectJitter = true;
  options.reconnectBaseDelay = 1ms;
  options.reconnectMaxDelay = 5ms;
  options.reconnectMaxAttempts = 0;  // unlimited
  build(options);
  auto ws = connect();
  ws->serverClose(1005, "");
  for (std::size_t i = 1; i <= 10; ++i) {
    auto attempt = factory->wait(i, 1000ms);
    ASSERT_TRUE(attempt) << "attempt " << i;
    attempt->fail(internal::WsFailure{std::nullopt, "refused", false});
  }
  EXPECT_EQ(socket.state(), ConnectionState::kReconnecting);
  auto last = factory->wait(11, 1000ms);
  ASSERT_TRUE(last);
  last->open();
  EXPECT_TRUE(eventually([&] { return socket.isConnected(); }));
}

}  // namespace
}  // namespace nakama::test
